"""Pydantic v1 -> v2 configuration knowledge shared by FL601, FL602 and FL603."""

from __future__ import annotations

from fastlint.project import Project
from fastlint.project.symbols import Symbol
from fastlint.summary import ClassInfo

# v1 key -> v2 key (the value carries over unchanged).
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
# v1 keys whose v2 form is a different value or nothing at all (still fixable).
REWRITTEN_KEYS: dict[str, str] = {
    "allow_mutation": "`allow_mutation = False` becomes `frozen = True`",
    "underscore_attrs_are_private": "dropped: private attributes are always private in v2",
    "smart_union": "dropped: smart unions are the v2 default",
}
# v1 keys v2 removed without a replacement: no automatic fix.
REMOVED_KEYS: dict[str, str] = {
    "fields": "removed in v2 (use `Field(...)` or `Annotated` on the fields)",
    "getter_dict": "removed in v2 (use a `model_validator(mode='before')`)",
    "copy_on_model_validation": "removed in v2 (see `revalidate_instances`)",
    "error_msg_templates": "removed in v2 (use custom errors)",
    "post_init_call": "removed in v2",
    "json_loads": "removed in v2",
    "json_dumps": "removed in v2",
}
V1_ONLY_KEYS = frozenset({*RENAMED_KEYS, *REWRITTEN_KEYS, *REMOVED_KEYS})


def v2_rule_applies(project: Project, module: str, cls: ClassInfo) -> bool:
    """FL601/FL603 apply to v2 Pydantic models in projects not pinned to Pydantic 1."""
    if project.options.pydantic_major == 1:
        return False
    return project.schemas.is_pydantic_v2_model(Symbol("class", module, cls.qualname))
