"""Convert Python ``ast`` expressions into the summary's small ``Expr`` tree.

The text of an ``Other`` (an expression the analysis does not model) is what
``ast.unparse`` gives, whitespace collapsed and cut to ``MAX_TEXT``. Unparsing
every one of them cost more than the rest of the conversion, and few are ever
read (messages, the words of an include fastlint cannot follow), so a converter
that has the module's source lines defers it: the ``Other`` keeps the
expression's source segment and regenerates the same text from it on first use.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable, Sequence
from dataclasses import FrozenInstanceError
from typing import Any, Literal

from fastlint.lines import source_lines
from fastlint.summary import (
    Attribute,
    BinOp,
    Call,
    Const,
    DictExpr,
    Expr,
    Name,
    Other,
    Seq,
    Subscript,
)

# Literals larger than this are not modelled item by item (data tables, fixtures).
MAX_ITEMS = 64
MAX_DEPTH = 24
MAX_TEXT = 120
# A longer segment is unparsed at once, as before: a deferred one then renders far
# from the recursion limit wherever it is read (``ast.unparse`` reaches it at about
# 340 levels, and a level takes at least one character), and summaries stay small.
# It also keeps eager every expression holding a constant the file pass replaced in
# the tree (``filepass.HugeInt``, 1,000 digits at least): parsing its segment again
# would bring the real value back.
MAX_DEFERRED_SEGMENT = 200


def source_text(node: ast.AST) -> str:
    """The node's source (re-generated), shortened for messages."""
    try:
        text = ast.unparse(node)
    except Exception:  # unparse can fail on exotic nodes; the text is cosmetic
        return "…"
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def segment_text(segment: str) -> str:
    """``source_text`` of the expression whose source is ``segment``: it is parsed
    again (in parentheses, so that lines may break anywhere) and unparsed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for invalid escapes etc.
            node = ast.parse(f"({segment}\n)", mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # not expected
        text = " ".join(segment.split())
        return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
    return source_text(node)


def starred_text(segment: str) -> str:
    """The text of a ``*value`` item, from the segment of ``value``."""
    return "*" + segment_text(segment)


class DeferredOther(Other):
    """An ``Other`` whose text is made from its source segment when first read.

    It is an ``Other`` to every consumer: ``isinstance``, ``text``, equality and
    hashing (by text, with eager ones too), ``repr``. Pickled before its text is
    read, it stays deferred; after, it becomes a plain ``Other``."""

    __slots__ = ("_render", "_segment", "_text")
    _render: Callable[[str], str]
    _segment: str
    _text: str | None

    def __init__(self, segment: str, render: Callable[[str], str] = segment_text) -> None:
        object.__setattr__(self, "_segment", segment)
        object.__setattr__(self, "_render", render)
        object.__setattr__(self, "_text", None)

    @property
    def text(self) -> str:
        text: str | None = self._text
        if text is None:
            text = self._render(self._segment)
            object.__setattr__(self, "_text", text)
            object.__setattr__(self, "_segment", "")
        return text

    @text.setter
    def text(self, value: str) -> None:
        raise FrozenInstanceError("cannot assign to field 'text'")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Other):
            return self.text == other.text
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.text,))  # what the frozen dataclass hashes

    def __repr__(self) -> str:
        return f"Other(text={self.text!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        if self._text is None:
            return (DeferredOther, (self._segment, self._render))
        return (Other, (self._text,))


class Converter:
    """Converts the expressions of one module (or of one string annotation).

    With ``lines`` (the source's lines, as the tree numbers them) the texts of
    ``Other`` are deferred to source segments; ``exact`` is cleared while the
    positions cannot be trusted (inside f-strings before Python 3.12)."""

    def __init__(self, lines: Sequence[str] | None = None) -> None:
        self._lines = lines
        self.exact = lines is not None
        # One object per distinct name and constant of the module: summaries hold
        # ~400,000 names on the corpus, mostly repeats (``self``, ``Depends``, ``None``);
        # shared, they take less memory and pickle once per file.
        self._names: dict[str, Name] = {}
        self._constants: dict[tuple[type, object], Const] = {}

    @classmethod
    def for_source(cls, source: str, lines: Sequence[str]) -> Converter:
        """A converter for a module: deferred texts, ``lines`` being
        ``fastlint.lines.source_lines(source)`` (numbered as the tree is)."""
        return cls(lines)

    def to_expr(self, node: ast.expr, depth: int = 0) -> Expr:
        """Model ``node``; anything unmodelled becomes ``Other`` with its source text."""
        if depth > MAX_DEPTH:
            return Other("…")
        converter = _CONVERTERS.get(type(node))
        if converter is None:
            return self._other(node)
        return converter(self, node, depth + 1)

    def annotation_expr(self, node: ast.expr | None) -> Expr | None:
        """An annotation, with string (forward-reference) annotations parsed: ``-> "None"``."""
        if node is None:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.strip()
            try:
                parsed = ast.parse(text, mode="eval").body
            except SyntaxError:
                return self.to_expr(node)
            # Positions inside the annotation count from the string's own start.
            inner = Converter.for_source(text, source_lines(text)) if self.exact else Converter()
            return inner.to_expr(parsed)
        return self.to_expr(node)

    # ------------------------------------------------------------------ Other

    def _other(self, node: ast.expr, starred: bool = False) -> Other:
        """``Other`` for ``node`` (``*node`` if ``starred``): deferred to its source
        segment when that is exact and parses on its own."""
        segment = None
        if self.exact and not isinstance(node, ast.Starred | ast.Slice):
            segment = self._segment(node)
        if segment is None:
            text = source_text(node)
            return Other("*" + text if starred else text)
        return DeferredOther(segment, starred_text if starred else segment_text)

    def _segment(self, node: ast.expr) -> str | None:
        lines = self._lines
        assert lines is not None
        first, last = node.lineno, node.end_lineno
        start, end = node.col_offset, node.end_col_offset
        if last is None or end is None or not 0 < first <= last <= len(lines):
            return None
        if first == last:
            segment = _cut(lines[first - 1], start, end)
        else:
            if last - first > MAX_DEFERRED_SEGMENT // 2:
                return None
            parts = [_cut(lines[first - 1], start, None), *lines[first : last - 1]]
            parts.append(_cut(lines[last - 1], 0, end))
            segment = "\n".join(parts)
        return segment if len(segment) <= MAX_DEFERRED_SEGMENT else None

    # ------------------------------------------------------------------ converters

    def _name(self, node: ast.Name, depth: int) -> Expr:
        name = self._names.get(node.id)
        if name is None:
            name = self._names[node.id] = Name(node.id)
        return name

    def _attribute(self, node: ast.Attribute, depth: int) -> Expr:
        return Attribute(self.to_expr(node.value, depth), node.attr)

    def _call(self, node: ast.Call, depth: int) -> Expr:
        args: list[Expr] = []
        kwargs: list[tuple[str, Expr]] = []
        star = False
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                star = True
            else:
                args.append(self.to_expr(arg, depth))
        for keyword in node.keywords:
            if keyword.arg is None:
                star = True
                # ``**config``, expanded later
                kwargs.append(("**", self.to_expr(keyword.value, depth)))
            else:
                kwargs.append((keyword.arg, self.to_expr(keyword.value, depth)))
        return Call(self.to_expr(node.func, depth), tuple(args), tuple(kwargs), star)

    def _constant(self, node: ast.Constant, depth: int) -> Expr:
        value = node.value
        if value is Ellipsis:
            return Const(None, is_ellipsis=True)
        if isinstance(value, bytes):
            return Const(value.decode("utf-8", "replace"))
        if isinstance(value, float):  # not shared: -0.0 == 0.0, and NaN equals nothing
            return Const(value)
        if isinstance(value, str | int | bool) or value is None:
            key = (type(value), value)
            constant = self._constants.get(key)
            if constant is None:
                constant = self._constants[key] = Const(value)
            return constant
        return self._other(node)  # complex numbers

    def _sequence(self, node: ast.List | ast.Tuple | ast.Set, depth: int) -> Expr:
        kind: Literal["list", "tuple", "set"] = (
            "list"
            if isinstance(node, ast.List)
            else "tuple"
            if isinstance(node, ast.Tuple)
            else "set"
        )
        if len(node.elts) > MAX_ITEMS:
            return Other(f"<{kind} of {len(node.elts)} items>")
        items = tuple(
            self._other(element.value, starred=True)
            if isinstance(element, ast.Starred)
            else self.to_expr(element, depth)
            for element in node.elts
        )
        return Seq(kind, items)

    def _dict(self, node: ast.Dict, depth: int) -> Expr:
        if len(node.keys) > MAX_ITEMS:
            return Other(f"<dict of {len(node.keys)} items>")
        return DictExpr(
            tuple(
                (self.to_expr(key, depth) if key is not None else None, self.to_expr(value, depth))
                for key, value in zip(node.keys, node.values, strict=True)
            )
        )

    def _subscript(self, node: ast.Subscript, depth: int) -> Expr:
        index = node.slice
        items = index.elts if isinstance(index, ast.Tuple) else [index]
        return Subscript(
            self.to_expr(node.value, depth), tuple(self.to_expr(item, depth) for item in items)
        )

    def _binary(self, node: ast.BinOp, depth: int) -> Expr:
        if isinstance(node.op, ast.BitOr):
            return BinOp("|", self.to_expr(node.left, depth), self.to_expr(node.right, depth))
        if isinstance(node.op, ast.Add):
            return BinOp("+", self.to_expr(node.left, depth), self.to_expr(node.right, depth))
        return self._other(node)

    def _unary(self, node: ast.UnaryOp, depth: int) -> Expr:
        inner = self.to_expr(node.operand, depth)
        if (
            isinstance(node.op, ast.USub)
            and isinstance(inner, Const)
            and isinstance(inner.value, int | float)
            and not isinstance(inner.value, bool)
        ):
            return Const(-inner.value)
        return self._other(node)

    def _await(self, node: ast.Await, depth: int) -> Expr:
        # ``await session.get(User, 1)`` is modelled as the call it awaits.
        return self.to_expr(node.value, depth)

    def _named(self, node: ast.NamedExpr, depth: int) -> Expr:
        return self.to_expr(node.value, depth)


def _cut(line: str, start: int, end: int | None) -> str:
    """``line[start:end]`` with UTF-8 byte offsets (what ``ast`` reports)."""
    if line.isascii():
        return line[start:end]
    return line.encode("utf-8")[start:end].decode("utf-8", "replace")


_CONVERTERS: dict[type[ast.AST], Callable[[Converter, Any, int], Expr]] = {
    ast.Name: Converter._name,
    ast.Attribute: Converter._attribute,
    ast.Call: Converter._call,
    ast.Constant: Converter._constant,
    ast.List: Converter._sequence,
    ast.Tuple: Converter._sequence,
    ast.Set: Converter._sequence,
    ast.Dict: Converter._dict,
    ast.Subscript: Converter._subscript,
    ast.BinOp: Converter._binary,
    ast.UnaryOp: Converter._unary,
    ast.Await: Converter._await,
    ast.NamedExpr: Converter._named,
}

_EAGER = Converter()


def to_expr(node: ast.expr, depth: int = 0) -> Expr:
    """Model ``node`` with eager ``Other`` texts (no source at hand)."""
    return _EAGER.to_expr(node, depth)


def annotation_expr(node: ast.expr | None) -> Expr | None:
    """An annotation, with string (forward-reference) annotations parsed: ``-> "None"``."""
    return _EAGER.annotation_expr(node)
