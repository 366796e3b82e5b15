"""Loading the stage's YAML data files (cue lists, unit lists) with file:line errors."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from eduminer.errors import DataFileError, Errors


def data_path(name: str) -> str:
    """Path of a data file shipped in ``eduminer/extract/data``."""
    return str(resources.files("eduminer.extract") / "data" / name)


@lru_cache(maxsize=None)
def load_yaml(name: str, path: str | None = None) -> dict:
    """Parse a shipped (or given) YAML mapping; syntax errors name file and line.

    >>> sorted(load_yaml("units.yaml"))[:2]
    ['area', 'money']
    """
    import yaml

    path = path or data_path(name)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except OSError as e:
        raise DataFileError(Errors.E101, path=path, line=0, message=f"cannot read: {e.strerror}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise DataFileError(Errors.E101, path=path, line=line,
                            message=f"invalid YAML: {getattr(e, 'problem', e)}. Fix the syntax there.") from None
    if not isinstance(data, dict):
        raise DataFileError(Errors.E101, path=path, line=1, message="expected a mapping of lists at the top level")
    return data
