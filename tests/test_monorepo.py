"""Hierarchical configuration, as ruff does it: from the monorepo root, each file
is checked with its closest config, and each service is a project of its own.

``tests/monorepo`` has three configs: the root's (ignores FL201), the users
service's (``extend``s the root's and sets ``max-limit = 50``) and the orders
service's ``fastlint.toml`` (only FL1xx). Checked from the root, from each
service, and with file arguments (pre-commit), the findings are the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

MONOREPO = Path(__file__).parent / "monorepo"


def _findings(cwd: Path, *args: str, prefix: str = "") -> set[tuple[str, int, str, str]]:
    done = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", "--output-format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return {
        (prefix + f["path"], f["line"], f["code"], f["message"]) for f in json.loads(done.stdout)
    }


def test_every_way_of_checking_gives_the_same_findings(tmp_path: Path) -> None:
    root = tmp_path / "monorepo"
    shutil.copytree(MONOREPO, root)
    (root / ".git").mkdir()  # the monorepo's root
    from_root = _findings(root, ".")
    users = _findings(root / "services" / "users", ".", prefix="services/users/")
    orders = _findings(root / "services" / "orders", ".", prefix="services/orders/")
    tools = {f for f in from_root if f[0].startswith("tools/")}
    assert from_root == users | orders | tools
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*.py"))
    assert _findings(root, *files) == from_root
    codes = {(path, code) for path, _, code, _ in from_root}
    # users: the root's ignore (FL201) through ``extend``, its own max-limit
    assert ("services/users/app/routes.py", "FL502") in codes
    assert any("le=50" in f[3] for f in from_root if f[2] == "FL502")
    assert not any(code == "FL201" for _, code in codes)
    # orders: only FL1xx, whatever the root says
    assert {code for path, code in codes if path.startswith("services/orders/")} == {"FL101"}
    # tools: the root's own project; its router is included nowhere
    assert ("tools/admin.py", "FL401") in codes


def test_an_invalid_nested_config_is_an_error_from_the_root(tmp_path: Path) -> None:
    root = tmp_path / "monorepo"
    shutil.copytree(MONOREPO, root)
    (root / "services" / "orders" / "fastlint.toml").write_text("selekt = []\n")
    done = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "fastlint.toml: unknown key 'selekt'" in done.stderr
