"""Parse the YAML data files every stage ships (cue lists, rules, units), naming
file and line in every error (code E101).

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "bad.yaml")
>>> _ = open(path, "w", encoding="utf-8").write("a: [1\\nb: 2\\n")
>>> try:
...     load_yaml_mapping(path)
... except Exception as e:
...     print(str(e).replace(path, "bad.yaml"))
[E101] bad.yaml:2: invalid data: invalid YAML: expected ',' or ']', but got ':'. Fix the syntax there.
"""

from __future__ import annotations

import os
import re

from eduminer.errors import DataFileError, Errors


def load_yaml_mapping(path: str | os.PathLike) -> dict:
    """``path`` parsed as a YAML mapping; unreadable files, YAML syntax errors and a
    non-mapping top level raise ``DataFileError`` with the file and line."""
    import yaml

    path = str(path)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError) as e:
        raise DataFileError(Errors.E101, path=path, line=1, message=f"cannot read ({e})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise DataFileError(Errors.E101, path=path, line=line,
                            message=f"invalid YAML: {getattr(e, 'problem', e)}. Fix the syntax there.") from None
    if not isinstance(data, dict):
        raise DataFileError(Errors.E101, path=path, line=1, message="expected a mapping of keys at the top level")
    return data


def string_items(data: dict, key: str, path: str | os.PathLike) -> list[str]:
    """The entries of list ``key`` of a loaded data file, as non-empty strings (numbers
    are taken as their text).

    An unquoted ``来源:`` in a flow list parses as a one-key mapping and would never
    match anything: that, an empty entry, or a value that is not a list raises
    ``DataFileError`` naming the file and the line.

    >>> string_items({"cues": ["学区", 2023]}, "cues", "x.yaml")
    ['学区', '2023']
    """
    items = data.get(key)
    if items is None:
        return []

    def fail(message: str, shown: str | None = None):
        raise DataFileError(Errors.E101, path=str(path), line=entry_line(path, key, shown), message=message)

    if not isinstance(items, list):
        fail(f"{key!r} must be a list of non-empty strings")
    out: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            shown = str(next(iter(item), "")) if isinstance(item, dict) else str(item)
            fail(f"entry {item!r} of '{key}' is not text; quote it (\"{shown}:\" with a colon must be quoted)",
                 shown)
        if not str(item).strip():
            fail(f"{key!r} must be a list of non-empty strings")
        out.append(str(item))
    return out


def regex_items(data: dict, key: str, path: str | os.PathLike, what: str | None = None,
                flags: int = 0) -> list[re.Pattern]:
    """The entries of list ``key`` (:func:`string_items`) compiled as regular expressions;
    one that does not compile raises ``DataFileError`` naming the file and its line, as a
    ``what`` (default: the key).

    >>> [p.pattern for p in regex_items({"pats": ["学区|集团"]}, "pats", "x.yaml")]
    ['学区|集团']
    """
    compiled = []
    for pattern in string_items(data, key, path):
        try:
            compiled.append(re.compile(pattern, flags))
        except re.error as e:
            raise DataFileError(Errors.E101, path=str(path), line=entry_line(path, key, pattern),
                                message=f"{what or key} {pattern!r}: {e}. Fix the regular expression") from None
    return compiled


def entry_line(path: str | os.PathLike, key: str, shown: str | None) -> int:
    """The line of an entry of list ``key`` showing ``shown`` (at or after the key's
    line), else the key's line; 1 when the file cannot be read."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return 1
    start = line_of(text, key)
    return next((n for n, content in enumerate(text.splitlines(), 1) if n >= start and shown and shown in content),
                start)


def line_of(text: str, key: str) -> int:
    """Line number (1-based) where ``key:`` first appears in ``text``; 1 if not found.

    >>> line_of("a: 1\\nb: 2\\n", "b")
    2
    """
    for i, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(f"{key}:") or line.lstrip().startswith(f"- {key}"):
            return i
    return 1


def top_level_alternatives(pattern: str) -> list[str] | None:
    """A data file's regular expression split at its top-level ``|`` (a text matches it
    iff it matches one of the parts); None when splitting could change its meaning
    (inline flags, group references, unbalanced brackets).

    >>> top_level_alternatives("应运而生|是[^。|]{0,40}(?:模式|形式)之一|[|｜]$")
    ['应运而生', '是[^。|]{0,40}(?:模式|形式)之一', '[|｜]$']
    >>> top_level_alternatives(r"(a)|\\1") is None
    True
    """
    if re.search(r"\\[1-9]|\(\?(?:P=|\(|[aiLmsux-])", pattern):
        return None
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class: | ( ) inside it are plain characters
            i += 1
            if pattern[i : i + 1] == "^":
                i += 1
            if pattern[i : i + 1] == "]":
                i += 1
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts if depth == 0 and i == len(pattern) else None
