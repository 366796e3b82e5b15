"""Split normalized text into numbered sections, paragraphs (lines) and sentences.

Chinese numbering levels: 第X章/第X条 (0), 一、 (1), （一）/(一) (2), 1./1、 (3),
（1）/(1) (4), ①… (5). A line such as "（一）领导重视，执行有力。根据…" holds a
heading and body: the heading is the lead phrase up to the first 。.

>>> secs, sents = split_structure("a.txt", "一、主要做法\\n（一）领导重视。根据方案执行。")
>>> [s.path for s in secs]
['一、主要做法', '一、主要做法 > （一）领导重视']
>>> [(s.text, s.is_heading) for s in sents][1:]
[('（一）领导重视。', True), ('根据方案执行。', False)]
"""

from __future__ import annotations

import re

from eduminer.corpus.model import Section, Sentence
from eduminer.records import positional_maker

_CN_NUM = "一二三四五六七八九十百零〇两"
# (pattern, rank for nesting, level reported in Section.level)
_HEADINGS = [
    (re.compile(rf"^第[{_CN_NUM}\d]+[编章](?=\s|[\u4e00-\u9fff]|$)"), 0.0, 0),
    (re.compile(rf"^第[{_CN_NUM}\d]+节(?=\s|[\u4e00-\u9fff]|$)"), 0.3, 0),
    (re.compile(rf"^第[{_CN_NUM}\d]+条(?=\s|[\u4e00-\u9fff]|$)"), 0.6, 0),
    (re.compile(rf"^[{_CN_NUM}]{{1,3}}\s*[、.．](?!\d)"), 1.0, 1),
    (re.compile(rf"^[（(]\s*[{_CN_NUM}]{{1,3}}\s*[）)]"), 2.0, 2),
    (re.compile(r"^\d{1,2}\s*[、.．](?![\d%])"), 3.0, 3),
    (re.compile(r"^[（(]\s*\d{1,2}\s*[）)]"), 4.0, 4),
    (re.compile(r"^[①-⑳]"), 5.0, 5),
]
# the patterns above as one regex, group k+1 for pattern k: the alternatives are tried
# in order at the start of the line, so the first pattern that matches decides, as a
# loop over them would, in one call (most lines fail on their first character)
_HEADING = re.compile("^(?:" + "|".join(f"({p.pattern[1:]})" for p, _, _ in _HEADINGS) + ")")
_RANK_LEVEL = [None] + [(rank, level) for _, rank, level in _HEADINGS]
# a line holds no gap between sentences, so a sentence starts where the one before ended
# (a "?" before a Latin letter is no stop: see _NOT_A_QUESTION)
_SENTENCE = re.compile(r"(?:[^。！？；!?;]|\?(?=[A-Za-z]))+(?:(?:[。！？；!;]|\?(?![A-Za-z]))+[”’」』）)]*)?"
                       r"|(?:[。！？；!;]|\?(?![A-Za-z]))+")
# _SENTENCE for a text whose only stop is 。: sre tests for one character at C speed, where
# a set of them costs a function call per character. _SENTENCE tells characters apart only
# as stops, closing quotes and others: in a text whose other stops are turned into 。 (one
# character for one) it finds the very same spans.
_SENTENCE_FULL_STOP = re.compile(r"[^。]++(?:。++[”’」』）)]*+)?+|。++")
_OTHER_STOPS = "！？；!?;"


# "?" before a Latin letter ends no sentence: a URL's query (index.php?id=3) or a mirror
# site's mojibake before its pinyin (当?shù)卣y筹)
_NOT_A_QUESTION = re.compile(r"\?(?=[A-Za-z])")


def _full_stops(text: str) -> str:
    """``text`` with every stop but 。 turned into 。 (str.replace finds a character at memchr
    speed, and returns the text itself when it is not there), one character for one.

    >>> _full_stops("好吗?是的;当?shù)卣y筹") == "好吗。是的。当" + chr(0) + "shù)卣y筹"
    True
    """
    if "?" in text:
        text = _NOT_A_QUESTION.sub("\x00", text)  # any character that is not a stop
    for stop in _OTHER_STOPS:
        text = text.replace(stop, "。")
    return text


def _sentences(line: str, stopped: str) -> list[str]:
    """``_SENTENCE.findall(line)``; ``stopped``: ``_full_stops(line)``."""
    found = _SENTENCE_FULL_STOP.findall(stopped)
    if stopped == line:
        return found
    out, start = [], 0
    for piece in found:
        out.append(line[start : start + len(piece)])
        start += len(piece)
    return out


_LEAD_END = re.compile(r"[。！？；!?;]")
_CLAUSE_END = re.compile(r"[，,：:]")
MAX_HEADING = 40  # a numbered line longer than this without a stop is a numbered paragraph


def heading_of(line: str) -> tuple[str, float, int] | None:
    """``(heading, rank, level)`` when the line starts a numbered section, else None.

    >>> heading_of("(三)学区管理经费不足。区政府在召开专题会议…")
    ('(三)学区管理经费不足', 2.0, 2)
    >>> heading_of("2021年8月3日") is None
    True
    """
    m = _HEADING.match(line)
    return None if m is None else _heading(line, m)


def _heading(line: str, m: re.Match) -> tuple[str, float, int] | None:
    """``heading_of(line)`` once ``_HEADING`` matched the line's number."""
    rank, level = _RANK_LEVEL[m.lastindex]
    number_end = m.end()
    if level != 0 and (number_end == len(line) or line[number_end].isspace() and line[number_end:].isspace()):
        return None  # a bare number is no heading (the rest of the line copied only if it may be blank)
    stop = _LEAD_END.search(line, number_end)
    if stop is not None:
        if stop.start() - number_end <= MAX_HEADING:
            return line[: stop.start()].rstrip(), rank, level
    elif len(line) <= MAX_HEADING + 8:
        return line.rstrip(), rank, level
    # a long numbered paragraph: its first clause names the section
    clause = _CLAUSE_END.search(line, number_end)
    if clause is not None and clause.start() - number_end <= MAX_HEADING // 2:
        return line[: clause.start()].rstrip(), rank, level
    return None




# records made by filling their __dict__: millions of sentences (see records.positional_maker)
_make_sentence = positional_maker(Sentence)
_make_section = positional_maker(Section)


def split_structure(doc: str, text: str) -> tuple[tuple[Section, ...], tuple[Sentence, ...]]:
    """Sections and sentences of normalized ``text`` (offsets index ``text``)."""
    sections: list[list] = []  # [rank, level, heading, path, start, end]
    open_sections: list[list] = []  # by rank, outermost first
    stack: list[tuple[float, str]] = []  # (rank, path) from the top level down
    sentences: list[Sentence] = []
    append = sentences.append
    make = _make_sentence
    match_heading = _HEADING.match
    find_sentences = _SENTENCE_FULL_STOP.findall
    stopped = _full_stops(text)
    # the lines with their stops turned into 。; None: the text's own (it has no other stops)
    stopped_lines = None if stopped is text else stopped.split("\n")
    path = ""  # " > ".join of the stack; it only changes at a heading
    pos = 0
    index = 0  # of the next sentence
    for paragraph, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        if not line or line.isspace():
            continue
        m = match_heading(line)  # heading_of, with the call only for numbered lines
        head = None if m is None else _heading(line, m)
        heading_end = -1  # sentences ending by here on the line's start are its heading
        if head is not None:
            heading, rank, level = head
            while stack and stack[-1][0] >= rank:
                stack.pop()
            path = f"{stack[-1][1]} > {heading}" if stack else heading  # the headings joined by " > "
            stack.append((rank, path))
            while open_sections and open_sections[-1][0] >= rank:  # close this rank and deeper
                open_sections.pop()[5] = line_start
            section = [rank, level, heading, path, line_start, None]
            sections.append(section)
            open_sections.append(section)
            heading_end = line_start + len(heading) + 2
        start = line_start
        raws = find_sentences(line) if stopped_lines is None else _sentences(line, stopped_lines[paragraph])
        for raw in raws:
            end = start + len(raw)
            stripped = raw.strip()
            if stripped is raw:  # str.strip returns the very object when nothing is stripped
                append(make(doc, index, start, end, raw, path, paragraph, start == line_start and end <= heading_end))
                index += 1
            elif stripped:
                at = start + len(raw) - len(raw.lstrip())
                append(make(doc, index, at, at + len(stripped), stripped, path, paragraph,
                            at == line_start and at + len(stripped) <= heading_end))
                index += 1
            start = end
    end_of_text = len(text)
    make_section = _make_section
    out_sections = tuple([
        make_section(doc, i, level, heading, path, start, end if end is not None else end_of_text)
        for i, (_, level, heading, path, start, end) in enumerate(sections)
    ])
    return out_sections, tuple(sentences)
