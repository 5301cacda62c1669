"""The long fuzz run: hypothesmith programs, mutants of the fixtures and
``examples/shop``, and the cyclic-value sweep, each checked by the real CLI
(``python -m fastlint check . --output-format FMT``, the format rotating over all
five) in a subprocess with a timeout.

    python scripts/fuzz.py --minutes 30            # or --cases 20000
    python scripts/fuzz.py --cases 300 --seed 7 --failures fuzz-failures

A case fails on: exit status other than 0/1, a traceback or "internal error" on
stderr, FL999 in the report, output that does not parse, no exit within
``--timeout`` seconds. Each failing case is saved under ``--failures`` as a project
folder plus ``problem.txt`` and ``repro.sh``. The generators are in
``tests/fuzzing.py``; the bounded CI run is ``tests/test_fuzz.py``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import fuzzing  # noqa: E402
from fuzzing import Project  # noqa: E402

from fastlint.output import FORMATS  # noqa: E402


def hypothesmith_sources(kind: str, count: int, seed: int) -> list[str]:
    """``count`` programs from hypothesmith's ``from_grammar`` or ``from_node``."""
    import hypothesmith
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    strategy = hypothesmith.from_grammar() if kind == "grammar" else hypothesmith.from_node()
    found: list[str] = []

    @with_seed(seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(source: str) -> None:
        found.append(source)

    collect()
    return found


def cases(seed: int) -> Iterator[tuple[str, Project]]:
    """An endless mix: the cyclic sweep once, then rounds of mutants and
    hypothesmith programs (a new seed per round)."""
    for pattern, slot in fuzzing.cyclic_cases():
        yield f"cyclic {pattern} in {slot}", fuzzing.cyclic_project(pattern, slot)
    rng = random.Random(seed)
    for round_number in itertools.count():
        round_seed = rng.randrange(2**32)
        yield from fuzzing.mutants(round_seed, 150)
        for kind in ("grammar", "node"):
            for index, source in enumerate(hypothesmith_sources(kind, 25, round_seed)):
                header = index % 2 == 0
                label = f"hypothesmith {kind} {round_seed}/{index}{' +header' if header else ''}"
                yield label, fuzzing.hypothesmith_project(source, header)
        if round_number % 10 == 9:  # mutants of the sweep's projects
            sweep = fuzzing.cyclic_cases()
            for index in range(50):
                pattern, slot = rng.choice(sweep)
                base = fuzzing.cyclic_project(pattern, slot)
                label = f"cyclic mutant {round_seed}/{index} {pattern} in {slot}"
                yield label, fuzzing.mutant_project(base, rng)


def run_case(
    work: Path, number: int, label: str, files: Project, fmt: str, timeout: float
) -> tuple[int, str, str, Project, fuzzing.CliOutcome, Path]:
    root = Path(tempfile.mkdtemp(prefix=f"case{number}-", dir=work))
    fuzzing.write_project(root, files)
    outcome = fuzzing.check_project_cli(root, fmt, timeout)
    return number, label, fmt, files, outcome, root


def save_failure(
    directory: Path, number: int, label: str, fmt: str, outcome: fuzzing.CliOutcome, root: Path
) -> Path:
    target = directory / f"case-{number:06d}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(root, target / "project")
    (target / "problem.txt").write_text(
        f"{label}\nformat: {fmt}\nexit: {outcome.returncode}\nproblems:\n"
        + "\n".join(outcome.problems)
        + f"\n\n--- stderr\n{outcome.stderr}\n--- stdout (first 20000 chars)\n"
        + outcome.stdout[:20000],
        encoding="utf-8",
        errors="backslashreplace",
    )
    (target / "repro.sh").write_text(
        '#!/bin/sh\n# from the repository root\ncd "$(dirname "$0")/project" && '
        f"python -m fastlint --show-traceback check . --no-cache --jobs 1 "
        f"--extend-select {','.join(fuzzing.all_rules())} --output-format {fmt} --statistics\n"
    )
    (target / "repro.sh").chmod(0o755)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, help="stop after this many minutes")
    parser.add_argument("--cases", type=int, help="stop after this many cases")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=30.0, help="per case, seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--report-every", type=int, default=200)
    args = parser.parse_args()
    if args.minutes is None and args.cases is None:
        parser.error("give --minutes or --cases (or both: whichever comes first)")
    deadline = time.monotonic() + args.minutes * 60 if args.minutes is not None else None
    start = time.monotonic()
    counts: Counter[str] = Counter()
    exits: Counter[str] = Counter()
    failures: list[Path] = []
    done = 0
    with tempfile.TemporaryDirectory(prefix="fastlint-fuzz-") as scratch:
        work = Path(scratch)
        pending: list[Future[tuple[int, str, str, Project, fuzzing.CliOutcome, Path]]] = []
        generator = enumerate(cases(args.seed))

        def collect(
            future: Future[tuple[int, str, str, Project, fuzzing.CliOutcome, Path]],
        ) -> None:
            nonlocal done
            number, label, fmt, _files, outcome, root = future.result()
            done += 1
            counts[label.split(" ")[0]] += 1
            exits[str(outcome.returncode)] += 1
            if outcome.problems:
                saved = save_failure(args.failures, number, label, fmt, outcome, root)
                failures.append(saved)
                print(
                    f"FAIL #{number} {label} [{fmt}]: {outcome.problems[0]} -> {saved}", flush=True
                )
            shutil.rmtree(root, ignore_errors=True)
            if done % args.report_every == 0:
                elapsed = time.monotonic() - start
                print(
                    f"{done} cases in {elapsed / 60:.1f} min ({done / elapsed:.1f}/s), "
                    f"{len(failures)} failures; {dict(counts)}",
                    flush=True,
                )

        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            for number, (label, files) in generator:
                if args.cases is not None and number >= args.cases:
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    break
                fmt = FORMATS[number % len(FORMATS)]
                pending.append(pool.submit(run_case, work, number, label, files, fmt, args.timeout))
                while len(pending) >= args.workers * 2:
                    collect(pending.pop(0))
            for future in pending:
                collect(future)
    elapsed = time.monotonic() - start
    print(
        f"done: {done} cases in {elapsed / 60:.1f} min, {len(failures)} failures; "
        f"by generator {dict(counts)}; exit statuses {dict(exits)}",
        flush=True,
    )
    for path in failures:
        print(f"  {path}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
