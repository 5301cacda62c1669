"""The class index: every project class linearised once, asked everywhere.

mypy computes ``TypeInfo.mro`` once and answers ``has_base(fullname)`` from it;
this is the same idea on summaries. An MRO entry is a project class, an
external class (whose own bases are unknown to us, but whose name is), or an
``unknown`` symbol for a base that could not be resolved: callers decide what
an unknown entry means instead of the walk stopping silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fastlint.project.symbols import Resolver, Symbol, unknown
from fastlint.summary import Assign, Attribute, ClassInfo, Function, Name, Subscript

MAX_ALIAS_DEPTH = 20


@dataclass(frozen=True)
class ClassAttribute:
    """A class-level assignment and the class (in the MRO) that defines it."""

    owner: Symbol
    assign: Assign


class ClassIndex:
    """Memoized MROs and the questions asked of them."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._mro: dict[tuple[str, str], tuple[Symbol, ...]] = {}

    # ------------------------------------------------------------------ linearisation

    def base_symbol(self, module: str, expr: object, scope: str, depth: int = 0) -> Symbol:
        """What a base-class expression names: ``Base``, ``Generic[T]``, ``Base = Other``."""
        if isinstance(expr, Subscript):
            expr = expr.value
        if not isinstance(expr, Name | Attribute):
            return unknown("a base class that is not a name")
        symbol = self.resolver.resolve(module, expr, scope)
        if symbol.kind == "assign" and depth < MAX_ALIAS_DEPTH:
            assign = self.resolver.assign(symbol)
            if assign is not None and isinstance(assign.value, Name | Attribute | Subscript):
                return self.base_symbol(symbol.module, assign.value, assign.scope, depth + 1)
        return symbol

    def mro(self, symbol: Symbol) -> tuple[Symbol, ...]:
        """``symbol`` and its bases in method resolution order (C3; left-to-right DFS
        where C3 has no answer). Non-classes are their own one-entry MRO."""
        cls = self.resolver.class_info(symbol)
        if cls is None:
            return (symbol,)
        key = (symbol.module, cls.qualname)
        cached = self._mro.get(key)
        if cached is not None:
            return cached
        self._mro[key] = (symbol, unknown("a class that inherits from itself"))  # cycle guard
        result = self._linearise(symbol, cls)
        self._mro[key] = result
        return result

    def _linearise(self, symbol: Symbol, cls: ClassInfo) -> tuple[Symbol, ...]:
        bases = [self.base_symbol(symbol.module, base, cls.scope) for base in cls.bases]
        merged = _c3_merge([list(self.mro(base)) for base in bases] + [bases])
        if merged is None:
            merged = list(dict.fromkeys(entry for base in bases for entry in self.mro(base)))
        return (symbol, *merged)

    # ------------------------------------------------------------------ questions

    def has_base(self, symbol: Symbol, names: Iterable[str]) -> bool | None:
        """True when an external class in the MRO is one of ``names`` (or a project class
        whose qualname is); None when not found but an entry is unknown; else False."""
        wanted = frozenset(names)
        found_unknown = False
        for entry in self.mro(symbol):
            if entry.kind == "external" and entry.name in wanted:
                return True
            if entry.kind == "class" and entry.name in wanted:
                return True
            if entry.kind == "unknown":
                found_unknown = True
        return None if found_unknown else False

    def any_base(self, symbol: Symbol, predicate: Callable[[Symbol], bool]) -> bool:
        """Does any MRO entry satisfy ``predicate`` (a test on externals, usually)?"""
        return any(predicate(entry) for entry in self.mro(symbol))

    def attributes(self, symbol: Symbol) -> list[ClassAttribute]:
        """Class-level assignments, inherited ones included; the most derived wins."""
        seen: set[str] = set()
        out: list[ClassAttribute] = []
        for entry in self.mro(symbol):
            cls = self.resolver.class_info(entry)
            if cls is None:
                continue
            for assign in cls.attributes:
                if assign.target not in seen:
                    seen.add(assign.target)
                    out.append(ClassAttribute(entry, assign))
        return out

    def method(self, symbol: Symbol, name: str) -> tuple[Symbol, Function] | None:
        """The first definition of ``name`` along the MRO (project classes only)."""
        for entry in self.mro(symbol):
            cls = self.resolver.class_info(entry)
            if cls is None:
                continue
            function = self.resolver.functions_in(entry.module).get(f"{cls.qualname}.{name}")
            if function is not None:
                return entry, function
        return None


def _c3_merge(sequences: list[list[Symbol]]) -> list[Symbol] | None:
    """Python's C3 merge; None when the hierarchy is inconsistent."""
    pending = [list(sequence) for sequence in sequences if sequence]
    result: list[Symbol] = []
    while pending:
        for sequence in pending:
            head = sequence[0]
            if not any(head in other[1:] for other in pending):
                break
        else:
            return None
        result.append(head)
        pending = [[s for s in sequence if s != head] for sequence in pending]
        pending = [sequence for sequence in pending if sequence]
    return result
