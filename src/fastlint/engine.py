"""Run a check: discover files, file pass, project pass, rules, suppressions.

The engine is independent of the CLI so tests and other front ends (pre-commit,
an editor) call the same code path.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastlint.config import Settings, read_pydantic_major
from fastlint.discovery import Discovery, discover_files, relative_posix
from fastlint.findings import Finding, Span
from fastlint.options import ProjectOptions
from fastlint.rules.registry import INTERNAL_ERROR, PARSE_ERROR, UNUSED_NOQA, checkable_rules
from fastlint.selection import PerFileIgnores

# The model, the file pass and the noqa machinery are imported where they are used:
# a run answered from the cache needs none of them (warm runs start faster).
if TYPE_CHECKING:
    from fastlint.cache import Cache
    from fastlint.project import Project, RuleContext
    from fastlint.summaries import Progress
    from fastlint.summary import ModuleSummary


@dataclass
class CheckResult:
    """What a run produced; ``findings`` are sorted and already filtered."""

    root: Path
    findings: list[Finding]
    files: list[str]
    project: Project | None
    problems: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # (path, line, message) for each invalid noqa directive
    warnings: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def internal_errors(self) -> int:
        return sum(1 for finding in self.findings if finding.code == INTERNAL_ERROR.code)


def project_options(settings: Settings, root: Path) -> ProjectOptions:
    """Flatten the validated settings into the plain options the model uses."""
    major = settings.pydantic_version or read_pydantic_major(root) or 2
    return ProjectOptions(
        auth_dependencies=frozenset(settings.auth.dependencies),
        public_paths=tuple(settings.auth.public_paths),
        pagination_params=tuple(settings.pagination.params),
        max_limit=settings.pagination.max_limit,
        page_types=frozenset(settings.pagination.page_types),
        post_status=settings.status_codes.post,
        router_classes=frozenset(settings.routers.classes),
        router_factories=frozenset(settings.routers.factories),
        app_factories=frozenset(settings.routers.app_factories),
        pydantic_major=major,
    )


def summarize_all(
    files: Iterable[tuple[Path, str]], sources: Mapping[str, str] | None = None
) -> list[ModuleSummary]:
    """The file pass over many files, no cache, in-process (tests, the benchmark's
    phase timings); the CLI reaches the same code through ``run_check``."""
    from fastlint.summaries import summarize_project

    return summarize_project(files, sources).summaries()


def internal_error(
    rule: str, subject: str, error: BaseException, path: str | None = None
) -> Finding:
    """FL999 for a crash in ``rule`` on ``subject`` (a file, or "the project"),
    reported at ``path`` (default: ``subject``)."""
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return Finding(
        INTERNAL_ERROR.code,
        f"internal error in {rule} on {subject}: {type(error).__name__}: {error}{where}",
        path or subject,
        Span(1, 1, 1, 1),
    )


def parse_error_finding(summary: ModuleSummary) -> Finding | None:
    error = summary.parse_error
    if error is None:
        return None
    return Finding(
        PARSE_ERROR.code,
        error.message,
        summary.path,
        Span(error.line, max(error.column, 1), error.line, max(error.column, 1)),
    )


def run_rules(
    project: Project, enabled: frozenset[str], report_on: Iterable[str] | None = None
) -> list[Finding]:
    """Every enabled rule: file rules once per module, project-wide rules once per
    project. A crash becomes one FL999 (per module for a file rule, once for a project
    rule, keeping what it found before) and the run goes on."""
    from fastlint.project import RuleContext

    modules = [
        module
        for module in sorted(report_on if report_on is not None else project.summaries)
        if (summary := project.summaries.get(module)) is not None
        and summary.parse_error is None
        and not summary.skipped
    ]
    findings: list[Finding] = []
    for rule in checkable_rules(set(enabled)):
        label = f"{rule.info.code} ({rule.info.name})"
        if rule.info.scope == "project":
            if modules:
                context = RuleContext(project, modules[0], rule.info.code, tuple(modules))
                findings.extend(_guarded(rule.check, context, label, "the project"))
            continue
        for module in modules:
            context = RuleContext(project, module, rule.info.code)
            findings.extend(_guarded(rule.check, context, label, module))
    return findings


def _guarded(
    check: Callable[[RuleContext], Iterable[Finding]], context: RuleContext, rule: str, where: str
) -> list[Finding]:
    """The findings of one check; an exception is one FL999 after those found so far."""
    found: list[Finding] = []
    try:
        for finding in check(context):
            found.append(finding)
    except Exception as error:  # one rule must not stop the run
        found.append(internal_error(rule, where, error, path=context.module))
    return found


def filter_findings(
    findings: Iterable[Finding],
    summaries: dict[str, ModuleSummary],
    enabled: frozenset[str],
    per_file: PerFileIgnores | None,
    report_on: Iterable[str] | None = None,
    ignore_noqa: bool = False,
) -> list[Finding]:
    """Drop findings of disabled rules, per-file ignores and ``# noqa`` lines (unless
    ``ignore_noqa``); then, when FL900 is selected, report the ``# noqa`` codes that
    suppressed nothing in the files reported on."""
    from fastlint.noqa import index_noqa
    from fastlint.unused_noqa import unused_noqa_findings

    noqa_by_path = {
        path: index_noqa(s.noqa) for path, s in summaries.items() if s.noqa and not ignore_noqa
    }
    used: dict[str, dict[int, set[str]]] = {}  # path -> directive line -> codes it suppressed
    kept: list[Finding] = []
    for finding in findings:
        if finding.code != INTERNAL_ERROR.code:
            if finding.code not in enabled:
                continue
            if per_file and finding.code in per_file.codes_for(finding.path):
                continue
            directives = noqa_by_path.get(finding.path)
            directive = directives.covering(finding) if directives else None
            if directive is not None:
                used.setdefault(finding.path, {}).setdefault(directive.line, set()).add(
                    finding.code
                )
                continue
        kept.append(finding)
    if UNUSED_NOQA.code in enabled and not ignore_noqa:
        for path in sorted(report_on if report_on is not None else noqa_by_path):
            summary = summaries.get(path)
            ignored = per_file.codes_for(path) if per_file else frozenset()
            if summary is None or not summary.noqa or UNUSED_NOQA.code in ignored:
                continue
            judged = enabled - ignored - {UNUSED_NOQA.code}
            kept.extend(unused_noqa_findings(path, summary.noqa, used.get(path, {}), judged))
    return sorted(set(kept), key=Finding.sort_key)


def noqa_warnings(
    summaries: Iterable[ModuleSummary], report_on: Iterable[str]
) -> list[tuple[str, int, str]]:
    """What is wrong with the ``# noqa`` directives of the files reported on:
    (path, line, warning)."""
    from fastlint.noqa import directive_problems

    by_path = {summary.path: summary for summary in summaries}
    warnings: list[tuple[str, int, str]] = []
    for path in sorted(report_on):
        summary = by_path.get(path)
        if summary is not None and summary.noqa:
            warnings.extend(directive_problems(path, summary.noqa))
    return warnings


def check_summaries(
    summaries: Sequence[ModuleSummary],
    options: ProjectOptions,
    enabled: frozenset[str],
    report_on: Iterable[str] | None = None,
    per_file: PerFileIgnores | None = None,
    ignore_noqa: bool = False,
) -> tuple[list[Finding], Project | None]:
    """The project pass and the rules, on summaries (no I/O)."""
    from fastlint.project import Project

    report = set(report_on) if report_on is not None else None
    raw: list[Finding] = []
    for summary in summaries:
        if report is not None and summary.path not in report:
            continue
        finding = parse_error_finding(summary)
        if finding is not None:
            raw.append(finding)
    project: Project | None
    try:
        project = Project(summaries, options)
    except Exception as error:  # a bug in the model must not hide parse errors
        first = sorted(report or [s.path for s in summaries] or ["."])[0]
        raw.append(internal_error("the project model", first, error))
        project = None
    if project is not None:
        raw.extend(run_rules(project, enabled, report))
    by_path = {s.path: s for s in summaries}
    return filter_findings(raw, by_path, enabled, per_file, report, ignore_noqa), project


def _results_key(
    settings: Settings,
    options: ProjectOptions,
    root: Path,
    enabled: frozenset[str],
    report_on: set[str],
    digests: Sequence[tuple[str, str]],
    ignore_noqa: bool = False,
) -> str:
    """What a whole run's findings depend on: every file's content (or every
    summary's: the findings are a function of the summaries), the settings
    (and the Pydantic version read from the dependencies), the selection."""
    from fastlint.cache import key_of

    return key_of(
        str(root),
        repr(settings),  # deterministic field order; no serializer to build
        options.pydantic_major,
        sorted(enabled),
        sorted(report_on),
        tuple(digests),
        ignore_noqa,
    )


def run_check(
    paths: Sequence[Path],
    root: Path,
    settings: Settings,
    enabled: frozenset[str],
    per_file: PerFileIgnores | None = None,
    *,
    force_exclude: bool = False,
    sources: Mapping[str, str] | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    need_project: bool = False,
    timings: dict[str, float] | None = None,
    ignore_noqa: bool = False,
) -> CheckResult:
    """Check ``paths``: read the whole project under ``root``, report on ``paths``.

    With ``force_exclude``, files named explicitly are dropped when the project's
    excludes (or .gitignore) would have skipped them: pre-commit passes every
    staged file, generated code and migrations included. ``sources`` replaces
    files' contents by in-memory texts (``--fix`` checks what it would write).
    With a ``cache``, a run where no file changed reuses the last run's findings
    (then ``project`` is None, unless ``need_project``), and unchanged files are
    not parsed again.
    """
    clock = time.perf_counter
    started = clock()
    project_discovery = discover_files([root], root, settings)
    texts = sources or {}
    # A buffer from an editor (``--stdin-filename``) need not exist on disk yet.
    virtual = [p for p in paths if relative_posix(p, root) in texts and not p.exists()]
    on_disk = [p for p in paths if p not in virtual]
    if on_disk and all(path.absolute() == root.absolute() for path in on_disk):
        requested: Discovery = Discovery(list(project_discovery.files), [])
    elif on_disk:
        requested = discover_files(on_disk, root, settings)
    else:
        requested = Discovery([], [])
    requested.files.extend(virtual)
    if force_exclude:
        kept = set(project_discovery.files)
        requested = Discovery([f for f in requested.files if f in kept], requested.problems)
    files = {f: relative_posix(f, root) for f in project_discovery.files}
    for f in requested.files:
        files.setdefault(f, relative_posix(f, root))
    ordered = sorted(files.items(), key=lambda item: item[1])
    report_on = {relative_posix(f, root) for f in requested.files}
    problems = list(dict.fromkeys([*project_discovery.problems, *requested.problems]))
    options = project_options(settings, root)
    use_results = cache is not None and not sources and not need_project
    if cache is not None and use_results:
        known = [cache.known_digest(path, rel)[1] for path, rel in ordered]
        if all(known):
            pairs = [(rel, digest or "") for (_, rel), digest in zip(ordered, known, strict=True)]
            key = _results_key(settings, options, root, enabled, report_on, pairs, ignore_noqa)
            hit = cache.results(key)
            if isinstance(hit, tuple) and len(hit) == 3:
                findings, skipped, warnings = hit
                return CheckResult(
                    root, findings, sorted(report_on), None, problems, skipped, warnings
                )
    discovered = clock()
    from fastlint.summaries import summarize_project

    file_pass = summarize_project(ordered, sources, cache=cache, jobs=jobs, progress=progress)
    summarized = clock()
    # Edits that leave every summary as it was (a comment, a string, most of a function
    # body) give the same findings: reuse them, keyed by the summaries' contents.
    by_summary = [(rel, file_pass.summary_keys.get(rel, "")) for _, rel in ordered]
    summary_key = ""
    if cache is not None and use_results and all(key for _, key in by_summary):
        summary_key = _results_key(
            settings, options, root, enabled, report_on, by_summary, ignore_noqa
        )
    hit = cache.results(summary_key) if cache is not None and summary_key else None
    project: Project | None = None
    if isinstance(hit, tuple) and len(hit) == 3:
        findings, skipped, warnings = hit
    else:
        hit = None
        summaries = file_pass.summaries()
        findings, project = check_summaries(
            summaries, options, enabled, report_on, per_file, ignore_noqa
        )
        skipped = [(s.path, s.skipped) for s in summaries if s.skipped and s.path in report_on]
        warnings = noqa_warnings(summaries, report_on)
    if timings is not None:
        timings["discovery"] = timings.get("discovery", 0.0) + discovered - started
        timings["file pass"] = timings.get("file pass", 0.0) + summarized - discovered
        timings["project pass and rules"] = (
            timings.get("project pass and rules", 0.0) + clock() - summarized
        )
    if cache is not None and not sources:
        pairs = [(rel, file_pass.digests.get(rel, "")) for _, rel in ordered]
        if use_results and all(digest for _, digest in pairs):
            key = _results_key(settings, options, root, enabled, report_on, pairs, ignore_noqa)
            cache.store_results(key, (findings, skipped, warnings))
        if summary_key and hit is None:
            cache.store_results(summary_key, (findings, skipped, warnings))
        cache.save_index(rel for _, rel in ordered)
    return CheckResult(root, findings, sorted(report_on), project, problems, skipped, warnings)
