"""Compare fastlint's static route table with the one FastAPI builds at run time.

A developer tool for FastAPI's own tutorial apps (``docs_src/`` of the fastapi sdist):
each example (one module, or one package folder) is copied into its own temporary
folder, so examples cannot leak into each other, imported in a subprocess with a
timeout (``_runtime_probe.py``), and its route table is compared, route by route
(method and full path), with ``fastlint routes --format json`` on the same copy.

    python scripts/runtime_crosscheck.py PATH/TO/docs_src [--python PY | --make-venv]
        [--json OUT] [--min-route-agreement PERCENT]

It measures, it does not gate: exit 0 unless the script itself breaks, or a
``--min-*`` threshold given on the command line is not reached (exit 1).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROBE = Path(__file__).with_name("_runtime_probe.py")
MARKER = "@@fastlint-runtime-routes@@"  # keep in sync with _runtime_probe.py
DEFAULT_TIMEOUT = 20.0
# The endings of the auth chains fastlint writes for a credential checked by hand:
# ``Header(x_token)``, ``reads cookies['token']``, ``token parameter``. Any other ending
# names a scheme: a ``fastapi.security`` class (``oauth2_scheme (OAuth2PasswordBearer)``,
# ``HTTPBasic``), a project subclass of one (``HTTPBearer403``) or ``Security(...)``.
HAND_ROLLED = re.compile(r"^(Header\(.*\)|reads \w+\[.*\]|\w+ parameter)$")
# What ``--make-venv`` installs: FastAPI and what the docs_src examples import.
VENV_PACKAGES = ("fastapi[standard]",)
VENV_EXTRAS = (
    "sqlmodel",
    "pyjwt",
    "pwdlib[argon2]",
    "passlib[bcrypt]",
    "pydantic-settings",
    "python-multipart",
    "strawberry-graphql",
    "pyyaml",
    "orjson",
    "flask",
    "a2wsgi",
    "markupsafe",
    "opentelemetry-sdk",
    "psycopg[binary]",
)
# The corpus holds only .py files: an app that serves a folder fails at import when it
# is missing, so the probe is retried with the folder created, empty.
MISSING_DIR = re.compile(r"[Dd]irectory '([^'/]+)' does not exist")
MISSING_FILE = re.compile(r"file '([^'/]+)' does not exist in directory '([^'/]+)'")
MAX_RETRIES = 3
FIELDS = ("tags", "status_code", "auth", "response_model")


@dataclass(frozen=True)
class Example:
    """One tutorial app: what to copy and the modules whose globals hold its apps."""

    name: str
    source: Path
    modules: tuple[str, ...]
    data_dirs: tuple[Path, ...] = ()  # the topic's non-code folders (``static/``)


@dataclass
class Difference:
    example: str
    method: str
    path: str
    field: str
    fastlint: Any
    runtime: Any
    note: str = ""


@dataclass
class Outcome:
    """One example, both tables (or why one of them is missing)."""

    example: str
    runtime: list[dict[str, Any]] | None = None  # one entry per app: {"app", "routes"}
    runtime_error: str = ""
    routes: list[dict[str, Any]] = field(default_factory=list)  # fastlint's "routes"
    unreached: list[dict[str, Any]] = field(default_factory=list)
    unresolved: list[dict[str, Any]] = field(default_factory=list)  # what fastlint lists
    fastlint_error: str = ""


@dataclass
class Report:
    examples: int = 0
    not_importable: dict[str, str] = field(default_factory=dict)
    fastlint_failed: dict[str, str] = field(default_factory=dict)
    without_app: list[str] = field(default_factory=list)
    runtime_routes: int = 0
    found: int = 0
    extra: int = 0
    other_runtime_routes: int = 0  # Starlette routes and mounts of non-route apps
    stated: Counter[str] = field(default_factory=Counter)
    agree: Counter[str] = field(default_factory=Counter)
    auth_unknown: int = 0
    tags_unknown: int = 0
    status_unevaluated: int = 0
    public: int = 0
    public_with_scheme: list[Difference] = field(default_factory=list)
    hand_rolled: list[Difference] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    # Every matched route, both sides as read: {"example", "method", "fastlint", "runtime"}.
    matched: list[dict[str, Any]] = field(default_factory=list)

    @property
    def found_percent(self) -> float:
        return 100.0 * self.found / self.runtime_routes if self.runtime_routes else 100.0

    def percent(self, name: str) -> float:
        stated = self.stated[name]
        return 100.0 * self.agree[name] / stated if stated else 100.0


# ---------------------------------------------------------------- examples


def _has_code(folder: Path) -> bool:
    return any(p.suffix == ".py" and p.name != "__init__.py" for p in folder.rglob("*.py"))


def discover(docs_src: Path) -> list[Example]:
    """Every example under ``docs_src/<topic>/``: a module (``tutorial001_an.py``) or a
    package folder with a ``main.py`` (``bigger_applications/app/``). ``test_*.py`` are
    the examples' tests, not examples."""
    examples: list[Example] = []
    for topic in sorted(p for p in docs_src.iterdir() if p.is_dir()):
        items = sorted(topic.iterdir())
        data = tuple(p for p in items if p.is_dir() and not _has_code(p) and p.name[0] != "_")
        for item in items:
            name = f"{topic.name}/{item.name}"
            if item.is_file() and item.suffix == ".py":
                if item.name != "__init__.py" and not item.name.startswith("test_"):
                    examples.append(Example(name, item, (item.stem,), data))
            elif item.is_dir() and (item / "main.py").is_file():
                examples.append(Example(name, item, (f"{item.name}.main",), data))
    return examples


def _copy(example: Example, into: Path) -> None:
    for folder in example.data_dirs:
        shutil.copytree(folder, into / folder.name)
    if example.source.is_dir():
        ignore = shutil.ignore_patterns("__pycache__", "test_*.py")
        shutil.copytree(example.source, into / example.source.name, ignore=ignore)
    else:
        shutil.copy2(example.source, into / example.source.name)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _last_line(text: str) -> str:
    """The exception line of a traceback (``ValueError: ...``), else the last line."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    raised = [line for line in lines if re.match(r"[A-Za-z_][\w.]*: ", line)]
    return ((raised or lines)[-1] if lines else "no output")[:300]


def runtime_table(
    example: Example, where: Path, python: str, timeout: float
) -> tuple[list[dict[str, Any]] | None, str]:
    """(the probe's table, "") or (None, why the example could not be imported)."""
    for _ in range(MAX_RETRIES + 1):
        try:
            done = subprocess.run(
                [python, str(PROBE), *example.modules],
                cwd=where,
                capture_output=True,
                text=True,
                timeout=timeout,
                env=_env(),
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            return None, f"timeout after {timeout:g} s"
        error = _last_line(done.stderr) if done.returncode != 0 else ""
        if missing := MISSING_DIR.search(error):
            wanted = where / missing.group(1)
        elif missing := MISSING_FILE.search(error):
            wanted = where / missing.group(2) / missing.group(1)
        else:
            break
        if wanted.exists():
            break
        wanted.parent.mkdir(parents=True, exist_ok=True)
        if missing.re is MISSING_DIR:
            wanted.mkdir()
        else:
            wanted.touch()
    if error:
        return None, error
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(MARKER):
            table: list[dict[str, Any]] = json.loads(line[len(MARKER) :])
            return table, ""
    return None, "the probe printed no route table"


def fastlint_table(
    where: Path, command: Sequence[str], timeout: float
) -> tuple[dict[str, Any] | None, str]:
    """(``fastlint routes --format json`` output, "") or (None, why it failed)."""
    try:
        done = subprocess.run(
            [*command, "routes", "--format", "json", str(where)],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return None, f"timeout after {timeout:g} s"
    try:
        data: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        return None, f"exit {done.returncode}: {_last_line(done.stderr)}"
    # Exit 2 with a table: some cells hit an internal error; the table still counts.
    return data, _last_line(done.stderr) if done.returncode != 0 else ""


def run_example(example: Example, python: str, command: Sequence[str], timeout: float) -> Outcome:
    """Both tables for one example, from its own copy (imported first: fastlint then
    sees what ran, folders the probe had to create included)."""
    outcome = Outcome(example.name)
    with tempfile.TemporaryDirectory(prefix="fastlint-xcheck-") as folder:
        where = Path(folder)
        _copy(example, where)
        outcome.runtime, outcome.runtime_error = runtime_table(example, where, python, timeout)
        if outcome.runtime is None:
            return outcome  # not importable: nothing to compare with
        data, outcome.fastlint_error = fastlint_table(where, command, timeout)
    if data is not None:
        outcome.routes = list(data.get("routes", []))
        outcome.unreached = list(data.get("unreached_routes", []))
        outcome.unresolved = list(data.get("unresolved", []))
    return outcome


# ---------------------------------------------------------------- normalising


def _canon(node: ast.expr) -> str:
    """One spelling per type: ``Optional[X]``/``Union[X, None]`` -> ``X | None``,
    ``List`` -> ``list``, ``models.Item`` -> ``Item``, ``Annotated[X, ...]`` -> ``X``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant):
        return "..." if node.value is Ellipsis else repr(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return f"{_canon(node.left)} | {_canon(node.right)}"
    if isinstance(node, ast.Subscript):
        base = _canon(node.value)
        inner = node.slice
        items = list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]
        if base == "Optional" and len(items) == 1:
            return f"{_canon(items[0])} | None"
        if base == "Union":
            return " | ".join(_canon(item) for item in items)
        if base == "Annotated":
            return _canon(items[0])
        if base in ("List", "Dict", "Set", "FrozenSet", "Tuple", "Type"):
            base = base.lower()
        return f"{base}[{', '.join(_canon(item) for item in items)}]"
    if isinstance(node, ast.List):
        return f"[{', '.join(_canon(item) for item in node.elts)}]"
    if isinstance(node, ast.Call):
        return f"{_canon(node.func)}(...)"
    return ast.unparse(node)


def canonical_type(text: str | None) -> str | None:
    """A type label from either side, comparable; ``None`` (no model) stays None."""
    if text is None:
        return None
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return text.replace(" ", "")
    label = _canon(tree.body)
    return None if label == "None" else label


def auth_kind(text: str) -> str:
    """fastlint's auth cell as one of public, none, unknown, scheme, hand-rolled."""
    if text.startswith("public"):
        return "public"
    if text == "none":
        return "none"
    if text.startswith(("unknown", "internal error")):
        return "unknown"
    return "hand-rolled" if HAND_ROLLED.match(text.split(" → ")[-1].strip()) else "scheme"


def status_value(text: str) -> int | str | None:
    """fastlint's status cell: None (FastAPI's default), a code, or "unevaluated"."""
    if text == "default":
        return None
    return int(text) if text.isdigit() else "unevaluated"


def _status_agrees(ours: int | None, theirs: int | None) -> bool:
    """FastAPI's default is ``status_code=None`` (served as 200)."""
    return (ours or 200) == (theirs or 200) if None in (ours, theirs) else ours == theirs


# ---------------------------------------------------------------- comparing


def _runtime_entries(outcome: Outcome, report: Report) -> Iterator[tuple[str, dict[str, Any]]]:
    for app in outcome.runtime or []:
        for route in app["routes"]:
            if route["kind"] in ("api", "websocket"):
                for method in route["methods"]:
                    yield method, route
            else:
                report.other_runtime_routes += 1


def _missing_note(method: str, path: str, outcome: Outcome) -> str:
    """Why fastlint may lack a route: it saw it unserved, or listed a blind spot."""
    for row in outcome.unreached:
        if method in row["method"].split("/") and path.endswith(row["path"]):
            return (
                f"fastlint sees the route ({row['path']} at {Path(row['registered_at']).name})"
                " but no app that serves it"
            )
    blind = "; ".join(f"{u['what']}: {u['reason']}" for u in outcome.unresolved)
    return f"fastlint lists as not resolved: {blind}" if blind else ""


def compare(outcome: Outcome, report: Report) -> None:
    """Match routes by (method, full path), in registration order for duplicates, and
    compare the fields fastlint states; every difference goes into the report."""
    name = outcome.example
    static: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in outcome.routes:
        for method in row["method"].split("/"):
            static.setdefault((method, row["path"]), []).append(row)
    for method, route in _runtime_entries(outcome, report):
        report.runtime_routes += 1
        candidates = static.get((method, route["path"]), [])
        if not candidates:
            note = _missing_note(method, route["path"], outcome)
            report.differences.append(
                Difference(name, method, route["path"], "route", None, "present", note)
            )
            continue
        report.found += 1
        row = candidates.pop(0)
        report.matched.append(
            {"example": name, "method": method, "fastlint": row, "runtime": route}
        )
        compare_fields(name, method, route, row, report)
    for (method, path), rows in static.items():
        for row in rows:
            report.extra += 1
            where = f"registered at {Path(row['registered_at']).name}"
            if "⟨" in path:
                where = f"fastlint could not evaluate the path; {where}"
            report.differences.append(
                Difference(name, method, path, "route", "present", None, where)
            )


def compare_fields(
    name: str, method: str, route: dict[str, Any], row: dict[str, Any], report: Report
) -> None:
    """One matched route: tags, status code, auth and response model."""

    def check(field_name: str, ours: Any, theirs: Any, agree: bool | None = None) -> None:
        report.stated[field_name] += 1
        if ours == theirs if agree is None else agree:
            report.agree[field_name] += 1
        else:
            report.differences.append(
                Difference(name, method, route["path"], field_name, ours, theirs)
            )

    kind = auth_kind(row["auth"])
    security = bool(route["security"])
    if kind == "unknown":
        report.auth_unknown += 1
    elif kind == "public":
        report.public += 1
        if security:
            report.public_with_scheme.append(
                Difference(name, method, route["path"], "auth", row["auth"], "scheme")
            )
    elif kind == "hand-rolled" and not security:
        report.hand_rolled.append(
            Difference(name, method, route["path"], "auth", row["auth"], "no scheme")
        )
    else:  # "authenticated" against "a fastapi.security scheme in the dependant tree"
        runtime = "scheme" if security else "no scheme"
        check("auth", row["auth"], runtime, (kind != "none") == security)
    if route["kind"] != "api":
        return  # a websocket route has no tags, status code or response model
    if row["tags"] is None:
        report.tags_unknown += 1
    else:  # as sets: FastAPI keeps include tags first, duplicates and all
        check("tags", sorted(set(row["tags"])), sorted(set(route["tags"])))
    status = status_value(row["status_code"])
    if status == "unevaluated":
        report.status_unevaluated += 1
    else:
        assert not isinstance(status, str)
        theirs = route["status_code"]
        check("status_code", row["status_code"], theirs, _status_agrees(status, theirs))
    ours_model = canonical_type(row.get("response_model"))
    theirs_model = canonical_type(route["response_model"])
    report.stated["response_model"] += 1
    if ours_model == theirs_model:
        report.agree["response_model"] += 1
    else:
        stream = route.get("stream_item")
        note = f"FastAPI streams items of type {stream}" if stream else ""
        report.differences.append(
            Difference(
                name, method, route["path"], "response_model", ours_model, theirs_model, note
            )
        )


def run_all(
    examples: Sequence[Example],
    python: str = sys.executable,
    command: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 0,
) -> list[Outcome]:
    """Both tables of every example, ``jobs`` examples at a time (default: one per CPU)."""
    command = list(command or [sys.executable, "-m", "fastlint"])
    workers = jobs or os.cpu_count() or 2
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda e: run_example(e, python, command, timeout), examples))


def crosscheck(
    examples: Sequence[Example],
    python: str = sys.executable,
    command: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 0,
) -> Report:
    """Run every example and compare the two tables."""
    return build_report(run_all(examples, python, command, timeout, jobs))


def build_report(outcomes: Sequence[Outcome]) -> Report:
    """The comparison alone, from tables already read (the tests alter them)."""
    report = Report()
    for outcome in outcomes:
        report.examples += 1
        if outcome.runtime is None:
            report.not_importable[outcome.example] = outcome.runtime_error
            continue
        if outcome.fastlint_error:
            report.fastlint_failed[outcome.example] = outcome.fastlint_error
        if not outcome.runtime:
            report.without_app.append(outcome.example)
        compare(outcome, report)
    return report


# ---------------------------------------------------------------- output


def _diff_line(d: Difference) -> str:
    line = f"{d.example}: {d.method} {d.path}: {d.field}: "
    line += f"fastlint={d.fastlint!r} runtime={d.runtime!r}"
    return f"{line} ({d.note})" if d.note else line


def summary_lines(report: Report) -> Iterator[str]:
    """The numbers, then every difference grouped by field."""
    compared = report.examples - len(report.not_importable)
    yield (
        f"examples: {report.examples}; importable: {compared}; not importable: "
        f"{len(report.not_importable)}; with no FastAPI app in their globals: "
        f"{len(report.without_app)}; fastlint errors: {len(report.fastlint_failed)}"
    )
    yield (
        f"runtime routes (per method): {report.runtime_routes}; found by fastlint with the "
        f"same method and path: {report.found} ({report.found_percent:.1f} %); "
        f"routes only fastlint reports: {report.extra}; other runtime routes (docs, "
        f"Starlette routes, mounted non-route apps), not compared: {report.other_runtime_routes}"
    )
    for name in FIELDS:
        yield (
            f"  {name}: {report.agree[name]}/{report.stated[name]} agree "
            f"({report.percent(name):.1f} %)"
        )
    yield f"  auth unknown to fastlint (no statement): {report.auth_unknown}"
    yield f"  tags unknown to fastlint (no statement): {report.tags_unknown}"
    yield f"  status code not evaluated by fastlint (no statement): {report.status_unevaluated}"
    yield (
        f"  public by fastlint's policy: {report.public}; of them with a security scheme "
        f"at run time: {len(report.public_with_scheme)}"
    )
    yield (
        f"  authenticated by a hand-rolled credential check (no scheme at run time): "
        f"{len(report.hand_rolled)}"
    )
    if report.not_importable:
        yield f"not importable ({len(report.not_importable)}):"
        yield from (f"  {name}: {why}" for name, why in report.not_importable.items())
    if report.fastlint_failed:
        yield f"fastlint errors ({len(report.fastlint_failed)}):"
        yield from (f"  {name}: {why}" for name, why in report.fastlint_failed.items())
    for title, items in (
        ("public, with a scheme at run time", report.public_with_scheme),
        ("hand-rolled credential checks", report.hand_rolled),
    ):
        if items:
            yield f"{title} ({len(items)}):"
            yield from (f"  {_diff_line(d)}" for d in items)
    for name in ("route", *FIELDS):
        diffs = [d for d in report.differences if d.field == name]
        if diffs:
            yield f"differences in {name} ({len(diffs)}):"
            yield from (f"  {_diff_line(d)}" for d in diffs)


def report_json(report: Report) -> dict[str, Any]:
    data = asdict(report)
    data["stated"], data["agree"] = (
        dict(report.stated),
        dict(report.agree),
    )  # asdict breaks Counters
    data["found_percent"] = report.found_percent
    data["agreement_percent"] = {name: report.percent(name) for name in FIELDS}
    return data


# ---------------------------------------------------------------- venv


def make_venv(cache_dir: Path) -> str:
    """A venv with FastAPI and what docs_src imports; an extra that pip cannot install
    is skipped (its examples then count as not importable). Reused once complete."""
    home = cache_dir / "venv"
    python = home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    done = home / ".crosscheck-installed"
    if done.is_file():
        return str(python)
    venv.create(home, with_pip=True, clear=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *VENV_PACKAGES], check=True)
    installed = list(VENV_PACKAGES)
    for extra in VENV_EXTRAS:
        if subprocess.run([*pip, extra]).returncode == 0:
            installed.append(extra)
        else:
            print(f"runtime_crosscheck: could not install {extra}; skipped", file=sys.stderr)
    done.write_text("\n".join(installed) + "\n", encoding="utf-8")
    return str(python)


def below(report: Report, min_routes: float | None, min_fields: float | None) -> bool:
    """Is a threshold given on the command line missed?"""
    if min_routes is not None and report.found_percent < min_routes:
        return True
    return min_fields is not None and any(report.percent(f) < min_fields for f in FIELDS)


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fastlint-runtime-crosscheck"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare `fastlint routes` with the route table FastAPI builds, "
        "for every example of FastAPI's docs_src/."
    )
    parser.add_argument("docs_src", type=Path, help="FastAPI's docs_src/ folder")
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter with FastAPI (default: this one)"
    )
    parser.add_argument(
        "--make-venv",
        action="store_true",
        help="create (once) and use a venv with fastapi[standard] and the examples' imports",
    )
    parser.add_argument("--cache-dir", type=Path, default=_default_cache())
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="per subprocess")
    parser.add_argument("--jobs", type=int, default=0, help="parallel examples (default: CPUs)")
    parser.add_argument("--only", default="", help="examples whose name contains this")
    parser.add_argument("--json", type=Path, help="write the full report here")
    parser.add_argument("--min-route-agreement", type=float, help="percent found; exit 1 below")
    parser.add_argument("--min-field-agreement", type=float, help="percent, every field")
    args = parser.parse_args(argv)
    if not args.docs_src.is_dir():
        parser.error(f"{args.docs_src}: not a directory")
    python = make_venv(args.cache_dir) if args.make_venv else args.python
    examples = [e for e in discover(args.docs_src) if args.only in e.name]
    report = crosscheck(examples, python, None, args.timeout, args.jobs)
    for line in summary_lines(report):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(report_json(report), indent=2, default=str) + "\n")
    return 1 if below(report, args.min_route_agreement, args.min_field_agreement) else 0


if __name__ == "__main__":
    sys.exit(main())
