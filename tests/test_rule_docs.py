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


def _lint_snippet(source: str, tmp_path: Path) -> set[str]:
    root = tmp_path / "doc_example"
    root.mkdir()
    (root / "app.py").write_text(source, encoding="utf-8")
    findings = lint_tree(root)
    return {f.code for f in findings}


@pytest.mark.parametrize("code", [c for c in CODES if c != "FL999"])
def test_example_reports_the_rule(code: str, tmp_path: Path) -> None:
    source = _example(code, "Example")
    assert source is not None, f"{code} has no Example code block"
    assert _lint_snippet(source, tmp_path) == {code}


@pytest.mark.parametrize("code", [c for c in CODES if c != "FL999"])
def test_use_instead_is_clean(code: str, tmp_path: Path) -> None:
    source = _example(code, "Use instead")
    assert source is not None, f"{code} has no Use instead code block"
    assert _lint_snippet(source, tmp_path) == set()
