"""One finding per line for the tools CI users reach for: JSON Lines, pylint's
format (editors and old CI parsers), Azure Pipelines logging commands."""

from __future__ import annotations

from collections.abc import Sequence

from fastlint.findings import Finding
from fastlint.output.context import RenderContext
from fastlint.output.escape import escape_text, json_text
from fastlint.output.json_format import finding_dict


def render_json_lines(findings: Sequence[Finding], ctx: RenderContext) -> str:
    """The JSON format's objects, one per line (``jq -c`` friendly)."""
    return "\n".join(json_text(finding_dict(finding, ctx), indent=None) for finding in findings)


def render_pylint(findings: Sequence[Finding], ctx: RenderContext) -> str:
    """``path:line: [FL101] message``, as ruff's ``pylint`` format."""
    return "\n".join(
        f"{escape_text(ctx.display_path(f.path))}:{f.line}: [{f.code}] {escape_text(f.message)}"
        for f in findings
    )


def _azure_escape(text: str) -> str:
    """Azure logging commands: ``;`` and ``]`` end properties, ``%`` escapes."""
    return escape_text(text).replace("%", "%AZP25").replace(";", "%3B").replace("]", "%5D")


def render_azure(findings: Sequence[Finding], ctx: RenderContext) -> str:
    """``##vso[task.logissue ...]message`` lines: annotations in Azure Pipelines."""
    return "\n".join(
        "##vso[task.logissue type=error;"
        f"sourcepath={_azure_escape(ctx.display_path(f.path))};linenumber={f.line};"
        f"columnnumber={f.column};code={f.code};]{escape_text(f.message)}"
        for f in findings
    )
