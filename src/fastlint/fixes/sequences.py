"""Add or drop one item of a comma-separated libcst sequence, commas kept right."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import libcst as cst

Item = TypeVar("Item", cst.Arg, cst.ImportAlias, cst.DictElement, cst.Element)


def appended(
    items: Sequence[Item], new: Item, opening: cst.BaseParenthesizableWhitespace | None = None
) -> list[Item]:
    """``items`` plus ``new`` at the end: a trailing comma stays trailing, a
    multi-line layout gets one more line. ``opening`` is the whitespace before the
    first item (after the bracket): a lone item's line layout is copied from it."""
    result = list(items)
    if not result:
        return [new]
    last = result[-1]
    trailing = last.comma
    if isinstance(trailing, cst.Comma):
        between = result[-2].comma if len(result) > 1 else trailing
        if len(result) == 1 and opening is not None:
            between = cst.Comma(
                whitespace_before=trailing.whitespace_before, whitespace_after=opening
            )
        if not isinstance(between, cst.Comma):
            between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        result[-1] = last.with_changes(comma=between)
        result.append(new.with_changes(comma=trailing))
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
