"""Pydantic config fixes: ``class Config`` -> ``model_config``, v1 key renames,
``from_attributes=True`` added where the config lives."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from fastlint.analysis.pydantic import translate_key
from fastlint.findings import AddConfigKey, MoveConfigClass, RenameConfigKey
from fastlint.fixes.imports import ensure_imported
from fastlint.fixes.sequences import appended, with_keyword, without
from fastlint.fixes.tree import SourceTree, code, is_docstring

LINE_LENGTH = 88


def config_dict_source(settings: bool) -> tuple[str, str]:
    """Where the config type comes from: (module, name)."""
    return ("pydantic_settings", "SettingsConfigDict") if settings else ("pydantic", "ConfigDict")


@dataclass(frozen=True)
class Setting:
    """One ``key = value`` of a v1 ``class Config`` as it will be written in v2."""

    key: str
    value: str
    comments: tuple[str, ...] = ()  # own-line comments above it
    trailing: str | None = None  # a comment after it on its line


def v2_setting(
    key: str, value: cst.BaseExpression, present: frozenset[str]
) -> tuple[str, str] | None:
    """The v2 spelling of a v1 ``key = value`` beside the ``present`` keys; ("", "")
    to drop it; None when there is none."""
    literal = None
    if isinstance(value, cst.Name) and value.value in ("True", "False"):
        literal = value.value == "True"
    translation = translate_key(key, literal, present)
    if isinstance(translation, str):
        return None
    if translation.key is None:
        return "", ""
    text = str(translation.value) if translation.value is not None else code(value)
    return translation.key, text


def _model_class(tree: SourceTree, line: int) -> cst.ClassDef | None:
    model = tree.class_named_on(line)
    if model is None or not isinstance(model.body, cst.IndentedBlock):
        return None
    return model


def _docstring_lines(node: cst.BaseExpression) -> tuple[str, ...]:
    if not isinstance(node, cst.SimpleString):
        return ()
    text = node.evaluated_value
    if not isinstance(text, str):
        return ()
    return tuple(f"# {line.strip()}".rstrip() for line in text.strip().splitlines())


def _statements(config: cst.ClassDef) -> list[tuple[cst.BaseSmallStatement, str | None, list[str]]]:
    """Each small statement of the class body with its trailing comment and the
    own-line comments above it (an indented block or a one-line suite)."""
    body = config.body
    found: list[tuple[cst.BaseSmallStatement, str | None, list[str]]] = []
    if isinstance(body, cst.SimpleStatementSuite):
        comment = body.trailing_whitespace.comment
        for small in body.body:
            found.append((small, comment.value if comment else None, []))
        return found
    for statement in body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            raise _NotPlain
        above = [line.comment.value for line in statement.leading_lines if line.comment]
        trailing = statement.trailing_whitespace.comment
        for index, small in enumerate(statement.body):
            last = index == len(statement.body) - 1
            found.append((small, trailing.value if trailing and last else None, above))
            above = []
    return found


class _NotPlain(Exception):
    """``Config`` holds a statement other than ``key = value``."""


def _assignment(small: cst.BaseSmallStatement) -> tuple[str, cst.BaseExpression] | None:
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target, value = small.targets[0].target, small.value
    elif isinstance(small, cst.AnnAssign) and small.value is not None:
        target, value = small.target, small.value
    else:
        return None
    return (target.value, value) if isinstance(target, cst.Name) else None


def _settings(config: cst.ClassDef, body_names: set[str]) -> list[Setting] | None:
    """The config class's settings, comments attached; None when something is not
    a plain ``key = value`` the fix can carry over unchanged in meaning."""
    try:
        statements = _statements(config)
    except _NotPlain:
        return None
    pairs: list[tuple[str, cst.BaseExpression]] = []
    for small, _, _ in statements:
        if isinstance(small, cst.Pass) or (
            isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString)
        ):
            continue
        pair = _assignment(small)
        if pair is None:
            return None
        pairs.append(pair)
    keys = [key for key, _ in pairs]
    present = frozenset(keys)
    if len(present) != len(keys):
        return None  # a key set twice: the last one wins, and a call cannot say that
    for _, value in pairs:
        if _names(value) & (body_names | present):
            return None  # moved into the model's body, the name would mean another thing
    settings: list[Setting] = []
    pending: list[str] = []
    body = config.body
    if isinstance(body, cst.IndentedBlock) and body.header.comment is not None:
        pending.append(body.header.comment.value)
    for small, trailing, above in statements:
        pending.extend(above)
        if isinstance(small, cst.Expr):
            pending.extend(_docstring_lines(small.value))
            continue
        pair = _assignment(small)
        if pair is None:
            continue
        translated = v2_setting(*pair, present)
        if translated is None:
            return None
        key, text = translated
        if not key:  # dropped; its comments move on to the next setting
            continue
        settings.append(Setting(key, text, tuple(pending), trailing))
        pending = []
    if isinstance(body, cst.IndentedBlock):
        pending.extend(line.comment.value for line in body.footer if line.comment)
    if pending:
        settings.append(Setting("", "", tuple(pending)))
    return settings


def _names(node: cst.CSTNode) -> set[str]:
    """Every name an expression reads (lambda parameters included: a superset)."""
    names: set[str] = set()

    class Collector(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            names.add(name.value)

        def visit_Attribute(self, attribute: cst.Attribute) -> bool:
            attribute.value.visit(self)
            return False

    node.visit(Collector())
    return names


def _body_names(model: cst.ClassDef) -> set[str]:
    """Names the model's own body binds: fields with defaults, methods, classes."""
    assert isinstance(model.body, cst.IndentedBlock)
    names: set[str] = set()
    for statement in model.body.body:
        if isinstance(statement, cst.FunctionDef | cst.ClassDef):
            names.add(statement.name.value)
        elif isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                pair = _assignment(small)
                if pair is not None:
                    names.add(pair[0])
    return names


def _config_statement(spelling: str, settings: list[Setting], indent: int) -> str:
    """``model_config = ConfigDict(...)``: one line when it fits and has no comments."""
    real = [s for s in settings if s.key]
    plain = all(not s.comments and not s.trailing for s in settings)
    one_line = f"model_config = {spelling}({', '.join(f'{s.key}={s.value}' for s in real)})"
    if plain and "\n" not in one_line and indent + len(one_line) <= LINE_LENGTH:
        return one_line + "\n"
    lines = [f"model_config = {spelling}("]
    for setting in settings:
        lines.extend(f"    {comment}" for comment in setting.comments)
        if setting.key:
            line = f"    {setting.key}={_indented(setting.value)},"
            lines.append(f"{line}  {setting.trailing}" if setting.trailing else line)
    lines.append(")")
    return "\n".join(lines) + "\n"


def _indented(value: str) -> str:
    """A multi-line value one level deeper (it moves into the call's arguments);
    triple-quoted strings are left exactly as written."""
    if '"""' in value or "'''" in value:
        return value
    return value.replace("\n", "\n    ")


def _indent_of(tree: SourceTree, node: cst.CSTNode) -> int:
    return tree.range(node).start.column


def move_config_class(tree: SourceTree, request: MoveConfigClass) -> cst.Module | None:
    """Replace ``class Config:`` with ``model_config = ConfigDict(...)`` in place."""
    model = _model_class(tree, request.class_line)
    if model is None:
        return None
    assert isinstance(model.body, cst.IndentedBlock)
    configs = [
        s for s in model.body.body if isinstance(s, cst.ClassDef) and s.name.value == "Config"
    ]
    if len(configs) != 1:
        return None
    config = configs[0]
    if config.bases or config.keywords or config.decorators:
        return None
    settings = _settings(config, _body_names(model) - {"Config"})
    if settings is None:
        return None
    source, name = config_dict_source(request.settings)
    plan = ensure_imported(tree, tree.module, source, name)
    if plan is None:
        return None
    text = _config_statement(plan.spelling, settings, _indent_of(tree, config))
    statement = cst.parse_statement(text).with_changes(leading_lines=config.leading_lines)
    return tree.replace(plan.module, config, statement)


def _model_config(model: cst.ClassDef) -> tuple[cst.SimpleStatementLine, cst.BaseExpression] | None:
    assert isinstance(model.body, cst.IndentedBlock)
    for statement in model.body.body:
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            continue
        small = statement.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            target, value = small.targets[0].target, small.value
        elif isinstance(small, cst.AnnAssign) and small.value is not None:
            target, value = small.target, small.value
        else:
            continue
        if isinstance(target, cst.Name) and target.value == "model_config":
            return statement, value
    return None


def _string_key(element: cst.BaseDictElement) -> str | None:
    if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
        value = element.key.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _renamed_string(node: cst.SimpleString, new: str) -> cst.SimpleString:
    quote = node.quote
    return node.with_changes(value=f"{node.prefix}{quote}{new}{quote}")


def rename_config_key(tree: SourceTree, request: RenameConfigKey) -> cst.Module | None:
    """Rename, invert or drop one v1 key inside ``ConfigDict(...)`` or a dict."""
    model = _model_class(tree, request.class_line)
    found = _model_config(model) if model is not None else None
    if found is None:
        return None
    _, value = found
    if isinstance(value, cst.Call):
        present = frozenset(a.keyword.value for a in value.args if a.keyword is not None)
        for index, arg in enumerate(value.args):
            if arg.keyword is None or arg.keyword.value != request.key:
                continue
            translated = v2_setting(request.key, arg.value, present)
            if translated is None:
                return None
            key, text = translated
            if not key:
                new_call = value.with_changes(args=without(value.args, index))
            else:
                new_arg = (
                    arg.with_changes(keyword=cst.Name(key), value=cst.parse_expression(text))
                    if text != code(arg.value)
                    else arg.with_changes(keyword=cst.Name(key))
                )
                new_call = value.with_changes(args=[new_arg if a is arg else a for a in value.args])
            return tree.replace(tree.module, value, new_call)
        return None
    if isinstance(value, cst.Dict):
        present = frozenset(k for e in value.elements if (k := _string_key(e)) is not None)
        for index, element in enumerate(value.elements):
            if _string_key(element) != request.key:
                continue
            assert isinstance(element, cst.DictElement) and isinstance(
                element.key, cst.SimpleString
            )
            translated = v2_setting(request.key, element.value, present)
            if translated is None:
                return None
            key, text = translated
            if not key:
                new_dict = value.with_changes(elements=without(value.elements, index))
            else:
                new_element = element.with_changes(key=_renamed_string(element.key, key))
                if text != code(element.value):
                    new_element = new_element.with_changes(value=cst.parse_expression(text))
                new_dict = value.with_changes(
                    elements=[new_element if e is element else e for e in value.elements]
                )
            return tree.replace(tree.module, value, new_dict)
    return None


def add_config_key(tree: SourceTree, request: AddConfigKey) -> cst.Module | None:
    """Set ``key=value`` wherever the class keeps its config: ``model_config``,
    a ``class Config``, or a new ``model_config`` at the top of the class."""
    model = _model_class(tree, request.class_line)
    if model is None:
        return None
    assert isinstance(model.body, cst.IndentedBlock)
    value_node = cst.parse_expression(request.value)
    found = _model_config(model)
    if found is not None:
        _, value = found
        if isinstance(value, cst.Call) and not any(a.star for a in value.args):
            new_call = with_keyword(value, request.key, value_node)
            if new_call is None:
                return None
            return tree.replace(tree.module, value, new_call)
        if isinstance(value, cst.Dict) and all(
            isinstance(e, cst.DictElement) for e in value.elements
        ):
            if any(_string_key(e) == request.key for e in value.elements):
                return None
            element = cst.DictElement(cst.SimpleString(f'"{request.key}"'), value_node)
            new_dict = value.with_changes(
                elements=appended(value.elements, element, value.lbrace.whitespace_after)
            )
            return tree.replace(tree.module, value, new_dict)
        return None
    configs = [
        s for s in model.body.body if isinstance(s, cst.ClassDef) and s.name.value == "Config"
    ]
    if configs:
        config = configs[0]
        if not isinstance(config.body, cst.IndentedBlock):
            return None
        statement = cst.parse_statement(f"{request.key} = {request.value}\n")
        new_body = config.body.with_changes(body=[*config.body.body, statement])
        return tree.replace(tree.module, config.body, new_body)
    source, name = config_dict_source(request.settings)
    plan = ensure_imported(tree, tree.module, source, name)
    if plan is None:
        return None
    statement = cst.parse_statement(
        f"model_config = {plan.spelling}({request.key}={request.value})\n"
    )
    body = list(model.body.body)
    position = 1 if body and is_docstring(body[0]) else 0
    if position < len(body):
        following = body[position]
        if isinstance(following, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            statement = statement.with_changes(leading_lines=following.leading_lines)
            body[position] = following.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
    body.insert(position, statement)
    new_model_body = model.body.with_changes(body=body)
    return tree.replace(plan.module, model.body, new_model_body)
