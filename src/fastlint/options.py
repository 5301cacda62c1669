"""The options of the project model: plain data, kept out of ``fastlint.project``
so that a run answered from the cache (which needs them for its key) does not
import the model."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProjectOptions:
    """The slice of configuration the project model needs (plain data, no pydantic)."""

    auth_dependencies: frozenset[str] = frozenset()
    public_paths: tuple[str, ...] = ("/health*", "/docs*", "/redoc*", "/openapi.json")
    pagination_params: tuple[str, ...] = ("limit", "page_size", "per_page", "size", "take", "count")
    max_limit: int = 100
    page_types: frozenset[str] = frozenset()
    post_status: str = "creates"
    router_classes: frozenset[str] = frozenset()
    router_factories: frozenset[str] = frozenset()
    app_factories: frozenset[str] = frozenset()
    pydantic_major: int = 2
