"""Fixtures for the batch tests: generated corpora (real files in mixed formats and
encodings, from benchmarks/generate_corpus.py) and a dump of the measures table."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
MEASURE_COLUMNS = ("id", "doc", "sentence", "category", "label", "dimension", "stage", "region", "region_code",
                   "text", "original", "start", '"end"', "section", "trigger", "method", "confidence",
                   "quantities", "sha256", "taxonomy_version")


def generate(folder: Path, docs: int, seed: int, formats=("txt", "gbk", "big5", "html", "docx")) -> list[Path]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate_corpus import generate as _generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    return list(_generate(folder, docs=docs, seed=seed, formats=formats))


def measures_table(db: Path) -> list[tuple]:
    """Every stored measure (id and all fields), in id order."""
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT {', '.join(MEASURE_COLUMNS)} FROM measures ORDER BY id").fetchall()
    finally:
        con.close()


def stored_documents(db: Path) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        con.close()


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """30 generated documents in all five formats."""
    folder = tmp_path_factory.mktemp("small") / "corpus"
    generate(folder, docs=30, seed=42)
    return folder


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory, small_corpus) -> Path:
    """``small_corpus`` run uninterrupted, in this process."""
    from eduminer.batch import run

    db = tmp_path_factory.mktemp("reference") / "reference.db"
    run([small_corpus], db=db, workers=1, quiet=True)
    return db
