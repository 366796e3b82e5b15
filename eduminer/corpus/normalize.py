"""Normalize Chinese text and keep a map back to the original characters.

Steps: zero-width characters removed and white-space runs (NBSP, U+3000, tabs)
folded to one space; full-width digits, letters and ％ to ASCII; 「」『』 to
“”‘’; traditional to simplified script with OpenCC's phrase-level ``t2s``.
Chinese punctuation such as （）：，。 is kept as is.

>>> n = normalize("學區制\\u3000\\u3000改革「１＋Ｎ」")
>>> n.text, n.script
('学区制 改革“1+N”', 'traditional')
>>> orig = "學區制\\u3000\\u3000改革「１＋Ｎ」"
>>> orig[n.offsets[4]:n.offsets[6]]
'改革'
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from itertools import islice
from dataclasses import dataclass
from functools import lru_cache

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACES = " \t\u00a0\u3000\u202f\u205f\u180e" + "".join(map(chr, range(0x2002, 0x200B)))


def _delete_or_fold() -> re.Pattern:
    """``[\u200b-\u200d\u2060\ufeff\u00ad]+|[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f\u180e]{2,}|[\t\u00a0…]``
    (a run of zero-width characters, a run of two white spaces or more, one white space
    but the plain one), written as one branch per first character: sre then skips to
    those characters at C speed, where branches of other forms make it try a match at
    every position (tests/corpus/test_normalize.py checks that both find the same)."""
    zero_width = "".join(sorted(_ZERO_WIDTH))
    branches = [f"{re.escape(c)}[{re.escape(zero_width)}]*" for c in zero_width]
    for c in _SPACES:
        branches.append(f"{re.escape(c)}[{re.escape(_SPACES)}]+")
        if c != " ":
            branches.append(re.escape(c))
    return re.compile("|".join(branches))


_DELETE_OR_FOLD = _delete_or_fold()
# every character _DELETE_OR_FOLD can match except the plain space, whose runs "  " are
# tested separately (most texts hold none of them)
_FOLD_CHARS = tuple("\u200b\u200c\u200d\u2060\ufeff\u00ad\t\u00a0\u3000\u202f\u205f\u180e"
                    + "".join(map(chr, range(0x2002, 0x200B))))


def _char_class(chars, more: str = "") -> re.Pattern:
    """A regex matching one of ``chars`` (or of the class items ``more``), written as ranges
    (sre tests a range set fastest)."""
    codes = sorted(set(map(ord, chars)))
    runs: list[list[int]] = []
    for c in codes:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return re.compile("[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "")
                                    for a, b in runs) + more + "]")


_FOLD_CHAR = _char_class(_FOLD_CHARS)


def _needs_folding(text: str) -> bool:
    return "  " in text or _FOLD_CHAR.search(text) is not None


def _width_table() -> dict[int, str]:
    table = {ord(c): chr(ord(c) - 0xFEE0) for c in "０１２３４５６７８９％＋"}
    table.update({cp: chr(cp - 0xFEE0) for cp in range(ord("Ａ"), ord("Ｚ") + 1)})
    table.update({cp: chr(cp - 0xFEE0) for cp in range(ord("ａ"), ord("ｚ") + 1)})
    table.update({ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"})
    return table


_WIDTH = _width_table()
_WIDTH_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDTH)) + "]+")
_QUOTES = (("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’"))
# the width table without the quotes: full-width digits, letters, ％ and ＋ (rare)
_WIDE = _char_class(chr(c) for c in _WIDTH if chr(c) not in dict(_QUOTES))
# what normalization may change apart from plain spaces and the quotes, in one scan
_FOLD_OR_WIDE = _char_class([*_FOLD_CHARS, *(chr(c) for c in _WIDTH if chr(c) not in dict(_QUOTES))])


def _fold_quotes(text: str) -> str:
    # str.replace finds a character at memchr speed and returns the text itself when absent
    for quote, curly in _QUOTES:
        text = text.replace(quote, curly)
    return text


def _fold_width(text: str) -> str:
    if _WIDE.search(text) is None:  # the usual text: of the table only the quotes can be there
        return _fold_quotes(text)
    # a C-speed regex scan; the per-character table only touches the few matches
    return _WIDTH_CHARS.sub(lambda m: m.group().translate(_WIDTH), text)


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: "OffsetMap"  # len(text) + 1 positions in the original
    script: str  # simplified | traditional


@lru_cache(maxsize=1)
def converter():
    """The process-wide OpenCC t2s converter (phrase-level, built once)."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC's phrase-level conversion.

    >>> to_simplified("學區制管理")
    '学区制管理'
    """
    changes = _changes()
    if changes is not None and changes.leave(text):
        return text  # nothing OpenCC could change: C-speed scans instead of the conversion
    return converter().convert(text)


def to_simplified_lines(lines: list[str]) -> list[str] | None:
    """``to_simplified`` of each line, the lines that need it converted in one OpenCC call;
    None when the conversion changed the number of lines (OpenCC keeps line breaks).

    >>> to_simplified_lines(["學區", "学区", "後來"])
    ['学区', '学区', '后来']
    """
    changes = _changes()
    left = [changes is not None and changes.leave(line) for line in lines]
    todo = [line for line, same in zip(lines, left) if not same]
    converted = to_simplified("\n".join(todo)).split("\n") if todo else []
    if len(converted) != len(todo):
        return None
    done = iter(converted)
    return [line if same else next(done) for line, same in zip(lines, left)]


def is_plain(text: str) -> bool:
    """True when normalizing ``text``, or any line or part of a line of it, at most turns
    「」『』 into “”‘’: nothing to delete, fold, widen or convert (most simplified texts).

    >>> is_plain("「学区制」改革全面推进。"), is_plain("學區制"), is_plain("１２"), is_plain("a  b")
    (True, False, False, False)
    """
    changes = _changes()
    return changes is not None and "  " not in text and changes.leave(text)


T2S_CHANGES = "t2s_changes.txt"  # in data/: the entries of OpenCC's t2s dictionaries that change text


@dataclass(frozen=True)
class Changes:
    """What normalization may change, to tell the texts it leaves as they are in one scan.

    OpenCC's t2s only ever replaces a dictionary key found in the text by the key's
    (first) value, and copies all else (its normalization step too): a text in which no
    key whose value differs is found converts to itself. Such a key of one character is
    found where the character is; a longer key holding one of those characters (or one
    outside the BMP) only where that character is; each other key holds a
    ``phrase_char``, where it differs from its value (覆 of 回覆 → 回复), and is looked
    for around those. The characters that folding and width normalization change are
    looked for in the same scan.
    """

    changeable: re.Pattern  # changed characters, phrase_chars, all outside the BMP, lone surrogates
    phrase_chars: frozenset[str]
    phrases: frozenset[str]  # the other keys
    lengths: tuple[int, ...]  # their lengths

    def leave(self, text: str) -> bool:
        """True when ``text`` holds no changeable character and no phrase."""
        pos = 0
        while (m := self.changeable.search(text, pos)) is not None:
            at = m.start()
            if text[at] not in self.phrase_chars:
                return False
            # a phrase of n characters holding this one starts at most n - 1 characters before it
            for n in self.lengths:
                for start in range(max(0, at - n + 1), at + 1):
                    if text[start:start + n] in self.phrases:
                        return False
            pos = at + 1
        return True

    @classmethod
    def of(cls, entries: list[tuple[str, str]], also: str = "") -> Changes:
        """From the ``(key, value)`` dictionary entries whose value differs from their key;
        ``also``: more characters that count as changed."""
        single = {key for key, _ in entries if len(key) == 1} | set(also)
        phrases = {key: value for key, value in entries
                   if len(key) > 1 and not any(c in single or c > "\uffff" for c in key)}
        phrase_chars = set()
        for key, value in phrases.items():
            phrase_chars |= set(key) if len(key) != len(value) else {a for a, b in zip(key, value) if a != b}
        # sre tests a set of BMP characters in one step, but a long list of others one by one,
        # and the conversion raises on lone surrogates: all of them are taken as changed
        changeable = _char_class([c for c in single | phrase_chars if c <= "\uffff"],
                                 more=r"\ud800-\udfff\U00010000-\U0010ffff")
        return cls(changeable, frozenset(phrase_chars), frozenset(phrases), tuple(sorted(set(map(len, phrases)))))


@lru_cache(maxsize=1)
def _changes() -> Changes | None:
    """What the installed OpenCC's t2s and the folding may change, or None when not known:
    the dictionary entries are read from ``data/t2s_changes.txt``, made from the
    dictionaries whose fingerprint it records (tests/corpus/test_t2s.py checks it and
    remakes it); with other dictionaries every text is converted.

    The characters that folding changes count as changes for ``to_simplified`` too (one
    regex for both): its callers mostly give it folded text, and a text holding one is
    converted, as all were."""
    from eduminer.corpus.datafiles import data_path

    try:
        recorded, entries = read_t2s_changes(data_path(T2S_CHANGES))
        if recorded != opencc_fingerprint(converter().config):
            return None
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    # the quotes are folded before the conversion: they only count as changes if the
    # quotes they are folded to could be part of a key found
    curly = any(q in key for key, _ in entries for _, q in _QUOTES)
    folded = [*_FOLD_CHARS, *(chr(c) for c in _WIDTH if curly or chr(c) not in dict(_QUOTES))]
    return Changes.of(entries, also="".join(folded))


def read_t2s_changes(path) -> tuple[str, list[tuple[str, str]]]:
    """``(fingerprint, [(key, value), ...])`` recorded in a ``t2s_changes.txt`` file."""
    with open(path, encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh if not line.startswith("#")]
    key, _, fingerprint = lines[0].partition(": ")
    if key != "fingerprint" or not fingerprint:
        raise ValueError(f"{path}: the first line after the comments must be 'fingerprint: …'")
    entries = [tuple(line.split(" ")) for line in lines[1:]]
    if not all(len(entry) == 2 and all(entry) for entry in entries):
        raise ValueError(f"{path}: an entry is a key and its value, separated by one space")
    return fingerprint, entries


def opencc_fingerprint(config: str) -> str:
    """sha256 of an OpenCC configuration file and of the dictionary files it names."""
    import hashlib
    import json
    import os

    def files(node):
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                yield node["file"]
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                yield from files(item)

    with open(config, "rb") as fh:
        data = fh.read()
    digest = hashlib.sha256(data)
    for name in files(json.loads(data)):
        with open(os.path.join(os.path.dirname(config), name), "rb") as fh:
            digest.update(name.encode("utf-8") + b"\0" + fh.read())
    return digest.hexdigest()


def normalize_line(line: str) -> str:
    """Normalized text of a short string (no offset map), e.g. a title or a metadata value.

    >>> normalize_line("推進「一校長多學校」\u3000改革")
    '推进“一校长多学校” 改革'
    """
    folded = _DELETE_OR_FOLD.sub(_fold_match, line) if _needs_folding(line) else line
    return to_simplified(_fold_width(folded))


def _fold_match(m: re.Match) -> str:
    return "" if m.group()[0] in _ZERO_WIDTH else " "


class OffsetMap(Sequence):
    """An immutable, compact ``normalized position -> original position`` map.

    Stored as runs: text positions ``[starts[k], starts[k+1])`` map to
    ``origins[k] + (i - starts[k])``. A document whose normalization only folds
    a few white-space runs needs a few runs, not one integer per character.
    Behaves as a read-only sequence of ints (index, slice, iterate, compare to tuples).

    >>> m = OffsetMap.from_positions([0, 1, 2, 5, 6, 7])
    >>> m[3], list(m), len(m), m == (0, 1, 2, 5, 6, 7)
    (5, [0, 1, 2, 5, 6, 7], 6, True)
    """

    __slots__ = ("_starts", "_origins", "_length")

    def __init__(self, starts: array, origins: array, length: int):
        self._starts, self._origins, self._length = starts, origins, length

    @classmethod
    def from_positions(cls, positions) -> "OffsetMap":
        """Build from an explicit list of original positions (one per text position)."""
        starts, origins = array("l"), array("l")
        prev = None
        for i, o in enumerate(positions):
            if prev is None or o != prev + 1:
                starts.append(i)
                origins.append(o)
            prev = o
        return cls(starts, origins, len(positions))

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if step == 1:
                return tuple(islice(self, start, max(start, stop)))
            return tuple(self[i] for i in range(start, stop, step))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        k = bisect_right(self._starts, index) - 1
        return self._origins[k] + index - self._starts[k]

    def __iter__(self):
        starts, origins = self._starts, self._origins
        for k in range(len(starts)):
            stop = starts[k + 1] if k + 1 < len(starts) else self._length
            yield from range(origins[k], origins[k] + stop - starts[k])

    def __eq__(self, other):
        if isinstance(other, OffsetMap):
            return (self._length, self._starts, self._origins) == (other._length, other._starts, other._origins)
        try:
            return len(other) == self._length and all(a == b for a, b in zip(self, other))
        except TypeError:
            return NotImplemented

    def __hash__(self):
        return hash((self._length, tuple(self._starts), tuple(self._origins)))

    def __repr__(self):
        return f"OffsetMap({self._length} positions in {len(self._starts)} runs)"


def _fold_space(original: str) -> tuple[str, array, array]:
    """Remove zero-width characters and fold white-space runs.

    Returns the text and its offset runs (text start, original start)."""
    if not _needs_folding(original):
        return original, array("l", [0]), array("l", [0])
    pieces: list[str] = []
    starts, origins = array("l", [0]), array("l", [0])
    pos = 0  # in original
    out = 0  # in text
    for m in _DELETE_OR_FOLD.finditer(original):
        start, end = m.span()
        pieces.append(original[pos:start])
        out += start - pos
        if m.group()[0] not in _ZERO_WIDTH:
            pieces.append(" ")  # one space standing for the run: it points at the run's start
            if origins[-1] + out - starts[-1] != start:
                starts.append(out)
                origins.append(start)
            out += 1
        pos = end
        starts.append(out)
        origins.append(pos)
    pieces.append(original[pos:])
    return "".join(pieces), starts, origins


def _convert_aligned(text: str, starts: array, origins: array, converted: str | None = None,
                     ) -> tuple[str, OffsetMap, bool]:
    """OpenCC on the whole text (``converted``, when the caller has it); line-wise, then
    char-wise alignment where lengths change. The flag: every line was converted as a
    whole (none char by char)."""
    if converted is None:
        converted = to_simplified(text)
    if len(converted) == len(text):  # the usual case: one char for one char
        return converted, OffsetMap(starts, origins, len(text)), True
    old = OffsetMap(starts, origins, len(text))
    out: list[str] = []
    positions: list[int] = []
    pos = 0
    whole_lines = True
    for line in text.split("\n"):
        conv = to_simplified(line)
        if len(conv) == len(line):
            out.append(conv)
            positions.extend(old[pos : pos + len(line)])
        else:
            # rare (a phrase mapped to a different length): convert char by char so
            # every output char still points at the char it came from
            whole_lines = False
            for i, ch in enumerate(line):
                c = to_simplified(ch)
                out.append(c)
                positions.extend([old[pos + i]] * len(c))
        pos += len(line)
        if pos < len(text):  # the "\n" separator
            out.append("\n")
            positions.append(old[pos])
            pos += 1
    return "".join(out), OffsetMap.from_positions(positions), whole_lines


def _simplified_lines(lines: list[str], simplified: list[str | None]) -> str | None:
    """``to_simplified("\\n".join(lines))``, converting only the lines not in ``simplified``
    (None when a line holds a line break).

    OpenCC works line by line: no entry of its dictionaries holds a line break, so no
    match crosses one, and each line converts as it would alone."""
    if len(lines) != len(simplified):
        return None
    todo = [line for line, done in zip(lines, simplified) if done is None]
    converted = to_simplified("\n".join(todo)).split("\n") if todo else []
    if len(converted) != len(todo):
        return None
    rest = iter(converted)
    return "\n".join([done if done is not None else next(rest) for done in simplified])


_CJK_RUNS = re.compile(r"[\u3400-\u9fff]+")


def detect_script(text: str, simplified: str) -> str:
    """``traditional`` when OpenCC changed at least 2 % of the CJK characters."""
    if text == simplified:
        return "simplified"
    sample, conv = text[:5000], simplified[:5000]
    if len(sample) != len(conv):
        return "traditional"
    changed = sum(map(str.__ne__, sample, conv))  # C-level loop
    cjk = sum(map(len, _CJK_RUNS.findall(sample))) or 1
    return "traditional" if changed / cjk >= 0.02 else "simplified"


def normalize(original: str) -> Normalized:
    """Normalize ``original``; ``offsets[i]`` is the original position of ``text[i]``."""
    return normalize_with_lines(original)[0]


def normalize_with_lines(original: str, lines: list[str] | None = None,
                         simplified: list[str | None] | None = None, plain: bool = False,
                         ) -> tuple[Normalized, bool]:
    """``normalize`` and whether each line of the text is ``normalize_line`` of its
    original line (always, unless OpenCC changed a length and a line was aligned
    character by character), so callers may reuse those lines instead of redoing them.

    ``lines``: the lines ``original`` joins with new lines; ``simplified``: for each,
    ``to_simplified(line)`` or None, converted already (boilerplate.clean_lines_simplified);
    ``plain``: ``is_plain(original)`` is known to be True.
    """
    if plain:  # at most quotes to fold, one character for one: the offsets are the positions
        text = _fold_quotes(original)
        return Normalized(text, OffsetMap(array("l", [0]), array("l", [0]), len(text) + 1), "simplified"), True
    converted = None
    if "  " not in original and _FOLD_OR_WIDE.search(original) is None:
        # the usual text (one scan instead of two): nothing to delete or fold, and of the
        # width table only the quotes can be there
        folded, starts, origins = _fold_quotes(original), array("l", [0]), array("l", [0])
        # str.replace returns the very string when there is nothing to replace: no quotes,
        # the text is still its lines, some of which OpenCC has converted already
        if folded is original and lines is not None and simplified is not None:
            converted = _simplified_lines(lines, simplified)
    else:
        folded, starts, origins = _fold_space(original)
        folded = _fold_width(folded)  # one char to one char: offsets unchanged
    text, offsets, whole_lines = _convert_aligned(folded, starts, origins, converted)
    script = detect_script(folded, text)
    # the end position: len(text) -> len(original)
    starts, origins = array("l", offsets._starts), array("l", offsets._origins)
    if not starts or origins[-1] + len(text) - starts[-1] != len(original):
        starts.append(len(text))
        origins.append(len(original))
    return Normalized(text, OffsetMap(starts, origins, len(text) + 1), script), whole_lines
