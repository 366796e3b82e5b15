"""The SQLite store: schema, migrations, and one transaction per document or chunk.

Writing is split in two so that the costly part runs where the CPU is: 
:func:`prepare_document` (pure, picklable in and out; a batch worker calls it)
turns a document and its measures into table rows and index tokens, and
:meth:`Workspace.add_prepared` only inserts them (one ``executemany`` per table
per transaction). Each text is stored once (schema version 2, ``schema_v2.sql``).
A run drops the indexes that only serve reads while it fills an empty workspace and
builds them at the end (:meth:`Workspace.defer_read_indexes`).

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "w.db")
>>> with Workspace(path, create=True) as ws:
...     ws.counts()
{'documents': 0, 'measures': 0, 'regions': 0, 'failures': 0}
"""

from __future__ import annotations

import array
import contextlib
import datetime as _dt
import functools
import itertools
import json
import os
import sqlite3
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eduminer.corpus.model import Document, ReadFailure, Section, Sentence
from eduminer.corpus.normalize import OffsetMap
from eduminer.errors import Errors, WorkspaceError
from eduminer.extract.model import Measure
from eduminer.workspace.text import index_text, index_texts

APPLICATION = "eduminer"
SQLITE_MAGIC = b"SQLite format 3\x00"


def _run_sql_file(conn: sqlite3.Connection, name: str) -> None:
    sql = resources.files("eduminer.workspace").joinpath(name).read_text(encoding="utf-8")
    for statement in _statements(sql):
        conn.execute(statement)


def _schema_v1(conn: sqlite3.Connection) -> None:
    _run_sql_file(conn, "schema.sql")


def _schema_v2(conn: sqlite3.Connection) -> None:
    """Each text stored once (see schema_v2.sql): sentences get their original-script text,
    then documents and measures are rebuilt."""
    conn.execute("ALTER TABLE sentences ADD COLUMN original TEXT")  # NULL = same as text
    changed = conn.execute("SELECT doc, text, original, offsets FROM documents"
                           " WHERE original != text OR offsets IS NOT NULL").fetchall()
    for doc_id, text, original, blob in changed:
        doc = Document(doc=doc_id, path="", format="", encoding="", sha256="", original=original, text=text,
                       offsets=unpack_offsets(blob, text))
        updates = []
        for sentence_id, start, end, sentence_text in conn.execute(
                'SELECT id, start, "end", text FROM sentences WHERE doc=?', (doc_id,)).fetchall():
            span = doc.original_span(start, end)
            if span != sentence_text:
                updates.append((span, sentence_id))
        conn.executemany("UPDATE sentences SET original=? WHERE id=?", updates)
    _run_sql_file(conn, "schema_v2.sql")


def _statements(sql: str) -> Iterator[str]:
    # executescript() would COMMIT behind our back; split and run inside our transaction
    buf = []
    for line in sql.splitlines():
        if line.lstrip().startswith("--"):
            continue
        buf.append(line)
        candidate = "\n".join(buf)
        if candidate.rstrip().endswith(";") and sqlite3.complete_statement(candidate):
            yield candidate
            buf = []


PAGE_SIZE = 16384  # of a new workspace file (see Workspace._open)

# Applied in order: entry i brings the schema from version i to i + 1.
MIGRATIONS = [_schema_v1, _schema_v2]
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FileInfo:
    """What `run` knows about an input file before (or without) reading it."""

    path: str  # absolute path
    root: str = ""  # folder given to run ('' for a file given directly)
    size: int = 0
    mtime: float = 0.0
    sha256: str = ""

    @classmethod
    def stat(cls, path: str | os.PathLike, root: str | os.PathLike | None = None) -> "FileInfo":
        p = Path(path).resolve()
        st = p.stat()
        return cls(str(p), _resolved(str(root)) if root else "", st.st_size, st.st_mtime)

    @classmethod
    def walked(cls, path: str | os.PathLike, root: str | os.PathLike | None = None) -> "FileInfo":
        """:meth:`stat` of a file that ``iter_files`` found under folder ``root``, with one
        system call rather than one per path component: the folders it walked down are
        not symbolic links (``Path.rglob`` does not follow those), so unless the file
        itself is one, its resolved path is the resolved folder's plus the rest."""
        if root is not None and os.name == "posix":
            text, folder = str(path), str(root)
            if folder != "/" and text.startswith(folder) and text[len(folder):len(folder) + 1] == "/":
                st = os.lstat(text)
                if not stat.S_ISLNK(st.st_mode):
                    resolved = _resolved(folder)
                    return cls(resolved + text[len(folder):], resolved, st.st_size, st.st_mtime)
        return cls.stat(path, root)


@functools.lru_cache(maxsize=64)
def _resolved(folder: str) -> str:
    # the folder given to run, resolved once rather than once per file in it
    return str(Path(folder).resolve())


def pack_offsets(text: str, offsets: tuple[int, ...]) -> bytes | None:
    """Compact blob for ``Document.offsets``; None when the map is the identity.

    Stored as zlib-compressed deltas (mostly 1s, so a few bytes per run of plain text).
    """
    import numpy as np

    n = len(offsets)
    if not n:
        return None
    if n == len(text) + 1 and isinstance(offsets, OffsetMap):
        # the usual case, decided from the runs without visiting every position
        if offsets == OffsetMap(array.array("l", [0]), array.array("l", [0]), n):
            return None
    deltas = np.diff(np.fromiter(offsets, dtype=np.int64, count=n), prepend=0)
    if n == len(text) + 1 and deltas[0] == 0 and bool((deltas[1:] == 1).all()):
        return None
    # int32 little-endian, so the file moves between machines
    return zlib.compress(deltas.astype("<i4").tobytes())


def unpack_offsets(blob: bytes | None, text: str) -> tuple[int, ...]:
    if blob is None:
        return tuple(range(len(text) + 1))
    deltas = array.array("i")
    deltas.frombytes(zlib.decompress(blob))
    if sys.byteorder == "big":
        deltas.byteswap()
    return tuple(itertools.accumulate(deltas))


_INSERT_DOCUMENT = (
    "INSERT INTO documents (doc, path, sha256, format, encoding, title, date, issuer, doc_number, region,"
    " region_code, script, text, original, offsets, notes, taxonomy_version, processed_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
_INSERT_SECTION = 'INSERT INTO sections (doc, idx, level, heading, path, start, "end") VALUES (?,?,?,?,?,?,?)'
# A text column that may repeat another text (the sentence's, the text's) is NULL then.
# Rows say so with SAME, not None: binding None costs Python's sqlite3 module two failed
# adapter look-ups (each formatting an AttributeError), about a tenth of an insert's CPU;
# NULLIF(?, 0) turns it into NULL (a text, even '0', never equals the integer 0).
SAME = 0
_INSERT_SENTENCE = ('INSERT INTO sentences (id, doc, idx, start, "end", section, paragraph, is_heading, text,'
                    " original) VALUES (?,?,?,?,?,?,?,?,?,NULLIF(?, 0))")
# {version}: the taxonomy version as an SQL literal (the same for every row: not bound per row)
_INSERT_MEASURE = (
    "INSERT INTO measure_rows (id, doc, sentence, category, label, dimension, stage, region,"
    ' region_code, text, original, start, "end", section, trigger, method, confidence, quantities,'
    " taxonomy_version) VALUES (?,?,?,?,?,?,?,?,?,NULLIF(?, 0),NULLIF(?, 0),?,?,NULLIF(?, 0),?,?,?,?,{version})")


@dataclass(frozen=True)
class PreparedDocument:
    """One document as rows of the workspace tables, ready to insert: what
    :func:`prepare_document` makes (e.g. in a worker process) and
    :meth:`Workspace.add_prepared` stores. The taxonomy version, time stamp and
    sentence ids are added when written."""

    doc: str
    sha256: str
    document: tuple  # documents row up to notes (see _INSERT_DOCUMENT)
    sections: tuple[tuple, ...]
    sentences: tuple[tuple, ...]  # sentences rows without id (original: SAME when it is the text)
    tokens: tuple[str, ...]  # sentence_fts tokens, one string per sentence
    measures: tuple[tuple, ...]  # measure_rows rows without taxonomy_version (see measure_rows)


def prepare_document(doc: Document, measures: Iterable[Measure],
                     tokens: Sequence[str] | None = None) -> PreparedDocument:
    """The rows that store ``doc`` and its ``measures``; ``tokens`` are the sentences'
    index tokens if already made (:func:`index_text`), else they are made here.
    Each text once: a copy equal to the text it derives from is stored as NULL (:data:`SAME`)."""
    blob = pack_offsets(doc.text, doc.offsets)
    doc_id, sentences = doc.doc, doc.sentences
    if blob is None and doc.original == doc.text:  # the usual case: no original differs from its text
        sentence_rows = tuple([(doc_id, s.index, s.start, s.end, s.section, s.paragraph, int(s.is_heading), s.text,
                                SAME) for s in sentences])
        by_index = {s.index: (s.text, s.text, s.section) for s in sentences}
    else:
        rows, by_index = [], {}
        if blob is None:  # the identity map (e.g. only full-width digits made ASCII): original_span, inlined
            last = max(len(doc.offsets) - 1, 0)
            spans = [doc.original[max(0, min(s.start, last)):max(0, min(s.end - 1, last)) + 1]
                     if s.end > s.start and doc.offsets else doc.original_span(s.start, s.end) for s in sentences]
        else:
            spans = [doc.original_span(s.start, s.end) for s in sentences]
        for s, original in zip(sentences, spans):
            rows.append((doc_id, s.index, s.start, s.end, s.section, s.paragraph, int(s.is_heading), s.text,
                         SAME if original == s.text else original))
            by_index[s.index] = (s.text, original, s.section)
        sentence_rows = tuple(rows)
    if tokens is None or len(tokens) != len(sentences):
        tokens = index_texts([s.text for s in sentences])
    document = (doc_id, doc.path, doc.sha256, doc.format, doc.encoding, doc.title, doc.date, doc.issuer,
                doc.doc_number, doc.region, doc.region_code, doc.script, doc.text,
                None if doc.original == doc.text else doc.original, blob,
                json.dumps(list(doc.notes), ensure_ascii=False))
    return PreparedDocument(
        doc_id, doc.sha256, document,
        tuple([(doc_id, s.index, s.level, s.heading, s.path, s.start, s.end) for s in doc.sections]),
        sentence_rows, tuple(tokens), measure_rows(doc_id, measures, by_index))


_NO_SENTENCE = (None, None, None)


def measure_rows(doc_id: str, measures: Iterable[Measure],
                 sentences: dict[int, tuple[str, str, str]]) -> tuple[tuple, ...]:
    """``measure_rows`` rows (without taxonomy_version) of ``measures`` of document ``doc_id``;
    ``sentences`` maps a sentence index to its (text, original, section), which a
    measure's own text/original/section then need not repeat (:data:`SAME`, stored as NULL)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(..., ensure_ascii=False) uses
    # the measures of one sentence share its quantities (one tuple): each is encoded once.
    # Keyed by id(), with the tuple kept in the value so that no other object takes its id meanwhile
    encoded: dict[int, tuple[tuple, str]] = {}
    rows = []
    append = rows.append
    for m in measures:
        text, original, section = sentences.get(m.sentence, _NO_SENTENCE)
        quantities = m.quantities
        if quantities:
            known = encoded.get(id(quantities))
            if known is None:
                known = encoded[id(quantities)] = (quantities, encode([q.to_record() for q in quantities]))
            quantities_json = known[1]
        else:
            quantities_json = "[]"
        append((
            m.id, doc_id, m.sentence, m.category, m.label, m.dimension or m.category.split(".")[0], m.stage,
            m.region, m.region_code, SAME if m.text == text else m.text,
            SAME if m.original == original else m.original, m.start, m.end,
            SAME if m.section == section else m.section, m.trigger, m.method, float(m.confidence),
            quantities_json))
    return tuple(rows)


# Indexes of measure_rows that only speed up reads (see Workspace.defer_read_indexes);
# as schema_v2.sql creates them.
_READ_INDEXES = {
    "measures_region": "CREATE INDEX IF NOT EXISTS measures_region ON measure_rows(region)",
    "measures_category": "CREATE INDEX IF NOT EXISTS measures_category ON measure_rows(category)",
    "measures_stage": "CREATE INDEX IF NOT EXISTS measures_stage ON measure_rows(stage)",
}


class Workspace:
    """An eduminer database. Opening checks that the file is ours and not too new,
    and migrates older schemas; every write is one short transaction.

    Safe for one writer and many readers at once (WAL journal, busy timeout).
    """

    def __init__(self, path: str | os.PathLike = "eduminer.db", create: bool = False,
                 timeout: float = 30.0):
        self.path = str(path)
        p = Path(path)
        if not p.exists():
            if not create:
                raise WorkspaceError(Errors.E203, path=self.path)
        elif p.is_dir():
            raise WorkspaceError(Errors.E201, path=self.path, reason="it is a folder")
        else:
            _check_header(p)
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                        check_same_thread=False)
        except sqlite3.Error as e:
            raise WorkspaceError(Errors.E201, path=self.path, reason=str(e)) from e
        self.conn.row_factory = sqlite3.Row
        try:
            self._open(create)
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise WorkspaceError(Errors.E201, path=self.path, reason=str(e)) from e
        except BaseException:
            self.conn.close()
            raise

    def _open(self, create: bool) -> None:
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout = {30000}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise WorkspaceError(Errors.E202, path=self.path, found=version, supported=SCHEMA_VERSION)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version == 0 and tables:
            raise WorkspaceError(Errors.E201, path=self.path,
                                 reason=f"it holds other tables: {', '.join(sorted(tables)[:5])}")
        if version > 0 and "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key='application'").fetchone()
            if not row or row[0] != APPLICATION:
                raise WorkspaceError(Errors.E201, path=self.path, reason="no eduminer marker in table meta")
        if version == 0 and not create:
            raise WorkspaceError(Errors.E201, path=self.path, reason="it is an empty database")
        if version == 0:
            # a new file: 16 KiB pages (SQLite's default is 4) take a quarter of the system
            # calls to write, in the WAL and again at the checkpoint; a document's text rarely
            # overflows a page. Only possible before the first table (and before WAL mode)
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
        conn.execute("PRAGMA synchronous = NORMAL")
        # a writer's index pages stay cached as the file grows (pages are allocated only when used)
        conn.execute("PRAGMA cache_size = -65536")  # KiB
        # checkpoint (copy the WAL into the file, with an fsync) every ~40 MB written, not every 4 MB
        conn.execute("PRAGMA wal_autocheckpoint = 10000")
        if version < SCHEMA_VERSION:
            self._migrate(version)
        conn.execute("PRAGMA foreign_keys = ON")

    def _migrate(self, version: int) -> None:
        # migrations rebuild tables (SQLite's 12-step ALTER procedure): foreign keys off
        # meanwhile (a no-op inside a transaction, hence here), checked before each commit
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            for target, migration in enumerate(MIGRATIONS[version:], version + 1):
                with self.transaction() as conn:
                    if conn.execute("PRAGMA user_version").fetchone()[0] >= target:
                        continue  # another process migrated it while we waited for the lock
                    migration(conn)
                    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                    if broken:
                        raise sqlite3.DatabaseError(f"migration to schema {target}: a {broken[0]} row "
                                                    f"points to no {broken[2]} row")
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('application', ?)", (APPLICATION,))
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(target),))
                    conn.execute("INSERT OR IGNORE INTO meta VALUES ('created_at', ?)", (now(),))
                    conn.execute(f"PRAGMA user_version = {target}")
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    # --- plumbing ------------------------------------------------------------------

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; ROLLBACK on any exception (also KeyboardInterrupt)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    # --- writing -------------------------------------------------------------------

    def add_document(self, doc: Document, measures: Iterable[Measure], file_info: FileInfo,
                     taxonomy_version: str = "", run_id: int | None = None) -> int:
        """Store (or replace) one document, its sentences and measures in ONE transaction.
        Returns the number of measures stored."""
        return self.add_prepared([(prepare_document(doc, measures), file_info)], (), taxonomy_version, run_id)

    def add_batch(self, documents: Iterable[tuple[Document, Iterable[Measure], FileInfo, Sequence[str] | None]],
                  failures: Iterable[tuple[ReadFailure, FileInfo]] = (), taxonomy_version: str = "",
                  run_id: int | None = None) -> int:
        """Store many documents and failures in ONE transaction. Each document comes with
        its ``sentence_fts`` tokens (one string per sentence, as :func:`index_text` makes
        them), or None to compute them here. Returns the number of measures stored.
        (A batch writer rather calls :func:`prepare_document` in its workers and
        :meth:`add_prepared` here.)"""
        return self.add_prepared(
            [(prepare_document(doc, measures, tokens), info) for doc, measures, info, tokens in documents],
            failures, taxonomy_version, run_id)

    def add_prepared(self, documents: Iterable[tuple[PreparedDocument, FileInfo]],
                     failures: Iterable[tuple[ReadFailure, FileInfo]] = (), taxonomy_version: str = "",
                     run_id: int | None = None) -> int:
        """Store prepared documents (replacing earlier rows of the same files or doc ids) and
        failures in ONE transaction: the batch writer's path, one commit per chunk.
        Returns the number of measures stored."""
        documents = list(documents)
        stamp = now()
        with self._foreign_keys_unchecked(), self.transaction():
            n = self._write_prepared(documents, taxonomy_version, run_id, stamp)
            for failure, file_info in failures:
                self._write_failure(failure, file_info, run_id, stamp)
        return n

    @contextlib.contextmanager
    def _foreign_keys_unchecked(self) -> Iterator[None]:
        """Foreign keys not checked meanwhile (set outside a transaction: inside, it is a no-op).
        For the writer's own rows only, which need no check: it inserts a document before
        the rows pointing to it, and deletes those rows before the document (the checks
        cost about a tenth of the inserts)."""
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def defer_read_indexes(self) -> bool:
        """Before storing many documents: drop the indexes that only serve reads (measures by
        region, category, stage) when no measure is stored yet, so that a first run builds
        them once, in :meth:`build_read_indexes`, rather than updating them at every insert
        (over a third of the cost of inserting a measure). Otherwise make sure they all exist (a
        run killed before it could build them). Returns whether they were dropped."""
        with self.transaction() as conn:
            empty = conn.execute("SELECT 1 FROM measure_rows LIMIT 1").fetchone() is None
            for name, create in _READ_INDEXES.items():
                conn.execute(f"DROP INDEX IF EXISTS {name}" if empty else create)
        return empty

    def build_read_indexes(self) -> None:
        """Create the read indexes :meth:`defer_read_indexes` dropped (those missing)."""
        with self.transaction() as conn:
            for create in _READ_INDEXES.values():
                conn.execute(create)

    def _write_prepared(self, documents: list[tuple[PreparedDocument, FileInfo]], taxonomy_version: str,
                        run_id: int | None, stamp: str) -> int:
        conn = self.conn
        if not documents:
            return 0
        if len({p.doc for p, _ in documents}) < len(documents):
            # one doc id twice in a chunk (two folders, same relative name): in order, the later wins
            return sum(self._write_prepared([item], taxonomy_version, run_id, stamp) for item in documents)
        for prepared, file_info in documents:
            previous = conn.execute("SELECT doc FROM files WHERE path=?", (file_info.path,)).fetchone()
            if previous and previous[0] and previous[0] != prepared.doc:
                self._delete_document(previous[0])
            if conn.execute("SELECT 1 FROM documents WHERE doc=?", (prepared.doc,)).fetchone():
                self._delete_document(prepared.doc)
        conn.executemany(_INSERT_DOCUMENT, [p.document + (taxonomy_version, stamp) for p, _ in documents])
        conn.executemany(_INSERT_SECTION, [row for p, _ in documents for row in p.sections])
        # ids given here (inside the write transaction, so no one else takes them) let both
        # tables be filled with executemany; sentence_fts rowid = sentences.id
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sentences").fetchone()[0]
        conn.executemany(_INSERT_SENTENCE, [(i,) + row for i, row in enumerate(
            (row for p, _ in documents for row in p.sentences), first)])
        conn.executemany("INSERT INTO sentence_fts (rowid, tokens) VALUES (?, ?)", enumerate(
            (t for p, _ in documents for t in p.tokens), first))
        self._insert_measures([row for p, _ in documents for row in p.measures], taxonomy_version)
        conn.executemany(
            "INSERT OR REPLACE INTO files (path, root, doc, sha256, size, mtime, status, code, error,"
            " run_id, processed_at) VALUES (?,?,?,?,?,?,'ok','','',?,?)",
            [(info.path, info.root, p.doc, info.sha256 or p.sha256, info.size, info.mtime, run_id, stamp)
             for p, info in documents])
        return sum(len(p.measures) for p, _ in documents)

    def _insert_measures(self, rows: list[tuple] | tuple[tuple, ...], taxonomy_version: str) -> None:
        if len({row[0] for row in rows}) < len(rows):
            # a measure id given twice: the later row wins (as INSERT OR REPLACE would do)
            rows = list({row[0]: row for row in rows}.values())
        if "\x00" in taxonomy_version:  # not expressible as an SQL literal: bound to every row
            sql, rows = _INSERT_MEASURE.format(version="?"), [row + (taxonomy_version,) for row in rows]
        else:
            sql = _INSERT_MEASURE.format(version="'" + taxonomy_version.replace("'", "''") + "'")
        try:
            # plain INSERT: OR REPLACE with foreign keys on needs a statement journal per row (2x slower)
            self.conn.executemany(sql, rows)
        except sqlite3.IntegrityError:  # an id stored for another document (a 48-bit hash collision)
            self.conn.executemany(sql.replace("INSERT", "INSERT OR REPLACE", 1), rows)

    def replace_measures(self, doc_id: str, measures: Iterable[Measure], taxonomy_version: str) -> int:
        """Re-code one stored document: its measures replaced in one transaction."""
        with self.transaction() as conn:
            row = conn.execute("SELECT 1 FROM documents WHERE doc=?", (doc_id,)).fetchone()
            if row is None:
                raise WorkspaceError(Errors.E206, value=doc_id)
            sentences = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
                "SELECT idx, text, coalesce(original, text), section FROM sentences WHERE doc=?", (doc_id,))}
            rows = measure_rows(doc_id, measures, sentences)
            conn.execute("DELETE FROM measure_rows WHERE doc=?", (doc_id,))
            self._insert_measures(rows, taxonomy_version)
            conn.execute("UPDATE documents SET taxonomy_version=?, processed_at=? WHERE doc=?",
                         (taxonomy_version, now(), doc_id))
        return len(rows)

    def record_failure(self, failure: ReadFailure, file_info: FileInfo, run_id: int | None = None) -> None:
        """Remember a file that could not be read (its earlier rows, if any, are dropped:
        the stored text no longer matches the file)."""
        with self.transaction():
            self._write_failure(failure, file_info, run_id, now())

    def _write_failure(self, failure: ReadFailure, file_info: FileInfo, run_id: int | None, stamp: str) -> None:
        conn = self.conn
        previous = conn.execute("SELECT doc FROM files WHERE path=?", (file_info.path,)).fetchone()
        if previous and previous[0]:
            self._delete_document(previous[0])
        conn.execute(
            "INSERT OR REPLACE INTO files (path, root, doc, sha256, size, mtime, status, code, error,"
            " run_id, processed_at) VALUES (?,?,'',?,?,?,'failed',?,?,?,?)",
            (file_info.path, file_info.root, file_info.sha256, file_info.size, file_info.mtime,
             failure.code, failure.reason, run_id, stamp))

    def touch_file(self, file_info: FileInfo) -> None:
        """The bytes are unchanged but size/mtime moved (e.g. a copy): remember the new stat."""
        with self.transaction() as conn:
            conn.execute("UPDATE files SET size=?, mtime=? WHERE path=?",
                         (file_info.size, file_info.mtime, file_info.path))

    def remove_file(self, path: str) -> None:
        """Forget a file that no longer exists, with everything read from it."""
        with self.transaction() as conn:
            row = conn.execute("SELECT doc FROM files WHERE path=?", (path,)).fetchone()
            if row and row[0]:
                self._delete_document(row[0])
            conn.execute("DELETE FROM files WHERE path=?", (path,))

    def _delete_document(self, doc_id: str) -> None:
        conn = self.conn
        conn.execute("DELETE FROM sentence_fts WHERE rowid IN (SELECT id FROM sentences WHERE doc=?)", (doc_id,))
        conn.execute("DELETE FROM measure_rows WHERE doc=?", (doc_id,))
        conn.execute("DELETE FROM sentences WHERE doc=?", (doc_id,))
        conn.execute("DELETE FROM sections WHERE doc=?", (doc_id,))
        conn.execute("DELETE FROM documents WHERE doc=?", (doc_id,))

    def start_run(self, manifest: dict) -> int:
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO runs (started_at, status, manifest) VALUES (?, 'running', ?)",
                               (now(), json.dumps(manifest, ensure_ascii=False)))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, manifest: dict, status: str = "done") -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE runs SET finished_at=?, status=?, manifest=? WHERE id=?",
                         (now(), status, json.dumps(manifest, ensure_ascii=False), run_id))

    # --- reading -------------------------------------------------------------------

    def file_state(self, path: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM files WHERE path=?", (path,)).fetchone()

    def files_under(self, root: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT path FROM files WHERE root=?", (root,))]

    def stale_documents(self, taxonomy_version: str) -> list[str]:
        """Ids of documents coded with another taxonomy version than ``taxonomy_version``."""
        return [r[0] for r in self.conn.execute(
            "SELECT doc FROM documents WHERE taxonomy_version != ? ORDER BY doc", (taxonomy_version,))]

    def document_version(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT taxonomy_version FROM documents WHERE doc=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def load_document(self, doc_id: str) -> Document:
        """Rebuild the ``Document`` from stored rows (for re-coding without re-reading the file)."""
        conn = self.conn
        row = conn.execute("SELECT * FROM documents WHERE doc=?", (doc_id,)).fetchone()
        if row is None:
            raise WorkspaceError(Errors.E206, value=doc_id)
        sections = tuple(Section(doc_id, r["idx"], r["level"], r["heading"], r["path"], r["start"], r["end"])
                         for r in conn.execute("SELECT * FROM sections WHERE doc=? ORDER BY idx", (doc_id,)))
        sentences = tuple(
            Sentence(doc_id, r["idx"], r["start"], r["end"], r["text"], r["section"], r["paragraph"],
                     bool(r["is_heading"]))
            for r in conn.execute("SELECT * FROM sentences WHERE doc=? ORDER BY idx", (doc_id,)))
        return Document(
            doc=doc_id, path=row["path"], format=row["format"], encoding=row["encoding"], sha256=row["sha256"],
            original=row["text"] if row["original"] is None else row["original"], text=row["text"],
            offsets=unpack_offsets(row["offsets"], row["text"]),
            title=row["title"], date=row["date"], issuer=row["issuer"], doc_number=row["doc_number"],
            region=row["region"], region_code=row["region_code"], script=row["script"],
            sections=sections, sentences=sentences, notes=tuple(json.loads(row["notes"] or "[]")))

    def iter_measures(self) -> Iterator[dict]:
        """Every stored measure as a dict, with its sentence's ``paragraph`` (-1 if unknown),
        in document and sentence order; streamed from the cursor."""
        cursor = self.conn.execute(
            "SELECT m.doc, m.sentence, m.category, m.label, m.dimension, m.stage, m.region,"
            " m.region_code, coalesce(m.section, s.section, '') AS section, m.trigger, m.method, m.confidence,"
            " coalesce(s.paragraph, -1) AS paragraph"
            " FROM measure_rows m LEFT JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence"
            " ORDER BY m.doc, m.sentence, m.category")
        for row in cursor:
            yield dict(row)

    def counts(self) -> dict[str, int]:
        q = self.conn.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "measures": q("SELECT count(*) FROM measure_rows").fetchone()[0],
            "regions": q("SELECT count(DISTINCT region) FROM measure_rows WHERE region != ''").fetchone()[0],
            "failures": q("SELECT count(*) FROM files WHERE status='failed'").fetchone()[0],
        }

    def distinct(self, table: str, column: str) -> list[str]:
        """Stored values of a column (for "did you mean" suggestions)."""
        if (table, column) not in _DISTINCT_OK:
            raise ValueError(f"not a lookup column: {table}.{column}")
        table = "measure_rows" if table == "measures" else table  # the view's base table
        return [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT {column} FROM {table} WHERE {column} != '' ORDER BY 1")]


_DISTINCT_OK = {("measures", "region"), ("measures", "category"), ("measures", "stage"),
                ("measures", "label"), ("measures", "dimension"), ("documents", "region")}


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as e:
        raise WorkspaceError(Errors.E201, path=str(path), reason=e.strerror or str(e)) from e
    if head and head != SQLITE_MAGIC:  # a 0-byte file is an empty SQLite database
        raise WorkspaceError(Errors.E201, path=str(path), reason="not an SQLite file")


def open_workspace(db: str | os.PathLike = "eduminer.db") -> Workspace:
    """Open an existing workspace for reading (E203 if missing, E201 if not ours, E202 if too new)."""
    return Workspace(db, create=False)
