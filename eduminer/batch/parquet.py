"""Parquet output: one file per partition (chunk of documents), two datasets.

``DIR/measures/*.parquet`` holds one row per coded measure (the columns of
``Measure.to_record``; ``quantities`` is a list of structs) and
``DIR/documents/*.parquet`` one row per document (``Document.to_record``).
Each folder is a dataset that Spark, DuckDB, Polars or pandas read directly::

    duckdb -c "SELECT region, count(*) FROM 'out/measures/*.parquet' GROUP BY 1"
    pandas.read_parquet("out/measures")

A partition file is written under a temporary name and renamed when complete,
so a reader never sees half a file; it is written before the same documents
are committed to the database, so an interrupted run can at worst repeat a
partition (rows with equal ``id``), never lose one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from eduminer.errors import BatchError, Errors


def _schemas():
    import pyarrow as pa

    quantity = pa.struct([("text", pa.string()), ("value", pa.float64()), ("value_max", pa.float64()),
                          ("unit", pa.string()), ("normalized", pa.string())])
    measures = pa.schema([
        ("id", pa.string()), ("doc", pa.string()), ("category", pa.string()), ("label", pa.string()),
        ("dimension", pa.string()), ("stage", pa.string()), ("region", pa.string()),
        ("region_code", pa.string()), ("text", pa.string()), ("original", pa.string()),
        ("start", pa.int64()), ("end", pa.int64()), ("section", pa.string()), ("sentence", pa.int64()),
        ("trigger", pa.string()), ("method", pa.string()), ("confidence", pa.float64()),
        ("quantities", pa.list_(quantity)),
    ])
    documents = pa.schema([
        ("doc", pa.string()), ("format", pa.string()), ("encoding", pa.string()), ("title", pa.string()),
        ("date", pa.string()), ("issuer", pa.string()), ("doc_number", pa.string()), ("region", pa.string()),
        ("region_code", pa.string()), ("script", pa.string()), ("n_sections", pa.int64()),
        ("n_sentences", pa.int64()), ("sha256", pa.string()), ("path", pa.string()), ("text", pa.string()),
    ])
    return measures, documents


class ParquetSink:
    """Writes each partition's documents and measures as it arrives.

    >>> sink = ParquetSink("/tmp/eduminer-doctest-parquet", prefix="doctest")  # doctest: +SKIP
    >>> sink.write_partition(documents, measures)                              # doctest: +SKIP
    """

    def __init__(self, folder: str | os.PathLike, prefix: str = "part"):
        self.folder = Path(folder)
        self.prefix = prefix
        self.partitions = 0
        self.rows = 0
        self.check_installed()
        try:
            for sub in ("measures", "documents"):
                (self.folder / sub).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BatchError(Errors.E606, path=str(self.folder), reason=e.strerror or str(e)) from None
        self._measures_schema, self._documents_schema = _schemas()

    @staticmethod
    def check_installed() -> None:
        """E601 with the install hint when pyarrow is missing."""
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet  # noqa: F401
        except ImportError as e:
            raise BatchError(Errors.E601, reason=str(e)) from None

    def write_partition(self, documents: Iterable, measures: Iterable) -> int:
        """Write one partition (documents + their measures); returns the measure rows written."""
        import pyarrow as pa

        doc_rows = [d.to_record() for d in documents]
        if not doc_rows:
            return 0
        measure_rows = [m.to_record() for m in measures]
        name = f"{self.prefix}-{self.partitions:06d}.parquet"
        self._write(pa.Table.from_pylist(measure_rows, schema=self._measures_schema), "measures", name)
        self._write(pa.Table.from_pylist(doc_rows, schema=self._documents_schema), "documents", name)
        self.partitions += 1
        self.rows += len(measure_rows)
        return len(measure_rows)

    def _write(self, table, sub: str, name: str) -> None:
        import pyarrow.parquet as pq

        final = self.folder / sub / name
        tmp = final.with_name("." + name + ".tmp")
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, final)
        except OSError as e:
            raise BatchError(Errors.E606, path=str(final), reason=e.strerror or str(e)) from None
