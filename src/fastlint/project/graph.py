"""The application as FastAPI assembles it: apps, routers, routes and include edges.

Built from module summaries only. Containers (apps and routers) are identified
by the binding that creates them (module, scope, name), so ``app`` in
``main.py``, ``application = create_app()`` elsewhere and the ``app`` local of
the factory are the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from fastlint.project.classes import ClassIndex
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Resolver, Symbol, unknown
from fastlint.project.values import Text, evaluate_strings, evaluate_text, expr_label
from fastlint.summary import (
    Attribute,
    Call,
    CallSite,
    Const,
    Decorator,
    DictExpr,
    Expr,
    Function,
    Name,
    Param,
    Pos,
    Seq,
)

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
ROUTE_DECORATORS = frozenset((*HTTP_METHODS, "api_route", "websocket"))
APP_CLASSES = frozenset({"fastapi.FastAPI"})
ROUTER_CLASSES = frozenset(
    {
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
_WIRING_METHODS = frozenset(
    {"include_router", "add_api_route", "mount", "from_orm", "model_validate"}
)
MAX_DEPTH = 30


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


def enclosing_scope(qualname: str) -> str:
    """The function scope in which a definition's decorators are evaluated."""
    if ".<locals>." in qualname:
        return qualname.rpartition(".<locals>.")[0]
    return ""


class GraphBuilder:
    """Builds containers, routes and edges; see ``Graph``."""

    def __init__(
        self,
        resolver: Resolver,
        classes: ClassIndex,
        router_classes: frozenset[str] = frozenset(),
        router_factories: frozenset[str] = frozenset(),
        app_factories: frozenset[str] = frozenset(),
    ) -> None:
        self.resolver = resolver
        self.classes = classes
        self.router_classes = router_classes
        self.router_factories = router_factories
        self.app_factories = app_factories
        self.containers: dict[ContainerKey, Container] = {}
        self.routes: list[Route] = []
        self.edges: list[IncludeEdge] = []
        self.unresolved: list[Unresolved] = []
        self._factory_results: dict[tuple[str, str], Container | Symbol | None] = {}
        self._caller_index: dict[tuple[str, str], list[tuple[ModuleKey, CallSite]]] | None = None

    # ------------------------------------------------------------------ classification

    def _matches_config(self, symbol: Symbol, names: frozenset[str]) -> bool:
        if not names:
            return False
        candidates = {symbol.name, symbol.name.rsplit(".", 1)[-1]}
        if symbol.kind in ("class", "function", "assign"):
            module_name = self.resolver.index.module_name(symbol.module)
            candidates.add(f"{module_name}.{symbol.name}")
        return bool(candidates & names)

    def class_kind(self, symbol: Symbol) -> Literal["app", "router"] | None:
        """Is this class FastAPI, APIRouter, or a project subclass of one?"""
        for entry in self.classes.mro(symbol):
            if entry.kind == "external":
                if entry.name in APP_CLASSES:
                    return "app"
                if entry.name in ROUTER_CLASSES or self._matches_config(entry, self.router_classes):
                    return "router"
            elif entry.kind == "class" and self._matches_config(entry, self.router_classes):
                return "router"
        return None

    def constructor_kind(
        self, module: ModuleKey, call: Call, scope: str
    ) -> tuple[Literal["app", "router"] | None, Symbol]:
        symbol = self.resolver.resolve(module, call.func, scope)
        kind = self.class_kind(symbol)
        if kind is None and symbol.kind in ("function", "external", "assign"):
            if self._matches_config(symbol, self.app_factories):
                kind = "app"
            elif self._matches_config(symbol, self.router_factories):
                kind = "router"
        return kind, symbol

    # ------------------------------------------------------------------ containers

    def _constructor_names(self) -> set[str]:
        """Last names a container constructor call can have: FastAPI, APIRouter, project
        subclasses, configured classes and factories, and import aliases of those."""
        names = {"FastAPI", "APIRouter"}
        names.update(n.rsplit(".", 1)[-1] for n in self.router_classes)
        names.update(n.rsplit(".", 1)[-1] for n in self.router_factories | self.app_factories)
        for module, summary in self.resolver.summaries.items():
            for cls in summary.classes:
                if self.class_kind(Symbol("class", module, cls.qualname)) is not None:
                    names.add(cls.name)
        for summary in self.resolver.summaries.values():
            names.update(imp.local for imp in summary.imports if imp.name in names)
        return names

    def collect_containers(self) -> None:
        names = self._constructor_names()
        for module, summary in self.resolver.summaries.items():
            for assign in summary.assigns:
                if not isinstance(assign.value, Call):
                    continue
                func = assign.value.func
                last = func.attr if isinstance(func, Attribute) else getattr(func, "id", None)
                if last not in names:
                    continue  # cheap filter: most assignments build something else
                kind, symbol = self.constructor_kind(module, assign.value, assign.scope)
                if kind is None:
                    continue
                key = (module, assign.scope, assign.target)
                if key in self.containers:
                    continue
                self.containers[key] = Container(
                    key, kind, module, assign.target, assign.scope, assign.pos, assign.value, symbol
                )

    def container_of(
        self, module: ModuleKey, expr: Expr | None, scope: str, depth: int = 0
    ) -> Container | Symbol:
        """The container an expression evaluates to, or a Symbol saying what it is instead."""
        if expr is None or depth > MAX_DEPTH:
            return unknown("too deep")
        if isinstance(expr, Call):
            return self._call_result(module, expr, scope, depth + 1)
        if not isinstance(expr, Name | Attribute):
            return unknown(f"`{expr_label(expr)}` is not a name")
        symbol = self.resolver.resolve(module, expr, scope)
        if symbol.kind == "param":
            return self._param_container(symbol, depth + 1)
        if symbol.is_unknown and isinstance(expr, Attribute):
            assigned = self._self_attribute(module, expr, scope)
            if assigned is not None:
                symbol = assigned
        if symbol.kind != "assign":
            return symbol
        key = (symbol.module, symbol.scope, symbol.name)
        if key in self.containers:
            return self.containers[key]
        assign = self.resolver.assign(symbol)
        if assign is None or assign.value is None:
            return unknown(f"`{symbol.name}` has no value")
        if isinstance(assign.value, Name | Attribute):
            return self.container_of(symbol.module, assign.value, assign.scope, depth + 1)
        if isinstance(assign.value, Call):
            result = self._call_result(symbol.module, assign.value, assign.scope, depth + 1)
            return result
        return unknown(f"`{symbol.name}` = {expr_label(assign.value)}")

    def _callers(self, module: ModuleKey, qualname: str) -> list[tuple[ModuleKey, CallSite]]:
        """Calls of a project function as statements (``init_views(app)``) or assigned
        (``app = create_app(router=api)``), indexed once."""
        if self._caller_index is None:
            index: dict[tuple[str, str], list[tuple[ModuleKey, CallSite]]] = {}
            for caller, summary in self.resolver.summaries.items():
                assigned = [
                    CallSite(a.value, a.pos, a.scope)
                    for a in summary.assigns
                    if isinstance(a.value, Call)
                ]
                for site in [*summary.calls, *assigned]:
                    if not isinstance(site.call.func, Name | Attribute):
                        continue
                    if _method_name(site.call) in _WIRING_METHODS:
                        continue
                    target = self.resolver.resolve(caller, site.call.func, site.scope)
                    if target.kind == "function":
                        index.setdefault((target.module, target.name), []).append((caller, site))
            self._caller_index = index
        return self._caller_index.get((module, qualname), [])

    def _binding_site(
        self, module: ModuleKey, site: CallSite, parent: Container | None
    ) -> tuple[ModuleKey, Pos | None]:
        """For ``app.include_router`` on a parameter ``app``: the caller passing the app."""
        receiver = site.call.func.value if isinstance(site.call.func, Attribute) else None
        if parent is None or not isinstance(receiver, Name):
            return module, None
        symbol = self.resolver.resolve(module, receiver, site.scope)
        found = self.resolver.param_of(symbol)
        if found is None:
            return module, None
        function, _ = found
        for caller_module, caller in self._callers(symbol.module, function.qualname):
            if caller_module == parent.module:
                return caller_module, caller.pos
        return module, None

    def _arguments(self, symbol: Symbol) -> list[tuple[ModuleKey, str, Expr]]:
        """What each call site passes for a parameter (keyword, positional or default)."""
        found = self.resolver.param_of(symbol)
        if found is None:
            return []
        function, index = found
        param = function.params[index]
        if (
            function.class_name is not None
            and function.params
            and function.params[0].name in ("self", "cls")
        ):
            index -= 1
        out: list[tuple[ModuleKey, str, Expr]] = []
        for caller_module, site in self._callers(symbol.module, function.qualname):
            call = site.call
            argument = call.kwarg(param.name)
            if argument is None and 0 <= index < len(call.args) and param.kind == "positional":
                argument = call.args[index]
            if argument is not None:
                out.append((caller_module, site.scope, argument))
            elif param.default is not None:
                out.append((symbol.module, enclosing_scope(function.qualname), param.default))
        return out

    def _param_container(self, symbol: Symbol, depth: int) -> Container | Symbol:
        """A parameter (``def init_views(app: FastAPI)``) is whatever its callers pass;
        a lifespan function's first parameter is the app it is given to; with no caller,
        a parameter annotated ``FastAPI`` is an app of the project (an assumed one)."""
        found = self.resolver.param_of(symbol)
        if found is None or depth > MAX_DEPTH:
            return unknown(f"parameter `{symbol.name}`")
        function, index = found
        param = function.params[index]
        containers: list[Container] = []
        for caller_module, caller_scope, argument in self._arguments(symbol):
            result = self.container_of(caller_module, argument, caller_scope, depth + 1)
            if isinstance(result, Container) and result not in containers:
                containers.append(result)
        if not containers and index == 0:
            containers = self._lifespan_apps(symbol.module, function)
        if len(containers) == 1:
            return containers[0]
        if not containers and self._annotated_app(symbol.module, function, param):
            return self._assumed_app(symbol.module, function, param)
        several = " (bound to several apps or routers)" if containers else ""
        return unknown(f"parameter `{param.name}` of `{function.name}()`{several}")

    def _lifespan_apps(self, module: ModuleKey, function: Function) -> list[Container]:
        """Apps built with ``FastAPI(lifespan=function)``."""
        out: list[Container] = []
        for container in list(self.containers.values()):
            lifespan = container.call.kwarg("lifespan")
            if container.kind != "app" or lifespan is None:
                continue
            target = self.resolver.resolve(container.module, lifespan, container.scope)
            if target.kind == "function" and (target.module, target.name) == (
                module,
                function.qualname,
            ):
                out.append(container)
        return out

    def _annotated_app(self, module: ModuleKey, function: Function, param: Param) -> bool:
        if param.annotation is None:
            return False
        target = self.resolver.resolve(module, param.annotation, enclosing_scope(function.qualname))
        return self.class_kind(target) == "app"

    def _assumed_app(self, module: ModuleKey, function: Function, param: Param) -> Container:
        """``def init(app: FastAPI)`` that no visible code calls: some app of the project
        (a framework hook, a test) receives it. Its own settings are unknown."""
        key = (module, function.qualname, f"<param {param.name}>")
        container = self.containers.get(key)
        if container is None:
            container = Container(
                key,
                "app",
                module,
                f"{param.name} of {function.name}()",
                function.qualname,
                param.pos,
                Call(Name("FastAPI"), star=True),
                Symbol("external", "", "fastapi.FastAPI"),
                assumed=True,
            )
            self.containers[key] = container
            self.unresolved.append(
                Unresolved(
                    module,
                    param.pos.line,
                    f"parameter `{param.name}: FastAPI` of `{function.name}()`",
                    "no caller found: treated as an app of the project whose own settings "
                    "(dependencies, tags) are unknown",
                )
            )
        return container

    def _self_attribute(self, module: ModuleKey, expr: Attribute, scope: str) -> Symbol | None:
        """``self.app`` inside a method: the ``self.app = ...`` assignment of its class."""
        if not isinstance(expr.value, Name):
            return None
        receiver = self.resolver.resolve(module, expr.value, scope)
        found = self.resolver.param_of(receiver)
        if found is None or found[1] != 0 or found[0].class_name is None:
            return None
        owner = found[0].qualname.rpartition(".")[0]
        target = f"self.{expr.attr}"
        for assign in self.resolver.summaries[module].assigns:
            if assign.target == target and assign.scope.rpartition(".")[0] == owner:
                return Symbol("assign", module, target, assign.scope)
        return None

    def _call_result(
        self, module: ModuleKey, call: Call, scope: str, depth: int
    ) -> Container | Symbol:
        """What a call returns, when it is a factory we can follow."""
        symbol = self.resolver.resolve(module, call.func, scope)
        function = self.resolver.function(symbol)
        if function is None:
            if symbol.kind == "class" and symbol.name.endswith("Router"):
                return unknown(f"instance of `{symbol.name}`")
            return unknown(f"result of `{expr_label(call.func)}(...)`")
        cache_key = (symbol.module, function.qualname)
        if cache_key in self._factory_results:
            cached = self._factory_results[cache_key]
            return cached if cached is not None else unknown("recursive factory")
        self._factory_results[cache_key] = None
        result: Container | Symbol = unknown(f"`{function.name}()` returns no app or router")
        for ret in function.return_stmts:
            if ret.value is None:
                continue
            candidate = self.container_of(symbol.module, ret.value, function.qualname, depth + 1)
            if isinstance(candidate, Container):
                result = candidate
                break
        self._factory_results[cache_key] = result
        return result

    # ------------------------------------------------------------------ routes

    def collect_routes(self) -> None:
        for module, summary in self.resolver.summaries.items():
            for function in summary.functions:
                for index, decorator in enumerate(function.decorators):
                    self._decorator_route(module, function, decorator, index)
            for site in summary.calls:
                method = _method_name(site.call)
                if method in ("add_api_route", "add_api_websocket_route"):
                    self._add_api_route(module, site, method)
                elif isinstance(site.call.func, Call) and _method_name(site.call.func) in (
                    ROUTE_DECORATORS
                ):
                    self._call_form_route(module, site)

    def _expand_kwargs(self, module: ModuleKey, call: Call, scope: str) -> tuple[Call, bool]:
        """Merge ``**config`` of module-level dict literals into the call; flag the rest."""
        spreads = [value for key, value in call.kwargs if key == "**"]
        if not spreads:
            return call, False
        merged = [(key, value) for key, value in call.kwargs if key != "**"]
        opaque = False
        for spread in spreads:
            symbol = self.resolver.resolve(module, spread, scope)
            assign = self.resolver.assign(symbol)
            if assign is None or not isinstance(assign.value, DictExpr):
                opaque = True
                continue
            for key, value in assign.value.items:
                if isinstance(key, Const) and isinstance(key.value, str):
                    merged.append((key.value, value))
                else:
                    opaque = True
        return Call(call.func, call.args, tuple(merged), call.star), opaque

    def _decorator_route(
        self, module: ModuleKey, function: Function, decorator: Decorator, index: int
    ) -> None:
        call = decorator.expr
        if not isinstance(call, Call) or not isinstance(call.func, Attribute):
            return
        if call.func.attr not in ROUTE_DECORATORS:
            return
        self._register(
            module,
            enclosing_scope(function.qualname),
            call,
            decorator.pos,
            function,
            module,
            order=(function.def_line, -index),
            decorator=decorator,
            conditional=function.conditional,
        )

    def _call_form_route(self, module: ModuleKey, site: CallSite) -> None:
        """``app.get("/x")(handler)``: the decorator applied by hand, also in a loop over
        a literal list of handlers."""
        registration = site.call.func
        assert isinstance(registration, Call)
        handler = site.call.args[0] if site.call.args else None
        for item_module, item_scope, item in self._loop_items(module, handler, site):
            endpoint = self.resolver.resolve(item_module, item, item_scope)
            function = self.resolver.function(endpoint)
            if function is None:
                self.unresolved.append(
                    Unresolved(
                        module,
                        site.pos.line,
                        f"`{expr_label(registration)}(...)`",
                        "cannot find the endpoint function",
                    )
                )
                continue
            self._register(
                module,
                site.scope,
                registration,
                site.pos,
                function,
                endpoint.module,
                order=(site.pos.line, 0),
                conditional=site.conditional,
            )

    def _register(
        self,
        module: ModuleKey,
        scope: str,
        call: Call,
        pos: Pos,
        function: Function,
        handler_module: ModuleKey,
        *,
        order: tuple[int, int],
        decorator: Decorator | None = None,
        conditional: bool = False,
    ) -> None:
        """One route from ``owner.<method>(path, ...)`` applied to ``function``."""
        assert isinstance(call.func, Attribute)
        method = call.func.attr
        receiver, func_label = call.func.value, expr_label(call.func)
        call, opaque = self._expand_kwargs(module, call, scope)
        owner = self.container_of(module, receiver, scope)
        path_expr = call.args[0] if call.args else call.kwarg("path")
        if not isinstance(owner, Container):
            if _looks_like_route(path_expr) and not _is_external_non_fastapi(owner):
                self.unresolved.append(
                    Unresolved(
                        module,
                        pos.line,
                        f"route `@{func_label}` on `{function.name}`",
                        f"cannot tell what `{expr_label(receiver)}` is: {owner.name}",
                    )
                )
            return
        if method == "api_route":
            methods = self._methods(module, call.kwarg("methods"), scope) or ("GET",)
        elif method == "websocket":
            methods = ("WEBSOCKET",)
        else:
            methods = (method.upper(),)
        route = Route(
            module=module,
            function=function,
            handler_module=handler_module,
            owner=owner,
            call=call,
            pos=pos,
            methods=methods,
            path=evaluate_text(self.resolver, module, path_expr, scope),
            kind="websocket" if method == "websocket" else "http",
            decorator=decorator,
            order=order,
            opaque=opaque,
            via_param=isinstance(receiver, Name)
            and self.resolver.resolve(module, receiver, scope).kind == "param",
            view_class=self._view_class(handler_module, function, owner),
            conditional=conditional,
        )
        owner.routes.append(route)
        self.routes.append(route)

    def _view_class(self, module: ModuleKey, function: Function, owner: Container) -> Symbol | None:
        """The class of a method route when a class-based-view decorator wraps it:
        ``@cbv(router)``, or any decorator call handed the route's router."""
        if function.class_name is None:
            return None
        qualname = function.qualname.rpartition(".")[0]
        cls = self.resolver.classes_in(module).get(qualname)
        if cls is None:
            return None
        for decorator in cls.decorators:
            call = decorator.expr
            if not isinstance(call, Call):
                continue
            symbol = self.resolver.resolve(module, call.func, cls.scope)
            if symbol.kind == "external" and symbol.name in VIEW_DECORATORS:
                return Symbol("class", module, qualname)
            for argument in (*call.args, *(value for _, value in call.kwargs)):
                if self.container_of(module, argument, cls.scope) is owner:
                    return Symbol("class", module, qualname)
        return None

    def _methods(self, module: ModuleKey, expr: Expr | None, scope: str) -> tuple[str, ...]:
        values = evaluate_strings(self.resolver, module, expr, scope)
        if not values:
            return ()
        return tuple(value.upper() for value in values)

    def _add_api_route(self, module: ModuleKey, site: CallSite, method: str) -> None:
        call = site.call
        assert isinstance(call.func, Attribute)
        owner = self.container_of(module, call.func.value, site.scope)
        if not isinstance(owner, Container):
            return
        call, opaque = self._expand_kwargs(module, call, site.scope)
        path_expr = call.args[0] if call.args else call.kwarg("path")
        endpoint_expr = call.args[1] if len(call.args) > 1 else call.kwarg("endpoint")
        endpoint = self.resolver.resolve(module, endpoint_expr, site.scope)
        function = self.resolver.function(endpoint)
        if function is None:
            self.unresolved.append(
                Unresolved(
                    module,
                    site.pos.line,
                    f"`{expr_label(call.func)}(...)`",
                    "cannot find the endpoint function",
                )
            )
            return
        websocket = method == "add_api_websocket_route"
        methods = (
            ("WEBSOCKET",)
            if websocket
            else self._methods(module, call.kwarg("methods"), site.scope) or ("GET",)
        )
        route = Route(
            module=module,
            function=function,
            handler_module=endpoint.module,
            owner=owner,
            call=call,
            pos=site.pos,
            methods=methods,
            path=evaluate_text(self.resolver, module, path_expr, site.scope),
            kind="websocket" if websocket else "http",
            order=(site.pos.line, 0),
            opaque=opaque,
            conditional=site.conditional,
        )
        owner.routes.append(route)
        self.routes.append(route)

    # ------------------------------------------------------------------ edges

    def collect_edges(self) -> None:
        for module, summary in self.resolver.summaries.items():
            for site in summary.calls:
                method = _method_name(site.call)
                if method == "include_router":
                    self._include(module, site)
                elif method == "mount":
                    self._mount(module, site)

    def _parent(self, module: ModuleKey, site: CallSite) -> Container | Symbol:
        func = site.call.func
        assert isinstance(func, Attribute)
        return self.container_of(module, func.value, site.scope)

    def _include(self, module: ModuleKey, site: CallSite) -> None:
        call = site.call
        parent = self._parent(module, site)
        child_expr = call.args[0] if call.args else call.kwarg("router")
        children = self._loop_items(module, child_expr, site)
        prefix = evaluate_text(self.resolver, module, call.kwarg("prefix"), site.scope)
        tags = evaluate_strings(self.resolver, module, call.kwarg("tags"), site.scope)
        parent_container = parent if isinstance(parent, Container) else None
        parent_reason = "" if parent_container else f"parent: {_describe(parent)}"
        order_module, order_pos = self._binding_site(module, site, parent_container)
        for child_module, child_scope, child_expr_item in children:
            child = (
                self.container_of(child_module, child_expr_item, child_scope)
                if child_expr_item is not None
                else unknown("the included router comes from a loop fastlint cannot follow")
            )
            child_container = child if isinstance(child, Container) else None
            reason = parent_reason
            if child_container is None:
                assert isinstance(child, Symbol)
                label = expr_label(child_expr_item) if child_expr_item is not None else "?"
                reason = f"included router `{label}`: {child.name}"
                self.unresolved.append(
                    Unresolved(module, site.pos.line, f"`include_router({label})`", child.name)
                )
            elif parent_container is None:
                self.unresolved.append(
                    Unresolved(
                        module,
                        site.pos.line,
                        f"`{expr_label(call.func)}(...)`",
                        f"cannot tell what the parent is: {_describe(parent)}",
                    )
                )
            edge = IncludeEdge(
                "include",
                parent_container,
                child_container,
                module,
                site.scope,
                site,
                prefix,
                tags,
                call.kwarg("dependencies"),
                reason,
                order_module,
                order_pos,
            )
            self.edges.append(edge)
            if parent_container is not None:
                parent_container.includes.append(edge)
            if child_container is not None:
                child_container.included_by.append(edge)

    def _loop_items(
        self, module: ModuleKey, expr: Expr | None, site: CallSite
    ) -> list[tuple[ModuleKey, str, Expr | None]]:
        """``for r in [a.router, b.router]: app.include_router(r)`` -> both routers, each
        with the module and scope to evaluate it in (a caller's, for ``for r in routers``
        over a parameter)."""
        if isinstance(expr, Name):
            for loop in reversed(site.loops):
                if loop.var != expr.id:
                    continue
                return self._sequence_items(module, loop.iterable, site.scope)
        return [(module, site.scope, expr)]

    def _sequence_items(
        self, module: ModuleKey, iterable: Expr, scope: str, depth: int = 0
    ) -> list[tuple[ModuleKey, str, Expr | None]]:
        if isinstance(iterable, Seq):
            return [(module, scope, item) for item in iterable.items]
        if isinstance(iterable, Name | Attribute) and depth < MAX_DEPTH:
            symbol = self.resolver.resolve(module, iterable, scope)
            if symbol.kind == "param":
                items: list[tuple[ModuleKey, str, Expr | None]] = []
                for caller_module, caller_scope, argument in self._arguments(symbol):
                    items.extend(
                        self._sequence_items(caller_module, argument, caller_scope, depth + 1)
                    )
                return items or [(module, scope, None)]
            assign = self.resolver.assign(symbol)
            if assign is not None and assign.value is not None:
                return self._sequence_items(symbol.module, assign.value, assign.scope, depth + 1)
        return [(module, scope, None)]

    def _mount(self, module: ModuleKey, site: CallSite) -> None:
        call = site.call
        child_expr = call.args[1] if len(call.args) > 1 else call.kwarg("app")
        child = self.container_of(module, child_expr, site.scope)
        if not isinstance(child, Container):
            return  # StaticFiles, a WSGI app...: not routes we model
        parent = self._parent(module, site)
        parent_container = parent if isinstance(parent, Container) else None
        path_expr = call.args[0] if call.args else call.kwarg("path")
        edge = IncludeEdge(
            "mount",
            parent_container,
            child,
            module,
            site.scope,
            site,
            evaluate_text(self.resolver, module, path_expr, site.scope),
            [],
            None,
        )
        self.edges.append(edge)
        child.mounted_at.append(edge)
        if child.kind != "app":
            child.kind = "app"


def _describe(thing: Container | Symbol) -> str:
    if isinstance(thing, Container):
        return thing.label
    if thing.kind == "unknown":
        return thing.name
    if thing.kind == "external" and thing.name.startswith("builtins."):
        return f"`{thing.name[len('builtins.') :]}` is not defined here"
    return f"`{thing.name}` ({thing.kind})"


def _method_name(call: Call) -> str | None:
    return call.func.attr if isinstance(call.func, Attribute) else None


def _looks_like_route(path: Expr | None) -> bool:
    return isinstance(path, Const) and isinstance(path.value, str) and path.value.startswith("/")


def _is_external_non_fastapi(symbol: Symbol) -> bool:
    return symbol.kind in (
        "external",
        "module",
        "function",
        "class",
    ) and not symbol.name.startswith("fastapi")
