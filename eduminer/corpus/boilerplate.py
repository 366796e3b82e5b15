"""Remove web-page chrome (breadcrumbs, widgets, footers, comment and related-article
tails) from lines of text, with the rules in ``data/boilerplate.yaml``.

>>> rules = boilerplate_rules()
>>> clean_lines(["您现在的位置: 首页 >> 正文", "学区制改革全面推进，成效明显。" * 3, "【打印】【关闭窗口】"], rules)[0]
['学区制改革全面推进，成效明显。学区制改革全面推进，成效明显。学区制改革全面推进，成效明显。']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eduminer.corpus.datafiles import data_path, load_data, line_of
from eduminer.errors import DataFileError, Errors


@dataclass(frozen=True)
class LineRule:
    pattern: re.Pattern
    max_len: int
    line: int  # line of the rule in its data file, for error messages and notes


@dataclass(frozen=True)
class BoilerplateRules:
    drop: tuple[LineRule, ...]
    tail_markers: tuple[LineRule, ...]
    tail_min_position: float
    tail_min_chars: int
    source: str

    def __post_init__(self):
        object.__setattr__(self, "_drop_groups", _combined(self.drop))
        object.__setattr__(self, "_tail_groups", _combined(self.tail_markers))
        object.__setattr__(self, "max_len", max((r.max_len for r in self.drop + self.tail_markers), default=0))

    def is_boilerplate(self, line: str) -> bool:
        """True when a drop rule matches the (stripped) line."""
        return _matches(self._drop_groups, line)

    def is_tail_marker(self, line: str) -> bool:
        return _matches(self._tail_groups, line)


def _combined(rules: tuple[LineRule, ...]) -> tuple[tuple[int, re.Pattern], ...]:
    """One alternation per length limit: a line is scanned once per group, not once per rule."""
    groups: dict[int, list[str]] = {}
    for r in rules:
        groups.setdefault(r.max_len, []).append(f"(?:{r.pattern.pattern})")
    return tuple(sorted((n, re.compile("|".join(ps))) for n, ps in groups.items()))


def _matches(groups: tuple[tuple[int, re.Pattern], ...], line: str) -> bool:
    n = len(line)
    return any(n <= max_len and pattern.search(line) for max_len, pattern in groups)


def _compile_rules(items, key: str, default_max: int, file: Path, text: str) -> tuple[LineRule, ...]:
    if not isinstance(items, list):
        raise DataFileError(Errors.E101, path=str(file), line=line_of(text, key),
                            message=f"{key!r} must be a list of rules")
    lines = text.splitlines()
    start = line_of(text, key)
    out = []
    for n, item in enumerate(items):
        # line of the n-th list item after the key, for messages that point at the rule
        item_lines = [i for i in range(start, len(lines)) if lines[i].lstrip().startswith("- ")]
        lineno = item_lines[n] + 1 if n < len(item_lines) else start
        if isinstance(item, str):
            pattern, max_len = item, default_max
        elif isinstance(item, dict) and isinstance(item.get("pattern"), str):
            pattern, max_len = item["pattern"], item.get("max_len", default_max)
            if not isinstance(max_len, int) or max_len <= 0:
                raise DataFileError(Errors.E101, path=str(file), line=lineno,
                                    message="max_len must be a positive integer")
        else:
            raise DataFileError(Errors.E101, path=str(file), line=lineno,
                                message="a rule is a regex string or {pattern: REGEX, max_len: N}")
        try:
            compiled = re.compile(pattern)
        except re.error as e:
            raise DataFileError(Errors.E101, path=str(file), line=lineno,
                                message=f"invalid regular expression {pattern!r}: {e}") from e
        out.append(LineRule(compiled, max_len, lineno))
    return tuple(out)


@lru_cache(maxsize=4)
def boilerplate_rules(path: str | None = None) -> BoilerplateRules:
    """Load (once) the boilerplate rules; ``path`` overrides the shipped file."""
    file = Path(path) if path else data_path("boilerplate.yaml")
    data = load_data("boilerplate.yaml", path)
    text = file.read_text(encoding="utf-8")
    default_max = data.get("default_max_len", 80)
    tail_max = data.get("tail_max_len", 40)
    position = data.get("tail_min_position", 0.5)
    if not isinstance(position, (int, float)) or not 0 <= position <= 1:
        raise DataFileError(Errors.E101, path=str(file), line=line_of(text, "tail_min_position"),
                            message="tail_min_position must be a number between 0 and 1")
    return BoilerplateRules(
        drop=_compile_rules(data.get("drop", []), "drop", default_max, file, text),
        tail_markers=_compile_rules(data.get("tail_markers", []), "tail_markers", tail_max, file, text),
        tail_min_position=float(position),
        tail_min_chars=int(data.get("tail_min_chars", 1000)),
        source=str(file),
    )


def clean_lines(lines: list[str], rules: BoilerplateRules | None = None) -> tuple[list[str], int]:
    """Drop boilerplate lines and the page tail; returns ``(body_lines, n_removed)``.

    Lines are stripped; blank lines are dropped. The tail (from the first tail
    marker onwards) is only cut when at least ``tail_min_position`` of the
    text comes before the marker, so the article body is never cut.
    """
    rules = rules or boilerplate_rules()
    from eduminer.corpus.normalize import to_simplified

    stripped = [s for s in (line.strip(_SPACE) for line in lines) if s]
    # rules are written in simplified script; match them against a simplified copy of
    # the short lines only (no rule applies to longer ones; OpenCC keeps line breaks)
    short = [i for i, s in enumerate(stripped) if len(s) <= rules.max_len]
    simplified = list(stripped)
    converted = to_simplified("\n".join(stripped[i] for i in short)).split("\n")
    if len(converted) == len(short):
        for i, s in zip(short, converted):
            simplified[i] = s
    total = sum(len(s) for s in stripped) or 1
    seen = 0
    cut = len(stripped)
    for i, line in enumerate(simplified):
        if rules.is_tail_marker(line) and (
            seen / total >= rules.tail_min_position
            or (seen >= rules.tail_min_chars and _list_like(stripped[i + 1 :]))
        ):
            cut = i
            break
        seen += len(line)
    body = [s for s, simple in zip(stripped[:cut], simplified) if not rules.is_boilerplate(simple)]
    return body, len(stripped) - len(body)


_BULLET = re.compile(r"^[•·●◆◇▪■□►▶>\-*]|^\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\]?$")


def _list_like(lines: list[str]) -> bool:
    """Lines after a marker that look like a link list or comment box, not prose:
    bullets or bare dates on at least 30 % of them (numbered headings do not count)."""
    if not lines:
        return True
    listy = sum(1 for line in lines if _BULLET.match(line))
    return listy / len(lines) >= 0.3


_SPACE = " \t\r\u3000\u00a0\ufeff\u200b"
