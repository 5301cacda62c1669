"""Smoke test of ``benchmarks/compare.py``: one quick round on a three-file project.

No network and no corpus: ``--single --quick --no-fetch`` on a temporary project.
It needs ruff, which the dev extras install.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
COMPARE = REPO_ROOT / "benchmarks" / "compare.py"

FILES = {
    "pyproject.toml": '[project]\nname = "shop"\nversion = "0.1.0"\n',
    "shop/main.py": (
        "from fastapi import FastAPI\n\n"
        "from shop.routers import items\n\n"
        'app = FastAPI(title="Shop")\n'
        'app.include_router(items.router, prefix="/items", tags=["items"])\n'
    ),
    "shop/routers/items.py": (
        "from fastapi import APIRouter\n\n"
        "from shop.models import Item\n\n"
        "router = APIRouter()\n\n\n"
        '@router.get("/{item_id}")\n'
        "def read_item(item_id: int) -> Item:\n"
        '    return Item(id=item_id, name="x")\n'
    ),
    "shop/models.py": (
        "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    id: int\n    name: str\n"
    ),
}

ROWS = (
    "1. cold, --no-cache",
    "2. warm, nothing changed",
    "3. pre-commit, 1 file changed (shop/routers/items.py)",
    "3. pre-commit vs ruff cold on all of",
    "5. peak RSS, cold",
    "6. floor: ast.parse of 3/3 pre-scan hits",
    "7. start-up, --version",
)


def load_compare() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fastlint_bench_compare", COMPARE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def make_project(root: Path) -> dict[str, str]:
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return {rel: (root / rel).read_text(encoding="utf-8") for rel in FILES}


def run_compare(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(COMPARE), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO_ROOT,
    )


def test_quick_run_on_a_small_project(tmp_path: Path) -> None:
    project = tmp_path / "shop-project"
    before = make_project(project)
    report = tmp_path / "report.json"

    result = run_compare(str(project), "--single", "--quick", "--no-fetch", "--json", str(report))

    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout
    for row in ROWS:
        assert re.search(rf"^\| {re.escape(row)}", table, re.MULTILINE), (row, table)
    assert ("cache: available" in table) or ("cache: not available" in table)
    if "jobs: not available" not in table:
        assert "| 4. cold, --jobs 1 " in table, table
    assert "MISSED" in table or "met" in table  # targets are printed next to the ratios

    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["files"] == 3
    assert data["repeat"] == 1
    assert not data["errors"]
    cold = next(row for row in data["rows"] if row["scenario"] == "1. cold, --no-cache")
    assert cold["fastlint"]["median"] > 0 and cold["ruff"]["median"] > 0
    assert cold["ratio"]["median"] > 0
    assert len(data["scenarios"]["cold"]["rounds"]) == 1
    # The pre-commit scenario edits a copy, never the project itself.
    assert {rel: (project / rel).read_text(encoding="utf-8") for rel in FILES} == before
    assert not (project / ".git").exists()


def test_missing_dir_with_no_fetch_is_an_error(tmp_path: Path) -> None:
    result = run_compare(str(tmp_path / "absent"), "--quick", "--no-fetch")

    assert result.returncode == 2
    assert "no such directory, and --no-fetch" in result.stderr


def test_a_project_above_the_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n", encoding="utf-8")
    inner = tmp_path / "inner"
    make_project(inner)
    (inner / "pyproject.toml").unlink()

    result = run_compare(str(inner), "--single", "--quick", "--no-fetch")

    assert result.returncode == 2
    assert f"fastlint would read the project at {tmp_path}" in result.stderr


def test_pins_match_the_shared_script() -> None:
    compare = load_compare()
    pins = {(p.requirement, p.kind, p.sha256) for p in compare.read_pins()}
    assert len(pins) == 7
    script = compare.GET_CORPUS
    if not script.is_file():
        pytest.skip(f"{script} is not in this checkout")
    text = script.read_text(encoding="utf-8")
    block = re.search(r"^PINS=\((.*?)^\)", text, re.MULTILINE | re.DOTALL)
    assert block is not None
    in_script = {tuple(entry.split()) for entry in re.findall(r'"([^"]+)"', block.group(1))}
    assert in_script == pins


def test_unpack_keeps_only_python_files(tmp_path: Path) -> None:
    compare = load_compare()
    wheel = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("pkg/__init__.py", "x = 1\n")
        archive.writestr("pkg/data.json", "{}")
    sdist = tmp_path / "pkg-1.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for name, data in (("pkg-1.0/pkg/a.py", b"a = 1\n"), ("pkg-1.0/README", b"r")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))

    assert compare._unpack_python_files(wheel, tmp_path / "w", "wheel") == 1
    assert compare._unpack_python_files(sdist, tmp_path / "s", "sdist") == 1
    assert (tmp_path / "w" / "pkg" / "__init__.py").read_text() == "x = 1\n"
    assert (tmp_path / "s" / "pkg" / "a.py").read_text() == "a = 1\n"
    assert not (tmp_path / "w" / "pkg" / "data.json").exists()


def test_snapshot_freezes_the_code_that_is_timed(tmp_path: Path) -> None:
    project = tmp_path / "shop-project"
    make_project(project)
    skips = [
        arg for name in ("cold", "warm", "precommit", "rss", "floor") for arg in ("--skip", name)
    ]

    result = run_compare(
        str(project), "--single", "--quick", "--no-fetch", "--snapshot", "worktree", *skips
    )

    assert result.returncode == 0, result.stdout + result.stderr
    imports = re.search(r"^ +imports (\S+)$", result.stdout, re.MULTILINE)
    assert imports is not None, result.stdout
    assert "fastlint-compare-" in imports.group(1)
    assert "snapshot/src/fastlint" in Path(imports.group(1)).as_posix()
    assert "| 7. start-up, --version" in result.stdout
