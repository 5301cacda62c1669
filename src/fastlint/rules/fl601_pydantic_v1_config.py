"""FL601 pydantic-v1-config: a Pydantic v2 model with a nested ``class Config:``."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.pydantic import (
    DEPRECATED_KEYS,
    KeyTranslation,
    binds_otherwise,
    class_body_names,
    expression_names,
    is_settings,
    translate_key,
    v2_rule_applies,
)
from fastlint.findings import Finding, MoveConfigClass
from fastlint.project import RuleContext
from fastlint.summary import ClassInfo, ConfigClass, Const, ModuleSummary


def _literal(entry_value: object) -> bool | None:
    if isinstance(entry_value, Const) and isinstance(entry_value.value, bool):
        return entry_value.value
    return None


def _blockers(
    summary: ModuleSummary, cls: ClassInfo, config: ConfigClass, settings: bool
) -> list[str]:
    """Why the config cannot be carried over automatically (empty: it can)."""
    blockers: list[str] = []
    keys = [entry.key for entry in config.entries]
    present = frozenset(keys)
    body_names = class_body_names(summary, cls)
    for entry in config.entries:
        translation = translate_key(entry.key, _literal(entry.value), present)
        if isinstance(translation, str):
            blockers.append(translation)
        if entry.value is None:
            blockers.append(f"`{entry.key}` has no value")
            continue
        names = expression_names(entry.value)
        if names & present - {entry.key}:
            blockers.append(f"`{entry.key}` refers to another name inside `Config`")
        if captured := sorted(names & body_names):
            blockers.append(
                f"`{entry.key}` reads `{captured[0]}`, which `{cls.name}` itself defines "
                "(moved into the class body, it would read that instead)"
            )
    if len(present) != len(keys):
        blockers.append("a key is set twice")
    if config.other_statements:
        blockers.append("`Config` holds more than `key = value` settings")
    if config.bases:
        blockers.append("`Config` inherits settings from another class")
    if cls.model_config is not None:
        blockers.append("the class also has `model_config`")
    source, name = (
        ("pydantic_settings", "SettingsConfigDict") if settings else ("pydantic", "ConfigDict")
    )
    if binds_otherwise(summary, name, source):
        blockers.append(f"the module defines its own `{name}`")
    return blockers


def check(context: RuleContext) -> Iterator[Finding]:
    for cls in context.summary.classes:
        config = cls.config_class
        if config is None or not v2_rule_applies(context.project, context.module, cls):
            continue
        translations = {
            entry.key: translation
            for entry in config.entries
            if isinstance(
                translation := translate_key(entry.key, _literal(entry.value)), KeyTranslation
            )
        }
        ignored = [key for key, t in translations.items() if t.key != key]
        message = (
            f"`{cls.name}` uses a Pydantic v1 `class Config:`; use "
            "`model_config = ConfigDict(...)` (v2 deprecates `class Config` and rejects it "
            "next to `model_config`)"
        )
        if ignored:
            names = ", ".join(
                f"`{key}` (v2: `{translations[key].key}`)" if translations[key].key else f"`{key}`"
                for key in ignored
            )
            message += f"; Pydantic 2 ignores {names} today"
        settings = is_settings(context.project, context.module, cls)
        blockers = _blockers(context.summary, cls, config, settings)
        if blockers:
            yield context.finding(
                f"{message}; no automatic fix: {'; '.join(dict.fromkeys(blockers))}",
                config.pos,
                noqa_lines=(cls.line,),
            )
            continue
        turned_on = [key for key, t in translations.items() if t.turns_on]
        deprecated = [key for key in translations if key in DEPRECATED_KEYS]
        config_type = "SettingsConfigDict" if settings else "ConfigDict"
        title = f"Replace `class Config` with `model_config = {config_type}(...)`"
        if turned_on:
            title += (
                f"; this turns on {', '.join(f'`{translations[k].key}`' for k in turned_on)}, "
                "which Pydantic 2 ignores in the v1 spelling today (behaviour changes)"
            )
        if deprecated:
            title += f"; keeps {', '.join(f'`{k}` ({DEPRECATED_KEYS[k]})' for k in deprecated)}"
        request = MoveConfigClass(
            "unsafe" if turned_on else "safe", title, class_line=cls.line, settings=settings
        )
        yield context.finding(message, config.pos, noqa_lines=(cls.line,), request=request)
