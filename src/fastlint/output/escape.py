"""Make arbitrary text safe to print: one finding per line, encodable as UTF-8.

Messages quote source text (route paths, names), and paths come from the file
system, so they may hold anything a Python string can: a newline (which would
split a text line into a fake second finding), terminal escape sequences, or a
lone surrogate such as ``"\\ud800"`` (valid in a string literal, but not
encodable as UTF-8, so printing it raises). These helpers turn such characters
into visible backslash escapes, as ``repr`` would.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls (newline, tab, ESC …), DEL, C1 controls (NEL …), the Unicode line and
# paragraph separators, and surrogates (only ever lone in a str: UTF-8 cannot encode them).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_text(text: str) -> str:
    """``text`` on one line, printable and UTF-8 encodable (``\\n``, ``\\x1b``, ``\\ud800``)."""
    return _UNSAFE.sub(_escape, text)


def escape_surrogates(text: str) -> str:
    """Only the lone surrogates escaped (``\\ud800``): the rest of ``text`` is kept."""
    return _SURROGATE.sub(_escape, text)


def json_text(document: Any, *, indent: int | None = 2) -> str:
    """``json.dumps`` that keeps non-ASCII text readable yet is always valid UTF-8.

    With ``ensure_ascii=False`` a lone surrogate would be written as itself and
    make the text unencodable; written as the JSON escape ``\\ud800`` it is valid
    JSON that decodes back to the same string. (Control characters are always
    escaped by ``json.dumps``; surrogates only occur inside JSON strings.)
    """
    return escape_surrogates(json.dumps(document, indent=indent, ensure_ascii=False))
