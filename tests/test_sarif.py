"""SARIF output: schema-valid, and within GitHub code scanning's upload rules."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from fastlint.findings import Edit, Finding, Fix, Span
from fastlint.fingerprint import SCHEME
from fastlint.output import RenderContext
from fastlint.output import sarif as sarif_module
from fastlint.output.sarif import render_sarif, sarif_log, utf16_column
from fastlint.rules.base import RuleInfo
from fastlint.rules.registry import RULE_INFOS, all_infos

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

FILES = {
    "app/main.py": (
        "from fastapi import APIRouter\n"
        "router = APIRouter()\n"
        "@router.post('/items')\n"
        "def create_item(item: ItemCreate): ...\n"
        "@router.delete('/items/{id}')\n"
        "def delete_item(id: int): ...\n"
    ),
    "app/unicode.py": 's = "é😀"; x = foo(1)\n',
    "app/models.py": ("class Item(BaseModel):\n    class Config:\n        orm_mode = True\n"),
}

RULES = [RULE_INFOS[code] for code in ("FL101", "FL102", "FL201", "FL301", "FL601")]


def source_line_over(files: dict[str, str]) -> Callable[[str, int], str]:
    """A fake ``RenderContext.source_line`` over in-memory file texts."""

    def source_line(path: str, line: int) -> str:
        lines = files.get(path, "").splitlines()
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    return source_line


def make_ctx(
    root: Path, files: dict[str, str] = FILES, rules: Sequence[RuleInfo] = RULES
) -> RenderContext:
    return RenderContext(
        root=root, rules=rules, version="0.1.0", source_line=source_line_over(files)
    )


def sample_findings() -> list[Finding]:
    status_fix = Fix(
        "unsafe",
        "Add `status_code=201`",
        (Edit(Span(3, 21, 3, 21), ", status_code=201"),),
    )
    config_fix = Fix(
        "safe",
        "Replace `class Config` with `model_config`",
        (Edit(Span(2, 5, 3, 24), "model_config = ConfigDict(from_attributes=True)"),),
    )
    return [
        Finding(
            "FL102", "DELETE route declares no `status_code`", "app/main.py", Span(5, 1, 5, 30)
        ),
        Finding(
            "FL101",
            "POST route `create_item` creates",
            "app/main.py",
            Span(3, 1, 3, 22),
            fix=status_fix,
        ),
        Finding("FL301", "no auth dependency", "app/unicode.py", Span(1, 15, 1, 21)),
        Finding(
            "FL601", "nested `class Config`", "app/models.py", Span(2, 5, 2, 18), fix=config_fix
        ),
    ]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def schema_errors(validator: jsonschema.Draft4Validator, log: Any) -> list[str]:
    return [error.message for error in validator.iter_errors(log)]


def github_problems(log: dict[str, Any]) -> list[str]:
    """GitHub code scanning's upload rules, checked in code (SARIF support page)."""
    problems: list[str] = []

    def need(value: Any, what: str) -> None:
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{what} missing or empty")

    need(log.get("$schema"), "$schema")
    if log.get("version") != "2.1.0":
        problems.append("version must be 2.1.0")
    runs = log.get("runs", [])
    if not 1 <= len(runs) <= 20:
        problems.append("1..20 runs")
    for run in runs:
        driver = run["tool"]["driver"]
        need(driver.get("name"), "driver.name")
        rules = driver.get("rules")
        if not isinstance(rules, list) or len(rules) > 25_000:
            problems.append("driver.rules must be a list of at most 25,000")
            continue
        for rule in rules:
            need(rule.get("id"), "rule.id")
            for key in ("shortDescription", "fullDescription"):
                text = rule.get(key, {}).get("text")
                need(text, f"{rule.get('id')}.{key}")
                if isinstance(text, str) and len(text) > 1024:
                    problems.append(f"{rule['id']}.{key} over 1024 chars")
            need(rule.get("help", {}).get("text"), f"{rule.get('id')}.help.text")
            if len(rule.get("properties", {}).get("tags", [])) > 10:
                problems.append(f"{rule['id']} has more than 10 tags")
        bases = run.get("originalUriBaseIds", {})
        results = run.get("results", [])
        if len(results) > 25_000:
            problems.append("more than 25,000 results")
        for result in results:
            rule_id = result.get("ruleId")
            index = result.get("ruleIndex")
            if not isinstance(index, int) or not 0 <= index < len(rules):
                problems.append(f"{rule_id}: ruleIndex out of range")
            elif rules[index]["id"] != rule_id:
                problems.append(f"{rule_id}: ruleIndex points at {rules[index]['id']}")
            need(result.get("message", {}).get("text"), f"{rule_id}.message.text")
            if not result.get("partialFingerprints"):
                problems.append(f"{rule_id}: no partialFingerprints")
            locations = result.get("locations", [])
            if not locations:
                problems.append(f"{rule_id}: no location")
            for location in locations:
                physical = location["physicalLocation"]
                artifact = physical["artifactLocation"]
                uri = artifact.get("uri", "")
                need(uri, f"{rule_id}.uri")
                if ":" in uri or uri.startswith("/"):
                    problems.append(f"{rule_id}: uri {uri!r} is not relative")
                if artifact.get("uriBaseId") not in bases:
                    problems.append(f"{rule_id}: uriBaseId not declared in originalUriBaseIds")
                region = physical["region"]
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    if not isinstance(region.get(key), int) or region[key] < 1:
                        problems.append(f"{rule_id}: region.{key} must be 1-based")
    return problems


def test_valid_against_official_schema(
    tmp_path: Path, validator: jsonschema.Draft4Validator
) -> None:
    log = json.loads(render_sarif(sample_findings(), make_ctx(tmp_path)))
    assert schema_errors(validator, log) == []


def test_negative_control_schema_really_checks(
    tmp_path: Path, validator: jsonschema.Draft4Validator
) -> None:
    log = json.loads(render_sarif(sample_findings(), make_ctx(tmp_path)))
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["version"]
    errors = schema_errors(validator, broken)
    assert len(errors) == 2
    assert any("fatal" in message for message in errors)
    assert any("'version' is a required property" in message for message in errors)
    assert github_problems(broken) == ["version must be 2.1.0"]


def test_meets_github_upload_rules(tmp_path: Path) -> None:
    log = sarif_log(sample_findings(), make_ctx(tmp_path))
    assert github_problems(log) == []


def test_github_checker_catches_violations(tmp_path: Path) -> None:
    log = sarif_log(sample_findings(), make_ctx(tmp_path))
    run = log["runs"][0]
    run["results"][0]["ruleIndex"] = 1
    run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "/abs/x.py"
    run["tool"]["driver"]["rules"][0]["fullDescription"]["text"] = "x" * 1025
    assert len(github_problems(log)) == 3


def test_empty_run_is_valid(tmp_path: Path, validator: jsonschema.Draft4Validator) -> None:
    log = json.loads(render_sarif([], make_ctx(tmp_path)))
    assert schema_errors(validator, log) == []
    assert github_problems(log) == []
    run = log["runs"][0]
    assert run["results"] == []
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [r.code for r in RULES]


def test_driver(tmp_path: Path) -> None:
    driver = sarif_log([], make_ctx(tmp_path))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "fastlint"
    assert driver["version"] == driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"] == "https://github.com/fastlint/fastlint"


def test_all_enabled_rules_listed_and_rule_index(tmp_path: Path) -> None:
    log = sarif_log(sample_findings(), make_ctx(tmp_path))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["FL101", "FL102", "FL201", "FL301", "FL601"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    fl301 = rules[3]
    assert fl301["name"] == "missing-auth"
    assert fl301["shortDescription"]["text"] == RULE_INFOS["FL301"].summary
    assert fl301["defaultConfiguration"]["level"] == "error"
    assert fl301["properties"]["precision"] == "high"
    assert fl301["properties"]["problem.severity"] == "error"
    assert "fastapi" in fl301["properties"]["tags"]
    assert fl301["helpUri"].startswith("https://github.com/fastlint/fastlint")


def test_reported_code_outside_enabled_rules_is_added(tmp_path: Path) -> None:
    parse_error = Finding("FL000", "could not parse app/bad.py", "app/bad.py", Span(1, 1, 1, 1))
    log = sarif_log([parse_error, *sample_findings()], make_ctx(tmp_path))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert rules[-1]["id"] == "FL000"
    assert github_problems(log) == []
    result = next(r for r in run["results"] if r["ruleId"] == "FL000")
    assert result["ruleIndex"] == len(rules) - 1
    assert result["level"] == "error"


def test_rule_doc_feeds_descriptions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    what = "Checks POST routes. " * 80  # 1,600 characters: over GitHub's limit
    doc = (
        "# post-status-code (FL101)\n\n## What it does\n\n"
        f"{what}\n\n## Why is this bad?\n\nClients expect 201.\n"
    )
    monkeypatch.setattr(sarif_module, "load_doc", lambda code: doc if code == "FL101" else None)
    rules = sarif_log([], make_ctx(tmp_path))["runs"][0]["tool"]["driver"]["rules"]
    fl101, fl102 = rules[0], rules[1]
    full = fl101["fullDescription"]["text"]
    assert len(full) <= 1024
    assert full.startswith("Checks POST routes.")
    assert full.endswith("…")
    assert "Why is this bad" not in full
    assert fl101["help"]["markdown"] == doc.strip()
    assert fl101["help"]["text"] == doc.strip()
    assert fl101["helpUri"] == "https://github.com/fastlint/fastlint/blob/main/rules/FL101.md"
    # A rule without a document falls back to its summary.
    assert fl102["fullDescription"]["text"] == RULE_INFOS["FL102"].summary
    assert fl102["help"]["text"] == RULE_INFOS["FL102"].summary


def test_locations_are_relative_with_declared_base(tmp_path: Path) -> None:
    run = sarif_log(sample_findings(), make_ctx(tmp_path))["runs"][0]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file://")
    assert base.endswith("/")
    assert base == tmp_path.resolve().as_uri() + "/"
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "app/main.py", "uriBaseId": "%SRCROOT%"}


def test_uri_is_percent_encoded(tmp_path: Path) -> None:
    finding = Finding("FL101", "m", "app/my routes/é.py", Span(1, 1, 1, 2))
    run = sarif_log([finding], make_ctx(tmp_path))["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "app/my%20routes/%C3%A9.py"


def test_monorepo_paths_are_repository_relative(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    project = tmp_path / "services" / "api"
    project.mkdir(parents=True)
    run = sarif_log(sample_findings()[:1], make_ctx(project))["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "services/api/app/main.py"


def test_regions_are_one_based_utf16(tmp_path: Path) -> None:
    run = sarif_log(sample_findings(), make_ctx(tmp_path))["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    result = next(r for r in run["results"] if r["ruleId"] == "FL301")
    region = result["locations"][0]["physicalLocation"]["region"]
    # `foo(1)` starts at code point 15 (1-based); "😀" takes two UTF-16 units.
    assert region == {"startLine": 1, "startColumn": 16, "endLine": 1, "endColumn": 22}
    ascii_result = next(r for r in run["results"] if r["ruleId"] == "FL102")
    assert ascii_result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5,
        "startColumn": 1,
        "endLine": 5,
        "endColumn": 30,
    }


@pytest.mark.parametrize(
    ("text", "column", "expected"),
    [
        ("abc", 1, 1),
        ("abc", 4, 4),  # end of line
        ("abc", 9, 9),  # past the end counts one per column
        ("é😀x", 2, 2),  # é is one unit
        ("é😀x", 3, 4),  # after the emoji: two units
        ("", 5, 5),  # unknown text: code points
        ("😀😀", 3, 5),
    ],
)
def test_utf16_column(text: str, column: int, expected: int) -> None:
    assert utf16_column(text, column) == expected


def test_fixes(tmp_path: Path) -> None:
    run = sarif_log(sample_findings(), make_ctx(tmp_path))["runs"][0]
    by_rule = {result["ruleId"]: result for result in run["results"]}
    assert "fixes" not in by_rule["FL102"]
    (fix,) = by_rule["FL101"]["fixes"]
    assert fix["description"]["text"] == "Add `status_code=201`"
    assert fix["properties"] == {"applicability": "unsafe"}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "app/main.py", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 21, "endLine": 3, "endColumn": 21},
            "insertedContent": {"text": ", status_code=201"},
        }
    ]
    multi_line = by_rule["FL601"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert multi_line["deletedRegion"] == {
        "startLine": 2,
        "startColumn": 5,
        "endLine": 3,
        "endColumn": 24,
    }


def test_partial_fingerprints_survive_lines_inserted_above(tmp_path: Path) -> None:
    before = sarif_log(sample_findings(), make_ctx(tmp_path))["runs"][0]["results"]
    shifted_files = {path: "# new\n\n" + text for path, text in FILES.items()}
    shifted = [
        Finding(
            f.code,
            f.message,
            f.path,
            Span(f.span.line + 2, f.span.column, f.span.end_line + 2, f.span.end_column),
        )
        for f in sample_findings()
    ]
    after = sarif_log(shifted, make_ctx(tmp_path, shifted_files))["runs"][0]["results"]

    def prints(results: list[dict[str, Any]]) -> dict[str, str]:
        return {r["ruleId"]: r["partialFingerprints"][SCHEME] for r in results}

    assert prints(before) == prints(after)
    assert len(set(prints(before).values())) == len(before)


def test_duplicates_on_identical_lines_get_distinct_fingerprints(tmp_path: Path) -> None:
    files = {"a.py": "@router.delete('/x')\n@router.delete('/x')\n"}
    findings = [
        Finding("FL102", "m", "a.py", Span(1, 1, 1, 5)),
        Finding("FL102", "m", "a.py", Span(2, 1, 2, 5)),
    ]
    results = sarif_log(findings, make_ctx(tmp_path, files))["runs"][0]["results"]
    assert len({r["partialFingerprints"][SCHEME] for r in results}) == 2


def test_deterministic_and_order_independent(tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path)
    first = render_sarif(sample_findings(), ctx)
    assert render_sarif(list(reversed(sample_findings())), ctx) == first
    assert first == json.dumps(json.loads(first), indent=2)
    results = json.loads(first)["runs"][0]["results"]
    keys = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in results
    ]
    assert keys == sorted(keys)


def test_result_limit_keeps_most_severe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validator: jsonschema.Draft4Validator
) -> None:
    monkeypatch.setattr(sarif_module, "MAX_RESULTS", 3)
    findings = [Finding("FL102", f"w{i}", "app/main.py", Span(5, 1, 5, 2)) for i in range(4)]
    findings += [Finding("FL301", f"e{i}", "app/unicode.py", Span(1, 1, 1, 2)) for i in range(2)]
    full = sarif_log(findings, make_ctx(tmp_path))["runs"][0]
    assert "invocations" not in sarif_log(findings[:3], make_ctx(tmp_path))["runs"][0]
    log = sarif_log(findings, make_ctx(tmp_path))
    run = log["runs"][0]
    assert len(run["results"]) == 3
    assert sorted(r["ruleId"] for r in run["results"]) == ["FL102", "FL301", "FL301"]
    notice = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert notice.startswith("3 results were left out")
    assert schema_errors(validator, log) == []
    # Dropping results never changes the fingerprints of those kept.
    kept = {r["partialFingerprints"][SCHEME] for r in run["results"]}
    assert kept <= {r["partialFingerprints"][SCHEME] for r in full["results"]}


def test_full_description_unwraps_prose(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = (
        "# x (FL101)\n\n## What it does\n\n"
        "Checks POST\nroutes.\n\n- one\n  more\n- two\n\n## Fix\n\nx\n"
    )
    monkeypatch.setattr(sarif_module, "load_doc", lambda code: doc)
    rule = sarif_log([], make_ctx(tmp_path))["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["fullDescription"]["text"] == "Checks POST routes.\n\n- one more\n- two"


def test_whole_catalogue_with_real_docs(
    tmp_path: Path, validator: jsonschema.Draft4Validator
) -> None:
    """Every rule with whatever documents exist in rules/ (missing ones fall back)."""
    infos = all_infos()
    findings = [Finding(info.code, info.summary, "app/main.py", Span(1, 1, 1, 2)) for info in infos]
    log = sarif_log(findings, make_ctx(tmp_path, rules=infos))
    assert schema_errors(validator, log) == []
    assert github_problems(log) == []
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [info.code for info in infos]


def test_real_fixes_are_valid_sarif(tmp_path: Path, validator: jsonschema.Draft4Validator) -> None:
    """The CLI's SARIF with real fixes (one editing another file) validates, and each
    fix names the file it edits."""
    import subprocess
    import sys

    cases = Path(__file__).parent / "fix_cases" / "from_attributes" / "before"
    root = tmp_path / "project"
    import shutil

    shutil.copytree(cases, root)
    (root / "pyproject.toml").write_text("[tool.fastlint]\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "fastlint", "check", ".", "--output-format", "sarif"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    log = json.loads(out.stdout)
    assert schema_errors(validator, log) == []
    fixes = [fix for result in log["runs"][0]["results"] for fix in result.get("fixes", [])]
    assert fixes, "no fix in the SARIF output"
    uris = {change["artifactLocation"]["uri"] for fix in fixes for change in fix["artifactChanges"]}
    assert uris == {"schemas.py"}  # the calls are in api.py, the config lives in schemas.py


def test_missing_auth_is_a_security_alert(tmp_path: Path) -> None:
    """GitHub grades rules with ``security-severity`` as security alerts; every rule
    states its precision."""
    log = json.loads(render_sarif(sample_findings(), make_ctx(tmp_path)))
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["FL301"]["properties"]["security-severity"] == "7.5"
    assert "security" in rules["FL301"]["properties"]["tags"]
    assert all(rule["properties"]["precision"] for rule in rules.values())
    assert "security-severity" not in rules["FL101"]["properties"]
