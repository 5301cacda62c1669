"""Apply fixes in rounds until nothing changes (bounded), in memory.

Each round applies every chosen fix that does not overlap one already taken
in that round; the project is then checked again on the new text, so fixes
that collided (two models gaining ``ConfigDict`` in one import line) are
planned afresh against the updated file. Nothing is written here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from fastlint.findings import Applicability, Finding, Fix
from fastlint.fixes.edits import apply_edits, offsets, overlaps
from fastlint.fixes.plan import compiles, target_path

MAX_ROUNDS = 10


@dataclass
class FixRun:
    """What fixing produced: the new text of every changed file (by path), the
    findings whose fixes were applied, and the findings that remain."""

    texts: dict[str, str] = field(default_factory=dict)
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    rounds: int = 0


def _take(text: str, fixes: list[tuple[Finding, Fix]]) -> list[tuple[Finding, Fix]]:
    """The fixes of one file that can be applied together, in source order."""
    taken: list[tuple[Finding, Fix]] = []
    claimed: list[tuple[int, int]] = []
    ordered = sorted(fixes, key=lambda item: (min(e.span for e in item[1].edits), item[0].code))
    for finding, fix in ordered:
        ranges = [offsets(text, edit.span) for edit in fix.edits]
        if any(overlaps(r, c) for r in ranges for c in claimed):
            continue
        claimed.extend(ranges)
        taken.append((finding, fix))
    return taken


def _apply(text: str, taken: list[tuple[Finding, Fix]]) -> tuple[str, list[Finding]]:
    """Apply the taken fixes together; if the result does not compile, only the
    first (each fix was checked on its own), and re-plan the rest in the next
    round. The full re-parse (libcst and ``ast``) comes before writing."""
    with_ast = compiles(text)
    together = apply_edits(text, [edit for _, fix in taken for edit in fix.edits])
    if together != text and compiles(together, with_ast):
        return together, [finding for finding, _ in taken]
    if taken:
        finding, fix = taken[0]
        single = apply_edits(text, fix.edits)
        if single != text and compiles(single, with_ast):
            return single, [finding]
    return text, []


def fix_until_stable(
    check: Callable[[Mapping[str, str]], list[Finding]],
    read: Callable[[str], str | None],
    wanted: Callable[[Applicability], bool],
) -> FixRun:
    """Run ``check`` (the whole check, fixes attached, on the given in-memory
    texts), apply the wanted fixes, and repeat until no fix applies."""
    run = FixRun()
    findings = check(run.texts)
    for _ in range(MAX_ROUNDS):
        by_path: dict[str, list[tuple[Finding, Fix]]] = {}
        for finding in findings:
            if finding.fix is not None and finding.fix.edits and wanted(finding.fix.applicability):
                by_path.setdefault(target_path(finding), []).append((finding, finding.fix))
        progress = False
        for path, fixes in sorted(by_path.items()):
            text = run.texts.get(path)
            if text is None:
                text = read(path)
            if text is None:
                continue
            new_text, applied = _apply(text, _take(text, fixes))
            if not applied:
                continue
            run.texts[path] = new_text
            run.fixed.extend(applied)
            progress = True
        if not progress:
            break
        run.rounds += 1
        findings = check(run.texts)
    run.remaining = findings
    return run
