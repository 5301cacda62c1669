"""The FL101/FL102 (``status_code=``) and FL502 (``le=``) fixes, checked when the fixed
app runs: the project in ``tests/data/fix_routes`` is fixed with ``--fix --unsafe-fixes``,
then ``main.app`` is imported in a subprocess. Its OpenAPI document and a few ASGI
requests must show the new status codes and bounds. fastlint never runs the code it
checks; this test does, to find out whether FastAPI accepts the rewritten code.

There is one subprocess per phase: the app before the fix and the app after the fix. Each
CLI run is a subprocess too. httpx is not a dependency of the venv, so the requests do not
use TestClient: the probe calls the ASGI app itself.
"""

from __future__ import annotations

import ast
import difflib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fastlint.config import PaginationSettings

DATA = Path(__file__).resolve().parent / "data" / "fix_routes"
TIMEOUT = 60.0
MAX_LIMIT = 100  # [tool.fastlint.pagination] max-limit when the table is empty
FIX_CODES = ("FL101", "FL102", "FL502")

# Runs in the subprocess: argv[1] is the project, stdin holds the requests
# ([method, url, json body or null]). Prints the OpenAPI document and each response as
# [status, body text]. The ASGI calls follow TestClient: the request body arrives in one
# message, then the app sees a disconnect only after the response is complete.
PROBE = r"""
import asyncio
import json
import sys

sys.path.insert(0, sys.argv[1])
requests = json.loads(sys.stdin.read())
from main import app


async def call(method, url, body):
    path, _, query = url.partition("?")
    payload = b"" if body is None else json.dumps(body).encode()
    headers = [(b"host", b"testserver")]
    if body is not None:
        headers.append((b"content-type", b"application/json"))
        headers.append((b"content-length", str(len(payload)).encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
        "root_path": "", "query_string": query.encode(), "headers": headers,
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
    }
    done = asyncio.Event()
    received = False
    messages = []

    async def receive():
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": payload, "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        messages.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            done.set()

    await app(scope, receive, send)
    status = next(m["status"] for m in messages if m["type"] == "http.response.start")
    text = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return [status, text.decode()]


async def main():
    return {f"{m} {u}": await call(m, u, b) for m, u, b in requests}


print(json.dumps({"openapi": app.openapi(), "responses": asyncio.run(main())}))
"""


@dataclass(frozen=True)
class StatusCase:
    """A route that FL101/FL102 fixes, with the code it must answer afterwards."""

    file: str
    handler: str
    method: str
    path: str  # the OpenAPI path
    url: str  # a concrete request
    code: int
    spelling: str  # the ``status_code=`` value the fix writes
    body: Any = None


ITEM = {"name": "n"}
STATUS_CASES = [
    # on ``app``, no status import: literal codes; a comment above and after the decorator
    StatusCase("main.py", "create_widget", "POST", "/widgets", "/widgets", 201, "201", ITEM),
    # app.add_api_route(..., methods=["DELETE"])
    StatusCase("main.py", "delete_widget", "DELETE", "/widgets/{widget_id}", "/widgets/1", 204,
               "204"),
    # a router included in the app; ``from fastapi import status``; other keywords
    StatusCase("items_status.py", "create_item", "POST", "/items", "/items", 201,
               "status.HTTP_201_CREATED", ITEM),
    # a multi-line decorator with a trailing comma
    StatusCase("items_status.py", "add_items", "POST", "/items/bulk", "/items/bulk", 201,
               "status.HTTP_201_CREATED", [ITEM]),
    StatusCase("items_status.py", "delete_item", "DELETE", "/items/{item_id}", "/items/1", 204,
               "status.HTTP_204_NO_CONTENT"),
    # ``from fastapi import status as http_status``; async handlers
    StatusCase("items_alias.py", "register_thing", "POST", "/alias/things", "/alias/things", 201,
               "http_status.HTTP_201_CREATED", ITEM),
    # a multi-line decorator without a trailing comma
    StatusCase("items_alias.py", "create_batch", "POST", "/alias/batch", "/alias/batch", 201,
               "http_status.HTTP_201_CREATED", ITEM),
    StatusCase("items_alias.py", "delete_thing", "DELETE", "/alias/things/{thing_id}",
               "/alias/things/1", 204, "http_status.HTTP_204_NO_CONTENT"),
    # ``from starlette import status``; FL101 because of the ``ItemCreate`` body
    StatusCase("items_starlette.py", "post_gadget", "POST", "/gadgets", "/gadgets", 201,
               "status.HTTP_201_CREATED", ITEM),
    StatusCase("items_starlette.py", "delete_gadget", "DELETE", "/gadgets/{gadget_id}",
               "/gadgets/1", 204, "status.HTTP_204_NO_CONTENT"),
    # only ``HTTP_201_CREATED`` imported (from starlette.status)
    StatusCase("items_direct.py", "create_direct", "POST", "/direct", "/direct", 201,
               "HTTP_201_CREATED", ITEM),
    StatusCase("items_direct.py", "delete_direct", "DELETE", "/direct/{direct_id}", "/direct/1",
               204, "204"),
    # a router in a router in the app; comments inside multi-line decorators
    StatusCase("notes_plain.py", "create_note", "POST", "/v1/notes", "/v1/notes", 201, "201", ITEM),
    StatusCase("notes_plain.py", "create_lone", "POST", "/v1/lone", "/v1/lone", 201, "201", ITEM),
    StatusCase("notes_plain.py", "delete_note", "DELETE", "/v1/notes/{note_id}", "/v1/notes/1",
               204, "204"),
]  # fmt: skip


@dataclass(frozen=True)
class NoFixCase:
    """A DELETE route that must not get 204: it sends a body."""

    handler: str
    path: str
    url: str
    reason: str  # part of the FL102 message


NO_FIX_FILE = "items_status.py"
NO_FIX_CASES = [
    NoFixCase("delete_item_returning_body", "/items/{item_id}/body", "/items/1/body",
              "returns a value on line"),
    NoFixCase("delete_item_with_model", "/items/{item_id}/model", "/items/1/model",
              "declares a `response_model`"),
    NoFixCase("delete_item_annotated", "/items/{item_id}/annotated", "/items/1/annotated",
              "has a return annotation"),
]  # fmt: skip


@dataclass(frozen=True)
class PageCase:
    """A pagination parameter that FL502 bounds."""

    file: str
    path: str  # a GET route returning list[Item]
    param: str
    source: str | None  # the parameter's text after the fix (None: either form will do)
    default: int | None  # the OpenAPI default (None: no default or a None default)
    required: bool = False
    minimum: int | None = None  # a lower bound that must stay

    @property
    def id(self) -> str:
        return f"{self.path}:{self.param}"


PAGE_CASES = [
    # no parameter function imported: ``Query`` import added
    PageCase("pag_plain.py", "/plain/items", "limit", "limit: int = Query(10, le=100)", 10),
    PageCase("pag_plain.py", "/plain/optional", "limit",
             "limit: Optional[int] = Query(None, le=100)", None),
    # parameters of dependency functions (Depends), one of them required
    PageCase("pag_depends.py", "/depends/paged", "page_size", None, 20),
    PageCase("pag_depends.py", "/depends/required", "page_size",
             "page_size: Annotated[int, Query(le=100)]", None, required=True),
    # the default is a Query call already
    PageCase("pag_query.py", "/query/items", "limit", "limit: int = Query(10, ge=1, le=100)", 10,
             minimum=1),
    PageCase("pag_query.py", "/query/bare", "limit", "limit: int = Query(25, le=100)", 25),
    # the module uses Annotated already
    PageCase("pag_annotated.py", "/annotated/items", "limit",
             "limit: Annotated[int, Query(ge=1, le=100)] = 10", 10, minimum=1),
    PageCase("pag_annotated.py", "/annotated/bare", "per_page",
             "per_page: Annotated[int, Query(le=100)] = 20", 20),
    PageCase("pag_annotated.py", "/annotated/required", "limit",
             "limit: Annotated[int, Query(le=100)]", None, required=True),
    # ``import fastapi``
    PageCase("pag_dotted.py", "/dotted/items", "limit", "limit: int = fastapi.Query(10, le=100)",
             10),
]  # fmt: skip
PAGE_VALUES = (5, MAX_LIMIT, MAX_LIMIT + 1)


def page_url(case: PageCase, value: int | None) -> str:
    return case.path if value is None else f"{case.path}?{case.param}={value}"


def probe_requests() -> list[tuple[str, str, Any]]:
    requests: list[tuple[str, str, Any]] = [(c.method, c.url, c.body) for c in STATUS_CASES]
    requests += [("DELETE", c.url, None) for c in NO_FIX_CASES]
    for case in PAGE_CASES:
        requests += [("GET", page_url(case, value), None) for value in (None, *PAGE_VALUES)]
    return requests


@dataclass(frozen=True)
class Runtime:
    """What the imported app showed: its OpenAPI document and the answers to the requests."""

    openapi: dict[str, Any]
    responses: dict[str, tuple[int, str]]

    def operation(self, method: str, path: str) -> dict[str, Any]:
        operations: dict[str, Any] = self.openapi["paths"].get(path, {})
        found: dict[str, Any] | None = operations.get(method.lower())
        assert found is not None, f"{method} {path} not in the OpenAPI document"
        return found

    def status(self, method: str, url: str) -> int:
        return self.responses[f"{method} {url}"][0]

    def parameter(self, path: str, name: str) -> dict[str, Any]:
        for parameter in self.operation("GET", path).get("parameters", []):
            if parameter["name"] == name and parameter["in"] == "query":
                result: dict[str, Any] = parameter
                return result
        raise AssertionError(f"no query parameter {name} on GET {path}")


def run_app(root: Path, requests: list[tuple[str, str, Any]] | None = None) -> Runtime:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(root)],
        input=json.dumps(probe_requests() if requests is None else requests),
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"the app did not start:\n{done.stderr}"
    report = json.loads(done.stdout)
    responses = {key: (value[0], value[1]) for key, value in report["responses"].items()}
    return Runtime(report["openapi"], responses)


def fastlint(root: Path, *args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", *args],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, done.stdout, done.stderr


def snapshot(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def copy_project(base: Path, name: str) -> Path:
    root = base / name
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@dataclass(frozen=True)
class Fixed:
    root: Path
    original: dict[str, str]
    fixed: dict[str, str]
    before: Runtime
    after: Runtime
    exit_code: int
    remaining: list[dict[str, Any]]


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Fixed:
    root = copy_project(tmp_path_factory.mktemp("fix_routes"), "project")
    original = snapshot(root)
    before = run_app(root)
    code, out, _ = fastlint(root, "--fix", "--unsafe-fixes", "--output-format", "json")
    after_fix = snapshot(root)
    return Fixed(root, original, after_fix, before, run_app(root), code, json.loads(out))


def function_def(text: str, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef:
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            return node
    raise AssertionError(f"no function {name}")


def route_call(text: str, handler: str) -> ast.Call:
    """The route decorator of ``handler``, or the ``add_api_route`` call that registers it."""
    for decorator in function_def(text, handler).decorator_list:
        if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute):
            return decorator
    for node in ast.walk(ast.parse(text)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "add_api_route"
            and any(isinstance(a, ast.Name) and a.id == handler for a in node.args)
        ):
            return node
    raise AssertionError(f"no route call for {handler}")


def status_keyword(text: str, handler: str) -> str | None:
    for keyword in route_call(text, handler).keywords:
        if keyword.arg == "status_code":
            return ast.unparse(keyword.value)
    return None


def route_source(text: str, handler: str) -> str:
    """The decorators and the ``def`` line of ``handler``."""
    function = function_def(text, handler)
    first = min([d.lineno for d in function.decorator_list] + [function.lineno])
    return "".join(text.splitlines(keepends=True)[first - 1 : function.lineno])


def comments(text: str) -> Counter[tuple[str, str]]:
    """Each comment with the code it belongs to: the code before it on its line, or the
    next code line for a comment on its own line. An added ``status_code=`` is ignored, so
    the same pairs must come out of a fix."""
    lines = text.splitlines()
    found: Counter[tuple[str, str]] = Counter()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type != tokenize.COMMENT:
            continue
        row, column = token.start
        code = lines[row - 1][:column].strip()
        if not code:
            following = (line.strip() for line in lines[row:])
            code = "next: " + next((line for line in following if line and line[0] != "#"), "")
        code = re.sub(r",?\s*status_code=[\w.]+,?", "", code)
        found[token.string, code] += 1
    return found


def first_response(operation: dict[str, Any]) -> str:
    """The operation's default response: FastAPI lists the route's status code first."""
    responses: dict[str, Any] = operation["responses"]
    return next(iter(responses))


def test_max_limit_is_the_configured_default() -> None:
    assert PaginationSettings().max_limit == MAX_LIMIT


def test_the_project_has_the_findings_before_the_fix(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "project")
    code, out, _ = fastlint(root, "--output-format", "json")
    findings = json.loads(out)
    fixable = Counter(f["code"] for f in findings if f["fix"] is not None)
    assert code == 1
    assert fixable == {
        "FL101": sum(c.code == 201 for c in STATUS_CASES),
        "FL102": sum(c.code == 204 for c in STATUS_CASES),
        "FL502": len(PAGE_CASES),
    }
    assert all(f["fix"]["applicability"] == "unsafe" for f in findings if f["fix"] is not None)


def test_the_app_starts_and_answers_200_before_the_fix(fixed: Fixed) -> None:
    """The control: without the fixes FastAPI answers 200 and accepts any limit."""
    for case in STATUS_CASES:
        assert first_response(fixed.before.operation(case.method, case.path)) == "200"
        assert fixed.before.status(case.method, case.url) == 200
    for page in PAGE_CASES:
        assert "maximum" not in json.dumps(fixed.before.parameter(page.path, page.param))
        assert fixed.before.status("GET", page_url(page, MAX_LIMIT + 1)) == 200


def test_the_fix_run_leaves_only_the_routes_without_a_fix(fixed: Fixed) -> None:
    assert fixed.exit_code == 1
    left = [(f["code"], f["path"]) for f in fixed.remaining if f["code"] in FIX_CODES]
    assert left == [("FL102", NO_FIX_FILE)] * len(NO_FIX_CASES)


def test_no_route_is_lost(fixed: Fixed) -> None:
    def operations(runtime: Runtime) -> set[tuple[str, str]]:
        return {(m, p) for p, ops in runtime.openapi["paths"].items() for m in ops}

    assert operations(fixed.after) == operations(fixed.before)


@pytest.mark.parametrize("case", STATUS_CASES, ids=lambda c: f"{c.method} {c.path}")
def test_status_fix_is_the_default_response(fixed: Fixed, case: StatusCase) -> None:
    operation = fixed.after.operation(case.method, case.path)
    responses = operation["responses"]
    assert first_response(operation) == str(case.code)
    assert "200" not in responses
    status, body = fixed.after.responses[f"{case.method} {case.url}"]
    assert status == case.code
    if case.code == 204:
        assert body == ""
        assert "content" not in responses["204"]


@pytest.mark.parametrize("case", STATUS_CASES, ids=lambda c: f"{c.file}:{c.handler}")
def test_status_fix_spelling(fixed: Fixed, case: StatusCase) -> None:
    """``status.HTTP_...`` (or the module's alias) when status is imported, else the number."""
    assert status_keyword(fixed.original[case.file], case.handler) is None
    assert status_keyword(fixed.fixed[case.file], case.handler) == case.spelling


@pytest.mark.parametrize("name", sorted({c.file for c in STATUS_CASES}))
def test_comments_survive_in_place(fixed: Fixed, name: str) -> None:
    assert comments(fixed.fixed[name]) == comments(fixed.original[name])


# A multi-line call gets its new keyword on a line of its own, indented like the others.
MULTI_LINE = [
    ("items_status.py", re.escape(
        '    tags=["bulk"],\n    status_code=status.HTTP_201_CREATED,\n)\n'
    )),
    ("notes_plain.py", re.escape('    "/lone",\n    status_code=201,\n)\n')),
    ("notes_plain.py", re.escape(
        '    "/notes",  # the collection\n'
        "    response_model=Item,  # what comes back\n    status_code=201,\n)\n"
    )),
    ("notes_plain.py", re.escape(
        '    "/notes/{note_id}",\n    # the note goes away\n    tags=["notes"],\n'
        "    status_code=204,\n)\n"
    )),
    # no trailing comma before: with or without one after
    ("items_alias.py",
     re.escape('    tags=["batch"],\n    status_code=http_status.HTTP_201_CREATED') + r",?\n\)\n"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "pattern"), MULTI_LINE, ids=[f"{name}-{i}" for i, (name, _) in enumerate(MULTI_LINE)]
)
def test_multi_line_decorator_gets_one_more_line(fixed: Fixed, name: str, pattern: str) -> None:
    assert re.search(pattern, fixed.fixed[name]), fixed.fixed[name]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.py")))
def test_no_trailing_whitespace_added(fixed: Fixed, name: str) -> None:
    trailing = [line for line in fixed.fixed[name].splitlines() if line != line.rstrip()]
    assert trailing == []


@pytest.mark.parametrize("case", NO_FIX_CASES, ids=lambda c: c.handler)
def test_delete_with_a_body_gets_no_204(fixed: Fixed, case: NoFixCase) -> None:
    original, after = fixed.original[NO_FIX_FILE], fixed.fixed[NO_FIX_FILE]
    assert route_source(after, case.handler) == route_source(original, case.handler)
    assert status_keyword(after, case.handler) is None
    messages = [
        f["message"]
        for f in fixed.remaining
        if f["code"] == "FL102" and f"`{case.handler}`" in f["message"]
    ]
    assert len(messages) == 1
    assert "no automatic fix" in messages[0] and case.reason in messages[0]
    assert [f["fix"] for f in fixed.remaining if f["message"] == messages[0]] == [None]
    assert first_response(fixed.after.operation("DELETE", case.path)) == "200"
    assert fixed.after.status("DELETE", case.url) == 200


@pytest.mark.parametrize("case", PAGE_CASES, ids=lambda c: c.id)
def test_pagination_fix_bounds_the_parameter(fixed: Fixed, case: PageCase) -> None:
    parameter = fixed.after.parameter(case.path, case.param)
    schema = parameter["schema"]
    branches: list[dict[str, Any]] = schema.get("anyOf", [schema])  # Optional[int]: two
    integer = next((s for s in branches if s.get("type") == "integer"), {})
    assert integer.get("maximum") == MAX_LIMIT, schema
    assert integer.get("minimum") == case.minimum
    assert schema.get("default") == case.default
    assert parameter.get("required", False) is case.required
    ok, at_bound, over = (fixed.after.status("GET", page_url(case, v)) for v in PAGE_VALUES)
    assert (ok, at_bound, over) == (200, 200, 422)
    assert fixed.after.status("GET", page_url(case, None)) == (422 if case.required else 200)


@pytest.mark.parametrize("case", [c for c in PAGE_CASES if c.source], ids=lambda c: c.id)
def test_pagination_fix_spelling(fixed: Fixed, case: PageCase) -> None:
    assert case.source is not None
    assert case.source in fixed.fixed[case.file]


def top_level_imports(text: str) -> list[tuple[str, str]]:
    tree = ast.parse(text)
    return [
        (node.module or "", alias.name)
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]


def test_pagination_fix_adds_the_imports(fixed: Fixed) -> None:
    assert ("fastapi", "Query") not in top_level_imports(fixed.original["pag_plain.py"])
    assert ("fastapi", "Query") in top_level_imports(fixed.fixed["pag_plain.py"])
    assert "from fastapi import APIRouter, Query\n" in fixed.fixed["pag_plain.py"]
    assert "Annotated" not in fixed.fixed["pag_plain.py"]
    depends = top_level_imports(fixed.fixed["pag_depends.py"])
    assert ("fastapi", "Query") in depends and ("typing", "Annotated") in depends


def test_an_added_stdlib_import_goes_before_the_third_party_ones(fixed: Fixed) -> None:
    """``from typing import Annotated`` belongs with the standard library imports, not
    after ``from models import Item`` (ruff's isort rule I001 flags that)."""
    lines = fixed.fixed["pag_depends.py"].splitlines()
    assert lines.index("from typing import Annotated") < lines.index(
        "from fastapi import APIRouter, Depends, Query"
    )


def test_a_second_fix_run_changes_nothing(fixed: Fixed) -> None:
    code, out, _ = fastlint(fixed.root, "--fix", "--unsafe-fixes", "--output-format", "json")
    assert snapshot(fixed.root) == fixed.fixed
    left = [(f["code"], f["message"]) for f in json.loads(out) if f["code"] in FIX_CODES]
    assert sorted(left) == sorted((f["code"], f["message"]) for f in fixed.remaining)
    assert code == 1  # the routes without a fix are still reported


def test_safe_fixes_alone_change_nothing(tmp_path: Path) -> None:
    """Every fix here is unsafe: ``--fix`` without ``--unsafe-fixes`` writes nothing."""
    root = copy_project(tmp_path, "project")
    code, _, _ = fastlint(root, "--fix")
    assert code == 1
    assert snapshot(root) == snapshot(DATA)


def test_diff_prints_the_fixes_and_writes_nothing(tmp_path: Path, fixed: Fixed) -> None:
    root = copy_project(tmp_path, "project")
    code, out, _ = fastlint(root, "--diff", "--unsafe-fixes")
    assert code == 1
    assert snapshot(root) == fixed.original
    expected = "".join(
        "".join(
            difflib.unified_diff(
                fixed.original[name].splitlines(keepends=True),
                fixed.fixed[name].splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )
        for name in sorted(fixed.original)
    )
    assert expected  # the fix run changed something
    assert out.rstrip("\n") == expected.rstrip("\n")


EDGE_APP = """\
{docstring}
from fastapi import FastAPI
from pydantic import BaseModel


class Item(BaseModel):
    id: int


app = FastAPI()


@app.get("/items", tags=["items"])
def list_items(limit: int = {default}) -> list[Item]:
    return [Item(id=limit)]
"""


def edge_project(base: Path, docstring: str, default: int) -> Path:
    root = base / "edge"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.fastlint]\n")
    (root / "main.py").write_text(EDGE_APP.format(docstring=docstring, default=default))
    return root


def test_a_default_above_the_bound_is_bounded_too(tmp_path: Path) -> None:
    """``limit: int = 500`` became ``Query(500, le=100)``: FastAPI does not check
    defaults, so a request without ``limit`` still gets 500 rows (and the OpenAPI
    document says default 500, maximum 100). The fix is only right if the default
    the handler receives is within the bound, or if no fix is offered."""
    root = edge_project(tmp_path, '"""Items."""', 500)
    original = snapshot(root)
    fastlint(root, "--fix", "--unsafe-fixes")
    if snapshot(root) == original:
        return  # no fix offered: acceptable
    runtime = run_app(root, [("GET", "/items", None)])
    status, body = runtime.responses["GET /items"]
    assert status == 200
    assert json.loads(body)[0]["id"] <= MAX_LIMIT, (root / "main.py").read_text()


def test_a_docstring_word_does_not_block_the_import(tmp_path: Path) -> None:
    """A module whose docstring mentions the word ``Query`` gets no fix: the clash check
    searches the whole text, docstrings and comments included. The finding is still
    counted as fixable ("1 hidden fix can be enabled"), then ``--fix --unsafe-fixes``
    does nothing."""
    root = edge_project(tmp_path, '"""List endpoints; each takes Query parameters."""', 10)
    _, hint, _ = fastlint(root)
    assert "1 hidden fix can be enabled" in hint
    fastlint(root, "--fix", "--unsafe-fixes")
    text = (root / "main.py").read_text()
    assert "limit: int = Query(10, le=100)" in text, text
