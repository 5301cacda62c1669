"""The file pass before and after a change: identical summaries, and its time.

usage: python scripts/summary_equivalence.py CORPUS [--old-rev REV] [--rounds N]

OLD is this checkout's ``src/`` with ``noqa.py`` and ``collect/`` taken from
``REV`` (default: 3de49f2, the commit before the cheaper ``# noqa`` scan and
visitor) and ``filepass.py`` calling them as it did then; NEW is this checkout as
it is. Each
summarizes every ``.py`` file under CORPUS in its own process
(``fastlint.filepass.summarize``, GC paused) and writes the summaries as plain
nested tuples (class name, field names and values, every ``Other.text`` read),
which this script compares file by file: equal means dataclass equality of
every ``ModuleSummary``. NEW's summaries must also survive a pickle round trip
(the cache and the worker processes pickle them).

Then, unless ``--rounds 0``, the whole file pass (``fastlint.engine.summarize_all``
over the same files, in-process) is timed in fresh processes, OLD and NEW
interleaved (OLD NEW NEW OLD ...), and reported as medians with per-pair ratios.

Exit status: 0 when every summary is equal, 1 otherwise (the first differences
are printed with a command that shows one file's two summaries).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OLD_REV = "3de49f2"
# The modules the change is in, taken from REV for OLD; everything else comes from this
# checkout for both sides, filepass.py too, with the change's two call sites undone.
CHANGED = ("src/fastlint/noqa.py", "src/fastlint/collect")
CALL_SITES = (
    ("SummaryCollector(lines, source)", "SummaryCollector(lines)"),
    ("parse_noqa(source, tree)", "parse_noqa(source)"),
)


def corpus_files(root: Path) -> list[tuple[Path, str]]:
    """Every ``.py`` file under ``root`` (sorted walk) with its posix path in it."""
    found: list[tuple[Path, str]] = []
    for directory, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                path = Path(directory, name)
                found.append((path, path.relative_to(root).as_posix()))
    return found


RECORD = "<record>"  # marks a dataclass in the plain form


def plain(value: Any) -> Any:
    """A summary as nested tuples: equal exactly when the dataclasses are equal."""
    from fastlint.summary import Other

    if isinstance(value, Other):  # a deferred text is read here
        return (RECORD, "Other", (("text", value.text),))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (
            RECORD,
            type(value).__name__,
            tuple((field.name, plain(getattr(value, field.name))) for field in fields),
        )
    if isinstance(value, tuple | list):
        return tuple(plain(item) for item in value)
    if isinstance(value, float) and value != value:
        return ("nan",)
    return value


# ---------------------------------------------------------------- worker side


def _check_import(expected_src: str) -> None:
    import fastlint

    where = Path(fastlint.__file__).resolve()
    if not where.is_relative_to(Path(expected_src).resolve()):
        raise SystemExit(f"fastlint imported from {where}, not from {expected_src}")


def work_summaries(corpus: Path, out: Path, expected_src: str, round_trip: bool) -> None:
    _check_import(expected_src)
    from fastlint.filepass import summarize

    gc.disable()
    records: list[tuple[str, Any]] = []
    broken: list[str] = []
    for path, rel in corpus_files(corpus):
        summary = summarize(path.read_bytes(), rel)
        if round_trip:
            copy = pickle.loads(pickle.dumps(summary, pickle.HIGHEST_PROTOCOL))
            if copy != summary or plain(copy) != plain(summary):
                broken.append(rel)
        records.append((rel, plain(summary)))
    out.write_bytes(pickle.dumps((records, broken), pickle.HIGHEST_PROTOCOL))


def work_timing(corpus: Path, out: Path, expected_src: str) -> None:
    _check_import(expected_src)
    from fastlint.engine import summarize_all

    files = corpus_files(corpus)
    wall, cpu = time.perf_counter(), time.process_time()
    summaries = summarize_all(files)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert len(summaries) == len(files)
    out.write_text(f"{wall} {cpu}\n")


# ---------------------------------------------------------------- driver side


def old_tree(rev: str, into: Path) -> Path:
    """This checkout's ``src`` with the CHANGED paths as they were at ``rev``."""
    src = into / "src"
    shutil.copytree(REPO / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for changed in CHANGED:
        target = into / changed
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
        listing = subprocess.run(
            ["git", "-C", str(REPO), "ls-tree", "-r", "--name-only", rev, "--", changed],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        for name in listing:
            blob = subprocess.run(
                ["git", "-C", str(REPO), "show", f"{rev}:{name}"], check=True, capture_output=True
            ).stdout
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            (into / name).write_bytes(blob)
    filepass = src / "fastlint" / "filepass.py"
    text = filepass.read_text(encoding="utf-8")
    for new_call, old_call in CALL_SITES:
        if new_call in text:
            text = text.replace(new_call, old_call)
    filepass.write_text(text, encoding="utf-8")
    return src


def run_worker(src: Path, *args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    subprocess.run(
        [sys.executable, __file__, "--worker", *args, "--src", str(src)], check=True, env=env
    )


def first_difference(old: Any, new: Any, where: str = "summary") -> str:
    """Where two plain forms first differ: ``summary.assigns[3].value.text: ...``."""
    records = isinstance(old, tuple) and isinstance(new, tuple) and old[:1] == new[:1] == (RECORD,)
    if records and old[1] == new[1]:
        for (name, a), (_, b) in zip(old[2], new[2], strict=True):
            if a != b:
                return first_difference(a, b, f"{where}.{name}")
    elif not records and isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                return first_difference(a, b, f"{where}[{index}]")
    return f"{where}: OLD {old!r:.300} / NEW {new!r:.300}"


def compare(corpus: Path, old_src: Path, work: Path) -> bool:
    old_out, new_out = work / "old.pickle", work / "new.pickle"
    started = time.perf_counter()
    run_worker(old_src, "summaries", str(corpus), str(old_out))
    run_worker(REPO / "src", "summaries", str(corpus), str(new_out), "--round-trip")
    old, _ = pickle.loads(old_out.read_bytes())
    new, broken = pickle.loads(new_out.read_bytes())
    assert [rel for rel, _ in old] == [rel for rel, _ in new]
    different = [(rel, a, b) for (rel, a), (_, b) in zip(old, new, strict=True) if a != b]
    errors = sum(1 for _, summary in new if dict(summary[2]).get("parse_error") is not None)
    others = sum(repr(summary).count(f"{RECORD!r}, 'Other'") for _, summary in new)
    print(
        f"{len(new)} files ({errors} with a parse error), {others} Other texts: "
        f"{len(new) - len(different)} summaries equal, {len(different)} different "
        f"({time.perf_counter() - started:.0f} s)"
    )
    for rel, a, b in different[:5]:
        print(f"  DIFFERENT {rel}: {first_difference(a, b)}")
        print(f"    show it: {Path(sys.argv[0]).name} {corpus} --show {rel}")
    if broken:
        print(f"  {len(broken)} NEW summaries change in a pickle round trip, e.g. {broken[0]}")
    return not different and not broken


def timing(corpus: Path, old_src: Path, work: Path, rounds: int) -> None:
    results: dict[str, list[tuple[float, float]]] = {"OLD": [], "NEW": []}
    sources = {"OLD": old_src, "NEW": REPO / "src"}
    for round_ in range(rounds):
        order = ("OLD", "NEW") if round_ % 2 == 0 else ("NEW", "OLD")
        for label in order:
            out = work / f"time-{label}.txt"
            run_worker(sources[label], "timing", str(corpus), str(out))
            wall, cpu = map(float, out.read_text().split())
            results[label].append((wall, cpu))
            print(f"  round {round_ + 1} {label}: {wall:.2f} s wall, {cpu:.2f} s cpu", flush=True)

    def describe(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

    for label in ("OLD", "NEW"):
        walls = [wall for wall, _ in results[label]]
        cpus = [cpu for _, cpu in results[label]]
        print(f"{label}: wall {describe(walls)} s, cpu {describe(cpus)} s")
    for index, kind in ((0, "wall"), (1, "cpu")):
        ratios = [
            new[index] / old[index] for old, new in zip(results["OLD"], results["NEW"], strict=True)
        ]
        print(f"NEW/OLD {kind}, per pair: {describe(ratios)}")


def show(corpus: Path, rel: str, old_src: Path, work: Path) -> None:
    single = work / "one"
    (single / Path(rel).parent).mkdir(parents=True)
    shutil.copy(corpus / rel, single / rel)
    for label, src in (("OLD", old_src), ("NEW", REPO / "src")):
        out = work / f"{label}.pickle"
        run_worker(src, "summaries", str(single), str(out))
        ((_, summary),), _ = pickle.loads(out.read_bytes())
        print(f"{label}: {summary!r}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--old-rev", default=DEFAULT_OLD_REV)
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (0: none)")
    parser.add_argument("--show", metavar="REL", help="print one file's OLD and NEW summaries")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--src", help=argparse.SUPPRESS)
    parser.add_argument("--round-trip", action="store_true", help=argparse.SUPPRESS)
    if "--worker" in sys.argv:  # worker: --worker MODE CORPUS OUT --src SRC [--round-trip]
        position = sys.argv.index("--worker")
        mode, corpus, out = sys.argv[position + 1 : position + 4]
        src = sys.argv[sys.argv.index("--src") + 1]
        if mode == "summaries":
            work_summaries(Path(corpus), Path(out), src, "--round-trip" in sys.argv)
        else:
            work_timing(Path(corpus), Path(out), src)
        return 0
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    with tempfile.TemporaryDirectory(prefix="fastlint-equivalence-") as temp:
        work = Path(temp)
        old_src = old_tree(args.old_rev, work / "old")
        if args.show:
            show(corpus, args.show, old_src, work)
            return 0
        print(f"OLD: file-pass modules from {args.old_rev}; NEW: {REPO}")
        equal = compare(corpus, old_src, work)
        if args.rounds:
            print(f"file pass (engine.summarize_all), {args.rounds} interleaved rounds:")
            timing(corpus, old_src, work, args.rounds)
        return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
