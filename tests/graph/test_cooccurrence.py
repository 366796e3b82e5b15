import math

import networkx as nx
import pytest

from eduminer.errors import SelectionError
from eduminer.graph import add_structure, cooccurrence_graph, edge_weights
from tests.graph.conftest import A, B, C


def build(rows, **kw):
    kw.setdefault("taxonomy", False)
    return cooccurrence_graph(rows, **kw)


# hand counts per unit (see conftest): N, n_A, n_B, n_C, n_AB, n_AC, n_BC
HAND = {
    "sentence": (6, 3, 4, 4, 2, 2, 2),
    "paragraph": (5, 2, 4, 4, 2, 2, 3),
    "section": (4, 2, 3, 4, 2, 2, 3),
    "document": (3, 2, 3, 3, 2, 2, 3),
}


@pytest.mark.parametrize("unit", list(HAND))
def test_unit_counts_match_hand_counts(rows, unit):
    n, na, nb, nc, nab, nac, nbc = HAND[unit]
    G = build(rows, unit=unit)
    assert G.graph["n_units"] == n
    assert [G.nodes[x]["frequency"] for x in (A, B, C)] == [na, nb, nc]
    assert [G.edges[x]["count"] for x in ((A, B), (A, C), (B, C))] == [nab, nac, nbc]


def test_sentence_weights_by_hand(rows):
    G = build(rows, unit="sentence", weight="ochiai")
    ab, bc = G.edges[A, B], G.edges[B, C]
    assert ab["jaccard"] == pytest.approx(2 / (3 + 4 - 2))
    assert ab["dice"] == pytest.approx(2 * 2 / (3 + 4))
    assert ab["ochiai"] == pytest.approx(2 / math.sqrt(3 * 4))
    assert ab["weight"] == ab["ochiai"]
    # p_ab = 2/6 = p_a * p_b = 3/6 * 4/6: independent, NPMI 0
    assert ab["npmi"] == pytest.approx(0.0, abs=1e-12)
    assert bc["npmi"] == pytest.approx(math.log((2 / 6) / ((4 / 6) * (4 / 6))) / -math.log(2 / 6))
    assert bc["npmi"] < 0


def test_document_npmi_is_one_when_pair_in_every_unit(rows):
    G = build(rows, unit="document", weight="npmi")
    assert G.edges[B, C]["npmi"] == 1.0  # B and C in all three documents
    assert G.edges[B, C]["weight"] == 1.0


def test_edge_weights_npmi_extremes():
    assert edge_weights(0, 2, 2, 10)["npmi"] == -1.0
    assert edge_weights(3, 3, 3, 10)["npmi"] == pytest.approx(math.log(10 / 3) / math.log(10 / 3))


def test_min_node_count_drops_rare_nodes(rows):
    G = build(rows, min_node_count=4)  # A occurs in 3 sentences only
    assert sorted(G.nodes) == [B, C]
    assert list(G.edges) == [(B, C)]


def test_min_weight_and_min_count(rows):
    G = build(rows, weight="jaccard", min_weight=0.4)  # BC jaccard 2/6
    assert sorted(G.edges) == [(A, B), (A, C)]
    G = build(rows, unit="document", min_count=3)
    assert sorted(G.edges) == [(B, C)]


def test_top_n_global_vs_per_region(rows):
    G = build(rows, top=1, level="county")
    assert list(G.edges) == [(A, B)]  # all counts tie at 2; ties break by name
    G = build(rows, top=1, level="county", group_by="region")
    assert sorted(G.edges) == [(A, B), (B, C)]  # 渝中区 keeps its only edge
    assert G.edges[B, C]["groups"] == "重庆市/渝中区"
    assert G.edges[A, B]["groups"] == "天津市/宁河区|重庆市/南岸区"
    assert G.edges[B, C]["count"] == 2  # attributes stay the overall figures


def test_region_selection_and_rollup(rows):
    G = build(rows, regions=["重庆市"], level="county")
    assert G.graph["n_units"] == 3  # d2 s0, d2 s5, d3 s0
    assert G.edges[B, C]["count"] == 2


def test_trigger_nodes(rows):
    G = build(rows, nodes="trigger")
    assert sorted(G.nodes) == ["学区", "教师", "联合"]
    assert G.nodes["教师"]["category"] == B
    assert G.nodes["教师"]["dimension"] == "personnel"


def test_attributes_are_plain_and_complete(rows):
    G = build(rows)
    for _, data in G.nodes(data=True):
        assert {"label", "label_en", "dimension", "instrument", "frequency", "degree", "weighted_degree",
                "betweenness", "eigenvector", "community"} <= set(data)
        assert all(type(v) in (str, int, float) for v in data.values())
    for *_, data in G.edges(data=True):
        assert set(data) == {"weight", "count", "jaccard", "dice", "ochiai", "npmi"}
        assert all(type(v) in (str, int, float) for v in data.values())
    assert G.nodes[A]["label"] == "学区制/学区化管理"


def test_default_taxonomy_adds_english_labels(rows):
    from eduminer.graph.cooccurrence import default_taxonomy

    if default_taxonomy() is None:
        pytest.skip("the taxonomy stage cannot load its default taxonomy yet")
    G = cooccurrence_graph(rows)
    assert G.nodes[B]["label_en"]
    assert G.nodes[B]["dimension_label"]


def test_structure_on_known_graphs():
    G = nx.Graph()
    G.add_edge("a", "b", weight=1.0, count=1)
    G.add_edge("b", "c", weight=1.0, count=1)
    G.add_node("z")
    add_structure(G)
    assert G.nodes["b"]["betweenness"] == pytest.approx(1 / 3)  # 1 of 3 pairs among 4 nodes: 2/((n-1)(n-2))
    assert G.nodes["b"]["degree"] == 2 and G.nodes["b"]["weighted_degree"] == 2.0
    assert G.nodes["z"]["eigenvector"] == 0.0
    assert G.nodes["b"]["eigenvector"] > G.nodes["a"]["eigenvector"] > 0
    # two triangles joined by a bridge: two communities
    H = nx.Graph()
    for x, y in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")]:
        H.add_edge(x, y, weight=1.0, count=1)
    H.add_edge("c", "x", weight=0.1, count=1)
    add_structure(H)
    assert H.nodes["a"]["community"] == H.nodes["b"]["community"] == H.nodes["c"]["community"]
    assert H.nodes["x"]["community"] != H.nodes["a"]["community"]


def test_negative_npmi_uses_count_for_structure(rows):
    G = build(rows, weight="npmi")
    assert G.graph["structure_weight"] == "count"


def test_eigenvector_falls_back_to_zero(monkeypatch):
    def fail(*args, **kwargs):
        raise nx.PowerIterationFailedConvergence(10)

    monkeypatch.setattr(nx, "eigenvector_centrality", fail)
    G = nx.Graph()
    G.add_edge("a", "b", weight=1.0, count=1)
    add_structure(G)
    assert G.nodes["a"]["eigenvector"] == 0.0


def test_empty_selection_and_no_edges(rows):
    with pytest.raises(SelectionError, match=r"\[E301\]"):
        build([])
    with pytest.raises(SelectionError, match=r"\[E302\].*Lower --min-count"):
        build(rows, min_count=5)
    G = build(rows, min_count=5, allow_empty=True)
    assert G.number_of_edges() == 0 and G.number_of_nodes() == 3


def test_unknown_region_suggests(rows):
    with pytest.raises(SelectionError, match=r"\[E305\] no region '南岸'.*Did you mean: 南岸区"):
        build(rows, regions=["南岸"], level="county")


def test_bad_choices_are_selection_errors(rows):
    with pytest.raises(SelectionError, match=r"\[E304\] 'sentense' is not a valid unit. Did you mean: sentence"):
        build(rows, unit="sentense")
    with pytest.raises(SelectionError, match=r"'cosine' is not a valid weight"):
        build(rows, weight="cosine")


def test_measure_objects_work_like_dicts(rows):
    from eduminer.extract.model import Measure

    objs = [Measure(doc=r["doc"], category=r["category"], label=r["label"], text="", start=0, end=0,
                    original="", section=r["section"], trigger=r["trigger"], method="rule", confidence=1.0,
                    stage="implemented", region=r["region"], sentence=r["sentence"]) for r in rows]
    assert sorted(build(objs).edges(data="count")) == sorted(build(rows).edges(data="count"))
