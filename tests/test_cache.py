"""The cache and the workers never change a result: cached, uncached and
parallel runs print the same bytes; broken entries are ignored."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fastlint.cache import Cache, content_digest
from fastlint.config import Settings
from fastlint.engine import CheckResult, run_check
from fastlint.filepass import summarize
from fastlint.findings import Finding
from fastlint.rules import registry
from fastlint.summary import Import, Name

SAMPLE = Path(__file__).parent / "data" / "fastapi_docs_src"
FIXTURES = Path(__file__).parent / "fixtures"


def _fastlint(root: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FASTLINT_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", "--exit-zero", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A few hundred files: the FastAPI docs sample plus every fixture project."""
    root = tmp_path / "project"
    shutil.copytree(SAMPLE, root / "docs_src")
    shutil.copytree(FIXTURES, root / "fixtures")
    (root / "pyproject.toml").write_text("[tool.fastlint]\n", encoding="utf-8")
    return root


def test_cached_uncached_and_parallel_runs_agree(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    uncached = _fastlint(project, cache, "--no-cache", "--jobs", "1")
    assert not cache.exists(), "--no-cache wrote a cache"
    parallel = _fastlint(project, cache, "--no-cache", "--jobs", "2")
    first = _fastlint(project, cache, "--jobs", "2")  # fills the cache
    assert cache.exists()
    warm = _fastlint(project, cache)  # nothing changed: last run's results
    for run in (parallel, first, warm):
        assert run.stdout == uncached.stdout
        assert run.returncode == uncached.returncode
    assert uncached.stdout.count(" FL") > 20  # the sample really has findings
    json_uncached = _fastlint(project, cache, "--no-cache", "--output-format", "json")
    json_warm = _fastlint(project, cache, "--output-format", "json")
    assert json_warm.stdout == json_uncached.stdout


def test_a_changed_file_is_seen(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    target = project / "app.py"
    target.write_text(
        "from fastapi import FastAPI\napp = FastAPI()\n\n"
        '@app.get("/x", tags=["x"])\ndef x() -> None: ...\n',
        encoding="utf-8",
    )
    _fastlint(project, cache)
    target.write_text(
        target.read_text() + '\n@app.delete("/y", tags=["y"])\ndef y() -> None: ...\n'
    )
    after = _fastlint(project, cache)
    assert "app.py:7:1: FL102" in after.stdout
    target.write_text(target.read_text().replace("/y", "/z"))  # same size, new content
    again = _fastlint(project, cache)
    assert again.stdout == _fastlint(project, cache, "--no-cache").stdout


def test_corrupt_entries_are_ignored_and_rewritten(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = _fastlint(project, cache).stdout
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for index, entry in enumerate(entries):
        entry.write_bytes(b"" if index % 2 else b"\x80\x05garbage")
    broken = _fastlint(project, cache)
    assert broken.stdout == expected
    assert "Traceback" not in broken.stderr
    assert _fastlint(project, cache).stdout == expected


def test_cache_dir_option_and_clean(project: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    _fastlint(project, tmp_path / "unused", "--cache-dir", str(chosen))
    assert chosen.exists() and not (tmp_path / "unused").exists()
    cleaned = subprocess.run(
        [sys.executable, "-m", "fastlint", "clean", "--cache-dir", str(chosen)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert cleaned.returncode == 0 and "removed" in cleaned.stdout
    assert not chosen.exists()


def test_config_cache_dir_is_relative_to_the_project(project: Path, tmp_path: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.fastlint]\ncache-dir = ".fl-cache"\n')
    _fastlint(project, tmp_path / "unused")
    assert (project / ".fl-cache").is_dir()


def test_digest_covers_path_and_content(tmp_path: Path) -> None:
    assert content_digest("a.py", b"x") != content_digest("b.py", b"x")
    assert content_digest("a.py", b"x") != content_digest("a.py", b"y")
    cache = Cache(tmp_path / "c", tmp_path)
    assert cache.summary("") is None and cache.results("0" * 32) is None


def _check(root: Path, cache_dir: Path) -> CheckResult:
    return run_check(
        [root], root, Settings(), frozenset(registry.RULE_INFOS), cache=Cache(cache_dir, root)
    )


def test_an_edit_that_keeps_every_summary_reuses_the_findings(tmp_path: Path) -> None:
    """A comment (or a changed string in a function body the summary does not
    record) leaves the summaries as they were: the findings are reused without a
    project pass; an edit that changes a summary is analysed again."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "xfile_auth_alias", root)
    cache_dir = tmp_path / "cache"
    first = _check(root, cache_dir)
    assert first.project is not None and first.findings
    target = next(p for p in sorted(root.rglob("*.py")) if "APIRouter" in p.read_text())
    target.write_text(target.read_text() + "# a comment\n", encoding="utf-8")
    commented = _check(root, cache_dir)
    assert commented.project is None, "the project pass ran for a comment"
    assert commented.findings == first.findings
    target.write_text("_edit = 1\n" + target.read_text(), encoding="utf-8")  # lines shift
    edited = _check(root, cache_dir)
    assert edited.project is not None
    assert edited.findings == _uncached(root)
    assert edited.findings != first.findings  # the shifted lines are reported


def _uncached(root: Path) -> list[Finding]:
    return run_check([root], root, Settings(), frozenset(registry.RULE_INFOS)).findings


def test_summaries_pickle_to_equal_objects() -> None:
    """Summaries pickle as constructor calls with trailing defaults left out."""
    for path in sorted(p for p in FIXTURES.rglob("*.py") if p.is_file()):
        summary = summarize(path.read_bytes(), path.name)
        assert pickle.loads(pickle.dumps(summary, pickle.HIGHEST_PROTOCOL)) == summary
    name = Name("x")
    assert pickle.loads(pickle.dumps(name)) == name
    assert len(pickle.dumps(Import("a", "a", None, 0, 1))) < len(
        pickle.dumps(Import("a", "a", None, 0, 1, scope="f"))
    )
