from __future__ import annotations

import pytest

from fastlint.findings import Finding, Span
from fastlint.noqa import index_noqa, is_suppressed, parse_noqa
from fastlint.summary import NoqaDirective


def _brief(directives: tuple[NoqaDirective, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """(line, codes) of each directive: what these tests are about."""
    return [(d.line, d.codes) for d in directives]


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
        ("# noqa -- generated code", ()),  # an explanation, not codes
        ("# noqa: delete-status-code", ("FL102",)),  # a rule name is its code
        ("# noqa: FL101, missing-tags", ("FL101", "FL201")),
        ("# fastlint: noqa: FL301", ("FL301",)),
        ("# noqa: UP031, flynt", ("UP031",)),  # another tool's word ends the list
    ],
)
def test_forms(comment: str, codes: tuple[str, ...]) -> None:
    source = f"x = 1  {comment}\n"
    (directive,) = parse_noqa(source)
    assert (directive.line, directive.codes, directive.problems) == (1, codes, ())
    assert directive.file_level == comment.startswith("# fastlint")


@pytest.mark.parametrize(
    ("comment", "codes", "problem"),
    [
        ("# noqa: foo", (), "`foo` is not a rule code or a fastlint rule name"),
        ("# noqa: post-status-codes", (), "is not a rule code"),
        ("# noqa FL101", (), "expected `:` before `FL101`"),
        ("# noqa delete-status-code", (), "expected `:`"),
        ("# noqa:", (), "expected rule codes after `:`"),
        ("# fastlint: noqa: foo", (), "`foo` is not"),
    ],
)
def test_invalid_directives_say_why(comment: str, codes: tuple[str, ...], problem: str) -> None:
    (directive,) = parse_noqa(f"x = 1  {comment}\n")
    assert directive.codes == codes
    assert len(directive.problems) == 1 and problem in directive.problems[0]
    index = index_noqa([directive])
    assert is_suppressed(_finding("FL101", 1), index) == (codes == ("FL101",))
    assert not is_suppressed(_finding("FL102", 1), index)


def test_file_level_directive_covers_every_line() -> None:
    source = "# fastlint: noqa: FL201\nx = 1\ny = 2  # noqa: FL101\n"
    index = index_noqa(parse_noqa(source))
    assert is_suppressed(_finding("FL201", 2), index)
    assert is_suppressed(_finding("FL201", 40), index)
    assert not is_suppressed(_finding("FL101", 2), index)
    assert is_suppressed(_finding("FL101", 3), index)
    assert is_suppressed(_finding("FL301", 9), index_noqa(parse_noqa("# fastlint: noqa\n")))


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
    assert _brief(parse_noqa(source)) == [(2, ("FL102",)), (4, ())]


def test_string_then_comment_on_same_line() -> None:
    source = 'x = "# noqa: FL999"  # noqa: FL101\n'
    assert _brief(parse_noqa(source)) == [(1, ("FL101",))]


def test_fallback_when_tokenize_fails() -> None:
    # An unterminated triple-quoted string makes tokenize fail: fall back to lines.
    source = "def f(:  # noqa: FL101\n    x = '''\n"
    assert _brief(parse_noqa(source)) == [(1, ("FL101",))]


def test_fallback_on_bad_dedent() -> None:
    source = "if x:\n        a = 1\n    b = 2  # noqa\n"
    assert _brief(parse_noqa(source)) == [(3, ())]


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
