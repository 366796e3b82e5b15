"""Dates, document numbers, titles and issuers."""

from __future__ import annotations

import pytest

from eduminer.corpus.metadata import clean_title, doc_number, extract_metadata, parse_date


@pytest.mark.parametrize("text,expected", [
    ("2021年8月3日", "2021-08-03"), ("2017-2-27", "2017-02-27"), ("发布时间:2023-11-06 16:27", "2023-11-06"),
    ("二〇二一年八月三日", "2021-08-03"), ("二〇二二年十月十一日", "2022-10-11"), ("2020/12/25", "2020-12-25"),
    ("2021年13月1日", ""), ("共28亿元", ""),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("港北教〔2014〕137号", "港北教〔2014〕137号"), ("渝教提函〔2021〕136号", "渝教提函〔2021〕136号"),
    ("渝教提函[2021]136号", "渝教提函〔2021〕136号"), ("渝教提函〔2021136", "渝教提函〔2021〕136号"),
    ("潍教字〔2018〕13 号", "潍教字〔2018〕13号"), ("学生近23.7万", ""),
])
def test_doc_number(text, expected):
    assert doc_number(text) == expected


def test_clean_title():
    assert clean_title("关于《芦台一小集团化办学实施方案》公布_宁河区人民政府") == "关于《芦台一小集团化办学实施方案》公布"
    assert clean_title("集团化办学 - 中国政府网") == "集团化办学"
    assert clean_title("“1+N”模式-学区") == "“1+N”模式-学区"


def test_metadata_box_and_signature():
    page = ["中国政府网 重庆市人民政府网", "[ 索引号 ] 11500000009276804M/2021-00116 [ 发文字号 ]",
            "[ 发布机构 ] 市教委", "[ 成文日期 ] 2021-08-03 [ 发布日期 ] 2021-08-04"]
    body = ["重庆市教育委员会关于市政协提案的复函", "渝教提函〔2021〕136号", "刘玉霞委员:", "正文。" * 20,
            "重庆市教育委员会", "2021年5月23日"]
    meta = extract_metadata(page + body, body)
    assert (meta.title, meta.date, meta.doc_number) == ("重庆市教育委员会关于市政协提案的复函", "2021-08-04", "渝教提函〔2021〕136号")
    assert meta.issuer == "市教委"
    assert dict(meta.fields)["成文日期"] == "2021-08-03"


def test_signature_date_when_no_fields():
    body = ["关于印发《学区化办学方案》的通知", "各学校:", "现将方案印发给你们，请认真执行。", "某某区教育局", "2022年10月11日"]
    meta = extract_metadata(body, body)
    assert (meta.title, meta.date, meta.issuer) == ("关于印发《学区化办学方案》的通知", "2022-10-11", "某某区教育局")


@pytest.mark.parametrize("line,expected", [
    ("上海市普陀区教育局", True), ("上海市普陀区教育局\n", True), ("教育局", False), ("某某区教育局，发布", False),
    ("上海市普陀区教育局的通知", False), ("学区管理中心", True), ("上海市普陀区教育局\n\n", False),
])
def test_org_lines_end_with_an_organisation(line, expected):
    from eduminer.corpus.metadata import ORG_SUFFIX, is_org_line

    assert is_org_line(line) == expected
    # is_org_line tests the suffix with str.endswith: the same as the regex
    assert bool(ORG_SUFFIX.search(line)) == (line.endswith(tuple(ORG_SUFFIX.pattern[1:-2].split("|")))
                                             or line.endswith("\n") and line[:-1].endswith(
                                                 tuple(ORG_SUFFIX.pattern[1:-2].split("|"))))


def test_issuer_is_the_first_candidate_found():
    body = ["关于印发《学区化办学方案》的通知", "某某区教育局", "各学校:", "现将方案印发给你们。" * 5,
            "某某区教育局", "2022年10月11日"]
    page = ["发布机构：市教委"] + body
    assert extract_metadata(page, body).issuer == "市教委"  # a field first
    assert extract_metadata(body, body).issuer == "某某区教育局"  # then the signature
    assert extract_metadata(body[:4], body[:4]).issuer == "某某区教育局"  # then an org line at the top


def test_parse_date_takes_the_first_date_the_date_regex_finds():
    # parse_date looks for each form of DATE with a regex sre scans faster: the same dates
    import random

    from eduminer.corpus.metadata import DATE, _CN_DIGITS, _cn_number

    def reference(text):
        for m in DATE.finditer(text):
            if m.group(1):
                year, month, day = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
            else:
                year = int("".join(str(_CN_DIGITS[c]) for c in m.group(6)))
                month, day = _cn_number(m.group(7)), _cn_number(m.group(8))
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
        return ""

    pieces = ["2021", "1999", "20", "19", "年", "月", "日", "-", "/", ".", "8", "13", "3", "31", " ", "二〇二一", "一九九九",
              "八", "十二", "三十一", "〇", "十", "学", "号", "2021-8-3", "二〇二一年八月三日", "2017年2月27日"]
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        try:
            expected = reference(text)
        except KeyError:  # 十 among a year's numerals: both fail alike
            with pytest.raises(KeyError):
                parse_date(text)
            continue
        assert parse_date(text) == expected, text


def test_fields_are_those_the_bracketed_field_regex_finds():
    # _FIELD leaves out the [ or 【 and white space a field may start with: the same fields
    import random
    import re

    from eduminer.corpus.metadata import _ANY_FIELD_KEY, _FIELD, _FIELD_KEYS, fields

    bracketed = re.compile(r"[\[【]?\s*" + _FIELD.pattern)

    def reference(lines, limit=30):
        out = {}
        for line in [line for line in lines[:limit] if len(line) <= 200]:
            if not _ANY_FIELD_KEY.search(line):
                continue
            for m in bracketed.finditer(line):
                value = m.group("value").strip(" 　:：[]【】")
                if value and m.group("key") not in out:
                    out[m.group("key")] = value
        return out

    pieces = _FIELD_KEYS + ["[", "【", "]", "】", ":", "：", " ", "\u3000", "点击数", "浏览", "2023-11-06", "宁河区教育局",
                            "x", "\t", "发", "来", "时", "日"]
    rng = random.Random(3)
    for _ in range(5000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(0, 5))]
        assert fields(lines) == reference(lines), lines


def test_metadata_of_a_plain_page_is_that_of_its_normalized_lines():
    # read_bytes tells _metadata that a text file's page is plain: it then folds the quotes
    # of the top lines instead of normalizing them, to the same metadata
    from eduminer.corpus.metadata import _metadata, org_lines
    from eduminer.corpus.normalize import is_plain, normalize_line

    page = ["关于推进「学区制」管理的通知", "发布机构：宁河区教育局 发布时间：2023-11-06", "来源：宁河区教育局",
            "（一）推进学区制改革。", "宁河区教育局", "2023年11月6日"]
    assert is_plain("\n".join(page))
    body = [normalize_line(line) for line in page]
    org = org_lines(body)
    assert _metadata(page, body, "", None, org, plain_page=True) == _metadata(page, body, "", None, org)
