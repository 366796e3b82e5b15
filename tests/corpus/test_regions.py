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
    assert paths(g, "酉阳县委召开会议") == [("酉阳县", "重庆市/酉阳土家族苗族自治县")]
    # how autonomous units are usually written: 印江自治县, 黔东南州, 东乡县 (东乡族自治县)
    assert paths(g, "印江自治县设立学区办") == [("印江自治县", "贵州省/铜仁市/印江土家族苗族自治县")]
    assert paths(g, "甘孜州选派教师") == [("甘孜州", "四川省/甘孜藏族自治州")]
    assert paths(g, "兰州对口帮扶东乡县") == [("兰州", "甘肃省/兰州市"), ("东乡县", "甘肃省/临夏回族自治州/东乡族自治县")]
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


def test_a_two_character_county_opening_a_clause_before_a_town_or_a_cue(g):
    assert paths(g, "3月3日上午,南县城西中学、南县麻河口镇方谷中学") == [("南县", "湖南省/益阳市/南县")]
    assert paths(g, "寿县教育局召开会议") == [("寿县", "安徽省/淮南市/寿县")]
    # inside a word it is none: 湖南县域, 市和县; an ordinary word stays one at a clause's start
    assert paths(g, "湖南县域教育") == [("湖南", "湖南省")]
    assert paths(g, "市和县教育局") == []
    assert paths(g, "城区教育局召开会议") == []


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


# the opening of a 新湖南客户端 page on a 岳阳县 school group (dev set d30)
YUEYANG = ("新湖南客户端 2026-01-13 15:52:27\n"
           "新湖南客户端1月13日讯(通讯员 余愿)1月12日,城南小学教育集团首次工作会议顺利召开,会议由兰仲爱校长主持,"
           "该校及张谷英镇中心小学、长湖乡中心小学等成员校相关负责人齐聚一堂,共商集团化办学发展大计。\n"
           "会上,兰仲爱校长精准解读岳阳县集团化办学政策要求,许东平主任详细介绍城南小学基本情况与办学理念。\n"
           "未来,集团将以此次会议为起点,为岳阳县基础教育高质量发展注入强劲动力、书写生动答卷。\n"
           "来源:新湖南客户端")
# a 内蒙古日报 post, the author's IP line a trap (d23)
NEIMENGGU = ("数说教育丨公共服务质量和水平迈上新台阶\n爱下厨的阿椅\n·山西\n"
             "1月26日,全区教育工作大会召开,会议晒出了2025年内蒙古教育系统“成绩单”。\n"
             "全区2087所中小学(幼儿园)开展集团化办学,形成教育集团753个,实现乡村小规模学校全覆盖。\n"
             "内蒙古日报·草原云记者:刘志贤")
# a 天山区 school's group founded (d33)
URUMQI = ("乌鲁木齐市第一小学成立教育集团\n将作为优质教育资源的孵化器更快实现教育均衡化\n"
          "都市消费晨报讯(记者 于淼)9月4日11时许,在热烈的掌声、大家期盼的眼神中,随着红色绸布落下,"
          "乌鲁木齐市第一小学教育集团成立,当天,也是乌市一小翡翠天骄校区正式揭牌。\n"
          "天山区委常委、政协党组书记、常务副区长孙宝瑞,区政府副区长、区委教育工委副书记李文军等领导参加了当天的揭牌仪式。\n"
          "乌鲁木齐市天山区教育局副局长张勇介绍,乌鲁木齐市第一小教育集团的成立体现了乌鲁木齐市天山区委和政府对义务教育的重视。\n"
          "乌鲁木齐市第一小学教育集团总校长朱永校表示,乌市一小和乌市74小合作办学既能对优质资源进行整合。")
# a 咸安区 教联体 around 咸宁市第六小学 (d20, simplified)
XIANAN = ("(资料图)\n云上咸安报道 8月14日上午,咸宁市第六小学教联体各成员学校举行揭牌仪式。\n"
          "教联体改革是新阶段推进义务教育优质均衡发展的重要举措。也是咸安区委、区政府的民生工程。"
          "咸宁市第六小学教联体以咸宁市第六小学为核心校,另设咸宁市第八小学、湖场小学、官埠小学、官埠中心小学、"
          "孙家庄小学五所成员校。\n"
          "会议强调,咸宁市第六小学教联体的成立,将促进各学校之间的均衡发展。全力以赴为咸安区义务教育事业优质均衡发展贡献力量。")
# two 呼和浩特市 schools made branches of two others (d24): the city only in school names
HOHHOT = ("首页 > 资讯 > 要闻 > 正文\n内蒙古呼和浩特市第一中学分校、第二中学分校挂牌!\n"
          "2020-08-27 13:26:15来源:呼和浩特日报\n"
          "8月16日上午,呼和浩特市第九中学和呼和浩特市第十二中学先后举行了呼和浩特市第二中学分校和呼和浩特市第一中学"
          "分校挂牌仪式。\n关键词: 内蒙古 呼和浩特市")


def test_a_place_in_an_outlet_s_or_a_school_s_name_is_a_loose_mention(g):
    def loose(text):
        return [(m.surface, g.in_name(text, m)) for m in g.find(text)]

    assert loose("新湖南客户端1月13日讯") == [("湖南", True)]
    assert loose("湖北日报讯 钟祥市胡集镇") == [("湖北", True), ("钟祥市", False)]
    assert loose("西宁七中教育集团、乌鲁木齐市第一小教育集团") == [("西宁", True), ("乌鲁木齐市", True)]
    # a county's school is placed by its name; an hour, a centre and pupils are no school
    assert loose("湟源县第二中学") == [("湟源县", False)]
    assert loose("呼和浩特市一小时经济圈、北京市一中心、乌鲁木齐市中学生") == [
        ("呼和浩特市", False), ("北京市", False), ("乌鲁木齐市", False)]


def test_a_place_in_a_university_s_or_a_group_s_name_is_a_loose_mention(g):
    # mining pass 30: 北京大学 helps schools elsewhere; 新安教育集团 is named after a town (新安镇 in 德清),
    # not 河南's 新安县
    def loose(text, context=None):
        return [(m.surface, g.in_name(text, m)) for m in g.find(text, context=context)]

    assert loose("北京大学将帮扶云南的县中,北京师范大学") == [("北京", True), ("云南", False), ("北京", True)]
    assert loose("北京大学生") == [("北京", False)]
    assert loose("新安教育集团揭牌") == [("新安", True)]
    assert loose("海淀区教育集团化办学") == [("海淀区", False)]  # a district's groups, not a group's name
    text = ("7月18日,我县新安教育集团揭牌成立。新安教育集团揭牌仪式在新安镇举行。"
            "全县共成立教育集团7个:德清二中教育集团、新安教育集团。德清教育正阔步前行。")
    assert document_region([], "", text).path == "浙江省/湖州市/德清县"


def test_an_outlet_s_place_does_not_hold_a_document_at_the_province():
    assert document_region(["新湖南客户端"], "", YUEYANG).path == "湖南省/岳阳市/岳阳县"
    # but it still counts for the province: 内蒙古日报 outweighs the author's IP line ·山西
    assert document_region([], "数说教育丨公共服务质量和水平迈上新台阶", NEIMENGGU).path == "内蒙古自治区"


def test_a_city_in_a_school_s_name_does_not_hold_a_document_at_the_city():
    assert document_region([], "乌鲁木齐市第一小学成立教育集团", URUMQI).path == "新疆维吾尔自治区/乌鲁木齐市/天山区"
    assert document_region([], "", XIANAN).path == "湖北省/咸宁市/咸安区"
    assert document_region(["咸宁市第六小学"], "", XIANAN).path == "湖北省/咸宁市/咸安区"  # a school is no issuer's unit
    # the only evidence of the city, school names still weigh a little
    assert document_region(["呼和浩特日报"], "", HOHHOT).path == "内蒙古自治区/呼和浩特市"


def test_a_mountain_range_named_in_a_lesson_is_no_region():
    # 小兴安岭 (a lesson's title) is not 兴安盟: the short form 兴安 never counts alone
    from eduminer.corpus.regions import document_region

    text = "上栗县教育局推出了“1+N专递课堂”。张老师教授《美丽的小兴安岭》,学生们认真听讲。"
    assert document_region([], "", text).path == "江西省/萍乡市/上栗县"


def test_a_quote_before_a_cue_word_still_cues_a_short_name():
    g = gazetteer()
    assert [(m.surface, m.region.path) for m in g.find("海安“教育之乡”的经验")] == [("海安", "江苏省/南通市/海安市")]


def test_aid_to_tibetan_areas_outside_tibet_goes_to_the_area_named(tmp_path):
    from eduminer.corpus import read_bytes

    page = ("根据省市援藏精神,12月28日,宜宾市兴文县城西学校与对口帮扶的甘孜州新龙县河口片区寄宿制学校"
            "结成友好发展合作学校。\n按照友好合作协议,城西学校将派工作组到新龙县开展交流。\n")
    assert read_bytes(page.encode(), "xinlong.txt").region == "四川省/甘孜藏族自治州/新龙县"
    tibet = "上海市第三批援藏教师启程奔赴日喀则。\n上海市组团式教育援藏工作在日喀则市开展。\n"
    assert read_bytes(tibet.encode(), "shigatse.txt").region == "西藏自治区/日喀则市"


def test_aid_areas_that_are_no_mapping_name_file_and_line(tmp_path, monkeypatch):
    import eduminer.corpus.regions as regions
    from eduminer.errors import DataFileError

    monkeypatch.setattr(regions, "load_data", lambda name: {"aid_areas": ["援藏"]})
    regions.aid_areas.cache_clear()
    try:
        with pytest.raises(DataFileError, match="aid_areas"):
            regions.aid_areas()
    finally:
        monkeypatch.undo()
        regions.aid_areas.cache_clear()


def test_a_headline_with_a_national_body_as_subject_is_national_news_wherever_it_was_filed():
    from eduminer.corpus import read_bytes
    from eduminer.corpus.regions import document_region

    national = ("环球观察:教育部:2022年秋季学期全面启动部属高校县中托管帮扶项目\n\n"
                "中国青年报客户端北京8月31日电 记者今天从教育部获悉,教育部办公厅印发通知,"
                "面向中西部23个省份和新疆生产建设兵团托管帮扶115所县中。\n")
    assert read_bytes(national.encode(), "national.txt").region == ""
    # a local outlet's dateline still places local news (人民政协网秀山4月19日电)
    local = "重庆秀山县政协调研乡镇义务教育均衡发展\n人民政协网秀山4月19日电 重庆市秀山县政协调研组深入乡镇调研。\n"
    assert read_bytes(local.encode(), "xiushan.txt").region == "重庆市/秀山土家族苗族自治县"
    assert document_region([], "教育部:启动县中托管帮扶 海淀区参与", "").path == "北京市/海淀区"


def test_an_ambiguous_issuer_is_the_same_named_unit_the_page_is_about():
    text = "城关区今年又组建6个教育集团。兰州海亮实验学校和一只船教育集团结对。"
    assert document_region(["城关区教育局"], "", text).path == "甘肃省/兰州市/城关区"
    assert document_region(["城关区教育局"], "", "拉萨市教育局督导检查").path == "西藏自治区/拉萨市/城关区"


def test_a_title_naming_the_country_makes_a_national_page_and_a_media_centre_names_its_county():
    # mining pass 51: a study of 我国's reform names the provinces it surveyed, but is the country's
    body = "本研究在北京市东城区、上海市、浙江省等六个省份开展调研。北京市东城区将区域内的中小学组成学区。"
    assert document_region([], "新时代我国学区制改革的困境与出路", body) is None
    assert document_region([], "我国学区制改革 北京市东城区的经验", body).path == "北京市/东城区"  # a unit in the title
    # 来源:寿县融媒体中心: a county's own media centre names it (寿县 alone is an ordinary word's end)
    g = gazetteer()
    assert paths(g, "来源:寿县融媒体中心") == [("寿县", "安徽省/淮南市/寿县")]
    assert paths(g, "寿县新桥片区小学") == []
    text = "寿县新桥片区小学教研共同体启动仪式举行。\n来源:寿县融媒体中心"
    assert document_region([], "", text).path == "安徽省/淮南市/寿县"


def test_state_level_new_areas_and_zones_inside_one_district(g):
    assert paths(g, "沣东新城教育局迎接西咸新区大学区管理制改革工作检查") == [("西咸新区", "陕西省/西安市/西咸新区")]
    assert paths(g, "贵安新区教育局") == [("贵安新区", "贵州省/贵安新区")]
    assert g.parent(g.resolve("贵安新区")).name == "贵州省"
    # a zone's name is its district's; the short forms of the new areas are no names (湘江 is a river)
    assert paths(g, "天津经开区将再添一所学校") == [("天津经开区", "天津市/滨海新区")]
    assert paths(g, "青岛西海岸新区教体局") == [("青岛西海岸新区", "山东省/青岛市/黄岛区")]
    assert paths(g, "湘江两岸的学校") == []
    from eduminer.corpus import read_bytes

    page = "天津经开区与耀华中学举行合作办学签约仪式。\n天津经开区将再添一所优质公办九年一贯制学校。\n"
    assert read_bytes(page.encode(), "teda.txt").region == "天津市/滨海新区"


def broken_gazetteer(tmp_path, monkeypatch, shipped_line: str, broken_line: str):
    """The DataFileError the gazetteer raises with ``shipped_line`` of regions.yaml replaced by
    ``broken_line``, and that line's number in the broken file."""
    import eduminer.corpus.regions as regions
    from eduminer.corpus.datafiles import load_yaml_mapping
    from eduminer.errors import DataFileError

    shipped = regions.data_path("regions.yaml").read_text(encoding="utf-8")
    assert f"  {shipped_line}\n" in shipped
    broken = tmp_path / "regions.yaml"
    broken.write_text(shipped.replace(shipped_line, broken_line), encoding="utf-8")
    line = broken.read_text(encoding="utf-8").splitlines().index("  " + broken_line) + 1
    monkeypatch.setattr(regions, "data_path", lambda name: broken)
    monkeypatch.setattr(regions, "load_data", lambda name: load_yaml_mapping(broken))
    regions.gazetteer.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            regions.gazetteer()
    finally:
        monkeypatch.undo()
        regions.gazetteer.cache_clear()
    return str(err.value), line, broken


@pytest.mark.parametrize("entry, message", [
    ('"610191": 陕西省/西京市/西咸新区', "'陕西省/西京市' is no unit"),
    ('"610102": 陕西省/西安市/西咸新区', "code 610102 is taken by 陕西省/西安市/新城区"),
    ('"620199": 陕西省/西安市/西咸新区', "does not start with its parent's (610100)"),
])
def test_an_extra_unit_that_does_not_fit_names_file_and_line(tmp_path, monkeypatch, entry, message):
    error, line, broken = broken_gazetteer(tmp_path, monkeypatch, '"610191": 陕西省/西安市/西咸新区', entry)
    assert error.startswith(f"[E101] {broken}:{line}: invalid data: extra unit ")
    assert message in error


def test_an_alias_of_no_unit_names_file_and_line(tmp_path, monkeypatch):
    error, line, _ = broken_gazetteer(tmp_path, monkeypatch, "天津经开区: 天津市/滨海新区", "天津经开区: 天津市/滨海区")
    assert f"regions.yaml:{line}: invalid data: alias '天津经开区': unknown unit" in error


def test_a_text_speaking_as_a_district_takes_the_district_it_names_most():
    text = ("北京市石景山区景山远洋教育集团成立。北京九中教育集团、北京市古城中学等参加。"
            "石景山区教委表示,我区将继续推进集团化办学。北京市教委、北京市海淀区代表出席。")
    assert document_region([], "", text).path == "北京市/石景山区"
    # without 我区 the page stays with the city it names more
    assert document_region([], "", text.replace("我区", "该区")).path == "北京市"
    # in an autonomous region 我区 is the region itself
    guangxi = "广西壮族自治区教育厅部署。南宁市青秀区、柳州市城中区交流。我区将推进集团化办学。广西各地推进。"
    assert document_region([], "", guangxi).path == "广西壮族自治区"


def test_a_paper_s_author_affiliations_are_not_its_region():
    # where the authors work (an address with a postcode, or a line naming only their institution)
    # is no place of the measures: a paper about the country stays national
    body = ("范先佐\n(华中师范大学,湖北 武汉 430079)\n进入21世纪,我国进行了大规模农村基础教育布局调整,"
            "撤并一批过于分散的小微学校。")
    assert document_region([], "农村学校布局调整与新型职业农民培育问题研究", body) is None
    body = ("吴宏超,叶 培\n(1.喀什大学 教育科学学院, 喀什 844000; 2. 华南师范大学 教育科学学院, 广州 510631)\n"
            "农村中小学历经20年的布局调整。")
    assert document_region([], "农村学生上学距离对学校服务评价的影响", body) is None
    body = "孟亚婷\n中共吉林省委党校(吉林省行政学院)\n一、引言\n逐步调整乡村义务教育学校的布局。"
    assert document_region([], "撤点并校政策的发展与问题分析", body) is None
    # the place the paper studies still counts, and so does a bureau's line
    body = "(华中师范大学,湖北 武汉 430079)\n咸宁市咸安区组建了12个教联体。咸安区的教联体覆盖全部乡村学校。"
    assert document_region([], "县域教联体建设的实践", body).path == "湖北省/咸宁市/咸安区"
    assert document_region([], "", "咸安区教育局\n咸安区组建了12个教联体。").path == "湖北省/咸宁市/咸安区"


def test_a_case_given_as_an_example_with_a_long_description_is_not_the_page_s():
    body = ("我国农村学校布局调整后,学生集中在县镇上学。以地处湘鄂赣三省交界处的湖北省崇阳县为例,"
            "县域面积1968平方公里。")
    assert document_region([], "农村学校布局调整问题研究", body) is None


def test_an_autonomous_county_of_all_nations_has_its_short_forms(g):
    # 龙胜各族自治县: 各族 is dropped like a nation's name (龙胜县; 龙胜 in its province's context)
    assert paths(g, "龙胜县教育局") == [("龙胜县", "广西壮族自治区/桂林市/龙胜各族自治县")]
    assert paths(g, "隆林县新建学校") == [("隆林县", "广西壮族自治区/百色市/隆林各族自治县")]
    assert paths(g, "龙胜率先推行", context=g.resolve("桂林市")) == [("龙胜", "广西壮族自治区/桂林市/龙胜各族自治县")]


def test_a_street_of_tianjin_s_kind_before_a_school_names_no_place(g):
    # 岳阳道 is a street in 天津 (泰达岳阳道小学), not 湖南's 岳阳; 道县 is still a county
    text = "同步启用泰达岳阳道小学"
    assert [(m.surface, g.in_name(text, m)) for m in g.find(text)] == [("岳阳", True)]
    assert paths(g, "湖南省永州市道县") == [("湖南省", "湖南省"), ("永州市", "湖南省/永州市"), ("道县", "湖南省/永州市/道县")]


def test_a_province_speaking_as_itself_is_that_province():
    # a 河北 report naming Beijing more than Hebei: 我省 is a 省's, and the province's own text
    # does not descend to the unit inside it it names (雄安新区)
    body = ("省教育厅强力推进京津冀教育协同发展。围绕支持北京城市副中心建设,加快合作办学项目建设。"
            "推动京津优质教育资源向河北延伸,北京景山学校等28所学校到我省开展合作办学。"
            "高起点规划雄安新区教育,全力服务北京冬奥会。河北雄安新区新建学校。")
    assert document_region([], "", body).path == "河北省"
    # not a city's news quoting a provincial leader, nor a page whose title names a city
    body = "海口市与海南中学合作办学。海口市新建学校。“当前是我省深化教育综合改革的重要时期。”海南省教育厅表示。"
    assert document_region([], "", body).path == "海南省/海口市"
    body = "长春市建立学校联盟协作体。长春市教育局局长表示,我省将要进入新高考模式。"
    assert document_region([], "长春市建立学校联盟协作体", body).path == "吉林省/长春市"


def test_national_news_filed_in_the_capital_is_the_country_s():
    # a story filed in Beijing and opening on a national body's act: national, whatever areas it lists
    body = ("中评社北京9月30日电/据新华社报道,近日,教育部、财政部联合印发《关于做好2025年银龄讲学计划有关实施"
            "工作的通知》。主要面向脱贫地区,欠发达的民族县、边境县以及新疆生产建设兵团。")
    assert document_region([], "", body) is None
    # a body cited (根据教育部…发布的《报告》) or a document's issuer (…印发的《意见》) is no opening act
    body = "根据教育部2023年发布的《中国农村教育发展报告》,乡村学校教师流失率较高。凉山州推行双师课堂。凉山州各县参与。"
    assert document_region([], "", body).path == "四川省/凉山彝族自治州"
    # a Beijing story about Beijing still names Beijing in its body
    body = "新华社北京7月7日电 北京市教委近日发布通知,北京市各区开办暑期托管班。"
    assert document_region([], "", body).path == "北京市"
    # a province's news opening with the national act it follows (blind batch d490-d501, d491): the province's
    body = ("近日,教育部办公厅印发《关于组织实施部属高校县中托管帮扶项目的通知》,共托管帮扶115所县中。"
            "据悉,内蒙古自治区5所县中获部属高校帮扶。其中,清华大学托管帮扶赤峰市敖汉旗箭桥中学、兴安盟扎赉特旗"
            "音德尔第一中学。下一步,内蒙古自治区教育厅将继续强化统筹责任。")
    assert document_region([], "", body).path == "内蒙古自治区"


def test_short_forms_that_are_parts_of_other_names_are_not_units(g):
    # 高新北湖新区 (长春) holds no 新北市; 桃园 names many a mainland town and school; the full names still count
    assert paths(g, "比如高新北湖新区的英才学校") == []
    assert paths(g, "桃园小学") == []
    assert paths(g, "常州市新北区") == [("常州市", "江苏省/常州市"), ("新北区", "江苏省/常州市/新北区")]


def test_a_district_s_news_naming_its_province_in_passing_stays_the_district_s():
    body = ("9月24日万柏林消息,该区教育局与省实验小学教育集团签订合作协议,共建省实验小学万柏林第一校区。"
            "近年来,万柏林区创新实施“名校+新校”模式。万柏林区实验小学实施集团化办学。\n"
            "省实验小学是我省唯一的一所省级实验小学,太原市的名校。")
    assert document_region([], "", body).path == "山西省/太原市/万柏林区"


# session 12's blind batches: a 梁平区 page on its own site naming its partner 大渡口区 more (dev d83),
# and a 息烽县 reply whose county only the site's footer names (d472)
_LIANGPING_PAGE = """<html><head><title>大渡口区育才小学“教育共同体”成立</title></head><body>
<div class="article"><h1>大渡口区育才小学“教育共同体”成立</h1>
<p>10月14日,重庆市大渡口区育才小学、四川省邻水县第七小学与我区西苑小学共同组建的“重庆市大渡口区育才小学‘教育共同体’”正式成立。
梁平区教委相关负责人主持,大渡口区教委副主任出席仪式,三校签署合作协议并举行授牌仪式。</p></div>
<div class="footer"><p>版权所有:重庆市梁平区人民政府主办:重庆市梁平区人民政府办公室</p>
<p>ICP备案:渝ICP备06000570号-1</p></div></body></html>"""


def test_a_page_speaking_as_its_site_s_district_takes_the_district(tmp_path):
    from eduminer.corpus import read

    page = tmp_path / "liangping.html"
    page.write_text(_LIANGPING_PAGE, encoding="utf-8")
    assert read(page).region == "重庆市/梁平区"
    # the same page on a site whose footer names no government body: the unit it names most
    other = tmp_path / "portal.html"
    other.write_text(_LIANGPING_PAGE.replace("重庆市梁平区人民政府主办:重庆市梁平区人民政府办公室", "东方城市网"),
                     encoding="utf-8")
    assert read(other).region == "重庆市/大渡口区"
    # nor when the page does not speak as a district (与西苑小学, not 与我区西苑小学)
    plain = tmp_path / "plain.html"
    plain.write_text(_LIANGPING_PAGE.replace("与我区西苑小学", "与西苑小学"), encoding="utf-8")
    assert read(plain).region == "重庆市/大渡口区"


def test_a_reply_naming_no_place_takes_its_site_s_county(tmp_path):
    from eduminer.corpus import read

    reply = tmp_path / "reply.txt"
    body = ("曹国霞代表:\n您提出的《关于完善基层学校设施建设的建议》已收悉,现答复如下:\n"
            "近几年来,我局根据我县教育的实际情况,先后修建了教师周转房,总共220套。\n2017年7月24日\n")
    footer = "主办单位:息烽县人民政府办公室 联系方式:0851-87721549\n息烽县人民政府版权所有 黔ICP备10201081号\n"
    reply.write_text(body + footer, encoding="utf-8")
    assert read(reply).region == "贵州省/贵阳市/息烽县"
    reply.write_text(body, encoding="utf-8")
    assert read(reply).region == ""
    # a newspaper's footer names no body that owns the page
    reply.write_text(body + "闽ICP备05032301号-2 闽南日报社 版权所有\n", encoding="utf-8")
    assert read(reply).region == ""


def test_former_units_are_found_by_their_names(g):
    # Shanghai's four-district pilot of 2014 (dev d174, blind batch d478-d489): 闸北区 merged into 静安区 in 2015
    assert paths(g, "闸北区教育局、塘沽区教育局") == [("闸北区", "上海市/闸北区"), ("塘沽区", "天津市/塘沽区")]
    assert paths(g, "闸北、徐汇两区", context=g.resolve("上海市")) == [("闸北", "上海市/闸北区"), ("徐汇", "上海市/徐汇区")]
    # …but a former unit's short form that is another place's word stays a word
    assert paths(g, "崇文门外大街", context=g.resolve("北京市")) == []
    # and a school named after it lies in the district it went into (静安区闸北实验小学; blind batch d514-d525,
    # d521: 黄浦区卢湾二中心小学), though an ordinal places a county's school (湟源二中)
    assert paths(g, "静安区闸北实验小学教育集团") == [("静安区", "上海市/静安区")]
    shanghai = g.resolve("上海市")
    text = "黄浦区卢湾二中心小学校长与卢湾区教育局"
    assert [(m.surface, g.in_name(text, m)) for m in g.find(text, context=shanghai)] == [
        ("黄浦区", False), ("卢湾", True), ("卢湾区", False)]


def test_a_former_unit_that_does_not_fit_names_file_and_line(tmp_path, monkeypatch):
    error, line, _ = broken_gazetteer(tmp_path, monkeypatch, '"310108": 上海市/闸北区', '"310106": 上海市/闸北区')
    assert f"regions.yaml:{line}: invalid data: former unit '上海市/闸北区': code 310106 is taken by 上海市/静安区" in error


def test_a_visiting_delegation_s_unit_is_not_the_host_page_s():
    # blind batch d466-d477 (d467): 桓台县's page on a visit from 阳信县, which it names more
    title = "阳信县教体局来桓考察集团化办学"
    text = (title + "\n4月17日,阳信县教体局一行20人在阳信县人民政府教育督导室主任带领下,来我县考察集团化办学。"
            "阳信县教体局考察团一行对我县的工作给予了高度评价。目前,全县乡镇学校纳入集团化办学比例达到80%以上,"
            "研究出台了《桓台县义务教育段学校集团化办学考核评价方案(试行)》。")
    assert document_region([], title, text).path == "山东省/淄博市/桓台县"
    # a page that does not speak as its own unit reports the visitors' visit: theirs
    report = text.replace("来我县", "来桓台县").replace("对我县", "对桓台县")
    assert document_region([], title, report).path == "山东省/滨州市/阳信县"


def test_a_news_agency_s_dateline_is_where_a_story_was_filed_not_its_region():
    # blind batch d478-d489 (d482): Tibet-wide aid news filed in 拉萨, which it names twice more
    title = "“组团式”援藏开启教育援藏新模式"
    text = (title + "\n新华社拉萨4月20日电 首批76名援藏教育人才,分赴拉萨、日喀则、林芝、昌都等地开展教学调研。"
            "记者从近日在拉萨召开的工作启动会上获悉,800名援藏教育人才将进藏帮助西藏教育发展。")
    assert document_region([], title, text).path == "西藏自治区"
    # a story naming its city in the body as well as in the dateline stays there
    local = "中新网银川2月27日电 宁夏银川市举行区域教育联盟组建签约仪式,银川市第九中学与实验小学签订托管协议书。"
    assert document_region([], "", local).path == "宁夏回族自治区/银川市"


def test_a_variant_character_opencc_keeps_still_names_its_province(g):
    # blind batch d514-d525 (d518): a mirror writes 陜西 (U+965C) for 陝西; OpenCC's t2s leaves it
    assert paths(g, "陜西啟動校長教師交流輪崗制") == [("陜西", "陕西省")]
    assert document_region([], "陜西啟動校長教師交流輪崗制", "陜西全面啟動校長教師交流輪崗制。").path == "陕西省"



def test_a_paper_s_own_case_is_its_region_not_the_author_s_native_place():
    # blind batch d526-d537 (d529): 文章以X为例 is the paper's case, not an example; a native place in the
    # author's note (河北沧州人) is no place of the paper's
    title = "“三个课堂”县域规模化应用模式与推进机制研究"
    text = (title + "\n[摘 要] 文章以云南沧源的实践探索为例,对边疆民族山区整体规模化推进“三个课堂”应用进行了经验总结。\n"
            "[作者简介] 杨金勇(1982—),男,河北沧州人。助理研究员。")
    assert document_region([], title, text).path == "云南省/临沧市/沧源佤族自治县"
    assert document_region([], title, text.replace("[作者简介] ", "")).path == "云南省/临沧市/沧源佤族自治县"
    # an example in a page's own text still is one (以青岛为例,…)
    assert document_region([], "", "各地探索集团化办学。以青岛为例,其集团化办学采用“1+N+X”模式。") is None


def test_a_national_body_coming_to_the_page_s_unit_leaves_the_page_its_own():
    # blind batch d526-d537 (d530): the region's own news on a visit by the ministry
    title = "教育部调研组到我区调研国家中小学智慧教育平台试点工作"
    text = title + "\n8月5日,教育部教育技术与资源发展中心干部到我区调研,并与崇左市龙州县、南宁市横州市进行连线互动。"
    assert document_region(["广西壮族自治区教育厅"], title, text).path == "广西壮族自治区"
    # national news on a local site stays national
    assert document_region(["广西壮族自治区教育厅"], "教育部:全面启动县中托管帮扶项目", "教育部近日印发通知。") is None


@pytest.mark.parametrize("province, text, full_name", [
    ("广西壮族自治区", "充分发挥平台优质资源的作用", "资源县"),  # blind batch d526-d537 (d530)
    ("江西省", "全市新建学校12所", "新建区"),
    ("辽宁省", "助力乡村振兴", "振兴区"),
    ("青海省", "组建城乡学校互助共同体", "互助土族自治县"),
    ("西藏自治区", "比如,拉萨市组建了教育集团", "比如县"),
])
def test_a_short_form_that_is_a_common_word_is_no_unit_even_in_its_province(g, province, text, full_name):
    context = g.resolve(province)
    assert [m.region for m in g.find(text, context=context)
            if m.region.name == full_name] == []
    assert [m.surface for m in g.find(full_name + "教育局", context=context)] == [full_name]


def test_a_province_s_short_name_beside_its_own_full_name_is_the_province(g):
    # blind batch d526-d537 (d531): 吉林 beside 吉林省长春市二道区 is the province, not 吉林市
    text = "吉林著力构建城乡学校帮扶共同体。吉林省长春市二道区长江学校加入一〇八教育集团后。"
    assert paths(g, text)[0] == ("吉林", "吉林省")
    text = "吉林市教育局:吉林推进集团化办学,吉林市船营区"
    assert paths(g, text)[1] == ("吉林", "吉林省/吉林市")


def test_a_city_named_before_its_own_district_is_one_mention_of_the_district():
    # blind batch d598-d609 (d600): 绵阳市涪城区… is the district's report, not the city's
    text = ("绵阳市涪城区以集团化办学模式促进城乡教育优质均衡。\n一是组建集团,在集团内推行总校长负责制。"
            "目前,全区共建成实验小学、成绵路小学、实验中学、绵阳二中等7个教育集团。")
    assert document_region([], "", text).path == "四川省/绵阳市/涪城区"
    # the city named on its own still counts for the city
    text = "绵阳市教育局召开推进会。绵阳市涪城区、游仙区、安州区分别介绍集团化办学经验。绵阳市将全面推进。"
    assert document_region([], "", text).path == "四川省/绵阳市"


def test_a_page_on_one_unit_s_support_to_another_is_the_supported_one_s():
    # blind batches d766-d789: the helper's own news (顺德区…, 日照市…) goes to the receiving county
    text = ("佛山市顺德区教育局持续推进东西部协作。顺德区选派专家团队、优秀教师共11人赴三穗县支教,"
            "顺德区5所优质学校与三穗县5所学校签订帮扶协议。顺德区投入资金1200万元帮扶三穗县,"
            "组织名师到三穗县开展送教活动。")
    assert document_region(["佛山市顺德区教育局"], "顺德区东西部协作教育帮扶工作", text).path == \
        "贵州省/黔东南苗族侗族自治州/三穗县"
    assert document_region([], "日照市25名支教教师抵达重庆市黔江区",
                           "日照市25名支教教师抵达重庆市黔江区开展支教。日照先后有33名教师到黔江区支教。").path == "重庆市/黔江区"
    # going there for another reason, or support with no receiver named twice, changes nothing
    assert document_region(["佛山市顺德区教育局"], "顺德区教育局赴三穗县调研", "顺德区教育局一行赴三穗县调研。").path == \
        "广东省/佛山市/顺德区"


def test_a_county_s_short_name_before_a_subdistrict_word_names_the_subdistrict(g):
    # blind batch d790-d801 (d800): 惠东平山街道 is a 街道 of 惠东县, not 河北's 平山县
    assert [m.region.path for m in g.find("2023年惠东平山街道中小学学区划分图")] == []
    assert document_region([], "2023年惠东平山街道中小学学区划分图",
                           "将平山飞鹅中学和惠东县蕉田学校(初中部)划为一个大学区。平山街道户籍").path == "广东省/惠州市/惠东县"


def test_a_receiver_named_by_its_short_name_alone_after_a_verb_of_support():
    # dev set d676: 衡中 (衡水中学) helps 阜平, named only 阜平 in the headline; the body names 衡水 far more often
    body = ("衡水中学与保定市阜平县政府签署提升高中教育行动合作协议,阜平中学将挂“衡水第一中学阜平校区”校牌。"
            "衡水第一中学招聘教师30名左右,可在衡水第一中学任教。")
    assert document_region([], "衡中教育扶贫到阜平", body).path == "河北省/保定市/阜平县"
    # a common word after such a verb names no unit
    assert document_region([], "城区学校帮扶到资源薄弱学校", "衡水市组织城区学校帮扶。").path == "河北省/衡水市"


def test_a_town_s_new_or_old_quarter_is_no_district_of_the_same_name(g):
    # dev set d867: 扬州新城西区 is a zone of 扬州, not 西宁's 城西区
    assert [m.region.path for m in g.find("扬州市育才小学新城西区校揭牌")] == ["江苏省/扬州市"]
    assert "青海省/西宁市/城西区" in [m.region.path for m in g.find("西宁市城西区教育局")]
