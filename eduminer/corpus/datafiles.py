"""Load the corpus stage's YAML data files, naming file and line in every error.

>>> "never_short" in load_data("regions.yaml")
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from eduminer.datafiles import load_yaml_mapping

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """Path of a data file shipped with the corpus stage."""
    return DATA_DIR / name


@lru_cache(maxsize=None)
def load_data(name: str, path: str | None = None) -> dict:
    """Parse ``data/<name>`` (or ``path``) as a YAML mapping.

    YAML syntax errors become ``DataFileError`` with the file and line.
    """
    return load_yaml_mapping(Path(path) if path else data_path(name))


