"""FL301 missing-auth: a non-public route with no auth dependency on some include chain."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.findings import Finding
from fastlint.project import Project, RuleContext
from fastlint.project.dependencies import AuthVerdict, DepNode
from fastlint.project.effective import RouteInstance
from fastlint.project.graph import Route
from fastlint.rules._helpers import module_routes, route_noqa_lines
from fastlint.rules._public import public_reason, serves_no_api_data


def is_login_route(roots: list[DepNode]) -> bool:
    """A handler taking ``OAuth2PasswordRequestForm`` is the login endpoint."""
    return any(node.kind == "login_form" for root in roots for node in root.walk())


def instance_verdict(
    project: Project, route: Route, instance: RouteInstance | None
) -> tuple[AuthVerdict, bool]:
    """The auth verdict of one route instance and whether the route is a login route."""
    roots = project.route_dependency_roots(route, instance)
    return project.dependencies.auth_verdict(roots), is_login_route(roots)


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    if not project.has_auth:
        return
    for route in module_routes(context):
        if serves_no_api_data(route):
            continue
        instances = project.instances_by_route.get(id(route), [])
        if not instances or project.has_unknown_ancestry(route.owner):
            continue
        for instance in instances:
            path = instance.path.value
            if public_reason(project, path) or not project.app_uses_auth(instance.app):
                continue
            verdict, login = instance_verdict(project, route, instance)
            if login or verdict.status != "none":
                continue
            yield context.finding(
                f"route `{route.name}` ({'/'.join(route.methods)} {path}) has no auth "
                "dependency on the route, its routers, the includes or the app; "
                "add one, or list the path in `[tool.fastlint.auth] public-paths`",
                route.pos,
                noqa_lines=route_noqa_lines(route),
            )
            break
