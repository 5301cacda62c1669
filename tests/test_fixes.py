"""Every fix, before -> after, on fixture projects under ``tests/fix_cases/``.

Each case has ``before/`` (what the user wrote) and ``after/`` (what
``fastlint check --fix --unsafe-fixes`` must leave): the fixed tree must equal
``after/`` byte for byte, a second run must change nothing, and ``--diff`` on
``before/`` must write nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent / "fix_cases"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "before").is_dir())


def _fastlint(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*.py"))
        if p.is_file()
    }


def _project(case: str, tmp_path: Path) -> Path:
    root = tmp_path / case
    shutil.copytree(CASES / case / "before", root)
    config = CASES / case / "pyproject.toml"  # a case's own settings, if it needs any
    text = config.read_text(encoding="utf-8") if config.exists() else "[tool.fastlint]\n"
    (root / "pyproject.toml").write_text(text, encoding="utf-8")
    return root


def _findings(root: Path) -> Counter[tuple[str, str]]:
    report = _fastlint(root, "--output-format", "json", "--exit-zero")
    return Counter((f["path"], f["code"]) for f in json.loads(report.stdout))


@pytest.mark.parametrize("case", CASE_NAMES)
def test_fix_gives_the_expected_tree(case: str, tmp_path: Path) -> None:
    root = _project(case, tmp_path)
    before = _findings(root)
    first = _fastlint(root, "--fix", "--unsafe-fixes")
    assert "Traceback" not in first.stderr, first.stderr
    expected = _tree(CASES / case / "after")
    fixed = _tree(root)
    for path in expected:
        assert fixed[path].decode() == expected[path].decode(), path
    assert fixed == expected
    again = _fastlint(root, "--fix", "--unsafe-fixes")
    assert _tree(root) == expected, "a second --fix changed the tree"
    assert "fixed," not in again.stdout
    after = _findings(root)
    assert after < before, f"a fix introduced a finding: {after - before}"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_diff_writes_nothing(case: str, tmp_path: Path) -> None:
    root = _project(case, tmp_path)
    before = _tree(root)
    result = _fastlint(root, "--diff", "--unsafe-fixes")
    assert _tree(root) == before
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/")
