"""``path:line:col: CODE message`` lines, then a summary (ruff's concise format)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from fastlint.findings import Finding
from fastlint.output.context import RenderContext
from fastlint.rules.registry import RULE_INFOS


def _style(text: str, color: bool, **styles: object) -> str:
    if not color:
        return text
    import click

    return click.style(text, **styles)  # type: ignore[arg-type]


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def render_text(findings: Sequence[Finding], ctx: RenderContext) -> str:
    lines: list[str] = []
    for finding in findings:
        location = f"{ctx.display_path(finding.path)}:{finding.line}:{finding.column}:"
        marker = " [*]" if finding.fix is not None else ""
        lines.append(
            f"{_style(location, ctx.color, bold=True)} "
            f"{_style(finding.code, ctx.color, fg='red', bold=True)}{marker} {finding.message}"
        )
    if ctx.statistics and findings:
        lines.append("")
        counts = Counter(finding.code for finding in findings)
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            name = RULE_INFOS[code].name if code in RULE_INFOS else ""
            lines.append(f"{count:5d}  {code}  {name}")
    if findings:
        noun = "finding" if len(findings) == 1 else "findings"
        fixable = sum(1 for finding in findings if finding.fix is not None)
        tail = f" ({fixable} fixable)" if fixable else ""
        lines.append(f"Found {len(findings)} {noun} in {_files(ctx.files_checked)}{tail}.")
    else:
        lines.append(f"All checks passed ({_files(ctx.files_checked)}).")
    return "\n".join(lines)
