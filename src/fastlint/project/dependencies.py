"""Dependency trees: what ``Depends(...)`` resolves to, transitively, across modules.

A route's dependencies form a tree: ``CurrentUser`` (an ``Annotated`` alias)
-> ``get_current_user`` (a function) -> ``oauth2_scheme`` (an
``OAuth2PasswordBearer`` instance). Nodes the analysis cannot follow are
``unknown``; rules treat them as "could be anything" and stay silent.
"""

from __future__ import annotations

from typing import Literal

from fastlint.project.classes import ClassIndex
from fastlint.project.credentials import credential_header, credential_params, credential_read
from fastlint.project.depnodes import MAX_DEPTH, AuthVerdict, DepNode, auth_verdict
from fastlint.project.evaluate import Evaluator
from fastlint.project.knowledge import (
    ANNOTATED,
    DEPENDS,
    LOGIN_FORMS,
    SECURITY,
    SECURITY_CLASSES,
)
from fastlint.project.modules import ModuleKey
from fastlint.project.schemas import SchemaAnalyzer
from fastlint.project.symbols import Symbol
from fastlint.project.values import expr_label
from fastlint.summary import (
    Attribute,
    Call,
    Expr,
    Function,
    Name,
    Param,
    Seq,
    Subscript,
    dotted,
)

# An ``Annotated`` metadata item with the module and scope it lives in, and its base type.
Metadata = tuple[ModuleKey, str, Expr, Expr]


class DependencyAnalyzer:
    """Builds (memoized) dependency nodes for callables and parameter lists."""

    def __init__(
        self,
        evaluator: Evaluator,
        classes: ClassIndex,
        schemas: SchemaAnalyzer,
        auth_names: frozenset[str],
    ) -> None:
        self.evaluator = evaluator
        self.resolver = evaluator.resolver
        self.classes = classes
        self.schemas = schemas
        self.auth_names = auth_names
        self._callable_nodes: dict[tuple[ModuleKey, Expr, str], DepNode] = {}
        self._calls_by_scope: dict[ModuleKey, dict[str, list[Call]]] = {}
        self._metadata: dict[
            tuple[ModuleKey, Expr, str], list[tuple[ModuleKey, str, Expr, Expr]]
        ] = {}

    # ------------------------------------------------------------------ classification

    def _is_configured_auth(self, module: ModuleKey, expr: Expr, symbol: Symbol) -> bool:
        if not self.auth_names:
            return False
        names = {expr_label(expr), symbol.name, symbol.name.rsplit(".", 1)[-1]}
        if symbol.kind in ("function", "class", "assign"):
            names.add(f"{self.resolver.index.module_name(symbol.module)}.{symbol.name}")
        return bool(names & self.auth_names)

    def is_security_class(self, symbol: Symbol) -> bool:
        """A fastapi.security scheme class, or a project subclass of one."""
        return self.classes.has_base(symbol, SECURITY_CLASSES) is True

    def is_login_form(self, symbol: Symbol) -> bool:
        return self.classes.has_base(symbol, LOGIN_FORMS) is True

    def call_kind(
        self, module: ModuleKey, call: Call, scope: str
    ) -> Literal["depends", "security", None]:
        symbol = self.resolver.resolve(module, call.func, scope)
        if symbol.external_is(DEPENDS):
            return "depends"
        if symbol.external_is(SECURITY):
            return "security"
        return None

    # ------------------------------------------------------------------ nodes

    def from_dependency_call(
        self, module: ModuleKey, call: Call, scope: str, annotation: Expr | None, depth: int = 0
    ) -> DepNode:
        """A ``Depends(x)`` / ``Security(x)`` call (``Depends()`` takes the annotation's class)."""
        kind = self.call_kind(module, call, scope)
        target = call.args[0] if call.args else call.kwarg("dependency")
        if target is None and annotation is not None:
            target = _annotated_type(annotation)
        if kind == "security":
            node = DepNode("security", "Security(...)", module, scope=scope)
            if target is not None:
                node.children.append(self.from_callable(module, target, scope, depth + 1))
            return node
        if kind != "depends":
            return DepNode("unknown", expr_label(call.func), module, reason="not Depends/Security")
        if target is None:
            return DepNode("unknown", "Depends()", module, reason="no dependency given")
        return self.from_callable(module, target, scope, depth + 1)

    def from_callable(self, module: ModuleKey, expr: Expr, scope: str, depth: int = 0) -> DepNode:
        key = (module, expr, scope)
        cached = self._callable_nodes.get(key)
        if cached is not None:
            return cached
        if depth > MAX_DEPTH:
            return DepNode("unknown", expr_label(expr), module, reason="too deep")
        placeholder = DepNode("plain", expr_label(expr), module)
        self._callable_nodes[key] = placeholder  # cycle guard: a cycle adds nothing
        node = self._build_callable(module, expr, scope, depth)
        self._callable_nodes[key] = node
        return node

    def _build_callable(self, module: ModuleKey, expr: Expr, scope: str, depth: int) -> DepNode:
        label = expr_label(expr)
        if isinstance(expr, Call):
            return self._instance(module, expr, scope, depth, label)
        symbol = self.resolver.resolve(module, expr, scope)
        if self._is_configured_auth(module, expr, symbol):
            return DepNode("security", label, module, reason="configured auth dependency")
        if symbol.kind == "external":
            if self.is_security_class(symbol):
                return DepNode("security", symbol.name.rsplit(".", 1)[-1], module)
            if self.is_login_form(symbol):
                return DepNode("login_form", symbol.name.rsplit(".", 1)[-1], module)
            return DepNode(
                "unknown", label, module, reason=f"`{symbol.name}` is outside the project"
            )
        if symbol.kind == "assign":
            assign = self.resolver.assign(symbol)
            if assign is None or assign.value is None:
                return DepNode("unknown", label, module, reason="no value")
            inner = self.from_callable(symbol.module, assign.value, assign.scope, depth + 1)
            if inner.kind in ("security", "unknown", "login_form"):
                return DepNode(
                    inner.kind,
                    f"{label} ({inner.label})",
                    symbol.module,
                    children=inner.children,
                    reason=inner.reason,
                )
            return DepNode(inner.kind, label, symbol.module, inner.params, inner.scope, [inner])
        if symbol.kind == "function":
            function = self.resolver.function(symbol)
            assert function is not None
            node = DepNode(
                "function", function.name, symbol.module, function.params, function.qualname
            )
            node.children = self.param_nodes(
                symbol.module, function.params, function.qualname, depth + 1
            )
            node.children.extend(self.body_calls(symbol.module, function, depth + 1))
            node.children.extend(credential_params(self, symbol.module, function))
            return node
        if symbol.kind == "class":
            return self._class_node(symbol, label, depth)
        return DepNode("unknown", label, module, reason=symbol.name)

    def _instance(
        self, module: ModuleKey, call: Call, scope: str, depth: int, label: str
    ) -> DepNode:
        """``Depends(HTTPBearer())``, ``Depends(RoleChecker(["admin"]))`` or a dependency
        factory ``Depends(require_role("admin"))``."""
        symbol = self.resolver.resolve(module, call.func, scope)
        if self._is_configured_auth(module, call.func, symbol):
            return DepNode("security", label, module, reason="configured auth dependency")
        if self.is_security_class(symbol):
            return DepNode("security", expr_label(call.func), module)
        if symbol.kind == "class":
            found = self.classes.method(symbol, "__call__")
            if found is not None:
                owner, method = found
                node = DepNode(
                    "class",
                    expr_label(call.func),
                    owner.module,
                    method.params[1:],
                    method.qualname,
                )
                node.children = self.param_nodes(
                    owner.module, method.params[1:], method.qualname, depth + 1
                )
                return node
        function = self.resolver.function(symbol)
        if function is not None:
            return self._factory(symbol.module, function, label, depth)
        return DepNode("unknown", label, module, reason="an instance fastlint cannot follow")

    def _factory(self, module: ModuleKey, function: Function, label: str, depth: int) -> DepNode:
        """What a project function called inside ``Depends(...)`` returns: an inner
        function, an instance with ``__call__``, another dependency. Auth only when every
        return is auth; when returns disagree the answer is unknown."""
        values = [ret.value for ret in function.return_stmts]
        if not values or any(value is None for value in values):
            return DepNode(
                "unknown", label, module, reason=f"`{function.name}()` returns no dependency"
            )
        branches = [
            self.from_callable(module, value, function.qualname, depth + 1)
            for value in values
            if value is not None
        ]
        verdicts = {self.auth_verdict([branch]).status for branch in branches}
        if len(verdicts) > 1 and "auth" in verdicts:
            return DepNode(
                "unknown",
                label,
                module,
                reason=f"the returns of `{function.name}()` disagree about auth",
            )
        node = DepNode("function", label, module)
        node.children = branches
        return node

    def _class_node(self, symbol: Symbol, label: str, depth: int) -> DepNode:
        if self.is_security_class(symbol):
            return DepNode("security", label, symbol.module)
        if self.is_login_form(symbol):
            return DepNode("login_form", label, symbol.module)
        cls = self.resolver.class_info(symbol)
        assert cls is not None
        init = self.resolver.functions_in(symbol.module).get(f"{cls.qualname}.__init__")
        if init is not None:
            params = init.params[1:]
            node = DepNode("class", cls.name, symbol.module, params, init.qualname)
            node.children = self.param_nodes(symbol.module, params, init.qualname, depth + 1)
            return node
        facts = self.schemas.facts(symbol)
        if facts.kind == "unknown":
            return DepNode("unknown", label, symbol.module, reason="a class with unknown bases")
        # a dataclass or Pydantic model: its fields are the parameters
        params = tuple(
            Param(a.target, a.annotation, a.value, "keyword", a.pos)
            for a in cls.attributes
            if a.annotation is not None
        )
        node = DepNode("class", cls.name, symbol.module, params, cls.scope)
        node.children = self.param_nodes(symbol.module, params, cls.scope, depth + 1)
        return node

    def _scope_calls(self, module: ModuleKey) -> dict[str, list[Call]]:
        """The calls assigned (``x = f()``) and the call sites of each scope of a
        module, indexed once: every dependency asks for its own."""
        index = self._calls_by_scope.get(module)
        if index is None:
            index = {}
            summary = self.resolver.summaries.get(module)
            if summary is not None:
                for assign in summary.assigns:
                    if isinstance(assign.value, Call):
                        index.setdefault(assign.scope, []).append(assign.value)
                for site in summary.calls:
                    index.setdefault(site.scope, []).append(site.call)
            self._calls_by_scope[module] = index
        return index

    def body_calls(self, module: ModuleKey, function: Function, depth: int = 0) -> list[DepNode]:
        """Project functions a dependency calls in its body (``await get_current_user(...)``)."""
        if depth > MAX_DEPTH:
            return []
        calls: list[Call] = [
            ret.value for ret in function.return_stmts if isinstance(ret.value, Call)
        ]
        calls.extend(self._scope_calls(module).get(function.qualname, ()))
        nodes: list[DepNode] = []
        seen: set[str] = set()
        for call in calls:
            if not isinstance(call.func, Name | Attribute):
                continue
            read = credential_read(self, module, call, function.qualname)
            if read is not None:
                nodes.append(read)
                continue
            symbol = self.resolver.resolve(module, call.func, function.qualname)
            if symbol.kind != "function" or symbol.name in seen or symbol.name == function.qualname:
                continue
            seen.add(symbol.name)
            callee = self.from_callable(module, call.func, function.qualname, depth + 1)
            if callee.kind in ("function", "security"):
                nodes.append(
                    DepNode("function", callee.label, module, children=[callee], via_call=True)
                )
        return nodes

    def param_nodes(
        self, module: ModuleKey, params: tuple[Param, ...], scope: str, depth: int = 0
    ) -> list[DepNode]:
        """The dependencies declared by a parameter list (defaults and ``Annotated``)."""
        nodes: list[DepNode] = []
        for param in params:
            nodes.extend(self._param_dependencies(module, param, scope, depth))
        return nodes

    def _param_dependencies(
        self, module: ModuleKey, param: Param, scope: str, depth: int
    ) -> list[DepNode]:
        out: list[DepNode] = []
        header = credential_header(self, module, param, scope)
        if header is not None:
            out.append(header)
        annotation = param.annotation
        if isinstance(param.default, Call) and self.call_kind(module, param.default, scope):
            out.append(
                self.from_dependency_call(module, param.default, scope, annotation, depth + 1)
            )
        for meta_module, meta_scope, item, base in self.annotated_metadata(
            module, annotation, scope
        ):
            if isinstance(item, Call) and self.call_kind(meta_module, item, meta_scope):
                out.append(
                    self.from_dependency_call(meta_module, item, meta_scope, base, depth + 1)
                )
        return out

    def annotated_metadata(
        self, module: ModuleKey, annotation: Expr | None, scope: str, depth: int = 0
    ) -> list[Metadata]:
        """Metadata items of ``Annotated[T, ...]``, following aliases such as ``CurrentUser``
        (memoized: every parameter asks, for dependencies and for credentials)."""
        if annotation is None or depth > 10:
            return []
        key = (module, annotation, scope)
        cached = self._metadata.get(key)
        if cached is None:
            cached = self._annotated_metadata(module, annotation, scope, depth)
            self._metadata[key] = cached
        return cached

    def _annotated_metadata(
        self, module: ModuleKey, annotation: Expr, scope: str, depth: int
    ) -> list[Metadata]:
        if isinstance(annotation, Subscript) and annotation.items:
            base_symbol = self.resolver.resolve(module, annotation.value, scope)
            if base_symbol.kind == "external" and base_symbol.name in ANNOTATED:
                base = annotation.items[0]
                return [(module, scope, item, base) for item in annotation.items[1:]]
            return []
        if isinstance(annotation, Name | Attribute):
            value = self.evaluator.values(module, annotation, scope).single
            if value is not None and isinstance(value.expr, Subscript):
                return self.annotated_metadata(value.module, value.expr, value.scope, depth + 1)
        return []

    def dependency_list(
        self, module: ModuleKey, expr: Expr | None, scope: str, depth: int = 0
    ) -> list[DepNode]:
        """``dependencies=[Depends(a), Security(b)]`` (a name bound to a list is followed)."""
        if expr is None:
            return []
        if isinstance(expr, Seq):
            nodes: list[DepNode] = []
            for item in expr.items:
                if isinstance(item, Call) and self.call_kind(module, item, scope):
                    nodes.append(self.from_dependency_call(module, item, scope, None, depth + 1))
                else:
                    nodes.append(
                        DepNode("unknown", expr_label(item), module, reason="not Depends(...)")
                    )
            return nodes
        if isinstance(expr, Name | Attribute) and depth < 10:
            value = self.evaluator.values(module, expr, scope).single
            if value is not None and value.symbol is None:
                return self.dependency_list(value.module, value.expr, value.scope, depth + 1)
        return [
            DepNode("unknown", expr_label(expr), module, reason="dependencies fastlint cannot read")
        ]

    # ------------------------------------------------------------------ verdicts

    def auth_verdict(self, roots: list[DepNode]) -> AuthVerdict:
        """Auth if any node is a security scheme (with the chain that reaches it)."""
        return auth_verdict(roots)


def _annotated_type(annotation: Expr) -> Expr:
    """``Annotated[T, ...]`` -> ``T``; anything else unchanged."""
    if (
        isinstance(annotation, Subscript)
        and dotted(annotation.value)
        in ("Annotated", "typing.Annotated", "typing_extensions.Annotated")
        and annotation.items
    ):
        return annotation.items[0]
    return annotation
