"""The file pass over a project: the cache first, then the remaining files in
worker processes (or in-process), under one GC policy.

The CLI, ``fastlint routes``, the tests and the benchmark all come through
here, so the path that is measured is the path users run.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fastlint.cache import Cache, Stat, content_digest
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
    cache_dir: Path | None  # the worker writes the cache entry itself


def _run_job(job: _Job) -> tuple[str, ModuleSummary]:
    digest, summary = read_and_summarize(job.path, job.rel)
    if job.cache_dir is not None and digest:
        from fastlint.cache import _write_atomic

        _write_atomic(
            job.cache_dir / digest[:2] / digest,
            pickle.dumps(summary, pickle.HIGHEST_PROTOCOL),
            job.cache_dir.parent / "tmp",
        )
    return digest, summary


def _worker_init() -> None:
    gc.disable()  # workers build long-lived acyclic summaries, as the parent does


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def _in_workers(jobs: list[_Job], workers: int) -> list[tuple[str, ModuleSummary]]:
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
    results: list[tuple[str, ModuleSummary] | None] = [None] * len(jobs)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init) as pool:
        for index, result in zip(
            order, pool.map(_run_job, [jobs[i] for i in order], chunksize=chunk), strict=True
        ):
            results[index] = result
    return [result for result in results if result is not None]


def summarize_project(
    files: Iterable[tuple[Path, str]],
    sources: Mapping[str, str] | None = None,
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> tuple[list[ModuleSummary], dict[str, str]]:
    """Every file's summary (in ``files`` order) and its digest ('' when unknown).

    ``sources`` holds in-memory texts (``--fix`` checks what it would write);
    those are summarized here and never cached. The cyclic GC is paused
    meanwhile and the summaries are then frozen out of its reach: they are
    long-lived, acyclic data, and collections triggered by their allocation
    cost more than the project pass itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _summarize(list(files), sources or {}, cache, jobs, progress)
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _summarize(
    files: Sequence[tuple[Path, str]],
    texts: Mapping[str, str],
    cache: Cache | None,
    jobs: int,
    progress: Progress | None,
) -> tuple[list[ModuleSummary], dict[str, str]]:
    summaries: dict[str, ModuleSummary] = {}
    digests: dict[str, str] = {}
    pending: list[tuple[Path, str, Stat | None]] = []
    for path, rel in files:
        if rel in texts:
            summaries[rel] = summarize(texts[rel].encode("utf-8"), rel)
            continue
        if cache is not None:
            stat, digest = cache.known_digest(path, rel)
            if digest is None and stat is not None:  # moved, touched, checked out: hash it
                digest = _digest_of(path, rel)
            cached = cache.summary(digest) if digest else None
            if isinstance(cached, ModuleSummary) and cached.path == rel:
                summaries[rel] = cached
                digests[rel] = digest or ""
                cache.record(rel, stat, digest or "")
                continue
            pending.append((path, rel, stat))
        else:
            pending.append((path, rel, None))
    total, hits = len(files), len(summaries)
    if progress is not None:
        progress(hits, total, hits)
    cache_dir = cache.base / "files" if cache is not None else None
    job_list = [_Job(path, rel, cache_dir) for path, rel, _ in pending]
    if jobs > 1 and len(job_list) >= MIN_FILES_FOR_WORKERS:
        results = _in_workers(job_list, jobs)
    else:
        results = []
        for job in job_list:
            results.append(_run_job(job))
            if progress is not None and len(results) % 64 == 0:
                progress(hits + len(results), total, hits)
    for (_, rel, stat), (digest, summary) in zip(pending, results, strict=True):
        summaries[rel] = summary
        digests[rel] = digest
        if cache is not None:
            cache.record(rel, stat, digest)
    if progress is not None:
        progress(total, total, hits)
    return [summaries[rel] for _, rel in files], digests
