"""FL102 delete-status-code: a DELETE route declares no ``status_code``."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.bodies import why_not_no_content
from fastlint.analysis.route_facts import module_routes, route_noqa_lines, sets_status_at_run_time
from fastlint.findings import AddStatusCode, Finding
from fastlint.project import RuleContext


def check(context: RuleContext) -> Iterator[Finding]:
    for route in module_routes(context):
        if route.methods != ("DELETE",) or route.kwarg("status_code") is not None:
            continue  # a proxy serving several methods cannot declare one code
        if route.opaque or sets_status_at_run_time(context.project, route):
            continue  # the code is set elsewhere (``**config``, ``response.status_code = ...``)
        message = (
            f"DELETE route `{route.name}` declares no `status_code`: FastAPI answers 200; "
            "declare `status_code=204` (or the code you mean)"
        )
        body = why_not_no_content(context.project, route)
        request = None
        if body is not None:
            message += f"; no automatic fix: the route {body}, which 204 forbids"
        else:
            request = AddStatusCode(
                "unsafe",
                "Add `status_code=204` (the response status changes from 200)",
                route.pos.line,
                route.pos.col + 1,
                204,
            )
        yield context.finding(
            message, route.pos, noqa_lines=route_noqa_lines(route), request=request
        )
