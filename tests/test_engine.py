"""The engine's contracts: bad input never stops a run, a crashing rule becomes FL999,
the file pass is a pure function returning plain data."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from fastlint.config import Settings
from fastlint.engine import run_check
from fastlint.filepass import summarize
from fastlint.rules import registry
from fastlint.rules.base import Rule

DELETE_ROUTE = (
    "from fastapi import FastAPI\napp = FastAPI()\n\n"
    '@app.delete("/x", tags=["x"])\ndef delete_x() -> None: ...\n'
)


def _run(root: Path) -> list[tuple[str, str]]:
    settings = Settings()
    enabled = frozenset(code for code in registry.RULE_INFOS)
    result = run_check([root], root, settings, enabled)
    return [(f.path, f.code) for f in result.findings]


def test_summary_is_pure_and_picklable() -> None:
    data = DELETE_ROUTE.encode()
    first, second = summarize(data, "app.py"), summarize(data, "app.py")
    assert first == second
    assert pickle.loads(pickle.dumps(first)) == first
    assert first.functions[0].decorators[0].pos.line == 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("syntax.py", b"def broken(:\n", "could not parse"),
        ("latin.py", b"\xff\xfe\x00garbage\x81", "could not"),
        ("cookie.py", b"# -*- coding: nonsense -*-\nx = 1\n", "could not decode"),
    ],
)
def test_bad_files_become_fl000_and_others_still_run(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "app.py").write_text(DELETE_ROUTE)
    settings = Settings()
    result = run_check([tmp_path], tmp_path, settings, frozenset(registry.RULE_INFOS))
    by_path = {(f.path, f.code): f for f in result.findings}
    assert ("app.py", "FL102") in by_path
    assert message in by_path[(name, "FL000")].message


def test_empty_file_and_directory_named_like_a_module(tmp_path: Path) -> None:
    (tmp_path / "empty.py").write_bytes(b"")
    (tmp_path / "pkg.py").mkdir()
    (tmp_path / "pkg.py" / "inner.py").write_text(DELETE_ROUTE)
    assert _run(tmp_path) == [("pkg.py/inner.py", "FL102")]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(DELETE_ROUTE)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert _run(tmp_path) == [("app.py", "FL102")]


def test_crashing_rule_becomes_fl999_and_the_run_continues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "app.py").write_text(DELETE_ROUTE)
    real = registry.checkable_rules

    def explode(context: object) -> list[object]:
        raise RuntimeError("boom")

    def with_broken_rule(codes: set[str] | None = None) -> list[Rule]:
        rules = real(codes)
        return [Rule(registry.RULE_INFOS["FL101"], explode), *rules]

    monkeypatch.setattr("fastlint.engine.checkable_rules", with_broken_rule)
    findings = _run(tmp_path)
    assert ("app.py", "FL102") in findings
    assert ("app.py", "FL999") in findings
    settings = Settings()
    result = run_check([tmp_path], tmp_path, settings, frozenset(registry.RULE_INFOS))
    crash = next(f for f in result.findings if f.code == "FL999")
    assert "FL101" in crash.message and "app.py" in crash.message and "boom" in crash.message
    assert result.internal_errors == 1


def test_a_crash_in_a_shared_project_fact_is_one_fl999(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FL402/FL403 share one conflicts computation: a bug there is one FL999 per rule,
    not one per file (the review measured 30 on the 15-file example app)."""
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(DELETE_ROUTE)

    def broken(project: object) -> object:
        raise RuntimeError("conflicts exploded")

    monkeypatch.setattr("fastlint.analysis.conflicts.conflicts", broken)
    monkeypatch.setattr("fastlint.rules.fl402_duplicate_route.conflicts", broken)
    monkeypatch.setattr("fastlint.rules.fl403_shadowed_route.conflicts", broken)
    result = run_check([tmp_path], tmp_path, Settings(), frozenset(registry.RULE_INFOS))
    crashes = [f for f in result.findings if f.code == "FL999"]
    assert len(crashes) == 2, crashes
    assert all("the project" in f.message and "conflicts exploded" in f.message for f in crashes)
    assert {f.path for f in result.findings if f.code == "FL102"} == {"a.py", "b.py", "c.py"}


def test_reports_only_on_requested_files_but_reads_the_project(tmp_path: Path) -> None:
    (tmp_path / "routes.py").write_text(
        'from fastapi import APIRouter\nrouter = APIRouter(tags=["a"])\n\n'
        '@router.get("/a")\ndef a() -> None: ...\n'
    )
    (tmp_path / "main.py").write_text(
        "from fastapi import FastAPI\nfrom routes import router\napp = FastAPI()\n"
        "app.include_router(router)\n"
    )
    (tmp_path / "other.py").write_text(DELETE_ROUTE)
    settings = Settings()
    result = run_check([tmp_path / "routes.py"], tmp_path, settings, frozenset(registry.RULE_INFOS))
    # main.py was read (so the router is included: no FL401), other.py is not reported on.
    assert result.findings == []
    assert result.files == ["routes.py"]


def test_unreadable_file_becomes_fl000(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app.py").write_text(DELETE_ROUTE)
    (tmp_path / "locked.py").write_text("x = 1\n")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.py":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run_check([tmp_path], tmp_path, Settings(), frozenset(registry.RULE_INFOS))
    messages = {(f.path, f.code): f.message for f in result.findings}
    assert messages[("locked.py", "FL000")] == "could not read: Permission denied"
    assert ("app.py", "FL102") in messages
