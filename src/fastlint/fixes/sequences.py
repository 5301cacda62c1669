"""Add or drop one item of a comma-separated libcst sequence, commas kept right."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import libcst as cst

Item = TypeVar("Item", cst.Arg, cst.ImportAlias, cst.DictElement, cst.Element)


def _next_line(
    closing: cst.ParenthesizedWhitespace, model: cst.BaseParenthesizableWhitespace | None
) -> cst.BaseParenthesizableWhitespace:
    """The whitespace after a comma that now leads to one more item: the comments
    and blank lines that were there stay, the next line is indented like ``model``
    (the whitespace before an earlier item)."""
    if isinstance(model, cst.ParenthesizedWhitespace):
        return closing.with_changes(indent=model.indent, last_line=model.last_line)
    return closing


def _closing(closing: cst.ParenthesizedWhitespace) -> cst.ParenthesizedWhitespace:
    """A bare copy of the line break before the closing bracket (no comments)."""
    return cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), indent=closing.indent, last_line=closing.last_line
    )


def appended(
    items: Sequence[Item], new: Item, opening: cst.BaseParenthesizableWhitespace | None = None
) -> list[Item]:
    """``items`` plus ``new`` at the end, in the sequence's layout: a trailing comma
    stays trailing, a multi-line sequence gets one more line, and every comment
    stays with the item it follows. ``opening`` is the whitespace before the first
    item (after the bracket)."""
    result = list(items)
    if not result:
        return [new]
    last = result[-1]
    model = opening
    if len(result) > 1 and isinstance(result[-2].comma, cst.Comma):
        model = result[-2].comma.whitespace_after
    trailing = last.comma
    after_last = getattr(last, "whitespace_after_arg", None)
    if isinstance(trailing, cst.Comma):
        closing = trailing.whitespace_after
        if isinstance(closing, cst.ParenthesizedWhitespace):
            result[-1] = last.with_changes(
                comma=trailing.with_changes(whitespace_after=_next_line(closing, model))
            )
            result.append(
                new.with_changes(
                    comma=trailing.with_changes(
                        whitespace_before=cst.SimpleWhitespace(""),
                        whitespace_after=_closing(closing),
                    )
                )
            )
        else:  # ``(a, b,)`` on one line
            result[-1] = last.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            result.append(new.with_changes(comma=trailing))
    elif isinstance(after_last, cst.ParenthesizedWhitespace):  # ``f(\n    a\n)``
        result[-1] = last.with_changes(
            whitespace_after_arg=cst.SimpleWhitespace(""),
            comma=cst.Comma(whitespace_after=_next_line(after_last, model)),
        )
        result.append(new.with_changes(whitespace_after_arg=_closing(after_last)))
    else:
        result[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        result.append(new)
    return result


def without(items: Sequence[Item], index: int) -> list[Item]:
    """``items`` minus the one at ``index``; the last item keeps the removed one's
    trailing comma (or lack of one)."""
    result = list(items)
    removed = result.pop(index)
    if result and index == len(result):
        result[-1] = result[-1].with_changes(comma=removed.comma)
    return result


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    """``name=value``, spelled the way formatters write keyword arguments."""
    return cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        ),
    )


def with_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call | None:
    """``call`` with one more keyword argument; None when it already has it or
    forwards ``**kwargs`` (which might hold it)."""
    if any(arg.star == "**" or (arg.keyword and arg.keyword.value == name) for arg in call.args):
        return None
    opening = call.whitespace_before_args
    return call.with_changes(args=appended(call.args, keyword_arg(name, value), opening))
