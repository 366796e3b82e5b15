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
_MAY_BE_HEADING = re.compile(rf"[第{_CN_NUM}（(\d①-⑳]")
_SENTENCE = re.compile(r"[^。！？；!?;]+(?:[。！？；!?;]+[”’」』）)]*)?|[。！？；!?;]+")
_LEAD_END = re.compile(r"[。！？；!?;]")
MAX_HEADING = 40  # a numbered line longer than this without a stop is a numbered paragraph


def heading_of(line: str) -> tuple[str, float, int] | None:
    """``(heading, rank, level)`` when the line starts a numbered section, else None.

    >>> heading_of("(三)学区管理经费不足。区政府在召开专题会议…")
    ('(三)学区管理经费不足', 2.0, 2)
    >>> heading_of("2021年8月3日") is None
    True
    """
    if not _MAY_BE_HEADING.match(line):  # most lines: one cheap test
        return None
    for pattern, rank, level in _HEADINGS:
        m = pattern.match(line)
        if not m:
            continue
        rest = line[m.end():]
        if not rest.strip() and level != 0:
            return None  # a bare number is no heading
        stop = _LEAD_END.search(line, m.end())
        if stop is not None and stop.start() - m.end() <= MAX_HEADING:
            return line[: stop.start()].rstrip(), rank, level
        if stop is None and len(line) <= MAX_HEADING + 8:
            return line.rstrip(), rank, level
        # a long numbered paragraph: its first clause names the section
        clause = re.search(r"[，,：:]", line[m.end():])
        if clause is not None and clause.start() <= MAX_HEADING // 2:
            return line[: m.end() + clause.start()].rstrip(), rank, level
        return None
    return None


def split_structure(doc: str, text: str) -> tuple[tuple[Section, ...], tuple[Sentence, ...]]:
    """Sections and sentences of normalized ``text`` (offsets index ``text``)."""
    sections: list[dict] = []
    open_sections: list[dict] = []  # by rank, outermost first
    stack: list[tuple[float, str]] = []  # (rank, heading) from the top level down
    sentences: list[Sentence] = []
    append = sentences.append
    may_be_heading = _MAY_BE_HEADING.match
    find_sentences = _SENTENCE.finditer
    path = ""  # " > ".join of the stack; it only changes at a heading
    pos = 0
    for paragraph, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        if not line or line.isspace():
            continue
        head = heading_of(line) if may_be_heading(line) else None
        if head is not None:
            heading, rank, level = head
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, heading))
            while open_sections and open_sections[-1]["rank"] >= rank:  # close this rank and deeper
                open_sections.pop()["end"] = line_start
            path = " > ".join(h for _, h in stack)
            sections.append({"rank": rank, "level": level, "heading": heading,
                             "path": path, "start": line_start, "end": None})
            open_sections.append(sections[-1])
            heading_end = line_start + len(heading) + 2
        for m in find_sentences(line):
            raw = m.group()
            stripped = raw.strip()
            if not stripped:
                continue
            start = line_start + m.start()
            if stripped is not raw:  # str.strip returns the very object when nothing is stripped
                start += len(raw) - len(raw.lstrip())
            end = start + len(stripped)
            is_heading = head is not None and start == line_start and end <= heading_end
            append(Sentence(doc, len(sentences), start, end, stripped, path, paragraph, is_heading))
    end_of_text = len(text)
    out_sections = tuple(
        Section(doc, i, s["level"], s["heading"], s["path"], s["start"],
                s["end"] if s["end"] is not None else end_of_text)
        for i, s in enumerate(sections)
    )
    return out_sections, tuple(sentences)
