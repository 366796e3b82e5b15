from eduminer.corpus.regions import gazetteer
from eduminer.extract.attribution import RegionAttributor

SENTENCES = ["南岸区、九龙坡区、合川区等区财政设立集团化办学专项经费", "组建教育集团", "上海市普陀区设立学区",
             "学习借鉴上海市普陀区学区化办学经验", "2020年,全市城乡优质教育资源学区化、集团化办学规模进一步扩大",
             "去年,市教育局在探索名校办分校的基础上,重点推进学区制", "全州县教育局出台实施方案", "比如南岸区已组建教育集团",
             "沙坪坝区和南岸区", "", "渝中区", "重庆市南岸区教委", "舟山市普陀区",
             "以青岛为例,其集团化办学采用“1+N+X”模式", "例如,保定师范附属学校教育集团将阜平县多所农村学校纳入管理",
             "浙江、湖北、四川等地也相继开展了义务教育学校委托管理项目", "如广州、沈阳等地开始了学区化管理的尝试",
             "广州市和深圳市的学校"]


def test_attribute_many_is_attribute_of_each():
    g = gazetteer()
    for region, code in [("重庆市", "500000"), ("上海市", ""), ("浙江省/舟山市", ""), ("", ""), ("火星", ""),
                         ("重庆市/南岸区", "500108"), ("四川省/成都市/简阳市", ""), ("广西壮族自治区/桂林市", "")]:
        a = RegionAttributor(g, region, code)
        assert a.attribute_many(SENTENCES) == [tuple(a.attribute(s)) for s in SENTENCES]
    assert RegionAttributor(g, "重庆市", "500000").attribute_many([]) == []


def test_a_county_keeps_every_sentence_but_those_whose_subject_is_above_or_outside_it():
    a = RegionAttributor(gazetteer(), "重庆市/南岸区", "500108")
    assert not a.has_parts
    assert [r.region for rs in a.attribute_many(SENTENCES) for r in rs] == [
        "重庆市/南岸区", "重庆市/南岸区", "上海市/普陀区", "重庆市/南岸区",
        "重庆市/南岸区",  # 全市 with no action after it
        "重庆市",  # 市教育局在…: the municipality's
        "广西壮族自治区/桂林市/全州县", "重庆市/南岸区", "重庆市/南岸区", "重庆市/南岸区", "重庆市/南岸区",
        "重庆市/南岸区", "重庆市/南岸区",
        "山东省/青岛市", "河北省/保定市/阜平县",  # examples: their own units' measures
        "浙江省", "湖北省", "四川省", "广东省/广州市", "辽宁省/沈阳市",  # lists of units as the subject
        "重庆市/南岸区"]
    assert RegionAttributor(gazetteer(), "重庆市", "500000").has_parts


def regions(region, sentences):
    """The regions of ``sentences`` (cited titles masked, as the pipeline does) in a
    document of ``region``."""
    from eduminer.extract.filters import sentence_filters

    a = RegionAttributor(gazetteer(), region)
    masked = [sentence_filters().mask_citations(s) for s in sentences]
    return [[r.region for r in rs] for rs in a.attribute_many(masked)]


def test_a_unit_above_the_document_s_as_the_subject():
    # a 湟源县 news page (dev set d32): the city launched the reform
    assert regions("青海省/西宁市/湟源县", [
        "据了解,2016年11月,根据《西宁市城乡义务教育集团化办学指导意见》,西宁市启动实施义务教育集团化办学改革。",
        "湟源县政府副县长马海云说,西宁七中教育集团“组团式”管理帮扶拓展至湟源县大华镇中心学校和湟源县第二中学,"
        "进一步扩大了西宁市城乡教育集团化办学对乡村学校帮扶覆盖面。",
    ]) == [["青海省/西宁市"], ["青海省/西宁市/湟源县"]]
    # a county's reply (d35): the province's mechanism, the county's own
    assert regions("湖北省/十堰市/郧西县", [
        "从2012年开始,全省建立了农村义务教育学校教师补充新机制,各地教师的补充均通过全省统一的考务平台。",
        "2009年以来,我县建立了教师队伍补充长效机制,在全县财政极其紧张的情况下,县委、县政府每年拿出一定数量的编制。",
    ]) == [["湖北省"], ["湖北省/十堰市/郧西县"]]
    # a county's report (seed 000): the city's education bureau; 全市 in a municipality's district,
    # in a county-level city (itself) and 全区 (自治区 or district: unknown) stay apart
    assert regions("山东省/潍坊市/潍城区", [
        "去年,市教育局在探索名校办分校、集团化办学等办学模式改革的基础上,重点推进学区制、优质中小学跨区域合作办学。",
    ]) == [["山东省/潍坊市"]]
    assert regions("北京市/海淀区", ["目前,全市已组建教育集团"]) == [["北京市"]]
    assert regions("四川省/成都市/简阳市", ["目前,全市已组建教育集团"]) == [["四川省/成都市/简阳市"]]
    assert regions("广西壮族自治区/贵港市/港北区", ["目前,全区已组建教育集团"]) == [["广西壮族自治区/贵港市/港北区"]]


def test_a_unit_outside_the_document_s_as_the_subject():
    # a 保定 commentary (d37) on group schooling in Beijing and Guangdong
    assert regions("河北省/保定市", [
        "2017年4月,保师附校将贫困地区阜平县的龙泉关学校、白河学校、阜东小学纳入集团化管理。",
        "比如在北京,一个朝阳区就已经组建21个中小学教育集团,实现了公办中小学资源全覆盖。",
        "到今年年初,海淀区已形成42个教育集团、覆盖近150所中小学,全区中小学生实现全部在集团校或优质学校、特色学校就读。",
        "就在上个月,广东省教育厅公示了第一批广东省优质基础教育集团名单。",
        "保定市学习借鉴北京市海淀区集团化办学经验。",  # named in passing
    ]) == [["河北省/保定市/阜平县"], ["北京市/朝阳区"], ["北京市/海淀区"], ["广东省"], ["河北省/保定市"]]


def test_a_place_in_a_school_s_or_an_outlet_s_name_never_moves_a_measure():
    assert regions("新疆维吾尔自治区/乌鲁木齐市/天山区", [
        "乌鲁木齐市第一小学成立教育集团",
        "乌鲁木齐市第一小学教育集团总校长朱永校表示,乌市一小和乌市74小合作办学既能对优质资源进行整合。",
    ]) == [["新疆维吾尔自治区/乌鲁木齐市/天山区"]] * 2
    assert regions("新疆维吾尔自治区", ["乌鲁木齐市第一小学成立教育集团"]) == [["新疆维吾尔自治区"]]
    assert regions("湖南省/岳阳市/岳阳县", ["新湖南客户端1月13日讯(通讯员 余愿)1月12日,城南小学教育集团首次工作会议顺利召开"]) == \
        [["湖南省/岳阳市/岳阳县"]]


def test_subject_cue_errors_name_file_and_line(tmp_path):
    import pytest

    from eduminer.errors import DataFileError
    from eduminer.extract.attribution import subject_cues

    good = (tmp_path / "ok.yaml")
    text = open(__import__("eduminer.extract.datafiles", fromlist=["x"]).data_path("attribution.yaml"),
                encoding="utf-8").read()
    bad = tmp_path / "attribution.yaml"
    bad.write_text(text.replace("subject_actions: [就,", "subject_actions: [就:,"), encoding="utf-8")
    line = next(n for n, content in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
                if content.startswith("subject_actions"))
    with pytest.raises(DataFileError) as e:
        subject_cues(str(bad))
    assert str(e.value).startswith(f"[E101] {bad}:{line}: invalid data: entry {{'就': None}} of 'subject_actions'")
    good.write_text(text.replace("level_subjects:", "levels_typo:"), encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        subject_cues(str(good))
    assert "'level_subjects' must map level keys" in str(e.value)


SUPPORT = ["桐乡市派遣100多名骨干教师赴开化县带徒帮教", "湖南省对口援助山南市第三高级中学",
           "甘孜州480所学校由成都、泸州、宜宾等3市的408所学校予以结对帮扶",
           "经喀什地委同意,上海市对口支援新疆工作前方指挥部决定成立上海援疆教育集团", "桐乡市派遣骨干教师赴开化学习"]


def test_a_support_relation_s_measure_is_the_receiving_unit_s():
    assert regions("浙江省/嘉兴市/桐乡市", SUPPORT[:1]) == [["浙江省/衢州市/开化县"]]
    assert regions("西藏自治区", SUPPORT[1:2]) == [["西藏自治区/山南市"]]
    # the supporters after 由 never take it; the recipient named before stays
    assert regions("四川省", SUPPORT[2:3]) == [["四川省/甘孜藏族自治州"]]
    # a recipient the document's unit lies in is no news: the document's unit
    assert regions("新疆维吾尔自治区/喀什地区", SUPPORT[3:4]) == [["新疆维吾尔自治区/喀什地区"]]
    # no support word: a trip to learn moves nothing
    assert regions("浙江省/嘉兴市/桐乡市", SUPPORT[4:]) == [["浙江省/嘉兴市/桐乡市"]]
    for region in ("浙江省/嘉兴市/桐乡市", "四川省", "西藏自治区"):
        a = RegionAttributor(gazetteer(), region)
        assert a.attribute_many(SUPPORT) == [tuple(a.attribute(s)) for s in SUPPORT]


def test_schools_listed_as_recipients_each_give_their_unit():
    # blind batch d490-d501 (d491): universities take over county high schools, each listed with its school
    sentence = ("其中,南开大学、天津大学、清华大学分别托管帮扶内蒙古自治区乌兰察布市丰镇第一中学、赤峰市敖汉旗箭桥中学、"
                "兴安盟扎赉特旗音德尔第一中学。")
    assert regions("内蒙古自治区", [sentence]) == [["内蒙古自治区/乌兰察布市/丰镇市", "内蒙古自治区/赤峰市/敖汉旗",
                                                "内蒙古自治区/兴安盟/扎赉特旗"]]
    # a school's name with no separator after it ends the list
    assert regions("内蒙古自治区", ["清华大学托管帮扶丰镇第一中学赤峰市教育局派员参加"]) == [["内蒙古自治区/乌兰察布市/丰镇市"]]


def test_a_national_body_s_act_opening_a_sentence_is_the_country_s():
    # blind batch d490-d501 (d491) and dev d444: the national act a province's page follows has no region
    act = "近日,教育部办公厅印发《关于组织实施部属高校县中托管帮扶项目的通知》,共托管帮扶115所县中。"
    act2 = "2017年,中共中央办公厅、国务院办公厅印发《关于深化教育体制机制改革的意见》,明确指出试行学区化管理。"
    assert regions("内蒙古自治区", [act, act2]) == [[""], [""]]
    # a body cited, or the province's own act after it, keep the page's region
    assert regions("内蒙古自治区", ["根据教育部印发的《通知》,我区5所县中获部属高校帮扶。",
                                 "内蒙古自治区教育厅印发方案,推进托管帮扶。"]) == [["内蒙古自治区"], ["内蒙古自治区"]]


def test_units_visited_for_an_inspection_do_not_split_a_measure():
    sentence = "市政府教育督导室又分别深入西城区、朝阳、丰台区等7个区进行实地督导调研"
    assert regions("北京市", [sentence]) == [["北京市"]]
    # the same units as actors do split it
    assert regions("北京市", ["西城区、丰台区分别组建教育集团"]) == [["北京市/西城区", "北京市/丰台区"]]


def test_a_meeting_s_venue_does_not_split_a_measure():
    # mining pass 30: the province met in 廊坊 and announced its pairing projects there
    sentence = "2017年2月,我们会同京津教委在廊坊召开了京津冀教育协同发展推进会,在会上发布了对口帮扶项目"
    assert regions("河北省", [sentence]) == [["河北省"]]
    assert regions("浙江省/衢州市", ["教共体建设交流会在柯城区鹿鸣小学举行"]) == [["浙江省/衢州市"]]
    # a unit that guides, or acts, still takes it
    assert regions("山东省/临沂市", ["在兰山区教体局的统筹安排、具体指导下,成立了临沂第一实验小学教育集团"]) == [
        ["山东省/临沂市/兰山区"]]
    assert regions("河北省", ["廊坊市召开推进会,组建教育集团"]) == [["河北省/廊坊市"]]
    a = RegionAttributor(gazetteer(), "河北省")
    assert a.attribute_many([sentence, "廊坊市召开推进会"]) == [tuple(a.attribute(s)) for s in [sentence, "廊坊市召开推进会"]]


def test_an_example_s_measure_is_the_example_s_unit():
    # a commentary filed in 广州 (mined pages a40, m19): the examples it cites are their own units' measures
    a = RegionAttributor(gazetteer(), "广东省/广州市/白云区")
    assert [r.region for r in a.attribute("以青岛为例,其集团化办学采用“1+N+X”模式")] == ["山东省/青岛市"]
    # (保定 inside a school's name counts for nothing)
    assert [r.region for r in a.attribute("例如,保定师范附属学校教育集团将阜平县多所农村学校纳入管理")] == \
        ["河北省/保定市/阜平县"]
    assert [r.region for r in a.attribute("比如北京东城区2014年划分了8个学区")] == ["北京市/东城区"]
    # an example described at length, as the document-region reader allows (25 characters)
    long_example = "以地处鄂南山区、人口五十余万的湖北省崇阳县为例,该县组建了8个教育集团"
    assert [r.region for r in a.attribute(long_example)] == ["湖北省/咸宁市/崇阳县"]
    # on a national page too; a sentence naming a place that is no example keeps the page's region
    national = RegionAttributor(gazetteer(), "")
    assert [r.region for r in national.attribute("比如北京东城区2014年划分了8个学区")] == ["北京市/东城区"]
    assert [r.region for r in a.attribute("学习借鉴青岛的经验,组建教育集团")] == ["广东省/广州市/白云区"]


def test_a_visit_s_host_is_not_the_measure_s_when_the_visitors_come_to_attend_or_learn():
    # mining pass 54 (mined pages r02, r28): the visitors' measure, not the host's, nor a support's recipient
    signing = "2022年9月13日,金口河区教育局、延风中学相关领导同志赴犍为一中、沫若中学参加“组团式”帮扶工作签约仪式"
    assert regions("四川省/乐山市", [signing]) == [["四川省/乐山市/金口河区"]]
    shadowing = "吴江区校长在2018年、2019年组织到上海市金山区、闵行区成功跟岗,本年度选择上海市普陀区"
    assert regions("上海市", [shadowing]) == [["上海市/普陀区"]]
    # a visit to give keeps the recipient
    assert regions("浙江省/嘉兴市/桐乡市", ["桐乡市派遣100多名骨干教师赴开化县带徒帮教"]) == [["浙江省/衢州市/开化县"]]
    for region in ("四川省/乐山市", "上海市"):
        a = RegionAttributor(gazetteer(), region)
        assert a.attribute_many([signing, shadowing]) == [tuple(a.attribute(s)) for s in [signing, shadowing]]


def test_a_list_of_units_as_the_subject_states_each_unit_s_measure():
    a = RegionAttributor(gazetteer(), "北京市/海淀区")
    assert [r.region for r in a.attribute("浙江、湖北、四川等地也相继开展了义务教育学校委托管理项目")] == [
        "浙江省", "湖北省", "四川省"]
    assert [r.region for r in a.attribute("如广州、沈阳等地开始了区域内学区化管理的尝试")] == [
        "广东省/广州市", "辽宁省/沈阳市"]
    # a list that is no subject (no action after it), or a unit named only in passing, moves nothing
    assert [r.region for r in a.attribute("广州市和深圳市的学校")] == ["北京市/海淀区"]
    assert [r.region for r in a.attribute("学习借鉴广州、沈阳等地的经验")] == ["北京市/海淀区"]


def test_the_units_an_inspection_covers_do_not_split_its_measure():
    a = RegionAttributor(gazetteer(), "辽宁省")
    sentence = ("国家教育督导检查组分成6个小组,对辽宁申报的沈阳市沈河区、大东区、于洪区、苏家屯区、浑南区,"
                "大连市旅顺口区等17个县(市、区)进行了实地督导检查。")
    assert [r.region for r in a.attribute(sentence)] == ["辽宁省"]
    assert [[r.region for r in rs] for rs in a.attribute_many([sentence])] == [["辽宁省"]]
    # a list of districts acting (no inspection) still gives each its record
    assert len(a.attribute("沈阳市沈河区、大东区、于洪区、苏家屯区等区财政设立集团化办学专项经费")) == 4
