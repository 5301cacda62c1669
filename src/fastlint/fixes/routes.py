"""Route fixes: a ``status_code=`` on the route's decorator or call."""

from __future__ import annotations

import libcst as cst

from fastlint.findings import AddStatusCode
from fastlint.fixes.imports import existing_spelling
from fastlint.fixes.sequences import with_keyword
from fastlint.fixes.tree import SourceTree

STATUS_NAMES = {201: "HTTP_201_CREATED", 204: "HTTP_204_NO_CONTENT"}
STATUS_MODULES = ("fastapi", "starlette")


def status_spelling(module: cst.Module, status: int) -> str:
    """``status.HTTP_201_CREATED`` when the module imports ``status`` (or the
    constant itself), the literal otherwise: no import is added for a number."""
    constant = STATUS_NAMES.get(status)
    if constant is None:
        return str(status)
    for source in STATUS_MODULES:
        direct = existing_spelling(module, f"{source}.status", constant)
        if direct is not None and "." not in direct:
            return direct
        imported = existing_spelling(module, source, "status")
        if imported is not None and "." not in imported:
            return f"{imported}.{constant}"
    return str(status)


def add_status_code(tree: SourceTree, request: AddStatusCode) -> cst.Module | None:
    call = tree.call_at(request.line, request.column)
    if call is None:
        return None
    value = cst.parse_expression(status_spelling(tree.module, request.status))
    new_call = with_keyword(call, "status_code", value)
    if new_call is None:
        return None
    return tree.replace(tree.module, call, new_call)
