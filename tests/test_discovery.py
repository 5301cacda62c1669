from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from fastlint.config import Settings
from fastlint.discovery import (
    DEFAULT_EXCLUDES,
    Discovery,
    DiscoveryError,
    discover_files,
    relative_posix,
)


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n", encoding="utf-8")


def _discover(
    root: Path, paths: Sequence[Path] | None = None, settings: Settings | None = None
) -> Discovery:
    return discover_files(list(paths or [root]), root, settings or Settings())


def _names(root: Path, discovery: Discovery) -> list[str]:
    return [relative_posix(path, root) for path in discovery.files]


def test_python_files_only_sorted(tmp_path: Path) -> None:
    _touch(tmp_path, "b.py", "a/z.pyi", "a/y.py", "README.md", "a/data.json", "c.pyc")
    discovery = _discover(tmp_path)
    assert _names(tmp_path, discovery) == ["a/y.py", "a/z.pyi", "b.py"]
    assert all(path.is_absolute() for path in discovery.files)
    assert discovery.problems == []


@pytest.mark.parametrize("name", DEFAULT_EXCLUDES)
def test_default_excludes(tmp_path: Path, name: str) -> None:
    _touch(tmp_path, f"{name}/lib.py", f"pkg/{name}/deep.py", "keep.py")
    assert _names(tmp_path, _discover(tmp_path)) == ["keep.py"]


def test_exclude_replaces_defaults_and_extend_exclude_adds(tmp_path: Path) -> None:
    _touch(tmp_path, "build/a.py", "migrations/0001.py", "app/migrations/0002.py", "app/x.py")
    settings = Settings(exclude=[], extend_exclude=["/migrations/"])
    assert _names(tmp_path, _discover(tmp_path, settings=settings)) == [
        "app/migrations/0002.py",
        "app/x.py",
        "build/a.py",
    ]
    settings = Settings(extend_exclude=["migrations", "app/x.py"])
    assert _names(tmp_path, _discover(tmp_path, settings=settings)) == []


def test_gitignore_root_nested_and_negation(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "gen/out.py",
        "app/main.py",
        "app/skip_me.py",
        "app/sub/generated.py",
        "app/sub/keep_generated.py",
        "other/generated.py",
        "other/skip_me.py",
    )
    (tmp_path / ".gitignore").write_text("gen/\nskip_me.py\n# comment\n", encoding="utf-8")
    (tmp_path / "app" / ".gitignore").write_text("!skip_me.py\n", encoding="utf-8")
    (tmp_path / "app" / "sub" / ".gitignore").write_text(
        "*generated.py\n!keep_generated.py\n", encoding="utf-8"
    )
    assert _names(tmp_path, _discover(tmp_path)) == [
        "app/main.py",
        "app/skip_me.py",  # re-included by app/.gitignore
        "app/sub/keep_generated.py",
        "other/generated.py",  # the nested rule is scoped to app/sub
    ]


def test_gitignore_can_be_disabled(tmp_path: Path) -> None:
    _touch(tmp_path, "gen/out.py", "main.py")
    (tmp_path / ".gitignore").write_text("gen/\n", encoding="utf-8")
    settings = Settings(respect_gitignore=False)
    assert _names(tmp_path, _discover(tmp_path, settings=settings)) == ["gen/out.py", "main.py"]


def test_git_info_exclude_and_parent_gitignore(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git" / "info").mkdir(parents=True)
    (repo / ".git" / "info" / "exclude").write_text("local.py\n", encoding="utf-8")
    (repo / ".gitignore").write_text("service/secret/\n", encoding="utf-8")
    root = repo / "service"
    _touch(root, "local.py", "secret/x.py", "app.py")
    assert _names(root, _discover(root)) == ["app.py"]


def test_walking_a_subdirectory_uses_ignore_files_above_it(tmp_path: Path) -> None:
    _touch(tmp_path, "app/gen/x.py", "app/y.py")
    (tmp_path / "app" / ".gitignore").write_text("gen/\n", encoding="utf-8")
    assert _names(tmp_path, _discover(tmp_path, [tmp_path / "app"])) == ["app/y.py"]


def test_explicit_files_always_included(tmp_path: Path) -> None:
    _touch(tmp_path, ".venv/lib.py", "ignored.py", "script")
    (tmp_path / ".gitignore").write_text("ignored.py\n", encoding="utf-8")
    paths = [tmp_path / ".venv" / "lib.py", tmp_path / "ignored.py", tmp_path / "script"]
    assert _names(tmp_path, _discover(tmp_path, paths)) == [".venv/lib.py", "ignored.py", "script"]


def test_explicit_excluded_directory_is_walked(tmp_path: Path) -> None:
    _touch(tmp_path, "build/pkg/a.py", "build/pkg/__pycache__/b.py")
    discovery = _discover(tmp_path, [tmp_path / "build"])
    assert _names(tmp_path, discovery) == ["build/pkg/a.py"]


def test_relative_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _touch(tmp_path, "app/a.py")
    monkeypatch.chdir(tmp_path / "app")
    discovery = discover_files([Path("."), Path("a.py"), Path("../app")], tmp_path, Settings())
    assert discovery.files == [tmp_path / "app" / "a.py"]


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError) as info:
        _discover(tmp_path, [tmp_path / "nope.py"])
    assert isinstance(info.value, FileNotFoundError)
    assert info.value.path == tmp_path / "nope.py"
    assert str(info.value) == f"{tmp_path / 'nope.py'}: no such file or directory"


def test_directory_named_like_a_module(tmp_path: Path) -> None:
    _touch(tmp_path, "x.py/inner.py")
    assert _names(tmp_path, _discover(tmp_path)) == ["x.py/inner.py"]
    assert _names(tmp_path, _discover(tmp_path, [tmp_path / "x.py"])) == ["x.py/inner.py"]


def test_paths_outside_root(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    _touch(root, "a.py")
    _touch(tmp_path, "elsewhere/b.py", "elsewhere/.venv/c.py")
    discovery = _discover(root, [root, tmp_path / "elsewhere"])
    # Excludes apply to the outside directory too, relative to itself.
    assert discovery.files == [tmp_path / "elsewhere" / "b.py", root / "a.py"]
    assert (
        relative_posix(tmp_path / "elsewhere" / "b.py", root)
        == (tmp_path / "elsewhere" / "b.py").as_posix()
    )


def test_duplicates_removed(tmp_path: Path) -> None:
    _touch(tmp_path, "app/a.py")
    paths = [tmp_path, tmp_path / "app", tmp_path / "app" / "a.py"]
    assert _names(tmp_path, _discover(tmp_path, paths)) == ["app/a.py"]


def test_relative_posix(tmp_path: Path) -> None:
    assert relative_posix(tmp_path / "a" / "b.py", tmp_path) == "a/b.py"
    assert relative_posix(Path("/elsewhere/c.py"), tmp_path) == "/elsewhere/c.py"


# --------------------------------------------------------------------------- symlinks

symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX")


@symlinks
def test_symlink_loop_to_ancestor_does_not_hang(tmp_path: Path) -> None:
    _touch(tmp_path, "app/a.py")
    (tmp_path / "app" / "loop").symlink_to(tmp_path)
    (tmp_path / "app" / "self").symlink_to(tmp_path / "app")
    discovery = _discover(tmp_path)
    assert _names(tmp_path, discovery) == ["app/a.py"]
    assert discovery.problems == []


@symlinks
def test_self_referencing_symlink_is_a_problem(tmp_path: Path) -> None:
    _touch(tmp_path, "a.py")
    (tmp_path / "knot").symlink_to(tmp_path / "knot")
    (tmp_path / "ping").symlink_to(tmp_path / "pong")
    (tmp_path / "pong").symlink_to(tmp_path / "ping")
    discovery = _discover(tmp_path)
    assert _names(tmp_path, discovery) == ["a.py"]
    assert [(path.name, message) for path, message in discovery.problems] == [
        ("knot", "symlink loop; skipped"),
        ("ping", "symlink loop; skipped"),
        ("pong", "symlink loop; skipped"),
    ]
    with pytest.raises(DiscoveryError, match="symlink loop"):
        _discover(tmp_path, [tmp_path / "knot"])


@symlinks
def test_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "gone.py").symlink_to(tmp_path / "missing.py")
    (tmp_path / "gone_dir").symlink_to(tmp_path / "missing")
    discovery = _discover(tmp_path)
    assert discovery.files == []
    assert [(path.name, message) for path, message in discovery.problems] == [
        ("gone.py", "broken symlink; skipped")
    ]


@symlinks
def test_symlinked_directory_inside_root_is_followed_once(tmp_path: Path) -> None:
    _touch(tmp_path, "real/a.py", "shared/lib.py")
    (tmp_path / "alias").symlink_to(tmp_path / "real")  # sorts before "real"
    (tmp_path / "real" / "lib").symlink_to(tmp_path / "shared")
    assert _names(tmp_path, _discover(tmp_path)) == ["real/a.py", "shared/lib.py"]
    # Walking only ``real``: ``shared`` is reached through the link.
    assert _names(tmp_path, _discover(tmp_path, [tmp_path / "real"])) == [
        "real/a.py",
        "real/lib/lib.py",
    ]


@symlinks
def test_symlinks_outside_root_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    _touch(root, "a.py")
    _touch(tmp_path, "outside/b.py", "outside_file.py")
    (root / "ext").symlink_to(tmp_path / "outside")
    (root / "ext_file.py").symlink_to(tmp_path / "outside_file.py")
    assert _names(root, _discover(root)) == ["a.py"]
    # ...unless given explicitly.
    assert _names(root, _discover(root, [root / "ext_file.py"])) == ["ext_file.py"]


@symlinks
def test_symlink_into_excluded_directory(tmp_path: Path) -> None:
    _touch(tmp_path, ".venv/lib/x.py", "a.py")
    (tmp_path / "libs").symlink_to(tmp_path / ".venv" / "lib")
    assert _names(tmp_path, _discover(tmp_path)) == ["a.py"]


@symlinks
def test_symlinked_file_inside_root_is_deduplicated(tmp_path: Path) -> None:
    _touch(tmp_path, "z_real.py")
    (tmp_path / "a_alias.py").symlink_to(tmp_path / "z_real.py")
    assert _names(tmp_path, _discover(tmp_path)) == ["z_real.py"]


@symlinks
def test_root_spelled_through_a_symlink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _touch(tmp_path, "real/app/a.py")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path / "link")
    root = (tmp_path / "real").resolve()
    discovery = discover_files([Path("app")], root, Settings())
    assert _names(root, discovery) == ["app/a.py"]


# --------------------------------------------------------------------------- errors


def test_unreadable_directory_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _touch(tmp_path, "ok/a.py", "locked/b.py")
    real_scandir = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    discovery = _discover(tmp_path)
    assert _names(tmp_path, discovery) == ["ok/a.py"]
    assert discovery.problems == [(tmp_path / "locked", "cannot read directory: Permission denied")]


def test_exclude_spec_matches_as_gitignore_spec_does() -> None:
    """The one-regex matcher gives pathspec's answer for every path, with the default
    excludes, user patterns of every shape, and a negated pattern (the fallback)."""
    import itertools

    import pathspec

    from fastlint.discovery import DEFAULT_EXCLUDES, ExcludeSpec

    user = ["/migrations", "*.pyi", "app/generated/**", "build/", "docs_src/*/tutorial00?.py"]
    names = ["app", "build", "venv", ".venv", "migrations", "generated", "docs_src", "x"]
    leaves = ["main.py", "stub.pyi", "tutorial001.py", "build", "venv", "node_modules"]
    paths = [
        "/".join((*dirs, leaf)) + suffix
        for depth in range(3)
        for dirs in itertools.product(names, repeat=depth)
        for leaf in leaves
        for suffix in ("", "/")
    ]
    for lines in (
        list(DEFAULT_EXCLUDES),
        [*DEFAULT_EXCLUDES, *user],
        [*DEFAULT_EXCLUDES, *user, "!app/generated/keep.py"],
    ):
        fast = ExcludeSpec(lines)
        reference = pathspec.GitIgnoreSpec.from_lines(lines)
        assert [fast.match_file(p) for p in paths] == [bool(reference.match_file(p)) for p in paths]
