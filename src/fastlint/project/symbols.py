"""Name resolution across modules: what does ``users.router`` in ``main.py`` refer to?

Resolution follows imports (absolute, relative, aliased, re-exported through
``__init__.py``), module attributes, star imports of project modules and
simple aliases (``r = users.router``). Whatever it cannot follow becomes an
``unknown`` symbol carrying the reason, so rules can stay silent and
``fastlint routes`` can show the blind spot.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from fastlint.project.modules import ModuleIndex, ModuleKey
from fastlint.summary import (
    Assign,
    Attribute,
    ClassInfo,
    Expr,
    Function,
    Import,
    ModuleSummary,
    Name,
    Subscript,
    dotted,
)

SymbolKind = Literal["module", "assign", "function", "class", "param", "external", "unknown"]

# Re-export paths of the libraries we understand, folded to their public names.
# Prefixes end with a dot and replace a whole module path; exact names are separate.
_CANONICAL_PREFIXES: tuple[tuple[str, str], ...] = (
    ("fastapi.applications.", "fastapi."),
    ("fastapi.routing.", "fastapi."),
    ("fastapi.param_functions.", "fastapi."),
    ("fastapi.params.", "fastapi."),
    ("fastapi.security.oauth2.", "fastapi.security."),
    ("fastapi.security.http.", "fastapi.security."),
    ("fastapi.security.api_key.", "fastapi.security."),
    ("fastapi.security.open_id_connect_url.", "fastapi.security."),
    ("fastapi.security.base.", "fastapi.security."),
    ("starlette.status.", "fastapi.status."),
    ("starlette.responses.", "fastapi.responses."),
    ("pydantic.main.", "pydantic."),
    ("pydantic.config.", "pydantic."),
    ("pydantic.types.", "pydantic."),
    ("pydantic.fields.", "pydantic."),
    ("pydantic.functional_validators.", "pydantic."),
    ("pydantic_settings.main.", "pydantic_settings."),
    ("sqlmodel.main.", "sqlmodel."),
    ("typing_extensions.", "typing."),
    ("sqlalchemy.ext.declarative.", "sqlalchemy.orm."),
    ("sqlalchemy.orm.decl_api.", "sqlalchemy.orm."),
    ("tortoise.models.", "tortoise."),
    ("beanie.odm.documents.", "beanie."),
)
_CANONICAL_NAMES: dict[str, str] = {
    "fastapi.Response": "fastapi.responses.Response",
}


def canonical_external(name: str) -> str:
    """Fold library-internal paths (``fastapi.routing.APIRouter``) to public ones."""
    exact = _CANONICAL_NAMES.get(name)
    if exact is not None:
        return exact
    for prefix, replacement in _CANONICAL_PREFIXES:
        if name.startswith(prefix):
            return replacement + name[len(prefix) :]
    return name


@dataclass(frozen=True)
class Symbol:
    """What a name refers to.

    ``module`` is a module key for project symbols; ``name`` is the qualname
    (function/class), the assigned name (assign), the dotted external name
    (external) or the reason (unknown).
    """

    kind: SymbolKind
    module: str
    name: str
    scope: str = ""

    @property
    def is_unknown(self) -> bool:
        return self.kind == "unknown"

    def external_is(self, *names: str) -> bool:
        return self.kind == "external" and self.name in names


def unknown(reason: str) -> Symbol:
    return Symbol("unknown", "", reason)


Binding = Import | Assign | Function | ClassInfo

MAX_RESOLVE_DEPTH = 40
MAX_MEMBER_STEPS = 20_000  # star imports followed per top-level module lookup
_CUT_SHORT = ("", "<cut short>")  # what an answer cut by a limit depends on


class Resolver:
    """Resolves names and dotted expressions to ``Symbol``s across the project."""

    def __init__(self, summaries: dict[ModuleKey, ModuleSummary], index: ModuleIndex) -> None:
        self.summaries = summaries
        self.index = index
        # module -> scope -> name -> bindings in source order
        self._bindings: dict[ModuleKey, dict[str, dict[str, list[Binding]]]] = {}
        self._stars: dict[ModuleKey, list[Import]] = defaultdict(list)
        self._functions: dict[ModuleKey, dict[str, Function]] = {}
        self._classes: dict[ModuleKey, dict[str, ClassInfo]] = {}
        self._assigns: dict[tuple[ModuleKey, str, str], list[Assign]] = defaultdict(list)
        self._cache: dict[tuple[ModuleKey, Expr | None, str], Symbol] = {}
        # (module, attr) -> member; None while in progress (a cycle back is unknown)
        self._members: dict[tuple[ModuleKey, str], Symbol | None] = {}
        self._open_members: list[set[tuple[ModuleKey, str]]] = []
        self._member_steps = 0
        for key, summary in summaries.items():
            self._index_module(key, summary)

    # ------------------------------------------------------------------ indexing

    def _index_module(self, key: ModuleKey, summary: ModuleSummary) -> None:
        table: dict[str, dict[str, list[tuple[int, Binding]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for imp in summary.imports:
            if imp.local == "*":
                if imp.scope == "":
                    self._stars[key].append(imp)
                continue
            table[imp.scope][imp.local].append((imp.line, imp))
        for assign in summary.assigns:
            table[assign.scope][assign.target].append((assign.pos.line, assign))
            self._assigns[(key, assign.scope, assign.target)].append(assign)
        functions: dict[str, Function] = {}
        for function in summary.functions:
            functions[function.qualname] = function
            scope, _, local = _split_qualname(function.qualname)
            if scope is not None:
                table[scope][local].append((function.def_line, function))
        classes: dict[str, ClassInfo] = {}
        for cls in summary.classes:
            classes[cls.qualname] = cls
            scope, _, local = _split_qualname(cls.qualname)
            if scope is not None:
                table[scope][local].append((cls.line, cls))
        self._functions[key] = functions
        self._classes[key] = classes
        self._bindings[key] = {
            scope: {
                name: [b for _, b in sorted(items, key=lambda item: item[0])]
                for name, items in names.items()
            }
            for scope, names in table.items()
        }

    # ------------------------------------------------------------------ accessors

    def param_of(self, symbol: Symbol) -> tuple[Function, int] | None:
        """The function and parameter index a ``param`` symbol names."""
        if symbol.kind != "param":
            return None
        function = self._functions.get(symbol.module, {}).get(symbol.scope)
        if function is None:
            return None
        for index, param in enumerate(function.params):
            if param.name == symbol.name:
                return function, index
        return None

    def function(self, symbol: Symbol) -> Function | None:
        if symbol.kind != "function":
            return None
        return self._functions.get(symbol.module, {}).get(symbol.name)

    def class_info(self, symbol: Symbol) -> ClassInfo | None:
        if symbol.kind != "class":
            return None
        return self._classes.get(symbol.module, {}).get(symbol.name)

    def assign(self, symbol: Symbol) -> Assign | None:
        """The binding a symbol of kind ``assign`` refers to (its most telling value)."""
        if symbol.kind != "assign":
            return None
        candidates = self._assigns.get((symbol.module, symbol.scope, symbol.name), [])
        return _best_assign(candidates)

    def functions_in(self, module: ModuleKey) -> dict[str, Function]:
        return self._functions.get(module, {})

    def classes_in(self, module: ModuleKey) -> dict[str, ClassInfo]:
        return self._classes.get(module, {})

    # ------------------------------------------------------------------ resolution

    def resolve(
        self, module: ModuleKey, expr: Expr | None, scope: str = "", depth: int = 0
    ) -> Symbol:
        """Resolve a Name/Attribute chain (subscripts resolve to their base), memoized."""
        if depth:
            return self._resolve(module, expr, scope, depth)
        key = (module, expr, scope)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._resolve(module, expr, scope, 0)
            self._cache[key] = cached
        return cached

    def _resolve(
        self, module: ModuleKey, expr: Expr | None, scope: str = "", depth: int = 0
    ) -> Symbol:
        if depth > MAX_RESOLVE_DEPTH:
            return unknown("resolution too deep")
        if isinstance(expr, Name):
            return self.resolve_name(module, expr.id, scope, depth + 1)
        if isinstance(expr, Attribute):
            base = self.resolve(module, expr.value, scope, depth + 1)
            return self.member(base, expr.attr, depth + 1)
        if isinstance(expr, Subscript):
            return self.resolve(module, expr.value, scope, depth + 1)
        return unknown("not a name")

    def resolve_name(self, module: ModuleKey, name: str, scope: str = "", depth: int = 0) -> Symbol:
        tables = self._bindings.get(module, {})
        functions = self._functions.get(module, {})
        for current in _scope_chain(scope):
            bindings = tables.get(current, {}).get(name)
            if bindings:
                return self._binding_symbol(module, _best_binding(bindings), current, depth + 1)
            function = functions.get(current) if current else None
            if function is not None and any(param.name == name for param in function.params):
                return Symbol("param", module, name, current)
        for star in self._stars.get(module, []):
            target = self._import_module(module, star)
            if target is None:
                return unknown(f"`{name}` may come from `from {star.module} import *`")
            found = self.member(Symbol("module", target, ""), name, depth + 1)
            if not found.is_unknown:
                return found
        return Symbol("external", "", f"builtins.{name}")

    def member(self, base: Symbol, attr: str, depth: int = 0) -> Symbol:
        """``base.attr``."""
        if depth > MAX_RESOLVE_DEPTH:
            return unknown("resolution too deep")
        if base.kind == "external":
            return Symbol("external", "", canonical_external(f"{base.name}.{attr}"))
        if base.kind == "module":
            return self._module_member(base.module, attr, depth + 1)
        if base.kind == "assign":
            assign = self.assign(base)
            if assign is not None and isinstance(assign.value, Name | Attribute):
                target = self.resolve(base.module, assign.value, base.scope, depth + 1)
                return self.member(target, attr, depth + 1)
            return unknown(f"attribute `{attr}` of `{base.name}`")
        if base.kind == "class":
            cls = self.class_info(base)
            if cls is not None:
                nested = self._classes.get(base.module, {}).get(f"{cls.qualname}.{attr}")
                if nested is not None:
                    return Symbol("class", base.module, nested.qualname)
                method = self._functions.get(base.module, {}).get(f"{cls.qualname}.{attr}")
                if method is not None:
                    return Symbol("function", base.module, method.qualname)
            return unknown(f"attribute `{attr}` of class `{base.name}`")
        if base.kind == "param":
            owner = self.self_class(base)
            if owner is not None:
                return self.member(owner, attr, depth + 1)
        if base.is_unknown:
            return base
        return unknown(f"attribute `{attr}` of `{base.name}`")

    def self_class(self, param: Symbol) -> Symbol | None:
        """The class a method's first parameter is an instance of (``self``); None for
        static and class methods, whose first parameter is something else."""
        found = self.param_of(param)
        if found is None or found[1] != 0 or found[0].class_name is None:
            return None
        function = found[0]
        for decorator in function.decorators:
            name = dotted(decorator.expr)
            if name is not None and name.rsplit(".", 1)[-1] in ("staticmethod", "classmethod"):
                return None
        return Symbol("class", param.module, function.qualname.rpartition(".")[0])

    def _module_member(self, module: ModuleKey, attr: str, depth: int) -> Symbol:
        """``module.attr``: the module's own binding, a submodule, or a name its star
        imports bring in, memoized per (module, attr).

        A lookup that meets itself again (``from pkg import X`` around a cycle of
        re-exports) is an import cycle. An answer computed while an enclosing lookup
        was still open may lack what that lookup finds later, so it is not memoized
        (the evaluator's rule); ``MAX_MEMBER_STEPS`` bounds the work of one top-level
        lookup, so recomputing those answers cannot blow up either.
        """
        key = (module, attr)
        if key in self._members:
            cached = self._members[key]
            if cached is not None:
                return cached
            self._touch_open(key)
            return unknown("import cycle")
        if not self._open_members:
            self._member_steps = 0  # a new top-level lookup: a fresh budget
        if depth > MAX_RESOLVE_DEPTH or self._member_steps > MAX_MEMBER_STEPS:
            self._touch_open(None)  # cut short: no enclosing answer is complete
            return unknown("resolution too deep")
        self._member_steps += 1
        self._members[key] = None  # in progress
        self._open_members.append(set())
        try:
            result = self._star_walk(module, attr, depth)
        finally:
            touched = self._open_members.pop()
        touched.discard(key)
        if touched:
            del self._members[key]
        else:
            self._members[key] = result
        return result

    def _touch_open(self, key: tuple[ModuleKey, str] | None) -> None:
        """Every open lookup now depends on ``key`` (None: on an answer cut short)."""
        for touched in self._open_members:
            touched.add(key if key is not None else _CUT_SHORT)

    def _star_walk(self, module: ModuleKey, attr: str, depth: int) -> Symbol:
        """The first module, depth first through star imports in source order, that
        binds ``attr`` to something known; each module is visited once per lookup, so a
        package whose submodules star-import it back costs one visit per module."""
        own = self._own_member(module, attr, depth)
        if own is not None:
            return own
        visited = {module}
        stack = [(module, iter(self._stars.get(module, ())))]
        while stack:
            owner, stars = stack[-1]
            star = next(stars, None)
            if star is None:
                stack.pop()
                continue
            self._member_steps += 1
            target = self._import_module(owner, star)
            if target is None:
                if owner == module:
                    return unknown(f"`{attr}` may come from `from {star.module} import *`")
                stack.pop()  # that module's names are unknown: its other stars too
                continue
            if target in visited:
                continue
            visited.add(target)
            found = self._own_member(target, attr, depth)
            if found is None:
                stack.append((target, iter(self._stars.get(target, ()))))
            elif not found.is_unknown:
                return found
        name = self.index.module_name(module)
        return unknown(f"`{attr}` is not defined in `{name}`")

    def _own_member(self, module: ModuleKey, attr: str, depth: int) -> Symbol | None:
        """What the module itself binds ``attr`` to (a name, or a submodule); None when
        it binds nothing, so its star imports decide."""
        if module in self.summaries:
            bindings = self._bindings.get(module, {}).get("", {}).get(attr)
            if bindings:
                return self._binding_symbol(module, _best_binding(bindings), "", depth + 1)
        sub = self.index.submodule(module, attr)
        if sub is not None:
            return Symbol("module", sub, "")
        return None

    def _import_module(self, module: ModuleKey, imp: Import) -> ModuleKey | None:
        if imp.level:
            return self.index.resolve_relative(module, imp.level, imp.module)
        return self.index.resolve_absolute(imp.module, module)

    def _binding_symbol(
        self, module: ModuleKey, binding: Binding, scope: str, depth: int
    ) -> Symbol:
        if isinstance(binding, Assign):
            return Symbol("assign", module, binding.target, binding.scope)
        if isinstance(binding, Function):
            return Symbol("function", module, binding.qualname)
        if isinstance(binding, ClassInfo):
            return Symbol("class", module, binding.qualname)
        return self._import_symbol(module, binding, depth)

    def _import_symbol(self, module: ModuleKey, imp: Import, depth: int) -> Symbol:
        if imp.name is None:  # import a.b [as c]
            dotted = (
                imp.module
                if imp.local != imp.module.split(".")[0] or imp.local == imp.module
                else imp.local
            )
            target = self.index.resolve_absolute(dotted, module)
            if target is None:
                return Symbol("external", "", canonical_external(dotted))
            return Symbol("module", target, "")
        base = self._import_module(module, imp)
        if base is None:
            if imp.level:
                return unknown(f"relative import `{'.' * imp.level}{imp.module}` not found")
            return Symbol("external", "", canonical_external(f"{imp.module}.{imp.name}"))
        if base == module:  # ``from . import users`` inside the package's own __init__
            sub = self.index.submodule(base, imp.name)
            if sub is not None:
                return Symbol("module", sub, "")
        return self._module_member(base, imp.name, depth + 1)


def _split_qualname(qualname: str) -> tuple[str | None, str, str]:
    """The function scope a definition is bound in, or None inside a class body."""
    if ".<locals>." in qualname:
        scope, _, local = qualname.rpartition(".<locals>.")
        if "." in local:
            return None, "", local  # a class inside a function: its methods are not bound
        return scope, "", local
    if "." in qualname:
        return None, "", qualname
    return "", "", qualname


def _scope_chain(scope: str) -> list[str]:
    chain = [scope]
    while scope:
        scope = scope.rpartition(".<locals>.")[0] if ".<locals>." in scope else ""
        chain.append(scope)
    return chain


def _is_none_assign(binding: Binding) -> bool:
    from fastlint.summary import Const

    return isinstance(binding, Assign) and (
        binding.value is None or (isinstance(binding.value, Const) and binding.value.value is None)
    )


def _best_binding(bindings: list[Binding]) -> Binding:
    """The last binding, skipping ``x = None`` fallbacks (``try: import … except: x = None``)."""
    for binding in reversed(bindings):
        if not _is_none_assign(binding):
            return binding
    return bindings[-1]


def _best_assign(assigns: list[Assign]) -> Assign | None:
    if not assigns:
        return None
    best = _best_binding(list(assigns))
    assert isinstance(best, Assign)
    return best
