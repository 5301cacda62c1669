"""ruff's ``full`` format (each finding with its source line, the span marked and
the fix's title) and its ``grouped`` format (findings under their file)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from fastlint.findings import Finding
from fastlint.output.context import RenderContext
from fastlint.output.escape import escape_text
from fastlint.output.text import closing_lines, finding_line


def _fix_title(finding: Finding) -> str | None:
    if finding.fix is not None:
        return finding.fix.message
    return finding.request.title if finding.request is not None else None


def snippet(finding: Finding, ctx: RenderContext) -> list[str]:
    """The finding's first line of source with its span underlined, then the
    fix's title as ``= help:`` (as ruff prints them)."""
    source = escape_text(ctx.source_line(finding.path, finding.line).rstrip("\r\n"))
    gutter = " " * len(str(finding.line))
    start = max(finding.column - 1, 0)
    if finding.span.end_line == finding.line and finding.span.end_column > finding.column:
        width = finding.span.end_column - finding.column
    else:  # several lines: mark to the end of the first one
        width = len(source) - start
    lines: list[str] = []
    if source:
        marks = "^" * max(width, 1)
        lines += [
            f"{gutter} |",
            f"{finding.line} | {source}",
            f"{gutter} | {' ' * start}{marks} {finding.code}",
            f"{gutter} |",
        ]
    title = _fix_title(finding)
    if title:
        lines.append(f"{gutter} = help: {escape_text(title)}")
    return lines


def render_full(findings: Sequence[Finding], ctx: RenderContext) -> str:
    lines: list[str] = []
    for finding in findings:
        lines.append(finding_line(finding, ctx))
        lines.extend(snippet(finding, ctx))
        lines.append("")
    return "\n".join([*lines, *closing_lines(findings, ctx)])


def render_grouped(findings: Sequence[Finding], ctx: RenderContext) -> str:
    lines: list[str] = []
    for path, group in groupby(findings, key=lambda finding: finding.path):
        lines.append(f"{escape_text(ctx.display_path(path))}:")
        lines.extend(f"  {finding_line(finding, ctx, location=False)}" for finding in group)
        lines.append("")
    return "\n".join([*lines, *closing_lines(findings, ctx)])
