"""FL101 post-status-code: a POST that creates declares no ``status_code``."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.findings import Finding
from fastlint.project import RuleContext
from fastlint.project.graph import Route
from fastlint.rules._helpers import module_routes, route_noqa_lines, unwrap_annotation
from fastlint.summary import Name, Subscript, dotted

CREATE_PREFIXES = ("create", "add", "new", "insert", "register", "upload")
# Final path segments that name an action, not a collection: POST /login is not a create.
ACTION_SEGMENTS = frozenset(
    {
        "login",
        "logout",
        "signin",
        "signout",
        "token",
        "refresh",
        "search",
        "query",
        "verify",
        "validate",
        "publish",
        "unpublish",
        "cancel",
        "approve",
        "reject",
        "reset",
        "confirm",
        "activate",
        "deactivate",
        "archive",
        "restore",
        "run",
        "execute",
        "trigger",
        "preview",
        "check",
        "test",
        "export",
        "sync",
        "retry",
    }
)


def _is_action(route: Route) -> bool:
    segments = [s for s in route.path.value.split("/") if s]
    return bool(segments) and segments[-1].lower() in ACTION_SEGMENTS


def _creates(context: RuleContext, route: Route) -> bool:
    name = route.name.lower().lstrip("_")
    if name.startswith(CREATE_PREFIXES):
        return True
    for param in route.function.params:
        annotation = unwrap_annotation(
            context.project, route.handler_module, param.annotation, route.scope
        )
        while isinstance(annotation, Subscript) and annotation.items:  # list[ItemCreate]
            annotation = annotation.items[0]
        type_name = (
            dotted(annotation) if isinstance(annotation, Name) or dotted(annotation) else None
        )
        if type_name and "Create" in type_name.rsplit(".", 1)[-1]:
            return True
    return False


def check(context: RuleContext) -> Iterator[Finding]:
    strict = context.options.post_status == "all"
    for route in module_routes(context):
        if "POST" not in route.methods or route.kwarg("status_code") is not None:
            continue
        if not strict and (_is_action(route) or not _creates(context, route)):
            continue
        yield context.finding(
            f"POST route `{route.name}` creates a resource but declares no `status_code`: "
            "FastAPI answers 200; declare `status_code=201`",
            route.pos,
            noqa_lines=route_noqa_lines(route),
        )
