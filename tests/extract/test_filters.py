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
    for text in ("制定《星级学校管理办法》,实行星级评价", "贵港市港北区《强化学区管理 促进均衡发展》"):
        assert f.mask_citations(text) == text


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
        kept, total = kept + len(expected), total + len(doc.sentences)
    assert 0 < kept < total


def test_a_line_too_long_to_name_a_body_skips_the_regex():
    f = sentence_filters()
    body = "黔东南州人民政府办公室"
    assert f.is_boilerplate(body) and f.is_boilerplate("  " + body + "  ")
    assert not f.is_boilerplate("黔东南州" * 10 + "人民政府办公室")  # longer than any body's name
    assert f._org_widest < 60
