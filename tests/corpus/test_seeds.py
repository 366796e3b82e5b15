"""The five seed documents (the dev set): metadata, and no page boilerplate left."""

from __future__ import annotations

import pytest

from eduminer.corpus import read_all

EXPECTED = {
    "000_f009c29586b31c7b.txt": ("山东省/潍坊市/潍城区", "370702", "2020-12-25", "推进“一校长多学校”学区制改革,推动实现教育共享共治"),
    "001_a4df0bc1ffe384af.txt": ("广西壮族自治区/贵港市/港北区", "450802", "2017-02-27", "贵港市港北区《强化学区管理 促进均衡发展》"),
    "002_772d09dc6ea36615.txt": ("天津市/宁河区", "120117", "2023-11-06", "关于《芦台一小集团化办学实施方案(试行)》公布"),
    "003_a6032232f8121b0b.txt": ("上海市/普陀区", "310107", "2022-10-11",
                                 "关于印发《上海市普陀区中小学教育高品质发展““十四五””专项规划》的通知"),
    "004_45c104b6e01932e8.txt": ("重庆市", "500000", "2021-08-03", "重庆市教育委员会关于市政协五届四次会议第0968号提案的复函"),
}
GONE = {
    "000_f009c29586b31c7b.txt": ["来源:海报新闻", "相关焦点", "声明:转载", "•", "莘县教育大动作", "江岸区"],
    "001_a4df0bc1ffe384af.txt": ["您现在的位置", "字体", "点击数", "文章录入", "责任编辑", "上一篇文章", "下一篇文章",
                                 "发表评论", "网友评论", "数据载入中", "广告", "专题栏目"],
    "002_772d09dc6ea36615.txt": ["天津市宁河区人民政府 2019年12月3日星期二", "星期二", "无障碍", "长者模式", "简体 | 繁体",
                                 "发布时间"],
    "003_a6032232f8121b0b.txt": ["验证码", "全部评论"],
    "004_45c104b6e01932e8.txt": ["中国政府网", "您当前的位置", "索引号", "主题分类", "发布机构", "成文日期", "扫一扫",
                                 "\n微信\n", "\n微博", "六稳", "线索征集"],
}


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return {d.doc: d for d in read_all([seeds_dir])}


def test_all_seeds_read(seeds):
    assert sorted(seeds) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_metadata(seeds, name):
    doc = seeds[name]
    assert (doc.region, doc.region_code, doc.date, doc.title) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(GONE))
def test_seed_boilerplate_is_gone_and_body_whole(seeds, name):
    doc = seeds[name]
    for chrome in GONE[name]:
        assert chrome not in doc.text, chrome
    assert doc.text.startswith(EXPECTED[name][3])


def test_seed_000_is_simplified_and_traceable(seeds):
    doc = seeds["000_f009c29586b31c7b.txt"]
    assert doc.script == "traditional"
    assert "学区制改革" in doc.text and "學區制" not in doc.text
    start = doc.text.index("一校长多学校")
    assert doc.original_span(start, start + 6) == "一校長多學校"
    # the body ends with the article's last paragraph, before the source line
    assert doc.text.endswith("在全区内营造了解、支持学区制建设的良好舆论氛围。")


def test_seed_issuers_and_numbers(seeds):
    assert seeds["001_a4df0bc1ffe384af.txt"].issuer == "贵港市港北区教育局"
    assert seeds["003_a6032232f8121b0b.txt"].issuer == "上海市普陀区教育局"
    assert seeds["004_45c104b6e01932e8.txt"].issuer == "重庆市教育委员会"
    assert seeds["004_45c104b6e01932e8.txt"].doc_number == "渝教提函〔2021〕136号"
    assert seeds["001_a4df0bc1ffe384af.txt"].doc_number == ""  # 港北教〔2014〕137号 is cited, not its own


def test_seed_sections(seeds):
    doc = seeds["001_a4df0bc1ffe384af.txt"]
    funding = next(s for s in doc.sentences if s.text.startswith("区政府在召开专题会议"))
    assert funding.section == "三、存在问题 > (三)学区管理经费不足"
    assert sum(s.is_heading for s in doc.sentences) == len(doc.sections)
