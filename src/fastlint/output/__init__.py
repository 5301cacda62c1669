"""Renderers: turn a sorted list of findings into text for a terminal or a tool."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fastlint.findings import Finding
from fastlint.rules.base import RuleInfo

FORMATS = ("text", "json", "sarif", "github", "gitlab")


@dataclass
class RenderContext:
    """What a renderer may need besides the findings.

    ``root`` is the project root (finding paths are POSIX paths relative to it);
    ``rules`` are the enabled rules in code order; ``source_line(path, line)``
    returns one source line (1-based) of a checked file, '' if unavailable.
    """

    root: Path
    rules: Sequence[RuleInfo]
    version: str
    source_line: Callable[[str, int], str] = field(default=lambda path, line: "")
    display_path: Callable[[str], str] = field(default=lambda path: path)
    color: bool = False
    statistics: bool = False
    files_checked: int = 0


def render(fmt: str, findings: Sequence[Finding], ctx: RenderContext) -> str:
    """Dispatch to the renderer for ``fmt``; imports are lazy to keep start-up fast."""
    if fmt == "text":
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
    raise ValueError(f"unknown output format {fmt!r}")
