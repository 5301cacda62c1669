from __future__ import annotations

from pathlib import Path

import pytest

from fastlint.config import (
    ConfigError,
    Settings,
    find_config_file,
    find_project_root,
    load_settings,
    read_pydantic_major,
)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    return str(info.value)


# --------------------------------------------------------------------------- loading


def test_defaults_without_file() -> None:
    settings = load_settings(None)
    assert settings == Settings()
    assert settings.select is None
    assert settings.respect_gitignore is True
    assert settings.auth.public_paths == ["/health*", "/docs*", "/redoc*", "/openapi.json"]
    assert settings.pagination.max_limit == 100
    assert "page_size" in settings.pagination.params
    assert settings.status_codes.post == "creates"


def test_pyproject_kebab_keys(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "pyproject.toml",
        """
[project]
name = "x"

[tool.fastlint]
select = ["FL", "ALL", "FL3", "missing-auth"]
extend-select = ["FL10"]
ignore = ["FL201"]
respect-gitignore = false
jobs = 4
cache-dir = ".cache"
pydantic-version = 1
unsafe-fixes = true

[tool.fastlint.per-file-ignores]
"tests/**" = ["FL3"]

[tool.fastlint.auth]
dependencies = ["app.deps.current_user"]
public-paths = ["/login"]

[tool.fastlint.pagination]
max-limit = 50
page-types = ["fastapi_pagination.Params"]

[tool.fastlint.status-codes]
post = "all"

[tool.fastlint.routers]
classes = ["VersionedRouter"]
app-factories = ["app.main.create_app"]
""",
    )
    settings = load_settings(path)
    assert settings.select == ["FL", "ALL", "FL3", "missing-auth"]
    assert settings.extend_select == ["FL10"]
    assert settings.respect_gitignore is False
    assert settings.jobs == 4
    assert settings.cache_dir == ".cache"
    assert settings.pydantic_version == 1
    assert settings.unsafe_fixes is True
    assert settings.per_file_ignores == {"tests/**": ["FL3"]}
    assert settings.auth.dependencies == ["app.deps.current_user"]
    assert settings.auth.public_paths == ["/login"]
    assert settings.pagination.max_limit == 50
    assert settings.status_codes.post == "all"
    assert settings.routers.app_factories == ["app.main.create_app"]


def test_pyproject_without_table_gives_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_settings(path) == Settings()


def test_fastlint_toml_is_top_level(tmp_path: Path) -> None:
    path = _write(tmp_path / "fastlint.toml", 'ignore = ["FL1"]\n[auth]\ndependencies = ["u"]\n')
    settings = load_settings(path)
    assert settings.ignore == ["FL1"]
    assert settings.auth.dependencies == ["u"]


def test_settings_are_frozen() -> None:
    with pytest.raises(ValueError):
        Settings().fix = True  # type: ignore[misc, unused-ignore]


def test_python_names_are_accepted() -> None:
    assert Settings(extend_select=["FL1"]).extend_select == ["FL1"]


# --------------------------------------------------------------------------- errors


def test_unknown_key_with_suggestion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path / "pyproject.toml", "[tool.fastlint]\nselekt = ['FL1']\n")
    assert _error(path) == (
        "pyproject.toml: unknown key 'selekt' in [tool.fastlint] (did you mean 'select'?)"
    )


def test_unknown_nested_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path / "pyproject.toml", "[tool.fastlint.auth]\npublic_path = ['/x']\n")
    assert _error(path) == (
        "pyproject.toml: unknown key 'public_path' in [tool.fastlint.auth]"
        " (did you mean 'public-paths'?)"
    )


def test_unknown_key_without_close_match(tmp_path: Path) -> None:
    path = _write(tmp_path / "fastlint.toml", "zzzzzz = 1\n")
    message = _error(path)
    assert "unknown key 'zzzzzz'" in message
    assert "did you mean" not in message
    assert "fastlint.toml" in message


def test_tool_table_in_fastlint_toml(tmp_path: Path) -> None:
    path = _write(tmp_path / ".fastlint.toml", "[tool.fastlint]\nselect = ['FL1']\n")
    assert "unknown key 'tool' (this file takes the settings at top level)" in _error(path)


def test_wrong_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path / "pyproject.toml", "[tool.fastlint]\njobs = 'many'\n")
    assert _error(path) == "pyproject.toml: [tool.fastlint] jobs: expected an integer, got 'many'"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("jobs = 0", "[tool.fastlint] jobs: must be at least 1, got 0"),
        ("jobs = '4'", "[tool.fastlint] jobs: expected an integer, got '4'"),
        ("fix = 'yes'", "[tool.fastlint] fix: expected true or false, got 'yes'"),
        ("select = 'FL1'", "[tool.fastlint] select: expected a list, got 'FL1'"),
        ("select = [1]", "[tool.fastlint] select[0]: expected a string, got 1"),
        ("pydantic-version = 3", "[tool.fastlint] pydantic-version: expected 1 or 2, got 3"),
        ("auth = 5", "[tool.fastlint] auth: expected a table, got 5"),
        (
            "[tool.fastlint.status-codes]\npost = 'some'",
            "[tool.fastlint.status-codes] post: expected 'creates' or 'all', got 'some'",
        ),
        (
            "[tool.fastlint.pagination]\nmax-limit = 0",
            "[tool.fastlint.pagination] max-limit: must be at least 1, got 0",
        ),
        (
            "[tool.fastlint.per-file-ignores]\n'tests/**' = 'FL1'",
            "[tool.fastlint] per-file-ignores.\"tests/**\": expected a list, got 'FL1'",
        ),
    ],
)
def test_bad_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if not body.startswith("["):
        body = "[tool.fastlint]\n" + body
    path = _write(tmp_path / "pyproject.toml", body + "\n")
    assert _error(path) == f"pyproject.toml: {expected}"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("select = ['FL777']", "[tool.fastlint] select: unknown rule code 'FL777'"),
        ("ignore = ['XYZ']", "[tool.fastlint] ignore: unknown rule code 'XYZ'"),
        ("extend-select = ['']", "[tool.fastlint] extend-select: unknown rule code ''"),
        (
            "[tool.fastlint.per-file-ignores]\n'tests/**' = ['FL3', 'FL39']",
            "[tool.fastlint] per-file-ignores: unknown rule code 'FL39' (for 'tests/**')",
        ),
    ],
)
def test_unknown_rule_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if not body.startswith("["):
        body = "[tool.fastlint]\n" + body
    path = _write(tmp_path / "pyproject.toml", body + "\n")
    assert _error(path) == f"pyproject.toml: {expected}"


def test_invalid_exclude_pattern(tmp_path: Path) -> None:
    path = _write(tmp_path / "fastlint.toml", "extend-exclude = ['!']\n")
    assert "extend-exclude: invalid glob pattern '!'" in _error(path)


def test_several_errors_one_line_each(tmp_path: Path) -> None:
    path = _write(tmp_path / "fastlint.toml", "selekt = 1\njobs = 'x'\n")
    lines = _error(path).splitlines()
    assert len(lines) == 2
    assert all(line.startswith(str(path)) or line.startswith("fastlint.toml") for line in lines)


def test_bad_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path / "pyproject.toml", "[tool.fastlint\nselect = 1\n")
    message = _error(path)
    assert message.startswith("pyproject.toml: invalid TOML: ")
    assert "line 1" in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "fastlint.toml"
    path.write_bytes(b"select = ['\xff']\n")
    assert "invalid TOML" in _error(path)


def test_unreadable_file(tmp_path: Path) -> None:
    message = _error(tmp_path / "missing.toml")
    assert "missing.toml: cannot read" in message


def test_table_not_a_table(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", "[tool]\nfastlint = 3\n")
    assert "[tool.fastlint] must be a table" in _error(path)


def test_path_outside_cwd_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    path = _write(tmp_path / "proj" / "fastlint.toml", "jobs = 'x'\n")
    assert _error(path).startswith(f"{path}: ")


# --------------------------------------------------------------------------- discovery


def test_find_walks_up(tmp_path: Path) -> None:
    config = _write(tmp_path / "pyproject.toml", "[tool.fastlint]\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == config.resolve()
    assert find_config_file(_write(deep / "x.py", "")) == config.resolve()


def test_find_skips_pyproject_without_table(tmp_path: Path) -> None:
    outer = _write(tmp_path / "pyproject.toml", "[tool.fastlint]\nignore = []\n")
    _write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'fastlint-thing'\n")
    assert find_config_file(tmp_path / "sub") == outer.resolve()


def test_find_precedence_in_one_directory(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.fastlint]\n")
    _write(tmp_path / "fastlint.toml", "")
    assert find_config_file(tmp_path) == (tmp_path / "fastlint.toml").resolve()
    _write(tmp_path / ".fastlint.toml", "")
    assert find_config_file(tmp_path) == (tmp_path / ".fastlint.toml").resolve()


def test_find_closest_wins(tmp_path: Path) -> None:
    _write(tmp_path / ".fastlint.toml", "")
    inner = _write(tmp_path / "sub" / "pyproject.toml", "[tool.fastlint]\n")
    assert find_config_file(tmp_path / "sub") == inner.resolve()


def test_find_none(tmp_path: Path) -> None:
    assert find_config_file(tmp_path) is None or not str(find_config_file(tmp_path)).startswith(
        str(tmp_path)
    )


def test_find_reports_broken_pyproject_mentioning_fastlint(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.fastlint\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        find_config_file(tmp_path)


def test_find_ignores_broken_unrelated_pyproject(tmp_path: Path) -> None:
    _write(tmp_path / "sub" / "pyproject.toml", "[project\n")
    config = _write(tmp_path / "fastlint.toml", "")
    assert find_config_file(tmp_path / "sub") == config.resolve()


def test_project_root(tmp_path: Path) -> None:
    config = _write(tmp_path / "proj" / "fastlint.toml", "")
    (tmp_path / "proj" / "pkg" / "sub").mkdir(parents=True)
    assert find_project_root(tmp_path / "proj" / "pkg", config) == (tmp_path / "proj").resolve()

    _write(tmp_path / "other" / "setup.cfg", "")
    (tmp_path / "other" / "pkg").mkdir()
    assert find_project_root(tmp_path / "other" / "pkg", None) == (tmp_path / "other").resolve()

    (tmp_path / "gitrepo" / ".git").mkdir(parents=True)
    file = _write(tmp_path / "gitrepo" / "src" / "m.py", "")
    assert find_project_root(file, None) == (tmp_path / "gitrepo").resolve()


# --------------------------------------------------------------------------- pydantic major


@pytest.mark.parametrize(
    ("spec", "major"),
    [
        ("pydantic<2", 1),
        ("pydantic<2.0", 1),
        ("pydantic==1.10.*", 1),
        ("pydantic~=1.10", 1),
        ("pydantic>=1.8,<2.0", 1),
        ("pydantic >= 1.8, < 2", 1),
        ("pydantic[email] (>=1.8,<2) ; python_version >= '3.8'", 1),
        ("Pydantic<=1.10.13", 1),
        ("pydantic>=2", 2),
        ("pydantic>=2.5,<3", 2),
        ("pydantic", 2),
        ("pydantic>=1.8", 2),
        ("pydantic @ git+https://github.com/pydantic/pydantic", 2),
    ],
)
def test_pep621(tmp_path: Path, spec: str, major: int) -> None:
    _write(tmp_path / "pyproject.toml", f'[project]\ndependencies = ["fastapi", "{spec}"]\n')
    assert read_pydantic_major(tmp_path) == major


def test_not_declared(tmp_path: Path) -> None:
    assert read_pydantic_major(tmp_path) is None
    _write(
        tmp_path / "pyproject.toml",
        '[project]\ndependencies = ["pydantic-settings<2", "pydantic_core"]\n',
    )
    assert read_pydantic_major(tmp_path) is None


@pytest.mark.parametrize(
    ("value", "major"),
    [
        ('"^1.10"', 1),
        ('"~1.10"', 1),
        ('"1.10.2"', 1),
        ('{ version = "^1.10", extras = ["email"] }', 1),
        ('"^2.5"', 2),
        ('"*"', 2),
        ('"^1.10 || ^2.0"', 2),
        ('[{ version = "^1.10", python = "<3.8" }, { version = "^2", python = ">=3.8" }]', 2),
    ],
)
def test_poetry(tmp_path: Path, value: str, major: int) -> None:
    _write(
        tmp_path / "pyproject.toml",
        f'[tool.poetry.dependencies]\npython = "^3.10"\npydantic = {value}\n',
    )
    assert read_pydantic_major(tmp_path) == major


def test_requirements_and_setup_cfg(tmp_path: Path) -> None:
    _write(tmp_path / "requirements-dev.txt", "-r requirements.txt\npydantic>=2  # latest\n")
    assert read_pydantic_major(tmp_path) == 2
    _write(tmp_path / "requirements.txt", "# pinned\nfastapi==0.99\npydantic==1.10.13 \\\n")
    assert read_pydantic_major(tmp_path) == 1  # the main requirements file decides


def test_setup_cfg(tmp_path: Path) -> None:
    _write(
        tmp_path / "setup.cfg",
        "[options]\ninstall_requires =\n    fastapi\n    pydantic>=1.9,<2\n",
    )
    assert read_pydantic_major(tmp_path) == 1


def test_main_dependencies_beat_extras(tmp_path: Path) -> None:
    _write(
        tmp_path / "pyproject.toml",
        '[project]\ndependencies = ["pydantic>=2"]\n'
        '[project.optional-dependencies]\nlegacy = ["pydantic<2"]\n',
    )
    assert read_pydantic_major(tmp_path) == 2


def test_extras_used_when_main_is_silent(tmp_path: Path) -> None:
    _write(
        tmp_path / "pyproject.toml",
        '[project]\ndependencies = ["fastapi"]\n'
        '[project.optional-dependencies]\nmodels = ["pydantic<2"]\n',
    )
    assert read_pydantic_major(tmp_path) == 1


def test_garbage_is_tolerated(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[project\ndependencies = 5\n")
    _write(tmp_path / "setup.cfg", "this is not ini\n[[[")
    (tmp_path / "requirements.txt").write_bytes(b"\xff\xfe pydantic\n")
    assert read_pydantic_major(tmp_path) is None
    _write(tmp_path / "pyproject.toml", "[project]\ndependencies = 5\n[tool]\npoetry = 3\n")
    assert read_pydantic_major(tmp_path) is None


def test_extend_starts_from_another_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fastlint]\nignore = ["FL201"]\n[tool.fastlint.auth]\npublic-paths = ["/open*"]\n'
        "[tool.fastlint.pagination]\nmax-limit = 50\n"
    )
    service = tmp_path / "service"
    service.mkdir()
    (service / "pyproject.toml").write_text(
        '[tool.fastlint]\nextend = "../pyproject.toml"\n'
        '[tool.fastlint.pagination]\nparams = ["n"]\n'
    )
    settings = load_settings(service / "pyproject.toml")
    assert settings.ignore == ["FL201"]
    assert settings.auth.public_paths == ["/open*"]
    assert settings.pagination.max_limit == 50  # the base's key, beside this file's
    assert settings.pagination.params == ["n"]


def test_extend_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text("selekt = []\n")
    (tmp_path / "pyproject.toml").write_text('[tool.fastlint]\nextend = "base.toml"\n')
    with pytest.raises(ConfigError, match=r"base\.toml: unknown key 'selekt'"):
        load_settings(tmp_path / "pyproject.toml")
    (tmp_path / "pyproject.toml").write_text('[tool.fastlint]\nextend = "missing.toml"\n')
    with pytest.raises(ConfigError, match=r"no such file 'missing\.toml'"):
        load_settings(tmp_path / "pyproject.toml")
    (tmp_path / "a.toml").write_text('extend = "b.toml"\n')
    (tmp_path / "b.toml").write_text('extend = "a.toml"\n')
    with pytest.raises(ConfigError, match="cycle"):
        load_settings(tmp_path / "a.toml")


def test_an_unreadable_pyproject_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.fastlint]\n")
    real_read_text = Path.read_text

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        if self == pyproject:
            raise PermissionError(13, "Permission denied")
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", refuse)  # chmod 0 does not stop root
    with pytest.raises(ConfigError, match=r"pyproject\.toml: cannot read: Permission denied"):
        find_config_file(tmp_path)


def test_an_absurd_version_number_is_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("pydantic==" + "1" * 5000 + "\n")
    assert read_pydantic_major(tmp_path) in (None, 1, 2)
