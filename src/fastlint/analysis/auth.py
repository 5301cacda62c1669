"""Auth verdicts per route instance, shared by FL301 and the routes report."""

from __future__ import annotations

from fastlint.project import Project
from fastlint.project.dependencies import AuthVerdict, DepNode
from fastlint.project.effective import RouteInstance
from fastlint.project.graph import Route


def is_login_route(roots: list[DepNode]) -> bool:
    """A handler taking ``OAuth2PasswordRequestForm`` is the login endpoint."""
    return any(node.kind == "login_form" for root in roots for node in root.walk())


def instance_verdict(
    project: Project, route: Route, instance: RouteInstance | None
) -> tuple[AuthVerdict, bool]:
    """The auth verdict of one route instance and whether the route is a login route."""
    roots = project.route_dependency_roots(route, instance)
    return project.dependencies.auth_verdict(roots), is_login_route(roots)
