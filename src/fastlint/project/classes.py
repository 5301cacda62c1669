"""The class index: every project class linearised once, asked everywhere.

mypy computes ``TypeInfo.mro`` once and answers ``has_base(fullname)`` from it;
this is the same idea on summaries. An MRO entry is a project class, an
external class (whose own bases are unknown to us, but whose name is), or an
``unknown`` symbol for a base that could not be resolved: callers decide what
an unknown entry means instead of the walk stopping silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from fastlint.project.symbols import Resolver, Symbol, unknown
from fastlint.summary import Assign, Attribute, Function, Name, Subscript

MAX_ALIAS_DEPTH = 20
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class ClassAttribute:
    """A class-level assignment and the class (in the MRO) that defines it."""

    owner: Symbol
    assign: Assign


class ClassIndex:
    """Memoized MROs and the questions asked of them."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._mro_memo: dict[Symbol, tuple[Symbol, ...]] = {}

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
        where C3 has no answer). Non-classes are their own one-entry MRO.

        Every class below is linearised first, with an explicit stack: a hierarchy a
        thousand classes deep costs no Python recursion."""
        cls = self.resolver.class_info(symbol)
        if cls is None:
            return (symbol,)
        return memoized_postorder(
            symbol,
            self._mro_memo,
            self._class_bases,
            self._linearise,
            lambda entry: (entry, unknown("a class that inherits from itself")),
        )

    def _class_bases(self, symbol: Symbol) -> list[Symbol]:
        """The project classes among a class's bases (what its MRO is computed from)."""
        return [base for base in self._bases(symbol) if self.resolver.class_info(base)]

    def _bases(self, symbol: Symbol) -> list[Symbol]:
        cls = self.resolver.class_info(symbol)
        assert cls is not None
        return [self.base_symbol(symbol.module, base, cls.scope) for base in cls.bases]

    def _linearise(self, symbol: Symbol, done: list[tuple[Symbol, ...]]) -> tuple[Symbol, ...]:
        by_base = dict(zip(self._class_bases(symbol), done, strict=True))
        bases = self._bases(symbol)
        mros = [list(by_base.get(base, (base,))) for base in bases]
        merged = _c3_merge([*mros, bases])
        if merged is None:
            merged = list(dict.fromkeys(entry for mro in mros for entry in mro))
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


def memoized_postorder(
    root: K,
    memo: dict[K, V],
    children: Callable[[K], Sequence[K]],
    combine: Callable[[K, list[V]], V],
    in_progress: Callable[[K], V],
) -> V:
    """``memo[root]``, computing it (and every node below it not yet in ``memo``) from
    its children's answers, children first, with an explicit stack instead of
    recursion: each node is combined once, so the cost is linear in the graph. A
    child met again while its own answer is still being computed (a cycle, such as a
    class that inherits from itself) contributes ``in_progress(child)`` instead."""
    if root in memo:
        return memo[root]
    memo[root] = in_progress(root)
    stack: list[tuple[K, Sequence[K], list[int]]] = [(root, children(root), [0])]
    while stack:
        node, kids, position = stack[-1]
        if position[0] < len(kids):
            kid = kids[position[0]]
            position[0] += 1
            if kid not in memo:
                memo[kid] = in_progress(kid)
                stack.append((kid, children(kid), [0]))
            continue
        stack.pop()
        memo[node] = combine(node, [memo[kid] for kid in kids])
    return memo[root]


def _c3_merge(sequences: list[list[Symbol]]) -> list[Symbol] | None:
    """Python's C3 merge; None when the hierarchy is inconsistent.

    Each step takes the first head (in sequence order) that is in no sequence's
    tail. Heads are positions and tail membership is a count, so the merge is
    linear in the total length times the number of sequences."""
    pending = [sequence for sequence in sequences if sequence]
    heads = [0] * len(pending)
    in_tails: dict[Symbol, int] = {}
    for sequence in pending:
        for entry in sequence[1:]:
            in_tails[entry] = in_tails.get(entry, 0) + 1
    result: list[Symbol] = []
    remaining = len(pending)
    while remaining:
        for index, sequence in enumerate(pending):
            if heads[index] < len(sequence) and not in_tails.get(sequence[heads[index]]):
                head = sequence[heads[index]]
                break
        else:
            return None
        result.append(head)
        for index, sequence in enumerate(pending):
            if heads[index] < len(sequence) and sequence[heads[index]] == head:
                heads[index] += 1
                if heads[index] < len(sequence):
                    new_head = sequence[heads[index]]
                    in_tails[new_head] -= 1
                else:
                    remaining -= 1
    return result
