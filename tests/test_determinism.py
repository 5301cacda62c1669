"""Byte-identical output whatever the run: ``--jobs``, the cache, the hash seed,
and the order in which the files were created (SPEC §6)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parent / "data" / "fastapi_docs_src"
FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = ("text", "json", "sarif", "github", "gitlab")


def _copy(target: Path, reverse: bool) -> Path:
    """The same project, its files created in sorted or in reverse order."""
    sources = sorted(
        [(SAMPLE, p) for p in SAMPLE.rglob("*") if p.is_file()]
        + [(FIXTURES, p) for p in FIXTURES.rglob("*") if p.is_file()],
        key=lambda item: str(item[1]),
        reverse=reverse,
    )
    for base, path in sources:
        destination = target / base.name / path.relative_to(base)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    (target / "pyproject.toml").write_text("[tool.fastlint]\n", encoding="utf-8")
    return target


def _run(root: Path, cache: Path, seed: str, *args: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "FASTLINT_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", "--exit-zero", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.replace(root.as_uri(), "ROOT")  # SARIF's originalUriBaseIds


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_identical_across_runs(fmt: str, tmp_path: Path) -> None:
    forward = _copy(tmp_path / "a" / "project", reverse=False)
    backward = _copy(tmp_path / "b" / "project", reverse=True)
    cache = tmp_path / "cache"
    runs = [
        _run(forward, cache, "0", "--output-format", fmt, "--no-cache", "--jobs", "1"),
        _run(forward, cache, "1", "--output-format", fmt, "--no-cache", "--jobs", "2"),
        _run(forward, cache, "2", "--output-format", fmt, "--jobs", "2"),  # fills the cache
        _run(forward, cache, "3", "--output-format", fmt),  # from the cache
        _run(backward, cache, "4", "--output-format", fmt, "--no-cache"),
    ]
    assert runs[0].count("FL") > 20
    for other in runs[1:]:
        assert other == runs[0]
