"""Classify classes: Pydantic schemas (v1 or v2), ORM models, or neither.

Lineage is followed through project base classes across modules; a base from
a package fastlint does not know makes the answer ``unknown`` (and the rules
that need it stay silent).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fastlint.project.classes import memoized_postorder
from fastlint.project.symbols import Resolver, Symbol
from fastlint.summary import Attribute, Call, ClassInfo, Const, DictExpr, Expr, Name, Subscript

MAX_ALIAS_DEPTH = 20  # ``Base = Other = Model`` chains longer than this are unknown

ClassKind = Literal["pydantic", "pydantic_v1", "orm", "other", "unknown"]

PYDANTIC_ROOTS = frozenset(
    {
        "pydantic.BaseModel",
        "pydantic.RootModel",
        "pydantic_settings.BaseSettings",
        "pydantic.BaseSettings",
        "sqlmodel.SQLModel",
        "beanie.Document",
    }
)
PYDANTIC_V1_ROOTS = frozenset(
    {
        "pydantic.v1.BaseModel",
        "pydantic.v1.BaseSettings",
        "pydantic.v1.main.BaseModel",
        "pydantic.generics.GenericModel",
        "pydantic.v1.generics.GenericModel",
    }
)
SETTINGS_ROOTS = frozenset({"pydantic_settings.BaseSettings", "pydantic.BaseSettings"})
ORM_ROOTS = frozenset(
    {
        "sqlalchemy.orm.DeclarativeBase",
        "sqlalchemy.orm.DeclarativeBaseNoMeta",
        "tortoise.Model",
        "ormar.Model",
        "beanie.Document",
    }
)
ORM_BASE_FACTORIES = frozenset(
    {"sqlalchemy.orm.declarative_base", "sqlalchemy.orm.registry.generate_base"}
)
# Bases that say nothing about what a class is.
NEUTRAL_BASES = frozenset(
    {
        "builtins.object",
        "typing.Generic",
        "typing.Protocol",
        "abc.ABC",
    }
)
# Roots that make a known, non-model class.
OTHER_ROOT_PREFIXES = (
    "builtins.",
    "enum.",
    "typing.",
    "abc.",
    "collections.",
    "fastapi.",
    "starlette.",
)
FROM_ATTRIBUTES_KEYS = ("from_attributes", "orm_mode")


@dataclass(frozen=True)
class ClassFacts:
    kind: ClassKind
    settings: bool = False  # a BaseSettings subclass
    table: bool = False  # SQLModel(table=True): an ORM model too


class SchemaAnalyzer:
    """Memoized answers about classes."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._facts: dict[Symbol, ClassFacts] = {}
        self._from_attributes: dict[Symbol, bool | None] = {}

    # ------------------------------------------------------------------ kinds

    def facts(self, symbol: Symbol) -> ClassFacts:
        """What a class (or a name bound to one) is, from its lineage. Every project
        class below is classified once, children first, with an explicit stack."""
        item = self._lineage_item(symbol)
        if isinstance(item, ClassFacts):
            return item
        return memoized_postorder(
            item,
            self._facts,
            self._facts_children,
            self._class_facts,
            lambda _: ClassFacts("unknown"),  # a class that inherits from itself
        )

    def _lineage_item(self, symbol: Symbol) -> Symbol | ClassFacts:
        """A project class to classify, or the facts a non-class already settles: a
        library class, an ORM base factory's result, an alias chain followed to either
        (at most ``MAX_ALIAS_DEPTH`` names)."""
        for _ in range(MAX_ALIAS_DEPTH):
            if symbol.kind == "external":
                return _external_facts(symbol.name)
            if symbol.kind != "assign":
                break
            assign = self.resolver.assign(symbol)
            if assign is not None and isinstance(assign.value, Call):
                factory = self.resolver.resolve(symbol.module, assign.value.func, assign.scope)
                if factory.kind == "external" and factory.name in ORM_BASE_FACTORIES:
                    return ClassFacts("orm")
            if assign is None or not isinstance(assign.value, Name | Attribute):
                return ClassFacts("unknown")
            symbol = self.resolver.resolve(symbol.module, assign.value, assign.scope)
        if self.resolver.class_info(symbol) is None:
            return ClassFacts("unknown")
        return symbol

    def _base_items(self, symbol: Symbol) -> list[Symbol | ClassFacts]:
        """What each base that says something about the class is (neutral ones, such as
        ``Generic[T]``, left out)."""
        cls = self.resolver.class_info(symbol)
        assert cls is not None
        items: list[Symbol | ClassFacts] = []
        for base in cls.bases:
            base_expr = base.value if isinstance(base, Subscript) else base
            base_symbol = self.resolver.resolve(symbol.module, base_expr, cls.scope)
            if base_symbol.kind == "external" and base_symbol.name in NEUTRAL_BASES:
                continue
            items.append(self._lineage_item(base_symbol))
        return items

    def _facts_children(self, symbol: Symbol) -> list[Symbol]:
        return [item for item in self._base_items(symbol) if isinstance(item, Symbol)]

    def _class_facts(self, symbol: Symbol, done: list[ClassFacts]) -> ClassFacts:
        cls = self.resolver.class_info(symbol)
        assert cls is not None
        answers = iter(done)
        kinds = [
            item if isinstance(item, ClassFacts) else next(answers)
            for item in self._base_items(symbol)
        ]
        table = any(
            key == "table" and isinstance(value, Const) and value.value is True
            for key, value in cls.keywords
        )
        if not kinds:
            return ClassFacts("other")
        for wanted in ("pydantic_v1", "pydantic", "orm"):
            for facts in kinds:
                if facts.kind == wanted:
                    settings = any(f.settings for f in kinds)
                    return ClassFacts(facts.kind, settings=settings, table=table or facts.table)
        if any(facts.kind == "unknown" for facts in kinds):
            return ClassFacts("unknown")
        return ClassFacts("other")

    def is_orm(self, symbol: Symbol) -> bool:
        facts = self.facts(symbol)
        return facts.kind == "orm" or facts.table

    def is_pydantic_v2_model(self, symbol: Symbol) -> bool:
        return self.facts(symbol).kind == "pydantic"

    # ------------------------------------------------------------------ config

    def from_attributes(self, symbol: Symbol) -> bool | None:
        """Whether the effective config sets ``from_attributes``; None when unknown."""
        if self.resolver.class_info(symbol) is None:
            return _external_from_attributes(symbol)
        return memoized_postorder(
            symbol,
            self._from_attributes,
            self._config_bases,
            self._combine_from_attributes,
            lambda _: None,
        )

    def _config_bases(self, symbol: Symbol) -> list[Symbol]:
        """The project classes whose config a class inherits (none when it sets its own)."""
        cls = self.resolver.class_info(symbol)
        assert cls is not None
        if self._own_from_attributes(symbol.module, cls) != "unset":
            return []
        bases = [self._base(symbol.module, base, cls.scope) for base in cls.bases]
        return [base for base in bases if self.resolver.class_info(base) is not None]

    def _base(self, module: str, base: Expr, scope: str) -> Symbol:
        return self.resolver.resolve(
            module, base.value if isinstance(base, Subscript) else base, scope
        )

    def _combine_from_attributes(self, symbol: Symbol, done: list[bool | None]) -> bool | None:
        cls = self.resolver.class_info(symbol)
        assert cls is not None
        own = self._own_from_attributes(symbol.module, cls)
        if own == "unknown":
            return None
        if own != "unset":
            return own is True
        answers = dict(zip(self._config_bases(symbol), done, strict=True))
        result: bool | None = False
        for base in cls.bases:
            base_symbol = self._base(symbol.module, base, cls.scope)
            value = (
                answers[base_symbol]
                if base_symbol in answers
                else _external_from_attributes(base_symbol)
            )
            if value is True:
                return True
            if value is None:
                result = None
        return result

    def _own_from_attributes(
        self, module: str, cls: ClassInfo
    ) -> bool | Literal["unset", "unknown"]:
        """What the class itself says: True/False, "unset", or "unknown"."""
        for entry in cls.model_config_keys:
            if entry.key in FROM_ATTRIBUTES_KEYS:
                return bool(entry.value.value) if isinstance(entry.value, Const) else "unknown"
        if cls.config_class is not None:
            for config_entry in cls.config_class.entries:
                if config_entry.key in FROM_ATTRIBUTES_KEYS:
                    value = config_entry.value
                    return bool(value.value) if isinstance(value, Const) else "unknown"
        model_config = cls.model_config
        if model_config is None:
            return "unset"
        value = model_config.value
        if isinstance(value, Call):
            if value.star:
                return "unknown"
            return "unset"
        if isinstance(value, DictExpr):
            return "unknown" if any(key is None for key, _ in value.items) else "unset"
        return "unknown"  # model_config = shared_config, a merge, a function call...


def _external_from_attributes(symbol: Symbol) -> bool | None:
    """``from_attributes`` of a library class (None: unknown, or not a class at all)."""
    if symbol.kind != "external":
        return None
    if symbol.name in ("sqlmodel.SQLModel", "beanie.Document"):
        return True
    if symbol.name in PYDANTIC_ROOTS or symbol.name in PYDANTIC_V1_ROOTS:
        return False
    if symbol.name in NEUTRAL_BASES:
        return False
    return None


def _external_facts(name: str) -> ClassFacts:
    if name in PYDANTIC_V1_ROOTS or name.startswith("pydantic.v1."):
        return ClassFacts("pydantic_v1", settings=name.endswith("BaseSettings"))
    if name in ORM_ROOTS:
        return ClassFacts("orm")
    if name in PYDANTIC_ROOTS:
        return ClassFacts("pydantic", settings=name in SETTINGS_ROOTS)
    if name.startswith(OTHER_ROOT_PREFIXES):
        return ClassFacts("other")
    return ClassFacts("unknown")
