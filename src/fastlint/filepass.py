"""The file pass: a pure function of (bytes, path) that returns a ``ModuleSummary``.

It never raises for bad input: undecodable bytes, syntax errors and oversized
files become a ``parse_error`` or ``skipped`` reason on the summary, so one bad
file never stops the others.

The summary is extracted with the standard library's ``ast``: on open-webui's
288 files, libcst parsing plus position metadata took 35.7 s against 0.84 s for
``ast``. libcst is kept for what it is best at: formatting-preserving fixes.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import threading
import tokenize
import warnings
from collections.abc import Callable, Sequence

from fastlint.collect.visitor import SummaryCollector
from fastlint.lines import source_lines
from fastlint.noqa import parse_noqa
from fastlint.summary import IDENTIFIER, ModuleSummary, ParseError

# Generated files this large are not application code; parsing them costs seconds.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NESTING_FOR_LIBCST = 200  # CPython's parser refuses deeper bracket nesting too
MAX_LINE_FOR_LIBCST = 5_000
# A hex (octal, binary) literal with this many digits may exceed Python's int-str limit.
# The look-behind (a literal starts after a non-word character) keeps the search linear,
# and the leading "0" lets the regex engine skip ahead quickly.
_LONG_NUMBER = re.compile(r"0(?<![0-9A-Za-z_]0)[xXoObB][0-9a-fA-F_]{1000}")


def decode_source(data: bytes) -> str:
    """Decode as Python does (PEP 263 cookie, BOM, else UTF-8)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    text = data.decode(encoding)
    return text.removeprefix("\ufeff")


def _failed(
    path: str,
    is_package: bool,
    message: str,
    line: int = 1,
    column: int = 1,
    source: str = "",
) -> ModuleSummary:
    """A file that could not be parsed; the words of its source are kept so the blind
    spot it makes stays local (it can only include routers it names)."""
    mentions = tuple(sorted(set(IDENTIFIER.findall(source)))) if source else ()
    return ModuleSummary(
        path, is_package, parse_error=ParseError(message, line, column), mentions=mentions
    )


def _parse(source: str, path: str) -> ast.Module:
    """The tree of ``source``. The file name given to CPython is one that cannot be
    opened: for a name that exists, CPython re-reads the line of a syntax error from
    disk (relative to the current directory), and the error's column then depends on
    where fastlint runs and on what file happens to be there."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning for invalid escapes etc.
        return ast.parse(source, filename=f"<fastlint:{path}>")


def _newer_syntax(source: str, error: SyntaxError) -> str | None:
    """Valid code for a newer Python, rewritten for this one (libcst, loaded lazily).

    libcst's native parser overflows its stack (a segfault, not an exception) on
    nesting no CPython accepts either, so such files never reach it."""
    if "too many nested" in (error.msg or "") or _too_deep_for_libcst(source):
        return None
    from fastlint.collect.downgrade import downgrade

    return downgrade(source)


def _too_deep_for_libcst(source: str) -> bool:
    """Bracket nesting beyond CPython's own limit, or lines so long that an expression
    chain on them could nest deeper than any parser's stack."""
    if any(len(line) > MAX_LINE_FOR_LIBCST for line in source_lines(source)):
        return True
    depth = deepest = continued = 0
    for char in source:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth -= 1
    for line in source_lines(source):
        continued = continued + 1 if line.endswith("\\") else 0
        if continued > MAX_LINE_FOR_LIBCST // 10:
            return True
    return deepest > MAX_NESTING_FOR_LIBCST


def _reason(error: BaseException) -> str:
    """Why a file could not be parsed, never empty: ``str(MemoryError())`` is ''."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, MemoryError):
        return "too complex (the parser ran out of memory)"
    if isinstance(error, SyntaxError):
        return error.msg or "invalid syntax"
    return str(error) or type(error).__name__


# A syntax tree is at most about 3 x the recursion limit deep (CPython refuses to
# build a deeper one); the visitor takes up to 4 frames a level. Deep trees (a
# 2,000-branch ``elif`` chain, a long ``+`` chain) are visited again in a thread with
# a stack big enough for that: Python frames cost little C stack, so this is far
# from a crash, and the thread's stack is only touched as deep as it is used.
_FRAMES_PER_LEVEL = 4
DEEP_STACK_BYTES = 512 * 1024 * 1024


def _visit_deep(visit: Callable[[], None]) -> None:
    """Run ``visit`` with room for the deepest tree ``ast.parse`` builds (in a thread
    with a big stack and a raised recursion limit); re-raise what it raises."""
    failure: list[BaseException] = []
    limit = sys.getrecursionlimit()

    def run() -> None:
        sys.setrecursionlimit(max(limit, 3 * _FRAMES_PER_LEVEL * limit + 1_000))
        try:
            visit()
        except BaseException as error:  # handed to the caller
            failure.append(error)
        finally:
            sys.setrecursionlimit(limit)

    size = threading.stack_size()
    try:
        threading.stack_size(DEEP_STACK_BYTES)
        thread = threading.Thread(target=run, name="fastlint-deep-visit", daemon=True)
        thread.start()
    finally:
        threading.stack_size(size)
    thread.join()
    if failure:
        raise failure[0]


def _collect(tree: ast.Module, lines: Sequence[str], source: str) -> SummaryCollector:
    """The summary records of ``tree``; raises RecursionError only for a tree deeper
    than any ``ast.parse`` builds."""
    collector = SummaryCollector(lines, source)
    try:
        collector.visit(tree)
        return collector
    except RecursionError:
        pass
    collector = SummaryCollector(lines, source)  # a clean start, on a bigger stack
    _visit_deep(lambda: collector.visit(tree))
    return collector


def _deepest(tree: ast.AST) -> tuple[int, int]:
    """(line, column) of the first deepest positioned node, found without recursion."""
    best, where = -1, (1, 1)
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        line = getattr(node, "lineno", None)
        if line is not None and depth > best:
            best, where = depth, (line, getattr(node, "col_offset", 0) + 1)
        stack.extend((child, depth + 1) for child in reversed(list(ast.iter_child_nodes(node))))
    return where


class HugeInt:
    """Stands in for an int literal too long to write in decimal.

    Python refuses to convert ints of more than ``sys.get_int_max_str_digits()``
    digits (4,300 by default) to text, so a ``0xfff…`` literal that long would
    make every ``repr``, f-string or message that shows it raise. The summary
    sees this opaque constant instead (an unknown value, like a complex number).
    """

    __slots__ = ("bits",)

    def __init__(self, bits: int) -> None:
        self.bits = bits

    def __repr__(self) -> str:
        return f"<an integer of {self.bits} bits>"


def _hide_huge_ints(tree: ast.Module, source: str) -> None:
    """Replace int constants too long to print by :class:`HugeInt` (in place).

    Decimal literals that long are a syntax error already; hex, octal and
    binary ones need more than a thousand digits, so most files skip the walk.
    """
    limit: int = getattr(sys, "get_int_max_str_digits", lambda: 0)()  # Python 3.10.7+
    if not limit or not _LONG_NUMBER.search(source):
        return
    max_bits = limit * 3  # 3 < log2(10) bits per digit: a little under the limit
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and type(node.value) is int
            and node.value.bit_length() > max_bits
        ):
            node.value = HugeInt(node.value.bit_length())  # type: ignore[assignment]


def summarize(data: bytes, path: str) -> ModuleSummary:
    """Parse ``data`` (the contents of ``path``) once and summarize it."""
    is_package = path.rsplit("/", 1)[-1] in ("__init__.py", "__init__.pyi")
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / (1024 * 1024)
        return ModuleSummary(
            path, is_package, skipped=f"{size:.1f} MB is larger than the 10 MB limit"
        )
    try:
        source = decode_source(data)
    except (UnicodeDecodeError, LookupError, SyntaxError) as error:
        reason = getattr(error, "reason", None) or str(error)
        return _failed(path, is_package, f"could not decode the file: {reason}")
    try:
        tree = _parse(source, path)
    except SyntaxError as error:
        rewritten = _newer_syntax(source, error)
        if rewritten is None:
            line = error.lineno or 1
            column = error.offset or 1
            return _failed(
                path, is_package, f"could not parse: {_reason(error)}", line, column, source
            )
        try:
            tree = _parse(rewritten, path)
        except SyntaxError:
            return _failed(path, is_package, f"could not parse: {_reason(error)}", source=source)
        source = rewritten
    except (ValueError, RecursionError, MemoryError) as error:
        return _failed(path, is_package, f"could not parse: {_reason(error)}", source=source)
    _hide_huge_ints(tree, source)
    lines = source_lines(source)
    try:
        collector = _collect(tree, lines, source)
    except RecursionError:
        line, column = _deepest(tree)
        return _failed(path, is_package, "could not parse: nested too deeply", line, column, source)
    return ModuleSummary(
        path=path,
        is_package=is_package,
        imports=tuple(collector.imports),
        assigns=tuple(collector.assigns),
        functions=tuple(collector.functions),
        classes=tuple(collector.classes),
        calls=tuple(collector.calls),
        noqa=parse_noqa(source, tree),
    )
