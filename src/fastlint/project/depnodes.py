"""Dependency trees as data: nodes, and the question every auth check asks of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from fastlint.project.modules import ModuleKey
from fastlint.summary import Param

MAX_DEPTH = 25

NodeKind = Literal["security", "function", "class", "login_form", "unknown", "plain"]


@dataclass(eq=False)
class DepNode:
    """One dependency; ``params`` are the parameters it receives (for pagination)."""

    kind: NodeKind
    label: str
    module: ModuleKey = ""
    params: tuple[Param, ...] = ()
    scope: str = ""
    children: list[DepNode] = field(default_factory=list)
    reason: str = ""
    via_call: bool = False  # called from a dependency's body: counts for auth, not parameters
    # A ``token``/``api_key`` parameter of a dependency: read from the request when the
    # function is a dependency, passed by the caller when it is called in a body.
    credential_param: bool = False

    def walk(self) -> Iterator[DepNode]:
        """This node and all below it, each once."""
        seen: set[int] = set()
        stack: list[DepNode] = [self]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            yield node
            stack.extend(reversed(node.children))


@dataclass(frozen=True)
class AuthVerdict:
    status: Literal["auth", "none", "unknown"]
    chain: tuple[str, ...] = ()
    reason: str = ""


def auth_verdict(roots: list[DepNode]) -> AuthVerdict:
    """Auth if any node is a security scheme (with the chain that reaches it)."""
    unknown_reason = ""
    for root in roots:
        chain = find_chain(root, "security")
        if chain is not None:
            return AuthVerdict("auth", tuple(node.label for node in chain))
    for root in roots:
        for node in root.walk():
            if node.kind == "unknown":
                unknown_reason = f"`{node.label}`: {node.reason}" if node.reason else node.label
                return AuthVerdict("unknown", reason=unknown_reason)
    return AuthVerdict("none")


def find_chain(
    node: DepNode,
    kind: NodeKind,
    depth: int = 0,
    seen: set[tuple[int, bool]] | None = None,
    called: bool = False,
) -> list[DepNode] | None:
    """The path to the first node of ``kind``; below a body call (``called``) the
    callee's own credential parameters do not count: its caller supplies them."""
    seen = seen if seen is not None else set()
    if (id(node), called) in seen or depth > MAX_DEPTH:
        return None
    seen.add((id(node), called))
    if node.kind == kind:
        return [node]
    for child in node.children:
        if called and child.credential_param:
            continue
        chain = find_chain(child, kind, depth + 1, seen, node.via_call)
        if chain is not None:
            return [node, *chain]
    return None
