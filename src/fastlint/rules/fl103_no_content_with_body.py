"""FL103 no-content-with-body: a 204/304/1xx route declares or returns a body."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.bodies import body_problem, no_body_status
from fastlint.analysis.route_facts import module_routes, route_noqa_lines, route_status
from fastlint.findings import Finding
from fastlint.project import RuleContext


def check(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    for route in module_routes(context):
        if route.opaque:
            continue
        status = route_status(project, route)
        if not no_body_status(status):
            continue
        problem = body_problem(project, route)
        if problem is None:
            continue
        consequence = (
            ""
            if problem.startswith("returns")
            else f'; FastAPI refuses to start: "Status code {status} must not have a response body"'
        )
        yield context.finding(
            f"route `{route.name}` answers {status} (no content) but {problem}{consequence}",
            route.pos,
            noqa_lines=route_noqa_lines(route),
        )
