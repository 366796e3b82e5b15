"""The real pipeline on the seed corpus (skipped until the extractor exists)."""

import networkx as nx
import pytest
from scipy.stats import chi2_contingency

SEED_REGIONS = {"山东省/潍坊市/潍城区", "广西壮族自治区/贵港市/港北区", "天津市/宁河区", "上海市/普陀区", "重庆市"}


@pytest.fixture(scope="module")
def seed_measures(seeds_dir):
    extract = pytest.importorskip("eduminer.extract")
    if not hasattr(extract, "measures"):
        pytest.skip("eduminer.extract.measures is not there yet")
    from eduminer.graph import measures_from_paths

    return list(measures_from_paths([seeds_dir]))


def test_seed_graph_exports_round_trip(seed_measures, tmp_path):
    from eduminer.graph import cooccurrence_graph, write_graph

    G = cooccurrence_graph(seed_measures, unit="paragraph", weight="npmi")
    assert G.number_of_edges() > 10
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        write_graph(G, tmp_path / f"s.{fmt}")
        H = reader(tmp_path / f"s.{fmt}")
        assert {n: d["label"] for n, d in H.nodes(data=True)} == {n: d["label"] for n, d in G.nodes(data=True)}


def test_seed_region_matrix(seed_measures):
    from eduminer.graph import chi2_residuals, region_matrix

    m = region_matrix(seed_measures, level="city")
    assert {"山东省/潍坊市", "广西壮族自治区/贵港市", "天津市", "上海市", "重庆市"} <= set(m.regions)
    county = region_matrix(seed_measures, level="county")
    assert SEED_REGIONS <= set(county.regions)
    assert any(r.startswith("重庆市/") for r in county.regions)
    rows = chi2_residuals(county)
    stat = chi2_contingency(county.counts, correction=False)[0]
    assert sum(r["residual"] ** 2 for r in rows) == pytest.approx(stat)
