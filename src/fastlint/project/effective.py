"""Effective route properties: full paths, tags and dependency sources per include chain."""

from __future__ import annotations

from dataclasses import dataclass

from fastlint.project.evaluate import Evaluator
from fastlint.project.graph import Container, IncludeEdge, Route
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Resolver
from fastlint.project.values import Text, evaluate_strings, evaluate_text
from fastlint.summary import Attribute, Call, Expr, Name, Other

MAX_INSTANCES = 200_000
MAX_CHAIN = 40


@dataclass(frozen=True)
class DependencySource:
    """A ``dependencies=`` list that applies to a route, and where it came from."""

    module: ModuleKey
    scope: str
    expr: Expr
    label: str


@dataclass(eq=False)
class RouteInstance:
    """A route as served by one app through one include chain."""

    route: Route
    app: Container
    path: Text
    chain: tuple[IncludeEdge, ...]
    tags: list[str] | None  # None when some level's tags cannot be read
    dependency_sources: tuple[DependencySource, ...]
    order: tuple[int, ...]

    @property
    def methods(self) -> tuple[str, ...]:
        return self.route.methods

    @property
    def conditional(self) -> bool:
        """Registered or included under ``if``/``try``/``with``: served in some
        configuration (the rules apply), maybe not in every one."""
        return self.route.conditional or any(edge.site.conditional for edge in self.chain)


# An assumed app (a ``FastAPI`` parameter no visible code calls) may carry any app-level
# dependencies: they are unknown, so auth verdicts under it are too.
_UNKNOWN_APP_DEPENDENCIES = DependencySource(
    "", "", Other("dependencies of an app fastlint cannot see"), "an app passed in"
)


def assumed_app_settings(
    evaluator: Evaluator, containers: list[Container]
) -> tuple[Text, list[str] | None, list[DependencySource]]:
    """An app passed in that no visible code calls is one of the project's apps: its
    settings are known as far as every app the project constructs agrees (no app-level
    tags or dependencies anywhere), unknown otherwise."""
    apps = [c for c in containers if c.kind == "app" and not c.assumed]
    agreed = bool(apps) and all(
        tags == [] and not sources
        for _, tags, sources in (container_settings(evaluator, app) for app in apps)
    )
    if agreed:
        return Text("", True), [], []
    return Text("", True), None, [_UNKNOWN_APP_DEPENDENCIES]


def container_settings(
    evaluator: Evaluator, container: Container
) -> tuple[Text, list[str] | None, list[DependencySource]]:
    """The container's own prefix, tags and dependencies (constructor or ``super().__init__``)."""
    call = container.call
    prefix = Text("", True)
    if container.kind == "router":
        prefix = evaluate_text(evaluator, container.module, call.kwarg("prefix"), container.scope)
    tags = evaluate_strings(evaluator, container.module, call.kwarg("tags"), container.scope)
    sources: list[DependencySource] = []
    dependencies = call.kwarg("dependencies")
    if dependencies is not None:
        sources.append(
            DependencySource(
                container.module,
                container.scope,
                dependencies,
                f"{container.kind} `{container.name}`",
            )
        )
    if call.star:
        tags = None
    for module, scope, init_call in _super_init_calls(evaluator.resolver, container):
        if prefix.value == "" and init_call.kwarg("prefix") is not None:
            prefix = evaluate_text(evaluator, module, init_call.kwarg("prefix"), scope)
        own_tags = init_call.kwarg("tags")
        if own_tags is not None:
            extra = evaluate_strings(evaluator, module, own_tags, scope)
            tags = None if extra is None or tags is None else tags + extra
        init_deps = init_call.kwarg("dependencies")
        if init_deps is not None:
            sources.append(
                DependencySource(
                    module, scope, init_deps, f"`{container.class_symbol.name}.__init__`"
                )
            )
    return prefix, tags, sources


def _super_init_calls(
    resolver: Resolver, container: Container
) -> list[tuple[ModuleKey, str, Call]]:
    """``super().__init__(dependencies=...)`` inside a project router subclass."""
    symbol = container.class_symbol
    if symbol.kind != "class":
        return []
    summary = resolver.summaries.get(symbol.module)
    if summary is None:
        return []
    scope = f"{symbol.name}.__init__"
    out: list[tuple[ModuleKey, str, Call]] = []
    for site in summary.calls:
        func = site.call.func
        if (
            site.scope == scope
            and isinstance(func, Attribute)
            and func.attr == "__init__"
            and isinstance(func.value, Call)
            and isinstance(func.value.func, Name)
            and func.value.func.id == "super"
        ):
            out.append((symbol.module, scope, site.call))
    return out


def _events(container: Container) -> list[Route | IncludeEdge]:
    """Routes and includes in registration order (the container's own module first)."""

    def key(event: Route | IncludeEdge) -> tuple[int, str, int, int]:
        if isinstance(event, Route):
            module, (line, sub) = event.module, event.order
        else:
            module, line, sub = event.order_key()
        return (0 if module == container.module else 1, module, line, sub)

    events: list[Route | IncludeEdge] = [*container.routes, *container.includes]
    return sorted(events, key=key)


def join_paths(left: Text, right: Text) -> Text:
    return Text(left.value + right.value, left.known and right.known)


def compute_instances(evaluator: Evaluator, containers: list[Container]) -> list[RouteInstance]:
    """Walk every app's include tree; one instance per (route, chain)."""
    instances: list[RouteInstance] = []
    settings_cache: dict[int, tuple[Text, list[str] | None, list[DependencySource]]] = {}

    def settings(container: Container) -> tuple[Text, list[str] | None, list[DependencySource]]:
        cached = settings_cache.get(id(container))
        if cached is None:
            if container.assumed:
                cached = assumed_app_settings(evaluator, containers)
            else:
                cached = container_settings(evaluator, container)
            settings_cache[id(container)] = cached
        return cached

    def walk(
        app: Container,
        container: Container,
        prefix: Text,
        tags: list[str] | None,
        sources: tuple[DependencySource, ...],
        chain: tuple[IncludeEdge, ...],
        order: tuple[int, ...],
        stack: frozenset[int],
    ) -> None:
        own_prefix, own_tags, own_sources = settings(container)
        prefix = join_paths(prefix, own_prefix)
        tags = None if tags is None or own_tags is None else tags + own_tags
        sources = sources + tuple(own_sources)
        for index, event in enumerate(_events(container)):
            if len(instances) >= MAX_INSTANCES:
                return
            if isinstance(event, Route):
                route_tags = evaluate_strings(
                    evaluator, event.module, event.kwarg("tags"), event.scope
                )
                instances.append(
                    RouteInstance(
                        route=event,
                        app=app,
                        path=join_paths(prefix, event.path),
                        chain=chain,
                        tags=None if tags is None or route_tags is None else tags + route_tags,
                        dependency_sources=sources,
                        order=(*order, index),
                    )
                )
                continue
            child = event.child
            if (
                event.kind != "include"
                or child is None
                or id(child) in stack
                or len(chain) > MAX_CHAIN
            ):
                continue
            edge_sources = sources
            if event.dependencies is not None:
                edge_sources = (
                    *sources,
                    DependencySource(
                        event.module,
                        event.scope,
                        event.dependencies,
                        f"include in {event.module}:{event.pos.line}",
                    ),
                )
            walk(
                app,
                child,
                join_paths(prefix, event.prefix),
                None if tags is None or event.tags is None else tags + event.tags,
                edge_sources,
                (*chain, event),
                (*order, index),
                stack | {id(child)},
            )

    for position, app in enumerate(containers):
        if app.kind != "app":
            continue
        mount_prefix = Text("", True)
        for edge in app.mounted_at:
            mount_prefix = edge.prefix
            break
        walk(app, app, mount_prefix, [], (), (), (position,), frozenset({id(app)}))
    return instances
