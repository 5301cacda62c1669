"""Files the run did not check because of their size, reported as FL000 findings.

A stderr warning is invisible to a SARIF upload, a JSON consumer or a CI
annotation: every output format must say that a file was not checked.
"""

from __future__ import annotations

from collections.abc import Iterable

from fastlint.findings import Finding, Span
from fastlint.rules.registry import PARSE_ERROR
from fastlint.selection import PerFileIgnores


def skipped_findings(
    skipped: Iterable[tuple[str, str]],
    enabled: frozenset[str],
    per_file: PerFileIgnores | None = None,
) -> list[Finding]:
    """One FL000 ``skipped: <reason>`` at 1:1 per (path, reason), unless FL000 is not
    selected or ignored for that file (``# noqa`` cannot apply: it was never read)."""
    if PARSE_ERROR.code not in enabled:
        return []
    return [
        Finding(PARSE_ERROR.code, f"skipped: {reason}", path, Span(1, 1, 1, 1))
        for path, reason in skipped
        if per_file is None or PARSE_ERROR.code not in per_file.codes_for(path)
    ]
