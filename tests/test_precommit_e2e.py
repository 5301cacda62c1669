"""The pre-commit hook, end to end, with the real ``pre-commit`` package.

A temporary git repository holds a two-module FastAPI app (``app/main.py``
includes the router of ``app/routers/items.py``). pre-commit builds its own
virtual environment and pip-installs fastlint from this repository, then:

- ``pre-commit try-repo <this repository> fastlint --files ...`` blocks on the
  router file (it has a finding) and passes on the clean ``main.py``;
- with the hook installed from a ``.pre-commit-config.yaml`` (``repo:`` a local
  path, ``rev:`` a commit sha), a ``git commit`` of a clean change to ``main.py``
  goes through although the router file has a finding, and a commit that
  changes the router file is blocked until its findings are fixed.

In both, the router file is checked alone yet its router is not reported as
never included (FL401): the hook reads the whole project.

This is slow (each pre-commit environment is a fresh venv with a pip install;
PyPI must be reachable) and runs in CI all the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

# What pip needs to build fastlint, and the hook manifest.
BUILD_FILES = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")
BUILD_DIRS = ("src", "rules")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not on PATH")

PYPROJECT = """\
[project]
name = "inventory"
version = "0.1.0"
dependencies = ["fastapi>=0.110", "pydantic>=2.5"]

[tool.fastlint]
select = ["FL"]
"""

MAIN = """\
from fastapi import FastAPI

from app.routers import items

app = FastAPI(title="Inventory")
app.include_router(items.router, prefix="/items", tags=["items"])
"""

ITEMS = """\
from fastapi import APIRouter

router = APIRouter()


@router.get("/{item_id}")
def read_item(item_id: int) -> dict[str, int]:
    return {"id": item_id}


@router.delete("/{item_id}")
def delete_item(item_id: int) -> None:
    return None
"""

NEW_ROUTE = """

@router.delete("/{item_id}/image")
def delete_item_image(item_id: int) -> None:
    return None
"""


def clean_env(tmp_path: Path) -> dict[str, str]:
    """No inherited GIT_* (as when pytest itself runs inside a git hook), a private store."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["PRE_COMMIT_COLOR"] = "never"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(
    args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    proc = run(["git", *args], cwd, env)
    assert proc.returncode == 0, f"git {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "pre_commit", *args], cwd, env)


def init_repo(path: Path, env: dict[str, str]) -> None:
    path.mkdir(parents=True)
    git(path, env, "init", "--quiet")
    for key, value in (
        ("user.name", "fastlint tests"),
        ("user.email", "tests@fastlint.invalid"),
        ("commit.gpgsign", "false"),
        ("core.autocrlf", "false"),
    ):
        git(path, env, "config", "--local", key, value)


def commit_all(path: Path, env: dict[str, str], message: str) -> str:
    git(path, env, "add", "--all")
    git(path, env, "commit", "--quiet", "--no-verify", "-m", message)
    return git(path, env, "rev-parse", "HEAD").stdout.strip()


def head(path: Path, env: dict[str, str]) -> str:
    return git(path, env, "rev-parse", "HEAD").stdout.strip()


def untracked_build_files(env: dict[str, str]) -> list[str]:
    """Build inputs git does not track: pre-commit's snapshot of the repo would miss them."""
    proc = run(
        ["git", "ls-files", "--others", "--exclude-standard", "--", *BUILD_FILES, *BUILD_DIRS],
        REPO_ROOT,
        env,
    )
    return proc.stdout.split() if proc.returncode == 0 else ["<not a git work tree>"]


def snapshot_repo(dest: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A one-commit git repo with this repository's build inputs as they are on disk.

    pre-commit installs a hook repository at a commit; HEAD of the real
    repository may not hold the working-tree changes under test.
    """
    init_repo(dest, env)
    for name in BUILD_FILES:
        shutil.copy2(REPO_ROOT / name, dest / name)
    for name in BUILD_DIRS:
        shutil.copytree(
            REPO_ROOT / name,
            dest / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc"),
        )
    return dest, commit_all(dest, env, "snapshot")


def make_project(path: Path, env: dict[str, str]) -> None:
    """The FastAPI app, committed without hooks: items.py has a finding (FL102)."""
    init_repo(path, env)
    files = {
        "pyproject.toml": PYPROJECT,
        "app/__init__.py": "",
        "app/main.py": MAIN,
        "app/routers/__init__.py": "",
        "app/routers/items.py": ITEMS,
    }
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    commit_all(path, env, "the app")


def findings_in(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": FL" in line]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return clean_env(tmp_path)


def test_try_repo_reports_only_the_given_files(tmp_path: Path, env: dict[str, str]) -> None:
    project = tmp_path / "project"
    make_project(project, env)
    # try-repo snapshots uncommitted changes of tracked files itself; it cannot
    # see untracked ones, so fall back to an explicit snapshot when there are any.
    if untracked_build_files(env):
        hook_repo, _ = snapshot_repo(tmp_path / "hook-repo", env)
    else:
        hook_repo = REPO_ROOT

    blocked = pre_commit(
        project, env, "try-repo", str(hook_repo), "fastlint", "--files", "app/routers/items.py"
    )
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, output
    (finding,) = findings_in(output)
    assert finding.startswith("app/routers/items.py:11:1: FL102 ")
    assert "FL401" not in output  # main.py was read: the router is included

    passed = pre_commit(
        project, env, "try-repo", str(hook_repo), "fastlint", "--files", "app/main.py"
    )
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert findings_in(output) == []
    assert "fastlint" in output and "Passed" in output


def test_commit_is_blocked_only_by_findings_in_changed_files(
    tmp_path: Path, env: dict[str, str]
) -> None:
    hook_repo, rev = snapshot_repo(tmp_path / "hook-repo", env)
    project = tmp_path / "project"
    make_project(project, env)
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: fastlint\n",
        encoding="utf-8",
    )
    commit_all(project, env, "pre-commit config")
    installed = pre_commit(project, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # The environment is built once here (the slow part), not inside `git commit`.
    warm = pre_commit(project, env, "install-hooks")
    assert warm.returncode == 0, warm.stdout + warm.stderr

    # A clean change to main.py: committed, although items.py has a finding.
    main = project / "app" / "main.py"
    main.write_text(MAIN.replace("Inventory", "Inventory API"), encoding="utf-8")
    git(project, env, "add", "app/main.py")
    before = head(project, env)
    ok = run(["git", "commit", "-m", "rename the API"], project, env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "fastlint" in ok.stdout + ok.stderr  # the hook did run
    assert head(project, env) != before

    # A change to items.py: blocked by its findings, the old one and the new one.
    items = project / "app" / "routers" / "items.py"
    items.write_text(ITEMS + NEW_ROUTE, encoding="utf-8")
    git(project, env, "add", "app/routers/items.py")
    before = head(project, env)
    blocked = run(["git", "commit", "-m", "add an image route"], project, env)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert head(project, env) == before
    assert [" ".join(line.split()[:2]) for line in findings_in(output)] == [
        "app/routers/items.py:11:1: FL102",
        "app/routers/items.py:16:1: FL102",
    ]
    assert "FL401" not in output

    # Fixed: the commit goes through.
    fixed_items = (
        (ITEMS + NEW_ROUTE)
        .replace('.delete("/{item_id}")', '.delete("/{item_id}", status_code=204)')
        .replace('.delete("/{item_id}/image")', '.delete("/{item_id}/image", status_code=204)')
    )
    items.write_text(fixed_items, encoding="utf-8")
    git(project, env, "add", "app/routers/items.py")
    fixed = run(["git", "commit", "-m", "add an image route"], project, env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert head(project, env) != before
