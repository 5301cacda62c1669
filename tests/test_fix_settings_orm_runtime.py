"""Run-time proofs for the fixes of settings classes (FL601 -> SettingsConfigDict)
and of FL602 (``from_attributes=True`` where the schema keeps its config).

The fixed modules are imported in a subprocess, before and after the fix."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SETTINGS = """
from pydantic_settings import BaseSettings


class AppSettings(BaseSettings):
    debug: bool = False
    name: str = "app"

    class Config:
        env_prefix = "MYAPP_"  # variables look like MYAPP_DEBUG
        case_sensitive = False
"""
FROM_ORM = """
from pydantic import BaseModel


class UserOut(BaseModel):
    id: int
    name: str


class Row:
    id = 7
    name = "Ada"


def read(row: Row) -> UserOut:
    return UserOut.from_orm(row)
"""
PROBE = """
import importlib, json, os, sys, warnings
sys.path.insert(0, sys.argv[1])
os.environ["MYAPP_DEBUG"] = "true"
os.environ["MYAPP_NAME"] = "from-env"
out = {}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    settings = importlib.import_module("settings")
    s = settings.AppSettings()
    out["settings"] = {"debug": s.debug, "name": s.name}
    out["settings_config"] = {
        k: v for k, v in settings.AppSettings.model_config.items()
        if k in ("env_prefix", "case_sensitive")
    }
    orm = importlib.import_module("orm")
    try:
        out["from_orm"] = orm.read(orm.Row()).model_dump()
    except Exception as error:
        out["from_orm"] = type(error).__name__
out["warnings"] = sorted({type(w.message).__name__ for w in caught
                          if "pydantic" in (w.filename or "") or "Config" in str(w.message)})
print(json.dumps(out))
"""


def _project(root: Path) -> Path:
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.fastlint]\n", encoding="utf-8")
    (root / "settings.py").write_text(textwrap.dedent(SETTINGS).lstrip(), encoding="utf-8")
    (root / "orm.py").write_text(textwrap.dedent(FROM_ORM).lstrip(), encoding="utf-8")
    return root


def _probe(root: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(root)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_settings_and_from_attributes_fixes_at_run_time(tmp_path: Path) -> None:
    before_root = _project(tmp_path / "before")
    after_root = _project(tmp_path / "after")
    fix = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", "--fix", "--unsafe-fixes"],
        cwd=after_root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert fix.returncode == 0, fix.stdout + fix.stderr
    settings_text = (after_root / "settings.py").read_text(encoding="utf-8")
    assert "from pydantic_settings import BaseSettings, SettingsConfigDict\n" in settings_text
    assert "# variables look like MYAPP_DEBUG" in settings_text
    assert "model_config = SettingsConfigDict(" in settings_text
    before, after = _probe(before_root), _probe(after_root)
    # FL601 on a settings class is safe: the same environment, the same settings.
    assert before["settings"] == after["settings"] == {"debug": True, "name": "from-env"}
    assert before["settings_config"] == after["settings_config"]
    assert "PydanticDeprecatedSince20" in before["warnings"]  # type: ignore[operator]
    # FL602: from_orm raised before the fix and reads the object after it.
    assert before["from_orm"] == "PydanticUserError"
    assert after["from_orm"] == {"id": 7, "name": "Ada"}
    assert "model_config = ConfigDict(from_attributes=True)" in (after_root / "orm.py").read_text()
