"""SARIF 2.1.0 output, shaped for GitHub code scanning's upload rules.

Choices that matter to GitHub (see docs/ci.md):

- every enabled rule is listed in ``tool.driver.rules`` so ``ruleIndex`` is
  stable and rule help shows even for rules without results;
- locations are repository-relative URIs with ``uriBaseId: %SRCROOT%``, never
  absolute paths (which differ between runners and duplicate alerts);
- columns are converted to UTF-16 code units, SARIF's default ``columnKind``
  (stated explicitly), because consumers that ignore ``columnKind`` assume it;
- ``partialFingerprints`` come from line content, not line numbers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastlint.docs import doc_section, load_doc
from fastlint.findings import Finding, Fix, Span
from fastlint.fingerprint import SCHEME, fingerprints
from fastlint.output.context import RenderContext
from fastlint.rules.base import RuleInfo
from fastlint.rules.registry import RULE_INFOS

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/fastlint/fastlint"
HELP_URI = INFORMATION_URI + "/blob/main/rules/{code}.md"
SRCROOT = "%SRCROOT%"

MAX_TEXT = 1024  # GitHub: short/full descriptions are cut at 1,024 characters
MAX_RESULTS = 25_000  # GitHub rejects a run with more results than this
MAX_TAGS = 10  # GitHub keeps 10 tags per rule (and rejects more than 20)

_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
_LEVEL_RANK = {"error": 0, "warning": 1, "note": 2}

# GitHub grades a rule with ``security-severity`` (0-10) as a security alert:
# a route with no auth dependency is one (CVSS "high" starts at 7.0).
_SECURITY_SEVERITY = {"FL301": "7.5"}

# Tags per rule family (the code's first three characters).
_TAGS: dict[str, tuple[str, ...]] = {
    "FL1": ("fastapi", "correctness", "http"),
    "FL2": ("fastapi", "maintainability", "openapi"),
    "FL3": ("fastapi", "security", "dependencies"),
    "FL4": ("fastapi", "correctness", "routing"),
    "FL5": ("fastapi", "performance", "pagination"),
    "FL6": ("fastapi", "pydantic", "correctness"),
}

SourceLine = Callable[[str, int], str]

_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


# --- helpers shared with the github and gitlab renderers -------------------


def rule_info(code: str, rules: Sequence[RuleInfo]) -> RuleInfo:
    """The rule for ``code``: enabled rules first, then the catalogue, then a stub.

    FL000/FL999 may be reported without being "enabled"; output must not crash.
    """
    for info in rules:
        if info.code == code:
            return info
    return RULE_INFOS.get(code) or RuleInfo(code, code.lower(), f"fastlint rule {code}")


def repo_root(root: Path) -> Path:
    """The git work tree holding ``root`` (``root`` itself outside git).

    Code scanning, Actions annotations and GitLab resolve paths from the
    repository root; in a monorepo the fastlint project root is a subfolder.
    """
    resolved = root.resolve()
    for candidate in (resolved, *resolved.parents):
        if (candidate / ".git").exists():
            return candidate
    return resolved


def repo_prefix(root: Path) -> str:
    """What to put before a root-relative path to make it repository-relative."""
    resolved = root.resolve()
    relative = resolved.relative_to(repo_root(resolved)).as_posix()
    return "" if relative == "." else relative + "/"


# --- columns ----------------------------------------------------------------


def utf16_column(text: str, column: int) -> int:
    """Convert a 1-based code-point column on ``text`` to a 1-based UTF-16 column.

    Characters outside the Basic Multilingual Plane take two UTF-16 units.
    Columns past the end of the line (end of line, unknown text) count one each.
    """
    column = max(column, 1)
    prefix = text[: column - 1]
    astral = sum(1 for char in prefix if ord(char) > 0xFFFF)
    return column + astral


def _region(span: Span, path: str, source_line: SourceLine) -> dict[str, int]:
    start_line = max(span.line, 1)
    end_line = max(span.end_line, start_line)
    return {
        "startLine": start_line,
        "startColumn": utf16_column(source_line(path, start_line), span.column),
        "endLine": end_line,
        "endColumn": utf16_column(source_line(path, end_line), span.end_column),
    }


# --- rules ------------------------------------------------------------------


def _clip(text: str, limit: int = MAX_TEXT) -> str:
    """Cut ``text`` to ``limit`` characters at a word boundary, marking the cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head, _, _ = cut.rpartition(" ")
    return (head if len(head) > limit // 2 else cut).rstrip() + "…"


def _unwrap(markdown: str) -> str:
    """Join hard-wrapped lines of prose; keep list items, tables and code as they are.

    Rule documents wrap at ~80 columns; code scanning shows descriptions as
    flowing text, where stray line breaks look broken.
    """
    paragraphs = []
    for paragraph in markdown.strip().split("\n\n"):
        lines = paragraph.splitlines()
        if any(line.lstrip().startswith(("```", "|", "    ")) for line in lines):
            paragraphs.append(paragraph)
            continue
        out: list[str] = []
        for line in lines:
            item = _LIST_ITEM.match(line) is not None
            if out and not item:
                out[-1] = f"{out[-1]} {line.strip()}"
            else:
                out.append(line.rstrip())
        paragraphs.append("\n".join(out))
    return "\n\n".join(paragraphs)


def _tags(code: str) -> list[str]:
    return list(_TAGS.get(code[:3], ("fastlint",)))[:MAX_TAGS]


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    """A reportingDescriptor: the rule document feeds descriptions and help."""
    summary = info.summary.strip() or info.code
    doc = load_doc(info.code)
    what = _unwrap(doc_section(doc, "What it does")) if doc else ""
    help_text = doc.strip() if doc and doc.strip() else summary
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": _clip(summary)},
        "fullDescription": {"text": _clip(what or summary)},
        "help": {"text": help_text, "markdown": help_text},
        "helpUri": HELP_URI.format(code=info.code) if doc else INFORMATION_URI,
        "defaultConfiguration": {"level": info.level},
        "properties": {
            "tags": _tags(info.code),
            "precision": "high",
            "problem.severity": _PROBLEM_SEVERITY[info.level],
            **(
                {"security-severity": _SECURITY_SEVERITY[info.code]}
                if info.code in _SECURITY_SEVERITY
                else {}
            ),
        },
    }


def _reported_rules(findings: Sequence[Finding], ctx: RenderContext) -> list[RuleInfo]:
    """Enabled rules in their order, then any other reported code (sorted)."""
    infos: list[RuleInfo] = []
    seen: set[str] = set()
    for info in ctx.rules:
        if info.code not in seen:
            infos.append(info)
            seen.add(info.code)
    for code in sorted({finding.code for finding in findings} - seen):
        infos.append(rule_info(code, ctx.rules))
    return infos


# --- results ----------------------------------------------------------------


def _artifact(prefix: str, path: str) -> dict[str, str]:
    """A relative, percent-encoded URI under %SRCROOT% (spaces, non-ASCII names)."""
    # A file name that is not UTF-8 arrives with surrogate escapes: quote its real bytes.
    uri = quote(prefix + path, safe="/", errors="surrogateescape")
    return {"uri": uri, "uriBaseId": SRCROOT}


def _fix(fix: Fix, finding: Finding, prefix: str, ctx: RenderContext) -> dict[str, Any]:
    """A SARIF fix: one artifactChange per file it edits (FL602's fix may edit the
    schema's file, not the finding's)."""
    by_path: dict[str, list[dict[str, Any]]] = {}
    for edit in fix.edits:
        path = edit.path or finding.path
        by_path.setdefault(path, []).append(
            {
                "deletedRegion": _region(edit.span, path, ctx.source_line),
                "insertedContent": {"text": edit.content},
            }
        )
    return {
        "description": {"text": fix.message.strip() or "Apply fastlint's fix"},
        "artifactChanges": [
            {"artifactLocation": _artifact(prefix, path), "replacements": replacements}
            for path, replacements in by_path.items()
        ],
        "properties": {"applicability": fix.applicability},
    }


def _result(
    finding: Finding, fingerprint: str, info: RuleInfo, index: int, prefix: str, ctx: RenderContext
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": info.code,
        "ruleIndex": index,
        "level": info.level,
        "message": {"text": finding.message.strip() or info.summary},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(prefix, finding.path),
                    "region": _region(finding.span, finding.path, ctx.source_line),
                }
            }
        ],
        "partialFingerprints": {SCHEME: fingerprint},
    }
    if finding.fix is not None and finding.fix.edits:
        result["fixes"] = [_fix(finding.fix, finding, prefix, ctx)]
    return result


def _kept(
    pairs: list[tuple[Finding, str]], level_of: Callable[[str], str]
) -> list[tuple[Finding, str]]:
    """At most MAX_RESULTS findings, most severe first, returned in source order."""
    if len(pairs) > MAX_RESULTS:
        by_severity = sorted(
            pairs, key=lambda p: (_LEVEL_RANK[level_of(p[0].code)], p[0].sort_key())
        )
        pairs = by_severity[:MAX_RESULTS]
    return sorted(pairs, key=lambda p: (p[0].sort_key(), p[1]))


def _omitted_notice(omitted: int) -> dict[str, Any]:
    text = (
        f"{omitted} results were left out: GitHub code scanning accepts at most "
        f"{MAX_RESULTS} results per run (the least severe were dropped)."
    )
    return {
        "executionSuccessful": True,
        "toolExecutionNotifications": [{"level": "warning", "message": {"text": text}}],
    }


def _root_uri(ctx: RenderContext) -> str:
    uri = repo_root(ctx.root).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def sarif_log(findings: Sequence[Finding], ctx: RenderContext) -> dict[str, Any]:
    """The SARIF log as a dict (tests and callers that post-process use this)."""
    infos = _reported_rules(findings, ctx)
    index_of = {info.code: index for index, info in enumerate(infos)}
    by_code = {info.code: info for info in infos}
    # Fingerprints over the full set, so truncation never changes them.
    pairs = list(zip(findings, fingerprints(findings, ctx.source_line), strict=True))
    kept = _kept(pairs, lambda code: by_code[code].level)
    prefix = repo_prefix(ctx.root)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "fastlint",
                "version": ctx.version,
                "semanticVersion": ctx.version,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(info) for info in infos],
            }
        },
        "originalUriBaseIds": {
            SRCROOT: {
                "uri": _root_uri(ctx),
                "description": {"text": "The repository root."},
            }
        },
        "columnKind": "utf16CodeUnits",
        "results": [
            _result(f, fp, by_code[f.code], index_of[f.code], prefix, ctx) for f, fp in kept
        ],
    }
    if len(kept) < len(pairs):
        run["invocations"] = [_omitted_notice(len(pairs) - len(kept))]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(findings: Sequence[Finding], ctx: RenderContext) -> str:
    """SARIF 2.1.0 JSON text (deterministic: stable order, indent=2)."""
    return json.dumps(sarif_log(findings, ctx), indent=2)
