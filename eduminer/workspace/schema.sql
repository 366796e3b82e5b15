-- eduminer workspace schema, version 1 (PRAGMA user_version = 1).
--
-- One SQLite file holds everything `eduminer run` read and coded. Every row traces
-- back to a source file (files.path), the hash of the bytes read (sha256) and the
-- taxonomy version (content hash of the taxonomy file) that coded it.
-- Later versions add migrations in eduminer/workspace/store.py (MIGRATIONS); a
-- database written by a newer eduminer is refused (E202) and never modified.

-- Free-form settings: schema/app version, creation time.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per input file seen by `run`, read or not. size+mtime are checked first
-- on a re-run; the hash only when they differ (so unchanged files are not re-read).
CREATE TABLE IF NOT EXISTS files (
    path         TEXT PRIMARY KEY,          -- absolute path of the file
    root         TEXT NOT NULL DEFAULT '',  -- the folder given to `run` ('' for a single file)
    doc          TEXT NOT NULL DEFAULT '',  -- documents.doc when status = 'ok'
    sha256       TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL DEFAULT 0,
    mtime        REAL NOT NULL DEFAULT 0,
    status       TEXT NOT NULL,             -- ok | failed
    code         TEXT NOT NULL DEFAULT '',  -- error code (E0xx) when failed
    error        TEXT NOT NULL DEFAULT '',  -- error message when failed
    run_id       INTEGER,                   -- runs.id of the run that last processed it
    processed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_root ON files(root);
CREATE INDEX IF NOT EXISTS files_doc ON files(doc);

-- One row per document read: metadata, both texts and the offset map between them.
CREATE TABLE IF NOT EXISTS documents (
    doc              TEXT PRIMARY KEY,      -- id: path relative to the input folder
    path             TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    format           TEXT NOT NULL,
    encoding         TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    date             TEXT NOT NULL DEFAULT '',   -- ISO 8601, '' when unknown
    issuer           TEXT NOT NULL DEFAULT '',
    doc_number       TEXT NOT NULL DEFAULT '',
    region           TEXT NOT NULL DEFAULT '',   -- 省/市/县 path
    region_code      TEXT NOT NULL DEFAULT '',
    script           TEXT NOT NULL DEFAULT 'simplified',
    text             TEXT NOT NULL,              -- normalized (simplified) text
    original         TEXT NOT NULL,              -- clean text in the original script
    offsets          BLOB,                       -- zlib(array('I')) map text -> original; NULL = identity
    notes            TEXT NOT NULL DEFAULT '[]', -- JSON list of reader notes
    taxonomy_version TEXT NOT NULL DEFAULT '',   -- taxonomy that coded this document's measures
    processed_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_region ON documents(region);

-- Numbered sections (一、 （一） 1. …) with their heading path.
CREATE TABLE IF NOT EXISTS sections (
    doc     TEXT NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    level   INTEGER NOT NULL,
    heading TEXT NOT NULL,
    path    TEXT NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    PRIMARY KEY (doc, idx)
);

-- Sentences of the normalized text; id is the rowid of sentence_fts.
CREATE TABLE IF NOT EXISTS sentences (
    id         INTEGER PRIMARY KEY,
    doc        TEXT NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    section    TEXT NOT NULL DEFAULT '',
    paragraph  INTEGER NOT NULL DEFAULT 0,
    is_heading INTEGER NOT NULL DEFAULT 0,
    text       TEXT NOT NULL,
    UNIQUE (doc, idx)
);

-- Full-text index of sentences: the normalized sentence segmented into words
-- (rjieba, search mode), lower-cased, punctuation dropped, and joined by spaces, so
-- the tokenizer only has to split at the spaces. rowid = sentences.id. Ranked with bm25().
-- Tokenizer 'ascii' (older workspaces have 'unicode61'; both are searched alike):
-- on these token strings it finds the same terms as unicode61 (CJK ideographs and
-- ASCII letters and digits are token characters for both, other characters of a
-- word are letters or digits, already lower-cased), without unicode61's table
-- look-up for every CJK character: inserting is ~25% cheaper. Only unicode61's
-- folding of Latin diacritics (é -> e) is not done.
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5(tokens, tokenize = 'ascii');

-- Coded measures: one row per (sentence, category); id = Measure.id (stable across runs).
CREATE TABLE IF NOT EXISTS measures (
    id               TEXT PRIMARY KEY,
    doc              TEXT NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    sentence         INTEGER NOT NULL,          -- sentences.idx within doc
    category         TEXT NOT NULL,
    label            TEXT NOT NULL DEFAULT '',
    dimension        TEXT NOT NULL DEFAULT '',
    stage            TEXT NOT NULL DEFAULT '',  -- implemented | planned | problem
    region           TEXT NOT NULL DEFAULT '',
    region_code      TEXT NOT NULL DEFAULT '',
    text             TEXT NOT NULL,
    original         TEXT NOT NULL DEFAULT '',
    start            INTEGER NOT NULL DEFAULT 0,
    "end"            INTEGER NOT NULL DEFAULT 0,
    section          TEXT NOT NULL DEFAULT '',
    trigger          TEXT NOT NULL DEFAULT '',
    method           TEXT NOT NULL DEFAULT '',
    confidence       REAL NOT NULL DEFAULT 0,
    quantities       TEXT NOT NULL DEFAULT '[]', -- JSON list of Quantity records
    sha256           TEXT NOT NULL DEFAULT '',   -- hash of the source file
    taxonomy_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS measures_doc ON measures(doc, sentence);
CREATE INDEX IF NOT EXISTS measures_region ON measures(region);
CREATE INDEX IF NOT EXISTS measures_category ON measures(category);
CREATE INDEX IF NOT EXISTS measures_stage ON measures(stage);

-- One row per `run`: what was asked and what happened (manifest is JSON).
CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,                          -- NULL while running or if interrupted
    status      TEXT NOT NULL,                 -- running | done | interrupted
    manifest    TEXT NOT NULL DEFAULT '{}'
);
