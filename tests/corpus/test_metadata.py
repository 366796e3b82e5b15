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
