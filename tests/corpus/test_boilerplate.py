"""Page boilerplate goes; the article body stays whole; rule files report file:line."""

from __future__ import annotations

import pytest

from eduminer.corpus.boilerplate import boilerplate_rules, clean_lines
from eduminer.errors import DataFileError

ARTICLE = [
    "关于推进义务教育学区制管理改革的实施意见",
    "为深入推进义务教育优质均衡发展，现就推进学区制管理改革提出如下意见。" * 3,
    "一、主要目标",
    "到2025年，全区义务教育学校全部纳入学区管理，学区内教师交流比例不低于15%。" * 3,
    "二、保障措施",
    "区财政每年安排专项经费，保障学区正常运转，区教育局负责统筹协调各学区工作。" * 3,
]


@pytest.mark.parametrize("line", [
    "您现在的位置: 365备用台湾 >> 教育管理 >> 教育督导 >> 正文",
    "您当前的位置: 首页>政务公开>建议提案办理复函",
    "【字体:大 中 小】【打印】【关闭窗口】",
    "【字体：", "大", "小】", "字号：",
    "贵港市港北区《强化学区管理》         ★★★【字体:",
    "作者:贵港市港北区教育局    文章来源:教育厅    点击数:545    更新时间:2017-2-27",
    "浏览次数：1234",
    "分享到：", "扫一扫在手机打开当前页", "微信", "微博",
    "发表评论】【加入收藏】【告诉好友】【打印此文】【关闭窗口",
    "网友评论:(评论内容只代表网友观点,与本站立场无关!)", "全部评论", "数据载入中,请稍后……",
    "相关焦点", "相关链接", "相关文章", "相关阅读",
    "验证码",
    "京ICP备05004521号", "版权所有：某某市人民政府", "主办单位：某某区教育局", "技术支持：某某科技", "网站标识码1201170001",
    "上一篇：关于开展培训的通知", "下一篇文章:",
    "无障碍 无障碍 简体 | 繁体 长者模式 长者模式",
    "天津市宁河区人民政府 2019年12月3日星期二",
    "[ 索引号 ] 11500000009276804M/2021-00116 [ 发文字号 ]",
    "[ 主题分类 ] 教育 [ 体裁分类 ] 政协提案办理", "[ 发布机构 ] 市教委",
    "[ 成文日期 ] 2021-08-03 [ 发布日期 ] 2021-08-03",
    "文章录入:周周  责任编辑:周美娟", "【来源:海报新闻】", "来源:宁河区教育局 发布时间:2023-11-06 16:27",
    "广告298X245", ">> 专题栏目", "中国政府网 重庆市人民政府网", "\"六稳\"\"六保\"", "线索征集",
    "【來源:海報新聞】",  # traditional script matches the simplified rules
    # a site's tag lines (blind batch d574-d585, d578: the tags named another province more than the page)
    "相关热词搜索:教师交流 安徽 校长 甘肃技工学校 甘肃职业技工学校 兰州技校 兰州技术学校", "延伸阅读:",
])
def test_boilerplate_lines_are_removed(line):
    body, removed = clean_lines(ARTICLE[:2] + [line] + ARTICLE[2:])
    assert body == ARTICLE
    assert removed == 1


def test_body_sentences_mentioning_chrome_words_survive():
    lines = ["各学校要建立家长评论和反馈机制，认真听取家长对学区制改革的意见建议，" * 3,
             "区教育局将在官方微信、微博平台发布学区划分方案，接受社会监督，确保公开透明。" * 3]
    assert clean_lines(lines)[0] == lines


def test_tail_after_related_list_is_cut():
    tail = ["【来源:海报新闻】", "声明:转载此文是出于传递更多信息之目的。", "相关焦点",
            "  • 十大案例 | 推进学区制改革", "    " + "潍城区教体局推进学区制改革推动实现教育共享共治，" * 8,
            "  • 集团化学区制推进教育治理现代化", "    " + "武汉市江岸区中小学全面施行学区制，三大学区内部资源共享，" * 8]
    body, removed = clean_lines(ARTICLE + tail)
    assert body == ARTICLE
    assert removed == len(tail)


def test_a_marker_early_in_the_page_never_cuts_the_body():
    lines = ["相关链接"] + ARTICLE
    assert clean_lines(lines)[0] == ARTICLE


def test_rule_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text("default_max_len: 80\ndrop:\n  - \"ok\"\n  - \"broken(\"\ntail_markers: []\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        boilerplate_rules(str(bad))
    assert str(e.value).startswith(f"[E101] {bad}:4: invalid data: invalid regular expression 'broken('")
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("drop:\n  - \"a\"\n tail_markers: [\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        boilerplate_rules(str(syntax))
    assert str(e.value).startswith(f"[E101] {syntax}:3: invalid data: invalid YAML")


TRICKY_RULES = r"""
default_max_len: 80
drop:
  - "^首页\\s*[>＞»]|[|(]链接|相关(焦点|链接)$|a?打印"
  - {pattern: "^(?i:copyright)|备案", max_len: 40}
  - "(关闭)\\1|^(?:上一篇|下一篇)|^$|[】\\]]$|★{2,}"
tail_markers:
  - "^【?\\s*来源[:：]|发表评论"
"""


@pytest.mark.parametrize("rules_text", [None, TRICKY_RULES])
def test_regrouped_rules_match_exactly_what_the_rules_do_one_by_one(tmp_path, rules_text):
    # the rules are regrouped for speed (anchored alternatives tried once, the others
    # searched); a line must match exactly when some rule, searched on its own, matches
    path = None
    if rules_text is not None:
        path = tmp_path / "rules.yaml"
        path.write_text(rules_text, encoding="utf-8")
    rules = boilerplate_rules(str(path) if path else None)
    from tests.corpus.conftest import BODY, CHROME_TAIL, CHROME_TOP

    lines = ARTICLE + BODY + CHROME_TOP + CHROME_TAIL + [
        "首页 > 政务", "x首页 > 政务", "(链接", "|链接", "相关焦点", "相关焦点新闻", "打印", "印", "COPYRIGHT 2023",
        "xcopyright", "网站备案", "关闭关闭", "关闭", "上一篇：通知", "下一篇", "】", "]", "★", "★★",
        "【 来源：市教委", "来源：", "发表评论", "", "相关链接",
    ]
    for line in lines:
        one_by_one = any(len(line) <= r.max_len and r.pattern.search(line) for r in rules.drop)
        assert rules.is_boilerplate(line) == one_by_one, line
        one_by_one = any(len(line) <= r.max_len and r.pattern.search(line) for r in rules.tail_markers)
        assert rules.is_tail_marker(line) == one_by_one, line


SCAN_RULES = r"""
default_max_len: 80
drop:
  - "^首页\\s*[>＞»]|[|(]链接|相关(焦点|链接)$|a?打印"
  - {pattern: "^(?i:copyright)", max_len: 40}
  - {pattern: "\\b$", max_len: 3}
  - {pattern: "备案|x(?=y)|(?<!q)z$", max_len: 40}
  - "(关闭)\\1"
  - "^(?:上一篇|下一篇)|^$|[】\\]]$|★{2,}|\\Aw|c\\Z|de*|[^e]f|\\bg\\b"
  - {pattern: "您(现在|当前)的?位置|^\\s*\\d+\\s*$", max_len: 160}
tail_markers:
  - "^【?\\s*来源[:：]|发表评论|^t\\s|k$"
tail_min_chars: 5
"""


def _clean_line_by_line(lines, rules):
    """clean_lines as it was written first: every rule tested on every short line."""
    from eduminer.corpus.boilerplate import _SPACE
    from eduminer.corpus.normalize import to_simplified

    stripped = [s for s in (line.strip(_SPACE) for line in lines) if s]
    short = [i for i, s in enumerate(stripped) if len(s) <= rules.max_len]
    simplified = list(stripped)
    converted = to_simplified("\n".join(stripped[i] for i in short)).split("\n")
    if len(converted) == len(short):
        for i, s in zip(short, converted):
            simplified[i] = s
    lengths = [len(s) for s in simplified]
    cut = len(stripped)
    total = sum(map(len, stripped)) or 1
    for i in (i for i, s in enumerate(simplified) if rules.is_tail_marker(s)):
        seen = sum(lengths[:i])
        if seen / total >= rules.tail_min_position or (
                seen >= rules.tail_min_chars and _list_like(stripped[i + 1:])):
            cut = i
            break
    body = [stripped[i] for i in range(cut) if not rules.is_boilerplate(simplified[i])]
    return body, len(stripped) - len(body)


def _list_like(lines):
    from eduminer.corpus.boilerplate import _list_like as list_like

    return list_like(lines)


@pytest.mark.parametrize("rules_text", [None, SCAN_RULES])
def test_scanning_the_page_finds_every_line_a_rule_matches(tmp_path, rules_text):
    # clean_lines searches all lines joined at once and tests only the lines hit: it
    # must give what testing every rule on every line gives, whatever the rules use
    import random

    path = None
    if rules_text is not None:
        path = tmp_path / "rules.yaml"
        path.write_text(rules_text, encoding="utf-8")
    rules = boilerplate_rules(str(path) if path else None)
    assert rules._bands is not None  # the rules can be scanned for
    from tests.corpus.conftest import BODY, CHROME_TAIL, CHROME_TOP

    pieces = BODY + CHROME_TOP + CHROME_TAIL + [
        "首页 > 政务", "(链接", "相关焦点", "打印", "COPYRIGHT", "备案", "xy", "qz", "z", "关闭关闭", "上一篇",
        "】", "★★", "w", "c", "d", "ef", "af", " g ", "您现在的位置", "12", "【 来源：", "发表评论", "t x",
        "k", " ", "\t", "學區", "後", "\n", "", "a", "e",
    ]
    from eduminer.corpus.boilerplate import clean_lines_simplified
    from eduminer.corpus.normalize import is_plain

    plain = 0
    rng = random.Random(7)
    for _ in range(1500):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.choice([1, 2, 4, 12])))
                 for _ in range(rng.randint(0, 14))]
        assert clean_lines(lines, rules) == _clean_line_by_line(lines, rules), lines
        # a caller that knows the page plain spares the conversion: the same result
        if is_plain("\n".join(lines)):
            plain += 1
            assert clean_lines_simplified(lines, rules, plain=True) == clean_lines_simplified(lines, rules), lines
    assert plain > 100


def test_required_strings_of_a_rule():
    from eduminer.corpus.boilerplate import _required_strings

    assert _required_strings("您(现在|当前)的?位置") == {"位置"}
    assert _required_strings("(发文机关|发布机构)\\s*[:：]") <= {"发文机关", "发布机构", "文机关", "布机构"}
    assert _required_strings("★{2,}") == {"★"}
    assert _required_strings("[大中小]") == {"大", "中", "小"}
    assert _required_strings("(?i)abc") is None  # case-insensitive: no fixed string
    assert _required_strings("a(?i:bc)") == {"a"}
    assert _required_strings("x*") is None and _required_strings("[^a]b") == {"b"}


def test_a_mirror_site_s_pinyin_is_removed_before_reading(tmp_path):
    from eduminer.corpus import read

    page = tmp_path / "mirror.txt"
    page.write_text("縣域教聯體建設\n各地推動城鄉(xiāng)學校結(jié)對幫扶,組建教(jiào)育集團。\n教育(education)國際化\n",
                    encoding="utf-8")
    doc = read(page)
    assert "推动城乡学校结对帮扶,组建教育集团。" in doc.text
    assert "推動城鄉學校結對幫扶" in doc.original  # the original script keeps its characters, not the pinyin
    assert "教育(education)" in doc.text  # no tone mark: not pinyin
    assert "removed 3 pinyin annotations" in doc.notes
    # offsets still map the normalized text back to the original
    start = doc.text.index("城乡")
    assert doc.original_span(start, start + 2) == "城鄉"
    # …and the pinyin is kept beside the original, to quote a sentence as the page writes it
    sentence = next(s for s in doc.sentences if "结对帮扶" in s.text)
    assert doc.source_span(sentence.start, sentence.end) == "各地推動城鄉(xiāng)學校結(jié)對幫扶,組建教(jiào)育集團。"
    assert doc.source_span(start, start + 2) == "城鄉(xiāng)"


def test_a_measure_quotes_the_page_s_own_words_where_it_annotates_them(tmp_path):
    from eduminer.corpus import read
    from eduminer.extract import measures

    page = tmp_path / "mirror.txt"
    page.write_text("縣域教聯體建設\n各地推動城鄉(xiāng)學校結(jié)對幫扶,組建教(jiào)育集團。\n", encoding="utf-8")
    found = {m.category: m for m in measures([read(page)], model=None)}
    assert found["model.group_schooling"].text == "各地推动城乡学校结对帮扶,组建教育集团。"
    assert found["model.group_schooling"].evidence == "各地推動城鄉(xiāng)學校結(jié)對幫扶,組建教(jiào)育集團。"
    assert found["model.group_schooling"].to_record()["evidence"] == found["model.group_schooling"].evidence
    plain = tmp_path / "plain.txt"
    plain.write_text("各地推动城乡学校结对帮扶,组建教育集团。\n", encoding="utf-8")
    assert {m.evidence for m in measures([read(plain)], model=None)} == {""}  # nothing more than `original`
