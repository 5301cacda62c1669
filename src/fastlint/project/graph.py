"""The application as FastAPI assembles it: apps, routers, routes and include edges.

Built from module summaries only. Containers (apps and routers) are identified
by the binding that creates them (module, scope, name), so ``app`` in
``main.py``, ``application = create_app()`` elsewhere and the ``app`` local of
the factory are the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from fastlint.project.knowledge import LIBRARY_ROUTERS
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Symbol
from fastlint.project.values import Text
from fastlint.summary import (
    Attribute,
    Call,
    CallSite,
    Const,
    Decorator,
    Expr,
    Function,
    Param,
    Pos,
    enclosing_scope,
)

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
ROUTE_DECORATORS = frozenset((*HTTP_METHODS, "api_route", "websocket"))
APP_CLASSES = frozenset({"fastapi.FastAPI"})
ROUTER_CLASSES = frozenset(
    {
        *LIBRARY_ROUTERS,
        "fastapi.APIRouter",
        "fastapi_utils.inferring_router.InferringRouter",
        "fastapi_restful.inferring_router.InferringRouter",
    }
)
ContainerKey = tuple[str, str, str]
# Class-based-view decorators of fastapi-utils / fastapi-restful (a project decorator
# that takes the router counts too).
VIEW_DECORATORS = frozenset(
    {"fastapi_utils.cbv.cbv", "fastapi_utils.cbv", "fastapi_restful.cbv.cbv", "fastapi_restful.cbv"}
)
WIRING_METHODS = frozenset(
    {"include_router", "add_api_route", "mount", "from_orm", "model_validate"}
)
MAX_DEPTH = 30
UNKNOWN_METHOD = "?"  # ``methods=`` fastlint cannot read


@dataclass(eq=False)
class Container:
    """An app (``FastAPI(...)``) or a router (``APIRouter(...)``)."""

    key: ContainerKey
    kind: Literal["app", "router"]
    module: ModuleKey
    name: str
    scope: str
    pos: Pos
    call: Call
    class_symbol: Symbol
    routes: list[Route] = field(default_factory=list)
    includes: list[IncludeEdge] = field(default_factory=list)
    included_by: list[IncludeEdge] = field(default_factory=list)
    mounted_at: list[IncludeEdge] = field(default_factory=list)
    # An app parameter no visible code calls (``def init(app: FastAPI)``): some app of
    # the project, whose own settings are unknown.
    assumed: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} ({self.module}:{self.pos.line})"


@dataclass(eq=False)
class Route:
    """One registration of a handler: a decorator or an ``add_api_route`` call."""

    module: ModuleKey
    function: Function
    handler_module: ModuleKey
    owner: Container
    call: Call
    pos: Pos
    methods: tuple[str, ...]
    path: Text
    kind: Literal["http", "websocket"]
    decorator: Decorator | None = None
    # Decorators apply bottom-up: (def line, -index) orders stacked routes as registered.
    order: tuple[int, int] = (0, 0)
    opaque: bool = False  # ``**kwargs`` fastlint could not expand: status/methods unknown
    via_param: bool = False  # registered on a parameter: depends on which callers run
    # A class-based view (``@cbv(router)``): its annotated class attributes are
    # dependencies of the route and ``self`` is not a request parameter.
    view_class: Symbol | None = None
    conditional: bool = False  # registered under if/try/with: exists in some configuration
    # Registered by a library router itself (strawberry's GraphQLRouter): it is served,
    # but its handler, dependencies and status are the library's, so no rule judges it.
    library: bool = False

    @property
    def name(self) -> str:
        return self.function.name

    @property
    def params(self) -> tuple[Param, ...]:
        """The handler's request parameters (``self`` of a class-based view excluded)."""
        params = self.function.params
        if self.view_class is not None and params and params[0].kind == "positional":
            return params[1:]
        return params

    @property
    def scope(self) -> str:
        return enclosing_scope(self.function.qualname)

    def kwarg(self, name: str) -> Expr | None:
        return self.call.kwarg(name)


@dataclass(eq=False)
class IncludeEdge:
    """``parent.include_router(child, ...)`` or ``parent.mount(path, child)``."""

    kind: Literal["include", "mount"]
    parent: Container | None
    child: Container | None
    module: ModuleKey
    scope: str
    site: CallSite
    prefix: Text
    tags: list[str] | None
    dependencies: Expr | None
    reason: str = ""  # why parent or child is unknown
    # Where the include takes effect, for registration order: the call itself, or the
    # caller's ``init_views(app)`` when the parent came in as a parameter.
    order_module: ModuleKey = ""
    order_pos: Pos | None = None

    @property
    def pos(self) -> Pos:
        return self.site.pos

    def order_key(self) -> tuple[ModuleKey, int, int]:
        pos = self.order_pos or self.site.pos
        return (self.order_module or self.module, pos.line, pos.col)


@dataclass
class Unresolved:
    """Something the analysis could not follow, for ``fastlint routes``."""

    module: ModuleKey
    line: int
    what: str
    reason: str


def describe(thing: Container | Symbol) -> str:
    if isinstance(thing, Container):
        return thing.label
    if thing.kind == "unknown":
        return thing.name
    if thing.kind == "external" and thing.name.startswith("builtins."):
        return f"`{thing.name[len('builtins.') :]}` is not defined here"
    return f"`{thing.name}` ({thing.kind})"


def method_name(call: Call) -> str | None:
    return call.func.attr if isinstance(call.func, Attribute) else None


def looks_like_route(path: Expr | None) -> bool:
    return isinstance(path, Const) and isinstance(path.value, str) and path.value.startswith("/")


def is_external_non_fastapi(symbol: Symbol) -> bool:
    return symbol.kind in (
        "external",
        "module",
        "function",
        "class",
    ) and not symbol.name.startswith("fastapi")
