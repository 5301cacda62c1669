"""Make a name importable in a module, in the module's own import style."""

from __future__ import annotations

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
    if tree.mentions(name):
        return None  # bound or used otherwise: adding an import could shadow it
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
    return ImportPlan(name, _insert(module, imports, f"from {source} import {name}"))


def _extend(module: cst.Module, index: int, statement: cst.ImportFrom, name: str) -> cst.Module:
    assert not isinstance(statement.names, cst.ImportStar)
    opening = statement.lpar.whitespace_after if statement.lpar is not None else None
    names = appended(statement.names, cst.ImportAlias(name=cst.Name(name)), opening)
    written = [dotted_name(alias.name) or "" for alias in statement.names]
    if written == sorted(written):  # an isort-ed line stays sorted
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


def _insert(
    module: cst.Module, imports: list[tuple[int, cst.Import | cst.ImportFrom]], text: str
) -> cst.Module:
    """After the leading run of imports (or the docstring), never after code that
    might already use the name."""
    body = list(module.body)
    position = 0
    if body and is_docstring(body[0]):
        position = 1
    indices = {index for index, _ in imports}
    while position < len(body) and position in indices:
        position += 1
    statement = cst.parse_statement(text + module.default_newline)
    if position < len(body) and position == 0 and body:
        # keep the file's leading comments (a licence header) above the new import
        first = body[0]
        statement = statement.with_changes(leading_lines=first.leading_lines)
        body[0] = first.with_changes(leading_lines=())
    body.insert(position, statement)
    return module.with_changes(body=body)


def _sorted_aliases(names: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    """The aliases in name order, each slot keeping its comma (and its layout)."""
    commas = [alias.comma for alias in names]
    ordered = sorted(names, key=lambda alias: dotted_name(alias.name) or "")
    return [alias.with_changes(comma=comma) for alias, comma in zip(ordered, commas, strict=True)]
