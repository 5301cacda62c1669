"""Write files so that readers never see half of them.

A CI step that reads ``--output-file`` after a crash, or a baseline that is
rewritten while another process reads it, must see either the old content or
the new one: write a temporary file next to the target, fsync it, then rename.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, newlines untouched) to ``path`` atomically.

    Missing parent directories are created (``--output-file reports/x.sarif``).
    Raises ``OSError("cannot write <path>: <reason>")`` when that fails.
    """
    target = _target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o7777 if target.exists() else _default_mode()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise _unwritable(path, exc) from exc
