import pytest

from eduminer.extract.stage import stage_rules


def page_measures(tmp_path, name: str, text: str) -> list:
    """The measures (rules only) of a text page ``name`` holding ``text``."""
    from eduminer.corpus import read
    from eduminer.extract import measures

    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return list(measures([read(page)], model=None))


def test_genre_from_title():
    rules = stage_rules()
    assert rules.genre("关于印发《普陀区中小学教育“十四五”专项规划》的通知") == "planned"
    assert rules.genre("关于《芦台一小集团化办学实施方案(试行)》公布") == "planned"
    assert rules.genre("天津市宁河区2024年教育工作要点") == "planned"
    # a reply to a proposal (建议) is a reply: cited titles do not decide the genre
    assert rules.genre("关于《加强集团化办学研究的建议》的复函") == "implemented"
    assert rules.genre("推进学区制改革 推动实现教育共享共治") == "implemented"


def test_section_decides_over_genre():
    rules = stage_rules()
    assert rules.stage("学区管理经费不足", "三、存在问题 > （三）学区管理经费", "implemented")[0] == "problem"
    assert rules.stage("推进校园文化共生发展", "二、下一步打算", "implemented")[0] == "planned"
    # the deepest heading wins: "问题及下步打算 > 下步打算" is planned
    assert rules.stage("加大经费支持", "三、存在的问题及下步打算 > （二）下步打算", "implemented")[0] == "planned"
    assert rules.stage("组建教育集团", "一、主要做法", "planned")[0] == "implemented"


def test_wording_overrides_genre():
    rules = stage_rules()
    assert rules.stage("全区已建成紧密型教育集团12个", "", "planned") == ("implemented", "wording:已建")
    assert rules.stage("组建紧密型教育集团", "", "planned")[0] == "planned"
    assert rules.stage("教师交流渠道尚不通畅", "", "implemented")[0] == "problem"
    assert rules.stage("下一步将继续推进学区制改革", "", "implemented")[0] == "planned"
    assert rules.stage("全区设立9个学区", "", "implemented")[0] == "implemented"


def test_announcements_in_news_are_planned():
    rules = stage_rules()
    assert rules.stage("海淀区还将成立学区委员会和学区办公室", "", "implemented")[0] == "planned"
    assert rules.stage("锦江区等11个区市县将开展义务教育学区制改革试点", "", "implemented")[0] == "planned"
    # a report's 将…列入 (done) stays implemented
    assert rules.stage("区财政将学区管理办公室工作经费列入区财政预算", "", "implemented")[0] == "implemented"


def test_stage_many_is_stage_of_each():
    rules = stage_rules()
    texts = ["学区管理经费不足", "全区已建成教育集团12个", "下一步将继续推进", "组建教育集团", "加大经费支持"]
    sections = ["三、存在问题", "", "", "一、主要做法", "三、存在的问题及下步打算 > （二）下步打算"]
    for genre in ("implemented", "planned"):
        assert rules.stage_many(texts, sections, genre) == [rules.stage(t, s, genre) for t, s in zip(texts, sections)]


def test_a_news_title_announcing_an_action_is_a_plan():
    rules = stage_rules()
    assert rules.genre("时间表公布:至2025年,深圳将培育80个优质公办中小学教育集团") == "planned"
    assert rules.genre("成都11个区市县将试点义务教育学区制改革") == "planned"
    assert rules.genre("海淀区重新划分中小学学区 推进教育资源均衡") == "implemented"
    # a page without a title: its first lines are read instead, where 将 is common
    first_lines = ("8月27日上午,毓英中心小学光华校区举行揭牌仪式。据悉,集团化办学是金井镇基础教育改革的一个新的尝试,"
                   "将逐步扩大集团化办学的覆盖面")
    assert rules.genre(first_lines) == "implemented"


def test_a_target_year_after_the_document_year_is_planned():
    rules = stage_rules()
    text = "到2025年，市直属学校培育孵化公办中小学优质教育集团7-9个"
    assert rules.stage(text, "", "implemented", year=2022) == ("planned", "wording:到2025年")
    assert rules.stage(text, "", "implemented", year=2025)[0] == "implemented"
    # no year known (mining pass 50): a target in a sentence reporting nothing done is a target still,
    # one in a sentence reporting a deed is not
    assert rules.stage(text, "", "implemented") == ("planned", "wording:到2025年")
    assert rules.stage("到2020年底，全市已建成教育集团30个", "", "implemented")[0] == "implemented"
    assert rules.stage("到2018年，《加快推进教育现代化实施方案》又进一步细化了集团化的机制", "", "implemented")[0] == "implemented"
    assert rules.stage("到 2025 年，组建不少于 6 个中小学教育集团", "", "implemented")[0] == "planned"
    assert rules.stage("力争到 2024 年实现全覆盖", "", "implemented", year=2023)[1] == "wording:力争到 2024 年"
    # a plan's sentence stays planned, and a problem section stays a problem
    assert rules.stage(text, "", "planned", year=2022)[0] == "planned"
    assert rules.stage(text, "三、存在问题", "implemented", year=2022)[0] == "problem"
    assert rules.stage_many([text, "全区设立9个学区"], ["", ""], "implemented", 2022) == [
        ("planned", "wording:到2025年"), ("implemented", "genre:implemented")]


def test_target_year_prefixes_must_be_a_list(tmp_path):
    import pytest

    from eduminer.errors import DataFileError
    from eduminer.extract.datafiles import data_path

    text = open(data_path("stage.yaml"), encoding="utf-8").read()
    bad = tmp_path / "stage.yaml"
    bad.write_text(text.replace("target_year_prefixes: [到", "target_year_prefixes: {a: [到"), encoding="utf-8")
    bad.write_text(bad.read_text(encoding="utf-8").replace("确保到]", "确保到]}"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        stage_rules(str(bad))
    line = next(n for n, content in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
                if content.startswith("target_year_prefixes"))
    assert f"{bad}:{line}:" in str(caught.value)


def test_a_stage_section_without_its_lists_names_its_line(tmp_path):
    import pytest

    from eduminer.errors import DataFileError
    from eduminer.extract.datafiles import data_path

    text = open(data_path("stage.yaml"), encoding="utf-8").read()
    bad = tmp_path / "stage.yaml"
    start = text.index("\ngenres:")
    end = text.index("\n\n", start + 1)
    bad.write_text(text[:start] + "\ngenres:\n  implemented: [总结]\n" + text[end:], encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        stage_rules(str(bad))
    line = next(n for n, content in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
                if content.startswith("genres:"))
    assert str(caught.value).startswith(f"[E101] {bad}:{line}: invalid data: section 'genres' needs")


@pytest.mark.parametrize("sentence, expected", [
    ("此举对化解乡村学校师资不足的矛盾作用明显", "implemented"),  # an aim, not a gap
    ("进一步补齐农村学校师资短板", "implemented"),
    ("乡村学校师资短板依然明显", "problem"),
    ("区教育局负责人希望大力推广集团化办学", "planned"),  # a leader's wish
    ("希望小学与县实验小学结对", "implemented"),  # a school's name, not a wish
    ("走教教师教学热情下降", "problem"),
    ("针对农村学校生源流失的问题，开展了城乡校联体试点", "implemented"),
    ("针对生源流失、师资力量薄弱、教学质量较低的问题，县里开展了城乡校联体试点", "implemented"),
    ("试点开展以来，教师教学热情下降", "problem"),
    ("即将加入实验小学教育集团的三所学校", "planned"),
    ("局长强调，各校要把集团化办学作为重点工作", "planned"),  # a leader's directive in a report
    ("城乡学校之间的差距较大", "problem"),
    ("通过共同体建设缩小城乡学校差距较大的状况", "implemented"),  # a remedy before the gap
])
def test_remedies_and_wishes_in_a_report(sentence, expected):
    assert stage_rules().stage(sentence, "", "implemented")[0] == expected


def test_quoted_names_are_no_genre():
    rules = stage_rules()
    # a page without a title read from its first lines: the quoted plan is not the page's genre
    assert rules.genre("为落实“国民经济和社会发展第十三个五年规划纲要”中关于教育均衡的战略举措") == "implemented"
    assert rules.genre("关于《芦台一小集团化办学实施方案(试行)》公布") == "planned"


@pytest.mark.parametrize("sentence, expected", [
    ("电报路小学教育集团将会在各成员校开展校园文化活动", "planned"),  # 将 + a modal
    ("这些教育集团将充分发挥龙头学校的示范带动作用", "planned"),
    ("将全市149所初中划分为20个学区", "implemented"),  # 将 as 把: no plan
    ("会议指出,要以组建中心城区教育集团为依托", "planned"),  # a clause opening with 要
    ("学校要求教师统一教学进度", "implemented"),  # 要求 is no directive of its own
    ("《实施意见》提出,上海将综合采取委托管理等形式", "planned"),  # what a plan says
    ("按照《办法》规定,对30个县的申报材料进行了审核", "implemented"),  # a basis, not a plan's content
    ("用三年时间推进教育发展共同体全覆盖", "planned"),
    ("建成资源大平台,提供虚拟仿真实验400多个", "implemented"),  # 虚拟 holds no 拟
    ("教师校长交流轮岗机制待优化", "problem"),
    ("开展专递课堂,解决教师结构性短缺,开不齐、开不足课等问题", "implemented"),  # a remedied list
    ("海南推进基础教育集团化办学全覆盖 年内推动形成至少50个教育集团", "planned"),  # this year's target
    ("年内完成建设中小学23所,已全部完成建设", "implemented"),  # a target reported as met
    ("从2015年起,各级政府将每年安排民办教育专项奖补资金", "planned"),  # a yearly commitment
    ("希望临汾市解放路小学作为龙头学校,充分发挥示范引领作用", "planned"),  # a wish opening a clause
    ("会上,他希望两校加强教师交流培训", "planned"),
    ("县里建成了3所希望小学", "implemented"),  # a 希望小学 is no wish
    ("今年计划招募7000名银龄讲学教师", "planned"),
    # a time or a place between 计划 and the act (blind batch d526-d537, d533)
    ("前期手续正在加紧办理中,计划今年上半年开工建设", "planned"),
    ("计划在万新街域新建一所24班制的完全中学", "planned"),
    ("按照五年行动计划新建学校12所", "implemented"),  # a plan's name, not a plan
])
def test_directives_plans_and_gaps_in_a_report(sentence, expected):
    assert stage_rules().stage(sentence, genre="implemented")[0] == expected


def test_a_page_without_a_title_opening_on_a_plan_s_release_is_a_plan():
    # blind batch d610-d621 (d621): the news of a plan's release, then the plan's contents
    rules = stage_rules()
    head = "兰州晚报讯 备受社会各界关注的《七里河区教育提升三年行动计划(2020-2023年)》已于近日正式出台。该区将通过三年的努力"
    assert rules.genre(head, from_text=True) == "planned"
    # a plan cited as the ground of what was done is no release
    assert rules.genre("根据《七里河区教育提升三年行动计划》,该区去年新建学校5所。", from_text=True) == "implemented"


def test_a_page_without_a_title_takes_no_genre_from_what_it_cites():
    rules = stage_rules()
    head = "为积极响应《教育部关于加强“三个课堂”应用的指导意见》精神,县教育局推出了专递课堂"
    assert rules.genre(head, from_text=True) == "implemented"
    assert rules.genre("10月22日,洛阳举行“十四五”规划系列新闻发布会", from_text=True) == "implemented"
    assert rules.genre("关于印发《学区制改革实施方案》的通知") == "planned"  # a real title still is
    # a genre word counts where a title would end, not inside a sentence
    assert rules.genre("静宁县推进集团化办学的实施意见为加快建设优质均衡", from_text=True) == "planned"
    assert rules.genre("县教育局已经按照计划集中推进 对以上办理有何意见,请联系", from_text=True) == "implemented"
    assert rules.genre("你们提出的建议收悉,现将情况答复如下:", from_text=True) == "implemented"


def test_a_planned_pattern_that_is_no_regex_names_file_and_line(tmp_path):
    from eduminer.errors import DataFileError
    from eduminer.extract.datafiles import data_path

    from pathlib import Path

    text = Path(data_path("stage.yaml")).read_text(encoding="utf-8")
    bad = tmp_path / "stage.yaml"
    bad.write_text(text.replace("planned_patterns: ['", "planned_patterns: ['(unclosed', '"), encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        stage_rules(str(bad))
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("planned_patterns"))
    assert f"{bad}:{line}" in str(e.value) or f"line {line}" in str(e.value)


def test_a_remedy_does_not_reach_past_but():
    sentence = "虽然托管缓解了学位紧张,但是“公益性不足”等矛盾仍然突出"
    assert stage_rules().stage(sentence, genre="implemented")[0] == "problem"


def test_a_leader_s_directives_run_on_in_their_paragraph(tmp_path):
    found = page_measures(tmp_path, "meeting.txt",
                          "全县集团化办学推进会召开\n"
                          "3月5日,全县集团化办学推进会召开。各教育集团汇报了工作进展,县教育局已组建教育集团8个。\n"
                          "会上,县长强调,一是明确集团章程。推进集团内教师交流轮岗。统一集团教学管理。\n")
    stages = {m.text: m.stage for m in found}
    assert stages["推进集团内教师交流轮岗。"] == "planned"  # after the lead, in its paragraph
    assert stages["统一集团教学管理。"] == "planned"
    assert stages["各教育集团汇报了工作进展,县教育局已组建教育集团8个。"] == "implemented"  # another paragraph


def test_a_lead_closing_its_sentence_runs_on_too(tmp_path):
    found = page_measures(tmp_path, "welcome.txt",
                          "30名校长来株挂职学习\n"
                          "4月16日,30名校长来到株洲挂职学习。市教育局已组建教育集团8个。\n"
                          "副局长表示热烈欢迎,并提出了希望。一是推进集团内教师交流轮岗。二是统一集团教学管理。\n")
    stages = {m.text: m.stage for m in found}
    assert stages["一是推进集团内教师交流轮岗。"] == "planned"
    assert stages["二是统一集团教学管理。"] == "planned"
    assert stages["市教育局已组建教育集团8个。"] == "implemented"


def test_a_pledge_goes_on_into_a_sentence_opening_with_a_continuation(tmp_path):
    found = page_measures(tmp_path, "inspection.txt",
                          "市督导组来区督导教育工作\n"
                          "4月15日,市督导组来到该区督导。该区已组建教育集团8个。同时,推进集团内教师交流轮岗。\n"
                          "副区长表示,该区将以此次督导为契机,加强政府主导。同时,进一步深入推进集团化办学。\n")
    stages = {(m.text, m.category): m.stage for m in found}
    # after a pledge (将…) in its paragraph: planned; after a report of a deed: as its page
    assert stages[("同时,进一步深入推进集团化办学。", "model.group_schooling")] == "planned"
    assert stages[("同时,推进集团内教师交流轮岗。", "personnel.teacher_rotation")] == "implemented"


def test_a_category_s_stage_is_read_up_to_its_evidence_when_that_part_reports_a_deed(tmp_path):
    found = page_measures(tmp_path, "news.txt",
                          "呈贡区教育集团揭牌\n"
                          "日前,呈贡区6个教育集团正式揭牌成立,将进一步发挥区属优质学校对成员校的示范引领作用。\n")
    stage = {(m.category, m.text[:6]): m.stage for m in found}
    assert stage[("model.group_schooling", "日前,呈贡区")] == "implemented"  # done, before the plan
    assert stage[("model.flagship_led", "日前,呈贡区")] == "planned"  # the plan's own clause


def test_a_problem_word_in_a_needy_group_or_a_programme_name_is_no_gap():
    rules = stage_rules()
    assert rules.stage("我校16名家庭特别困难的学生与城区学生结对帮扶")[0] == "implemented"
    assert rules.stage("结合“义务教育薄弱环节改善与能力提升”工程,推动基础设施建设")[0] == "implemented"
    assert rules.stage("农村学校教师不足,家庭困难学生较多")[0] == "problem"


def test_the_items_of_a_proposal_s_list_are_planned_like_its_opening(tmp_path):
    found = page_measures(tmp_path, "paper.txt",
                          "集团化办学的问题与对策\n"
                          "当前集团化办学还存在诸多问题。这就需要建立健全管理运行机制,明确共治主体权责;加大教育资源投入,合理配置优质教育资源;"
                          "完善相关政策法规。\n"
                          "县里组建了教育集团;加大教育资源投入,合理配置优质教育资源。\n")
    stages = [m.stage for m in sorted(found, key=lambda m: m.start)
              if m.category == "resources.dedicated_funding" and m.text.startswith("加大")]
    assert stages == ["planned", "implemented"]  # after 这就需要…;: planned; after a deed: as its page


def test_gaps_and_proposals_of_surveys_and_papers():
    rules = stage_rules()
    assert rules.stage("各地的经济和教育投入存在差距")[0] == "problem"
    assert rules.stage("也存在着教研活动流于形式、多教少研等缺点")[0] == "problem"
    assert rules.stage("基于此,应构建系统化的改进路径,即强化教育共同体的制度供给")[0] == "planned"
    assert rules.stage("轮岗政策明确要求:3年至5年时间实现校长教师交流的制度化")[0] == "planned"
    assert rules.stage("按照市局文件和会议要求,试验区成立了结对帮扶工作领导组")[0] == "implemented"
    assert rules.stage("学校相应加强了集团内的教研")[0] == "implemented"


def test_a_heading_that_remedies_a_gap_is_no_problem_section():
    # mining pass 41: (一)强基建补短板 heads what was built; 存在的短板 heads the gaps
    rules = stage_rules()
    assert rules.section_stage("（一）强基建补短板") is None
    assert rules.section_stage("二、破解发展瓶颈") is None
    assert rules.section_stage("三、存在的短板") == ("problem", "短板")
    assert rules.section_stage("三、存在问题及解决对策") == ("problem", "存在问题")
    text = "年内累计改、扩建设学校3所,新增学位510个。"
    assert rules.stage(text, "（一）强基建补短板", "implemented")[0] == "implemented"
    assert rules.stage("学区经费不足", "三、存在的短板", "implemented")[0] == "problem"


def test_a_summary_joined_to_the_plan_after_it_is_a_report():
    # mining pass 46: a page whose first line is its title, …上半年工作总结及下半年工作计划, reports what
    # was done (its plan part has a heading of its own); a reference to another document before
    # 为准 (…以2021年…招生入学工作通知为准) ends no title
    rules = stage_rules()
    assert rules.genre("教育系统乡村振兴2025年上半年工作总结及下半年工作计划\n一是实施薄弱学校改造", from_text=True) == "implemented"
    assert rules.genre("市教育局2022年工作总结和2023年工作计划\n2022年,我局", from_text=True) == "implemented"
    assert rules.genre("具体的调整学区范围以2021年义务教育阶段招生入学工作通知为准。", from_text=True) == "implemented"
    assert rules.genre("关于印发集团化办学实施方案的通知为深入推进", from_text=True) == "planned"
    assert rules.genre("2024年学区工作计划\n一、指导思想", from_text=True) == "planned"


def test_proposal_parts_named_deputies_and_challenges_still_faced():
    # mining pass 46: a proposal's 问题背景 and 解决办法 parts; a named school or bureau told what to
    # do in a leader's speech; challenges still faced
    rules = stage_rules()
    assert rules.section_stage("一、问题背景及分析") == ("problem", "问题背景")
    assert rules.section_stage("二、解决办法 > 1. 加大财政投入") == ("planned", "解决办法")
    assert rules.stage("霍家街小学要充分发挥集团化办学资源优势")[0] == "planned"
    assert rules.stage("但仍面临资源配置不均、教师结构不优等诸多挑战")[0] == "problem"
    assert rules.stage("学校要求教师按时到岗")[0] == "implemented"


def test_a_title_announcing_a_pending_recognition_is_no_plan():
    # dev set d281: the places named were chosen for what they did; 将/拟 elsewhere in a title still announce
    rules = stage_rules()
    assert rules.genre("首批示范名单公示!四川这10地拟入选") == "implemented"
    assert rules.genre("拟命名名单公示:12个学区入选") == "implemented"
    assert rules.genre("成都11个区市县将试点学区制") == "planned"
    assert rules.genre("拟入选名单公示,明年将扩大试点") == "planned"


def test_an_untitled_plan_fragment_is_read_from_its_first_lines():
    # mining pass 56: a page without a title that names a plan's part under a numbered heading,
    # or opens with a numbered item whose wording mandates, is a plan
    rules = stage_rules()
    assert rules.genre("武威2021年新建哪些学校?一、目标任务为进一步扩大城镇教育资源", from_text=True) == "planned"
    assert rules.genre("(一)优化集团布局 1.统筹城区集团化办学。加强布局规划,用3年左右时间将加盟学校办成好学校。"
                       "同时,要综合考虑发展需求", from_text=True) == "planned"
    # not a report on a plan's part, nor numbered items reporting what was done
    assert rules.genre("一、主要任务完成情况 今年以来,我局", from_text=True) == "implemented"
    assert rules.genre("(一)强基建补短板。年内累计改、扩建学校3所,新增学位510个。要加快建设", from_text=True) == "implemented"
    assert rules.genre("1.搭建沟通平台,加强交流合作。2014年11月,北京市教委领导到河北省考察", from_text=True) == "implemented"
    # a title keeps deciding: only first lines are read this way
    assert rules.genre("一、目标任务") == "implemented"


def test_a_document_read_out_in_news_makes_its_paragraph_its_rules():
    # dev set d602: 通知要求各地…。学区设置可采取…。 — the notice's content, planned; but not what the
    # paragraph then reports done (…进行了合并分流) or dates before the page's year
    from types import SimpleNamespace as S

    rules = stage_rules()
    paragraph = [S(text="新华社电 广西壮族自治区人民政府日前下发通知。", paragraph=1, index=0),
                 S(text="通知要求各地将城乡义务教育学校划分为若干个学区。", paragraph=2, index=1),
                 S(text="学区一般以1所优质学校为龙头学校。", paragraph=2, index=2),
                 S(text="已有3个县对学校进行了合并分流。", paragraph=2, index=3),
                 S(text="柳州市于2015年启动学区制试点。", paragraph=2, index=4)]
    leads = rules.directive_leads(paragraph)
    assert leads == {2: 1}
    directed = [s.paragraph in leads and s.index > leads[s.paragraph] for s in paragraph]
    stages = rules.stage_many([s.text for s in paragraph], [""] * 5, "implemented", 2017, directed)
    assert [stage for stage, _ in stages] == ["implemented", "planned", "planned", "implemented", "implemented"]
    # a document's own act reported with 了 opens no list of rules
    assert rules.directive_leads([S(text="《意见》明确了学区的职责。", paragraph=1, index=0)]) == {}


def test_a_demand_given_as_the_basis_of_what_follows_leads_no_directive():
    # blind batch d742-d753 (d746): 按照…会议要求,…成立了领导组 reports what was done after it
    from types import SimpleNamespace as S

    rules = stage_rules()
    assert rules.directive_leads([S(text="按照2003年市局文件和会议要求,试验区成立了结对帮扶工作领导组。",
                                    paragraph=3, index=6)]) == {}
    assert rules.directive_leads([S(text="会议要求,各校要完善结对帮扶制度。", paragraph=3, index=6)]) == {3: 6}
