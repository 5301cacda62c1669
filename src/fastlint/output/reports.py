"""Reports for CI services: JUnit XML (test-report views in GitLab, Jenkins,
Azure, CircleCI) and reviewdog's rdjson (review comments with suggestions)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import groupby
from typing import Any

from fastlint.findings import Finding
from fastlint.output.context import RenderContext
from fastlint.output.escape import json_text

DOCS_URL = "https://github.com/fastlint/fastlint/blob/main/rules/{code}.md"


def _xml_text(text: str) -> str:
    """XML 1.0 allows no control characters (a route path may hold one)."""
    return "".join(
        char if char in "\t\n\r" or ord(char) >= 0x20 else f"\\x{ord(char):02x}" for char in text
    )


def render_junit(findings: Sequence[Finding], ctx: RenderContext) -> str:
    """One test suite per file, one failed test case per finding (ruff's layout);
    a run without findings is one passing test case."""
    suites = ET.Element(
        "testsuites",
        name="fastlint",
        tests=str(max(len(findings), 1)),
        failures=str(len(findings)),
        errors="0",
    )
    if not findings:
        suite = ET.SubElement(suites, "testsuite", name="fastlint", tests="1", failures="0")
        suite.set("errors", "0")
        ET.SubElement(suite, "testcase", name="No findings")
    for path, group in groupby(findings, key=lambda finding: finding.path):
        items = list(group)
        shown = _xml_text(ctx.display_path(path))
        suite = ET.SubElement(
            suites, "testsuite", name=shown, tests=str(len(items)), failures=str(len(items))
        )
        suite.set("errors", "0")
        for finding in items:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"fastlint.{finding.code}",
                classname=shown,
                file=shown,
                line=str(finding.line),
            )
            failure = ET.SubElement(case, "failure", message=_xml_text(finding.message))
            failure.text = _xml_text(
                f"{shown}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
            )
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _position(line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": column}


def _diagnostic(finding: Finding, ctx: RenderContext) -> dict[str, Any]:
    span = finding.span
    diagnostic: dict[str, Any] = {
        "message": finding.message,
        "location": {
            "path": ctx.display_path(finding.path),
            "range": {
                "start": _position(span.line, span.column),
                "end": _position(span.end_line, span.end_column),
            },
        },
        "severity": "WARNING",
        "code": {"value": finding.code, "url": DOCS_URL.format(code=finding.code)},
    }
    fix = finding.fix
    if fix is not None and all(edit.path in (None, finding.path) for edit in fix.edits):
        diagnostic["suggestions"] = [
            {
                "range": {
                    "start": _position(edit.span.line, edit.span.column),
                    "end": _position(edit.span.end_line, edit.span.end_column),
                },
                "text": edit.content,
            }
            for edit in fix.edits
        ]
    return diagnostic


def render_rdjson(findings: Sequence[Finding], ctx: RenderContext) -> str:
    """reviewdog's Diagnostic Format (``reviewdog -f=rdjson``)."""
    report = {
        "source": {"name": "fastlint", "url": "https://github.com/fastlint/fastlint"},
        "severity": "WARNING",
        "diagnostics": [_diagnostic(finding, ctx) for finding in findings],
    }
    return json_text(report)
