"""The cue-rule language and the matcher."""

import random
from itertools import accumulate

import pytest

from eduminer.errors import DataFileError
from eduminer.taxonomy.model import Category, Taxonomy
from eduminer.taxonomy.rules import (
    And, Near, Not, Or, Regex, RuleMatcher, RuleSyntaxError, Term, parse_rule, required_literals,
)


def matcher(*cats):
    return RuleMatcher(Taxonomy("t", "1", "t.yaml", tuple(cats)))


def fired(rule_matcher, text):
    return [(h.category, h.start, h.end) for h in rule_matcher.match(text)]


def one(cue, *exclusions):
    return matcher(Category("x.y", "x", cues=(cue,), exclusions=exclusions))


# --- parsing --------------------------------------------------------------------------


@pytest.mark.parametrize("cue", ["1+N", "1+X+N", "名校+", "编制到县/学区", "{a}", "1+x-y*z"])
def test_plain_cues_are_literal(cue):
    assert parse_rule(cue) == Term(cue)


def test_precedence_not_over_and_over_or():
    assert parse_rule("A | B & !C") == Or((Term("A"), And((Term("B"), Not(Term("C"))))))
    assert parse_rule("(A | B) & C") == And((Or((Term("A"), Term("B"))), Term("C")))


def test_quoted_term_keeps_operators_and_spaces():
    assert parse_rule('"A & B (x)" | C') == Or((Term("A & B (x)"), Term("C")))


def test_near_and_before_parse_with_default_distance():
    assert parse_rule("near(A|B, C)") == Near(Or((Term("A"), Term("B"))), Term("C"), 10, False)
    assert parse_rule("before(A, C, 3)") == Near(Term("A"), Term("C"), 3, True)


def test_regex_forms():
    assert parse_rule("re:龙头(学校|校)") == Regex("龙头(学校|校)")
    assert parse_rule('re"\\d+个" & 学区') == And((Regex("\\d+个"), Term("学区")))


def test_cues_are_normalized_like_documents():
    assert parse_rule("１＋Ｎ") == Term("1+N")
    assert parse_rule("學區制") == Term("学区制")


@pytest.mark.parametrize("cue, column, fragment", [
    ("A & (B | C", 11, "expected ')'"),
    ("A B", 3, "missing operator"),
    ("!A", 1, "without any of its terms"),
    ("A | !B", 1, "without any of its terms"),
    ("near(A, B, x)", 12, "whole number"),
    ("near(A & B, C)", 1, "arguments must be"),
    ('"abc', 1, "unclosed quote"),
    ("re:(abc", 4, "invalid regular expression"),
    ("re:a*", 4, "matches the empty string"),
    ("A &", 4, "expected a term"),
    ("   ", 1, "empty cue"),
])
def test_syntax_errors_carry_a_column(cue, column, fragment):
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule(cue)
    assert fragment in info.value.message
    assert info.value.column == column
    assert info.value.remedy


def test_required_literals_of_regexes():
    assert required_literals("龙头学校|领军(学校|校长)") == {"龙头学校", "领军"}
    assert required_literals("新建(?!立)") == {"新建"}
    assert required_literals("[0-9]+(个|大)学区") == {"学区"}
    assert required_literals(r"\d+") is None
    assert required_literals("(?i)abc") is None


# --- matching -------------------------------------------------------------------------


def test_literal_plus_forms_match_exactly():
    m = matcher(Category("m.f", "m", cues=("1+N", "1+X+N", "名校+")))
    assert fired(m, "构建1+X+N模式") == [("m.f", 2, 7)]  # longest at the earliest start
    assert fired(m, "实施名校+工程") == [("m.f", 2, 5)]
    assert fired(m, "1N 与 名校 不算") == []


def test_and_or_not():
    m = one("流动 & (教师|师资) & !流动人口")
    assert fired(m, "推动教师合理流动") == [("x.y", 2, 4)]  # the earliest evidence
    assert fired(m, "师资有序流动") == [("x.y", 0, 2)]
    assert fired(m, "流动人口子女与教师") == []
    assert fired(m, "推动资源流动") == []


def test_near_unordered_counts_characters_between():
    m = one("near(强校, 弱校, 3)")
    assert fired(m, "强校带动弱校") == [("x.y", 0, 6)]  # 2 characters between
    assert fired(m, "弱校由强校带") == [("x.y", 0, 5)]  # reversed order is fine
    assert fired(m, "强校一二三四弱校") == []  # 4 between


def test_before_is_ordered():
    m = one("before(名校, 分校, 2)")
    assert fired(m, "名校带分校") == [("x.y", 0, 5)]
    assert fired(m, "分校带名校") == []


def test_regex_term_and_prefilter():
    m = one("re:[0-9一二三四五六七八九十]+(个|大)学区")
    assert fired(m, "全区共设立9个学区") == [("x.y", 5, 9)]
    assert fired(m, "成立八大学区") == [("x.y", 2, 6)]
    assert fired(m, "学区内") == []


def test_unanchored_regex_runs_everywhere():
    m = one(r"re:\d{4}年")
    assert fired(m, "2020年推进") == [("x.y", 0, 5)]


def test_exclusion_vetoes_the_category_in_the_sentence():
    m = matcher(Category("m.t", "m", cues=("托管",), exclusions=("课后托管",)),
                Category("t.a", "t", cues=("课后托管",)))
    assert fired(m, "实行学校托管") == [("m.t", 4, 6)]
    assert fired(m, "开展课后托管服务") == [("t.a", 2, 6)]


def test_several_categories_sorted_by_position():
    m = matcher(Category("a.b", "a", cues=("教师交流",)), Category("c.d", "c", cues=("联合教研",)))
    assert fired(m, "开展联合教研和教师交流") == [("c.d", 2, 6), ("a.b", 7, 11)]


def test_trigger_is_the_cue_as_written():
    m = one("before(名校,   分校, 2)")
    assert m.match("名校带分校")[0].trigger == "before(名校, 分校, 2)"


def test_match_spans_equals_match_per_sentence(seeds_dir):
    from eduminer.taxonomy import load_taxonomy

    m = RuleMatcher(load_taxonomy())
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    bounds = [0] + [i + 1 for i, ch in enumerate(text) if ch in "。；\n"] + [len(text)]
    spans = [(s, e) for s, e in zip(bounds, bounds[1:]) if e > s]
    got = list(m.match_spans(text, spans))
    assert len(got) == len(spans)
    n_hits = 0
    for (s, e), hits in zip(spans, got):
        expected = [(h.category, h.trigger, h.start + s, h.end + s) for h in m.match(text[s:e])]
        assert [(h.category, h.trigger, h.start, h.end) for h in hits] == expected
        n_hits += len(hits)
    assert n_hits > 100


def test_match_spans_handles_unsorted_and_overlapping_spans():
    m = one("教师交流")
    text = "甲教师交流乙。丙教师交流"
    spans = [(7, 12), (0, 7), (0, 4), (2, 12)]
    got = [[(h.start, h.end) for h in hits] for hits in m.match_spans(text, spans)]
    assert got == [[(8, 12)], [(1, 5)], [], [(8, 12)]]


def test_match_spans_random_texts_agree():
    m = matcher(Category("a.b", "a", cues=("near(甲, 乙, 2)", "丙 & !丁", "re:甲+乙")))
    rng = random.Random(7)
    text = "".join(rng.choice("甲乙丙丁。") for _ in range(3000))
    bounds = [0] + [i + 1 for i, ch in enumerate(text) if ch == "。"] + [len(text)]
    spans = list(zip(bounds, bounds[1:]))
    for (s, e), hits in zip(spans, m.match_spans(text, spans)):
        assert [(h.start - s, h.end - s, h.trigger) for h in hits] == \
               [(h.start, h.end, h.trigger) for h in m.match(text[s:e])]


def test_bad_cue_in_a_hand_built_taxonomy_names_file_and_line():
    with pytest.raises(DataFileError) as info:
        matcher(Category("a.b", "a", cues=("A &",), cue_lines=(12,)))
    assert str(info.value).startswith("[E101] t.yaml:12: invalid data: a.b: cue 'A &', column 4:")


# --- the matcher's shortcuts must not change what fires ----------------------------------


def test_required_literal_sets_every_set_and_character_classes():
    from eduminer.taxonomy.rules import required_literal_sets

    assert required_literal_sets("(优质|学校)集群") == [{"优质", "学校"}, {"集群"}]
    assert required_literal_sets("(为|对)集团") == [{"集团"}]
    assert required_literal_sets("(为|对)集团", char_classes=True) == [{"为", "对"}, {"集团"}]
    assert required_literal_sets("[^为对]集团", char_classes=True) == [{"集团"}]
    assert required_literal_sets("(?i)ab") == []
    assert required_literals("(优质|学校)集群") == {"优质", "学校"}  # the first of equals, as before


def test_single_characters_are_searched_only_when_needed():
    m = one("合并 & (学校|校)")
    assert "校" not in m._keys  # wakes no rule: not an automaton key
    assert fired(m, "合并后的校区") == [("x.y", 0, 2)]
    assert fired(m, "校区合并") == [("x.y", 0, 1)]
    assert fired(m, "校区调整") == []
    # every occurrence, overlapping ones too, as the automaton reports them
    m = one("before(甲, 乙乙, 0)")
    assert fired(m, "甲乙乙乙") == [("x.y", 0, 3)]
    assert fired(one("near(乙乙, 丙, 0)"), "乙乙乙丙") == [("x.y", 1, 4)]


def test_regex_literals_gate_the_regex():
    m = one("re:(优质|学校)[^，]{0,2}集群")
    assert fired(m, "组建优质学校集群") == [("x.y", 2, 8)]
    assert fired(m, "优质学校") == []
    assert fired(one("re:(个|大)学区"), "划分三个学区") == [("x.y", 3, 6)]


def test_a_rule_anchored_on_several_keys_fires_once():
    m = matcher(Category("a.b", "a", cues=("near(教师|老师|师资, 交流, 4)",)))
    assert fired(m, "老师与教师交流，师资交流") == [("a.b", 0, 7)]


def test_random_rules_agree_per_span_and_per_sentence():
    letters = "甲乙丙丁戊"
    rng = random.Random(11)

    def term():
        return "".join(rng.choice(letters) for _ in range(rng.choice([1, 2, 2, 3])))

    def cue():
        return rng.choice([
            term(), f"re:{term()}[^。]{{0,2}}({term()}|{term()})", f"{term()} & ({term()}|{term()})",
            f"{term()} & !{term()}", f"near({term()}|{term()}, {term()}, {rng.randrange(4)})",
            f"before({term()}, {term()}|re\"({rng.choice(letters)}|{rng.choice(letters)}){term()}\", 2) & {term()}",
        ])

    for _ in range(40):
        cats = tuple(Category(f"c{i}.x", f"c{i}", cues=tuple(cue() for _ in range(3)),
                              exclusions=(term(), f"re:{term()}{rng.choice(letters)}+"))
                     for i in range(3))
        taxonomy = Taxonomy("t", "1", "t.yaml", cats)
        matcher = RuleMatcher(taxonomy)
        text = "".join(rng.choice(letters + "。") for _ in range(400))
        bounds = [0] + [i + 1 for i, ch in enumerate(text) if ch == "。"] + [len(text)]
        spans = list(zip(bounds, bounds[1:])) * 2
        got = [[(h.category, h.trigger, h.start, h.end) for h in hits] for hits in matcher.match_spans(text, spans)]
        assert got == [[(h.category, h.trigger, h.start + s, h.end + s) for h in matcher.match(text[s:e])]
                       for s, e in spans]


def test_a_regex_whose_first_match_is_empty_gives_its_first_real_span():
    # the matcher takes a regex's first match as its span, unless that match is empty
    # (spans skip those): then the first non-empty one, as finditer lists them
    m = one("re:(?<=甲)乙?")
    assert fired(m, "甲丙甲乙") == [("x.y", 3, 4)]
    assert fired(m, "甲丙") == []
    assert fired(one("near(re\"(?<=甲)乙?\", 丁, 1)"), "甲丙甲乙丁") == [("x.y", 3, 5)]


def test_alternatives_of_many_keys_are_looked_up_among_the_keys_found():
    # near/before sides and alternatives of more than a few keys visit only the keys
    # present (a set intersection): the same best span as visiting each
    taxonomy = Taxonomy("t", "1", "t.yaml", (
        Category("a.b", "a", cues=("near(甲乙|乙丙|丙丁|丁戊|戊甲, 戊戊|丁丁, 2)",)),
        Category("c.d", "c", cues=("甲丁 & (甲乙|乙丙|丙丁|丁戊|戊甲)",))))
    m = RuleMatcher(taxonomy)
    assert fired(m, "丁丁x丙丁甲乙") == [("a.b", 0, 5)]
    assert fired(m, "甲丁丁戊乙丙") == [("c.d", 0, 2), ("a.b", 1, 6)]  # 丁丁…乙丙, not 丁丁戊
    rng = random.Random(2)
    for _ in range(300):
        sentence = "".join(rng.choice("甲乙丙丁戊x") for _ in range(rng.randrange(12)))
        assert [(h.category, h.trigger, h.start, h.end) for h in m.match(sentence)] == \
               _reference_match(taxonomy, sentence), sentence


# --- a plain reference: every rule evaluated on its own, no shortcut -------------------


def _reference_spans(node, sentence):
    """The spans of a rule's evidence in ``sentence``, straight from the definitions
    (None: it does not hold)."""
    import re

    if isinstance(node, Term):
        spans = [(i, i + len(node.text)) for i in range(len(sentence)) if sentence.startswith(node.text, i)]
        return spans or None
    if isinstance(node, Regex):
        return [m.span() for m in re.finditer(node.pattern, sentence) if m.end() > m.start()] or None
    if isinstance(node, Not):
        return None if _reference_spans(node.child, sentence) is not None else []
    if isinstance(node, (And, Or)):
        results = [_reference_spans(c, sentence) for c in node.children]
        if isinstance(node, And) and any(r is None for r in results):
            return None
        if isinstance(node, Or) and all(r is None for r in results):
            return None
        return [span for r in results if r is not None for span in r]
    left, right = _reference_spans(node.left, sentence), _reference_spans(node.right, sentence)
    if left is None or right is None:
        return None
    out = []
    for a0, a1 in left:
        for b0, b1 in right:
            if b0 >= a1:
                if b0 - a1 <= node.distance:
                    out.append((a0, b1))
            elif node.ordered:
                continue
            elif a0 >= b1:
                if a0 - b1 <= node.distance:
                    out.append((b0, a1))
            elif (a0, a1) != (b0, b1):
                out.append((min(a0, b0), max(a1, b1)))
    return out or None


def _reference_match(taxonomy, sentence):
    """(category, trigger, start, end) of each hit, as RuleMatcher.match defines them."""
    rows = []
    for cat in taxonomy.categories:
        best = None
        for order, cue in enumerate(cat.cues):
            tree = parse_rule(cue)
            spans = _reference_spans(tree, sentence)
            if not spans:
                continue
            a, b = min(spans, key=lambda s: (s[0], -s[1]))
            key = (a, not isinstance(tree, Term), a - b, order)
            if best is None or key < best[0]:
                best = (key, " ".join(cue.split()), a, b)
        if best is None or any(_reference_spans(parse_rule(x), sentence) is not None for x in cat.exclusions):
            continue
        rows.append((best[2], cat.id, best[1], best[3]))
    return [(category, cue, a, b) for a, category, cue, b in sorted(rows)]


def _random_taxonomy(rng, letters):
    def term():
        return "".join(rng.choice(letters) for _ in range(rng.choice([1, 2, 2, 3])))

    def alts(n=None):
        return "|".join(term() for _ in range(n or rng.randrange(1, 7)))

    def regex():
        ch = rng.choice
        return ch([
            f"({alts()}){term()}", f"[{ch(letters)}{ch(letters)}]+{term()}", f"{term()}[^。]{{0,2}}({alts()})",
            f"{term()}({ch(letters)})?{term()}", f"{ch(letters)}{{1,3}}{term()}", f"{term()}(?!{ch(letters)})",
            f"({alts(2)})+{term()}", f"{alts()}", f"{term()}[{ch(letters)}{ch(letters)}]{{2,5}}{term()}",
        ])

    def positional():
        return rng.choice([term(), f"{term()}|{term()}", f"{alts()}", f're"{regex()}"'])

    def cue():
        return rng.choice([
            term(), term(), f"re:{regex()}", f"{term()} & ({alts()})", f"{term()} & !{term()}",
            f"near({positional()}, {positional()}, {rng.randrange(5)})",
            f"before({positional()}, {positional()}, {rng.randrange(4)}) & !({alts(2)})",
            f"({term()} | re\"{regex()}\") & !re\"{regex()}\"",
            f"near(near({term()}, {term()}, 1)|{term()}, {alts()}, 3) & {term()}",
        ])

    def exclusion():
        return rng.choice([term(), f"re:{regex()}", f"re:({alts()})", f"{term()} & !{term()}",
                           f're"{regex()}" & !{term()}', f"near({term()}, {alts()}, 2)"])

    cats = tuple(Category(f"c{i}.x", f"c{i}", cues=tuple(cue() for _ in range(rng.randrange(1, 5))),
                          exclusions=tuple(exclusion() for _ in range(rng.randrange(3))))
                 for i in range(rng.randrange(1, 5)))
    return Taxonomy("t", "1", "t.yaml", cats)


@pytest.mark.parametrize("seed", range(6))
def test_random_rules_agree_with_a_plain_reference(seed):
    # the matcher's shortcuts (one automaton, anchors, gates, negated keys, regex
    # literals, exclusions read as phrases, best spans only) must not change a hit
    rng = random.Random(seed)
    letters = "甲乙丙丁戊"
    for _ in range(25):
        taxonomy = _random_taxonomy(rng, letters)
        m = RuleMatcher(taxonomy)
        sentences = ["".join(rng.choice(letters + "。") for _ in range(rng.randrange(0, 40))) for _ in range(30)]
        for sentence in sentences:
            assert [(h.category, h.trigger, h.start, h.end) for h in m.match(sentence)] == \
                   _reference_match(taxonomy, sentence), (taxonomy, sentence)
        text = "".join(sentences)
        bounds = [0] + list(accumulate(map(len, sentences)))
        spans = list(zip(bounds, bounds[1:]))
        got = [[(h.category, h.trigger, h.start - s, h.end - s) for h in hits]
               for (s, _), hits in zip(spans, m.match_spans(text, spans))]
        assert got == [_reference_match(taxonomy, sentence) for sentence in sentences]
