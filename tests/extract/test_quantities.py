import pytest

from eduminer.extract.quantities import find_quantities, parse_number


@pytest.mark.parametrize("text, expected", [
    ("全区共有38名校长和402名教师进行了交流轮岗", [("38名", 38, None, "名"), ("402名", 402, None, "名")]),
    ("教师流动比例达到了专任教师总数的10%", [("10%", 10, None, "%")]),
    ("每年划拨专项工作经费50万元", [("50万元", 50, None, "万元")]),
    ("共设立了九个学区", [("九个", 9, None, "个")]),
    ("一般设管理人员6-8人", [("6-8人", 6, 8, "人")]),
    ("每学年至少安排1至2名管理人员进行交流", [("1至2名", 1, 2, "名")]),
    ("全年工作经费实际约共需200多万元", [("200多万元", 200, None, "万元")]),
    ("校级班子、中层任职交流70余人", [("70余人", 70, None, "人")]),
    ("七大要素,划分八大学区", [("七大要素", 7, None, "大要素"), ("八大学区", 8, None, "大学区")]),
    ("探索三种捆绑评价方式", [("三种", 3, None, "种")]),
    ("对标五项“更紧密”建立硬性评价指标", [("五项", 5, None, "项")]),
    ("红色校本实践阵地36处", [("36处", 36, None, "处")]),
    ("累计融资28亿元", [("28亿元", 28, None, "亿元")]),
    ("其中新建项目１２个", [("１２个", 12, None, "个")]),
    ("建成两所九年一贯制学校", [("两所", 2, None, "所")]),
    ("鸠江区组建基础教育10大教育集团", [("10大教育集团", 10, None, "大教育集团")]),
    ("此次学校联盟为期3年", [("3年", 3, None, "年")]),
    ("力争用3至5年时间实现县域内教师交流轮岗", [("3至5年", 3, 5, "年")]),
    ("总投资高达1.5亿资金", [("1.5亿", 150000000, None, "")]),
    ("已投资1240万,征地15亩", [("1240万", 12400000, None, ""), ("15亩", 15, None, "亩")]),
])
def test_quantity_forms(text, expected):
    got = [(q.text, q.value, q.value_max, q.unit) for q in find_quantities(text)]
    assert got == expected


def test_normalized_form_uses_arabic_digits():
    assert [q.normalized for q in find_quantities("共设立了九个学区,一般设6-8人")] == ["9个", "6-8人"]


@pytest.mark.parametrize("text", [
    "2020年11月,区教育局印发通知",  # dates
    "市政协五届四次会议第0968号提案",  # document number, ordinal
    "港北教〔2014〕137号",
    "“十四五”专项规划",
    "联系电话:023-63862211",
    "让每一个孩子有学上",  # 每一个 is a determiner
    "推进一校长多学校改革",
    "第3批示范学区",  # ordinal
    "近3年来,2019年起",  # background and a date, not a term
    "千万不要",  # not money
    "惠及学生80余万人,建筑面积12万方",  # 万 of an unbound unit
])
def test_non_quantities(text):
    assert find_quantities(text) == []


def test_parse_number():
    assert parse_number("二十二") == 22
    assert parse_number("３.５") == 3.5
    assert parse_number("十四五") is None


def test_many_texts_are_matched_each_on_its_own():
    from eduminer.extract.quantities import find_quantities_many

    texts = ["共设立了九个学区,一般设6-8人", "", "共3", "个学区", "第", "3批", "五届", "四次会议", "每", "一个",
             "七大要素", "2020年11月", "１２个"]
    assert find_quantities_many(texts) == [tuple(find_quantities(t)) for t in texts]
    assert find_quantities_many([]) == []


def test_pattern_matches_as_its_plain_spelling():
    # _pattern() spells the number so that the regex engine can skip positions that
    # cannot start one; it must match exactly what the plain spelling (a look-ahead,
    # then _NUMBER) matches: same spans, same groups
    import random
    import re

    from eduminer.extract import quantities as q

    fast = q._pattern()
    head = fast.pattern.index("(?:(?<=[0-9０-９])(?P<mag>")  # what follows the number is spelt the same in both
    plain = re.compile(rf"(?=[0-9０-９{q._CN_DIGITS}])(?P<lo>{q._NUMBER})" + fast.pattern[head:])
    rnd = random.Random(5)
    pieces = list("0123456789０１２３４５６７８９.．零〇一二两三四五六七八九十百千万亿-－~～—–至到多余几 第每学区")
    pieces += list(q.units()) + ["届", "期", "次", "会议"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))) for _ in range(20000)]
    texts += ["全区共有38名校长和402名教师", "3.5万元", "１２.５个", "二十二所", "6-8人", "1至2名", "五届四次会议", "三.五个", "1.5万名", "2万余人", "5万余元", "3万平方米"]

    def found(pattern, text):
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]

    assert [found(fast, t) for t in texts] == [found(plain, t) for t in texts]


def test_digits_scaled_by_wan_and_yi():
    from eduminer.extract.quantities import find_quantities

    found = [(q.text, q.value, q.unit) for q in find_quantities("惠及2万余名学生、1.2万人次，投入5万余元和3亿元，新建3万平方米")]
    assert found == [("2万余名", 20000.0, "名"), ("1.2万人次", 12000.0, "人次"), ("5万余元", 5.0, "万元"),
                     ("3亿元", 3.0, "亿元"), ("3万平方米", 3.0, "万平方米")]
