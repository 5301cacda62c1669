"""``# noqa`` suppression comments.

Only real comments count: the source is tokenized, so ``"# noqa"`` inside a
string suppresses nothing. Codes are respected (``# noqa: E501`` leaves FL
findings alone) and matched exactly, like ruff: ``# noqa: FL1`` does not
suppress FL101. A bare ``# noqa`` (or ``# noqa`` followed by no valid code
list, as flake8 reads it) suppresses every finding on its line.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Iterator, Mapping

from fastlint.findings import Finding
from fastlint.summary import NoqaDirective

_CODE = r"[A-Za-z]+[0-9]+"
NOQA_RE = re.compile(
    rf"#\s*noqa\b(?:\s*:\s*(?P<codes>{_CODE}(?:(?:\s*,\s*|\s+){_CODE})*))?",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"[\s,]+")


def _directive(line: int, comment: str) -> NoqaDirective | None:
    """The directive in one comment (several ``# noqa`` in it are merged)."""
    codes: list[str] = []
    found = False
    for match in NOQA_RE.finditer(comment):
        found = True
        text = match.group("codes")
        if text is None:
            return NoqaDirective(line, ())
        codes += [code.upper() for code in _SPLIT.split(text) if code]
    if not found:
        return None
    return NoqaDirective(line, tuple(dict.fromkeys(codes)))


def _comments(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every comment token; raises if the source does not tokenize."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def _comments_by_regex(source: str) -> Iterator[tuple[int, str]]:
    """Fallback for sources tokenize rejects: the text from each line's ``#``."""
    for number, text in enumerate(source.splitlines(), start=1):
        index = text.find("#")
        if index >= 0:
            yield number, text[index:]


def parse_noqa(source: str) -> tuple[NoqaDirective, ...]:
    """Every ``# noqa`` directive in ``source``, in line order."""
    if "noqa" not in source.lower():
        return ()
    try:
        comments = list(_comments(source))
    except (tokenize.TokenError, SyntaxError):
        comments = list(_comments_by_regex(source))
    directives = (_directive(line, text) for line, text in comments if "noqa" in text.lower())
    return tuple(directive for directive in directives if directive is not None)


def index_noqa(directives: Iterable[NoqaDirective]) -> dict[int, NoqaDirective]:
    """Directives by line, for :func:`is_suppressed`."""
    return {directive.line: directive for directive in directives}


def is_suppressed(finding: Finding, directives: Mapping[int, NoqaDirective]) -> bool:
    """True if a directive on the finding's line or one of its ``noqa_lines`` covers it.

    Codes match exactly (no prefixes); an empty code list covers everything.
    """
    for line in (finding.span.line, *finding.noqa_lines):
        directive = directives.get(line)
        if directive is not None and (not directive.codes or finding.code in directive.codes):
            return True
    return False
