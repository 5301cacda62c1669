"""Credentials checked by hand: what counts as an auth check besides a
``fastapi.security`` scheme (header/query/cookie parameters named like a credential,
credentials read from the request in a body, a dependency's plain ``token`` parameter)."""

from __future__ import annotations

from typing import Protocol

from fastlint.project.depnodes import DepNode
from fastlint.project.evaluate import Evaluator
from fastlint.project.knowledge import AUTH_HEADERS, CREDENTIAL_SOURCES
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Resolver
from fastlint.project.values import evaluate_text
from fastlint.summary import Attribute, Call, Const, Expr, Function, Param


class DependencyAnalyzer(Protocol):
    """What these checks need of the analyzer (a protocol: no import cycle)."""

    evaluator: Evaluator
    resolver: Resolver

    def annotated_metadata(
        self, module: ModuleKey, annotation: Expr | None, scope: str, depth: int = 0
    ) -> list[tuple[ModuleKey, str, Expr, Expr]]: ...


# Request attributes a handler reads credentials from by hand.
REQUEST_CREDENTIAL_MAPS = frozenset({"headers", "cookies", "query_params"})


def credential_read(
    analyzer: DependencyAnalyzer, module: ModuleKey, call: Call, scope: str
) -> DepNode | None:
    """``request.headers.get("Authorization")``, ``request.cookies.get("token")``: a
    credential read from the request by hand, in a handler or a function it calls."""
    func = call.func
    if not isinstance(func, Attribute) or func.attr not in ("get", "getlist"):
        return None
    source = func.value.attr if isinstance(func.value, Attribute) else None
    if source not in REQUEST_CREDENTIAL_MAPS or not call.args:
        return None
    name = evaluate_text(analyzer.evaluator, module, call.args[0], scope)
    if not name.known or name.value.lower().replace("-", "_") not in AUTH_HEADERS:
        return None
    return DepNode("security", f"reads {source}[{name.value!r}]", module)


def credential_header(
    analyzer: DependencyAnalyzer, module: ModuleKey, param: Param, scope: str
) -> DepNode | None:
    """``authorization: str = Header(...)``, ``token: str = Query(...)``: a hand-written
    credentials check (header, query or cookie)."""
    metadata = analyzer.annotated_metadata(module, param.annotation, scope)
    for call in [param.default, *(item for _, _, item, _ in metadata)]:
        if not isinstance(call, Call):
            continue
        if analyzer.resolver.resolve(module, call.func, scope).name not in CREDENTIAL_SOURCES:
            continue
        alias = call.kwarg("alias")
        name = (
            alias.value if isinstance(alias, Const) and isinstance(alias.value, str) else param.name
        )
        if name.lower().replace("-", "_") in AUTH_HEADERS:
            return DepNode("security", f"Header({name})", module)
    return None


def credential_params(
    analyzer: DependencyAnalyzer, module: ModuleKey, function: Function
) -> list[DepNode]:
    """A dependency taking a plain ``token``/``api_key`` parameter checks a credential
    (FastAPI's own tutorial: ``async def get_query_token(token: str)``); a ``Form()``,
    ``Body()`` or ``File()`` field of that name is a value the client submits."""
    nodes: list[DepNode] = []
    for param in function.params:
        if param.name.lower() not in AUTH_HEADERS:
            continue
        if param.default is not None and not isinstance(param.default, Const):
            continue
        metadata = analyzer.annotated_metadata(module, param.annotation, function.qualname)
        if any(
            isinstance(item, Call)
            and analyzer.resolver.resolve(meta_module, item.func, meta_scope).name
            not in CREDENTIAL_SOURCES
            for meta_module, meta_scope, item, _ in metadata
        ):
            continue
        nodes.append(DepNode("security", f"{param.name} parameter", module, credential_param=True))
    return nodes
