"""Remove web-page chrome (breadcrumbs, widgets, footers, comment and related-article
tails) from lines of text, with the rules in ``data/boilerplate.yaml``.

>>> rules = boilerplate_rules()
>>> clean_lines(["您现在的位置: 首页 >> 正文", "学区制改革全面推进，成效明显。" * 3, "【打印】【关闭窗口】"], rules)[0]
['学区制改革全面推进，成效明显。学区制改革全面推进，成效明显。学区制改革全面推进，成效明显。']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path

from eduminer.corpus.datafiles import data_path, load_data
from eduminer.datafiles import line_of, top_level_alternatives
from eduminer.corpus.normalize import to_simplified_lines
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
        object.__setattr__(self, "_bands", _bands(self.drop + self.tail_markers))

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


def _scan(scanners: tuple[re.Pattern, ...], lines: list[str]) -> list[int]:
    """Indices of the lines where a scanner hits: every line that a rule matches, and a few more.

    Why not a rule test per line: the lines are joined, each after a new line, and each
    scanner searches that text once, in C; only the lines hit are tested one by one
    (most lines of a page are never). What matches in a line also matches at the same
    place in the joined text (:func:`_scanners`), so no matching line is missed.
    """
    text = "\n" + "\n".join(lines)
    # starts[k]: the new line before line k in text (line k itself starts at starts[k] + 1)
    starts = [0, *accumulate([len(line) + 1 for line in lines])]
    last = len(lines) - 1
    hit: set[int] = set()
    for scanner in scanners:
        m = scanner.search(text)
        while m is not None:
            # a hit on a new line may belong to the line it ends (an empty match at its
            # end) or to the line it starts (a ^ rule): both are tested
            at = m.start()
            k = bisect_right(starts, at) - 1
            hit.add(min(k, last))
            if at == starts[k] and k > 0:
                hit.add(k - 1)
            if k >= last:
                break
            m = scanner.search(text, starts[k + 1])  # one hit per line is enough: on to the next line
    return sorted(hit)


def _scanners(at_start: list[str], literal: list[str], other: list[str]) -> tuple[re.Pattern, ...] | None:
    """Regexes that hit, in lines joined each after a new line (:func:`_scan`), every line
    that one of the rule alternatives matches; None when that cannot be made sure.

    - a ``^`` rule becomes a new line followed by the rest of the rule (the regex
      engine jumps from new line to new line);
    - any other rule is replaced by the strings one of which each of its matches holds
      (:func:`_required_strings`: 点击数, 位置, ★ …), all searched by one regex of literals,
      which the engine scans for their first characters;
    - a rule without such strings is searched as it is.

    What matches in a line must match at the same place in the joined text. With
    ``re.MULTILINE`` that holds for ``^``, ``$``, ``\\b`` and all that only looks at the
    characters matched (``\\s`` or ``[^…]`` reaching across a line break only add hits,
    which the line's own test removes); it may not for ``\\A``, ``\\Z`` and lookarounds,
    which see past the line's ends: a rule searched as it is may not use them.
    """
    searched = [f"\\n(?:{part[1:]})" for part in at_start]
    strings: set[str] = set()
    for part in literal + other:
        required = _required_strings(part)
        if required is None:
            searched.append(f"(?:{part})")
        else:
            strings |= required
    if any(re.search(r"\\[AZ]|\(\?<?[=!]", part) for part in searched):
        return None
    try:
        scanners = [re.compile("|".join(searched), re.MULTILINE)] if searched else []
    except re.error:
        return None
    if strings:
        # a string holding another one adds nothing: 当前位置 once 位置 is searched
        strings = {t for t in strings if not any(u != t and u in t for u in strings)}
        scanners.append(re.compile("|".join(map(re.escape, sorted(strings)))))
    return tuple(scanners)


def _required_strings(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None.

    >>> sorted(_required_strings("您(现在|当前)的?位置")), sorted(_required_strings("★{2,}"))
    (['位置'], ['★'])
    >>> _required_strings("[^a]+") is None
    True
    """
    try:
        from re import _constants, _parser  # the regex module's own parser (what re.compile uses)

        parsed = _parser.parse(pattern)
    except (ImportError, AttributeError, re.error, RecursionError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _required_in(parsed, _constants)


def _required_in(items, c) -> frozenset[str] | None:
    """``_required_strings`` of a parsed sequence: its runs of plain characters, and what
    its groups, alternations, repeats (at least once) and character sets require; the
    option with the longest shortest string, then the fewest strings, is taken."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        found = None
        if op is c.SUBPATTERN:
            _, add_flags, _, sub = av
            found = None if add_flags & re.IGNORECASE else _required_in(sub, c)
        elif op is c.BRANCH:
            branches = [_required_in(branch, c) for branch in av[1]]
            found = frozenset().union(*branches) if all(branches) else None
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
            low, _, sub = av
            found = _required_in(sub, c) if low >= 1 else None
        elif op is c.IN and av and all(kind is c.LITERAL for kind, _ in av):
            found = frozenset(chr(code) for _, code in av)
        if found:
            options.append(found)
    if run:
        options.append(frozenset(["".join(run)]))
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


def _bands(rules: tuple[LineRule, ...]) -> tuple[tuple[int, tuple[re.Pattern, ...]], ...] | None:
    """``(max_len, scanners)`` by rising length limit: a line no longer than ``max_len``
    (and longer than the band before) is scanned for the rules that apply to it, those
    whose limit is at least ``max_len`` (the long lines, most of the text, for a few of
    them). None when a band cannot be scanned (:func:`_scanners`)."""
    bands = []
    for limit in sorted({r.max_len for r in rules}):
        kinds = _kinds(tuple(r for r in rules if r.max_len >= limit))
        scanners = _scanners(kinds["at_start"], kinds["literal"], kinds["other"])
        if scanners is None:
            return None
        bands.append((limit, scanners))
    return tuple(bands)


def _kinds(rules: tuple[LineRule, ...]) -> dict[str, list[str]]:
    """The rules' alternatives by kind (:func:`_kind`); a rule that cannot be split is "other"."""
    kinds: dict[str, list[str]] = {"at_start": [], "literal": [], "other": []}
    for r in rules:
        alternatives = _alternatives(r.pattern)
        if alternatives is None:  # searched whole
            kinds["other"].append(r.pattern.pattern)
            continue
        for alternative in alternatives:
            kinds[_kind(alternative)].append(alternative)
    return kinds


def _combined(rules: tuple[LineRule, ...]) -> tuple[_RuleGroup, ...]:
    """One group per length limit: a line is scanned a few times per group, not once per rule."""
    by_len: dict[int, list[LineRule]] = {}
    for r in rules:
        by_len.setdefault(r.max_len, []).append(r)

    def compiled(parts: list[str]) -> re.Pattern | None:
        return re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None

    groups = []
    for n, group in sorted(by_len.items()):
        k = _kinds(tuple(group))
        groups.append(_RuleGroup(n, compiled(k["at_start"]),
                                 tuple(p for p in (compiled(k["literal"]), compiled(k["other"])) if p is not None)))
    return tuple(groups)


def _alternatives(pattern: re.Pattern) -> list[str] | None:
    """The top-level ``|`` alternatives of a rule; None when splitting could change its
    meaning (flags, inline flags, group references, unbalanced text)."""
    if pattern.flags & ~re.UNICODE:
        return None
    return top_level_alternatives(pattern.pattern)


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
    body, removed, _ = clean_lines_simplified(lines, rules)
    return body, removed


def clean_lines_simplified(lines: list[str], rules: BoilerplateRules | None = None, plain: bool = False,
                           ) -> tuple[list[str], int, list[str | None]]:
    """``clean_lines``, and for each body line the OpenCC simplified text the rules were
    matched against (None for a line too long for any rule, which was not converted):
    normalization need not convert those lines again. ``plain``: the caller knows that
    OpenCC leaves the lines as they are (``normalize.is_plain``)."""
    rules = rules or boilerplate_rules()
    stripped = list(filter(None, map(str.strip, lines, repeat(_SPACE))))
    # rules are written in simplified script; match them against a simplified copy of
    # the short lines only (no rule applies to longer ones; OpenCC keeps line breaks)
    max_len = rules.max_len
    if plain:  # OpenCC leaves the lines as they are
        simplified = stripped
        known: list[str | None] = [line if len(line) <= max_len else None for line in stripped]
    else:
        short = [i for i, s in enumerate(stripped) if len(s) <= max_len]
        simplified = list(stripped)
        converted = to_simplified_lines([stripped[i] for i in short])
        known = [None] * len(stripped)  # the lines OpenCC converted
        if converted is not None:
            for i, s in zip(short, converted):
                simplified[i] = known[i] = s
    lengths = list(map(len, simplified))
    candidates = _candidates(rules._bands, simplified, lengths, max_len)
    # the first tail marker far enough down; the rules only look at short lines
    cut = len(stripped)
    markers = [i for i in candidates if _matches(rules._tail_groups, simplified[i])]
    if markers:
        total = sum(map(len, stripped)) or 1
        for i in markers:
            seen = sum(lengths[:i])
            if seen / total >= rules.tail_min_position or (
                    seen >= rules.tail_min_chars and _list_like(stripped[i + 1 :])):
                cut = i
                break
    dropped = {i for i in candidates if i < cut and _matches(rules._drop_groups, simplified[i])}
    kept = [i for i in range(cut) if i not in dropped] if dropped else range(cut)
    body = [stripped[i] for i in kept]
    return body, len(stripped) - len(body), [known[i] for i in kept]


def _candidates(bands, lines: list[str], lengths: list[int], max_len: int) -> list[int]:
    """Indices of the lines that some rule may match, in order: those a band's scanners hit
    (every line that a rule matches among them), or all short lines without bands."""
    if bands is None:
        return [i for i, n in enumerate(lengths) if n <= max_len]
    limits = [limit for limit, _ in bands]
    by_band: list[list[int]] = [[] for _ in range(len(bands) + 1)]  # the last: lines too long for any rule
    for i, band in enumerate(map(bisect_left, repeat(limits), lengths)):
        by_band[band].append(i)
    found: list[int] = []
    for (_, scanners), chosen in zip(bands, by_band):
        if chosen:
            found += [chosen[k] for k in _scan(scanners, [lines[i] for i in chosen])]
    return sorted(found)


_BULLET = re.compile(r"^[•·●◆◇▪■□►▶>\-*]|^\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\]?$")


def _list_like(lines: list[str]) -> bool:
    """Lines after a marker that look like a link list or comment box, not prose:
    bullets or bare dates on at least 30 % of them (numbered headings do not count)."""
    if not lines:
        return True
    listy = sum(1 for line in lines if _BULLET.match(line))
    return listy / len(lines) >= 0.3


_SPACE = " \t\r\u3000\u00a0\ufeff\u200b"


# A mirror site's pinyin after a character (城鄉(xiāng), 建設(shè)): a syllable of pinyin
# letters in brackets right after a CJK character, with a tone mark (neutral-tone syllables
# have none: only a few common ones count), never English (教育(education) has no tone mark)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（](?:[a-zü]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}|de|le|me|men|zi|ge|ma|ne|ba)[)）]")
_PINYIN_HINT = re.compile(rf"[(（][a-zü]{{0,5}}[{_TONED}]")


def pinyin_marks(line: str) -> tuple[tuple[int, str], ...]:
    """The pinyin :func:`strip_pinyin` removes from ``line``, each with where it stood in
    the stripped line (right after the character it annotates), to put back.

    >>> pinyin_marks("城鄉(xiāng)教育學(xué)校")
    ((2, '(xiāng)'), (5, '(xué)'))
    """
    out, removed = [], 0
    for m in _PINYIN.finditer(line):
        out.append((m.start() - removed, m.group()))
        removed += m.end() - m.start()
    return tuple(out)


def pinyin_marks_of(raw: list[str], stripped: list[str]) -> dict[str, tuple[tuple[int, str], ...]]:
    """Per line of ``stripped`` (:func:`strip_pinyin` of ``raw``) that lost pinyin: the
    line as the cleaning keeps it (white space around it stripped) and :func:`pinyin_marks`
    in that line.

    >>> pinyin_marks_of([" 城鄉(xiāng)教育 ", "學校"], [" 城鄉教育 ", "學校"])
    {'城鄉教育': ((2, '(xiāng)'),)}
    """
    out: dict[str, tuple[tuple[int, str], ...]] = {}
    for line, clean in zip(raw, stripped):
        if line == clean:
            continue
        kept = clean.strip(_SPACE)
        lead = len(clean) - len(clean.lstrip(_SPACE))
        out.setdefault(kept, tuple((pos - lead, note) for pos, note in pinyin_marks(line)
                                   if lead <= pos <= lead + len(kept)))
    return out


def strip_pinyin(lines: list[str]) -> tuple[list[str], int]:
    """``lines`` without the pinyin a mirror site put after characters, and how many
    were removed; ``lines`` itself (the same list) when none were.

    >>> strip_pinyin(["推動城鄉(xiāng)教育一體化", "教育(education)"])
    (['推動城鄉教育一體化', '教育(education)'], 1)
    """
    if not any(map(_PINYIN_HINT.search, lines)):
        return lines, 0
    removed = 0
    out = []
    for line in lines:
        line, n = _PINYIN.subn("", line)
        out.append(line)
        removed += n
    return (out, removed) if removed else (lines, 0)

