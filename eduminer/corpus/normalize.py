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

_DELETE_OR_FOLD = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]+|[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f\u180e]{2,}|[\t\u00a0\u3000\u2002-\u200a\u202f\u205f\u180e]")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# every character _DELETE_OR_FOLD can match except the plain space, whose runs "  " are
# tested separately: most texts hold none of them, and `in` is far cheaper than a regex scan
_FOLD_CHARS = tuple("\u200b\u200c\u200d\u2060\ufeff\u00ad\t\u00a0\u3000\u202f\u205f\u180e"
                    + "".join(map(chr, range(0x2002, 0x200B))))


def _needs_folding(text: str) -> bool:
    return "  " in text or any(c in text for c in _FOLD_CHARS)


def _width_table() -> dict[int, str]:
    table = {ord(c): chr(ord(c) - 0xFEE0) for c in "０１２３４５６７８９％＋"}
    table.update({cp: chr(cp - 0xFEE0) for cp in range(ord("Ａ"), ord("Ｚ") + 1)})
    table.update({cp: chr(cp - 0xFEE0) for cp in range(ord("ａ"), ord("ｚ") + 1)})
    table.update({ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"})
    return table


_WIDTH = _width_table()
_WIDTH_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDTH)) + "]+")


def _fold_width(text: str) -> str:
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
    return converter().convert(text)


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


def _convert_aligned(text: str, starts: array, origins: array) -> tuple[str, OffsetMap, bool]:
    """OpenCC on the whole text; line-wise, then char-wise alignment where lengths change.
    The flag: every line was converted as a whole (none char by char)."""
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


def normalize_with_lines(original: str) -> tuple[Normalized, bool]:
    """``normalize`` and whether each line of the text is ``normalize_line`` of its
    original line (always, unless OpenCC changed a length and a line was aligned
    character by character), so callers may reuse those lines instead of redoing them."""
    folded, starts, origins = _fold_space(original)
    folded = _fold_width(folded)  # one char to one char: offsets unchanged
    text, offsets, whole_lines = _convert_aligned(folded, starts, origins)
    script = detect_script(folded, text)
    # the end position: len(text) -> len(original)
    starts, origins = array("l", offsets._starts), array("l", offsets._origins)
    if not starts or origins[-1] + len(text) - starts[-1] != len(original):
        starts.append(len(text))
        origins.append(len(original))
    return Normalized(text, OffsetMap(starts, origins, len(text) + 1), script), whole_lines
