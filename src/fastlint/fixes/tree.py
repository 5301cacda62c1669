"""One file's concrete syntax tree, with the lookups fixes need (libcst).

A whole-module position pass and a whole-module ``deep_replace`` per fix cost
seconds on a 3,000-line file with dozens of fixable routes. So positions are
computed only for the top-level statement a request points into, nodes are
replaced inside that statement, and a fix's edits are the top-level statements
it changed, found by identity: unchanged statements are the very same objects.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from fastlint.findings import Edit, Span
from fastlint.lines import count_line_ends


class SourceTree:
    """A parsed file: its libcst module and where each top-level statement lies.

    Requests name places by line (and column), the way the fast ``ast`` pass saw
    them; the tree answers with the node there. The original tree is never
    mutated: transforms build new modules with :meth:`replace`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.module = cst.parse_module(text)
        self._starts: list[int] = []  # first line of each top-level statement (its comments too)
        line = 1 + sum(1 for _ in self.module.header)
        for statement in self.module.body:
            self._starts.append(line)
            line += count_line_ends(self.module.code_for_node(statement))
        self._end = line
        self._positions: dict[int, dict[cst.CSTNode, CodeRange]] = {}
        self._owner: dict[int, cst.BaseStatement] = {}  # id(node) -> its top-level statement

    # ------------------------------------------------------------------ positions

    def _statement_at(self, line: int) -> int | None:
        index = next((i for i, start in enumerate(self._starts) if start > line), None)
        found = (len(self._starts) if index is None else index) - 1
        return found if found >= 0 and line < self._end else None

    def _nodes(self, line: int) -> dict[cst.CSTNode, CodeRange]:
        """Positions (in file lines) of every node of the statement holding ``line``."""
        index = self._statement_at(line)
        if index is None:
            return {}
        if index not in self._positions:
            statement = self.module.body[index]
            alone = self.module.with_changes(header=(), body=[statement], footer=())
            wrapper = MetadataWrapper(alone, unsafe_skip_copy=True)
            offset = self._starts[index] - 1
            shifted: dict[cst.CSTNode, CodeRange] = {}
            for node, where in wrapper.resolve(PositionProvider).items():
                shifted[node] = CodeRange(
                    (where.start.line + offset, where.start.column),
                    (where.end.line + offset, where.end.column),
                )
                self._owner[id(node)] = statement
            self._positions[index] = shifted
        return self._positions[index]

    def range(self, node: cst.CSTNode) -> CodeRange:
        for positions in self._positions.values():
            if node in positions:
                return positions[node]
        raise KeyError(node)

    def class_named_on(self, line: int) -> cst.ClassDef | None:
        """The class whose name is on ``line``."""
        positions = self._nodes(line)
        for node in positions:
            if isinstance(node, cst.ClassDef) and positions[node.name].start.line == line:
                return node
        return None

    def function_named_on(self, line: int) -> cst.FunctionDef | None:
        """The function whose name is on ``line`` (the ``def`` line)."""
        positions = self._nodes(line)
        for node in positions:
            if isinstance(node, cst.FunctionDef) and positions[node.name].start.line == line:
                return node
        return None

    def call_at(self, line: int, column: int) -> cst.Call | None:
        """The call whose text (or decorator's ``@``) starts at ``line``/``column``
        (1-based column); of ``app.get(p)(h)``, the inner ``app.get(p)``."""
        found: list[cst.Call] = []
        for node, where in self._nodes(line).items():
            if where.start.line != line or where.start.column != column - 1:
                continue
            if isinstance(node, cst.Decorator) and isinstance(node.decorator, cst.Call):
                found.append(node.decorator)  # a route decorator is reported at its ``@``
            elif isinstance(node, cst.Call):
                found.append(node)
        inner = [node for node in found if not isinstance(node.func, cst.Call)]
        candidates = inner or found
        return candidates[0] if candidates else None

    # ------------------------------------------------------------------ edits

    def replace(self, module: cst.Module, old: cst.CSTNode, new: cst.CSTNode) -> cst.Module:
        """``module`` with ``old`` (a node found through this tree) replaced by
        ``new``, rebuilding only the top-level statement that holds it."""
        owner = self._owner[id(old)]
        body = list(module.body)
        index = next(i for i, statement in enumerate(body) if statement is owner)
        replaced = new if owner is old else owner.deep_replace(old, new)
        assert isinstance(replaced, cst.SimpleStatementLine | cst.BaseCompoundStatement)
        body[index] = replaced
        return module.with_changes(body=body)

    def edits(self, new: cst.Module) -> tuple[Edit, ...]:
        """The whole-line edits from this file to ``new`` (a module built from it)."""
        old_body: Sequence[cst.BaseStatement] = self.module.body
        new_body: Sequence[cst.BaseStatement] = new.body
        matcher = difflib.SequenceMatcher(
            a=[id(s) for s in old_body], b=[id(s) for s in new_body], autojunk=False
        )
        edits: list[Edit] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            start = self._starts[i1] if i1 < len(self._starts) else self._end
            end = self._starts[i2] if i2 < len(self._starts) else self._end
            content = "".join(new.code_for_node(s) for s in new_body[j1:j2])
            edits.append(Edit(Span(start, 1, end, 1), content))
        return tuple(edits)


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
