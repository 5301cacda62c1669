"""The runtime cross-check (``scripts/runtime_crosscheck.py``) on a sample of FastAPI's
``docs_src/``: fastlint's route table against the one FastAPI builds on import, so the
static model is held to what the framework really does, not to our reading of it."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Optional, Union

import pytest
from pydantic import BaseModel

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "fastapi_docs_src" / "docs_src"
TIMEOUT = 20.0  # per example and subprocess


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


xc = _load("runtime_crosscheck")
probe = _load("_runtime_probe")

# Differences of the sample that are real today, one line per cause. A fix in fastlint
# makes the equality test fail: then remove the entry.
EXPECTED_DIFFERENCES: set[tuple[str, str, str, str]] = set()
# Examples that check a token by hand (a ``token``/``x_token`` header or query value):
# authenticated to fastlint, no ``fastapi.security`` scheme at run time.
HAND_ROLLED_EXAMPLES = {
    "app_testing/app_b",
    "bigger_applications/app",
    "dependencies/tutorial006.py",
    "dependencies/tutorial012.py",
    "header_params/tutorial003.py",
    "websockets_/tutorial002.py",
}


@pytest.fixture(scope="module")
def outcomes() -> list[Any]:
    """Both tables of every sample example (the slow part, once per module)."""
    examples = xc.discover(SAMPLE)
    result: list[Any] = xc.run_all(
        examples, sys.executable, [sys.executable, "-m", "fastlint"], TIMEOUT
    )
    return result


@pytest.fixture(scope="module")
def report(outcomes: list[Any]) -> Any:
    return xc.build_report(outcomes)


def _keys(differences: list[Any]) -> set[tuple[str, str, str, str]]:
    return {(d.example, d.method, d.path, d.field) for d in differences}


def test_discovery_one_example_per_module_or_package() -> None:
    examples = {e.name: e for e in xc.discover(SAMPLE)}
    assert len(examples) == 40
    assert examples["bigger_applications/app"].modules == ("app.main",)
    assert examples["security/tutorial001.py"].modules == ("tutorial001",)
    assert not any("test_" in name or "__init__" in name for name in examples)


def test_every_sample_example_imports_and_fastlint_reads_it(report: Any) -> None:
    assert report.not_importable == {}
    assert report.fastlint_failed == {}
    assert report.without_app == []


def test_every_runtime_route_found_with_the_same_method_and_path(report: Any) -> None:
    assert report.runtime_routes >= 65  # the probe really read the sample
    routes = [d for d in report.differences if d.field == "route"]
    assert routes == []
    assert report.found == report.runtime_routes
    assert report.extra == 0


def test_fields_agree_except_the_expected_differences(report: Any) -> None:
    assert _keys(report.differences) == EXPECTED_DIFFERENCES
    assert report.auth_unknown == 0
    assert report.tags_unknown == 0
    assert report.status_unevaluated == 0


def test_the_sample_states_values_worth_comparing(report: Any) -> None:
    """Agreement on empty tags and default codes alone would prove little."""
    matched = report.matched
    api = [m["runtime"] for m in matched if m["runtime"]["kind"] == "api"]
    assert sum(bool(route["tags"]) for route in api) >= 10
    assert sum(route["status_code"] not in (None, 200) for route in api) >= 3
    assert sum(route["response_model"] is not None for route in api) >= 10
    assert sum(bool(m["runtime"]["security"]) for m in matched) >= 5
    put = next(
        m for m in matched if m["example"] == "bigger_applications/app" and m["method"] == "PUT"
    )
    assert sorted(put["runtime"]["tags"]) == ["custom", "items"]


def test_hand_rolled_checks_counted_apart(report: Any) -> None:
    assert {d.example for d in report.hand_rolled} == HAND_ROLLED_EXAMPLES
    assert all(xc.auth_kind(d.fastlint) == "hand-rolled" for d in report.hand_rolled)
    assert report.public_with_scheme == []


def _row(outcomes: list[Any], example: str, method: str, path: str) -> dict[str, Any]:
    outcome = next(o for o in outcomes if o.example == example)
    row: dict[str, Any] = next(
        r for r in outcome.routes if r["path"] == path and method in r["method"].split("/")
    )
    return row


def test_an_altered_fastlint_table_is_listed_field_by_field(outcomes: list[Any]) -> None:
    altered = copy.deepcopy(outcomes)
    _row(altered, "bigger_applications/app", "PUT", "/items/{item_id}")["tags"] = ["items"]
    _row(altered, "response_status_code/tutorial001.py", "POST", "/items/")["status_code"] = "204"
    _row(altered, "security/tutorial001.py", "GET", "/items/")["auth"] = "none"
    _row(altered, "response_model/tutorial004.py", "GET", "/items/{item_id}")["response_model"] = (
        "list[Item]"
    )
    sub = next(o for o in altered if o.example == "sub_applications/tutorial001.py")
    sub.routes = [r for r in sub.routes if r["path"] != "/subapi/sub"]
    sub.routes.append({**sub.routes[0], "path": "/nowhere"})

    report = xc.build_report(altered)
    found = {
        (d.example, d.method, d.path, d.field): (d.fastlint, d.runtime) for d in report.differences
    }
    assert found[("bigger_applications/app", "PUT", "/items/{item_id}", "tags")] == (
        ["items"],
        ["custom", "items"],
    )
    assert found[("response_status_code/tutorial001.py", "POST", "/items/", "status_code")] == (
        "204",
        201,
    )
    assert found[("security/tutorial001.py", "GET", "/items/", "auth")] == ("none", "scheme")
    assert found[
        ("response_model/tutorial004.py", "GET", "/items/{item_id}", "response_model")
    ] == ("list[Item]", "Item")
    assert found[("sub_applications/tutorial001.py", "GET", "/subapi/sub", "route")] == (
        None,
        "present",
    )
    assert found[("sub_applications/tutorial001.py", "GET", "/nowhere", "route")] == (
        "present",
        None,
    )
    assert set(found) - EXPECTED_DIFFERENCES == {
        ("bigger_applications/app", "PUT", "/items/{item_id}", "tags"),
        ("response_status_code/tutorial001.py", "POST", "/items/", "status_code"),
        ("security/tutorial001.py", "GET", "/items/", "auth"),
        ("response_model/tutorial004.py", "GET", "/items/{item_id}", "response_model"),
        ("sub_applications/tutorial001.py", "GET", "/subapi/sub", "route"),
        ("sub_applications/tutorial001.py", "GET", "/nowhere", "route"),
    }
    assert report.found == report.runtime_routes - 1
    assert report.extra == 1
    json.dumps(xc.report_json(report), default=str)  # --json writes every part


class Item(BaseModel):
    name: str


@pytest.mark.parametrize(
    ("annotation", "source"),
    [
        (list[Item], "List[models.Item]"),
        (Optional[Item], "Item | None"),  # noqa: UP045 (the spelling under test)
        (Union[Item, None], "Optional[Item]"),  # noqa: UP007
        (dict[str, float], "Dict[str, float]"),
        (Item, "schemas.Item"),
    ],
)
def test_runtime_and_source_spellings_of_a_model_compare_equal(
    annotation: Any, source: str
) -> None:
    runtime = xc.canonical_type(probe.type_label(annotation))
    assert runtime == xc.canonical_type(source)
    assert runtime is not None


def test_no_model_on_either_side() -> None:
    assert probe.type_label(None) is None
    assert xc.canonical_type("None") is None
    assert xc.canonical_type(None) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "get_current_active_user → get_current_user → oauth2_scheme (OAuth2PasswordBearer)",
            "scheme",
        ),
        ("security (HTTPBasic)", "scheme"),
        ("HTTPBearer403", "scheme"),
        ("get_current_user → Security(...)", "scheme"),
        ("verify_token → Header(x_token)", "hand-rolled"),
        ("get_query_token → token parameter", "hand-rolled"),
        ("check → reads cookies['token']", "hand-rolled"),
        ("public (login form)", "public"),
        ("none", "none"),
        ("unknown (`dep`: outside the project)", "unknown"),
    ],
)
def test_auth_cells(text: str, kind: str) -> None:
    assert xc.auth_kind(text) == kind


def test_thresholds_only_when_asked() -> None:
    report = xc.Report(runtime_routes=10, found=9)
    report.stated["tags"], report.agree["tags"] = 4, 3
    assert not xc.below(report, None, None)
    assert xc.below(report, 95.0, None)
    assert not xc.below(report, 90.0, None)
    assert xc.below(report, None, 80.0)
    assert not xc.below(report, None, 75.0)
