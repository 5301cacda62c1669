"""FL502 unbounded-limit: a pagination parameter without an upper bound."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.findings import Finding
from fastlint.project import Project, RuleContext
from fastlint.rules._pagination import ParamSite, route_params, unbounded


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
        for site in sites:
            key = (site.module, site.param.pos.line, site.param.pos.col)
            if site.param.name in names and key not in found and unbounded(project, site):
                found[key] = site
    project.memo["fl502"] = found
    return found


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    for (module, _, _), site in sorted(unbounded_params(project).items()):
        if module != context.module:
            continue
        yield context.finding(
            f"pagination parameter `{site.param.name}` has no upper bound: a client can ask for "
            f"every row at once; add `le={project.options.max_limit}` (in `Query(...)` or "
            "`Annotated` metadata)",
            site.param.pos,
        )
