"""Baselines, content fingerprints and atomic writes."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from fastlint.atomic import write_text_atomic
from fastlint.baseline import BaselineError, load_baseline, write_baseline
from fastlint.findings import Finding, Span
from fastlint.fingerprint import fingerprints

SOURCE = (
    "router = APIRouter()\n"
    "@router.delete('/items/{id}')\n"
    "def delete_item(id: int): ...\n"
    "@router.post('/items')\n"
    "def create_item(): ...\n"
)


def source_line_over(files: dict[str, str]) -> Callable[[str, int], str]:
    def source_line(path: str, line: int) -> str:
        lines = files.get(path, "").splitlines()
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    return source_line


def delete_at(line: int, path: str = "app/main.py") -> Finding:
    return Finding("FL102", "DELETE route declares no status_code", path, Span(line, 1, line, 30))


def post_at(line: int) -> Finding:
    return Finding("FL101", "POST route creates", "app/main.py", Span(line, 1, line, 23))


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    path = tmp_path / "fastlint-baseline.json"
    source_line = source_line_over({"app/main.py": SOURCE})
    write_baseline(path, [post_at(4), delete_at(2)], source_line, "0.1.0")
    return path


# --- round trip ------------------------------------------------------------


def test_round_trip_hides_everything(recorded: Path) -> None:
    baseline = load_baseline(recorded)
    assert len(baseline) == 2
    assert baseline.version == "0.1.0"
    source_line = source_line_over({"app/main.py": SOURCE})
    assert baseline.filter([delete_at(2), post_at(4)], source_line) == []


def test_file_format(recorded: Path) -> None:
    text = recorded.read_text(encoding="utf-8")
    assert text.endswith("\n")
    document = json.loads(text)
    assert document["fastlint-baseline"] == 1
    assert document["version"] == "0.1.0"
    assert [entry["code"] for entry in document["findings"]] == ["FL102", "FL101"]  # sorted
    assert set(document["findings"][0]) == {"code", "path", "fingerprint", "message"}
    assert [p.name for p in recorded.parent.iterdir()] == [recorded.name]  # no temp file left


def test_moved_finding_stays_hidden(recorded: Path) -> None:
    edited = "import os\nimport sys\n\n" + SOURCE
    source_line = source_line_over({"app/main.py": edited})
    assert load_baseline(recorded).filter([delete_at(5), post_at(7)], source_line) == []


def test_reindented_line_stays_hidden(recorded: Path) -> None:
    edited = SOURCE.replace("@router.delete('/items/{id}')", "@router.delete( '/items/{id}' )")
    source_line = source_line_over({"app/main.py": edited})
    assert load_baseline(recorded).filter([delete_at(2)], source_line) == []


def test_duplicate_new_finding_is_shown(recorded: Path) -> None:
    edited = SOURCE + "@router.delete('/items/{id}')\ndef delete_again(id: int): ...\n"
    source_line = source_line_over({"app/main.py": edited})
    new = delete_at(6)
    assert load_baseline(recorded).filter([delete_at(2), post_at(4), new], source_line) == [new]


def test_changed_line_and_other_file_are_shown(recorded: Path) -> None:
    edited = SOURCE.replace("'/items/{id}'", "'/things/{id}'")
    files = {"app/main.py": edited, "app/other.py": SOURCE}
    other = delete_at(2, path="app/other.py")
    shown = load_baseline(recorded).filter([delete_at(2), other], source_line_over(files))
    assert shown == [delete_at(2), other]


def test_other_fastlint_version_loads(recorded: Path) -> None:
    document = json.loads(recorded.read_text(encoding="utf-8"))
    document["version"] = "9.9.9"
    recorded.write_text(json.dumps(document), encoding="utf-8")
    assert len(load_baseline(recorded)) == 2


def test_empty_baseline(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(path, [], source_line_over({}), "0.1.0")
    assert load_baseline(path).filter([delete_at(2)], source_line_over({})) == [delete_at(2)]


# --- bad files ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    with pytest.raises(BaselineError, match=r"nope\.json does not exist"):
        load_baseline(path)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("{not json", "is not valid JSON"),
        ("", "is not valid JSON"),
        ('{"version": "2.1.0", "runs": []}', "is not a fastlint baseline"),  # a SARIF file
        ("[]", "is not a fastlint baseline"),
        ('{"fastlint-baseline": 2, "findings": []}', "has format 2"),
        ('{"fastlint-baseline": true, "findings": []}', "has format True"),
        ('{"fastlint-baseline": 1}', "'findings' must be a list"),
        ('{"fastlint-baseline": 1, "findings": [{"code": "FL101"}]}', r"findings\[0\]"),
        ('{"fastlint-baseline": 1, "findings": ["x"]}', r"findings\[0\]"),
    ],
)
def test_malformed_or_foreign(tmp_path: Path, content: str, match: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=match) as info:
        load_baseline(path)
    assert str(path) in str(info.value)


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BaselineError, match=r"baseline\.json"):
        load_baseline(path)


# --- fingerprints --------------------------------------------------------------


def test_fingerprints_independent_of_input_order() -> None:
    source_line = source_line_over({"app/main.py": SOURCE + SOURCE})
    findings = [delete_at(2), delete_at(7), post_at(4)]
    forward = fingerprints(findings, source_line)
    backward = fingerprints(list(reversed(findings)), source_line)
    assert forward == list(reversed(backward))
    assert len(set(forward)) == 3


def test_fingerprints_depend_on_code_and_path() -> None:
    source_line = source_line_over({"a.py": SOURCE, "b.py": SOURCE})
    other_code = Finding("FL101", "m", "a.py", Span(2, 1, 2, 5))
    prints = fingerprints([delete_at(2, "a.py"), delete_at(2, "b.py"), other_code], source_line)
    assert len(set(prints)) == 3


# --- atomic writes -----------------------------------------------------------


def test_write_text_atomic_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "out.sarif"
    write_text_atomic(target, "first\n")
    write_text_atomic(target, "é second\r\n")
    assert target.read_bytes() == "é second\r\n".encode()
    assert [p.name for p in target.parent.iterdir()] == ["out.sarif"]


def test_write_text_atomic_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text_atomic(target, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    write_text_atomic(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_write_text_atomic_through_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_write_text_atomic_unwritable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "out.sarif"  # parent is a file: fails even as root
    with pytest.raises(OSError, match=r"^cannot write .*out\.sarif: ") as info:
        write_text_atomic(target, "x")
    assert info.value.errno is not None


def test_write_text_atomic_target_is_directory(tmp_path: Path) -> None:
    target = tmp_path / "adir"
    target.mkdir()
    with pytest.raises(OSError, match="cannot write"):
        write_text_atomic(target, "x")
    assert [p.name for p in tmp_path.iterdir()] == ["adir"]  # temp file cleaned up
