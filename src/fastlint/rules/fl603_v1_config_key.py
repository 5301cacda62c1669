"""FL603 v1-config-key: a v1 key inside ``ConfigDict(...)`` / a ``model_config`` dict."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.pydantic import V1_ONLY_KEYS, translate_key, v2_rule_applies
from fastlint.findings import Applicability, Finding, RenameConfigKey
from fastlint.project import RuleContext
from fastlint.summary import ClassInfo, ConfigEntry, Const


def _request(cls: ClassInfo, entry: ConfigEntry) -> tuple[str, RenameConfigKey | None]:
    """The advice for one v1 key and the fix that carries it out, if any."""
    literal = entry.value.value if isinstance(entry.value, Const) else None
    present = frozenset(other.key for other in cls.model_config_keys)
    translation = translate_key(entry.key, literal if isinstance(literal, bool) else None, present)
    if isinstance(translation, str):
        return f"{translation}; no automatic fix", None
    if translation.key is None:
        reason = (
            "it is a no-op in v2"
            if entry.key == "underscore_attrs_are_private"
            else "its v2 name is set beside it"
        )
        advice, title = f"drop it ({reason})", f"Remove `{entry.key}` ({reason})"
    else:
        value = f" = {translation.value}" if translation.value is not None else ""
        advice = f"Pydantic 2 calls it `{translation.key}`{value}"
        title = f"Rename `{entry.key}` to `{translation.key}`{value}"
    if translation.turns_on:
        title += "; this turns on a setting Pydantic 2 ignores today (behaviour changes)"
    applicability: Applicability = "unsafe" if translation.turns_on else "safe"
    return advice, RenameConfigKey(applicability, title, cls.line, entry.key, entry.pos.line)


def check(context: RuleContext) -> Iterator[Finding]:
    for cls in context.summary.classes:
        if not cls.model_config_keys or not v2_rule_applies(context.project, context.module, cls):
            continue
        for entry in cls.model_config_keys:
            if entry.key not in V1_ONLY_KEYS:
                continue
            advice, request = _request(cls, entry)
            yield context.finding(
                f"`{entry.key}` in `{cls.name}.model_config` is a Pydantic v1 key: Pydantic 2 "
                f"warns and ignores it today; {advice}",
                entry.pos,
                noqa_lines=(cls.line,),
                request=request,
            )
