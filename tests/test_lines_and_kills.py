"""Lines as Python counts them (B8, B9), FL000 columns independent of the working
directory (B10), deep but valid trees (B7), and runs killed while they write.

The kill tests start the real CLI on a project that takes about a second, send
SIGINT or SIGKILL to its process group at seeded random moments, and check what
is on disk: every file is absent, old or complete, and the next run is right.
"""

from __future__ import annotations

import ast
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fastlint import atomic, cache
from fastlint.filepass import summarize
from fastlint.lines import (
    count_line_ends,
    line_starts,
    readline,
    source_lines,
    source_lines_with_ends,
)
from fastlint.noqa import parse_noqa
from fastlint.summary import NoqaDirective

TESTS = Path(__file__).resolve().parent
HEADER = "from fastapi import FastAPI\n\napp = FastAPI()\n"
TIMEOUT = 120


def fastlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fastlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def project(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.fastlint]\n", encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


# ---------------------------------------------------------------- the helper

TEXTS = [
    "",
    "a",
    "a\n",
    "\n\n",
    "a\r\nb\rc\nd",
    "a\r\n\r\n",
    "x = 1\n\x0cy = 2\n",
    "x = 1  # \u2028 y\nz = 2\n",
    "x = '\x85'\ny = 1\r",
    "a\x0b\x1c\x1d\x1e\u2029b\nc",
]


@pytest.mark.parametrize("text", TEXTS)
def test_source_lines_split_only_where_python_does(text: str) -> None:
    lines = source_lines(text)
    with_ends = source_lines_with_ends(text)
    assert "".join(with_ends) == text
    assert [line.rstrip("\r\n") for line in with_ends] == lines
    assert len(line_starts(text)) == len(lines) + 1
    assert count_line_ends(text) == sum(line.endswith(("\r", "\n")) for line in with_ends)
    readline_lines = list(iter(readline(text), ""))
    assert [line.rstrip("\n") for line in readline_lines] == lines


@pytest.mark.parametrize("text", [t for t in TEXTS if t.startswith("x")])
def test_source_lines_number_lines_as_the_tree_does(text: str) -> None:
    tree = ast.parse(text)
    lines = source_lines(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            assert lines[node.lineno - 1][node.col_offset :].startswith(node.id)


# ---------------------------------------------------------------- B8, B9

DELETE = '@app.delete("/a/{i}", tags=["t"])\ndef d(i: int):\n    return None\n'


@pytest.mark.parametrize(
    "insert",
    ["\x0c\n", "# a \u2028 comment\n", "VALUE = '\x1c\x1d\x1e\x0b'\n", "\x0cX = 1\n"],
    ids=["form-feed-line", "u2028-comment", "separators-in-string", "form-feed-indent"],
)
def test_b8_positions_ignore_characters_splitlines_breaks_at(insert: str) -> None:
    plain = summarize((HEADER + DELETE).encode(), "app/main.py")
    odd = summarize((HEADER + insert + DELETE).encode(), "app/main.py")
    assert odd.parse_error is None
    [before], [after] = plain.functions, odd.functions
    assert after.pos.line == before.pos.line + 1
    assert (after.pos.col, after.pos.end_col) == (before.pos.col, before.pos.end_col)
    assert after.decorators[0].pos.col == before.decorators[0].pos.col


def test_b8_latin1_nel_byte_keeps_columns() -> None:
    source = "# -*- coding: latin-1 -*-\n" + HEADER + "x = '\x85'\n" + DELETE
    summary = summarize(source.encode("latin-1"), "app/main.py")
    [function] = summary.functions
    assert (function.pos.line, function.pos.col) == (7, 0)
    assert function.decorators[0].pos.col == 0


def test_b8_baseline_survives_an_edit_near_a_form_feed(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {"app/main.py": HEADER + "\x0c\nVERSION = 1\n" + DELETE})
    written = fastlint("check", "--no-cache", "--write-baseline", "bl.json", ".", cwd=root)
    assert written.returncode == 0, written.stderr
    main = root / "app" / "main.py"
    main.write_text(main.read_text().replace("VERSION = 1", "VERSION = 2"), newline="")
    result = fastlint("check", "--no-cache", "--baseline", "bl.json", ".", cwd=root)
    assert result.returncode == 0, result.stdout
    plain = fastlint("check", "--no-cache", ".", cwd=root)
    assert "app/main.py:6:1: FL102" in plain.stdout


def test_b9_lone_cr_noqa_stays_on_its_line() -> None:
    source = (
        "from fastapi import FastAPI\rapp = FastAPI()\n"
        '@app.delete("/a/{i}", tags=["t"])\n'
        '@app.delete("/b/{i}", tags=["t"])  # noqa: FL102\n'
        "def d(i: int):\n    return None\n"
    )
    assert _brief(parse_noqa(source)) == [(4, ("FL102",), 35)]
    assert _brief(parse_noqa(source.replace("\n", "\r"))) == [(4, ("FL102",), 35)]
    assert _brief(parse_noqa("x = 1\r# noqa: FL101\ry = 2  # noqa\r")) == [
        (2, ("FL101",), 0),
        (3, (), 7),
    ]


def _brief(directives: tuple[NoqaDirective, ...]) -> list[tuple[int, tuple[str, ...], int]]:
    """(line, codes, column of the directive): the column is counted in that line."""
    return [(d.line, d.codes, d.col) for d in directives]


def test_b9_lone_cr_noqa_in_a_run(tmp_path: Path) -> None:
    source = (
        "from fastapi import FastAPI\rapp = FastAPI()\n"
        '@app.delete("/a/{i}", tags=["t"])\n'
        '@app.delete("/b/{i}", tags=["t"])  # noqa: FL102\n'
        "def d(i: int):\n    return None\n"
    )
    root = project(tmp_path / "p", {"app/main.py": source})
    result = fastlint("check", "--no-cache", ".", cwd=root)
    assert "app/main.py:3:1: FL102" in result.stdout
    assert ":4:1:" not in result.stdout


# ---------------------------------------------------------------- B10


def test_b10_fl000_column_does_not_depend_on_the_working_directory(tmp_path: Path) -> None:
    root = project(tmp_path / "proj", {"long.py": "x = '" + "a" * 2000 + "'; @app.get\n"})
    inside = fastlint("check", "--no-cache", "long.py", cwd=root)
    outside = fastlint("check", "--no-cache", "proj/long.py", cwd=tmp_path)
    assert "long.py:1:2009: FL000" in inside.stdout
    assert "proj/long.py:1:2009: FL000" in outside.stdout


def test_b10_a_file_of_the_same_name_in_the_cwd_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.py").write_text("y = 'something else entirely'\n" * 3)
    monkeypatch.chdir(tmp_path)
    summary = summarize(b"x = (\n", "main.py")
    assert summary.parse_error is not None
    assert (summary.parse_error.line, summary.parse_error.column) == (1, 5)


# ---------------------------------------------------------------- B7

TAIL = '\n@app.delete("/items/{i}")\ndef delete_item(i: int):\n    return None\n'


def _elif(count: int) -> str:
    branches = "".join(f"    elif x == {i}:\n        return {i}\n" for i in range(1, count))
    return "def kind(x):\n    if x == 0:\n        return 0\n" + branches


H15 = {
    "elif-330": _elif(330),
    "elif-2000": _elif(2000),
    "plus-496": "X = " + " + ".join(f"'s{i}'" for i in range(496)) + "\n",
    "plus-2000": "X = " + " + ".join(f"'s{i}'" for i in range(2000)) + "\n",
    "not-495": "X = " + "not " * 495 + "a\n",
    "not-2000": "X = " + "not " * 2000 + "a\n",
    "attribute-494": "X = a" + ".b" * 494 + "\n",
    "attribute-2000": "X = a" + ".b" * 2000 + "\n",
    "subscript-2000": "X = a" + "[0]" * 2000 + "\n",
    "call-330": "X = f" + "(x)" * 330 + "\n",
    "call-2000": "X = f" + "(x)" * 2000 + "\n",
    "route-call-2000": "X = app.get('/x')" + "(x)" * 2000 + "\n",
}


@pytest.mark.parametrize("body", list(H15.values()), ids=list(H15))
def test_b7_deep_valid_code_is_summarised(body: str) -> None:
    source = HEADER + body + TAIL
    compile(source, "<h15>", "exec")  # CPython accepts it
    summary = summarize(source.encode(), "app/main.py")
    assert summary.parse_error is None
    assert "delete_item" in [function.name for function in summary.functions]


def test_b7_routes_in_a_deep_file_are_checked(tmp_path: Path) -> None:
    root = project(tmp_path / "p", {"app/main.py": HEADER + H15["elif-2000"] + TAIL})
    result = fastlint("check", "--no-cache", ".", cwd=root)
    assert "FL000" not in result.stdout
    assert "FL102" in result.stdout, result.stdout + result.stderr


def test_b7_too_deep_even_so_names_the_deepest_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from fastlint import filepass

    def always(visit: object) -> None:
        raise RecursionError

    monkeypatch.setattr(filepass, "_visit_deep", always)
    source = HEADER + "\n" + "X = f" + "(x)" * 2000 + "\n"
    summary = summarize(source.encode(), "app/main.py")
    assert summary.parse_error is not None
    assert summary.parse_error.message == "could not parse: nested too deeply"
    assert summary.parse_error.line == 5


# ---------------------------------------------------------------- stale temporaries


def _age(path: Path, seconds: float = 3600) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_atomic_write_removes_stale_temporaries_of_its_target(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    stale = tmp_path / ".report.json.abcd1234.tmp"
    fresh = tmp_path / ".report.json.zzzz9999.tmp"
    other = tmp_path / ".other.json.abcd1234.tmp"
    unrelated = tmp_path / ".report.json.notmine.tmp"
    for path in (stale, fresh, other, unrelated):
        path.write_text("partial")
    for path in (stale, other, unrelated):
        _age(path)
    atomic.write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert not stale.exists()
    assert fresh.exists() and other.exists() and unrelated.exists()


def test_cache_removes_stale_temporaries_when_opened(tmp_path: Path) -> None:
    first = cache.Cache(tmp_path / "c", tmp_path)
    first.store_results("k" * 32, [1, 2])
    tmp_dir = first.base / "tmp"
    assert tmp_dir.is_dir() and not list(tmp_dir.iterdir())
    stale, fresh = tmp_dir / ".tmp-stale", tmp_dir / ".tmp-fresh"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    _age(stale)
    second = cache.Cache(tmp_path / "c", tmp_path)
    assert not stale.exists() and fresh.exists()
    assert second.results("k" * 32) == [1, 2]


def test_cache_write_interrupted_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = cache.Cache(tmp_path / "c", tmp_path)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cache.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.store_results("k" * 32, [1])
    assert not list((store.base / "tmp").iterdir())


# ---------------------------------------------------------------- killed runs


def _temporaries(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and (path.name.endswith(".tmp") or path.name.startswith(".tmp-"))
    )


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About a second of work: the docs examples and the fixtures, three times."""
    root = tmp_path_factory.mktemp("big") / "project"
    root.mkdir()
    for copy in range(3):
        shutil.copytree(TESTS / "data" / "fastapi_docs_src", root / f"docs{copy}")
        shutil.copytree(TESTS / "fixtures", root / f"fixtures{copy}")
    return root


def _copy(big_project: Path, where: Path) -> Path:
    root = where / "project"
    shutil.copytree(big_project, root)
    return root


def _killed(args: list[str], cwd: Path, after: float, signum: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "fastlint", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signum)
    try:
        process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:  # pragma: no cover - only if SIGINT was ignored
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the whole group is gone (workers too)
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:  # pragma: no cover
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("fastlint's workers outlived it")


def _moments(seed: str, duration: float) -> list[float]:
    rng = random.Random(seed)
    return [duration * rng.uniform(0.3, 1.05) for _ in range(3)]


SIGNALS = [signal.SIGINT, signal.SIGKILL]


def _duration(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = fastlint(*args, cwd=cwd)
    return time.perf_counter() - start, result


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_killed_while_writing_the_output_file(
    big_project: Path, tmp_path: Path, signum: int
) -> None:
    args = ["check", "--no-cache", "-j", "1", "--exit-zero", "--output-format", "json"]
    duration, _ = _duration([*args, "-o", str(tmp_path / "clean.json"), "."], big_project)
    expected = (tmp_path / "clean.json").read_text()
    json.loads(expected)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    report = out_dir / "report.json"
    for moment in _moments(f"o{signum}", duration):
        report.write_text("OLD")
        _killed([*args, "-o", str(report), "."], big_project, moment, signum)
        assert report.read_text() in ("OLD", expected)
        left = _temporaries(out_dir)
        if signum == signal.SIGINT:
            assert not left
        for path in left:
            _age(path)  # a minute later
        again = fastlint(*args, "-o", str(report), ".", cwd=big_project)
        assert again.returncode == 0, again.stderr
        assert report.read_text() == expected
        assert not _temporaries(out_dir)


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_killed_while_filling_the_cache(big_project: Path, tmp_path: Path, signum: int) -> None:
    json_args = ["--exit-zero", "--output-format", "json", "."]
    plain = fastlint(
        "check", "--no-cache", "--exit-zero", "--output-format", "json", ".", cwd=big_project
    )
    expected = plain.stdout
    for number, moment in enumerate(_moments(f"c{signum}", 1.0)):
        cache_dir = tmp_path / f"cache{number}"
        args = ["check", "--cache-dir", str(cache_dir), *json_args]
        _killed(args, big_project, moment, signum)
        left = _temporaries(cache_dir)
        if signum == signal.SIGINT:
            assert not left
        assert all(path.parent.name == "tmp" for path in left)
        for path in left:
            _age(path)
        for _ in range(2):  # the first run completes the cache, the second reads it
            again = fastlint(*args, cwd=big_project)
            assert again.returncode == 0, again.stderr
            assert again.stdout == expected
            assert not _temporaries(cache_dir)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_killed_while_fixing(big_project: Path, tmp_path: Path, signum: int) -> None:
    args = ["check", "--no-cache", "-j", "1", "--fix", "--exit-zero", "."]
    original = _snapshot(big_project)
    fixed_root = _copy(big_project, tmp_path / "clean")
    duration, _ = _duration(args, fixed_root)
    fixed = _snapshot(fixed_root)
    changed = [name for name in original if original[name] != fixed[name]]
    assert changed, "the project should have something to fix"
    expected = fastlint("check", "--no-cache", ".", cwd=fixed_root).stdout
    for number, moment in enumerate(_moments(f"f{signum}", duration)):
        root = _copy(big_project, tmp_path / f"run{number}")
        _killed(args, root, moment, signum)
        now = _snapshot(root)
        left = [name for name in now if name not in original]
        if signum == signal.SIGINT:
            assert not left
        assert all(name.rsplit("/", 1)[-1].startswith(".") for name in left), left
        for name, data in now.items():
            if name in original:
                assert data in (original[name], fixed[name]), name
                if name.endswith(".py") and data != original[name]:
                    ast.parse(data)
        for name in left:
            _age(root / name)
        again = fastlint(*args, cwd=root)
        assert again.returncode == 0, again.stderr
        assert _snapshot(root) == fixed  # stale temporaries removed, the rest fixed
        assert fastlint("check", "--no-cache", ".", cwd=root).stdout == expected


def test_fix_removes_a_stale_temporary_next_to_an_already_fixed_file(
    big_project: Path, tmp_path: Path
) -> None:
    args = ["check", "--no-cache", "-j", "1", "--fix", "--exit-zero", "."]
    root = _copy(big_project, tmp_path / "run")
    fastlint(*args, cwd=root)
    fixed = _snapshot(root)
    some_file = next(name for name in fixed if name.endswith(".py"))
    stale = (root / some_file).parent / f".{Path(some_file).name}.k1ll3d_x.tmp"
    stale.write_text("half a file")
    _age(stale)
    fastlint(*args, cwd=root)
    assert _snapshot(root) == fixed
