"""FL900 unused-noqa: ``# noqa`` codes of fastlint rules that suppressed nothing.

It is decided where ``# noqa`` is applied (``engine.filter_findings``), from what
each directive suppressed in this run, so it is not a rule module. Only codes
fastlint can judge are reported: its own rules that ran on the file (an ``E501``
is ruff's business; a rule that is not selected, or ignored for the file, could
not report anything), and ``FL`` codes that name no rule at all. A bare ``# noqa``
is never reported: it may be there for another tool.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from fastlint.findings import Edit, Finding, Fix, Span
from fastlint.rules.registry import RULE_INFOS, UNUSED_NOQA
from fastlint.summary import NoqaDirective


def unused_codes(
    directive: NoqaDirective, used: Collection[str], judged: Collection[str]
) -> list[str]:
    """The directive's codes that fastlint can tell suppressed nothing."""
    return [
        code
        for code in directive.codes
        if code not in used
        and (code in judged or (code.startswith("FL") and code not in RULE_INFOS))
    ]


def unused_noqa_findings(
    path: str,
    directives: Iterable[NoqaDirective],
    used: dict[int, set[str]],
    judged: Collection[str],
) -> Iterator[Finding]:
    """FL900 for each line directive of ``path`` with unused codes; ``used`` maps a
    directive's line to the codes it suppressed, ``judged`` are the codes that ran."""
    for directive in directives:
        if directive.file_level or not directive.codes:
            continue
        unused = unused_codes(directive, used.get(directive.line, set()), judged)
        if not unused:
            continue
        listed = ", ".join(f"`{code}`" for code in unused)
        span = Span(directive.line, directive.col + 1, directive.line, directive.end_col + 1)
        yield Finding(
            UNUSED_NOQA.code,
            f"unused `noqa` directive (unused: {listed})",
            path,
            span,
            fix=removal(directive, unused),
        )


def removal(directive: NoqaDirective, unused: Collection[str]) -> Fix:
    """Remove the unused codes, or the whole directive when none is left (with the
    blanks before it; an explanation after it stays a comment)."""
    line = directive.line
    kept = [code for code in directive.codes if code not in unused]
    if kept:
        span = Span(line, directive.codes_col + 1, line, directive.end_col + 1)
        plural = "s" if len(unused) > 1 else ""
        listed = ", ".join(f"`{code}`" for code in unused)
        return Fix(
            "safe", f"Remove the unused code{plural} {listed}", (Edit(span, ", ".join(kept)),)
        )
    after = directive.after
    rest = after.lstrip()
    end = directive.end_col + 1
    if not rest:  # nothing after it: the blanks before it go too
        edit = Edit(Span(line, directive.space_col + 1, line, end + len(after)), "")
    elif rest.startswith("#"):  # another comment follows: it stays where it is
        edit = Edit(Span(line, directive.col + 1, line, end + len(after) - len(rest)), "")
    else:  # an explanation follows: it stays a comment
        edit = Edit(Span(line, directive.col + 1, line, end), "#")
    return Fix("safe", "Remove the unused `noqa` directive", (edit,))
