-- eduminer workspace schema, version 2 (PRAGMA user_version = 2): migration from version 1.
--
-- Version 1 (schema.sql) stored every text several times: the document's text and
-- original, each sentence, and each measure's sentence (text and original again,
-- once per category coded in it). Version 2 stores each text once:
--
-- * documents.original is NULL when it equals text (most UTF-8 simplified input);
--   the small columns come first, so reading metadata never walks the text's
--   overflow pages;
-- * sentences.original (added by the migration, ALTER TABLE) holds the sentence in
--   the original script, NULL when it equals sentences.text;
-- * measures are stored in measure_rows, whose text/original/section are NULL when
--   they equal their sentence's; the view `measures` puts them back (and takes
--   sha256 from the document), with exactly the columns of version 1, so every
--   reader of `measures` keeps working. Write to measure_rows (the view accepts
--   INSERT and DELETE too, through triggers).
--
-- Run by store._schema_v2 after sentences.original is filled, inside the migration
-- transaction with foreign keys off (the 12-step table rebuild of the SQLite docs).

CREATE TABLE documents_v2 (
    doc              TEXT PRIMARY KEY,
    path             TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    format           TEXT NOT NULL,
    encoding         TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    date             TEXT NOT NULL DEFAULT '',
    issuer           TEXT NOT NULL DEFAULT '',
    doc_number       TEXT NOT NULL DEFAULT '',
    region           TEXT NOT NULL DEFAULT '',
    region_code      TEXT NOT NULL DEFAULT '',
    script           TEXT NOT NULL DEFAULT 'simplified',
    notes            TEXT NOT NULL DEFAULT '[]',
    taxonomy_version TEXT NOT NULL DEFAULT '',
    processed_at     TEXT NOT NULL,
    text             TEXT NOT NULL,              -- normalized (simplified) text
    original         TEXT,                       -- clean text in the original script; NULL = same as text
    offsets          BLOB                        -- zlib(int32 deltas) map text -> original; NULL = identity
);
INSERT INTO documents_v2 (doc, path, sha256, format, encoding, title, date, issuer, doc_number, region,
                          region_code, script, notes, taxonomy_version, processed_at, text, original, offsets)
SELECT doc, path, sha256, format, encoding, title, date, issuer, doc_number, region, region_code, script,
       notes, taxonomy_version, processed_at, text, CASE WHEN original = text THEN NULL ELSE original END,
       offsets
FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents;
CREATE INDEX IF NOT EXISTS documents_region ON documents(region);

-- Coded measures: one row per (sentence, category); id = Measure.id (stable across runs).
CREATE TABLE measure_rows (
    id               TEXT PRIMARY KEY,
    doc              TEXT NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    sentence         INTEGER NOT NULL,          -- sentences.idx within doc
    category         TEXT NOT NULL,
    label            TEXT NOT NULL DEFAULT '',
    dimension        TEXT NOT NULL DEFAULT '',
    stage            TEXT NOT NULL DEFAULT '',  -- implemented | planned | problem
    region           TEXT NOT NULL DEFAULT '',
    region_code      TEXT NOT NULL DEFAULT '',
    text             TEXT,                      -- NULL = the sentence's text
    original         TEXT,                      -- NULL = the sentence's original
    start            INTEGER NOT NULL DEFAULT 0,
    "end"            INTEGER NOT NULL DEFAULT 0,
    section          TEXT,                      -- NULL = the sentence's section
    trigger          TEXT NOT NULL DEFAULT '',
    method           TEXT NOT NULL DEFAULT '',
    confidence       REAL NOT NULL DEFAULT 0,
    quantities       TEXT NOT NULL DEFAULT '[]', -- JSON list of Quantity records
    taxonomy_version TEXT NOT NULL DEFAULT ''
);
INSERT INTO measure_rows (id, doc, sentence, category, label, dimension, stage, region, region_code, text,
                          original, start, "end", section, trigger, method, confidence, quantities,
                          taxonomy_version)
SELECT m.id, m.doc, m.sentence, m.category, m.label, m.dimension, m.stage, m.region, m.region_code,
       CASE WHEN m.text = s.text THEN NULL ELSE m.text END,
       CASE WHEN m.original = coalesce(s.original, s.text) THEN NULL ELSE m.original END,
       m.start, m."end",
       CASE WHEN m.section = s.section THEN NULL ELSE m.section END,
       m.trigger, m.method, m.confidence, m.quantities, m.taxonomy_version
FROM measures m LEFT JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence;
DROP TABLE measures;
CREATE INDEX IF NOT EXISTS measures_doc ON measure_rows(doc, sentence);
CREATE INDEX IF NOT EXISTS measures_region ON measure_rows(region);
CREATE INDEX IF NOT EXISTS measures_category ON measure_rows(category);
CREATE INDEX IF NOT EXISTS measures_stage ON measure_rows(stage);

-- The measures as version 1 stored them (same columns, same order). LEFT JOINs on
-- unique keys: a query that needs no sentence or document column skips those joins.
CREATE VIEW measures AS
SELECT r.id AS id, r.doc AS doc, r.sentence AS sentence, r.category AS category, r.label AS label,
       r.dimension AS dimension, r.stage AS stage, r.region AS region, r.region_code AS region_code,
       coalesce(r.text, s.text) AS text, coalesce(r.original, s.original, s.text) AS original,
       r.start AS start, r."end" AS "end", coalesce(r.section, s.section) AS section, r.trigger AS trigger,
       r.method AS method, r.confidence AS confidence, r.quantities AS quantities, d.sha256 AS sha256,
       r.taxonomy_version AS taxonomy_version
FROM measure_rows r
LEFT JOIN sentences s ON s.doc = r.doc AND s.idx = r.sentence
LEFT JOIN documents d ON d.doc = r.doc;

CREATE TRIGGER measures_insert INSTEAD OF INSERT ON measures
BEGIN
    INSERT OR REPLACE INTO measure_rows (id, doc, sentence, category, label, dimension, stage, region,
                                         region_code, text, original, start, "end", section, trigger,
                                         method, confidence, quantities, taxonomy_version)
    VALUES (new.id, new.doc, new.sentence, new.category, coalesce(new.label, ''), coalesce(new.dimension, ''),
            coalesce(new.stage, ''), coalesce(new.region, ''), coalesce(new.region_code, ''), new.text,
            new.original, coalesce(new.start, 0), coalesce(new."end", 0), new.section,
            coalesce(new.trigger, ''), coalesce(new.method, ''), coalesce(new.confidence, 0),
            coalesce(new.quantities, '[]'), coalesce(new.taxonomy_version, ''));
END;

CREATE TRIGGER measures_delete INSTEAD OF DELETE ON measures
BEGIN
    DELETE FROM measure_rows WHERE id = old.id;
END;
