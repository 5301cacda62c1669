"""FL501 unpaginated-list: a GET route returns a collection with no pagination parameter."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.pagination import (
    PAGE_MARKERS,
    is_page_type,
    returns_collection,
    route_params,
)
from fastlint.analysis.route_facts import (
    module_routes,
    route_noqa_lines,
)
from fastlint.findings import Finding
from fastlint.project import RuleContext


def check(context: RuleContext) -> Iterator[Finding]:
    """Runs once per project: the facts are project-wide, the findings per module."""
    for module_context in context.per_module():
        yield from _check_module(module_context)


def _check_module(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    names = set(project.options.pagination_params) | PAGE_MARKERS
    for route in module_routes(context):
        if "GET" not in route.methods or not returns_collection(project, route):
            continue
        sites, hidden = route_params(project, route)
        if hidden or any(site.param.name in names or is_page_type(project, site) for site in sites):
            continue
        yield context.finding(
            f"GET route `{route.name}` returns a list but takes no pagination parameter "
            f"({', '.join(project.options.pagination_params[:3])}, ...): the response grows "
            "with the table",
            route.pos,
            noqa_lines=route_noqa_lines(route),
        )
