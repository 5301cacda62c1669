"""FL302 misplaced-dependencies: ``def f(dependencies=[Depends(...)])`` never runs them."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.route_facts import module_routes, route_noqa_lines
from fastlint.findings import Finding
from fastlint.project import RuleContext
from fastlint.summary import Call, Seq


def check(context: RuleContext) -> Iterator[Finding]:
    analyzer = context.project.dependencies
    for route in module_routes(context):
        for param in route.params:
            if param.name != "dependencies" or not isinstance(param.default, Seq):
                continue
            if not any(
                isinstance(item, Call)
                and analyzer.call_kind(route.handler_module, item, route.scope)
                for item in param.default.items
            ):
                continue
            yield context.finding(
                f"`{route.name}` has a parameter `dependencies` holding `Depends(...)`: FastAPI "
                "treats it as a query parameter and never runs them; move the list to the "
                "route decorator's `dependencies=`",
                route.pos,
                noqa_lines=(*route_noqa_lines(route), param.pos.line),
            )
