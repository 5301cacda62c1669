"""A stable JSON list of findings (one object each, keys as in the SPEC)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastlint.findings import Finding
from fastlint.output.context import RenderContext
from fastlint.output.escape import json_text
from fastlint.rules.registry import RULE_INFOS


def finding_dict(finding: Finding, ctx: RenderContext) -> dict[str, Any]:
    info = RULE_INFOS.get(finding.code)
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability,
            "message": finding.fix.message,
            "edits": [
                {
                    "path": ctx.display_path(edit.path or finding.path),
                    "content": edit.content,
                    "line": edit.span.line,
                    "column": edit.span.column,
                    "end_line": edit.span.end_line,
                    "end_column": edit.span.end_column,
                }
                for edit in finding.fix.edits
            ],
        }
    return {
        "code": finding.code,
        "name": info.name if info else "",
        "message": finding.message,
        "path": ctx.display_path(finding.path),
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "severity": info.level if info else "error",
        "fix": fix,
    }


def render_json(findings: Sequence[Finding], ctx: RenderContext) -> str:
    return json_text([finding_dict(finding, ctx) for finding in findings])
