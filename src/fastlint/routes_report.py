"""``fastlint routes``: every route as fastlint sees it, plus what it could not see.

One row per (route, include chain): method, full path, tags, auth (the chain
that reaches a security scheme, ``public`` and why, ``none``, or ``unknown``
and why), status code and the handler's location.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial

from fastlint.analysis.auth import instance_verdict
from fastlint.analysis.public import public_reason
from fastlint.analysis.route_facts import declared_response_model, route_status
from fastlint.output.escape import escape_text, json_text
from fastlint.project import Project
from fastlint.project.effective import RouteInstance
from fastlint.project.graph import Route
from fastlint.project.values import expr_label


@dataclass
class RouteRow:
    method: str
    path: str
    tags: list[str] | None
    auth: str
    status_code: str
    handler: str
    app: str
    registered_at: str
    conditional: bool = False  # registered or included under if/try/with
    response_model: str | None = None  # ``response_model=``, else the return annotation


def _guarded(compute: Callable[[], str], errors: list[str] | None, what: str) -> str:
    """One cell's value; a crash in the model fills that cell, not the terminal."""
    try:
        return compute()
    except Exception as error:  # one route's bug must not hide the others
        message = escape_text(f"internal error computing {what}: {type(error).__name__}: {error}")
        if errors is not None:
            errors.append(message)
        return "internal error"


def _auth_text(project: Project, route: Route, instance: RouteInstance | None) -> str:
    if route.library:
        return "unknown (a route the library registers itself)"
    verdict, login = instance_verdict(project, route, instance)
    reason = public_reason(project, instance.path.value) if instance is not None else None
    if login and reason != "public-paths":
        return "public (login form)"
    if reason is not None:
        return f"public ({reason})"
    if verdict.status == "auth":
        return " → ".join(verdict.chain)
    if verdict.status == "unknown":
        return f"unknown ({verdict.reason})"
    return "none"


def _status_text(project: Project, route: Route) -> str:
    expr = route.kwarg("status_code")
    if expr is None:
        return "default"
    value = route_status(project, route)
    return str(value) if value is not None else expr_label(expr)


def _response_model_text(project: Project, route: Route) -> str | None:
    model = declared_response_model(project, route)
    return expr_label(model) if model is not None else None


def collect_rows(
    project: Project, display: Callable[[str], str], errors: list[str] | None = None
) -> tuple[list[RouteRow], list[RouteRow]]:
    """(rows served by an app, rows of routes no app reaches); crashes go to ``errors``."""
    served: list[RouteRow] = []
    for instance in sorted(project.instances, key=lambda i: (i.app.module, i.order)):
        route = instance.route
        served.append(
            RouteRow(
                method="/".join(route.methods),
                path=instance.path.value,
                tags=instance.tags,
                auth=_guarded(
                    partial(_auth_text, project, route, instance), errors, f"auth of {route.name}"
                ),
                status_code=_guarded(
                    partial(_status_text, project, route), errors, f"status of {route.name}"
                ),
                handler=f"{display(route.handler_module)}:{route.function.def_line}",
                app=f"{instance.app.name} ({display(instance.app.module)})",
                registered_at=f"{display(route.module)}:{route.pos.line}",
                conditional=instance.conditional,
                response_model=_response_model_text(project, route),
            )
        )
    reached = {id(i.route) for i in project.instances}
    orphans = [
        RouteRow(
            method="/".join(route.methods),
            path=route.path.value,
            tags=None,
            auth=_guarded(
                partial(_auth_text, project, route, None), errors, f"auth of {route.name}"
            ),
            status_code=_guarded(
                partial(_status_text, project, route), errors, f"status of {route.name}"
            ),
            handler=f"{display(route.handler_module)}:{route.function.def_line}",
            app="-",
            registered_at=f"{display(route.module)}:{route.pos.line}",
            conditional=route.conditional,
            response_model=_response_model_text(project, route),
        )
        for route in sorted(project.routes, key=lambda r: (r.module, r.pos.line))
        if id(route) not in reached
    ]
    return served, orphans


def _tags_text(tags: list[str] | None) -> str:
    if tags is None:
        return "?"
    return ", ".join(dict.fromkeys(tags)) or "-"


def _path_text(row: RouteRow) -> str:
    return f"{row.path} (conditional)" if row.conditional else row.path


def _cells(row: RouteRow) -> list[str]:
    """One table row; escaped, so that a route path holding a newline (or a lone
    surrogate, which UTF-8 cannot encode) stays on its line and prints."""
    texts = (row.method, _path_text(row), _tags_text(row.tags), row.auth, row.status_code)
    return [escape_text(text) for text in (*texts, row.handler)]


def _table(rows: list[RouteRow], markdown: bool) -> list[str]:
    headers = ["method", "path", "tags", "auth", "status", "handler"]
    cells = [_cells(row) for row in rows]
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
        for row in cells:
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        return lines
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    widths = [min(width, 60) for width in widths]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in cells:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return lines


def render_routes(
    project: Project, fmt: str, display: Callable[[str], str], errors: list[str] | None = None
) -> str:
    """The report in ``fmt``; internal errors per cell are appended to ``errors``."""
    served, orphans = collect_rows(project, display, errors)
    unresolved = sorted(project.unresolved, key=lambda u: (u.module, u.line))
    if fmt == "json":
        return json_text(
            {
                "routes": [asdict(row) for row in served],
                "unreached_routes": [asdict(row) for row in orphans],
                "unresolved": [
                    {"path": display(u.module), "line": u.line, "what": u.what, "reason": u.reason}
                    for u in unresolved
                ],
            },
        )
    markdown = fmt == "markdown"
    lines: list[str] = []
    apps = sorted({row.app for row in served})
    for app in apps:
        rows = [row for row in served if row.app == app]
        name = escape_text(app)
        title = f"App `{name}`" if markdown else f"App {name}"
        lines.append(f"{'## ' if markdown else ''}{title}: {len(rows)} routes")
        lines.append("")
        lines.extend(_table(rows, markdown))
        lines.append("")
    if orphans:
        title = (
            "Routes no app serves (router never included, or included where fastlint "
            f"cannot see): {len(orphans)}"
        )
        lines.append(f"## {title}" if markdown else title)
        lines.append("")
        lines.extend(_table(orphans, markdown))
        lines.append("")
    if unresolved:
        title = f"Not resolved ({len(unresolved)}): rules stay silent where these matter"
        lines.append(f"## {title}" if markdown else title)
        lines.append("")
        for item in unresolved:
            bullet = "- " if markdown else "  "
            where = f"{display(item.module)}:{item.line}: {item.what}: {item.reason}"
            lines.append(f"{bullet}{escape_text(where)}")
    if not lines:
        lines.append("No routes found.")
    return "\n".join(lines).rstrip()
