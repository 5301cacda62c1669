"""The catalogue of rules: metadata here (cheap to import), checks loaded lazily."""

from __future__ import annotations

import importlib

from fastlint.rules.base import Rule, RuleInfo

PARSE_ERROR = RuleInfo(
    "FL000",
    "parse-error",
    "A file could not be read or parsed, so it was not checked.",
    level="error",
)
INTERNAL_ERROR = RuleInfo(
    "FL999",
    "internal-error",
    "A rule crashed on a file; the rest of the run continued.",
    level="error",
)

# Checked where noqa comments are applied (it needs what each directive suppressed).
UNUSED_NOQA = RuleInfo(
    "FL900",
    "unused-noqa",
    "A `# noqa` directive names a fastlint rule that reports nothing on its line.",
    fix="always",
    default_enabled=False,
)

# code -> (info, module under fastlint.rules that defines ``check``)
_CATALOGUE: tuple[tuple[RuleInfo, str | None], ...] = (
    (PARSE_ERROR, None),
    (
        RuleInfo(
            "FL101",
            "post-status-code",
            "A POST route that creates a resource declares no `status_code`.",
            fix="always",
        ),
        "fl101_post_status_code",
    ),
    (
        RuleInfo(
            "FL102",
            "delete-status-code",
            "A DELETE route declares no `status_code`.",
            fix="sometimes",
        ),
        "fl102_delete_status_code",
    ),
    (
        RuleInfo(
            "FL103",
            "no-content-with-body",
            "A route answering 204, 304 or 1xx declares or returns a body.",
            level="error",
        ),
        "fl103_no_content_with_body",
    ),
    (
        RuleInfo(
            "FL201",
            "missing-tags",
            "A route has no tags from itself, its routers or any include.",
            scope="project",
        ),
        "fl201_missing_tags",
    ),
    (
        RuleInfo(
            "FL301",
            "missing-auth",
            "A route that is not public has no auth dependency.",
            level="error",
            scope="project",
        ),
        "fl301_missing_auth",
    ),
    (
        RuleInfo(
            "FL302",
            "misplaced-dependencies",
            "A handler parameter named `dependencies` holds `Depends(...)`: they never run.",
            level="error",
        ),
        "fl302_misplaced_dependencies",
    ),
    (
        RuleInfo(
            "FL401",
            "router-not-included",
            "A router with routes is never included into any app.",
            level="error",
            scope="project",
        ),
        "fl401_router_not_included",
    ),
    (
        RuleInfo(
            "FL402",
            "duplicate-route",
            "Two routes share the same method and full path.",
            level="error",
            scope="project",
        ),
        "fl402_duplicate_route",
    ),
    (
        RuleInfo(
            "FL403",
            "shadowed-route",
            "A route can never be reached: an earlier path parameter captures it.",
            level="error",
            scope="project",
        ),
        "fl403_shadowed_route",
    ),
    (
        RuleInfo(
            "FL501",
            "unpaginated-list",
            "A GET route returns a collection without a pagination parameter.",
            scope="project",
        ),
        "fl501_unpaginated_list",
    ),
    (
        RuleInfo(
            "FL502",
            "unbounded-limit",
            "A pagination parameter has no upper bound.",
            fix="sometimes",
            scope="project",
        ),
        "fl502_unbounded_limit",
    ),
    (
        RuleInfo(
            "FL601",
            "pydantic-v1-config",
            "A Pydantic model uses a nested v1 `class Config:` instead of `model_config`.",
            fix="sometimes",
        ),
        "fl601_pydantic_v1_config",
    ),
    (
        RuleInfo(
            "FL602",
            "missing-from-attributes",
            "An ORM object is validated by a schema without `from_attributes=True`.",
            fix="sometimes",
            level="error",
        ),
        "fl602_missing_from_attributes",
    ),
    (
        RuleInfo(
            "FL603",
            "v1-config-key",
            "A Pydantic v2 config uses a v1 key that v2 ignores or renames.",
            fix="sometimes",
        ),
        "fl603_v1_config_key",
    ),
    (UNUSED_NOQA, None),
    (INTERNAL_ERROR, None),
)

RULE_INFOS: dict[str, RuleInfo] = {info.code: info for info, _ in _CATALOGUE}
_MODULES: dict[str, str | None] = {info.code: module for info, module in _CATALOGUE}


def all_infos() -> list[RuleInfo]:
    """Every rule, in code order."""
    return sorted(RULE_INFOS.values(), key=lambda info: info.code)


def checkable_rules(codes: set[str] | None = None) -> list[Rule]:
    """The rules that have a check function, optionally only those in ``codes``.

    Modules are imported here, not at start-up, so ``fastlint rule`` stays cheap.
    """
    rules: list[Rule] = []
    for code, module_name in sorted(_MODULES.items()):
        if module_name is None or (codes is not None and code not in codes):
            continue
        module = importlib.import_module(f"fastlint.rules.{module_name}")
        rules.append(Rule(RULE_INFOS[code], module.check))
    return rules


def expand_selector(selector: str) -> frozenset[str] | None:
    """The codes a selector stands for, or None if it names no rule."""
    text = selector.strip()
    upper = text.upper()
    if not text:
        return None
    if upper == "ALL":
        return frozenset(RULE_INFOS)
    if upper in RULE_INFOS:
        return frozenset({upper})
    for code, info in RULE_INFOS.items():
        if info.name == text.lower():
            return frozenset({code})
    codes = frozenset(code for code in RULE_INFOS if code.startswith(upper))
    return codes or None
