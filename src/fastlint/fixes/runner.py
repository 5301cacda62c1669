"""Check one project with fixes: plan them (for JSON/SARIF), apply them in
memory (``--fix``, ``--diff``), write them back safely."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from fastlint.cache import Cache
from fastlint.config import Settings
from fastlint.engine import CheckResult, run_check
from fastlint.findings import Applicability, Edit, Finding
from fastlint.lines import source_lines_with_ends
from fastlint.selection import PerFileIgnores
from fastlint.summaries import Progress

if TYPE_CHECKING:  # libcst is imported only when a fix is planned
    from fastlint.fixes.session import FixRun


class DiskSources:
    """A project's files as read once: fixes are planned on these texts, and a
    file that changed on disk since is not overwritten."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._bytes: dict[str, bytes] = {}

    def read(self, path: str) -> str | None:
        """The file's text (UTF-8, no BOM), or None when fastlint will not edit it."""
        if path not in self._bytes:
            try:
                self._bytes[path] = (self.root / path).read_bytes()
            except OSError:
                return None
        data = self._bytes[path]
        if data.startswith(b"\xef\xbb\xbf"):
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def unchanged(self, path: str) -> bool:
        try:
            return (self.root / path).read_bytes() == self._bytes.get(path)
        except OSError:
            return False


@dataclass
class ProjectRun:
    """One project's check, and the fixes made in memory (None: not fixing)."""

    result: CheckResult
    sources: DiskSources
    fixes: FixRun | None = None
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_project(
    paths: Sequence[Path],
    root: Path,
    settings: Settings,
    enabled: frozenset[str],
    per_file: PerFileIgnores | None,
    *,
    force_exclude: bool = False,
    plan_edits: bool = False,
    fix: Callable[[Applicability], bool] | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    buffers: Mapping[str, str] | None = None,
    timings: dict[str, float] | None = None,
    ignore_noqa: bool = False,
) -> ProjectRun:
    """Check; with ``plan_edits`` attach each fix's edits; with ``fix`` apply the
    fixes it wants in rounds (in memory) and report what remains."""
    sources = DiskSources(root)

    def run(texts: Mapping[str, str] | None) -> CheckResult:
        return run_check(
            paths,
            root,
            settings,
            enabled,
            per_file,
            force_exclude=force_exclude,
            sources=texts,
            cache=cache,
            jobs=jobs,
            progress=progress if not texts else None,
            timings=timings,
            ignore_noqa=ignore_noqa,
        )

    result = run(buffers)  # ``--stdin-filename``: the editor's buffer
    if not plan_edits and fix is None:
        return ProjectRun(result, sources)
    from fastlint.fixes.plan import attach_fixes
    from fastlint.fixes.session import fix_until_stable

    checked = set(result.files)

    def with_edits(found: list[Finding], texts: Mapping[str, str]) -> list[Finding]:
        return attach_fixes(found, lambda p: texts.get(p) or sources.read(p), checked.__contains__)

    if fix is None:
        result.findings = with_edits(result.findings, buffers or {})
        return ProjectRun(result, sources)
    latest = [result]

    def check(texts: Mapping[str, str]) -> list[Finding]:
        if texts:
            latest[0] = run(texts)
        return with_edits(latest[0].findings, texts)

    fixes = fix_until_stable(check, sources.read, fix)
    final = latest[0]
    final.findings = fixes.remaining
    return ProjectRun(final, sources, fixes)


def write_fixed(run: ProjectRun) -> None:
    """Write every fixed file atomically, after parsing it once more; a file that
    changed on disk since it was read is left alone (and named in a warning).

    Temporary files that a killed ``--fix`` left next to any checked file (even one
    fixed back then, with nothing to write now) are removed once stale."""
    if run.fixes is None:
        return
    from fastlint.atomic import remove_stale_temporaries_of
    from fastlint.fixes.plan import compiles, parses

    remove_stale_temporaries_of(run.sources.root / path for path in run.result.files)

    for path, text in sorted(run.fixes.texts.items()):
        original = run.sources.read(path)
        if original is None or not run.sources.unchanged(path):
            run.warnings.append(f"{path}: changed on disk while fastlint ran; not fixed")
            continue
        if not parses(text, with_ast=compiles(original)):
            run.warnings.append(f"{path}: the fixed text does not parse; not written")
            continue
        from fastlint.atomic import write_text_atomic

        try:
            write_text_atomic(run.sources.root / path, text)
        except OSError as error:
            run.warnings.append(str(error))
            continue
        run.written.append(path)


def unified_diff(run: ProjectRun, display: Callable[[str], str]) -> str:
    """What ``--fix`` would change, as a unified diff (nothing is written)."""
    if run.fixes is None:
        return ""
    chunks: list[str] = []
    for path, text in sorted(run.fixes.texts.items()):
        original = run.sources.read(path) or ""
        name = display(path)
        chunks.extend(
            difflib.unified_diff(
                source_lines_with_ends(original),
                source_lines_with_ends(text),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in chunks
    )


def prefixed(findings: Sequence[Finding], prefix: str) -> list[Finding]:
    """Findings of a nested project, with paths relative to the common root."""
    if not prefix:
        return list(findings)
    moved: list[Finding] = []
    for finding in findings:
        fix = finding.fix
        if fix is not None and any(edit.path for edit in fix.edits):
            edits = tuple(
                Edit(e.span, e.content, f"{prefix}/{e.path}" if e.path else None) for e in fix.edits
            )
            fix = replace(fix, edits=edits)
        moved.append(replace(finding, path=f"{prefix}/{finding.path}", fix=fix))
    return moved
