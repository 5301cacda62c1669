"""Apply every fastlint fix to a copy of a corpus and check what the fixes did.

    python scripts/fix_corpus.py CORPUS_DIR [--json REPORT] [--keep DIR] [--single]
        [--project NAME ...] [--no-ruff] [--timeout SECONDS]

CORPUS_DIR is a folder of projects (``/work/corpus``: one sub-folder per PyPI sdist) or,
when it has a project marker (``pyproject.toml``, ``setup.py``, ``setup.cfg``, ``.git``,
``.corpus-pin``) or ``.py`` files at its top, or with ``--single``, one project. Each project
is copied to a temporary folder (the corpus is never written) and the real command line,
``python -m fastlint check``, runs four times on the copy:

1. ``--output-format json`` — the findings before;
2. ``--fix --unsafe-fixes --show-fixes`` — every fix applied;
3. ``--output-format json`` — the findings after;
4. ``--fix --unsafe-fixes`` again — must not change a byte.

Violations (any one makes the exit status 1):

- ``fastlint-error``: a run exits non-zero or prints no JSON;
- ``unparseable``: a changed file that ``libcst.parse_module`` rejects, or ``ast.parse``
  when the original parsed with ``ast``;
- ``does-not-compile``: a changed file ``compile()`` rejects while its original compiled
  (``f(le=1, le=100)`` parses but is a SyntaxError at compile time);
- ``not-utf8``, ``line-endings`` (a CRLF file that gained bare LF line ends), ``mode-changed``,
  ``files-added`` / ``files-removed`` (a stray temporary file, a file lost),
  ``non-python-changed``;
- ``not-idempotent``: the second fix run changed a file;
- ``new-finding``: a finding after that was not there before. Findings are compared as a
  multiset of (path, code, message) with every digit sequence replaced by ``#``, since a
  fix shifts lines and messages quote them ("returns a value on line 2686");
- ``new-pyflakes``: ruff's pyflakes rules (``F``, ``ruff --isolated``) report something
  in a changed file that was not there before: an undefined ``status`` or ``ConfigDict``,
  a repeated dict key. Skipped with ``--no-ruff`` or when ruff is not installed;
- ``fix-warning``: the fix run printed a warning ("the fixed text does not parse; not
  written") or a check run a warning the first run did not.

Reported without failing (``style``): a fixed file with more lines ending in whitespace
than before (an argument added after a lone one on its own line, say).

Counted per project and rule: findings before, those with a fix, fixed (before - after),
remaining, and remaining that still carry a fix (offered but not applied); per project the
files changed, lines added and removed, and the seconds of each step. The fastlint that
ran is named (version, package folder, a hash of its sources, git commit and modified
files), and a warning says so when its sources changed during the run. ``--json``
writes every number, each violation with a unified diff of the file involved.
Exit 0: no violation; 1: violations; 2: the script could not run.

The sample in ``tests/data/fix_corpus/`` runs in CI (``tests/test_fix_corpus.py``); the
whole corpus by hand: ``python scripts/fix_corpus.py /work/corpus --json fix-corpus.json``.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import libcst

FASTLINT = (sys.executable, "-m", "fastlint", "check")
PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git", ".corpus-pin")
# What fastlint's own config and root discovery look for above a checked folder: a
# copy must not sit below one of these, or the copy would be linted as part of it.
DISCOVERY_MARKERS = (
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    ".git",
    "fastlint.toml",
    ".fastlint.toml",
)
# Written by tools, not by the fixes: left out of the byte comparison.
IGNORED_DIRS = frozenset({".fastlint_cache", "__pycache__", ".ruff_cache"})
DIGITS = re.compile(r"\d+")
CACHE_VARIABLE = "FASTLINT_CACHE_DIR"
WARNING = "fastlint: warning: "
FIXED_SUMMARY = re.compile(r"^Fixed (\d+) findings?\.$", re.MULTILINE)
FIXED_IN_SUMMARY = re.compile(r"\((\d+) fixed, \d+ remaining\)\.$", re.MULTILINE)
FIXED_PER_CODE = re.compile(r"^\s+(\d+) x (FL\d+)\b", re.MULTILINE)
DEFAULT_TIMEOUT = 900.0
DIFF_LINES = 400  # per violation in the JSON report
SHOWN_DIFF_LINES = 40  # per violation on the terminal

FindingKey = tuple[str, str, str]
Snapshot = dict[str, tuple[bytes, int]]


class ScriptError(Exception):
    """The script cannot run (bad arguments, no projects): exit 2."""


@dataclass
class Violation:
    kind: str
    path: str
    detail: str
    diff: str = ""


@dataclass
class CodeCounts:
    before: int = 0
    fixable_before: int = 0
    after: int = 0
    fixed: int = 0
    fix_left: int = 0  # findings after that still carry a fix: offered, not applied
    reported_fixed: int = 0  # what the fix run's --show-fixes says it fixed


@dataclass
class ProjectReport:
    name: str
    source: str
    files: int = 0
    python_files: int = 0
    files_changed: int = 0
    lines_added: int = 0
    lines_removed: int = 0
    findings_before: int = 0
    findings_after: int = 0
    reported_fixed: int = 0  # what the fix run says it fixed
    codes: dict[str, CodeCounts] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    style: list[Violation] = field(default_factory=list)  # reported, not failing
    notes: list[str] = field(default_factory=list)
    changed_files: list[str] = field(default_factory=list)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def warning_lines(self) -> list[str]:
        return [
            line[len(WARNING) :] for line in self.stderr.splitlines() if line.startswith(WARNING)
        ]

    def fixed_count(self) -> int:
        """How many findings the run says it fixed (text output, ``--show-fixes``)."""
        match = FIXED_SUMMARY.search(self.stdout) or FIXED_IN_SUMMARY.search(self.stdout)
        return int(match.group(1)) if match else 0


# --------------------------------------------------------------------------- discovery


def _has_python(directory: Path) -> bool:
    return any(path.is_file() for path in directory.rglob("*.py"))


def is_single_project(directory: Path) -> bool:
    """A project itself (marker or ``.py`` at the top, or no sub-folder with Python)."""
    if any((directory / marker).exists() for marker in PROJECT_MARKERS):
        return True
    if any(path.suffix == ".py" and path.is_file() for path in directory.iterdir()):
        return True
    return not any(child.is_dir() and _has_python(child) for child in directory.iterdir())


def find_projects(corpus: Path, single: bool) -> list[Path]:
    if single or is_single_project(corpus):
        return [corpus]
    return sorted(
        child
        for child in corpus.iterdir()
        if child.is_dir() and not child.name.startswith(".") and _has_python(child)
    )


def _enclosing_marker(directory: Path) -> Path | None:
    """A marker in ``directory`` or above it that fastlint's discovery would pick up."""
    for candidate in (directory, *directory.parents):
        for marker in DISCOVERY_MARKERS:
            if (candidate / marker).exists():
                return candidate / marker
    return None


# --------------------------------------------------------------------------- files


def snapshot(root: Path) -> Snapshot:
    """Every file under ``root`` (tool caches left out): its bytes and permission bits."""
    files: Snapshot = {}
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(name for name in dirnames if name not in IGNORED_DIRS)
        for name in filenames:
            path = Path(directory, name)
            if path.is_symlink():
                continue
            rel = path.relative_to(root).as_posix()
            files[rel] = (path.read_bytes(), path.stat().st_mode & 0o7777)
    return files


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _ast_error(text: str) -> str | None:
    """None when ``ast.parse`` accepts the text, else the error."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning on old escape sequences
            ast.parse(text)
    except (SyntaxError, ValueError) as error:
        return f"{type(error).__name__}: {error}"
    return None


def _compiles(text: str, path: str) -> str | None:
    """None when ``compile`` accepts the text, else the error."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        return f"{type(error).__name__}: {error}"
    return None


def _libcst_error(text: str) -> str | None:
    try:
        libcst.parse_module(text)
    except (libcst.ParserSyntaxError, SyntaxError, ValueError) as error:
        return f"{type(error).__name__}: {error}".splitlines()[0]
    return None


def _trailing_whitespace(data: bytes) -> int:
    return sum(1 for line in data.splitlines() if line != line.rstrip())


def _bare_lf(data: bytes) -> int:
    return data.count(b"\n") - data.count(b"\r\n")


def unified(path: str, old: bytes, new: bytes, limit: int = DIFF_LINES) -> str:
    lines = list(
        difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(keepends=True),
            new.decode("utf-8", "replace").splitlines(keepends=True),
            f"a/{path}",
            f"b/{path}",
        )
    )
    if len(lines) > limit:
        lines = [*lines[:limit], f"... ({len(lines) - limit} more diff lines)\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def check_changed_file(path: str, old: bytes, new: bytes) -> list[Violation]:
    """What a fixed file must satisfy: UTF-8, libcst and ast, compile, its line ends."""
    found: list[Violation] = []
    text, original = _decode(new), _decode(old)
    if text is None:
        return [Violation("not-utf8", path, "the fixed file is not UTF-8", unified(path, old, new))]
    problems: list[str] = []
    error = _libcst_error(text)
    if error is not None:
        problems.append(f"libcst: {error}")
    if original is not None and _ast_error(original) is None:
        error = _ast_error(text)
        if error is not None:
            problems.append(f"ast: {error}")
    if problems:
        found.append(Violation("unparseable", path, "; ".join(problems), unified(path, old, new)))
    elif original is not None and _compiles(original, path) is None:
        compile_error = _compiles(text, path)
        if compile_error is not None:
            found.append(
                Violation("does-not-compile", path, compile_error, unified(path, old, new))
            )
    if b"\r\n" in old and _bare_lf(old) == 0 and _bare_lf(new) > 0:
        found.append(
            Violation(
                "line-endings",
                path,
                f"a CRLF file gained {_bare_lf(new)} bare LF line ends",
                unified(path, old, new),
            )
        )
    return found


# --------------------------------------------------------------------------- findings


def finding_key(finding: Mapping[str, Any]) -> FindingKey:
    return (str(finding["path"]), str(finding["code"]), DIGITS.sub("#", str(finding["message"])))


def _relative(path: str, cwd: Path, root: Path) -> str:
    absolute = Path(path) if Path(path).is_absolute() else cwd / path
    try:
        return Path(os.path.normpath(absolute)).relative_to(root).as_posix()
    except ValueError:
        return path


def parse_findings(run: Run, root: Path) -> list[dict[str, Any]]:
    data = json.loads(run.stdout)
    if not isinstance(data, list):
        raise ValueError("the JSON report is not a list")
    findings: list[dict[str, Any]] = []
    for item in data:
        if not isinstance(item, dict):
            raise ValueError("a JSON finding is not an object")
        findings.append({**item, "path": _relative(str(item["path"]), root, root)})
    return findings


def _describe(finding: Mapping[str, Any]) -> str:
    where = f"{finding['path']}:{finding['line']}:{finding['column']}"
    return f"{where}: {finding['code']} {finding['message']}"


# --------------------------------------------------------------------------- runs


def run_fastlint(
    args: Sequence[str], cwd: Path, timeout: float, cache_dir: Path | None = None
) -> Run:
    """One ``fastlint check``; ``cache_dir`` (``FASTLINT_CACHE_DIR``) keeps whatever a
    run might cache away from the user's cache, though every run passes ``--no-cache``."""
    env = dict(os.environ)
    if cache_dir is not None:
        env[CACHE_VARIABLE] = str(cache_dir)
    start = time.perf_counter()
    try:
        completed = subprocess.run(
            [*FASTLINT, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Run(-1, "", f"timed out after {timeout:.0f} s", time.perf_counter() - start)
    return Run(
        completed.returncode, completed.stdout, completed.stderr, time.perf_counter() - start
    )


def _ruff_command() -> list[str] | None:
    beside = Path(sys.executable).with_name("ruff")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("ruff")
    return [found] if found else None


def run_pyflakes(command: Sequence[str], root: Path, timeout: float) -> Counter[FindingKey] | str:
    """ruff's pyflakes findings over ``root`` keyed like fastlint's, or the error."""
    args = [
        *command,
        "check",
        "--isolated",
        "--no-cache",
        "--select",
        "F",
        "--output-format",
        "json",
        "--exit-zero",
        ".",
    ]
    try:
        completed = subprocess.run(
            args, cwd=root, capture_output=True, text=True, timeout=timeout, check=False
        )
        data = json.loads(completed.stdout or "null")
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        return f"ruff failed: {error}"
    if completed.returncode != 0 or not isinstance(data, list):
        return f"ruff failed (exit {completed.returncode}): {completed.stderr.strip()[:300]}"
    keys: Counter[FindingKey] = Counter()
    for item in data:
        path = _relative(str(item["filename"]), root, root)
        keys[(path, str(item["code"]), DIGITS.sub("#", str(item["message"])))] += 1
    return keys


def _fail_run(report: ProjectReport, step: str, run: Run) -> None:
    tail = "\n".join(run.stderr.strip().splitlines()[-20:])
    report.violations.append(
        Violation("fastlint-error", "", f"{step}: exit {run.returncode}\n{tail}".rstrip())
    )


def check_project(
    source: Path,
    workdir: Path,
    *,
    timeout: float,
    ruff: Sequence[str] | None,
    name: str | None = None,
) -> ProjectReport:
    """Copy ``source`` into ``workdir``, fix the copy, and report what the fixes did."""
    report = ProjectReport(name=name or source.name, source=str(source))
    copy = workdir / report.name
    cache = workdir / f".fastlint-cache-{report.name}"
    for stale in (copy, cache):
        if stale.exists():
            shutil.rmtree(stale)
    start = time.perf_counter()
    shutil.copytree(source, copy, symlinks=True)
    report.seconds["copy"] = time.perf_counter() - start

    original = snapshot(copy)
    report.files = len(original)
    report.python_files = sum(1 for path in original if path.endswith(".py"))
    target = str(copy)
    json_args = [target, "--output-format", "json", "--exit-zero", "--no-cache"]
    fix_args = [target, "--fix", "--unsafe-fixes", "--exit-zero", "--no-cache"]

    flakes_before: Counter[FindingKey] | str | None = None
    if ruff is not None:
        start = time.perf_counter()
        flakes_before = run_pyflakes(ruff, copy, timeout)
        report.seconds["ruff"] = time.perf_counter() - start
        if isinstance(flakes_before, str):
            report.notes.append(flakes_before)

    before_run = run_fastlint(json_args, copy, timeout, cache)
    report.seconds["before"] = before_run.seconds
    if before_run.returncode != 0:
        _fail_run(report, "before (json)", before_run)
        return report
    try:
        before = parse_findings(before_run, copy)
    except (ValueError, KeyError) as error:
        report.violations.append(Violation("fastlint-error", "", f"before: bad JSON: {error}"))
        return report
    known_warnings = set(before_run.warning_lines())

    fix_run = run_fastlint([*fix_args, "--show-fixes"], copy, timeout, cache)
    report.seconds["fix"] = fix_run.seconds
    if fix_run.returncode != 0:
        _fail_run(report, "fix", fix_run)
    report.reported_fixed = fix_run.fixed_count()
    reported_per_code: Counter[str] = Counter()
    for count, code in FIXED_PER_CODE.findall(fix_run.stdout):
        reported_per_code[code] += int(count)
    for warning in fix_run.warning_lines():
        if warning not in known_warnings:
            report.violations.append(Violation("fix-warning", warning.split(":")[0], warning))

    fixed_files = snapshot(copy)
    _compare_trees(report, original, fixed_files)

    after_run = run_fastlint(json_args, copy, timeout, cache)
    report.seconds["after"] = after_run.seconds
    after: list[dict[str, Any]] = []
    if after_run.returncode != 0:
        _fail_run(report, "after (json)", after_run)
    else:
        try:
            after = parse_findings(after_run, copy)
        except (ValueError, KeyError) as error:
            report.violations.append(Violation("fastlint-error", "", f"after: bad JSON: {error}"))
        for warning in after_run.warning_lines():
            if warning not in known_warnings:
                report.violations.append(
                    Violation("fix-warning", warning.split(":")[0], f"after the fixes: {warning}")
                )

    again = run_fastlint(fix_args, copy, timeout, cache)
    report.seconds["fix again"] = again.seconds
    if again.returncode != 0:
        _fail_run(report, "fix again", again)
    _check_idempotent(report, fixed_files, snapshot(copy))
    if again.fixed_count():
        report.notes.append(
            f"the second fix run says it fixed {again.fixed_count()} finding(s) "
            "(no byte changed: see not-idempotent otherwise)"
        )

    _count(report, before, after, reported_per_code)
    _check_subset(report, before, after, original, fixed_files)

    if ruff is not None and isinstance(flakes_before, Counter):
        start = time.perf_counter()
        flakes_after = run_pyflakes(ruff, copy, timeout)
        report.seconds["ruff"] += time.perf_counter() - start
        if isinstance(flakes_after, str):
            report.notes.append(flakes_after)
        else:
            changed = set(report.changed_files)
            for key, count in sorted((flakes_after - flakes_before).items()):
                if key[0] in changed:
                    old, new = original[key[0]][0], fixed_files[key[0]][0]
                    report.violations.append(
                        Violation(
                            "new-pyflakes",
                            key[0],
                            f"{key[1]} {key[2]}" + (f" (x{count})" if count > 1 else ""),
                            unified(key[0], old, new),
                        )
                    )
    if cache.exists():
        report.notes.append(f"fastlint wrote a cache ({cache}) although every run had --no-cache")
        shutil.rmtree(cache, ignore_errors=True)
    return report


def _compare_trees(report: ProjectReport, original: Snapshot, fixed: Snapshot) -> None:
    added = sorted(set(fixed) - set(original))
    removed = sorted(set(original) - set(fixed))
    if added:
        report.violations.append(Violation("files-added", added[0], ", ".join(added[:20])))
    if removed:
        report.violations.append(Violation("files-removed", removed[0], ", ".join(removed[:20])))
    for path in sorted(set(original) & set(fixed)):
        (old, old_mode), (new, new_mode) = original[path], fixed[path]
        if old_mode != new_mode:
            report.violations.append(
                Violation("mode-changed", path, f"{old_mode:o} -> {new_mode:o}")
            )
        if old == new:
            continue
        report.files_changed += 1
        report.changed_files.append(path)
        for line in unified(path, old, new, limit=10**9).splitlines()[2:]:
            if line.startswith("+"):
                report.lines_added += 1
            elif line.startswith("-"):
                report.lines_removed += 1
        if not path.endswith(".py"):
            report.violations.append(Violation("non-python-changed", path, "not a .py file"))
        report.violations.extend(check_changed_file(path, old, new))
        gained = _trailing_whitespace(new) - _trailing_whitespace(old)
        if gained > 0:
            report.style.append(
                Violation(
                    "trailing-whitespace",
                    path,
                    f"{gained} more line(s) end in whitespace",
                    unified(path, old, new),
                )
            )


def _check_idempotent(report: ProjectReport, fixed: Snapshot, again: Snapshot) -> None:
    for path in sorted(set(fixed) | set(again)):
        old, new = fixed.get(path, (b"", 0))[0], again.get(path, (b"", 0))[0]
        if path not in fixed or path not in again or old != new:
            report.violations.append(
                Violation(
                    "not-idempotent",
                    path,
                    "the second fix run changed the file",
                    unified(path, old, new),
                )
            )


def _count(
    report: ProjectReport,
    before: Sequence[Mapping[str, Any]],
    after: Sequence[Mapping[str, Any]],
    reported_per_code: Mapping[str, int],
) -> None:
    report.findings_before, report.findings_after = len(before), len(after)
    codes = report.codes
    for finding in before:
        counts = codes.setdefault(str(finding["code"]), CodeCounts())
        counts.before += 1
        counts.fixable_before += finding.get("fix") is not None
    for finding in after:
        counts = codes.setdefault(str(finding["code"]), CodeCounts())
        counts.after += 1
        counts.fix_left += finding.get("fix") is not None
    for code, count in reported_per_code.items():
        codes.setdefault(code, CodeCounts()).reported_fixed = count
    for counts in codes.values():
        counts.fixed = counts.before - counts.after
    report.codes = dict(sorted(codes.items()))
    fix_left = sum(counts.fix_left for counts in codes.values())
    if fix_left:
        report.notes.append(
            f"{fix_left} finding(s) after the fixes still carry a fix: offered, not applied"
        )
    if report.reported_fixed != report.findings_before - report.findings_after:
        report.notes.append(
            f"the fix run says it fixed {report.reported_fixed}; before - after is "
            f"{report.findings_before - report.findings_after}"
        )


def _check_subset(
    report: ProjectReport,
    before: Sequence[Mapping[str, Any]],
    after: Sequence[Mapping[str, Any]],
    original: Snapshot,
    fixed: Snapshot,
) -> None:
    """Every finding after must have been there before (as a multiset of keys)."""
    remaining = Counter(finding_key(finding) for finding in before)
    for finding in after:
        key = finding_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            continue
        path = key[0]
        diff = ""
        if path in original and path in fixed and original[path][0] != fixed[path][0]:
            diff = unified(path, original[path][0], fixed[path][0])
        report.violations.append(
            Violation(
                "new-finding", path, f"a fix introduced a finding: {_describe(finding)}", diff
            )
        )


# --------------------------------------------------------------------------- report


def totals(reports: Sequence[ProjectReport]) -> ProjectReport:
    total = ProjectReport(name="TOTAL", source="")
    for report in reports:
        total.files += report.files
        total.python_files += report.python_files
        total.files_changed += report.files_changed
        total.lines_added += report.lines_added
        total.lines_removed += report.lines_removed
        total.findings_before += report.findings_before
        total.findings_after += report.findings_after
        total.reported_fixed += report.reported_fixed
        total.violations.extend(report.violations)
        total.style.extend(report.style)
        for step, seconds in report.seconds.items():
            total.seconds[step] = total.seconds.get(step, 0.0) + seconds
        for code, counts in report.codes.items():
            into = total.codes.setdefault(code, CodeCounts())
            for name in vars(counts):
                setattr(into, name, getattr(into, name) + getattr(counts, name))
    total.codes = dict(sorted(total.codes.items()))
    return total


def _table(rows: Sequence[Sequence[object]]) -> str:
    texts = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[index]) for row in texts) for index in range(len(texts[0]))]
    lines = []
    for number, row in enumerate(texts):
        cells = [
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


STEPS = ("copy", "ruff", "before", "fix", "after", "fix again")


def render(reports: Sequence[ProjectReport], total: ProjectReport) -> str:
    everything = [*reports, total]
    head: list[object] = [
        "project",
        "files",
        ".py",
        "changed",
        "+lines",
        "-lines",
        "before",
        "after",
        "fixed",
        "fix left",
        "violations",
        *(f"{step} s" for step in STEPS),
    ]
    rows: list[list[object]] = [head]
    for report in everything:
        rows.append(
            [
                report.name,
                report.files,
                report.python_files,
                report.files_changed,
                report.lines_added,
                report.lines_removed,
                report.findings_before,
                report.findings_after,
                report.findings_before - report.findings_after,
                sum(counts.fix_left for counts in report.codes.values()),
                len(report.violations),
                *(
                    f"{report.seconds[step]:.1f}" if step in report.seconds else "-"
                    for step in STEPS
                ),
            ]
        )
    parts = [_table(rows), ""]

    code_rows: list[list[object]] = [
        ["project", "code", "before", "with fix", "fixed", "remaining", "fix left", "fix run says"]
    ]
    for report in everything:
        for code, counts in report.codes.items():
            code_rows.append(
                [
                    report.name,
                    code,
                    counts.before,
                    counts.fixable_before,
                    counts.fixed,
                    counts.after,
                    counts.fix_left,
                    counts.reported_fixed,
                ]
            )
    if len(code_rows) > 1:
        parts += [_table(code_rows), ""]

    kinds = Counter(violation.kind for violation in total.violations)
    parts.append(
        "violations: "
        + (", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "none")
    )
    if total.style:
        style = Counter(entry.kind for entry in total.style)
        parts.append(
            "style (reported, not violations): "
            + ", ".join(f"{kind} {count}" for kind, count in sorted(style.items()))
        )
    for report in reports:
        for note in report.notes:
            parts.append(f"note: {report.name}: {note}")
        for entry in [*report.violations, *report.style]:
            parts.append(f"\n[{entry.kind}] {report.name}/{entry.path}: {entry.detail}")
            if entry.diff:
                lines = entry.diff.splitlines()
                shown = lines[:SHOWN_DIFF_LINES]
                if len(lines) > len(shown):
                    shown.append(f"... ({len(lines) - len(shown)} more lines in the JSON report)")
                parts.append("\n".join(f"    {line}" for line in shown))
    return "\n".join(parts)


def _jsonable(report: ProjectReport) -> dict[str, Any]:
    data = asdict(report)
    data["fixed"] = report.findings_before - report.findings_after
    data["fix_left"] = sum(counts.fix_left for counts in report.codes.values())
    data["violation_counts"] = dict(Counter(violation.kind for violation in report.violations))
    if report.name == "TOTAL":
        del data["violations"], data["style"], data["changed_files"]  # listed per project
    return data


def _output(args: Sequence[str], cwd: Path | None = None) -> str:
    try:
        completed = subprocess.run(
            args, capture_output=True, text=True, check=False, cwd=cwd, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""


def fastlint_source() -> dict[str, str]:
    """Which fastlint the runs use: its version, folder, a hash of its ``.py`` files
    and, in a git checkout, the commit and how many of its files are modified."""
    version = _output([*FASTLINT[:3], "--version"])
    folder = _output(
        [sys.executable, "-c", "import fastlint, os; print(os.path.dirname(fastlint.__file__))"]
    )
    info = {"version": version, "package": folder, "sha256": "", "commit": "", "modified": ""}
    if not folder:
        return info
    package = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    info["sha256"] = digest.hexdigest()
    info["commit"] = _output(["git", "rev-parse", "HEAD"], cwd=package)
    if info["commit"]:
        status = _output(["git", "status", "--porcelain", "--", "."], cwd=package)
        info["modified"] = str(len(status.splitlines()))
    return info


def _describe_source(info: Mapping[str, str]) -> str:
    text = f"{info['version']} ({info['package']}, sources {info['sha256'][:12]}"
    if info["commit"]:
        text += f", commit {info['commit'][:10]}, {info['modified']} modified file(s)"
    return text + ")"


# --------------------------------------------------------------------------- main


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Apply every fastlint fix to a copy of a corpus and check the result."
    )
    parser.add_argument("corpus", type=Path, help="a folder of projects, or one project")
    parser.add_argument("--json", type=Path, help="write the numbers and violations here")
    parser.add_argument(
        "--keep", type=Path, help="make the copies here and keep them (default: a temp folder)"
    )
    parser.add_argument("--single", action="store_true", help="CORPUS is one project")
    parser.add_argument(
        "--project", action="append", default=[], help="only this project (repeatable)"
    )
    parser.add_argument("--no-ruff", action="store_true", help="skip the pyflakes comparison")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="per fastlint run, in seconds"
    )
    return parser.parse_args(argv)


def run(
    corpus: Path,
    workdir: Path,
    *,
    single: bool = False,
    only: Iterable[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
    use_ruff: bool = True,
    log: bool = True,
) -> list[ProjectReport]:
    projects = find_projects(corpus, single)
    wanted = set(only)
    if wanted:
        unknown = wanted - {project.name for project in projects}
        if unknown:
            raise ScriptError(f"no such project: {', '.join(sorted(unknown))}")
        projects = [project for project in projects if project.name in wanted]
    if not projects:
        raise ScriptError(f"{corpus}: no project with .py files")
    marker = _enclosing_marker(workdir)
    if marker is not None:
        raise ScriptError(
            f"{workdir} is inside a project ({marker}): fastlint would lint the copies as part "
            "of it; choose a folder outside any project"
        )
    ruff = _ruff_command() if use_ruff else None
    if use_ruff and ruff is None and log:
        print("ruff not found: the pyflakes comparison is skipped", file=sys.stderr)
    reports = []
    for project in projects:
        if log:
            print(f"{project.name} ...", file=sys.stderr, flush=True)
        report = check_project(project, workdir, timeout=timeout, ruff=ruff)
        if log:
            print(
                f"{project.name}: {report.findings_before} -> {report.findings_after} findings, "
                f"{report.files_changed} files changed, {len(report.violations)} violations",
                file=sys.stderr,
                flush=True,
            )
        reports.append(report)
    return reports


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    corpus: Path = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"fix_corpus: {args.corpus}: not a folder", file=sys.stderr)
        return 2
    keep: Path | None = args.keep
    temporary = None
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        workdir = keep.resolve()
    else:
        temporary = tempfile.TemporaryDirectory(prefix="fastlint-fix-corpus-")
        workdir = Path(temporary.name).resolve()
    if corpus == workdir or corpus in workdir.parents or workdir in corpus.parents:
        print("fix_corpus: --keep must not overlap the corpus", file=sys.stderr)
        return 2
    source = fastlint_source()
    try:
        reports = run(
            corpus,
            workdir,
            single=args.single,
            only=args.project,
            timeout=args.timeout,
            use_ruff=not args.no_ruff,
        )
    except ScriptError as error:
        print(f"fix_corpus: {error}", file=sys.stderr)
        return 2
    finally:
        if temporary is not None:
            temporary.cleanup()
    total = totals(reports)
    source_after = fastlint_source()
    print(render(reports, total))
    print(f"fastlint: {_describe_source(source)}")
    if source_after != source:
        print(
            "warning: fastlint's sources changed during the run "
            f"(now {_describe_source(source_after)}): projects were checked by different code",
        )
    if args.json is not None:
        document = {
            "corpus": str(corpus),
            "fastlint": source,
            "fastlint_after": source_after,
            "source_changed": source_after != source,
            "python": sys.version.split()[0],
            "libcst": _libcst_version(),
            "projects": [_jsonable(report) for report in reports],
            "total": _jsonable(total),
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 1 if total.violations else 0


def _libcst_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("libcst")
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
