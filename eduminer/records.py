"""Write streams of records (dicts) in the formats every record-printing command offers.

One place owns the ``--format`` choices so that ``inspect``, ``extract``,
``search``, ``export`` … all behave alike (the sqlite-utils way):

- ``jsonl``  one JSON object per line, streamed
- ``json``   a JSON array, streamed element by element
- ``csv``    UTF-8 **with BOM** so Excel opens Chinese text correctly; streamed
- ``tsv``    like csv, tab-separated
- ``md``     a GitHub-flavoured Markdown table (pastes into reports)
- ``table``  an aligned plain-text table for the terminal (CJK-width aware)
- ``xlsx``   an Excel sheet: frozen header, filters, wrapped text, sensible widths

>>> import io
>>> buf = io.StringIO()
>>> write_records([{"doc": "a.txt", "n": 1}], "jsonl", buf)
1
>>> buf.getvalue()
'{"doc": "a.txt", "n": 1}\\n'
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from eduminer.errors import Errors, OutputError

TEXT_FORMATS = ("jsonl", "json", "csv", "tsv", "md", "table")
BINARY_FORMATS = ("xlsx",)
FORMATS = TEXT_FORMATS + BINARY_FORMATS
BOM = "\ufeff"


def _fills_dict_only(cls) -> bool:
    """True when a dataclass's instances are just their fields in ``__dict__`` (no slots,
    no ``__post_init__``, every field set by ``__init__``)."""
    return not (hasattr(cls, "__slots__") or hasattr(cls, "__post_init__")
                or any(not f.init for f in dataclasses.fields(cls)))


def positional_maker(cls):
    """A function ``make(*fields)`` building a frozen dataclass ``cls`` from all its
    fields in order: the same instance as ``cls(*fields)``, about twice as fast.

    Why: the ``__init__`` of a frozen dataclass sets each field through
    ``object.__setattr__``, a large part of splitting a document or coding a sentence
    when millions of records are made; filling ``__dict__`` gives the very same instance.
    The function is generated once per class, as dataclasses generates ``__init__``.
    A class that is not plain (slots, ``__post_init__``, fields not set by ``__init__``)
    is returned as it is.

    >>> @dataclasses.dataclass(frozen=True)
    ... class Span:
    ...     start: int
    ...     end: int
    >>> make = positional_maker(Span)
    >>> make(2, 5) == Span(2, 5), make(2, 5)
    (True, Span(start=2, end=5))
    """
    if not _fills_dict_only(cls):
        return cls
    names = [f.name for f in dataclasses.fields(cls)]
    body = [f"def make({', '.join(names)}):", "    record = new(cls)", "    values = record.__dict__"]
    body += [f"    values[{name!r}] = {name}" for name in names]  # key by key, in field order: fastest
    body.append("    return record")
    namespace = {"new": object.__new__, "cls": cls}
    exec("\n".join(body), namespace)  # noqa: S102 - field names of a dataclass, as dataclasses does
    make = namespace["make"]
    make.__qualname__ = make.__name__ = f"make_{cls.__name__}"
    return make


def keyword_maker(cls):
    """A function ``make(**fields)`` building ``cls`` like :func:`positional_maker`, from
    every field by keyword in field order (other calls go to the class itself).

    >>> @dataclasses.dataclass(frozen=True)
    ... class Span:
    ...     start: int
    ...     end: int = 0
    >>> make = keyword_maker(Span)
    >>> make(start=1, end=2), make(start=3)
    (Span(start=1, end=2), Span(start=3, end=0))
    """
    if not _fills_dict_only(cls):
        return cls
    names = tuple(f.name for f in dataclasses.fields(cls))
    new = object.__new__

    def make(**values):
        if tuple(values) != names:  # not every field in order: the class fills in or complains
            return cls(**values)
        record = new(cls)
        record.__dict__.update(values)
        return record

    return make


def to_record(obj: Any) -> dict:
    """A plain dict for a record: dataclasses (recursively), mappings, or objects with ``to_record``."""
    if hasattr(obj, "to_record"):
        return obj.to_record()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): _plain(v) for k, v in obj.items()}
    raise TypeError(f"not a record: {obj!r}")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_record(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def cell(value: Any) -> str | int | float:
    """Flatten a value for a table cell: lists joined with '; ', dicts as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(str(cell(v)) for v in value)
    if isinstance(value, Mapping):
        if "text" in value:  # e.g. a quantity: its text as written is what a reader wants
            return str(value["text"])
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def display_width(text: str) -> int:
    """Terminal columns taken by ``text``: CJK wide characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _truncate(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def write_records(
    records: Iterable[Any],
    fmt: str,
    out: IO[str] | IO[bytes] | str | os.PathLike | None = None,
    columns: list[str] | None = None,
    sheet: str = "records",
    max_width: int = 60,
) -> int:
    """Write ``records`` in format ``fmt`` to a text stream, a binary stream or a path.

    Streaming formats (jsonl, json, csv, tsv) never hold the records in memory;
    ``md``, ``table`` and ``xlsx`` need all rows to size their columns.
    Returns the number of records written (the generator is exhausted either way).
    """
    if fmt not in FORMATS:
        raise OutputError(Errors.E402, fmt=fmt, choices=", ".join(FORMATS))
    if isinstance(out, (str, os.PathLike)):
        if fmt in BINARY_FORMATS:
            with open(out, "wb") as fh:
                return write_records(records, fmt, fh, columns, sheet, max_width)
        # newline="" so the csv module controls line endings (\r\n, as Excel expects)
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return write_records(records, fmt, fh, columns, sheet, max_width)
    if out is None:
        import sys

        if fmt in BINARY_FORMATS:
            raise OutputError(Errors.E401, fmt=fmt)
        out = sys.stdout
    rows = (to_record(r) for r in records)
    writer = {
        "jsonl": _write_jsonl,
        "json": _write_json,
        "csv": _write_csv,
        "tsv": _write_tsv,
        "md": _write_markdown,
        "table": _write_table,
    }.get(fmt)
    if writer is not None:
        return writer(rows, out, columns, max_width)
    return write_xlsx({sheet: rows}, out, columns={sheet: columns} if columns else None)


def _write_jsonl(rows: Iterator[dict], out, columns, max_width) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(json.dumps(_select(row, columns), ensure_ascii=False) + "\n")
    return n


def _write_json(rows: Iterator[dict], out, columns, max_width) -> int:
    n = 0
    out.write("[")
    for n, row in enumerate(rows, 1):
        out.write(("\n " if n == 1 else ",\n ") + json.dumps(_select(row, columns), ensure_ascii=False))
    out.write("\n]\n" if n else "]\n")
    return n


def _write_csv(rows: Iterator[dict], out, columns, max_width, delimiter: str = ",") -> int:
    n = 0
    writer = None
    for n, row in enumerate(rows, 1):
        if writer is None:
            columns = columns or list(row)
            # the BOM is what makes Excel on Windows read the file as UTF-8
            if delimiter == ",":
                out.write(BOM)
            writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow(columns)
        writer.writerow([cell(row.get(c)) for c in columns])
    if writer is None and columns:
        out.write(BOM if delimiter == "," else "")
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow(columns)
    return n


def _write_tsv(rows, out, columns, max_width) -> int:
    return _write_csv(rows, out, columns, max_width, delimiter="\t")


def _select(row: dict, columns: list[str] | None) -> dict:
    return {c: row.get(c) for c in columns} if columns else row


def _collect(rows: Iterator[dict], columns: list[str] | None) -> tuple[list[str], list[list[str]]]:
    data = list(rows)
    if columns is None:
        columns = []
        for row in data:
            columns.extend(k for k in row if k not in columns)
    return columns, [[str(cell(r.get(c))) for c in columns] for r in data]


def _write_markdown(rows: Iterator[dict], out, columns, max_width) -> int:
    columns, body = _collect(rows, columns)

    def esc(s: str) -> str:
        return s.replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")

    out.write("| " + " | ".join(esc(c) for c in columns) + " |\n")
    out.write("|" + "|".join(" --- " for _ in columns) + "|\n")
    for row in body:
        out.write("| " + " | ".join(esc(v) for v in row) + " |\n")
    return len(body)


def _write_table(rows: Iterator[dict], out, columns, max_width) -> int:
    columns, body = _collect(rows, columns)
    body = [[_truncate(v.replace("\n", " "), max_width) for v in row] for row in body]
    widths = [max([display_width(c)] + [display_width(r[i]) for r in body]) for i, c in enumerate(columns)]
    out.write("  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in body:
        out.write("  ".join(_pad(v, w) for v, w in zip(row, widths)).rstrip() + "\n")
    return len(body)


def write_xlsx(
    sheets: Mapping[str, Iterable[Any]],
    out: IO[bytes] | str | os.PathLike,
    columns: Mapping[str, list[str] | None] | None = None,
) -> int:
    """Write several named sheets to one workbook; each sheet has a frozen header,
    autofilter, wrapped text and widths fitted to its (CJK-aware) content."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=False)
    wb.remove(wb.active)
    total = 0
    for name, records in sheets.items():
        ws = wb.create_sheet(title=_sheet_title(name))
        cols = (columns or {}).get(name)
        cols, body = _collect((to_record(r) for r in records), cols)
        ws.append(cols)
        for raw in body:
            ws.append([_excel_value(v) for v in raw])
        total += len(body)
        for i, c in enumerate(cols, 1):
            longest = max([display_width(c)] + [display_width(r[i - 1]) for r in body[:500]])
            ws.column_dimensions[get_column_letter(i)].width = max(8, min(60, longest + 2))
            ws.cell(row=1, column=i).font = Font(bold=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        for row in ws.iter_rows(min_row=2):
            for c in row:
                c.alignment = wrap
        ws.freeze_panes = "A2"
        if cols:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(1, len(body) + 1)}"
    if not wb.sheetnames:
        wb.create_sheet("empty")
    if isinstance(out, (str, os.PathLike)):
        wb.save(out)
    else:
        buf = io.BytesIO()
        wb.save(buf)
        out.write(buf.getvalue())
    return total


def _sheet_title(name: str) -> str:
    # Excel forbids []:*?/\ in sheet names and caps them at 31 characters
    for ch in "[]:*?/\\":
        name = name.replace(ch, "_")
    return name[:31] or "sheet"


def _excel_value(text: str) -> str | int | float:
    # keep numbers numeric so Excel can sum and sort them; ids like 000123 stay text
    if text and text.lstrip("-").isdigit() and not (text.startswith("0") and len(text) > 1):
        return int(text) if len(text) < 16 else text
    return text
