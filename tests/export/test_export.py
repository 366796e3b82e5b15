"""export: the measure table, pivots and reports open in the tools they are for."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from eduminer.cli import main
from eduminer.errors import OutputError, SelectionError
from eduminer.export import export, roll_up
from eduminer.workspace.store import Workspace
from tests.workspace.conftest import CORPUS, filled_db  # noqa: F401 -- fixture

N_MEASURES = 11  # keyword_extractor on CORPUS


def test_csv_starts_with_bom_and_has_one_row_per_measure(filled_db, tmp_path):  # noqa: F811
    out = tmp_path / "m.csv"
    assert export(filled_db, "csv", output=out) == {"measures": N_MEASURES}
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,region,category,label,dimension,stage,text,original,quantities,doc,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == N_MEASURES
    first = rows[0]
    assert (first["region"], first["category"], first["title"], first["date"]) == (
        "天津市/宁河区", "model.group_schooling", "c.txt", "2023-11-06")


def test_pivot_counts_and_examples(filled_db, tmp_path):  # noqa: F811
    out = tmp_path / "p.jsonl"
    export(filled_db, "jsonl", output=out, view="pivot")
    cells = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_key = {(c["region"], c["category"]): c for c in cells}
    rotation = by_key[("广西壮族自治区/贵港市/港北区", "personnel.teacher_rotation")]
    assert rotation["count"] == 1 and rotation["example"] == "全区开展教师交流轮岗,38名教师参与轮岗。"
    assert sum(c["count"] for c in cells) == N_MEASURES


def test_matrix_by_category_rolled_up_to_province(filled_db, tmp_path):  # noqa: F811
    out = tmp_path / "m.json"
    export(filled_db, "json", by="category", level="province", output=out, view="matrix")
    rows = json.loads(out.read_text(encoding="utf-8"))
    rotation = next(r for r in rows if r["category"] == "personnel.teacher_rotation")
    assert rotation == {"category": "personnel.teacher_rotation", "天津市": 1, "山东省": 1,
                        "广西壮族自治区": 1, "重庆市": 1, "total": 4}


def test_roll_up_levels():
    assert roll_up("山东省/潍坊市/潍城区", "province") == "山东省"
    assert roll_up("山东省/潍坊市/潍城区", "city") == "山东省/潍坊市"
    assert roll_up("山东省/潍坊市/潍城区", "county") == "山东省/潍坊市/潍城区"
    assert roll_up("重庆市/南岸区", "city") == "重庆市"
    assert roll_up("", "city") == ""


def test_xlsx_has_a_sheet_per_view(filled_db, tmp_path):  # noqa: F811
    from openpyxl import load_workbook

    out = tmp_path / "m.xlsx"
    counts = export(filled_db, "xlsx", by="region", output=out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["measures", "pivot by region", "counts by region", "documents"]
    assert wb["measures"].max_row == N_MEASURES + 1 == counts["measures"] + 1
    assert wb["documents"].max_row == len(CORPUS) + 1
    assert wb["counts by region"].max_row == 4 + 1
    assert wb["measures"].freeze_panes == "A2" and wb["measures"].auto_filter.ref
    assert wb["measures"]["A1"].value == "id"


def test_docx_report_has_summary_table_and_citations(filled_db, tmp_path):  # noqa: F811
    from docx import Document

    out = tmp_path / "r.docx"
    export(filled_db, "docx", output=out)
    report = Document(out)
    table = report.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["地区", "措施数", "主要类别"]
    assert len(table.rows) == 1 + 4
    nanan = next(r for r in table.rows if r.cells[0].text == "重庆市/南岸区")
    assert nanan.cells[1].text == "2"
    texts = [p.text for p in report.paragraphs]
    assert "重庆市/南岸区" in texts
    assert any(t.startswith("推动教师交流轮岗") and "《b.txt》，2021-08-03，教育局" in t for t in texts)
    fonts = report.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"


def test_markdown_has_a_section_per_view(filled_db, tmp_path):  # noqa: F811
    out = tmp_path / "m.md"
    export(filled_db, "md", output=out)
    text = out.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## measures", "## pivot by region", "## counts by region", "## documents"]
    assert "| 重庆市/南岸区 | 县管校聘 | implemented |" in text


def test_bad_requests(filled_db, tmp_path):  # noqa: F811
    with pytest.raises(OutputError, match="E401"):
        export(filled_db, "xlsx")
    with pytest.raises(OutputError, match="E402"):
        export(filled_db, "pdf", output=tmp_path / "x.pdf")
    with pytest.raises(SelectionError, match=r"unknown level 'town'"):
        export(filled_db, "csv", level="town", output=tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
    empty = tmp_path / "empty.db"
    Workspace(empty, create=True).close()
    with pytest.raises(SelectionError, match=r"\[E205\] no measures match the selection \(the workspace"):
        export(empty, "csv", output=tmp_path / "e.csv")


def test_cli_export(filled_db, tmp_path):  # noqa: F811
    runner = CliRunner()
    out = tmp_path / "m.xlsx"
    res = runner.invoke(main, ["export", "--db", str(filled_db), "--format", "xlsx", "-o", str(out)])
    assert res.exit_code == 0
    assert res.stdout == f"Wrote {out}: 11 measures rows, 9 pivot rows, 4 matrix rows, 4 documents rows.\n"
    res = runner.invoke(main, ["export", "--db", str(filled_db), "--format", "docx"])
    assert res.exit_code == 2 and "--format docx needs -o FILE." in res.stderr
    res = runner.invoke(main, ["export", "--db", str(filled_db), "--view", "matrix", "--level", "province"])
    assert res.exit_code == 0
    assert res.stdout.splitlines()[1:] == ["天津市,2,0,0,1,3", "山东省,0,2,0,1,3", "广西壮族自治区,0,1,1,1,3",
                                           "重庆市,0,0,1,1,2"]
