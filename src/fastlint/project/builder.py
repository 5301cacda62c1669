"""Building the graph: containers and routes (decorators, call form, ``add_api_route``),
on top of the edge builder and the container tracker."""

from __future__ import annotations

from fastlint.project.edges import EdgeBuilder
from fastlint.project.graph import (
    ROUTE_DECORATORS,
    ROUTER_CLASSES,
    UNKNOWN_METHOD,
    VIEW_DECORATORS,
    Container,
    Route,
    Unresolved,
    is_external_non_fastapi,
    looks_like_route,
    method_name,
)
from fastlint.project.knowledge import LIBRARY_ROUTERS
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Symbol
from fastlint.project.values import evaluate_strings, evaluate_text, expr_label
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
    Pos,
    enclosing_scope,
)


class GraphBuilder(EdgeBuilder):
    """Builds containers, routes and edges from every module summary."""

    # ------------------------------------------------------------------ containers

    def _constructor_names(self) -> set[str]:
        """Last names a container constructor call can have: FastAPI, APIRouter, project
        subclasses, configured classes and factories, and import aliases of those."""
        names = {"FastAPI", *(n.rsplit(".", 1)[-1] for n in ROUTER_CLASSES)}
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

    # ------------------------------------------------------------------ routes

    def collect_library_routes(self) -> None:
        """Routes a library router registers itself, at its ``path`` keyword."""
        for container in list(self.containers.values()):
            symbol = container.class_symbol
            known = LIBRARY_ROUTERS.get(symbol.name) if symbol.kind == "external" else None
            if known is None:
                continue
            path_keyword, methods = known
            path = evaluate_text(
                self.evaluator,
                container.module,
                container.call.kwarg(path_keyword),
                container.scope,
            )
            handler = Function(
                name=f"{container.name} ({symbol.name.rsplit('.', 1)[-1]})",
                qualname=container.name,
                params=(),
                decorators=(),
                returns=None,
                pos=container.pos,
                def_line=container.pos.line,
                is_async=True,
            )
            for index, method in enumerate(methods):
                route = Route(
                    module=container.module,
                    function=handler,
                    handler_module=container.module,
                    owner=container,
                    call=container.call,
                    pos=container.pos,
                    methods=(method,),
                    path=path,
                    kind="websocket" if method == "WEBSOCKET" else "http",
                    order=(container.pos.line, index),
                    opaque=True,
                    library=True,
                )
                container.routes.append(route)
                self.routes.append(route)

    def collect_routes(self) -> None:
        for module, summary in self.resolver.summaries.items():
            for function in summary.functions:
                for index, decorator in enumerate(function.decorators):
                    self._decorator_route(module, function, decorator, index)
            for site in summary.calls:
                method = method_name(site.call)
                if method in ("add_api_route", "add_api_websocket_route"):
                    self._add_api_route(module, site, method)
                elif isinstance(site.call.func, Call) and method_name(site.call.func) in (
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
            what = f"`{expr_label(registration)}(...)`"
            found = self._endpoint(item_module, item, item_scope, module, site, what)
            if found is None:
                continue
            function, handler_module = found
            self._register(
                module,
                site.scope,
                registration,
                site.pos,
                function,
                handler_module,
                order=(site.pos.line, 0),
                conditional=site.conditional,
            )

    def _endpoint(
        self,
        module: ModuleKey,
        expr: Expr | None,
        scope: str,
        site_module: ModuleKey,
        site: CallSite,
        what: str,
    ) -> tuple[Function, ModuleKey] | None:
        """The handler function a registration call names, or an unresolved entry."""
        endpoint = self.resolver.resolve(module, expr, scope)
        function = self.resolver.function(endpoint)
        if function is None:
            self.unresolved.append(
                Unresolved(
                    site_module,
                    site.pos.line,
                    what,
                    "cannot find the endpoint function",
                )
            )
            return None
        return function, endpoint.module

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
            if looks_like_route(path_expr) and not is_external_non_fastapi(owner):
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
            methods = self._methods(module, call.kwarg("methods"), scope)
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
            path=evaluate_text(self.evaluator, module, path_expr, scope),
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
        """``methods=`` of ``api_route``/``add_api_route``: GET when absent (FastAPI's
        default), ``?`` when fastlint cannot read it (no method rule then applies)."""
        if expr is None:
            return ("GET",)
        values = evaluate_strings(self.evaluator, module, expr, scope)
        if not values:
            return (UNKNOWN_METHOD,)
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
        what = f"`{expr_label(call.func)}(...)`"
        found = self._endpoint(module, endpoint_expr, site.scope, module, site, what)
        if found is None:
            return
        function, handler_module = found
        websocket = method == "add_api_websocket_route"
        methods = (
            ("WEBSOCKET",)
            if websocket
            else self._methods(module, call.kwarg("methods"), site.scope)
        )
        route = Route(
            module=module,
            function=function,
            handler_module=handler_module,
            owner=owner,
            call=call,
            pos=site.pos,
            methods=methods,
            path=evaluate_text(self.evaluator, module, path_expr, site.scope),
            kind="websocket" if websocket else "http",
            order=(site.pos.line, 0),
            opaque=opaque,
            conditional=site.conditional,
        )
        owner.routes.append(route)
        self.routes.append(route)
