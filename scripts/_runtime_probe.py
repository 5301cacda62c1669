"""Run in a subprocess by ``runtime_crosscheck.py``: import one example, print the route
table FastAPI really built as one JSON line on stdout (after a marker: examples print).

    python _runtime_probe.py MODULE [MODULE ...]      (cwd = the example's copy)

Kept apart from the comparison so it runs with any interpreter that has FastAPI, and so
one example's import side effects (globals, sys.modules, files) die with its process.
"""

from __future__ import annotations

import enum
import importlib
import json
import sys
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

import fastapi
import fastapi.routing
from fastapi.routing import APIRoute, APIWebSocketRoute
from fastapi.security.base import SecurityBase
from starlette.routing import BaseRoute, Mount

MARKER = "@@fastlint-runtime-routes@@"


def security_in(dependant: Any, seen: set[int] | None = None) -> bool:
    """Is a ``fastapi.security`` scheme anywhere in the dependant tree?"""
    seen = set() if seen is None else seen
    if dependant is None or id(dependant) in seen:
        return False
    seen.add(id(dependant))
    if isinstance(getattr(dependant, "call", None), SecurityBase):
        return True
    return any(security_in(child, seen) for child in getattr(dependant, "dependencies", []))


def type_label(tp: Any) -> str | None:
    """``list[Item]``, ``Item | None``: the spelling a source annotation would have."""
    if tp is None or tp is type(None):
        return None if tp is None else "None"
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return type_label(args[0])
    if origin is typing.Union or origin is types.UnionType:
        return " | ".join(type_label(arg) or "None" for arg in args)
    if origin is typing.Literal:
        return f"Literal[{', '.join(repr(arg) for arg in args)}]"
    if origin is not None:
        name = getattr(origin, "__name__", None) or str(origin)
        inner = ", ".join("..." if arg is Ellipsis else type_label(arg) or "None" for arg in args)
        return f"{name}[{inner}]" if args else name
    if tp is typing.Any:
        return "Any"
    if isinstance(tp, type):
        return tp.__name__
    return repr(tp)


def _tag(tag: Any) -> str:
    return str(tag.value) if isinstance(tag, enum.Enum) else str(tag)


def _contexts(routes: Sequence[BaseRoute]) -> Iterator[tuple[BaseRoute, Any]]:
    """(route as registered, route as served): FastAPI >= 0.16x builds included routers
    lazily (``iter_route_contexts``); older ones copy every route into ``app.routes``."""
    iterate = getattr(fastapi.routing, "iter_route_contexts", None)
    if iterate is None:
        for route in routes:
            yield route, route
        return
    for context in iterate(routes):
        yield context.original_route, context


def route_table(app: Any, prefix: str, mounted: set[int]) -> Iterator[dict[str, Any]]:
    """Every API and websocket route of ``app``, mounts included (their apps go into
    ``mounted``); other Starlette routes (docs, ``add_route``) as ``kind: other``."""
    for route, served in _contexts(getattr(app, "routes", [])):
        path = prefix + str(getattr(served, "path", "") or "")
        if isinstance(route, Mount):
            inner = route.app
            mounted.add(id(inner))
            if hasattr(inner, "routes"):
                yield from route_table(inner, path, mounted)
            else:
                yield {"kind": "mount", "path": path, "app": type(inner).__name__}
            continue
        if isinstance(route, APIWebSocketRoute):
            yield {
                "kind": "websocket",
                "methods": ["WEBSOCKET"],
                "path": path,
                "security": security_in(getattr(served, "dependant", None)),
                "endpoint": getattr(route.endpoint, "__qualname__", "?"),
            }
            continue
        if not isinstance(route, APIRoute):
            yield {"kind": "other", "path": path, "route": type(route).__name__}
            continue
        yield {
            "kind": "api",
            "methods": sorted(served.methods or []),
            "path": path,
            "tags": [_tag(tag) for tag in served.tags or []],
            "status_code": served.status_code,
            "response_model": type_label(served.response_model),
            # Newer FastAPI: an ``AsyncIterable[Item]`` return streams items, no model.
            "stream_item": type_label(getattr(served, "stream_item_type", None)),
            "security": security_in(served.dependant),
            "endpoint": getattr(route.endpoint, "__qualname__", "?"),
        }


def probe(modules: list[str]) -> list[dict[str, Any]]:
    """The route table of every ``FastAPI`` instance in the modules' globals that no
    other one mounts (a mounted app's routes come with the mount's path)."""
    apps: list[tuple[str, Any]] = []
    for name in modules:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, fastapi.FastAPI) and all(value is not a for _, a in apps):
                apps.append((f"{name}.{attribute}", value))
    mounted: set[int] = set()
    tables = [(label, app, list(route_table(app, "", mounted))) for label, app in apps]
    return [
        {"app": label, "routes": routes} for label, app, routes in tables if id(app) not in mounted
    ]


def main(argv: list[str]) -> int:
    sys.path.insert(0, ".")
    result = probe(argv)
    sys.stdout.write("\n" + MARKER + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
