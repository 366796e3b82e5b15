"""Document metadata: title, publication date, issuer, document number (文号), region.

Works on the page lines *before* boilerplate removal (where 发布机构/发布时间 boxes
live) and on the clean body lines (closing signature, title line).

>>> parse_date("二〇二一年八月三日"), parse_date("2017-2-27"), parse_date("2021年8月3日")
('2021-08-03', '2017-02-27', '2021-08-03')
>>> doc_number("渝教提函〔2021136")
'渝教提函〔2021〕136号'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from eduminer.corpus.datafiles import data_path, load_data
from eduminer.datafiles import regex_items, string_items
from eduminer.corpus.normalize import _fold_quotes, normalize_line

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "О": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零○Ｏ一二三四五六七八九十"
DATE = re.compile(
    r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))"
    rf"|([{_CN}]{{4}})年([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日"
)
# DATE as two regexes, one per form, each starting with what sre skips to at C speed (an
# alternation of groups makes it try a match at every position, some 500 instructions
# each): their matches never overlap (before 年, 月 and 日 one has digits or white space,
# the other Chinese numerals), so in order of position they are DATE's
_DATE_DIGITS = re.compile(
    r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))")
_DATE_CN = re.compile(rf"([{_CN}][{_CN}]{{3}})年([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日")
_DATE_LINE = re.compile(rf"^\s*[(（]?\s*(?:(?:19|20)\d{{2}}\s*(?:年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日?|[-/.]\d{{1,2}}[-/.]\d{{1,2}})"
                        rf"|[{_CN}]{{4}}年[{_CN}]{{1,3}}月[{_CN}]{{1,3}}日)\s*[)）]?")
_FIELD_KEYS = ["发布机构", "发文机关", "发文字号", "索引号", "主题分类", "体裁分类", "成文日期", "发布日期",
               "发布时间", "发文时间", "更新时间", "文章来源", "信息来源", "来源", "作者", "标题", "题名", "时间", "日期"]
_FIELD_KEY_SET = frozenset(_FIELD_KEYS)
_VALUE_STRIP = " 　:：[]【】|｜"  # a value's own brackets, colons and table pipes
_PIPE = re.compile(r"[|｜]")
# key: value, [key]: value, 【key】value … A field may start with [ or 【 and white space,
# [\[【]?\s*, which the regex leaves out: the key, the value and where a match ends are the
# same without, and a regex starting with the keys lets sre skip to their first characters
# at C speed (an optional start makes it try a match at every position)
_FIELD = re.compile(
    r"(?P<key>" + "|".join(_FIELD_KEYS) + r")\s*(?:[\]】]\s*[:：]?|[:：])\s*"
    r"(?P<value>.*?)(?=\s*[\[【]?\s*(?:" + "|".join(_FIELD_KEYS) + r")\s*(?:[\]】]|[:：])"
    r"|\s+[^\s:：]{1,6}\s*[:：]|\s*(?:点击数|浏览|阅读|访问)|\s*[\]】]?\s*$)"
)
_ANY_FIELD_KEY = re.compile("|".join(_FIELD_KEYS))
# the keys that hold no other key (发布日期 holds 日期): a text holds a key when it holds one
# of these, which str's `in` finds several times faster than the regex (most pages hold none)
_KEY_CORES = tuple(k for k in _FIELD_KEYS if not any(other != k and other in k for other in _FIELD_KEYS))
_DOCNUM = re.compile(
    r"([\u4e00-\u9fff]{1,10}?)\s*[〔﹝\[［(（【]\s*((?:19|20)\d{2})\s*([〕﹞\]］)）】])?\s*第?\s*(\d{1,4})\s*(号)?"
)
# what every _DOCNUM match holds: a bracket and a year; far cheaper to search for, as
# _DOCNUM's lazy lead tries up to ten characters at every position of the line
_DOCNUM_CORE = re.compile(r"[〔﹝\[［(（【]\s*(?:19|20)\d{2}")
_ORG_SUFFIXES = ("教育局", "教体局", "教育和体育局", "教育体育局", "教育委员会", "教委", "教育厅", "人民政府", "政府办公室",
                 "政府办公厅", "办公厅", "办公室", "委员会", "教育部", "局", "厅", "署", "中心", "研究院", "研究所", "学院",
                 "大学", "学校", "小学", "中学", "教育集团")
ORG_SUFFIX = re.compile("(" + "|".join(_ORG_SUFFIXES) + ")$")
_ORG_PUNCTUATION = re.compile(r"[，。、；：:,《》]")
# a byline of people (作者:欧金昌 周海媚): names of 2-4 characters, no organisation or place
_PEOPLE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[\s、，,/]+[\u4e00-\u9fff]{2,4})*")
_PLACE_END = ("省", "市", "县", "区", "州", "旗", "盟", "镇", "乡", "村")


def names_people(value: str) -> bool:
    """Whether a byline ``value`` names people, not a body: it then names no issuer and
    no place (作者:欧金昌 is a reporter, not 金昌市).

    >>> names_people("欧金昌 周海媚 彭桂芳"), names_people("容县教育局"), names_people("海淀区")
    (True, False, False)
    """
    value = value.strip()
    if not _PEOPLE.fullmatch(value) or ORG_SUFFIX.search(value):
        return False
    return not any(name.endswith(_PLACE_END) for name in re.split(r"[\s、，,/]+", value))
_TITLE_ENDINGS = ("。", "：", ":", "；")
_TITLE_WORDS = re.compile(r"通知|意见|方案|办法|规定|决定|报告|复函|批复")
_NOT_TITLE = re.compile(r"^(附件|各|教育系统|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|.{0,12}[:：]$|(?:当前版|第\s*\d{1,3}\s*版)\s*[:：]|[(（][^()（）]{2,40}\d{6}\s*[)）]$|摘\s*要\s*[:：]|[\u4e00-\u9fff]{2,20}文件$|(?:19|20)\d{2}\s*年\s*第\s*\d{1,3}\s*期|.{0,20}总第\s*\d+\s*期)")
# (当前版:03版, 第09版:教育周刊: a paper's page; (贵州省教育科学院,贵州贵阳 550081): an author's address; 摘要:…;
# 吉林省教育厅文件: an official document's red header; 2025年第36期(总第4051期): a periodical's issue;
# 一、工作目标, （二）…: a numbered section heading of an excerpt that starts inside the document)
_TITLE_LEAD = re.compile(r"^(.{2,30}?)关于")
_FIELD_LINES = 30  # metadata fields are read in this many top lines of a page
# a source's name and a date (and time) of publication, the page's byline: 新湖南客户端 2026-01-13 15:52:27
_SOURCE_DATE_LINE = re.compile(r"[^\d\s,，。;；:：]{2,16}\s*(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?"
                               r"|[-/.]\d{1,2}[-/.]\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
# a reporter's byline on a line of its own (人民网记者 梁宏鑫, 本报记者 张三 通讯员 李四, 文/图 王五): names, no title
_BYLINE = re.compile(r"^[^\s，。,:：]{0,10}?(?:记者|通讯员|责任编辑|责编|编辑|撰稿|摄影|文/图|图/文)[:：]?\s*[\u4e00-\u9fff·]{2,4}"
                     r"(?:[\s、，,]+(?:(?:记者|通讯员|摄影)[:：]?\s*)?[\u4e00-\u9fff·]{2,4})*\s*$")
_TITLE_SUFFIX = re.compile(r"\s*[_|｜—–-]+\s*[^_|｜—–-]{2,30}$")
_SITE_WORDS = re.compile(r"政府|网|门户|网站|频道|教育局|委员会|教委|平台|在线|新闻")


def parse_date(text: str) -> str:
    """The first date (a ``DATE`` match) in ``text`` as ISO ``YYYY-MM-DD``; "" when none is valid."""
    for m in sorted([*_DATE_DIGITS.finditer(text), *_DATE_CN.finditer(text)], key=_start):
        if m.re is _DATE_DIGITS:
            year = int(m.group(1))
            month = int(m.group(2) or m.group(4))
            day = int(m.group(3) or m.group(5))
        else:
            year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
            month, day = _cn_number(m.group(2)), _cn_number(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def _start(m: re.Match) -> int:
    return m.start()


def _cn_number(s: str) -> int:
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS.get(c, 0)) for c in s))


def is_date_line(line: str) -> bool:
    """A line that is (almost) only a date, possibly followed by a short source name."""
    m = _DATE_LINE.match(line)
    return bool(m) and len(line) - m.end() <= 12 and "星期" not in line


def doc_number(text: str) -> str:
    """The first document number (文号) in ``text``, normalized to 〔YYYY〕N号.

    >>> doc_number("港北教[2014]137号")
    '港北教〔2014〕137号'
    """
    if not _DOCNUM_CORE.search(text):
        return ""
    for m in _DOCNUM.finditer(text):
        prefix, year, close, number, hao = m.groups()
        if not close and not hao and len(text.strip()) > 20:
            continue  # without bracket and 号 only a line of its own is trusted
        if not (close or hao):
            if len(number) > 4:
                continue
        return f"{prefix}〔{year}〕{number}号"
    return ""


def fields(lines: list[str], limit: int = 30) -> dict[str, str]:
    """``key: value`` metadata in the top ``limit`` short lines (发布机构, 来源, 发布时间 …)."""
    out: dict[str, str] = {}
    short = [line for line in lines[:limit] if len(line) <= 200]  # body paragraphs hold no fields
    # the lines holding a key (no key, no field: the big regex is spared the others), found
    # in one scan of them all: no key holds a line break
    text = "\n".join(short)
    if not any(key in text for key in _KEY_CORES):
        return out
    ends = list(accumulate([len(line) + 1 for line in short]))  # where the line after each starts
    hit = _ANY_FIELD_KEY.search(text)
    while hit is not None:
        k = bisect_right(ends, hit.start())  # the line holding the key
        if short[k][:1] in "|｜":  # a table row: | 索引号 | … | 发布机构 | … |
            _table_fields(short[k], out)
        for m in _FIELD.finditer(short[k]):
            value = m.group("value").strip(_VALUE_STRIP)
            if value:  # a widget after the value (来源:东南网 我来说两句) is not part of it
                widget = title_cues().furniture.search(value)
                if widget is not None:
                    value = value[:widget.start()].strip(_VALUE_STRIP)
            if value and m.group("key") not in out:
                out[m.group("key")] = value
        hit = _ANY_FIELD_KEY.search(text, ends[k]) if k + 1 < len(short) else None
    # 渝教提函〔2021136: a number split from the brackets
    return out


def _table_fields(row: str, out: dict[str, str]) -> None:
    """The fields of a table row whose cells alternate keys and values (a key cell holds
    a key only, its value is the next cell)."""
    cells = [cell.strip(_VALUE_STRIP) for cell in _PIPE.split(row.strip(_VALUE_STRIP))]
    for key, value in zip(cells, cells[1:]):
        if key in _FIELD_KEY_SET and value and value not in _FIELD_KEY_SET and key not in out:
            out[key] = value


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    date: str = ""
    issuer: str = ""
    doc_number: str = ""
    fields: tuple[tuple[str, str], ...] = ()


def clean_title(title: str) -> str:
    """Strip site-name suffixes ("…_宁河区人民政府", "… - 中国政府网").

    >>> clean_title("关于印发方案的通知_宁河区人民政府")
    '关于印发方案的通知'
    """
    title = title.strip()
    while True:
        m = _TITLE_SUFFIX.search(title)
        if m and _SITE_WORDS.search(m.group()) and m.start() >= 4:
            title = title[: m.start()].rstrip()
        else:
            return title


def is_org_line(line: str) -> bool:
    """A short line naming an organisation (a signature or an issuer line): 上海市普陀区教育局,
    not a headline ending in one (乌鲁木齐市第一小学成立教育集团: ``headline_verbs``).

    >>> is_org_line("上海市普陀区教育局"), is_org_line("乌鲁木齐市第一小学成立教育集团")
    (True, False)
    """
    return _is_org_line(line, title_cues().headline)


def _is_org_line(line: str, headline: re.Pattern) -> bool:
    """``is_org_line`` with the ``headline`` verbs given."""
    return (4 <= len(line) <= 30 and _has_org_suffix(line) and not _ORG_PUNCTUATION.search(line)
            and not headline.search(line))


def _has_org_suffix(line: str) -> bool:
    # ORG_SUFFIX.search(line) with str.endswith, which needs no scan ("$" also matches
    # before a final new line)
    return line.endswith(_ORG_SUFFIXES) or line[-1:] == "\n" and line[:-1].endswith(_ORG_SUFFIXES)


@dataclass(frozen=True)
class TitleCues:
    """The cue lists of data/titles.yaml: ``genre_words`` end a title-like line,
    ``furniture`` marks page furniture (log-in boxes, breadcrumbs) that is never a title,
    ``headline`` the verbs that make a line ending in an organisation's word a headline."""
    genre_words: tuple[str, ...]
    furniture: re.Pattern
    headline: re.Pattern = re.compile(r"(?!)")
    site_ends: tuple[str, ...] = ()  # a line ending in one names a site (株洲市人民政府门户网站)
    surnames: frozenset[str] = frozenset()  # family names: a line of people's names is no title


@lru_cache(maxsize=4)
def title_cues(path: str | None = None) -> TitleCues:
    """The title cues of ``data/titles.yaml`` (or ``path``); a malformed list raises
    ``DataFileError`` naming the file and line."""
    file = Path(path) if path else data_path("titles.yaml")
    data = load_data("titles.yaml", path)
    genre = tuple(string_items(data, "genre_words", file))
    furniture = string_items(data, "furniture", file)
    # longest first: a phrase holding another one is tried first (no effect on "found or not")
    pattern = "|".join(re.escape(p) for p in sorted(furniture, key=len, reverse=True))
    verbs = string_items(data, "headline_verbs", file)
    site_ends = tuple(string_items(data, "site_name_ends", file))
    surnames = frozenset(string_items(data, "surnames", file))
    return TitleCues(genre_words=genre, furniture=re.compile(pattern or r"(?!)"),
                     headline=re.compile("|".join(map(re.escape, verbs)) or r"(?!)"), site_ends=site_ends,
                     surnames=surnames)


_NAME_LINE_LEAD = re.compile(r"^[□■●◎◆\s]*(?:(?:作者|撰文|文)\s*[:：/]\s*)?")
_NAME_SEPARATORS = re.compile(r"[\s、，,/]+")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff·]+")


def _names_only(line: str, surnames: frozenset[str]) -> bool:
    """Whether ``line`` is nothing but two or more people's names (a paper's authors,
    黄丽 程晋宽; a byline, □ 万美容 阮君; a spaced name, 唐丽芳,周 红).

    >>> s = title_cues().surnames
    >>> _names_only("黄丽 程晋宽", s), _names_only("唐丽芳,周 红", s), _names_only("学区 管理", s)
    (True, True, False)
    """
    words = [w for w in _NAME_SEPARATORS.split(_NAME_LINE_LEAD.sub("", line)) if w]
    names: list[str] = []
    for word in words:
        if len(word) == 1 and names and len(names[-1]) == 1:  # 周 红: one name spaced out
            names[-1] += word
        else:
            names.append(word)
    return len(names) >= 2 and all(
        2 <= len(name) <= 4 and _CJK_ONLY.fullmatch(name) and (name[0] in surnames or name[:2] in surnames)
        for name in names)



_TITLE_LINES = 16  # a title-like line (a genre word at its end) is looked for in these top body lines
_PLAIN_TITLE_LINES = 12  # a plain first line (a news headline) only in these
_PLAIN_TITLE_LENGTH = 10  # a shorter plain line gives way to a later title-like one
_SENTENCE_ENDS = ("。", "！", "？", "!", "?")
_HEADLINE_ENDS = ("！", "？", "!", "?")
_CLAUSE = re.compile(r"[,，;；]")
# what a title-like line never holds: sentence punctuation, colons, table pipes, breadcrumb arrows
_NOT_IN_TITLE = re.compile(r"[,，;；。！？!?:：|｜>»]")
_SECTION_HEAD = re.compile(r"[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．)）]"
                           r"|第[一二三四五六七八九十\d]{1,3}[章节条]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TRAILING_NOTE = re.compile(r"\s*[(（][^()（）]{1,14}[)）]$")  # (试行), (征求意见稿), (2021-2025年)
_TITLE_CLOSERS = "》”」』\"')）] 　"
_LEADING_TAGS = re.compile(r"(?:【[^】]{1,10}】\s*)+(?:[(（](?:19|20)\d{2}[)）]\s*)?")  # 【地方】(2021)
_BULLETS = "·•●■◆▪*-–—>"
_BREADCRUMB = re.compile(r"\S\s*(?:>>?|»|›|→)\s*\S")  # 首页 > 新闻 > 本地, 人民网>>贵州频道
_DAY_LINE = re.compile(r"\d{1,2}月\d{1,2}日(?:[-—至到~]\d{1,2}(?:月\d{1,2})?日)?\s*(?:[上下]午|晚)?\s*$")  # 3月12日-13日


def _title_candidate(line: str, cues: TitleCues) -> bool:
    """A line that may be a title: not a date, a byline (source and date, or reporters), number,
    organisation, address line, navigation, page furniture nor Latin-only text."""
    dated = _DATE_LINE.match(line)  # (a date with its weekday, 2025年10月31日 星期五, too: no publication date, no title)
    if not 5 <= len(line) <= 100 or (dated and len(line) - dated.end() <= 12) or _SOURCE_DATE_LINE.match(line) \
            or _BYLINE.match(line):
        return False
    if line.endswith("号") and "〔" in line and doc_number(line) == line:  # a number is 〔…〕…号
        return False
    if line.endswith(_TITLE_ENDINGS) and not _TITLE_WORDS.search(line):
        return False
    if _NOT_TITLE.match(line) or line[0] in _BULLETS or (cues.site_ends and line.endswith(cues.site_ends)):
        return False
    if cues.surnames and len(line) <= 30 and _names_only(line, cues.surnames):
        return False
    if (line.count("|") + line.count("｜") >= 2 or not _CJK.search(line)  # a table row or nav bar; EN
            or cues.furniture.search(line) or _BREADCRUMB.search(line) or _DAY_LINE.match(line)):
        return False
    words = line.split()
    if len(words) >= 5 and len(line) < 6 * len(words):  # a row of short links: 汽车之家 百度 凤凰网 …
        return False
    return not _is_org_line(line, cues.headline)


def _is_sentence(line: str) -> bool:
    """A body sentence: it ends as one, or it is long and has clauses. A short exclamation
    or question of one clause is a headline (闽清首个跨区域教育集团成立啦!, …怎么干?)."""
    if line.endswith(_HEADLINE_ENDS) and len(line) <= 30 and not _CLAUSE.search(line):
        return False
    # a full stop inside (…已收悉。现答复如下:) is no title's either
    return (len(line) > 100 or line.endswith(_SENTENCE_ENDS) or "。" in line
            or len(line) >= 40 and bool(_CLAUSE.search(line)))


def _ends_in_genre(line: str, cues: TitleCues) -> bool:
    """``line`` ends in a genre word (通知, 方案 …), closing quotes and a note like (试行) aside,
    and holds no sentence punctuation and is no section heading (一、 (二) 3.)."""
    if _NOT_IN_TITLE.search(line) or _SECTION_HEAD.match(line):
        return False
    core = _TRAILING_NOTE.sub("", line) if line[-1:] in ")）" else line
    return core.rstrip(_TITLE_CLOSERS).endswith(cues.genre_words)


def _joins(first: str, second: str) -> bool:
    """``first`` is the start of a title whose end is ``second``: split at a line break
    (关于印发《…履行 / 教育职责评价报告》的通知). A short site name before a title is no start."""
    return (len(first) <= 30 and 2 <= len(second) <= 30 and not second.startswith("关于")
            and not _NOT_IN_TITLE.search(first) and not _SECTION_HEAD.match(first)
            and (first.count("《") > first.count("》") or first.startswith("关于") or len(first) >= max(8, len(second))))


def body_title(body: list[str], cues: TitleCues | None = None) -> str:
    """The title among the top body lines: the first candidate line before the body text
    begins (no navigation, furniture, date, number, sentence …), unless it is a short plain
    line (a site name), which gives way to a later line that looks like a title (ending in
    a genre word, or such a title split over two lines, joined) or a line repeated near
    the top.

    >>> body_title(["发展规划部", "本站首页 | 机构概况 | 通知公告", "山西省2018年教育事业发展统计公报"])
    '山西省2018年教育事业发展统计公报'
    >>> body_title(["黔东南州统筹推进县域内城乡义务教育", "一体化改革发展实施方案", "为贯彻落实……"])
    '黔东南州统筹推进县域内城乡义务教育一体化改革发展实施方案'
    >>> body_title(["8月27日上午,某某小学举行揭牌仪式。", "您需要登录后才可以评论, 登录| 注册"])
    ''
    >>> body_title(["新湖南客户端 2026-01-13 15:52:27", "城南小学教育集团首次工作会议召开"])
    '城南小学教育集团首次工作会议召开'
    >>> body_title(["乌鲁木齐市第一小学成立教育集团", "将作为优质教育资源的孵化器更快实现教育均衡化"])
    '乌鲁木齐市第一小学成立教育集团'
    >>> body_title(["株洲市人民政府门户网站", "株洲市人民政府 关于印发《株洲市…实施办法》的通知"])
    '株洲市人民政府 关于印发《株洲市…实施办法》的通知'
    """
    cues = cues or title_cues()
    top = body[:_TITLE_LINES]
    plain = ""
    in_body = False  # past the first body sentence: a plain line there is no title
    for i, line in enumerate(top):
        if _is_sentence(line):
            in_body = True
            continue
        if not _title_candidate(line, cues):
            continue
        if line[0] == "【":  # a database's tags before the title: 【地方】(2021)浙江省…的通知
            line = _LEADING_TAGS.sub("", line, count=1)
            if len(line) < 5:
                continue
        if len(line) >= 6 and _ends_in_genre(line, cues):
            return line
        if i + 1 < len(top) and _joins(line, top[i + 1]) and _ends_in_genre(top[i + 1], cues):
            return line + top[i + 1]
        if not in_body and i < _PLAIN_TITLE_LINES:
            # a headline of some length, or one repeated near the top (a page's title and its
            # <h1>), is the title; a short one may be a site or section name (发展规划部)
            if (not plain and len(line) >= _PLAIN_TITLE_LENGTH) or line in top[i + 1:]:
                return line
            if not plain:
                plain = line
    return plain


def extract_metadata(page_lines: list[str], body_lines: list[str], html_title: str = "",
                     normalized: Mapping[str, str] | None = None) -> Metadata:
    """Title, date, issuer and document number of a document.

    ``page_lines``: all lines before boilerplate removal (holds metadata boxes);
    ``body_lines``: the clean, normalized body lines; ``html_title``: <h1>/<title> of a web page;
    ``normalized``: lines already normalized (``line -> normalize_line(line)``), not redone.
    """
    return _metadata(page_lines, body_lines, html_title, normalized, org_lines(body_lines))


def org_lines(body_lines: list[str]) -> list[int]:
    """Indices of the lines that name an organisation (``is_org_line``), which the
    issuer is looked for in twice (``extract_metadata``, ``issuer_candidates``)."""
    return [i for i, line in enumerate(body_lines) if 4 <= len(line) <= 30 and is_org_line(line)]


def is_page_title(heading: str) -> bool:
    """Whether a web page's <h1>/<title> can be its title: not a bare site or outlet name
    (人民网, 澎湃Logo), a 文号 (黔东南府办发〔2017〕45号), a date, a breadcrumb (首页>>政务公开),
    page furniture or a body sentence.

    >>> is_page_title("人民网"), is_page_title("黔东南府办发〔2017〕45号"), is_page_title("澎湃新闻Logo")
    (False, False, False)
    >>> is_page_title("印江设立乡镇(街道)学区办"), is_page_title("您当前的位置:首页"), is_page_title("首页 资讯 生活")
    (True, False, False)
    """
    # (a site name and a date are no title line of a text either; nor page furniture (您当前的位置:首页),
    # a row of links (首页 资讯 生活), a byline, people's names, an organisation alone)
    return (len(heading) >= 5 and ">" not in heading and not doc_number(heading)
            and "。" not in heading.rstrip("。") and _title_candidate(heading, title_cues()))


def _metadata(page_lines: list[str], body_lines: list[str], html_title: str,
              normalized: Mapping[str, str] | None, org: list[int], plain_page: bool = False) -> Metadata:
    """``extract_metadata``, given ``org_lines(body_lines)``; ``plain_page``: the page lines
    are known to be plain (``normalize.is_plain``): normalizing them folds their quotes only."""
    # metadata boxes sit at the top of a page: only those lines need normalizing, and
    # only the top _FIELD_LINES of them are read
    top = list(filter(None, map(str.strip, page_lines[:60])))[:_FIELD_LINES]
    if plain_page and top:
        page = _fold_quotes("\n".join(top)).split("\n")
    else:
        page = _normalize_lines(top, normalized or {})
    body = body_lines  # already normalized by the caller
    found = fields(page, _FIELD_LINES)

    # title: a 标题 field, the page's own heading, else the title-like top body line
    title = next((found[k] for k in ("标题", "题名") if k in found and 5 <= len(found[k]) <= 100), "")
    if not title and html_title:
        title = clean_title(normalize_line(html_title))
        if not is_page_title(title):
            title = ""  # the page's heading is a site name, a 文号 or a date: read the body
    if not title:
        title = body_title(body)
    title = clean_title(title)

    # date: explicit fields, then a date line near the top, then the closing signature
    date = ""
    for key in ("发布日期", "发布时间", "成文日期", "发文时间", "更新时间", "日期", "时间"):
        if key in found and parse_date(found[key]):
            date = parse_date(found[key])
            break
    if not date:
        date = next((parse_date(line) for line in body[:15] if is_date_line(line)), "")
    if not date:
        date = next((parse_date(line) for line in reversed(body[-8:]) if is_date_line(line)), "")
    if not date:
        date = next((found_date for line in page[:8] if "星期" not in line and (found_date := parse_date(line))), "")

    # issuer: metadata fields, then a signature (an organisation line before a date), then an
    # org line at the top; the first found is taken, so the later sources are only looked at if need be
    candidates = [found[k] for k in ("发布机构", "发文机关", "作者", "来源", "文章来源", "信息来源") if k in found]
    candidates = [c for c in candidates if 2 <= len(c) <= 40 and not names_people(c)]
    if not candidates:
        lead = _TITLE_LEAD.match(title)
        if lead and ORG_SUFFIX.search(lead.group(1)):  # 重庆市教育委员会关于…的复函
            candidates.append(lead.group(1))
    if not candidates:
        n = len(body)
        candidates = [body[i] for i in org if i + 1 < n and is_date_line(body[i + 1]) or i >= n - 3][:1]
    if not candidates:
        candidates = [body[i] for i in org if i < 12 and body[i] != title][:1]
    issuer = candidates[0] if candidates else ""

    number = ""
    if "发文字号" in found:
        number = doc_number(found["发文字号"])
    if not number:
        for line in body[:25]:
            if len(line) <= 30:
                number = doc_number(line)
                if number:
                    break
    return Metadata(title=title, date=date, issuer=issuer, doc_number=number,
                    fields=tuple(sorted(found.items())))


_FOOTER_LINES = 30  # a page's footer is read in this many last lines
_OWNER_WORDS = ("版权所有", "主办")  # in every footer line a site owner pattern matches


@lru_cache(maxsize=1)
def _site_owner_patterns() -> tuple[re.Pattern, ...]:
    return tuple(regex_items(load_data("regions.yaml"), "site_owner_patterns", data_path("regions.yaml")))


def site_owners(page_lines: list[str]) -> list[str]:
    """The bodies a web page's footer names as the site's owner (``site_owner_patterns`` in
    data/regions.yaml), in the order found; only names with an organisation's ending.

    >>> site_owners(["正文", "版权所有:重庆市梁平区人民政府主办:重庆市梁平区人民政府办公室"])
    ['重庆市梁平区人民政府办公室', '重庆市梁平区人民政府']
    >>> site_owners(["闽ICP备05032301号-2 闽南日报社 版权所有"])
    []
    """
    footer = page_lines[-_FOOTER_LINES:]
    joined = "\n".join(footer)  # (one substring scan: most pages' footers name no owner)
    if not any(word in joined for word in _OWNER_WORDS):
        return []
    owners: list[str] = []
    for line in footer:
        if any(word in line for word in _OWNER_WORDS):
            for pattern in _site_owner_patterns():
                owners += [m.group("owner") for m in pattern.finditer(line) if ORG_SUFFIX.search(m.group("owner"))]
    return list(dict.fromkeys(owners))


def _normalize_lines(lines: list[str], known: Mapping[str, str]) -> list[str]:
    """``normalize_line("\\n".join(lines)).split("\\n")``, reusing the ``known`` lines and
    normalizing the others in one OpenCC call (normalization works line by line)."""
    if not lines:
        return []
    segments = "\n".join(lines).split("\n")
    missing = [s for s in segments if s not in known]
    done: dict[str, str] = {}
    if missing:
        converted = normalize_line("\n".join(missing)).split("\n")
        if len(converted) != len(missing):  # OpenCC keeps line breaks; never trust it blindly
            return normalize_line("\n".join(lines)).split("\n")
        done = dict(zip(missing, converted))
    return [known[s] if s in known else done[s] for s in segments]


def issuer_candidates(meta: Metadata, body_lines: list[str]) -> list[str]:
    """Issuer strings in order of trust, for region attribution."""
    return _issuer_candidates(meta, [body_lines[i] for i in org_lines(body_lines)])


def _issuer_candidates(meta: Metadata, org: list[str]) -> list[str]:
    """``issuer_candidates`` given the body's organisation lines."""
    out = [meta.issuer] if meta.issuer else []
    out += [v for k, v in meta.fields if k in ("发布机构", "发文机关", "作者", "来源", "文章来源") and not names_people(v)]
    out += org
    return list(dict.fromkeys(x for x in out if x))
