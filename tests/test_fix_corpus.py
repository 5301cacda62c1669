"""The fix check (``scripts/fix_corpus.py``) on a small sample project: every fix applied
to a copy leaves the changed files parseable, a second run changes nothing, and no fix
introduces a finding. The whole PyPI corpus runs the same script by hand (see its docstring)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "fix_corpus.py"
SAMPLE = ROOT / "tests" / "data" / "fix_corpus"
# The rules whose fixes the sample exercises, each at least once.
FIXED_CODES = {"FL101", "FL102", "FL502", "FL601", "FL602", "FL603"}


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fix_corpus", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fix_corpus"] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


fix_corpus = _load()


def _tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("fix-corpus")
    committed = _tree(SAMPLE)
    completed = _run(SAMPLE, "--json", out / "report.json", "--keep", out / "copies")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert _tree(SAMPLE) == committed, "the script wrote into the committed sample"
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report["_copies"] = str(out / "copies")
    report["_stdout"] = completed.stdout
    return report


def test_sample_is_fixed_without_violations(sample_report: dict[str, Any]) -> None:
    total = sample_report["total"]
    assert [project["name"] for project in sample_report["projects"]] == ["shop"]
    assert total["violation_counts"] == {}
    assert total["fixed"] > 0
    assert total["files_changed"] > 0
    assert total["findings_after"] < total["findings_before"]
    assert "violations: none" in sample_report["_stdout"]


def test_every_fix_of_the_sample_is_applied(sample_report: dict[str, Any]) -> None:
    codes = sample_report["total"]["codes"]
    assert set(codes) >= FIXED_CODES
    for code in FIXED_CODES:
        assert codes[code]["fixed"] > 0, code
        assert codes[code]["fix_left"] == 0, code
        # what the fix run says it fixed agrees with the findings before and after
        assert codes[code]["reported_fixed"] == codes[code]["fixed"], code


def test_the_copy_is_fixed_and_the_sample_is_not(sample_report: dict[str, Any]) -> None:
    copies = Path(sample_report["_copies"])
    fixed = (copies / "shop" / "app" / "schemas.py").read_text(encoding="utf-8")
    assert "class Config" not in fixed and "from_attributes=True" in fixed
    committed = (SAMPLE / "shop" / "app" / "schemas.py").read_text(encoding="utf-8")
    assert "class Config" in committed


def test_a_fix_that_breaks_the_rules_is_reported(tmp_path: Path) -> None:
    """The checks themselves: a changed file that does not compile, a new finding."""
    old = b"def f(limit=1):\n    return g(limit=limit)\n"
    broken = b"def f(limit=1):\n    return g(limit=limit, limit=2)\n"
    kinds = [v.kind for v in fix_corpus.check_changed_file("m.py", old, broken)]
    assert kinds == ["does-not-compile"]
    unparseable = fix_corpus.check_changed_file("m.py", old, b"def f(:\n")
    assert [v.kind for v in unparseable] == ["unparseable"]
    crlf = fix_corpus.check_changed_file("m.py", b"x = 1\r\ny = 2\r\n", b"x = 1\r\ny = 3\n")
    assert [v.kind for v in crlf] == ["line-endings"]

    # A message quoting a line number matches across a shift; another message does not.
    before = [{"path": "a.py", "code": "FL102", "message": "returns a value on line 12"}]
    shifted = [{"path": "a.py", "code": "FL102", "message": "returns a value on line 13"}]
    report = fix_corpus.ProjectReport(name="p", source="")
    fix_corpus._check_subset(report, before, shifted, {}, {})
    assert report.violations == []
    new = [{**shifted[0], "code": "FL103", "line": 1, "column": 1}]
    fix_corpus._check_subset(report, before, new, {}, {})
    assert [v.kind for v in report.violations] == ["new-finding"]


def test_layout_slips_are_reported_without_failing() -> None:
    report = fix_corpus.ProjectReport(name="p", source="")
    old = {"a.py": (b"f(\n    1\n)\n", 0o644)}
    new = {"a.py": (b"f(\n    1, \n2)\n", 0o644)}
    fix_corpus._compare_trees(report, old, new)
    assert report.violations == []
    assert [entry.kind for entry in report.style] == ["trailing-whitespace"]
    assert report.files_changed == 1 and report.changed_files == ["a.py"]


def test_pyflakes_comparison_sees_an_undefined_name(tmp_path: Path) -> None:
    ruff = fix_corpus._ruff_command()
    if ruff is None:
        pytest.skip("ruff is not installed")
    (tmp_path / "m.py").write_text("x = status.HTTP_201_CREATED\n", encoding="utf-8")
    found = fix_corpus.run_pyflakes(ruff, tmp_path, 60)
    assert found == {("m.py", "F821", "Undefined name `status`"): 1}
