"""The first hour next to ruff (issue 10): never pass silently on nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROUTE = (
    "from fastapi import FastAPI\napp = FastAPI()\n\n"
    '@app.delete("/x", tags=["x"])\ndef d() -> None: ...\n'
)


def _fastlint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fastlint", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_project_ignored_by_a_parent_repository_is_still_checked(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # a parent repository ...
    (repo / ".gitignore").write_text("project/\n")  # ... that ignores the project folder
    project = repo / "project"
    (project / "app").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[tool.fastlint]\n")
    (project / "app" / "main.py").write_text(ROUTE)
    (project / "app" / "ignored.py").write_text(ROUTE)
    (project / ".gitignore").write_text("app/ignored.py\n")  # its own ignores still apply
    whole = _fastlint(project, ".")
    assert whole.returncode == 1
    assert "app/main.py:4:1: FL102" in whole.stdout
    assert "ignored.py" not in whole.stdout
    assert whole.stdout == _fastlint(project, "app").stdout


def test_checking_no_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    (tmp_path / "empty").mkdir()
    done = _fastlint(tmp_path, "empty")
    assert done.returncode == 0
    assert "warning: No Python files found under the given path(s)" in done.stderr


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.fastlint]\nignore = ["FL102"]\n')
    (tmp_path / "app.py").write_text(ROUTE)
    return tmp_path


def test_isolated_ignores_the_config(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert "FL102" not in _fastlint(root, ".").stdout
    assert "app.py:4:1: FL102" in _fastlint(root, ".", "--isolated").stdout


def test_show_files_and_show_settings(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "notes.txt").write_text("not python")
    files = _fastlint(root, ".", "--show-files")
    assert (files.returncode, files.stdout) == (0, "app.py  [pyproject.toml]\n")
    shown = _fastlint(root, ".", "--show-settings")
    assert shown.returncode == 0
    assert f"Config file: {root / 'pyproject.toml'}" in shown.stdout
    assert 'ignore = ["FL102"]' in shown.stdout
    assert "[pagination]" in shown.stdout and "max-limit = 100" in shown.stdout
    isolated = _fastlint(root, ".", "--show-settings", "--isolated")
    assert "Config file: (none: the defaults)" in isolated.stdout
    assert "ignore = []" in isolated.stdout


def test_one_line_formats(tmp_path: Path) -> None:
    import json

    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    (tmp_path / "app.py").write_text(ROUTE)
    lines = _fastlint(tmp_path, ".", "--output-format", "json-lines").stdout.splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["FL102"]
    assert json.loads(lines[0])["fix"]["applicability"] == "unsafe"
    pylint = _fastlint(tmp_path, ".", "--output-format", "pylint").stdout
    assert pylint.startswith("app.py:4: [FL102] DELETE route `d`")
    azure = _fastlint(tmp_path, ".", "--output-format", "azure").stdout
    assert azure.startswith(
        "##vso[task.logissue type=error;sourcepath=app.py;linenumber=4;columnnumber=1;code=FL102;]"
    )
    concise = _fastlint(tmp_path, ".", "--output-format", "concise").stdout
    assert concise == _fastlint(tmp_path, ".").stdout


def _stdin(cwd: Path, text: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fastlint", "check", *args, "-"],
        cwd=cwd,
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )


def test_stdin_is_checked_as_the_named_file_with_the_project_around_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.py").write_text(
        "from fastapi import FastAPI\nfrom app.routes import router\n\n"
        "app = FastAPI()\napp.include_router(router)\n"
    )
    (tmp_path / "app" / "routes.py").write_text("x = 1\n")  # what is on disk
    buffer = (  # what the editor holds: a router the app on disk includes
        "from fastapi import APIRouter\nrouter = APIRouter(tags=['r'])\n\n"
        '@router.delete("/{i}")\ndef delete_it(i: int) -> None: ...\n'
    )
    done = _stdin(tmp_path, buffer, "--stdin-filename", "app/routes.py")
    assert done.stdout.splitlines()[0].startswith("app/routes.py:4:1: FL102")
    assert "FL401" not in done.stdout  # the app on disk includes the buffer's router
    as_json = _stdin(
        tmp_path, buffer, "--stdin-filename", "app/routes.py", "--output-format", "json"
    )
    import json

    edit = json.loads(as_json.stdout)[0]["fix"]["edits"][0]
    assert "status_code=204" in edit["content"]  # planned on the buffer, not on the disk
    new = _stdin(tmp_path, buffer, "--stdin-filename", "app/new_routes.py")
    assert "app/new_routes.py:4:1: FL102" in new.stdout  # a file not on disk yet


def test_summary_counts_files_with_findings_and_color_is_chosen(tmp_path: Path) -> None:
    import os

    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    (tmp_path / "a.py").write_text(ROUTE)
    (tmp_path / "clean.py").write_text("x = 1\n")
    out = _fastlint(tmp_path, ".").stdout
    assert "Found 1 finding in 1 file." in out  # two files checked, one with a finding
    assert "\x1b[" not in out  # not a terminal
    assert "\x1b[" in _fastlint(tmp_path, ".", "--color", "always").stdout
    forced = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FORCE_COLOR": "1"},
    )
    assert "\x1b[" in forced.stdout
    never = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", "--color", "never"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FORCE_COLOR": "1"},
    )
    assert "\x1b[" not in never.stdout


def test_config_key_value_overrides(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    (tmp_path / "app.py").write_text(ROUTE)
    assert "FL102" in _fastlint(tmp_path, ".").stdout
    ignored = _fastlint(tmp_path, ".", "--config", 'ignore=["FL102"]')
    assert (ignored.returncode, "FL102" in ignored.stdout) == (0, False)
    shown = _fastlint(tmp_path, ".", "--config", "pagination.max-limit=5", "--show-settings")
    assert "max-limit = 5" in shown.stdout
    wrong = _fastlint(tmp_path, ".", "--config", "selekt=1")
    assert wrong.returncode == 2
    assert "--config: unknown key 'selekt' (did you mean 'select'?)" in wrong.stderr
    both = _fastlint(tmp_path, ".", "--config", "pyproject.toml", "--config", 'ignore=["FL102"]')
    assert both.returncode == 0


def test_verbose_names_root_config_and_phases(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    (tmp_path / "app.py").write_text(ROUTE)
    done = _fastlint(tmp_path, ".", "-v", "--no-cache")
    assert f"fastlint: project root {tmp_path}; config {tmp_path / 'pyproject.toml'}" in done.stderr
    assert "discovery" in done.stderr and "file pass" in done.stderr
    assert "project pass and rules" in done.stderr
    assert "FL102" in done.stdout  # the report itself is unchanged


def test_invalid_noqa_directives_warn_and_suppress_nothing(tmp_path: Path) -> None:
    """Item 4: `# noqa: foo` and `# noqa FL102` warned about (cached runs too), the
    finding still reported; rule names and the file-level directive work."""
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    delete = '@app.delete("/{n}", tags=["x"])'
    (tmp_path / "app.py").write_text(
        "from fastapi import FastAPI\napp = FastAPI()\n\n"
        f"{delete.format(n='a')}  # noqa: foo\ndef a() -> None: ...\n\n"
        f"{delete.format(n='b')}  # noqa FL102\ndef b() -> None: ...\n\n"
        f"{delete.format(n='c')}  # noqa: delete-status-code\ndef c() -> None: ...\n"
    )
    (tmp_path / "other.py").write_text("# fastlint: noqa: FL102\n" + ROUTE)
    for args in (
        ("--no-cache",),
        ("--cache-dir", str(tmp_path / "c")),
        ("--cache-dir", str(tmp_path / "c")),
    ):
        run = _fastlint(tmp_path, ".", *args)
        assert run.returncode == 1
        assert [line.split(" ")[0] for line in run.stdout.splitlines() if " FL" in line] == [
            "app.py:4:1:",
            "app.py:7:1:",
        ]
        assert (
            "fastlint: warning: app.py:4: invalid `# noqa` directive: `foo` is not a rule "
            "code or a fastlint rule name; it suppresses nothing"
        ) in run.stderr
        assert "app.py:7: invalid `# noqa` directive: expected `:` before `FL102`" in run.stderr
        assert "other.py" not in run.stdout + run.stderr


def test_unused_noqa_is_opt_in_and_fixed_safely(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    source = ROUTE.replace('tags=["x"])', 'tags=["x"], status_code=204)  # noqa: FL102, E501')
    (tmp_path / "app.py").write_text(source)
    assert _fastlint(tmp_path, ".").returncode == 0  # not selected by default
    selected = _fastlint(tmp_path, ".", "--extend-select", "FL900")
    assert "app.py:4:" in selected.stdout and "FL900 [*] unused `noqa` directive" in selected.stdout
    fixed = _fastlint(tmp_path, ".", "--extend-select", "FL900", "--fix")
    assert fixed.returncode == 0, fixed.stdout
    assert "# noqa: E501\n" in (tmp_path / "app.py").read_text()


FORMAT_APP = (
    "from fastapi import FastAPI\napp = FastAPI()\n\n"
    '@app.delete("/x", tags=["x"])\ndef d() -> None: ...\n\n'
    '@app.get("/y", tags=["y"])  # noqa: FL201\ndef y() -> None: ...\n'
)


def _formatted(tmp_path: Path, fmt: str) -> str:
    (tmp_path / "pyproject.toml").write_text('[tool.fastlint]\nextend-select = ["FL900"]\n')
    (tmp_path / "app.py").write_text(FORMAT_APP)
    run = _fastlint(tmp_path, ".", "--no-cache", "--output-format", fmt)
    assert run.returncode == 1, run.stderr
    return run.stdout


def test_full_format_shows_the_source_the_span_and_the_fix(tmp_path: Path) -> None:
    out = _formatted(tmp_path, "full")
    assert (
        "app.py:7:29: FL900 [*] unused `noqa` directive (unused: `FL201`)\n"
        "  |\n"
        '7 | @app.get("/y", tags=["y"])  # noqa: FL201\n'
        "  |                             ^^^^^^^^^^^^^ FL900\n"
        "  |\n"
        "  = help: Remove the unused `noqa` directive\n"
    ) in out
    assert "= help: Add `status_code=204`" in out
    assert out.rstrip().endswith("can be enabled with the `--unsafe-fixes` option).")


def test_grouped_format_lists_findings_under_their_file(tmp_path: Path) -> None:
    out = _formatted(tmp_path, "grouped")
    assert out.startswith("app.py:\n  4:1 FL102 DELETE route `d`")
    assert "\n  7:29 FL900 [*] unused `noqa` directive" in out


def test_junit_format_is_one_failed_case_per_finding(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(_formatted(tmp_path, "junit"))
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "2", "2")
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "app.py"
    cases = [(case.get("name"), case.get("line")) for case in suite.iter("testcase")]
    assert cases == [("fastlint.FL102", "4"), ("fastlint.FL900", "7")]
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "pyproject.toml").write_text("[tool.fastlint]\n")
    (clean / "app.py").write_text("x = 1\n")
    passed = _fastlint(clean, ".", "--output-format", "junit")
    assert passed.returncode == 0
    assert ET.fromstring(passed.stdout).get("failures") == "0"


def test_rdjson_format_carries_ranges_and_suggestions(tmp_path: Path) -> None:
    import json

    report = json.loads(_formatted(tmp_path, "rdjson"))
    assert report["source"]["name"] == "fastlint"
    first, second = report["diagnostics"]
    assert first["code"]["value"] == "FL102"
    assert first["location"] == {
        "path": "app.py",
        "range": {"start": {"line": 4, "column": 1}, "end": {"line": 4, "column": 30}},
    }
    assert second["code"]["value"] == "FL900"
    (suggestion,) = second["suggestions"]
    lines = FORMAT_APP.splitlines()
    start, end = suggestion["range"]["start"], suggestion["range"]["end"]
    line = lines[start["line"] - 1]
    fixed = line[: start["column"] - 1] + suggestion["text"] + line[end["column"] - 1 :]
    assert fixed == '@app.get("/y", tags=["y"])'


def test_silent_prints_nothing_and_keeps_the_exit_status(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    (tmp_path / "app.py").write_text(ROUTE)
    run = _fastlint(tmp_path, ".", "--silent")
    assert (run.returncode, run.stdout) == (1, "")
    written = _fastlint(tmp_path, ".", "-s", "--output-format", "json", "-o", "out.json")
    assert written.returncode == 1 and written.stdout == ""
    assert '"code": "FL102"' in (tmp_path / "out.json").read_text()


def test_exit_non_zero_on_fix(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.fastlint]\nextend-select = ["FL900"]\n')
    app = tmp_path / "app.py"
    app.write_text(ROUTE.replace('tags=["x"])', 'tags=["x"], status_code=204)  # noqa: FL102'))
    assert _fastlint(tmp_path, ".", "--fix").returncode == 0  # fixed, nothing remains
    app.write_text(ROUTE.replace('tags=["x"])', 'tags=["x"], status_code=204)  # noqa: FL102'))
    assert _fastlint(tmp_path, ".", "--fix", "--exit-non-zero-on-fix").returncode == 1
    assert "noqa" not in app.read_text()
    assert _fastlint(tmp_path, ".", "--fix", "--exit-non-zero-on-fix").returncode == 0
    app.write_text(ROUTE.replace('tags=["x"])', 'tags=["x"], status_code=204)  # noqa: FL102'))
    assert _fastlint(tmp_path, ".", "--fix-only", "--exit-non-zero-on-fix").returncode == 1


def test_ignore_noqa_reports_what_the_comments_suppress(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.fastlint]\n")
    (tmp_path / "app.py").write_text(ROUTE.replace('tags=["x"])', 'tags=["x"])  # noqa: FL102'))
    cache = ("--cache-dir", str(tmp_path / "c"))
    assert _fastlint(tmp_path, ".", *cache).returncode == 0
    ignoring = _fastlint(tmp_path, ".", *cache, "--ignore-noqa")  # not the cached result
    assert ignoring.returncode == 1 and "app.py:4:1: FL102" in ignoring.stdout
    assert _fastlint(tmp_path, ".", *cache).returncode == 0
