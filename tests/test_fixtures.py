"""Run every fixture: findings must equal the ``# error: FLxxx`` markers exactly.

``tests/fixtures/<name>.py`` is a one-file project; ``tests/fixtures/<name>/``
is a multi-file project (with an optional ``fastlint.toml``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lintutil import expected_markers, found_markers, lint_tree

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(
    p
    for p in FIXTURES.iterdir()
    if p.suffix == ".py" or (p.is_dir() and not p.name.startswith((".", "_")))
)


@pytest.mark.parametrize("fixture", CASES, ids=[p.name for p in CASES])
def test_fixture(fixture: Path, tmp_path: Path) -> None:
    if fixture.is_dir():
        root = tmp_path / fixture.name
        shutil.copytree(fixture, root)
    else:
        root = tmp_path / "project"
        root.mkdir()
        shutil.copy(fixture, root / fixture.name)
    findings = lint_tree(root)
    assert not [f for f in findings if f.code == "FL999"], findings
    expected = expected_markers(root)
    found = found_markers(findings)
    missing = sorted(expected - found)
    unexpected = sorted(found - expected)
    messages = {(f.path, f.line, f.code): f.message for f in findings}
    assert not missing and not unexpected, (
        f"missing: {missing}\nunexpected: {[(k, messages[k]) for k in unexpected]}"
    )


def test_every_rule_has_a_fixture() -> None:
    from fastlint.rules.registry import RULE_INFOS

    text = "\n".join(p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.py") if p.is_file())
    untested = [code for code in RULE_INFOS if code != "FL999" and f"error: {code}" not in text]
    assert not untested
