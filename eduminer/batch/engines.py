"""Engines map a chunk function over a stream of chunks and yield the results as
they complete (not in input order), with a bounded number of chunks in flight,
so memory stays flat however long the stream is.

- ``local``: this process (``workers=1``) or a ``ProcessPoolExecutor``;
- ``dask``: a Dask distributed cluster (``scheduler`` address, or a LocalCluster).

An engine is a context manager whose ``map(fn, chunks, taxonomy)`` calls
``fn(chunk, taxonomy)`` for every chunk; it is started before the run touches
the database, so a missing package or an unreachable scheduler changes nothing.

>>> list(local_engine(lambda chunk, tax: [x * 2 for x in chunk], iter([[1, 2], [3]]), None, workers=1))
[[2, 4], [6]]
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from eduminer.batch.work import ignore_interrupts
from eduminer.errors import BatchError, Errors

ChunkFn = Callable[[list, Any], list]
IN_FLIGHT_PER_WORKER = 2  # one chunk running, one queued: workers never wait for the parent


def _pool_context():
    # fork starts workers in milliseconds and shares the already-imported modules and
    # cached dictionaries copy-on-write; elsewhere use the platform default
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class LocalEngine:
    """This process (``workers=1``) or a pool of ``workers`` processes, kept for the whole run."""

    name = "local"

    def __init__(self, workers: int = 1, scheduler: Any = None):
        self.workers = workers
        self._pool = None
        self._frozen = False

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            # on Ctrl-C or an error: drop queued chunks, let running ones end (they are short)
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _freeze(self) -> None:
        # What the warm-up loaded (dictionaries, taxonomy, gazetteer, models: large containers)
        # lives for the whole run. Frozen, the garbage collector's full passes no longer walk
        # it again and again (measured: 8% of a one-worker run's CPU), and forked workers
        # inherit that (and copy fewer pages). Undone by close().
        gc.freeze()
        self._frozen = True

    def map(self, fn: ChunkFn, chunks: Iterable[list], taxonomy: Any,
            warm: Callable[[Any], None] | None = None) -> Iterator[list]:
        """``fn(chunk, taxonomy)`` for every chunk, yielded as each completes.
        ``warm(taxonomy)`` runs here once before the first chunk (forked workers inherit what it loads)."""
        chunks = iter(chunks)
        first = next(chunks, None)
        if first is None:  # nothing to do: no pool, no warm-up
            return
        chunks = itertools.chain([first], chunks)
        if self.workers <= 1:
            if warm is not None and not self._frozen:
                warm(taxonomy)
                self._freeze()
            for chunk in chunks:
                yield fn(chunk, taxonomy)
            return
        if self._pool is None:
            if warm is not None and _pool_context().get_start_method() == "fork":
                warm(taxonomy)
                self._freeze()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=_pool_context(),
                                             initializer=ignore_interrupts)
        pending: set = set()
        try:
            for chunk in chunks:
                pending.add(self._pool.submit(fn, chunk, taxonomy))
                if len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        except BrokenProcessPool as e:
            raise BatchError(Errors.E607, reason=str(e) or "killed") from None
        finally:
            for future in pending:
                future.cancel()


def local_engine(fn: ChunkFn, chunks: Iterable[list], taxonomy: Any, workers: int = 1) -> Iterator[list]:
    """One-shot form of :class:`LocalEngine`."""
    with LocalEngine(workers) as engine:
        yield from engine.map(fn, chunks, taxonomy)


def _dask():
    try:
        import pyarrow  # noqa: F401  (the Parquet output needs it; fail before the cluster starts)
        from dask import distributed
    except ImportError as e:
        raise BatchError(Errors.E601, reason=str(e)) from None
    return distributed


class DaskEngine:
    """A Dask cluster: the one at ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``), or a LocalCluster of ``workers`` processes.
    Results stream back as they complete; the workers must see the input files
    at the same paths (a shared or network file system)."""

    name = "dask"

    def __init__(self, workers: int = 1, scheduler: Any = None):
        distributed = _dask()
        self._distributed = distributed
        self._cluster = None
        if scheduler:
            try:
                # timeout: dask config distributed.comm.timeouts.connect (30 s unless set)
                self.client = distributed.Client(scheduler)
            except (OSError, TimeoutError) as e:
                raise BatchError(Errors.E604, address=str(scheduler), reason=str(e) or type(e).__name__) from None
        else:
            self._cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                     dashboard_address=":0")  # any free port
            self.client = distributed.Client(self._cluster)
        self.workers = max(1, sum(self.client.nthreads().values()))

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def map(self, fn: ChunkFn, chunks: Iterable[list], taxonomy: Any,
            warm: Callable[[Any], None] | None = None) -> Iterator[list]:
        # the taxonomy goes to every worker once, not with every chunk
        shared = self.client.scatter(taxonomy, broadcast=True) if taxonomy is not None else None
        running = self._distributed.as_completed()
        try:
            for chunk in chunks:
                running.add(self.client.submit(fn, chunk, shared, pure=False))
                while running.count() >= self.workers * IN_FLIGHT_PER_WORKER:
                    future = next(running)
                    yield future.result()
                    future.release()
            for future in running:
                yield future.result()
                future.release()
        finally:
            for future in list(running.futures):
                future.cancel()


ENGINES = {"local": LocalEngine, "dask": DaskEngine}


def open_engine(name: str, workers: int = 1, scheduler: Any = None):
    """Start the engine called ``name`` (a context manager with ``map`` and ``close``)."""
    try:
        engine = ENGINES[name]
    except KeyError:
        raise BatchError(Errors.E602, engine=name, choices=", ".join(ENGINES)) from None
    return engine(workers, scheduler)
