"""FL401 router-not-included: a module-level router with routes never reaches an app."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from fastlint.findings import Finding
from fastlint.project import RuleContext
from fastlint.project.graph import Container


def check(context: RuleContext) -> Iterator[Finding]:
    """Runs once per project: the facts are project-wide, the findings per module."""
    project = context.project
    has_app = bool(project.apps) or any(
        "FastAPI" in project.summaries[path].mentions for path in project.unparsed_modules
    )
    routers: dict[str, list[Container]] = {}  # module -> its module-level routers
    for container in project.containers:
        if container.kind == "router" and not container.scope:
            routers.setdefault(container.module, []).append(container)
    for module_context in context.per_module():
        yield from _check_module(module_context, routers.get(module_context.module, ()), has_app)


def _check_module(
    context: RuleContext, routers: Iterable[Container], has_app: bool
) -> Iterator[Finding]:
    project = context.project
    for container in routers:
        if not container.routes or project.has_unknown_ancestry(container):
            continue
        if id(container) in project.callback_routers:
            continue  # ``callbacks=router.routes``: OpenAPI documentation of callbacks
        if project.blind_spot_may_include(container):
            continue  # an include we cannot follow (or a file we cannot parse) names it
        if has_app:
            if project.reaches_app(container):
                continue
            where = "into any app"
        else:
            if container.included_by:
                continue
            where = "anywhere (the project has no FastAPI app)"
        yield context.finding(
            f"router `{container.name}` has {len(container.routes)} route(s) but is never "
            f"included {where}: its routes are not served",
            container.pos,
        )
