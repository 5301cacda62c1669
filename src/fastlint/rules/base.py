"""What a rule is: metadata plus a pure check function over the project model."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from fastlint.findings import Finding
    from fastlint.project import RuleContext

# Whether the rule's findings come with a fix (ruff's FixAvailability); how a
# given fix applies -- safe or unsafe -- is decided per finding (``Fix.applicability``).
FixAvailability = Literal["always", "sometimes"]
Level = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class RuleInfo:
    """A rule's stable identity and what users see in ``fastlint rule --all``."""

    code: str
    name: str
    summary: str  # one sentence: the SARIF shortDescription and the README table
    fix: FixAvailability | None = None
    default_enabled: bool = True
    level: Level = "warning"
    scope: Literal["file", "project"] = "file"


Check = Callable[["RuleContext"], Iterable["Finding"]]


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    check: Check
