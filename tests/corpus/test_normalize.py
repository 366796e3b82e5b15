"""Normalization and the offset map back to the original characters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduminer.corpus.model import Document
from eduminer.corpus.normalize import normalize, normalize_line, to_simplified


def _doc(original: str) -> Document:
    n = normalize(original)
    return Document(doc="d", path="d", format="txt", encoding="utf-8", sha256="", original=original,
                    text=n.text, offsets=n.offsets, script=n.script)


def test_width_quotes_space_and_script():
    n = normalize("學區制\u3000\u3000改革「１＋Ｎ」『模式』\u200b比例１５％\t\t完成")
    assert n.text == "学区制 改革“1+N”‘模式’比例15% 完成"
    assert n.script == "traditional"
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len("學區制\u3000\u3000改革「１＋Ｎ」『模式』\u200b比例１５％\t\t完成")


def test_chinese_punctuation_is_kept():
    assert normalize_line("（一）领导重视，执行有力：“学区”；") == "（一）领导重视，执行有力：“学区”；"


def test_simplified_text_is_detected_as_simplified():
    assert normalize("推进学区制改革，实现教育共享共治。").script == "simplified"


def test_round_trip_to_original_script():
    doc = _doc("推進「一校長多學校」學區制改革，\u3000推動實現教育共享共治")
    start = doc.text.index("一校长多学校")
    assert doc.original_span(start, start + 6) == "一校長多學校"
    start = doc.text.index("推动")
    assert doc.original_span(start, start + 4) == "推動實現"


def test_phrase_conversion_that_changes_length_keeps_a_valid_map():
    # whatever OpenCC does with length, the map stays monotone and complete
    original = "乾隆年間\n著作權\n" * 3 + "後臺與檯面"
    doc = _doc(original)
    assert len(doc.offsets) == len(doc.text) + 1
    assert list(doc.offsets) == sorted(doc.offsets)


CJK_AND_ODD = st.text(
    alphabet=st.sampled_from(list("學區制改革教師交流輪崗县管校聘集团化办学「」『』０１９ＡＺａｚ％，。（）\n ")
                             + ["\u3000", "\u00a0", "\t", "\u200b", "\ufeff"]),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(CJK_AND_ODD)
def test_every_normalized_span_maps_back_to_its_original_characters(original):
    doc = _doc(original)
    assert len(doc.offsets) == len(doc.text) + 1
    assert doc.offsets[-1] == len(original)
    assert list(doc.offsets) == sorted(doc.offsets)
    for i, ch in enumerate(doc.text):
        source = original[doc.offsets[i]]
        # each normalized character comes from the original character it points at
        assert normalize_line(source) in (ch, " ", "") or ch == " "
    for start in range(0, len(doc.text), 7):
        span = doc.original_span(start, min(len(doc.text), start + 5))
        assert normalize_line(span).replace(" ", "") == doc.text[start : start + 5].replace(" ", "")


def test_offset_map_is_a_compact_read_only_sequence():
    from eduminer.corpus.normalize import OffsetMap

    positions = [0, 1, 2, 5, 6, 7, 7, 9]
    m = OffsetMap.from_positions(positions)
    assert list(m) == positions and len(m) == 8 and m == tuple(positions) and tuple(positions) == m
    assert m[3] == 5 and m[-1] == 9 and m[2:5] == (2, 5, 6) and m[::3] == (0, 5, 7) and m[6:2] == ()
    assert m != tuple(positions[:-1]) and m != OffsetMap.from_positions(positions[:-1])
    with pytest.raises(IndexError):
        m[8]
    # a long simplified document: a handful of runs, not one int per character
    n = normalize("推进学区制改革。\n" * 1000 + "\u3000\u3000结束")
    assert len(n.offsets) == len(n.text) + 1 and len(n.offsets._starts) <= 3


@pytest.mark.parametrize("lines", [
    ["學區制管理", "推進「一校長多學校」改革", "乾隆年間的後花園", "反覆研究", "一坏土", "短"],
    ["学区制改革全面推进，成效明显。" * 12, "教育局", "沈阳市"],
    ["全角１２", "a\u3000\u3000b", "x"],
])
def test_lines_converted_already_give_the_same_normalization(lines):
    # read_bytes hands over the lines the boilerplate rules converted: whichever lines are
    # given, the result is the one of converting the whole text
    from eduminer.corpus.normalize import normalize_with_lines, to_simplified

    original = "\n".join(lines)
    alone = normalize_with_lines(original)
    for given in ([None] * len(lines), [to_simplified(line) for line in lines],
                  [to_simplified(line) if i % 2 else None for i, line in enumerate(lines)]):
        again = normalize_with_lines(original, lines, given)
        assert (again[0].text, list(again[0].offsets), again[0].script, again[1]) == \
            (alone[0].text, list(alone[0].offsets), alone[0].script, alone[1])


def test_delete_or_fold_finds_what_its_readable_form_finds():
    # _DELETE_OR_FOLD is written one branch per first character (for speed): the same
    # spans as the plain regex it stands for
    import random
    import re

    from eduminer.corpus.normalize import _DELETE_OR_FOLD

    readable = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]+|[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f\u180e]{2,}"
                          r"|[\t\u00a0\u3000\u2002-\u200a\u202f\u205f\u180e]")
    chars = "\u200b\u200c\u200d\u2060\ufeff\u00ad \t\u00a0\u3000\u2002\u2005\u200a\u202f\u205f\u180e\u2001\u200e学a"
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _DELETE_OR_FOLD.finditer(text)] == [m.span() for m in readable.finditer(text)], text


PLAIN_OR_NOT = st.text(
    alphabet=st.sampled_from(list("学区制改革教师交流县管校聘覆盖回覆沈阳深沈乾隆後著「」『』“”‘’１Ａ％，。（）;\n  ")
                             + ["\u3000", "\u00a0", "\t", "\u200b", "\U00020000"]),
    max_size=40,
)


PLAIN = st.text(alphabet=st.sampled_from(list("学区制改革覆盖沈阳坤著名「」『』“”‘’，。（）;1a\n ")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.one_of(PLAIN, PLAIN_OR_NOT))
def test_a_plain_text_normalizes_to_its_quotes_folded(text):
    from eduminer.corpus.normalize import _fold_quotes, is_plain, normalize_with_lines, to_simplified_lines

    lines = text.split("\n")
    assert to_simplified_lines(lines) == [to_simplified(line) for line in lines]
    if not is_plain(text):
        return
    assert normalize_line(text) == _fold_quotes(text)
    full, kept = normalize_with_lines(text)
    fast, fast_kept = normalize_with_lines(text, plain=True)
    assert (fast.text, list(fast.offsets), fast.offsets._starts, fast.offsets._origins, fast.script, fast_kept) == \
        (full.text, list(full.offsets), full.offsets._starts, full.offsets._origins, full.script, kept)
    assert all(is_plain(line) for line in lines)


def test_plain_texts_are_told_apart():
    from eduminer.corpus.normalize import is_plain

    assert is_plain("推进学区制改革，实现“1+N”集团化办学。\n全面覆盖") and is_plain("「学区」")
    for text in ["學區", "a  b", "１", "a\u3000b", "\u200b", "回覆", "深沈", "\U00020000", "\ud800"]:
        assert not is_plain(text), text
