"""Engines: results complete out of order, but all arrive; chunks in flight are bounded."""

from __future__ import annotations

import os

import pytest

from eduminer.batch.engines import IN_FLIGHT_PER_WORKER, local_engine, open_engine
from eduminer.errors import BatchError


def square_with_pid(chunk, factor):
    return [(x * x * factor, os.getpid()) for x in chunk]


def test_local_engine_in_process_and_in_two_processes_agree():
    chunks = [[1, 2], [3], [4, 5, 6]]
    here = list(local_engine(square_with_pid, iter(chunks), 10, workers=1))
    assert here == [[(10, os.getpid()), (40, os.getpid())], [(90, os.getpid())],
                    [(160, os.getpid()), (250, os.getpid()), (360, os.getpid())]]
    pooled = list(local_engine(square_with_pid, iter(chunks), 10, workers=2))
    assert sorted(v for chunk in pooled for v, _ in chunk) == [10, 40, 90, 160, 250, 360]
    assert os.getpid() not in {pid for chunk in pooled for _, pid in chunk}


def test_local_engine_never_pulls_more_than_its_bound_ahead():
    pulled = []

    def chunks():
        for i in range(50):
            pulled.append(i)
            yield [i]

    results = local_engine(square_with_pid, chunks(), 1, workers=2)
    next(results)
    # the first result comes back while at most 2 x workers chunks were handed out
    assert len(pulled) <= 2 * IN_FLIGHT_PER_WORKER + 1
    assert len(list(results)) == 49 and len(pulled) == 50


def test_unknown_engine_names_the_choices():
    with pytest.raises(BatchError, match=r"\[E602\] unknown engine 'ray'; choose from local, dask\."):
        open_engine("ray")


def test_cached_extractor_codes_like_extract_measures(seeds_dir):
    from eduminer.batch.work import default_measures
    from eduminer.corpus import read
    from eduminer.extract import measures

    doc = read(seeds_dir / "001_a4df0bc1ffe384af.txt", root=seeds_dir)
    expected = list(measures([doc]))
    assert expected
    assert list(default_measures([doc])) == expected
    assert list(default_measures([doc])) == expected  # second call: cached extractor, same result
