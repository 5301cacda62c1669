"""Pagination fixes: an upper bound (``le=``) on a parameter, in the form it uses."""

from __future__ import annotations

import libcst as cst

from fastlint.findings import BoundParameter
from fastlint.fixes.imports import ensure_imported, existing_spelling
from fastlint.fixes.sequences import with_keyword
from fastlint.fixes.tree import SourceTree, dotted_name

# FastAPI's parameter functions: any of them takes ``le=``.
PARAM_FUNCTIONS = frozenset({"Query", "Path", "Header", "Cookie", "Form", "Body", "Field"})
BOUND_KEYWORDS = ("le", "lt")


def _param_function(node: cst.BaseExpression | None) -> cst.Call | None:
    if isinstance(node, cst.Call):
        name = dotted_name(node.func)
        if name is not None and name.rsplit(".", 1)[-1] in PARAM_FUNCTIONS:
            return node
    return None


def _above(node: cst.BaseExpression | None, bound: int) -> bool:
    """A literal default above the bound: FastAPI does not check defaults."""
    if isinstance(node, cst.Call):
        given = [a.value for a in node.args if a.keyword is None][:1]
        given += [a.value for a in node.args if a.keyword and a.keyword.value == "default"]
        node = given[0] if given else None
    return isinstance(node, cst.Integer) and int(node.evaluated_value) > bound


def _bounded(call: cst.Call, bound: int) -> cst.Call | None:
    if any(arg.keyword is not None and arg.keyword.value in BOUND_KEYWORDS for arg in call.args):
        return None
    return with_keyword(call, "le", cst.Integer(str(bound)))


def _annotated_metadata(annotation: cst.BaseExpression) -> cst.Call | bool | None:
    """The parameter function inside ``Annotated[T, Query(...)]``; False when the
    annotation is not ``Annotated`` at all, None when it is but holds none."""
    if not isinstance(annotation, cst.Subscript):
        return False
    name = dotted_name(annotation.value)
    if name is None or name.rsplit(".", 1)[-1] != "Annotated":
        return False
    for element in annotation.slice[1:]:
        if isinstance(element.slice, cst.Index):
            call = _param_function(element.slice.value)
            if call is not None:
                return call
    return None


def _find_param(function: cst.FunctionDef, name: str) -> cst.Param | None:
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == name:
            return param
    return None


def _annotated_spelling(tree: SourceTree, module: cst.Module) -> tuple[str, cst.Module] | None:
    for source in ("typing", "typing_extensions"):
        spelling = existing_spelling(module, source, "Annotated")
        if spelling is not None:
            return spelling, module
    plan = ensure_imported(tree, module, "typing", "Annotated")
    return (plan.spelling, plan.module) if plan is not None else None


def bound_parameter(tree: SourceTree, request: BoundParameter) -> cst.Module | None:
    function = tree.function_named_on(request.def_line)
    param = _find_param(function, request.param) if function is not None else None
    if param is None or _above(param.default, request.bound):
        return None
    default_call = _param_function(param.default)
    if default_call is not None:  # limit: int = Query(10)
        bounded = _bounded(default_call, request.bound)
        return tree.replace(tree.module, default_call, bounded) if bounded else None
    annotation = param.annotation.annotation if param.annotation is not None else None
    if annotation is None:
        return None  # no type: FastAPI would not know what ``le`` bounds
    inner = _annotated_metadata(annotation)
    if inner is None:
        return None
    if inner is not False:  # limit: Annotated[int, Query()] = 10
        assert isinstance(inner, cst.Call)
        bounded = _bounded(inner, request.bound)
        return tree.replace(tree.module, inner, bounded) if bounded else None
    if isinstance(annotation, cst.Call):
        return None  # conint(...) and friends: not a type this fix rewrites
    query_plan = ensure_imported(tree, tree.module, "fastapi", "Query")
    if query_plan is None:
        return None
    module = query_plan.module
    bound = f"le={request.bound}"
    if param.default is None or "Annotated[" in tree.text:
        found = _annotated_spelling(tree, module)
        if found is None:
            return None
        spelling, module = found
        new_annotation = cst.parse_expression(
            f"{spelling}[{tree.module.code_for_node(annotation)}, {query_plan.spelling}({bound})]"
        )
        new_param = param.with_changes(annotation=cst.Annotation(new_annotation))
    else:
        default = tree.module.code_for_node(param.default)
        new_param = param.with_changes(
            default=cst.parse_expression(f"{query_plan.spelling}({default}, {bound})")
        )
    return tree.replace(module, param, new_param)
