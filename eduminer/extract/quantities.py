"""Quantities that size a measure: ``38名``, ``10%``, ``50万元``, ``九个``, ``6-8人``.

A quantity is a number (ASCII or full-width digits, or Chinese numerals parsed
with cn2an) followed by a unit from ``data/units.yaml``; ranges (``6-8人``,
``1至2名``) and approximations (``200多万元``, ``70余人``) are kept whole.
Numbers without a unit (dates, document and phone numbers, ``十四五``) are not
quantities, nor are ordinals (``第3批``) or ``每一个``-style phrases.

>>> [q.normalized for q in find_quantities("全区共有38名校长和402名教师进行了交流轮岗")]
['38名', '402名']
>>> q = find_quantities("共设立了九个学区")[0]
>>> q.text, q.value, q.unit
('九个', 9.0, '个')
>>> find_quantities("2020年11月印发第0968号文件")
[]
>>> [(q.text, q.value) for q in find_quantities("惠及近1.5万名学生、500多名教师，投入50万元")]
[('1.5万名', 15000.0), ('500多名', 500.0), ('50万元', 50.0)]
>>> [q.text for q in find_quantities("2019年起组建10大教育集团，为期3年，投入1.5亿资金")]
['10大教育集团', '3年', '1.5亿']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from eduminer.extract.model import Quantity

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = rf"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[{_CN_DIGITS}]+)"
_RANGE = r"(?:-|－|~|～|—|–|至|到)"
# characters that, right before a number, make it an ordinal, part of a longer
# number or code, or a non-sizing phrase (每一个, 任一项, 另一种 …)
_BAD_BEFORE = set("第0123456789０１２３４５６７８９.．〔[号-/") | set(_CN_DIGITS)
_BAD_BEFORE_ONE = set("每任统唯同另逐单其")
_NOT_UNITS = ("not_before", "term_words")  # lists of units.yaml that are not units


@lru_cache(maxsize=None)
def _terms() -> tuple[frozenset[str], tuple[str, ...]]:
    """The units that size a measure only as a term (年), and the words that must come
    right before the number for them to (为期, 暂定 …)."""
    from eduminer.extract.datafiles import load_yaml

    data = load_yaml("units.yaml")
    return (frozenset(str(u) for u in data.get("term", ())),
            tuple(sorted((str(w) for w in data.get("term_words", ())), key=len, reverse=True)))


@lru_cache(maxsize=None)
def units() -> tuple[str, ...]:
    """The unit list from ``data/units.yaml``, longest first.

    >>> units().index("万元") < units().index("元")
    True
    """
    from eduminer.extract.datafiles import load_yaml

    data = load_yaml("units.yaml")
    flat = {str(u) for key, group in data.items() if key not in _NOT_UNITS for u in group}
    return tuple(sorted(flat, key=lambda u: (-len(u), u)))


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern:
    from eduminer.extract.datafiles import load_yaml

    unit_alt = "|".join(re.escape(u) for u in units())
    sessions = "|".join(re.escape(str(w)) for w in load_yaml("units.yaml").get("not_before", ())) or "(?!x)x"
    # ``lo`` is _NUMBER spelt to start with one character class (its first digit, the
    # look-behind then picking the branch): the regex engine then skips every position
    # that cannot start a number in its own search loop, without attempting a match there
    lo = rf"[0-9０-９{_CN_DIGITS}](?:(?<=[0-9０-９])[0-9０-９]*(?:[.．][0-9０-９]+)?|(?<=[{_CN_DIGITS}])[{_CN_DIGITS}]*)"
    return re.compile(
        # 1.5万名, 2万余人: a digit number scaled by 万/亿 (not the 万 of a unit: 50万元, 3万平方米)
        rf"(?P<lo>{lo})(?:(?<=[0-9０-９])(?P<mag>[万亿])(?![元平]))?"
        rf"(?:\s*{_RANGE}\s*(?P<hi>{_NUMBER}))?(?P<approx>多|余|几)?\s*(?P<unit>{unit_alt})"
        rf"(?![{_CN_DIGITS}]*(?:{_NUMBER}(?:{unit_alt}))*(?:{sessions}))"
    )


_MAGNITUDES = {"万": 1e4, "亿": 1e8}


@lru_cache(maxsize=None)
def _bare_magnitude_stops() -> tuple[str, ...]:
    # after a bare 万/亿: a unit's first character, an area's (12万方, 15.6万㎡), a digit (8万7千)
    return tuple({u[0] for u in units()} | set("方㎡平千百0123456789"))


_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def warm_up() -> None:
    """Load now what the first quantity found would load: the compiled pattern and
    cn2an (importing it takes ~0.4 s), so that extraction pays it when it starts."""
    _pattern()
    import cn2an  # noqa: F401


@lru_cache(maxsize=4096)  # the same few numerals recur (一, 两, 三 …): cn2an is slow
def parse_number(text: str) -> float | None:
    """The value of an ASCII, full-width or Chinese numeral; None if it is not one.

    >>> parse_number("２２"), parse_number("二十二"), parse_number("两"), parse_number("十四五")
    (22.0, 22.0, 2.0, None)
    """
    text = text.translate(_FULLWIDTH)
    try:
        return float(text)
    except ValueError:
        pass
    import cn2an

    try:
        # cn2an's strict mode rejects the colloquial 两 ("两所学校")
        return float(cn2an.cn2an(text.replace("两", "二"), "strict"))
    except (ValueError, KeyError, TypeError):
        return None


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in ``text``, in order of appearance."""
    out: list[Quantity] = []
    for m in _pattern().finditer(text):
        found = _quantity(text, m, 0)
        if found is not None:
            out.append(found)
    return out


def find_quantities_many(texts: list[str]) -> list[tuple[Quantity, ...]]:
    """:func:`find_quantities` of each text (as tuples), in one regex pass over all of
    them (the pass itself is cheap; starting one per sentence was not).

    The texts are joined by NUL, which no part of a quantity (digit, range sign,
    space, unit) nor of the session-number look-ahead can match: no match crosses
    from one text into the next, and each text is matched as on its own.

    >>> [[q.text for q in qs] for qs in find_quantities_many(["设立九个学区", "", "38名校长和402名教师"])]
    [['九个'], [], ['38名', '402名']]
    """
    if not texts:
        return []
    joined = "\x00".join(texts)
    starts = [0, *accumulate(len(t) + 1 for t in texts[:-1])]  # where each text starts in ``joined``
    found: dict[int, list[Quantity]] = {}
    for m in _pattern().finditer(joined):
        i = bisect_right(starts, m.start()) - 1
        quantity = _quantity(joined, m, starts[i])
        if quantity is not None:
            found.setdefault(i, []).append(quantity)
    out: list[tuple[Quantity, ...]] = [()] * len(texts)  # most sentences size nothing
    for i, quantities in found.items():
        out[i] = tuple(quantities)
    return out


def _quantity(text: str, m: re.Match, text_start: int) -> Quantity | None:
    """The quantity of match ``m`` of the pattern in ``text`` (whose sentence starts at
    ``text_start``), or None when it is a date, an ordinal, a determiner …"""
    start = m.start()
    before = text[start - 1] if start > text_start else ""
    if before in _BAD_BEFORE:
        return None
    lo_text, hi_text = m.group("lo"), m.group("hi")
    if lo_text == "一" and (before in _BAD_BEFORE_ONE or not hi_text):
        return None  # 一个/一项/每一个: a determiner, not a size
    lo = parse_number(lo_text)
    if lo is None:
        return None
    magnitude = m.group("mag")
    if magnitude:
        if hi_text:
            return None  # 1万-2万名: not one number and a range
        if m.group("unit") == "元":  # 5万余元 sized as 50万元 is: in 万元
            unit = magnitude + "元"
            return Quantity(text=text[start:m.end()].strip(), value=lo, unit=unit, value_max=None)
        lo = round(lo * _MAGNITUDES[magnitude], 6)
    hi = parse_number(hi_text) if hi_text else None
    if hi_text and (hi is None or hi < lo):
        return None
    unit = m.group("unit")
    if unit == "大学区" and lo_text[0] not in _CN_DIGITS:
        return None  # "8大学区" is unusual; "3大学" is a university, not a unit
    if unit in _MAGNITUDES:
        # 投入1240万, 1.5亿资金: a bare number of that size (its unit unstated)
        if (unit == "万" and lo_text[0] in _CN_DIGITS) or text.startswith(_bare_magnitude_stops(), m.end()):
            return None  # 千万不要; 80余万人, 12万方: the magnitude of a unit the pattern did not bind
        return Quantity(text=text[start:m.end()].strip(), value=round(lo * _MAGNITUDES[unit], 6), unit="",
                        value_max=None if hi is None else round(hi * _MAGNITUDES[unit], 6))
    term_units, term_words = _terms()
    if unit in term_units and not text.endswith(term_words, text_start, start):
        return None  # 2020年, 近3年来: a date or background, not a term (为期3年)
    if unit == "％":
        unit = "%"
    return Quantity(text=text[start:m.end()].strip(), value=lo, unit=unit, value_max=hi)
