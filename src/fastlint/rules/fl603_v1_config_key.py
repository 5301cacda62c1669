"""FL603 v1-config-key: a v1 key inside ``ConfigDict(...)`` / a ``model_config`` dict."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.pydantic import REMOVED_KEYS, RENAMED_KEYS, REWRITTEN_KEYS, v2_rule_applies
from fastlint.findings import Finding
from fastlint.project import RuleContext


def check(context: RuleContext) -> Iterator[Finding]:
    for cls in context.summary.classes:
        if not cls.model_config_keys or not v2_rule_applies(context.project, context.module, cls):
            continue
        for entry in cls.model_config_keys:
            if entry.key in RENAMED_KEYS:
                advice = f"Pydantic v2 calls it `{RENAMED_KEYS[entry.key]}`"
            elif entry.key in REWRITTEN_KEYS:
                advice = REWRITTEN_KEYS[entry.key]
            elif entry.key in REMOVED_KEYS:
                advice = f"it was {REMOVED_KEYS[entry.key]}"
            else:
                continue
            yield context.finding(
                f"`{entry.key}` in `{cls.name}.model_config` is a Pydantic v1 key that v2 "
                f"ignores or renames: {advice}",
                entry.pos,
                noqa_lines=(cls.line,),
            )
