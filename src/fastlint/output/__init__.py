"""Renderers: turn a sorted list of findings into text for a terminal or a tool."""

from __future__ import annotations

from collections.abc import Sequence

from fastlint.findings import Finding
from fastlint.output.context import FORMATS, RenderContext

__all__ = ["FORMATS", "RenderContext", "render"]


def render(fmt: str, findings: Sequence[Finding], ctx: RenderContext) -> str:
    """Dispatch to the renderer for ``fmt``; imports are lazy to keep start-up fast."""
    if fmt in ("text", "concise"):
        from fastlint.output.text import render_text

        return render_text(findings, ctx)
    if fmt == "json":
        from fastlint.output.json_format import render_json

        return render_json(findings, ctx)
    if fmt == "sarif":
        from fastlint.output.sarif import render_sarif

        return render_sarif(findings, ctx)
    if fmt == "github":
        from fastlint.output.github import render_github

        return render_github(findings, ctx)
    if fmt == "gitlab":
        from fastlint.output.gitlab import render_gitlab

        return render_gitlab(findings, ctx)
    if fmt in ("json-lines", "pylint", "azure"):
        from fastlint.output import oneline

        renderer = {
            "json-lines": oneline.render_json_lines,
            "pylint": oneline.render_pylint,
            "azure": oneline.render_azure,
        }[fmt]
        return renderer(findings, ctx)
    if fmt in ("full", "grouped"):
        from fastlint.output.full import render_full, render_grouped

        return (render_full if fmt == "full" else render_grouped)(findings, ctx)
    if fmt in ("junit", "rdjson"):
        from fastlint.output.reports import render_junit, render_rdjson

        return (render_junit if fmt == "junit" else render_rdjson)(findings, ctx)
    raise ValueError(f"unknown output format {fmt!r}")
