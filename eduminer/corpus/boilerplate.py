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


@dataclass(frozen=True)
class _RuleGroup:
    """The rules of one length limit, as few regexes as can be scanned fast.

    A line matches when any rule's alternative does, so the alternatives are regrouped:
    those anchored with ``^`` are tried once at the start of the line (``match``), the
    others are searched, those starting with a plain character apart so that the regex
    engine can skip ahead to where that character occurs.
    """

    max_len: int
    at_start: re.Pattern | None
    anywhere: tuple[re.Pattern, ...]

    def matches(self, line: str) -> bool:
        return (self.at_start is not None and self.at_start.match(line) is not None) or any(
            p.search(line) for p in self.anywhere)


def _combined(rules: tuple[LineRule, ...]) -> tuple[_RuleGroup, ...]:
    """One group per length limit: a line is scanned a few times per group, not once per rule."""
    by_len: dict[int, dict[str, list[str]]] = {}
    for r in rules:
        kinds = by_len.setdefault(r.max_len, {"at_start": [], "literal": [], "other": []})
        alternatives = _alternatives(r.pattern)
        if alternatives is None:  # searched whole
            kinds["other"].append(f"(?:{r.pattern.pattern})")
            continue
        for alternative in alternatives:
            kinds[_kind(alternative)].append(f"(?:{alternative})")

    def compiled(parts: list[str]) -> re.Pattern | None:
        return re.compile("|".join(parts)) if parts else None

    return tuple(
        _RuleGroup(n, compiled(k["at_start"]),
                   tuple(p for p in (compiled(k["literal"]), compiled(k["other"])) if p is not None))
        for n, k in sorted(by_len.items()))


def _alternatives(pattern: re.Pattern) -> list[str] | None:
    """The top-level ``|`` alternatives of a rule; None when splitting could change its
    meaning (inline flags, group references, unbalanced text)."""
    text = pattern.pattern
    if pattern.flags & ~re.UNICODE or re.search(r"\\[1-9]|\(\?(?:P=|\(|[aiLmsux-])", text):
        return None
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class: | ( ) inside it are plain characters
            i += 1
            if text[i : i + 1] == "^":
                i += 1
            if text[i : i + 1] == "]":
                i += 1
            while i < len(text) and text[i] != "]":
                i += 2 if text[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts if depth == 0 and i == len(text) else None


def _kind(alternative: str) -> str:
    if alternative.startswith("^"):
        return "at_start"  # without re.M, ^ only matches at 0: match() is search()
    first, rest = alternative[:1], alternative[1:2]
    if first and first not in ".^$*+?{}[]\\|()" and rest not in ("?", "*", "{"):
        return "literal"
    return "other"


def _matches(groups: tuple[_RuleGroup, ...], line: str) -> bool:
    n = len(line)
    return any(n <= g.max_len and g.matches(line) for g in groups)


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
    max_len = rules.max_len
    short = [i for i, s in enumerate(stripped) if len(s) <= max_len]
    simplified = list(stripped)
    converted = to_simplified("\n".join([stripped[i] for i in short])).split("\n")
    if len(converted) == len(short):
        for i, s in zip(short, converted):
            simplified[i] = s
    lengths = [len(s) for s in simplified]
    # the first tail marker far enough down; the rules only look at short lines
    cut = len(stripped)
    markers = _matching(rules._tail_groups, simplified, lengths, range(len(simplified)))
    if markers:
        total = sum(map(len, stripped)) or 1
        for i in sorted(markers):
            seen = sum(lengths[:i])
            if seen / total >= rules.tail_min_position or (
                    seen >= rules.tail_min_chars and _list_like(stripped[i + 1 :])):
                cut = i
                break
    dropped = _matching(rules._drop_groups, simplified, lengths, range(cut))
    body = [stripped[i] for i in range(cut) if i not in dropped] if dropped else stripped[:cut]
    return body, len(stripped) - len(body)


def _matching(groups: tuple[_RuleGroup, ...], lines: list[str], lengths: list[int],
              indices: range) -> set[int]:
    """Indices of the lines that a rule group matches (``_matches``, a group at a time)."""
    found: set[int] = set()
    for g in groups:
        max_len, matches = g.max_len, g.matches
        found.update([i for i in indices if lengths[i] <= max_len and i not in found and matches(lines[i])])
    return found


_BULLET = re.compile(r"^[•·●◆◇▪■□►▶>\-*]|^\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\]?$")


def _list_like(lines: list[str]) -> bool:
    """Lines after a marker that look like a link list or comment box, not prose:
    bullets or bare dates on at least 30 % of them (numbered headings do not count)."""
    if not lines:
        return True
    listy = sum(1 for line in lines if _BULLET.match(line))
    return listy / len(lines) >= 0.3


_SPACE = " \t\r\u3000\u00a0\ufeff\u200b"
