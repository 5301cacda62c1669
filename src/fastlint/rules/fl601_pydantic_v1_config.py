"""FL601 pydantic-v1-config: a Pydantic v2 model with a nested ``class Config:``."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.pydantic import REMOVED_KEYS, RENAMED_KEYS, v2_rule_applies
from fastlint.findings import Finding
from fastlint.project import RuleContext


def check(context: RuleContext) -> Iterator[Finding]:
    for cls in context.summary.classes:
        config = cls.config_class
        if config is None or not v2_rule_applies(context.project, context.module, cls):
            continue
        renames = [
            f"`{entry.key}` -> `{RENAMED_KEYS[entry.key]}`"
            for entry in config.entries
            if entry.key in RENAMED_KEYS
        ]
        blockers = [
            f"`{entry.key}` is {REMOVED_KEYS[entry.key]}"
            for entry in config.entries
            if entry.key in REMOVED_KEYS
        ]
        message = (
            f"`{cls.name}` uses a Pydantic v1 `class Config:`; use "
            "`model_config = ConfigDict(...)` (v2 deprecates `class Config` and rejects it "
            "next to `model_config`)"
        )
        if cls.model_config is not None:
            message += "; it also has `model_config`, which Pydantic v2 refuses at import"
        if renames:
            message += f" (rename {', '.join(renames)})"
        if blockers:
            message += f"; no automatic fix: {'; '.join(blockers)}"
        elif config.other_statements:
            message += "; no automatic fix: `Config` holds more than `key = value` settings"
        yield context.finding(message, config.pos, noqa_lines=(cls.line,))
