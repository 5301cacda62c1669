"""Every rule has a document; every document's examples are executed.

The Example must report exactly the documented code (one or more findings of
it, nothing else); Use instead must report nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lintutil import lint_tree

from fastlint.docs import doc_section, docs_dir, load_doc
from fastlint.rules.registry import RULE_INFOS

HEADINGS = ["What it does", "Why is this bad?", "Example", "Use instead", "Fix", "Options"]
CODE_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
CODES = sorted(RULE_INFOS)


def _headings(markdown: str) -> list[str]:
    return [line[3:].strip() for line in markdown.splitlines() if line.startswith("## ")]


def test_docs_and_rules_match() -> None:
    documented = sorted(p.stem for p in docs_dir().glob("FL*.md"))
    assert documented == CODES


@pytest.mark.parametrize("code", CODES)
def test_doc_layout(code: str) -> None:
    doc = load_doc(code)
    assert doc is not None
    info = RULE_INFOS[code]
    assert doc.splitlines()[0] == f"# {info.name} ({code})"
    headings = _headings(doc)
    assert headings[: len(HEADINGS)] == HEADINGS


def _example(code: str, heading: str) -> str | None:
    doc = load_doc(code)
    assert doc is not None
    blocks = CODE_BLOCK.findall(doc_section(doc, heading))
    assert len(blocks) <= 1, f"{code} {heading}: one code block expected"
    return blocks[0] if blocks else None


def _settings_for(code: str) -> str:
    """The documented rule selected: an opt-in rule is not on by default."""
    if RULE_INFOS[code].default_enabled:
        return ""
    return f'extend-select = ["{code}"]\n'


def _lint_snippet(source: str, tmp_path: Path, code: str) -> set[str]:
    root = tmp_path / "doc_example"
    root.mkdir(exist_ok=True)
    (root / "fastlint.toml").write_text(_settings_for(code), encoding="utf-8")
    (root / "app.py").write_text(source, encoding="utf-8")
    findings = lint_tree(root)
    return {f.code for f in findings}


@pytest.mark.parametrize("code", [c for c in CODES if c != "FL999"])
def test_example_reports_the_rule(code: str, tmp_path: Path) -> None:
    source = _example(code, "Example")
    assert source is not None, f"{code} has no Example code block"
    assert _lint_snippet(source, tmp_path, code) == {code}


@pytest.mark.parametrize("code", [c for c in CODES if c != "FL999"])
def test_use_instead_is_clean(code: str, tmp_path: Path) -> None:
    source = _example(code, "Use instead")
    assert source is not None, f"{code} has no Use instead code block"
    assert _lint_snippet(source, tmp_path, code) == set()


FIXABLE = [code for code in CODES if RULE_INFOS[code].fix is not None]


@pytest.mark.parametrize("code", [c for c in CODES if c != "FL999"])
def test_fix_availability_line_matches_the_registry(code: str) -> None:
    doc = load_doc(code)
    assert doc is not None
    availability = RULE_INFOS[code].fix
    third = doc.splitlines()[2]
    if availability is None:
        assert not third.startswith("Fix is"), f"{code} has no fix but says {third!r}"
    else:
        assert third == f"Fix is {availability} available."


def _fixed_example(source: str, tmp_path: Path, code: str) -> str:
    """The Example after ``fastlint check --fix --unsafe-fixes`` (the real CLI)."""
    import subprocess
    import sys

    root = tmp_path / "fix_example"
    root.mkdir()
    settings = f"[tool.fastlint]\n{_settings_for(code)}"
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    (root / "app.py").write_text(source, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", "--fix", "--unsafe-fixes", "--quiet"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    return (root / "app.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", FIXABLE)
def test_fix_section_shows_what_the_fix_does(code: str, tmp_path: Path) -> None:
    """The Fix section's code block is the Example after the fix, exactly, and the
    fixed Example no longer reports the rule."""
    example = _example(code, "Example")
    shown = _example(code, "Fix")
    assert example is not None
    assert shown is not None, f"{code}: the Fix section shows no fixed example"
    fixed = _fixed_example(example, tmp_path, code)
    assert fixed == shown
    assert code not in _lint_snippet(fixed, tmp_path, code)
