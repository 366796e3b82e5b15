"""Measure tables from a workspace: the long measure table, pivots, documents, a DOCX report.

Views (each a stream of dict rows):

- ``measures``  one row per measure with evidence and source (streamed from a cursor);
- ``pivot``     one row per (row key, category): count and an example quote;
- ``matrix``    the row key x category count matrix (wide);
- ``documents`` one row per document with its measure count.

>>> roll_up("重庆市/南岸区", "city"), roll_up("山东省/潍坊市/潍城区", "city")
('重庆市', '山东省/潍坊市')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import IO

from eduminer.errors import Errors, OutputError, SelectionError
from eduminer.workspace.store import Workspace, open_workspace

EXPORT_FORMATS = ("csv", "xlsx", "md", "docx", "json", "jsonl")
VIEWS = ("measures", "pivot", "matrix", "documents")
BY = ("region", "category", "document")
LEVELS = ("province", "city", "county")
# province-level cities: their second level is already a district (county level)
CJK_FONT = "宋体"

MEASURE_COLUMNS = ["id", "region", "category", "label", "dimension", "stage", "text", "original", "quantities",
                   "doc", "title", "date", "issuer", "doc_number", "section", "trigger", "method", "confidence",
                   "taxonomy_version"]


def roll_up(region: str, level: str | None) -> str:
    """``region`` cut to ``level`` (province, city or county); unchanged when level is None."""
    if not level or not region:
        return region
    if level not in LEVELS:
        raise SelectionError(Errors.E204, kind="level", value=level, suggestion=f" Choose from {', '.join(LEVELS)}.")
    from eduminer.corpus.regions import roll_up as gazetteer_roll_up

    return gazetteer_roll_up(region, level)


def measure_rows(ws: Workspace, level: str | None = None) -> Iterator[dict]:
    """The long measure table, streamed straight from an SQLite cursor."""
    cursor = ws.conn.execute(
        "SELECT m.*, d.title, d.date, d.issuer, d.doc_number FROM measures m JOIN documents d ON d.doc = m.doc"
        " ORDER BY m.region, m.category, d.date, m.doc, m.sentence")
    for r in cursor:
        quantities = json.loads(r["quantities"] or "[]")
        yield {"id": r["id"], "region": roll_up(r["region"], level), "category": r["category"],
               "label": r["label"], "dimension": r["dimension"], "stage": r["stage"], "text": r["text"].strip(),
               "original": r["original"].strip(), "quantities": "; ".join(q.get("text", "") for q in quantities),
               "doc": r["doc"], "title": r["title"], "date": r["date"], "issuer": r["issuer"],
               "doc_number": r["doc_number"], "section": r["section"], "trigger": r["trigger"],
               "method": r["method"], "confidence": round(r["confidence"], 3),
               "taxonomy_version": r["taxonomy_version"]}


_STAGE_RANK = {"implemented": 0, "planned": 1, "problem": 2}


def _key(row: dict, by: str) -> str:
    return {"region": row["region"], "category": row["category"], "document": row["doc"]}[by]


def pivot_rows(ws: Workspace, by: str = "region", level: str | None = None) -> list[dict]:
    """One row per (``by`` key, category) -- or (category, region) when ``by`` is category --
    with the count and one example quote (implemented first, then the shortest)."""
    if by not in BY:
        raise SelectionError(Errors.E204, kind="--by", value=by, suggestion=f" Choose from {', '.join(BY)}.")
    cells: dict[tuple[str, str], dict] = {}
    for row in measure_rows(ws, level):
        col = row["region"] if by == "category" else row["category"]
        key = (_key(row, by), col)
        cell = cells.get(key)
        rank = (_STAGE_RANK.get(row["stage"], 3), len(row["text"]))
        if cell is None:
            cells[key] = cell = {by: key[0], ("region" if by == "category" else "category"): col,
                                 "label": row["label"], "count": 0, "_rank": rank, "example": row["text"],
                                 "example_doc": row["doc"], "example_title": row["title"]}
        cell["count"] += 1
        if rank < cell["_rank"]:
            cell.update(_rank=rank, example=row["text"], example_doc=row["doc"], example_title=row["title"])
    out = []
    for key in sorted(cells):
        cell = dict(cells[key])
        cell.pop("_rank")
        out.append(cell)
    return out


def matrix_rows(ws: Workspace, by: str = "region", level: str | None = None) -> list[dict]:
    """Counts as a wide matrix: one row per ``by`` key, one column per category
    (per region when ``by`` is category), plus a total."""
    cells = pivot_rows(ws, by, level)
    col_name = "region" if by == "category" else "category"
    if by == "category":
        columns = sorted({c[col_name] for c in cells})
        title = {c: c for c in columns}
    else:
        title = {}
        for c in cells:
            title.setdefault(c["category"], f"{c['label']} ({c['category']})" if c["label"] else c["category"])
        columns = sorted(title)
    rows: dict[str, dict] = {}
    for c in cells:
        row = rows.setdefault(c[by], {by: c[by], **{title[col]: 0 for col in columns}, "total": 0})
        row[title[c[col_name]]] = c["count"]
        row["total"] += c["count"]
    return [rows[k] for k in sorted(rows)]


def document_rows(ws: Workspace, level: str | None = None) -> Iterator[dict]:
    cursor = ws.conn.execute(
        "SELECT d.doc, d.title, d.date, d.issuer, d.doc_number, d.region, d.format, d.encoding, d.path, d.sha256,"
        " d.taxonomy_version, (SELECT count(*) FROM measures m WHERE m.doc = d.doc) AS measures"
        " FROM documents d ORDER BY d.region, d.date, d.doc")
    for r in cursor:
        rec = dict(r)
        rec["region"] = roll_up(rec["region"], level)
        yield rec


def export(db: str | os.PathLike = "eduminer.db", format: str = "csv", by: str = "region",
           output: str | os.PathLike | IO | None = None, level: str | None = None,
           view: str = "measures") -> dict[str, int]:
    """Write the workspace's measures as tables. Returns rows written per view.

    Single-table formats (csv, json, jsonl) write ``view`` (streamed for measures);
    xlsx (one sheet per view), md (a section per view) and docx (a report) write all views.

    >>> export("eduminer.db", "xlsx", by="region", output="measures.xlsx")   # doctest: +SKIP
    {'measures': 311, 'pivot': 60, 'matrix': 5, 'documents': 5}
    """
    from eduminer.records import write_records, write_xlsx

    if format not in EXPORT_FORMATS:
        raise OutputError(Errors.E402, fmt=format, choices=", ".join(EXPORT_FORMATS))
    if by not in BY:
        raise SelectionError(Errors.E204, kind="--by", value=by, suggestion=f" Choose from {', '.join(BY)}.")
    if view not in VIEWS:
        raise SelectionError(Errors.E204, kind="view", value=view, suggestion=f" Choose from {', '.join(VIEWS)}.")
    if level is not None:
        roll_up("x", level)  # validate early, before any file is written
    if format in ("xlsx", "docx") and output is None:
        raise OutputError(Errors.E401, fmt=format)
    with open_workspace(db) as ws:
        if ws.counts()["measures"] == 0:
            raise SelectionError(Errors.E205, detail=f" (the workspace {db} holds no measures)")
        if format in ("csv", "json", "jsonl"):
            rows = {"measures": lambda: measure_rows(ws, level), "pivot": lambda: pivot_rows(ws, by, level),
                    "matrix": lambda: matrix_rows(ws, by, level), "documents": lambda: document_rows(ws, level)}
            columns = MEASURE_COLUMNS if view == "measures" else None
            return {view: write_records(rows[view](), format, output, columns=columns)}
        sheets = {"measures": list(measure_rows(ws, level)), f"pivot by {by}": pivot_rows(ws, by, level),
                  f"counts by {by}": matrix_rows(ws, by, level), "documents": list(document_rows(ws, level))}
        counts = {"measures": len(sheets["measures"]), "pivot": len(sheets[f"pivot by {by}"]),
                  "matrix": len(sheets[f"counts by {by}"]), "documents": len(sheets["documents"])}
        if format == "xlsx":
            write_xlsx(sheets, output, columns={"measures": MEASURE_COLUMNS})
        elif format == "md":
            _write_markdown(sheets, output)
        else:
            from eduminer.export.report import write_docx

            write_docx(ws, output, level=level, db_name=os.path.basename(str(db)))
        return counts


def _write_markdown(sheets: dict[str, list[dict]], output) -> None:
    import io
    import sys

    from eduminer.records import write_records

    buf = io.StringIO()
    for name, rows in sheets.items():
        buf.write(f"## {name}\n\n")
        columns = (["region", "label", "stage", "text", "title", "date"] if name == "measures" else None)
        write_records(rows, "md", buf, columns=columns)
        buf.write("\n")
    if output is None:
        sys.stdout.write(buf.getvalue())
    elif hasattr(output, "write"):
        output.write(buf.getvalue())
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(buf.getvalue())
