"""Content fingerprints: one identity per finding that survives unrelated edits.

SARIF ``partialFingerprints``, GitLab ``fingerprint`` and the baseline all need
to recognise "the same finding" in a later run. Line numbers move whenever a
line is added above, so the identity is built from what the finding is about:
rule code, file, the reported line's text with all whitespace removed, and the
finding's rank among findings that share those three (so two identical lines
with the same problem still get different fingerprints).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence

from fastlint.findings import Finding

SourceLine = Callable[[str, int], str]

SCHEME = "fastlint/v1"
"""Name of this fingerprint scheme; change it if the recipe below changes."""

_DIGEST_CHARS = 32


def normalize_line(text: str) -> str:
    """The line with every whitespace character removed (re-indenting is not a change)."""
    return "".join(text.split())


def _digest(code: str, path: str, text: str, occurrence: int) -> str:
    payload = "\x00".join((SCHEME, code, path, text, str(occurrence)))
    # surrogatepass: a file name that is not UTF-8 still has a fingerprint (and
    # every valid text hashes exactly as before)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST_CHARS]


def fingerprints(findings: Sequence[Finding], source_line: SourceLine) -> list[str]:
    """One fingerprint per finding, in the order given.

    Occurrences are counted in source order (path, line, column), independent
    of the order of ``findings``, so the same set always gets the same values.
    """
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    seen: Counter[tuple[str, str, str]] = Counter()
    result = [""] * len(findings)
    for index in order:
        finding = findings[index]
        text = normalize_line(source_line(finding.path, finding.span.line))
        key = (finding.code, finding.path, text)
        result[index] = _digest(*key, seen[key])
        seen[key] += 1
    return result
