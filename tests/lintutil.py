"""Test helpers: run fastlint's engine on a tree and read the expected markers.

A fixture marks each expected finding on the reported line with a trailing
comment ``# error: FL101`` (several: ``# error: FL101, FL201``). Every other
line must produce nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastlint.config import find_config_file, load_settings
from fastlint.engine import run_check
from fastlint.findings import Finding
from fastlint.selection import PerFileIgnores, resolve_selection

MARKER = re.compile(r"#\s*error:\s*(FL\d{3}(?:\s*,\s*FL\d{3})*)")


def lint_tree(root: Path, paths: list[Path] | None = None) -> list[Finding]:
    """All findings for ``root`` (a project folder, or one file's folder), default rules."""
    config = find_config_file(root)
    if config is not None and root not in config.parents:
        config = None  # never pick up the repository's own config
    settings = load_settings(config)
    enabled = resolve_selection(settings, select=None, ignore=[], extend_select=[])
    per_file = PerFileIgnores.from_settings(settings, root)
    result = run_check(paths or [root], root, settings, enabled, per_file)
    return result.findings


def expected_markers(root: Path, files: list[Path] | None = None) -> set[tuple[str, int, str]]:
    expected: set[tuple[str, int, str]] = set()
    for path in files or sorted(p for p in root.rglob("*.py") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        text = path.read_bytes().decode("utf-8", "replace")
        for number, line in enumerate(text.splitlines(), start=1):
            match = MARKER.search(line)
            if match:
                for code in match.group(1).split(","):
                    expected.add((rel, number, code.strip()))
    return expected


def found_markers(findings: list[Finding]) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.code) for f in findings}
