"""Sentence filters: cited-title masking and boilerplate detection.

>>> f = sentence_filters()
>>> f.mask_citations("根据《学区制管理实施方案》,制定《星级学校管理办法》")
'根据□□□□□□□□□□□,制定《星级学校管理办法》'
>>> f.is_boilerplate("发布时间:2023-11-06"), f.is_boilerplate("共设立了9个学区")
(True, False)
>>> f.is_boilerplate("山东省人民政府教育督导委员会"), f.is_boilerplate("成立学区管理委员会")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MASK = "□"  # same length as what it hides, so offsets stay valid; in no cue


@lru_cache(maxsize=8)
def _enough_cjk(n: int) -> re.Pattern:
    # matches once n CJK characters are seen: no list of every character, as findall built
    return re.compile(rf"(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){{{max(n, 0)}}}")


@dataclass(frozen=True)
class SentenceFilters:
    cited: re.Pattern
    boilerplate: re.Pattern
    min_cjk_chars: int
    org_line: re.Pattern = re.compile(r"(?!x)x")

    def mask_citations(self, text: str) -> str:
        """``text`` with every cited 《title》 (and its chain) replaced by ``MASK``
        characters of the same length."""
        return self.cited.sub(lambda m: m.group(1) + MASK * (len(m.group()) - len(m.group(1))), text)

    def is_boilerplate(self, sentence: str) -> bool:
        """Page furniture, or a line that only names an issuing/signing body."""
        return bool(self.boilerplate.search(sentence)) or bool(self.org_line.fullmatch(sentence.strip()))

    def too_short(self, sentence: str) -> bool:
        """Fewer than ``min_cjk_chars`` Chinese characters (stops counting at the minimum)."""
        return _enough_cjk(self.min_cjk_chars).match(sentence) is None


@lru_cache(maxsize=4)
def sentence_filters(path: str | None = None) -> SentenceFilters:
    from eduminer.extract.datafiles import load_yaml

    data = load_yaml("filters.yaml", path)
    verbs = sorted((str(v) for v in data.get("cite_verbs", ())), key=len, reverse=True)
    title = r"《[^《》\n]{1,80}》"
    chain = rf"{title}(?:\s*(?:[(（][^()（）\n]{{0,30}}[)）])?\s*(?:、|和|及|与|,|，)?\s*{title})*"
    cited = re.compile(rf"((?:{'|'.join(map(re.escape, verbs))})[了的]?\s*){chain}")
    boiler = re.compile("|".join(re.escape(str(b)) for b in data.get("boilerplate", ())) or r"(?!x)x")
    suffixes = sorted((str(s) for s in data.get("org_suffixes", ())), key=len, reverse=True)
    # a body's name: CJK (and bracketed parts) only, no punctuation; a line with an
    # action verb or 的 ((三)设立学区管理办公室) is a measure or heading, not a signature
    org = (re.compile(rf"(?!.*(?:成立|设立|组建|建立|健全|设置|完善|推进|实行|加强|下设|的))"
                      rf"[\u4e00-\u9fff][\u4e00-\u9fff()（）]{{1,29}}(?:{'|'.join(map(re.escape, suffixes))})")
           if suffixes else re.compile(r"(?!x)x"))
    return SentenceFilters(cited, boiler, int(data.get("min_cjk_chars", 4)), org)
