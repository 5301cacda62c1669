"""FL301 missing-auth: a non-public route with no auth dependency on some include chain."""

from __future__ import annotations

from collections.abc import Iterator

from fastlint.analysis.auth import app_uses_auth, has_auth, instance_verdict
from fastlint.analysis.public import public_reason, serves_no_api_data
from fastlint.analysis.route_facts import module_routes, route_noqa_lines
from fastlint.findings import Finding
from fastlint.project import RuleContext


def check(context: RuleContext) -> Iterator[Finding]:
    """Runs once per project: the facts are project-wide, the findings per module."""
    for module_context in context.per_module():
        yield from _check_module(module_context)


def _check_module(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    if not has_auth(project):
        return
    for route in module_routes(context):
        if serves_no_api_data(route):
            continue
        instances = project.instances_by_route.get(id(route), [])
        if not instances or project.has_unknown_ancestry(route.owner):
            continue
        for instance in instances:
            path = instance.path.value
            if public_reason(project, path) or not app_uses_auth(project, instance.app):
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
