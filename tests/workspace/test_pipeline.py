"""`run`: incremental re-runs, re-coding, interruptions, failures."""

import os
import sqlite3

import pytest

from eduminer.workspace import process_file, run, search
from eduminer.workspace.store import open_workspace
from tests.workspace.conftest import keyword_extractor, taxonomy

TEXTS = {
    "a.txt": "港北区推行学区制管理。全区开展教师交流轮岗。",
    "b.txt": "南岸区推进县管校聘管理改革。组建教育集团。",
    "sub/c.txt": "宁河区组建教育集团。集团内教师交流轮岗。",
}


class CountingExtractor:
    """keyword_extractor, remembering which documents it coded (and how they were read)."""

    def __init__(self, fail_on: str | None = None, interrupt_on: str | None = None):
        self.coded: list[str] = []
        self.fail_on, self.interrupt_on = fail_on, interrupt_on

    def __call__(self, documents, taxonomy=None):
        for doc in documents:
            if doc.doc == self.interrupt_on:
                raise KeyboardInterrupt  # like Ctrl-C in the middle of a batch
            if doc.doc == self.fail_on:
                raise RuntimeError("extractor bug")
            self.coded.append(doc.doc)
            yield from keyword_extractor([doc], taxonomy)


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "docs"
    for name, text in TEXTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _run(corpus, db, extractor=None, version="v1", **cues):
    return run([corpus], db=db, taxonomy=taxonomy(version, **cues), extractor=extractor or CountingExtractor())


def test_first_run_stores_documents_and_measures(corpus, tmp_path):
    db = tmp_path / "w.db"
    summary = _run(corpus, db)
    assert (summary.files, summary.processed, summary.skipped, summary.failed) == (3, 3, 0, 0)
    assert (summary.documents, summary.measures) == (3, 7)
    with open_workspace(db) as ws:
        docs = [r[0] for r in ws.conn.execute("SELECT doc FROM documents ORDER BY doc")]
        assert docs == ["a.txt", "b.txt", os.path.join("sub", "c.txt")]
        versions = {r[0] for r in ws.conn.execute("SELECT taxonomy_version FROM measures")}
        assert versions == {"v1"}
        run_row = ws.conn.execute("SELECT status, manifest FROM runs").fetchone()
        assert run_row["status"] == "done" and '"processed": 3' in run_row["manifest"]


def test_unchanged_files_are_skipped_without_extraction(corpus, tmp_path):
    db = tmp_path / "w.db"
    _run(corpus, db)
    extractor = CountingExtractor()
    summary = _run(corpus, db, extractor)
    assert (summary.processed, summary.skipped, summary.recoded) == (0, 3, 0)
    assert extractor.coded == []
    # touched but identical bytes: still skipped (hash compared after size/mtime differ)
    os.utime(corpus / "a.txt", (1_000_000, 1_000_000))
    summary = _run(corpus, db, extractor)
    assert (summary.processed, summary.skipped) == (0, 3)
    assert extractor.coded == []


def test_changed_file_is_reprocessed_and_old_rows_replaced(corpus, tmp_path):
    db = tmp_path / "w.db"
    _run(corpus, db)
    (corpus / "a.txt").write_text("港北区撤销学区,改为集团化办学。", encoding="utf-8")
    extractor = CountingExtractor()
    summary = _run(corpus, db, extractor)
    assert (summary.processed, summary.skipped) == (1, 2)
    assert extractor.coded == ["a.txt"]
    with open_workspace(db) as ws:
        rows = ws.conn.execute("SELECT category, text FROM measures WHERE doc='a.txt' ORDER BY category").fetchall()
    assert [tuple(r) for r in rows] == [
        ("model.group_schooling", "港北区撤销学区,改为集团化办学。"),
        ("model.school_district", "港北区撤销学区,改为集团化办学。"),
    ]
    assert "a.txt" not in {r["doc"] for r in search("轮岗", db=db, k=50)}


def test_deleted_file_is_removed_from_the_workspace(corpus, tmp_path):
    db = tmp_path / "w.db"
    _run(corpus, db)
    (corpus / "b.txt").unlink()
    summary = _run(corpus, db)
    assert (summary.removed, summary.documents) == (1, 2)
    with open_workspace(db) as ws:
        assert ws.conn.execute("SELECT count(*) FROM measures WHERE doc='b.txt'").fetchone()[0] == 0
        assert ws.conn.execute("SELECT count(*) FROM files").fetchone()[0] == 2


def test_changed_taxonomy_recodes_stored_text_without_reading_files(corpus, tmp_path):
    db = tmp_path / "w.db"
    _run(corpus, db)
    for name in TEXTS:  # mtime moves, bytes do not: hashed, not re-read
        os.utime(corpus / name, (2_000_000, 2_000_000))
    extractor = CountingExtractor()
    summary = _run(corpus, db, extractor, version="v2", 管理=("model.management|管理体制"))
    assert (summary.processed, summary.recoded) == (0, 3)
    assert sorted(extractor.coded) == sorted(["a.txt", "b.txt", os.path.join("sub", "c.txt")])
    with open_workspace(db) as ws:
        assert {r[0] for r in ws.conn.execute("SELECT taxonomy_version FROM measures")} == {"v2"}
        assert {r[0] for r in ws.conn.execute("SELECT taxonomy_version FROM documents")} == {"v2"}
        managed = ws.conn.execute("SELECT doc FROM measures WHERE category='model.management' ORDER BY doc")
        assert [r[0] for r in managed] == ["a.txt", "b.txt"]


def test_interrupted_run_leaves_a_consistent_db_and_rerun_completes(corpus, tmp_path):
    db = tmp_path / "w.db"
    with pytest.raises(KeyboardInterrupt):
        _run(corpus, db, CountingExtractor(interrupt_on="b.txt"))
    with open_workspace(db) as ws:
        assert [r[0] for r in ws.conn.execute("SELECT doc FROM documents")] == ["a.txt"]
        assert ws.conn.execute("SELECT count(*) FROM measures WHERE doc='a.txt'").fetchone()[0] == 2
        assert ws.conn.execute("SELECT count(*) FROM sentences WHERE doc='b.txt'").fetchone()[0] == 0
        assert ws.conn.execute("SELECT status FROM runs").fetchone()[0] == "interrupted"
    extractor = CountingExtractor()
    summary = _run(corpus, db, extractor)
    assert (summary.processed, summary.skipped, summary.documents, summary.measures) == (2, 1, 3, 7)
    assert "a.txt" not in extractor.coded


def test_bad_files_are_reported_and_the_batch_goes_on(corpus, tmp_path):
    db = tmp_path / "w.db"
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8 not utf-8 \x80\x81")
    summary = _run(corpus, db, CountingExtractor(fail_on="b.txt"))
    assert (summary.processed, summary.failed, summary.documents) == (2, 2, 2)
    assert sorted(os.path.basename(f.path) for f in summary.failures) == ["b.txt", "broken.txt"]
    assert all(f.code for f in summary.failures)
    with open_workspace(db) as ws:
        failed = ws.conn.execute("SELECT path, error FROM files WHERE status='failed' ORDER BY path").fetchall()
    assert [os.path.basename(r[0]) for r in failed] == ["b.txt", "broken.txt"]
    assert "extractor bug" in failed[0][1]


def test_missing_input_path_is_a_failure_not_a_crash(tmp_path):
    summary = run([tmp_path / "nowhere.txt"], db=tmp_path / "w.db", taxonomy=taxonomy(),
                  extractor=keyword_extractor)
    assert summary.failed == 1 and summary.failures[0].code == "E002"


def test_process_file_is_pure_and_returns_a_failure_for_bad_input(corpus):
    doc, measures = process_file(corpus / "a.txt", corpus, taxonomy(), keyword_extractor)
    assert doc.doc == "a.txt" and [m.category for m in measures] == [
        "model.school_district", "personnel.teacher_rotation"]
    failure = process_file(corpus / "none.txt", corpus, taxonomy(), keyword_extractor)
    assert failure.code == "E002"


def test_run_refuses_a_foreign_database(corpus, tmp_path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    from eduminer.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="E201"):
        _run(corpus, db)
