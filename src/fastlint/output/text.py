"""``path:line:col: CODE message`` lines, then a summary (ruff's concise format)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from fastlint.findings import Finding
from fastlint.output.context import RenderContext
from fastlint.output.escape import escape_text
from fastlint.rules.registry import RULE_INFOS


def _style(text: str, color: bool, **styles: object) -> str:
    if not color:
        return text
    import click

    return click.style(text, **styles)  # type: ignore[arg-type]


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def finding_line(finding: Finding, ctx: RenderContext, location: bool = True) -> str:
    """``path:line:col: CODE [*] message`` (without the path: ``line:col CODE ...``).

    One finding per line: a newline in a quoted route path must not fake a second one.
    """
    message = escape_text(finding.message)
    marker = " [*]" if _applicable(finding, ctx) else ""
    if location:
        where = f"{escape_text(ctx.display_path(finding.path))}:{finding.line}:{finding.column}:"
    else:
        where = f"{finding.line}:{finding.column}"
    return (
        f"{_style(where, ctx.color, bold=True)} "
        f"{_style(finding.code, ctx.color, fg='red', bold=True)}{marker} {message}"
    )


def render_text(findings: Sequence[Finding], ctx: RenderContext) -> str:
    lines = [finding_line(finding, ctx) for finding in findings]
    return "\n".join([*lines, *closing_lines(findings, ctx)])


def closing_lines(findings: Sequence[Finding], ctx: RenderContext) -> list[str]:
    """``--statistics`` and the summary the text formats end with."""
    lines: list[str] = []
    if ctx.statistics and findings:
        lines.append("")
        counts = Counter(finding.code for finding in findings)
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            name = RULE_INFOS[code].name if code in RULE_INFOS else ""
            lines.append(f"{count:5d}  {code}  {name}")
    if not ctx.summary:
        return lines
    fixed = f" ({ctx.fixed} fixed, {len(findings)} remaining)" if ctx.fixed else ""
    if findings:
        total = len(findings) + ctx.fixed
        noun = "finding" if total == 1 else "findings"
        with_findings = len({f.path for f in findings} | set(ctx.fixed_files))
        lines.append(f"Found {total} {noun} in {_files(with_findings)}{fixed}.")
        lines.extend(_fixable_lines(findings, ctx))
    elif ctx.fixed:
        noun = "finding" if ctx.fixed == 1 else "findings"
        lines.append(f"Found {ctx.fixed} {noun} in {_files(len(ctx.fixed_files))}{fixed}.")
    else:
        lines.append(f"All checks passed ({_files(ctx.files_checked)}).")
    return lines


def _applicable(finding: Finding, ctx: RenderContext) -> bool:
    """``--fix`` would fix it (unsafe ones only with ``--unsafe-fixes``)."""
    applicability = finding.applicability
    return applicability == "safe" or (applicability == "unsafe" and ctx.unsafe_fixes)


def _fixable_lines(findings: Sequence[Finding], ctx: RenderContext) -> list[str]:
    """ruff's hint: how many ``--fix`` would fix, and how many more unsafe fixes could."""
    fixable = sum(1 for finding in findings if _applicable(finding, ctx))
    hidden = sum(1 for f in findings if f.applicability == "unsafe" and not ctx.unsafe_fixes)
    extra = ""
    if hidden:
        fixes = "fix" if hidden == 1 else "fixes"
        extra = f" ({hidden} hidden {fixes} can be enabled with the `--unsafe-fixes` option)"
    if fixable:
        return [f"[*] {fixable} fixable with the `--fix` option{extra}."]
    return [f"No fixes available{extra}."] if hidden else []
