"""FL601 / FL603 fixes held to what Pydantic really does.

fastlint never runs the code it checks; these tests do. Each builds a small project,
keeps a pristine copy, runs ``fastlint check --fix`` in a subprocess, then imports the
models of both copies in fresh interpreters and compares:

- ``Model.model_config`` after the fix with the Pydantic 2 reading of the v1 keys
  before it (renamed per ``RENAMED_KEYS``, ``allow_mutation=False`` -> ``frozen=True``,
  ``underscore_attrs_are_private=True`` dropped, v2-named keys unchanged);
- the warnings Pydantic emits on import (none after the fix);
- behaviour: ORM objects, population by field name, string constraints, frozen
  instances ... off before the fix (Pydantic 2 ignores the v1 spelling), on after it.

``pydantic-settings`` is not installed in the dev environment, so the
``BaseSettings`` / ``SettingsConfigDict`` case is not covered here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic._internal._config import V2_REMOVED_KEYS, V2_RENAMED_KEYS, config_defaults

from fastlint.analysis.pydantic import REMOVED_KEYS, RENAMED_KEYS, REWRITTEN_KEYS

TIMEOUT = 60.0
Outcome = dict[str, Any]  # {"value": ...} or {"error": "ExceptionName"}
Checks = Mapping[str, tuple[str, str, Outcome, Outcome]]  # name -> module, expr, before, after


def ok(value: Any) -> Outcome:
    return {"value": value}


def err(name: str = "ValidationError") -> Outcome:
    return {"error": name}


# Runs in a fresh interpreter inside a project copy: imports the modules (recording
# every warning), reads each model's ``model_config``, evaluates the behaviour checks.
PROBE = r'''
import importlib
import json
import sys
import warnings

from pydantic import BaseModel


def norm(value):
    """A JSON form of a config value, equal for equal values in both copies."""
    if isinstance(value, type):
        return f"<class {value.__qualname__}>"
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: norm(item) for key, item in value.items()}
        return {"<dict>": sorted([json.dumps(norm(k)), norm(v)] for k, v in value.items())}
    if isinstance(value, (list, tuple)):
        return {f"<{type(value).__name__}>": [norm(item) for item in value]}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if callable(value):  # a lambda's qualname names its enclosing class: not compared
        return f"<callable {getattr(value, '__name__', type(value).__name__)}>"
    return repr(value)


def models(module):
    found, seen = {}, set()

    def visit(owner):
        for value in list(vars(owner).values()):
            if isinstance(value, type) and value.__module__ == module.__name__:
                if value in seen:
                    continue
                seen.add(value)
                if issubclass(value, BaseModel):
                    found[value.__qualname__] = norm(dict(value.model_config))
                visit(value)

    visit(module)
    return found


def assign(obj, name, value):
    setattr(obj, name, value)
    return getattr(obj, name)


def main():
    spec = json.loads(sys.argv[1])
    modules = {}
    for name in spec["modules"]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                module = importlib.import_module(name)
            except Exception as exc:  # a broken fix: report it, do not crash
                modules[name] = {"error": f"{type(exc).__name__}: {exc}"}
                continue
        modules[name] = {
            "models": models(module),
            "warnings": [
                {
                    "category": f"{w.category.__module__}.{w.category.__name__}",
                    "message": str(w.message).strip().splitlines()[0],
                    "file": w.filename,
                }
                for w in caught
            ],
        }
    checks = {}
    for check, (name, expression) in spec["checks"].items():
        if name not in sys.modules:
            checks[check] = {"error": "ImportFailed"}
            continue
        namespace = dict(vars(sys.modules[name]), assign=assign)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                checks[check] = {"value": norm(eval(expression, namespace))}
            except Exception as exc:
                checks[check] = {"error": type(exc).__name__}
    print(json.dumps({"modules": modules, "checks": checks}))


main()
'''


# --- helpers -----------------------------------------------------------------------


def write_project(root: Path, files: Mapping[str, str]) -> Path:
    """A project of its own: an empty ``[tool.fastlint]`` keeps the repository's out."""
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.fastlint]\n")
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text).lstrip())
    return root


def fastlint(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", "--no-cache", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def findings(root: Path) -> list[dict[str, Any]]:
    result = fastlint(root, "--output-format", "json", "--exit-zero")
    assert result.returncode == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def probe(root: Path, modules: list[str], checks: Checks) -> dict[str, Any]:
    spec = {"modules": modules, "checks": {name: [m, e] for name, (m, e, _, _) in checks.items()}}
    result = subprocess.run(
        [sys.executable, "-B", "-c", PROBE, json.dumps(spec)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def sources(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.glob("*.py"))}


def v2_reading(config: Mapping[str, Any]) -> dict[str, Any]:
    """What a config with v1 keys means in Pydantic 2 terms (the fix's promise)."""
    meant: dict[str, Any] = {}
    for key, value in config.items():
        if key in RENAMED_KEYS:
            meant[RENAMED_KEYS[key]] = value
        elif key == "allow_mutation":
            meant["frozen"] = not value
        elif key == "underscore_attrs_are_private" and value is True:
            continue
        else:
            meant[key] = value
    return meant


@dataclass
class Converted:
    """One project before and after a fix run."""

    before: dict[str, Any]  # probe report of the pristine copy
    after: dict[str, Any]  # probe report of the fixed copy
    run: subprocess.CompletedProcess[str]  # the fix run
    original: dict[str, bytes]
    fixed: dict[str, bytes]
    root: Path

    def models(self, side: str, module: str) -> dict[str, Any]:
        report = self.before if side == "before" else self.after
        entry = report["modules"][module]
        assert "error" not in entry, f"{side}: importing {module} failed: {entry['error']}"
        found: dict[str, Any] = entry["models"]
        return found

    def warnings(self, side: str, module: str) -> list[dict[str, str]]:
        report = self.before if side == "before" else self.after
        entry = report["modules"][module]
        assert "error" not in entry, f"{side}: importing {module} failed: {entry['error']}"
        caught: list[dict[str, str]] = entry["warnings"]
        return caught


def convert(base: Path, files: Mapping[str, str], checks: Checks, *flags: str) -> Converted:
    root = write_project(base / "project", files)
    pristine = base / "pristine"
    shutil.copytree(root, pristine)
    run = fastlint(root, *flags)
    modules = [name.removesuffix(".py") for name in files]
    return Converted(
        before=probe(pristine, modules, checks),
        after=probe(root, modules, checks),
        run=run,
        original=sources(pristine),
        fixed=sources(root),
        root=root,
    )


def config_mismatches(converted: Converted, module: str) -> list[str]:
    before = converted.models("before", module)
    after = converted.models("after", module)
    assert set(before) == set(after)
    return [
        f"{name}: before {before[name]!r}, meant {v2_reading(before[name])!r}, "
        f"after the fix {after[name]!r}"
        for name in before
        if after[name] != v2_reading(before[name])
    ]


def check_mismatches(converted: Converted, checks: Checks) -> list[str]:
    wrong = []
    for name, (_, expression, before, after) in checks.items():
        got_before = converted.before["checks"][name]
        got_after = converted.after["checks"][name]
        if (got_before, got_after) != (before, after):
            wrong.append(
                f"{name} `{expression}`: expected {before} -> {after}, "
                f"got {got_before} -> {got_after}"
            )
    return wrong


# --- 1. the key table is Pydantic's ----------------------------------------------


def test_renamed_keys_match_installed_pydantic() -> None:
    ours = dict(RENAMED_KEYS)
    theirs = dict(V2_RENAMED_KEYS)
    # Deliberate: populate_by_name works on every 2.x; 2.11+ calls it validate_by_name.
    assert ours.pop("allow_population_by_field_name") == "populate_by_name"
    assert theirs.pop("allow_population_by_field_name") in {"validate_by_name", "populate_by_name"}
    assert ours == theirs


def test_rewritten_and_removed_keys_match_installed_pydantic() -> None:
    assert not set(REWRITTEN_KEYS) & set(REMOVED_KEYS)
    assert set(REWRITTEN_KEYS) | set(REMOVED_KEYS) == set(V2_REMOVED_KEYS)


# --- 2. FL601: class Config -> model_config -------------------------------------------

MODELS = '''
import functools
from typing import Union

from pydantic import BaseModel, Field


class Marker:
    """Not a field type: keep_untouched / ignored_types must leave it alone."""


class Row:
    """An ORM-like object: attributes, not a mapping."""

    def __init__(self, **values):
        self.__dict__.update(values)


class OrmMode(BaseModel):
    id: int
    name: str

    class Config:
        orm_mode = True


class PopulateByName(BaseModel):
    full_name: str = Field(alias="fullName")

    class Config:
        allow_population_by_field_name = True


class SchemaExtra(BaseModel):
    sku: str

    class Config:
        schema_extra = {"example": {"sku": "LMP-01"}}


class StripWhitespace(BaseModel):
    s: str

    class Config:
        anystr_strip_whitespace = True


class Lower(BaseModel):
    s: str

    class Config:
        anystr_lower = True


class Upper(BaseModel):
    s: str

    class Config:
        anystr_upper = True


class ValidateAll(BaseModel):
    n: int = "not a number"

    class Config:
        validate_all = True


class MaxLength(BaseModel):
    s: str

    class Config:
        max_anystr_length = 10


class MinLength(BaseModel):
    s: str

    class Config:
        min_anystr_length = 1


class KeepUntouched(BaseModel):
    class Config:
        keep_untouched = (Marker, functools.cached_property)


class Immutable(BaseModel):
    x: int

    class Config:
        allow_mutation = False


class Mutable(BaseModel):
    x: int

    class Config:
        allow_mutation = True


class PrivateAttrs(BaseModel):
    _secret: str = "hidden"

    class Config:
        underscore_attrs_are_private = True


class V2Named(BaseModel):
    name: str

    class Config:
        extra = "forbid"
        frozen = True
        str_to_lower = True


class AnnotatedKeys(BaseModel):
    name: str

    class Config:
        extra: str = "forbid"
        str_max_length: int = 3


class Commented(BaseModel):
    name: str

    class Config:
        """Read from the ORM; strip the input."""

        # rows come from the ORM
        orm_mode = True  # the v1 spelling
        anystr_strip_whitespace = True
        schema_extra = {
            "example": {"name": "Ada"},
        }
        underscore_attrs_are_private = True  # always so in v2


class Everything(BaseModel):
    full_name: str = Field(alias="fullName")
    tag: Union[int, str] = 0

    class Config:
        orm_mode = True
        allow_population_by_field_name = True
        anystr_strip_whitespace = True
        anystr_lower = True
        validate_all = True
        max_anystr_length = 20
        min_anystr_length = 2
        allow_mutation = False
        underscore_attrs_are_private = True
        extra = "ignore"


class Outer:
    class Inner(BaseModel):
        id: int

        class Config:
            orm_mode = True


class Order(BaseModel):
    class Line(BaseModel):
        sku: str

        class Config:
            anystr_upper = True

    lines: list[Line]

    class Config:
        orm_mode = True


class Base(BaseModel):
    id: int
    name: str

    class Config:
        orm_mode = True
        anystr_strip_whitespace = True


class Derived(Base):
    class Config:
        anystr_lower = True
        extra = "forbid"


class DerivedV2(Base):
    class Config:
        frozen = True
'''

ATTR_STYLE = """
import pydantic


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


class AttrStyle(pydantic.BaseModel):
    id: int

    class Config:
        orm_mode = True
        extra = "forbid"
"""

ENCODERS = """
from datetime import datetime

from pydantic import BaseModel


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


class Event(BaseModel):
    at: datetime

    class Config:
        json_encoders = {datetime: lambda value: "at " + value.isoformat()}
        orm_mode = True
"""

NEW_MARKER = "type('WithMarker', (KeepUntouched,), {'__module__': __name__, 'marker': Marker()})"
CHECKS: Checks = {
    "orm_mode": (
        "models",
        "OrmMode.model_validate(Row(id=1, name='Ada')).model_dump()",
        err(),
        ok({"id": 1, "name": "Ada"}),
    ),
    "populate_by_field_name": (
        "models",
        "PopulateByName(full_name='Ada').full_name",
        err(),
        ok("Ada"),
    ),
    "populate_by_alias_still": (
        "models",
        "PopulateByName(fullName='Ada').full_name",
        ok("Ada"),
        ok("Ada"),
    ),
    "schema_extra": (
        "models",
        "SchemaExtra.model_json_schema().get('example')",
        ok(None),
        ok({"sku": "LMP-01"}),
    ),
    "strip": ("models", "StripWhitespace(s='  hi  ').s", ok("  hi  "), ok("hi")),
    "lower": ("models", "Lower(s='HeLLo').s", ok("HeLLo"), ok("hello")),
    "upper": ("models", "Upper(s='HeLLo').s", ok("HeLLo"), ok("HELLO")),
    "validate_all": ("models", "ValidateAll().n", ok("not a number"), err()),
    "max_length": ("models", "len(MaxLength(s='x' * 11).s)", ok(11), err()),
    "max_length_ok": ("models", "len(MaxLength(s='x' * 10).s)", ok(10), ok(10)),
    "min_length": ("models", "MinLength(s='').s", ok(""), err()),
    "keep_untouched": (
        "models",
        f"{NEW_MARKER}.marker.__class__.__name__",
        err("PydanticUserError"),
        ok("Marker"),
    ),
    "immutable": ("models", "assign(Immutable(x=1), 'x', 2)", ok(2), err()),
    "mutable": ("models", "assign(Mutable(x=1), 'x', 2)", ok(2), ok(2)),
    "private": ("models", "PrivateAttrs()._secret", ok("hidden"), ok("hidden")),
    "private_not_a_field": (
        "models",
        "sorted(PrivateAttrs.model_fields)",
        ok({"<list>": []}),
        ok({"<list>": []}),
    ),
    "v2_named_lower": ("models", "V2Named(name='ADA').name", ok("ada"), ok("ada")),
    "v2_named_extra": ("models", "V2Named(name='a', other=1)", err(), err()),
    "v2_named_frozen": ("models", "assign(V2Named(name='a'), 'name', 'b')", err(), err()),
    "annotated_keys": ("models", "AnnotatedKeys(name='abcd')", err(), err()),
    "commented": (
        "models",
        "Commented.model_validate(Row(name=' Ada ')).name",
        err(),
        ok("Ada"),
    ),
    "everything_orm": (
        "models",
        "Everything.model_validate(Row(full_name='  ADA  ')).full_name",
        err(),
        ok("ada"),
    ),
    "everything_by_name": ("models", "Everything(full_name='Ada').full_name", err(), ok("ada")),
    "everything_frozen": (
        "models",
        "assign(Everything(fullName='Ada'), 'tag', 1)",
        ok(1),
        err(),
    ),
    "everything_min_length": ("models", "Everything(fullName='A').full_name", ok("A"), err()),
    "nested_in_class_orm": ("models", "Outer.Inner.model_validate(Row(id=7)).id", err(), ok(7)),
    "nested_model_orm": (
        "models",
        "Order.model_validate(Row(lines=[{'sku': 'ab'}])).lines[0].sku",
        err(),
        ok("AB"),
    ),
    "nested_model_upper": ("models", "Order.Line(sku='ab').sku", ok("ab"), ok("AB")),
    "inherited_orm": (
        "models",
        "Derived.model_validate(Row(id=1, name='  ADA ')).name",
        err(),
        ok("ada"),
    ),
    "inherited_extra": ("models", "Derived(id=1, name='a', other=2)", err(), err()),
    "inherited_v2_frozen": (
        "models",
        "assign(DerivedV2(id=1, name='a'), 'name', 'b')",
        err(),
        err(),
    ),
    "inherited_v2_orm": (
        "models",
        "DerivedV2.model_validate(Row(id=1, name=' a ')).name",
        err(),
        ok("a"),
    ),
    "attr_style_orm": ("attr_style", "AttrStyle.model_validate(Row(id=1)).id", err(), ok(1)),
    "encoders_json": (
        "encoders",
        "Event(at='2020-01-02T03:04:05').model_dump_json()",
        ok('{"at":"at 2020-01-02T03:04:05"}'),
        ok('{"at":"at 2020-01-02T03:04:05"}'),
    ),
    "encoders_orm": (
        "encoders",
        "Event.model_validate(Row(at='2020-01-02T03:04:05')).at.year",
        err(),
        ok(2020),
    ),
}
FILES = {"models.py": MODELS, "attr_style.py": ATTR_STYLE, "encoders.py": ENCODERS}


@pytest.fixture(scope="module")
def fl601(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    return convert(tmp_path_factory.mktemp("fl601"), FILES, CHECKS, "--fix", "--unsafe-fixes")


def test_fl601_fix_runs_clean(fl601: Converted) -> None:
    assert fl601.run.returncode == 0, fl601.run.stdout + fl601.run.stderr
    assert all(fl601.fixed[name] != fl601.original[name] for name in FILES)
    for name, text in fl601.fixed.items():
        assert b"class Config" not in text, name
        compile(text, name, "exec")


def test_every_known_v1_key_is_exercised(fl601: Converted) -> None:
    seen = {key for config in fl601.models("before", "models").values() for key in config}
    assert set(RENAMED_KEYS) | set(REWRITTEN_KEYS) <= seen


@pytest.mark.parametrize("module", ["models", "attr_style", "encoders"])
def test_fl601_config_means_what_v1_meant(fl601: Converted, module: str) -> None:
    assert config_mismatches(fl601, module) == []


def test_fl601_premise_pydantic_warns_and_ignores_v1_keys(fl601: Converted) -> None:
    caught = {(w["category"], w["message"]) for w in fl601.warnings("before", "models")}
    assert any(
        c == "pydantic.warnings.PydanticDeprecatedSince20"
        and m.startswith("Support for class-based `config` is deprecated")
        for c, m in caught
    )
    assert any(
        c == "builtins.UserWarning" and m.startswith("Valid config keys have changed in V2")
        for c, m in caught
    )
    # ... and the v1 keys are kept verbatim, not translated.
    assert fl601.models("before", "models")["OrmMode"] == {"orm_mode": True}


@pytest.mark.parametrize("module", ["models", "attr_style"])
def test_fl601_fixed_module_imports_without_warnings(fl601: Converted, module: str) -> None:
    assert fl601.warnings("after", module) == []


def test_fl601_json_encoders_kept_and_still_deprecated(fl601: Converted) -> None:
    # Pydantic 2.14 does warn for json_encoders in ConfigDict (at schema build): the
    # fix keeps the key (its title says so), so exactly that warning remains.
    caught = [(w["category"], w["message"]) for w in fl601.warnings("after", "encoders")]
    assert len(caught) == 1, caught
    category, message = caught[0]
    assert category == "pydantic.warnings.PydanticDeprecatedSince20"
    assert message.startswith("`json_encoders` is deprecated")


def test_fl601_behaviour_turns_on(fl601: Converted) -> None:
    assert check_mismatches(fl601, CHECKS) == []


def test_fl601_fix_is_idempotent(fl601: Converted, tmp_path: Path) -> None:
    root = tmp_path / "again"
    shutil.copytree(fl601.root, root)
    again = fastlint(root, "--fix", "--unsafe-fixes")
    assert again.returncode == 0, again.stdout + again.stderr
    assert sources(root) == fl601.fixed


# --- 3. FL603: v1 keys inside ConfigDict(...) / a model_config dict -----------------

FL603_MODELS = """
from pydantic import BaseModel, ConfigDict, Field


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


class CallStyle(BaseModel):
    model_config = ConfigDict(orm_mode=True, extra="forbid")

    id: int


class DictStyle(BaseModel):
    model_config = {"orm_mode": True}

    id: int


class SingleQuoted(BaseModel):
    model_config = {'orm_mode': True}

    id: int


class AnnotatedCall(BaseModel):
    model_config: ConfigDict = ConfigDict(orm_mode=True)

    id: int


class ManyKeys(BaseModel):
    model_config = ConfigDict(
        orm_mode=True,  # rows from the ORM
        allow_population_by_field_name=True,
        anystr_strip_whitespace=True,
        allow_mutation=False,
        underscore_attrs_are_private=True,
    )

    full_name: str = Field(alias="fullName")


class DictMany(BaseModel):
    model_config = {
        "orm_mode": True,
        "allow_mutation": False,
        'underscore_attrs_are_private': True,
        "extra": "forbid",
    }

    id: int
"""

FL603_EXPECTED = {
    "CallStyle": {"from_attributes": True, "extra": "forbid"},
    "DictStyle": {"from_attributes": True},
    "SingleQuoted": {"from_attributes": True},
    "AnnotatedCall": {"from_attributes": True},
    "ManyKeys": {
        "from_attributes": True,
        "populate_by_name": True,
        "str_strip_whitespace": True,
        "frozen": True,
    },
    "DictMany": {"from_attributes": True, "frozen": True, "extra": "forbid"},
}
FL603_CHECKS: Checks = {
    **{
        f"orm_{name}": ("fl603", f"{name}.model_validate(Row(id=3)).id", err(), ok(3))
        for name in ("CallStyle", "DictStyle", "SingleQuoted", "AnnotatedCall", "DictMany")
    },
    "call_extra": ("fl603", "CallStyle(id=1, other=2)", err(), err()),
    "many_orm": (
        "fl603",
        "ManyKeys.model_validate(Row(full_name=' Ada ')).full_name",
        err(),
        ok("Ada"),
    ),
    "many_by_name": ("fl603", "ManyKeys(full_name='Ada').full_name", err(), ok("Ada")),
    "many_frozen": (
        "fl603",
        "assign(ManyKeys(fullName='Ada'), 'full_name', 'Bob')",
        ok("Bob"),
        err(),
    ),
    "dict_frozen": ("fl603", "assign(DictMany(id=1), 'id', 2)", ok(2), err()),
}


@pytest.fixture(scope="module")
def fl603(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    return convert(
        tmp_path_factory.mktemp("fl603"),
        {"fl603.py": FL603_MODELS},
        FL603_CHECKS,
        "--fix",
        "--unsafe-fixes",
    )


def test_fl603_fix_runs_clean(fl603: Converted) -> None:
    assert fl603.run.returncode == 0, fl603.run.stdout + fl603.run.stderr
    text = fl603.fixed["fl603.py"].decode()
    assert "model_config = {'from_attributes': True}" in text  # the quotes are kept
    assert 'model_config = {"from_attributes": True}' in text
    assert "from_attributes=True,  # rows from the ORM" in text  # and the comment


def test_fl603_config_is_the_renamed_dict(fl603: Converted) -> None:
    before = fl603.models("before", "fl603")
    after = fl603.models("after", "fl603")
    assert after == FL603_EXPECTED
    assert {name: v2_reading(config) for name, config in before.items()} == FL603_EXPECTED


def test_fl603_fixed_module_imports_without_warnings(fl603: Converted) -> None:
    assert any(
        w["message"].startswith("Valid config keys have changed in V2")
        for w in fl603.warnings("before", "fl603")
    )
    assert fl603.warnings("after", "fl603") == []


def test_fl603_behaviour_turns_on(fl603: Converted) -> None:
    assert check_mismatches(fl603, FL603_CHECKS) == []


# --- 4. what the fix must leave alone ----------------------------------------------

BLOCKED = """
import json

from pydantic import BaseModel


class WithFields(BaseModel):
    name: str

    class Config:
        fields = {"name": {"alias": "Name"}}


class WithSmartUnion(BaseModel):
    value: int | str

    class Config:
        smart_union = True
        orm_mode = True


class WithGetterDict(BaseModel):
    class Config:
        orm_mode = True
        getter_dict = dict


class WithJsonLoads(BaseModel):
    class Config:
        json_loads = json.loads


class WithMethod(BaseModel):
    class Config:
        orm_mode = True

        def schema_extra(schema, model):
            schema["examples"] = []


class WithStaticMethod(BaseModel):
    class Config:
        @staticmethod
        def schema_extra(schema, model):
            schema["examples"] = []


class WithComputedMutation(BaseModel):
    class Config:
        allow_mutation = not True
"""


def test_blocked_configs_stay_as_they_are(tmp_path: Path) -> None:
    root = write_project(tmp_path / "blocked", {"blocked.py": BLOCKED})
    original = (root / "blocked.py").read_bytes()
    config_lines = {
        number
        for number, line in enumerate(original.decode().splitlines(), start=1)
        if line.strip() == "class Config:"
    }
    run = fastlint(root, "--fix", "--unsafe-fixes")
    assert run.returncode == 1, run.stdout + run.stderr
    assert (root / "blocked.py").read_bytes() == original
    fl601 = [f for f in findings(root) if f["code"] == "FL601"]
    assert {f["line"] for f in fl601} == config_lines
    for finding in fl601:
        assert finding["fix"] is None, finding
        assert "no automatic fix" in finding["message"], finding


# --- 5. safe and unsafe --------------------------------------------------------------

SAFETY = """
from pydantic import BaseModel, ConfigDict


class OnlyV2(BaseModel):
    class Config:
        extra = "forbid"
        frozen = True


class OnlyPrivate(BaseModel):
    class Config:
        underscore_attrs_are_private = True


class OrmV1(BaseModel):
    id: int

    class Config:
        orm_mode = True


class CallV1(BaseModel):
    model_config = ConfigDict(orm_mode=True)

    id: int
"""


def test_safe_fixes_alone_then_unsafe_then_nothing(tmp_path: Path) -> None:
    root = write_project(tmp_path / "safety", {"safety.py": SAFETY})
    applicability = {
        (f["code"], f["line"]): f["fix"]["applicability"] if f["fix"] else None
        for f in findings(root)
    }
    assert applicability == {
        ("FL601", 5): "safe",
        ("FL601", 11): "safe",
        ("FL601", 18): "unsafe",
        ("FL603", 23): "unsafe",
    }

    safe = fastlint(root, "--fix")
    assert safe.returncode == 1, safe.stdout + safe.stderr
    text = (root / "safety.py").read_text()
    assert 'model_config = ConfigDict(extra="forbid", frozen=True)' in text
    assert "model_config = ConfigDict()" in text
    assert "        orm_mode = True\n" in text  # the unsafe FL601 fix was not applied
    assert "model_config = ConfigDict(orm_mode=True)" in text  # nor FL603's
    assert text.count("class Config:") == 1

    unsafe = fastlint(root, "--fix", "--unsafe-fixes")
    assert unsafe.returncode == 0, unsafe.stdout + unsafe.stderr
    fixed = (root / "safety.py").read_text()
    assert "class Config" not in fixed and "orm_mode" not in fixed
    assert fixed.count("from_attributes=True") == 2

    again = fastlint(root, "--fix", "--unsafe-fixes")
    assert again.returncode == 0, again.stdout + again.stderr
    assert (root / "safety.py").read_text() == fixed


def test_safe_fixes_keep_the_runtime_config(tmp_path: Path) -> None:
    """Plain ``--fix`` on the big project: every model means what it meant before."""
    converted = convert(tmp_path, FILES, CHECKS, "--fix")
    assert converted.run.returncode == 1  # the unsafe ones remain
    for module in ("models", "attr_style", "encoders"):
        before = converted.models("before", module)
        after = converted.models("after", module)
        changed = [
            f"{name}: before {before[name]!r}, after {after[name]!r}"
            for name in before
            if not same_meaning(effective(before[name]), effective(after[name]))
        ]
        assert changed == [], module
    # ... and behaviour did not move at all.
    for name, (_, expression, before_outcome, _) in CHECKS.items():
        assert converted.after["checks"][name] == before_outcome, (name, expression)


V1_IGNORED = set(V2_RENAMED_KEYS) | set(V2_REMOVED_KEYS)
_UNSET = object()


def effective(config: Mapping[str, Any]) -> dict[str, Any]:
    """A config as Pydantic 2 applies it: the v1 keys it ignores left out."""
    return {key: value for key, value in config.items() if key not in V1_IGNORED}


def same_meaning(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Equal configs, a key left out counting as its (plain) default value."""

    def value(config: Mapping[str, Any], key: str) -> object:
        default = config_defaults.get(key, _UNSET)
        if not (default is None or isinstance(default, bool | int | str)):
            default = _UNSET
        return config.get(key, default)

    return all(value(one, key) == value(other, key) for key in {*one, *other})


# --- bugs found: each shows a wrong fix ----------------------------------------------

# A v1 key next to its own v2 name: the fix writes the keyword twice, a SyntaxError
# ("keyword argument repeated") that fastlint then reports as "0 remaining".
DUPLICATES = {
    "dup_config.py": """
        from pydantic import BaseModel


        class Both(BaseModel):
            class Config:
                orm_mode = True
                from_attributes = True
        """,
    "dup_frozen.py": """
        from pydantic import BaseModel


        class Both(BaseModel):
            class Config:
                allow_mutation = False
                frozen = True
        """,
    "dup_config_dict.py": """
        from pydantic import BaseModel, ConfigDict


        class Both(BaseModel):
            model_config = ConfigDict(orm_mode=True, from_attributes=True)
        """,
}


@pytest.fixture(scope="module")
def duplicates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("dup") / "project", DUPLICATES)
    fastlint(root, "--fix", "--unsafe-fixes")
    return root


@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_fix_beside_the_v2_name_leaves_valid_code(duplicates: Path, name: str) -> None:
    text = (duplicates / name).read_text()
    compile(text, name, "exec")  # BUG: SyntaxError, keyword argument repeated


# A name in a ``Config`` value is looked up in module scope (class bodies do not
# nest); moved into the model's body, it finds a field default of the same name.
SHADOWED = """
from pydantic import BaseModel

version = "1.0"


class Release(BaseModel):
    version: str = "0.0"

    class Config:
        schema_extra = {"x-api-version": version}
"""
SHADOWED_CHECKS: Checks = {
    "schema": (
        "shadowed",
        "Release.model_json_schema().get('x-api-version')",
        ok(None),
        ok("1.0"),
    ),
}


def test_moved_config_keeps_what_its_names_refer_to(tmp_path: Path) -> None:
    converted = convert(
        tmp_path, {"shadowed.py": SHADOWED}, SHADOWED_CHECKS, "--fix", "--unsafe-fixes"
    )
    # Moved into the model's body, ``version`` would read the field default "0.0":
    # the fix is refused (and says why) rather than change what the name means.
    unchanged = sources(converted.root) == converted.original
    assert unchanged or config_mismatches(converted, "shadowed") == []
    if unchanged:
        assert "which `Release` itself defines" in converted.run.stdout


# ``allow_mutation = True`` -> ``frozen = False`` is offered as safe, but Pydantic 2
# ignores ``allow_mutation``: a subclass of a frozen model is frozen today and
# mutable after the "safe" fix.
FROZEN_PARENT = """
from pydantic import BaseModel, ConfigDict


class FrozenBase(BaseModel):
    model_config = ConfigDict(frozen=True)

    x: int


class ConfigChild(FrozenBase):
    class Config:
        allow_mutation = True


class DictChild(FrozenBase):
    model_config = ConfigDict(allow_mutation=True)
"""
FROZEN_CHECKS: Checks = {
    "config_child": ("frozen_parent", "assign(ConfigChild(x=1), 'x', 2)", err(), err()),
    "dict_child": ("frozen_parent", "assign(DictChild(x=1), 'x', 2)", err(), err()),
}


def test_safe_fix_does_not_unfreeze_a_frozen_parent(tmp_path: Path) -> None:
    converted = convert(tmp_path, {"frozen_parent.py": FROZEN_PARENT}, FROZEN_CHECKS, "--fix")
    # ``allow_mutation`` fixes are unsafe: plain --fix leaves both children frozen.
    assert check_mismatches(converted, FROZEN_CHECKS) == []


# A fix that cannot be made (a local ``ConfigDict`` that is not Pydantic's) is not
# advertised: JSON says ``fix: null`` and the text report has no ``[*]``; a one-line
# ``class Config: ...`` body is fixed like any other.
UNFIXABLE = {
    "local_name.py": """
        from pydantic import BaseModel

        ConfigDict = dict


        class LocalName(BaseModel):
            class Config:
                orm_mode = True
        """,
}
ONE_LINE = {
    "one_line.py": """
        from pydantic import BaseModel


        class OneLine(BaseModel):
            class Config: orm_mode = True
        """,
}


def test_refused_fix_is_not_advertised(tmp_path: Path) -> None:
    root = write_project(tmp_path / "unfixable", UNFIXABLE)
    original = sources(root)
    assert all(f["fix"] is None for f in findings(root))
    run = fastlint(root, "--fix", "--unsafe-fixes")
    assert run.returncode == 1
    assert sources(root) == original
    assert "fixable" not in run.stdout and "[*]" not in run.stdout, run.stdout
    assert "defines its own `ConfigDict`" in run.stdout


def test_one_line_config_is_fixed(tmp_path: Path) -> None:
    root = write_project(tmp_path / "one_line", ONE_LINE)
    run = fastlint(root, "--fix", "--unsafe-fixes")
    assert run.returncode == 0, run.stdout
    text = (root / "one_line.py").read_text(encoding="utf-8")
    assert "    model_config = ConfigDict(from_attributes=True)\n" in text
    assert "from pydantic import BaseModel, ConfigDict\n" in text
