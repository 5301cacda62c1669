"""Small shared helpers for rules (route facts that several rules read)."""

from __future__ import annotations

from fastlint.project import Project, RuleContext
from fastlint.project.graph import Route
from fastlint.project.values import evaluate_status
from fastlint.summary import Attribute, Call, Const, Expr, Name, Subscript

COLLECTION_TYPES = frozenset(
    {
        "builtins.list",
        "typing.List",
        "typing.Sequence",
        "collections.abc.Sequence",
        "builtins.set",
        "typing.Set",
        "builtins.frozenset",
        "typing.FrozenSet",
        "builtins.tuple",
        "typing.Tuple",
    }
)


def route_status(project: Project, route: Route) -> int | None:
    """The route's declared status code, when it can be read."""
    return evaluate_status(project.evaluator, route.module, route.kwarg("status_code"), route.scope)


def route_noqa_lines(route: Route) -> tuple[int, ...]:
    """Route findings can also be suppressed on the handler's ``def`` line."""
    return (route.function.def_line,)


def module_routes(context: RuleContext) -> list[Route]:
    """The HTTP routes registered in the module being checked, in source order."""
    routes = context.project.routes_by_module.get(context.module, [])
    return sorted((r for r in routes if r.kind == "http"), key=lambda r: (r.pos.line, r.pos.col))


def is_none(expr: Expr | None) -> bool:
    return isinstance(expr, Const) and expr.value is None and not expr.is_ellipsis


def external_name(project: Project, module: str, expr: Expr | None, scope: str = "") -> str | None:
    """The dotted name of a library object ``expr`` refers to (``fastapi.Depends``)."""
    if not isinstance(expr, Name | Attribute | Subscript):
        return None
    symbol = project.resolver.resolve(module, expr, scope)
    return symbol.name if symbol.kind == "external" else None


def unwrap_annotation(
    project: Project, module: str, annotation: Expr | None, scope: str = ""
) -> Expr | None:
    """``Annotated[T, ...]`` -> T, ``Optional[T]``/``T | None`` -> T."""
    for _ in range(8):
        if isinstance(annotation, Subscript) and annotation.items:
            base = external_name(project, module, annotation.value, scope)
            if base == "typing.Annotated":
                annotation = annotation.items[0]
                continue
            if base == "typing.Optional":
                annotation = annotation.items[0]
                continue
            if base == "typing.Union":
                rest = [item for item in annotation.items if not is_none(item)]
                if len(rest) == 1:
                    annotation = rest[0]
                    continue
            return annotation
        from fastlint.summary import BinOp

        if isinstance(annotation, BinOp) and annotation.op == "|":
            if is_none(annotation.right):
                annotation = annotation.left
                continue
            if is_none(annotation.left):
                annotation = annotation.right
                continue
        return annotation
    return annotation


def call_name(project: Project, module: str, call: Expr | None, scope: str = "") -> str | None:
    """External dotted name of a call's function (``fastapi.Query`` for ``Query(...)``)."""
    if not isinstance(call, Call):
        return None
    return external_name(project, module, call.func, scope)


def response_model(project: Project, route: Route) -> tuple[Expr, str] | None:
    """The route's response model (``response_model=`` wins over the return annotation),
    unwrapped from ``Optional``/``Annotated``, with the module to resolve it in."""
    model = route.kwarg("response_model")
    module = route.module
    if model is None:
        model, module = route.function.returns, route.handler_module
    if model is None or is_none(model):
        return None
    unwrapped = unwrap_annotation(project, module, model, route.scope)
    return (unwrapped, module) if unwrapped is not None else None


def collection_item(project: Project, module: str, model: Expr, scope: str) -> Expr | None:
    """``list[X]``/``Sequence[X]``/... -> X (bare ``list`` -> Const None); else None."""
    base = model.value if isinstance(model, Subscript) else model
    if not isinstance(base, Name | Attribute):
        return None
    symbol = project.resolver.resolve(module, base, scope)
    if symbol.kind != "external" or symbol.name not in COLLECTION_TYPES:
        return None
    if isinstance(model, Subscript) and model.items:
        return model.items[0]
    return Const(None)


def sets_status_at_run_time(project: Project, route: Route) -> bool:
    """``response.status_code = 201`` or ``return Response(status_code=204)``: the success
    code the client sees is chosen in the handler (error returns such as
    ``JSONResponse(status_code=413)`` do not count)."""
    function = route.function
    if function.sets_status_code:
        return True
    for ret in function.return_stmts:
        if not isinstance(ret.value, Call):
            continue
        code = ret.value.kwarg("status_code")
        if code is None:
            continue
        value = evaluate_status(project.evaluator, route.handler_module, code, function.qualname)
        if value is None or 200 <= value < 300:
            return True
    return False


RESPONSE_MODULES = ("fastapi.responses.", "starlette.responses.")
STREAM_TYPES = frozenset(
    f"{module}.{name}"
    for module in ("typing", "collections.abc")
    for name in (
        "Iterable",
        "AsyncIterable",
        "Iterator",
        "AsyncIterator",
        "Generator",
        "AsyncGenerator",
    )
)


def declared_response_model(project: Project, route: Route) -> Expr | None:
    """The model FastAPI validates responses with: ``response_model=``, else the return
    annotation unless it is a Response class or a stream (``AsyncIterable[Item]``)."""
    model = route.kwarg("response_model")
    if model is not None:
        return None if is_none(model) else model
    returns = route.function.returns
    if returns is None or is_none(returns):
        return None
    base = returns.value if isinstance(returns, Subscript) else returns
    if not isinstance(base, Name | Attribute):
        return returns
    symbol = project.resolver.resolve(route.handler_module, base, route.scope)
    if symbol.kind == "external" and symbol.name in STREAM_TYPES:
        return None
    if project.classes.any_base(
        symbol, lambda entry: entry.kind == "external" and entry.name.startswith(RESPONSE_MODULES)
    ):
        return None
    return returns
