import csv
import io
import json

import pytest
from click.testing import CliRunner

from eduminer.cli import main
from eduminer.corpus import read
from eduminer.extract import measures

HEADER = ["id", "doc", "category", "label", "dimension", "stage", "region", "region_code", "text", "original", "evidence",
          "start", "end", "section", "sentence", "trigger", "method", "confidence", "quantities"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture()
def expected(reply_doc):
    return [m.to_record() for m in measures([read(reply_doc)], model=None)]


def test_extract_jsonl_to_stdout(reply_doc, expected):
    r = run("extract", reply_doc, "--no-model")
    assert r.exit_code == 0, r.output
    assert r.stdout == "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in expected)
    assert len(expected) >= 8


def test_extract_default_model_jsonl(reply_doc):
    r = run("extract", reply_doc)
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows == [m.to_record() for m in measures([read(reply_doc)])]
    assert {row["method"] for row in rows} <= {"rule", "model", "rule+model"}


def test_extract_csv_has_bom_and_header(reply_doc, expected, tmp_path):
    out = tmp_path / "m.csv"
    r = run("extract", reply_doc, "--no-model", "--format", "csv", "-o", out)
    assert r.exit_code == 0 and r.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(HEADER).encode() + b"\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["category"] for row in rows] == [rec["category"] for rec in expected]
    assert [row["region"] for row in rows] == [rec["region"] for rec in expected]


def test_extract_tsv_json_md_table(reply_doc, expected):
    tsv = run("extract", reply_doc, "--no-model", "--format", "tsv").stdout.splitlines()
    assert tsv[0] == "\t".join(HEADER) and len(tsv) == len(expected) + 1
    assert json.loads(run("extract", reply_doc, "--no-model", "--format", "json").stdout) == expected
    md = run("extract", reply_doc, "--no-model", "--format", "md").stdout.splitlines()
    assert md[0] == "| " + " | ".join(HEADER) + " |" and len(md) == len(expected) + 2
    table = run("extract", reply_doc, "--no-model", "--format", "table").stdout.splitlines()
    assert table[0].split() == HEADER and len(table) == len(expected) + 2


def test_extract_xlsx(reply_doc, expected, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "m.xlsx"
    assert run("extract", reply_doc, "--no-model", "--format", "xlsx", "-o", out).exit_code == 0
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and len(rows) == len(expected) + 1
    assert [row[2] for row in rows[1:]] == [rec["category"] for rec in expected]
    r = run("extract", reply_doc, "--format", "xlsx")
    assert r.exit_code == 2 and "--format xlsx needs -o FILE" in r.output


def test_unreadable_file_is_reported_and_the_batch_goes_on(reply_doc, expected, tmp_path):
    missing = tmp_path / "missing.txt"
    r = run("extract", missing, reply_doc, "--no-model")
    assert r.exit_code == 1
    assert r.stderr == (f"Error: [E002] {missing}: no such file or directory. "
                        "Check the path, or quote names with spaces.\n")
    assert len(r.stdout.splitlines()) == len(expected)


def test_bad_taxonomy_stops_before_extraction(reply_doc, tmp_path):
    bad = tmp_path / "tax.yaml"
    bad.write_text("name: x\ncategories:\n  - id: model.a\n    cues: ['(学区']\n", encoding="utf-8")
    r = run("extract", reply_doc, "--taxonomy", bad)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.startswith(f"Error: [E102] {bad}: the taxonomy has errors; extraction not started:")
    assert f"{bad}:4:" in r.stderr


def test_model_options_exclude_each_other(reply_doc, tmp_path):
    r = run("extract", reply_doc, "--no-model", "--model", tmp_path / "m.npz")
    assert r.exit_code == 2 and "--model and --no-model exclude each other" in r.output
    r = run("extract", reply_doc, "--model", tmp_path / "m.npz")
    assert r.exit_code == 1
    assert r.stderr == (f"Error: [E103] {tmp_path / 'm.npz'}: cannot load model: no such file. "
                        "Retrain it with `eduminer taxonomy train`.\n")


def test_eval_and_train_round_trip(reply_doc, tmp_path):
    gold = tmp_path / "gold.jsonl"
    items = [
        {"doc": "reply.txt", "category": "resources.dedicated_funding", "stage": "implemented",
         "region": "重庆市/南岸区", "evidence": "区财政设立集团化办学专项经费"},
        {"doc": "reply.txt", "category": "governance.structure", "stage": "implemented",
         "region": "重庆市/渝中区", "evidence": "渝中区成立集团化办学工作领导小组"},
        {"doc": "reply.txt", "category": "personnel.county_managed", "stage": "planned",
         "region": "重庆市", "evidence": "统筹调配学区内师资"},
    ]
    gold.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    r = run("eval", "--gold", gold, reply_doc, "--no-model", "--format", "json")
    assert r.exit_code == 0, r.output
    overall = json.loads(r.stdout)[0]
    assert overall["category"] == "ALL" and overall["gold"] == 3
    assert overall["tp"] == 3 and overall["stage_acc"] == 1.0 and overall["region_acc"] == 1.0

    model = tmp_path / "mine.npz"
    r = run("taxonomy", "train", gold, "--docs", tmp_path, "-o", model, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert (summary["documents"], summary["annotations"], summary["model"]) == (1, 3, str(model))
    r = run("extract", reply_doc, "--model", model)
    assert r.exit_code == 0
    assert {"resources.dedicated_funding", "governance.structure"} <= {json.loads(x)["category"]
                                                                        for x in r.stdout.splitlines()}


def test_train_errors(tmp_path):
    ann = tmp_path / "a.jsonl"
    ann.write_text('{"doc": "x.txt", "category": "model.group_schooling"}\n', encoding="utf-8")
    r = run("taxonomy", "train", ann, "--docs", tmp_path, "-o", tmp_path / "m.npz")
    assert r.exit_code == 1, (r.stdout, r.stderr, r.output)
    assert isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.output == (f"Error: [E152] {ann}:1: missing evidence. "
                        "Each annotation needs doc, category and evidence.\n")
    assert run("taxonomy", "train", ann, "-o", tmp_path / "m.npz").exit_code == 2


def test_render_writes_a_page(reply_doc, tmp_path):
    page = tmp_path / "page.html"
    r = run("render", reply_doc, "-o", page, "--no-model")
    assert r.exit_code == 0
    n = len({(m.sentence, m.category) for m in measures([read(reply_doc)], model=None)})
    assert r.stderr == f"{page}: {n} measures highlighted\n"
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("resources.dedicated_funding") >= 1
    assert "<title>重庆市教育委员会关于集团化办学工作的复函</title>" in html
