"""One file's concrete syntax tree, with the lookups fixes need (libcst)."""

from __future__ import annotations

import re

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider


class SourceTree:
    """A parsed file: its libcst module and where each node starts.

    Requests name places by line (and column), the way the fast ``ast`` pass saw
    them; the tree answers with the node there. Edits build a new module with
    ``replace``; the original tree is never mutated.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.module = cst.parse_module(text)
        wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        self._positions = wrapper.resolve(PositionProvider)

    def range(self, node: cst.CSTNode) -> CodeRange:
        return self._positions[node]

    def class_named_on(self, line: int) -> cst.ClassDef | None:
        """The class whose name is on ``line``."""
        for node in self._positions:
            if isinstance(node, cst.ClassDef) and self.range(node.name).start.line == line:
                return node
        return None

    def function_named_on(self, line: int) -> cst.FunctionDef | None:
        """The function whose name is on ``line`` (the ``def`` line)."""
        for node in self._positions:
            if isinstance(node, cst.FunctionDef) and self.range(node.name).start.line == line:
                return node
        return None

    def call_at(self, line: int, column: int) -> cst.Call | None:
        """The call whose text (or decorator's ``@``) starts at ``line``/``column``
        (1-based column); of ``app.get(p)(h)``, the inner ``app.get(p)``."""
        found: list[cst.Call] = []
        for node, where in self._positions.items():
            if where.start.line != line or where.start.column != column - 1:
                continue
            if isinstance(node, cst.Decorator) and isinstance(node.decorator, cst.Call):
                found.append(node.decorator)  # a route decorator is reported at its ``@``
            elif isinstance(node, cst.Call):
                found.append(node)
        inner = [node for node in found if not isinstance(node.func, cst.Call)]
        candidates = inner or found
        return candidates[0] if candidates else None

    def mentions(self, name: str) -> bool:
        """Whether ``name`` occurs as a word anywhere in the file (a cheap clash test)."""
        return re.search(rf"\b{re.escape(name)}\b", self.text) is not None


def code(node: cst.CSTNode) -> str:
    """The source text of a node, as it would be printed inside this file."""
    return cst.Module(body=()).code_for_node(node)


def dotted_name(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def is_docstring(statement: cst.BaseStatement) -> bool:
    """A statement that is only a string: a module's or class's docstring."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )
