"""Duplicate and shadowed routes per app (FL402, FL403), computed once per project."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from fastlint.project import Project
from fastlint.project.effective import RouteInstance
from fastlint.project.graph import UNKNOWN_METHOD

PARAM = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_]+))?\}$")
CONVERTOR_PATTERNS = {
    "int": re.compile(r"^[0-9]+$"),
    "float": re.compile(r"^[0-9]+(\.[0-9]+)?$"),
    "uuid": re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
}


@dataclass(frozen=True)
class Conflict:
    later: RouteInstance
    earlier: RouteInstance
    method: str
    capture: str = ""  # FL403: the segment text that captures the later route


def _uncertain(instance: RouteInstance) -> bool:
    """Registration or matching fastlint cannot be sure of: skip the pair."""
    route = instance.route
    if UNKNOWN_METHOD in route.methods:
        return True  # methods fastlint cannot read
    if route.conditional or route.opaque or route.via_param:
        return True  # under if/try/with, or on an app passed in: maybe never registered
    if instance.app.assumed:
        return True  # an app passed in: other code may register routes on it too
    if route.owner.call.kwarg("route_class") is not None:
        return True  # a custom route class may match differently
    return any(edge.site.conditional for edge in instance.chain)


def _segments(path: str) -> list[str]:
    return path.split("/")


def captures(earlier: str, later: str) -> str | None:
    """The earlier path's parameter that swallows the later path, if one does."""
    return _captures(_segments(earlier), _segments(later))


def _captures(first: list[str], second: list[str]) -> str | None:
    capture = None
    for index, segment in enumerate(first):
        match = PARAM.match(segment)
        if match and match.group(2) == "path":
            return segment if len(second) > index and second[index] else None
        if index >= len(second):
            return None
        other = second[index]
        if segment == other:
            continue
        if "{" in segment or "⟨" in segment or "⟨" in other:
            if match is None:
                return None
            convertor = match.group(2)
            if convertor in (None, "str"):
                if not other:
                    return None
                capture = capture or segment
                continue
            pattern = CONVERTOR_PATTERNS.get(convertor)
            if pattern is None or PARAM.match(other) or not pattern.match(other):
                return None
            capture = capture or segment
            continue
        return None
    if len(first) != len(second):
        return None
    return capture


def conflicts(project: Project) -> tuple[list[Conflict], list[Conflict]]:
    """(duplicates, shadowed) across every app; memoized on the project."""
    cached = project.memo.get("conflicts")
    if isinstance(cached, tuple):
        return cached
    duplicates: list[Conflict] = []
    shadowed: list[Conflict] = []
    by_app_method: dict[tuple[int, str], list[RouteInstance]] = defaultdict(list)
    for instance in project.instances:
        if instance.route.kind != "http" or _uncertain(instance):
            continue
        for method in instance.methods:
            by_app_method[(id(instance.app), method)].append(instance)
    for (_, method), instances in by_app_method.items():
        instances.sort(key=lambda item: item.order)
        seen_paths: dict[str, RouteInstance] = {}
        # Earlier routes that could capture a later one: those with as many segments,
        # and those with a ``{x:path}`` parameter (which captures longer paths too).
        by_length: dict[int, list[tuple[int, list[str], RouteInstance]]] = defaultdict(list)
        with_path_param: list[tuple[int, list[str], RouteInstance]] = []
        for index, later in enumerate(instances):
            path = later.path.value
            segments = _segments(path)
            first = seen_paths.get(path)
            if first is not None:
                if first.route is not later.route:
                    duplicates.append(Conflict(later, first, method))
                continue
            seen_paths[path] = later
            if len(instances) <= 2000:  # quadratic at worst: skip on pathological apps
                candidates = sorted(
                    [*by_length.get(len(segments), ()), *with_path_param], key=lambda c: c[0]
                )
                for _, earlier_segments, earlier in candidates:
                    if earlier.route is later.route:
                        continue
                    capture = _captures(earlier_segments, segments)
                    if capture is not None:
                        shadowed.append(Conflict(later, earlier, method, capture))
                        break
            entry = (index, segments, later)
            if ":path}" in path:
                with_path_param.append(entry)
            else:
                by_length[len(segments)].append(entry)
    result = (duplicates, shadowed)
    project.memo["conflicts"] = result
    return result
