import pytest

from eduminer.extract.filters import MASK, sentence_filters


def test_cited_titles_are_masked_keeping_offsets():
    f = sentence_filters()
    text = "按照《市教委关于推进集团化办学的实施方案》《宁河区集团化办学实施意见》,结合我区实际,制定如下方案。"
    masked = f.mask_citations(text)
    assert len(masked) == len(text)
    assert "集团化" not in masked[: masked.index(",")]
    assert masked.startswith("按照" + MASK)
    assert masked.endswith(",结合我区实际,制定如下方案。")


def test_own_acts_and_titles_stay_visible():
    f = sentence_filters()
    for text in ("制定《星级学校管理办法》,实行星级评价", "贵港市港北区《强化学区管理 促进均衡发展》",
                 # issuing a document is the issuer's own act (as seed 000's 制定《…》)
                 "县政府印发《县集团化办学实施方案》", "市教育局制定出台了《名校融校管理办法》"):
        assert f.mask_citations(text) == text


def test_a_title_cited_with_its_issuer_between_verb_and_title_is_masked():
    f = sentence_filters()
    text = "为贯彻落实七里河区委教育工作领导小组《七里河区集团化办学实施方案》文件精神,近日,各小学教育集团正式启动"
    title = "《七里河区集团化办学实施方案》"
    assert f.mask_citations(text) == text.replace(title, MASK * len(title))
    assert f.mask_citations("按照省教育厅的《实施方案》要求") == "按照省教育厅的" + MASK * 6 + "要求"
    # a body and its own document, with no citing verb before them, stay visible
    assert f.mask_citations("市教育局印发《集团化办学实施方案》") == "市教育局印发《集团化办学实施方案》"


def test_boilerplate_and_short_lines():
    f = sentence_filters()
    assert f.is_boilerplate("发布时间:2023-11-06 16:27")
    assert not f.is_boilerplate("全区共设立了9个学区。")
    assert f.too_short("附件1")
    assert not f.too_short("设立学区")


def test_lines_naming_only_an_issuing_body_are_skipped():
    f = sentence_filters()
    for line in ("山东省人民政府教育督导委员会", "黔东南州人民政府办公室", "重庆市教育委员会"):
        assert f.is_boilerplate(line), line
    # a line that sets a body up, or a heading, is a measure
    for line in ("成立学区管理委员会", "(三)设立学区管理办公室", "区教育局成立集团化办学领导小组办公室",
                 "教育督导委员会要加强对集团化办学的督导"):
        assert not f.is_boilerplate(line), line


def test_worth_coding_is_the_per_sentence_tests_at_once(seeds_dir):
    from eduminer.corpus import read

    f = sentence_filters()
    kept = total = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = read(path)
        masked = f.mask_citations(doc.text)
        expected = [i for i, s in enumerate(doc.sentences)
                    if not f.too_short(masked[s.start:s.end]) and not f.is_boilerplate(s.text)]
        assert f.worth_coding(doc.sentences, masked) == expected
        assert f.worth_coding_spans(doc.sentences, masked) == \
               (expected, [(doc.sentences[i].start, doc.sentences[i].end) for i in expected])
        kept, total = kept + len(expected), total + len(doc.sentences)
    assert 0 < kept < total


def test_masking_around_each_title_mark_finds_what_the_pattern_finds(seeds_dir):
    # mask_citations tries the pattern only a few characters before each 《: the same
    # citations as the pattern run over the whole text, overlapping candidates too
    import random

    from eduminer.extract.filters import _masked

    f = sentence_filters()
    assert f._cite_lead == max(map(len, ("贯彻落实", "认真落实", "关于印发"))) + 1  # a verb, then 了/的
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    rng = random.Random(5)
    pieces = ["根据", "了", "的", " ", "\n", "\u3000", "《", "》", "学区", "，", "和", "(附件)", "（一）",
              "印发", "贯彻落实", "落实", "见", "、", "x", "关于印发", "提出的"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    for text in texts:
        assert f.mask_citations(text) == f.cited.sub(_masked, text), text


def test_a_citation_pattern_of_another_form_is_run_over_the_whole_text():
    import re

    from eduminer.extract.filters import SentenceFilters

    f = SentenceFilters(re.compile(r"(见)\s*[《<][^》>]+[》>]"), re.compile("(?!x)x"), 4)
    assert f._cite_lead is None
    assert f.mask_citations("详见<附件>和《方案》") == "详见□□□□和《方案》"


def test_a_line_too_long_to_name_a_body_skips_the_regex():
    f = sentence_filters()
    body = "黔东南州人民政府办公室"
    assert f.is_boilerplate(body) and f.is_boilerplate("  " + body + "  ")
    assert not f.is_boilerplate("黔东南州" * 10 + "人民政府办公室")  # longer than any body's name
    assert f._org_widest < 60


def test_page_fields_with_either_colon_are_boilerplate():
    f = sentence_filters()
    assert f.is_boilerplate("来源：县教育局 作者：张三")
    assert f.is_boilerplate("来源:县教育局")
    assert f.is_boilerplate("【字体：大 中 小】")
    assert not f.is_boilerplate("经费来源于县财政专项")
    # page furniture is 无障碍浏览 / 无障碍模式; 无障碍调配 of teachers is a measure
    assert f.is_boilerplate("无障碍浏览 长者模式")
    assert not f.is_boilerplate("内部管理干部和教师队伍无障碍调配")


@pytest.mark.parametrize("content, line, message", [
    # an unquoted "来源:" in a flow list is a one-key mapping that would never match
    ("cite_verbs: [根据]\n\nboilerplate: [当前位置,\n  来源:, 作者]\n", 4,
     "entry {'来源': None} of 'boilerplate' is not text; quote it (\"来源:\" with a colon must be quoted)"),
    ("boilerplate: [当前位置]\nboilerplate_patterns:\n  - '(unclosed'\n", 3,
     "boilerplate pattern '(unclosed': missing ), unterminated subpattern at position 0. "
     "Fix the regular expression"),
])
def test_a_broken_filters_file_names_file_and_line(tmp_path, content, line, message):
    from eduminer.errors import DataFileError

    path = tmp_path / "filters.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        sentence_filters(str(path))
    assert str(caught.value) == f"[E101] {path}:{line}: invalid data: {message}"


def test_numbered_topic_headings_are_skipped_but_action_headings_kept():
    f = sentence_filters()
    for heading in ("二、学区制改革试点工作成效", "(三)集团组建阶段(2023年8月)", "1.芦台一小教育集团组建办法。",
                    "3.集团管理机制。"):
        assert f.is_boilerplate(heading), heading
    for heading in ("2.建立教师交流机制。", "(三)加大经费保障", "(2)开展章程修订工作", "设立学区管理工作成效考核"):
        assert not f.is_boilerplate(heading), heading


def test_navigation_bars_and_questions_are_skipped():
    f = sentence_filters()
    assert f.is_boilerplate("本站首页 | 机构概况 | 发展规划 | 工作动态 | 政策法规 | 高校章程")
    assert f.is_boilerplate("“学区共同体”是啥概念?")
    assert f.is_boilerplate("学区共同体是什么？ ")
    assert not f.is_boilerplate("全区划分为9个学区，每个学区设立学区管理办公室。")
    assert not f.is_boilerplate("| 1 | 城关学区 |")  # a short table row is not a navigation bar


def test_lists_of_honours_are_skipped():
    f = sentence_filters()
    assert f.is_boilerplate("先后被评为:潍坊市政治关爱之家、潍坊市学习型党组织建设示范点。")
    assert f.is_boilerplate("贵城学区荣获“全市教育工作先进集体”称号")
    # a measure whose sentence ends with an honour is kept
    assert not f.is_boilerplate("全区划分为9个学区，实行学区长负责制，该做法被评为全市改革优秀案例")


def test_shortcuts_of_worth_coding_keep_the_per_sentence_answers():
    # boilerplate searched once over the joined sentences (when it is fixed texts), a
    # body's name tested for its ending before its regex, the CJK count unrolled: the
    # same sentences kept as the tests one by one, for patterns of either kind
    import random
    import re
    from types import SimpleNamespace as S

    from eduminer.extract.filters import SentenceFilters

    default = sentence_filters()
    assert default._boiler_fixed and default._org_tails and "委员会" in default._org_tails
    other = SentenceFilters(default.cited, re.compile(r"来源[:：]\S+|(?i:ab)"), 3,
                            re.compile(r"[\u4e00-\u9fff]{2,12}(?:局|委员会)$"))
    assert not other._boiler_fixed and other._org_tails is None
    assert SentenceFilters(default.cited, re.compile("来源(?i:x)"), 2)._boiler_fixed is False
    rng = random.Random(3)
    pieces = ["来源:", "来源：县局", "发布时间", "AB", "ab", " ", "学区", "管理", "教育局", "委员会", "人民政府",
              "黔东南州", "成立", "x", "1", "。", "的", "办公室", "?", "？", "|", "被评为", "二、", "(3)", "成效",
              "\n"]
    for f in (default, other):
        for _ in range(300):
            texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 8))) for _ in range(rng.randrange(1, 6))]
            bounds = [0]
            for t in texts:
                bounds.append(bounds[-1] + len(t))
            text = "".join(texts)
            sentences = [S(start=a, end=b, text=text[a:b]) for a, b in zip(bounds, bounds[1:])]
            expected = [i for i, s in enumerate(sentences)
                        if not f.too_short(text[s.start:s.end]) and not f.is_boilerplate(s.text)
                        and f.boilerplate.search(s.text) is None
                        and not (len(s.text.strip()) <= f._org_widest and f.org_line.fullmatch(s.text.strip()))
                        and len(re.findall(r"[\u4e00-\u9fff]", s.text)) >= f.min_cjk_chars]
            assert f.worth_coding(iter(sentences), text) == expected, texts


def test_matching_lines_finds_what_a_search_per_line_finds():
    # one search per match over the joined lines (the filters' shortcut) against one search per line
    import random

    from eduminer.extract.filters import _matching_lines

    patterns = [sentence_filters().line_patterns, sentence_filters().boilerplate]
    rng = random.Random(5)
    pieces = ["?", "？", " ", "|", "首页", "被评为", "荣获", "学校", "，", "。", "教育", "\t", "分享到", "x"]
    hits = 0
    for pattern in patterns:
        for _ in range(400):
            texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 7))) for _ in range(rng.randrange(0, 30))]
            expected = {i for i, t in enumerate(texts) if pattern.search(t) is not None}
            assert _matching_lines(pattern, "\n".join(texts), texts) == expected, texts
            hits += len(expected)
    assert hits > 100  # the pieces do make both kinds of lines


def test_the_navigation_bar_pattern_finds_the_lines_of_its_plain_spelling():
    import random
    import re

    shipped = sentence_filters().line_patterns  # holds the fast spelling
    fast = re.compile(r"[^|\n]\|(?:[^|\n]{1,8}\|){3,}")
    assert fast.pattern in shipped.pattern
    plain = re.compile(r"(?:[^|\n]{1,8}\|){4,}")
    rng = random.Random(7)
    pieces = ["|", "|", "|", "|", "首页", "机构概况", "a", " ", "发展规划与改革委员会", "\n", "x"]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 24))) for _ in range(3000)]
    assert [bool(fast.search(t)) for t in lines] == [bool(plain.search(t)) for t in lines]
    assert sum(bool(plain.search(t)) for t in lines) > 30  # both kinds of line occur


@pytest.mark.parametrize("sentence, skipped", [
    ("集团董事长与县教育局签署合作协议。", True),  # a company's news
    ("双方介绍了集团化办学的基本情况和经验。", True),  # a visit report
    ("区领导赴各成员校调研集团化办学。", True),
    ("数据显示，家长对集团化办学的满意率达95%。", True),
    ("区教育局介绍，今年新组建教育集团3个。", False),  # 介绍 without 了: the measure itself
    ("呼和浩特市第一中学分校挂牌！", False),  # a headline's exclamation
    ("关 键 词:一体化管理模式 教育联盟 对口支援", True),  # a keyword line, spaced
    ("中国基层党建网 欢迎您的访问!", True),  # a site's banner
    ("王义清同志任襄阳市第三十三中学教育集团党委书记、校长;", True),  # an appointment notice's line
    ("襄阳市第三十三中学教育集团党委正式成立。", False),
])
def test_visit_reports_company_news_and_survey_figures_are_skipped(sentence, skipped):
    assert sentence_filters().is_boilerplate(sentence) is skipped


def test_the_items_of_a_keyword_list_are_not_coded_but_a_run_on_page_goes_on():
    from eduminer.corpus import read_bytes

    f = sentence_filters()
    listed = read_bytes("【摘要】该省启动城乡结对互动课堂建设。\n【关键词】城乡结对;互动课堂;学校共同体\n正文开始。".encode(),
                        "paper.txt")
    kept = [listed.sentences[i].text for i in f.worth_coding(listed.sentences, f.mask_citations(listed.text))]
    assert "学校共同体" not in kept and "互动课堂;" not in kept
    assert "【摘要】该省启动城乡结对互动课堂建设。" in kept
    # a page that runs on in one paragraph: the sentence after the list is coded again
    run_on = read_bytes("关键词:集团化办学;学区制;全区组建教育集团8个，覆盖全部公办学校。".encode(), "run_on.txt")
    kept = [run_on.sentences[i].text for i in f.worth_coding(run_on.sentences, f.mask_citations(run_on.text))]
    assert kept == ["全区组建教育集团8个，覆盖全部公办学校。"]


def test_filter_patterns_with_look_arounds_flag_the_same_lines_as_one_by_one():
    import re
    from types import SimpleNamespace as S

    from eduminer.extract.filters import SentenceFilters

    parts = (re.compile(r"^(?![^\n]*每月)[^\n]*围绕[^\n]*进行了探讨。$", re.M),  # blind to the next line
             re.compile(r"^[^\n]{0,6}\d(?!\s)", re.M),  # no literal to guard it, could see the next line
             re.compile(r"董事长", re.M))
    f = SentenceFilters(re.compile(r"(?!x)x"), re.compile(r"(?!x)x"), 2,
                        line_patterns=re.compile("|".join(p.pattern for p in parts), re.M), line_parts=parts)
    texts = ["会议围绕集团化办学进行了探讨。", "每月围绕集团化办学进行了探讨。", "第3学区成立", "董事长致辞并讲话。",
             "全区组建教育集团8个。"]
    starts = [0]
    for t in texts[:-1]:
        starts.append(starts[-1] + len(t))
    text = "".join(texts)
    sentences = [S(start=a, end=a + len(t), text=t) for a, t in zip(starts, texts)]
    assert f.worth_coding(sentences, text) == [1, 4]
    assert [i for i, t in enumerate(texts) if not f.is_boilerplate(t)] == [1, 4]  # the same, one by one


def test_a_statement_of_worth_is_skipped_but_not_a_measure_it_follows():
    f = sentence_filters()
    assert f.is_boilerplate("集团化办学是破解择校热、推进均衡发展的重要举措。")
    assert f.is_boilerplate("这一幕,是容县教育系统推动名师资源下沉乡村的生动实践。")
    # a report of the measure, then its worth (这是…的又一重要举措): the measure stays
    assert not f.is_boilerplate("9月29日,霞飞路中学正式加入回民初级中学教育集团,这是管城区推动义务教育优质均衡发展的又一重要举措。")
    # a history closing its sentence is skipped, not one that goes on to the measures in place
    assert f.is_boilerplate("公办学校集团化办学自1999年始于杭州,至今已走过20年的发展历程。")
    assert f.is_boilerplate("自1994年中央第三次西藏工作座谈会以来,北京对口援藏工作已走过30年的光辉历程。")
    assert not f.is_boilerplate("海淀区已走过40年的学区管理历程,现有的12个学区,管理着全区30个街道和乡镇的118所小学。")
    # a reform's aim by its name, and a reform called a vehicle, are no measures; a measure then its worth is
    assert f.is_boilerplate("广信区“城乡教师轮岗制”的实施,旨在打破城乡教育壁垒,实现教育资源互补。")
    assert f.is_boilerplate("城乡中小学教师研修共同体是推进城乡师资均衡发展,实现教育均衡发展的重要载体。")
    assert not f.is_boilerplate("2021年,全区组建了12个教育集团,是推进均衡发展的重要载体。")
    # a chain of worths opened by the reform's name (blind batch d466-d477, d474), whatever follows it
    assert f.is_boilerplate("义务教育学区制管理改革是促进县域内学校间互相帮扶的重要手段,是扩大优质资源覆盖面的有效途径,"
                            "是统筹推进城乡义务教育一体化改革发展的重要内容和关键环节。")
    assert not f.is_boilerplate("全市划分9个学区,是促进均衡的重要手段,是扩大优质资源覆盖面的有效途径,目前已覆盖120所学校。")
    # a quoted name defined after a comma; not a measure followed by its purpose
    assert f.is_boilerplate("据了解,“5G+专递课堂”,就是利用5G技术服务于远程互动教学。")
    assert not f.is_boilerplate("全县开通“专递课堂”,就是要让农村孩子上好课。")
    # a notice's closing arrangements: whom to call, what to hand in by when
    assert f.is_boilerplate("3. 教师交流过程中,如有问题,请及时与组织人事科联系。")
    assert f.is_boilerplate("请各校于8月31日前将《教师交流人员花名册》电子稿发至邮箱。")
    assert not f.is_boilerplate("请各校组织教师认真学习交流轮岗政策。")


def test_a_title_after_a_document_number_in_small_brackets_is_masked():
    # ﹝﹞ (U+FE5D/FE5E) as some sites write 国办发﹝2018﹞27号
    masked = sentence_filters().mask_citations("按照国办发﹝2018﹞27号《关于推进集团化办学的意见》要求,成立集团。")
    assert masked == "按照国办发﹝2018﹞27号" + MASK * 14 + "要求,成立集团。"


def test_an_image_file_name_is_boilerplate():
    f = sentence_filters()
    assert f.is_boilerplate("县中托管协议 (1).jpg")
    assert f.is_boilerplate("集团成立仪式现场.PNG")
    assert not f.is_boilerplate("县中托管协议正式签订。")
