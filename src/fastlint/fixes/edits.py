"""Edits as data: applied to a text, located in it, compared for overlap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fastlint.findings import Edit, Span
from fastlint.lines import line_starts


def _line_starts(text: str) -> list[int]:
    return line_starts(text)


def offsets(text: str, span: Span, starts: Sequence[int] | None = None) -> tuple[int, int]:
    """Character offsets of ``span`` in ``text`` (columns are 1-based code points)."""
    table = starts if starts is not None else _line_starts(text)

    def at(line: int, column: int) -> int:
        if line > len(table) - 1:
            return len(text)
        return min(table[line - 1] + column - 1, len(text))

    return at(span.line, span.column), at(span.end_line, span.end_column)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (any order given)."""
    starts = _line_starts(text)
    placed = sorted(((*offsets(text, e.span, starts), e.content) for e in edits), reverse=True)
    for start, end, content in placed:
        text = text[:start] + content + text[end:]
    return text


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two ranges overlap or touch: an insertion right where another edit ends may
    belong inside it (a key added to a ``class Config`` that is being replaced)."""
    return a[0] <= b[1] and b[0] <= a[1]
