"""The evaluator: follow an expression to the value expressions it can hold.

One place answers "what does this name hold?" for every consumer (strings and
tags, status codes, apps and routers): names through assignments (tuple
unpacking, walrus and ``with … as`` bindings are recorded by the file pass),
``self.x`` attributes set in the class's methods, parameters through every call
site (keyword, positional, default), and calls into project functions through
their ``return`` statements, across modules. It never interprets the values it
reaches: a terminal is a literal, a display, a call to something outside the
project, or a name bound to a class, function, module or library object.

One memo and one depth budget; a cycle (``A = B; B = A``) ends in ``Unknown``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastlint.project.knowledge import APP_ATTRIBUTE_DEFAULTS, APP_CLASS
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Resolver, Symbol
from fastlint.summary import Attribute, Call, CallSite, Const, Expr, Name, Seq, enclosing_scope

MAX_DEPTH = 40
MAX_STEPS = 20_000  # per top-level question: unmemoized cycles cannot blow up
BindingKey = tuple[ModuleKey, str, str]  # (module, scope, name) of an assignment


@dataclass(frozen=True)
class Unknown:
    """Why (part of) a value could not be followed."""

    reason: str


@dataclass(frozen=True)
class Located:
    """A terminal value expression and where to interpret it.

    ``binding`` is the assignment that holds it (apps and routers are identified by
    it); ``symbol`` is what a terminal name resolved to (a class, a library object, a
    parameter no call site binds).
    """

    module: ModuleKey
    scope: str
    expr: Expr
    binding: BindingKey | None = None
    symbol: Symbol | None = None


@dataclass(frozen=True)
class Values:
    """Every value an expression may hold; ``unknown`` when some path was lost."""

    items: tuple[Located, ...] = ()
    unknown: Unknown | None = None

    @property
    def single(self) -> Located | None:
        """The one value, when the expression can hold exactly one."""
        return self.items[0] if len(self.items) == 1 and self.unknown is None else None


def _merge(parts: list[Values]) -> Values:
    items: list[Located] = []
    unknown: Unknown | None = None
    for part in parts:
        items.extend(item for item in part.items if item not in items)
        unknown = unknown or part.unknown
    return Values(tuple(items), unknown)


class Evaluator:
    """Memoized evaluation over the resolver's summaries."""

    def __init__(
        self,
        resolver: Resolver,
        skip_methods: frozenset[str] = frozenset(),
        known_binding: Callable[[BindingKey], bool] = lambda key: False,
    ) -> None:
        self.resolver = resolver
        self._skip_methods = skip_methods  # wiring calls never bind parameters
        # Bindings whose meaning the caller already knows (an app or router is the
        # binding that creates it): evaluation stops there instead of entering a factory.
        self.known_binding = known_binding
        self._memo: dict[tuple[ModuleKey, Expr, str], Values | None] = {}
        self._open: list[set[tuple[ModuleKey, Expr, str]]] = []  # questions in progress
        self._steps = 0
        self._caller_index: dict[tuple[str, str], list[tuple[ModuleKey, CallSite]]] | None = None

    # ------------------------------------------------------------------ evaluation

    def values(self, module: ModuleKey, expr: Expr | None, scope: str, depth: int = 0) -> Values:
        if expr is None:
            return Values(unknown=Unknown("no value"))
        if not self._open:
            self._steps = 0  # a new top-level question: a fresh budget
        self._steps += 1
        if depth > MAX_DEPTH or self._steps > MAX_STEPS:
            return Values(unknown=Unknown("too deep to follow"))
        key = (module, expr, scope)
        if key in self._memo:
            cached = self._memo[key]
            if cached is not None:
                return cached
            for touched in self._open:  # every open question now depends on this one
                touched.add(key)
            return Values(unknown=Unknown("a cycle"))
        self._memo[key] = None  # in progress: a cycle back here is unknown
        self._open.append(set())
        try:
            result = self._evaluate(module, expr, scope, depth)
        finally:
            touched = self._open.pop()
        touched.discard(key)
        if touched:
            # Computed while an enclosing question was still open: a partial answer
            # (the cycle cut it short). Not memoized, so a later question recomputes it.
            del self._memo[key]
        else:
            self._memo[key] = result
        return result

    def _evaluate(self, module: ModuleKey, expr: Expr, scope: str, depth: int) -> Values:
        if isinstance(expr, Call):
            return self._call(module, expr, scope, None, depth)
        if not isinstance(expr, Name | Attribute):
            return Values((Located(module, scope, expr),))
        symbol = self.resolver.resolve(module, expr, scope)
        if symbol.is_unknown and isinstance(expr, Attribute):
            member = self._class_attribute(module, expr, scope)
            if member is not None:
                return self.values(*member, depth + 1)
            setting = self._app_setting(module, expr, scope, depth)
            if setting is not None:
                return setting
            symbol = self.self_attribute(module, expr, scope) or symbol
        if symbol.kind == "param":
            arguments = self.arguments(symbol)
            if not arguments:
                return Values((Located(module, scope, expr, symbol=symbol),))
            return _merge([self.values(m, argument, s, depth + 1) for m, s, argument in arguments])
        if symbol.kind != "assign":
            if symbol.is_unknown:
                return Values(unknown=Unknown(symbol.name))
            return Values((Located(module, scope, expr, symbol=symbol),))
        assign = self.resolver.assign(symbol)
        if assign is None or assign.value is None:
            return Values(unknown=Unknown(f"`{symbol.name}` has no value"))
        binding = (symbol.module, symbol.scope, symbol.name)
        if self.known_binding(binding):
            return Values((Located(symbol.module, assign.scope, assign.value, binding),))
        if isinstance(assign.value, Name | Attribute):
            return self.values(symbol.module, assign.value, assign.scope, depth + 1)
        if isinstance(assign.value, Call):
            return self._call(symbol.module, assign.value, assign.scope, binding, depth)
        return Values((Located(symbol.module, assign.scope, assign.value, binding),))

    def _call(
        self, module: ModuleKey, call: Call, scope: str, binding: BindingKey | None, depth: int
    ) -> Values:
        """A call into a project function is what its returns hold; anything else (a
        class, a library function) is a terminal value."""
        symbol = self.resolver.resolve(module, call.func, scope)
        function = self.resolver.function(symbol)
        if function is None:
            return Values((Located(module, scope, call, binding, symbol),))
        returns = [ret.value for ret in function.return_stmts if ret.value is not None]
        if not returns:
            return Values(unknown=Unknown(f"`{function.name}()` returns nothing"))
        return _merge(
            [self.values(symbol.module, value, function.qualname, depth + 1) for value in returns]
        )

    # ------------------------------------------------------------------ bindings

    def callers(self, module: ModuleKey, qualname: str) -> list[tuple[ModuleKey, CallSite]]:
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
                    func = site.call.func
                    if not isinstance(func, Name | Attribute):
                        continue
                    if isinstance(func, Attribute) and func.attr in self._skip_methods:
                        continue
                    target = self.resolver.resolve(caller, func, site.scope)
                    if target.kind == "function":
                        index.setdefault((target.module, target.name), []).append((caller, site))
            self._caller_index = index
        return self._caller_index.get((module, qualname), [])

    def arguments(self, symbol: Symbol) -> list[tuple[ModuleKey, str, Expr]]:
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
        for caller_module, site in self.callers(symbol.module, function.qualname):
            call = site.call
            argument = call.kwarg(param.name)
            if argument is None and 0 <= index < len(call.args) and param.kind == "positional":
                argument = call.args[index]
            if param.kind == "var_positional" and not call.star:
                argument = Seq("tuple", call.args[max(index, 0) :])  # ``*routers``
            if argument is not None:
                out.append((caller_module, site.scope, argument))
            elif param.default is not None:
                out.append((symbol.module, enclosing_scope(function.qualname), param.default))
        return out

    def _app_setting(
        self, module: ModuleKey, expr: Attribute, scope: str, depth: int
    ) -> Values | None:
        """``app.docs_url`` of ``app = FastAPI(...)``: the constructor's keyword, else
        FastAPI's default."""
        if expr.attr not in APP_ATTRIBUTE_DEFAULTS:
            return None
        owner = self.values(module, expr.value, scope, depth + 1).single
        if owner is None or not isinstance(owner.expr, Call):
            return None
        constructor = owner.symbol or self.resolver.resolve(
            owner.module, owner.expr.func, owner.scope
        )
        if not constructor.external_is(APP_CLASS) or owner.expr.star:
            return None  # ``FastAPI(**settings)`` may set it: unknown
        given = owner.expr.kwarg(expr.attr)
        if given is not None:
            return self.values(owner.module, given, owner.scope, depth + 1)
        default = Const(APP_ATTRIBUTE_DEFAULTS[expr.attr])
        return Values((Located(owner.module, owner.scope, default),))

    def _class_attribute(
        self, module: ModuleKey, expr: Attribute, scope: str
    ) -> tuple[ModuleKey, Expr, str] | None:
        """``Tags.items`` where ``class Tags(Enum): items = "items"``: the value of the
        class-level assignment (an Enum member's value, a class constant)."""
        owner = self.resolver.resolve(module, expr.value, scope)
        cls = self.resolver.class_info(owner)
        if cls is None:
            return None
        for assign in cls.attributes:
            if assign.target == expr.attr and assign.value is not None:
                return owner.module, assign.value, cls.scope
        return None

    def self_attribute(self, module: ModuleKey, expr: Attribute, scope: str) -> Symbol | None:
        """``self.app`` inside a method: the ``self.app = ...`` assignment of its class."""
        if not isinstance(expr.value, Name):
            return None
        receiver = self.resolver.resolve(module, expr.value, scope)
        cls = self.resolver.self_class(receiver)
        if cls is None:
            return None
        owner = cls.name
        target = f"self.{expr.attr}"
        for assign in self.resolver.summaries[module].assigns:
            if assign.target == target and assign.scope.rpartition(".")[0] == owner:
                return Symbol("assign", module, target, assign.scope)
        return None
