"""The file pass's cheap paths give what the reference paths gave.

- The ``# noqa`` scan looks only at candidate lines; tokenizing the whole file
  (``noqa._tokenized``, the former implementation) is the reference.
- The visitor skips leaf nodes and caches its dispatch; ``ast.NodeVisitor``'s
  own ``visit``/``generic_visit`` are the reference.
- ``Other`` texts are deferred to source segments; ``ast.unparse`` of the node
  at once (``collect.expressions.source_text``) is the reference.
"""

from __future__ import annotations

import ast
import pickle
import re
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from fastlint.collect.expressions import (
    MAX_DEFERRED_SEGMENT,
    DeferredOther,
    source_text,
    to_expr,
)
from fastlint.collect.visitor import _LEAVES, SummaryCollector
from fastlint.filepass import summarize
from fastlint.noqa import _tokenized, parse_noqa
from fastlint.summary import Call, Expr, NoqaDirective, Other, Seq, Subscript

ROOT = Path(__file__).resolve().parent.parent


def _parses(path: Path) -> bool:
    try:
        ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return False  # the syntax-error fixtures: nothing for a visitor to walk
    return True


SOURCES = sorted(
    path
    for folder in ("src/fastlint", "tests/fix_cases", "tests/fixtures", "examples")
    for path in (ROOT / folder).rglob("*.py")
    if path.is_file() and _parses(path)
)


def _noqa(source: str) -> tuple[NoqaDirective, ...]:
    """parse_noqa with and without the tree, both checked against the reference."""
    expected = _tokenized(source) if "noqa" in source.lower() else ()
    assert parse_noqa(source) == expected
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return expected
    assert parse_noqa(source, tree) == expected
    return expected


# ---------------------------------------------------------------- noqa directives


@pytest.mark.parametrize(
    "source",
    [
        'def f():\n    """Example:\n\n        import x  # noqa: F401\n    """\n',
        '"""# noqa"""\n',
        'x = """\n# noqa\n"""\n',
        "x = '''\n    y = 1  # noqa: FL101\n'''\n",
        'x = f"{a} # noqa"\n',
        "x = f\"{d['#']} # noqa\"\n",
        'x = f"""{a}\n  # noqa: FL101\n"""\n',
        "x = b'# noqa'\n",
        'x = r"\\"# noqa"\n',
        'x = "a\\"# noqa"\n',
        "x = 'abc\\\n# noqa'\n",
        '@app.get("""\n# noqa\n""")\ndef f():\n    pass\n',
        'def f(x="""\n# noqa\n"""):\n    pass\n',
        'class A(Base, doc="""\n    # noqa\n"""):\n    pass\n',
        'match x:\n    case """\n# noqa\n""":\n        pass\n',
        'try:\n    pass\nexcept getattr(m, """\n# noqa\n"""):\n    pass\n',
        'if x:\n    pass\nelif y == """\n# noqa: FL101\n""":\n    pass\n',
        'x = 1; y = """\n# noqa\n"""\n',
        'if x: y = """\n# noqa\n"""\n',
    ],
)
def test_noqa_inside_strings_is_not_a_directive(source: str) -> None:
    assert _noqa(source) == ()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 1  # noqa\n", ((1, ()),)),
        ("import os  #noqa:FL101,FL102\n", ((1, ("FL101", "FL102")),)),
        ("x = 1  # NOQA: fl101\n", ((1, ("FL101",)),)),
        ("x = 1  # NoQa\n", ((1, ()),)),
        ('x = "# noqa: FL999"  # noqa: FL101\n', ((1, ("FL101",)),)),
        ('x = """\nabc"""  # noqa: FL101\n', ((2, ("FL101",)),)),
        ('x = """\n"""; y = "#"  # noqa: FL102\n', ((2, ("FL102",)),)),
        ('x = ("a"  # noqa: FL101\n     "b")\n', ((1, ("FL101",)),)),
        ('f(\n    "a#b",  # noqa: FL101\n    c,\n)\n', ((2, ("FL101",)),)),
        ('def f(\n    a="#",  # noqa: FL101\n):\n    pass\n', ((2, ("FL101",)),)),
        ('try:\n    x = """\n"""\nexcept E:  # noqa: BLE001\n    pass\n', ((4, ("BLE001",)),)),
        ('@app.get("/#")  # noqa: FL101\ndef f():\n    pass\n', ((1, ("FL101",)),)),
        ('class A:\n    """doc\n    """\n    # noqa: FL101\n    x = 1\n', ((4, ("FL101",)),)),
        ('match x:\n    case "a#":  # noqa: FL101\n        pass\n', ((2, ("FL101",)),)),
        ('x = "é#"  # noqa: FL101\né = 1  # noqa\n', ((1, ("FL101",)), (2, ()))),
        ('x = f"{a!r}#"  # noqa: FL101\n', ((1, ("FL101",)),)),
        ("x = 1  # noqa: FL101\r\ny = '# noqa'\r\nz = 2  # noqa\r\n", ((1, ("FL101",)), (3, ()))),
        ("x = 1 \\\n  # noqa: FL101\n", ((2, ("FL101",)),)),
        ("def f():\n    return 1\n# noqa: FL101\n", ((3, ("FL101",)),)),
    ],
)
def test_directives_in_comments(source: str, expected: tuple[tuple[int, tuple[str, ...]]]) -> None:
    found = _noqa(source)
    assert [(d.line, d.codes) for d in found] == [(line, codes) for line, codes in expected]


def test_a_lone_carriage_return_is_tokenized_as_a_whole() -> None:
    source = 'x = 1  # noqa: FL101\ry = "# noqa"\nz = 2  # noqa\n'
    assert _noqa(source) == _tokenized(source)


def test_a_source_that_does_not_parse_is_tokenized_as_a_whole() -> None:
    source = "def f(:  # noqa: FL101\n    x = '''\n"
    assert [(d.line, d.codes) for d in parse_noqa(source)] == [(1, ("FL101",))]


def test_a_long_statement_with_a_directive_on_every_line() -> None:
    rows = "".join(f'    "k{i}": "#{i}",  # noqa: E501\n' for i in range(2_000))
    source = f'TABLE = {{\n{rows}}}\nDOC = """\n# noqa\n"""\n'
    directives = _noqa(source)
    assert len(directives) == 2_000
    assert (directives[0].line, directives[0].codes) == (2, ("E501",))


def _with_directives(source: str) -> list[str]:
    """Variants of a real file with ``# noqa`` everywhere: after every line, and
    right after the first quote of every line (inside strings, mostly)."""
    lines = source.split("\n")
    after_every_line = "\n".join(
        line if line.endswith("\\") else line + "  # noqa: FL101" for line in lines
    )
    inside_strings = []
    for line in lines:
        quote = re.search("['\"]", line)
        inside_strings.append(
            line if quote is None else line[: quote.end()] + "# NOQA " + line[quote.end() :]
        )
    return [after_every_line, "\n".join(inside_strings)]


@pytest.mark.parametrize("path", SOURCES[::4], ids=lambda path: path.name)
def test_directives_everywhere_in_real_files(path: Path) -> None:
    for variant in _with_directives(path.read_text(encoding="utf-8")):
        _noqa(variant)


# ---------------------------------------------------------------- the visitor


class _Reference(SummaryCollector):
    """The collector walking with ``ast.NodeVisitor``'s own dispatch (and eager texts)."""

    visit = ast.NodeVisitor.visit
    generic_visit = ast.NodeVisitor.generic_visit


def _collected(collector: SummaryCollector, tree: ast.Module) -> tuple[object, ...]:
    collector.visit(tree)
    return (
        collector.imports,
        collector.assigns,
        collector.functions,
        collector.classes,
        collector.calls,
    )


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_the_visitor_collects_what_node_visitor_would(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    assert _collected(SummaryCollector(lines, source), tree) == _collected(_Reference(lines), tree)


def test_leaves_have_no_visit_method() -> None:
    """A node class left out of the dispatch must have nothing to do."""
    leaves = [
        cls
        for cls in vars(ast).values()
        if isinstance(cls, type) and issubclass(cls, _LEAVES) and cls not in _LEAVES
    ]
    for cls in [*_LEAVES, *leaves]:
        method = getattr(SummaryCollector, f"visit_{cls.__name__}", None)
        assert method is None or method is getattr(ast.NodeVisitor, f"visit_{cls.__name__}")


# ---------------------------------------------------------------- Other texts

# What ``ast.unparse`` made of these (the texts before they were deferred).
TEXTS = [
    ("a if b else c", "a if b else c"),
    ("a and (b or c)", "a and (b or c)"),
    ("x  ==  'y'", "x == 'y'"),
    ('f"{a!r:>{w}} and {b}"', "f'{a!r:>{w}} and {b}'"),
    ("lambda x: x + 1", "lambda x: x + 1"),
    ("[i * 2 for i in range(10) if i]", "[i * 2 for i in range(10) if i]"),
    ("{k: v for k, v in d.items()}", "{k: v for k, v in d.items()}"),
    ("(\n    first  # a comment\n    or second\n)", "first or second"),
    ("not x", "not x"),
    ("a % b", "a % b"),
    ("3j", "3j"),
    ('"é" if x else "ü"', "'é' if x else 'ü'"),
    ("(yield)", "(yield)"),
    (
        "x if y else " + " + ".join(f"name_{i}" for i in range(30)),
        "x if y else name_0 + name_1 + name_2 + name_3 + name_4 + name_5 + name_6 + name_7"
        " + name_8 + name_9 + name_10 + name_11…",
    ),
]


def _value(source: str, name: str = "value") -> Expr | None:
    summary = summarize(source.encode("utf-8"), "module.py")
    return next(assign.value for assign in summary.assigns if assign.target == name)


@pytest.mark.parametrize(("expression", "text"), TEXTS)
def test_other_text_is_what_unparse_gave(expression: str, text: str) -> None:
    value = _value(f"def f():\n    value = {expression}\n")
    # Long segments are unparsed at once (deep ones could reach the recursion limit).
    assert isinstance(value, DeferredOther) == (len(expression) <= MAX_DEFERRED_SEGMENT)
    assert isinstance(value, Other)
    assert value.text == text
    assert value.text == source_text(ast.parse(expression, mode="eval").body)
    assert value == Other(text) == to_expr(ast.parse(expression, mode="eval").body)


def test_texts_inside_brackets_starred_items_slices_and_generators() -> None:
    call = _value("value = sum(x for x in y)")
    assert isinstance(call, Call) and call.args == (Other("(x for x in y)"),)
    seq = _value("value = [*rest, 1]")
    assert isinstance(seq, Seq) and seq.items[0] == Other("*rest")
    sliced = _value("value = items[1:2, ::-1]")
    assert isinstance(sliced, Subscript)
    assert [item.text for item in sliced.items if isinstance(item, Other)] == ["1:2", "::-1"]


def test_a_string_annotation_counts_positions_from_the_string() -> None:
    summary = summarize(b'def f(x: "  int if a else str"): pass\n', "module.py")
    annotation = summary.functions[0].params[0].annotation
    assert isinstance(annotation, Other) and annotation.text == "int if a else str"


def test_inside_f_strings_texts_are_made_at_once() -> None:
    summary = summarize(b'x = f"{app.include_router(a if b else c)}"\n', "module.py")
    (site,) = summary.calls
    (argument,) = site.call.args
    assert type(argument) is Other and argument.text == "a if b else c"


def test_a_long_literal_hidden_by_the_file_pass_keeps_its_text() -> None:
    """Segments past MAX_DEFERRED_SEGMENT are unparsed from the tree at once, so what
    the file pass put in the tree (a too-long literal hidden) is what the text shows."""
    literal = "0x" + "f" * 1_200
    value = _value(f"def f():\n    value = x if y else {literal}\n")
    assert type(value) is Other
    assert literal not in value.text


def test_a_deferred_other_is_an_other() -> None:
    deferred = DeferredOther("a  if b else c")
    assert isinstance(deferred, Other)
    assert deferred == Other("a if b else c") and Other("a if b else c") == deferred
    assert deferred != Other("a")
    assert hash(deferred) == hash(Other("a if b else c"))
    assert {deferred, Other("a if b else c")} == {Other("a if b else c")}
    assert repr(deferred) == repr(Other("a if b else c"))
    with pytest.raises(FrozenInstanceError):
        deferred.text = "x"


def test_pickled_deferred_texts_stay_deferred_until_read() -> None:
    deferred = DeferredOther("[i for i in x]")
    copy = pickle.loads(pickle.dumps(deferred))
    assert type(copy) is DeferredOther and copy._text is None
    assert copy.text == "[i for i in x]"
    read = pickle.loads(pickle.dumps(copy))
    assert type(read) is Other and read == deferred


def test_summaries_survive_a_pickle_round_trip() -> None:
    source = "def f():\n" + "".join(f"    v{i} = {text}\n" for i, (text, _) in enumerate(TEXTS))
    summary = summarize(source.encode("utf-8"), "module.py")
    assert pickle.loads(pickle.dumps(summary)) == summary
