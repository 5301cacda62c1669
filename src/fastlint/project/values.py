"""Static evaluation of the few value kinds rules need: strings, string lists, ints."""

from __future__ import annotations

from dataclasses import dataclass

from fastlint.project.evaluate import Evaluator
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Symbol
from fastlint.summary import (
    Attribute,
    BinOp,
    Call,
    Const,
    Expr,
    Name,
    Other,
    Seq,
    Subscript,
    dotted,
)

MAX_ALIAS_DEPTH = 20  # name -> name -> ... chains longer than this are unknown

# HTTP status constants: fastapi.status / starlette.status names and http.HTTPStatus members.
_HTTP_STATUS_PREFIX = "HTTP_"
_HTTPSTATUS_CODES = {
    "CONTINUE": 100,
    "SWITCHING_PROTOCOLS": 101,
    "PROCESSING": 102,
    "EARLY_HINTS": 103,
    "OK": 200,
    "CREATED": 201,
    "ACCEPTED": 202,
    "NO_CONTENT": 204,
    "NOT_MODIFIED": 304,
}


@dataclass(frozen=True)
class Text:
    """A string that may contain parts the analysis could not evaluate.

    Unknown parts are kept as ``⟨source⟩`` so identical unknowns compare equal
    (the same module-level expression has the same value) and users see them.
    """

    value: str
    known: bool


def expr_label(expr: Expr) -> str:
    name = dotted(expr)
    if name is not None:
        return name
    if isinstance(expr, Other):
        return expr.text
    if isinstance(expr, Call):
        return f"{expr_label(expr.func)}(...)"
    if isinstance(expr, Subscript):
        return f"{expr_label(expr.value)}[{', '.join(expr_label(i) for i in expr.items)}]"
    if isinstance(expr, BinOp):
        return f"{expr_label(expr.left)} {expr.op} {expr_label(expr.right)}"
    if isinstance(expr, Const):
        return "..." if expr.is_ellipsis else repr(expr.value)
    return type(expr).__name__


def evaluate_text(
    evaluator: Evaluator, module: ModuleKey, expr: Expr | None, scope: str = "", depth: int = 0
) -> Text:
    """Evaluate a string expression (literals, ``+``, names holding one string)."""
    if expr is None:
        return Text("", True)
    if isinstance(expr, Const) and isinstance(expr.value, str):
        return Text(expr.value, True)
    if isinstance(expr, BinOp) and expr.op == "+" and depth < MAX_ALIAS_DEPTH:
        left = evaluate_text(evaluator, module, expr.left, scope, depth + 1)
        right = evaluate_text(evaluator, module, expr.right, scope, depth + 1)
        return Text(left.value + right.value, left.known and right.known)
    if isinstance(expr, Name | Attribute) and depth < MAX_ALIAS_DEPTH:
        value = evaluator.values(module, expr, scope).single
        if value is not None and value.symbol is None:
            inner = evaluate_text(evaluator, value.module, value.expr, value.scope, depth + 1)
            if inner.known:
                return inner
    return Text(f"⟨{expr_label(expr)}⟩", False)


def evaluate_strings(
    evaluator: Evaluator, module: ModuleKey, expr: Expr | None, scope: str = "", depth: int = 0
) -> list[str] | None:
    """A list/tuple of strings (tags), following names; None when unknown."""
    if expr is None:
        return []
    if isinstance(expr, Seq):
        out: list[str] = []
        for item in expr.items:
            text = evaluate_text(evaluator, module, item, scope, depth + 1)
            if not text.known:
                # an Enum member or constant we cannot read is still a tag
                if isinstance(item, Name | Attribute):
                    out.append(text.value)
                    continue
                return None
            out.append(text.value)
        return out
    if isinstance(expr, Name | Attribute) and depth < MAX_ALIAS_DEPTH:
        value = evaluator.values(module, expr, scope).single
        if value is not None and value.symbol is None:
            return evaluate_strings(evaluator, value.module, value.expr, value.scope, depth + 1)
    if isinstance(expr, BinOp) and expr.op == "+" and depth < MAX_ALIAS_DEPTH:
        left = evaluate_strings(evaluator, module, expr.left, scope, depth + 1)
        right = evaluate_strings(evaluator, module, expr.right, scope, depth + 1)
        if left is None or right is None:
            return None
        return left + right
    return None


def evaluate_status(
    evaluator: Evaluator, module: ModuleKey, expr: Expr | None, scope: str = "", depth: int = 0
) -> int | None:
    """An HTTP status code: ``204``, ``status.HTTP_204_NO_CONTENT``, ``HTTPStatus.NO_CONTENT``.

    ``depth`` bounds alias chains; the evaluator ends cycles (``A = B; B = A``).
    """
    if expr is None or depth > MAX_ALIAS_DEPTH:
        return None
    if isinstance(expr, Const) and isinstance(expr.value, int) and not isinstance(expr.value, bool):
        return expr.value
    if isinstance(expr, Name | Attribute):
        value = evaluator.values(module, expr, scope).single
        if value is not None and value.symbol is not None:
            code = _status_constant(value.symbol)
            if code is not None:
                return code
        elif value is not None:
            return evaluate_status(evaluator, value.module, value.expr, value.scope, depth + 1)
    if isinstance(expr, Attribute) and expr.attr == "value":
        return evaluate_status(evaluator, module, expr.value, scope, depth + 1)
    return None


def _status_constant(symbol: Symbol) -> int | None:
    if symbol.kind != "external":
        return None
    last = symbol.name.rsplit(".", 1)[-1]
    if symbol.name.startswith(("fastapi.status.", "starlette.status.")) and last.startswith(
        _HTTP_STATUS_PREFIX
    ):
        number = last[len(_HTTP_STATUS_PREFIX) :].split("_", 1)[0]
        return int(number) if number.isdigit() and len(number) <= 3 else None
    if symbol.name.startswith("http.HTTPStatus."):
        return _HTTPSTATUS_CODES.get(last)
    return None
