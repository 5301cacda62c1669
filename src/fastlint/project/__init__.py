"""The project pass: summaries in, a resolved model of the application out.

``Project`` holds the module index, the resolver, the app/router graph, every
route's effective properties and the class/dependency analyzers. Rules read it
through ``RuleContext`` and never do I/O.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from fastlint.findings import Finding, Fix, FixRequest, Span
from fastlint.options import ProjectOptions
from fastlint.project.builder import GraphBuilder
from fastlint.project.classes import ClassIndex
from fastlint.project.dependencies import DependencyAnalyzer
from fastlint.project.depnodes import DepNode
from fastlint.project.effective import RouteInstance, compute_instances
from fastlint.project.graph import Container, IncludeEdge, Route, Unresolved
from fastlint.project.modules import ModuleIndex
from fastlint.project.schemas import SchemaAnalyzer
from fastlint.project.symbols import Resolver, Symbol
from fastlint.summary import (
    IDENTIFIER,
    Attribute,
    BinOp,
    Call,
    Const,
    DictExpr,
    Expr,
    ModuleSummary,
    Name,
    Other,
    Param,
    Pos,
    Seq,
    Subscript,
)


class Project:
    """Everything fastlint knows about the checked tree."""

    def __init__(self, summaries: Sequence[ModuleSummary], options: ProjectOptions) -> None:
        self.options = options
        self.summaries: dict[str, ModuleSummary] = {s.path: s for s in summaries}
        parsed = {
            path: s
            for path, s in self.summaries.items()
            if s.parse_error is None and s.skipped is None
        }
        self.index = ModuleIndex.build(self.summaries)
        self.resolver = Resolver(parsed, self.index)
        self.classes = ClassIndex(self.resolver)
        builder = GraphBuilder(
            self.resolver,
            self.classes,
            options.router_classes,
            options.router_factories,
            options.app_factories,
        )
        builder.collect_containers()
        builder.collect_library_routes()
        builder.collect_routes()
        builder.collect_edges()
        self.containers: list[Container] = sorted(
            builder.containers.values(), key=lambda c: (c.module, c.pos.line, c.pos.col)
        )
        self.routes: list[Route] = builder.routes
        self.edges: list[IncludeEdge] = builder.edges
        self.unresolved: list[Unresolved] = builder.unresolved
        self.graph = builder
        self.schemas = SchemaAnalyzer(self.resolver)
        self.dependencies = DependencyAnalyzer(
            builder.evaluator, self.classes, self.schemas, options.auth_dependencies
        )
        self.evaluator = builder.evaluator
        self.instances: list[RouteInstance] = compute_instances(
            self.evaluator, self.containers, self.unresolved
        )
        self.routes_by_module: dict[str, list[Route]] = defaultdict(list)
        for route in self.routes:
            if not route.library:  # the library's own routes: no rule judges them
                self.routes_by_module[route.module].append(route)
        self.memo: dict[str, object] = {}  # per-run caches rules share (computed once)
        self._dependency_roots: dict[tuple[int, int], list[DepNode]] = {}
        self.instances_by_route: dict[int, list[RouteInstance]] = defaultdict(list)
        for instance in self.instances:
            self.instances_by_route[id(instance.route)].append(instance)
        self.escaped  # noqa: B018 - computed now so ``unresolved`` is complete

    # ------------------------------------------------------------------ apps and reachability

    @cached_property
    def apps(self) -> list[Container]:
        return [c for c in self.containers if c.kind == "app"]

    @cached_property
    def unparsed_modules(self) -> list[str]:
        """Files that failed to parse: what they register or include is unknown."""
        return [path for path, s in self.summaries.items() if s.parse_error is not None]

    @cached_property
    def unknown_includes(self) -> list[IncludeEdge]:
        """Includes whose child could not be resolved: they might include anything."""
        return [edge for edge in self.edges if edge.kind == "include" and edge.child is None]

    def has_unknown_ancestry(self, container: Container) -> bool:
        """Is the container (or a router above it) included by something we cannot see?"""
        return id(container) in self._unknown_ancestry

    @cached_property
    def _unknown_ancestry(self) -> set[int]:
        """Containers handed to code fastlint cannot follow or included by a parent it
        cannot resolve, and everything they include: one walk down the include edges."""
        roots = [c for c in self.containers if id(c) in self.escaped]
        roots.extend(
            edge.child
            for edge in self.edges
            if edge.kind == "include" and edge.parent is None and edge.child is not None
        )
        return _below(roots)

    @cached_property
    def escaped(self) -> set[int]:
        """Containers handed to a call fastlint cannot follow (``generate_routers(router)``):
        that code may include them anywhere, so they count as possibly included."""
        out: set[int] = set()
        routers = {c.name for c in self.containers if c.kind == "router"}
        if not routers:
            return out
        # Cheap filter first: an argument can only be a router if its last name is a
        # router's name or an import alias of one.
        candidates = set(routers)
        for summary in self.resolver.summaries.values():
            candidates.update(i.local for i in summary.imports if i.name in routers)
        for module, summary in self.resolver.summaries.items():
            for site in summary.calls:
                call = site.call
                if method_attr(call) in ("include_router", "mount", "add_api_route"):
                    continue
                if not any(_last_name(arg) in candidates for arg in call.args) and not any(
                    _last_name(value) in candidates for _, value in call.kwargs
                ):
                    continue
                target = self.resolver.resolve(module, call.func, site.scope)
                if target.kind == "function" or target.kind == "class":
                    continue  # project code: parameters are followed through the callers
                arguments = [*call.args, *(value for key, value in call.kwargs if key != "**")]
                for argument in arguments:
                    if not isinstance(argument, Name | Attribute):
                        continue
                    found = self.graph.container_of(module, argument, site.scope)
                    if (
                        isinstance(found, Container)
                        and found.kind == "router"  # an app handed to uvicorn.run stays a root
                        and id(found) not in out
                    ):
                        out.add(id(found))
                        self.unresolved.append(
                            Unresolved(
                                module,
                                site.pos.line,
                                f"`{found.name}` passed to `{_label(call.func)}(...)`",
                                "fastlint cannot see what that call does with it",
                            )
                        )
        return out

    @cached_property
    def callback_routers(self) -> set[int]:
        """Routers used as ``callbacks=router.routes`` (on a route, an include or a router):
        OpenAPI documentation of callbacks, not served routes."""
        sites: list[tuple[str, str, Call]] = [(r.module, r.scope, r.call) for r in self.routes]
        sites.extend((e.module, e.scope, e.site.call) for e in self.edges)
        sites.extend((c.module, c.scope, c.call) for c in self.containers)
        out: set[int] = set()
        for module, scope, call in sites:
            callbacks = call.kwarg("callbacks")
            if isinstance(callbacks, Attribute) and callbacks.attr == "routes":
                found = self.graph.container_of(module, callbacks.value, scope)
                if isinstance(found, Container):
                    out.add(id(found))
        return out

    @cached_property
    def _blind_spot_words(self) -> list[frozenset[str]]:
        """For each include fastlint cannot follow and each unparsable file: the words
        it could use to reach a router (names in the include, the module's imports)."""
        spots: list[frozenset[str]] = []
        for path in self.unparsed_modules:
            spots.append(frozenset(self.summaries[path].mentions))
        for edge in self.unknown_includes:
            words = set(expression_words(edge.site.call))
            for imp in self.summaries[edge.module].imports:
                words.update(imp.module.split("."))
                words.update(w for w in (imp.name, imp.local) if w)
            spots.append(frozenset(words))
        return spots

    def blind_spot_may_include(self, container: Container) -> bool:
        """Could an include fastlint cannot follow (or an unparsable file) include this
        router? Only if it names the router or its module: a blind spot stays local."""
        if not self._blind_spot_words:
            return False
        module_name = self.index.module_name(container.module)
        names = {container.name, *module_name.split(".")[-1:]}
        return any(names & words for words in self._blind_spot_words)

    def reaches_app(self, container: Container) -> bool:
        """Is the container an app, or included (transitively) by one?"""
        return container.kind == "app" or id(container) in self._reaching_app

    @cached_property
    def _reaching_app(self) -> set[int]:
        """Every app and what it includes, transitively: one walk down the include edges."""
        apps = [c for c in self.containers if c.kind == "app"]
        apps.extend(e.parent for e in self.edges if e.parent is not None and e.parent.kind == "app")
        return _below(apps)

    # ------------------------------------------------------------------ dependencies

    def route_dependency_roots(self, route: Route, instance: RouteInstance | None) -> list[DepNode]:
        """Every dependency that applies to a route (through ``instance``'s chain, if any).

        Computed once per (route, instance): the auth and pagination rules both ask."""
        key = (id(route), id(instance))
        known = self._dependency_roots.get(key)
        if known is None:
            known = self._dependency_roots[key] = self._route_dependency_roots(route, instance)
        return list(known)

    def _route_dependency_roots(
        self, route: Route, instance: RouteInstance | None
    ) -> list[DepNode]:
        analyzer = self.dependencies
        function = route.function
        module = route.handler_module
        roots = analyzer.param_nodes(module, function.params, function.qualname)
        roots.extend(
            analyzer.dependency_list(route.module, route.kwarg("dependencies"), route.scope)
        )
        if route.view_class is not None:
            roots.extend(self._view_dependencies(route.view_class))
        roots.extend(analyzer.body_calls(module, function))  # auth checked in the handler
        if instance is not None:
            for source in instance.dependency_sources:
                roots.extend(analyzer.dependency_list(source.module, source.expr, source.scope))
        return roots

    def _view_dependencies(self, view: Symbol) -> list[DepNode]:
        """A class-based view's annotated class attributes (inherited ones too) are
        parameters of every route of the class, as ``cbv`` builds its ``__init__``."""
        by_owner: dict[Symbol, list[Param]] = {}
        for attribute in self.classes.attributes(view):
            assign = attribute.assign
            if assign.annotation is None or _is_classvar(assign.annotation):
                continue
            by_owner.setdefault(attribute.owner, []).append(
                Param(assign.target, assign.annotation, assign.value, "keyword", assign.pos)
            )
        nodes: list[DepNode] = []
        for owner, params in by_owner.items():
            cls = self.resolver.class_info(owner)
            assert cls is not None  # attributes come from project classes only
            node = DepNode(
                "class", f"{cls.name} attributes", owner.module, tuple(params), cls.scope
            )
            node.children = self.dependencies.param_nodes(owner.module, tuple(params), cls.scope)
            nodes.append(node)
        return nodes


@dataclass
class RuleContext:
    """What a rule's ``check`` receives: the project, the module to report on, options."""

    project: Project
    module: str
    code: str
    # For a project-wide rule (run once): the modules to report on.
    modules: tuple[str, ...] = ()

    def per_module(self) -> Iterator[RuleContext]:
        """One context per module to report on (a project-wide rule's loop)."""
        for module in self.modules or (self.module,):
            yield RuleContext(self.project, module, self.code)

    @property
    def summary(self) -> ModuleSummary:
        return self.project.summaries[self.module]

    @property
    def options(self) -> ProjectOptions:
        return self.project.options

    def finding(
        self,
        message: str,
        pos: Pos,
        *,
        path: str | None = None,
        noqa_lines: Iterable[int] = (),
        fix: Fix | None = None,
        request: FixRequest | None = None,
    ) -> Finding:
        """Build a finding at ``pos`` (libcst-style 0-based columns become 1-based)."""
        return Finding(
            code=self.code,
            message=message,
            path=path or self.module,
            span=Span(pos.line, pos.col + 1, pos.end_line, pos.end_col + 1),
            fix=fix,
            noqa_lines=tuple(noqa_lines),
            request=request,
        )


def _below(roots: list[Container]) -> set[int]:
    """The ids of ``roots`` and of every container they include, transitively."""
    found: set[int] = set()
    stack = list(roots)
    while stack:
        container = stack.pop()
        if id(container) in found:
            continue
        found.add(id(container))
        stack.extend(edge.child for edge in container.includes if edge.child is not None)
    return found


def _is_classvar(annotation: Expr) -> bool:
    base = annotation.value if isinstance(annotation, Subscript) else annotation
    return isinstance(base, Name | Attribute) and _last_name(base) == "ClassVar"


def expression_words(expr: Expr, *, names_only: bool = False) -> Iterator[str]:
    """Every identifier and word of a string inside an expression; with
    ``names_only``, just the names it reads (no attribute names, no string words,
    unmodelled text without its string literals: a lambda's free names)."""
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Name):
            yield node.id
        elif isinstance(node, Attribute):
            if not names_only:
                yield node.attr
            stack.append(node.value)
        elif isinstance(node, Call):
            stack.extend((node.func, *node.args, *(value for _, value in node.kwargs)))
        elif isinstance(node, Const) and isinstance(node.value, str):
            if not names_only:
                yield from IDENTIFIER.findall(node.value)
        elif isinstance(node, Other):
            text = STRING_LITERAL.sub("", node.text) if names_only else node.text
            yield from IDENTIFIER.findall(text)
        elif isinstance(node, Seq):
            stack.extend(node.items)
        elif isinstance(node, Subscript):
            stack.extend((node.value, *node.items))
        elif isinstance(node, BinOp):
            stack.extend((node.left, node.right))
        elif isinstance(node, DictExpr):
            stack.extend(value for _, value in node.items)
            stack.extend(key for key, _ in node.items if key is not None)


STRING_LITERAL = re.compile(r"([\'\"]).*?(?<!\\)\1")


def method_attr(call: Call) -> str | None:
    return call.func.attr if isinstance(call.func, Attribute) else None


def _label(expr: Expr) -> str:
    from fastlint.project.values import expr_label

    return expr_label(expr)


def _last_name(expr: Expr) -> str | None:
    if isinstance(expr, Name):
        return expr.id
    if isinstance(expr, Attribute):
        return expr.attr
    return None
