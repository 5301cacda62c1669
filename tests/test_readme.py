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
    assert match.group(1) == rule_table_markdown(), "run: .venv/bin/python scripts/update_readme.py"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in ('pip install -e ".[dev]"', "pytest"):
        assert command in README
        assert command in ci


def test_the_sample_routes_output_is_what_the_command_prints() -> None:
    """The README's `fastlint routes examples/shop`, run from the repository root as
    written: its sample is the first lines of the real output, word for word."""
    import subprocess
    import sys

    command = re.search(r"```console\n\.venv/bin/fastlint (routes [^\n]+)\n```", README)
    assert command, "README lost its routes command"
    sample = re.search(r"```text\n(App app .*?)\.\.\.\n```", README, re.DOTALL)
    assert sample, "README lost its sample routes output"
    printed = subprocess.run(
        [sys.executable, "-m", "fastlint", *command.group(1).split()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert printed.startswith(sample.group(1))


def test_development_commands_use_the_venv() -> None:
    """Every development command names the venv's interpreter (a bare `python`
    has no fastlint installed)."""
    block = README[README.index("## Development") :]
    block = block[: block.index("```", block.index("```console") + 10)]
    for line in block.splitlines()[3:]:
        if line.strip() and not line.startswith("bash "):
            assert line.startswith(("python3 -m venv", ".venv/bin/")), line
