import math

import pytest
from scipy.stats import chi2_contingency, false_discovery_control, fisher_exact

from eduminer.errors import SelectionError
from eduminer.graph import (RegionMatrix, chi2_residuals, contrast_graph, distinctive_measures, log_likelihood,
                            most_similar, region_matrix, region_similarity)
from tests.graph.conftest import A, B, C


def test_region_matrix_counts_and_rates(rows):
    m = region_matrix(rows, level="county", taxonomy=False)
    assert m.regions == ("天津市/宁河区", "重庆市/南岸区", "重庆市/渝中区")
    assert m.categories == (A, B, C)
    assert m.counts == ((2, 2, 1), (1, 1, 2), (0, 1, 1))
    assert m.documents == (1, 1, 1)
    m = region_matrix(rows, level="province", taxonomy=False)
    assert m.regions == ("天津市", "重庆市")
    assert m.counts == ((2, 2, 1), (1, 2, 3))
    assert m.documents == (1, 2)
    rate = {(r["region"], r["category"]): r["rate"] for r in m.to_rows()}
    assert rate["重庆市", C] == 1.5


def test_region_filter_and_unknown_region(rows):
    m = region_matrix(rows, level="county", regions=["渝中区", "天津市"], taxonomy=False)
    assert m.regions == ("天津市/宁河区", "重庆市/渝中区")
    with pytest.raises(SelectionError, match=r"\[E305\].*'渝中'.*Did you mean: 渝中区"):
        region_matrix(rows, level="county", regions=["渝中"], taxonomy=False)
    with pytest.raises(SelectionError, match=r"\[E301\]"):
        region_matrix([], taxonomy=False)


def test_pearson_residuals_square_to_scipy_chi2():
    table = ((12, 5, 0, 3), (2, 9, 4, 1), (7, 7, 6, 10))
    m = RegionMatrix(("r1", "r2", "r3"), ("a", "b", "c", "d"), table, (3, 2, 5))
    rows = chi2_residuals(m)
    stat, _, _, expected = chi2_contingency(table, correction=False)
    assert sum(r["residual"] ** 2 for r in rows) == pytest.approx(stat)
    assert [r["expected"] for r in rows] == pytest.approx(expected.ravel().tolist())
    # adjusted residual of cell (r1, a) by hand: N=66, row 20, col 21
    e = 20 * 21 / 66
    assert rows[0]["adjusted_residual"] == pytest.approx((12 - e) / math.sqrt(e * (1 - 20 / 66) * (1 - 21 / 66)))
    assert rows[0]["rate"] == 4.0


def test_chi2_needs_two_regions():
    m = RegionMatrix(("r1",), ("a", "b"), ((1, 2),), (1,))
    with pytest.raises(SelectionError, match=r"\[E303\] a chi-square table needs at least 2 regions; got 1"):
        chi2_residuals(m)


def test_similarity_by_hand():
    m = RegionMatrix(("A", "B", "C"), ("p", "q", "r"), ((1, 2, 0), (2, 4, 0), (0, 1, 3)), (1, 1, 1))
    sim = {(r["region_a"], r["region_b"]): r for r in region_similarity(m)}
    assert sim["A", "B"]["cosine"] == pytest.approx(1.0)
    assert sim["A", "C"]["cosine"] == pytest.approx(2 / (math.sqrt(5) * math.sqrt(10)))
    assert sim["A", "C"]["jaccard"] == pytest.approx(1 / 3)
    assert [r["similar"] for r in most_similar(m, "C")] == ["A", "B"]  # equal cosine: by name
    assert [r["similar"] for r in most_similar(m, "A", n=1)] == ["B"]
    with pytest.raises(SelectionError, match="Did you mean"):
        most_similar(m, "AA")


def test_log_likelihood_matches_scipy():
    for a, b, na, nb in [(10, 10, 100, 1000), (3, 40, 50, 400), (0, 7, 30, 90)]:
        table = [[a, na - a], [b, nb - b]]
        expected = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        assert log_likelihood(a, b, na, nb) == pytest.approx(expected)


def test_distinctive_measures_sign_p_and_effect_sizes():
    m = RegionMatrix(("A", "B", "C"), ("p", "q"), ((18, 2), (5, 15), (5, 15)), (1, 1, 1))
    rows = distinctive_measures(m, "A")
    assert [r["category"] for r in rows] == ["p", "q"]
    p, q = rows
    assert p["direction"] == "over" and p["g2"] > 0 and q["g2"] < 0
    assert p["g2"] == pytest.approx(chi2_contingency([[18, 2], [10, 30]], correction=False,
                                                     lambda_="log-likelihood")[0])
    assert p["log_ratio"] == pytest.approx(math.log2((18 / 20) / (10 / 40)))
    assert p["pct_diff"] == pytest.approx(((18 / 20) - (10 / 40)) / (10 / 40) * 100)
    assert [r["q_value"] for r in rows] == pytest.approx(
        false_discovery_control([r["p_value"] for r in rows], method="bh").tolist())
    everyone = distinctive_measures(m, top=1)
    assert [(r["region"], r["category"]) for r in everyone] == [("A", "p"), ("B", "q"), ("C", "q")]


def test_contrast_graph_fisher_and_bh(rows):
    G = contrast_graph(rows, ["天津市"], ["重庆市"], unit="sentence", taxonomy=False)
    assert (G.graph["units_a"], G.graph["units_b"]) == (3, 3)
    bc = G.edges[B, C]
    assert (bc["count_a"], bc["count_b"]) == (0, 2)
    assert bc["p_value"] == pytest.approx(fisher_exact([[0, 3], [2, 1]])[1])
    ab = G.edges[A, B]
    assert (ab["count_a"], ab["count_b"], ab["p_value"]) == (1, 1, 1.0)
    edges = sorted(G.edges(data=True))
    qs = false_discovery_control([d["p_value"] for *_, d in edges], method="bh")
    assert [d["q_value"] for *_, d in edges] == pytest.approx(qs.tolist())
    assert G.nodes[C]["frequency_a"] == 1 and G.nodes[C]["frequency_b"] == 3


def test_contrast_graph_finds_a_real_difference():
    rows = []
    for i in range(20):  # A: the pair in all 20 sentences; B: never together
        rows += [{"doc": "a", "sentence": i, "category": "x.p", "region": "天津市"},
                 {"doc": "a", "sentence": i, "category": "x.q", "region": "天津市"},
                 {"doc": "b", "sentence": i, "category": "x.p", "region": "上海市"},
                 {"doc": "b", "sentence": 100 + i, "category": "x.q", "region": "上海市"}]
    rows.append({"doc": "b", "sentence": 500, "category": "x.p", "region": "上海市"})
    rows.append({"doc": "b", "sentence": 500, "category": "x.q", "region": "上海市"})
    G = contrast_graph(rows, ["天津市"], ["上海市"], taxonomy=False)
    e = G.edges["x.p", "x.q"]
    assert e["favours"] == "a" and e["q_value"] < 0.001 and e["diff"] == pytest.approx(1 - 1 / 41)


def test_contrast_graph_errors(rows):
    with pytest.raises(SelectionError, match=r"\[E306\].*overlap"):
        contrast_graph(rows, ["重庆市"], ["南岸区"], level="county", taxonomy=False)
    with pytest.raises(SelectionError, match=r"\[E305\].*Did you mean: 天津市"):
        contrast_graph(rows, ["天津"], ["重庆市"], level="province", taxonomy=False)
