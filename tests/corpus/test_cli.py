"""`eduminer inspect`: exact records, formats, -o FILE, errors and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eduminer.cli import main

DOC = "上海市普陀区教育局关于推进学区化办学的通知\n发布日期：2022年10月11日\n推进紧密型学区建设，实行教师交流轮岗。"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_inspect_jsonl_record(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(DOC, encoding="utf-8")
    result = run("inspect", path, "--no-text")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    record = json.loads(result.stdout)
    assert {k: record[k] for k in ("doc", "format", "encoding", "title", "date", "issuer", "region", "region_code",
                                   "script", "n_sections", "n_sentences")} == {
        "doc": "notice.txt", "format": "txt", "encoding": "utf-8",
        "title": "上海市普陀区教育局关于推进学区化办学的通知", "date": "2022-10-11", "issuer": "上海市普陀区教育局",
        "region": "上海市/普陀区", "region_code": "310107", "script": "simplified", "n_sections": 0, "n_sentences": 2,  # the 发布日期 line is metadata, not text
    }
    assert "text" not in record


def test_inspect_csv_to_file_with_text(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(DOC, encoding="utf-8")
    out = tmp_path / "docs.csv"
    result = run("inspect", path, "--format", "csv", "-o", out)
    assert (result.exit_code, result.stdout) == (0, "")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "doc,format,encoding,title,date,issuer,doc_number,region,region_code,script,n_sections,n_sentences,sha256,path,text"
    assert lines[1].startswith("notice.txt,txt,utf-8,上海市普陀区教育局关于推进学区化办学的通知,2022-10-11,上海市普陀区教育局,,上海市/普陀区,310107,")


def test_inspect_reports_failures_and_goes_on(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(DOC, encoding="utf-8")
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "nope.txt"
    result = run("inspect", tmp_path, missing, "--no-text", "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["a.txt"]
    assert result.stderr.splitlines() == [
        f"Error: [E008] {empty}: the file is empty.",
        f"Error: [E002] {missing}: no such file or directory. Check the path, or quote names with spaces.",
    ]


def test_inspect_bad_usage_exit_2():
    assert run("inspect").exit_code == 2
    assert run("inspect", "x.txt", "--format", "yaml").exit_code == 2
