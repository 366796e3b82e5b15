"""`eduminer taxonomy show|validate|lint`: exact output and exit codes."""

import json

from click.testing import CliRunner

from eduminer.cli import main

SMALL = """\
name: small
attributes: [instrument]
categories:
  - id: model
    label: 办学模式
    label_en: Model
  - id: model.flagship_led
    label: 名校带动
    label_en: Flagship-led
    instrument: supply
    cues:
      - 1+N
      - 名校+
"""


def run(*args):
    return CliRunner().invoke(main, list(args))


def small(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_show_jsonl(tmp_path):
    result = run("taxonomy", "show", str(small(tmp_path)), "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows == [
        {"id": "model", "parent": "", "label": "办学模式", "label_en": "Model", "instrument": "",
         "n_cues": 0, "cues": [], "exclude": [], "line": 4},
        {"id": "model.flagship_led", "parent": "model", "label": "名校带动", "label_en": "Flagship-led",
         "instrument": "supply", "n_cues": 2, "cues": ["1+N", "名校+"], "exclude": [], "line": 7},
    ]


def test_show_default_csv_to_file(tmp_path):
    out = tmp_path / "tax.csv"
    result = run("taxonomy", "show", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "id,parent,label,label_en,instrument,n_cues,cues,exclude,line"
    assert len(lines) == 1 + 45
    assert lines[2].startswith("model.group_schooling,model,集团化办学,Education groups,environment,")


def test_show_table(tmp_path):
    result = run("taxonomy", "show", str(small(tmp_path)))
    assert result.exit_code == 0
    assert result.output.splitlines()[3].split() == [
        "model.flagship_led", "model", "名校带动", "Flagship-led", "supply", "2", "1+N;", "名校+", "7"]


def test_validate_ok(tmp_path):
    path = small(tmp_path)
    result = run("taxonomy", "validate", str(path))
    assert result.exit_code == 0
    assert result.output.startswith(f"OK: {path}: 1 dimensions, 1 leaves, 2 cues (version ")


def test_validate_errors_exit_1(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("categories:\n  - id: a.b\n    parent: a\n    cues:\n      - x & (y\n", encoding="utf-8")
    result = run("taxonomy", "validate", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:2: a.b: unknown parent 'a' (define the parent category first, or fix the spelling)\n"
        f"{path}:5: a.b: rule 'x & (y', column 15: expected ')', found end of cue (close the parenthesis)\n"
    )


def test_validate_errors_as_jsonl(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("categories:\n  - id: a\n    cues: []\n", encoding="utf-8")
    result = run("taxonomy", "validate", str(path), "--format", "jsonl")
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "path": str(path), "line": 2, "severity": "error", "message": "a: leaf category has no cues",
        "remedy": "add at least one rule under cues:, or remove the category"}


def test_validate_missing_file(tmp_path):
    result = run("taxonomy", "validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: [E104] {tmp_path / 'nope.yaml'}: no such taxonomy file.")


def test_lint_exit_0_with_warnings(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("categories:\n  - id: a\n    cues: [经费, 专项经费]\n", encoding="utf-8")
    result = run("taxonomy", "lint", str(path))
    assert result.exit_code == 0
    assert f"{path}:3: a: cue '专项经费' is redundant: it contains '经费' (line 3) " \
           "(delete the longer cue, or the shorter one if it is too broad)\n" in result.output
    assert result.output.endswith(" warning(s)\n")


def test_lint_broken_file_exit_1(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("categories: [\n", encoding="utf-8")
    result = run("taxonomy", "lint", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:2: YAML syntax error")


def test_bad_format_is_usage_error():
    result = run("taxonomy", "show", "--format", "pdf")
    assert result.exit_code == 2
