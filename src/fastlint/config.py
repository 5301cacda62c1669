"""``[tool.fastlint]``: finding, reading and validating the configuration.

Pydantic is imported here and nowhere else on the start-up path: the CLI
imports this module only for commands that need settings. Every problem with a
config file becomes a :class:`ConfigError` whose text names the file and the
key, never a traceback.
"""

from __future__ import annotations

import configparser
import difflib
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

CONFIG_NAMES = (".fastlint.toml", "fastlint.toml")
ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")


class ConfigError(Exception):
    """A user-facing configuration problem; ``str()`` is the whole message."""


# --------------------------------------------------------------------------- models


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    """Shared model behaviour: kebab-case keys, no unknown keys, no coercion.

    ``strict`` keeps TOML types honest: ``jobs = "4"`` is an error, not 4.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        alias_generator=_kebab,
        populate_by_name=True,
        # The validation schema is built at the first validation, not at import:
        # a run without configuration never builds it (start-up time).
        defer_build=True,
    )


class AuthSettings(_Section):
    """``[tool.fastlint.auth]``: what counts as an auth dependency and a public route."""

    dependencies: list[str] = Field(default_factory=list)
    public_paths: list[str] = Field(
        default_factory=lambda: ["/health*", "/docs*", "/redoc*", "/openapi.json"]
    )


class PaginationSettings(_Section):
    """``[tool.fastlint.pagination]``: names and bounds of pagination parameters."""

    params: list[str] = Field(
        default_factory=lambda: ["limit", "page_size", "per_page", "size", "take", "count"]
    )
    max_limit: int = Field(default=100, ge=1)
    page_types: list[str] = Field(default_factory=list)


class StatusCodeSettings(_Section):
    """``[tool.fastlint.status-codes]``: which POST routes FL101 looks at."""

    post: Literal["creates", "all"] = "creates"


class RouterSettings(_Section):
    """``[tool.fastlint.routers]``: project-specific router classes and factories."""

    classes: list[str] = Field(default_factory=list)
    factories: list[str] = Field(default_factory=list)
    app_factories: list[str] = Field(default_factory=list)


def _check_selectors(values: Iterable[str], where: str = "") -> None:
    from fastlint.rules.registry import expand_selector

    for value in values:
        if expand_selector(value) is None:
            raise PydanticCustomError(
                "unknown_rule_code",
                "unknown rule code {code}{where}",
                {"code": repr(value), "where": where},
            )


def _check_patterns(patterns: Iterable[str]) -> None:
    import pathspec

    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except ValueError:
            raise PydanticCustomError(
                "invalid_pattern", "invalid glob pattern {pattern}", {"pattern": repr(pattern)}
            ) from None


class Settings(_Section):
    """The whole ``[tool.fastlint]`` table (or a ``fastlint.toml`` file)."""

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    exclude: list[str] | None = None
    extend_exclude: list[str] = Field(default_factory=list)
    respect_gitignore: bool = True
    jobs: int | None = Field(default=None, ge=1)
    cache_dir: str | None = None
    auth: AuthSettings = Field(default_factory=AuthSettings.model_construct)
    pagination: PaginationSettings = Field(default_factory=PaginationSettings.model_construct)
    status_codes: StatusCodeSettings = Field(default_factory=StatusCodeSettings.model_construct)
    routers: RouterSettings = Field(default_factory=RouterSettings.model_construct)
    pydantic_version: Literal[1, 2] | None = None
    fix: bool = False
    unsafe_fixes: bool = False

    @field_validator("select", "ignore", "extend_select")
    @classmethod
    def _known_codes(cls, value: list[str] | None) -> list[str] | None:
        _check_selectors(value or ())
        return value

    @field_validator("per_file_ignores")
    @classmethod
    def _known_per_file_codes(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for pattern, codes in value.items():
            _check_patterns([pattern.removeprefix("!")])
            _check_selectors(codes, f" (for {pattern!r})")
        return value

    @field_validator("exclude", "extend_exclude")
    @classmethod
    def _valid_patterns(cls, value: list[str] | None) -> list[str] | None:
        _check_patterns(value or ())
        return value


# --------------------------------------------------------------------------- reading


def _display(path: Path) -> str:
    """The path as users want to read it: relative to the CWD when under it."""
    if not path.is_absolute():
        return str(path)
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_display(path)}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{_display(path)}: invalid TOML: not UTF-8 ({exc.reason})") from None
    except OSError as exc:
        raise ConfigError(f"{_display(path)}: cannot read: {exc.strerror or exc}") from None


def _is_pyproject(path: Path) -> bool:
    return path.name == "pyproject.toml"


def _fastlint_table(data: Mapping[str, Any]) -> object:
    tool = data.get("tool")
    return tool.get("fastlint") if isinstance(tool, dict) else None


def _pyproject_has_table(path: Path) -> bool:
    """True if ``path`` declares ``[tool.fastlint]``; cheap for unrelated pyprojects."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:  # an unreadable pyproject may hold the config: never skip it silently
        raise ConfigError(f"{_display(path)}: cannot read: {exc.strerror or exc}") from None
    if "fastlint" not in text:
        return False
    return _fastlint_table(_read_toml(path)) is not None


def find_config_file(start: Path) -> Path | None:
    """The closest config file at or above ``start`` (a directory, or a file's parent).

    In each directory ``.fastlint.toml`` beats ``fastlint.toml`` beats a
    ``pyproject.toml`` that has a ``[tool.fastlint]`` table (others are skipped,
    as ruff does). No merging across levels: the first one found is the config.
    """
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and _pyproject_has_table(pyproject):
            return pyproject
    return None


def is_config_dir(directory: Path) -> bool:
    """Does ``directory`` hold a fastlint config of its own (a nested project)?"""
    if any((directory / name).is_file() for name in CONFIG_NAMES):
        return True
    pyproject = directory / "pyproject.toml"
    return pyproject.is_file() and _pyproject_has_table(pyproject)


def nested_config_dirs(directory: Path, skip: Sequence[str]) -> list[Path]:
    """Folders below ``directory`` with a fastlint config of their own, outermost
    first; folders whose name matches ``skip`` (virtualenvs, caches) are not entered."""
    import fnmatch
    import os

    skipped = re.compile("|".join(fnmatch.translate(pattern) for pattern in skip) or "(?!)")
    candidates = {*CONFIG_NAMES, "pyproject.toml"}
    found: list[Path] = []
    for current, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not skipped.match(d))
        # The listing is at hand: only a folder that lists a config file is looked at.
        if current != str(directory) and not candidates.isdisjoint(files):
            here = Path(current)
            if is_config_dir(here):
                found.append(here)
    return found


def find_project_root(start: Path, config_file: Path | None) -> Path:
    """One root per run: the config's directory, else the nearest project marker, else ``start``."""
    if config_file is not None:
        return config_file.resolve().parent
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return directory


MAX_EXTEND_DEPTH = 16


def _config_table(config_file: Path) -> tuple[dict[str, Any] | None, str]:
    """The fastlint table of a config file (None: a pyproject without one) and
    its label for messages."""
    data = _read_toml(config_file)
    if _is_pyproject(config_file):
        table = _fastlint_table(data)
        label = "tool.fastlint"
        if table is None:
            return None, label
    else:
        table, label = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{_display(config_file)}: [{label}] must be a table")
    return table, label


def _validate(table: Mapping[str, Any], config_file: Path, label: str) -> Settings:
    try:
        return Settings.model_validate(table)
    except ValidationError as exc:
        lines = [_describe(error, label) for error in exc.errors()]
        raise ConfigError("\n".join(f"{_display(config_file)}: {line}" for line in lines)) from None


def _merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` on top of ``base``; sub-tables (``[tool.fastlint.auth]``) key by key."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = {**result[key], **value}
        else:
            result[key] = value
    return result


def _resolved_table(config_file: Path, seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], str]:
    """The file's table with ``extend = "path"`` followed (relative to the file),
    each file validated on its own so that an error names the file it is in."""
    table, label = _config_table(config_file)
    if table is None:
        return {}, label
    table = dict(table)
    extend = table.pop("extend", None)
    if extend is None:
        return table, label
    if not isinstance(extend, str):
        raise ConfigError(f"{_display(config_file)}: [{label}] extend: expected a string (a path)")
    parent = (config_file.parent / extend).resolve()
    chain = (*seen, config_file.resolve())
    if parent in chain:
        cycle = " -> ".join(_display(p) for p in (*chain, parent))
        raise ConfigError(f"{_display(config_file)}: extend makes a cycle: {cycle}")
    if len(chain) > MAX_EXTEND_DEPTH:
        raise ConfigError(f"{_display(config_file)}: extend is nested too deeply")
    if not parent.is_file():
        raise ConfigError(f"{_display(config_file)}: extend: no such file {extend!r}")
    base, base_label = _resolved_table(parent, chain)
    _validate(base, parent, base_label)
    return _merged(base, table), label


def _overrides_table(overrides: Sequence[str]) -> dict[str, Any]:
    """``--config KEY=VALUE`` values, each a TOML line (``pagination.max-limit = 50``)."""
    table: dict[str, Any] = {}
    for override in overrides:
        try:
            parsed = tomllib.loads(override)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"--config {override!r}: not a TOML KEY=VALUE pair ({exc})") from None
        table = _merged(table, parsed)
    return table


def load_settings(config_file: Path | None, overrides: Sequence[str] = ()) -> Settings:
    """Read and validate ``config_file``; defaults when there is none.

    ``pyproject.toml`` contributes its ``[tool.fastlint]`` table (defaults when
    absent); any other file is the configuration itself, keys at top level.
    ``extend = "../pyproject.toml"`` starts from another config file's settings
    (its keys first, this file's on top), as ruff's ``extend`` does.
    """
    extra = _overrides_table(overrides)
    if extra:
        _validate(extra, Path("--config"), "")  # an error names the override
    if config_file is None:
        return _validate(extra, Path("--config"), "") if extra else default_settings()
    table, label = _resolved_table(config_file)
    table = _merged(table, extra)
    if not table:
        return default_settings()
    return _validate(table, config_file, label)


def default_settings() -> Settings:
    """The defaults, without validating them: nothing to check, and building the
    validators is most of a small run's start-up."""
    return Settings.model_construct()


# --------------------------------------------------------------------------- messages

_EXPECTED = {
    "int_type": "expected an integer",
    "int_parsing": "expected an integer",
    "int_from_float": "expected an integer",
    "string_type": "expected a string",
    "list_type": "expected a list",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "dict_type": "expected a table",
    "model_type": "expected a table",
    "model_attributes_type": "expected a table",
}


def _sub_model(model: type[BaseModel], key: object) -> type[BaseModel] | None:
    """The nested model behind table ``key`` of ``model``, if it is one."""
    for name, info in model.model_fields.items():
        if key in (name, _kebab(name)):
            annotation = info.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                return annotation
    return None


def _split_loc(loc: Sequence[int | str]) -> tuple[type[BaseModel], list[str], list[int | str]]:
    """Split an error location into (model, table path, key path inside that table)."""
    model: type[BaseModel] = Settings
    tables: list[str] = []
    index = 0
    while index < len(loc) - 1:
        sub = _sub_model(model, loc[index])
        if sub is None:
            break
        model = sub
        tables.append(str(loc[index]))
        index += 1
    return model, tables, list(loc[index:])


def _table_label(label: str, tables: list[str]) -> str:
    parts = [label, *tables] if label else tables
    return f"[{'.'.join(parts)}]" if parts else ""


def _key_label(keys: list[int | str]) -> str:
    text = ""
    for part in keys:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not text:
            text = part
        elif re.fullmatch(r"[A-Za-z0-9_-]+", part):
            text += f".{part}"
        else:
            text += f'."{part}"'
    return text


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def _suggestion(model: type[BaseModel], key: str) -> str:
    keys = [_kebab(name) for name in model.model_fields]
    matches = difflib.get_close_matches(_kebab(key), keys, n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


def _describe(error: Mapping[str, Any], label: str) -> str:
    """One line for one pydantic error, without the file name."""
    model, tables, keys = _split_loc(tuple(error["loc"]))
    where = _table_label(label, tables)
    if error["type"] == "extra_forbidden":
        key = str(keys[-1]) if keys else "?"
        place = f" in {where}" if where else ""
        if key == "tool" and not label and not tables:
            return f"unknown key {key!r} (this file takes the settings at top level)"
        return f"unknown key {key!r}{place}{_suggestion(model, key)}"
    prefix = f"{where} {_key_label(keys)}".strip()
    return f"{prefix}: {_problem(error)}"


def _problem(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    got = f", got {_show(error.get('input'))}"
    if kind in _EXPECTED:
        return _EXPECTED[kind] + got
    if kind in ("unknown_rule_code", "invalid_pattern"):
        return str(error["msg"])
    if kind == "greater_than_equal":
        return f"must be at least {error.get('ctx', {}).get('ge')}{got}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected {expected}{got}"
    message = str(error["msg"])
    return message[:1].lower() + message[1:] + got


# --------------------------------------------------------------------------- pydantic major

_PYDANTIC_REQ = re.compile(r"^\s*pydantic(?![A-Za-z0-9_.-])\s*(?:\[[^\]]*\])?\s*(.*)$", re.I)
_OPERATOR_SPACE = re.compile(r"(===|==|~=|!=|<=|>=|<|>|\^|~)\s+")
_CLAUSE = re.compile(r"^(===|==|~=|!=|<=|>=|<|>|\^|~)?\s*v?(\d+(?:\.(?:\d+|\*))*)")


def _version(text: str) -> tuple[int, ...]:
    """The numeric parts of a version; absurdly long ones (``1000…0``) are not versions."""
    return tuple(int(part) for part in text.split(".") if part.isdigit() and len(part) <= 18)


def _clause_is_v1(clause: str) -> bool:
    """Does one version clause (``<2``, ``==1.10.*``, ``^1.8``) confine pydantic to major 1?"""
    match = _CLAUSE.match(clause.strip())
    if not match:
        return False
    op, version = match.group(1) or "==", _version(match.group(2))
    if not version:
        return False
    if op == "<":
        return version <= (2,) + (0,) * (len(version) - 1)
    if op == "<=":
        return version < (2,)
    if op in ("==", "===", "~=", "^", "~"):
        return version[0] <= 1
    return False


def _spec_major(spec: str) -> int:
    """1 when the specifier keeps pydantic below 2, else 2 (declared, unconstrained)."""
    spec = _OPERATOR_SPACE.sub(r"\1", spec)
    alternatives = [alt for alt in re.split(r"\|\|?", spec) if alt.strip()] or [""]
    if all(
        any(_clause_is_v1(clause) for clause in re.split(r"[,\s]+", alt)) for alt in alternatives
    ):
        return 1
    return 2


def _requirement_major(line: str) -> int | None:
    """Major for a PEP 508 requirement naming pydantic; None for anything else."""
    match = _PYDANTIC_REQ.match(line.split(";", 1)[0])
    if not match:
        return None
    spec = match.group(1).strip().strip("()")
    return 2 if spec.startswith("@") else _spec_major(spec)


def _poetry_major(value: object) -> int:
    if isinstance(value, str):
        return _spec_major(value)
    if isinstance(value, dict) and isinstance(value.get("version"), str):
        return _spec_major(value["version"])
    if isinstance(value, list) and value:
        majors = {_poetry_major(item) for item in value}
        return 1 if majors == {1} else 2
    return 2


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, str))


def _pyproject_majors(root: Path) -> tuple[list[int], list[int]]:
    """(main, secondary) declarations of pydantic in ``pyproject.toml``."""
    main: list[int] = []
    extra: list[int] = []
    try:
        data = _read_toml(root / "pyproject.toml")
    except ConfigError:
        return main, extra
    project = data.get("project")
    if isinstance(project, dict):
        main += _req_majors(_strings(project.get("dependencies")))
        optional = project.get("optional-dependencies")
        if isinstance(optional, dict):
            for group in optional.values():
                extra += _req_majors(_strings(group))
    groups = data.get("dependency-groups")
    if isinstance(groups, dict):
        for group in groups.values():
            extra += _req_majors(_strings(group))
    poetry = data.get("tool", {}).get("poetry") if isinstance(data.get("tool"), dict) else None
    if isinstance(poetry, dict):
        main += _poetry_table_majors(poetry.get("dependencies"))
        poetry_groups = poetry.get("group")
        if isinstance(poetry_groups, dict):
            for group in poetry_groups.values():
                if isinstance(group, dict):
                    extra += _poetry_table_majors(group.get("dependencies"))
    return main, extra


def _poetry_table_majors(table: object) -> list[int]:
    if not isinstance(table, dict):
        return []
    return [_poetry_major(value) for key, value in table.items() if key.lower() == "pydantic"]


def _req_majors(lines: Iterable[str]) -> list[int]:
    majors = (_requirement_major(line) for line in lines)
    return [major for major in majors if major is not None]


def _requirements_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith(("#", "-"))]


def _setup_cfg_majors(root: Path) -> tuple[list[int], list[int]]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(root / "setup.cfg", encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return [], []
    main = _req_majors(parser.get("options", "install_requires", fallback="").splitlines())
    extra: list[int] = []
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            extra += _req_majors(value.splitlines())
    return main, extra


def read_pydantic_major(root: Path) -> int | None:
    """The Pydantic major version the project declares: 1, 2, or None if undeclared.

    Main dependencies (PEP 621, Poetry, ``setup.cfg`` ``install_requires``,
    ``requirements.txt``) decide when they mention pydantic; extras, groups and
    other ``requirements*.txt`` files only otherwise. Any source pinning it
    below 2 wins over the others at the same level. Parsing is deliberately
    forgiving: unreadable or odd files are skipped, never an error.
    """
    main, extra = _pyproject_majors(root)
    cfg_main, cfg_extra = _setup_cfg_majors(root)
    main += cfg_main
    extra += cfg_extra
    for path in sorted(root.glob("requirements*.txt")):
        majors = _req_majors(_requirements_lines(path))
        (main if path.name == "requirements.txt" else extra).extend(majors)
    for majors in (main, extra):
        if majors:
            return 1 if 1 in majors else 2
    return None
