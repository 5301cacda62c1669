"""What every renderer receives besides the findings (kept apart from the dispatcher
so renderers never import the package that imports them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fastlint.rules.base import RuleInfo

# ``concise`` is ruff's name for the one-line text format.
FORMATS = (
    "text",
    "concise",
    "full",
    "grouped",
    "json",
    "json-lines",
    "sarif",
    "github",
    "gitlab",
    "pylint",
    "azure",
    "junit",
    "rdjson",
)


@dataclass
class RenderContext:
    """What a renderer may need besides the findings.

    ``root`` is the project root (finding paths are POSIX paths relative to it);
    ``rules`` are the enabled rules in code order; ``source_line(path, line)``
    returns one source line (1-based) of a checked file, '' if unavailable.
    """

    root: Path
    rules: Sequence[RuleInfo]
    version: str
    source_line: Callable[[str, int], str] = field(default=lambda path, line: "")
    display_path: Callable[[str], str] = field(default=lambda path: path)
    color: bool = False
    statistics: bool = False
    files_checked: int = 0
    unsafe_fixes: bool = False  # unsafe fixes count as applicable (``--unsafe-fixes``)
    fixed: int = 0  # findings fixed by this run (``--fix``)
    fixed_files: frozenset[str] = frozenset()  # the files they were in
    summary: bool = True  # the closing lines of the text format (off with ``--quiet``)
