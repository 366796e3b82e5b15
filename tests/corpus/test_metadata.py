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
