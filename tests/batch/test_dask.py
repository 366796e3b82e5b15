"""The Dask engine on a real LocalCluster (2 worker processes), and Parquet output."""

from __future__ import annotations

import sys

import pytest

from eduminer.batch import run
from eduminer.errors import BatchError
from tests.batch.conftest import measures_table

distributed = pytest.importorskip("dask.distributed")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                  dashboard_address=":0") as local:
        yield local


def test_dask_engine_stores_the_same_measures_as_the_local_engine(tmp_path, cluster, small_corpus, reference_db):
    db = tmp_path / "dask.db"
    summary = run([small_corpus], db=db, engine="dask", scheduler=cluster.scheduler_address, quiet=True,
                  out_parquet=tmp_path / "out")
    assert summary.engine == "dask" and summary.files == 30
    assert measures_table(db) == measures_table(reference_db)
    assert summary.parquet_partitions >= 2  # documents really were partitioned


def test_parquet_holds_every_measure_and_document(tmp_path, cluster, small_corpus, reference_db):
    out = tmp_path / "out"
    summary = run([small_corpus], db=tmp_path / "w.db", engine="dask", scheduler=cluster.scheduler_address,
                  quiet=True, out_parquet=out)
    measures = pq.read_table(out / "measures").to_pylist()
    documents = pq.read_table(out / "documents").to_pylist()
    stored = {row[0]: row for row in measures_table(reference_db)}
    assert sorted(m["id"] for m in measures) == sorted(stored)
    for m in measures:  # same fields as the database rows
        row = stored[m["id"]]
        assert (m["doc"], m["sentence"], m["category"], m["stage"], m["region"], m["text"]) == (
            row[1], row[2], row[3], row[6], row[7], row[9])
        assert all(set(q) == {"text", "value", "value_max", "unit", "normalized"} for q in m["quantities"])
    assert len(documents) == summary.documents == len({d["doc"] for d in documents})
    assert not list(out.rglob("*.tmp"))


def test_local_engine_writes_parquet_too(tmp_path, small_corpus, reference_db):
    out = tmp_path / "out"
    run([small_corpus], db=tmp_path / "w.db", workers=2, quiet=True, out_parquet=out)
    ids = sorted(pq.read_table(out / "measures", columns=["id"]).column("id").to_pylist())
    assert ids == [row[0] for row in measures_table(reference_db)]


def test_unreachable_scheduler_is_a_clear_error(tmp_path, small_corpus):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(BatchError, match=r"\[E604\] cannot reach the Dask scheduler at 'tcp://127.0.0.1:1'"):
        run([small_corpus], db=tmp_path / "w.db", engine="dask", scheduler="tcp://127.0.0.1:1", quiet=True)


def test_missing_dask_says_how_to_install_it(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)  # what an install without the extra looks like
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(BatchError, match=r"\[E601\] .*pip install 'eduminer\[dask\]'"):
        run([small_corpus], db=tmp_path / "w.db", engine="dask", quiet=True)
    assert not (tmp_path / "w.db").exists()
