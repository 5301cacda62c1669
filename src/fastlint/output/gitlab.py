"""GitLab Code Quality report (a subset of the Code Climate issue format).

GitLab compares ``fingerprint`` values between the target branch and the merge
request to decide which issues are new, so they come from content
(``fastlint.fingerprint``), not line numbers, and are unique per finding
(duplicates would collapse into one).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fastlint.findings import Finding
from fastlint.fingerprint import fingerprints
from fastlint.output.context import RenderContext
from fastlint.output.sarif import repo_prefix, rule_info

_SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def _issue(finding: Finding, fingerprint: str, prefix: str, ctx: RenderContext) -> dict[str, Any]:
    info = rule_info(finding.code, ctx.rules)
    span = finding.span
    begin, end = max(span.line, 1), max(span.end_line, span.line, 1)
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": f"{finding.code} {finding.message}",
        "categories": ["Bug Risk"] if info.level == "error" else ["Style"],
        "fingerprint": fingerprint,
        "severity": _SEVERITY[info.level],
        "location": {
            "path": prefix + finding.path,
            "lines": {"begin": begin, "end": end},
            "positions": {
                "begin": {"line": begin, "column": max(span.column, 1)},
                "end": {"line": end, "column": max(span.end_column, 1)},
            },
        },
    }


def render_gitlab(findings: Sequence[Finding], ctx: RenderContext) -> str:
    """The Code Quality JSON array, in source order (``json.dumps(indent=2)``)."""
    prefix = repo_prefix(ctx.root)
    pairs = sorted(
        zip(findings, fingerprints(findings, ctx.source_line), strict=True),
        key=lambda pair: (pair[0].sort_key(), pair[1]),
    )
    issues = [_issue(finding, fp, prefix, ctx) for finding, fp in pairs]
    return json.dumps(issues, indent=2)
