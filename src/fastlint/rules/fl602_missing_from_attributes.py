"""FL602 missing-from-attributes: ORM objects validated without ``from_attributes``.

(a) ``Schema.from_orm(x)``, or ``Schema.model_validate(orm_object)``: raises at run time.
(b) a route whose response model is ``Schema`` returns an ORM object: FastAPI
    copes, but the endpoint guides require ``from_attributes=True`` (convention).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastlint.analysis.orm import OrmEvidence, schema_symbol
from fastlint.analysis.route_facts import collection_item, response_model, unwrap_annotation
from fastlint.findings import AddConfigKey, Finding
from fastlint.project import Project, RuleContext
from fastlint.project.graph import Route
from fastlint.project.symbols import Symbol
from fastlint.summary import Attribute, Const, Expr, Function


@dataclass(frozen=True)
class ResponseUse:
    route: Route
    line: int


def _lacks_from_attributes(project: Project, symbol: Symbol) -> bool:
    kind = project.schemas.facts(symbol).kind
    if kind not in ("pydantic", "pydantic_v1"):
        return False
    return project.schemas.from_attributes(symbol) is False


def _request(project: Project, symbol: Symbol) -> AddConfigKey | None:
    """Set ``from_attributes=True`` where the schema keeps its config (v2 models)."""
    facts = project.schemas.facts(symbol)
    cls = project.resolver.class_info(symbol)
    if facts.kind != "pydantic" or cls is None or project.options.pydantic_major == 1:
        return None
    return AddConfigKey(
        "unsafe",
        f"Set `from_attributes=True` in `{cls.name}`'s config (validation then reads "
        "attributes of any object)",
        path=symbol.module,
        class_line=cls.line,
        key="from_attributes",
        value="True",
        settings=facts.settings,
    )


def _function(project: Project, module: str, scope: str) -> Function | None:
    return project.resolver.functions_in(module).get(scope) if scope else None


def _check_calls(context: RuleContext) -> Iterator[Finding]:
    project = context.project
    for site in context.summary.calls:
        func = site.call.func
        if not isinstance(func, Attribute) or func.attr not in ("from_orm", "model_validate"):
            continue
        passed = site.call.kwarg("from_attributes")
        if isinstance(passed, Const) and passed.value is True:
            continue
        symbol = schema_symbol(project, context.module, func.value, site.scope)
        if symbol is None or not _lacks_from_attributes(project, symbol):
            continue
        if func.attr == "model_validate":
            if project.schemas.facts(symbol).kind != "pydantic" or not site.call.args:
                continue
            evidence = OrmEvidence(
                project, context.module, _function(project, context.module, site.scope), site.loops
            )
            if not evidence.single(site.call.args[0]):
                continue
            what = "is given an ORM object"
        else:
            what = "needs `from_attributes=True` (v1: `orm_mode`)"
        yield context.finding(
            f"`{symbol.name}.{func.attr}(...)` {what} but `{symbol.name}` does not set "
            "`from_attributes=True`: this raises at run time",
            site.pos,
            request=_request(project, symbol),
        )


def _response_schema(project: Project, route: Route) -> tuple[Symbol, bool] | None:
    """The schema class of the route's response model and whether it is a collection."""
    found = response_model(project, route)
    if found is None:
        return None
    model, module = found
    item = collection_item(project, module, model, route.scope)
    if item is not None:
        model = unwrap_annotation(project, module, item, route.scope) or item
    symbol = schema_symbol(project, module, model, route.scope)
    return (symbol, item is not None) if symbol is not None else None


def _returns_orm(project: Project, route: Route, collection: bool) -> int | None:
    evidence = OrmEvidence(project, route.handler_module, route.function)
    for ret in route.function.return_stmts:
        value: Expr | None = ret.value
        if value is None:
            continue
        if evidence.collection(value) if collection else evidence.single(value):
            return ret.line
    return None


def response_uses(project: Project) -> dict[tuple[str, str], ResponseUse]:
    """Schemas (module, qualname) lacking from_attributes that routes fill with ORM objects."""
    cached = project.memo.get("fl602.response_uses")
    if isinstance(cached, dict):
        return cached
    uses: dict[tuple[str, str], ResponseUse] = {}
    for route in project.routes:
        found = _response_schema(project, route)
        if found is None:
            continue
        symbol, collection = found
        key = (symbol.module, symbol.name)
        if key in uses or not _lacks_from_attributes(project, symbol):
            continue
        line = _returns_orm(project, route, collection)
        if line is not None:
            uses[key] = ResponseUse(route, line)
    project.memo["fl602.response_uses"] = uses
    return uses


def check(context: RuleContext) -> Iterator[Finding]:
    yield from _check_calls(context)
    for (module, qualname), use in response_uses(context.project).items():
        if module != context.module:
            continue
        cls = context.project.resolver.classes_in(module).get(qualname)
        if cls is None:
            continue
        route = use.route
        yield context.finding(
            f"`{cls.name}` is the response model of `{route.name}` ({route.handler_module}:"
            f"{use.line} returns an ORM object) but does not set `from_attributes=True`; "
            "FastAPI copes, but the convention is to declare it "
            "(`model_config = ConfigDict(from_attributes=True)`)",
            cls.pos,
            request=_request(context.project, Symbol("class", module, qualname)),
        )
