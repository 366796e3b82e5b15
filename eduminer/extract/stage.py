"""The stage of a measure: ``implemented``, ``planned`` or ``problem``.

Three signals, from the weakest to the strongest:

1. the document's genre -- plans, schemes and opinions (规划, 实施方案, 意见 …)
   are ``planned`` throughout; reports, replies and case studies are ``implemented``;
2. the sentence's section -- the deepest heading naming problems (存在问题),
   plans (下一步打算, 建议) or achievements (主要做法, 成效) decides its section;
3. the sentence's own wording -- a plan sentence reporting something already done
   (已/先后/累计/成立了 …) is ``implemented``; a report sentence naming a gap
   (不足/不畅/制约 …) is ``problem``, one announcing intentions (下一步/将继续/拟) ``planned``.

All cue lists live in ``data/stage.yaml``.

>>> rules = stage_rules()
>>> rules.genre("关于印发《普陀区中小学教育“十四五”专项规划》的通知")
'planned'
>>> rules.genre("重庆市教育委员会关于第0968号提案的复函")
'implemented'
>>> rules.stage("学区管理经费不足", section="三、存在问题", genre="implemented")
('problem', 'section:存在问题')
>>> rules.stage("全区已建成教育集团12个", section="", genre="planned")
('implemented', 'wording:已建')
>>> rules.stage("到2025年，培育优质教育集团80个", genre="implemented", year=2022)
('planned', 'wording:到2025年')
>>> rules.stage("到2020年底，全市建成教育集团30个", genre="implemented", year=2021)
('implemented', 'genre:implemented')

A page without a date (``year`` None): a target (到2025年, ``undated_target_prefixes``) in a
sentence reporting nothing done makes it planned; one reporting a deed (已建成, 细化了) does not.

>>> rules.stage("到2025年，组建不少于6个中小学教育集团"), rules.stage("到2020年底，全市已建成教育集团30个")
(('planned', 'wording:到2025年'), ('implemented', 'genre:implemented'))
>>> rules.stage("到2018年，《实施方案》又进一步细化了集团化的机制")[0]
'implemented'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eduminer.errors import DataFileError, Errors

STAGES = ("implemented", "planned", "problem")


def _alternation(cues) -> re.Pattern:
    return re.compile("|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)))


@dataclass(frozen=True)
class StageRules:
    """Compiled stage cue lists (see module docstring)."""

    sections: tuple[tuple[str, re.Pattern], ...]
    genres: tuple[tuple[str, re.Pattern], ...]
    wording: dict
    target_year: re.Pattern | None = None  # "到2025年": group 1 is the year
    announcing: re.Pattern | None = None  # a news title's 将/拟: the page announces a plan
    # a remedy verb before a problem word in its clause (解决…不均衡问题): the sentence states an
    # aim, not a gap
    remedies: re.Pattern | None = None
    # planned wording as regular expressions (a clause opening with 要 …), each searched on its
    # own after the literal cues: one alternation of both would search several times slower
    planned_patterns: tuple[re.Pattern, ...] = ()
    # a directive's lead (…强调,): the sentences after it in its paragraph are planned too
    directive: re.Pattern | None = None
    # a document stating its rules, read out in news (通知要求各地…, 《意见》明确…): a lead as above; searched
    # only in sentences holding one of each literal set its regular expressions require (few do)
    document_lead: re.Pattern | None = None
    document_needs: tuple[tuple[str, ...], ...] = ()
    # a sentence opening with one of these (同时,…) goes on with the one before it in its paragraph
    continuations: tuple[str, ...] = ()
    # a problem word inside a match of one of these names no gap (困难学生, a quoted programme's
    # name “…薄弱环节改善…”工程)
    not_gaps: tuple[re.Pattern, ...] = ()
    # a sentence part after one ending with one of these (；) goes on with it: a proposal's list
    list_ends: tuple[str, ...] = ()
    # phrases of a title that announce a pending recognition, not a plan (…这10地拟入选, 拟命名名单公示):
    # the places were chosen for what they did; the title's other words decide
    not_announcing: re.Pattern | None = None
    # on a page without a date, a target (到2025年) in a sentence with no implemented wording
    undated_target: re.Pattern | None = None
    # (mining pass 56) a plan's part named by a numbered heading in a page's first lines
    # (一、目标任务 / 二、实施步骤): the page is a plan whose title was lost
    plan_parts: re.Pattern | None = None
    plan_releases: tuple[re.Pattern, ...] = ()  # a page without a title opening on a plan's release

    def genre(self, title: str, from_text: bool = False) -> str:
        """``planned`` for plans and schemes, else ``implemented`` (the default for reports).

        ``from_text``: ``title`` is a page's first lines (it has no title): a document it
        cites (为响应《…指导意见》) or names (“十四五”规划) is not its genre there.

        >>> stage_rules().genre("为积极响应《教育部关于…的指导意见》精神，县教育局推出了专递课堂", from_text=True)
        'implemented'
        """
        text = _CITATION.sub("", title) if from_text else ""
        for stage, rx in self.genres:
            if from_text:
                if any(_ENDS_A_TITLE.match(text, m.end()) and not _in_quotes(text, m.start())
                       and not _names_a_document(text, m) for m in rx.finditer(text)):
                    return stage
            elif rx.search(_outside_citations(title)) or (stage == "planned" and rx.search(_outside_quotes(title))):
                return stage
        if self.announcing is not None and len(title) <= 40 and "。" not in title and "；" not in title:
            headline = _outside_citations(title)
            if self.not_announcing is not None:
                headline = self.not_announcing.sub("", headline)
            if self.announcing.search(headline):
                return "planned"
        if from_text and (self._reads_as_plan(text) or any(rx.search(title) for rx in self.plan_releases)):
            return "planned"
        return "implemented"

    def _reads_as_plan(self, head: str) -> bool:
        """A page without a title is a plan when its first lines name a plan's part under a
        numbered heading (一、目标任务), or open with a numbered item (（一）优化集团布局 1.统筹…)
        whose wording mandates (要…, 用3年左右时间…) and reports nothing done (mining pass 56).

        >>> stage_rules()._reads_as_plan("（一）优化布局 1.统筹城区办学。用3年左右时间将加盟学校办成好学校。")
        True
        >>> stage_rules()._reads_as_plan("（一）强基建。年内累计改扩建学校3所,要加快建设。")
        False
        """
        if self.plan_parts is not None and self.plan_parts.search(head):
            return True
        if not _OPENS_AN_ITEM.match(head):
            return False
        return (self._decide(head, None, "implemented", None)[0] == "planned"
                and self._decide(head, None, "planned", None)[0] == "planned")

    def section_stage(self, section: str) -> tuple[str, str] | None:
        """The stage named by the deepest heading of a section path, with its cue.

        A heading that remedies a gap names an action, not a problem section (as in a
        sentence: :meth:`_names_no_gap`):

        >>> rules = stage_rules()
        >>> rules.section_stage("（一）强基建补短板"), rules.section_stage("三、存在的短板")
        (None, ('problem', '短板'))
        """
        for heading in reversed(section.split(" > ")):
            covered = None  # its not-gap spans, found when a problem word needs them
            for stage, rx in self.sections:
                for m in rx.finditer(heading):
                    if stage == "problem":
                        covered = self._not_gap_spans(heading) if covered is None else covered
                        if self._names_no_gap(heading, m, covered):
                            continue
                    return stage, m.group()
        return None

    def stage(self, text: str, section: str = "", genre: str = "implemented",
              year: int | None = None) -> tuple[str, str]:
        """(stage, why) for a sentence; ``why`` names the cue that decided it. ``year``:
        the document's year (a target year after it makes the sentence planned)."""
        return self._decide(text, self.section_stage(section) if section else None, genre, year)

    def stage_many(self, texts: list[str], sections: list[str],
                   genre: str = "implemented", year: int | None = None,
                   directed: list[bool] | None = None) -> list[tuple[str, str]]:
        """:meth:`stage` of each sentence (``texts[i]`` in ``sections[i]``) of one
        document: its sentences share a few sections, each read once here.
        ``directed[i]``: sentence i follows a directive's lead in its paragraph
        (:meth:`directive_leads`): where nothing else decides, it is planned.

        >>> stage_rules().stage_many(["学区经费不足", "组建集团"], ["三、存在问题", "三、存在问题"])
        [('problem', 'section:存在问题'), ('problem', 'section:存在问题')]
        >>> stage_rules().stage_many(["组建集团", "组建集团"], ["", ""], directed=[False, True])
        [('implemented', 'genre:implemented'), ('planned', 'directive')]
        """
        by_section: dict[str, tuple[str, str] | None] = {"": None}
        out = []
        for i, (text, section) in enumerate(zip(texts, sections)):
            if section in by_section:
                found = by_section[section]
            else:
                found = by_section[section] = self.section_stage(section)
            decided = self._decide(text, found, genre, year)
            if (directed is not None and directed[i] and decided[1].startswith("genre:") and decided[0] != "planned"
                    and not _PERFECTIVE.search(text) and not _earlier_year(text, year)):
                # (not what it reports done: …分别挑选了19个示范区, 江苏省于2018年年底启动…)
                decided = ("planned", "directive")
            out.append(decided)
        return out

    def continues_a_plan(self, sentences, i: int, genre: str = "implemented", year: int | None = None) -> bool:
        """Whether ``sentences[i]`` (records with ``text`` and ``paragraph``) opens with a
        continuation (同时,…) right after a sentence of its paragraph whose own wording is
        planned: a pledge goes on (…区将以此为契机,…。同时,进一步深入推进集团化办学).

        >>> from types import SimpleNamespace as S
        >>> rules = stage_rules()
        >>> rules.continues_a_plan([S(text="该区将以督导为契机，加强政府主导。", paragraph=2),
        ...                         S(text="同时，进一步推进集团化办学。", paragraph=2)], 1)
        True
        >>> rules.continues_a_plan([S(text="全区已组建学区8个。", paragraph=2),
        ...                         S(text="同时，组建了教育集团。", paragraph=2)], 1)
        False
        """
        sentence, previous = sentences[i], sentences[i - 1] if i > 0 else None
        if previous is None or previous.paragraph != sentence.paragraph or not self.continuations:
            return False
        if not sentence.text.lstrip().startswith(self.continuations):
            return False
        stage, why = self._decide(previous.text, None, genre, year)
        return stage == "planned" and not why.startswith("genre:")

    def continues_a_list(self, sentences, i: int, genre: str = "implemented", year: int | None = None) -> bool:
        """Whether ``sentences[i]`` is an item of a list (parts of one paragraph, each ending with
        a ``list_ends`` mark, ；) that a part with planned wording opens (这就需要建立…;加大…;完善…),
        and reports no deed of its own (已/成立了 …).

        >>> from types import SimpleNamespace as S
        >>> rules = stage_rules()
        >>> parts = [S(text="这就需要建立健全管理运行机制;", paragraph=1), S(text="加大教育资源投入;", paragraph=1),
        ...          S(text="完善相关政策法规。", paragraph=1), S(text="组建教育集团。", paragraph=1)]
        >>> [rules.continues_a_list(parts, i) for i in range(4)]
        [False, True, True, False]
        >>> rules.continues_a_list([parts[0], S(text="全县已组建教育集团8个。", paragraph=1)], 1)
        False
        """
        paragraph = sentences[i].paragraph
        before = sentences[i - 1] if i > 0 else None
        # (the cheap tests first: most sentences follow no list item)
        if (not self.list_ends or before is None or before.paragraph != paragraph
                or not before.text.rstrip().endswith(self.list_ends)
                or self.wording["implemented"].search(sentences[i].text)):
            return False
        for j in range(i - 1, max(i - 8, -1), -1):
            part = sentences[j]
            if part.paragraph != paragraph or not part.text.rstrip().endswith(self.list_ends):
                return False
            stage, why = self._decide(part.text, None, genre, year)
            if not why.startswith("genre:"):
                return stage == "planned"
        return False

    def directive_leads(self, sentences) -> dict[int, int]:
        """``paragraph -> index`` of the first sentence of each paragraph of ``sentences``
        (records with ``text``, ``paragraph`` and ``index``) that leads a directive.

        >>> from types import SimpleNamespace as S
        >>> stage_rules().directive_leads([S(text="会上,局长强调,一要明确目标。", paragraph=3, index=7)])
        {3: 7}
        >>> stage_rules().directive_leads([S(text="副局长表示热烈欢迎,并提出了希望。", paragraph=2, index=4)])
        {2: 4}
        """
        leads: dict[int, int] = {}
        if self.directive is None and self.document_lead is None:
            return leads
        search = self.directive.search if self.directive is not None else None
        document = self.document_lead.search if self.document_lead is not None else None
        for sent in sentences:
            if sent.paragraph not in leads:
                text = sent.text
                m = search(text) if search is not None else None
                if m is None and document is not None and all(
                        any(literal in text for literal in group) for group in self.document_needs):
                    m = document(text)
                if m is not None and not _BASIS.search(text, _clause_start(text, m.start()), m.start()):
                    leads[sent.paragraph] = sent.index
        return leads

    def _decide(self, text: str, by_section: tuple[str, str] | None, genre: str,
                year: int | None = None) -> tuple[str, str]:
        if by_section is not None and by_section[0] != "implemented":
            return by_section[0], f"section:{by_section[1]}"
        base = by_section[0] if by_section is not None else genre
        if base != "planned" and year is not None and self.target_year is not None and "年" in text:
            for m in self.target_year.finditer(text):
                if int(m.group(1)) > year:
                    return "planned", f"wording:{m.group()}"
        elif (base != "planned" and year is None and self.undated_target is not None and "年" in text
              and not self.wording["implemented"].search(text) and not _PERFECTIVE.search(text)):
            m = self.undated_target.search(text)
            if m:
                return "planned", f"wording:{m.group()}"
        if base == "planned":
            m = self.wording["implemented"].search(text)
            if m:
                return "implemented", f"wording:{m.group()}"
        else:
            for stage in ("problem", "planned"):
                m = self.wording[stage].search(text)
                if m is None and stage == "planned":
                    for pattern in self.planned_patterns:
                        m = pattern.search(text)
                        if m is not None:
                            break
                if m and stage == "problem" and (self.remedies is not None or self.not_gaps):
                    m = self._gap(text, m)
                if m:
                    return stage, f"wording:{m.group()}"
        return base, f"section:{by_section[1]}" if by_section is not None else f"genre:{genre}"

    def _gap(self, text: str, m: re.Match) -> re.Match | None:
        """The first problem word from ``m`` on that no remedy verb governs, or None.

        >>> rules = stage_rules()
        >>> rules.stage("对解决义务教育发展不均衡问题具有重要意义")[0], rules.stage("学区经费不足")[0]
        ('implemented', 'problem')
        >>> rules.stage("开展专递课堂,解决教师结构性短缺,开不齐、开不足课等问题")[0]
        'implemented'
        >>> rules.stage("解决了择校问题,但教师编制不足")[0]
        'problem'
        >>> rules.stage("我校16名家庭困难的学生与城区学生结对")[0]
        'implemented'
        """
        problem, covered = self.wording["problem"], self._not_gap_spans(text)
        while m is not None and self._names_no_gap(text, m, covered):
            m = problem.search(text, m.end())
        return m

    def _not_gap_spans(self, text: str) -> list[tuple[int, int]]:
        """The spans of ``text`` that ``not_gaps`` matches (a problem word inside one names no gap)."""
        return [(n.start(), n.end()) for rx in self.not_gaps for n in rx.finditer(text)]

    def _names_no_gap(self, text: str, m: re.Match, covered: list[tuple[int, int]]) -> bool:
        """Whether problem word ``m`` of ``text`` names no gap: it lies in a span of ``covered``
        (:meth:`_not_gap_spans`), or a remedy verb governs it."""
        if any(a <= m.start() and m.end() <= b for a, b in covered):
            return True
        if self.remedies is None:
            return False
        # a remedy governs the problem words of its own clause (针对生源流失、…、质量较低的问题),
        # and those of a list of clauses it opens up to the 问题 that closes it (解决教师结构性
        # 短缺,开不齐、开不足课等问题)
        clause = _clause_start(text, m.start())
        return self.remedies.search(text, clause, m.start()) is not None or self._in_remedied_list(text, m)

    def _in_remedied_list(self, text: str, m: re.Match) -> bool:
        """Whether problem word ``m`` lies in a list that a remedy opens and a 问题/难题
        closes, within one sentence part (no 。；; between)."""
        start = max(text.rfind(stop, 0, m.start()) for stop in _SENTENCE_PART_ENDS) + 1
        remedy = None
        for remedy in self.remedies.finditer(text, start, m.start()):
            pass
        if remedy is None or _LIST_CLOSE.search(text, remedy.end(), m.start()):
            return False  # no remedy before it, or the remedy's list closed before it (or a 但 turned it)
        end = min((i for i in (text.find(stop, m.end()) for stop in _SENTENCE_PART_ENDS) if i >= 0),
                  default=len(text))
        return _LIST_CLOSE.search(text, m.start(), end) is not None  # (m itself may close it: 等问题)


_CLAUSE_ENDS = ("，", ",", "；", ";", "。", "：", ":")
# a verb's 了 (细化了, 建成了): a deed reported, not 为了/除了
_PERFECTIVE = re.compile(r"(?<![为除])了")
# a demand given as the basis of what follows (按照…会议要求,…成立了…): no directive leads there
_BASIS = re.compile(r"按|根据|依据|遵照|依照")  # (按 holds 按照)


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position ``at`` of ``text`` starts."""
    return max(text.rfind(stop, 0, at) for stop in _CLAUSE_ENDS) + 1


_YEAR = re.compile(r"((?:19|20)\d{2})年")


def _earlier_year(text: str, year: int | None) -> bool:
    """Whether ``text`` names a year before ``year`` (the document's).

    >>> _earlier_year("江苏省于2018年年底启动试点", 2020), _earlier_year("到2025年建成", 2020)
    (True, False)
    """
    return year is not None and "年" in text and any(int(m.group(1)) < year for m in _YEAR.finditer(text))


_SENTENCE_PART_ENDS = ("；", ";", "。")
_LIST_CLOSE = re.compile(r"问题|难题|矛盾|但|然而|却")
# a genre word right after a quoted name or a plan's period names another document
# (“十四五”规划, 十三五规划纲要), not the one read
_NAMED_DOCUMENT = re.compile(r"(?:[”\"」』]|[十一二三四五六七八九]五|纲要)$")


_CITATION = re.compile(r"《[^》]*》")
# a page opening with a numbered item or heading: （一） / 一、 / 1.
_OPENS_AN_ITEM = re.compile(r"\s*(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、．.](?!\d))")
# in a page's first lines a genre word names the page only where a title would end: at a
# line's end (…实施方案 / …的通知:), before a body's opening run on (…的实施意见为加快…) or
# before 如下 (现将情况答复如下), not inside a sentence (统筹规划下, 提出如下意见,促进…)
# (mining pass 46: nor before 为准, a reference to another document (具体…以2021年…招生入学工作通知为准);
# and a title joining a report to the plan after it ends with the plan, 2025年上半年工作总结及下半年工作
# 计划: its report's genre word ends a title there too, and a report's genre is tried first)
_ENDS_A_TITLE = re.compile(r"[(（][^()（）]{1,12}[)）]\s|\s|$|[：:]|如下|为(?!准)|根据|按照"
                           r"|[及和暨与][^。，,；;：:\s]{0,20}?(?:计划|打算|安排|思路|谋划|设想|要点)(?:\s|$)")


def _in_quotes(text: str, at: int) -> bool:
    return text.count("“", 0, at) > text.count("”", 0, at)


def _names_a_document(text: str, m: re.Match) -> bool:
    return bool(_NAMED_DOCUMENT.search(text, 0, m.start())) or text.startswith("纲要", m.end())


def _outside_citations(title: str) -> str:
    # the genre of "关于《…实施方案》的复函" is 复函: cited titles do not count, nor quoted names
    return _CITATION.sub("", _outside_quotes(title))


def _outside_quotes(title: str) -> str:
    # a quoted name (为落实“…规划纲要”中关于…, read from the first lines of a page without a
    # title) is no genre; a cited 《…实施方案》 published by the title is one
    return re.sub(r"“[^”]*”", "", title)


def _year_after(prefixes: list[str]) -> re.Pattern | None:
    """A year after one of ``prefixes`` (到2025年); group 1 is the year. None for no prefixes."""
    return re.compile(f"(?:{_alternation(prefixes).pattern})\\s*((?:19|20)\\d{{2}})\\s*年") if prefixes else None


@lru_cache(maxsize=8)
def stage_rules(path: str | None = None) -> StageRules:
    """Load and compile ``data/stage.yaml`` (or another file of the same shape)."""
    from eduminer.datafiles import line_of, regex_items, string_items
    from eduminer.extract.datafiles import data_path, load_yaml
    from eduminer.taxonomy.rules import required_literal_sets

    data = load_yaml("stage.yaml", path)
    where = path or data_path("stage.yaml")

    def group(key: str, stages) -> tuple[tuple[str, re.Pattern], ...]:
        block = data.get(key)
        if not isinstance(block, dict) or not all(isinstance(block.get(s), list) and block[s] for s in stages):
            try:
                with open(where, encoding="utf-8") as fh:
                    line = line_of(fh.read(), key)
            except OSError:
                line = 1
            raise DataFileError(Errors.E101, path=where, line=line,
                                message=f"section {key!r} needs non-empty lists for {', '.join(stages)}")
        return tuple((s, _alternation(str(c) for c in block[s])) for s in stages)

    sections = group("sections", ("problem", "planned", "implemented"))
    genres = group("genres", ("implemented", "planned"))
    wording = dict(group("wording", STAGES))
    planned_patterns = regex_items(data, "planned_patterns", where)
    target_year = _year_after(string_items(data, "target_year_prefixes", where))
    announcing = string_items(data, "announcing_titles", where)
    remedies = string_items(data, "problem_remedies", where)
    leads = string_items(data, "directive_leads", where)
    # (mining pass 50: or closing its sentence, the directives following: …并提出了希望。一是坚决贯彻落实…)
    directive = re.compile(f"(?:{_alternation(leads).pattern})(?:[,，:：]|。\\s*$)") if leads else None
    # session 13: or a document stating its rules, read out in news (通知要求各地…, 《意见》明确…): the
    # sentences after it in its paragraph are that document's content
    document_leads = [p.pattern for p in regex_items(data, "document_leads", where)]
    document_lead = re.compile("|".join(f"(?:{p})" for p in document_leads)) if document_leads else None
    document_needs = tuple(tuple(sorted(group)) for group in required_literal_sets(document_lead.pattern)) \
        if document_lead is not None else ()
    continuations = tuple(string_items(data, "continuations", where))
    not_gaps = regex_items(data, "not_gaps", where)
    list_ends = tuple(string_items(data, "list_ends", where))
    not_announcing = string_items(data, "not_announcing", where)
    parts = string_items(data, "plan_parts", where)
    releases = tuple(regex_items(data, "plan_releases", where))
    return StageRules(
        sections, genres, wording, target_year=target_year,
        announcing=_alternation(announcing) if announcing else None,
        remedies=_alternation(remedies) if remedies else None, planned_patterns=tuple(planned_patterns),
        directive=directive, document_lead=document_lead, document_needs=document_needs,
        continuations=continuations, not_gaps=tuple(not_gaps), list_ends=list_ends,
        not_announcing=_alternation(not_announcing) if not_announcing else None,
        undated_target=_year_after(string_items(data, "undated_target_prefixes", where)),
        plan_parts=(re.compile(f"(?:[一二三四五六七八九十]{{1,3}}、|[(（][一二三四五六七八九十]{{1,3}}[)）])\\s*"
                               f"(?:{_alternation(parts).pattern})(?![^\\s，。,]{{0,4}}(?:完成|情况))")
                    if parts else None),
        plan_releases=releases)
