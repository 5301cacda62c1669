"""Write files so that readers never see half of them.

A CI step that reads ``--output-file`` after a crash, or a baseline that is
rewritten while another process reads it, must see either the old content or
the new one: write a temporary file next to the target, fsync it, then rename.

That is only right for regular files. Anything else that exists (``/dev/null``,
``/dev/stdout``, a terminal, a named pipe) is written in place, as a stream:
renaming a temporary file over a device node would replace the device (as
root), and ``/dev/stdout`` leads to a pipe that cannot be renamed over at all.

The temporary file of ``target`` is ``.<target name>.<8 random characters>.tmp``.
A process killed outright (``SIGKILL``) leaves it behind; the next write of the
same target removes such files once they are ``STALE_SECONDS`` old (a live
writer renames its file within moments of creating it).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

# /dev/stdout, /dev/stderr and /dev/fd/N lead to descriptors of this process.
_DESCRIPTOR = re.compile(r"/(?:dev|proc/(self|\d+))/fd/(\d+)")
_MAX_LINKS = 40
STALE_SECONDS = 60.0
# ``.<target name>.<mkstemp's 8 random characters of [a-z0-9_]>.tmp``
_TEMPORARY = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp", re.DOTALL)


def _default_mode() -> int:
    """The mode ``open()`` would give a new file (0o666 minus the umask).

    ``mkstemp`` creates 0o600 files; a report or baseline should be as readable
    as any other file the user creates.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _target(path: Path) -> Path:
    """Write through a symlink to its target instead of replacing the link."""
    return path.resolve() if path.is_symlink() else path


def _unwritable(path: Path, exc: OSError) -> OSError:
    """An OSError whose text names the file and the reason, for the CLI to print."""
    reason = exc.strerror or str(exc)
    err = OSError(f"cannot write {path}: {reason}")
    err.errno = exc.errno
    return err


def own_descriptor(path: Path) -> int | None:
    """The descriptor of this process that ``path`` names through symlinks, if any:
    ``/dev/stdout`` is ``/proc/self/fd/1``, ``/dev/fd/2`` is 2."""
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        match = _DESCRIPTOR.fullmatch(current)
        if match is not None:
            pid = match.group(1)
            if pid in (None, "self") or int(pid) == os.getpid():
                return int(match.group(2))
            return None
        try:
            link = os.readlink(current)
        except (OSError, ValueError):  # not a symlink (or gone)
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return None


def is_stream(path: Path) -> bool:
    """Is ``path`` something to write in place rather than replace?

    True for an existing target that is not a regular file or a directory (a
    character or block device, a FIFO, a socket), and for a descriptor of this
    process (``-o /dev/stdout``, even when stdout is redirected to a file). A new
    path, a regular file, a directory (an error, which the atomic write reports)
    and a path that cannot be examined are not streams.
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    if stat.S_ISREG(mode):
        return own_descriptor(path) is not None
    return not stat.S_ISDIR(mode)


def _write_stream(path: Path, data: bytes) -> None:
    """Write ``data`` in place: straight to this process's descriptor (a pipe or
    socket behind ``/dev/stdout`` cannot always be reopened), else by opening the
    device or FIFO for appending (never truncate; devices and pipes ignore it)."""
    try:
        fd = own_descriptor(path)
        if fd is None:
            with open(path, "ab") as handle:
                handle.write(data)
            return
        for stream in (sys.stdout, sys.stderr):  # what Python buffered goes out first
            with contextlib.suppress(Exception):
                stream.flush()
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise _unwritable(path, exc) from exc


_DEFERRED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "SIGHUP") else ()


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C (SIGINT), SIGTERM and SIGHUP in this thread meanwhile: one
    arriving between creating a temporary file and renaming it would otherwise be
    able to stop the process where no handler can remove the file. The signal is
    delivered when the block ends."""
    if not _DEFERRED or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def temporary_prefix(target: Path) -> str:
    """The start of the name of ``target``'s temporary files (they end in ``.tmp``)."""
    return f".{target.name}."


def remove_stale_temporaries(target: Path, older_than: float = STALE_SECONDS) -> int:
    """Remove temporary files of ``target`` that a killed writer left; how many."""
    return remove_stale_temporaries_of([target], older_than)


def remove_stale_temporaries_of(targets: Iterable[Path], older_than: float = STALE_SECONDS) -> int:
    """:func:`remove_stale_temporaries` for many targets, one directory scan each."""
    names: dict[Path, set[str]] = {}
    for target in targets:
        names.setdefault(target.parent, set()).add(target.name)

    def of(here: set[str]) -> Callable[[str], bool]:
        def is_temporary(name: str) -> bool:
            match = _TEMPORARY.fullmatch(name)
            return match is not None and match.group(1) in here

        return is_temporary

    return sum(unlink_stale(directory, of(here), older_than) for directory, here in names.items())


def unlink_stale(
    directory: Path, is_temporary: Callable[[str], bool], older_than: float = STALE_SECONDS
) -> int:
    """Remove the regular files of ``directory`` whose names ``is_temporary`` accepts
    and that are older than ``older_than`` seconds (a killed writer's leftovers;
    a live writer's file is younger); how many. Errors mean "leave it"."""
    deadline = time.time() - older_than
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        if not is_temporary(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < deadline:
                os.unlink(entry.path)
                removed += 1
    return removed


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines untouched) to ``path`` atomically.

    Missing parent directories are created (``--output-file reports/x.sarif``).
    A target that exists and is not a regular file is written in place instead
    (see :func:`is_stream`). Raises ``OSError("cannot write <path>: <reason>")``
    when that fails. Whatever happens, even ``KeyboardInterrupt``, no temporary
    file is left behind (``SIGKILL`` aside).
    """
    data = text.encode("utf-8")  # before anything exists on disk: an error leaves nothing
    if is_stream(path):
        _write_stream(path, data)
        return
    _replace(path, _target(path), data)


def _replace(path: Path, target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``target``, then rename it over."""
    # Signals wait while the temporary file is created (a Ctrl-C right after it
    # exists but before ``try`` would leave it behind) and arrive inside ``try``.
    deferred = interrupts_deferred()
    deferred.__enter__()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else _default_mode()
        fd, tmp_name = tempfile.mkstemp(
            prefix=temporary_prefix(target), suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        deferred.__exit__(None, None, None)
        raise _unwritable(path, exc) from exc
    try:
        deferred.__exit__(None, None, None)
        remove_stale_temporaries(target)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException as exc:  # Ctrl-C included: remove the temporary file, then re-raise
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise _unwritable(path, exc) from exc
        raise
