"""FL101 post-status-code: a POST that creates declares no ``status_code``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fastlint.analysis.route_facts import (
    module_routes,
    route_noqa_lines,
    sets_status_at_run_time,
    unwrap_annotation,
)
from fastlint.findings import AddStatusCode, Finding
from fastlint.project import RuleContext
from fastlint.project.graph import Route
from fastlint.summary import Subscript, dotted

CREATE_PREFIXES = ("create", "add", "new", "insert", "register", "upload")
# Handler names starting with these verbs do something else, whatever their body's name says.
OTHER_VERBS = (
    "set",
    "update",
    "patch",
    "edit",
    "replace",
    "upsert",
    "delete",
    "remove",
    "move",
    "toggle",
    "run",
    "execute",
    "trigger",
    "send",
    "process",
    "check",
    "validate",
    "verify",
    "login",
    "logout",
    "search",
    "query",
    "test",
    "preview",
    "sync",
    "import",
    "save",
    "store",
    "apply",
    "assign",
    "grant",
    "revoke",
    "share",
    "invite",
    "submit",
    "start",
    "stop",
    "restart",
    "pause",
    "resume",
    "enable",
    "disable",
    "mark",
    "rename",
    "merge",
    "transfer",
    "generate",
    "compute",
    "convert",
    "parse",
    "render",
    "evaluate",
)
# Words of the final path segment that name an action, not a collection: POST /login,
# /bulk_set_state, /dry-run and /members/add are not creates.
ACTION_WORDS = frozenset(
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
        "set",
        "add",
        "remove",
        "attach",
        "detach",
        "link",
        "unlink",
        "update",
        "toggle",
        "move",
        "copy",
        "clone",
        "send",
        "import",
    }
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[0-9]+")


# Verbs that are an action only on an identified parent (``/{id}/members/add``);
# directly after a collection (``/memories/add``) they create.
PARENT_ACTIONS = frozenset({"add", "attach", "link"})


def _is_action(route: Route) -> bool:
    segments = [s for s in route.path.value.split("/") if s and "⟨" not in s]
    if not segments or "{" in segments[-1]:
        return False
    words = {word.lower() for word in _WORD.findall(segments[-1])}
    actions = words & ACTION_WORDS
    if actions and actions <= PARENT_ACTIONS:
        return any("{" in segment for segment in segments[:-1])
    return bool(actions)


def _creates(context: RuleContext, route: Route) -> bool:
    name = route.name.lower().lstrip("_")
    if name.startswith(CREATE_PREFIXES):
        return True
    if name.startswith(OTHER_VERBS):
        return False
    for param in route.params:
        annotation = unwrap_annotation(
            context.project, route.handler_module, param.annotation, route.scope
        )
        while isinstance(annotation, Subscript) and annotation.items:  # list[ItemCreate]
            annotation = annotation.items[0]
        type_name = dotted(annotation)
        if type_name and "Create" in type_name.rsplit(".", 1)[-1]:
            return True
    return False


def check(context: RuleContext) -> Iterator[Finding]:
    strict = context.options.post_status == "all"
    for route in module_routes(context):
        if route.methods != ("POST",) or route.kwarg("status_code") is not None:
            continue  # several methods share one status_code: not this rule's call
        if route.opaque or sets_status_at_run_time(context.project, route):
            continue  # the code is set elsewhere (``**config``, ``response.status_code = ...``)
        if not strict and (_is_action(route) or not _creates(context, route)):
            continue
        yield context.finding(
            f"POST route `{route.name}` creates a resource but declares no `status_code`: "
            "FastAPI answers 200; declare `status_code=201`",
            route.pos,
            noqa_lines=route_noqa_lines(route),
            request=AddStatusCode(
                "unsafe",
                "Add `status_code=201` (the response status changes from 200)",
                route.pos.line,
                route.pos.col + 1,
                201,
            ),
        )
