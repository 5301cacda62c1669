"""fastlint reads code and never runs it: a project whose every module, conftest,
``sitecustomize``, ``setup.py`` and ``__init__`` writes a marker file when
imported is checked, fixed, baselined and reported on; no marker appears."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TRAP = 'import pathlib; pathlib.Path({marker!r}).write_text("ran")\n'
APP = """from fastapi import APIRouter, FastAPI, status
from pydantic import BaseModel


class Item(BaseModel):
    class Config:
        orm_mode = True


router = APIRouter(prefix="/items", tags=["items"])


@router.delete("/{{item_id}}")
def delete_item(item_id: int) -> None: ...


app = FastAPI()
app.include_router(router)
"""


def _project(root: Path, markers: Path) -> list[Path]:
    files = {
        "app/__init__.py": "",
        "app/main.py": APP,
        "conftest.py": "",
        "sitecustomize.py": "",
        "usercustomize.py": "",
        "setup.py": "",
        "app/__main__.py": "",
    }
    written: list[Path] = []
    for index, (name, body) in enumerate(sorted(files.items())):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        marker = markers / f"marker-{index}"
        path.write_text(TRAP.format(marker=str(marker)) + body, encoding="utf-8")
        written.append(marker)
    (root / "pyproject.toml").write_text(
        '[tool.fastlint]\n[build-system]\nrequires = ["setuptools"]\n', encoding="utf-8"
    )
    return written


def test_no_command_imports_the_project(tmp_path: Path) -> None:
    root, markers = tmp_path / "project", tmp_path / "markers"
    root.mkdir()
    markers.mkdir()
    expected = _project(root, markers)
    env = {**os.environ, "FASTLINT_CACHE_DIR": str(tmp_path / "c")}
    env.pop("PYTHONPATH", None)
    entry = Path(sys.executable).with_name("fastlint")  # the console script users run
    commands = [
        ["check", "."],
        ["check", ".", "--output-format", "sarif"],
        ["check", ".", "--diff", "--unsafe-fixes"],
        ["check", ".", "--write-baseline", str(tmp_path / "baseline.json")],
        ["check", ".", "--baseline", str(tmp_path / "baseline.json")],
        ["check", ".", "--fix", "--unsafe-fixes"],
        ["routes", "."],
        ["routes", ".", "--format", "json"],
    ]
    for command in commands:
        done = subprocess.run(
            [str(entry), *command],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert "Traceback" not in done.stderr, (command, done.stderr)
        assert not [m for m in expected if m.exists()], f"{command} ran project code"
    fixed = (root / "app" / "main.py").read_text(encoding="utf-8")
    assert "model_config = ConfigDict(from_attributes=True)" in fixed  # the fix did run
    assert "status_code=status.HTTP_204_NO_CONTENT" in fixed
