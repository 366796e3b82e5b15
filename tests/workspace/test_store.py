"""The SQLite store: schema versioning, bad files, one transaction per document, WAL reads."""

import dataclasses
import sqlite3
import threading

import pytest

from eduminer.errors import WorkspaceError
from eduminer.workspace import search, store
from eduminer.extract.model import Measure
from eduminer.workspace.store import FileInfo, Workspace, open_workspace, pack_offsets, unpack_offsets
from eduminer.workspace.text import index_text
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
    newer, ours = store.SCHEMA_VERSION + 1, store.SCHEMA_VERSION
    with pytest.raises(WorkspaceError, match=rf"\[E202\] .*schema version {newer} is newer .*\({ours}\)\. Upgrade"):
        Workspace(path, create=True)
    assert path.read_bytes() == before


def test_migrations_are_applied_in_order(tmp_path, monkeypatch):
    path = tmp_path / "w.db"
    Workspace(path, create=True).close()

    def add_notes_column(conn):
        conn.execute("ALTER TABLE measure_rows ADD COLUMN reviewer_note TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS + [add_notes_column])
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    with open_workspace(path) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert ws.meta("schema_version") == str(store.SCHEMA_VERSION)
        columns = [r[1] for r in ws.conn.execute("PRAGMA table_info(measure_rows)")]
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


# --- schema version 2: each text stored once -------------------------------------------

MEASURE_COLUMNS = ("id, doc, sentence, category, label, dimension, stage, region, region_code, text, original,"
                   ' start, "end", section, trigger, method, confidence, quantities, sha256, taxonomy_version')


def _traditional_document():
    """Traditional original, simplified text, and a folded space: offsets are not the identity."""
    doc = make_document("t.txt", "香港特别行政区", ["推进学区制。", "教师交流轮岗。"])
    original = "推進學區制。  教師交流輪崗。"  # two spaces folded into none in the text
    return type(doc)(**{**doc.__dict__, "original": original, "script": "traditional",
                        "offsets": tuple(range(6)) + tuple(range(8, 16))})


def _v1_database(path, documents):
    """A workspace as eduminer wrote it with schema version 1 (every text repeated)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN")
    store._schema_v1(con)
    con.execute("INSERT INTO meta VALUES ('application', 'eduminer'), ('schema_version', '1')")
    con.execute("PRAGMA user_version = 1")
    sentence_id = 0
    for doc in documents:
        con.execute(
            "INSERT INTO documents (doc, path, sha256, format, encoding, title, date, issuer, doc_number, region,"
            " region_code, script, text, original, offsets, notes, taxonomy_version, processed_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.doc, doc.path, doc.sha256, doc.format, doc.encoding, doc.title, doc.date, doc.issuer,
             doc.doc_number, doc.region, doc.region_code, doc.script, doc.text, doc.original,
             pack_offsets(doc.text, doc.offsets), "[]", "v1", "2024-01-01T00:00:00+00:00"))
        for s in doc.sentences:
            sentence_id += 1
            con.execute('INSERT INTO sentences (id, doc, idx, start, "end", section, paragraph, is_heading, text)'
                        " VALUES (?,?,?,?,?,?,?,?,?)",
                        (sentence_id, doc.doc, s.index, s.start, s.end, s.section, s.paragraph, 0, s.text))
            con.execute("INSERT INTO sentence_fts (rowid, tokens) VALUES (?, ?)", (sentence_id, index_text(s.text)))
        for m in keyword_extractor([doc]):
            con.execute(f"INSERT INTO measures ({MEASURE_COLUMNS}) VALUES ({','.join('?' * 20)})",
                        (m.id, m.doc, m.sentence, m.category, m.label, m.dimension, m.stage, m.region,
                         m.region_code, m.text, m.original, m.start, m.end, m.section, m.trigger, m.method,
                         m.confidence, "[]", doc.sha256, "v1"))
        con.execute("INSERT INTO files (path, doc, sha256, status, processed_at) VALUES (?,?,?,'ok','x')",
                    (doc.path, doc.doc, doc.sha256))
    con.execute("COMMIT")
    v1_measures = con.execute(f"SELECT {MEASURE_COLUMNS} FROM measures ORDER BY id").fetchall()
    con.close()
    return v1_measures


def test_version_1_workspace_is_migrated_and_reads_the_same(tmp_path):
    path = tmp_path / "old.db"
    plain = make_document("a.txt", "重庆市/南岸区", ["港北区推行学区制管理。", "教师编制到校限制了教师流动。"])
    traditional = _traditional_document()
    v1_measures = _v1_database(path, [plain, traditional])
    with Workspace(path) as ws:
        q = ws.conn.execute
        assert q("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert [tuple(r) for r in q(f"SELECT {MEASURE_COLUMNS} FROM measures ORDER BY id")] == v1_measures
        assert ws.load_document("a.txt") == plain
        assert ws.load_document("t.txt") == traditional
        # the copies are gone: a measure repeats neither its sentence's text nor its original
        assert q("SELECT count(*) FROM measure_rows WHERE text IS NOT NULL OR original IS NOT NULL"
                 " OR section IS NOT NULL").fetchone()[0] == 0
        assert q("SELECT original FROM documents WHERE doc='a.txt'").fetchone()[0] is None
        assert [r[0] for r in q("SELECT original FROM sentences WHERE doc='t.txt' ORDER BY idx")] == [
            "推進學區制。", "教師交流輪崗。"]
        assert q("PRAGMA foreign_key_check").fetchall() == []
        assert q("PRAGMA foreign_keys").fetchone()[0] == 1
    rows = search("学区制", db=path, k=5)
    assert {r["doc"] for r in rows} == {"a.txt", "t.txt"}
    assert {r["original"] for r in rows} == {"港北区推行学区制管理。", "推進學區制。"}


def test_measures_view_gives_every_column_and_each_text_is_stored_once(tmp_path):
    doc = _traditional_document()
    measures = list(keyword_extractor([doc]))
    with Workspace(tmp_path / "w.db", create=True) as ws:
        ws.add_document(doc, measures, FileInfo("/corpus/t.txt"), "v1")
        q = ws.conn.execute
        stored = q(f"SELECT {MEASURE_COLUMNS} FROM measures ORDER BY id").fetchall()
        expected = sorted((m.id, m.doc, m.sentence, m.category, m.label, m.dimension, m.stage, m.region,
                           m.region_code, m.text, m.original, m.start, m.end, m.section, m.trigger, m.method,
                           m.confidence, "[]", doc.sha256, "v1") for m in measures)
        assert [tuple(r) for r in stored] == expected
        assert q("SELECT count(*) FROM measure_rows WHERE text IS NULL AND original IS NULL").fetchone()[0] == len(
            measures)
        assert q("SELECT original FROM documents").fetchone()[0] == doc.original
        # the view takes INSERT and DELETE like the table it replaces
        q("DELETE FROM measures WHERE category='model.school_district'")
        assert {r[0] for r in q("SELECT category FROM measures")} == {"personnel.teacher_rotation"}
        q("INSERT INTO measures (id, doc, sentence, category, text, original, taxonomy_version)"
          " VALUES ('x1', 't.txt', 0, 'model.school_district', '推进学区制。', '推進學區制。', 'v1')")
        assert tuple(q("SELECT text, original, sha256 FROM measures WHERE id='x1'").fetchone()) == (
            "推进学区制。", "推進學區制。", doc.sha256)


def test_a_measure_that_differs_from_its_sentence_keeps_its_own_text(tmp_path):
    doc = make_document("a.txt", "重庆市/南岸区", ["推进学区制。", "教师交流轮岗。"])
    m = next(iter(keyword_extractor([doc])))
    odd = dataclasses.replace(m, text="学区制", original="學區制", section="别处")
    with Workspace(tmp_path / "w.db", create=True) as ws:
        ws.add_document(doc, [odd], FileInfo("/corpus/a.txt"), "v1")
        row = ws.conn.execute("SELECT text, original, section FROM measures").fetchone()
    assert tuple(row) == ("学区制", "學區制", "别处")


class _FixedId(Measure):
    @property
    def id(self) -> str:  # two documents' measures hashing alike
        return "same-id"


def test_duplicate_measure_ids_the_later_wins(tmp_path):
    a = make_document("a.txt", "重庆市/南岸区", ["推进学区制。"])
    b = make_document("b.txt", "天津市/宁河区", ["教师交流轮岗。"])
    twin = [_FixedId(**m.__dict__) for m in keyword_extractor([a])]
    with Workspace(tmp_path / "w.db", create=True) as ws:
        ws.add_document(a, twin + twin, FileInfo("/corpus/a.txt"), "v1")  # twice in one document
        assert ws.counts()["measures"] == 1
        other = [_FixedId(**m.__dict__) for m in keyword_extractor([b])]
        ws.add_document(b, other, FileInfo("/corpus/b.txt"), "v1")  # and in another document
        assert [tuple(r) for r in ws.conn.execute("SELECT id, doc FROM measures")] == [("same-id", "b.txt")]


def test_prepared_rows_are_plain_and_add_prepared_stores_them(tmp_path):
    import pickle

    doc = _traditional_document()
    prepared = store.prepare_document(doc, keyword_extractor([doc]))
    assert prepared.tokens == tuple(index_text(s.text) for s in doc.sentences)
    prepared = pickle.loads(pickle.dumps(prepared))  # what a worker sends back
    with Workspace(tmp_path / "w.db", create=True) as ws:
        assert ws.add_prepared([(prepared, FileInfo("/corpus/t.txt"))], (), "v1") == 2
        assert ws.load_document("t.txt") == doc
        assert ws.conn.execute("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH '学区'").fetchone()[0] == 1


def test_identity_offset_map_is_not_stored():
    from array import array

    from eduminer.corpus.normalize import OffsetMap

    text = "学区制" * 10
    assert pack_offsets(text, OffsetMap(array("l", [0]), array("l", [0]), len(text) + 1)) is None
    shifted = OffsetMap(array("l", [0, 5]), array("l", [0, 9]), len(text) + 1)
    assert unpack_offsets(pack_offsets(text, shifted), text) == tuple(shifted)


# --- the batch writer's shortcuts store exactly what the plain path stored ----------------

def test_a_text_that_merely_looks_like_the_null_marker_is_kept(tmp_path):
    # SAME (0) stands for "the sentence's own text" in prepared rows; a text "0" is a text
    doc = make_document("z.txt", "重庆市/南岸区", ["0", "教师交流轮岗。"])
    doc = type(doc)(**{**doc.__dict__, "original": "０教师交流轮岗。"})
    m = next(iter(keyword_extractor([doc])))
    odd = dataclasses.replace(m, text="0", original="0", section="0")
    with Workspace(tmp_path / "w.db", create=True) as ws:
        ws.add_document(doc, [odd], FileInfo("/corpus/z.txt"), "v'1")  # a quote in the version, too
        q = ws.conn.execute
        assert [tuple(r) for r in q("SELECT text, original FROM sentences ORDER BY idx")] == [
            ("0", "０"), ("教师交流轮岗。", None)]
        assert tuple(q("SELECT text, original, section, taxonomy_version FROM measure_rows").fetchone()) == (
            "0", "0", "0", "v'1")
        assert ws.load_document("z.txt") == doc


def test_a_version_that_cannot_be_an_sql_literal_is_bound(tmp_path):
    doc = make_document("a.txt", "重庆市/南岸区", ["教师交流轮岗。"])
    with Workspace(tmp_path / "w.db", create=True) as ws:
        ws.add_document(doc, keyword_extractor([doc]), FileInfo("/corpus/a.txt"), "v\x001")
        assert ws.conn.execute("SELECT taxonomy_version FROM measures").fetchone()[0] == "v\x001"


def test_read_indexes_are_built_once_after_a_first_load_and_repaired_after_a_kill(tmp_path):
    path = tmp_path / "w.db"
    names = "SELECT name FROM sqlite_master WHERE type='index' AND name LIKE 'measures_%' ORDER BY name"
    with Workspace(path, create=True) as ws:
        every = [r[0] for r in ws.conn.execute(names)]
        assert every == ["measures_category", "measures_doc", "measures_region", "measures_stage"]
        assert ws.defer_read_indexes() is True  # nothing stored yet: dropped until the load ends
        assert [r[0] for r in ws.conn.execute(names)] == ["measures_doc"]
        doc = make_document("a.txt", "重庆市/南岸区", ["教师交流轮岗。"])
        ws.add_document(doc, keyword_extractor([doc]), FileInfo("/corpus/a.txt"), "v1")
    # killed before build_read_indexes: the next run puts them back before it writes
    with Workspace(path) as ws:
        assert ws.defer_read_indexes() is False
        assert [r[0] for r in ws.conn.execute(names)] == every
        ws.build_read_indexes()
        assert [r[0] for r in ws.conn.execute(names)] == every
        plan = " ".join(r[-1] for r in ws.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM measure_rows WHERE category = 'x'"))
        assert "measures_category" in plan


def test_a_new_workspace_has_large_pages_an_old_one_keeps_its_own(tmp_path):
    with Workspace(tmp_path / "new.db", create=True) as ws:
        assert ws.conn.execute("PRAGMA page_size").fetchone()[0] == store.PAGE_SIZE
    _v1_database(tmp_path / "old.db", [make_document("a.txt", "重庆市/南岸区", ["学区制。"])])
    with Workspace(tmp_path / "old.db") as ws:
        assert ws.conn.execute("PRAGMA page_size").fetchone()[0] == 4096


def test_foreign_keys_are_enforced_again_after_a_batch(tmp_path):
    doc = make_document("a.txt", "重庆市/南岸区", ["教师交流轮岗。"])
    with Workspace(tmp_path / "w.db", create=True) as ws:
        ws.add_document(doc, keyword_extractor([doc]), FileInfo("/corpus/a.txt"), "v1")
        assert ws.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            ws.conn.execute("INSERT INTO sections VALUES ('nope.txt', 0, 1, 'x', 'x', 0, 1)")


def test_walked_file_info_is_the_resolved_one(tmp_path):
    import os

    from eduminer.corpus import iter_files

    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text("学区制", encoding="utf-8")
    (corpus / "b.txt").write_text("集团化办学", encoding="utf-8")
    os.symlink(corpus / "sub" / "a.txt", corpus / "link.txt")  # a linked file: resolved to its target
    os.symlink(corpus / "sub", corpus / "linked-folder")  # not walked into
    os.symlink(corpus, tmp_path / "alias")  # a linked root
    seen = 0
    for root in (corpus, tmp_path / "alias", tmp_path / "alias" / "sub" / "..", tmp_path / "corpus" / "sub"):
        for path, found_in in iter_files([root]):
            assert FileInfo.walked(path, found_in) == FileInfo.stat(path, found_in)
            seen += 1
    assert seen == 3 + 3 + 3 + 1
    single = corpus / "b.txt"
    assert FileInfo.walked(single, None) == FileInfo.stat(single, None)
