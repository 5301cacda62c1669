"""The data every rule produces: findings and their (optional) fixes.

Everything here is plain, immutable and serializable so that findings can be
cached, sent between worker processes and compared across runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True, order=True)
class Span:
    """A source range: 1-based lines, 1-based code-point columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Edit:
    """Replace the text in ``span`` with ``content`` (an insertion when the span is empty)."""

    span: Span
    content: str


@dataclass(frozen=True)
class Fix:
    """A fix is data: a set of edits and whether applying them keeps behaviour."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Finding:
    """One reported problem.

    ``noqa_lines`` lists the extra lines (besides ``span.line``) whose ``# noqa``
    comment suppresses this finding, e.g. the handler's ``def`` line.
    """

    code: str
    message: str
    path: str
    span: Span
    fix: Fix | None = None
    noqa_lines: tuple[int, ...] = field(default=(), compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.code, self.message)
