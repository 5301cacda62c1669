"""Bounded fuzzing (SPEC §6): generated, mutated and self-referencing inputs go
through the whole check on a multi-file project, in-process (engine + every
renderer). Never an exception, never FL999, never a hang (a per-case alarm), and
the output parses in every format.

Deterministic: hypothesmith runs with a fixed seed and no example database, the
mutants come from a seeded ``random.Random``. The long run is ``scripts/fuzz.py``;
the generators live in ``tests/fuzzing.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import hypothesmith
import pytest
from fuzzing import (
    CYCLIC_PATTERNS,
    CYCLIC_SLOTS,
    assert_clean,
    check_project,
    cyclic_project,
    hypothesmith_project,
    mutants,
    output_problems,
)
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

CASE_TIMEOUT = 20.0  # seconds per case; a case takes a few milliseconds
MUTANT_SEED = 20240601
MUTANT_CASES = 200
MUTANT_BATCHES = 4

FUZZ_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _check(files: dict[str, bytes], tmp_path: Path, label: str = "") -> None:
    root = tmp_path / "project"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    assert_clean(check_project(files, root, CASE_TIMEOUT), files, label)


@seed(1)
@FUZZ_SETTINGS
@given(source=hypothesmith.from_grammar(), header=st.booleans())
def test_from_grammar_programs(source: str, header: bool, tmp_path: Path) -> None:
    _check(hypothesmith_project(source, header), tmp_path)


@seed(2)
@FUZZ_SETTINGS
@given(source=hypothesmith.from_node(), header=st.booleans())
def test_from_node_programs(source: str, header: bool, tmp_path: Path) -> None:
    _check(hypothesmith_project(source, header), tmp_path)


@pytest.mark.parametrize("batch", range(MUTANT_BATCHES))
def test_mutants_of_fixtures_and_shop(batch: int, tmp_path: Path) -> None:
    """Line deletions, duplications, truncation mid-token, injected decorators and
    includes, deep Annotated/Depends, ... over tests/fixtures and examples/shop."""
    for label, files in mutants(MUTANT_SEED + batch, MUTANT_CASES // MUTANT_BATCHES):
        _check(files, tmp_path, label)


@pytest.mark.parametrize("slot", sorted(CYCLIC_SLOTS))
@pytest.mark.parametrize("pattern", sorted(CYCLIC_PATTERNS))
def test_cyclic_value_sweep(pattern: str, slot: str, tmp_path: Path) -> None:
    """The audit's F6 sweep: a self-referencing value in every route argument slot."""
    _check(cyclic_project(pattern, slot), tmp_path, f"{pattern} in {slot}")


def test_the_harness_catches_bad_output() -> None:
    """The output checks are not vacuous."""
    assert output_problems("json", "[1]", 2)
    assert output_problems("json", "[", 0)
    assert output_problems("sarif", '{"runs": [{"results": []}]}', 1)
    assert output_problems("text", "a.py:1:1: FL101 x\nTraceback (most recent call last):", 1)
    assert output_problems("github", "a.py:1:1: FL101 x", 1)
    assert output_problems("text", "a.py:1:1: FL101 \ud800", 1)
    assert not output_problems("text", "a.py:1:1: FL101 x\nFound 1 finding in 1 file.", 1)
    assert not output_problems("github", "", 0)
