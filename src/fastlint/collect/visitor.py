"""One traversal of a module's syntax tree that fills in its ``ModuleSummary``.

The visitor records only what the project pass needs: imports, assignments,
functions (signatures, decorators, return statements), classes (bases, config),
and the calls that wire an application together or validate ORM objects.

Columns: ``ast`` reports UTF-8 byte offsets; summaries hold code-point columns
(the unit users and libcst count in), converted here for non-ASCII lines.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from fastlint.collect.expressions import Converter
from fastlint.summary import (
    Assign,
    Call,
    CallSite,
    ClassInfo,
    ConfigClass,
    ConfigEntry,
    Decorator,
    Expr,
    Function,
    Import,
    Loop,
    Other,
    Param,
    ParamKind,
    Pos,
    Return,
    Seq,
)

# Method names whose calls the project pass needs, wherever they appear.
INTERESTING_CALLS = frozenset(
    {
        "include_router",
        "add_api_route",
        "add_api_websocket_route",
        "mount",
        "from_orm",
        "model_validate",
        "__init__",
    }
)

# ``owner.<method>(path)(handler)`` registers a route without a decorator.
ROUTE_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route", "websocket"}
)

# Values of bindings the summary cannot split (no ``ast.unparse``: it is costly).
_UNPACKED = Other("a value unpacked from a call or starred target")
_ENTERED = Other("the value a `with` statement's context manager returns")

_FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass
class _FunctionFrame:
    name: str
    qualname: str
    class_name: str | None
    returns: list[Return] = field(default_factory=list)
    is_generator: bool = False
    conditional: bool = False
    sets_status_code: bool = False


@dataclass
class _ClassFrame:
    name: str
    qualname: str


# Nodes with nothing below them that the collector records: they are not dispatched
# at all (two thirds of a module's nodes are names, constants, contexts, operators).
_LEAVES: tuple[type[ast.AST], ...] = (
    ast.Name,
    ast.Constant,
    ast.expr_context,
    ast.boolop,
    ast.operator,
    ast.unaryop,
    ast.cmpop,
    ast.alias,
    ast.Pass,
    ast.Break,
    ast.Continue,
    ast.Global,
    ast.Nonlocal,
)
# What ``NodeVisitor.visit_Constant`` (Python < 3.14) would forward a constant to.
_CONSTANT_VISITORS = (
    "visit_Num",
    "visit_Str",
    "visit_Bytes",
    "visit_NameConstant",
    "visit_Ellipsis",
)

_Visit = Callable[[Any, Any], None]


class SummaryCollector(ast.NodeVisitor):
    """Collects summary records; read the results from its list attributes.

    ``visit`` and ``generic_visit`` walk exactly as ``ast.NodeVisitor``'s do (same
    methods, same order), with the method of each node class looked up once, and
    without calls for nodes that have no method and nothing below them to visit.

    With ``source`` (the text ``lines`` come from), the texts of unmodelled
    expressions are deferred to source segments (see ``collect.expressions``).
    """

    _dispatch: ClassVar[dict[type, _Visit | None]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._dispatch = {}  # methods differ per class

    def __init__(self, lines: Sequence[str], source: str | None = None) -> None:
        self._lines = lines
        converter = Converter.for_source(source, lines) if source is not None else Converter()
        self._converter = converter
        self._expr = converter.to_expr
        self._annotation = converter.annotation_expr
        self.imports: list[Import] = []
        self.assigns: list[Assign] = []
        self.functions: list[Function] = []
        self.classes: list[ClassInfo] = []
        self.calls: list[CallSite] = []
        self._stack: list[_FunctionFrame | _ClassFrame] = []
        self._loops: list[Loop] = []
        self._conditional_depth = 0

    # ------------------------------------------------------------------ dispatch

    @classmethod
    def _method(cls, node_class: type) -> _Visit | None:
        """What visiting an instance of ``node_class`` calls (None: nothing to do)."""
        method: _Visit | None = None
        if issubclass(node_class, ast.AST):
            name = "visit_" + node_class.__name__
            found = getattr(cls, name, None)
            if (
                found is not None
                and found is getattr(ast.NodeVisitor, name, None)
                and not any(hasattr(cls, other) for other in _CONSTANT_VISITORS)
            ):
                found = None  # NodeVisitor's visit_Constant only forwards to those
            if found is not None:
                method = found
            elif not issubclass(node_class, _LEAVES):
                method = cls.generic_visit
        cls._dispatch[node_class] = method
        return method

    def visit(self, node: ast.AST) -> None:
        dispatch = self._dispatch
        cls = node.__class__
        method = dispatch[cls] if cls in dispatch else self._method(cls)
        if method is not None:
            method(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        dispatch = self._dispatch
        for name in node._fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    cls = item.__class__
                    method = dispatch[cls] if cls in dispatch else self._method(cls)
                    if method is not None:
                        method(self, item)
            else:
                cls = value.__class__
                method = dispatch[cls] if cls in dispatch else self._method(cls)
                if method is not None:
                    method(self, value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # Before Python 3.12, positions inside f-strings can be off: no deferred texts.
        converter = self._converter
        exact, converter.exact = converter.exact, False
        self.generic_visit(node)
        converter.exact = exact

    # ------------------------------------------------------------------ helpers

    def _column(self, line: int, byte_col: int) -> int:
        if 0 < line <= len(self._lines):
            text = self._lines[line - 1]
            if not text.isascii():
                return len(text.encode("utf-8")[:byte_col].decode("utf-8", "replace"))
        return byte_col

    def _pos(self, node: ast.AST) -> Pos:
        line: int = getattr(node, "lineno", 1)
        end_line: int = getattr(node, "end_lineno", None) or line
        return Pos(
            line,
            self._column(line, getattr(node, "col_offset", 0)),
            end_line,
            self._column(end_line, getattr(node, "end_col_offset", None) or 0),
        )

    def _scope(self) -> str:
        """Qualname of the innermost function ('' at module or class level)."""
        for frame in reversed(self._stack):
            if isinstance(frame, _FunctionFrame):
                return frame.qualname
        return ""

    def _innermost(self) -> _FunctionFrame | _ClassFrame | None:
        return self._stack[-1] if self._stack else None

    def _qualname(self, name: str) -> str:
        frame = self._innermost()
        if frame is None:
            return name
        if isinstance(frame, _ClassFrame):
            return f"{frame.qualname}.{name}"
        return f"{frame.qualname}.<locals>.{name}"

    # ------------------------------------------------------------------ imports

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            # ``import a.b`` binds ``a`` but makes ``a.b`` reachable: keep the full name.
            local = alias.asname if alias.asname is not None else alias.name.split(".")[0]
            self.imports.append(Import(local, alias.name, None, 0, node.lineno, self._scope()))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            if alias.name == "*":
                self.imports.append(
                    Import("*", module, "*", node.level, node.lineno, self._scope())
                )
                continue
            local = alias.asname or alias.name
            self.imports.append(
                Import(local, module, alias.name, node.level, node.lineno, self._scope())
            )

    # ------------------------------------------------------------------ control flow

    def _visit_conditional(self, node: ast.AST) -> None:
        self._conditional_depth += 1
        self.generic_visit(node)
        self._conditional_depth -= 1

    visit_If = _visit_conditional
    visit_Try = _visit_conditional
    visit_While = _visit_conditional
    visit_Match = _visit_conditional

    def visit_TryStar(self, node: ast.AST) -> None:
        self._visit_conditional(node)

    def _visit_loop(self, target: ast.expr, iterable: ast.expr, line: int, body: ast.AST) -> None:
        var = target.id if isinstance(target, ast.Name) else ""
        self._loops.append(Loop(var, self._expr(iterable), line))
        self.generic_visit(body)
        self._loops.pop()

    def visit_For(self, node: ast.For) -> None:
        self._visit_loop(node.target, node.iter, node.lineno, node)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        self._visit_loop(node.target, node.iter, node.lineno, node)

    def _visit_comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
    ) -> None:
        pushed = 0
        for generator in node.generators:
            self.visit(generator.iter)
            var = generator.target.id if isinstance(generator.target, ast.Name) else ""
            self._loops.append(Loop(var, self._expr(generator.iter), node.lineno))
            pushed += 1
            for condition in generator.ifs:
                self.visit(condition)
        if isinstance(node, ast.DictComp):
            self.visit(node.key)
            self.visit(node.value)
        else:
            self.visit(node.elt)
        del self._loops[len(self._loops) - pushed :]

    visit_ListComp = _visit_comprehension
    visit_SetComp = _visit_comprehension
    visit_GeneratorExp = _visit_comprehension
    visit_DictComp = _visit_comprehension

    # ------------------------------------------------------------------ assignments

    def _record_assign(self, target: ast.expr, value: Expr | None, annotation: Expr | None) -> None:
        """Bind every name a target binds: ``a, b = x, y`` pairs up; a name whose value
        cannot be split (``a, *b = f()``) is still bound, to an unknown value, so it never
        falls through to a builtin or an outer binding."""
        if isinstance(target, ast.Name):
            self.assigns.append(
                Assign(target.id, value, annotation, self._pos(target), self._scope())
            )
        elif isinstance(target, ast.Tuple | ast.List):
            items = value.items if isinstance(value, Seq) else None
            starred = any(isinstance(element, ast.Starred) for element in target.elts)
            for index, element in enumerate(target.elts):
                if isinstance(element, ast.Starred):
                    element = element.value
                item: Expr = (
                    items[index]
                    if items is not None and not starred and len(items) == len(target.elts)
                    else _UNPACKED
                )
                self._record_assign(element, item, None)
        elif isinstance(target, ast.Starred):
            self._record_assign(target.value, _UNPACKED, None)

    def visit_Assign(self, node: ast.Assign) -> None:
        frame = self._innermost()
        if isinstance(frame, _FunctionFrame) and any(
            isinstance(target, ast.Attribute) and target.attr == "status_code"
            for target in node.targets
        ):
            frame.sets_status_code = True  # ``response.status_code = 201``
        if not isinstance(self._innermost(), _ClassFrame):
            value = self._expr(node.value)
            for target in node.targets:
                self._record_assign(target, value, None)
                self._record_self_attribute(target, value)
        self.generic_visit(node)

    def _record_self_attribute(self, target: ast.expr, value: Expr) -> None:
        """``self.app = FastAPI()`` in a method, recorded as the binding ``self.app``."""
        frame = self._innermost()
        if (
            isinstance(frame, _FunctionFrame)
            and frame.class_name is not None
            and isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        ):
            self.assigns.append(
                Assign(f"self.{target.attr}", value, None, self._pos(target), frame.qualname)
            )

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if not isinstance(self._innermost(), _ClassFrame):
            value = self._expr(node.value) if node.value is not None else None
            self._record_assign(node.target, value, self._expr(node.annotation))
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        if not isinstance(self._innermost(), _ClassFrame):
            self._record_assign(node.target, self._expr(node.value), None)
        self.generic_visit(node)

    def _visit_with_items(self, node: ast.With | ast.AsyncWith) -> None:
        """``with X() as name``: the name is bound (to what ``__enter__`` returns)."""
        if not isinstance(self._innermost(), _ClassFrame):
            for item in node.items:
                if item.optional_vars is not None:
                    self._record_assign(item.optional_vars, _ENTERED, None)
        self._visit_conditional(node)

    visit_With = _visit_with_items
    visit_AsyncWith = _visit_with_items

    def visit_TypeAlias(self, node: ast.AST) -> None:
        name = getattr(node, "name", None)
        value = getattr(node, "value", None)
        if isinstance(name, ast.Name) and isinstance(value, ast.expr):
            self._record_assign(name, self._expr(value), None)

    # ------------------------------------------------------------------ functions

    def _visit_function(self, node: _FunctionNode) -> None:
        frame = self._innermost()
        class_name = frame.name if isinstance(frame, _ClassFrame) else None
        # Decorators, defaults and annotations are evaluated in the enclosing scope.
        for decorator in node.decorator_list:
            self.visit(decorator)
        function_frame = _FunctionFrame(
            node.name,
            self._qualname(node.name),
            class_name,
            conditional=self._conditional_depth > 0,
        )
        self._stack.append(function_frame)
        saved_loops, self._loops = self._loops, []
        saved_conditional, self._conditional_depth = self._conditional_depth, 0
        for statement in node.body:
            self.visit(statement)
        self._loops, self._conditional_depth = saved_loops, saved_conditional
        self._stack.pop()
        self.functions.append(self._function(node, function_frame))

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def _function(self, node: _FunctionNode, frame: _FunctionFrame) -> Function:
        line = node.lineno
        # ``lineno`` of a decorated def is the ``def`` line itself (Python ≥ 3.8).
        name_col = self._lines[line - 1].find(node.name) if line <= len(self._lines) else 0
        return Function(
            name=frame.name,
            qualname=frame.qualname,
            params=self._params(node.args),
            decorators=tuple(
                Decorator(self._expr(decorator), self._decorator_pos(decorator))
                for decorator in node.decorator_list
            ),
            returns=self._annotation(node.returns),
            pos=Pos(line, max(name_col, 0), line, max(name_col, 0) + len(node.name)),
            def_line=line,
            is_async=isinstance(node, ast.AsyncFunctionDef),
            return_stmts=tuple(frame.returns),
            is_generator=frame.is_generator,
            class_name=frame.class_name,
            conditional=frame.conditional,
            sets_status_code=frame.sets_status_code,
        )

    def _decorator_pos(self, decorator: ast.expr) -> Pos:
        pos = self._pos(decorator)
        # Report at the ``@``, which ``ast`` leaves out of the decorator's range.
        text = self._lines[pos.line - 1] if pos.line <= len(self._lines) else ""
        at = text.rfind("@", 0, pos.col + 1)
        return Pos(pos.line, at if at >= 0 else pos.col, pos.end_line, pos.end_col)

    def _params(self, arguments: ast.arguments) -> tuple[Param, ...]:
        out: list[Param] = []
        positional = [*arguments.posonlyargs, *arguments.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
        defaults.extend(arguments.defaults)
        for arg, default in zip(positional, defaults, strict=True):
            out.append(self._param(arg, default, "positional"))
        if arguments.vararg is not None:
            out.append(self._param(arguments.vararg, None, "var_positional"))
        for arg, kw_default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
            out.append(self._param(arg, kw_default, "keyword"))
        if arguments.kwarg is not None:
            out.append(self._param(arguments.kwarg, None, "var_keyword"))
        return tuple(out)

    def _param(self, arg: ast.arg, default: ast.expr | None, kind: ParamKind) -> Param:
        return Param(
            name=arg.arg,
            annotation=self._annotation(arg.annotation),
            default=self._expr(default) if default is not None else None,
            kind=kind,
            pos=self._pos(arg),
        )

    def visit_Return(self, node: ast.Return) -> None:
        frame = self._innermost()
        if isinstance(frame, _FunctionFrame):
            value = self._expr(node.value) if node.value is not None else None
            frame.returns.append(Return(value, node.lineno))
        self.generic_visit(node)

    def _visit_yield(self, node: ast.Yield | ast.YieldFrom) -> None:
        frame = self._innermost()
        if isinstance(frame, _FunctionFrame):
            frame.is_generator = True
        self.generic_visit(node)

    visit_Yield = _visit_yield
    visit_YieldFrom = _visit_yield

    def visit_Lambda(self, node: ast.Lambda) -> None:
        return  # returns inside lambdas are not the enclosing function's

    # ------------------------------------------------------------------ classes

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        qualname = self._qualname(node.name)
        config_class: ConfigClass | None = None
        model_config: Assign | None = None
        model_config_keys: list[ConfigEntry] = []
        attributes: list[Assign] = []
        for statement in node.body:
            if isinstance(statement, ast.ClassDef) and statement.name == "Config":
                config_class = self._config_class(statement)
                continue
            assign = self._class_attribute(statement, qualname)
            if assign is None:
                continue
            attributes.append(assign)
            if assign.target == "model_config":
                model_config = assign
                model_config_keys = self._config_keys(statement)
        name_pos = self._name_pos(node, "class")
        self.classes.append(
            ClassInfo(
                name=node.name,
                qualname=qualname,
                bases=tuple(self._expr(base) for base in node.bases),
                keywords=tuple(
                    (keyword.arg, self._expr(keyword.value))
                    for keyword in node.keywords
                    if keyword.arg is not None
                ),
                pos=name_pos,
                line=name_pos.line,
                config_class=config_class,
                model_config=model_config,
                model_config_keys=tuple(model_config_keys),
                attributes=tuple(attributes),
                scope=self._scope(),
                decorators=tuple(
                    Decorator(self._expr(decorator), self._decorator_pos(decorator))
                    for decorator in node.decorator_list
                ),
            )
        )
        self._stack.append(_ClassFrame(node.name, qualname))
        for statement in node.body:
            self.visit(statement)
        self._stack.pop()

    def _name_pos(self, node: ast.ClassDef, keyword: str) -> Pos:
        line = node.lineno
        text = self._lines[line - 1] if line <= len(self._lines) else ""
        start = text.find(node.name, text.find(keyword) + len(keyword))
        start = max(start, 0)
        return Pos(line, start, line, start + len(node.name))

    def _class_attribute(self, statement: ast.stmt, qualname: str) -> Assign | None:
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            return Assign(
                statement.targets[0].id,
                self._expr(statement.value),
                None,
                self._pos(statement),
                qualname,
            )
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            value = self._expr(statement.value) if statement.value is not None else None
            return Assign(
                statement.target.id,
                value,
                self._expr(statement.annotation),
                self._pos(statement),
                qualname,
            )
        return None

    def _config_keys(self, statement: ast.stmt) -> list[ConfigEntry]:
        """Keys of ``model_config = ConfigDict(k=v)`` / ``{"k": v}``, with their own lines."""
        value = getattr(statement, "value", None)
        entries: list[ConfigEntry] = []
        if isinstance(value, ast.Call):
            for keyword in value.keywords:
                if keyword.arg is not None:
                    entries.append(
                        ConfigEntry(
                            keyword.arg, self._expr(keyword.value), False, self._pos(keyword)
                        )
                    )
        elif isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    entries.append(ConfigEntry(key.value, self._expr(item), False, self._pos(key)))
        return entries

    def _config_class(self, node: ast.ClassDef) -> ConfigClass:
        entries: list[ConfigEntry] = []
        other = 0
        for index, statement in enumerate(node.body):
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name):
                    entries.append(
                        ConfigEntry(
                            target.id, self._expr(statement.value), False, self._pos(statement)
                        )
                    )
                    continue
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                value = self._expr(statement.value) if statement.value is not None else None
                entries.append(ConfigEntry(statement.target.id, value, True, self._pos(statement)))
                continue
            elif isinstance(statement, ast.Pass):
                continue
            elif (
                index == 0
                and isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                continue  # docstring
            other += 1
        return ConfigClass(
            self._name_pos(node, "class"),
            tuple(entries),
            tuple(self._expr(base) for base in node.bases),
            other,
        )

    # ------------------------------------------------------------------ calls

    def _record_call(self, node: ast.Call) -> None:
        expr = self._expr(node)
        if isinstance(expr, Call):
            self.calls.append(
                CallSite(
                    expr,
                    self._pos(node),
                    self._scope(),
                    tuple(self._loops),
                    self._conditional_depth > 0,
                )
            )

    def visit_Expr(self, node: ast.Expr) -> None:
        """Statement calls with arguments (``init_views(app)``) bind parameters to values."""
        call = node.value.value if isinstance(node.value, ast.Await) else node.value
        if (
            isinstance(call, ast.Call)
            and (call.args or call.keywords)
            and isinstance(call.func, ast.Name | ast.Attribute)
            and not (isinstance(call.func, ast.Attribute) and call.func.attr in INTERESTING_CALLS)
        ):
            self._record_call(call)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        """Wiring and validation calls, wherever they occur (inside expressions too),
        and decorators applied by hand: ``app.get("/x")(handler)``."""
        func = node.func
        wiring = isinstance(func, ast.Attribute) and func.attr in INTERESTING_CALLS
        applied_decorator = (
            isinstance(func, ast.Call)
            and isinstance(func.func, ast.Attribute)
            and func.func.attr in ROUTE_METHODS
            and len(node.args) == 1
        )
        if wiring or applied_decorator:
            self._record_call(node)
        self.generic_visit(node)
