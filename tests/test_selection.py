from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from fastlint.config import ConfigError, Settings
from fastlint.rules.registry import RULE_INFOS
from fastlint.selection import PerFileIgnores, expand_selector, resolve_selection, specificity

ALL = frozenset(RULE_INFOS)
DEFAULTS = frozenset(code for code, info in RULE_INFOS.items() if info.default_enabled)


def _resolve(
    settings: Settings | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> frozenset[str]:
    return resolve_selection(
        settings or Settings(), select=select, ignore=ignore, extend_select=extend_select
    )


def test_expand_selector() -> None:
    assert expand_selector("FL301") == frozenset({"FL301"})
    assert expand_selector("fl301") == frozenset({"FL301"})
    assert expand_selector("missing-auth") == frozenset({"FL301"})
    assert expand_selector("FL3") == frozenset({"FL301", "FL302"})
    assert expand_selector("FL10") == frozenset({"FL101", "FL102", "FL103"})
    assert expand_selector("FL") == ALL
    assert expand_selector("ALL") == ALL
    assert expand_selector("FL777") is None
    assert expand_selector("FL39") is None
    assert expand_selector("") is None


def test_specificity_order() -> None:
    assert specificity("ALL") < specificity("FL") < specificity("FL3") < specificity("FL30")
    assert specificity("FL30") < specificity("FL301") == specificity("missing-auth")


def test_defaults() -> None:
    assert _resolve() == DEFAULTS | {"FL999"}


def test_config_select_replaces_defaults() -> None:
    assert _resolve(Settings(select=["FL3"])) == {"FL301", "FL302", "FL999"}


def test_select_prefix_minus_specific_ignore() -> None:
    assert _resolve(Settings(select=["FL3"], ignore=["FL301"])) == {"FL302", "FL999"}


def test_specific_extend_select_beats_prefix_ignore() -> None:
    enabled = _resolve(Settings(ignore=["FL3"], extend_select=["FL301"]))
    assert "FL301" in enabled
    assert "FL302" not in enabled


def test_ignore_wins_at_equal_specificity() -> None:
    assert "FL301" not in _resolve(Settings(extend_select=["FL301"], ignore=["FL301"]))
    assert _resolve(Settings(select=["FL"], ignore=["FL"])) == {"FL999"}


def test_ignore_all_keeps_internal_error() -> None:
    assert _resolve(Settings(ignore=["ALL"])) == {"FL999"}
    assert _resolve(ignore=["FL999"]) >= {"FL999"}


def test_cli_select_overrides_config_select() -> None:
    settings = Settings(select=["FL1"])
    assert _resolve(settings, select=["FL4"]) == {"FL401", "FL402", "FL403", "FL999"}


def test_cli_select_starts_over_as_in_ruff() -> None:
    """``ruff --select F401`` ignores the config's ignore/extend-select: the
    highest-priority select starts the chain; only CLI modifiers apply."""
    settings = Settings(select=["FL1"], ignore=["FL402"], extend_select=["FL601"])
    assert _resolve(settings, select=["FL4"]) == {"FL401", "FL402", "FL403", "FL999"}
    assert _resolve(settings, select=["FL4"], ignore=["FL402"]) == {"FL401", "FL403", "FL999"}


def test_cli_select_re_enables_a_rule_the_config_ignores() -> None:
    settings = Settings(ignore=["FL201"])
    assert "FL201" not in _resolve(settings)
    assert _resolve(settings, select=["FL201"]) == {"FL201", "FL999"}


def test_cli_extend_select_reenables_config_ignore() -> None:
    settings = Settings(ignore=["FL301"])
    assert "FL301" not in _resolve(settings)
    assert "FL301" in _resolve(settings, extend_select=["FL301"])


def test_cli_ignore_on_top_of_config() -> None:
    settings = Settings(select=["FL301", "FL302"])
    assert _resolve(settings, ignore=["FL3"]) == {"FL999"}


def test_cli_values_may_be_comma_separated() -> None:
    assert _resolve(select=["FL101,FL102"]) == {"FL101", "FL102", "FL999"}


@pytest.mark.parametrize("option", ["select", "ignore", "extend_select"])
def test_unknown_cli_code(option: str) -> None:
    flag = "--" + option.replace("_", "-")
    kwargs: dict[str, list[str]] = {option: ["FL777"]}
    with pytest.raises(ConfigError, match=f"^{flag}: unknown rule code 'FL777'$"):
        resolve_selection(
            Settings(),
            select=kwargs.get("select"),
            ignore=kwargs.get("ignore", []),
            extend_select=kwargs.get("extend_select", []),
        )


# --------------------------------------------------------------------------- per-file ignores


def test_per_file_ignores_patterns() -> None:
    ignores = PerFileIgnores(
        {
            "tests/**": ["FL3"],
            "__init__.py": ["FL401"],
            "app/legacy/*.py": ["FL601", "FL603"],
            "/scripts/": ["ALL"],
        }
    )
    assert ignores.codes_for("tests/api/test_x.py") == {"FL301", "FL302"}
    assert ignores.codes_for("app/tests/test_x.py") == set()  # anchored: has a slash
    assert ignores.codes_for("app/__init__.py") == {"FL401"}  # basename anywhere
    assert ignores.codes_for("__init__.py") == {"FL401"}
    assert ignores.codes_for("app/legacy/models.py") == {"FL601", "FL603"}
    assert ignores.codes_for("app/legacy/deep/models.py") == set()
    assert ignores.codes_for("scripts/run.py") == ALL - {"FL999"}
    assert ignores.codes_for("app/main.py") == set()


def test_per_file_ignores_union_and_negation() -> None:
    ignores = PerFileIgnores({"*.pyi": ["FL1"], "!app/**": ["FL2"], "app/**": ["FL999"]})
    assert ignores.codes_for("stubs/x.pyi") == {"FL101", "FL102", "FL103", "FL201"}
    assert ignores.codes_for("app/x.pyi") == {"FL101", "FL102", "FL103", "FL999"}


def test_per_file_ignores_relative_to_config_dir(tmp_path: Path) -> None:
    (tmp_path / "backend").mkdir()
    settings = Settings(per_file_ignores={"tests/*": ["FL301"]})
    ignores = PerFileIgnores.from_settings(settings, tmp_path, tmp_path / "backend")
    assert ignores.codes_for("backend/tests/test_a.py") == {"FL301"}
    assert ignores.codes_for("tests/test_a.py") == set()
    at_root = PerFileIgnores.from_settings(settings, tmp_path, tmp_path)
    assert at_root.codes_for("tests/test_a.py") == {"FL301"}
    assert at_root.codes_for("./tests/test_a.py") == {"FL301"}


def test_per_file_ignores_empty() -> None:
    ignores = PerFileIgnores({})
    assert not ignores
    assert ignores.codes_for("x.py") == frozenset()
