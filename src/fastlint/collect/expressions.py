"""Convert Python ``ast`` expressions into the summary's small ``Expr`` tree."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any, Literal

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


def source_text(node: ast.AST) -> str:
    """The node's source (re-generated), shortened for messages."""
    try:
        text = ast.unparse(node)
    except Exception:  # unparse can fail on exotic nodes; the text is cosmetic
        return "…"
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def to_expr(node: ast.expr, depth: int = 0) -> Expr:
    """Model ``node``; anything unmodelled becomes ``Other`` with its source text."""
    if depth > MAX_DEPTH:
        return Other("…")
    converter = _CONVERTERS.get(type(node))
    if converter is None:
        return Other(source_text(node))
    return converter(node, depth + 1)


def annotation_expr(node: ast.expr | None) -> Expr | None:
    """An annotation, with string (forward-reference) annotations parsed: ``-> "None"``."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            parsed = ast.parse(node.value.strip(), mode="eval").body
        except SyntaxError:
            return to_expr(node)
        return to_expr(parsed)
    return to_expr(node)


def _name(node: ast.Name, depth: int) -> Expr:
    return Name(node.id)


def _attribute(node: ast.Attribute, depth: int) -> Expr:
    return Attribute(to_expr(node.value, depth), node.attr)


def _call(node: ast.Call, depth: int) -> Expr:
    args: list[Expr] = []
    kwargs: list[tuple[str, Expr]] = []
    star = False
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            star = True
        else:
            args.append(to_expr(arg, depth))
    for keyword in node.keywords:
        if keyword.arg is None:
            star = True
            kwargs.append(("**", to_expr(keyword.value, depth)))  # ``**config``, expanded later
        else:
            kwargs.append((keyword.arg, to_expr(keyword.value, depth)))
    return Call(to_expr(node.func, depth), tuple(args), tuple(kwargs), star)


def _constant(node: ast.Constant, depth: int) -> Expr:
    value = node.value
    if value is Ellipsis:
        return Const(None, is_ellipsis=True)
    if isinstance(value, bytes):
        return Const(value.decode("utf-8", "replace"))
    if isinstance(value, str | int | float | bool) or value is None:
        return Const(value)
    return Other(source_text(node))  # complex numbers


def _sequence(node: ast.List | ast.Tuple | ast.Set, depth: int) -> Expr:
    kind: Literal["list", "tuple", "set"] = (
        "list" if isinstance(node, ast.List) else "tuple" if isinstance(node, ast.Tuple) else "set"
    )
    if len(node.elts) > MAX_ITEMS:
        return Other(f"<{kind} of {len(node.elts)} items>")
    items = tuple(
        Other("*" + source_text(element.value))
        if isinstance(element, ast.Starred)
        else to_expr(element, depth)
        for element in node.elts
    )
    return Seq(kind, items)


def _dict(node: ast.Dict, depth: int) -> Expr:
    if len(node.keys) > MAX_ITEMS:
        return Other(f"<dict of {len(node.keys)} items>")
    return DictExpr(
        tuple(
            (to_expr(key, depth) if key is not None else None, to_expr(value, depth))
            for key, value in zip(node.keys, node.values, strict=True)
        )
    )


def _subscript(node: ast.Subscript, depth: int) -> Expr:
    index = node.slice
    items = index.elts if isinstance(index, ast.Tuple) else [index]
    return Subscript(to_expr(node.value, depth), tuple(to_expr(item, depth) for item in items))


def _binary(node: ast.BinOp, depth: int) -> Expr:
    if isinstance(node.op, ast.BitOr):
        return BinOp("|", to_expr(node.left, depth), to_expr(node.right, depth))
    if isinstance(node.op, ast.Add):
        return BinOp("+", to_expr(node.left, depth), to_expr(node.right, depth))
    return Other(source_text(node))


def _unary(node: ast.UnaryOp, depth: int) -> Expr:
    inner = to_expr(node.operand, depth)
    if (
        isinstance(node.op, ast.USub)
        and isinstance(inner, Const)
        and isinstance(inner.value, int | float)
        and not isinstance(inner.value, bool)
    ):
        return Const(-inner.value)
    return Other(source_text(node))


def _await(node: ast.Await, depth: int) -> Expr:
    # ``await session.get(User, 1)`` is modelled as the call it awaits.
    return to_expr(node.value, depth)


def _named(node: ast.NamedExpr, depth: int) -> Expr:
    return to_expr(node.value, depth)


_CONVERTERS: dict[type[ast.AST], Callable[[Any, int], Expr]] = {
    ast.Name: _name,
    ast.Attribute: _attribute,
    ast.Call: _call,
    ast.Constant: _constant,
    ast.List: _sequence,
    ast.Tuple: _sequence,
    ast.Set: _sequence,
    ast.Dict: _dict,
    ast.Subscript: _subscript,
    ast.BinOp: _binary,
    ast.UnaryOp: _unary,
    ast.Await: _await,
    ast.NamedExpr: _named,
}
