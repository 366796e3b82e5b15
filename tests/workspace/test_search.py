"""search / similar / kwic over a workspace written through the public API."""

import pytest

from eduminer.errors import SelectionError, WorkspaceError
from eduminer.workspace import kwic, search, similar
from eduminer.workspace.search import highlight
from tests.workspace.conftest import keyword_extractor


def test_search_ranks_rotation_measures_from_several_regions(filled_db):
    rows = search("教师交流轮岗", db=filled_db, k=4)
    assert all(r["category"] == "personnel.teacher_rotation" for r in rows[:3])
    assert len({r["region"] for r in rows[:4]}) >= 3
    assert rows == sorted(rows, key=lambda r: -r["score"])
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    assert "【教师交流轮岗】" in rows[0]["highlight"]


def test_traditional_query_gives_the_same_results(filled_db):
    assert search("教師交流輪崗", db=filled_db) == [
        {**r, "highlight": r["highlight"]} for r in search("教师交流轮岗", db=filled_db)]


def test_one_row_per_measure(filled_db):
    ids = [r["id"] for r in search("教师 交流 轮岗 学区 集团", db=filled_db, k=100)]
    assert len(ids) == len(set(ids)) > 5


@pytest.mark.parametrize("query", ['"教师', "教师*", "-教师", "教师 AND OR NEAR", "(教师", "region:教师", "NEAR(教师"])
def test_query_syntax_characters_are_plain_text(filled_db, query):
    assert search(query, db=filled_db, k=3)[0]["highlight"].count("【教师") >= 1


def test_region_filter_takes_prefixes_and_short_names(filled_db):
    for name in ("重庆市", "重庆", "南岸区", "重庆市/南岸区"):
        rows = search("教师", db=filled_db, region=name, k=50)
        assert {r["region"] for r in rows} == {"重庆市/南岸区"}, name
    rows = search("教师", db=filled_db, exclude_region=("港北", "天津市"), k=50)
    assert {r["region"] for r in rows} == {"重庆市/南岸区", "山东省/潍坊市/潍城区"}


def test_category_and_stage_filters(filled_db):
    rows = search("教师", db=filled_db, category="县管校聘", k=50)
    assert {r["category"] for r in rows} == {"personnel.county_managed"}
    rows = search("教师", db=filled_db, category="personnel", stage="problem", k=50)
    assert {(r["doc"], r["stage"]) for r in rows} == {("a.txt", "problem")}


def test_unknown_region_and_category_suggest_stored_values(filled_db):
    with pytest.raises(SelectionError, match=r"\[E204\] unknown region '南岸县'\. Did you mean .*南岸区"):
        search("教师", db=filled_db, region="南岸县")
    with pytest.raises(SelectionError, match=r"unknown category 'personnel\.teacher_rotatoin'\. "
                                             r"Did you mean personnel\.teacher_rotation"):
        search("教师", db=filled_db, category="personnel.teacher_rotatoin")


def test_no_match_is_an_error(filled_db):
    with pytest.raises(SelectionError, match=r"\[E207\] nothing matches '量子计算'"):
        search("量子计算", db=filled_db)
    with pytest.raises(SelectionError, match=r"\[E207\] nothing matches '\*\*\*'"):
        search("***", db=filled_db)


def test_sentence_search(filled_db):
    rows = search("县管校聘", db=filled_db, sentences=True)
    assert [(r["doc"], r["sentence"]) for r in rows] == [("b.txt", 0), ("a.txt", 1)] or \
        [(r["doc"], r["sentence"]) for r in rows] == [("a.txt", 1), ("b.txt", 0)]
    assert all("personnel.county_managed" in r["categories"] for r in rows)


def test_highlight_merges_overlaps():
    assert highlight("县管校聘改革", ["县管", "校聘", "改革"]) == "【县管校聘改革】"
    assert highlight("abc", ["x"]) == "abc"


def test_similar_text_from_the_corpus_excludes_its_region(filled_db):
    rows = similar(text="教师编制到校限制了教师流动", db=filled_db, other_regions=True, extractor=keyword_extractor)
    regions = {r["region"] for r in rows}
    assert "广西壮族自治区/贵港市/港北区" not in regions
    assert rows[0]["category"] in ("personnel.county_managed", "personnel.teacher_rotation")
    assert rows[0]["region"] == "重庆市/南岸区"  # 县管校聘 there
    # grouped by region, ranked inside each group
    for region in regions:
        group = [r for r in rows if r["region"] == region]
        assert [r["rank_in_region"] for r in group] == list(range(1, len(group) + 1))
    firsts = [i for i, r in enumerate(rows) if r["rank_in_region"] == 1]
    assert len(firsts) == len(regions)  # each region appears as one contiguous group


def test_similar_without_other_regions_keeps_the_source_region(filled_db):
    rows = similar(text="教师編制到校限制了教师流動", db=filled_db, extractor=keyword_extractor, k=50)
    assert "广西壮族自治区/贵港市/港北区" in {r["region"] for r in rows}


def test_similar_by_measure_id(filled_db):
    source = search("县管校聘", db=filled_db, region="重庆", category="personnel.county_managed")[0]
    rows = similar(source["id"], db=filled_db, other_regions=True)
    assert source["id"] not in {r["id"] for r in rows}
    assert "重庆市/南岸区" not in {r["region"] for r in rows}
    assert rows[0]["category"] == "personnel.county_managed"
    with pytest.raises(WorkspaceError, match=r"\[E206\] no measure with id 'nope'"):
        similar("nope", db=filled_db)
    with pytest.raises(SelectionError, match=r"\[E208\]"):
        similar(db=filled_db)


def test_kwic_lists_every_occurrence_with_context(filled_db):
    rows = list(kwic("交流轮岗", db=filled_db, width=4))
    assert [(r["doc"], r["left"], r["keyword"], r["right"], r["sentence"]) for r in rows] == [
        ("a.txt", "开展教师", "交流轮岗", ",38名", 2),
        ("b.txt", "推动教师", "交流轮岗", ",每年交", 1),
        ("c.txt", "团内教师", "交流轮岗", "。集团校", 0),
        ("d.txt", "教师跨校", "交流轮岗", ",促进均", 1),
    ]
    assert len(list(kwic("交流輪崗", db=filled_db, region="山东"))) == 1


def test_kwic_without_match_is_an_error(filled_db):
    with pytest.raises(SelectionError, match=r"\[E207\] nothing matches '量子' \(region 重庆\)"):
        kwic("量子", db=filled_db, region="重庆")


def test_read_commands_need_an_existing_workspace(tmp_path):
    for call in (lambda: search("教师", db=tmp_path / "x.db"), lambda: kwic("教师", db=tmp_path / "x.db"),
                 lambda: similar(text="教师", db=tmp_path / "x.db")):
        with pytest.raises(WorkspaceError, match="E203"):
            call()
    assert not (tmp_path / "x.db").exists()
