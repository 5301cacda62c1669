"""GitHub workflow-command and GitLab Code Quality output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from fastlint.findings import Finding, Span
from fastlint.fingerprint import fingerprints
from fastlint.output import RenderContext
from fastlint.output.github import escape_data, escape_property, render_github
from fastlint.output.gitlab import render_gitlab
from fastlint.rules.base import RuleInfo

RULES = [
    RuleInfo("FL101", "post-status-code", "POST without status.", level="error"),
    RuleInfo("FL102", "delete-status-code", "DELETE without status.", level="warning"),
    RuleInfo("FL201", "missing-tags", "No tags.", level="note"),
]

FILES = {
    "app/main.py": (
        "router = APIRouter()\n"
        "@router.post('/items')\n"
        "def create_item(): ...\n"
        "@router.delete('/items/{id}')\n"
        "def delete_item(id: int): ...\n"
        "@router.delete('/items/{id}')\n"
        "def delete_item_again(id: int): ...\n"
    ),
}


def source_line_over(files: dict[str, str]) -> Callable[[str, int], str]:
    def source_line(path: str, line: int) -> str:
        lines = files.get(path, "").splitlines()
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    return source_line


def make_ctx(root: Path, files: dict[str, str] = FILES) -> RenderContext:
    return RenderContext(
        root=root, rules=RULES, version="0.1.0", source_line=source_line_over(files)
    )


def sample(offset: int = 0) -> list[Finding]:
    def at(line: int, col: int, end: int) -> Span:
        return Span(line + offset, col, line + offset, end)

    return [
        Finding(
            "FL101", "POST route `create_item` declares no status_code", "app/main.py", at(2, 1, 23)
        ),
        Finding("FL102", "DELETE route declares no status_code", "app/main.py", at(4, 1, 30)),
        Finding("FL102", "DELETE route declares no status_code", "app/main.py", at(6, 1, 30)),
        Finding("FL201", "route has no tags", "app/main.py", at(2, 1, 23)),
    ]


# --- GitHub -----------------------------------------------------------------


def test_github_line_format(tmp_path: Path) -> None:
    out = render_github(sample()[:1], make_ctx(tmp_path))
    assert out == (
        "::error file=app/main.py,line=2,endLine=2,col=1,endColumn=23,"
        "title=fastlint (FL101)::FL101 POST route `create_item` declares no status_code"
    )


def test_github_levels_follow_rule_level(tmp_path: Path) -> None:
    lines = render_github(sample(), make_ctx(tmp_path)).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error",
        "::notice",
        "::warning",
        "::warning",
    ]


def test_github_unknown_code_does_not_crash(tmp_path: Path) -> None:
    finding = Finding("FL000", "could not parse app/x.py", "app/x.py", Span(1, 1, 1, 1))
    assert render_github([finding], make_ctx(tmp_path)).startswith("::error file=app/x.py,")


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_github_escapes_message_and_properties(tmp_path: Path) -> None:
    finding = Finding("FL102", "50% of\nroutes: a, b", "app/we,ird:name.py", Span(1, 2, 1, 3))
    out = render_github([finding], make_ctx(tmp_path))
    assert out == (
        "::warning file=app/we%2Cird%3Aname.py,line=1,endLine=1,col=2,endColumn=3,"
        "title=fastlint (FL102)::FL102 50%25 of%0Aroutes: a, b"
    )
    assert "\n" not in out


def test_github_empty_and_sorted(tmp_path: Path) -> None:
    assert render_github([], make_ctx(tmp_path)) == ""
    ctx = make_ctx(tmp_path)
    assert render_github(list(reversed(sample())), ctx) == render_github(sample(), ctx)


def test_github_monorepo_path(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    project = tmp_path / "svc"
    project.mkdir()
    assert "file=svc/app/main.py," in render_github(sample()[:1], make_ctx(project))


# --- GitLab -----------------------------------------------------------------


def test_gitlab_fields(tmp_path: Path) -> None:
    issues = json.loads(render_gitlab(sample(), make_ctx(tmp_path)))
    assert len(issues) == 4
    first = issues[0]
    assert first["check_name"] == "FL101"
    assert first["description"] == "FL101 POST route `create_item` declares no status_code"
    assert first["severity"] == "major"
    assert first["location"]["path"] == "app/main.py"
    assert first["location"]["lines"]["begin"] == 2
    assert first["location"]["positions"]["begin"] == {"line": 2, "column": 1}
    assert first["location"]["positions"]["end"] == {"line": 2, "column": 23}
    assert [issue["severity"] for issue in issues] == ["major", "info", "minor", "minor"]
    for issue in issues:
        for key in ("description", "check_name", "fingerprint", "severity"):
            assert isinstance(issue[key], str) and issue[key]


def test_gitlab_fingerprints_unique(tmp_path: Path) -> None:
    issues = json.loads(render_gitlab(sample(), make_ctx(tmp_path)))
    prints = [issue["fingerprint"] for issue in issues]
    # Two FL102 findings on identical lines still differ (occurrence index).
    assert len(set(prints)) == len(prints)


def test_gitlab_fingerprints_stable_when_lines_inserted_above(tmp_path: Path) -> None:
    before = json.loads(render_gitlab(sample(), make_ctx(tmp_path)))
    shifted = {"app/main.py": "import os\n\n\n" + FILES["app/main.py"]}
    after = json.loads(render_gitlab(sample(offset=3), make_ctx(tmp_path, shifted)))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in after] == [5, 5, 7, 9]


def test_gitlab_fingerprints_match_shared_scheme(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    issues = json.loads(render_gitlab(sample(), ctx))
    expected = set(fingerprints(sample(), ctx.source_line))
    assert {issue["fingerprint"] for issue in issues} == expected


def test_gitlab_empty_and_deterministic(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    assert json.loads(render_gitlab([], ctx)) == []
    assert render_gitlab(list(reversed(sample())), ctx) == render_gitlab(sample(), ctx)
