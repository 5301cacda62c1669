"""The shipped example app: every marked finding, nothing else, from its own config."""

from __future__ import annotations

import shutil
from pathlib import Path

from lintutil import expected_markers, found_markers, lint_tree

from fastlint.rules.registry import RULE_INFOS

EXAMPLE = Path(__file__).parents[1] / "examples" / "shop"


def test_example_findings_match_markers(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root)
    findings = lint_tree(root)
    assert found_markers(findings) == expected_markers(root)


def test_example_shows_every_rule(tmp_path: Path) -> None:
    root = tmp_path / "shop"
    shutil.copytree(EXAMPLE, root)
    codes = {code for _, _, code in expected_markers(root)}
    opt_in = {code for code, info in RULE_INFOS.items() if not info.default_enabled}
    assert opt_in == {"FL900"}  # unused-noqa: its own fixture shows it
    assert codes == set(RULE_INFOS) - {"FL000", "FL999"} - opt_in
