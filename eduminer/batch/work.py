"""What a worker process does: read, extract and prepare one chunk of files.

Everything here is a plain function of picklable arguments, so the same code
runs in-process, in a ``ProcessPoolExecutor`` and on a Dask worker. A worker
never touches the database: it returns :class:`Outcome` records and the parent
(the single writer) stores them, one transaction per chunk.

Workers also do the CPU-heavy part of storing: the full-text index tokens of
every sentence (rjieba) are computed here, not in the writer.
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
from eduminer.workspace.store import FileInfo

# one planned item: what run knows about the file, the path to read, the folder it came from
Item = tuple[FileInfo, Path, "Path | None"]


@dataclass(frozen=True)
class Outcome:
    """The result for one file: a document with its measures and index tokens, or a failure."""

    info: FileInfo
    document: Document | None = None
    measures: tuple[Measure, ...] = ()
    tokens: tuple[str, ...] = ()  # sentence_fts tokens, one string per sentence
    failure: ReadFailure | None = None
    seconds: float = 0.0
    size: int = 0  # bytes of input

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


def _loaded_extractor(taxonomy: Any):
    """One compiled extractor (rules, model, gazetteer) per taxonomy and process:
    building it costs far more than coding a document."""
    from eduminer.extract.pipeline import loaded_extractor

    return loaded_extractor(taxonomy)


def default_measures(documents, taxonomy: Any = None):
    """``eduminer.extract.measures`` with the compiled extractor kept between calls.

    >>> from eduminer.corpus import read                                  # doctest: +SKIP
    >>> len(list(default_measures([read("examples/seeds/001_a4df0bc1ffe384af.txt")])))  # doctest: +SKIP
    42
    """
    extractor = _loaded_extractor(taxonomy)
    for doc in documents:
        yield from extractor.extract(doc)


def warm_up(taxonomy: Any, extractor: Any = None) -> None:
    """Load the segmenter and compile the extractor now: a process pool forked after
    this shares them, instead of every worker building its own (seconds each)."""
    from eduminer.workspace.text import index_text

    index_text("学区制")
    if extractor is None:
        _loaded_extractor(taxonomy)


def read_chunk(items: list[Item], taxonomy: Any, extractor: Any = None) -> list[Outcome]:
    """Read and code every file of ``items``; a bad file becomes a failure Outcome.
    ``extractor``: a function like ``eduminer.extract.measures`` (default: the same,
    with its compiled rules kept for the whole run)."""
    from eduminer.workspace.pipeline import file_sha256, process_file
    from eduminer.workspace.text import index_text

    extractor = extractor or default_measures
    out = []
    for info, path, root in items:
        t0 = time.perf_counter()
        result = process_file(path, root, taxonomy, extractor)
        elapsed = time.perf_counter() - t0
        if isinstance(result, ReadFailure):
            # hash it anyway: the manifest lists every input with its hash, failed or not
            with contextlib.suppress(OSError):
                info = dataclasses.replace(info, sha256=file_sha256(path))
            out.append(Outcome(info, failure=result, seconds=elapsed, size=info.size))
            continue
        doc, found = result
        tokens = tuple(index_text(s.text) for s in doc.sentences)
        out.append(Outcome(info, doc, tuple(found), tokens, seconds=time.perf_counter() - t0, size=info.size))
    return out


def recode_chunk(documents: list[Document], taxonomy: Any, extractor: Any = None) -> list[Recoded]:
    """Code stored documents again (new taxonomy), without reading their files."""
    extractor = extractor or default_measures
    return [Recoded(doc.doc, tuple(extractor([doc], taxonomy))) for doc in documents]
