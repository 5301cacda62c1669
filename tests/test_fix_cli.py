"""``--fix`` and friends as ruff users know them: flags, config keys, exit codes,
markers, and the safety net around writing."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from fastlint.cli import main

SAFE = """from pydantic import BaseModel


class Item(BaseModel):
    class Config:
        extra = "forbid"
"""
UNSAFE = """from fastapi import FastAPI

app = FastAPI()


@app.delete("/x", tags=["x"])
def delete_x() -> None: ...
"""
BOTH = (
    SAFE
    + "\n\n"
    + UNSAFE.replace("from fastapi import FastAPI\n\n", "from fastapi import FastAPI\n")
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.fastlint]\n")
    (root / "app.py").write_text(BOTH)
    monkeypatch.chdir(root)
    return root


def test_text_marks_applicable_fixes_and_counts_hidden_ones(project: Path) -> None:
    code, out, _ = invoke("check", ".")
    assert code == 1
    lines = out.splitlines()
    assert any(": FL601 [*] " in line for line in lines)
    assert any(": FL102 " in line and "[*]" not in line for line in lines)
    assert lines[-1] == (
        "[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the "
        "`--unsafe-fixes` option)."
    )
    _, out, _ = invoke("check", ".", "--unsafe-fixes")
    assert out.splitlines()[-1] == "[*] 2 fixable with the `--fix` option."
    assert (project / "app.py").read_text() == BOTH, "--unsafe-fixes alone writes nothing"


def test_fix_applies_only_safe_fixes_and_exit_reflects_what_remains(project: Path) -> None:
    code, out, _ = invoke("check", ".", "--fix")
    assert code == 1  # FL102 remains
    text = (project / "app.py").read_text()
    assert 'model_config = ConfigDict(extra="forbid")' in text
    assert "status_code" not in text
    assert "Found 2 findings in 1 file (1 fixed, 1 remaining)." in out
    code, out, _ = invoke("check", ".", "--fix", "--unsafe-fixes")
    assert code == 0
    assert "status_code=204" in (project / "app.py").read_text()


def test_config_keys_turn_fixing_on(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.fastlint]\nfix = true\nunsafe-fixes = true\n")
    code, _, _ = invoke("check", ".")
    assert code == 0
    assert "status_code=204" in (project / "app.py").read_text()


def test_no_fix_overrides_the_config(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.fastlint]\nfix = true\n")
    code, _, _ = invoke("check", ".", "--no-fix")
    assert code == 1
    assert (project / "app.py").read_text() == BOTH


def test_diff_prints_and_writes_nothing(project: Path) -> None:
    code, out, err = invoke("check", ".", "--diff")
    assert code == 1
    assert out.startswith("--- a/app.py\n+++ b/app.py\n")
    assert '+    model_config = ConfigDict(extra="forbid")' in out
    assert "status_code" not in out  # unsafe: not without --unsafe-fixes
    assert "Would apply 1 fix." in err
    assert (project / "app.py").read_text() == BOTH


def test_diff_with_nothing_to_fix_exits_0(project: Path) -> None:
    (project / "app.py").write_text("x = 1\n")
    code, out, _ = invoke("check", ".", "--diff")
    assert (code, out) == (0, "")


def test_fix_only_and_show_fixes(project: Path) -> None:
    code, out, _ = invoke("check", ".", "--fix-only", "--show-fixes")
    assert code == 0  # FL102 remains but --fix-only does not report it
    assert out.splitlines() == [
        "Fixed 1 finding.",
        "- app.py:",
        "    1 x FL601 (pydantic-v1-config)",
    ]


def test_json_and_sarif_carry_the_edits(project: Path) -> None:
    _, out, _ = invoke("check", ".", "--output-format", "json")
    fixes = {f["code"]: f["fix"] for f in json.loads(out)}
    assert fixes["FL601"]["applicability"] == "safe"
    assert fixes["FL102"]["applicability"] == "unsafe"
    edit = fixes["FL102"]["edits"][0]
    assert edit["path"] == "app.py" and "status_code=204" in edit["content"]
    assert edit["line"] < edit["end_line"] and edit["column"] == edit["end_column"] == 1


def test_permissions_are_kept(project: Path) -> None:
    os.chmod(project / "app.py", 0o640)
    invoke("check", ".", "--fix")
    assert stat.S_IMODE((project / "app.py").stat().st_mode) == 0o640


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(project: Path) -> None:
    from fastlint.config import load_settings
    from fastlint.fixes.runner import check_project, write_fixed
    from fastlint.selection import resolve_selection

    settings = load_settings(project / "pyproject.toml")
    enabled = resolve_selection(settings, select=None, ignore=[], extend_select=[])
    run = check_project([project], project, settings, enabled, None, fix=lambda applicability: True)
    assert run.fixes is not None and run.fixes.texts
    (project / "app.py").write_text(BOTH + "\n# edited meanwhile\n")
    write_fixed(run)
    assert (project / "app.py").read_text().endswith("# edited meanwhile\n")
    assert run.written == []
    assert run.warnings == ["app.py: changed on disk while fastlint ran; not fixed"]


def test_unparseable_files_are_left_alone(project: Path) -> None:
    (project / "broken.py").write_text("def broken(:\n")
    code, _, _ = invoke("check", ".", "--fix", "--unsafe-fixes")
    assert code == 1  # FL000 remains
    assert (project / "broken.py").read_text() == "def broken(:\n"
    assert "status_code=204" in (project / "app.py").read_text()


def test_pre_commit_fixes_only_the_files_it_is_given(project: Path) -> None:
    (project / "other.py").write_text(SAFE)
    invoke("check", "app.py", "--fix")
    assert (project / "other.py").read_text() == SAFE
    assert "ConfigDict" in (project / "app.py").read_text()


def test_crlf_line_endings_survive(project: Path) -> None:
    (project / "app.py").write_bytes(SAFE.replace("\n", "\r\n").encode())
    invoke("check", ".", "--fix")
    data = (project / "app.py").read_bytes()
    assert b"ConfigDict" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
