"""Pagination facts shared by FL501 (is there a pagination parameter?) and FL502 (bounded?)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastlint.analysis.route_facts import (
    call_name,
    collection_item,
    external_name,
    response_model,
    unwrap_annotation,
)
from fastlint.project import Project
from fastlint.project.graph import Route
from fastlint.summary import Attribute, Call, Const, Expr, Name, Param, Subscript

# Besides the configured size parameters, these names show a route is paginated.
PAGE_MARKERS = frozenset(
    {"page", "offset", "skip", "cursor", "after", "before", "start", "page_token"}
)
BOUND_KEYWORDS = ("le", "lt")
FIELD_FUNCTIONS = frozenset(
    {"fastapi.Query", "fastapi.Path", "pydantic.Field", "fastapi.Body", "fastapi.Form"}
)
INT_TYPES = frozenset({"builtins.int"})
# Parameters read from somewhere else than the query string are not pagination.
NON_QUERY = frozenset(
    {
        "fastapi.Body",
        "fastapi.Form",
        "fastapi.File",
        "fastapi.Path",
        "fastapi.Header",
        "fastapi.Cookie",
    }
)
# Names that are pagination only in a list endpoint (``size`` of an icon, ``count`` in a form).
AMBIGUOUS_NAMES = frozenset({"count", "size", "take"})
PAGINATION_HINT = re.compile(r"pag|limit", re.IGNORECASE)


@dataclass(frozen=True)
class ParamSite:
    """A parameter together with where it lives (for resolution and reporting)."""

    module: str
    scope: str
    param: Param


def route_params(project: Project, route: Route) -> tuple[list[ParamSite], bool]:
    """The handler's parameters plus those of every dependency, and whether some
    dependency could not be followed (then a pagination parameter may hide there)."""
    sites = [ParamSite(route.handler_module, route.function.qualname, p) for p in route.params]
    sites.extend(field for site in list(sites) for field in query_model_fields(project, site))
    instances = project.instances_by_route.get(id(route), [])
    roots = project.route_dependency_roots(route, instances[0] if instances else None)
    hidden = False
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if id(node) in seen or node.via_call:
            continue  # functions called in a body do not add parameters to the route
        seen.add(id(node))
        if node.kind == "unknown":
            hidden = hidden or bool(PAGINATION_HINT.search(node.label))
        node_sites = [ParamSite(node.module, node.scope, p) for p in node.params]
        sites.extend(node_sites)
        sites.extend(field for site in node_sites for field in query_model_fields(project, site))
        if node.kind in ("class", "function") and PAGINATION_HINT.search(node.label):
            hidden = True
        stack.extend(node.children)
    return sites, hidden


def query_model_fields(project: Project, site: ParamSite) -> list[ParamSite]:
    """``filters: Annotated[FilterParams, Query()]``: a Pydantic model's fields (inherited
    ones too) are query parameters, each where the model declares it."""
    metadata = project.dependencies.annotated_metadata(
        site.module, site.param.annotation, site.scope
    )
    if not any(
        call_name(project, meta_module, item, meta_scope) == "fastapi.Query"
        for meta_module, meta_scope, item, _ in metadata
    ):
        return []
    base_module, base_scope, _, base = metadata[0]
    if not isinstance(base, Name | Attribute):
        return []
    model = project.resolver.resolve(base_module, base, base_scope)
    if project.schemas.facts(model).kind not in ("pydantic", "pydantic_v1"):
        return []
    fields: list[ParamSite] = []
    for attribute in project.classes.attributes(model):
        assign = attribute.assign
        if assign.annotation is None or assign.target == "model_config":
            continue
        owner = project.resolver.class_info(attribute.owner)
        scope = owner.scope if owner is not None else ""
        param = Param(assign.target, assign.annotation, assign.value, "keyword", assign.pos)
        fields.append(ParamSite(attribute.owner.module, scope, param))
    return fields


def is_page_type(project: Project, site: ParamSite) -> bool:
    types = project.options.page_types
    if not types:
        return False
    annotation = unwrap_annotation(project, site.module, site.param.annotation, site.scope)
    if not isinstance(annotation, Name | Attribute | Subscript):
        return False
    base = annotation.value if isinstance(annotation, Subscript) else annotation
    symbol = project.resolver.resolve(site.module, base, site.scope)
    names = {symbol.name, symbol.name.rsplit(".", 1)[-1]}
    return bool(names & types)


def _has_bound(project: Project, module: str, call: Expr | None, scope: str) -> bool | None:
    """True/False for Query/Field/conint calls; None if not such a call."""
    name = call_name(project, module, call, scope)
    if name is None or not isinstance(call, Call):
        return None
    if name in FIELD_FUNCTIONS or name in ("pydantic.conint", "annotated_types.Interval"):
        return any(call.kwarg(key) is not None for key in BOUND_KEYWORDS)
    if name in ("annotated_types.Le", "annotated_types.Lt"):
        return True
    return None


def _is_enum(project: Project, module: str, expr: Expr, scope: str) -> bool:
    if not isinstance(expr, Name | Attribute):
        return False
    symbol = project.resolver.resolve(module, expr, scope)
    return project.classes.any_base(
        symbol, lambda entry: entry.kind == "external" and entry.name.startswith("enum.")
    )


def unbounded(project: Project, site: ParamSite) -> bool:
    """A query-style integer parameter with no upper bound (False when unsure)."""
    module, scope, param = site.module, site.scope, site.param
    if param.kind in ("var_positional", "var_keyword"):
        return False
    if call_name(project, module, param.default, scope) in NON_QUERY:
        return False
    default_bound = _has_bound(project, module, param.default, scope)
    if default_bound is True:
        return False
    if isinstance(param.default, Call) and default_bound is None:
        return False  # Depends(...) or something else we do not model
    annotation = param.annotation
    metadata: list[Expr] = []
    for _ in range(6):  # follow Annotated aliases and unwrap Optional
        if (
            isinstance(annotation, Subscript)
            and external_name(project, module, annotation.value, scope) == "typing.Annotated"
        ):
            metadata.extend(annotation.items[1:])
            annotation = annotation.items[0]
            continue
        if isinstance(annotation, Name | Attribute):
            symbol = project.resolver.resolve(module, annotation, scope)
            assign = project.resolver.assign(symbol)
            if assign is not None and isinstance(assign.value, Subscript | Call):
                module, scope, annotation = symbol.module, assign.scope, assign.value
                continue
        unwrapped = unwrap_annotation(project, module, annotation, scope)
        if unwrapped is annotation:
            break
        annotation = unwrapped
    for item in metadata:
        name = call_name(project, module, item, scope)
        if name in NON_QUERY or (isinstance(item, Call) and name is None):
            return False  # read from elsewhere, or a marker fastlint cannot resolve
        bound = _has_bound(project, module, item, scope)
        if bound is True:
            return False
    if annotation is None:
        return (
            isinstance(param.default, Const)
            and isinstance(param.default.value, int)
            and not isinstance(param.default.value, bool)
        )
    if isinstance(annotation, Call):
        return _has_bound(project, module, annotation, scope) is False  # conint() without le
    if isinstance(annotation, Subscript):
        return False  # Literal[...] and other generics: bounded or not an int
    if _is_enum(project, module, annotation, scope):
        return False
    return external_name(project, module, annotation, scope) in INT_TYPES


def returns_collection(project: Project, route: Route) -> bool:
    found = response_model(project, route)
    return (
        found is not None and collection_item(project, found[1], found[0], route.scope) is not None
    )


def literal_default(param: Param) -> int | None:
    """The integer a parameter defaults to, when written as a literal: ``= 50``,
    ``= Query(50)``, ``= Query(default=50)`` or ``Annotated[...] = 50``."""
    default = param.default
    if isinstance(default, Call):
        default = default.kwarg("default") or (default.args[0] if default.args else None)
    if isinstance(default, Const) and type(default.value) is int:
        return default.value
    return None
