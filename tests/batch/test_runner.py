"""eduminer.batch.run with real files, real worker processes and real SQLite."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from eduminer.batch import run
from eduminer.batch.runner import chunk_size_for, chunked
from eduminer.errors import BatchError
from tests.batch.conftest import measures_table
from tests.conftest import SEEDS as SEEDS_DIR


def test_two_workers_store_the_same_measures_as_one(tmp_path, small_corpus, reference_db):
    summary = run([small_corpus], db=tmp_path / "two.db", workers=2, quiet=True)
    assert summary.files == 30
    assert summary.processed + summary.failed == 30
    assert summary.workers == 2 and summary.engine == "local"
    reference = measures_table(reference_db)
    assert reference, "the generated corpus must yield measures"
    assert measures_table(tmp_path / "two.db") == reference


def test_rerun_skips_unchanged_files_and_rereads_changed_ones(tmp_path, small_corpus):
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    db = tmp_path / "w.db"
    first = run([corpus], db=db, workers=2, quiet=True)
    again = run([corpus], db=db, workers=2, quiet=True)
    assert (again.processed, again.skipped) == (0, first.processed)
    victim = sorted(corpus.rglob("*_txt.txt"))[0]
    victim.write_text("关于推进学区制改革的通知\n\n全县推行学区制管理,设立5个学区,推动教师交流轮岗。\n",
                      encoding="utf-8")
    third = run([corpus], db=db, workers=2, quiet=True)
    assert (third.processed, third.skipped) == (1, first.processed - 1)
    assert third.documents == first.documents


def test_bad_files_are_counted_listed_and_do_not_stop_the_batch(tmp_path, small_corpus):
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "junk.txt").write_bytes(bytes(range(256)) * 40)
    good_docx = next(corpus.rglob("*.docx")).read_bytes()
    (corpus / "broken.docx").write_bytes(good_docx[: len(good_docx) // 2])
    db = tmp_path / "w.db"
    summary = run([corpus], db=db, workers=2, quiet=True)
    failed = {f.path.rsplit("/", 1)[-1]: f for f in summary.failures}
    assert set(failed) == {"empty.txt", "junk.txt", "broken.docx"}
    assert summary.failed == 3 and summary.processed == 30
    assert all(f.code and f.path in f.reason for f in failed.values())
    assert summary.lines()[0].endswith(", 3 failed.")
    manifest = json.loads((tmp_path / "w.db.manifest.json").read_text(encoding="utf-8"))
    assert {f["path"].rsplit("/", 1)[-1] for f in manifest["failures"]} == set(failed)
    assert manifest["counts"]["failed"] == 3 and manifest["counts"]["processed"] == 30
    statuses = {i["path"].rsplit("/", 1)[-1]: i["status"] for i in manifest["inputs"]}
    assert statuses["junk.txt"] == "failed" and list(statuses.values()).count("ok") == 30
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])  # failed files are hashed too


def test_manifest_is_in_the_runs_table_and_beside_the_db(tmp_path, small_corpus):
    db = tmp_path / "w.db"
    summary = run([small_corpus], db=db, workers=2, quiet=True, manifest=tmp_path / "m.json")
    on_disk = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    con = sqlite3.connect(db)
    status, stored = con.execute("SELECT status, manifest FROM runs WHERE id=?", (summary.run_id,)).fetchone()
    con.close()
    assert status == "done" and json.loads(stored) == on_disk
    assert on_disk["engine"] == "local" and on_disk["workers"] == 2
    assert on_disk["taxonomy"]["version"] == summary.taxonomy_version != ""
    assert on_disk["versions"]["eduminer"] and on_disk["versions"]["python"]
    assert any(k.startswith("eduminer.taxonomy/data/") for k in on_disk["data_files"])
    assert len(on_disk["inputs"]) == 30 and all(len(i["sha256"]) == 64 for i in on_disk["inputs"])
    assert on_disk["timings"]["seconds"] > 0 and on_disk["counts"]["documents"] == summary.documents
    # CPU seconds by stage, the workers' included
    by_stage = on_disk["timings"]["cpu_seconds_by_stage"]
    assert {"read", "extract", "prepare", "store"} <= set(by_stage) and all(v >= 0 for v in by_stage.values())
    assert by_stage["extract"] > 0 and by_stage["store"] > 0
    # same inputs, same digest
    again = run([small_corpus], db=tmp_path / "other.db", workers=1, quiet=True)
    other = json.loads((tmp_path / "other.db.manifest.json").read_text(encoding="utf-8"))
    assert again.processed == 30 and other["inputs_digest"] == on_disk["inputs_digest"]


def test_a_killed_run_is_marked_interrupted_by_the_next(tmp_path, small_corpus):
    db = tmp_path / "w.db"
    run([small_corpus], db=db, workers=1, quiet=True)
    con = sqlite3.connect(db)
    con.execute("UPDATE runs SET status='running', finished_at=NULL")  # what kill -9 leaves behind
    con.commit()
    run([small_corpus], db=db, workers=1, quiet=True)
    assert con.execute("SELECT status FROM runs ORDER BY id").fetchall() == [("interrupted",), ("done",)]
    con.close()


def test_workers_must_be_positive_and_engine_known(tmp_path, small_corpus):
    with pytest.raises(BatchError, match=r"\[E603\] --workers must be at least 1; got 0"):
        run([small_corpus], db=tmp_path / "w.db", workers=0)
    with pytest.raises(BatchError, match=r"\[E602\] unknown engine 'spark'; choose from local, dask"):
        run([small_corpus], db=tmp_path / "w.db", engine="spark")
    assert not (tmp_path / "w.db").exists()


def test_chunks_keep_every_worker_busy_and_stay_small():
    assert [len(c) for c in chunked(range(7), 3)] == [3, 3, 1]
    assert chunk_size_for(10, 2, "local") == 1
    assert chunk_size_for(100_000, 2, "local") == 16
    assert chunk_size_for(100_000, 2, "dask") == 64


def test_several_chunks_per_transaction_store_the_same_as_one_per_chunk(tmp_path, small_corpus, monkeypatch,
                                                                         reference_db):
    """The writer groups chunks into one transaction (WRITE_BATCH documents); with chunks of
    1 file and transactions of 1 or of many documents, the stored measures are the same."""
    from eduminer.batch import runner
    from tests.batch.conftest import measures_table

    many = tmp_path / "many.db"
    run([small_corpus], db=many, workers=1, quiet=True, chunk_size=1)
    monkeypatch.setattr(runner, "WRITE_BATCH", 1)
    each = tmp_path / "each.db"
    run([small_corpus], db=each, workers=1, quiet=True, chunk_size=1)
    assert measures_table(many) == measures_table(each) == measures_table(reference_db)


def test_a_run_leaves_the_query_caches_built_for_the_first_search(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("EDUMINER_CACHE_DIR", str(cache))
    run([str(SEEDS_DIR / "001_a4df0bc1ffe384af.txt")], db=tmp_path / "w.db", workers=1, quiet=True)
    names = sorted(p.name for p in cache.iterdir())
    assert any(n.startswith("jieba-dict-") and n.endswith(".sqlite") for n in names), names
    assert len(names) >= 2, names  # and the taxonomy's cue index


def test_transactions_start_small_and_grow(tmp_path, small_corpus, monkeypatch, reference_db):
    """The first documents are committed soon (FIRST_WRITE_BATCH), later transactions are
    larger (doubling up to WRITE_BATCH); the stored measures are the same as ever."""
    from eduminer.batch import runner
    from eduminer.workspace.store import Workspace

    sizes = []
    add_prepared = Workspace.add_prepared

    def counting(self, documents, failures=(), *args):
        documents, failures = list(documents), list(failures)
        sizes.append(len(documents) + len(failures))
        return add_prepared(self, documents, failures, *args)

    monkeypatch.setattr(Workspace, "add_prepared", counting)
    monkeypatch.setattr(runner, "FIRST_WRITE_BATCH", 2)
    monkeypatch.setattr(runner, "WRITE_BATCH", 8)
    monkeypatch.setattr(runner, "WRITE_SECONDS", 3600)
    db = tmp_path / "w.db"
    run([small_corpus], db=db, workers=1, quiet=True, chunk_size=1)
    assert sizes == [2, 4, 8, 8, 8]  # 30 files
    assert measures_table(db) == measures_table(reference_db)


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tmp_path, small_corpus):
    import gc

    frozen = gc.get_freeze_count()
    run([small_corpus], db=tmp_path / "w.db", workers=1, quiet=True)
    assert gc.get_freeze_count() == frozen and gc.isenabled()
