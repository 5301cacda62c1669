"""fastlint's CLI against ``ruff check --select FAST``, whole processes, paired and interleaved.

    python benchmarks/compare.py CORPUS_DIR [--repeat 5] [--json out.json]
    python benchmarks/compare.py CORPUS_DIR --quick          # smoke run: 1 round, fastapi-users
    python benchmarks/compare.py PROJECT_DIR --single --quick --no-fetch

CORPUS_DIR is the pinned corpus (one folder per package, each with a ``.corpus-pin``).
If it does not exist it is fetched first: with ``../shared/bench/get-corpus.sh`` when
that script exists, else from ``benchmarks/corpus-pins.txt`` (pip download, hashes
checked, only the ``*.py`` files unpacked, as the script does). ``--single`` treats
the directory as one project instead (it is never fetched).

Method (as in the performance audit, ``../shared/reference/performance-audit.md``):
every scenario runs its commands A B A B ... (one uncounted warm-up round, then
``--repeat`` rounds), each as a real process started the way users start it (the
``fastlint`` console script of this interpreter's environment). Per run: wall time,
CPU (user + sys of the child and the workers it reaped, from ``os.wait4``) and peak
RSS: the largest single process (the child, or a worker it reaped). The RSS comes
from GNU ``/usr/bin/time -f %M`` when it is there, which adds about 1 ms to every
wall time, for both tools. Without it, it is ``wait4``'s ``ru_maxrss``, which Linux
floors at the size of the process that forked the child (this script, ~20 MiB;
the header prints that floor). Numbers are medians (min-max); a ratio is taken per
round, then its median.

Scenarios (ruff always runs as ``ruff check --isolated --select FAST --exit-zero -q``):

1. cold, the whole corpus: ``fastlint check --no-cache`` vs ``ruff check --no-cache``;
2. warm, nothing changed: fastlint with its cache in a temporary ``--cache-dir``
   (after a first run that fills it) vs ruff with a temporary ``--cache-dir``.
   When ``fastlint check --help`` has no ``--cache-dir`` this prints
   "cache: not available" and runs fastlint without the flag;
3. pre-commit: a temporary copy of open-webui with a ``pyproject.toml`` and
   ``git init``. Before every fastlint run one line is appended to
   ``open_webui/routers/chats.py``; then ``fastlint check --exit-zero
   --force-exclude THATFILE`` (its cache warm from the previous runs) against a cold
   ``ruff check THATFILE`` and a cold ruff on the whole copy; and the same fastlint
   run after appending a comment instead (the summaries stay as they were);
4. ``--jobs 1`` against ``--jobs <all cores>``, cold, on the corpus (in the same
   rounds as scenario 1). "jobs: not available" when the CLI has no ``--jobs``;
5. peak RSS of the fastlint process (from the runs of scenarios 1, 2 and 4),
   and, on Linux, one extra cold run (two with ``--jobs``) sampling the summed PSS of
   the whole process tree (parent + workers) every 20 ms;
6. the floor: read every file, keep the "pre-scan hits" (files containing one of
   ``MARKERS``) and ``ast.parse`` them, on all cores (a ``multiprocessing`` pool,
   GC off in the workers) and in one process; timed in-process;
7. start-up: ``fastlint --version`` vs ``ruff --version`` (4 x ``--repeat`` rounds,
   not wrapped in GNU time).

The table gives each scenario's medians, the ratio and the issue's target next to it.
``--json FILE`` writes every run, the summaries and the machine's details.
The in-process pass split (file pass / project / rules) is ``benchmarks/bench.py``.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import gc
import io
import itertools
import json
import multiprocessing
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GET_CORPUS = REPO.parent / "shared" / "bench" / "get-corpus.sh"
PINS_FILE = HERE / "corpus-pins.txt"

# A file is a pre-scan hit if it contains any of these (the audit's pre-scan markers).
MARKERS = (
    b"fastapi",
    b"pydantic",
    b"BaseModel",
    b"APIRouter",
    b"Depends",
    b"include_router",
    b"SQLModel",
)
# Directories the floor's file walk skips (fastlint's and ruff's default excludes).
SKIP_DIRS = frozenset(
    {
        ".bzr",
        ".direnv",
        ".eggs",
        ".git",
        ".git-rewrite",
        ".hg",
        ".mypy_cache",
        ".nox",
        ".pants.d",
        ".pytype",
        ".ruff_cache",
        ".fastlint_cache",
        ".svn",
        ".tox",
        ".venv",
        "__pycache__",
        "__pypackages__",
        "_build",
        "buck-out",
        "dist",
        "node_modules",
        "venv",
        "build",
        "site-packages",
    }
)
QUICK_PACKAGE = "fastapi-users"
PRECOMMIT_PACKAGE = "open-webui"
PRECOMMIT_FILE = "open_webui/routers/chats.py"
RUFF_CHECK = ("check", "--isolated", "--select", "FAST", "--exit-zero", "-q")
CONFIG_NAMES = (".fastlint.toml", "fastlint.toml")
ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
SCENARIOS = ("cold", "warm", "precommit", "jobs", "rss", "floor", "version")

# The targets of the performance issue.
COLD_MAX_RATIO = 8.0
WARM_MAX_RATIO = 3.0
PRECOMMIT_MAX_SECONDS = 0.6
PRECOMMIT_MAX_RATIO = 5.0
RSS_MAX_MIB = 200.0
VERSION_MAX_SECONDS = 0.050


class BenchError(Exception):
    """A command failed or the setup is unusable; the message says which."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Command:
    label: str
    argv: tuple[str, ...]
    cwd: Path | None = None
    before: Callable[[], None] | None = None  # e.g. edit a file; not timed
    # Peak RSS through GNU time when it is there (exact, ~1 ms more wall time),
    # else wait4's ru_maxrss (floored by this process's image, see launcher_rss_mib).
    gnu_time: bool = True

    def describe(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "argv": list(self.argv),
            "cwd": str(self.cwd or ""),
            "rss_from": "/usr/bin/time" if self.gnu_time and gnu_time() else "wait4",
        }


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    rss_mib: float
    rc: int


def _maxrss_mib(ru_maxrss: int) -> float:
    # Linux reports KiB, macOS bytes.
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def _failure(command: Command, rc: int, stderr: IO[bytes]) -> str:
    stderr.seek(0)
    tail = "\n".join(stderr.read().decode("utf-8", "replace").strip().splitlines()[-12:])
    return f"{command.label}: exit {rc}: {shlex.join(command.argv)}\n{tail}"


_GNU_TIME: list[str | None] = []


def gnu_time() -> str | None:
    """``/usr/bin/time`` if it is GNU time (``-f %M -o FILE`` works), else None."""
    if not _GNU_TIME:
        found = None
        if Path("/usr/bin/time").is_file() and shutil.which("true"):
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / "rss"
                argv = ["/usr/bin/time", "-f", "%M", "-o", str(out), "true"]
                ran = subprocess.run(argv, capture_output=True, check=False)
                if ran.returncode == 0 and out.is_file() and _last_int(out) is not None:
                    found = "/usr/bin/time"
        _GNU_TIME.append(found)
    return _GNU_TIME[0]


def _last_int(path: Path) -> int | None:
    lines = path.read_text(encoding="utf-8", errors="replace").split()
    return int(lines[-1]) if lines and lines[-1].isdigit() else None


def run_once(command: Command) -> Run:
    """Run ``command`` with output discarded; raise if it does not exit 0.

    Wall time is taken here, CPU (user + sys, the child and what it reaped) from
    ``os.wait4``; peak RSS from GNU time if ``command.gnu_time``, else ``wait4``.
    """
    if command.before is not None:
        command.before()
    wrapper = gnu_time() if command.gnu_time else None
    with tempfile.TemporaryFile() as stderr, tempfile.TemporaryDirectory() as folder:
        rss_file = Path(folder) / "rss"
        argv = command.argv
        if wrapper is not None:
            argv = (wrapper, "-f", "%M", "-o", str(rss_file), *argv)
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=command.cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        rc = os.waitstatus_to_exitcode(status)
        proc.returncode = rc  # reaped by wait4 already
        if rc != 0:
            raise BenchError(_failure(command, rc, stderr))
        rss = _maxrss_mib(usage.ru_maxrss)
        if wrapper is not None:
            kib = _last_int(rss_file)
            if kib is None:
                raise BenchError(f"{command.label}: no peak RSS from {wrapper}")
            rss = kib / 1024
    return Run(wall, usage.ru_utime + usage.ru_stime, rss, rc)


def interleave(name: str, commands: Sequence[Command], rounds: int, warmup: int) -> list[list[Run]]:
    """``warmup`` uncounted rounds, then ``rounds`` rounds of C1 C2 ... Ck."""
    for index in range(warmup):
        log(f"[{name}] warm-up {index + 1}/{warmup}")
        for command in commands:
            run_once(command)
    result: list[list[Run]] = []
    for index in range(rounds):
        row = [run_once(command) for command in commands]
        walls = "  ".join(f"{c.label} {r.wall:.3f}s" for c, r in zip(commands, row, strict=True))
        log(f"[{name}] round {index + 1}/{rounds}: {walls}")
        result.append(row)
    return result


def _tree_pss_kib(pid: int) -> int:
    """PSS (RSS if PSS is unreadable) of ``pid`` and all its descendants, in KiB."""
    total = 0
    stack = [pid]
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        current = stack.pop()
        try:
            try:
                with open(f"/proc/{current}/smaps_rollup") as fh:
                    total += next(int(line.split()[1]) for line in fh if line.startswith("Pss:"))
            except (OSError, StopIteration):
                with open(f"/proc/{current}/statm") as fh:
                    total += int(fh.read().split()[1]) * page_kib
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    stack.extend(int(child) for child in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def launcher_rss_mib() -> float:
    """ru_maxrss of a trivial child: the floor under every child's peak RSS."""
    true = shutil.which("true")
    if true is None:
        return 0.0
    return run_once(Command("true", (true,), gnu_time=False)).rss_mib


def tree_sampling_available() -> bool:
    pid = os.getpid()
    return Path(f"/proc/{pid}/task/{pid}/children").exists()


def sampled_tree_peak_mib(command: Command, interval: float = 0.02) -> float:
    """Peak summed PSS of the process tree of one run of ``command``."""
    if command.before is not None:
        command.before()
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(
            command.argv,
            cwd=command.cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_pss_kib(proc.pid))
                done.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        rc = proc.wait()
        done.set()
        sampler.join()
        if rc != 0:
            raise BenchError(_failure(command, rc, stderr))
    return peak / 1024


# --------------------------------------------------------------------------- statistics


@dataclass(frozen=True)
class Stats:
    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        return cls(statistics.median(values), min(values), max(values), len(values))


def column(rounds: list[list[Run]], index: int, key: str = "wall") -> Stats:
    return Stats.of([float(getattr(row[index], key)) for row in rounds])


def ratio(rounds: list[list[Run]], top: int, bottom: int, key: str = "wall") -> Stats | None:
    """Per-round ratios (rounds where the bottom is 0 are left out; None if all are)."""
    pairs = [(float(getattr(row[top], key)), float(getattr(row[bottom], key))) for row in rounds]
    values = [a / b for a, b in pairs if b > 0]
    return Stats.of(values) if values else None


def _at_most(stats: Stats | None, limit: float) -> bool | None:
    return None if stats is None else stats.median <= limit


@dataclass
class Row:
    scenario: str
    unit: str  # "s", "ms" or "MiB"
    fastlint: Stats | None
    ruff: Stats | None = None
    ratio: Stats | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


def _value(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.1f}"
    if unit == "MiB":
        return f"{value:.1f}"
    return f"{value:.3f}" if value < 10 else f"{value:.2f}"


def _stats_text(stats: Stats | None, unit: str) -> str:
    if stats is None:
        return "-"
    text = f"{_value(stats.median, unit)} {unit}"
    if stats.n > 1:
        text += f" ({_value(stats.low, unit)}-{_value(stats.high, unit)})"
    return text


def _ratio_text(stats: Stats | None) -> str:
    if stats is None:
        return "-"
    text = f"{stats.median:.2f}x"
    if stats.n > 1:
        text += f" ({stats.low:.2f}-{stats.high:.2f})"
    return text


def _target_text(row: Row) -> str:
    if not row.target:
        return ""
    verdict = {True: "met", False: "MISSED", None: "?"}[row.met]
    return f"{row.target}: {verdict}"


def _order(row: Row) -> int:
    match = re.match(r"\s*(\d+)\.", row.scenario)
    return int(match.group(1)) if match else 99


def render_table(rows: Sequence[Row]) -> str:
    header = ("scenario", "fastlint median (min-max)", "ruff median (min-max)", "ratio", "target")
    body = [
        (
            row.scenario,
            _stats_text(row.fastlint, row.unit) if row.fastlint else row.note or "-",
            _stats_text(row.ruff, row.unit),
            _ratio_text(row.ratio),
            _target_text(row),
        )
        for row in sorted(rows, key=_order)
    ]
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(cells) for cells in body)])


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Pin:
    requirement: str  # name==version
    kind: str  # wheel | sdist
    sha256: str

    @property
    def name(self) -> str:
        return self.requirement.split("==", 1)[0]


def read_pins(path: Path = PINS_FILE) -> list[Pin]:
    pins = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            requirement, kind, sha256 = line.split()
            pins.append(Pin(requirement, kind, sha256))
    return pins


def _unpack_python_files(archive: Path, dest: Path, kind: str) -> int:
    """Write the archive's ``*.py`` members under ``dest`` (an sdist loses its top folder)."""
    count = 0

    def write(rel: str, data: bytes) -> None:
        nonlocal count
        rel = os.path.normpath(rel)
        if rel.startswith("..") or os.path.isabs(rel):
            raise BenchError(f"unsafe member path in {archive.name}: {rel}")
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        count += 1

    if kind == "wheel":
        with zipfile.ZipFile(archive) as wheel:
            for info in wheel.infolist():
                if info.filename.endswith(".py") and not info.is_dir():
                    write(info.filename, wheel.read(info))
    else:
        with tarfile.open(archive) as sdist:
            for member in sdist.getmembers():
                if member.isfile() and member.name.endswith(".py"):
                    extracted = sdist.extractfile(member)
                    if extracted is not None and "/" in member.name:
                        write(member.name.split("/", 1)[1], extracted.read())
    return count


def _pip_download(pin: Pin, folder: Path) -> None:
    requirements = folder / "requirements.txt"
    requirements.write_text(f"{pin.requirement} --hash=sha256:{pin.sha256}\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes"]
    if pin.kind == "sdist":
        pip += ["--no-binary", ":all:"]
    else:
        # A fixed target platform picks the same file on any host.
        pip += ["--only-binary", ":all:", "--platform", "manylinux_2_28_x86_64"]
        pip += ["--python-version", "3.11", "--implementation", "cp"]
    subprocess.run([*pip, "-d", str(folder), "-r", str(requirements)], check=True)


def _urllib_download(pin: Pin, folder: Path) -> None:
    """Without pip: the file whose sha256 is pinned, from PyPI's JSON API."""
    import hashlib
    import urllib.request

    name, version = pin.requirement.split("==", 1)
    with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/{version}/json") as response:
        release = json.load(response)
    for entry in release["urls"]:
        if entry["digests"]["sha256"] == pin.sha256:
            with urllib.request.urlopen(entry["url"]) as response:
                data = response.read()
            if hashlib.sha256(data).hexdigest() != pin.sha256:
                raise BenchError(f"{pin.requirement}: sha256 mismatch")
            (folder / entry["filename"]).write_bytes(data)
            return
    raise BenchError(f"{pin.requirement}: no file with sha256 {pin.sha256} on PyPI")


def fetch_builtin(dest: Path, only: Sequence[str] = ()) -> None:
    """Replicates get-corpus.sh from ``corpus-pins.txt`` (``only``: these packages)."""
    has_pip = subprocess.run(
        [sys.executable, "-m", "pip", "--version"], capture_output=True, check=False
    )
    downloads = dest / ".downloads"
    for pin in read_pins():
        if only and pin.name not in only:
            continue
        out = dest / pin.name
        marker = out / ".corpus-pin"
        if marker.is_file() and marker.read_text(encoding="utf-8").strip() == pin.requirement:
            log(f"skip   {pin.requirement} (already in {out})")
            continue
        log(f"fetch  {pin.requirement} ({pin.kind})")
        folder = downloads / pin.name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if has_pip.returncode == 0:
            _pip_download(pin, folder)
        else:
            _urllib_download(pin, folder)
        archives = [p for p in folder.iterdir() if p.name.endswith((".whl", ".tar.gz"))]
        if len(archives) != 1:
            raise BenchError(f"{pin.requirement}: expected one archive, got {archives}")
        staging = dest / f"{pin.name}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        count = _unpack_python_files(archives[0], staging, pin.kind)
        log(f"       {count} .py files")
        (staging / ".corpus-pin").write_text(pin.requirement + "\n", encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        staging.rename(out)


def fetch_corpus(dest: Path, builtin: bool = False) -> None:
    if GET_CORPUS.is_file() and not builtin and shutil.which("bash"):
        log(f"fetching the corpus with {GET_CORPUS}")
        subprocess.run(["bash", str(GET_CORPUS), str(dest)], check=True)
    else:
        log(f"fetching the corpus from {PINS_FILE.name}")
        dest.mkdir(parents=True, exist_ok=True)
        fetch_builtin(dest)


def corpus_packages(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if (p / ".corpus-pin").is_file())


def fastlint_root(directory: Path) -> Path:
    """The project root fastlint picks for ``directory`` (its config/marker search)."""
    directory = directory.resolve()
    for candidate in (directory, *directory.parents):
        if any((candidate / name).is_file() for name in CONFIG_NAMES):
            return candidate
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            text = pyproject.read_text(encoding="utf-8", errors="replace")
            if re.search(r"^\s*\[tool\.fastlint", text, re.MULTILINE):
                return candidate
    for candidate in (directory, *directory.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return directory


def python_files(root: Path) -> list[str]:
    files: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and d != ".downloads")
        files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".py"))
    return files


# --------------------------------------------------------------------------- the floor


def _floor_init() -> None:
    gc.disable()


def _floor_file(path: str) -> int:
    """1 if ``path`` is a pre-scan hit (then parsed), else 0."""
    with open(path, "rb") as fh:
        data = fh.read()
    if not any(marker in data for marker in MARKERS):
        return 0
    with contextlib.suppress(SyntaxError, ValueError):  # a hit all the same
        ast.parse(data, filename=path)
    return 1


def floor_seconds(files: Sequence[str], pool: Any | None) -> tuple[float, int]:
    start = time.perf_counter()
    if pool is None:
        enabled = gc.isenabled()
        gc.disable()
        try:
            hits = sum(_floor_file(path) for path in files)
        finally:
            if enabled:
                gc.enable()
    else:
        hits = sum(pool.map(_floor_file, files, chunksize=8))
    return time.perf_counter() - start, hits


# --------------------------------------------------------------------------- scenarios


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def cli_has_option(fastlint: Sequence[str], option: str) -> bool:
    result = subprocess.run(
        [*fastlint, "check", "--help"], capture_output=True, text=True, check=False
    )
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", result.stdout) is not None


def pick_precommit_file(project: Path, wanted: str | None) -> str:
    """The file the pre-commit scenario edits, relative to ``project``."""
    if wanted:
        if not (project / wanted).is_file():
            raise BenchError(f"--precommit-file {wanted}: not a file under {project}")
        return wanted
    if (project / PRECOMMIT_FILE).is_file():
        return PRECOMMIT_FILE
    files = [Path(p) for p in python_files(project)]
    routers = [p for p in files if "routers" in p.parts and b"APIRouter" in p.read_bytes()]
    apis = [p for p in files if b"APIRouter" in p.read_bytes() or b"FastAPI(" in p.read_bytes()]
    for group in (routers, apis, files):
        if group:
            return group[0].relative_to(project).as_posix()
    raise BenchError(f"no Python file under {project}")


def appender(path: Path) -> Callable[[], None]:
    """A function that appends one new line of code to ``path`` each call."""
    counter = itertools.count(1)

    def append() -> None:
        with open(path, "rb+") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell():
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    fh.write(b"\n")
            fh.write(f"_fastlint_bench_edit = {next(counter)}\n".encode())

    return append


def commenter(path: Path) -> Callable[[], None]:
    """A function that appends one comment line to ``path`` each call: an edit that
    leaves the file's summary as it was (fastlint then reuses the findings)."""
    counter = itertools.count(1)

    def comment() -> None:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"# fastlint bench comment {next(counter)}\n")

    return comment


@dataclass
class Bench:
    fastlint: tuple[str, ...]
    ruff: tuple[str, ...]
    target: Path  # what scenarios 1, 2, 4, 5, 6 check
    precommit_project: Path | None
    precommit_file: str | None
    rounds: int
    warmup: int
    work: Path
    has_cache: bool
    has_jobs: bool
    skip: frozenset[str]
    rows: list[Row] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    cold_ruff: Stats | None = None

    def record(self, name: str, commands: Sequence[Command], rounds: list[list[Run]]) -> None:
        self.raw[name] = {
            "load_avg_after": os.getloadavg()[0],
            "commands": [command.describe() for command in commands],
            "rounds": [[asdict(run) for run in row] for row in rounds],
        }

    def scenario(self, name: str, body: Callable[[], None]) -> None:
        if name in self.skip:
            return
        log(f"== {name} (load average {os.getloadavg()[0]:.2f})")
        try:
            body()
        except Exception as error:  # report it, run the other scenarios
            text = (
                str(error) if isinstance(error, BenchError) else f"{type(error).__name__}: {error}"
            )
            self.errors.append(f"{name}: {text}")
            number = SCENARIOS.index(name) + 1
            self.rows.append(Row(f"{number}. {name}", "s", None, note="error, see below"))

    def ruff_cmd(self, label: str, *args: str, cwd: Path | None = None) -> Command:
        return Command(label, (*self.ruff, *RUFF_CHECK, *args), cwd or self.work)

    def fastlint_cmd(self, label: str, *args: str, cwd: Path | None = None) -> Command:
        return Command(label, (*self.fastlint, "check", *args), cwd or self.work)

    # 1, 4 and 5 (peak RSS)
    def cold(self) -> None:
        target = str(self.target)
        commands = [
            self.fastlint_cmd("fastlint", "--no-cache", "--exit-zero", "-q", target),
            self.ruff_cmd("ruff", "--no-cache", target),
        ]
        jobs = self.has_jobs and "jobs" not in self.skip
        cores = cpu_count()
        if jobs:
            for n in (1, cores):
                commands.append(
                    self.fastlint_cmd(
                        f"fastlint-j{n}",
                        "--no-cache",
                        "--exit-zero",
                        "-q",
                        "--jobs",
                        str(n),
                        target,
                    )
                )
        rounds = interleave("cold", commands, self.rounds, self.warmup)
        self.record("cold", commands, rounds)
        self.cold_ruff = column(rounds, 1)
        cold_ratio = ratio(rounds, 0, 1)
        self.rows.append(
            Row(
                "1. cold, --no-cache",
                "s",
                column(rounds, 0),
                self.cold_ruff,
                cold_ratio,
                f"<= {COLD_MAX_RATIO:g}x ruff",
                _at_most(cold_ratio, COLD_MAX_RATIO),
            )
        )
        self.rows.append(
            Row(
                "1. cold, CPU (user+sys)",
                "s",
                column(rounds, 0, "cpu"),
                column(rounds, 1, "cpu"),
                ratio(rounds, 0, 1, "cpu"),
            )
        )
        if jobs:
            self.rows.append(
                Row(
                    "4. cold, --jobs 1", "s", column(rounds, 2), self.cold_ruff, ratio(rounds, 2, 1)
                )
            )
            self.rows.append(
                Row(
                    f"4. cold, --jobs {cores}",
                    "s",
                    column(rounds, 3),
                    self.cold_ruff,
                    ratio(rounds, 3, 1),
                    note=f"speed-up over --jobs 1 (per round): {_ratio_text(ratio(rounds, 2, 3))}",
                )
            )
        if "rss" not in self.skip:
            peak = column(rounds, 0, "rss_mib")
            self.rows.append(
                Row(
                    "5. peak RSS, cold",
                    "MiB",
                    peak,
                    column(rounds, 1, "rss_mib"),
                    ratio(rounds, 0, 1, "rss_mib"),
                    f"< {RSS_MAX_MIB:g} MiB",
                    peak.high < RSS_MAX_MIB,
                )
            )
            if jobs:
                for index, n in ((2, 1), (3, cores)):
                    self.rows.append(
                        Row(
                            f"5. peak RSS, cold --jobs {n}",
                            "MiB",
                            column(rounds, index, "rss_mib"),
                            column(rounds, 1, "rss_mib"),
                            ratio(rounds, index, 1, "rss_mib"),
                        )
                    )

    # 2
    def warm(self) -> None:
        target = str(self.target)
        cache = self.work / "warm-fastlint-cache"
        ruff_cache = self.work / "warm-ruff-cache"
        flags = ("--cache-dir", str(cache)) if self.has_cache else ()
        commands = [
            self.fastlint_cmd("fastlint", *flags, "--exit-zero", "-q", target),
            self.ruff_cmd("ruff", "--cache-dir", str(ruff_cache), target),
        ]
        # At least one uncounted round: it fills both caches.
        rounds = interleave("warm", commands, self.rounds, max(self.warmup, 1))
        self.record("warm", commands, rounds)
        warm_ratio = ratio(rounds, 0, 1)
        label = "2. warm, nothing changed" + ("" if self.has_cache else " (no fastlint cache)")
        self.rows.append(
            Row(
                label,
                "s",
                column(rounds, 0),
                column(rounds, 1),
                warm_ratio,
                f"<= {WARM_MAX_RATIO:g}x ruff warm",
                _at_most(warm_ratio, WARM_MAX_RATIO),
            )
        )
        if "rss" not in self.skip:
            self.rows.append(
                Row(
                    "5. peak RSS, warm",
                    "MiB",
                    column(rounds, 0, "rss_mib"),
                    column(rounds, 1, "rss_mib"),
                    ratio(rounds, 0, 1, "rss_mib"),
                    f"< {RSS_MAX_MIB:g} MiB",
                    column(rounds, 0, "rss_mib").high < RSS_MAX_MIB,
                )
            )

    # 3
    def precommit(self) -> None:
        if self.precommit_project is None:
            raise BenchError(f"no {PRECOMMIT_PACKAGE} in the corpus")
        project = self.work / "precommit" / self.precommit_project.name
        shutil.copytree(
            self.precommit_project,
            project,
            ignore=shutil.ignore_patterns("__pycache__", ".fastlint_cache", ".ruff_cache"),
        )
        if not (project / "pyproject.toml").exists():
            (project / "pyproject.toml").write_text(
                f'[project]\nname = "{project.name}"\nversion = "0"\n', encoding="utf-8"
            )
        if shutil.which("git") and not (project / ".git").exists():
            subprocess.run(["git", "init", "-q", str(project)], check=True)
        rel = pick_precommit_file(project, self.precommit_file)
        self.raw["precommit_file"] = f"{self.precommit_project.name}/{rel}"
        flags = ("--cache-dir", str(self.work / "precommit-cache")) if self.has_cache else ()
        commands = [
            Command(
                "fastlint-1-file",
                (*self.fastlint, "check", "--exit-zero", "--force-exclude", *flags, rel),
                project,
                before=appender(project / rel),
            ),
            self.ruff_cmd("ruff-1-file", "--no-cache", rel, cwd=project),
            self.ruff_cmd("ruff-project", "--no-cache", ".", cwd=project),
            Command(
                "fastlint-1-file-comment",
                (*self.fastlint, "check", "--exit-zero", "--force-exclude", *flags, rel),
                project,
                before=commenter(project / rel),
            ),
        ]
        rounds = interleave("precommit", commands, self.rounds, max(self.warmup, 1))
        self.record("precommit", commands, rounds)
        one_file = column(rounds, 0)
        self.rows.append(
            Row(
                f"3. pre-commit, 1 file changed ({rel})",
                "s",
                one_file,
                column(rounds, 1),
                ratio(rounds, 0, 1),
                f"<= {PRECOMMIT_MAX_SECONDS:g} s",
                one_file.median <= PRECOMMIT_MAX_SECONDS,
            )
        )
        project_ratio = ratio(rounds, 0, 2)
        self.rows.append(
            Row(
                f"3. pre-commit vs ruff cold on all of {self.precommit_project.name}",
                "s",
                one_file,
                column(rounds, 2),
                project_ratio,
                f"<= {PRECOMMIT_MAX_RATIO:g}x ruff",
                _at_most(project_ratio, PRECOMMIT_MAX_RATIO),
            )
        )
        comment = column(rounds, 3)
        self.rows.append(
            Row(
                "3. pre-commit, a comment added (summaries unchanged)",
                "s",
                comment,
                column(rounds, 1),
                ratio(rounds, 3, 1),
                f"<= {PRECOMMIT_MAX_SECONDS:g} s",
                comment.median <= PRECOMMIT_MAX_SECONDS,
            )
        )

    # 5 (process tree)
    def tree_rss(self) -> None:
        if not tree_sampling_available():
            log("rss: process-tree sampling not available (no /proc/PID/task/TID/children)")
            return
        target = str(self.target)
        variants: list[tuple[str, tuple[str, ...]]] = [("", ())]
        if self.has_jobs and "jobs" not in self.skip:
            variants.append((f" --jobs {cpu_count()}", ("--jobs", str(cpu_count()))))
        samples = {}
        for suffix, flags in variants:
            command = self.fastlint_cmd(
                "fastlint", "--no-cache", "--exit-zero", "-q", *flags, target
            )
            peak = sampled_tree_peak_mib(command)
            samples[suffix.strip() or "default"] = peak
            self.raw["tree_pss_mib"] = samples
            self.rows.append(
                Row(
                    f"5. peak PSS, process tree, cold{suffix} (sampled)",
                    "MiB",
                    Stats(peak, peak, peak, 1),
                    target=f"< {RSS_MAX_MIB:g} MiB",
                    met=peak < RSS_MAX_MIB,
                )
            )

    # 6
    def floor(self) -> None:
        files = python_files(self.target)
        if not files:
            raise BenchError(f"no Python files under {self.target}")
        cores = cpu_count()
        results: dict[str, list[float]] = {"pool": [], "one": []}
        hits = 0
        with multiprocessing.Pool(cores, initializer=_floor_init) as pool:
            for index in range(self.warmup + self.rounds):
                pool_seconds, hits = floor_seconds(files, pool)
                one_seconds, _ = floor_seconds(files, None)
                if index >= self.warmup:
                    results["pool"].append(pool_seconds)
                    results["one"].append(one_seconds)
                    log(f"[floor] {pool_seconds:.3f}s on {cores} cores, {one_seconds:.3f}s in one")
        self.raw["floor"] = {"files": len(files), "hits": hits, "cores": cores, **results}
        ruff = self.cold_ruff
        for label, key in ((f"{cores} processes", "pool"), ("1 process", "one")):
            stats = Stats.of(results[key])
            self.rows.append(
                Row(
                    f"6. floor: ast.parse of {hits}/{len(files)} pre-scan hits, {label}",
                    "s",
                    stats,
                    ruff,
                    Stats(stats.median / ruff.median, 0, 0, 1) if ruff else None,
                )
            )

    # 7
    def version(self) -> None:
        commands = [
            Command("fastlint --version", (*self.fastlint, "--version"), self.work, gnu_time=False),
            Command("ruff --version", (*self.ruff, "--version"), self.work, gnu_time=False),
        ]
        rounds = interleave("version", commands, self.rounds * 4, self.warmup)
        self.record("version", commands, rounds)
        fastlint = column(rounds, 0)
        self.rows.append(
            Row(
                "7. start-up, --version",
                "ms",
                fastlint,
                column(rounds, 1),
                ratio(rounds, 0, 1),
                f"< {VERSION_MAX_SECONDS * 1000:g} ms",
                fastlint.median < VERSION_MAX_SECONDS,
            )
        )

    def run_all(self) -> None:
        self.scenario("cold", self.cold)
        self.scenario("warm", self.warm)
        self.scenario("precommit", self.precommit)
        self.scenario("rss", self.tree_rss)
        self.scenario("version", self.version)
        # Last: its pool grows this process, and every child's ru_maxrss includes
        # the image of this process it was forked from.
        self.scenario("floor", self.floor)


# --------------------------------------------------------------------------- main


def _git_describe(rev: str = "HEAD", worktree: bool = True) -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", rev],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (", src/ modified" if dirty and worktree else "")


def _output(argv: Sequence[str]) -> str:
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"{shlex.join(argv)}: exit {result.returncode}: {result.stderr.strip()}")
    return result.stdout.strip()


def _python_of(fastlint: Sequence[str]) -> tuple[str, ...]:
    """The interpreter behind a fastlint command (a console script names it in its #!)."""
    first = Path(fastlint[0])
    if first.name.startswith("python"):
        return (str(first),)
    try:
        shebang = first.read_bytes().split(b"\n", 1)[0]
    except OSError:
        return (sys.executable,)
    if shebang.startswith(b"#!") and b" " not in shebang.strip():
        return (shebang[2:].decode().strip(),)
    return (sys.executable,)


def default_fastlint() -> tuple[str, ...]:
    script = Path(sys.executable).with_name("fastlint")
    return (str(script),) if script.is_file() else (sys.executable, "-m", "fastlint")


def default_ruff() -> tuple[str, ...] | None:
    beside = Path(sys.executable).with_name("ruff")
    found = str(beside) if beside.is_file() else shutil.which("ruff")
    return (found,) if found else None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="fastlint's CLI vs ruff --select FAST: paired, interleaved, medians.",
    )
    parser.add_argument("corpus", type=Path, help="the corpus directory (fetched if missing)")
    parser.add_argument("--single", action="store_true", help="the directory is one project")
    parser.add_argument(
        "--quick", action="store_true", help=f"smoke run: 1 round, no warm-up, {QUICK_PACKAGE}"
    )
    parser.add_argument("--package", help="check this corpus package only")
    parser.add_argument("--no-fetch", action="store_true", help="never download the corpus")
    parser.add_argument(
        "--builtin-fetch", action="store_true", help="fetch from corpus-pins.txt, not the script"
    )
    parser.add_argument("--repeat", type=int, help="counted rounds (default 5; --quick: 1)")
    parser.add_argument("--warmup", type=int, help="uncounted rounds (default 1; --quick: 0)")
    parser.add_argument("--json", type=Path, help="write the runs and the summary here")
    parser.add_argument("--fastlint", help="fastlint command (default: this venv's fastlint)")
    parser.add_argument("--ruff", help="ruff executable (default: this venv's ruff)")
    parser.add_argument(
        "--snapshot",
        metavar="REV",
        help="measure src/fastlint as of git REV (or 'worktree': as it is now), copied "
        "to a temporary dir, so edits made during the run do not change what is timed",
    )
    parser.add_argument("--precommit-file", help=f"file to edit (default: {PRECOMMIT_FILE})")
    parser.add_argument(
        "--skip", action="append", default=[], choices=SCENARIOS, help="skip a scenario"
    )
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 5
    if args.warmup is None:
        args.warmup = 0 if args.quick else 1
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be >= 1 and --warmup >= 0")
    return args


def resolve_targets(args: argparse.Namespace) -> tuple[Path, Path | None]:
    """(what scenarios 1-2 and 4-6 check, the project the pre-commit scenario copies)."""
    corpus: Path = args.corpus.resolve()
    if not corpus.exists():
        if args.single:
            raise BenchError(f"{corpus}: no such directory (--single dirs are never fetched)")
        if args.no_fetch:
            raise BenchError(f"{corpus}: no such directory, and --no-fetch")
        fetch_corpus(corpus, args.builtin_fetch)
    if not corpus.is_dir():
        raise BenchError(f"{corpus}: not a directory")
    if args.single:
        return corpus, corpus
    packages = {p.name: p for p in corpus_packages(corpus)}
    if not packages:
        raise BenchError(f"no corpus packages (folders with .corpus-pin) in {corpus}")
    expected = {pin.name: pin.requirement for pin in read_pins()}
    for name, path in packages.items():
        pin = (path / ".corpus-pin").read_text(encoding="utf-8").strip()
        if name in expected and expected[name] != pin:
            log(f"warning: {name} is {pin}, corpus-pins.txt pins {expected[name]}")
    missing = sorted(set(expected) - set(packages))
    if missing:
        log(f"warning: corpus packages missing: {', '.join(missing)}")
    package = args.package or (QUICK_PACKAGE if args.quick else None)
    if package is None:
        return corpus, packages.get(PRECOMMIT_PACKAGE)
    if package not in packages:
        raise BenchError(f"no package {package} in {corpus}")
    return packages[package], packages[package]


def make_snapshot(rev: str, dest: Path, python: Sequence[str]) -> str:
    """Freeze fastlint's code: ``src/fastlint`` and ``rules`` of ``rev`` (a git
    revision, or ``worktree`` for the files as they are now) under ``dest``.
    Returns what was frozen; children import it through ``PYTHONPATH``."""
    dest.mkdir(parents=True)
    if rev == "worktree":
        for part in ("src/fastlint", "rules"):
            if (REPO / part).is_dir():
                shutil.copytree(
                    REPO / part, dest / part, ignore=shutil.ignore_patterns("__pycache__")
                )
        frozen = f"the working tree at {_git_describe()}"
    else:
        frozen = _archive(rev, dest)
    # Installed packages come compiled; without this, PYTHONDONTWRITEBYTECODE
    # would make every run compile the whole package again.
    subprocess.run([*python, "-m", "compileall", "-q", str(dest / "src")], check=True)
    return frozen


def _archive(rev: str, dest: Path) -> str:
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "src/fastlint", "rules"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise BenchError(f"git archive {rev}: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # Python < 3.11.4; our own repository's files
            tar.extractall(dest)
    return _git_describe(rev, worktree=False)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="fastlint-compare-") as work:
        return run_bench(args, Path(work))


def run_bench(args: argparse.Namespace, work: Path) -> int:
    ruff = (args.ruff,) if args.ruff else default_ruff()
    if ruff is None:
        log("ruff not found (pip install -e '.[dev]', or pass --ruff)")
        return 2
    fastlint = tuple(shlex.split(args.fastlint)) if args.fastlint else default_fastlint()
    try:
        source = f"commit {_git_describe()}"
        if args.snapshot:
            frozen = make_snapshot(args.snapshot, work / "snapshot", _python_of(fastlint))
            # fastlint's own children (and only they) import this copy first.
            previous = os.environ.get("PYTHONPATH")
            os.environ["PYTHONPATH"] = os.pathsep.join(
                [str(work / "snapshot" / "src"), *([previous] if previous else [])]
            )
            source = f"snapshot of {frozen}, via PYTHONPATH"
        imported = _output(
            [*_python_of(fastlint), "-c", "import fastlint; print(fastlint.__file__)"]
        )
        target, precommit_project = resolve_targets(args)
        root = fastlint_root(target)
        if root != target:
            raise BenchError(
                f"fastlint would read the project at {root}, not {target} (a config file or "
                "project marker above it): move the corpus, or use a directory without them"
            )
        fastlint_version = _output([*fastlint, "--version"])
        ruff_version = _output([*ruff, "--version"])
    except (BenchError, subprocess.CalledProcessError) as error:
        log(f"error: {error}")
        return 2
    # A child's ru_maxrss counts the image of this process it was forked from
    # (Linux keeps the pre-exec high-water mark): a lower bound on every RSS below.
    rss_floor = launcher_rss_mib()
    has_cache = cli_has_option(fastlint, "--cache-dir")
    has_jobs = cli_has_option(fastlint, "--jobs")
    files = python_files(target)
    size = sum(os.path.getsize(f) for f in files)
    header = [
        f"fastlint: {shlex.join(fastlint)} ({fastlint_version}, {source})",
        f"          imports {imported}",
        f"ruff: {shlex.join(ruff)} ({ruff_version})",
        f"target: {target} ({len(files)} .py files, {size / 1e6:.2f} MB)",
        f"machine: {cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.2f}",
        f"rounds: {args.repeat} counted, {args.warmup} warm-up, interleaved",
        (
            "peak RSS: /usr/bin/time -f %M (it adds ~1 ms to each wall time, both tools)"
            if gnu_time()
            else f"peak RSS: wait4, floored at {rss_floor:.1f} MiB (ru_maxrss of `true` "
            "started from here: a child's ru_maxrss includes the image it was forked from)"
        ),
        "cache: available (--cache-dir)" if has_cache else "cache: not available",
        f"jobs: available (--jobs 1 vs --jobs {cpu_count()})"
        if has_jobs
        else "jobs: not available",
    ]
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not args.snapshot:
        header.append(
            "note: PYTHONDONTWRITEBYTECODE is set: a module edited since its .pyc was "
            "written is compiled again on every run (--snapshot compiles a copy)"
        )
    for line in header:
        log(line)
    bench = Bench(
        fastlint=fastlint,
        ruff=ruff,
        target=target,
        precommit_project=precommit_project,
        precommit_file=args.precommit_file,
        rounds=args.repeat,
        warmup=args.warmup,
        work=work,
        has_cache=has_cache,
        has_jobs=has_jobs,
        skip=frozenset(args.skip),
    )
    bench.run_all()
    print("\n".join(header))
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    print()
    print(render_table(bench.rows))
    notes = [row for row in bench.rows if row.note and row.fastlint is not None]
    for row in sorted(notes, key=_order):
        print(f"  {row.scenario.strip()}: {row.note}")
    if "floor" in bench.raw:
        print("  6. floor: timed in-process; its ratio is floor median / ruff cold median")
    for message in bench.errors:
        print(f"error: {message}")
    if args.json:
        payload = {
            "header": header,
            "fastlint": list(fastlint),
            "fastlint_version": fastlint_version,
            "fastlint_source": source,
            "fastlint_imported_from": imported,
            "ruff_version": ruff_version,
            "target": str(target),
            "files": len(files),
            "bytes": size,
            "cores": cpu_count(),
            "python": platform.python_version(),
            "repeat": args.repeat,
            "warmup": args.warmup,
            "rss_from": "/usr/bin/time" if gnu_time() else "wait4",
            "rss_floor_mib": rss_floor,
            "cache_available": has_cache,
            "jobs_available": has_jobs,
            "rows": [asdict(row) for row in bench.rows],
            "scenarios": bench.raw,
            "errors": bench.errors,
        }
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 1 if bench.errors else 0


if __name__ == "__main__":
    sys.exit(main())
