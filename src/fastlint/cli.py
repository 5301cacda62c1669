"""The ``fastlint`` command line (click).

Heavy modules (pydantic via ``config``, the engine, renderers) are imported
inside the commands that need them, so ``fastlint --version`` and
``fastlint rule`` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from fastlint import __version__
from fastlint.output.context import FORMATS as OUTPUT_FORMATS

if TYPE_CHECKING:
    from fastlint.cache import Cache
    from fastlint.config import Settings
    from fastlint.findings import Finding

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class ConfigChoice:
    """Where a run's settings come from: ``--config FILE`` (or the nearest config
    file), ``--config KEY=VALUE`` overrides on top, or ``--isolated`` (none)."""

    path: Path | None = None
    overrides: tuple[str, ...] = ()
    isolated: bool = False

    @classmethod
    def from_options(cls, values: Sequence[str], isolated: bool) -> ConfigChoice:
        """``--config`` values: a file, or ``KEY=VALUE`` in TOML (``pagination.max-limit=50``)."""
        paths = [v for v in values if "=" not in v or Path(v).is_file()]
        if len(paths) > 1:
            fail("--config: give one config file (and any number of KEY=VALUE overrides)")
        overrides = tuple(v for v in values if v not in paths)
        return cls(Path(paths[0]) if paths else None, overrides, isolated)


def fail(message: str) -> NoReturn:
    """A usage, config or I/O error: one line on stderr, exit 2."""
    click.echo(f"fastlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _split_codes(values: Sequence[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _display_path_function(root: Path) -> object:
    cwd = Path.cwd()
    shown: dict[str, str] = {}  # a file's findings share its path

    def display(path: str) -> str:
        known = shown.get(path)
        if known is not None:
            return known
        absolute = root / path
        try:
            text = absolute.relative_to(cwd).as_posix()
        except ValueError:
            text = os.path.relpath(absolute, cwd) if absolute.is_absolute() else path
        shown[path] = text
        return text

    return display


def _source_line_function(root: Path) -> object:
    from fastlint.lines import source_lines

    cache: dict[str, list[str]] = {}

    def source_line(path: str, line: int) -> str:
        if path not in cache:
            try:
                cache[path] = source_lines(
                    (root / path).read_text(encoding="utf-8", errors="replace")
                )
            except OSError:
                cache[path] = []
        lines = cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    return source_line


def _group_by_project(
    paths: Sequence[Path], choice: ConfigChoice
) -> list[tuple[Path, Settings, list[Path]]]:
    """Paths grouped by the project they belong to (a pre-commit run can span several).

    As ruff does it, each file is checked with its closest config: a folder below
    a checked directory that has a config of its own is a project of its own (its
    own apps and routers), and the enclosing project leaves it out. An explicit
    ``--config FILE`` or ``--isolated`` turns this off.
    """
    groups: dict[Path, tuple[Settings, list[Path]]] = {}
    for path in paths:
        settings, root = load_configuration([path], choice)
        groups.setdefault(root, (settings, []))[1].append(path)
    if choice.path is None and not choice.isolated:
        _add_nested_projects(groups, choice)
    return [(root, settings, members) for root, (settings, members) in groups.items()]


def _add_nested_projects(
    groups: dict[Path, tuple[Settings, list[Path]]], choice: ConfigChoice
) -> None:
    """Each project leaves out the folders below it that have a config of their own
    (whatever paths were given), and a checked directory that holds such folders
    checks them as projects of their own."""
    from fastlint.config import nested_config_dirs
    from fastlint.discovery import DEFAULT_EXCLUDES

    pending = list(groups)
    while pending:
        root = pending.pop(0)
        settings, members = groups[root]
        excluded = _excluded_by(settings)
        nested = [
            d
            for d in nested_config_dirs(root.absolute(), DEFAULT_EXCLUDES)
            if d.resolve() != root.resolve()
            and not excluded(d.resolve().relative_to(root.resolve()).as_posix() + "/")
        ]
        if not nested:
            continue
        for directory in nested:
            walked = any(
                m.is_dir() and directory.resolve().is_relative_to(m.resolve()) for m in members
            )
            if not walked:
                continue
            inner_settings, inner_root = load_configuration([directory], choice)
            if inner_root not in groups:
                pending.append(inner_root)
            groups.setdefault(inner_root, (inner_settings, []))[1].append(directory)
        patterns = [f"/{d.resolve().relative_to(root.resolve()).as_posix()}/" for d in nested]
        trimmed = settings.model_copy(
            update={"extend_exclude": [*settings.extend_exclude, *patterns]}
        )
        groups[root] = (trimmed, members)


def _excluded_by(settings: Settings) -> Callable[[str], bool]:
    """The project's exclude patterns (gitignore style, root-relative) as a test."""
    import pathspec

    from fastlint.discovery import DEFAULT_EXCLUDES

    patterns = [*(DEFAULT_EXCLUDES if settings.exclude is None else settings.exclude)]
    spec = pathspec.GitIgnoreSpec.from_lines([*patterns, *settings.extend_exclude])
    return spec.match_file


def _config_file(start: Path, choice: ConfigChoice) -> Path | None:
    """The config file a run uses for ``start``."""
    from fastlint.config import find_config_file

    if choice.isolated:
        return None
    return choice.path if choice.path is not None else find_config_file(start)


def _show_settings(
    groups: Sequence[tuple[Path, Settings, list[Path]]], choice: ConfigChoice
) -> None:
    """``--show-settings``: where each project's settings come from, and what they are."""
    import json

    for root, settings, members in groups:
        config_file = _config_file(members[0].absolute(), choice)
        click.echo(f"Resolved settings for: {members[0]}")
        click.echo(f"Project root: {root}")
        click.echo(f"Config file: {config_file if config_file else '(none: the defaults)'}")
        tables: dict[str, dict[str, object]] = {}
        for key, value in settings.model_dump(by_alias=True).items():
            if isinstance(value, dict) and key != "per-file-ignores":
                tables[key] = value
            else:
                click.echo(f"{key} = {json.dumps(value)}")
        for name, table in tables.items():
            click.echo(f"[{name}]")
            for key, value in table.items():
                click.echo(f"{key} = {json.dumps(value)}")
        click.echo("")


def _show_files(groups: Sequence[tuple[Path, Settings, list[Path]]], choice: ConfigChoice) -> None:
    """``--show-files``: every file a check would read, and the config it uses."""
    from fastlint.discovery import discover_files

    display = _display_path_function(Path.cwd())
    for root, settings, members in groups:
        config_file = _config_file(members[0].absolute(), choice)
        label = display(str(config_file)) if config_file else "(defaults)"  # type: ignore[operator]
        found = discover_files([p.absolute() for p in members], root, settings)
        for path in found.files:
            click.echo(f"{display(str(path))}  [{label}]")  # type: ignore[operator]


def _common_root(roots: Sequence[Path]) -> Path:
    return Path(os.path.commonpath([str(root) for root in roots]))


def load_configuration(
    paths: Sequence[Path], choice: ConfigChoice | None = None
) -> tuple[Settings, Path]:
    """Settings and project root: ``--config`` or the nearest config above the first
    path, ``KEY=VALUE`` overrides on top; ``--isolated``: no config file at all."""
    choice = choice or ConfigChoice()
    config = choice.path
    from fastlint.config import ConfigError, find_project_root, load_settings
    from fastlint.discovery import missing_reason

    start = (paths[0] if paths else Path(".")).absolute()
    if not start.exists():
        fail(f"{paths[0] if paths else '.'}: {missing_reason(start)}")
    try:
        config_file = _config_file(start, choice)
        if config is not None and not config.is_file():
            fail(f"{config}: no such config file")
        settings = load_settings(config_file, choice.overrides)
    except ConfigError as error:
        fail(str(error))
    # An explicit --config names the settings, not the project: the root still comes
    # from the checked path (a shared config file may live anywhere).
    discovered = None if config is not None else config_file
    root = find_project_root(start if start.is_dir() else start.parent, discovered)
    return settings, root


# --- top-level guard: an unexpected exception exits 2 (1 means findings), Ctrl-C 130 ---

SHOW_TRACEBACK = "--show-traceback"
EXIT_INTERRUPTED = 130


class _GuardedGroup(click.Group):
    """The ``fastlint`` group: a crash is one line on stderr and exit 2, not a
    traceback and exit 1; ``--show-traceback`` (anywhere before ``--``) adds the
    traceback. Ctrl-C exits 130."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        if SHOW_TRACEBACK in args[:end]:  # a group option, also accepted after the command
            args = [SHOW_TRACEBACK, *(a for a in args[:end] if a != SHOW_TRACEBACK), *args[end:]]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise  # click's own exits and messages
        except KeyboardInterrupt:
            click.echo("fastlint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as error:
            _internal_error(error, bool(ctx.params.get("show_traceback")))


def _internal_error(error: Exception, show_traceback: bool) -> NoReturn:
    from fastlint.output.escape import escape_surrogates, escape_text

    hint = f"; {SHOW_TRACEBACK} prints the details"
    if show_traceback:
        import traceback

        click.echo(escape_surrogates(traceback.format_exc()), err=True, nl=False)
        hint = ""
    text = escape_text(f"{type(error).__name__}: {error}")
    click.echo(f"fastlint: internal error: {text} (please report it{hint})", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=_GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="fastlint")
@click.option(
    SHOW_TRACEBACK, is_flag=True, help="On an internal error, print the Python traceback too."
)
def main(show_traceback: bool) -> None:
    """fastlint: a static checker for FastAPI projects."""


# --- end of the top-level guard ---


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--select", multiple=True, help="Rule codes or prefixes to enable (replaces the default set)."
)
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to enable on top.")
@click.option(
    "--output-format",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="How to print findings.",
)
@click.option(
    "--output-file", "-o", type=click.Path(path_type=Path), help="Write the report to a file."
)
@click.option("--exit-zero", "-e", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Show a count per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary line.")
@click.option(
    "--silent",
    "-s",
    is_flag=True,
    help="Print no report (the exit status still says whether there are findings; "
    "--output-file is still written).",
)
@click.option(
    "--config",
    "config_values",
    multiple=True,
    help="A config file to use instead of searching, or a KEY=VALUE override in TOML "
    "(`--config 'pagination.max-limit=50'`); repeatable.",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path),
    help="Where to keep the cache (config: `cache-dir`; default: the user cache dir).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for the file pass (config: `jobs`; default: every core).",
)
@click.option(
    "--baseline", type=click.Path(path_type=Path), help="Hide findings recorded in this file."
)
@click.option(
    "--write-baseline", type=click.Path(path_type=Path), help="Record today's findings here."
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply exclude patterns to files named on the command line too (pre-commit).",
)
@click.option(
    "--stdin-filename",
    help="Check the code on standard input as this file (PATHS: `-`); the rest of the "
    "project is read from disk.",
)
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour the text output (auto: on a terminal; FORCE_COLOR and NO_COLOR are honoured).",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Say on stderr which config and root each project uses, what was skipped, and "
    "how long each phase took.",
)
@click.option("--isolated", is_flag=True, help="Ignore every config file (use the defaults).")
@click.option("--show-files", is_flag=True, help="List the files that would be checked; exit.")
@click.option("--show-settings", is_flag=True, help="Print the resolved settings; exit.")
@click.option("--fix/--no-fix", default=None, help="Apply safe fixes (config: `fix`).")
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    default=None,
    help="With --fix, apply unsafe fixes too; without, show them as available "
    "(config: `unsafe-fixes`).",
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--show-fixes", is_flag=True, help="List the fixes applied, per file.")
@click.option("--fix-only", is_flag=True, help="Apply fixes; do not report what remains.")
@click.option(
    "--ignore-noqa", is_flag=True, help="Ignore `# noqa` comments: report what they suppress."
)
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="Exit 1 when a fix was applied, even if nothing remains (a CI or hook run "
    "that fixes must fail so the fix gets committed).",
)
def check(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    output_format: str,
    output_file: Path | None,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    silent: bool,
    config_values: tuple[str, ...],
    no_cache: bool,
    cache_dir: Path | None,
    jobs: int | None,
    baseline: Path | None,
    write_baseline: Path | None,
    force_exclude: bool,
    stdin_filename: str | None,
    color: str,
    verbose: bool,
    isolated: bool,
    show_files: bool,
    show_settings: bool,
    fix: bool | None,
    unsafe_fixes: bool | None,
    diff: bool,
    show_fixes: bool,
    fix_only: bool,
    ignore_noqa: bool,
    exit_non_zero_on_fix: bool,
) -> None:
    """Check PATHS (default: the current directory).

    The whole project around PATHS is read (cross-file rules need it); findings
    are reported for the files under PATHS only.
    """
    from fastlint.config import ConfigError
    from fastlint.discovery import DiscoveryError
    from fastlint.findings import Finding
    from fastlint.fixes.runner import check_project, prefixed, unified_diff, write_fixed
    from fastlint.output.skipped import skipped_findings
    from fastlint.rules.registry import RULE_INFOS
    from fastlint.selection import PerFileIgnores, resolve_selection

    choice = ConfigChoice.from_options(config_values, isolated)
    stdin_text: str | None = None
    if stdin_filename is not None:
        if fix or fix_only or diff:
            fail("--stdin-filename checks a buffer; it cannot be combined with fixing")
        if [str(p) for p in paths] not in ([], ["-"]):
            fail("with --stdin-filename, give `-` (or nothing) as the path")
        stdin_text = sys.stdin.read()
        paths = (Path(stdin_filename),)
    path_list = list(paths) or [Path(".")]
    for path in path_list:
        if stdin_text is None and not path.exists() and not path.is_symlink():
            fail(f"{path}: no such file or directory")
    if stdin_text is not None:  # the config of the folder the buffer's file is (to be) in
        buffer_path = path_list[0]
        anchor = buffer_path if buffer_path.exists() else buffer_path.absolute().parent
        groups = [(g[0], g[1], [buffer_path]) for g in _group_by_project([anchor], choice)]
    else:
        groups = _group_by_project(path_list, choice)
    if show_settings:
        _show_settings(groups, choice)
        sys.exit(EXIT_CLEAN)
    if show_files:
        _show_files(groups, choice)
        sys.exit(EXIT_CLEAN)
    root = _common_root([group_root for group_root, _, _ in groups])
    findings: list[Finding] = []
    fixed: list[Finding] = []
    diffs: list[str] = []
    files_checked = 0
    internal_errors = 0
    enabled: frozenset[str] = frozenset()
    show_unsafe = False
    plan_edits = output_format in ("json", "json-lines", "sarif", "rdjson")
    progress = _progress_reporter(quiet or silent)
    for group_root, settings, group_paths in groups:
        timings: dict[str, float] | None = {} if verbose else None
        if verbose:
            config_file = _config_file(group_paths[0].absolute(), choice)
            _say(f"project root {group_root}; config {config_file or '(the defaults)'}")
        fixing = fix_only or diff or (fix if fix is not None else settings.fix)
        unsafe = unsafe_fixes if unsafe_fixes is not None else settings.unsafe_fixes
        show_unsafe = show_unsafe or unsafe
        try:
            enabled = resolve_selection(
                settings,
                select=_split_codes(select) or None,
                ignore=_split_codes(ignore),
                extend_select=_split_codes(extend_select),
            )
            per_file = PerFileIgnores.from_settings(settings, group_root)
            run = check_project(
                [p.absolute() for p in group_paths],
                group_root,
                settings,
                enabled,
                per_file,
                force_exclude=force_exclude,
                plan_edits=plan_edits,
                fix=_wanted(unsafe) if fixing else None,
                cache=None if no_cache else _cache(group_root, settings, cache_dir),
                jobs=jobs or settings.jobs or _default_jobs(),
                progress=progress,
                buffers=_stdin_sources(group_paths, group_root, stdin_text),
                timings=timings,
                ignore_noqa=ignore_noqa,
            )
        except ConfigError as error:
            fail(str(error))
        except DiscoveryError as error:
            fail(str(error))
        result = run.result
        if timings is not None:
            phases = ", ".join(f"{phase} {seconds:.2f} s" for phase, seconds in timings.items())
            _say(
                f"{group_root}: {len(result.files)} files reported on; "
                + (phases or "nothing changed: the last run's findings, from the cache")
            )
        for path, problem in result.problems:
            click.echo(f"fastlint: warning: {path}: {problem}", err=True)
        skipped = skipped_findings(result.skipped, enabled, per_file)  # FL000 in every format
        for rel, reason in result.skipped:
            if not any(finding.path == rel for finding in skipped):  # FL000 is not selected
                click.echo(f"fastlint: warning: {rel}: skipped ({reason})", err=True)
        prefix = group_root.relative_to(root).as_posix() if group_root != root else ""
        for rel, line, message in result.warnings:
            shown = f"{prefix}/{rel}" if prefix else rel
            click.echo(f"fastlint: warning: {shown}:{line}: {message}", err=True)
        if diff:
            diffs.append(unified_diff(run, _display_path_function(group_root)))  # type: ignore[arg-type]
        elif fixing:
            write_fixed(run)
            for warning in run.warnings:
                click.echo(f"fastlint: warning: {warning}", err=True)
        if run.fixes is not None:
            fixed.extend(prefixed(run.fixes.fixed, prefix))
        findings.extend(prefixed([*result.findings, *skipped], prefix))
        files_checked += len(result.files)
        internal_errors += result.internal_errors
    findings.sort(key=Finding.sort_key)
    if progress is not None:
        progress.finish()
    if files_checked == 0:
        click.echo("fastlint: warning: No Python files found under the given path(s)", err=True)

    if diff:
        text = "".join(diffs)
        if text:
            click.echo(text, nl=False)
        noun = "fix" if len(fixed) == 1 else "fixes"
        click.echo(f"Would apply {len(fixed)} {noun}.", err=True)
        sys.exit(EXIT_ERROR if internal_errors else EXIT_FINDINGS if fixed else EXIT_CLEAN)
    if fix_only:
        if not quiet and not silent:
            click.echo(_fixed_summary(fixed, show_fixes, root))
        if internal_errors:
            sys.exit(EXIT_ERROR)
        sys.exit(EXIT_FINDINGS if exit_non_zero_on_fix and fixed else EXIT_CLEAN)

    source_line = _source_line_function(root)
    if write_baseline is not None:
        from fastlint.baseline import write_baseline as save_baseline

        try:  # every current finding: a baseline records the whole debt, not what is new
            recorded = save_baseline(write_baseline, findings, source_line, __version__)  # type: ignore[arg-type]
        except OSError as error:
            fail(str(error))
        click.echo(f"fastlint: recorded {recorded} findings in {write_baseline}", err=True)
        sys.exit(EXIT_ERROR if internal_errors else EXIT_CLEAN)
    if baseline is not None:
        from fastlint.baseline import BaselineError, load_baseline

        try:
            findings = load_baseline(baseline).filter(findings, source_line)  # type: ignore[arg-type]
        except BaselineError as error:
            fail(str(error))

    from fastlint.output import RenderContext, render

    context = RenderContext(
        root=root,
        rules=[RULE_INFOS[code] for code in sorted(enabled) if code in RULE_INFOS],
        version=__version__,
        source_line=source_line,  # type: ignore[arg-type]
        display_path=_display_path_function(root),  # type: ignore[arg-type]
        color=_use_color(color, output_file),
        statistics=statistics,
        files_checked=files_checked,
        unsafe_fixes=show_unsafe,
        fixed=len(fixed),
        fixed_files=frozenset(f.path for f in fixed),
        summary=not quiet,
    )
    if not silent or output_file is not None:
        _emit(render(output_format, findings, context), output_file, context.color)
    text_report = output_format in ("text", "concise", "full", "grouped")
    if show_fixes and fixed and text_report and not silent:
        click.echo(_fixed_summary(fixed, True, root))
    if internal_errors:
        sys.exit(EXIT_ERROR)
    if exit_non_zero_on_fix and fixed:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_FINDINGS if findings and not exit_zero else EXIT_CLEAN)


def _cache(root: Path, settings: Settings, cache_dir: Path | None) -> Cache:
    """The project's cache: ``--cache-dir``, else ``cache-dir`` from the config
    (relative to the project root), else the user cache dir."""
    from fastlint.cache import Cache, default_cache_dir

    directory = cache_dir or (root / settings.cache_dir if settings.cache_dir else None)
    return Cache(directory.absolute() if directory else default_cache_dir(), root)


def _default_jobs() -> int:
    from fastlint.summaries import default_jobs

    return default_jobs()


class _ProgressLine:
    """``files summarised / total`` on stderr, on a terminal, once a run takes a while."""

    DELAY = 1.0

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, cached: int) -> None:
        now = self._clock()
        if now - self._start < self.DELAY or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        click.echo(
            f"\rfastlint: {done}/{total} files ({cached} from the cache)", err=True, nl=False
        )
        self._shown = True

    def finish(self) -> None:
        if self._shown:
            click.echo("\r\033[K", err=True, nl=False)


def _progress_reporter(quiet: bool) -> _ProgressLine | None:
    if quiet or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return None
    return _ProgressLine()


def _say(message: str) -> None:
    """``--verbose``: one line on stderr."""
    click.echo(f"fastlint: {message}", err=True)


def _use_color(choice: str, output_file: Path | None) -> bool:
    """``--color``, then ``FORCE_COLOR``, then ``NO_COLOR``, then: a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    if "NO_COLOR" in os.environ:
        return False
    return output_file is None and sys.stdout.isatty()


def _stdin_sources(paths: Sequence[Path], root: Path, text: str | None) -> dict[str, str] | None:
    """``--stdin-filename``: the buffer, as the text of the file it names."""
    if text is None:
        return None
    from fastlint.discovery import relative_posix

    return {relative_posix(path.absolute(), root): text for path in paths}


def _wanted(unsafe: bool) -> Callable[[str], bool]:
    """Which applicabilities ``--fix`` applies."""
    return lambda applicability: applicability == "safe" or unsafe


def _fixed_summary(fixed: Sequence[Finding], per_file: bool, root: Path) -> str:
    """``Fixed 3 findings.`` and, with ``--show-fixes``, the fixes per file."""
    noun = "finding" if len(fixed) == 1 else "findings"
    lines = [f"Fixed {len(fixed)} {noun}."]
    if per_file and fixed:
        from collections import Counter

        from fastlint.rules.registry import RULE_INFOS

        display = _display_path_function(root)
        by_file: dict[str, Counter[str]] = {}
        for finding in fixed:
            by_file.setdefault(finding.path, Counter())[finding.code] += 1
        for path, counts in sorted(by_file.items()):
            lines.append(f"- {display(path)}:")  # type: ignore[operator]
            for code, count in sorted(counts.items()):
                name = RULE_INFOS[code].name if code in RULE_INFOS else ""
                lines.append(f"    {count} x {code} ({name})")
    return "\n".join(lines)


def _emit(text: str, output_file: Path | None, color: bool = False) -> None:
    if output_file is not None:
        from fastlint.atomic import write_text_atomic

        try:
            write_text_atomic(output_file, text + "\n" if text else "")
        except OSError as error:
            fail(str(error))
        return
    if text:
        click.echo(text, color=color)  # click drops styles off a terminal unless told


@main.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
def rule(code: str | None, show_all: bool) -> None:
    """Explain rule CODE (e.g. FL101), or list all rules with --all."""
    from fastlint.docs import load_doc
    from fastlint.rules.registry import RULE_INFOS, all_infos

    if show_all or code is None:
        click.echo(f"{'code':6}  {'name':26}  {'default':7}  {'fix':9}  summary")
        for info in all_infos():
            default = "on" if info.default_enabled else "off"
            click.echo(
                f"{info.code:6}  {info.name:26}  {default:7}  {info.fix or '-':9}  {info.summary}"
            )
        return
    wanted = code.upper()
    match = RULE_INFOS.get(wanted) or next((i for i in RULE_INFOS.values() if i.name == code), None)
    if match is None:
        fail(f"unknown rule {code!r} (see `fastlint rule --all`)")
    doc = load_doc(match.code)
    if doc is None:
        fail(f"the document of {match.code} is missing from this installation")
    click.echo(doc.rstrip())


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "markdown")),
    default="text",
    show_default=True,
)
@click.option("--config", type=click.Path(path_type=Path), help="Use this config file.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the cache.")
def routes(path: Path | None, fmt: str, config: Path | None, no_cache: bool) -> None:
    """Show every route as fastlint sees it: full path, tags, auth, status, handler."""
    from fastlint.discovery import DiscoveryError, missing_reason
    from fastlint.engine import run_check
    from fastlint.routes_report import render_routes

    target = path or Path(".")
    if not target.exists():
        fail(f"{target}: {missing_reason(target)}")
    settings, root = load_configuration([target], ConfigChoice(config))
    try:
        result = run_check(
            [target.absolute()],
            root,
            settings,
            frozenset(),
            cache=None if no_cache else _cache(root, settings, None),
            jobs=settings.jobs or _default_jobs(),
            need_project=True,
        )
    except DiscoveryError as error:
        fail(str(error))
    if result.project is None:
        fail("could not build the project model (run `fastlint check` for details)")
    errors: list[str] = []
    try:
        report = render_routes(result.project, fmt, _display_path_function(root), errors)  # type: ignore[arg-type]
    except Exception as error:  # a model bug is an exit-2 error, never a traceback
        fail(f"internal error while building the routes report: {type(error).__name__}: {error}")
    click.echo(report)
    for message in dict.fromkeys(errors):
        click.echo(f"fastlint: {message}", err=True)
    if errors:
        sys.exit(EXIT_ERROR)


@main.command()
@click.option("--cache-dir", type=click.Path(path_type=Path), help="The cache to remove.")
def clean(cache_dir: Path | None) -> None:
    """Remove fastlint's cache (``--cache-dir``, else the user cache dir)."""
    from fastlint.cache import clean as remove_cache
    from fastlint.cache import default_cache_dir

    directory = cache_dir or default_cache_dir()
    if remove_cache(directory):
        click.echo(f"fastlint: removed {directory}")
    else:
        click.echo(f"fastlint: no cache at {directory}")


if __name__ == "__main__":  # pragma: no cover
    main()
