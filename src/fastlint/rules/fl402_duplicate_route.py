"""FL402 duplicate-route: two routes share a method and full path in one app."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.conflicts import conflicts
from fastlint.analysis.route_facts import route_noqa_lines
from fastlint.findings import Finding
from fastlint.project import RuleContext


def check(context: RuleContext) -> Iterator[Finding]:
    """Runs once per project: the facts are project-wide, the findings per module."""
    for module_context in context.per_module():
        yield from _check_module(module_context)


def _check_module(context: RuleContext) -> Iterator[Finding]:
    reported: set[int] = set()
    for conflict in conflicts(context.project)[0]:
        later, earlier = conflict.later.route, conflict.earlier.route
        if later.module != context.module or id(later) in reported:
            continue
        reported.add(id(later))
        yield context.finding(
            f"`{later.name}` ({conflict.method} {conflict.later.path.value}) duplicates "
            f"`{earlier.name}` ({earlier.module}:{earlier.pos.line}), registered earlier: "
            "this route is never reached",
            later.pos,
            noqa_lines=route_noqa_lines(later),
        )
