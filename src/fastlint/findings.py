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
    """Replace the text in ``span`` with ``content`` (an insertion when the span is
    empty), in ``path`` when it is not the finding's own file."""

    span: Span
    content: str
    path: str | None = None


@dataclass(frozen=True)
class Fix:
    """A fix is data: a set of edits and whether applying them keeps behaviour."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class FixRequest:
    """What a rule asks to change, in terms of the source it read (lines, names).

    Rules see only the fast ``ast`` summaries; ``fastlint.fixes`` turns a request
    into edits on the file's concrete syntax tree, and only for files that need it.
    ``title`` says what the fix does and, when it is unsafe, why.
    """

    applicability: Applicability
    title: str


@dataclass(frozen=True)
class MoveConfigClass(FixRequest):
    """Replace the nested ``class Config`` of the class named on ``class_line`` with
    ``model_config = ConfigDict(...)`` (``SettingsConfigDict`` when ``settings``)."""

    class_line: int
    settings: bool


@dataclass(frozen=True)
class RenameConfigKey(FixRequest):
    """Rename (or drop, or invert) the v1 ``key`` on ``line`` inside ``model_config``."""

    class_line: int
    key: str
    line: int


@dataclass(frozen=True)
class AddConfigKey(FixRequest):
    """Set ``key=value`` in the config of the class named on ``class_line`` in
    ``path`` (the schema's file, which may not be the finding's)."""

    path: str
    class_line: int
    key: str
    value: str
    settings: bool


@dataclass(frozen=True)
class AddStatusCode(FixRequest):
    """Add ``status_code=<status>`` to the route call starting at ``line``/``column``
    (1-based), as ``status.HTTP_...`` when the module imports ``status``."""

    line: int
    column: int
    status: int


@dataclass(frozen=True)
class BoundParameter(FixRequest):
    """Give parameter ``param`` of the function defined on ``def_line`` ``le=bound``."""

    def_line: int
    param: str
    bound: int


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
    request: FixRequest | None = field(default=None, compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def applicability(self) -> Applicability | None:
        """How a fix would apply, known from the request before any edit is computed."""
        if self.fix is not None:
            return self.fix.applicability
        return self.request.applicability if self.request is not None else None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.code, self.message)
