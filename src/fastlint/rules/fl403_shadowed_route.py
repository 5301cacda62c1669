"""FL403 shadowed-route: an earlier route's path parameter captures a later route."""

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
    for conflict in conflicts(context.project)[1]:
        later, earlier = conflict.later.route, conflict.earlier.route
        if later.module != context.module or id(later) in reported:
            continue
        reported.add(id(later))
        yield context.finding(
            f"`{later.name}` ({conflict.method} {conflict.later.path.value}) is never reached: "
            f"`{earlier.name}` ({conflict.method} {conflict.earlier.path.value}, "
            f"{earlier.module}:{earlier.pos.line}) is registered earlier and `{conflict.capture}` "
            "captures it; register the specific route first",
            later.pos,
            noqa_lines=route_noqa_lines(later),
        )
