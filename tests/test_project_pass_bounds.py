"""The project pass finishes on every project, in time that grows with its size.

Regression tests for the reliability audit's B1-B5: inputs that made a walk of the
project pass exponential (a hang) or recurse once per level (FL999 from a
RecursionError). Each runs the real CLI in a subprocess with a timeout, so a
regression fails the test instead of hanging the suite, and asserts that the run
ends, reports no FL999 and does not exit 2. The scaling cases run at several sizes
and check the answer at the largest one (no timings are asserted).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fastlint.filepass import summarize
from fastlint.project import Project, ProjectOptions
from fastlint.project.symbols import Symbol, unknown

TIMEOUT = 20  # seconds; every case here takes well under 2 s when the pass is linear


def _project(root: Path, files: dict[str, str]) -> Path:
    """A project folder: ``pyproject.toml`` with ``[tool.fastlint]``, ``app/`` and files."""
    (root / "pyproject.toml").write_text('[project]\nname = "p"\n\n[tool.fastlint]\n')
    files = {"app/__init__.py": "", **files}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _fastlint(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "fastlint", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`fastlint {' '.join(args)}` did not finish within {TIMEOUT} s")


def _check(root: Path) -> list[dict[str, object]]:
    """Findings of ``fastlint check`` (JSON); asserts the run ended without FL999."""
    done = _fastlint(root, "check", ".", "--no-cache", "--jobs", "1", "--output-format", "json")
    assert done.returncode != 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    findings: list[dict[str, object]] = json.loads(done.stdout)
    assert [f for f in findings if f["code"] in ("FL999", "FL000")] == []
    assert done.returncode == (1 if findings else 0)
    return findings


def _routes(root: Path) -> dict[str, list[dict[str, object]]]:
    """``fastlint routes --format json``; asserts it ended cleanly."""
    done = _fastlint(root, "routes", ".", "--no-cache", "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    report: dict[str, list[dict[str, object]]] = json.loads(done.stdout)
    return report


def _codes(
    findings: list[dict[str, object]], path: str = "app/main.py"
) -> list[tuple[object, ...]]:
    return sorted((f["code"], f["line"]) for f in findings if f["path"] == path)


def _model(root: Path) -> Project:
    """The project model built in-process from the tree's summaries (for resolution
    checks once the CLI has shown that the tree finishes)."""
    summaries = [
        summarize(path.read_bytes(), path.relative_to(root).as_posix())
        for path in sorted(root.rglob("*.py"))
    ]
    return Project(summaries, ProjectOptions())


# ---------------------------------------------------------------------- B1: star-import cycles


def _star_package(size: int) -> dict[str, str]:
    """``app/models/__init__`` star-imports ``size`` submodules, each of which
    star-imports the package to reach its siblings; ``main`` star-imports the package
    and uses names no module defines (``str``) and one each submodule defines."""
    names = [f"m{i}" for i in range(size)]
    files = {
        "app/models/__init__.py": "".join(f"from .{name} import *\n" for name in names),
        "app/main.py": (
            "from fastapi import FastAPI\n"
            "from app.models import *\n"
            "\n"
            "app = FastAPI()\n"
            "\n"
            "\n"
            '@app.get("/x", tags=["x"], response_model=Model' + str(size - 1) + ")\n"
            "def x(q: str, n: int = 0):\n"
            "    return 1\n"
        ),
    }
    for index, name in enumerate(names):
        files[f"app/models/{name}.py"] = (
            "from pydantic import BaseModel\n"
            "from app.models import *\n"
            "\n"
            "\n"
            f"class Model{index}(BaseModel):\n"
            "    name: str\n"
            f"    other: Optional[Model{(index + 1) % size}] = None\n"
        )
    return files


@pytest.mark.parametrize("size", [2, 3, 8, 40])
def test_b1_star_import_cycle_in_a_package_finishes(tmp_path: Path, size: int) -> None:
    root = _project(tmp_path, _star_package(size))
    assert _check(root) == []
    [row] = _routes(root)["routes"]
    assert (row["method"], row["path"]) == ("GET", "/x")

    project = _model(root)
    main = "app/main.py"
    last = project.resolver.resolve_name(main, f"Model{size - 1}")
    assert (last.kind, last.module, last.name) == (
        "class",
        f"app/models/m{size - 1}.py",
        f"Model{size - 1}",
    )
    # A name no module defines is the builtin, not "unknown" and not a hang.
    assert project.resolver.resolve_name(main, "str").name == "builtins.str"
    # Each submodule reaches a sibling's class through the package.
    sibling = project.resolver.resolve_name("app/models/m0.py", f"Model{1 % size}")
    assert (sibling.kind, sibling.module) == ("class", f"app/models/m{1 % size}.py")


def test_b1_audit_reproducer_three_submodules(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            "app/models/__init__.py": "from .a import *\nfrom .b import *\nfrom .c import *\n",
            "app/models/a.py": "from app.models import *\n",
            "app/models/b.py": "from app.models import *\n",
            "app/models/c.py": "from app.models import *\n",
            "app/main.py": (
                "from fastapi import FastAPI\n"
                "from app.models import *\n"
                "\n"
                "app = FastAPI()\n"
                "\n"
                "\n"
                '@app.get("/x")\n'
                "def x(q: str):\n"
                "    return 1\n"
            ),
        },
    )
    assert _codes(_check(root)) == [("FL201", 7)]


def test_b1_module_star_importing_itself_and_reexport_cycles(tmp_path: Path) -> None:
    """A module that star-imports itself (twice), and names imported around a cycle
    of packages: unknown, never a hang."""
    root = _project(
        tmp_path,
        {
            "app/loop.py": "from app.loop import *\nfrom app.loop import *\nfrom .loop import *\n",
            "app/pkg/__init__.py": "from .a import *\nfrom .b import *\nfrom .a import Thing\n",
            "app/pkg/a.py": "from app.pkg import *\nfrom app.pkg.b import Thing\n",
            "app/pkg/b.py": "from app.pkg import *\nfrom app.pkg import Thing\n",
            "app/main.py": (
                "from fastapi import FastAPI, status\n"
                "from app.loop import *\n"
                "from app.pkg import *\n"
                "\n"
                "app = FastAPI()\n"
                "\n"
                "\n"
                '@app.post("/x", tags=[Thing], status_code=CODE)\n'
                "def x(q: Missing):\n"
                "    return 1\n"
            ),
        },
    )
    _check(root)
    project = _model(root)
    package = Symbol("module", "app/pkg/__init__.py", "")
    assert project.resolver.member(package, "Thing") == unknown("import cycle")
    # Around the cycle nothing defines it: a name of its own, the builtin fallback.
    assert project.resolver.resolve_name("app/main.py", "Thing").name == "builtins.Thing"


def test_b1_answers_do_not_depend_on_lookup_order(tmp_path: Path) -> None:
    """``b`` re-exports ``X`` from the package, whose star imports reach ``c``'s ``X``
    only after the cycle through ``a`` and ``b`` is cut: the answer for ``b`` computed
    while the package's lookup was open is not kept, so asking for it later (or
    first) gives ``c``'s ``X`` either way."""
    files = {
        "app/pkg/__init__.py": "from .a import *\nfrom .c import *\n",
        "app/pkg/a.py": "from app.pkg.b import X\n",
        "app/pkg/b.py": "from app.pkg import X\n",
        "app/pkg/c.py": "X = 1\n",
    }
    root = _project(tmp_path, files)
    expected = Symbol("assign", "app/pkg/c.py", "X")
    package = Symbol("module", "app/pkg/__init__.py", "")
    b = Symbol("module", "app/pkg/b.py", "")
    first = _model(root).resolver
    assert (first.member(package, "X"), first.member(b, "X")) == (expected, expected)
    second = _model(root).resolver
    assert (second.member(b, "X"), second.member(package, "X")) == (expected, expected)


# ---------------------------------------------------------------------- B2: class hierarchies

SELF_BASES = """\
from typing import Annotated

from fastapi import Depends, FastAPI, Security

app = FastAPI()


class A(A, A, A):
    pass


@app.get("/a", tags=["a"])
def read_a(a=Depends(A)):
    return a


@app.get("/b", tags=["a"])
def read_b(a: Annotated[A, Depends()]):
    return a


@app.get("/c", tags=["a"])
def read_c(a=Security(A)):
    return a
"""


def test_b2_class_inheriting_from_itself_in_depends(tmp_path: Path) -> None:
    root = _project(tmp_path, {"app/main.py": SELF_BASES})
    _check(root)
    assert len(_routes(root)["routes"]) == 3


def _diamond(levels: int, root_base: str) -> str:
    """``J0(root_base)``; at each level ``L_i(J_i-1)``, ``R_i(J_i-1)``, ``J_i(L_i, R_i)``:
    a valid (C3-consistent) hierarchy with two paths per level to the root."""
    lines = [
        "from fastapi import Depends, FastAPI",
        "from fastapi.security import HTTPBearer",
        "",
        "app = FastAPI()",
        "",
        "",
        f"class J0({root_base}):",
        "    pass",
    ]
    for i in range(1, levels + 1):
        lines += [
            "",
            "",
            f"class L{i}(J{i - 1}):",
            "    pass",
            "",
            "",
            f"class R{i}(J{i - 1}):",
            "    pass",
            "",
            "",
            f"class J{i}(L{i}, R{i}):",
            "    pass",
        ]
    lines += [
        "",
        "",
        '@app.get("/me", tags=["me"])',
        f"def me(credentials=Depends(J{levels}())):",
        "    return credentials",
        "",
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("levels", [5, 25, 60])
def test_b2_diamond_hierarchy_of_a_security_scheme(tmp_path: Path, levels: int) -> None:
    """Two paths to the base at every level: the scheme is still found (auth, so no
    FL301), in time linear in the number of classes."""
    root = _project(tmp_path, {"app/main.py": _diamond(levels, "HTTPBearer")})
    assert _check(root) == []
    [row] = _routes(root)["routes"]
    assert row["auth"] == f"J{levels}"  # the scheme class, found through the bases


def test_b2_diamond_hierarchy_without_auth_is_still_judged(tmp_path: Path) -> None:
    """The same hierarchy on ``object``: not auth, so ``/me`` breaks the project's
    convention (the other route uses a scheme) and is reported."""
    source = _diamond(25, "object").replace("Depends(J25())", "Depends(J25)") + (
        "\n\n"
        "bearer = HTTPBearer()\n"
        "\n\n"
        '@app.get("/other", tags=["me"])\n'
        "def other(credentials=Depends(bearer)):\n"
        "    return credentials\n"
    )
    root = _project(tmp_path, {"app/main.py": source})
    me_line = source.splitlines().index('@app.get("/me", tags=["me"])') + 1
    assert _codes(_check(root)) == [("FL301", me_line)]


def test_b2_hierarchy_hundreds_of_modules_deep(tmp_path: Path) -> None:
    """``C{i}(C{i-1})``, one class per module, the derived modules first in path order:
    linearising the first class walks the whole hierarchy at once (once a
    RecursionError in the project model: one FL999 and no other finding)."""
    depth = 400

    def module(i: int) -> str:
        return f"m{depth - i:04d}"

    base = "from fastapi.security import HTTPBearer\n\n\nclass C0(HTTPBearer):\n    pass\n"
    files = {f"app/{module(0)}.py": base}
    for i in range(1, depth):
        files[f"app/{module(i)}.py"] = (
            f"from app.{module(i - 1)} import C{i - 1}\n\n\nclass C{i}(C{i - 1}):\n    pass\n"
        )
    files["app/main.py"] = (
        "from fastapi import Depends, FastAPI\n"
        f"from app.{module(depth - 1)} import C{depth - 1}\n"
        "\n"
        "app = FastAPI()\n"
        "\n"
        "\n"
        '@app.get("/me", tags=["me"])\n'
        f"def me(credentials=Depends(C{depth - 1}())):\n"
        "    return credentials\n"
    )
    root = _project(tmp_path, files)
    assert _check(root) == []
    [row] = _routes(root)["routes"]
    assert row["auth"] == f"C{depth - 1}"


# ---------------------------------------------------------------------- B3: shared routers


def _ladder(levels: int, *, included: bool = True, leaf_route: bool = False) -> str:
    """Routers ``a_i``, ``b_i``; each router of level i includes both of level i+1
    (the audit's "diamond ladder": 2**levels include chains)."""
    lines = ["from fastapi import APIRouter, FastAPI", "", "app = FastAPI()"]
    lines += [f'a{i} = APIRouter(prefix="/a{i}")\nb{i} = APIRouter()' for i in range(levels)]
    if leaf_route:
        lines += [
            "",
            "",
            f'@a{levels - 1}.get("/leaf", tags=["leaf"])',
            "def leaf():",
            "    return 1",
            "",
            "",
        ]
    if included:
        lines += ["app.include_router(a0)", "app.include_router(b0)"]
    lines += [
        f"{p}{i}.include_router({c}{i + 1})" for i in range(levels - 1) for p in "ab" for c in "ab"
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [4, 12, 24, 60])
def test_b3_diamond_ladder_without_routes_finishes(tmp_path: Path, levels: int) -> None:
    root = _project(tmp_path, {"app/main.py": _ladder(levels)})
    assert _check(root) == []
    assert _routes(root)["routes"] == []


@pytest.mark.parametrize("levels", [4, 12, 24, 60])
def test_b3_diamond_ladder_no_app_includes_is_fl401(tmp_path: Path, levels: int) -> None:
    """The app includes nothing: the leaf's router is reported, after a walk of the
    ladder that visits each router once (not each of its 2**levels chains)."""
    root = _project(tmp_path, {"app/main.py": _ladder(levels, included=False, leaf_route=True)})
    leaf_router_line = 4 + 2 * (levels - 1)
    assert _codes(_check(root)) == [("FL401", leaf_router_line)]


@pytest.mark.parametrize("levels", [4, 12, 24])
def test_b3_diamond_ladder_with_a_leaf_route(tmp_path: Path, levels: int) -> None:
    """The leaf route is served through 2**(levels-1) chains. Up to a few thousand
    each is listed; beyond, the walk stops at its budget (proportional to the routes
    and includes), says so in ``fastlint routes`` and the run still finishes."""
    root = _project(tmp_path, {"app/main.py": _ladder(levels, leaf_route=True)})
    assert [f["code"] for f in _check(root)] == []
    report = _routes(root)
    paths = {str(row["path"]) for row in report["routes"]}
    assert paths
    assert all(path.endswith(f"/a{levels - 1}/leaf") for path in paths)
    stops = [u for u in report["unresolved"] if "too many include chains" in str(u["reason"])]
    if levels <= 12:
        assert len(paths) == 2 ** (levels - 1)  # a0 or b0 at each level but the last
        assert stops == []
    else:
        assert len(paths) < 2 ** (levels - 1)
        assert [(u["path"], u["line"]) for u in stops] == [("app/main.py", 3)]


# ---------------------------------------------------------------------- B4: alias cycles


@pytest.mark.parametrize(
    ("method", "setup", "other"),
    [
        ("post", "CODE = CODE", ""),
        ("delete", "CODE = CODE", ""),
        ("post", "CODE = OTHER\nOTHER = CODE", ""),
        ("delete", "CODE = (CODE := CODE)", ""),
        ("post", "from app import other\n\nCODE = other.CODE", "from app.main import CODE\n"),
        (
            "delete",
            "from app import other\n\nCODE = other.CODE",
            "from app import main\n\nCODE = main.CODE\n",
        ),
        ("post", "CODE = CODE.value", ""),
    ],
)
def test_b4_alias_cycle_as_status_code(tmp_path: Path, method: str, setup: str, other: str) -> None:
    main = (
        "from fastapi import FastAPI\n"
        f"{setup}\n"
        "\n"
        "app = FastAPI()\n"
        "\n"
        "\n"
        f'@app.{method}("/items/{{item_id}}", status_code=CODE, tags=["items"])\n'
        "def change_item(item_id: int):\n"
        "    return {}\n"
    )
    root = _project(tmp_path, {"app/main.py": main, "app/other.py": other})
    _check(root)  # the status is unknown: FL101/FL102/FL103 stay silent
    [row] = _routes(root)["routes"]
    assert row["status_code"] in ("CODE", "CODE.value")


# ---------------------------------------------------------------------- B5: long include chains


def _chain(length: int, *, included: bool = True) -> str:
    """``r0`` includes ``r1`` includes ... ``r{length-1}``, which has the route."""
    lines = ["from fastapi import APIRouter, FastAPI", "", "app = FastAPI()"]
    lines += [f'r{i} = APIRouter(prefix="/p{i}")' for i in range(length)]
    lines += [
        "",
        "",
        f'@r{length - 1}.get("/leaf", tags=["leaf"])',
        "def leaf():",
        "    return 1",
        "",
        "",
    ]
    lines += [f"r{i}.include_router(r{i + 1})" for i in range(length - 1)]
    if included:
        lines.append("app.include_router(r0)")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("length", [10, 330, 1000])
def test_b5_long_include_chain_composes_the_full_path(tmp_path: Path, length: int) -> None:
    root = _project(tmp_path, {"app/main.py": _chain(length)})
    assert _check(root) == []
    [row] = _routes(root)["routes"]
    expected = "".join(f"/p{i}" for i in range(length)) + "/leaf"
    assert (row["method"], row["path"], row["tags"]) == ("GET", expected, ["leaf"])


@pytest.mark.parametrize("length", [10, 330, 1000])
def test_b5_long_include_chain_not_included_is_fl401(tmp_path: Path, length: int) -> None:
    root = _project(tmp_path, {"app/main.py": _chain(length, included=False)})
    assert _codes(_check(root)) == [("FL401", 4 + length - 1)]
    assert _routes(root)["routes"] == []
