"""Regression tests for the output and CLI bugs of the reliability audit (B6, B11-B19)
and for files skipped for their size, which every output format must report.

Most run the real entry point in a subprocess (``python -m fastlint``): encoding
errors, signals, exit statuses and ``-o /dev/stdout`` only show there.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from fastlint.atomic import is_stream, write_text_atomic
from fastlint.baseline import Baseline, load_baseline
from fastlint.cli import main
from fastlint.filepass import MAX_FILE_BYTES, summarize
from fastlint.findings import Finding, Span
from fastlint.fingerprint import fingerprints

TIMEOUT = 120
HEADER = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
# A route path holding a lone surrogate, as the escape ``\ud800`` in the source.
SURROGATE_APP = HEADER + '@app.get("/\\ud800")\ndef read():\n    return 1\n'
NEWLINE_APP = (
    HEADER + '@app.get("/a\\nsrc/evil.py:1:1: FL301 injected")\ndef read():\n    return 1\n'
)
DELETE_APP = HEADER + '@app.delete("/x", tags=["x"])\ndef delete_x() -> None: ...\n'
FORMATS = ("text", "json", "sarif", "github", "gitlab")


def make_project(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.fastlint]\n", encoding="utf-8")
    (root / "app").mkdir(exist_ok=True)
    (root / "app" / "__init__.py").write_text("", encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def fastlint(
    *args: str, cwd: Path, stdout: int | object = subprocess.PIPE, script: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The real entry point; ``script`` runs first (a patch), then ``run()``."""
    if script is None:
        command = [sys.executable, "-m", "fastlint", *args]
    else:
        code = f"import sys\n{script}\nsys.argv = ['fastlint', *{list(args)!r}]\n"
        code += "from fastlint.__main__ import run\nrun()\n"
        command = [sys.executable, "-c", code]
    return subprocess.run(
        command,
        cwd=cwd,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        check=False,
    )


def no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert b"Traceback" not in (result.stdout or b"")


def temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def surrogate(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p", {"app/main.py": SURROGATE_APP})


# --------------------------------------------------------------------------- B6


@pytest.mark.parametrize("fmt", FORMATS)
def test_b6_lone_surrogate_in_a_route_path_every_format(surrogate: Path, fmt: str) -> None:
    result = fastlint("check", "--no-cache", "--output-format", fmt, ".", cwd=surrogate)
    no_traceback(result)
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")  # strict: the report is valid UTF-8
    if fmt in ("text", "github"):
        assert "GET /\\ud800" in out  # printed escaped
    else:
        document = json.loads(out)
        assert "\ud800" in json.dumps(document, ensure_ascii=False)  # the real path survives
    if fmt == "json":
        assert "/\ud800" in json.loads(out)[0]["message"]


def test_b6_lone_surrogate_output_file_and_no_temp_file(surrogate: Path) -> None:
    result = fastlint("check", "--no-cache", "-o", "out.txt", ".", cwd=surrogate)
    no_traceback(result)
    assert result.returncode == 1
    assert "GET /\\ud800" in (surrogate / "out.txt").read_text(encoding="utf-8")
    assert temp_files(surrogate) == []


def test_b6_lone_surrogate_baseline_round_trip(surrogate: Path) -> None:
    written = fastlint("check", "--no-cache", "--write-baseline", "bl.json", ".", cwd=surrogate)
    no_traceback(written)
    assert written.returncode == 0
    assert temp_files(surrogate) == []
    assert len(load_baseline(surrogate / "bl.json")) == 1
    again = fastlint("check", "--no-cache", "--baseline", "bl.json", ".", cwd=surrogate)
    assert again.returncode == 0 and b"All checks passed" in again.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_b6_lone_surrogate_routes_report(surrogate: Path, fmt: str) -> None:
    result = fastlint("routes", "--no-cache", "--format", fmt, ".", cwd=surrogate)
    no_traceback(result)
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    if fmt == "json":
        assert json.loads(out)["routes"][0]["path"] == "/\ud800"
    else:
        assert "/\\ud800" in out


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_b6_file_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    root = make_project(tmp_path / "p", {})
    (root / "app").joinpath(os.fsdecode(b"caf\xe9.py")).write_text(DELETE_APP, encoding="utf-8")
    result = fastlint("check", "--no-cache", "--output-format", fmt, ".", cwd=root)
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode("utf-8")
    if fmt == "json":
        assert json.loads(out)[0]["path"] == os.fsdecode(b"app/caf\xe9.py")
    else:
        assert "app/caf\\udce9.py" in out


def test_b6_sarif_uri_of_a_file_name_that_is_not_utf8() -> None:
    from fastlint.output.sarif import _artifact

    assert _artifact("", os.fsdecode(b"app/caf\xe9.py"))["uri"] == "app/caf%E9.py"


# --------------------------------------------------------------------------- B17


def test_b17_newline_in_a_route_path_stays_on_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": NEWLINE_APP})
    text = fastlint("check", "--no-cache", "--quiet", ".", cwd=root)
    lines = text.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("app/main.py:6:1: FL201")
    assert "/a\\nsrc/evil.py:1:1: FL301 injected" in lines[0]
    github = fastlint("check", "--no-cache", "--output-format", "github", ".", cwd=root)
    assert len(github.stdout.decode("utf-8").splitlines()) == 1
    assert "/a%0Asrc/evil.py" in github.stdout.decode("utf-8")
    data = fastlint("check", "--no-cache", "--output-format", "json", ".", cwd=root)
    assert "/a\nsrc/evil.py" in json.loads(data.stdout)[0]["message"]  # JSON keeps the truth


def test_b17_control_characters_are_escaped_in_text_routes(tmp_path: Path) -> None:
    app = HEADER + '@app.get("/a\\x1b[31m\\tb")\ndef read():\n    return 1\n'
    root = make_project(tmp_path / "p", {"app/main.py": app})
    out = fastlint("check", "--no-cache", ".", cwd=root).stdout.decode("utf-8")
    assert "\x1b" not in out and "/a\\x1b[31m\\tb" in out
    routes = fastlint("routes", "--no-cache", ".", cwd=root).stdout.decode("utf-8")
    assert "\x1b" not in routes and "/a\\x1b[31m\\tb" in routes


# --------------------------------------------------------------------------- B16

BOOM = (
    "import fastlint.output\n"
    "def boom(*args, **kwargs):\n"
    "    raise RuntimeError('boom\\nsecond line')\n"
    "fastlint.output.render = boom\n"
)


def test_b16_internal_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    result = fastlint("check", "--no-cache", ".", cwd=root, script=BOOM)
    no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "fastlint: internal error: RuntimeError: boom\\nsecond line "
        "(please report it; --show-traceback prints the details)"
    ]


@pytest.mark.parametrize("where", ["before", "after"])
def test_b16_show_traceback(tmp_path: Path, where: str) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    args = ["check", "--no-cache", "."]
    args = ["--show-traceback", *args] if where == "before" else [*args, "--show-traceback"]
    result = fastlint(*args, cwd=root, script=BOOM)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "Traceback (most recent call last)" in err and ", in boom" in err
    assert err.splitlines()[-1] == (
        "fastlint: internal error: RuntimeError: boom\\nsecond line (please report it)"
    )


def test_b16_guard_also_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fastlint.output

    def boom(*args: object, **kwargs: object) -> str:
        raise ValueError("in process")

    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    monkeypatch.chdir(root)
    monkeypatch.setattr(fastlint.output, "render", boom)
    result = CliRunner().invoke(main, ["check", "--no-cache", "."])
    assert result.exit_code == 2
    assert "fastlint: internal error: ValueError: in process" in result.stderr
    assert "--show-traceback" in CliRunner().invoke(main, ["--help"]).stdout


def test_b16_deleted_working_directory(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = f"import os\nos.chdir({str(gone)!r})\nos.rmdir({str(gone)!r})\n"
    result = fastlint("check", "--no-cache", cwd=tmp_path, script=script)
    no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("fastlint: internal error: FileNotFoundError")


def test_b16_usage_errors_keep_their_messages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    result = fastlint("check", "--no-such-option", cwd=root)
    assert result.returncode == 2 and b"No such option" in result.stderr
    assert b"internal error" not in result.stderr


# --------------------------------------------------------------------------- B11


def test_b11_output_to_dev_stdout_through_a_pipe(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    result = fastlint("check", "--no-cache", "-o", "/dev/stdout", ".", cwd=root)
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert b"app/main.py:6:1: FL102" in result.stdout


def test_b11_output_to_dev_stdout_redirected_to_a_file(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    target = tmp_path / "stdout.txt"
    target.write_text("before\n", encoding="utf-8")
    with open(target, "ab") as handle:  # the shell's `>>`
        result = fastlint("check", "--no-cache", "-o", "/dev/stdout", ".", cwd=root, stdout=handle)
    assert result.returncode == 1, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("before\napp/main.py:6:1: FL102")
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="as root a regression would replace the machine's /dev/null (the mknod test covers it)",
)
def test_b11_output_to_dev_null_keeps_the_device(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    before = os.stat("/dev/null")
    result = fastlint("check", "--no-cache", "-o", "/dev/null", ".", cwd=root)
    assert result.returncode == 1, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="mknod needs root")
def test_b11_output_onto_a_device_node_writes_through_it(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    node = root / "fakenull"
    try:
        os.mknod(node, stat.S_IFCHR | 0o644, os.makedev(1, 3))
    except OSError as error:  # pragma: no cover - a container without CAP_MKNOD
        pytest.skip(f"mknod: {error}")
    result = fastlint("check", "--no-cache", "-o", str(node), ".", cwd=root)
    assert result.returncode == 1, result.stderr
    assert stat.S_ISCHR(node.lstat().st_mode)  # still the device, not a regular file
    assert temp_files(root) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_b11_output_to_a_fifo_streams(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = fastlint("check", "--no-cache", "-o", str(fifo), ".", cwd=root)
    reader.join(30)
    assert result.returncode == 1, result.stderr
    assert b"app/main.py:6:1: FL102" in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert temp_files(tmp_path) == []


def test_b11_regular_files_are_still_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    assert not is_stream(target)  # a new path
    target.write_text("old", encoding="utf-8")
    assert not is_stream(target) and not is_stream(tmp_path)
    assert is_stream(Path("/dev/null"))
    inode = target.stat().st_ino
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and target.stat().st_ino != inode


# --------------------------------------------------------------------------- B14


def test_b14_keyboard_interrupt_while_writing_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert temp_files(tmp_path) == []


def test_b14_unencodable_text_leaves_no_temp_file(tmp_path: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(tmp_path / "report.txt", "\ud800")
    assert list(tmp_path.iterdir()) == []


def test_b14_sigint_during_output_file_exits_130_without_temp_file(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    (root / "report.txt").write_text("old report\n", encoding="utf-8")
    script = (
        "import os, signal\n"
        "def fsync(fd):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "os.fsync = fsync\n"
    )
    result = fastlint("check", "--no-cache", "-o", "report.txt", ".", cwd=root, script=script)
    no_traceback(result)
    assert result.returncode == 130
    assert result.stderr.decode().splitlines()[-1] == "fastlint: interrupted"
    assert (root / "report.txt").read_text(encoding="utf-8") == "old report\n"
    assert temp_files(root) == []


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="no SIGINT")
def test_b14_ctrl_c_in_process_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fastlint.output

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.chdir(make_project(tmp_path / "p", {"app/main.py": DELETE_APP}))
    monkeypatch.setattr(fastlint.output, "render", interrupted)
    result = CliRunner().invoke(main, ["check", "--no-cache", "."])
    assert result.exit_code == 130 and "fastlint: interrupted" in result.stderr


# --------------------------------------------------------------------------- B12


def test_b12_deeply_nested_baseline_is_a_clean_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    nested = '{"fastlint-baseline": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (root / "nested.json").write_text(nested, encoding="utf-8")
    (root / "huge.json").write_text('{"fastlint-baseline": ' + "1" * 5000 + "}", encoding="utf-8")
    for name in ("deep.json", "nested.json", "huge.json"):
        result = fastlint("check", "--no-cache", "--baseline", name, ".", cwd=root)
        no_traceback(result)
        err = result.stderr.decode()
        assert result.returncode == 2 and len(err.splitlines()) == 1
        assert err.startswith(f"fastlint: error: baseline file {name} is not valid JSON")


# --------------------------------------------------------------------------- B13

BROKEN = "from fastapi import FastAPI\ndef broken(:\n"


def _entry(root: Path, finding: Finding) -> dict[str, str]:
    def source_line(path: str, line: int) -> str:
        lines = (root / path).read_text(encoding="utf-8").splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    (fingerprint,) = fingerprints([finding], source_line)
    return {"code": finding.code, "path": finding.path, "fingerprint": fingerprint, "message": ""}


def test_b13_fl000_is_never_recorded_nor_hidden(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP, "app/broken.py": BROKEN})
    written = fastlint("check", "--no-cache", "--write-baseline", "bl.json", ".", cwd=root)
    assert written.returncode == 0, written.stderr
    assert b"recorded 1 findings" in written.stderr
    codes = [entry["code"] for entry in json.loads((root / "bl.json").read_text())["findings"]]
    assert codes == ["FL102"]
    shown = fastlint("check", "--no-cache", "--baseline", "bl.json", ".", cwd=root)
    assert shown.returncode == 1 and b"app/broken.py:2:12: FL000" in shown.stdout
    # An older baseline that did record the FL000 does not hide it either.
    document = json.loads((root / "bl.json").read_text())
    fl000 = Finding("FL000", "could not parse", "app/broken.py", Span(2, 12, 2, 12))
    document["findings"].append(_entry(root, fl000))
    (root / "bl.json").write_text(json.dumps(document), encoding="utf-8")
    again = fastlint("check", "--no-cache", "--baseline", "bl.json", ".", cwd=root)
    assert again.returncode == 1 and b"FL000" in again.stdout and b"FL102" not in again.stdout


def test_b13_fl999_in_a_baseline_is_shown_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fastlint.engine as engine

    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    monkeypatch.chdir(root)
    crash = engine.internal_error("FL102 (x)", "app/main.py", RuntimeError("rule bug"))
    original = engine.run_rules
    monkeypatch.setattr(engine, "run_rules", lambda *a, **k: [*original(*a, **k), crash])
    runner = CliRunner()
    written = runner.invoke(main, ["check", "--no-cache", "--write-baseline", "bl.json", "."])
    assert written.exit_code == 2 and "recorded 1 findings" in written.stderr
    document = json.loads((root / "bl.json").read_text())
    assert [entry["code"] for entry in document["findings"]] == ["FL102"]
    document["findings"].append(_entry(root, crash))  # as an older fastlint recorded it
    (root / "bl.json").write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(main, ["check", "--no-cache", "--baseline", "bl.json", "."])
    assert result.exit_code == 2
    assert "FL999 internal error in FL102" in result.stdout and "FL102 DELETE" not in result.stdout


def test_b13_filter_keeps_fl000_and_fl999() -> None:
    findings = [
        Finding(code, "m", "a.py", Span(1, 1, 1, 1)) for code in ("FL000", "FL999", "FL102")
    ]
    prints = fingerprints(findings, lambda path, line: "")
    baseline = Baseline(
        Path("b.json"),
        frozenset((f.code, f.path, p) for f, p in zip(findings, prints, strict=True)),
        None,
    )
    assert [f.code for f in baseline.filter(findings, lambda path, line: "")] == ["FL000", "FL999"]


# --------------------------------------------------------------------------- B15

HEX = "0x" + "f" * 4000  # 16,000 bits: more than 4,300 decimal digits


def test_b15_huge_int_literals_anywhere(tmp_path: Path) -> None:
    app = (
        HEADER
        + f"BIG = {HEX}\n\n\n"
        + f'@app.post("/b", status_code={HEX}, tags=[{HEX}])\ndef b():\n    return 1\n\n\n'
        + f"@app.delete({HEX})\ndef c(q={HEX}):\n    return {{'x': -{HEX}}}\n\n\n"
        + f'@app.get("/d", response_model={HEX}, responses={{{HEX}: {{}}}})\n'
        + "def d():\n    return 1\n"
    )
    root = make_project(tmp_path / "p", {"app/main.py": app})
    for fmt in FORMATS:
        result = fastlint("check", "--no-cache", "--output-format", fmt, ".", cwd=root)
        no_traceback(result)
        assert result.returncode == 1, result.stdout[:500]
        if fmt == "sarif":  # every rule is described there; look at the results
            results = json.loads(result.stdout)["runs"][0]["results"]
            assert {r["ruleId"] for r in results}.isdisjoint({"FL000", "FL999"})
        else:
            assert b"FL999" not in result.stdout and b"FL000" not in result.stdout
    routes = fastlint("routes", "--no-cache", ".", cwd=root)
    no_traceback(routes)
    assert routes.returncode == 0 and b"internal error" not in routes.stdout + routes.stderr


def test_b15_huge_decimal_literal_is_fl000_like_python() -> None:
    summary = summarize(b"x = " + b"1" * 5000 + b"\n", "app/big.py")
    assert summary.parse_error is not None
    assert summary.parse_error.message.startswith("could not parse: Exceeds the limit")


# --------------------------------------------------------------------------- B18


def test_b18_fl000_reason_is_never_empty(tmp_path: Path) -> None:
    summary = summarize(b"x = " + b"-" * 100_000 + b"1\n", "app/neg.py")
    assert summary.parse_error is not None
    message = summary.parse_error.message
    assert message.startswith("could not parse: ") and message != "could not parse: "
    assert message.removeprefix("could not parse: ").strip()


# --------------------------------------------------------------------------- B19


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
@pytest.mark.parametrize("command", ["check", "routes"])
def test_b19_symlink_loop_named_on_the_command_line(tmp_path: Path, command: str) -> None:
    root = make_project(tmp_path / "p", {"app/main.py": DELETE_APP})
    os.symlink("loop", root / "loop")
    os.symlink("gone.py", root / "dangling.py")
    loop = fastlint(command, "--no-cache", "loop", cwd=root)
    no_traceback(loop)
    assert loop.returncode == 2
    assert loop.stderr.decode().splitlines() == ["fastlint: error: loop: symlink loop"]
    dangling = fastlint(command, "--no-cache", "dangling.py", cwd=root)
    assert dangling.returncode == 2
    assert dangling.stderr.decode().splitlines() == ["fastlint: error: dangling.py: broken symlink"]


# --------------------------------------------------------------------------- size limit


@pytest.fixture
def oversized(tmp_path: Path) -> Path:
    big = b"# generated\nfrom fastapi import APIRouter\n" + b"x = 1\n" * (MAX_FILE_BYTES // 6 + 1)
    return make_project(tmp_path / "p", {"app/main.py": DELETE_APP, "app/gen.py": big})


def test_oversized_file_is_fl000_in_every_format(
    oversized: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(oversized)
    runner = CliRunner()
    message = "skipped: 10.0 MB is larger than the 10 MB limit"
    text = runner.invoke(main, ["check", "--no-cache", "."])
    assert text.exit_code == 1
    assert f"app/gen.py:1:1: FL000 {message}" in text.stdout.splitlines()
    assert "skipped" not in text.stderr  # reported once, as a finding
    data = json.loads(
        runner.invoke(main, ["check", "--no-cache", "--output-format", "json"]).stdout
    )
    assert {"code": "FL000", "path": "app/gen.py", "message": message}.items() <= data[0].items()
    sarif = json.loads(
        runner.invoke(main, ["check", "--no-cache", "--output-format", "sarif"]).stdout
    )
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "FL000" and r["message"]["text"] == message for r in results)
    github = runner.invoke(main, ["check", "--no-cache", "--output-format", "github"]).stdout
    location = "file=app/gen.py,line=1,endLine=1,col=1,endColumn=1"
    assert f"::error {location},title=fastlint (FL000)::FL000 {message}" in github
    gitlab = json.loads(
        runner.invoke(main, ["check", "--no-cache", "--output-format", "gitlab"]).stdout
    )
    assert any(issue["description"] == f"FL000 {message}" for issue in gitlab)


def test_oversized_file_ignored_fl000_is_a_warning(
    oversized: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (oversized / "pyproject.toml").write_text(
        '[tool.fastlint]\nper-file-ignores = {"app/gen.py" = ["FL000"]}\n', encoding="utf-8"
    )
    monkeypatch.chdir(oversized)
    result = CliRunner().invoke(main, ["check", "--no-cache", "."])
    assert "FL000" not in result.stdout
    assert "app/gen.py: skipped (10.0 MB is larger than the 10 MB limit)" in result.stderr
    assert "FL102" in result.stdout and result.exit_code == 1


def test_b15_a_status_constant_with_thousands_of_digits(tmp_path: Path) -> None:
    """``status.HTTP_<5,000 digits>_CREATED`` is no status code, and no crash."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.fastlint]\n", encoding="utf-8")
    (root / "app.py").write_text(
        "from fastapi import FastAPI, status\napp = FastAPI()\n\n"
        f'@app.post("/x", tags=["x"], status_code=status.HTTP_{"2" * 5000}_CREATED)\n'
        "def create_x() -> None: ...\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", "."],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "FL999" not in done.stdout
