"""Loading the stage's YAML data files (cue lists, unit lists) with file:line errors."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from eduminer.datafiles import load_yaml_mapping


def data_path(name: str) -> str:
    """Path of a data file shipped in ``eduminer/extract/data``."""
    return str(resources.files("eduminer.extract") / "data" / name)


@lru_cache(maxsize=None)
def load_yaml(name: str, path: str | None = None) -> dict:
    """Parse a shipped (or given) YAML mapping; syntax errors name file and line.

    >>> sorted(load_yaml("units.yaml"))[:2]
    ['area', 'money']
    """
    return load_yaml_mapping(path or data_path(name))
