"""The CI integrations through the real command line, on a copy of examples/shop.

Every test runs ``python -m fastlint`` in a subprocess (real exit codes, real
stdout/stderr, no shared state) on a fresh copy of the example project, so the
tests never depend on the current directory or on the repository around them.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml
from test_sarif import SCHEMA_PATH, github_problems

from fastlint.fingerprint import SCHEME

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "shop"
KNOWN_FINDINGS = 15

# A route added to a router file: one new FL102 (DELETE without status_code)
# and nothing else (the router carries tags and the auth dependency).
NEW_ROUTE = """

@router.delete("/{item_id}/image")
def delete_item_image(item_id: int, session: SessionDep, owner: CurrentUser) -> None:
    _get_item(session, item_id)
"""
PADDING = "# one\n\n# two\n\n# three\n"  # five lines


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    project = tmp_path / "shop"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def fastlint(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fastlint", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def json_findings(cwd: Path, *args: str | Path) -> tuple[int, list[dict[str, Any]]]:
    proc = fastlint(cwd, "check", *args, "--output-format", "json")
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def assert_clean_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 2, one ``fastlint: error:`` line naming the problem, never a traceback."""
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("fastlint: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def prepend(path: Path, text: str) -> None:
    path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")


# --- SARIF -------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_of_example_is_valid_and_meets_github_rules(
    shop: Path, validator: jsonschema.Draft4Validator
) -> None:
    proc = fastlint(shop, "check", ".", "--output-format", "sarif", "--output-file", "out.sarif")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    log = json.loads((shop / "out.sarif").read_text(encoding="utf-8"))

    assert [error.message for error in validator.iter_errors(log)] == []
    assert github_problems(log) == []

    (run,) = log["runs"]
    results = run["results"]
    assert len(results) == KNOWN_FINDINGS
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == shop.resolve().as_uri() + "/"
    _, reported = json_findings(shop, ".")
    locations = [r["locations"][0]["physicalLocation"] for r in results]
    assert {loc["artifactLocation"]["uri"] for loc in locations} == {f["path"] for f in reported}
    for loc in locations:
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith("/") and ":" not in uri
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert (shop / uri).is_file()
    assert sorted(
        (loc["artifactLocation"]["uri"], loc["region"]["startLine"], r["ruleId"])
        for loc, r in zip(locations, results, strict=True)
    ) == sorted((f["path"], f["line"], f["code"]) for f in reported)
    prints = [r["partialFingerprints"][SCHEME] for r in results]
    assert len(set(prints)) == len(prints)
    rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rule_ids


def test_sarif_stdout_matches_file_and_fingerprints_survive_edits(shop: Path) -> None:
    to_stdout = fastlint(shop, "check", "--output-format", "sarif")
    fastlint(shop, "check", "--output-format", "sarif", "-o", "out.sarif")
    assert to_stdout.stdout == (shop / "out.sarif").read_text(encoding="utf-8")

    def prints(text: str) -> set[tuple[str, str]]:
        results = json.loads(text)["runs"][0]["results"]
        return {(r["ruleId"], r["partialFingerprints"][SCHEME]) for r in results}

    before = prints(to_stdout.stdout)
    prepend(shop / "app" / "api" / "users.py", PADDING)
    prepend(shop / "app" / "schemas.py", PADDING)
    after = fastlint(shop, "check", "--output-format", "sarif")
    assert prints(after.stdout) == before
    assert after.stdout != to_stdout.stdout  # the lines did move


# --- GitHub workflow commands and GitLab Code Quality ---------------------------

GITHUB_LINE = re.compile(
    r"::(?P<kind>error|warning|notice) "
    r"file=(?P<file>[^,:]+),line=(?P<line>\d+),endLine=(?P<end_line>\d+),"
    r"col=(?P<col>\d+),endColumn=(?P<end_col>\d+),title=fastlint \((?P<title>FL\d{3})\)"
    r"::(?P<message>.+)"
)


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def test_github_format_one_command_per_finding(shop: Path) -> None:
    proc = fastlint(shop, "check", ".", "--output-format", "github")
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == KNOWN_FINDINGS
    _, reported = json_findings(shop, ".")
    kinds = {"error": "error", "warning": "warning", "note": "notice"}
    expected = sorted(
        (f["path"], f["line"], f["column"], kinds[f["severity"]], f"{f['code']} {f['message']}")
        for f in reported
    )
    seen = []
    for line in lines:
        match = GITHUB_LINE.fullmatch(line)
        assert match, line
        message = match["message"]
        # Only the three escapes the runner decodes; no raw newline can end the command.
        assert re.sub(r"%(25|0A|0D)", "", message).count("%") == 0, message
        assert message.startswith(match["title"] + " ")
        assert (shop / match["file"]).is_file()
        assert int(match["line"]) <= int(match["end_line"])
        seen.append(
            (
                match["file"],
                int(match["line"]),
                int(match["col"]),
                match["kind"],
                unescape_data(message),
            )
        )
    assert sorted(seen) == expected


def test_gitlab_format_is_code_quality_json(shop: Path) -> None:
    proc = fastlint(shop, "check", ".", "--output-format", "gitlab", "-o", "gl-code-quality.json")
    assert proc.returncode == 1, proc.stderr
    issues = json.loads((shop / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert isinstance(issues, list)
    assert len(issues) == KNOWN_FINDINGS
    for issue in issues:
        assert issue["type"] == "issue"
        assert re.fullmatch(r"FL\d{3}", issue["check_name"])
        assert issue["description"].startswith(issue["check_name"] + " ")
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        path = issue["location"]["path"]
        assert not path.startswith("/") and (shop / path).is_file()
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    _, reported = json_findings(shop, ".")
    assert sorted(
        (i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in issues
    ) == sorted((f["path"], f["line"], f["code"]) for f in reported)

    # The same findings keep their fingerprints when code above them moves.
    prepend(shop / "app" / "api" / "users.py", PADDING)
    moved = json.loads(fastlint(shop, "check", "--output-format", "gitlab").stdout)
    assert sorted(i["fingerprint"] for i in moved) == sorted(fingerprints)


# --- baseline ------------------------------------------------------------------


def test_baseline_round_trip(shop: Path) -> None:
    written = fastlint(shop, "check", ".", "--write-baseline", "b.json")
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert f"recorded {KNOWN_FINDINGS} findings in b.json" in written.stderr
    document = json.loads((shop / "b.json").read_text(encoding="utf-8"))
    assert document["fastlint-baseline"] == 1
    assert len(document["findings"]) == KNOWN_FINDINGS

    # Everything recorded is hidden, in every format and from any directory.
    assert json_findings(shop, ".", "--baseline", "b.json") == (0, [])
    text = fastlint(shop, "check", ".", "--baseline", "b.json")
    assert text.returncode == 0
    assert "FL" not in text.stdout
    assert fastlint(shop.parent, "check", "shop", "--baseline", "shop/b.json").returncode == 0
    assert fastlint(shop, "check", "app/api/users.py", "--baseline", "b.json").returncode == 0

    # Lines inserted above known findings: they move, and stay hidden.
    users, schemas = shop / "app" / "api" / "users.py", shop / "app" / "schemas.py"
    _, lines_before = json_findings(shop, "app/api/users.py")
    prepend(users, PADDING)
    prepend(schemas, '"""Schemas."""\n# moved\n\n\n\n')
    _, lines_after = json_findings(shop, "app/api/users.py")
    assert [f["line"] for f in lines_after] == [f["line"] + 5 for f in lines_before]
    assert json_findings(shop, ".", "--baseline", "b.json") == (0, [])

    # A new finding is the only one shown.
    items = shop / "app" / "api" / "items.py"
    items.write_text(items.read_text(encoding="utf-8") + NEW_ROUTE, encoding="utf-8")
    code, new = json_findings(shop, ".", "--baseline", "b.json")
    assert code == 1
    assert [(f["code"], f["path"]) for f in new] == [("FL102", "app/api/items.py")]
    assert "delete_item_image" in new[0]["message"]
    text = fastlint(shop, "check", ".", "--baseline", "b.json")
    assert text.returncode == 1
    (shown,) = [line for line in text.stdout.splitlines() if ": FL" in line]
    assert shown.startswith(f"app/api/items.py:{new[0]['line']}:")


def test_baseline_from_another_version_is_accepted(shop: Path) -> None:
    assert fastlint(shop, "check", "--write-baseline", "b.json").returncode == 0
    document = json.loads((shop / "b.json").read_text(encoding="utf-8"))
    document["version"] = "0.0.1"
    (shop / "b.json").write_text(json.dumps(document), encoding="utf-8")
    assert json_findings(shop, "--baseline", "b.json") == (0, [])


def test_rewriting_the_baseline_is_deterministic(shop: Path) -> None:
    assert fastlint(shop, "check", "--write-baseline", "one.json").returncode == 0
    assert fastlint(shop, "check", "--write-baseline", "two.json").returncode == 0
    assert (shop / "one.json").read_bytes() == (shop / "two.json").read_bytes()


# --- bad input -----------------------------------------------------------------


def test_output_file_is_a_directory(shop: Path) -> None:
    (shop / "reports").mkdir()
    proc = fastlint(shop, "check", "--output-format", "sarif", "--output-file", "reports")
    assert_clean_error(proc, "reports")
    assert proc.stdout == ""


def test_output_file_under_a_regular_file(shop: Path) -> None:
    (shop / "not-a-dir").write_text("x", encoding="utf-8")
    proc = fastlint(shop, "check", "-o", "not-a-dir/out.json", "--output-format", "json")
    assert_clean_error(proc, "not-a-dir/out.json")
    assert (shop / "not-a-dir").read_text(encoding="utf-8") == "x"


def test_write_baseline_to_a_directory(shop: Path) -> None:
    (shop / "baselines").mkdir()
    assert_clean_error(fastlint(shop, "check", "--write-baseline", "baselines"), "baselines")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{", "not valid JSON"),
        ("", "not valid JSON"),
        ('{"fastlint-baseline": 1, "findings": "all"}', "'findings' must be a list"),
        ('{"fastlint-baseline": 1, "findings": [{"code": "FL101"}]}', "findings[0]"),
        ('{"fastlint-baseline": 99, "findings": []}', "format 99"),
    ],
    ids=["truncated", "empty", "findings-not-list", "entry-incomplete", "future-format"],
)
def test_malformed_baseline(shop: Path, content: str, fragment: str) -> None:
    (shop / "b.json").write_text(content, encoding="utf-8")
    proc = fastlint(shop, "check", "--baseline", "b.json")
    assert_clean_error(proc, "b.json", fragment)
    assert proc.stdout == ""


def test_baseline_not_utf8(shop: Path) -> None:
    (shop / "b.json").write_bytes(b"\xff\xfe{}")
    assert_clean_error(fastlint(shop, "check", "--baseline", "b.json"), "b.json")


def test_missing_baseline(shop: Path) -> None:
    proc = fastlint(shop, "check", "--baseline", "missing.json")
    assert_clean_error(proc, "missing.json", "--write-baseline")


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "json"])
def test_foreign_report_as_baseline(shop: Path, fmt: str) -> None:
    """The usual mistake: passing last run's report instead of a baseline."""
    fastlint(shop, "check", "--output-format", fmt, "-o", "report.json")
    proc = fastlint(shop, "check", "--baseline", "report.json")
    assert_clean_error(proc, "report.json", "not a fastlint baseline")


def test_output_file_written_atomically(shop: Path) -> None:
    reports = shop / "reports"
    reports.mkdir()
    target = reports / "fastlint.sarif"
    target.write_text("old report\n", encoding="utf-8")
    proc = fastlint(shop, "check", "--output-format", "sarif", "-o", target)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    expected = fastlint(shop, "check", "--output-format", "sarif").stdout
    assert target.read_text(encoding="utf-8") == expected
    assert [p.name for p in reports.iterdir()] == ["fastlint.sarif"]  # no temporary left

    # A run that fails before reporting leaves the previous report untouched.
    (shop / "b.json").write_text("{", encoding="utf-8")
    failed = fastlint(
        shop, "check", "--output-format", "sarif", "-o", target, "--baseline", "b.json"
    )
    assert failed.returncode == 2
    assert target.read_text(encoding="utf-8") == expected
    assert [p.name for p in reports.iterdir()] == ["fastlint.sarif"]


def test_output_file_creates_missing_directories(shop: Path) -> None:
    proc = fastlint(shop, "check", "--output-format", "gitlab", "-o", "build/reports/gl.json")
    assert proc.returncode == 1, proc.stderr
    assert len(json.loads((shop / "build/reports/gl.json").read_text(encoding="utf-8"))) == 15


# --- the snippets of docs/ci.md and the GitHub Action ----------------------------

REPO_ROOT = Path(__file__).resolve().parents[1]
CI_DOC = REPO_ROOT / "docs" / "ci.md"
ACTION = REPO_ROOT / "action.yml"
HOOKS = REPO_ROOT / ".pre-commit-hooks.yaml"


def code_blocks(language: str) -> list[str]:
    text = CI_DOC.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def yaml_blocks() -> list[Any]:
    return [yaml.safe_load(textwrap.dedent(block)) for block in code_blocks("yaml")]


def fastlint_command(line: str) -> list[str]:
    """``fastlint check . --x  # comment`` -> the arguments after ``fastlint``."""
    words = shlex.split(line, comments=True)
    assert words[0] == "fastlint", line
    return words[1:]


def run_documented(shop: Path, line: str) -> subprocess.CompletedProcess[str]:
    proc = fastlint(shop, *fastlint_command(line))
    assert proc.returncode in (0, 1), (line, proc.stderr)
    assert "error" not in proc.stderr, (line, proc.stderr)
    return proc


def test_docs_console_commands_run(shop: Path) -> None:
    lines = [
        line.removeprefix("$ ")
        for block in code_blocks("console")
        for line in block.splitlines()
        if line.startswith("$ fastlint ")
    ]
    assert len(lines) >= 8
    for line in lines:  # in document order: --write-baseline comes before --baseline
        run_documented(shop, line)
    assert json.loads((shop / "fastlint.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert len(json.loads((shop / "gl-code-quality-report.json").read_text(encoding="utf-8"))) == 15
    assert (shop / ".fastlint-baseline.json").is_file()


def output_file_of(command: list[str]) -> str:
    return command[command.index("--output-file") + 1]


def test_docs_github_workflow(shop: Path, validator: jsonschema.Draft4Validator) -> None:
    (workflow,) = [block for block in yaml_blocks() if isinstance(block, dict) and "jobs" in block]
    (job,) = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    (lint,) = [s for s in steps if str(s.get("run", "")).startswith("fastlint ")]
    (upload,) = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert "always()" in upload["if"]
    assert steps.index(upload) > steps.index(lint)
    proc = run_documented(shop, lint["run"])
    assert proc.returncode == 1  # the example has findings: the job fails, the upload still runs
    sarif = shop / upload["with"]["sarif_file"]
    assert upload["with"]["sarif_file"] == output_file_of(fastlint_command(lint["run"]))
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert [error.message for error in validator.iter_errors(log)] == []
    assert github_problems(log) == []


def test_docs_gitlab_job(shop: Path) -> None:
    (config,) = [
        block
        for block in yaml_blocks()
        if isinstance(block, dict)
        and any(isinstance(j, dict) and "script" in j for j in block.values())
    ]
    (job,) = config.values()
    (lint,) = [line for line in job["script"] if line.startswith("fastlint ")]
    run_documented(shop, lint)
    report = job["artifacts"]["reports"]["codequality"]
    assert report == output_file_of(fastlint_command(lint))
    assert job["artifacts"]["when"] == "always"
    assert len(json.loads((shop / report).read_text(encoding="utf-8"))) == 15


def test_docs_pre_commit_and_action_snippets_match_the_manifests() -> None:
    hook_ids = {hook["id"] for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    inputs = set(yaml.safe_load(ACTION.read_text(encoding="utf-8"))["inputs"])
    configs = [b for b in yaml_blocks() if isinstance(b, dict) and "repos" in b]
    assert configs
    for config in configs:
        for repo in config["repos"]:
            assert {hook["id"] for hook in repo["hooks"]} <= hook_ids

    (usage,) = [block for block in code_blocks("yaml") if "uses: fastlint/fastlint@" in block]
    # The commented-out inputs must exist too.
    uncommented = re.sub(r"^(\s*)# ([\w-]+:)", r"\1\2", usage, flags=re.MULTILINE)
    (step,) = [s for s in yaml.safe_load(textwrap.dedent(uncommented)) if "fastlint/" in s["uses"]]
    assert set(step["with"]) == inputs


def test_action_steps_run_locally(shop: Path, tmp_path: Path) -> None:
    """The composite action's two bash steps, as the runner would run them.

    The default install is the action's own files (here: this repository).
    """
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    install, run_step = action["runs"]["steps"]
    defaults = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    assert defaults["version"] == ""  # the action's own revision
    for step in (install, run_step):
        assert "${{" not in step["run"]  # inputs arrive as environment variables only
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    github_output = tmp_path / "github-output"
    github_output.touch()
    base = {
        **os.environ,
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(github_output),
        "GITHUB_ACTION_PATH": str(REPO_ROOT),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }

    def bash(script: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", script],
            cwd=shop,
            env={**base, **env},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    installed = bash(install["run"], FASTLINT_VERSION=defaults["version"])
    assert installed.returncode == 0, installed.stderr
    (output,) = github_output.read_text(encoding="utf-8").splitlines()
    assert output.startswith("bin=")
    fastlint_bin = output.removeprefix("bin=")
    assert Path(fastlint_bin).parent == runner_temp / "fastlint-venv"

    def run_action(args: str, fmt: str, out: str = "") -> subprocess.CompletedProcess[str]:
        return bash(
            run_step["run"],
            FASTLINT_BIN=fastlint_bin,
            FASTLINT_ARGS=args,
            FASTLINT_OUTPUT_FORMAT=fmt,
            FASTLINT_OUTPUT_FILE=out,
        )

    annotations = run_action(defaults["args"], defaults["output-format"])
    assert annotations.returncode == 1
    assert len(annotations.stdout.splitlines()) == KNOWN_FINDINGS
    assert all(GITHUB_LINE.fullmatch(line) for line in annotations.stdout.splitlines())

    sarif = run_action("check .", "sarif", "fastlint.sarif")
    assert sarif.returncode == 1
    log = json.loads((shop / "fastlint.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == KNOWN_FINDINGS

    selected = run_action("check  app --select FL102 ", "")
    assert selected.returncode == 1
    assert [line.split()[1] for line in selected.stdout.splitlines() if ": FL" in line] == ["FL102"]

    # A format in ``args`` wins over the input's default; ``routes`` gets no --output-format.
    own_format = run_action("check . --output-format json", defaults["output-format"])
    assert own_format.returncode == 1
    assert len(json.loads(own_format.stdout)) == KNOWN_FINDINGS
    routes = run_action("routes .", defaults["output-format"], "report.txt")
    assert routes.returncode == 0, routes.stderr
    assert "GET" in routes.stdout or "POST" in routes.stdout
    assert github_output.read_text(encoding="utf-8").splitlines()[-1] == "report="
    run_action("check .", "sarif", "fastlint.sarif")
    assert github_output.read_text(encoding="utf-8").splitlines()[-1] == "report=fastlint.sarif"

    hostile = run_action('check . ; touch pwned $(touch pwned2) "', "text")
    assert hostile.returncode == 2  # passed to fastlint as words, never run by a shell
    assert not (shop / "pwned").exists() and not (shop / "pwned2").exists()


# --- the install story: no release yet, so every snippet pins the repository ----------

REPOSITORY_URL = "https://github.com/fastlint/fastlint"


def documented_installs() -> list[str]:
    """Every ``pip install`` of fastlint in docs/ci.md (the text block and the CI jobs)."""
    text = CI_DOC.read_text(encoding="utf-8")
    return re.findall(r'pip install "(fastlint @ git\+[^"]+)"', text)


def test_every_install_snippet_pins_the_repository() -> None:
    installs = documented_installs()
    assert len(installs) >= 3
    for requirement in installs:
        assert requirement.startswith(f"fastlint @ git+{REPOSITORY_URL}@"), requirement
        assert not requirement.endswith(("@main", "@HEAD")), requirement  # a pin, not a branch
    text = CI_DOC.read_text(encoding="utf-8")
    assert "pip install fastlint\n" not in text  # PyPI has no release
    assert "has no release yet" in text
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install fastlint" not in readme


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_documented_install_works_from_a_clone(tmp_path: Path) -> None:
    """The documented command, word for word except the host: a bare clone of this
    repository stands in for GitHub, pinned at its commit and at the coming tag."""
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    remote = tmp_path / "fastlint.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(REPO_ROOT), str(remote)], check=True)
    commit = subprocess.run(
        ["git", "-C", str(remote), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["git", "-C", str(remote), "tag", "v0.1.0", commit], check=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    from packaging.requirements import Requirement

    for requirement in sorted(set(documented_installs()))[:2]:  # the tag and <commit>
        parsed = Requirement(requirement.replace("<commit>", commit))  # valid PEP 508
        assert parsed.name == "fastlint" and parsed.url is not None
        # pip wants a host in a PEP 508 ``git+file`` URL; its own URL form has none.
        url = parsed.url.replace(REPOSITORY_URL, remote.as_uri())
        local = f"{url}#egg=fastlint"
        installed = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", local],
            capture_output=True,
            text=True,
            check=False,
        )
        assert installed.returncode == 0, installed.stderr
        version = subprocess.run(
            [str(venv / "bin" / "fastlint"), "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert version.stdout.startswith("fastlint, version ")
