"""Include and mount edges: which router each ``include_router`` adds, and where."""

from __future__ import annotations

from fastlint.project.graph import (
    Container,
    IncludeEdge,
    Unresolved,
    describe,
    method_name,
)
from fastlint.project.modules import ModuleKey
from fastlint.project.symbols import Symbol
from fastlint.project.tracking import ContainerTracker
from fastlint.project.values import Text, evaluate_strings, evaluate_text, expr_label
from fastlint.summary import (
    Attribute,
    CallSite,
    Expr,
    Pos,
)


class EdgeBuilder(ContainerTracker):
    """``parent.include_router(child, ...)`` and ``parent.mount(path, app)`` as edges."""

    def collect_edges(self) -> None:
        for module, summary in self.resolver.summaries.items():
            for site in summary.calls:
                method = method_name(site.call)
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
        prefix = evaluate_text(self.evaluator, module, call.kwarg("prefix"), site.scope)
        tags = evaluate_strings(self.evaluator, module, call.kwarg("tags"), site.scope)
        parent_container = parent if isinstance(parent, Container) else None
        parent_reason = "" if parent_container else f"parent: {describe(parent)}"
        order_module, order_pos = self._binding_site(module, site, parent_container)
        for child_module, child_scope, child_expr_item in children:
            for child_container, reason in self._include_children(
                child_module, child_scope, child_expr_item, module, site, parent_reason
            ):
                if child_container is not None and parent_container is None:
                    self.unresolved.append(
                        Unresolved(
                            module,
                            site.pos.line,
                            f"`{expr_label(call.func)}(...)`",
                            f"cannot tell what the parent is: {describe(parent)}",
                        )
                    )
                self._add_include_edge(
                    parent_container,
                    child_container,
                    module,
                    site,
                    prefix,
                    tags,
                    reason,
                    order_module,
                    order_pos,
                )

    def _include_children(
        self,
        child_module: ModuleKey,
        child_scope: str,
        child_expr: Expr | None,
        module: ModuleKey,
        site: CallSite,
        parent_reason: str,
    ) -> list[tuple[Container | None, str]]:
        """Every router an include may add (a helper called with several routers adds
        each); a value fastlint cannot follow is one unknown child besides them."""
        if child_expr is None:
            found: list[Container] = []
            why: str | None = "the included router comes from a loop fastlint cannot follow"
        else:
            found, why = self.containers_of(child_module, child_expr, child_scope)
        out: list[tuple[Container | None, str]] = [(c, parent_reason) for c in found]
        if why is not None or not found:
            label = expr_label(child_expr) if child_expr is not None else "?"
            why = why or "no value"
            self.unresolved.append(
                Unresolved(module, site.pos.line, f"`include_router({label})`", why)
            )
            out.append((None, f"included router `{label}`: {why}"))
        return out

    def _add_include_edge(
        self,
        parent_container: Container | None,
        child_container: Container | None,
        module: ModuleKey,
        site: CallSite,
        prefix: Text,
        tags: list[str] | None,
        reason: str,
        order_module: ModuleKey,
        order_pos: Pos | None,
    ) -> None:
        edge = IncludeEdge(
            "include",
            parent_container,
            child_container,
            module,
            site.scope,
            site,
            prefix,
            tags,
            site.call.kwarg("dependencies"),
            reason,
            order_module,
            order_pos,
        )
        self.edges.append(edge)
        if parent_container is not None:
            parent_container.includes.append(edge)
        if child_container is not None:
            child_container.included_by.append(edge)

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
            evaluate_text(self.evaluator, module, path_expr, site.scope),
            [],
            None,
        )
        self.edges.append(edge)
        child.mounted_at.append(edge)
        if child.kind != "app":
            child.kind = "app"
