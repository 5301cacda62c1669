"""In-process split of fastlint's passes, per corpus package, with ruff for scale.

    python benchmarks/bench.py [CORPUS_DIR]      # default: ./corpus

Prints, per package: files, file pass (read + parse + summarize, in this process,
no cache, one process), project pass (model build), rules, total, and one
``ruff check --select FAST`` run for scale. It calls the engine's functions
directly, so it shows *where* the time goes, not what a user waits for: for
that (the real CLI against ruff, paired and interleaved, cold, warm, pre-commit,
``--jobs``, memory, start-up) run ``benchmarks/compare.py``.
Fetch the corpus with ``bash ../shared/bench/get-corpus.sh CORPUS_DIR``, or let
``benchmarks/compare.py CORPUS_DIR`` fetch it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from fastlint.config import Settings
from fastlint.discovery import discover_files, relative_posix
from fastlint.engine import project_options, run_rules, summarize_all
from fastlint.project import Project
from fastlint.rules.registry import RULE_INFOS

ROW = "{:24} {:>6} {:>10} {:>9} {:>8} {:>8} {:>9} {:>7}"


def _seconds(*values: float) -> list[str]:
    return [f"{value:.2f}s" for value in values]


def bench_package(root: Path) -> tuple[int, float, float, float]:
    settings = Settings()
    start = time.perf_counter()
    files = discover_files([root], root, settings).files
    summaries = summarize_all((path, relative_posix(path, root)) for path in files)
    file_pass = time.perf_counter() - start
    start = time.perf_counter()
    project = Project(summaries, project_options(settings, root))
    project_pass = time.perf_counter() - start
    start = time.perf_counter()
    run_rules(project, frozenset(RULE_INFOS))
    rules = time.perf_counter() - start
    return len(files), file_pass, project_pass, rules


def ruff_seconds(root: Path) -> float | None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        return None
    start = time.perf_counter()
    subprocess.run(
        [
            ruff,
            "check",
            "--isolated",
            "--no-cache",
            "--select",
            "FAST",
            "--exit-zero",
            "-q",
            str(root),
        ],
        check=False,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    packages = sorted(p for p in corpus.iterdir() if (p / ".corpus-pin").exists())
    if not packages:
        sys.exit(f"no corpus packages in {corpus} (run get-corpus.sh first)")
    print(ROW.format("package", "files", "file pass", "project", "rules", "total", "ruff", "ratio"))
    totals = [0, 0.0, 0.0, 0.0, 0.0]
    for package in packages:
        files, file_pass, project_pass, rules = bench_package(package)
        total = file_pass + project_pass + rules
        ruff = ruff_seconds(package)
        ratio = f"{total / ruff:.1f}x" if ruff else "-"
        ruff_text = f"{ruff:.2f}s" if ruff else "-"
        seconds = _seconds(file_pass, project_pass, rules, total)
        print(ROW.format(package.name, files, *seconds, ruff_text, ratio))
        for index, value in enumerate((files, file_pass, project_pass, rules, ruff or 0.0)):
            totals[index] += value
    total = totals[1] + totals[2] + totals[3]
    ratio = f"{total / totals[4]:.1f}x" if totals[4] else "-"
    seconds = _seconds(totals[1], totals[2], totals[3], total, totals[4])
    print(ROW.format("total", int(totals[0]), *seconds, ratio))


if __name__ == "__main__":
    main()
