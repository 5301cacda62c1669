"""Baselines: record today's findings so a legacy codebase can adopt fastlint.

``--write-baseline FILE`` records every current finding; ``--baseline FILE``
hides the recorded ones and shows only new ones. Findings are matched by
content fingerprint (see ``fastlint.fingerprint``), never by line number, so
editing code above a known finding does not resurface it.

FL000 (a file that was not checked) and FL999 (a crash) are never recorded and
never hidden: they are not debt in the code but holes in the check, and FL999
makes the run exit 2, which a hidden finding would leave unexplained.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastlint.atomic import write_text_atomic
from fastlint.findings import Finding
from fastlint.fingerprint import SourceLine, fingerprints
from fastlint.output.escape import json_text
from fastlint.rules.registry import INTERNAL_ERROR, PARSE_ERROR

SCHEMA_KEY = "fastlint-baseline"
SCHEMA_VERSION = 1

Entry = tuple[str, str, str]
"""(code, path, fingerprint)"""

NEVER_BASELINED = frozenset({PARSE_ERROR.code, INTERNAL_ERROR.code})


def recordable(findings: Sequence[Finding]) -> list[Finding]:
    """The findings a baseline may record or hide: all but FL000 and FL999."""
    return [finding for finding in findings if finding.code not in NEVER_BASELINED]


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Baseline:
    """The recorded findings of one baseline file."""

    path: Path
    entries: frozenset[Entry]
    version: str | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def filter(self, findings: Sequence[Finding], source_line: SourceLine) -> list[Finding]:
        """The findings that are not recorded, in their original order.

        Pass the same kind of set that was recorded (after ``# noqa``
        suppression): occurrence counting makes fingerprints depend on it.
        FL000 and FL999 are always kept, even if an older baseline lists them.
        """
        prints = fingerprints(findings, source_line)
        return [
            finding
            for finding, fingerprint in zip(findings, prints, strict=True)
            if finding.code in NEVER_BASELINED
            or (finding.code, finding.path, fingerprint) not in self.entries
        ]


def baseline_document(
    findings: Sequence[Finding], source_line: SourceLine, version: str
) -> dict[str, Any]:
    """The JSON object written for ``findings`` (sorted, so reruns diff cleanly),
    without FL000 and FL999 (see :func:`recordable`)."""
    findings = recordable(findings)
    prints = fingerprints(findings, source_line)
    pairs = sorted(
        zip(findings, prints, strict=True), key=lambda pair: (pair[0].sort_key(), pair[1])
    )
    return {
        SCHEMA_KEY: SCHEMA_VERSION,
        "version": version,
        "findings": [
            {
                "code": finding.code,
                "path": finding.path,
                "fingerprint": fingerprint,
                "message": finding.message,
            }
            for finding, fingerprint in pairs
        ],
    }


def write_baseline(
    path: Path, findings: Sequence[Finding], source_line: SourceLine, version: str
) -> int:
    """Record ``findings`` (but FL000 and FL999) in ``path`` atomically; return how
    many were recorded (OSError names the file on failure)."""
    document = baseline_document(findings, source_line, version)
    write_text_atomic(path, json_text(document) + "\n")
    return len(document["findings"])


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; any problem is a BaselineError that names the file.

    The schema key decides compatibility: a baseline written by another
    fastlint version loads as long as its format is one this version reads.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"baseline file {path} does not exist (create it with --write-baseline {path})"
        ) from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise BaselineError(f"baseline file {path} is not UTF-8 text: {exc.reason}") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"baseline file {path} is not valid JSON: {exc}") from exc
    except RecursionError:  # ``[[[…]]]`` thousands deep: the decoder recurses per level
        raise BaselineError(f"baseline file {path} is not valid JSON: nested too deeply") from None
    except (ValueError, MemoryError) as exc:  # e.g. a number over the int-str digit limit
        reason = str(exc) or type(exc).__name__
        raise BaselineError(f"baseline file {path} is not valid JSON: {reason}") from None
    return _parse(path, document)


def _parse(path: Path, document: object) -> Baseline:
    """Check the shape of a decoded baseline and build the entry set."""
    if not isinstance(document, dict) or SCHEMA_KEY not in document:
        raise BaselineError(
            f"{path} is not a fastlint baseline (no {SCHEMA_KEY!r} key); "
            f"create one with --write-baseline {path}"
        )
    schema = document[SCHEMA_KEY]
    if schema != SCHEMA_VERSION or isinstance(schema, bool):
        raise BaselineError(
            f"baseline file {path} has format {schema!r}; this fastlint reads format "
            f"{SCHEMA_VERSION} (rewrite it with --write-baseline {path})"
        )
    version = document.get("version")
    records = document.get("findings")
    if not isinstance(records, list):
        raise BaselineError(f"baseline file {path} is malformed: 'findings' must be a list")
    entries = {_entry(path, index, record) for index, record in enumerate(records)}
    return Baseline(path, frozenset(entries), version if isinstance(version, str) else None)


def _entry(path: Path, index: int, record: object) -> Entry:
    """One (code, path, fingerprint) triple, or a BaselineError saying which one is bad."""
    if isinstance(record, dict):
        values = tuple(record.get(key) for key in ("code", "path", "fingerprint"))
        if all(isinstance(value, str) and value for value in values):
            code, file, fingerprint = values
            return (str(code), str(file), str(fingerprint))
    raise BaselineError(
        f"baseline file {path} is malformed: findings[{index}] needs non-empty string "
        "'code', 'path' and 'fingerprint'"
    )
