"""Fuzzing helpers shared by ``tests/test_fuzz.py`` (bounded, in CI) and
``scripts/fuzz.py`` (the long run). Not a test module.

Three generators build multi-file projects, as dicts of relative path -> bytes:

* :func:`hypothesmith_project`: a generated module (hypothesmith) as ``app/gen.py``,
  next to a fixed FastAPI app that imports, star-imports and includes it;
* :func:`mutant_project`: a fixture file, a multi-file fixture or ``examples/shop``,
  with 1-3 mutation operators applied to its Python files;
* :func:`cyclic_cases`: the reliability audit's cyclic-value sweep, a
  self-referencing value in every route argument slot.

:func:`check_project` runs the whole check in-process (engine + every renderer) and
returns the problems found: an exception, an FL999, output that does not parse.
:func:`check_project_cli` does the same through ``python -m fastlint`` in a
subprocess, with a timeout (the long run's hang check).
"""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from fastlint import __version__
from fastlint.cli import _display_path_function, _source_line_function
from fastlint.config import load_settings
from fastlint.engine import run_check
from fastlint.findings import Finding
from fastlint.output import FORMATS, RenderContext, render
from fastlint.output.skipped import skipped_findings
from fastlint.rules.registry import RULE_INFOS
from fastlint.selection import PerFileIgnores, resolve_selection

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHOP = REPO / "examples" / "shop"
PYPROJECT = b'[project]\nname = "p"\n\n[tool.fastlint]\n'

Project = dict[str, bytes]


# --- running the check ---------------------------------------------------------------


class CaseTimeout(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` in the
    engine can turn a hang into an FL999."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`CaseTimeout` after ``seconds`` of wall time (Linux, main thread)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise CaseTimeout(f"the check did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write_project(root: Path, files: Project) -> Path:
    """Write ``files`` under ``root``, with a ``pyproject.toml`` and ``app/__init__.py``
    unless ``files`` has its own."""
    tree = {"pyproject.toml": PYPROJECT, "app/__init__.py": b"", **files}
    for name, data in tree.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


_FINDING_LINE = re.compile(r"^.+:\d+:\d+: FL\d{3}( \[\*\])? .*$")
_SUMMARY_LINE = re.compile(
    r"^(|\s*\d+  FL\d{3}  \S*|Found \d+ .*\.|All checks passed \(.*\)\.|\[\*\] .*\."
    r"|No fixes available.*\.)$"
)
_GITHUB_LINE = re.compile(r"^::(error|warning|notice) file=[^:\n]*,line=\d+,[^\n]*::FL\d{3} .*$")


def output_problems(fmt: str, text: str, count: int) -> list[str]:
    """Why ``text`` (the ``fmt`` report of ``count`` findings) is not a valid report."""
    try:
        text.encode("utf-8")  # what click.echo / -o will do
    except UnicodeEncodeError as error:
        return [f"{fmt}: not encodable as UTF-8: {error}"]
    try:
        if fmt in ("json", "gitlab"):
            data = json.loads(text)
            if not isinstance(data, list) or len(data) != count:
                return [f"{fmt}: expected a list of {count} findings"]
        elif fmt == "sarif":
            data = json.loads(text)
            results = data["runs"][0]["results"]
            if len(results) != count:
                return [f"sarif: {len(results)} results for {count} findings"]
        elif fmt == "text":
            lines = text.split("\n")
            found = sum(1 for line in lines if _FINDING_LINE.match(line))
            odd = [
                ln for ln in lines if not _FINDING_LINE.match(ln) and not _SUMMARY_LINE.match(ln)
            ]
            if found != count or odd:
                return [f"text: {found} finding lines for {count} findings; odd lines {odd[:3]!r}"]
        elif fmt == "github":
            lines = text.split("\n") if text else []
            bad = [line for line in lines if not _GITHUB_LINE.match(line)]
            if len(lines) != count or bad:
                return [f"github: {len(lines)} lines for {count} findings; bad {bad[:3]!r}"]
        elif fmt == "rdjson":
            diagnostics = json.loads(text)["diagnostics"]
            if len(diagnostics) != count:
                return [f"rdjson: {len(diagnostics)} diagnostics for {count} findings"]
        elif fmt == "junit":
            import xml.etree.ElementTree as ET

            cases = ET.fromstring(text).iter("testcase")
            failed = sum(1 for case in cases if case.find("failure") is not None)
            if failed != count:
                return [f"junit: {failed} failed test cases for {count} findings"]
        elif fmt in ("json-lines", "pylint", "azure"):
            lines = text.split("\n") if text else []
            if len(lines) != count:
                return [f"{fmt}: {len(lines)} lines for {count} findings"]
            if fmt == "json-lines":
                for line in lines:
                    json.loads(line)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        return [f"{fmt}: does not parse: {type(error).__name__}: {error}"]
    return []


def all_rules() -> list[str]:
    return sorted(code for code in RULE_INFOS if code != "FL999")


def check_tree(root: Path, formats: tuple[str, ...] = FORMATS) -> list[str]:
    """The whole check on the project at ``root`` (every rule, then every renderer),
    in-process. Returns the problems; an exception is one (with its traceback)."""
    try:
        settings = load_settings(root / "pyproject.toml")
        enabled = resolve_selection(settings, select=None, ignore=[], extend_select=all_rules())
        per_file = PerFileIgnores.from_settings(settings, root)
        result = run_check([root], root, settings, enabled, per_file, jobs=1)
        skipped = skipped_findings(result.skipped, enabled, per_file)
        findings = sorted([*result.findings, *skipped], key=Finding.sort_key)
        problems = [f"FL999: {f.path}:{f.line}: {f.message}" for f in findings if f.code == "FL999"]
        for index, fmt in enumerate(formats):
            context = RenderContext(
                root=root,
                rules=[RULE_INFOS[code] for code in sorted(enabled) if code in RULE_INFOS],
                version=__version__,
                source_line=_source_line_function(root),  # type: ignore[arg-type]
                display_path=_display_path_function(root),  # type: ignore[arg-type]
                statistics=index % 2 == 0,
                files_checked=len(result.files),
                summary=index % 3 != 2,
            )
            problems.extend(output_problems(fmt, render(fmt, findings, context), len(findings)))
        return problems
    except CaseTimeout:
        raise
    except Exception:
        return ["exception:\n" + traceback.format_exc()]


def check_project(
    files: Project, tmp: Path, timeout: float = 20.0, formats: tuple[str, ...] = FORMATS
) -> list[str]:
    """Write ``files`` into ``tmp`` (an empty directory) and check them in-process,
    with a wall-time limit."""
    root = write_project(tmp, files)
    try:
        with time_limit(timeout):
            return check_tree(root, formats)
    except CaseTimeout as error:
        return [f"hang: {error}"]


@dataclass
class CliOutcome:
    problems: list[str]
    returncode: int | None
    stdout: str
    stderr: str


def check_project_cli(root: Path, fmt: str, timeout: float = 30.0) -> CliOutcome:
    """``python -m fastlint check . --output-format fmt`` on ``root`` in a subprocess:
    exit 0 or 1, no traceback, no FL999, parseable output, within ``timeout``."""
    command = [sys.executable, "-m", "fastlint", "check", ".", "--no-cache", "--jobs", "1"]
    command += ["--extend-select", ",".join(all_rules()), "--output-format", fmt, "--statistics"]
    try:
        done = subprocess.run(
            command, cwd=root, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as error:
        out = error.stdout.decode("utf-8", "replace") if error.stdout else ""
        err = error.stderr.decode("utf-8", "replace") if error.stderr else ""
        return CliOutcome([f"hang: no exit within {timeout} s"], None, out, err)
    problems: list[str] = []
    try:
        stdout = done.stdout.decode("utf-8")
    except UnicodeDecodeError as error:
        stdout = done.stdout.decode("utf-8", "replace")
        problems.append(f"stdout is not UTF-8: {error}")
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode not in (0, 1):
        problems.append(f"exit {done.returncode}")
    if "Traceback" in stdout or "Traceback" in stderr or "internal error" in stderr:
        problems.append("traceback / internal error on stderr")
    if _reports_fl999(fmt, stdout):
        problems.append("FL999 in the report")
    if not problems:
        text = stdout[:-1] if stdout.endswith("\n") else stdout
        count = _count_findings(fmt, text)
        if count is None:
            problems.append(f"{fmt}: does not parse")
        else:
            problems.extend(output_problems(fmt, text, count))
    return CliOutcome(problems, done.returncode, stdout, stderr)


def _reports_fl999(fmt: str, text: str) -> bool:
    """Whether the report has an FL999 finding (SARIF lists the rule in any case)."""
    try:
        if fmt == "json":
            return any(item["code"] == "FL999" for item in json.loads(text))
        if fmt == "gitlab":
            return any(item["check_name"] == "FL999" for item in json.loads(text))
        if fmt == "sarif":
            return any(r["ruleId"] == "FL999" for r in json.loads(text)["runs"][0]["results"])
    except (ValueError, KeyError, IndexError, TypeError):
        return False  # reported as unparseable output
    return re.search(r"(: |::)FL999 ", text) is not None


def _count_findings(fmt: str, text: str) -> int | None:
    """The number of findings in a report (to check the report against itself)."""
    try:
        if fmt in ("json", "gitlab"):
            data = json.loads(text)
            return len(data) if isinstance(data, list) else None
        if fmt == "sarif":
            return len(json.loads(text)["runs"][0]["results"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if fmt == "text":
        return sum(1 for line in text.split("\n") if _FINDING_LINE.match(line))
    return len(text.split("\n")) if text else 0


# --- generator 1: hypothesmith programs around a fixed app ---------------------------

FASTAPI_HEADER = (
    "from typing import Annotated\n"
    "from fastapi import APIRouter, Depends, FastAPI, Query\n"
    "router = APIRouter()\n"
    "def dep():\n    return 1\n"
)

FIXED_APP = b"""\
from fastapi import Depends, FastAPI

from app import gen
from app.gen import *

app = FastAPI()
app.include_router(gen.router, prefix="/g")


@app.get("/items", tags=["items"])
def read_items(value=Depends(gen.dep)):
    return [value]


@app.post("/items", tags=["items"])
def create_item():
    return {}
"""


def hypothesmith_project(source: str, with_header: bool) -> Project:
    """A generated module as ``app/gen.py`` (after a fastapi header, or not) and the
    fixed app that imports and includes it."""
    text = (FASTAPI_HEADER + source) if with_header else source
    return {"app/gen.py": text.encode("utf-8", "surrogatepass"), "app/main.py": FIXED_APP}


# --- generator 2: mutants of the fixtures and examples/shop --------------------------


def _read_tree(directory: Path) -> Project:
    files: Project = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".toml"):
            files[path.relative_to(directory).as_posix()] = path.read_bytes()
    return files


ROUTES_APP = b"""\
from fastapi import FastAPI

from app import routes
from app.routes import *

app = FastAPI()
app.include_router(routes.router, prefix="/r")
"""


def seed_projects() -> list[tuple[str, Project]]:
    """The mutation corpus: each fixture file (as ``app/routes.py`` next to an app that
    includes it), each multi-file fixture and ``examples/shop``."""
    projects: list[tuple[str, Project]] = []
    for path in sorted(FIXTURES.glob("*.py")):
        projects.append(
            (path.name, {"app/routes.py": path.read_bytes(), "app/main.py": ROUTES_APP})
        )
    for directory in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        files = _read_tree(directory)
        if any(name.endswith(".py") for name in files):
            projects.append((directory.name + "/", files))
    projects.append(("examples/shop", _read_tree(SHOP)))
    return projects


ODD_DECORATORS = [
    "@{r}.get(",
    "@{r}.get()",
    "@{r}.get(*args)",
    "@{r}.get(**kwargs)",
    "@{r}.get(path=1)",
    '@{r}.get("/{{p:path}}/{{p}}")',
    '@{r}.get("/{{}}/{{a:}}/{{:int}}")',
    '@{r}.api_route("/x", methods="GET")',
    '@{r}.api_route("/x", methods=[1, None])',
    '@{r}.post("/x", status_code=True)',
    '@{r}.post("/x", status_code=201.0)',
    '@{r}.delete("/x", status_code=-1)',
    '@{r}.delete("/x", status_code=status.HTTP_204_NO_CONTENT)',
    '@{r}.get("/x", tags=[1, None, {{}}])',
    '@{r}.get("/x", tags="a")',
    '@{r}.get("/x", dependencies=Depends(f))',
    '@{r}.get("/x", dependencies=[Depends()])',
    '@{r}.get("/x", response_model=list[list[dict[str, "X"]]])',
    '@{r}.get("/x", response_model=None)',
    '@{r}.get("/' + "a/" * 2000 + '")',
    '@{r}.get("\\ud800")',
    '@{r}.get("/a\\nb\\x00\\u2028")',
    '@{r}.get(f"/{{x}}")',
    "@{r}.get('/x' + '/y')",
    "@{r}.{r}.get('/x')",
    "@{r}.get('/x')\n@{r}.get('/x')",
    "@{r}",
    "@{r}()",
    "@{r}.get('/x').post('/y')",
    "@Depends",
    "@app.get('/x')",
    "@router.websocket('/ws')",
]

ODD_INCLUDES = [
    "{r}.include_router()",
    "{r}.include_router(*routers)",
    "{r}.include_router({r})",
    "{r}.include_router({r}, prefix=None)",
    "{r}.include_router({r}, prefix=1)",
    "{r}.include_router(router, prefix='/{{p:path}}', tags=[None])",
    "{r}.include_router(router, dependencies=Depends(f))",
    "{r}.include_router(router, dependencies=[Depends(f), 1])",
    "app.include_router(app)",
    "app.mount('/m', app)",
    "app.mount('/m', {r})",
    "{r}.add_api_route('/x', f, methods=['POST'])",
    "{r}.add_api_route()",
    "for r in routers:\n    app.include_router(r)",
    "[app.include_router(r) for r in (router, {r})]",
    "def make():\n    return make()\napp.include_router(make())",
    "{r} = APIRouter(prefix={r}.prefix)",
    "{r} = APIRouter(dependencies=[Depends({r})])",
    "from app import main\nmain.app.include_router({r})",
    "from app.main import *",
    "from . import *",
    "from .routes import router as {r}",
]

ODD_BYTES = [
    b"\x00",
    b"\xff",
    b"\x0c",
    b"\r",
    "\u2028".encode(),
    b"\xe2\x80",
    b"\\",
    b"'''",
    b"(",
    b"\x1b",
    b"\t",
    b"\xef\xbb\xbf",
    b"# noqa",
    b"# noqa: FL101",
    b"# fastlint: noqa",
    b"# -*- coding: latin-1 -*-\n",
]

ODD_STRINGS = ["\\ud800", "{}", "{p:path}", "\\x00", "\\u2028", "漢字", "{a}{a}", "%s", "\\\\"]

RENAMES = [
    ("APIRouter", "FastAPI"),
    ("FastAPI", "APIRouter"),
    ("Depends", "Annotated"),
    ("Annotated", "Depends"),
    ("from fastapi", "from .fastapi"),
    ("router", "app"),
    ("app", "router"),
    ("Security", "Depends"),
    ("BaseModel", "object"),
    ("include_router", "mount"),
]

_NAME = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
_ROUTER = re.compile(r"^\s*(\w+)\s*=\s*(?:fastapi\.)?(?:APIRouter|FastAPI)\b", re.M)


def _routers(text: str) -> list[str]:
    return _ROUTER.findall(text) or ["router"]


def _nested(depth: int, rng: random.Random) -> str:
    inner = "int"
    for _ in range(depth):
        inner = rng.choice(
            ["Annotated[{0}, Depends(dep)]", "Depends({0})", "list[{0}]", "Annotated[{0}, 1]"]
        ).format(inner)
    return inner


def _lines(text: str) -> list[str]:
    return text.split("\n")


def mutate_text(text: str, rng: random.Random) -> str:
    """One line-level or token-level mutation of a Python source."""
    lines = _lines(text)
    op = rng.randrange(14)
    r = rng.choice(_routers(text))
    where = rng.randrange(len(lines) + 1)
    if op == 0 and lines:  # delete a line (or a few)
        del lines[where : where + rng.choice([1, 1, 2, 5])]
    elif op == 1 and lines:  # duplicate a line
        lines.insert(where, lines[min(where, len(lines) - 1)])
    elif op == 2 and len(lines) > 1:  # swap two lines
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3 and lines:  # re-indent a line
        i = rng.randrange(len(lines))
        lines[i] = rng.choice(["    ", "\t", " ", ""]) + lines[i].lstrip()
    elif op == 4:  # truncate, often in the middle of a token
        tokens = [
            m.start() + rng.randrange(1, max(2, len(m.group()))) for m in _NAME.finditer(text)
        ]
        cut = rng.choice(tokens) if tokens and rng.random() < 0.7 else rng.randrange(len(text) + 1)
        return text[:cut]
    elif op == 5:  # an odd decorator before a def
        defs = [
            i for i, line in enumerate(lines) if line.lstrip().startswith(("def ", "async def"))
        ]
        i = rng.choice(defs) if defs else where
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())] if i < len(lines) else ""
        decorator = rng.choice(ODD_DECORATORS).format(r=r)
        lines.insert(i, "\n".join(indent + part for part in decorator.split("\n")))
        if i >= len(lines) - 1:
            lines.append("def injected():\n    return 1")
    elif op == 6:  # an odd include / mount / add_api_route at module level
        lines.append(rng.choice(ODD_INCLUDES).format(r=r))
    elif op == 7:  # deep Annotated / Depends
        depth = rng.choice([5, 20, 60, 200])
        lines.append(
            f"def dep():\n    return 1\n@{r}.get('/deep')\n"
            f"def deep(x: {_nested(depth, rng)} = Depends(dep)):\n    return [x]"
        )
    elif op == 8:  # a rename
        old, new = rng.choice(RENAMES)
        return text.replace(old, new)
    elif op == 9:  # identifier substitution
        names = sorted(set(_NAME.findall(text)))
        if names:
            old, new = rng.choice(names), rng.choice(names)
            return re.sub(rf"\b{re.escape(old)}\b", new, text)
    elif op == 10:  # a self-reference
        names = sorted(set(_NAME.findall(text))) or ["x"]
        a, b = rng.choice(names), rng.choice(names)
        form = rng.choice(
            ["{a} = {a}", "{a} = {a}.{a}", "{a} = {a}()", "{a} = {b}\n{b} = {a}", "{a} = [{a}]"]
        )
        lines.insert(where, form.format(a=a, b=b))
    elif op == 11:  # an odd string literal
        strings = list(re.finditer(r"([\"'])([^\"'\\\n]*)\1", text))
        if strings:
            m = rng.choice(strings)
            return text[: m.start(2)] + rng.choice(ODD_STRINGS) + text[m.end(2) :]
    elif op == 12:  # a star import of a sibling (or of itself)
        lines.insert(
            where, rng.choice(["from app import *", "from app.main import *", "from . import *"])
        )
    else:  # keep the file, change nothing at text level
        pass
    return "\n".join(lines)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        return data[:at] + rng.choice(ODD_BYTES) + data[at:]
    return data[:at]  # truncation at a byte (may split a UTF-8 sequence)


def mutant_project(base: Project, rng: random.Random) -> Project:
    """``base`` with 1-3 mutations applied to one or two of its Python files."""
    files = dict(base)
    names = sorted(name for name in files if name.endswith(".py"))
    for name in rng.sample(names, min(len(names), rng.choice([1, 1, 2]))):
        data = files[name]
        for _ in range(rng.choice([1, 1, 2, 3])):
            if rng.random() < 0.12:
                data = mutate_bytes(data, rng)
            else:
                text = data.decode("utf-8", "surrogateescape")
                data = mutate_text(text, rng).encode("utf-8", "surrogateescape")
        files[name] = data
    return files


def mutants(seed: int, count: int) -> Iterator[tuple[str, Project]]:
    """``count`` deterministic mutants (label, project) for ``seed``."""
    rng = random.Random(seed)
    corpus = seed_projects()
    for index in range(count):
        label, base = rng.choice(corpus)
        yield f"mutant {seed}/{index} of {label}", mutant_project(base, rng)


# --- generator 3: the cyclic-value sweep ---------------------------------------------

# Definitions of X that refer to themselves. ``other`` is app/other.py's text, if any.
CYCLIC_PATTERNS: dict[str, tuple[str, str | None]] = {
    "self-alias": ("X = X", None),
    "alias-pair": ("X = Y\nY = X", None),
    "attribute": ("X = X.X", None),
    "call": ("X = X()", None),
    "list": ("X = [X]", None),
    "list-pair": ("X = [X, X]", None),
    "walrus": ("X = (X := X)", None),
    "walrus-list": ("X = [(X := [X])]", None),
    "binop": ("X = X + X", None),
    "dict-unpack": ("X = {**X}", None),
    "subscript": ("X = X[X]", None),
    "annotated": ("X = Annotated[X, Depends(X)]", None),
    "function": ("def X(x=Depends(X)):\n    return X(x)", None),
    "class": ("class X(X):\n    pass", None),
    "class-3": ("class X(X, X, X):\n    pass", None),
    "cross-module": ("from app.other import X", "from app.main import X\n"),
    "cross-alias": ("from app import other\nX = other.X", "from app import main\nX = main.X\n"),
    "cross-class": (
        "from app.other import B\nclass X(B):\n    pass",
        "from app.main import X\nB = X\n",
    ),
    "self-star": ("from app.main import *\nfrom app.main import *\nX = X", None),
}

# Where X goes: (slot name, {template field: value}).
CYCLIC_SLOTS: dict[str, dict[str, str]] = {
    "path": {"path": "X"},
    "path-concat": {"path": '"/a" + X'},
    "status_code-post": {"method": "post", "route": ", status_code=X"},
    "status_code-delete": {"method": "delete", "route": ", status_code=X"},
    "tags": {"route": ", tags=X"},
    "tags-item": {"route": ", tags=[X]"},
    "dependencies": {"route": ", dependencies=X"},
    "dependencies-item": {"route": ", dependencies=[Depends(X)]"},
    "response_model": {"route": ", response_model=X"},
    "response_model-list": {"route": ", response_model=list[X]"},
    "methods": {"method": "api_route", "route": ", methods=X"},
    "router-prefix": {"router": "prefix=X"},
    "router-tags": {"router": "tags=X"},
    "router-dependencies": {"router": "dependencies=X"},
    "app-dependencies": {"app": "dependencies=X"},
    "include-router": {"include": "X"},
    "include-prefix": {"include": "router, prefix=X"},
    "include-tags": {"include": "router, tags=X"},
    "include-dependencies": {"include": "router, dependencies=X"},
    "include-dependencies-item": {"include": "router, dependencies=[Depends(X)]"},
    "mount": {"extra": 'app.mount("/m", X)\napp.mount(X, router)'},
    "add_api_route": {"extra": 'app.add_api_route("/r", X, methods=X, status_code=X)'},
    "depends-target": {"params": "value=Depends(X)"},
    "security-target": {"params": "value=Security(X)"},
    "annotated-depends": {"params": "value: Annotated[X, Depends(X)]"},
    "annotated-metadata": {"params": "limit: Annotated[int, X] = 10"},
    "annotated-query": {"params": "limit: Annotated[int, Query(le=X)] = X"},
    "query-default": {"params": "limit: int = Query(X, le=X)"},
    "annotation": {"params": "value: X"},
    "return-annotation": {"returns": " -> X"},
    "model-base": {"extra": "class M(X):\n    pass", "route": ", response_model=M"},
}

CYCLIC_TEMPLATE = """\
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query, Security

{definition}

router = APIRouter({router})
app = FastAPI({app})


@router.{method}({path}{route})
def handler({params}){returns}:
    return [{{}}]


app.include_router({include})
{extra}
"""

CYCLIC_DEFAULTS = {
    "router": "",
    "app": "",
    "method": "get",
    "path": '"/items"',
    "route": "",
    "params": "",
    "returns": "",
    "include": "router",
    "extra": "",
}


def cyclic_project(pattern: str, slot: str) -> Project:
    definition, other = CYCLIC_PATTERNS[pattern]
    fields = {**CYCLIC_DEFAULTS, **CYCLIC_SLOTS[slot], "definition": definition}
    if fields["method"] == "api_route" and "methods" not in fields["route"]:
        fields["route"] += ', methods=["GET"]'
    files = {"app/main.py": CYCLIC_TEMPLATE.format(**fields).encode()}
    if other is not None:
        files["app/other.py"] = other.encode()
    return files


def cyclic_cases() -> list[tuple[str, str]]:
    return [(pattern, slot) for pattern in CYCLIC_PATTERNS for slot in CYCLIC_SLOTS]


# --- reporting -----------------------------------------------------------------------


def describe(files: Project) -> str:
    """A project as text, for an assertion message or a reproducer."""
    parts = []
    for name, data in sorted(files.items()):
        parts.append(f"--- {name}\n{data.decode('utf-8', 'backslashreplace')}")
    return "\n".join(parts)


def assert_clean(problems: list[str], files: Project, label: str = "") -> None:
    assert not problems, f"{label}\n" + "\n".join(problems) + "\n\n" + describe(files)
