"""Following expressions to the apps and routers they hold (one memo per builder)."""

from __future__ import annotations

from typing import Literal

from fastlint.project.classes import ClassIndex
from fastlint.project.evaluate import Evaluator, Located, Values
from fastlint.project.graph import (
    APP_CLASSES,
    ROUTER_CLASSES,
    WIRING_METHODS,
    Container,
    ContainerKey,
    IncludeEdge,
    Route,
    Unresolved,
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
    enclosing_scope,
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
        self.evaluator = Evaluator(
            resolver, WIRING_METHODS, known_binding=lambda key: key in self.containers
        )

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
        """The container an expression evaluates to, or a Symbol saying what it is instead.

        The evaluator follows names, ``self`` attributes, parameters and factory returns;
        this only reads the values it reaches: one app or router, or why not."""
        values = self.evaluator.values(module, expr, scope)
        found = self._containers_in(values)
        if len(found) == 1:
            return found[0]
        if found:
            label = expr_label(expr) if expr is not None else "?"
            return unknown(f"`{label}` is bound to several apps or routers")
        return self._not_a_container(values)

    def containers_of(
        self, module: ModuleKey, expr: Expr, scope: str
    ) -> tuple[list[Container], str | None]:
        """Every container ``expr`` may hold (``add(app, users.router)`` and
        ``add(app, items.router)`` bind ``r`` to both), and why the rest is unknown."""
        values = self.evaluator.values(module, expr, scope)
        found = self._containers_in(values)
        if values.unknown is not None:
            return found, values.unknown.reason
        if not found:
            return [], self._not_a_container(values).name
        if len(found) < len(values.items):
            return found, "some of its values are not apps or routers"
        return found, None

    def _containers_in(self, values: Values) -> list[Container]:
        found: list[Container] = []
        for value in values.items:
            container = self._container_at(value)
            if container is not None and container not in found:
                found.append(container)
        return found

    def _container_at(self, value: Located) -> Container | None:
        if value.binding is not None and value.binding in self.containers:
            return self.containers[value.binding]
        if value.symbol is not None and value.symbol.kind == "param":
            return self._unbound_param_container(value.symbol)
        return None

    def _not_a_container(self, values: Values) -> Symbol:
        """What the values are instead of an app or router, for messages and policy."""
        if len(values.items) == 1:
            value = values.items[0]
            if isinstance(value.expr, Call):  # a library or project class, a factory
                if value.symbol is not None and value.symbol.kind == "class":
                    return unknown(f"instance of `{value.symbol.name}`")
                return unknown(f"result of `{expr_label(value.expr.func)}(...)`")
            if value.symbol is not None and value.symbol.kind != "param":
                return value.symbol
            if value.symbol is not None:
                return unknown(f"parameter `{value.symbol.name}`")
            return unknown(f"`{expr_label(value.expr)}` is not an app or router")
        if values.unknown is not None:
            return unknown(values.unknown.reason)
        if not values.items:
            return unknown("no value")
        return unknown("several values, none an app or router")

    def _unbound_param_container(self, symbol: Symbol) -> Container | None:
        """A parameter no call site binds: a lifespan function's first parameter is the
        app it is given to; one annotated ``FastAPI`` is an app of the project (assumed)."""
        found = self.resolver.param_of(symbol)
        if found is None:
            return None
        function, index = found
        param = function.params[index]
        if index == 0:
            apps = self._lifespan_apps(symbol.module, function)
            if len(apps) == 1:
                return apps[0]
        if self._annotated_app(symbol.module, function, param):
            return self._assumed_app(symbol.module, function, param)
        return None

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
        for caller_module, caller in self.evaluator.callers(symbol.module, function.qualname):
            if caller_module == parent.module:
                return caller_module, caller.pos
        return module, None

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
        self, module: ModuleKey, iterable: Expr, scope: str
    ) -> list[tuple[ModuleKey, str, Expr | None]]:
        """The items of every sequence ``iterable`` may hold (a literal, a name bound to
        one, a parameter callers pass one to)."""
        items: list[tuple[ModuleKey, str, Expr | None]] = []
        values = self.evaluator.values(module, iterable, scope)
        for value in values.items:
            if isinstance(value.expr, Seq) and value.symbol is None:
                items.extend((value.module, value.scope, item) for item in value.expr.items)
            else:
                items.append((module, scope, None))
        if values.unknown is not None or not values.items:
            items.append((module, scope, None))
        return items
