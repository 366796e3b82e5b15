"""Sections by Chinese numbering, paragraphs and sentences."""

from __future__ import annotations

import pytest

from eduminer.corpus.structure import heading_of, split_structure

TEXT = "\n".join([
    "关于推进学区制管理的实施方案",
    "一、主要做法",
    "(一)领导重视，执行有力。根据方案，学区管理办公室隶属区教育局领导！人员统一编制；经费列入预算?是的",
    "1.统一资源和学校管理。实行学区制管理后，资源统一调配。",
    "(1)制定实施意见",
    "（2）成立八大学区",
    "三、存在问题",
    "（二）学区管理经费不足。区政府曾明确每年划拨经费50万元。",
    "第一章 总则",
    "第一条 为规范学区管理，制定本办法。",
])


@pytest.mark.parametrize("line,expected", [
    ("一、主要做法", ("一、主要做法", 1.0, 1)),
    ("(三)学区管理经费不足。区政府在召开专题会议…", ("(三)学区管理经费不足", 2.0, 2)),
    ("（三）一体化管理，共享资源。", ("（三）一体化管理，共享资源", 2.0, 2)),
    ("1.现实需要", ("1.现实需要", 3.0, 3)),
    ("2、发展需要", ("2、发展需要", 3.0, 3)),
    ("(2)成立八大学区", ("(2)成立八大学区", 4.0, 4)),
    ("（1）制定实施意见", ("（1）制定实施意见", 4.0, 4)),
    ("第三条 学区内教师统一调配。", ("第三条 学区内教师统一调配", 0.6, 0)),
    ("第二章 学区设置", ("第二章 学区设置", 0.0, 0)),
    ("2021年8月3日", None),
    ("1.5万名教师参与交流", None),
    ("一", None),
])
def test_heading_of(line, expected):
    assert heading_of(line) == expected


def test_sections_nest_and_close():
    sections, _ = split_structure("d", TEXT)
    assert [(s.level, s.path) for s in sections] == [
        (1, "一、主要做法"),
        (2, "一、主要做法 > (一)领导重视，执行有力"),
        (3, "一、主要做法 > (一)领导重视，执行有力 > 1.统一资源和学校管理"),
        (4, "一、主要做法 > (一)领导重视，执行有力 > 1.统一资源和学校管理 > (1)制定实施意见"),
        (4, "一、主要做法 > (一)领导重视，执行有力 > 1.统一资源和学校管理 > （2）成立八大学区"),
        (1, "三、存在问题"),
        (2, "三、存在问题 > （二）学区管理经费不足"),
        (0, "第一章 总则"),
        (0, "第一章 总则 > 第一条 为规范学区管理，制定本办法"),
    ]
    first = sections[0]
    assert TEXT[first.start:first.end].startswith("一、主要做法") and TEXT[first.end:].startswith("三、存在问题")


def test_sentences_split_and_know_their_section():
    _, sentences = split_structure("d", TEXT)
    line = [s for s in sentences if s.paragraph == 2]
    assert [s.text for s in line] == ["(一)领导重视，执行有力。", "根据方案，学区管理办公室隶属区教育局领导！",
                                      "人员统一编制；", "经费列入预算?", "是的"]
    assert [s.is_heading for s in line] == [True, False, False, False, False]
    assert {s.section for s in line} == {"一、主要做法 > (一)领导重视，执行有力"}
    for s in sentences:
        assert TEXT[s.start:s.end] == s.text
    assert [s.index for s in sentences] == list(range(len(sentences)))
    funding = next(s for s in sentences if s.text.startswith("区政府"))
    assert funding.section == "三、存在问题 > （二）学区管理经费不足" and not funding.is_heading
    assert sentences[0].section == "" and not sentences[0].is_heading


def test_sentences_are_the_records_the_class_makes():
    # split_structure fills the records' fields directly (faster than the frozen
    # dataclass's __init__): they must be the same records in every respect
    import dataclasses
    import pickle

    from eduminer.corpus.model import Section, Sentence

    sections, sentences = split_structure("d", TEXT)
    for s in sentences:
        made = Sentence(*(getattr(s, f.name) for f in dataclasses.fields(Sentence)))
        assert s == made and hash(s) == hash(made) and repr(s) == repr(made)
        assert list(vars(s)) == list(vars(made)) and pickle.loads(pickle.dumps(s)) == made
        with pytest.raises(dataclasses.FrozenInstanceError):
            s.text = "x"
    for s in sections:
        made = Section(*(getattr(s, f.name) for f in dataclasses.fields(Section)))
        assert s == made and type(s) is Section and list(vars(s)) == list(vars(made))


@pytest.mark.parametrize("line", ["第一章 总则", "第1条 范围", "一、目标", "（一）原则", "1.范围", "(1)内容", "①第一",
                                  "第一节", "一 、 目标", "1、2021年", "12.5%的学校", "（一）", "一二三四、多"])
def test_heading_of_takes_the_first_numbering_pattern_that_matches(line):
    import re

    from eduminer.corpus.structure import _HEADINGS

    found = next(((p, rank, level) for p, rank, level in _HEADINGS if p.match(line)), None)
    head = heading_of(line)
    if found is None:
        assert head is None
    elif head is not None:
        assert head[1:] == found[1:]
    assert all(isinstance(p, re.Pattern) for p, _, _ in _HEADINGS)


def test_sentences_are_those_of_the_sentence_regex():
    # split_structure finds sentences in the line with its stops turned into 。, by a regex
    # faster than _SENTENCE: the same pieces, taken from the line itself
    import random

    from eduminer.corpus.structure import _SENTENCE, _full_stops, _sentences

    chars = "。！？；!?;”’」』）)学a \u3000"
    rng = random.Random(11)
    for _ in range(30000):
        line = "".join(rng.choice(chars) for _ in range(rng.randint(0, 14)))
        assert _sentences(line, _full_stops(line)) == _SENTENCE.findall(line), line


def test_sentences_with_every_kind_of_stop():
    text = "一、目标！是否可行？可行；然后;最后?是!结束。”下一句\n（一）原则。 留白 \n没有句号"
    _, sentences = split_structure("d", text)
    assert [s.text for s in sentences] == ["一、目标！", "是否可行？", "可行；", "然后;", "最后?", "是!", "结束。”", "下一句",
                                           "（一）原则。", "留白", "没有句号"]
    for s in sentences:
        assert text[s.start:s.end] == s.text
    assert [s.is_heading for s in sentences][:2] == [True, False] and sentences[8].is_heading


def test_a_question_mark_before_a_latin_letter_ends_no_sentence():
    # a mirror site's mojibake before its pinyin, a URL's query
    text = "各地要當?shù)卣y籌推进集团化办学?详见a.php?id=3。好吗?好"
    _, sentences = split_structure("d", text)
    assert [s.text for s in sentences] == ["各地要當?shù)卣y籌推进集团化办学?", "详见a.php?id=3。", "好吗?", "好"]
