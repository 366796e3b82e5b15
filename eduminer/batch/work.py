"""What a worker process does: read, extract and prepare one chunk of files.

Everything here is a plain function of picklable arguments, so the same code
runs in-process, in a ``ProcessPoolExecutor`` and on a Dask worker. A worker
never touches the database: it returns :class:`Outcome` records and the parent
(the single writer) stores them, several chunks per transaction.

Workers also do the CPU-heavy part of storing: the table rows and the full-text
index tokens of every sentence (rjieba) are made here
(:func:`eduminer.workspace.store.prepare_document`), so the writer only inserts
them, and what travels back to it is compact (each text once, plain tuples).
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduminer.corpus.model import Document, ReadFailure
from eduminer.extract.model import Measure
from eduminer.workspace.store import FileInfo, PreparedDocument

# one planned item: what run knows about the file, the path to read, the folder it came from
Item = tuple[FileInfo, Path, "Path | None"]


@dataclass(frozen=True)
class Outcome:
    """The result for one file: its rows ready to store, or a failure. ``document`` and
    ``measures`` are kept only when asked for (the Parquet output needs them)."""

    info: FileInfo
    prepared: PreparedDocument | None = None
    document: Document | None = None
    measures: tuple[Measure, ...] = ()
    failure: ReadFailure | None = None
    seconds: float = 0.0
    size: int = 0  # bytes of input
    cpu: tuple[tuple[str, float], ...] = ()  # CPU seconds by stage: read, extract, prepare

    @property
    def ok(self) -> bool:
        return self.failure is None


@dataclass(frozen=True)
class Recoded:
    """New measures for a stored document (taxonomy changed)."""

    doc: str
    measures: tuple[Measure, ...] = field(default=())


def ignore_interrupts() -> None:
    """Pool initializer: Ctrl-C goes to the parent, which stops the pool cleanly
    (a worker that died mid-chunk would otherwise break the pool with a traceback);
    and one BLAS/OpenMP thread per worker, since the workers already fill the cores."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # comes with scikit-learn; without it, nothing to limit
        return
    threadpool_limits(1)


def default_measures(documents, taxonomy: Any = None):
    """``eduminer.extract.measures``: its compiled extractor is kept between calls.

    >>> from eduminer.corpus import read                                  # doctest: +SKIP
    >>> len(list(default_measures([read("examples/seeds/001_a4df0bc1ffe384af.txt")])))  # doctest: +SKIP
    42
    """
    from eduminer.extract import measures

    return measures(documents, taxonomy)


def _extractor(taxonomy: Any):
    """The same compiled extractor ``default_measures`` uses (warmed before the fork)."""
    from eduminer.extract.pipeline import loaded_extractor

    return loaded_extractor(taxonomy)


# read, coded and prepared once before a pool forks: the lazy imports and caches on the way
# (OpenCC, gazetteer, number parsing, segmenter) are then loaded once, not once per worker.
# (Not an HTML page: trafilatura's first page costs ~1 s, serial here, parallel in the workers.)
_WARM_SAMPLE = "关于推进学区制管理改革的通知\n一、总体要求\n港北区共设立了九个学区，38名教师参与交流轮岗。\n"


def warm_up(taxonomy: Any, extractor: Any = None) -> None:
    """Load the readers and the segmenter and compile the extractor now: a process pool
    forked after this shares them, instead of every worker building its own (seconds each).
    The default extractor also codes a tiny sample (a custom one is not called here)."""
    from eduminer.corpus import read_bytes
    from eduminer.workspace.store import prepare_document

    with contextlib.suppress(Exception):  # warming must never stop a run; the real read reports
        doc = read_bytes(_WARM_SAMPLE.encode("utf-8"), "warm-up.txt")
        prepare_document(doc, default_measures([doc], taxonomy) if extractor is None else ())


def read_chunk(items: list[Item], taxonomy: Any, extractor: Any = None, records: bool = False) -> list[Outcome]:
    """Read, code and prepare for storing every file of ``items``; a bad file becomes a
    failure Outcome. ``extractor``: a function like ``eduminer.extract.measures``
    (default: the compiled extractor kept for the whole run, which codes the chunk's
    documents together: its model scores many documents' sentences per call);
    ``records``: also return the Document and Measure records (for the Parquet output)."""
    from eduminer.workspace.pipeline import file_sha256, process_file, read_file
    from eduminer.workspace.store import prepare_document

    results: list[tuple[Item, Any, dict[str, float], float]] = []  # item, result, cpu, seconds
    if extractor is None:  # read every file, then code the documents as one batch
        for item in items:
            t0, c0 = time.perf_counter(), time.process_time()
            doc = read_file(item[1], item[2])
            results.append((item, doc, {"read": time.process_time() - c0}, time.perf_counter() - t0))
        _code_together(results, taxonomy)
    else:
        for item in items:
            t0 = time.perf_counter()
            cpu: dict[str, float] = {}
            result = process_file(item[1], item[2], taxonomy, extractor, cpu)
            results.append((item, result, cpu, time.perf_counter() - t0))
    out = []
    for (info, path, _), result, cpu, elapsed in results:
        if isinstance(result, ReadFailure):
            # hash it anyway: the manifest lists every input with its hash, failed or not
            with contextlib.suppress(OSError):
                info = dataclasses.replace(info, sha256=file_sha256(path))
            out.append(Outcome(info, failure=result, seconds=elapsed, size=info.size, cpu=tuple(cpu.items())))
            continue
        doc, found = result
        c0, t0 = time.process_time(), time.perf_counter()
        prepared = prepare_document(doc, found)
        cpu["prepare"] = time.process_time() - c0
        out.append(Outcome(info, prepared, doc if records else None, tuple(found) if records else (),
                           seconds=elapsed + time.perf_counter() - t0, size=info.size, cpu=tuple(cpu.items())))
    return out


def _code_together(results: list, taxonomy: Any) -> None:
    """Replace each read Document in ``results`` by (Document, measures), coding them in
    one batch; the batch's CPU and wall time are shared out by text length. Should the
    batch fail, each document is coded on its own, so only a faulty one fails."""
    from eduminer.workspace.pipeline import _guarded

    at = [i for i, (_, result, _, _) in enumerate(results) if not isinstance(result, ReadFailure)]
    if not at:
        return
    docs = [results[i][1] for i in at]
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        coded = [found for _, found in _extractor(taxonomy).code(docs)]
    except Exception:  # noqa: BLE001 -- find the faulty document, one by one
        coded = [_guarded(results[i][0][1], lambda doc=doc: next(_extractor(taxonomy).code([doc]))[1])
                 for i, doc in zip(at, docs)]
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    total = sum(len(doc.text) for doc in docs) or 1
    for i, doc, found in zip(at, docs, coded):
        item, _, stages, seconds = results[i]
        share = len(doc.text) / total
        stages["extract"] = cpu * share
        results[i] = (item, found if isinstance(found, ReadFailure) else (doc, found), stages, seconds + wall * share)


def recode_chunk(documents: list[Document], taxonomy: Any, extractor: Any = None) -> list[Recoded]:
    """Code stored documents again (new taxonomy), without reading their files."""
    extractor = extractor or default_measures
    return [Recoded(doc.doc, tuple(extractor([doc], taxonomy))) for doc in documents]
