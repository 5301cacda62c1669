"""FL301 missing-auth: a non-public route with no auth dependency on some include chain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fnmatch import fnmatchcase

from fastlint.findings import Finding
from fastlint.project import Project, RuleContext
from fastlint.project.dependencies import AuthVerdict, DepNode
from fastlint.project.effective import RouteInstance
from fastlint.project.graph import Route
from fastlint.rules._helpers import module_routes, route_noqa_lines


def is_public_path(project: Project, path: str) -> bool:
    return any(fnmatchcase(path, pattern) for pattern in project.options.public_paths)


# Final path segments of the sign-in flow: they cannot require the credentials they issue.
AUTH_FLOW_WORDS = frozenset(
    {
        "login",
        "logout",
        "signin",
        "signout",
        "signup",
        "token",
        "callback",
        "authorize",
        "register",
        "sso",
        "oauth",
        "oauth2",
    }
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[0-9]+")


# Segments that mark a whole sub-tree as the sign-in flow (``/login/{provider}``).
AUTH_FLOW_PREFIXES = frozenset({"login", "signin", "signup", "oauth", "oauth2", "sso"})


def is_auth_flow_path(path: str) -> bool:
    """``/auth/login``, ``/oauth/{provider}/callback``, ``/sign-in``: the sign-in flow."""
    static = [s for s in path.split("/") if s and "{" not in s and "⟨" not in s]
    if not static:
        return False
    words = [word.lower() for word in _WORD.findall(static[-1])]
    if set(words) & AUTH_FLOW_WORDS or "".join(words) in AUTH_FLOW_WORDS:
        return True
    return any(segment.lower() in AUTH_FLOW_PREFIXES for segment in static)


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
        if set(route.methods) <= {"HEAD", "OPTIONS"}:
            continue  # probes and preflights: no body is served
        instances = project.instances_by_route.get(id(route), [])
        if not instances or project.has_unknown_ancestry(route.owner):
            continue
        for instance in instances:
            path = instance.path.value
            if is_public_path(project, path) or is_auth_flow_path(path):
                continue
            if not project.app_uses_auth(instance.app):
                continue
            verdict, login = instance_verdict(project, route, instance)
            if login or verdict.status != "none":
                continue
            yield context.finding(
                f"route `{route.name}` ({'/'.join(route.methods)} {instance.path.value}) "
                "has no auth dependency on the route, its routers, the includes or the app; "
                "add one, or list the path in `[tool.fastlint.auth] public-paths`",
                route.pos,
                noqa_lines=route_noqa_lines(route),
            )
            break
