import json

import networkx as nx
import pytest
from click.testing import CliRunner

from eduminer.cli import _COMPARE_FORMATS, _GRAPH_FORMATS, _GRAPH_UNITS, _GRAPH_WEIGHTS, _LEVELS, main
from tests.graph.conftest import A, B


@pytest.fixture
def cli():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


def test_cli_choices_match_library():
    from eduminer.graph import GRAPH_FORMATS, LEVELS, UNITS, WEIGHTS

    assert (_GRAPH_UNITS, _GRAPH_WEIGHTS, _GRAPH_FORMATS, _LEVELS) == (UNITS, WEIGHTS, GRAPH_FORMATS, LEVELS)
    assert {"table", "csv", "xlsx", "png", "jsonl", "json", "md"} <= set(_COMPARE_FORMATS)


def test_graph_gexf_file(cli, workspace_db, tmp_path):
    out = tmp_path / "g.gexf"
    r = cli("graph", "--db", workspace_db, "--weight", "dice", "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stderr == f"Wrote {out}: 3 nodes, 3 edges (sentence, dice).\n"
    G = nx.read_gexf(out)
    assert G.edges[A, B]["dice"] == pytest.approx(4 / 7)
    assert G.nodes[A]["label"] == "学区制/学区化管理"


def test_graph_paragraphs_come_from_the_database(cli, workspace_db):
    r = cli("graph", "--db", workspace_db, "--unit", "paragraph", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["graph"]["n_units"] == 5
    counts = {(e["source"], e["target"]): e["count"] for e in data["edges"]}
    assert counts[("personnel.teacher_rotation", "teaching.joint_research")] == 3


def test_graph_csv_to_stdout(cli, workspace_db):
    r = cli("graph", "--db", workspace_db, "--format", "csv", "--top", "1", "--level", "county")
    assert r.exit_code == 0
    lines = r.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("source,target,source_label,target_label,weight,count,")
    assert lines[1].startswith(f"{A},{B},学区制/学区化管理,教师交流轮岗,2.0,2,")
    assert len(lines) == 2


@pytest.mark.parametrize("fmt,head", [("graphml", b"<?xml"), ("png", b"\x89PNG"), ("svg", b"<?xml"),
                                      ("html", b"<!DOCTYPE html>")])
def test_graph_other_formats(cli, workspace_db, tmp_path, fmt, head):
    out = tmp_path / f"g.{fmt}"
    r = cli("graph", "--db", workspace_db, "--format", fmt, "--per-region", "--level", "county", "-o", out)
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(head)


def test_graph_errors(cli, workspace_db, tmp_path):
    r = cli("graph", "--db", workspace_db, "--format", "png")
    assert (r.exit_code, r.stderr) == (1, "Error: [E401] cannot write format 'png' to the terminal; pass -o FILE.\n")
    r = cli("graph", "--db", workspace_db, "--region", "南岸", "--level", "county", "--format", "json")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: [E305] no region '南岸' among the 3 regions of the selected measures. "
                               "Did you mean: 南岸区")
    assert "Traceback" not in r.output
    r = cli("graph", "--db", workspace_db, "--min-count", "9", "--format", "json")
    assert r.exit_code == 1 and r.stderr.startswith("Error: [E302] the graph has no edges")
    r = cli("graph", "--db", tmp_path / "none.db", "--format", "json")
    assert r.exit_code == 1 and r.stderr.startswith("Error: [E203]")
    r = cli("graph", "x.txt", "--db", workspace_db)
    assert r.exit_code == 2 and "not both" in r.stderr
    r = cli("graph", "--db", workspace_db, "--unit", "line")
    assert r.exit_code == 2


def test_compare_similarity_table(cli, workspace_db):
    r = cli("compare", "--db", workspace_db, "--level", "county", "--show", "similarity")
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "region_a       region_b       cosine  jaccard  shared\n"
        "-------------  -------------  ------  -------  ------\n"
        "重庆市/南岸区  重庆市/渝中区  0.866   0.6667   2\n"
        "天津市/宁河区  重庆市/南岸区  0.8165  1.0      3\n"
        "天津市/宁河区  重庆市/渝中区  0.7071  0.6667   2\n"
    )


def test_compare_matrix_jsonl_has_residuals(cli, workspace_db):
    from scipy.stats import chi2_contingency

    r = cli("compare", "--db", workspace_db, "--level", "province", "--format", "jsonl")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["region"], x["count"]) for x in rows] == [("天津市", 2), ("天津市", 2), ("天津市", 1),
                                                        ("重庆市", 1), ("重庆市", 2), ("重庆市", 3)]
    stat = chi2_contingency([[2, 2, 1], [1, 2, 3]], correction=False)[0]
    assert sum(x["residual"] ** 2 for x in rows) == pytest.approx(stat)


def test_compare_regions_option(cli, workspace_db):
    r = cli("compare", "--db", workspace_db, "--level", "county", "--regions", "南岸区,渝中区",
            "--show", "wide", "--format", "json")
    assert [x["region"] for x in json.loads(r.stdout)] == ["重庆市/南岸区", "重庆市/渝中区"]


def test_compare_xlsx_and_png(cli, workspace_db, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "c.xlsx"
    r = cli("compare", "--db", workspace_db, "--level", "county", "--format", "xlsx", "-o", out)
    assert r.exit_code == 0, r.output
    assert r.stderr == (f"Wrote {out}: 9 matrix rows, 3 wide rows, 3 similarity rows, 9 distinctive rows.\n")
    wb = load_workbook(out)
    assert wb.sheetnames == ["matrix", "wide", "similarity", "distinctive"]
    assert wb["matrix"]["A2"].value == "天津市/宁河区"
    png = tmp_path / "c.png"
    r = cli("compare", "--db", workspace_db, "--format", "png", "-o", png)
    assert r.exit_code == 0 and png.read_bytes().startswith(b"\x89PNG")
    r = cli("compare", "--db", workspace_db, "--format", "xlsx")
    assert r.exit_code == 2 and "needs -o FILE" in r.stderr


def test_compare_needs_two_regions(cli, workspace_db):
    r = cli("compare", "--db", workspace_db, "--regions", "天津市")
    assert (r.exit_code, r.stderr) == (1, "Error: [E303] a chi-square table needs at least 2 regions; got 1.\n")
