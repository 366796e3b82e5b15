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
from dataclasses import dataclass
from functools import lru_cache

_DELETE_OR_FOLD = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]+|[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f\u180e]{2,}|[\t\u00a0\u3000\u2002-\u200a\u202f\u205f\u180e]")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _width_table() -> dict[int, str]:
    table = {ord(c): chr(ord(c) - 0xFEE0) for c in "０１２３４５６７８９％＋"}
    table.update({cp: chr(cp - 0xFEE0) for cp in range(ord("Ａ"), ord("Ｚ") + 1)})
    table.update({cp: chr(cp - 0xFEE0) for cp in range(ord("ａ"), ord("ｚ") + 1)})
    table.update({ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"})
    return table


_WIDTH = _width_table()


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 positions in the original
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
    return to_simplified(_fold_space(line)[0].translate(_WIDTH))


def _fold_space(original: str) -> tuple[str, array]:
    """Remove zero-width characters and fold white-space runs; build the offset map."""
    pieces: list[str] = []
    offsets = array("l")
    pos = 0
    for m in _DELETE_OR_FOLD.finditer(original):
        start, end = m.span()
        pieces.append(original[pos:start])
        offsets.extend(range(pos, start))
        if m.group()[0] not in _ZERO_WIDTH:
            pieces.append(" ")
            offsets.append(start)
        pos = end
    pieces.append(original[pos:])
    offsets.extend(range(pos, len(original)))
    return "".join(pieces), offsets


def _convert_aligned(text: str, offsets: array) -> tuple[str, array]:
    """OpenCC on the whole text; line-wise, then char-wise alignment where lengths change."""
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted, offsets
    out: list[str] = []
    new_offsets = array("l")
    pos = 0
    for line in text.split("\n"):
        conv = to_simplified(line)
        if len(conv) == len(line):
            out.append(conv)
            new_offsets.extend(offsets[pos : pos + len(line)])
        else:
            # rare (a phrase mapped to a different length): convert char by char so
            # every output char still points at the char it came from
            for i, ch in enumerate(line):
                c = to_simplified(ch)
                out.append(c)
                new_offsets.extend([offsets[pos + i]] * len(c))
        pos += len(line)
        if pos < len(text):  # the "\n" separator
            out.append("\n")
            new_offsets.append(offsets[pos])
            pos += 1
    return "".join(out), new_offsets


def detect_script(text: str, simplified: str) -> str:
    """``traditional`` when OpenCC changed at least 2 % of the CJK characters."""
    if text == simplified:
        return "simplified"
    sample, conv = text[:20000], simplified[:20000]
    if len(sample) != len(conv):
        return "traditional"
    changed = sum(a != b for a, b in zip(sample, conv))
    cjk = len(re.findall(r"[\u3400-\u9fff]", sample)) or 1
    return "traditional" if changed / cjk >= 0.02 else "simplified"


def normalize(original: str) -> Normalized:
    """Normalize ``original``; ``offsets[i]`` is the original position of ``text[i]``."""
    folded, offsets = _fold_space(original)
    folded = folded.translate(_WIDTH)  # one char to one char: offsets unchanged
    text, offsets = _convert_aligned(folded, offsets)
    script = detect_script(folded, text)
    offsets.append(len(original))
    return Normalized(text, tuple(offsets), script)
