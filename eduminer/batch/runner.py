"""``run`` at scale: parallel, resumable, with progress, a manifest, and a Dask engine.

Same job and re-run policy as :func:`eduminer.workspace.run` (unchanged files
skipped, changed files re-read, vanished files removed, stored documents
re-coded when the taxonomy changes), plus:

- workers (processes, or a Dask cluster) read and code the files; this process
  alone writes the database, several chunks per transaction (64 documents, doubling
  up to 256, or what came in 2 s);
- at most ``2 x workers`` chunks are in flight, so memory does not grow with the corpus;
- Ctrl-C stops cleanly (:class:`~eduminer.errors.RunInterrupted`, the CLI exits 130)
  and ``kill -9`` loses at most the documents not yet committed: running the same
  command again resumes, and ends with the same measures as an uninterrupted run;
- a manifest (inputs and their hashes, taxonomy and data-file hashes, library
  versions, counts, failures, timings) goes into the ``runs`` table and beside
  the database as JSON;
- ``out_parquet``: documents and measures also go to Parquet, one file per chunk.

>>> summary = run(["examples/seeds"], db="/tmp/batch-doctest.db", workers=2, quiet=True)  # doctest: +SKIP
>>> summary.documents                                                                    # doctest: +SKIP
5
"""

from __future__ import annotations

import functools
import itertools
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduminer.batch import manifest as manifests
from eduminer.batch.engines import ENGINES, open_engine
from eduminer.batch.work import Outcome, read_chunk, recode_chunk, warm_up
from eduminer.errors import BatchError, EduminerError, Errors, RunInterrupted
from eduminer.corpus import iter_files
from eduminer.workspace.pipeline import RunSummary, load_taxonomy, plan_files
from eduminer.workspace.store import Workspace

MAX_CHUNK = 16  # files per chunk: a chunk takes well under a second, so Ctrl-C is quick
# The writer commits several chunks at once: fewer commits, full-text index segments and
# rewrites of the same index pages (measured: ~25% less SQLite time than one commit per
# 16 files, and 256 documents ~7% less than 64); but at least every WRITE_SECONDS, so an
# interrupted run loses little. The first transactions are smaller (doubling from
# FIRST_WRITE_BATCH), so the first documents are soon visible to readers.
FIRST_WRITE_BATCH = 64
WRITE_BATCH = 256  # documents per transaction, at most
WRITE_SECONDS = 2.0


@dataclass
class BatchSummary(RunSummary):
    """A :class:`RunSummary` with the engine, timings and where the manifest went.
    ``failures`` lists every file that could not be read, with the reason."""

    engine: str = "local"
    workers: int = 1
    seconds: float = 0.0
    bytes_read: int = 0
    manifest: str = ""
    parquet: str = ""
    parquet_partitions: int = 0
    # CPU seconds by stage, summed over all processes: read, extract, prepare (rows and
    # index tokens, in the workers), store (this process: SQLite), parquet
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        lines = super().lines()
        rate = self.processed / self.seconds if self.seconds else 0.0
        mbs = self.bytes_read / 1e6 / self.seconds if self.seconds else 0.0
        lines.insert(2, f"Time: {self.seconds:.1f} s, {rate:.1f} files/s, {mbs:.2f} MB/s "
                        f"({self.engine} engine, {self.workers} worker{'s' if self.workers != 1 else ''}).")
        if self.parquet:
            lines.insert(-1, f"Parquet: {self.parquet_partitions} partitions in {self.parquet}")
        if self.manifest:
            lines.insert(-1, f"Manifest: {self.manifest}")
        return lines


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def count_files(paths: Iterable[str | os.PathLike]) -> int:
    """How many files ``run`` will look at (for the progress bar's ETA)."""
    return sum(1 for _ in iter_files(paths))


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` consecutive items (the last may be shorter).

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def chunk_size_for(total: int, workers: int, engine: str) -> int:
    """Enough chunks to keep every worker busy to the end, few enough to amortize
    the cost of shipping a chunk (larger on Dask, where a task costs more)."""
    ceiling = MAX_CHUNK * (4 if engine == "dask" else 1)
    return max(1, min(ceiling, total // (workers * 8) or 1))


class _Progress:
    """tqdm bar on stderr with files/s, ETA and failures; silent when quiet or not a terminal."""

    def __init__(self, total: int, quiet: bool):
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=sys.stderr, smoothing=0.05)

    def update(self, n: int = 1, failed: int = 0) -> None:
        if self.bar is not None:
            self.bar.update(n)
            if failed:
                self.bar.set_postfix(failed=failed, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(
    paths: Iterable[str | os.PathLike],
    db: str | os.PathLike = "eduminer.db",
    taxonomy: Any = None,
    workers: int | None = None,
    engine: str = "local",
    scheduler: Any = None,
    out_parquet: str | os.PathLike | None = None,
    quiet: bool = False,
    manifest: str | os.PathLike | None = None,
    chunk_size: int | None = None,
    extractor: Any = None,
) -> BatchSummary:
    """Read, extract and store ``paths`` (files or folders) in the workspace ``db``,
    with ``workers`` processes (default: all cores) or on a Dask cluster
    (``engine="dask"``, ``scheduler`` address; none starts a local cluster).

    ``manifest``: where to write the JSON manifest (default ``<db>.manifest.json``).
    ``extractor``: a picklable function like ``eduminer.extract.measures`` (the default).
    Raises :class:`RunInterrupted` on Ctrl-C, after closing the database cleanly.
    """
    try:
        summary = _run(paths, db, taxonomy, workers, engine, scheduler, out_parquet, quiet, manifest, chunk_size,
                       extractor)
    except KeyboardInterrupt:
        # whatever was committed stays; the interrupted chunk was rolled back
        raise RunInterrupted(Errors.E605, n=_stored_documents(db)) from None
    from eduminer.workspace.search import prepare_queries

    prepare_queries(taxonomy)  # once per user and taxonomy: the first search is then as quick as the rest
    return summary


def _stored_documents(db: str | os.PathLike) -> int:
    try:
        with Workspace(db) as ws:
            return ws.counts()["documents"]
    except EduminerError:  # interrupted before the database was set up
        return 0


def _run(paths, db, taxonomy, workers, engine, scheduler, out_parquet, quiet, manifest, chunk_size,
         extractor) -> BatchSummary:
    paths = [Path(p) for p in paths]
    if engine not in ENGINES:
        raise BatchError(Errors.E602, engine=engine, choices=", ".join(ENGINES))
    workers = default_workers() if workers is None else int(workers)
    if workers < 1:
        raise BatchError(Errors.E603, workers=workers)
    if out_parquet:
        from eduminer.batch.parquet import ParquetSink

        ParquetSink.check_installed()  # fail now, with the install hint, not after planning
    tax = load_taxonomy(taxonomy)
    version = getattr(tax, "version", "") or ""
    started = time.time()
    t0 = time.perf_counter()
    files = list(iter_files(paths))  # walked once: for the progress bar's total and for planning
    total = len(files)
    with open_engine(engine, workers, scheduler) as pool, Workspace(db, create=True) as ws:
        size = chunk_size or chunk_size_for(total, pool.workers, engine)
        summary = BatchSummary(db=str(db), taxonomy_version=version, engine=engine, workers=pool.workers)
        _close_stale_runs(ws)
        c0 = time.process_time()
        ws.defer_read_indexes()
        summary.cpu_seconds["store"] = time.process_time() - c0
        base = {
            "paths": [str(p.resolve()) for p in paths],
            "engine": engine, "workers": pool.workers, "chunk_size": size,
            "scheduler": str(scheduler) if scheduler else "",
            "taxonomy": {"path": str(getattr(tax, "path", "") or ""), "version": version},
            "data_files": manifests.data_file_hashes(),
            "versions": manifests.versions(),
            "started_at": _iso(started),
        }
        summary.run_id = ws.start_run(base)
        sink = None
        if out_parquet:
            sink = ParquetSink(out_parquet, prefix=f"run{summary.run_id:05d}")
            summary.parquet = str(out_parquet)
        progress = _Progress(total, quiet)
        status = "interrupted"
        try:
            todo = plan_files(ws, paths, version, summary, lambda info, result: progress.update(1), files)
            reader = functools.partial(read_chunk, extractor=extractor, records=sink is not None)
            warm = functools.partial(warm_up, extractor=extractor)
            writer = _Writer(ws, version, summary, sink)
            try:
                for outcomes in pool.map(reader, chunked(todo, size), tax, warm):
                    writer.add(outcomes)
                    progress.update(len(outcomes), writer.failed)
            finally:
                writer.flush()  # also on Ctrl-C or a failed worker: what came back is kept
            recoder = functools.partial(recode_chunk, extractor=extractor)
            _recode(ws, pool, recoder, tax, version, size, summary, warm)
            status = "done"
        finally:
            progress.close()
            c0 = time.process_time()
            ws.build_read_indexes()
            summary.cpu_seconds["store"] = summary.cpu_seconds.get("store", 0.0) + time.process_time() - c0
            summary.seconds = time.perf_counter() - t0
            if sink is not None:
                summary.parquet_partitions = sink.partitions
            counts = ws.counts()
            summary.documents, summary.measures, summary.regions = (
                counts[k] for k in ("documents", "measures", "regions"))
            summary.manifest = str(manifests.manifest_path(db, manifest))
            record = _manifest(ws, base, summary, status, started)
            ws.finish_run(summary.run_id, record, status)
            manifests.write_manifest(record, summary.manifest)
    return summary


class _Writer:
    """The single writer: each chunk's Parquet partition as it arrives (see
    eduminer.batch.parquet: written before its documents are committed), the
    database rows of several chunks in ONE transaction (``FIRST_WRITE_BATCH`` documents,
    doubling up to ``WRITE_BATCH``)."""

    def __init__(self, ws: Workspace, version: str, summary: BatchSummary, sink, batch: int | None = None):
        self.ws, self.version, self.summary, self.sink = ws, version, summary, sink
        self.most = batch or WRITE_BATCH
        self.batch = min(FIRST_WRITE_BATCH, self.most)
        self.pending: list[Outcome] = []
        self.since = 0.0
        self.failed = 0  # failures among the outcomes received so far

    def add(self, outcomes: list[Outcome]) -> None:
        cpu = self.summary.cpu_seconds
        for o in outcomes:
            for stage, seconds in o.cpu:
                cpu[stage] = cpu.get(stage, 0.0) + seconds
        self.failed += sum(1 for o in outcomes if not o.ok)
        if self.sink is not None:
            c0 = time.process_time()
            stored = [o for o in outcomes if o.ok]
            self.sink.write_partition([o.document for o in stored], [m for o in stored for m in o.measures])
            cpu["parquet"] = cpu.get("parquet", 0.0) + time.process_time() - c0
        if not self.pending:
            self.since = time.monotonic()
        self.pending.extend(outcomes)
        if len(self.pending) >= self.batch or time.monotonic() - self.since >= WRITE_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        summary, outcomes = self.summary, self.pending
        stored = [o for o in outcomes if o.ok]
        failed = [o for o in outcomes if not o.ok]
        c0 = time.process_time()
        summary.new_measures += self.ws.add_prepared(
            ((o.prepared, o.info) for o in stored), ((o.failure, o.info) for o in failed), self.version,
            summary.run_id)
        summary.cpu_seconds["store"] = summary.cpu_seconds.get("store", 0.0) + time.process_time() - c0
        self.pending = []
        self.batch = min(2 * self.batch, self.most)
        summary.processed += len(stored)
        summary.bytes_read += sum(o.size for o in stored)
        summary.failed += len(failed)
        summary.failures.extend(o.failure for o in failed)


def _recode(ws: Workspace, pool, recoder, tax, version: str, size: int, summary: BatchSummary, warm) -> None:
    """Re-code stored documents whose taxonomy version differs, in parallel too."""
    stale = ws.stale_documents(version)
    if not stale:
        return
    documents = (ws.load_document(doc_id) for doc_id in stale)
    for recoded in pool.map(recoder, chunked(documents, size), tax, warm):
        for item in recoded:
            ws.replace_measures(item.doc, item.measures, version)
            summary.recoded += 1


def _close_stale_runs(ws: Workspace) -> None:
    # a run still 'running' in the table was killed (kill -9, power cut): say so
    with ws.transaction() as conn:
        conn.execute("UPDATE runs SET status='interrupted' WHERE status='running'")


def _iso(timestamp: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).isoformat(timespec="seconds")


def _manifest(ws: Workspace, base: dict, summary: BatchSummary, status: str, started: float) -> dict:
    roots = [str(p) for p in base["paths"]]
    inputs = [
        {"path": r["path"], "sha256": r["sha256"], "status": r["status"], "doc": r["doc"]}
        for r in ws.conn.execute("SELECT path, sha256, status, doc FROM files ORDER BY path")
        if any(r["path"] == root or r["path"].startswith(root.rstrip(os.sep) + os.sep) for root in roots)
    ]
    elapsed = summary.seconds
    return {
        **base,
        "run_id": summary.run_id,
        "status": status,
        "finished_at": _iso(time.time()),
        "counts": {k: getattr(summary, k) for k in (
            "files", "processed", "skipped", "recoded", "removed", "failed", "new_measures",
            "documents", "measures", "regions")},
        "failures": [f.to_record() for f in summary.failures],
        "timings": {"seconds": round(elapsed, 3), "started_at": _iso(started),
                    "files_per_second": round(summary.processed / elapsed, 2) if elapsed else 0.0,
                    "mb_per_second": round(summary.bytes_read / 1e6 / elapsed, 3) if elapsed else 0.0,
                    "bytes_read": summary.bytes_read,
                    "cpu_seconds_by_stage": {k: round(v, 3) for k, v in summary.cpu_seconds.items()}},
        "parquet": {"folder": summary.parquet, "partitions": summary.parquet_partitions} if summary.parquet else {},
        "inputs_digest": manifests.inputs_digest(inputs),
        "inputs": inputs,
    }


__all__ = ["run", "BatchSummary", "ENGINES", "default_workers", "chunked", "count_files"]
