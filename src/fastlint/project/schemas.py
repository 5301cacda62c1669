"""Classify classes: Pydantic schemas (v1 or v2), ORM models, or neither.

Lineage is followed through project base classes across modules; a base from
a package fastlint does not know makes the answer ``unknown`` (and the rules
that need it stay silent).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fastlint.project.symbols import Resolver, Symbol
from fastlint.summary import Attribute, Call, ClassInfo, Const, DictExpr, Name, Subscript

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
        self._facts: dict[tuple[str, str], ClassFacts] = {}
        self._from_attributes: dict[tuple[str, str], bool | None] = {}

    # ------------------------------------------------------------------ kinds

    def facts(self, symbol: Symbol, depth: int = 0) -> ClassFacts:
        if symbol.kind == "external":
            return _external_facts(symbol.name)
        if symbol.kind == "assign":
            assign = self.resolver.assign(symbol)
            if assign is not None and isinstance(assign.value, Call):
                factory = self.resolver.resolve(symbol.module, assign.value.func, assign.scope)
                if factory.kind == "external" and factory.name in ORM_BASE_FACTORIES:
                    return ClassFacts("orm")
            if assign is not None and isinstance(assign.value, Name | Attribute) and depth < 20:
                target = self.resolver.resolve(symbol.module, assign.value, assign.scope)
                return self.facts(target, depth + 1)
            return ClassFacts("unknown")
        cls = self.resolver.class_info(symbol)
        if cls is None or depth > 40:
            return ClassFacts("unknown")
        key = (symbol.module, cls.qualname)
        if key in self._facts:
            return self._facts[key]
        self._facts[key] = ClassFacts("unknown")  # cycle guard
        result = self._class_facts(symbol.module, cls, depth)
        self._facts[key] = result
        return result

    def _class_facts(self, module: str, cls: ClassInfo, depth: int) -> ClassFacts:
        kinds: list[ClassFacts] = []
        for base in cls.bases:
            base_expr = base.value if isinstance(base, Subscript) else base
            base_symbol = self.resolver.resolve(module, base_expr, cls.scope)
            if base_symbol.kind == "external" and base_symbol.name in NEUTRAL_BASES:
                continue
            kinds.append(self.facts(base_symbol, depth + 1))
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

    def from_attributes(self, symbol: Symbol, depth: int = 0) -> bool | None:
        """Whether the effective config sets ``from_attributes``; None when unknown."""
        if symbol.kind == "external":
            if symbol.name in ("sqlmodel.SQLModel", "beanie.Document"):
                return True
            if symbol.name in PYDANTIC_ROOTS or symbol.name in PYDANTIC_V1_ROOTS:
                return False
            if symbol.name in NEUTRAL_BASES:
                return False
            return None
        cls = self.resolver.class_info(symbol)
        if cls is None or depth > 40:
            return None
        key = (symbol.module, cls.qualname)
        if key in self._from_attributes:
            return self._from_attributes[key]
        self._from_attributes[key] = None
        own = self._own_from_attributes(symbol.module, cls)
        result: bool | None
        if own == "unknown":
            result = None
        elif own != "unset":
            result = own is True
        else:
            result = False
            for base in cls.bases:
                base_expr = base.value if isinstance(base, Subscript) else base
                value = self.from_attributes(
                    self.resolver.resolve(symbol.module, base_expr, cls.scope), depth + 1
                )
                if value is True:
                    result = True
                    break
                if value is None:
                    result = None
        self._from_attributes[key] = result
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
