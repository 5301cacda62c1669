"""Effective route properties: full paths, tags and dependency sources per include chain."""

from __future__ import annotations

from dataclasses import dataclass

from fastlint.project.evaluate import Evaluator
from fastlint.project.graph import Container, IncludeEdge, Route, Unresolved
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Resolver
from fastlint.project.values import Text, evaluate_strings, evaluate_text
from fastlint.summary import Attribute, Call, Expr, Name, Other

MAX_INSTANCES = 200_000
# The include walk's budget, in routes and includes visited: proportional to the
# project's routes and include edges. FastAPI serves a route once per include chain, and
# real projects have few chains per route (the corpus: at most 8), so a graph that
# multiplies chains (a router included twice at every level) stops at the budget.
WALK_STEPS_PER_ITEM = 64
MIN_WALK_STEPS = 10_000


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


@dataclass
class _Frame:
    """One container on the walk's current include chain, and how far its events got."""

    container: Container
    events: list[Route | IncludeEdge]
    prefix: Text
    tags: list[str] | None
    sources: tuple[DependencySource, ...]
    chain: tuple[IncludeEdge, ...]
    order: tuple[int, ...]
    next: int = 0


def serving_containers(containers: list[Container]) -> set[int]:
    """Containers with routes, or that include (transitively) one with routes: the only
    ones an include walk has to enter. One pass up the ``included_by`` edges."""
    found: set[int] = set()
    stack = [c for c in containers if c.routes]
    seen_edges: set[int] = set()
    while stack:
        container = stack.pop()
        if id(container) in found:
            continue
        found.add(id(container))
        for edge in container.included_by:
            if edge.parent is not None and id(edge) not in seen_edges:
                seen_edges.add(id(edge))
                stack.append(edge.parent)
    return found


def compute_instances(
    evaluator: Evaluator,
    containers: list[Container],
    unresolved: list[Unresolved] | None = None,
) -> list[RouteInstance]:
    """Walk every app's include tree; one instance per (route, chain).

    Depth first, in registration order, with an explicit stack (a chain of a thousand
    routers is fine). A router shared by several parents is walked once per chain, as
    FastAPI serves it once per chain, but only where routes lie below it, and the
    whole walk stops when its budget (``WALK_STEPS_PER_ITEM`` per route and include,
    at most ``MAX_INSTANCES`` instances) runs out: include graphs whose chains
    multiply keep the instances found so far instead of hanging, and the stop is
    listed in ``unresolved`` (routes not reached have no instance: rules skip them).
    """
    instances: list[RouteInstance] = []
    settings_cache: dict[int, tuple[Text, list[str] | None, list[DependencySource]]] = {}
    serving = serving_containers(containers)
    items = sum(len(c.routes) + len(c.includes) for c in containers)
    budget = MIN_WALK_STEPS + WALK_STEPS_PER_ITEM * items
    steps = 0

    def settings(container: Container) -> tuple[Text, list[str] | None, list[DependencySource]]:
        cached = settings_cache.get(id(container))
        if cached is None:
            if container.assumed:
                cached = assumed_app_settings(evaluator, containers)
            else:
                cached = container_settings(evaluator, container)
            settings_cache[id(container)] = cached
        return cached

    def enter(
        container: Container,
        prefix: Text,
        tags: list[str] | None,
        sources: tuple[DependencySource, ...],
        chain: tuple[IncludeEdge, ...],
        order: tuple[int, ...],
    ) -> _Frame:
        own_prefix, own_tags, own_sources = settings(container)
        return _Frame(
            container,
            _events(container),
            join_paths(prefix, own_prefix),
            None if tags is None or own_tags is None else tags + own_tags,
            sources + tuple(own_sources),
            chain,
            order,
        )

    def walk(app: Container, root: _Frame) -> bool:
        """One app's tree; False when a budget ran out (the walk is over)."""
        nonlocal steps
        frames = [root]
        on_chain = {id(app)}  # containers of the current chain: an include cycle ends
        while frames:
            frame = frames[-1]
            if frame.next >= len(frame.events):
                frames.pop()
                on_chain.discard(id(frame.container))
                continue
            index = frame.next
            frame.next += 1
            event = frame.events[index]
            steps += 1
            if len(instances) >= MAX_INSTANCES or steps > budget:
                return False
            if isinstance(event, Route):
                route_tags = evaluate_strings(
                    evaluator, event.module, event.kwarg("tags"), event.scope
                )
                tags = frame.tags
                instances.append(
                    RouteInstance(
                        route=event,
                        app=app,
                        path=join_paths(frame.prefix, event.path),
                        chain=frame.chain,
                        tags=None if tags is None or route_tags is None else tags + route_tags,
                        dependency_sources=frame.sources,
                        order=(*frame.order, index),
                    )
                )
                continue
            child = event.child
            if (
                event.kind != "include"
                or child is None
                or id(child) in on_chain
                or id(child) not in serving
            ):
                continue
            edge_sources = frame.sources
            if event.dependencies is not None:
                edge_sources = (
                    *frame.sources,
                    DependencySource(
                        event.module,
                        event.scope,
                        event.dependencies,
                        f"include in {event.module}:{event.pos.line}",
                    ),
                )
            on_chain.add(id(child))
            frames.append(
                enter(
                    child,
                    join_paths(frame.prefix, event.prefix),
                    None if frame.tags is None or event.tags is None else frame.tags + event.tags,
                    edge_sources,
                    (*frame.chain, event),
                    (*frame.order, index),
                )
            )
        return True

    for position, app in enumerate(containers):
        if app.kind != "app":
            continue
        mount_prefix = Text("", True)
        for edge in app.mounted_at:
            mount_prefix = edge.prefix
            break
        if not walk(app, enter(app, mount_prefix, [], (), (), (position,))):
            if unresolved is not None:
                unresolved.append(
                    Unresolved(
                        app.module,
                        app.pos.line,
                        f"routes served by `{app.name}`",
                        f"too many include chains (routers included by several parents): "
                        f"fastlint stopped after following {len(instances)}; rules skip "
                        "the routes it did not reach",
                    )
                )
            break
    return instances
