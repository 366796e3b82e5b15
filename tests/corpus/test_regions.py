"""The gazetteer: complete units, short forms, false positives, disambiguation."""

from __future__ import annotations

import pytest

from eduminer.corpus.regions import Region, document_region, gazetteer


@pytest.fixture(scope="module")
def g():
    return gazetteer()


def paths(g, text, context=None):
    return [(m.surface, m.region.path) for m in g.find(text, context=context)]


def test_gazetteer_is_complete_and_cached(g):
    assert len(g) > 3000
    assert gazetteer() is g
    assert g.by_code("500108") == Region("500108", "南岸区", "重庆市/南岸区", "county")
    assert g.by_code("450802000000").path == "广西壮族自治区/贵港市/港北区"
    assert g.by_code("370702").path == "山东省/潍坊市/潍城区"
    assert g.by_code("120117").path == "天津市/宁河区"
    assert g.by_code("429004").path == "湖北省/仙桃市"  # county-level city right under the province


def test_parent_and_roll_up(g):
    gangbei = g.by_code("450802")
    assert g.parent(gangbei).name == "贵港市"
    assert g.parent(g.parent(gangbei)).name == "广西壮族自治区"
    assert g.parent(g.by_code("450000")) is None
    assert g.parent(g.by_code("500108")).name == "重庆市"
    assert g.roll_up(gangbei, "province") == "广西壮族自治区"
    assert g.roll_up("广西壮族自治区/贵港市/港北区", "city") == "广西壮族自治区/贵港市"
    assert g.roll_up("广西壮族自治区/贵港市/港北区", "county") == "广西壮族自治区/贵港市/港北区"
    assert g.roll_up("重庆市/南岸区", "city") == "重庆市"
    assert g.roll_up("湖北省/仙桃市", "city") == "湖北省/仙桃市"
    with pytest.raises(ValueError):
        g.roll_up("重庆市", "town")


def test_full_and_short_forms(g):
    assert paths(g, "南岸区、九龙坡区、合川区等区财政设立专项经费") == [
        ("南岸区", "重庆市/南岸区"), ("九龙坡区", "重庆市/九龙坡区"), ("合川区", "重庆市/合川区")]
    assert paths(g, "沙坪坝制定了行动计划") == [("沙坪坝", "重庆市/沙坪坝区")]  # 3-character short form
    assert paths(g, "港北教育局下发通知") == [("港北", "广西壮族自治区/贵港市/港北区")]  # cue word after
    assert paths(g, "贵港港北推行学区制") == [("贵港", "广西壮族自治区/贵港市"), ("港北", "广西壮族自治区/贵港市/港北区")]
    assert paths(g, "酉阳县委召开会议") == [("酉阳", "重庆市/酉阳土家族苗族自治县")]
    assert paths(g, "广西、山东两地") == [("广西", "广西壮族自治区"), ("山东", "山东省")]
    # province and big-city short forms outrank same-named districts (河北区, 西安区)
    assert paths(g, "河北、海南、西安、长春") == [("河北", "河北省"), ("海南", "海南省"), ("西安", "陕西省/西安市"),
                                                  ("长春", "吉林省/长春市")]
    assert paths(g, "天津市河北区教育局")[1] == ("河北区", "天津市/河北区")


@pytest.mark.parametrize("text", [
    "城区学校和新区学校、东区教学楼", "和平发展是时代主题", "推动师资在区县域内合理流动",
    "长江南岸的学校", "港北方向", "中山路小学", "简单县城", "新华社报道", "四平八稳", "日照时间充足",
])
def test_no_false_positives_in_ordinary_words(g, text):
    assert paths(g, text) == []


def test_two_character_full_names_need_their_parent(g):
    assert paths(g, "山东省单县") == [("山东省", "山东省"), ("单县", "山东省/菏泽市/单县")]
    assert paths(g, "简单县城") == []


def test_short_form_trusted_in_context(g):
    assert paths(g, "港北推行学区制") == []
    assert paths(g, "港北推行学区制", context=g.by_code("450802")) == [("港北", "广西壮族自治区/贵港市/港北区")]


def test_putuo_disambiguated_by_context_and_neighbours(g):
    shanghai, zhoushan = g.resolve("上海市"), g.resolve("舟山市")
    assert g.resolve("普陀区", context=shanghai).path == "上海市/普陀区"
    assert g.resolve("普陀区", context=zhoushan).path == "浙江省/舟山市/普陀区"
    assert paths(g, "普陀区教育局", context=zhoushan) == [("普陀区", "浙江省/舟山市/普陀区")]
    assert paths(g, "普陀区教育局", context=shanghai) == [("普陀区", "上海市/普陀区")]
    # the parent right before it, and other mentions nearby
    assert paths(g, "舟山市普陀区")[1] == ("普陀区", "浙江省/舟山市/普陀区")
    assert paths(g, "浙江省定海区、普陀区、岱山县")[2] == ("普陀区", "浙江省/舟山市/普陀区")
    assert paths(g, "上海市静安区、普陀区")[2] == ("普陀区", "上海市/普陀区")


def test_resolve_paths_and_unknown_names(g):
    assert g.resolve("重庆市/南岸区").code == "500108"
    assert g.resolve("不存在县") is None


def test_document_region_prefers_issuer_then_title_then_counts():
    assert document_region(["重庆市教育委员会"], "关于提案的复函", "沙坪坝区、南岸区、渝中区……").path == "重庆市"
    assert document_region(["教育厅"], "贵港市港北区《强化学区管理》", "港北区从2014年开始").path == \
        "广西壮族自治区/贵港市/港北区"
    assert document_region([], "", "潍坊市教育局组织评选。潍城区教体局推进改革，潍城区成立八大学区。").path == \
        "山东省/潍坊市/潍城区"
    assert document_region([], "", "推进学区制改革") is None


def test_document_region_descends_to_the_only_unit_named_below_the_province():
    # a newspaper's name gives the province once; the one county named is the place
    assert document_region([], "", "湖北日报客户端讯 5月10日,钟祥市胡集镇小学教联体举行揭牌仪式。").path == \
        "湖北省/荆门市/钟祥市"
    # with two counties named once each, neither is the document's place
    assert document_region([], "", "湖北日报讯 钟祥市和京山市的学校举行揭牌仪式。").path == "湖北省/荆门市"
    # a province named more often than the county it mentions once stays the province
    assert document_region([], "", "湖北省推进教联体建设。湖北省各地……湖北省要求……钟祥市已试点。").path == "湖北省"


def test_a_province_s_mountain_area_is_not_a_district():
    g = gazetteer()
    assert [m.region.path for m in g.find("歙县是皖南山区")] == []
    assert [m.region.path for m in g.find("粤东山区学校")] == []
    assert [m.region.path for m in g.find("深圳市南山区教育局")] == ["广东省/深圳市", "广东省/深圳市/南山区"]
    assert [m.region.path for m in g.find("昆明市西山区")][-1] == "云南省/昆明市/西山区"
