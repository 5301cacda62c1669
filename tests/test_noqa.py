from __future__ import annotations

import pytest

from fastlint.findings import Finding, Span
from fastlint.noqa import index_noqa, is_suppressed, parse_noqa
from fastlint.summary import NoqaDirective


def _finding(code: str = "FL101", line: int = 1, noqa_lines: tuple[int, ...] = ()) -> Finding:
    return Finding(code, "message", "app.py", Span(line, 1, line, 2), noqa_lines=noqa_lines)


@pytest.mark.parametrize(
    ("comment", "codes"),
    [
        ("# noqa", ()),
        ("#noqa", ()),
        ("# NOQA", ()),
        ("# NoQa", ()),
        ("# noqa: FL101", ("FL101",)),
        ("# noqa:FL101,FL102", ("FL101", "FL102")),
        ("# noqa: FL101 FL102", ("FL101", "FL102")),
        ("# noqa: FL101, FL102", ("FL101", "FL102")),
        ("# noqa : fl101", ("FL101",)),
        ("# type: ignore  # noqa: FL101", ("FL101",)),
        ("# noqa: FL101 -- the route is internal", ("FL101",)),
        ("# noqa: E501", ("E501",)),
        ("# noqa:", ()),
        ("# noqa FL101", ()),  # no colon: blanket, as flake8 reads it
    ],
)
def test_forms(comment: str, codes: tuple[str, ...]) -> None:
    source = f"x = 1  {comment}\n"
    assert parse_noqa(source) == (NoqaDirective(1, codes),)


@pytest.mark.parametrize(
    "source",
    [
        "x = 1\n",
        "# a comment about noqa handling\n",
        "# noqaxyz\n",
        'x = "# noqa"\n',
        "x = '''\n# noqa: FL101\n'''\n",
    ],
)
def test_not_directives(source: str) -> None:
    assert parse_noqa(source) == ()


def test_lines_are_one_based_and_ordered() -> None:
    source = "a = 1\nb = 2  # noqa: FL102\n\nc = 3  # noqa\n"
    assert parse_noqa(source) == (NoqaDirective(2, ("FL102",)), NoqaDirective(4, ()))


def test_string_then_comment_on_same_line() -> None:
    source = 'x = "# noqa: FL999"  # noqa: FL101\n'
    assert parse_noqa(source) == (NoqaDirective(1, ("FL101",)),)


def test_fallback_when_tokenize_fails() -> None:
    # An unterminated triple-quoted string makes tokenize fail: fall back to lines.
    source = "def f(:  # noqa: FL101\n    x = '''\n"
    assert parse_noqa(source) == (NoqaDirective(1, ("FL101",)),)


def test_fallback_on_bad_dedent() -> None:
    source = "if x:\n        a = 1\n    b = 2  # noqa\n"
    assert parse_noqa(source) == (NoqaDirective(3, ()),)


def test_suppression_respects_codes() -> None:
    directives = index_noqa(
        parse_noqa("x = 1  # noqa: E501\ny = 2  # noqa: FL101\nz = 3  # noqa\n")
    )
    assert not is_suppressed(_finding("FL101", 1), directives)
    assert is_suppressed(_finding("FL101", 2), directives)
    assert not is_suppressed(_finding("FL102", 2), directives)
    assert is_suppressed(_finding("FL999", 3), directives)
    assert not is_suppressed(_finding("FL101", 4), directives)


def test_codes_match_exactly_not_by_prefix() -> None:
    directives = index_noqa(parse_noqa("x = 1  # noqa: FL1\n"))
    assert not is_suppressed(_finding("FL101", 1), directives)


def test_noqa_lines_are_checked() -> None:
    source = "@router.post('/items')\nasync def create_item():  # noqa: FL101\n    pass\n"
    directives = index_noqa(parse_noqa(source))
    assert not is_suppressed(_finding("FL101", 1), directives)
    assert is_suppressed(_finding("FL101", 1, noqa_lines=(2,)), directives)
