"""Regression tests for model bugs found in review: each once crashed or lost routes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lintutil import lint_tree

from fastlint.project.symbols import canonical_external


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _routes_json(root: Path) -> tuple[int, dict[str, object], str]:
    done = subprocess.run(
        [sys.executable, "-m", "fastlint", "routes", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}
    return done.returncode, data, done.stderr


def _unresolved(root: Path) -> list[tuple[int, str]]:
    """(line, reason) of every blind spot ``fastlint routes`` lists."""
    _, data, _ = _routes_json(root)
    unresolved = data["unresolved"]
    assert isinstance(unresolved, list)
    return [(int(u["line"]), str(u["reason"])) for u in unresolved]


CYCLIC_STATUS = """\
from fastapi import FastAPI

A = B
B = A
app = FastAPI()


@app.delete("/items/{item_id}", status_code=A, tags=["items"])
def delete_item(item_id: int) -> None:
    return None
"""


def test_cyclic_status_alias_is_unknown_not_a_crash(tmp_path: Path) -> None:
    root = _write(tmp_path, {"main.py": CYCLIC_STATUS})
    findings = lint_tree(root)
    assert [f for f in findings if f.code == "FL999"] == []
    code, data, stderr = _routes_json(root)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    routes = data["routes"]
    assert isinstance(routes, list) and routes[0]["status_code"] == "A"


TUPLE_ROUTERS = """\
from fastapi import APIRouter, FastAPI

router, admin = APIRouter(), APIRouter(prefix="/admin")
app = FastAPI()


@router.get("/r", tags=["r"])
def read_r() -> int:
    return 1


@admin.get("/a", tags=["a"])
def read_a() -> int:
    return 1


app.include_router(router)
"""


def test_tuple_unpacked_routers_are_routers(tmp_path: Path) -> None:
    root = _write(tmp_path, {"main.py": TUPLE_ROUTERS})
    findings = lint_tree(root)
    fl401 = [(f.line, f.message) for f in findings if f.code == "FL401"]
    assert len(fl401) == 1 and "`admin`" in fl401[0][1]
    _, data, _ = _routes_json(root)
    served = data["routes"]
    unreached = data["unreached_routes"]
    assert isinstance(served, list) and [r["path"] for r in served] == ["/r"]
    assert isinstance(unreached, list) and [r["path"] for r in unreached] == ["/a"]


def test_starred_and_unsplittable_targets_are_bound_not_builtins(tmp_path: Path) -> None:
    source = (
        "from fastapi import FastAPI\n"
        "from factories import make\n"
        "app = FastAPI()\n"
        "first, *rest = make()\n"
        '@first.get("/x")\n'
        "def x() -> int:\n"
        "    return 1\n"
    )
    reasons = " ".join(reason for _, reason in _unresolved(_write(tmp_path, {"main.py": source})))
    assert "builtins" not in reasons and "is not defined here" not in reasons


def test_canonical_names_match_whole_names() -> None:
    assert canonical_external("fastapi.ResponseValidationError") == (
        "fastapi.ResponseValidationError"
    )
    assert canonical_external("fastapi.Response") == "fastapi.responses.Response"
    assert canonical_external("fastapi.routing.APIRouter") == "fastapi.APIRouter"
    assert canonical_external("starlette.routing.Mount") == "starlette.routing.Mount"


def test_routes_report_isolates_a_crash(tmp_path: Path) -> None:
    """A model bug in one cell is reported on stderr with exit 2, never a traceback."""
    root = _write(tmp_path, {"main.py": CYCLIC_STATUS})
    script = (
        "import sys\n"
        "import fastlint.routes_report as report\n"
        "def boom(*args, **kwargs):\n"
        "    raise ValueError('injected')\n"
        "report._auth_text = boom\n"
        "from fastlint.cli import main\n"
        f"sys.argv = ['fastlint', 'routes', {str(root)!r}]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "internal error computing auth of delete_item: ValueError: injected" in done.stderr
    assert "/items/{item_id}" in done.stdout


def test_routes_report_marks_conditional_routes() -> None:
    root = Path(__file__).parent / "fixtures" / "conditional_includes"
    code, data, stderr = _routes_json(root)
    assert code == 0, stderr
    routes = data["routes"]
    assert isinstance(routes, list)
    by_path = {(r["path"], r["handler"].rsplit("/", 1)[-1]): r["conditional"] for r in routes}
    assert by_path == {
        ("/api/debug/state", "debug.py:7"): True,
        ("/api/search", "search_v1.py:9"): True,
        ("/api/search", "search_v2.py:9"): True,
    }


def test_call_form_routes_are_served() -> None:
    root = Path(__file__).parent / "fixtures" / "call_form_routes"
    _, data, _ = _routes_json(root)
    routes = data["routes"]
    assert isinstance(routes, list)
    assert {(r["method"], r["path"]) for r in routes} == {
        ("GET", "/health"),
        ("GET/POST", "/items"),
        ("GET", "/items/{item_id}"),
        ("GET", "/items/me"),
        ("DELETE", "/admin/cache"),
        ("POST", "/items/imports"),
    }


def test_libcst_is_loaded_only_for_files_the_interpreter_cannot_parse() -> None:
    script = (
        "import sys\n"
        "from fastlint.filepass import summarize\n"
        "summarize(b'x = 1\\n', 'a.py')\n"
        "assert 'libcst' not in sys.modules\n"
        "s = summarize(b'type X = int\\n', 'b.py')\n"
        "assert s.parse_error is None and s.assigns[0].target == 'X', s\n"
        "bad = summarize(b'def f(:\\n', 'c.py')\n"
        "assert bad.parse_error is not None and bad.parse_error.line == 1, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_routes_on_a_library_router_class_are_a_listed_blind_spot(tmp_path: Path) -> None:
    source = (
        "from cadwyn import VersionedAPIRouter\n"
        "router = VersionedAPIRouter()\n\n\n"
        '@router.get("/x")\n'
        "def read_x() -> int:\n"
        "    return 1\n"
    )
    assert _unresolved(_write(tmp_path, {"main.py": source})) == [
        (5, "cannot tell what `router` is: result of `VersionedAPIRouter(...)`")
    ]


def test_unreadable_methods_are_unknown_not_get(tmp_path: Path) -> None:
    source = (
        "from fastapi import FastAPI\n"
        "from somelib import WRITE_METHODS\n\n"
        "app = FastAPI()\n\n\n"
        '@app.get("/items", tags=["items"])\n'
        "def list_items() -> list[str]:\n"
        "    return []\n\n\n"
        '@app.api_route("/items", methods=WRITE_METHODS, tags=["items"])\n'
        "def write_items() -> dict[str, str]:\n"
        "    return {}\n"
    )
    root = _write(tmp_path, {"main.py": source})
    assert [f.code for f in lint_tree(root) if f.code in ("FL402", "FL403")] == []
    _, data, _ = _routes_json(root)
    routes = data["routes"]
    assert isinstance(routes, list)
    assert sorted(r["method"] for r in routes) == ["?", "GET"]


def test_app_setting_under_star_kwargs_is_unknown(tmp_path: Path) -> None:
    source = (
        "from fastapi import FastAPI\n"
        "from settings import APP_KWARGS\n\n"
        "app = FastAPI(**APP_KWARGS)\n\n\n"
        '@app.get(app.swagger_ui_oauth2_redirect_url, tags=["docs"])\n'
        "def redirect() -> str:\n"
        '    return ""\n'
    )
    root = _write(tmp_path, {"main.py": source, "settings.py": "APP_KWARGS = {}\n"})
    _, data, _ = _routes_json(root)
    routes = data["routes"]
    assert isinstance(routes, list)
    assert routes[0]["path"] == "⟨app.swagger_ui_oauth2_redirect_url⟩"


def test_nesting_no_python_accepts_is_fl000_not_a_crash(tmp_path: Path) -> None:
    """libcst's native parser overflows its stack on such input: it must never see it."""
    root = _write(
        tmp_path,
        {
            "deep.py": "w = " + "[" * 5000 + "]" * 5000 + "\n",
            "long.py": "type X = int\ny = " + "-" * 50_000 + "1\n",
            "ok.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        },
    )
    done = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", str(root), "--output-format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)
    assert sorted((Path(f["path"]).name, f["code"]) for f in findings) == [
        ("deep.py", "FL000"),
        ("long.py", "FL000"),
    ]
