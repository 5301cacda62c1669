"""Is this expression evidently an ORM object? (FL602's precondition.)

Evidence, in the function where the value is used: ``session.get(User, id)``,
``select(User)``/``query(User)`` chains ending in ``scalar_one()``/``first()``
etc., an ORM constructor call, a call to a project function annotated to
return an ORM class, a parameter annotated with one, or a name bound to any of
these (also through ``for`` loops and comprehensions over ``.all()``/``.scalars()``).
"""

from __future__ import annotations

from fastlint.analysis.route_facts import unwrap_annotation
from fastlint.project import Project
from fastlint.project.symbols import Symbol
from fastlint.summary import Attribute, Call, Expr, Function, Loop, Name, Subscript

SINGLE_TERMINALS = frozenset(
    {"scalar_one", "scalar_one_or_none", "first", "one", "one_or_none", "get", "scalar", "unique"}
)
COLLECTION_TERMINALS = frozenset({"all", "scalars", "fetchall", "unique"})
SELECTORS = frozenset({"select", "query", "get", "get_one"})
MAX_DEPTH = 12


class OrmEvidence:
    """Answers "is ``expr`` an ORM object (or a collection of them)?" inside one function."""

    def __init__(
        self, project: Project, module: str, function: Function | None, loops: tuple[Loop, ...] = ()
    ) -> None:
        self.project = project
        self.module = module
        self.function = function
        self.scope = function.qualname if function else ""
        self.loops = loops

    def is_orm_class(self, expr: Expr | None) -> bool:
        if not isinstance(expr, Name | Attribute):
            return False
        symbol = self.project.resolver.resolve(self.module, expr, self.scope)
        return symbol.kind == "class" and self.project.schemas.is_orm(symbol)

    def _annotated_orm(self, module: str, annotation: Expr | None, scope: str) -> bool:
        inner = unwrap_annotation(self.project, module, annotation, scope)
        if not isinstance(inner, Name | Attribute):
            return False
        symbol = self.project.resolver.resolve(module, inner, scope)
        return symbol.kind == "class" and self.project.schemas.is_orm(symbol)

    def single(self, expr: Expr | None, depth: int = 0) -> bool:
        """``expr`` evaluates to one ORM object."""
        if expr is None or depth > MAX_DEPTH:
            return False
        if isinstance(expr, Call):
            return self._call_single(expr, depth)
        if isinstance(expr, Name):
            return self._name(expr, depth, collection=False)
        return False

    def collection(self, expr: Expr | None, depth: int = 0) -> bool:
        """``expr`` evaluates to ORM objects (a list, ``.scalars()``...)."""
        if expr is None or depth > MAX_DEPTH:
            return False
        if (
            isinstance(expr, Call)
            and isinstance(expr.func, Attribute)
            and expr.func.attr in COLLECTION_TERMINALS
        ):
            return self._selects_orm(expr, depth)
        if isinstance(expr, Name):
            return self._name(expr, depth, collection=True)
        return False

    def _call_single(self, call: Call, depth: int) -> bool:
        func = call.func
        if isinstance(func, Attribute) and func.attr in SINGLE_TERMINALS:
            if func.attr in ("get", "get_one"):
                return bool(call.args) and self.is_orm_class(call.args[0])
            return self._selects_orm(call, depth)
        if self.is_orm_class(func):
            return True  # User(name=...)
        if isinstance(func, Name | Attribute):
            symbol = self.project.resolver.resolve(self.module, func, self.scope)
            target = self.project.resolver.function(symbol)
            if target is not None and target.returns is not None:
                return self._annotated_orm(symbol.module, target.returns, target.qualname)
        return False

    def _selects_orm(self, expr: Expr, depth: int) -> bool:
        """Does a call chain contain ``select(ORM)``/``query(ORM)``/``get(ORM, ..)``?"""
        node: Expr | None = expr
        for _ in range(20):
            if isinstance(node, Call):
                name = (
                    node.func.attr
                    if isinstance(node.func, Attribute)
                    else (node.func.id if isinstance(node.func, Name) else "")
                )
                if name in SELECTORS and node.args and self.is_orm_class(node.args[0]):
                    return True
                if (
                    name
                    in ("execute", "exec", "scalars", "scalar", "scalar_one", "scalar_one_or_none")
                    and node.args
                ):
                    argument = node.args[0]
                    if isinstance(argument, Call) and self._selects_orm(argument, depth + 1):
                        return True
                    if isinstance(argument, Name) and self._bound_to(
                        argument, lambda v: self._selects_orm(v, depth + 1), depth
                    ):
                        return True
                node = node.func
            elif isinstance(node, Attribute):
                node = node.value
            elif isinstance(node, Name):
                return self._bound_to(node, lambda v: self._selects_orm(v, depth + 1), depth)
            else:
                return False
        return False

    def _bound_to(self, name: Name, predicate: object, depth: int) -> bool:
        if depth > MAX_DEPTH or self.function is None:
            return False
        symbol = self.project.resolver.resolve(self.module, name, self.scope)
        if symbol.kind != "assign" or symbol.scope != self.scope:
            return False
        assign = self.project.resolver.assign(symbol)
        if assign is None or assign.value is None:
            return False
        assert callable(predicate)
        return bool(predicate(assign.value))

    def _name(self, name: Name, depth: int, collection: bool) -> bool:
        for loop in reversed(self.loops):
            if loop.var == name.id:
                return not collection and self.collection(loop.iterable, depth + 1)
        if self.function is not None:
            for param in self.function.params:
                if param.name == name.id:
                    annotation = param.annotation
                    if collection and isinstance(annotation, Subscript) and annotation.items:
                        return self._annotated_orm(self.module, annotation.items[0], self.scope)
                    return not collection and self._annotated_orm(
                        self.module, annotation, self.scope
                    )
        test = self.collection if collection else self.single
        return self._bound_to(name, lambda value: test(value, depth + 1), depth)


def schema_symbol(project: Project, module: str, expr: Expr | None, scope: str) -> Symbol | None:
    if not isinstance(expr, Name | Attribute):
        return None
    symbol = project.resolver.resolve(module, expr, scope)
    return symbol if symbol.kind == "class" else None
