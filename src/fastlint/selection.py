"""Which rules run, globally (select/ignore) and per file (per-file-ignores).

Selectors are full codes (``FL301``), rule names (``missing-auth``), code
prefixes (``FL``, ``FL3``, ``FL30``) or ``ALL``. More specific selectors win
over less specific ones, and at equal specificity ``ignore`` wins, as in ruff:
``select = ["FL3"]`` + ``ignore = ["FL301"]`` leaves FL302 only, and
``ignore = ["FL3"]`` + ``extend-select = ["FL301"]`` turns FL301 back on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

import pathspec

from fastlint.config import ConfigError, Settings
from fastlint.rules.registry import INTERNAL_ERROR, RULE_INFOS, expand_selector

ALWAYS_ENABLED = frozenset({INTERNAL_ERROR.code})
_EXACT = 100  # specificity of a full code or a rule name: beats any prefix
_NAMES = frozenset(info.name for info in RULE_INFOS.values())


def specificity(selector: str) -> int:
    """``ALL`` < ``FL`` < ``FL3`` < ``FL30`` < ``FL301`` (or a rule name)."""
    upper = selector.strip().upper()
    if upper == "ALL":
        return 0
    if upper in RULE_INFOS or upper.lower() in _NAMES:
        return _EXACT
    return len(upper)


def _split(values: Iterable[str]) -> list[str]:
    """Accept ``--select FL1,FL2`` as well as repeated options."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _validate(option: str, selectors: Iterable[str]) -> list[str]:
    selectors = _split(selectors)
    for selector in selectors:
        if expand_selector(selector) is None:
            raise ConfigError(f"{option}: unknown rule code {selector!r}")
    return selectors


def _decide(enable: Sequence[str], disable: Sequence[str]) -> dict[str, bool]:
    """Per code: the verdict of the most specific matching selector; ignore wins ties."""
    best: dict[str, tuple[int, int]] = {}
    for selectors, is_ignore in ((enable, 0), (disable, 1)):
        for selector in selectors:
            rank = (specificity(selector), is_ignore)
            for code in expand_selector(selector) or ():
                if rank >= best.get(code, (-1, 0)):
                    best[code] = rank
    return {code: is_ignore == 0 for code, (_, is_ignore) in best.items()}


def _defaults() -> set[str]:
    return {code for code, info in RULE_INFOS.items() if info.default_enabled}


def resolve_selection(
    settings: Settings,
    *,
    select: Sequence[str] | None,
    ignore: Sequence[str],
    extend_select: Sequence[str],
) -> frozenset[str]:
    """The enabled rule codes: config first, then the command line on top.

    As ruff does it (``ruff --select F401`` ignores the config's modifiers):

    1. Config layer: the base is config ``select`` if set, else the rules on by
       default; config ``extend-select`` and ``ignore`` adjust it (by specificity).
    2. CLI layer: with ``--select``, the highest-priority select starts the chain
       again: the base is that selection, adjusted only by ``--extend-select`` and
       ``--ignore`` (so ``--select FL201`` re-enables a rule the config ignores);
       without it, ``--extend-select``/``--ignore`` adjust the config result.

    FL999 (internal error) is always enabled. Unknown CLI selectors raise
    :class:`ConfigError` (config values were validated when loading).
    """
    cli_select = None if select is None else _validate("--select", select)
    cli_ignore = _validate("--ignore", ignore)
    cli_extend = _validate("--extend-select", extend_select)

    enabled = _apply(_defaults(), settings.select, settings.extend_select, settings.ignore)
    if cli_select is not None:
        enabled = _apply(set(), cli_select, cli_extend, cli_ignore)
    else:
        enabled = _apply(enabled, None, cli_extend, cli_ignore)
    return frozenset(enabled | ALWAYS_ENABLED)


def _apply(
    current: set[str],
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
) -> set[str]:
    """One layer: ``select`` replaces ``current``; the rest patches it."""
    decisions = _decide([*(select or ()), *extend_select], ignore)
    base = set() if select is not None else set(current)
    for code, on in decisions.items():
        if on:
            base.add(code)
        else:
            base.discard(code)
    return base


class PerFileIgnores:
    """``per-file-ignores``: gitignore-style globs mapped to codes to drop.

    Patterns are relative to the config file's directory (``base``, POSIX,
    relative to the project root; ``""`` when the config sits at the root).
    A pattern without ``/`` matches a basename anywhere (``__init__.py``);
    ``tests/`` matches everything below ``tests``; a leading ``!`` negates
    (the codes apply to files that do *not* match), as in ruff. ``ALL`` and
    prefixes expand to codes; FL999 is dropped only when named exactly.
    """

    def __init__(self, patterns: Mapping[str, Sequence[str]], base: str = "") -> None:
        self._base = base.strip("/")
        self._entries: list[tuple[pathspec.GitIgnoreSpec, bool, frozenset[str]]] = []
        for pattern, selectors in patterns.items():
            negated = pattern.startswith("!")
            spec = pathspec.GitIgnoreSpec.from_lines([pattern[1:] if negated else pattern])
            self._entries.append((spec, negated, _expand_ignores(selectors)))
        self._cache: dict[str, frozenset[str]] = {}

    @classmethod
    def from_settings(
        cls, settings: Settings, root: Path, config_dir: Path | None = None
    ) -> PerFileIgnores:
        """Build from settings; patterns resolve from ``config_dir`` (default: the root)."""
        base = ""
        if config_dir is not None:
            try:
                base = config_dir.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                base = ""
        return cls(settings.per_file_ignores, "" if base == "." else base)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def codes_for(self, rel_path: str) -> frozenset[str]:
        """Codes ignored for ``rel_path`` (POSIX, relative to the project root)."""
        cached = self._cache.get(rel_path)
        if cached is None:
            cached = self._compute(rel_path)
            self._cache[rel_path] = cached
        return cached

    def _compute(self, rel_path: str) -> frozenset[str]:
        path = self._relative_to_base(rel_path)
        if path is None or not self._entries:
            return frozenset()
        codes: set[str] = set()
        for spec, negated, entry_codes in self._entries:
            if spec.match_file(path) != negated:
                codes |= entry_codes
        return frozenset(codes)

    def _relative_to_base(self, rel_path: str) -> str | None:
        path = PurePosixPath(rel_path.removeprefix("./")).as_posix()
        if not self._base:
            return path
        prefix = self._base + "/"
        return path[len(prefix) :] if path.startswith(prefix) else None


def _expand_ignores(selectors: Iterable[str]) -> frozenset[str]:
    codes: set[str] = set()
    for selector in selectors:
        expanded = expand_selector(selector) or frozenset()
        if selector.strip().upper() not in ALWAYS_ENABLED:
            expanded = expanded - ALWAYS_ENABLED
        codes |= expanded
    return frozenset(codes)
