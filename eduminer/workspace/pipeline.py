"""`run`: read, extract and store a corpus, incrementally.

The work for one file is the pure function :func:`process_file` (picklable
arguments, no database access), so a batch engine can map it over worker
processes; :func:`run` only decides what to do per file and writes each result
in its own transaction (an interrupted run leaves a consistent database; the
next run picks up where it stopped).

Re-run policy:

- unchanged file (same size and mtime, or else same SHA-256): skipped, not read;
- changed file: re-read and re-coded; its old rows are replaced;
- file that failed before: tried again (the reader may have improved);
- file gone from a folder given to ``run`` again: its rows are removed;
- taxonomy changed (other version hash): stored documents are re-coded from their
  stored text and sentences, without reading the files.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eduminer.corpus import iter_files
from eduminer.corpus.model import Document, ReadFailure
from eduminer.errors import EduminerError, Errors, InputError
from eduminer.extract.model import Measure
from eduminer.workspace.store import FileInfo, Workspace

Extractor = Callable[[Iterable[Document], Any], Iterable[Measure]]
Result = tuple[Document, list[Measure]] | ReadFailure


@dataclass
class RunSummary:
    """What one `run` did, and what the workspace holds afterwards."""

    db: str
    run_id: int = 0
    taxonomy_version: str = ""
    files: int = 0  # input files seen
    processed: int = 0  # new or changed files read and coded
    skipped: int = 0  # unchanged files, not read
    recoded: int = 0  # stored documents re-coded for a new taxonomy
    removed: int = 0  # files gone from their folder: rows removed
    failed: int = 0
    new_measures: int = 0
    documents: int = 0  # totals in the workspace after the run
    measures: int = 0
    regions: int = 0
    failures: list[ReadFailure] = field(default_factory=list)

    def to_record(self) -> dict:
        rec = {k: v for k, v in vars(self).items() if k != "failures"}
        rec["failures"] = [f.to_record() for f in self.failures]
        return rec

    def lines(self) -> list[str]:
        """The short report `eduminer run` prints."""
        return [
            f"Files: {self.files} seen, {self.processed} read, {self.skipped} unchanged, "
            f"{self.recoded} re-coded, {self.removed} removed, {self.failed} failed.",
            f"Workspace {self.db}: {self.documents} documents, {self.measures} measures, "
            f"{self.regions} regions.",
            f"Next: eduminer search QUERY --db {self.db}; "
            f"eduminer export --db {self.db} --format xlsx -o measures.xlsx",
        ]


def file_sha256(path: str | os.PathLike) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _sha256_or_none(path: str) -> str | None:
    try:
        return file_sha256(path)
    except OSError:  # unreadable now: let process_file report it
        return None


def default_extractor() -> Extractor:
    from eduminer.extract import measures

    return measures


def load_taxonomy(taxonomy: Any = None):
    """A Taxonomy object from a path, an object, or None (the shipped default)."""
    if taxonomy is not None and hasattr(taxonomy, "version"):
        return taxonomy
    from eduminer.taxonomy import load_taxonomy as _load

    return _load(taxonomy)


def read_file(path: str | os.PathLike, root: str | os.PathLike | None = None) -> Document | ReadFailure:
    """Read one file into a Document, or a ReadFailure saying why it could not be read
    (never an exception, except for a broken eduminer data file)."""
    from eduminer.corpus import read

    return _guarded(path, lambda: read(path, root=root))


def process_file(path: str | os.PathLike, root: str | os.PathLike | None, taxonomy: Any,
                 extractor: Extractor | None = None, cpu: dict[str, float] | None = None) -> Result:
    """Read and code one file: (Document, measures), or a ReadFailure. No database access,
    so it can run in a worker process. ``cpu``: CPU seconds of this process spent
    reading and extracting are added to its "read" and "extract" entries."""
    c0 = time.process_time()
    doc = read_file(path, root)
    c1 = time.process_time()
    if cpu is not None:
        cpu["read"] = cpu.get("read", 0.0) + c1 - c0
    if isinstance(doc, ReadFailure):
        return doc
    found = _guarded(path, lambda: list((extractor or default_extractor())([doc], taxonomy)))
    if cpu is not None:
        cpu["extract"] = cpu.get("extract", 0.0) + time.process_time() - c1
    return found if isinstance(found, ReadFailure) else (doc, found)


def _guarded(path, work: Callable[[], Any]) -> Any:
    """``work()``, or the ReadFailure of ``path`` when it raises (bad input must not stop a batch)."""
    try:
        return work()
    except InputError as e:
        return ReadFailure(str(path), str(e), e.code or "")
    except EduminerError:  # a bad taxonomy or data file is not this document's fault: stop
        raise
    except Exception as e:  # noqa: BLE001 -- one unreadable file must not stop the batch
        reason = f"{type(e).__name__}: {e}"
        return ReadFailure(str(path), str(InputError(Errors.E001, path=str(path), reason=reason)), "E001")


def run(paths: Iterable[str | os.PathLike], db: str | os.PathLike = "eduminer.db", taxonomy: Any = None,
        extractor: Extractor | None = None,
        mapper: Callable[[Callable[..., Result], Iterable[Any]], Iterable[Result]] | None = None,
        on_result: Callable[[FileInfo, Result | None], None] | None = None) -> RunSummary:
    """Read, extract and store ``paths`` (files or folders) in the workspace ``db``.

    ``mapper`` (default: built-in ``map``) maps ``process_file`` over the files to
    read: pass ``Pool.imap`` or an executor's ``map`` to read in parallel.
    ``on_result(file_info, result)`` is called after each file is stored
    (``result`` None for a skipped file), e.g. to drive a progress bar.

    >>> summary = run(["examples/seeds"], db="/tmp/doctest.db")   # doctest: +SKIP
    >>> summary.documents                                          # doctest: +SKIP
    5
    """
    paths = list(paths)
    tax = load_taxonomy(taxonomy)
    version = getattr(tax, "version", "") or ""
    extractor = extractor or default_extractor()
    summary = RunSummary(db=str(db), taxonomy_version=version)
    with Workspace(db, create=True) as ws:
        manifest = {"paths": [str(Path(p).resolve()) for p in paths], "taxonomy_version": version,
                    "taxonomy": getattr(tax, "path", "") or ""}
        summary.run_id = ws.start_run(manifest)
        ws.defer_read_indexes()
        status = "interrupted"
        try:
            todo = list(plan_files(ws, paths, version, summary, on_result))
            work = functools.partial(_process_planned, taxonomy=tax, extractor=extractor)
            for info, result in (mapper or map)(work, todo):
                _store(ws, info, result, version, summary)
                if on_result:
                    on_result(info, result)
            for doc_id in ws.stale_documents(version):
                doc = ws.load_document(doc_id)
                ws.replace_measures(doc_id, extractor([doc], tax), version)
                summary.recoded += 1
            status = "done"
        finally:
            ws.build_read_indexes()
            summary.documents, summary.measures, summary.regions = (
                ws.counts()[k] for k in ("documents", "measures", "regions"))
            ws.finish_run(summary.run_id, {**manifest, **summary.to_record()}, status)
    return summary


def _process_planned(item: tuple[FileInfo, Path, Path | None], taxonomy: Any,
                     extractor: Extractor) -> tuple[FileInfo, Result]:
    info, path, root = item
    return info, process_file(path, root, taxonomy, extractor)


def plan_files(ws: Workspace, paths: list, version: str, summary: RunSummary,
               on_result, files: Iterable[tuple[Path, Path | None]] | None = None,
               ) -> Iterator[tuple[FileInfo, Path, Path | None]]:
    """The re-run policy, shared by every engine: yield the files to read, skip unchanged
    ones (counted in ``summary``), remove the rows of files gone from their folder.
    ``files``: ``iter_files(paths)``, if the caller has listed them already."""
    seen_by_root: dict[str, set[str]] = {}
    for path, root in iter_files(paths) if files is None else files:
        summary.files += 1
        try:
            info = FileInfo.walked(path, root)
        except OSError:
            failure = ReadFailure(str(path), str(InputError(Errors.E002, path=str(path))), "E002")
            summary.failed += 1
            summary.failures.append(failure)
            continue
        seen_by_root.setdefault(info.root, set()).add(info.path)
        state = ws.file_state(info.path)
        if state is not None and state["status"] == "ok":
            unchanged = state["size"] == info.size and state["mtime"] == info.mtime
            if not unchanged and state["size"] == info.size and state["sha256"] == _sha256_or_none(info.path):
                ws.touch_file(info)  # same bytes, new mtime (a copy, a touch)
                unchanged = True
            if unchanged:
                summary.skipped += 1
                if on_result:
                    on_result(info, None)
                continue
        yield info, path, root
    for root, seen in seen_by_root.items():
        if not root:
            continue
        for stored in ws.files_under(root):
            if stored not in seen:
                ws.remove_file(stored)
                summary.removed += 1


def _store(ws: Workspace, info: FileInfo, result: Result, version: str, summary: RunSummary) -> None:
    if isinstance(result, ReadFailure):
        ws.record_failure(result, info, summary.run_id)
        summary.failed += 1
        summary.failures.append(result)
        return
    doc, found = result
    summary.new_measures += ws.add_document(doc, found, info, version, summary.run_id)
    summary.processed += 1
