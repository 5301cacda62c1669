"""Make a name importable in a module, in the module's own import style."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import libcst as cst

from fastlint.fixes.sequences import appended
from fastlint.fixes.tree import SourceTree, dotted_name, is_docstring


@dataclass(frozen=True)
class ImportPlan:
    """How to spell ``name`` in the module, and the module to use once it is imported."""

    spelling: str
    module: cst.Module


def _top_level_imports(module: cst.Module) -> list[tuple[int, cst.Import | cst.ImportFrom]]:
    found: list[tuple[int, cst.Import | cst.ImportFrom]] = []
    for index, statement in enumerate(module.body):
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import | cst.ImportFrom):
                    found.append((index, small))
    return found


def existing_spelling(module: cst.Module, source: str, name: str) -> str | None:
    """``name`` (or its alias) when ``from source import name`` is at top level;
    ``alias.name`` when ``import source [as alias]`` is."""
    for _, statement in _top_level_imports(module):
        if isinstance(statement, cst.ImportFrom):
            if statement.relative or statement.module is None:
                continue
            if dotted_name(statement.module) != source or isinstance(
                statement.names, cst.ImportStar
            ):
                continue
            for alias in statement.names:
                if dotted_name(alias.name) == name:
                    asname = alias.asname
                    if asname is not None and isinstance(asname.name, cst.Name):
                        return asname.name.value
                    return name
        else:
            for alias in statement.names:
                if dotted_name(alias.name) != source:
                    continue
                asname = alias.asname
                if asname is not None and isinstance(asname.name, cst.Name):
                    return f"{asname.name.value}.{name}"
                return f"{source}.{name}"
    return None


def binds(module: cst.Module, name: str) -> bool:
    """The module binds ``name`` at top level (assignment, def, class or import)."""
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef | cst.ClassDef):
            if statement.name.value == name:
                return True
            continue
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            targets: list[cst.BaseExpression] = []
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign | cst.AugAssign):
                targets = [small.target]
            elif isinstance(small, cst.Import | cst.ImportFrom) and not isinstance(
                small.names, cst.ImportStar
            ):
                for alias in small.names:
                    bound = alias.asname.name if alias.asname is not None else alias.name
                    local = dotted_name(bound)
                    if local is not None and local.split(".")[0] == name:
                        return True
            if any(isinstance(t, cst.Name) and t.value == name for t in targets):
                return True
    return False


def ensure_imported(
    tree: SourceTree, module: cst.Module, source: str, name: str
) -> ImportPlan | None:
    """Spell ``name`` from ``source`` in ``module``, adding the import if needed.

    An existing ``from source import ...`` is extended (keeping its parentheses
    and trailing comma); otherwise a new ``from source import name`` goes after
    the module's leading imports. None when the name is already used for
    something else in the file.
    """
    spelling = existing_spelling(module, source, name)
    if spelling is not None:
        return ImportPlan(spelling, module)
    if binds(module, name):
        return None  # the module has its own ``name``: an import would replace it
    imports = _top_level_imports(module)
    for index, statement in imports:
        if (
            isinstance(statement, cst.ImportFrom)
            and not statement.relative
            and statement.module is not None
            and dotted_name(statement.module) == source
            and not isinstance(statement.names, cst.ImportStar)
        ):
            return ImportPlan(name, _extend(module, index, statement, name))
    return ImportPlan(name, _insert(module, imports, f"from {source} import {name}", source))


def _extend(module: cst.Module, index: int, statement: cst.ImportFrom, name: str) -> cst.Module:
    assert not isinstance(statement.names, cst.ImportStar)
    opening = statement.lpar.whitespace_after if statement.lpar is not None else None
    names = appended(statement.names, cst.ImportAlias(name=cst.Name(name)), opening)
    written = [dotted_name(alias.name) or "" for alias in statement.names]
    if written == sorted(written, key=isort_key):  # an isort-ed line stays sorted
        names = _sorted_aliases(names)
    new_statement = statement.with_changes(names=names)
    line = module.body[index]
    assert isinstance(line, cst.SimpleStatementLine)
    new_line = line.with_changes(
        body=[new_statement if small is statement else small for small in line.body]
    )
    return module.with_changes(
        body=[new_line if i == index else s for i, s in enumerate(module.body)]
    )


def _is_stdlib(statement: cst.Import | cst.ImportFrom) -> bool:
    if isinstance(statement, cst.ImportFrom):
        if statement.relative or statement.module is None:
            return False
        names = [dotted_name(statement.module) or ""]
    else:
        names = [dotted_name(alias.name) or "" for alias in statement.names]
    return all(name.split(".")[0] in sys.stdlib_module_names for name in names)


def _insert(
    module: cst.Module,
    imports: list[tuple[int, cst.Import | cst.ImportFrom]],
    text: str,
    source: str,
) -> cst.Module:
    """Into the leading block of imports, with its group: a standard-library import
    after the last standard-library one, another after the last absolute import
    (before the project's relative ones); never after code that may use the name."""
    body = list(module.body)
    start = 1 if body and is_docstring(body[0]) else 0
    kinds = dict(imports)
    end = start
    while end < len(body) and end in kinds:
        end += 1
    stdlib = source.split(".")[0] in sys.stdlib_module_names
    position = start
    for index in range(start, end):
        existing = kinds[index]
        relative = isinstance(existing, cst.ImportFrom) and bool(existing.relative)
        if _is_stdlib(existing) if stdlib else not relative:
            position = index + 1
    statement = cst.parse_statement(text + module.default_newline)
    if position < len(body) and (position == start or position not in kinds):
        # first in its block: take over the leading comments, keep a blank line after
        following = body[position]
        if isinstance(following, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            statement = statement.with_changes(leading_lines=following.leading_lines)
            body[position] = following.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
    elif not stdlib and position > start and _is_stdlib(kinds[position - 1]):
        statement = statement.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
    body.insert(position, statement)
    return module.with_changes(body=body)


def isort_key(name: str) -> tuple[int, str]:
    """isort's (and ruff's) order-by-type: CONSTANTS, then Classes, then functions."""
    if name.isupper() and len(name) > 1:
        return 0, name
    return (1 if name[:1].isupper() else 2), name


def _sorted_aliases(names: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    """The aliases in name order, each slot keeping its comma (and its layout)."""
    commas = [alias.comma for alias in names]
    ordered = sorted(names, key=lambda alias: isort_key(dotted_name(alias.name) or ""))
    return [alias.with_changes(comma=comma) for alias, comma in zip(ordered, commas, strict=True)]
