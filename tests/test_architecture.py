"""Layering, checked on the source: no import cycles, rules never import rules, and the
routes report and the analysis layer never import a rule."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> project modules it imports (anywhere in the file, lazy imports too)."""
    modules = {_module_name(p): p for p in (SRC / "fastlint").rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for child in sorted(graph[node]):
            if state.get(child) == 1:
                found.append([*stack[stack.index(child) :], child])
            elif child not in state:
                visit(child)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(import_graph()) == []


def test_cycle_detector_sees_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]


def test_rules_never_import_rules() -> None:
    graph = import_graph()
    offenders = {
        module: sorted(d for d in deps if d.startswith("fastlint.rules.fl"))
        for module, deps in graph.items()
        if module.startswith(("fastlint.rules.fl", "fastlint.analysis", "fastlint.routes_report"))
    }
    assert {m: d for m, d in offenders.items() if d} == {}


def test_model_never_imports_policy() -> None:
    graph = import_graph()
    offenders = {
        module: sorted(d for d in deps if d.startswith(("fastlint.rules", "fastlint.analysis")))
        for module, deps in graph.items()
        if module.startswith("fastlint.project")
    }
    assert {m: d for m, d in offenders.items() if d} == {}
