"""Load the corpus stage's YAML data files, naming file and line in every error.

>>> "never_short" in load_data("regions.yaml")
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from eduminer.errors import DataFileError, Errors

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """Path of a data file shipped with the corpus stage."""
    return DATA_DIR / name


@lru_cache(maxsize=None)
def load_data(name: str, path: str | None = None) -> dict:
    """Parse ``data/<name>`` (or ``path``) as a YAML mapping.

    YAML syntax errors become ``DataFileError`` with the file and line.
    """
    import yaml

    file = Path(path) if path else data_path(name)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(Errors.E010, path=str(file), line=1, message=f"cannot read ({e})") from e
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise DataFileError(Errors.E010, path=str(file), line=line,
                            message=f"invalid YAML: {getattr(e, 'problem', e)}") from e
    if not isinstance(data, dict):
        raise DataFileError(Errors.E010, path=str(file), line=1, message="expected a mapping of keys at the top level")
    return data


def line_of(text: str, key: str) -> int:
    """Line number (1-based) where ``key:`` first appears in ``text``; 1 if not found.

    >>> line_of("a: 1\\nb: 2\\n", "b")
    2
    """
    for i, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(f"{key}:") or line.lstrip().startswith(f"- {key}"):
            return i
    return 1


def string_list(data: dict, key: str, file: Path) -> list[str]:
    """``data[key]`` as a list of non-empty strings, else a DataFileError naming the line."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        text = file.read_text(encoding="utf-8")
        raise DataFileError(Errors.E010, path=str(file), line=line_of(text, key),
                            message=f"{key!r} must be a list of non-empty strings")
    return value
