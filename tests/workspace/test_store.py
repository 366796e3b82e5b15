"""The SQLite store: schema versioning, bad files, one transaction per document, WAL reads."""

import sqlite3
import threading

import pytest

from eduminer.errors import WorkspaceError
from eduminer.workspace import search, store
from eduminer.workspace.store import FileInfo, Workspace, open_workspace, pack_offsets, unpack_offsets
from tests.workspace.conftest import CORPUS, keyword_extractor, make_document


def test_new_workspace_is_versioned_and_marked(tmp_path):
    path = tmp_path / "w.db"
    with Workspace(path, create=True) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert ws.meta("application") == "eduminer"
        assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with open_workspace(path) as ws:
        assert ws.counts() == {"documents": 0, "measures": 0, "regions": 0, "failures": 0}


def test_missing_database_says_how_to_create_it(tmp_path):
    with pytest.raises(WorkspaceError, match=r"\[E203\] .*nope.db: no such database. Create it with"):
        open_workspace(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def test_not_sqlite_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes", encoding="utf-8")
    with pytest.raises(WorkspaceError, match=r"\[E201\] .*not an SQLite file"):
        Workspace(path, create=True)
    assert path.read_text(encoding="utf-8") == "just some notes"


def test_someone_elses_sqlite_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(WorkspaceError, match=r"\[E201\] .*other tables: customers"):
        Workspace(path, create=True)


def test_empty_file_is_not_a_workspace_for_reading(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(WorkspaceError, match=r"\[E201\] .*empty database"):
        open_workspace(path)


def test_newer_schema_is_refused_and_never_touched(tmp_path):
    path = tmp_path / "w.db"
    Workspace(path, create=True).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match=r"\[E202\] .*schema version 2 is newer .*\(1\)\. Upgrade eduminer"):
        Workspace(path, create=True)
    assert path.read_bytes() == before


def test_migrations_are_applied_in_order(tmp_path, monkeypatch):
    path = tmp_path / "w.db"
    Workspace(path, create=True).close()

    def add_notes_column(conn):
        conn.execute("ALTER TABLE measures ADD COLUMN reviewer_note TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS + [add_notes_column])
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    with open_workspace(path) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert ws.meta("schema_version") == "2"
        columns = [r[1] for r in ws.conn.execute("PRAGMA table_info(measures)")]
        assert "reviewer_note" in columns


def test_add_document_replaces_old_rows(tmp_path):
    path = tmp_path / "w.db"
    with Workspace(path, create=True) as ws:
        doc = make_document("a.txt", "重庆市/南岸区", ["推进学区制。", "教师交流轮岗。", "集团化办学。"])
        assert ws.add_document(doc, keyword_extractor([doc]), FileInfo("/corpus/a.txt"), "v1") == 3
        shorter = make_document("a.txt", "重庆市/南岸区", ["教师交流轮岗。"])
        assert ws.add_document(shorter, keyword_extractor([shorter]), FileInfo("/corpus/a.txt"), "v1") == 1
        q = ws.conn.execute
        assert q("SELECT count(*) FROM sentences").fetchone()[0] == 1
        assert q("SELECT count(*) FROM sentence_fts").fetchone()[0] == 1
        assert [r[0] for r in q("SELECT category FROM measures")] == ["personnel.teacher_rotation"]


def test_stored_document_round_trips(tmp_path):
    doc = make_document("a.txt", "重庆市/南岸区", ["推進學區制。", "教师交流轮岗。"])
    # a normalized text shorter than the original: offsets are not the identity
    doc = type(doc)(**{**doc.__dict__, "original": "推進學區制。。教师交流轮岗。",
                       "offsets": tuple(range(6)) + tuple(range(7, 15))})
    with Workspace(tmp_path / "w.db", create=True) as ws:
        ws.add_document(doc, [], FileInfo("/corpus/a.txt"), "v1")
        assert ws.load_document("a.txt") == doc


def test_offsets_blob_is_compact_and_exact():
    text = "学" * 1000
    assert pack_offsets(text, tuple(range(1001))) is None
    shifted = tuple(i * 2 for i in range(1001))
    blob = pack_offsets(text, shifted)
    assert len(blob) < 1000 and unpack_offsets(blob, text) == shifted


def test_reader_searches_while_writer_holds_a_transaction(filled_db):
    writer = Workspace(filled_db)
    doc = make_document("e.txt", "上海市/普陀区", ["普陀区推进教师交流轮岗。"])
    results, errors = [], []
    with writer.transaction():
        writer.conn.execute("DELETE FROM measures WHERE doc='a.txt'")  # uncommitted

        def read():
            try:
                results.extend(search("教师交流轮岗", db=filled_db, k=50))
            except Exception as e:  # noqa: BLE001
                errors.append(e)

        reader = threading.Thread(target=read)
        reader.start()
        reader.join(timeout=20)
    assert not errors
    # the reader saw the last committed state: a.txt's rotation measure is still there
    assert "a.txt" in {r["doc"] for r in results}
    writer.add_document(doc, keyword_extractor([doc]), FileInfo("/corpus/e.txt"), "v1")
    writer.close()
    assert "a.txt" not in {r["doc"] for r in search("教师交流轮岗", db=filled_db, k=50)}
    assert "e.txt" in {r["doc"] for r in search("教师交流轮岗", db=filled_db, k=50)}


def test_counts_of_filled_workspace(filled_db):
    with open_workspace(filled_db) as ws:
        counts = ws.counts()
    assert counts["documents"] == len(CORPUS)
    assert counts["regions"] == 4
