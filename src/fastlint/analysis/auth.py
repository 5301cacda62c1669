"""Auth verdicts per route instance, shared by FL301 and the routes report."""

from __future__ import annotations

from fastlint.project import Project
from fastlint.project.depnodes import AuthVerdict, DepNode
from fastlint.project.effective import RouteInstance
from fastlint.project.graph import Container, Route
from fastlint.project.knowledge import SECURITY_CLASSES
from fastlint.project.symbols import Symbol
from fastlint.summary import Call, ModuleSummary


def is_login_route(roots: list[DepNode]) -> bool:
    """A handler taking ``OAuth2PasswordRequestForm`` is the login endpoint."""
    return any(node.kind == "login_form" for root in roots for node in root.walk())


def instance_verdict(
    project: Project, route: Route, instance: RouteInstance | None
) -> tuple[AuthVerdict, bool]:
    """The auth verdict of one route instance and whether the route is a login route."""
    roots = project.route_dependency_roots(route, instance)
    return project.dependencies.auth_verdict(roots), is_login_route(roots)


def app_uses_auth(project: Project, app: Container) -> bool:
    """Does any route of this app reach an auth dependency? (memoized)

    A repository can hold many independent apps (tutorials, services): an app
    that never uses auth has no auth convention to break.
    """
    cache = project.memo.setdefault("app_uses_auth", {})
    assert isinstance(cache, dict)
    if id(app) not in cache:
        cache[id(app)] = bool(project.options.auth_dependencies) or any(
            project.dependencies.auth_verdict(project.route_dependency_roots(i.route, i)).status
            == "auth"
            for i in project.instances
            if i.app is app
        )
    return bool(cache[id(app)])


def has_auth(project: Project) -> bool:
    """Does the project use auth anywhere (or configure it)? FL301 needs a convention."""
    cached = project.memo.get("has_auth")
    if isinstance(cached, bool):
        return cached
    project.memo["has_auth"] = result = _has_auth(project)
    return result


def _has_auth(project: Project) -> bool:
    if project.options.auth_dependencies:
        return True
    analyzer = project.dependencies
    resolver = project.resolver
    # The answer is "any", so the modules that import a security scheme are tried
    # first (the order of the others is kept): in a project with auth, the scan then
    # ends at once instead of resolving every call of the project.
    modules = sorted(resolver.summaries.items(), key=lambda item: not _imports_security(item[1]))
    for module, summary in modules:
        for assign in summary.assigns:
            if isinstance(assign.value, Call):
                symbol = resolver.resolve(module, assign.value.func, assign.scope)
                if analyzer.is_security_class(symbol):
                    return True
        for function in summary.functions:
            for param in function.params:
                default = param.default
                if (
                    isinstance(default, Call)
                    and analyzer.call_kind(module, default, function.qualname) == "security"
                ):
                    return True
        for cls in summary.classes:
            if analyzer.is_security_class(Symbol("class", module, cls.qualname)) and cls.bases:
                return True
    return False


_SECURITY_NAMES = frozenset(name.rpartition(".")[2] for name in SECURITY_CLASSES)


def _imports_security(summary: ModuleSummary) -> bool:
    return any(
        "security" in imported.module or imported.name in _SECURITY_NAMES
        for imported in summary.imports
    )
