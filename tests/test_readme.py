"""README promises that tests keep true: the rule table and the set-up commands."""

from __future__ import annotations

import re
from pathlib import Path

from fastlint.docs import rule_table_markdown

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_is_current() -> None:
    match = re.search(r"<!-- rules:start -->\n(.*?)\n<!-- rules:end -->", README, re.DOTALL)
    assert match, "README lost its rule table markers"
    assert match.group(1) == rule_table_markdown(), "run: python scripts/update_readme.py"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in ('pip install -e ".[dev]"', "pytest"):
        assert command in README
        assert command in ci
