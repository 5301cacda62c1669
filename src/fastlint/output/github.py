"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding.

Actions shows these as inline annotations (at most 10 per level per step, 50
per job: a preview; the SARIF upload is the complete record). Paths are made
repository-relative because Actions resolves ``file=`` from the workspace.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastlint.findings import Finding
from fastlint.output.context import RenderContext
from fastlint.output.escape import escape_text
from fastlint.output.sarif import repo_prefix, rule_info

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as actions/toolkit ``escapeData`` does; then the
    other control characters and lone surrogates as backslash escapes (a command is
    one line, and must be UTF-8)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escape_text(escaped)


def escape_property(text: str) -> str:
    """Escape a property value as actions/toolkit ``escapeProperty`` does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _line(finding: Finding, prefix: str, ctx: RenderContext) -> str:
    info = rule_info(finding.code, ctx.rules)
    span = finding.span
    properties = (
        ("file", prefix + finding.path),
        ("line", str(max(span.line, 1))),
        ("endLine", str(max(span.end_line, span.line, 1))),
        ("col", str(max(span.column, 1))),
        ("endColumn", str(max(span.end_column, 1))),
        ("title", f"fastlint ({finding.code})"),
    )
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = escape_data(f"{finding.code} {finding.message}")
    return f"::{_COMMAND[info.level]} {rendered}::{message}"


def render_github(findings: Sequence[Finding], ctx: RenderContext) -> str:
    """One workflow command per finding, in source order, joined by newlines."""
    prefix = repo_prefix(ctx.root)
    ordered = sorted(findings, key=Finding.sort_key)
    return "\n".join(_line(finding, prefix, ctx) for finding in ordered)
