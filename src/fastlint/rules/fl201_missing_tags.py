"""FL201 missing-tags: a route's effective tags are empty on every include chain."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.route_facts import module_routes, route_noqa_lines
from fastlint.findings import Finding
from fastlint.project import RuleContext
from fastlint.summary import Const


def check(context: RuleContext) -> Iterator[Finding]:
    """Runs once per project: the facts are project-wide, the findings per module."""
    for module_context in context.per_module():
        yield from _check_module(module_context)


def _check_module(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    for route in module_routes(context):
        hidden = route.kwarg("include_in_schema")
        if isinstance(hidden, Const) and hidden.value is False:
            continue  # not in the OpenAPI docs: tags have nothing to group
        instances = project.instances_by_route.get(id(route), [])
        if not instances or project.has_unknown_ancestry(route.owner):
            continue
        if any(instance.tags is None or instance.tags for instance in instances):
            continue
        path = instances[0].path.value
        yield context.finding(
            f"route `{route.name}` ({'/'.join(route.methods)} {path}) has no tags: set `tags=` on "
            "the route, its router or the `include_router` call",
            route.pos,
            noqa_lines=route_noqa_lines(route),
        )
