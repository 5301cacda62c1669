"""FL501 unpaginated-list: a GET route returns a collection with no pagination parameter."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.findings import Finding
from fastlint.project import Project, RuleContext
from fastlint.project.graph import Route
from fastlint.rules._helpers import is_none, module_routes, route_noqa_lines, unwrap_annotation
from fastlint.rules._pagination import PAGE_MARKERS, is_page_type, route_params
from fastlint.summary import Name, Subscript

COLLECTIONS = frozenset(
    {
        "builtins.list",
        "typing.List",
        "typing.Sequence",
        "collections.abc.Sequence",
        "builtins.set",
        "typing.Set",
        "builtins.frozenset",
        "typing.FrozenSet",
        "builtins.tuple",
        "typing.Tuple",
    }
)


def returns_collection(project: Project, route: Route) -> bool:
    model = route.kwarg("response_model")
    module = route.module
    if model is None:
        model, module = route.function.returns, route.handler_module
    if model is None or is_none(model):
        return False
    model = unwrap_annotation(project, module, model, route.scope)
    base = model.value if isinstance(model, Subscript) else model
    if not isinstance(base, Name) and not isinstance(model, Subscript):
        return False
    symbol = project.resolver.resolve(module, base, route.scope)
    return symbol.kind == "external" and symbol.name in COLLECTIONS


def check(context: RuleContext) -> Iterator[Finding]:
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
