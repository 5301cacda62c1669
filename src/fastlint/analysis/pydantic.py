"""Pydantic v1 -> v2 configuration knowledge shared by FL601, FL602, FL603 and
their fixes.

The tables follow Pydantic's own ``V2_RENAMED_KEYS`` / ``V2_REMOVED_KEYS``
(``pydantic._internal._config``; a test compares them with the installed
Pydantic). Pydantic 2 *keeps* a v1 key verbatim and ignores it (with a
warning), so renaming one turns on a setting that is off today: a behaviour
change, and an unsafe fix by ruff's rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastlint.project import Project, expression_words
from fastlint.project.symbols import Symbol
from fastlint.summary import (
    ClassInfo,
    Expr,
    ModuleSummary,
)

# v1 key -> v2 key (the value carries over unchanged). Pydantic >= 2.11 names
# ``validate_by_name`` for ``allow_population_by_field_name``; ``populate_by_name``
# means the same there (by name *and* alias) and also works on 2.0-2.10.
RENAMED_KEYS: dict[str, str] = {
    "orm_mode": "from_attributes",
    "allow_population_by_field_name": "populate_by_name",
    "schema_extra": "json_schema_extra",
    "anystr_strip_whitespace": "str_strip_whitespace",
    "anystr_lower": "str_to_lower",
    "anystr_upper": "str_to_upper",
    "validate_all": "validate_default",
    "max_anystr_length": "str_max_length",
    "min_anystr_length": "str_min_length",
    "keep_untouched": "ignored_types",
}
# Keys Pydantic 2 removed that still have a v2 form for some values.
REWRITTEN_KEYS: dict[str, str] = {
    "allow_mutation": "`allow_mutation = False` becomes `frozen = True`",
    "underscore_attrs_are_private": "`True` is always the case in v2: drop it",
}
# Keys Pydantic 2 removed without a replacement: no automatic fix.
REMOVED_KEYS: dict[str, str] = {
    "fields": "removed in v2 (use `Field(...)` or `Annotated` on the fields)",
    "getter_dict": "removed in v2 (use a `model_validator(mode='before')`)",
    "copy_on_model_validation": "removed in v2 (see `revalidate_instances`)",
    "error_msg_templates": "removed in v2 (use custom errors)",
    "post_init_call": "removed in v2",
    "json_loads": "removed in v2",
    "json_dumps": "removed in v2",
    "smart_union": "removed in v2 (unions are smart by default: delete the key)",
}
V1_ONLY_KEYS = frozenset({*RENAMED_KEYS, *REWRITTEN_KEYS, *REMOVED_KEYS})
# Kept as they are, but deprecated by Pydantic 2: the fix says so.
DEPRECATED_KEYS: dict[str, str] = {
    "json_encoders": "deprecated in v2 (use `field_serializer`)",
}


@dataclass(frozen=True)
class KeyTranslation:
    """What a config key becomes in v2: ``key`` None means dropped, ``value`` a
    replaced boolean literal (else the value is kept), ``turns_on`` whether the
    v2 spelling enables what Pydantic 2 ignores today (a behaviour change)."""

    key: str | None
    value: bool | None = None
    turns_on: bool = False


def translate_key(
    key: str, literal: bool | None, present: frozenset[str] = frozenset()
) -> KeyTranslation | str:
    """The v2 form of ``key`` (with its value, when a True/False literal), or why
    there is none. ``present`` are the keys written beside it: when the v2 name is
    among them, Pydantic 2 already reads that one, and the v1 key is dropped."""
    target = RENAMED_KEYS.get(key, "frozen" if key == "allow_mutation" else None)
    if target is not None and target in present:
        return KeyTranslation(None)
    if key in RENAMED_KEYS:
        return KeyTranslation(RENAMED_KEYS[key], turns_on=True)
    if key == "allow_mutation":
        if literal is None:
            return "`allow_mutation` needs a literal `True`/`False` to become `frozen`"
        # Even ``frozen=False`` changes behaviour: a frozen parent's setting, which
        # the ignored v1 key does not override today, would be overridden.
        return KeyTranslation("frozen", not literal, turns_on=True)
    if key == "underscore_attrs_are_private":
        if literal is not True:
            return "`underscore_attrs_are_private` other than `True` has no v2 form"
        return KeyTranslation(None)
    if key in REMOVED_KEYS:
        return f"`{key}` is {REMOVED_KEYS[key]}"
    return KeyTranslation(key)


def expression_names(expr: Expr) -> set[str]:
    """The names an expression reads (identifiers in text fastlint does not model
    count too: a lambda's free names)."""
    return set(expression_words(expr, names_only=True))


def class_body_names(summary: ModuleSummary, cls: ClassInfo) -> set[str]:
    """Names the class body itself binds (attributes, methods, nested classes): a
    value moved from ``class Config`` into that body would read these instead."""
    names = {assign.target for assign in cls.attributes if assign.value is not None}
    prefix = f"{cls.qualname}."
    for function in summary.functions:
        if function.qualname.startswith(prefix) and "." not in function.qualname[len(prefix) :]:
            names.add(function.name)
    for other in summary.classes:
        if other.qualname.startswith(prefix) and "." not in other.qualname[len(prefix) :]:
            names.add(other.name)
    return names


def binds_otherwise(summary: ModuleSummary, name: str, source: str) -> bool:
    """The module binds ``name`` at top level to something other than ``source.name``
    (then importing it would shadow that)."""
    for imported in summary.imports:
        if imported.scope or imported.local != name:
            continue
        if not (imported.module == source and imported.name == name and not imported.level):
            return True
    return (
        any(a.target == name and not a.scope for a in summary.assigns)
        or any(f.qualname == name for f in summary.functions)
        or any(c.qualname == name for c in summary.classes)
    )


def v2_rule_applies(project: Project, module: str, cls: ClassInfo) -> bool:
    """FL601/FL603 apply to v2 Pydantic models in projects not pinned to Pydantic 1."""
    if project.options.pydantic_major == 1:
        return False
    return project.schemas.is_pydantic_v2_model(Symbol("class", module, cls.qualname))


def is_settings(project: Project, module: str, cls: ClassInfo) -> bool:
    """A ``BaseSettings`` subclass: its config type is ``SettingsConfigDict``."""
    return project.schemas.facts(Symbol("class", module, cls.qualname)).settings
