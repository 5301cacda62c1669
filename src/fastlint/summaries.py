"""The file pass over a project: the cache first, then the remaining files in
worker processes (or in-process), under one GC policy.

The CLI, ``fastlint routes``, the tests and the benchmark all come through
here, so the path that is measured is the path users run.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fastlint.cache import Cache, Stat, SummaryWriter, content_digest
from fastlint.filepass import summarize
from fastlint.summary import ModuleSummary, ParseError

# Below this many files to summarize, starting worker processes costs more than it saves.
MIN_FILES_FOR_WORKERS = 48

Progress = Callable[[int, int, int], None]  # (done, total, from the cache)


def read_and_summarize(path: Path, rel: str) -> tuple[str, ModuleSummary]:
    """One file's digest and summary; an unreadable file becomes a parse error."""
    is_package = rel.rsplit("/", 1)[-1].startswith("__init__.")
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        summary = ModuleSummary(
            rel, is_package, parse_error=ParseError(f"could not read: {reason}", 1, 1)
        )
        return "", summary
    return content_digest(rel, data), summarize(data, rel)


def _digest_of(path: Path, rel: str) -> str:
    try:
        return content_digest(rel, path.read_bytes())
    except OSError:
        return ""


@dataclass(frozen=True)
class _Job:
    path: Path
    rel: str
    writer: SummaryWriter | None  # the worker writes the cache entry itself


_Result = tuple[str, ModuleSummary, str]  # content digest, summary, summary key


def _run_job(job: _Job) -> _Result:
    digest, summary = read_and_summarize(job.path, job.rel)
    if job.writer is None:
        return digest, summary, ""
    return digest, summary, job.writer.store(digest, summary)


def _worker_init() -> None:
    gc.disable()  # workers build long-lived acyclic summaries, as the parent does


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def _in_workers(jobs: list[_Job], workers: int) -> list[_Result]:
    """Summaries in worker processes, biggest files first so that one huge file
    does not leave the others idle at the end; results in ``jobs`` order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    def size(job: _Job) -> int:
        try:
            return job.path.stat().st_size
        except OSError:
            return 0

    order = sorted(range(len(jobs)), key=lambda i: -size(jobs[i]))
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, len(jobs) // (workers * 8))
    results: list[_Result | None] = [None] * len(jobs)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init) as pool:
        for index, result in zip(
            order, pool.map(_run_job, [jobs[i] for i in order], chunksize=chunk), strict=True
        ):
            results[index] = result
    return [result for result in results if result is not None]


class FilePass:
    """The file pass's result: per path the content digest and the summary key
    ('' when unknown: unread, in memory, or no cache), and the summaries.

    Summaries an earlier run recorded for unchanged files are loaded from the
    cache only when :meth:`summaries` is called: a run whose findings are found
    by summary keys alone never unpickles them.
    """

    def __init__(
        self,
        order: Sequence[str],
        loaded: dict[str, ModuleSummary],
        deferred: dict[str, tuple[Path, str]],
        digests: dict[str, str],
        summary_keys: dict[str, str],
        cache: Cache | None,
    ) -> None:
        self._order = order
        self._loaded = loaded
        self._deferred = deferred  # path -> (file, content digest)
        self.digests = digests
        self.summary_keys = summary_keys
        self._cache = cache

    def summaries(self) -> list[ModuleSummary]:
        """Every summary, in file order."""
        if self._deferred:
            with _gc_paused():
                for rel, (path, digest) in self._deferred.items():
                    entry = self._cache.summary(digest) if self._cache is not None else None
                    if entry is not None and isinstance(entry[0], ModuleSummary):
                        self._loaded[rel] = entry[0]
                        continue
                    # Removed or broken since the index was written: parse it again.
                    digest, summary, key = _run_job(
                        _Job(path, rel, self._cache.writer if self._cache else None)
                    )
                    self._loaded[rel] = summary
                    self.digests[rel], self.summary_keys[rel] = digest, key
            self._deferred = {}
        return [self._loaded[rel] for rel in self._order]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The GC paused while summaries are built, and the summaries then frozen out
    of its reach: they are long-lived, acyclic data, and collections triggered by
    their allocation cost more than the project pass itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def summarize_project(
    files: Iterable[tuple[Path, str]],
    sources: Mapping[str, str] | None = None,
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> FilePass:
    """Every file's summary, from the cache or parsed (see :class:`FilePass`).

    ``sources`` holds in-memory texts (``--fix`` checks what it would write);
    those are summarized here and never cached.
    """
    with _gc_paused():
        return _summarize(list(files), sources or {}, cache, jobs, progress)


def _summarize(
    files: Sequence[tuple[Path, str]],
    texts: Mapping[str, str],
    cache: Cache | None,
    jobs: int,
    progress: Progress | None,
) -> FilePass:
    summaries: dict[str, ModuleSummary] = {}
    deferred: dict[str, tuple[Path, str]] = {}
    digests: dict[str, str] = {}
    keys: dict[str, str] = {}
    pending: list[tuple[Path, str, Stat | None]] = []
    for path, rel in files:
        if rel in texts:
            summaries[rel] = summarize(texts[rel].encode("utf-8"), rel)
            continue
        if cache is not None:
            stat, digest = cache.known_digest(path, rel)
            key = cache.known_summary_key(rel, digest) if digest else ""
            if digest and key:  # unchanged since a run that recorded its summary key
                deferred[rel] = (path, digest)
                digests[rel], keys[rel] = digest, key
                continue
            if digest is None and stat is not None:  # moved, touched, checked out: hash it
                digest = _digest_of(path, rel)
            entry = cache.summary(digest) if digest else None
            if entry is not None and isinstance(entry[0], ModuleSummary) and entry[0].path == rel:
                summaries[rel], keys[rel] = entry
                digests[rel] = digest or ""
                cache.record(rel, stat, digest or "", keys[rel])
                continue
            pending.append((path, rel, stat))
        else:
            pending.append((path, rel, None))
    total, hits = len(files), len(summaries) + len(deferred)
    if progress is not None:
        progress(hits, total, hits)
    writer = cache.writer if cache is not None else None
    job_list = [_Job(path, rel, writer) for path, rel, _ in pending]
    if jobs > 1 and len(job_list) >= MIN_FILES_FOR_WORKERS:
        results = _in_workers(job_list, jobs)
    else:
        results = []
        for job in job_list:
            results.append(_run_job(job))
            if progress is not None and len(results) % 64 == 0:
                progress(hits + len(results), total, hits)
    for (_, rel, stat), (digest, summary, key) in zip(pending, results, strict=True):
        summaries[rel] = summary
        digests[rel] = digest
        keys[rel] = key
        if cache is not None:
            cache.record(rel, stat, digest, key)
    if progress is not None:
        progress(total, total, hits)
    return FilePass([rel for _, rel in files], summaries, deferred, digests, keys, cache)
