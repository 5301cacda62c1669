"""``# noqa`` suppression comments.

Only real comments count: ``"# noqa"`` inside a string suppresses nothing. Codes
are respected (``# noqa: E501`` leaves FL findings alone) and matched exactly,
like ruff: ``# noqa: FL1`` does not suppress FL101. A bare ``# noqa`` (or
``# noqa`` followed by no valid code list, as flake8 reads it) suppresses every
finding on its line.

What counts as a comment is what ``tokenize`` says, but the whole file is not
tokenized (that cost more than the rest of the scan): only the lines that match
the directive's pattern are looked at. A candidate line that no multi-line
string can reach (the syntax tree's statement ranges tell) and that has no
quote before its first ``#`` has its comment there; any other candidate is
tokenized from the start of the statement around it. Anything unusual (a lone
``\\r``, a source that does not parse, a tokenizer error before the line) falls
back to tokenizing the whole file, as before.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from fastlint.findings import Finding
from fastlint.lines import readline, source_lines
from fastlint.summary import NoqaDirective

# Where a directive may start: the line-level one, or the file-level `fastlint: noqa`.
NOQA_RE = re.compile(r"#\s*(?P<file>fastlint\s*:\s*)?noqa\b", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]+[0-9]+")
_COLON = re.compile(r"\s*:\s*")
# One item of a code list: a separator (comma or blanks), then a word.
_ITEM = re.compile(r"(?P<sep>\s*,\s*|\s+)?(?P<word>[^\s,#]+)")
_FIRST_WORD = re.compile(r"\s+(?P<word>[^\s,#:]+)")
_WORD = re.compile("noqa", re.IGNORECASE)
# With more than MANY candidate lines, over one line in DENSE, the whole file is
# tokenized at once (generated tables with a directive on every row).
MANY = 64
DENSE = 16


def _rule_names() -> dict[str, str]:
    from fastlint.rules.registry import RULE_INFOS

    return {info.name: code for code, info in RULE_INFOS.items()}


_NAMES: dict[str, str] = {}


def _as_code(word: str) -> str | None:
    """A rule code (any tool's: ``E501`` too) or a fastlint rule name, as a code."""
    if _CODE.fullmatch(word):
        return word.upper()
    if not _NAMES:
        _NAMES.update(_rule_names())
    return _NAMES.get(word.lower())


def _one_directive(line: int, comment: str, match: re.Match[str], offset: int) -> NoqaDirective:
    """The directive starting at ``match`` in ``comment`` (which starts at column
    ``offset`` of its line); its code list ends at the next ``#``.

    ``# noqa`` alone, or followed by words that are no code (``# noqa -- generated``),
    covers every code, as flake8 and ruff read it. After ``:`` come codes or rule
    names, separated by commas or blanks; after the first, a word that is neither
    ends the list (an explanation, or a word for another tool: ``# noqa: UP031,
    flynt``), as ruff reads it. Anything else is a problem: a first word that is no
    code, codes without the ``:``, nothing after the ``:``.
    """
    file_level = match.group("file") is not None
    end = comment.find("#", match.end())
    rest = comment[match.end() : end if end >= 0 else len(comment)]
    start = offset + match.start()
    colon = _COLON.match(rest)
    if colon is None:
        first = _FIRST_WORD.match(rest)
        if first is not None and _as_code(first.group("word")) is not None:
            text = first.group("word")
            problem = f"expected `:` before `{text}` (`# noqa: {text}`)"
            return NoqaDirective(line, (), start, -1, offset + match.end(), file_level, (problem,))
        return NoqaDirective(line, (), start, -1, offset + match.end(), file_level)
    codes: list[str] = []
    problems: list[str] = []
    position = colon.end()
    codes_start = -1
    last_end = colon.end()
    for item in _ITEM.finditer(rest, position):
        if item.start() != last_end:
            break
        word = item.group("word")
        code = _as_code(word)
        if code is None:
            if codes:
                break  # the explanation after the codes (or another tool's word)
            problems.append(f"`{word}` is not a rule code or a fastlint rule name")
            break
        elif code not in codes:
            codes.append(code)
        if codes_start < 0:
            codes_start = item.start("word")
        last_end = item.end()
    if codes_start < 0 and not problems:
        problems.append("expected rule codes after `:` (`# noqa: FL101, FL102`)")
    base = offset + match.end()  # ``rest`` starts there
    return NoqaDirective(
        line,
        tuple(codes),
        start,
        base + codes_start if codes_start >= 0 else -1,
        base + last_end,
        file_level,
        tuple(problems),
    )


def _directives(line: int, comment: str, offset: int, text: str) -> list[NoqaDirective]:
    """The directives in one comment (at column ``offset`` of its line ``text``):
    several ``# noqa`` of one kind in it are merged into the first."""
    found: dict[bool, NoqaDirective] = {}
    text = text.rstrip("\r\n")
    for match in NOQA_RE.finditer(comment):
        directive = _one_directive(line, comment, match, offset)
        directive = replace(
            directive,
            space_col=len(text[: directive.col].rstrip()),
            after=text[directive.end_col :],
        )
        first = found.get(directive.file_level)
        if first is None:
            found[directive.file_level] = directive
        else:
            found[directive.file_level] = first.merged(directive)
    return list(found.values())


def _comment_offset(source_line: str, comment: str) -> int:
    """Column of ``comment`` in its line: a comment runs to the end of the line."""
    return max(0, len(source_line.rstrip("\r\n")) - len(comment.rstrip("\r\n")))


def _comments(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every comment token; raises if the source does not tokenize."""
    for token in tokenize.generate_tokens(readline(source)):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string


def _comments_by_regex(source: str) -> Iterator[tuple[int, str]]:
    """Fallback for sources tokenize rejects: the text from each line's ``#``."""
    for number, text in enumerate(source_lines(source), start=1):
        index = text.find("#")
        if index >= 0:
            yield number, text[index:]


def _tokenized(source: str) -> tuple[NoqaDirective, ...]:
    """The directives from tokenizing the whole source (the reference behaviour)."""
    try:
        comments = list(_comments(source))
    except (tokenize.TokenError, SyntaxError):
        comments = list(_comments_by_regex(source))
    lines = source_lines(source)
    found: list[NoqaDirective] = []
    for line, text in comments:
        if "noqa" in text.lower():
            physical = lines[line - 1] if 0 < line <= len(lines) else text
            found.extend(_directives(line, text, _comment_offset(physical, text), physical))
    return tuple(found)


def parse_noqa(source: str, tree: ast.Module | None = None) -> tuple[NoqaDirective, ...]:
    """Every ``# noqa`` directive in ``source``, in line order.

    ``tree`` is ``source`` parsed (the file pass has it); without it the source is
    parsed here, and one that does not parse is tokenized as a whole."""
    if "noqa" not in source.lower():
        return ()
    text = source
    if "\r" in source:
        text = source.replace("\r\n", "\n")
        if "\r" in text:  # a lone CR: ast and tokenize disagree on line numbers
            return _tokenized(source)
    candidates = _candidate_lines(text)
    if not candidates:
        return ()
    if len(candidates) > MANY and len(candidates) * DENSE > text.count("\n"):
        return _tokenized(source)
    if tree is None:
        tree = _parse(source)
        if tree is None:
            return _tokenized(source)
    finder = _CommentFinder(text, tree, candidates)
    directives: list[NoqaDirective] = []
    for number, _, line in candidates:
        comment = finder.comment(number, line)
        if isinstance(comment, _Unknown):
            return _tokenized(source)
        if comment is not None:
            offset = _comment_offset(line, comment)
            directives.extend(_directives(number, comment, offset, line))
    return tuple(directives)


def _parse(source: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _candidate_lines(text: str) -> list[tuple[int, int, str]]:
    """(number, offset, text) of each line the directive pattern matches: only
    there can a comment hold a directive (a comment is a piece of its line)."""
    found: list[tuple[int, int, str]] = []
    number = 1
    counted = 0  # ``number`` is the line number of offset ``counted``
    last = -1
    for match in _WORD.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        if start == last:
            continue
        last = start
        end = text.find("\n", match.end())
        line = text[start:] if end < 0 else text[start:end]
        number += text.count("\n", counted, start)
        counted = start
        if NOQA_RE.search(line):
            found.append((number, start, line))
    return found


class _Unknown:
    """The comment finder could not decide: tokenize the whole file instead."""


_UNKNOWN = _Unknown()

# What the finder descends through: statements, ``except`` clauses, ``case`` clauses.
_Node = ast.stmt | ast.excepthandler | ast.match_case

_COMPOUND: tuple[type[ast.AST], ...] = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.If,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.Match,
    ast.ExceptHandler,
    ast.match_case,
    *((ast.TryStar,) if hasattr(ast, "TryStar") else ()),
)


def _is_compound(node: _Node) -> bool:
    return isinstance(node, _COMPOUND)


def _first_line(node: _Node) -> int:
    """The line of the node's first token (decorators included)."""
    if isinstance(node, ast.match_case):
        return node.pattern.lineno
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return decorators[0].lineno if decorators else node.lineno


def _last_line(node: _Node) -> int:
    if isinstance(node, ast.match_case):
        return _last_line(node.body[-1])
    return node.end_lineno if node.end_lineno is not None else node.lineno


def _children(node: _Node) -> list[_Node]:
    """Statements and clauses directly inside a compound ``node``, in source order."""
    if isinstance(node, ast.Match):
        return list(node.cases)
    out: list[_Node] = [*getattr(node, "body", ())]
    out += getattr(node, "handlers", ())
    out += getattr(node, "orelse", ())
    out += getattr(node, "finalbody", ())
    return out


class _CommentFinder:
    """The comment token on a line, as ``tokenize`` of the whole file gives it."""

    def __init__(
        self, text: str, tree: ast.Module, candidates: Sequence[tuple[int, int, str]]
    ) -> None:
        self._text = text
        self._tree = tree
        self._numbers = [number for number, _, _ in candidates]
        self._offsets = {number: start for number, start, _ in candidates}
        # Lines already tokenized -> their comment (None: no comment).
        self._known: dict[int, str | None] = {}
        # Tokenizing more than the file's size (windows overlapping) means the whole
        # file is tokenized instead, as before.
        self._budget = len(text)
        # id of a node (alive as long as the tree) -> its children and their first lines
        self._blocks: dict[int, tuple[list[_Node], list[int]]] = {}

    # -------------------------------------------------------------- tree queries

    def _block(self, node: ast.Module | _Node) -> tuple[list[_Node], list[int]]:
        block = self._blocks.get(id(node))
        if block is None:
            children: list[_Node] = (
                list(node.body) if isinstance(node, ast.Module) else _children(node)
            )
            block = (children, [_first_line(child) for child in children])
            self._blocks[id(node)] = block
        return block

    def _crossing(self, number: int) -> tuple[_Node, _Node | None] | None:
        """The innermost node that starts before line ``number`` and reaches it (with
        its parent), or None: then no string token is open at the line's start.

        A string token open at the start of the line started on an earlier line and
        lies inside some node (statement, clause) that starts before the line and
        ends on or after it; of the nodes of one body, only the last one starting
        before the line can. Inside it the string is in its header (which ends
        where its body begins) or in one of its children."""
        nodes, starts = self._block(self._tree)
        parent: _Node | None = None
        while True:
            index = bisect_left(starts, number) - 1
            if index < 0:
                return None
            node = nodes[index]
            if _last_line(node) < number:
                return None
            if not _is_compound(node):
                return node, parent
            nodes, starts = self._block(node)
            if not nodes or number <= starts[0]:
                return node, parent  # the line may be in the header
            parent = node

    def _enclosing(self, number: int) -> _Node | None:
        """The innermost statement or clause whose lines include line ``number``."""
        nodes, starts = self._block(self._tree)
        found: _Node | None = None
        while True:
            index = bisect_left(starts, number + 1) - 1
            if index < 0 or _last_line(nodes[index]) < number:
                return found
            node = found = nodes[index]
            if not _is_compound(node):
                return node
            nodes, starts = self._block(node)
            if not nodes or number < starts[0]:
                return node

    # -------------------------------------------------------------- source access

    def _line_offset(self, number: int, known: int, offset: int) -> int:
        """Offset of line ``number``, walking back from line ``known`` at ``offset``."""
        text = self._text
        for _ in range(known - number):
            offset = text.rfind("\n", 0, offset - 1) + 1
        return offset

    def _line_at(self, offset: int) -> str:
        end = self._text.find("\n", offset)
        return self._text[offset:] if end < 0 else self._text[offset:end]

    # -------------------------------------------------------------- the answer

    def comment(self, number: int, line: str) -> str | _Unknown | None:
        """The comment on candidate line ``number`` (text ``line``): its text, None if
        the line has none, or ``_UNKNOWN``."""
        if number in self._known:
            return self._known[number]
        crossing = self._crossing(number)
        if crossing is not None:
            node, parent = crossing
            return self._tokenize_node(node, parent, number)
        hash_at = line.find("#")
        before = line[:hash_at]
        if hash_at >= 0 and "'" not in before and '"' not in before:
            return line[hash_at:]  # no string can start before the ``#``
        comments = self._tokenize(line + "\n", number)
        if not isinstance(comments, _Unknown):
            return comments.get(number)
        enclosing = self._enclosing(number)
        if enclosing is None:
            return _UNKNOWN
        return self._tokenize_node(enclosing, None, number)

    def _tokenize_node(
        self, node: _Node, parent: _Node | None, number: int
    ) -> str | _Unknown | None:
        """Tokenize from the first token of ``node`` (where no string is open) to the
        last candidate line it can decide (its last line, or the end of its header),
        and remember the comments of all those lines."""
        if isinstance(node, ast.match_case):  # the ``case`` keyword has no position
            if parent is None:
                return _UNKNOWN
            node = parent
        first = _first_line(node)
        limit = _last_line(node)
        if _is_compound(node):
            children = self._block(node)[1]
            limit = min(limit, children[0]) if children else limit
        last = self._numbers[bisect_right(self._numbers, max(limit, number)) - 1]
        offset = self._line_offset(first, number, self._offsets[number])
        head = self._line_at(offset)
        column = self._anchor_column(node, head)
        if column is None:
            return _UNKNOWN
        if head[:column].strip():
            if _is_compound(node):
                return _UNKNOWN
            # A simple statement after ``;``, or after a string ending on its line: blank
            # out what precedes it (its other lines are continuation lines).
            head = " " * column + head[column:]
        end = self._text.find("\n", self._offsets[last])
        rest = self._text[offset + len(head) : end if end >= 0 else len(self._text)]
        self._budget -= len(head) + len(rest)
        if self._budget < 0:
            return _UNKNOWN
        comments = self._tokenize(head + rest + "\n", first)
        if isinstance(comments, _Unknown):
            return _UNKNOWN
        for line in range(first, last + 1):
            self._known[line] = comments.get(line)
        return self._known[number]

    @staticmethod
    def _anchor_column(node: _Node, head: str) -> int | None:
        """Column (in code points) of ``node``'s first token on its first line."""
        decorators: list[ast.expr] = getattr(node, "decorator_list", [])
        column: int = decorators[0].col_offset if decorators else getattr(node, "col_offset", 0)
        if not head.isascii():
            column = len(head.encode("utf-8")[:column].decode("utf-8", "replace"))
        if decorators:
            column = head.rfind("@", 0, column + 1)
            if column < 0:
                return None
        return column

    @staticmethod
    def _tokenize(window: str, first: int) -> dict[int, str] | _Unknown:
        """The comment tokens of ``window`` (which starts outside any string) by line
        number, its first line being line ``first``; ``_UNKNOWN`` if the tokenizer
        stopped before the end of the window."""
        buffer = io.StringIO(window)
        exhausted = False

        def readline() -> str:
            nonlocal exhausted
            line = buffer.readline()
            if not line:
                exhausted = True
            return line

        comments: dict[int, str] = {}
        try:
            for token in tokenize.generate_tokens(readline):
                if token.type == tokenize.COMMENT:
                    comments[first + token.start[0] - 1] = token.string
        except (tokenize.TokenError, SyntaxError):
            # At the end of the window (an open bracket or string there), every line
            # was done with; before it, who knows.
            if not exhausted:
                return _UNKNOWN
        return comments


@dataclass(frozen=True)
class NoqaIndex:
    """One file's directives: by line, and the file-level ones."""

    lines: dict[int, NoqaDirective]
    file_level: tuple[NoqaDirective, ...]

    def covering(self, finding: Finding) -> NoqaDirective | None:
        """The directive that suppresses ``finding``, if any: a file-level one, or
        one on the finding's line or one of its ``noqa_lines``. Codes match exactly
        (no prefixes); a directive without codes (and without problems) covers all."""
        for whole in self.file_level:
            if whole.covers(finding.code):
                return whole
        for line in (finding.span.line, *finding.noqa_lines):
            directive = self.lines.get(line)
            if directive is not None and directive.covers(finding.code):
                return directive
        return None


def index_noqa(directives: Iterable[NoqaDirective]) -> NoqaIndex:
    """Directives by line (and the file-level ones), for :func:`is_suppressed`."""
    lines: dict[int, NoqaDirective] = {}
    file_level: list[NoqaDirective] = []
    for directive in directives:
        if directive.file_level:
            file_level.append(directive)
        else:
            lines[directive.line] = directive
    return NoqaIndex(lines, tuple(file_level))


def is_suppressed(finding: Finding, index: NoqaIndex) -> bool:
    """True if a directive of ``index`` covers the finding (see ``NoqaIndex.covering``)."""
    return index.covering(finding) is not None


def directive_problems(
    path: str, directives: Iterable[NoqaDirective]
) -> list[tuple[str, int, str]]:
    """(path, line, warning) per problem (ruff: "Invalid `# noqa` directive")."""
    warnings: list[tuple[str, int, str]] = []
    for directive in directives:
        kind = "`# fastlint: noqa`" if directive.file_level else "`# noqa`"
        outcome = "it suppresses nothing" if not directive.codes else "its other codes still apply"
        for problem in directive.problems:
            warnings.append(
                (path, directive.line, f"invalid {kind} directive: {problem}; {outcome}")
            )
    return warnings
