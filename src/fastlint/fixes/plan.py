"""Turn fix requests into edits: one libcst parse per file that needs it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

import libcst as cst

from fastlint.findings import (
    AddConfigKey,
    AddStatusCode,
    BoundParameter,
    Edit,
    Finding,
    Fix,
    FixRequest,
    MoveConfigClass,
    RenameConfigKey,
)
from fastlint.fixes.bounds import bound_parameter
from fastlint.fixes.edits import apply_edits
from fastlint.fixes.pydantic_config import add_config_key, move_config_class, rename_config_key
from fastlint.fixes.routes import add_status_code
from fastlint.fixes.tree import SourceTree

Transform = Callable[[SourceTree, Any], cst.Module | None]
TRANSFORMS: dict[type[FixRequest], Transform] = {
    MoveConfigClass: move_config_class,
    RenameConfigKey: rename_config_key,
    AddConfigKey: add_config_key,
    AddStatusCode: add_status_code,
    BoundParameter: bound_parameter,
}


def target_path(finding: Finding) -> str:
    """The file a finding's fix edits (a schema's file for FL602's call sites)."""
    request = finding.request
    if isinstance(request, AddConfigKey) and request.path:
        return request.path
    return finding.path


def parses(text: str, *, with_ast: bool = True) -> bool:
    """The text is valid for libcst and (when the original was) for ``ast`` and
    the compiler (which also refuses a repeated keyword argument)."""
    try:
        cst.parse_module(text)
    except (ValueError, cst.ParserSyntaxError):
        return False
    return compiles(text, with_ast)


def compiles(text: str, required: bool = True) -> bool:
    """``ast`` and the compiler accept the text (trivially true when not ``required``:
    a file in syntax newer than this Python, which only libcst reads)."""
    if not required:
        return True
    try:
        compile(text, "<fix>", "exec", dont_inherit=True)  # also a repeated keyword
    except (SyntaxError, ValueError):
        return False
    return True


def attach_fixes(
    findings: Iterable[Finding],
    read: Callable[[str], str | None],
    allowed: Callable[[str], bool] = lambda path: True,
) -> list[Finding]:
    """``findings`` with ``fix`` filled in wherever a request can be carried out.

    A request whose file cannot be read or parsed, whose target is not ``allowed``
    (pre-commit: a file not being checked), whose transform declines or fails, or
    whose result does not parse, leaves the finding without a fix.
    """
    result = list(findings)
    groups: dict[str, list[int]] = {}
    for index, finding in enumerate(result):
        if finding.request is not None and finding.fix is None:
            groups.setdefault(target_path(finding), []).append(index)
    for path, indices in sorted(groups.items()):
        if not allowed(path):
            continue
        text = read(path)
        if text is None:
            continue
        try:
            tree = SourceTree(text)
        except Exception:  # libcst refuses what ast accepted: no fix, never a crash
            continue
        with_ast = compiles(text, True)  # newer syntax than this Python: libcst only
        for index in indices:
            finding = result[index]
            fix = _fix_for(tree, finding, path, with_ast)
            if fix is not None:
                result[index] = replace(finding, fix=fix)
    return result


def _fix_for(tree: SourceTree, finding: Finding, path: str, with_ast: bool) -> Fix | None:
    request = finding.request
    assert request is not None
    transform = TRANSFORMS.get(type(request))
    if transform is None:
        return None
    try:
        module = transform(tree, request)
    except Exception:  # a fix that cannot be made is no fix, never a crash
        return None
    if module is None:
        return None
    edits = tree.edits(module)
    # The compiler only here (libcst printed these statements itself); the full
    # re-parse, libcst and ``ast``, comes before anything is written.
    new_text = apply_edits(tree.text, edits)
    if new_text == tree.text or not compiles(new_text, with_ast):
        return None
    if path != finding.path:
        edits = tuple(Edit(edit.span, edit.content, path) for edit in edits)
    return Fix(request.applicability, request.title, edits)
