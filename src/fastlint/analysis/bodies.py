"""What a route sends back: a declared response model, a return annotation, a
returned value. A 204 route must have none of them (FL103, and FL102's fix)."""

from __future__ import annotations

from fastlint.analysis.route_facts import RESPONSE_MODULES, is_none
from fastlint.project import Project
from fastlint.project.graph import Route
from fastlint.summary import Attribute, Call, Const, DictExpr, Expr, Name, Seq, Subscript


def no_body_status(status: int | None) -> bool:
    return status is not None and (status in (204, 304) or 100 <= status < 200)


def _is_response_class(
    project: Project, module: str, expr: Expr | None, scope: str, depth: int = 0
) -> bool | None:
    """True for Response classes, False for other known types, None when unknown."""
    if not isinstance(expr, Name | Attribute) or depth > 20:
        return False if isinstance(expr, Subscript | Const) else None
    symbol = project.resolver.resolve(module, expr, scope)
    if symbol.kind == "external":
        if symbol.name.startswith(RESPONSE_MODULES):
            return True
        return False if symbol.name.startswith(("builtins.", "typing.", "pydantic.")) else None
    cls = project.resolver.class_info(symbol)
    if cls is None:
        return None
    if project.schemas.facts(symbol).kind in ("pydantic", "pydantic_v1"):
        return False
    answers = [
        _is_response_class(project, symbol.module, base, cls.scope, depth + 1) for base in cls.bases
    ]
    if any(answer is True for answer in answers):
        return True
    return None


def _returns_body(project: Project, route: Route, value: Expr) -> bool:
    if isinstance(value, Const):
        return value.value is not None
    if isinstance(value, Seq | DictExpr):
        return True
    if isinstance(value, Call):
        symbol = project.resolver.resolve(route.handler_module, value.func, route.scope)
        if symbol.kind == "external":
            return symbol.name in ("builtins.dict", "builtins.list")
        if symbol.kind == "class":
            return project.schemas.facts(symbol).kind in ("pydantic", "pydantic_v1")
    return False


def body_problem(project: Project, route: Route) -> str | None:
    """Why a no-content status is wrong for this route (FL103), or None."""
    response_model = route.kwarg("response_model")
    if response_model is not None and not is_none(response_model):
        return "declares a `response_model`"
    annotation = route.function.returns
    if (
        annotation is not None
        and not is_none(annotation)
        and response_model is None
        and _is_response_class(project, route.handler_module, annotation, route.scope) is False
    ):
        return "has a return annotation (FastAPI uses it as the response model)"
    if route.function.sets_status_code:
        return None  # the handler picks another status at run time (``response.status_code``)
    for ret in route.function.return_stmts:
        if ret.value is not None and _returns_body(project, route, ret.value):
            return f"returns a value on line {ret.line} (the body is silently dropped)"
    return None


def why_not_no_content(project: Project, route: Route) -> str | None:
    """Why ``status_code=204`` must not be added to this route, or None when it may:
    stricter than FL103, any returned value counts (it would be dropped)."""
    problem = body_problem(project, route)
    if problem is not None:
        return problem
    for ret in route.function.return_stmts:
        if ret.value is not None and not is_none(ret.value):
            return f"returns a value on line {ret.line}"
    return None
