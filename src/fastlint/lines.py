"""What a line of Python source is: the one place that knows.

Python's tokenizer, and so every ``ast`` line number, ends a line at ``\\r\\n``,
``\\r`` or ``\\n`` and nowhere else. ``str.splitlines()`` also breaks at form
feed, vertical tab, ``\\x1c``-``\\x1e``, NEL (``\\x85``, what byte 0x85 of a
latin-1 file decodes to), U+2028 and U+2029; after one of those every later
line would be numbered one too high. Positions, ``# noqa`` lines, fingerprints,
snippets and fix offsets all count lines with the functions here.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

# Where ``str.splitlines`` breaks a line but Python does not.
FOREIGN_LINE_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _has_foreign_breaks(text: str) -> bool:
    """Would ``splitlines()`` break ``text`` somewhere Python does not?"""
    breaks = FOREIGN_LINE_BREAKS[:5] if text.isascii() else FOREIGN_LINE_BREAKS
    return any(char in text for char in breaks)


def source_lines(text: str) -> list[str]:
    """The lines of ``text`` as the tokenizer numbers them (``lines[n - 1]`` is line
    ``n``), without their line ends; like ``splitlines()``, a final line end does
    not start another (empty) line."""
    if not _has_foreign_breaks(text):
        return text.splitlines()  # the same answer, faster
    lines = _LINE_END.split(text)
    if lines and not lines[-1]:
        lines.pop()
    return lines


def source_lines_with_ends(text: str) -> list[str]:
    """:func:`source_lines` with each line's own line end kept (``"".join`` of them
    is ``text``)."""
    if not _has_foreign_breaks(text):
        return text.splitlines(keepends=True)
    return _LINE.findall(text)


def line_starts(text: str) -> list[int]:
    """Offset of the start of each line, then ``len(text)``-ish: entry ``n - 1`` is
    where line ``n`` starts; the last entry is the end of the last line."""
    starts = [0]
    for line in source_lines_with_ends(text):
        starts.append(starts[-1] + len(line))
    return starts


def readline(text: str) -> Callable[[], str]:
    """A ``readline`` for ``tokenize`` over ``text`` that ends lines where Python
    does: a lone ``\\r`` ends a line too (each line comes with ``\\n``)."""
    return io.StringIO(text, newline=None).readline


def count_line_ends(text: str) -> int:
    """How many lines of ``text`` end in it (``\\r\\n`` counts once)."""
    if "\r" not in text:
        return text.count("\n")
    return len(_LINE_END.findall(text))
