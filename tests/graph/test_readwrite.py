import csv
import json
import re
import warnings

import networkx as nx
import pytest

from eduminer.errors import OutputError
from eduminer.graph import cooccurrence_graph, graph_html, write_graph
from eduminer.graph.draw import cjk_font_name, draw_heatmap, font_path, missing_glyphs
from tests.graph.conftest import A, B, C


@pytest.fixture
def G(rows):
    return cooccurrence_graph(rows, weight="jaccard", taxonomy=False)


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_gexf_graphml_round_trip(G, tmp_path, fmt, reader):
    path = tmp_path / f"g.{fmt}"
    write_graph(G, path)
    H = reader(path)
    assert sorted(H.nodes) == sorted(G.nodes)
    assert H.nodes[B]["label"] == "教师交流轮岗"
    assert H.nodes[B]["frequency"] == G.nodes[B]["frequency"]
    assert H.edges[A, B]["count"] == 2
    assert H.edges[A, B]["weight"] == pytest.approx(G.edges[A, B]["jaccard"])


def test_json_node_link(G, tmp_path):
    path = tmp_path / "g.json"
    write_graph(G, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    H = nx.node_link_graph(data, edges="edges")
    assert sorted(H.edges) == sorted(G.edges)
    assert {n["id"]: n["label"] for n in data["nodes"]}[C] == "联合教研"


def test_csv_edge_list(G, tmp_path):
    path = tmp_path / "g.csv"
    write_graph(G, path)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 3
    assert set(table[0]) >= {"source", "target", "source_label", "target_label", "weight", "count", "npmi"}
    assert {(r["source"], r["target"]) for r in table} == set(G.edges)


def test_html_is_self_contained(G, tmp_path):
    path = tmp_path / "g.html"
    write_graph(G, path)
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)\s*=\s*[\"']?https?://", html)
    payload = re.search(r"const DATA = (.*?);\n", html).group(1)
    data = json.loads(payload)
    assert len(data["nodes"]) == 3 and len(data["edges"]) == 3
    assert all(-1.0001 <= n["x"] <= 1.0001 for n in data["nodes"])


def test_html_escapes_script_end(G):
    G.nodes[A]["label"] = "</script><b>"
    assert "</script><b>" not in graph_html(G)


def test_unknown_format_and_stream(G, tmp_path):
    with pytest.raises(OutputError, match=r"\[E402\]"):
        write_graph(G, tmp_path / "g.dot")
    import io

    with pytest.raises(OutputError, match=r"\[E401\]"):
        write_graph(G, io.StringIO(), "png")


def test_font_covers_labels_and_seed_regions():
    labels = ["学区制/学区化管理", "教师交流轮岗", "县管校聘/统一调配", "名校带动 \"1+N\"", "党建引领",
              "广西壮族自治区/贵港市/港北区", "重庆市/沙坪坝区", "渝中区", "九龙坡区", "潍城区", "宁河区", "普陀区"]
    assert missing_glyphs(labels) == ""
    assert missing_glyphs(["𠀀"]) == "𠀀"  # a check that can fail
    assert font_path().stat().st_size < 3_000_000
    assert (font_path().parent / "LICENSE-wqy-microhei.txt").exists()


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_pictures_render_chinese_without_missing_glyphs(G, tmp_path, fmt):
    path = tmp_path / f"g.{fmt}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_graph(G, path, color_by="community")
    assert not [w for w in caught if "missing from" in str(w.message)]
    head = path.read_bytes()[:8]
    assert head.startswith(b"\x89PNG") if fmt == "png" else b"<?xml" in head
    from matplotlib import font_manager

    used = font_manager.findfont(font_manager.FontProperties(family=cjk_font_name()))
    assert used == str(font_path())


def test_default_font_would_miss_glyphs(tmp_path):
    # guards the test above: without the shipped font matplotlib does warn
    from matplotlib.figure import Figure

    fig = Figure()
    fig.text(0.1, 0.5, "教师交流轮岗", family="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(tmp_path / "x.png")
    assert any("missing from" in str(w.message) for w in caught)


def test_heatmap(tmp_path, rows):
    from eduminer.graph import chi2_residuals, region_matrix

    path = tmp_path / "h.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw_heatmap(chi2_residuals(region_matrix(rows, level="county", taxonomy=False)), path)
    assert not [w for w in caught if "missing from" in str(w.message)]
    assert path.read_bytes().startswith(b"\x89PNG")
