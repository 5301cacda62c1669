"""Find and read the rule documents (``rules/FL101.md`` in the repository,
``fastlint/_rule_docs/`` inside an installed wheel)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def docs_dir() -> Path:
    """The folder holding ``FLxxx.md``: packaged copy first, then the source tree."""
    packaged = _PACKAGE_DIR / "_rule_docs"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent.parent / "rules"


def doc_path(code: str) -> Path:
    return docs_dir() / f"{code}.md"


def load_doc(code: str) -> str | None:
    """The Markdown document of rule ``code``, or None if it has none."""
    path = doc_path(code)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def doc_section(markdown: str, heading: str) -> str:
    """The text under ``## heading`` up to the next ``##`` heading (stripped)."""
    lines = markdown.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            if inside:
                break
            inside = line[3:].strip().lower() == heading.lower()
            continue
        if inside:
            out.append(line)
    return "\n".join(out).strip()


def rule_table_markdown() -> str:
    """The README's rule table, generated from the registry (a test keeps it current)."""
    from fastlint.rules.registry import all_infos

    rows = ["| code | name | what it flags | default | fix |", "| --- | --- | --- | --- | --- |"]
    for info in all_infos():
        default = "on" if info.default_enabled else "off"
        rows.append(
            f"| [{info.code}](rules/{info.code}.md) | `{info.name}` | {info.summary} "
            f"| {default} | {info.fix or '—'} |"
        )
    return "\n".join(rows)
