"""Rewrite syntax newer than the running interpreter into code its ``ast`` accepts.

fastlint parses with the standard library's ``ast`` (fast), which only knows the
grammar of the Python it runs on. A project written for a newer Python (PEP 695
type parameters and ``type`` aliases, PEP 701 f-strings, PEP 758 ``except A, B:``)
is still valid code: libcst's parser accepts every version's grammar, so such a
file is parsed with libcst and rewritten, line for line, into equivalent older
syntax for the summary. Only the constructs the summary never reads change:
type parameters are dropped, ``type X = ...`` becomes ``X = ...``, an f-string
the old grammar rejects becomes an empty string (its value was unknown anyway),
``except A, B:`` gets its parentheses. Line numbers are kept.

Imported lazily: libcst costs start-up time, and only such files need it.
"""

from __future__ import annotations

import ast

import libcst as cst

from fastlint.lines import count_line_ends


class _Downgrade(cst.CSTTransformer):
    def __init__(self, module: cst.Module) -> None:
        super().__init__()
        self._module = module

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        return updated_node.with_changes(type_parameters=None)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        return updated_node.with_changes(type_parameters=None)

    def leave_TypeAlias(
        self, original_node: cst.TypeAlias, updated_node: cst.TypeAlias
    ) -> cst.Assign:
        return cst.Assign(targets=[cst.AssignTarget(updated_node.name)], value=updated_node.value)

    def leave_ExceptHandler(
        self, original_node: cst.ExceptHandler, updated_node: cst.ExceptHandler
    ) -> cst.ExceptHandler:
        return updated_node.with_changes(type=_parenthesized(updated_node.type))

    def leave_ExceptStarHandler(
        self, original_node: cst.ExceptStarHandler, updated_node: cst.ExceptStarHandler
    ) -> cst.ExceptStarHandler:
        return updated_node.with_changes(type=_parenthesized(updated_node.type))

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.BaseExpression:
        code = self._module.code_for_node(original_node)
        try:
            ast.parse(code, mode="eval")
        except SyntaxError:
            return _empty_string(count_line_ends(code))
        return updated_node


def _parenthesized(node: cst.BaseExpression | None) -> cst.BaseExpression | None:
    if isinstance(node, cst.Tuple) and not node.lpar:
        return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return node


def _empty_string(newlines: int) -> cst.BaseExpression:
    """``""``, spread over as many lines as the string it replaces."""
    if not newlines:
        return cst.SimpleString('""')
    parts = ['""'] * (newlines + 1)
    return cst.parse_expression("(" + "\n".join(parts) + ")")


def downgrade(source: str) -> str | None:
    """The source rewritten for this interpreter's ``ast``, or None when libcst cannot
    parse it either (then the file is invalid for every Python)."""
    try:
        module = cst.parse_module(source)
        rewritten = module.visit(_Downgrade(module))
    except (cst.ParserSyntaxError, RecursionError, ValueError, TypeError):
        return None
    return rewritten.code
