"""Following expressions to the apps and routers they hold (one memo per builder)."""

from __future__ import annotations

from typing import Literal

from fastlint.project.classes import ClassIndex
from fastlint.project.graph import (
    APP_CLASSES,
    MAX_DEPTH,
    ROUTER_CLASSES,
    WIRING_METHODS,
    Container,
    ContainerKey,
    IncludeEdge,
    Route,
    Unresolved,
    enclosing_scope,
    method_name,
)
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Resolver, Symbol, unknown
from fastlint.project.values import expr_label
from fastlint.summary import (
    Attribute,
    Call,
    CallSite,
    Expr,
    Function,
    Name,
    Param,
    Pos,
    Seq,
)


class ContainerTracker:
    """What an expression evaluates to when it is an app or a router: names followed
    through assignments, ``self`` attributes, factory returns and parameters bound at
    every call site. Shared state: the containers found so far and what was not resolved."""

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
                    if method_name(site.call) in WIRING_METHODS:
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
