"""Which region a measure belongs to: the document's, the districts a sentence names,
or the unit that is the sentence's subject.

"南岸区、九龙坡区、合川区等区财政设立集团化办学专项经费" in a Chongqing document
attributes the measure to three districts: one record per district. Any unit inside
the document's own region named in a sentence counts. A unit above it or outside it
counts only as the sentence's subject (data/attribution.yaml): named at the start,
after lead-in clauses (2016年11月, 据了解, 根据《…》), and followed by an action
(西宁市启动实施… on a county's page, 海淀区已形成42个教育集团 in a 保定 commentary),
or named by its level (全省建立了…, 市教育局出台…). A unit named in passing (学习借鉴
上海经验) does not move the measure, nor does a place in a school's or an outlet's name
(乌鲁木齐市第一小学, 新湖南客户端), nor a name inside a masked cited title.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate
from pathlib import Path
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Attribution:
    region: str  # path, e.g. 重庆市/南岸区
    code: str
    surface: str = ""  # the name as written, "" for the document's own region


_NATIONAL = Attribution("", "")  # the country's measure (no region)


@dataclass(frozen=True)
class SubjectCues:
    """The compiled cues of data/attribution.yaml (see there).

    ``start`` matches the lead-in clauses at a sentence's start (maybe none, group 1) and
    a filler word after them (maybe none, group 2): the subject starts where either
    ends; ``may_lead`` matches the first character of every lead-in, filler word and
    level word (a sentence it does not match has its subject at its start);
    ``action`` matches, right after a subject, its heads (organs) and an action word;
    ``level`` matches a level word at the subject's place (a bare level key only before
    a head); ``levels`` pairs each level word with its key (全市, 市); ``visit`` matches a
    visit verb right before a unit's name and ``inspection`` an inspection word: units
    visited for an inspection are not the measure's (:func:`units_after`)."""

    start: re.Pattern
    may_lead: re.Pattern
    action: re.Pattern
    level: re.Pattern
    levels: tuple[tuple[str, str], ...]
    visit: re.Pattern | None = None
    inspection: re.Pattern | None = None
    support: re.Pattern | None = None  # a support word (帮扶, 托管 …): the sentence may name a recipient
    recipient: re.Pattern | None = None  # a marker right before a recipient (支援, 向, 赴 …), at a text's end
    supporter: re.Pattern | None = None  # a marker right before supporters (由), at a text's end
    venue: re.Pattern | None = None  # a venue marker (在) at a text's end: a venue may follow
    venue_word: re.Pattern | None = None  # matches right after a venue: its clause, then a venue word (召开)
    example: re.Pattern | None = None  # an example's opening at a sentence's start (例如, 以青岛为例,)
    purpose: re.Pattern | None = None  # matches right after a visited unit: its clause, then a purpose (参加, 跟岗)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def subject_cues(path: str | None = None) -> SubjectCues:
    """The subject cues of ``data/attribution.yaml`` (or ``path``); a malformed entry
    raises ``DataFileError`` naming the file and line."""
    from eduminer.datafiles import line_of, string_items
    from eduminer.errors import DataFileError, Errors
    from eduminer.extract.datafiles import data_path, load_yaml

    data = load_yaml("attribution.yaml", path)
    where = path or data_path("attribution.yaml")

    def items(key: str) -> list[str]:
        found = string_items(data, key, where)
        if not found:
            fail(key, f"{key!r} needs a non-empty list")
        return found

    def fail(key: str, message: str):
        text = Path(where).read_text(encoding="utf-8") if Path(where).is_file() else ""
        raise DataFileError(Errors.E101, path=str(where), line=line_of(text, key), message=message)

    # a number of years, months, days or hours (2016年11月, 9月4日11时许, 二〇一九年), or a time word
    numerals = "〇零一二三四五六七八九十两"
    number = rf"(?:\d{{1,4}}|[{numerals}]{{1,4}})(?:年度?|个?月份?|日|号|时|点|分)"
    words = {key: items(key) for key in ("lead_time_prefixes", "lead_time_words", "lead_hearsay",
                                         "lead_clause_starts", "subject_fillers")}
    suffixes = _alternation(items("lead_time_suffixes"))  # never first: not among the first characters
    time = (f"(?:{_alternation(words['lead_time_prefixes'])})?(?:{number}|{_alternation(words['lead_time_words'])})"
            f"(?:{number}|{_alternation(words['lead_time_words'])}|{suffixes})*")
    clause = f"(?:{_alternation(words['lead_clause_starts'])})[^，,。；;！？!?]{{0,40}}"
    lead = (rf"(\s*(?:(?:{time}|{_alternation(words['lead_hearsay'])}|{clause})\s*[，,]\s*)*)"
            rf"({_alternation(words['subject_fillers'])})?")
    heads = f"(?:[、和]?[省市州盟县区]?(?:{_alternation(items('subject_heads'))}))*"
    action = re.compile(f"{heads}(?:{_alternation(items('subject_actions'))})")

    block = data.get("level_subjects")
    if not isinstance(block, dict) or not block:
        fail("level_subjects", "'level_subjects' must map level keys (省, 市) to lists of words")
    levels = tuple((word, str(key)) for key in block for word in string_items(block, key, where))
    # a bare key (省) only before a head (省教育厅, 省委)
    bare = f"(?=[、和]?(?:{_alternation(items('subject_heads'))}))"
    level = re.compile("|".join(re.escape(word) + (bare if word == key else "")
                                for word, key in sorted(levels, key=lambda wk: len(wk[0]), reverse=True)))
    firsts = {w[0] for group in words.values() for w in group} | {w[0] for w, _ in levels}
    may_lead = re.compile(rf"[\s\d{numerals}{re.escape(''.join(sorted(firsts)))}]")
    visit = inspection = None
    if "visit_verbs" in data:
        visit = re.compile(f"(?:{_alternation(items('visit_verbs'))})了?$")
        inspection = re.compile(_alternation(items("inspection_words")))
    support = recipient = supporter = None
    if "support_words" in data:
        support = re.compile(_alternation(items("support_words")))
        recipient = re.compile(f"(?:{_alternation(items('recipient_markers'))})$")
        supporter = re.compile(f"(?:{_alternation(items('supporter_markers'))})$")
    purpose = None
    if visit is not None and "visit_purposes" in data:
        purpose = re.compile(f"[^，,。；;！？!?]{{0,20}}?(?:{_alternation(items('visit_purposes'))})")
    venue = venue_word = None
    if "venue_markers" in data:
        venue = re.compile(f"(?:{_alternation(items('venue_markers'))})$")
        venue_word = re.compile(f"[^，,。；;！？!?]{{0,30}}?(?:{_alternation(items('venue_words'))})")
    example = None
    if "example_leads" in data:  # (例如, 比如 …; and 以…为例, its own form)
        example = re.compile(rf"\s*(?:(?:{_alternation(items('example_leads'))})[,，:：]?|以[^，,。；;]{{1,25}}为例[,，]?)")
    return SubjectCues(start=re.compile(lead), may_lead=may_lead, action=action, level=level, levels=levels,
                       visit=visit, inspection=inspection, support=support, recipient=recipient, supporter=supporter,
                       venue=venue, venue_word=venue_word, example=example, purpose=purpose)


class RegionAttributor:
    """Attribute sentences of one document to regions (see module docstring).

    >>> from eduminer.corpus.regions import gazetteer
    >>> a = RegionAttributor(gazetteer(), "重庆市", "500000")
    >>> [r.region for r in a.attribute("南岸区、九龙坡区、合川区等区财政设立专项经费")]
    ['重庆市/南岸区', '重庆市/九龙坡区', '重庆市/合川区']
    >>> [r.region for r in a.attribute("上海市普陀区设立学区")]  # the subject, outside
    ['上海市/普陀区']
    >>> [r.region for r in a.attribute("学习借鉴上海市普陀区学区化办学经验")]  # in passing
    ['重庆市']
    >>> b = RegionAttributor(gazetteer(), "湖北省/十堰市/郧西县")
    >>> [r.region for r in b.attribute("从2012年开始,全省建立了农村义务教育学校教师补充新机制")]
    ['湖北省']
    >>> c = RegionAttributor(gazetteer(), "广西壮族自治区/柳州市")  # support: the receiving units
    >>> [r.region for r in c.attribute("向西实施组团式帮扶,支援百色那坡及贵州从江等地")]
    ['广西壮族自治区/百色市/那坡县', '贵州省/黔东南苗族侗族自治州/从江县']
    """

    def __init__(self, gazetteer, region: str, region_code: str = "", cues: SubjectCues | None = None):
        self.gazetteer = gazetteer
        self.home = None
        if gazetteer is not None:
            if region_code:
                try:
                    self.home = gazetteer.by_code(region_code)
                except Exception:  # an unknown code: fall back on the path
                    self.home = None
            if self.home is None and region:
                self.home = gazetteer.resolve(region)  # accepts a full path
        self.default = (Attribution(self.home.path, self.home.code) if self.home is not None
                        else Attribution(region, region_code))
        # a unit with no unit inside it (a county) names no districts of its own
        self.has_parts = self.home is not None and _has_parts(gazetteer, self.home)
        self.cues = cues or subject_cues()

    @cached_property
    def levels(self) -> Mapping[str, Attribution]:
        """The level words (全省, 市) that name a unit above the document's region, each
        with that unit (found when first needed: most documents never need them)."""
        return _levels(self.gazetteer, self.home, self.cues) if self.home is not None else MappingProxyType({})

    def attribute(self, sentence: str) -> list[Attribution]:
        """One attribution per distinct unit below the document's region named in
        ``sentence``; else the unit above or outside it that is the sentence's subject;
        else the document's region."""
        g = self.gazetteer
        if g is None:
            return [self.default]
        from eduminer.corpus.regions import opens_with_national_act

        if self.home is not None and opens_with_national_act(sentence, g):
            return [_NATIONAL]  # 近日,教育部办公厅印发《…》 on a province's page: the country's measure
        in_name = getattr(g, "in_name", None)
        found = g.find(sentence, context=self.home)
        cues = self.cues
        if found and cues.purpose is not None:
            # a visit's host is not the measure's, nor a support's recipient: the visitors came to attend
            # or to learn (延风中学领导赴犍为一中、沫若中学参加帮扶工作签约仪式; 到上海市金山区、闵行区跟岗)
            hosts = [m for m in units_after(sentence, found, cues.visit) if cues.purpose.match(sentence, m.end)]
            if hosts:
                found = [m for m in found if not any(m is h for h in hosts)]
        if cues.support is not None and found and cues.support.search(sentence):
            # a support relation: the measure is the receiving unit's (湖南省对口援助山南市第三高级中学,
            # 成都等市向甘孜州选派支教人员, 青羊区金沙小学将托管蒲江县金钥匙学校)
            # (not a unit the document's lies in: 上海市对口支援新疆工作前方指挥部 on a 喀什 page)
            recipients = {m.region.path: Attribution(m.region.path, m.region.code, m.surface)
                          for m in units_after(sentence, found, cues.recipient)
                          if self.home is None or not g.contains(m.region, self.home)}
            if recipients:  # 支援百色那坡、贵州从江: the most specific units
                return _most_specific(recipients)
            supporters = units_after(sentence, found, cues.supporter)
            if supporters:  # 甘孜州的学校由成都、泸州等市的学校结对帮扶: not the supporters'
                found = [m for m in found if not any(m is x for x in supporters)]
        mentions = [m for m in found if in_name is None or not in_name(sentence, m)]
        if mentions and cues.example is not None and cues.example.match(sentence):
            # an example's measure is the example's unit, wherever it lies (以青岛为例,其…; 比如北京东城区…
            # in a commentary filed elsewhere)
            named = {m.region.path: Attribution(m.region.path, m.region.code, m.surface) for m in mentions}
            return _most_specific(named)
        if self.has_parts and mentions and cues.visit is not None and cues.inspection.search(sentence):
            mentions = units_after(sentence, mentions, cues.visit, exclude=True)
            if len({m.region.code for m in mentions}) >= _INSPECTED_LIST:
                # the units an inspection covers, listed (国家教育督导检查组…对…沈阳市沈河区、大东区、于洪区…
                # 17个县进行了实地督导检查): the inspector's one measure, not one per unit
                return [self.default]
        if self.has_parts and mentions and cues.venue is not None:  # 在廊坊召开…: a venue
            mentions = [m for m in mentions
                        if not (cues.venue.search(sentence, 0, m.start) and cues.venue_word.match(sentence, m.end))]
        if self.has_parts and mentions:
            inside: dict[str, Attribution] = {}
            for m in mentions:
                region = m.region
                if region.code == self.home.code or not g.contains(self.home, region):
                    continue
                inside.setdefault(region.path, Attribution(region.path, region.code, m.surface))
            # a unit and one of its own sub-units both named: keep the more specific
            specific = _most_specific(inside)
            if specific:
                return specific
        subjects = self._subject(sentence, mentions)
        return subjects if subjects else [self.default]

    def _subject(self, sentence: str, mentions: list) -> list[Attribution]:
        """The units above or outside the document's region that are the subject of
        ``sentence`` (whose ``mentions`` are given), if any: one, or each of a list
        (浙江、湖北、四川等地也相继开展了…)."""
        cues = self.cues
        lead = cues.start.match(sentence)
        for start in dict.fromkeys((lead.end(1), lead.end())):  # before a filler word, then after it
            level = cues.level.match(sentence, start) if self.home is not None else None
            if level is not None and level.group() in self.levels and cues.action.match(sentence, level.end()):
                return [self.levels[level.group()]]
            first = next((i for i, m in enumerate(mentions) if m.start == start), None)
            if first is None:
                continue
            listed: list[Attribution] = []
            k = first
            while True:
                # 乌鲁木齐市天山区教育局: a chain of names, each inside the one before, is its last
                begin, unit, end, k = mentions[k].start, mentions[k].region, mentions[k].end, k + 1
                while k < len(mentions) and mentions[k].start == end and self.gazetteer.contains(unit, mentions[k].region):
                    unit, end, k = mentions[k].region, mentions[k].end, k + 1
                if self.home is not None and self.gazetteer.contains(self.home, unit):
                    return []  # the document's own unit, or one inside it: not moved
                listed.append(Attribution(unit.path, unit.code, sentence[begin:end]))
                if cues.action.match(sentence, end):
                    return listed
                # a list of subjects (广州、沈阳等地开始了…): the next name right after a separator
                glue = _SEPARATOR.match(sentence, end)
                if k >= len(mentions) or glue is None or mentions[k].start != glue.end():
                    break
        return []

    def by_section_headings(self, sections: list[str], regions_of: list[tuple]) -> list[tuple]:
        """``regions_of`` (the attributions of some sentences, :meth:`attribute_many`) where a
        sentence that names no unit of its own lies in a section (its path in ``sections``) whose
        heading names units inside the document's region (一、新华区(9个学区,40所学校)): those
        units' measures; the deepest such heading on the path counts.

        >>> from eduminer.corpus.regions import gazetteer
        >>> a = RegionAttributor(gazetteer(), "河北省/石家庄市")
        >>> sections = ["一、新华区(9个学区,40所学校) > (一)西苑小学学区", "二、工作要求"]
        >>> [[r.region for r in rs] for rs in a.by_section_headings(sections, [(a.default,), (a.default,)])]
        [['河北省/石家庄市/新华区'], ['河北省/石家庄市']]
        """
        if not self.has_parts:  # (a region without parts holds no unit to name)
            return regions_of
        default, g = (self.default,), self.gazetteer
        by_section: dict[str, tuple] = {}
        out = []
        for section, regions in zip(sections, regions_of):
            if regions != default or not section:
                out.append(regions)
                continue
            found = by_section.get(section)
            if found is None:
                found = default
                for heading in reversed(section.split(" > ")):
                    units = tuple(self.attribute(heading))
                    if units != default and all(r.code and r.code != self.home.code
                                                and g.contains(self.home, g.by_code(r.code)) for r in units):
                        found = units
                        break
                by_section[section] = found
            out.append(found)
        return out

    def by_unit_lines(self, lines: list[str], indexes: list[int], regions_of: list[tuple]) -> list[tuple]:
        """``regions_of`` (the attributions of the sentences ``indexes`` of a document whose
        sentences are ``lines``) where a sentence that names no unit of its own follows a line
        that is only the name of a unit inside the document's region (朝阳区, 海淀区 heading the
        parts of a roundup of a city's districts): that unit's measures, up to the next such line.

        >>> from eduminer.corpus.regions import gazetteer
        >>> a = RegionAttributor(gazetteer(), "北京市")
        >>> lines = ["北京多区教育有新变化", "朝阳区", "超八成学校纳入教育集团", "海淀区", "新建3所学校"]
        >>> [[r.region for r in rs] for rs in a.by_unit_lines(lines, [0, 2, 4], [(a.default,)] * 3)]
        [['北京市'], ['北京市/朝阳区'], ['北京市/海淀区']]
        """
        if not self.has_parts:
            return regions_of
        g, home = self.gazetteer, self.home
        name_heads = g.name_heads
        heads: dict[int, tuple] = {}
        for i, line in enumerate(lines):
            if len(line) > _UNIT_LINE_CHARS + 4:  # (most lines: no strip needed to tell)
                continue
            name = line.strip().rstrip(":：")
            if not 2 <= len(name) <= _UNIT_LINE_CHARS or name[:2] not in name_heads:
                continue
            found = g.find(name, context=home)
            if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
                unit = found[0].region
                if unit != home and g.contains(home, unit):
                    heads[i] = (Attribution(unit.path, unit.code, name),)
        if not heads:
            return regions_of
        default, out, starts = (self.default,), [], sorted(heads)
        for index, regions in zip(indexes, regions_of):
            before = bisect_left(starts, index)  # the unit lines before this sentence
            out.append(heads[starts[before - 1]] if before and regions == default else regions)
        return out

    def attribute_many(self, sentences: list[str]) -> list[tuple[Attribution, ...]]:
        """:meth:`attribute` of each of (the masked texts of) some sentences of the
        document, as tuples.

        Most sentences name no unit but the document's own, and none starts with one.
        Only those that may be attributed elsewhere are read one by one:

        - for a document whose region has parts, those a ``find`` over all the
          sentences joined by NUL finds another unit in;
        - those opening as an example (例如, 以青岛为例,) and those holding a support word;
        - those with a level word (全省, 市教育局) and an action where the subject
          starts (after lead-ins and a filler; only a sentence starting with what may
          be one, ``SubjectCues.may_lead``, is searched for them);
        - (for a region without parts) those where another unit's name, then maybe
          more names, then an action, start there: a ``find`` over the sentences
          joined by NUL where the two characters there may start a name tells.

        This is exact for the default gazetteer: no unit name or cue holds a NUL, so
        none is found across two sentences, and whether a name found counts depends on
        its sentence alone (a parent name right before it, a cue word right after it,
        the document's region); the other sentences only weigh in on *which* of several
        same-named units it is, which the per-sentence read then decides, except when
        the joined find says the document's own unit: the document's region as context
        outranks all other evidence but a parent name right before, read the same way
        in both.

        >>> from eduminer.corpus.regions import gazetteer
        >>> a = RegionAttributor(gazetteer(), "重庆市", "500000")
        >>> [[r.region for r in rs] for rs in a.attribute_many(["南岸区设立学区", "组建教育集团"])]
        [['重庆市/南岸区'], ['重庆市']]
        """
        from eduminer.corpus.regions import Gazetteer, opens_with_national_act

        alone = (self.default,)
        g = self.gazetteer
        if g is None or not sentences:
            return [alone] * len(sentences)
        if not isinstance(g, Gazetteer):
            return [tuple(self.attribute(s)) for s in sentences]
        heads, cues, has_home = g.name_heads, self.cues, self.home is not None
        named: set[int] = set()  # the sentences to read one by one
        subject_at: dict[int, set[int]] = {}  # sentence -> where in it a name may be the subject
        may_lead = cues.may_lead.match
        action = cues.action.match
        for i in [i for i, s in enumerate(sentences) if may_lead(s) or s[:2] in heads]:
            sentence = sentences[i]
            lead = cues.start.match(sentence)
            for at in {lead.end(1), lead.end()}:
                word = cues.level.match(sentence, at) if has_home else None
                if word is not None and word.group() in self.levels and action(sentence, word.end()):
                    named.add(i)
                elif sentence[at:at + 2] in heads:  # 全州县 is a name, 全州 a level word
                    subject_at.setdefault(i, set()).add(at)
        home = self.home.code if self.home is not None else None
        if cues.support is not None:  # a support relation may name a recipient anywhere (attribute looks)
            named.update(i for i, s in enumerate(sentences) if cues.support.search(s))
        if cues.example is not None:  # an example's units count anywhere in it (attribute looks)
            named.update(i for i, s in enumerate(sentences) if cues.example.match(s))
        if has_home:  # a national body's act opening it: the country's (attribute looks)
            named.update(i for i, s in enumerate(sentences) if opens_with_national_act(s, g))
        if self.has_parts:  # a unit inside the document's region counts anywhere in a sentence
            starts = [0, *accumulate(len(s) + 1 for s in sentences[:-1])]  # of each sentence in the joined text
            named.update(bisect_right(starts, m.start) - 1 for m in g.find("\x00".join(sentences), context=self.home)
                         if m.region.code != home)
            return [tuple(self.attribute(s)) if i in named else alone for i, s in enumerate(sentences)]
        # else only as the subject: a name starting there, then (after more names, each maybe
        # inside the one before) an action, in the sentences where a name may start there
        picked = sorted(subject_at.keys() - named)
        starts = [0, *accumulate(len(sentences[i]) + 1 for i in picked[:-1])]  # in their joined text
        mentions = g.find("\x00".join([sentences[i] for i in picked]), context=self.home) if picked else []
        following = {m.start: m.end for m in mentions}  # where each name ends, by where it starts
        for m in mentions:
            k = bisect_right(starts, m.start) - 1
            i, offset = picked[k], starts[k]
            if m.region.code == home or m.start - offset not in subject_at[i]:
                continue
            end = m.end
            while end is not None and not action(sentences[i], end - offset):
                after = following.get(end)
                if after is None:  # a list of subjects: the next name after a separator (广州、沈阳等地…)
                    glue = _SEPARATOR.match(sentences[i], end - offset)
                    after = following.get(glue.end() + offset) if glue is not None else None
                end = after
            if end is not None:
                named.add(i)
        return [tuple(self.attribute(s)) if i in named else alone for i, s in enumerate(sentences)]


# how many units an inspection sentence names when it lists those it covers
_INSPECTED_LIST = 4
# between two names of a list of subjects (浙江、湖北、四川等地…)
_SEPARATOR = re.compile(r"\s*(?:、|和|及|以及|与)\s*")

# the longest line read as a unit's name alone (内蒙古自治区 is 7; 克孜勒苏柯尔克孜自治州 13)
_UNIT_LINE_CHARS = 14
# what lies between two listed names: a separator, maybe around names the gazetteer does not
# take alone (西城、朝阳、丰台: 朝阳 is an ordinary word), maybe after the rest of a school's name when
# schools are listed (托管帮扶…丰镇第一中学、赤峰市敖汉旗箭桥中学)
_LIST_GLUE = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,10}?(?:学校|中学|小学|高中|幼儿园|中心校)(?=\s*(?:、|和|及|以及|与)))?"
                        r"(?:(?:、|和|及|以及|与)\s*(?:[\u4e00-\u9fff]{1,5}\s*(?=、|和|及|以及|与))?)*\s*")


def _most_specific(units: dict[str, Attribution]) -> list[Attribution]:
    """The attributions of ``units`` (by path) none of whose sub-units is among them."""
    return [units[p] for p in units if not any(q != p and q.startswith(p + "/") for q in units)]


def units_after(sentence: str, mentions: list, marker: re.Pattern, exclude: bool = False) -> list:
    """The ``mentions`` right after a marker word (``marker`` matches at the end of the
    text before a mention: 深入, 支援, 由), or listed right after such a one (深入西城、朝阳、
    丰台等7个区; 支援百色那坡、靖西及贵州从江); with ``exclude``, the other mentions instead.

    >>> from eduminer.corpus.regions import gazetteer
    >>> g = gazetteer(); s = "市督导室深入西城区、朝阳、丰台区等区督导调研，与海淀区座谈"
    >>> [m.surface for m in units_after(s, g.find(s, context=g.resolve("北京市")), re.compile("深入$"))]
    ['西城区', '丰台区']
    """
    visited, previous = [], None
    for m in mentions:
        if marker.search(sentence, 0, m.start) or (
                previous is not None and _LIST_GLUE.fullmatch(sentence, previous.end, m.start)):
            visited.append(m)
            previous = m
        else:
            previous = None
    if not exclude:
        return visited
    return [m for m in mentions if not any(m is v for v in visited)]


@lru_cache(maxsize=1024)
def _levels(gazetteer, home, cues: SubjectCues) -> Mapping[str, Attribution]:
    """The level words of ``cues`` (全省, 市) that name a unit above ``home``, each with
    that unit: the nearest of ``home`` and its ancestors whose name ends in the word's key,
    unless that is ``home`` itself (全县 on a county's page). Cached: documents of one
    unit are many."""
    chain = [home, *gazetteer.ancestors(home)]
    units: dict[str, object] = {}  # key -> the unit it names
    levels = {}
    for word, key in cues.levels:
        if key not in units:
            units[key] = next((u for u in chain if u.name.endswith(key)), None)
        unit = units[key]
        if unit is not None and unit.code != home.code:
            levels[word] = Attribution(unit.path, unit.code, word)
    return MappingProxyType(levels)


def _has_parts(gazetteer, unit) -> bool:
    """Whether some unit of ``gazetteer`` lies inside ``unit`` (any unit, for a
    gazetteer other than :class:`~eduminer.corpus.regions.Gazetteer`)."""
    from eduminer.corpus.regions import Gazetteer

    return not isinstance(gazetteer, Gazetteer) or gazetteer.has_parts(unit)
