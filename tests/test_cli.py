"""The command line: exit codes, selection, formats, rule docs, routes, bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fastlint import __version__
from fastlint.cli import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"
DELETE_ROUTE = (
    "from fastapi import FastAPI\napp = FastAPI()\n\n"
    '@app.delete("/x", tags=["x"])\ndef delete_x() -> None: ...\n'
)


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.fastlint]\n")
    (root / "app.py").write_text(DELETE_ROUTE)
    monkeypatch.chdir(root)
    return root


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and __version__ in out


def test_findings_exit_1_and_text_format(project: Path) -> None:
    code, out, _ = invoke("check", ".")
    assert code == 1
    assert out.splitlines()[0].startswith("app.py:4:1: FL102 DELETE route `delete_x`")
    assert "Found 1 finding in 1 file." in out.splitlines()


def test_clean_exit_0(project: Path) -> None:
    (project / "app.py").write_text(
        DELETE_ROUTE.replace('tags=["x"]', 'tags=["x"], status_code=204')
    )
    code, out, _ = invoke("check")
    assert code == 0 and "All checks passed" in out


def test_exit_zero_and_quiet(project: Path) -> None:
    code, out, _ = invoke("check", "--exit-zero", "--quiet")
    assert code == 0
    assert out.strip().splitlines() == [
        line for line in out.strip().splitlines() if "FL102" in line
    ]


def test_missing_path_is_a_usage_error(project: Path) -> None:
    code, _, err = invoke("check", "nope/")
    assert code == 2 and "nope: no such file or directory" in err


def test_select_ignore_and_prefixes(shop: Path) -> None:
    _, out, _ = invoke("check", "--select", "FL1", "--output-format", "json")
    assert {f["code"] for f in json.loads(out)} == {"FL101", "FL102", "FL103"}
    _, out, _ = invoke("check", "--ignore", "FL1,FL6", "--output-format", "json")
    codes = {f["code"] for f in json.loads(out)}
    assert codes and not any(c.startswith(("FL1", "FL6")) for c in codes)
    code, _, err = invoke("check", "--select", "FL777")
    assert code == 2 and "FL777" in err


def test_json_format_is_stable(shop: Path) -> None:
    code, out, _ = invoke("check", "--output-format", "json")
    data = json.loads(out)
    assert code == 1 and len(data) == 15
    first = data[0]
    assert set(first) == {
        "code",
        "name",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "fix",
    }
    assert data == sorted(data, key=lambda f: (f["path"], f["line"], f["column"]))


def test_statistics(shop: Path) -> None:
    _, out, _ = invoke("check", "--statistics")
    assert "    1  FL101  post-status-code" in out


def test_output_file(shop: Path) -> None:
    code, out, _ = invoke("check", "--output-format", "json", "--output-file", "report.json")
    assert code == 1 and out == ""
    assert len(json.loads((shop / "report.json").read_text())) == 15


def test_unknown_config_key_names_file_key_and_suggestion(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.fastlint]\nselekt = ['FL1']\n")
    code, _, err = invoke("check")
    assert code == 2
    assert "pyproject.toml" in err and "'selekt'" in err and "did you mean 'select'" in err


def test_config_options_are_applied(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.fastlint]\nignore = ["FL102"]\n')
    code, _, _ = invoke("check")
    assert code == 0
    (project / "pyproject.toml").write_text(
        '[tool.fastlint.per-file-ignores]\n"app.py" = ["FL1"]\n'
    )
    assert invoke("check")[0] == 0


def test_noqa_on_the_def_line(project: Path) -> None:
    (project / "app.py").write_text(
        DELETE_ROUTE.replace("-> None: ...", "-> None: ...  # noqa: FL102")
    )
    assert invoke("check")[0] == 0
    (project / "app.py").write_text(
        DELETE_ROUTE.replace("-> None: ...", "-> None: ...  # noqa: FL101")
    )
    assert invoke("check")[0] == 1


def test_file_arguments_report_only_those_files(shop: Path) -> None:
    _, out, _ = invoke("check", "app/api/users.py", "--output-format", "json")
    data = json.loads(out)
    assert {f["path"] for f in data} == {"app/api/users.py"}
    # FL403 needs the whole app (the router's include in main.py): still found
    assert {f["code"] for f in data} == {"FL102", "FL301", "FL403"}


def test_rule_prints_the_document() -> None:
    code, out, _ = invoke("rule", "FL101")
    assert code == 0 and out.startswith("# post-status-code (FL101)") and "## What it does" in out
    code, out, _ = invoke("rule", "missing-auth")
    assert code == 0 and "(FL301)" in out
    code, _, err = invoke("rule", "FL777")
    assert code == 2 and "unknown rule" in err


def test_rule_all_lists_every_rule() -> None:
    from fastlint.rules.registry import RULE_INFOS

    code, out, _ = invoke("rule", "--all")
    assert code == 0
    for rule_code, info in RULE_INFOS.items():
        assert f"{rule_code:6}  {info.name}" in out


def test_routes_table(shop: Path) -> None:
    code, out, _ = invoke("routes")
    assert code == 0
    assert "App app (app/main.py): 24 routes" in out
    line = next(
        line for line in out.splitlines() if "/users/me " in line and line.startswith("GET")
    )
    assert "get_current_user → oauth2_scheme (OAuth2PasswordBearer)" in line
    assert "public (login form)" in out
    assert "Routes no app serves" in out


def test_routes_json_and_markdown(shop: Path) -> None:
    _, out, _ = invoke("routes", "--format", "json")
    data = json.loads(out)
    assert len(data["routes"]) == 24 and len(data["unreached_routes"]) == 2
    assert {"method", "path", "tags", "auth", "status_code", "handler"} <= set(data["routes"][0])
    _, out, _ = invoke("routes", "--format", "markdown")
    assert "| method | path | tags | auth | status | handler |" in out


def test_python_dash_m_entry_point(project: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", "."],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1 and "FL102" in completed.stdout


def test_files_of_two_projects_are_checked_each_in_its_own_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b"):
        shutil.copytree(EXAMPLE, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    _, out, _ = invoke(
        "check", "a/app/api/users.py", "b/app/api/users.py", "--output-format", "json"
    )
    data = json.loads(out)
    by_project = {
        name: sorted(f["code"] for f in data if f["path"].startswith(f"{name}/")) for name in "ab"
    }
    # b's main.py is read too: no FL401 there, and its FL403/FL301 are found
    assert by_project["a"] == by_project["b"] == ["FL102", "FL301", "FL403"]


def test_force_exclude_drops_excluded_files_named_explicitly(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.fastlint]\nextend-exclude = ["app.py"]\n')
    assert invoke("check", "app.py")[0] == 1
    code, out, _ = invoke("check", "--force-exclude", "app.py")
    assert code == 0 and "All checks passed (0 files)" in out


def test_explicit_config_does_not_move_the_project_root(project: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared" / "fastlint.toml"
    shared.parent.mkdir()
    shared.write_text('ignore = ["FL201"]\n')
    (shared.parent / "elsewhere.py").write_text("import broken(\n")  # must not be read
    code, out, _ = invoke("check", ".", "--config", str(shared), "--output-format", "json")
    assert code == 1
    assert [(f["path"], f["code"]) for f in json.loads(out)] == [("app.py", "FL102")]
