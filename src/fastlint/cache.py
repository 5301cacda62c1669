"""The content-hash cache: file summaries, and whole-project results.

Layout, under the cache directory (``--cache-dir``, ``cache-dir``, the
``FASTLINT_CACHE_DIR`` variable, else the user cache dir from platformdirs)::

    <build>/files/<aa>/<digest>      one pickled ModuleSummary per file content
    <build>/projects/<root-key>      the stat index of one project: path -> digest
    <build>/results/<aa>/<key>       the findings of one whole run
    <build>/tmp/.tmp-*               entries being written (renamed into place)

``<build>`` changes with fastlint's version and its own source files, so a new
or edited fastlint never reads an old entry. A file's digest covers its path
and its bytes; a ``stat`` match (size, mtime, inode) skips reading it. Every
write is atomic (temp file + rename), so two concurrent runs need no lock;
an entry that cannot be read or unpickled is ignored and rewritten, never
trusted. The cache never changes a result, only how fast it comes.

A run killed outright (``SIGKILL``) can leave a temporary file behind; they all
live in ``<build>/tmp``, and opening the cache removes those older than
``STALE_SECONDS`` (a live writer renames its file within milliseconds).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastlint import __version__
from fastlint.atomic import STALE_SECONDS, interrupts_deferred, unlink_stale

CACHE_FORMAT = 1
ENVIRONMENT_VARIABLE = "FASTLINT_CACHE_DIR"
TEMP_PREFIX = ".tmp-"


def default_cache_dir() -> Path:
    """``$FASTLINT_CACHE_DIR``, else the platform's user cache dir."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fastlint", appauthor=False))


def _build_key() -> str:
    """fastlint's version and the size and mtime of each of its source files."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(f"{CACHE_FORMAT}:{__version__}".encode(), digest_size=8)
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def content_digest(rel: str, data: bytes) -> str:
    """The key of one file's summary: its path inside the project and its bytes."""
    digest = hashlib.blake2b(rel.encode("utf-8", "surrogateescape") + b"\0", digest_size=16)
    digest.update(data)
    return digest.hexdigest()


def summary_key(pickled: bytes) -> str:
    """The key of a summary's content (its pickle): two edits of a file that leave
    its summary as it was (a comment, a docstring, a function body the summary does
    not record) have the same summary key, and the project pass cannot tell them apart."""
    return hashlib.blake2b(pickled, digest_size=16).hexdigest()


def key_of(*parts: Any) -> str:
    """A stable key for plain data (reprs of tuples, strings, numbers)."""
    return hashlib.blake2b(
        repr(parts).encode("utf-8", "surrogateescape"), digest_size=16
    ).hexdigest()


def write_entry(path: Path, data: bytes, tmp_dir: Path) -> None:
    """Write or silently give up: a cache that cannot be written is only slower.

    The temporary file is made in ``tmp_dir`` (on the same file system) and removed
    on any failure, ``KeyboardInterrupt`` included."""
    with interrupts_deferred():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=tmp_dir)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if not isinstance(error, OSError):
                raise


def remove_stale_temporaries(tmp_dir: Path, older_than: float = STALE_SECONDS) -> int:
    """Remove the temporary files a killed run left in ``tmp_dir``; how many."""
    return unlink_stale(tmp_dir, lambda name: name.startswith(TEMP_PREFIX), older_than)


def _read(path: Path) -> Any:
    """The unpickled entry, or None when missing, truncated or corrupt."""
    try:
        data = path.read_bytes()
        return pickle.loads(data)
    except Exception:  # a broken entry is a miss, never an error
        return None


@dataclass(frozen=True)
class SummaryWriter:
    """Writes file entries: ``<files>/<aa>/<digest>``, through ``tmp``."""

    files: Path
    tmp: Path

    def store(self, digest: str, summary: object) -> str:
        """Write the entry for ``digest`` (none for an unread file); the summary's key."""
        data = pickle.dumps(summary, pickle.HIGHEST_PROTOCOL)
        if digest:
            write_entry(self.files / digest[:2] / digest, data, self.tmp)
        return summary_key(data)


@dataclass(frozen=True)
class Stat:
    size: int
    mtime_ns: int
    inode: int


class Cache:
    """One project's view of the cache directory."""

    def __init__(self, directory: Path, root: Path) -> None:
        self.base = directory / _build_key()
        self._tmp = self.base / "tmp"
        remove_stale_temporaries(self._tmp)
        self._index_path = self.base / "projects" / key_of(str(root.resolve()))
        index = _read(self._index_path)
        # path -> (stat, content digest, summary key); the key may be '' (unknown)
        self._index: dict[str, tuple[Stat, str, str]] = index if isinstance(index, dict) else {}
        self._seen: dict[str, tuple[Stat, str, str]] = {}
        self.hits = 0

    def known_digest(self, path: Path, rel: str) -> tuple[Stat | None, str | None]:
        """The file's stat, and its digest when the stat matches the index (the
        file is then not read at all)."""
        try:
            info = path.stat()
        except OSError:
            return None, None
        stat = Stat(info.st_size, info.st_mtime_ns, info.st_ino)
        known = self._seen.get(rel) or self._index.get(rel)
        if isinstance(known, tuple) and len(known) == 3 and known[0] == stat:
            self._seen[rel] = known
            return stat, known[1]
        return stat, None

    def known_summary_key(self, rel: str, digest: str) -> str:
        """The summary key recorded with ``digest`` by an earlier run, else ''."""
        known = self._seen.get(rel)
        return known[2] if known is not None and known[1] == digest else ""

    def record(self, rel: str, stat: Stat | None, digest: str, summary_key: str) -> None:
        """Remember a file's digest and summary key for its stat."""
        if stat is not None and digest:
            self._seen[rel] = (stat, digest, summary_key)

    def _file(self, digest: str) -> Path:
        return self.base / "files" / digest[:2] / digest

    def summary(self, digest: str) -> tuple[Any, str] | None:
        """The cached summary for ``digest`` and its summary key, or None."""
        if not digest:
            return None
        try:
            data = self._file(digest).read_bytes()
            found = pickle.loads(data)
        except Exception:  # a broken entry is a miss, never an error
            return None
        self.hits += 1
        return found, summary_key(data)

    @property
    def writer(self) -> SummaryWriter:
        """What a worker process needs to write summaries (small to pickle)."""
        return SummaryWriter(self.base / "files", self._tmp)

    def store_summary(self, digest: str, summary: object) -> str:
        """Write the entry for ``digest``; the summary's key."""
        return self.writer.store(digest, summary)

    def _result(self, key: str) -> Path:
        return self.base / "results" / key[:2] / key

    def results(self, key: str) -> Any:
        return _read(self._result(key))

    def store_results(self, key: str, value: object) -> None:
        write_entry(self._result(key), pickle.dumps(value, pickle.HIGHEST_PROTOCOL), self._tmp)

    def save_index(self, kept: Iterable[str]) -> None:
        """Remember the stats of this run's files (only if something changed)."""
        index = {rel: self._seen[rel] for rel in kept if rel in self._seen}
        if index != self._index:
            write_entry(self._index_path, pickle.dumps(index, pickle.HIGHEST_PROTOCOL), self._tmp)


def clean(directory: Path) -> bool:
    """Remove the whole cache directory; False when there was none."""
    import shutil

    if not directory.exists():
        return False
    shutil.rmtree(directory, ignore_errors=True)
    return True
