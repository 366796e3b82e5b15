"""Read-only queries over a workspace: ranked search, comparable practices, concordance.

- :func:`search`  BM25 (SQLite FTS5) over word-segmented sentences -> measures (or sentences);
- :func:`similar` measures of the same/related categories ranked by char n-gram TF-IDF cosine,
  grouped by region;
- :func:`kwic`    every occurrence of a term with left/right context.

All three take traditional or simplified input (normalized like the stored text),
and raise ``SelectionError`` (E207) rather than return nothing, so the CLI can say so.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import json
import os
from collections.abc import Iterator
from typing import Any

from eduminer.corpus.model import Document, Sentence
from eduminer.errors import Errors, SelectionError
from eduminer.workspace import cues
from eduminer.workspace.segment import query_tokens
from eduminer.workspace.store import Workspace, open_workspace
from eduminer.workspace.text import match_expression_of, normalize

STAGE_ORDER = {"implemented": 0, "planned": 1, "problem": 2}
# char n-gram cosine from which a free text counts as a paraphrase of a stored sentence
SOURCE_SIMILARITY = 0.2
HIGHLIGHT = ("【", "】")
_ADMIN_SUFFIXES = "省市区县旗州盟"


# --- selections --------------------------------------------------------------------


def _suggest(value: str, stored: list[str], kind: str) -> SelectionError:
    import difflib

    close = difflib.get_close_matches(value, stored, n=3, cutoff=0.3)
    if not close:  # short names: a stored value containing the typed one
        close = [s for s in stored if value and (value in s or s in value)][:3]
    hint = f" Did you mean {', '.join(close)}?" if close else (
        f" Stored values: {', '.join(stored[:8])}{' …' if len(stored) > 8 else ''}." if stored
        else " The workspace has none yet.")
    return SelectionError(Errors.E204, kind=kind, value=value, suggestion=hint)


def _gazetteer_path(name: str) -> str:
    """The full region path the gazetteer gives for ``name`` ('' if none / no gazetteer)."""
    try:
        from eduminer.corpus.regions import gazetteer

        found = gazetteer().resolve(name)
    except Exception:  # noqa: BLE001 -- the gazetteer is an optional helper here
        return ""
    if not found:
        return ""
    if isinstance(found, str):
        return found
    return str(getattr(found, "path", "") or "")


def resolve_region(ws: Workspace, name: str) -> list[str]:
    """Region path prefixes stored in ``ws`` that ``name`` designates.

    Accepts a path or path prefix (重庆市, 重庆市/南岸区), a full unit name at any level
    (南岸区) or a short one (重庆, 港北); raises SelectionError with suggestions otherwise.
    """
    name = normalize(name.strip()).strip("/")
    stored = sorted(set(ws.distinct("measures", "region")) | set(ws.distinct("documents", "region")))
    if any(r == name or r.startswith(name + "/") for r in stored):
        return [name]
    full = _gazetteer_path(name)
    if full and any(r == full or r.startswith(full + "/") for r in stored):
        return [full]
    # a full unit name (南岸区) must match a segment exactly: 和平区 and 和平县 differ;
    # a short name (南岸, 重庆) matches the segment it begins
    full_name = name[-1:] in _ADMIN_SUFFIXES
    prefixes: list[str] = []
    for r in stored:
        parts = r.split("/")
        for i, part in enumerate(parts):
            if part == name or (not full_name and len(name) >= 2 and part.startswith(name)):
                prefix = "/".join(parts[: i + 1])
                if prefix not in prefixes:
                    prefixes.append(prefix)
    if prefixes:
        return prefixes
    segments = sorted({p for r in stored for p in r.split("/")})
    raise _suggest(name, stored + segments, "region")


def resolve_category(ws: Workspace, name: str) -> list[str]:
    """Stored category ids that ``name`` designates: an id, a dimension (id prefix),
    a Chinese label, or a unique part of an id/label."""
    name = normalize(name.strip())
    ids = ws.distinct("measures", "category")
    if name in ids:
        return [name]
    hits = [c for c in ids if c.startswith(name + ".")]
    if hits:
        return hits
    labels = {r[0]: r[1] for r in ws.conn.execute("SELECT DISTINCT category, label FROM measures")}
    hits = [c for c, label in labels.items() if label == name]
    if not hits:
        hits = sorted({c for c, label in labels.items() if name and (name in c or (label and name in label))})
    if hits:
        return hits
    raise _suggest(name, ids + sorted({v for v in labels.values() if v}), "category")


def resolve_stage(ws: Workspace, name: str) -> str:
    stored = ws.distinct("measures", "stage")
    if name in stored:
        return name
    raise _suggest(name, stored, "stage")


def _region_clause(column: str, prefixes: list[str], negate: bool = False) -> tuple[str, list[str]]:
    parts, args = [], []
    for p in prefixes:
        parts.append(f"({column} = ? OR substr({column}, 1, ?) = ?)")
        args += [p, len(p) + 1, p + "/"]
    clause = "(" + " OR ".join(parts) + ")"
    return (f"NOT {clause}" if negate else clause), args


# --- highlighting ------------------------------------------------------------------


def highlight(text: str, terms: list[str], marks: tuple[str, str] = HIGHLIGHT) -> str:
    """``text`` with every occurrence of any term wrapped in marks (overlaps merged).

    >>> highlight("推进教师交流轮岗", ["教师", "轮岗"])
    '推进【教师】交流【轮岗】'
    """
    spans: list[tuple[int, int]] = []
    low = text.lower()
    for term in {t.lower() for t in terms if t}:
        start = low.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = low.find(term, start + 1)
    if not spans:
        return text
    spans.sort()
    merged = [list(spans[0])]
    for s, e in spans[1:]:
        if s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        out += [text[pos:s], marks[0], text[s:e], marks[1]]
        pos = e
    out.append(text[pos:])
    return "".join(out)


# --- search --------------------------------------------------------------------------


def search(query: str, db: str | os.PathLike = "eduminer.db", region: tuple[str, ...] | str | None = None,
           category: tuple[str, ...] | str | None = None, stage: str | None = None,
           exclude_region: tuple[str, ...] | str | None = None, k: int = 20,
           sentences: bool = False, diversify: bool = True) -> list[dict]:
    """The ``k`` best measures (or sentences) for ``query``, ranked by BM25 of the sentence.

    Measures of the categories the query itself names come first (see ``query_categories``),
    one row per sentence; ``diversify`` spreads the first results over regions.
    Ties are broken by stage (implemented, planned, problem) and newer date first.
    Traditional queries find simplified text; FTS syntax in the query is plain text.
    """
    terms = query_tokens(query)  # as the index was cut, without loading jieba's dictionary
    expr = match_expression_of(terms)
    with open_workspace(db) as ws:
        where, args, detail = [], [], []
        column = "d.region" if sentences else "m.region"
        for value, negate, label in ((region, False, "region"), (exclude_region, True, "not region")):
            names = [value] if isinstance(value, str) else list(value or ())
            if names:
                prefixes = [p for n in names for p in resolve_region(ws, n)]
                clause, a = _region_clause(column, prefixes, negate)
                where.append(clause)
                args += a
                detail.append(f"{label} {'/'.join(names)}")
        cats = [category] if isinstance(category, str) else list(category or ())
        if cats:
            ids = [c for name in cats for c in resolve_category(ws, name)]
            if sentences:
                where.append(f"EXISTS (SELECT 1 FROM measures m WHERE m.doc = s.doc AND m.sentence = s.idx"
                             f" AND m.category IN ({','.join('?' * len(ids))}))")
            else:
                where.append(f"m.category IN ({','.join('?' * len(ids))})")
            args += ids
            detail.append(f"category {'/'.join(cats)}")
        if stage:
            st = resolve_stage(ws, stage)
            if sentences:
                where.append("EXISTS (SELECT 1 FROM measures m WHERE m.doc = s.doc AND m.sentence = s.idx"
                             " AND m.stage = ?)")
            else:
                where.append("m.stage = ?")
            args.append(st)
            detail.append(f"stage {stage}")
        detail_text = f" ({', '.join(detail)})" if detail else ""
        if not expr:
            raise SelectionError(Errors.E207, query=query, detail=detail_text)
        filters = (" AND " + " AND ".join(where)) if where else ""
        # fetch a margin beyond k: ties on a sentence's score are then broken in Python
        # a wide pool: re-ranking by category and region needs more than the top k
        rows = (_search_sentences if sentences else _search_measures)(ws, expr, filters, args, 10 * k + 200)
        if not rows:
            raise SelectionError(Errors.E207, query=query, detail=detail_text)
        if not sentences:
            rows = _rank_measures(rows, query_categories(query), terms, diversify, k)
        return [_shape(r, rank, terms, sentences) for rank, r in enumerate(rows[:k], 1)]


def prepare_queries(taxonomy: Any = None) -> None:
    """Build the per-user caches ``search`` reads (the query dictionary and the taxonomy's
    cue index) now, if they are missing, so that even the first search starts quickly.
    ``eduminer run`` calls this at the end; a cache that cannot be built costs nothing
    but speed, so nothing here raises."""
    import contextlib

    with contextlib.suppress(Exception):
        query_tokens("学区")
        query_categories("学区", taxonomy)


def query_categories(query: str, taxonomy: Any = None) -> set[str]:
    """Categories whose cue rules fire on the query itself (教师交流轮岗 -> teacher rotation),
    from an index of the taxonomy cached per file (see :mod:`eduminer.workspace.cues`).

    >>> sorted(query_categories("教師交流輪崗"))
    ['personnel.teacher_rotation']
    """
    return cues.query_categories(query, taxonomy)


def _rank_measures(rows: list, wanted: set[str], terms: list[str], diversify: bool,
                   limit: int | None = None) -> list:
    """One row per sentence, measures of the query's own categories first, then BM25;
    with ``diversify``, each further hit from an already-listed region counts a little
    less, so the first page shows what several regions did rather than one region's
    many sentences. With ``limit``, only the first ``limit`` rows (each pick depends on
    the earlier ones only, so they are the same)."""
    best: dict[tuple[str, int], Any] = {}

    def key(r):  # lower is better; bm25() is negative, more negative = better
        return (r["category"] not in wanted, r["score"], -sum(t in (r["label"] or "") for t in terms),
                STAGE_ORDER.get(r["stage"], 3))

    for r in rows:
        k = (r["doc"], r["sentence"])
        if k not in best or key(r) < key(best[k]):
            best[k] = r
    ranked = sorted(best.values(), key=key)
    if not diversify:
        return ranked
    # A listed region's further hits are discounted by 20% each (a soft round-robin). The
    # discount is the same for all rows of a region, so each pick is the best of the
    # regions' first remaining rows (ties: the earlier row in ``ranked``).
    queues: dict[str, collections.deque] = {}
    for position, r in enumerate(ranked):
        queues.setdefault(_top_region(r["region"]), collections.deque()).append((position, r))
    out, seen = [], collections.Counter()

    def discounted(item):
        region, (position, r) = item
        return r["category"] not in wanted, r["score"] * (0.8 ** seen[region]), position

    while queues and (limit is None or len(out) < limit):
        region, _ = min(((region, queue[0]) for region, queue in queues.items()), key=discounted)
        out.append(queues[region].popleft()[1])
        seen[region] += 1
        if not queues[region]:
            del queues[region]
    return out


def _top_region(path: str) -> str:
    return (path or "").split("/", 1)[0]


_STAGE_SQL = "CASE m.stage WHEN 'implemented' THEN 0 WHEN 'planned' THEN 1 WHEN 'problem' THEN 2 ELSE 3 END"


def _search_measures(ws: Workspace, expr: str, filters: str, args: list, k: int):
    sql = f"""
        WITH hits AS (SELECT rowid AS id, bm25(sentence_fts) AS score FROM sentence_fts
                      WHERE sentence_fts MATCH ?)
        SELECT m.*, hits.score AS score, d.title AS title, d.date AS date, d.issuer AS issuer
        FROM hits JOIN sentences s ON s.id = hits.id
                  JOIN measures m ON m.doc = s.doc AND m.sentence = s.idx
                  JOIN documents d ON d.doc = m.doc
        WHERE 1 {filters}
        ORDER BY hits.score, {_STAGE_SQL}, d.date DESC, m.id
        LIMIT ?"""
    return ws.conn.execute(sql, [expr, *args, k]).fetchall()


def _search_sentences(ws: Workspace, expr: str, filters: str, args: list, k: int):
    sql = f"""
        WITH hits AS (SELECT rowid AS id, bm25(sentence_fts) AS score FROM sentence_fts
                      WHERE sentence_fts MATCH ?)
        SELECT s.doc AS doc, s.idx AS sentence, s.text AS text, s.section AS section,
               hits.score AS score, d.region AS region, d.title AS title, d.date AS date, d.issuer AS issuer,
               (SELECT group_concat(DISTINCT m.category) FROM measures m
                 WHERE m.doc = s.doc AND m.sentence = s.idx) AS categories
        FROM hits JOIN sentences s ON s.id = hits.id JOIN documents d ON d.doc = s.doc
        WHERE 1 {filters}
        ORDER BY hits.score, d.date DESC, s.doc, s.idx
        LIMIT ?"""
    return ws.conn.execute(sql, [expr, *args, k]).fetchall()


def _shape(row, rank: int, terms: list[str], sentences: bool) -> dict:
    text = row["text"].strip()
    # bm25() is lower-is-better and negative; report higher-is-better
    score = round(-row["score"], 3)
    if sentences:
        return {"rank": rank, "score": score, "region": row["region"], "date": row["date"],
                "categories": (row["categories"] or "").split(",") if row["categories"] else [],
                "highlight": highlight(text, terms), "title": row["title"], "doc": row["doc"],
                "sentence": row["sentence"], "section": row["section"], "text": text}
    return {"rank": rank, "score": score, "id": row["id"], "region": row["region"], "date": row["date"],
            "category": row["category"], "label": row["label"], "stage": row["stage"],
            "highlight": highlight(text, terms), "title": row["title"], "doc": row["doc"],
            "sentence": row["sentence"], "issuer": row["issuer"], "text": text, "original": row["original"],
            "quantities": json.loads(row["quantities"] or "[]")}


# --- kwic ------------------------------------------------------------------------------


def kwic(term: str, db: str | os.PathLike = "eduminer.db", width: int = 20,
         region: tuple[str, ...] | str | None = None) -> Iterator[dict]:
    """Every occurrence of ``term`` in the stored normalized texts, with ``width`` characters
    of context each side (a concordance). Streams; raises E207 at once when nothing matches.

    Candidate documents come from SQLite's ``instr`` over the stored text (exact substring
    semantics: a word index cannot promise that for Chinese, where segmentation depends on
    context), then ``str.find`` loops.
    """
    needle = normalize(term.strip())
    ws = open_workspace(db)
    try:
        names = [region] if isinstance(region, str) else list(region or ())
        where, args = "", []
        if names:
            prefixes = [p for n in names for p in resolve_region(ws, n)]
            clause, args = _region_clause("region", prefixes)
            where = " AND " + clause
        if not needle:
            raise SelectionError(Errors.E207, query=term, detail="")
        rows = _kwic_rows(ws, needle, width, where, args)
        first = next(rows, None)
        if first is None:
            detail = f" (region {'/'.join(names)})" if names else ""
            raise SelectionError(Errors.E207, query=term, detail=detail)
    except BaseException:
        ws.close()
        raise
    return _closing(itertools.chain([first], rows), ws)


def _closing(rows: Iterator[dict], ws: Workspace) -> Iterator[dict]:
    try:
        yield from rows
    finally:
        ws.close()


def _kwic_rows(ws: Workspace, needle: str, width: int, where: str, args: list) -> Iterator[dict]:
    docs = ws.conn.execute(f"SELECT doc, region FROM documents WHERE instr(text, ?) > 0{where} ORDER BY doc",
                           [needle, *args]).fetchall()
    for doc_id, region in docs:
        text = ws.conn.execute("SELECT text FROM documents WHERE doc=?", (doc_id,)).fetchone()[0]
        starts = [r[0] for r in ws.conn.execute("SELECT start FROM sentences WHERE doc=? ORDER BY start",
                                                (doc_id,))]
        idxs = [r[0] for r in ws.conn.execute("SELECT idx FROM sentences WHERE doc=? ORDER BY start",
                                              (doc_id,))]
        pos = text.find(needle)
        while pos >= 0:
            i = bisect.bisect_right(starts, pos) - 1
            end = pos + len(needle)
            yield {"doc": doc_id, "region": region,
                   "left": _flat(text[max(0, pos - width):pos]), "keyword": text[pos:end],
                   "right": _flat(text[end:end + width]), "sentence": idxs[i] if i >= 0 else None,
                   "offset": pos}
            pos = text.find(needle, pos + 1)


def _flat(s: str) -> str:
    return " ".join(s.split()) if "\n" in s or "\t" in s else s


# --- similar ---------------------------------------------------------------------------


def _extract_categories(text: str, taxonomy: Any = None, extractor: Any = None) -> list[str]:
    """Categories the extractor finds in a free text ([] if it finds none)."""
    if extractor is None:
        from eduminer.extract import measures as extractor

    doc = Document(doc="<text>", path="", format="txt", encoding="utf-8", sha256="", original=text,
                   text=text, offsets=tuple(range(len(text) + 1)),
                   sentences=(Sentence("<text>", 0, 0, len(text), text),))
    found = []
    for m in extractor([doc], taxonomy):
        if m.category not in found:
            found.append(m.category)
    return found


def _core(text: str) -> str:
    # the part of a sentence worth looking up verbatim: no surrounding space/punctuation
    return text.strip().strip("。；;，,！!？?、 \n\t")


def _cosine(texts: list[str], query: str):
    """Char 1–3-gram TF-IDF cosine of ``query`` to each of ``texts`` (IDF fitted on ``texts``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    matrix = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True).fit_transform(texts + [query])
    return linear_kernel(matrix[-1], matrix[:-1]).ravel()


def similar(measure_id: str | None = None, db: str | os.PathLike = "eduminer.db", text: str | None = None,
            other_regions: bool = False, k: int = 10, taxonomy: Any = None,
            extractor: Any = None) -> list[dict]:
    """Comparable practices: measures of the same or related categories (same dimension),
    ranked by character n-gram TF-IDF cosine to the given measure or text, grouped by region.

    With ``other_regions`` the source region is left out: the measure's region, or for a
    text the region it names (gazetteer), the regions of stored sentences containing it,
    or else the region of the stored sentence it most resembles (cosine ≥ SOURCE_SIMILARITY).
    Every row names the excluded ``source_region``.
    """
    if (measure_id is None) == (text is None):
        raise SelectionError(Errors.E208, command="similar", choices="MEASURE_ID or --text",
                             got="both" if measure_id else "neither")
    with open_workspace(db) as ws:
        conn = ws.conn
        source_regions: set[str] = set()
        skip_sentence: tuple[str, int] | None = None
        if measure_id is not None:
            row = conn.execute("SELECT * FROM measures WHERE id=?", (measure_id.strip(),)).fetchone()
            if row is None:
                from eduminer.errors import WorkspaceError

                raise WorkspaceError(Errors.E206, value=measure_id)
            query = row["text"]
            cats = [r[0] for r in conn.execute("SELECT DISTINCT category FROM measures WHERE doc=? AND sentence=?",
                                               (row["doc"], row["sentence"]))]
            source_regions.add(row["region"])
            skip_sentence = (row["doc"], row["sentence"])
        else:
            query = normalize(text or "")
            if not _core(query):
                raise SelectionError(Errors.E207, query=text, detail="")
            cats = _extract_categories(query, taxonomy, extractor)
            named = _gazetteer_path(query)
            if named:
                source_regions.add(named)
            # the text may be quoted from the corpus: its sentence's regions are its source
            for r in conn.execute(
                    "SELECT s.doc, s.idx, d.region FROM sentences s JOIN documents d ON d.doc = s.doc"
                    " WHERE instr(s.text, ?) > 0 LIMIT 50", (_core(query),)):
                source_regions.add(r["region"])
                for m in conn.execute("SELECT category, region FROM measures WHERE doc=? AND sentence=?",
                                      (r["doc"], r["idx"])):
                    source_regions.add(m["region"])
                    if m["category"] not in cats:
                        cats.append(m["category"])
        dims = {c.split(".")[0] for c in cats}
        rows = conn.execute(
            "SELECT m.id, m.doc, m.sentence, m.category, m.label, m.dimension, m.stage, m.region, m.text,"
            " d.title, d.date FROM measures m JOIN documents d ON d.doc = m.doc ORDER BY m.doc, m.sentence").fetchall()
    if not rows:
        raise SelectionError(Errors.E207, query=measure_id or text, detail="")
    if text is not None and not source_regions:
        # a paraphrase of a stored sentence (not quoted verbatim): the sentence it most
        # resembles, if close enough, tells where the text came from
        scores = _cosine([r["text"] for r in rows], query)
        nearest = int(scores.argmax())
        if scores[nearest] >= SOURCE_SIMILARITY:
            source_regions.add(rows[nearest]["region"])
    source_regions.discard("")
    candidates = []
    for r in rows:
        if skip_sentence and (r["doc"], r["sentence"]) == skip_sentence:
            continue
        if cats and r["category"] not in cats and (r["dimension"] or r["category"].split(".")[0]) not in dims:
            continue
        if other_regions and any(r["region"] == s or r["region"].startswith(s + "/") for s in source_regions):
            continue
        candidates.append(r)
    if not candidates:
        detail = " in other regions" if other_regions else ""
        raise SelectionError(Errors.E207, query=measure_id or text, detail=detail)
    scores = _cosine([r["text"] for r in candidates], query)
    best: dict[tuple[str, int], tuple[float, Any]] = {}
    for r, s in zip(candidates, scores):
        # one row per sentence: prefer the measure of a requested category
        key = (r["doc"], r["sentence"])
        rank = (float(s), r["category"] in cats)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, r)
    top = sorted(best.values(), key=lambda x: (-x[0][0], STAGE_ORDER.get(x[1]["stage"], 3), x[1]["id"]))[:k]
    groups: dict[str, list[tuple[float, Any]]] = {}
    for item in top:
        groups.setdefault(item[1]["region"], []).append(item)
    out = []
    for region, items in groups.items():  # regions in order of their best match
        for n, ((score, _), r) in enumerate(items, 1):
            out.append({"region": region, "rank_in_region": n, "score": round(score, 3), "id": r["id"],
                        "category": r["category"], "label": r["label"], "stage": r["stage"],
                        "text": r["text"].strip(), "title": r["title"], "date": r["date"], "doc": r["doc"],
                        "sentence": r["sentence"], "same_category": r["category"] in cats,
                        "source_region": ";".join(sorted(source_regions))})
    return out
