"""FL502 unbounded-limit: a pagination parameter without an upper bound."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fastlint.analysis.pagination import (
    AMBIGUOUS_NAMES,
    PAGE_MARKERS,
    ParamSite,
    literal_default,
    returns_collection,
    route_params,
    unbounded,
)
from fastlint.findings import BoundParameter, Finding
from fastlint.project import Project, RuleContext


def unbounded_params(project: Project) -> dict[tuple[str, int, int], ParamSite]:
    """Every unbounded pagination parameter reached from a route, keyed by position."""
    cached = project.memo.get("fl502")
    if isinstance(cached, dict):
        return cached
    names = set(project.options.pagination_params)
    found: dict[tuple[str, int, int], ParamSite] = {}
    for route in project.routes:
        if route.kind != "http":
            continue
        sites, _ = route_params(project, route)
        path_params = set(re.findall(r"\{(\w+)", route.path.value))
        listing = "GET" in route.methods and (
            returns_collection(project, route) or any(s.param.name in PAGE_MARKERS for s in sites)
        )
        for site in sites:
            name = site.param.name
            key = (site.module, site.param.pos.line, site.param.pos.col)
            if name not in names or key in found or name in path_params:
                continue
            if name in AMBIGUOUS_NAMES and not listing:
                continue
            if unbounded(project, site):
                found[key] = site
    project.memo["fl502"] = found
    return found


def check(context: RuleContext) -> Iterator[Finding]:
    """Runs once per project: the facts are project-wide, the findings per module."""
    for module_context in context.per_module():
        yield from _check_module(module_context)


def _check_module(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    bound = project.options.max_limit
    for (module, _, _), site in sorted(unbounded_params(project).items()):
        if module != context.module:
            continue
        function = project.resolver.functions_in(module).get(site.scope)
        request = None
        default = literal_default(site.param)
        blocker = ""
        if default is not None and default > bound:
            blocker = (
                f"; no automatic fix: its default {default} is above {bound} (FastAPI does "
                "not check defaults), choose the bound by hand"
            )
        elif function is not None and site.param in function.params:
            request = BoundParameter(
                "unsafe",
                f"Add `le={bound}` to `{site.param.name}` (larger values are then refused "
                "with 422)",
                function.def_line,
                site.param.name,
                bound,
            )
        yield context.finding(
            f"pagination parameter `{site.param.name}` has no upper bound: a client can ask for "
            f"every row at once; add `le={project.options.max_limit}` (in `Query(...)` or "
            f"`Annotated` metadata){blocker}",
            site.param.pos,
            request=request,
        )
