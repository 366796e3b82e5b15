import io
import json

import pytest
from openpyxl import load_workbook

from eduminer.errors import OutputError
from eduminer.records import display_width, write_records

ROWS = [
    {"doc": "a.txt", "region": "重庆市", "n": 2, "quantities": [{"text": "38名", "value": 38}]},
    {"doc": "b.txt", "region": "上海市/普陀区", "n": 10, "quantities": []},
]


def test_jsonl_one_object_per_line():
    buf = io.StringIO()
    assert write_records(iter(ROWS), "jsonl", buf) == 2
    lines = buf.getvalue().splitlines()
    assert [json.loads(l)["region"] for l in lines] == ["重庆市", "上海市/普陀区"]
    assert "重庆市" in lines[0]  # not \u-escaped


def test_json_array_round_trips():
    buf = io.StringIO()
    write_records(iter(ROWS), "json", buf)
    assert json.loads(buf.getvalue()) == ROWS


def test_json_empty_is_valid():
    buf = io.StringIO()
    assert write_records(iter([]), "json", buf) == 0
    assert json.loads(buf.getvalue()) == []


def test_csv_has_bom_and_crlf(tmp_path):
    out = tmp_path / "m.csv"
    write_records(ROWS, "csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").split("\r\n")[:3] == [
        "doc,region,n,quantities", "a.txt,重庆市,2,38名", "b.txt,上海市/普陀区,10,",
    ]


def test_markdown_table_escapes_pipes():
    buf = io.StringIO()
    write_records([{"a": "x|y", "b": "多\n行"}], "md", buf)
    assert buf.getvalue() == "| a | b |\n| --- | --- |\n| x\\|y | 多<br>行 |\n"


def test_table_aligns_cjk_by_display_width():
    buf = io.StringIO()
    write_records([{"k": "重庆", "v": 1}, {"k": "ab", "v": 22}], "table", buf)
    lines = buf.getvalue().splitlines()
    assert lines == ["k     v", "----  --", "重庆  1", "ab    22"]
    assert display_width("重庆a") == 5


def test_xlsx_sheet_has_frozen_header_and_filter(tmp_path):
    out = tmp_path / "m.xlsx"
    write_records(ROWS, "xlsx", out, sheet="measures")
    ws = load_workbook(out)["measures"]
    assert [c.value for c in ws[1]] == ["doc", "region", "n", "quantities"]
    assert ws["C3"].value == 10 and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D3"


def test_unknown_format_is_an_error():
    with pytest.raises(OutputError, match="E402"):
        write_records(ROWS, "yaml", io.StringIO())


def test_xlsx_to_terminal_is_an_error():
    with pytest.raises(OutputError, match="E401"):
        write_records(ROWS, "xlsx", None)


def test_made_records_equal_the_class_built_ones_and_unplain_classes_are_left_alone():
    import dataclasses

    import pytest

    from eduminer.corpus.model import Section, Sentence
    from eduminer.records import keyword_maker, positional_maker

    args = ("a.txt", 3, 10, 20, "设立9个学区。", "一、做法", 2, False)
    assert positional_maker(Sentence)(*args) == Sentence(*args)
    assert hash(positional_maker(Sentence)(*args)) == hash(Sentence(*args))
    with pytest.raises(dataclasses.FrozenInstanceError):
        positional_maker(Sentence)(*args).index = 4
    with pytest.raises(TypeError):
        positional_maker(Section)("a.txt", 0)  # every field, in order

    @dataclasses.dataclass(frozen=True)
    class Checked:
        value: int

        def __post_init__(self):
            if self.value < 0:
                raise ValueError("negative")

    # a class with a __post_init__ keeps its own constructor, so its checks still run
    assert positional_maker(Checked) is Checked and keyword_maker(Checked) is Checked
