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

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

MASK = "□"  # same length as what it hides, so offsets stay valid; in no cue
_text_of = attrgetter("text")


@lru_cache(maxsize=8)
def _enough_cjk(n: int) -> re.Pattern:
    # matches once n CJK characters are seen: no list of every character, as findall built.
    # Written out n times, not as (?:…){n}: the same matches (the two classes are
    # disjoint: nothing to backtrack into), without the regex engine's group repeat
    return re.compile(r"[^\u4e00-\u9fff]*[\u4e00-\u9fff]" * max(n, 0))


_TITLE = r"《[^《》\n]{1,80}》"
_CHAIN = rf"{_TITLE}(?:\s*(?:[(（][^()（）\n]{{0,30}}[)）])?\s*(?:、|和|及|与|,|，)?\s*{_TITLE})*"
# a title right after a document number is cited (国办发〔2018〕27号《…》 is another text)
_NUMBERED = re.compile(r"[〔﹝\[［(（](?:19|20)\d{2}[〕﹞\]］)）]\s*\d{1,4}\s*号\s*$")
_CHAIN_AT = re.compile(_CHAIN)


def _citation_lead(pattern: re.Pattern) -> int | None:
    """The most characters a match of ``pattern`` holds before its first 《, not
    counting the white space right before it, when every match is: a first group of
    fixed texts without 《 (the citing verbs), white space, then 《 (as
    :func:`sentence_filters` builds it); else None."""
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    if len(items) < 2 or items[0][0] is not sre_parse.SUBPATTERN or items[1] != (sre_parse.LITERAL, ord("《")):
        return None
    *lead, space = items[0][1][-1]
    op, arg = space
    if (op is not sre_parse.MAX_REPEAT or arg[:2] != (0, sre_parse.MAXREPEAT)
            or list(arg[2]) != [(sre_parse.IN, [(sre_parse.CATEGORY, sre_parse.CATEGORY_SPACE)])]):
        return None
    texts = _fixed_texts(lead, sre_parse)
    if texts is None or any("《" in t for t in texts):
        return None
    return max(map(len, texts))


def _fixed_texts(items, sre) -> set[str] | None:
    """Every string a sequence of regex items can match, if it is made of literals,
    alternatives, literal classes and optional parts (else None)."""
    out = {""}
    for op, arg in items:
        if op is sre.LITERAL:
            texts = {chr(arg)}
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in arg):
            texts = {chr(code) for _, code in arg}
        elif op is sre.BRANCH:
            texts = set()
            for branch in arg[1]:
                sub = _fixed_texts(branch, sre)
                if sub is None:
                    return None
                texts |= sub
        elif op is sre.SUBPATTERN:
            texts = _fixed_texts(arg[-1], sre)
        elif op is sre.MAX_REPEAT and arg[:2] == (0, 1):
            texts = _fixed_texts(arg[2], sre)
            texts = None if texts is None else texts | {""}
        else:
            return None
        if texts is None or len(out) * len(texts) > 10_000:
            return None
        out = {a + b for a in out for b in texts}
    return out


def _plain_items(pattern: re.Pattern) -> list | None:
    """The parsed items of a ``str`` pattern without flags (global or scoped: the
    fixed-text readings below ignore them), else None."""
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    if not isinstance(pattern.pattern, str) or pattern.flags & ~re.UNICODE:
        return None

    def scoped_flags(items) -> bool:  # (?i:…) and the like
        for op, arg in items:
            if op is sre_parse.SUBPATTERN and (arg[1] or arg[2] or scoped_flags(arg[-1])):
                return True
            if op is sre_parse.BRANCH and any(scoped_flags(b) for b in arg[1]):
                return True
            if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and scoped_flags(arg[2]):
                return True
        return False

    items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    return None if scoped_flags(items) else items


def _fixed_texts_of(pattern: re.Pattern) -> set[str] | None:
    """The texts ``pattern`` matches, when it matches exactly where one of a few fixed
    non-empty texts occurs, else None.

    >>> sorted(_fixed_texts_of(re.compile("来源[:：]|作者")))
    ['作者', '来源:', '来源：']
    >>> _fixed_texts_of(re.compile("(?i)ab")), _fixed_texts_of(re.compile("a(?i:b)")), _fixed_texts_of(re.compile("a+"))
    (None, None, None)
    """
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    items = _plain_items(pattern)
    texts = None if items is None else _fixed_texts(items, sre_parse)
    return texts if texts and "" not in texts else None


def _fixed_tails(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The texts every match of ``pattern`` ends with, when its last item matches a
    few fixed non-empty texts (a full match of a line then needs the line to end with
    one: ``str.endswith``, far cheaper than the regex), else None.

    >>> _fixed_tails(re.compile("[\u4e00-\u9fff]{2,9}(?:委员会|教育局)"))
    ('委员会', '教育局')
    >>> _fixed_tails(re.compile("教育局$")) is None, _fixed_tails(re.compile("(?i)x")) is None
    (True, True)
    """
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    items = _plain_items(pattern)
    texts = _fixed_texts(items[-1:], sre_parse) if items else None
    return tuple(sorted(texts)) if texts and "" not in texts else None


def _never_newline(items, sre, dotall: bool) -> bool:
    """Whether the parsed regex ``items`` can never match a line break (conservative: an
    item it does not know counts as one that can)."""
    for op, arg in items:
        if op is sre.LITERAL:
            if arg == 10:
                return False
        elif op is sre.NOT_LITERAL:
            if arg != 10:
                return False
        elif op is sre.ANY:
            if dotall:
                return False
        elif op is sre.IN:
            if _class_holds_newline(arg, sre):
                return False
        elif op is sre.SUBPATTERN:
            if not _never_newline(arg[-1], sre, dotall):
                return False
        elif op is sre.BRANCH:
            if not all(_never_newline(b, sre, dotall) for b in arg[1]):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) or op is getattr(sre, "POSSESSIVE_REPEAT", None):
            if not _never_newline(arg[2], sre, dotall):
                return False
        elif op is sre.AT:
            continue
        else:
            return False
    return True


def _class_holds_newline(items, sre) -> bool:
    """Whether a parsed character class (``[...]``) matches a line break."""
    negate, holds = False, False
    for op, arg in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            holds |= arg == 10
        elif op is sre.RANGE:
            holds |= arg[0] <= 10 <= arg[1]
        elif op is sre.CATEGORY:
            holds |= arg in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_DIGIT, sre.CATEGORY_NOT_WORD, sre.CATEGORY_LINEBREAK)
        else:
            return True  # unknown: assume it does
    return holds != negate


def _sentence_local(pattern: re.Pattern) -> bool:
    """Whether every match ``pattern`` has in one line is also a match in a text of
    such lines joined by line breaks: no \\A or \\Z (string anchors), ^ and $ line anchors
    (re.MULTILINE), and no look-around that could see the next line (one whose content
    cannot match a line break is blind to it: ``(?![^\\n]*每月)``, ``(?<![\\u4e00-\\u9fff])``).

    >>> _sentence_local(re.compile(r"[?？]\\s*$", re.M)), _sentence_local(re.compile(r"ab(?!\\s)", re.M))
    (True, False)
    >>> _sentence_local(re.compile(r"^(?![^\\n]*每月)就", re.M)), _sentence_local(re.compile("(?<![甲乙])丙", re.M))
    (True, True)
    """
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    if not pattern.flags & re.MULTILINE or not isinstance(pattern.pattern, str):
        return False

    dotall = bool(pattern.flags & re.DOTALL)

    def local(items) -> bool:
        for op, arg in items:
            if op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
                if not _never_newline(arg[1], sre_parse, dotall):
                    return False
                continue
            if op is sre_parse.AT and arg in (sre_parse.AT_BEGINNING_STRING, sre_parse.AT_END_STRING):
                return False
            if op is sre_parse.SUBPATTERN and not local(arg[-1]):
                return False
            if op is sre_parse.BRANCH and not all(local(b) for b in arg[1]):
                return False
            if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT
                      if hasattr(sre_parse, "POSSESSIVE_REPEAT") else sre_parse.MAX_REPEAT) and not local(arg[2]):
                return False
        return True

    return local(sre_parse.parse(pattern.pattern, pattern.flags))


def _widest(pattern: re.Pattern) -> int:
    """The most characters a match of ``pattern`` can span (a huge number if unbounded)."""
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    return sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[1]


@dataclass(frozen=True)
class SentenceFilters:
    cited: re.Pattern
    boilerplate: re.Pattern
    min_cjk_chars: int
    org_line: re.Pattern = re.compile(r"(?!x)x")
    # per-sentence patterns (a navigation bar, a question, a list of honours), searched
    # with re.MULTILINE so that ^ and $ are a sentence's start and end; None: none
    line_patterns: re.Pattern | None = None
    # a numbered heading that only names a topic (matched whole), or None
    topic_heading: re.Pattern | None = None
    # line_patterns' alternatives compiled one by one: searched over a document's joined
    # sentences one at a time, each finds its own rare first characters fast, where the
    # alternation tries every alternative at every position (a third of the time); () = unknown
    line_parts: tuple[re.Pattern, ...] = ()
    # a label that opens a list of bare terms (【关键词】城乡结对;互动课堂;学校共同体): the
    # sentences after it in its paragraph are the list's items, not measures; None: none
    list_label: re.Pattern | None = None
    # a citing verb and the issuing body before a 《 (贯彻落实…区委教育工作领导小组《…》): the title is
    # cited too; searched over the few characters before a 《 that ``cited`` does not match; None: none
    cited_issuer: re.Pattern | None = None
    # derived once: the CJK counter, and the longest line org_line can match whole
    # (most lines are longer: they skip the regex, whose look-ahead scans the line)
    _enough: re.Pattern = field(init=False, repr=False, compare=False)
    _org_widest: int = field(init=False, repr=False, compare=False)
    # how far before a 《 a citation can start (white space aside), or None
    _cite_lead: int | None = field(init=False, repr=False, compare=False)
    # whether boilerplate is a few fixed texts (as sentence_filters builds it): see
    # worth_coding_spans
    _boiler_fixed: bool = field(init=False, repr=False, compare=False)
    # the texts a line org_line matches must end with, or None (see is_boilerplate)
    _org_tails: tuple[str, ...] | None = field(init=False, repr=False, compare=False)
    # line_patterns as parts (see line_parts), each with the literals one of which a line
    # must hold for it to match (their indexes in _guard_literals; None: unknown) and
    # whether it can be searched over the sentences joined by line breaks (no look-around,
    # \A, \Z: a sentence's match is then a match there too)
    _joined_parts: tuple = field(init=False, repr=False, compare=False)
    _guard_literals: object = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_enough", _enough_cjk(self.min_cjk_chars))
        object.__setattr__(self, "_org_widest", _widest(self.org_line))
        object.__setattr__(self, "_cite_lead", _citation_lead(self.cited))
        object.__setattr__(self, "_boiler_fixed", _fixed_texts_of(self.boilerplate) is not None)
        object.__setattr__(self, "_org_tails", _fixed_tails(self.org_line))
        parts = self.line_parts or ((self.line_patterns,) if self.line_patterns else ())
        guards = [_guard(part) for part in parts]
        literals = sorted({literal for guard in guards if guard for literal in guard})
        index = {literal: k for k, literal in enumerate(literals)}
        object.__setattr__(self, "_joined_parts", tuple(
            (part, None if guard is None else frozenset(index[literal] for literal in guard), _sentence_local(part))
            for part, guard in zip(parts, guards)))
        # one automaton tells which guard literals a document holds, in one pass (a substring
        # test per literal and pattern costs five times as much)
        object.__setattr__(self, "_guard_literals", _automaton(literals))

    def mask_citations(self, text: str) -> str:
        """``text`` with every cited 《title》 (and its chain) replaced by ``MASK``
        characters of the same length.

        Every citation holds a 《 a few characters after its start, so the pattern is
        tried only there, not at every character (what ``cited.sub`` does, at a cost
        of most of a text's masking): the same matches, leftmost first. A title right
        after a document number (国办发〔2018〕27号《…》) is cited too.

        >>> sentence_filters().mask_citations("贯彻国办发〔2018〕27号《关于…集团化办学的意见》，成立集团")
        '贯彻国办发〔2018〕27号□□□□□□□□□□□□□，成立集团'
        """
        lead = self._cite_lead
        if lead is None:
            return self.cited.sub(_masked, text)
        if "《" not in text:
            return text
        match, find = self.cited.match, text.find
        pieces: list[str] = []
        pos = floor = 0  # where the text is not yet copied; where a citation may start
        at = find("《")
        while at >= 0:
            # a citation reaching this 《 starts at most `lead` characters before the
            # white space in front of it, and after the 《 before (none can start
            # earlier: its first 《 would be this one or an earlier one, tried before)
            start = at
            while start > floor and text[start - 1].isspace():
                start -= 1
            for begin in range(max(floor, start - lead), at):
                m = match(text, begin)
                if m is not None:
                    pieces.append(text[pos:begin])
                    pieces.append(_masked(m))
                    pos = floor = m.end()
                    break
            else:
                m = (_CHAIN_AT.match(text, at) if _NUMBERED.search(text, max(floor, at - 24), at) or (
                    self.cited_issuer is not None and self.cited_issuer.search(text, max(floor, at - 40), at))
                     else None)
                if m is not None:  # 国办发〔2018〕27号《…》, 落实省教育厅《…》: the number or body stays, the title is masked
                    pieces.append(text[pos:at])
                    pieces.append(MASK * (m.end() - at))
                    pos = floor = m.end()
                else:
                    floor = at + 1
            at = find("《", floor)
        if not pieces:
            return text
        pieces.append(text[pos:])
        return "".join(pieces)

    def is_boilerplate(self, sentence: str) -> bool:
        """Page furniture, or a line that only names an issuing/signing body."""
        if self.boilerplate.search(sentence) is not None:
            return True
        if self.line_patterns is not None and self.line_patterns.search(sentence) is not None:
            return True
        line = sentence.strip()
        if self.topic_heading is not None and self.topic_heading.fullmatch(line) is not None:
            return True
        tails = self._org_tails
        return (len(line) <= self._org_widest and (tails is None or line.endswith(tails))
                and self.org_line.fullmatch(line) is not None)

    def too_short(self, sentence: str) -> bool:
        """Fewer than ``min_cjk_chars`` Chinese characters (stops counting at the minimum)."""
        return self._enough.match(sentence) is None

    def worth_coding(self, sentences: Sequence, masked: str) -> list[int]:
        """Indexes of the ``sentences`` (with ``start``, ``end`` and ``text``) neither
        :meth:`too_short` in ``masked`` (the text with citations masked) nor
        :meth:`is_boilerplate`: what the extractor codes. The same as testing each,
        without a call or a slice per sentence.

        >>> from types import SimpleNamespace as S
        >>> text = "发布时间:2023-11-06。附件1。全区共设立了9个学区。"
        >>> f = sentence_filters()
        >>> f.worth_coding([S(start=0, end=17, text=text[:17]), S(start=17, end=21, text=text[17:21]),
        ...                 S(start=21, end=len(text), text=text[21:])], f.mask_citations(text))
        [2]
        """
        return self.worth_coding_spans(sentences, masked)[0]

    def worth_coding_spans(self, sentences: Sequence, masked: str) -> tuple[list[int], list[tuple[int, int]]]:
        """:meth:`worth_coding`, and the ``(start, end)`` of each sentence it keeps."""
        enough, boilerplate = self._enough.match, self.boilerplate.search
        org_line, org_widest, org_tails = self.org_line.fullmatch, self._org_widest, self._org_tails
        lines = self.line_patterns.search if self.line_patterns is not None else None
        flagged: set[int] = set()  # sentences a joinable pattern matches
        if self._boiler_fixed or lines is not None:
            sentences = sentences if isinstance(sentences, (list, tuple)) else list(sentences)
            texts = list(map(_text_of, sentences))
            joined = "\n".join(texts)
            if self._boiler_fixed:
                # fixed texts are sentence-local too (texts come cleaned of page furniture,
                # so one search usually clears them all)
                flagged |= _matching_lines(self.boilerplate, joined, texts)
                boilerplate = None
            if lines is not None:
                # a pattern with guard literals can only match a line holding one of them: it is
                # tried on those lines alone (one automaton pass finds them all), not searched
                # through the document (most patterns need a literal most lines lack); one
                # without is searched through the joined lines when it is sentence-local, else
                # line by line (a look-around could see the next line)
                holding = _lines_holding(self._guard_literals(joined), texts)
                for part, guard, local in self._joined_parts:  # a line matches the alternation iff one part does
                    search = part.search
                    if guard is None:
                        if local:
                            flagged |= _matching_lines(part, joined, texts)
                        else:
                            flagged.update(i for i, text in enumerate(texts) if search(text) is not None)
                        continue
                    for k in guard:
                        for line in holding.get(k, ()):
                            if line not in flagged and search(texts[line]) is not None:
                                flagged.add(line)
                lines = None
        topic = self.topic_heading.fullmatch if self.topic_heading is not None else None
        label = self.list_label.match if self.list_label is not None else None
        listed = None  # the paragraph of the last list label met (its later sentences are items)
        keep: list[int] = []
        spans: list[tuple[int, int]] = []
        for i, s in enumerate(sentences):
            start, end = s.start, s.end
            if label is not None:
                paragraph = getattr(s, "paragraph", None)
                if listed is not None:
                    if paragraph == listed and _bare_term(s.text):
                        continue
                    listed = None  # the list ended (a run-on page goes on in the same paragraph)
                if label(s.text) is not None:
                    listed = paragraph
            # match(masked, start, end) == match(masked[start:end]): the pattern has no
            # anchor or look-around that could see past the sentence
            if enough(masked, start, end) is None:
                continue
            if i in flagged:
                continue
            sentence = s.text
            if boilerplate is not None and boilerplate(sentence) is not None:
                continue
            if lines is not None and lines(sentence) is not None:
                continue
            line = sentence.strip()
            if topic is not None and topic(line) is not None:
                continue
            # a line org_line matches ends with one of its tails: a cheap test first
            if (len(line) <= org_widest and (org_tails is None or line.endswith(org_tails))
                    and org_line(line) is not None):
                continue
            keep.append(i)
            spans.append((start, end))
        return keep, spans


def _bare_term(sentence: str, widest: int = 20) -> bool:
    """Whether ``sentence`` is a bare term, as in a keyword list: short, no comma or full stop.

    >>> _bare_term("学校共同体"), _bare_term("互动课堂;"), _bare_term("全区组建教育集团8个，覆盖全部学校。")
    (True, True, False)
    """
    text = sentence.strip()
    return len(text) <= widest and not any(c in text for c in "，,。")


def _automaton(literals: list[str]):
    """``text -> [(literal index, start, end), …]`` for every occurrence of ``literals``."""
    if not literals:
        return lambda text: ()
    import ahocorasick_rs

    find = ahocorasick_rs.AhoCorasick(literals).find_matches_as_indexes
    return lambda text: find(text, overlapping=True)


def _guard(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Literals one of which every match of ``pattern`` holds (the rarest such set the
    taxonomy's regex analysis finds), or None when it finds none.

    >>> _guard(re.compile("董事长|总经理|总裁"))
    ('总经理', '总裁', '董事长')
    >>> _guard(re.compile(r"[?？]\\s*$", re.M))
    ('?', '？')
    >>> _guard(re.compile(".")) is None
    True
    """
    from eduminer.taxonomy.rules import required_literal_sets

    try:
        sets = required_literal_sets(pattern.pattern, char_classes=True)
    except Exception:  # a construct the analysis does not know: search the pattern always
        return None
    if not sets:
        return None
    return tuple(sorted(max(sets, key=lambda group: (min(map(len, group)), -len(group)))))


def _lines_holding(found, texts: Sequence[str]) -> dict[int, list[int]]:
    """``literal index -> the indexes of the texts holding it``, from ``found`` (the
    automaton's ``(literal, start, end)`` in the texts joined by line breaks, in text
    order): each line once per literal.

    >>> _lines_holding([(0, 0, 1), (1, 3, 4), (0, 5, 6), (0, 6, 7)], ["甲乙", "丙", "丁戊"])
    {0: [0, 2], 1: [1]}
    """
    out: dict[int, list[int]] = {}
    line, next_start = 0, len(texts[0]) + 1 if texts else 0
    for k, start, _ in found:
        while start >= next_start:  # matches come in text order: the line only moves on
            line += 1
            next_start += len(texts[line]) + 1
        held = out.get(k)
        if held is None:
            out[k] = [line]
        elif held[-1] != line:
            held.append(line)
    return out


def _matching_lines(pattern: re.Pattern, joined: str, texts: Sequence[str]) -> set[int]:
    """Indexes of the ``texts`` that ``pattern`` (sentence-local, see :func:`_sentence_local`)
    matches, from ``joined`` (the texts joined by line breaks): the same as searching each
    text, in a search per match instead of one per text.

    A match inside text k is a match in ``joined`` at the same place, so the leftmost match
    there from the start of text j starts in the first text >= j that matches, or before it in
    none: the texts before the one it starts in are clean, that one is tested on its own, and
    the search goes on from the next.

    >>> _matching_lines(re.compile(r"[?？]\\s*$", re.M), "甲?\\n乙\\n丙？\\n丁", ["甲?", "乙", "丙？", "丁"])
    {0, 2}
    """
    found: set[int] = set()
    search = pattern.search
    match = search(joined) if texts else None
    if match is None:
        return found
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    while match is not None:
        k = bisect.bisect_right(starts, match.start()) - 1
        if search(texts[k]) is not None:
            found.add(k)
        if k + 1 >= len(texts):
            break
        match = search(joined, starts[k + 1])
    return found


def _masked(m: re.Match) -> str:
    """A citation's verb as it is, the rest ``MASK``."""
    return m.group(1) + MASK * (len(m.group()) - len(m.group(1)))


@lru_cache(maxsize=4)
def sentence_filters(path: str | None = None) -> SentenceFilters:
    from eduminer.datafiles import regex_items, string_items, top_level_alternatives
    from eduminer.extract.datafiles import data_path, load_yaml

    data = load_yaml("filters.yaml", path)
    source = path or data_path("filters.yaml")
    verbs = sorted(string_items(data, "cite_verbs", source), key=len, reverse=True)
    cited = re.compile(rf"((?:{'|'.join(map(re.escape, verbs))})[了的]?\s*){_CHAIN}")
    issuers = sorted(string_items(data, "issuer_suffixes", source), key=len, reverse=True)
    cited_issuer = (re.compile(rf"(?:{'|'.join(map(re.escape, verbs))})[了的]?\s*[\u4e00-\u9fff]{{1,24}}?"
                               rf"(?:{'|'.join(map(re.escape, issuers))})的?\s*$") if issuers else None)
    patterns = [p.pattern for p in regex_items(data, "boilerplate_patterns", source, "boilerplate pattern")]
    lines = re.compile("|".join(f"(?:{p})" for p in patterns), re.MULTILINE) if patterns else None
    boiler = re.compile("|".join(map(re.escape, string_items(data, "boilerplate", source))) or r"(?!x)x")
    suffixes = sorted(string_items(data, "org_suffixes", source), key=len, reverse=True)
    # a body's name: CJK (and bracketed parts) only, no punctuation; a line with an
    # action verb or 的 ((三)设立学区管理办公室) is a measure or heading, not a signature
    org = (rf"(?!.*(?:成立|设立|组建|建立|健全|设置|完善|推进|实行|加强|下设|的))"
           rf"[\u4e00-\u9fff][\u4e00-\u9fff()（）]{{1,29}}(?:{'|'.join(map(re.escape, suffixes))})"
           if suffixes else None)
    # a numbered heading that only names a topic (二、学区制改革试点工作成效, 1.集团组建办法。)
    # announces the sentences below it; one that starts with an action verb states a
    # measure itself (2.建立教师交流机制。)
    ends = sorted(string_items(data, "topic_heading_ends", source), key=len, reverse=True)
    heading_verbs = sorted(string_items(data, "heading_verbs", source), key=len, reverse=True)
    topic = (rf"(?:[一二三四五六七八九十]{{1,3}}、|[(（](?:[一二三四五六七八九十]{{1,3}}|\d{{1,2}})[)）]|\d{{1,2}}[.．、])\s{{0,2}}"
             rf"(?!{'|'.join(map(re.escape, heading_verbs)) or '(?!x)x'})[^，。；,;!?！？\n]{{1,24}}"
             rf"(?:{'|'.join(map(re.escape, ends))})[。.]?(?:[(（][^()（）\n]{{1,16}}[)）])?"
             if ends else None)
    labels = [p.pattern for p in regex_items(data, "list_labels", source, "list label")]
    return SentenceFilters(cited, boiler, int(data.get("min_cjk_chars", 4)),
                           re.compile(org) if org else re.compile(r"(?!x)x"), lines,
                           re.compile(topic) if topic else None,
                           tuple(re.compile(a, re.MULTILINE) for p in patterns for a in top_level_alternatives(p) or [p]),
                           re.compile("|".join(f"(?:{p})" for p in labels)) if labels else None, cited_issuer)
