"""Loading and validating taxonomy files: every error names its file and line."""

import textwrap

import pytest

from eduminer.errors import DataFileError
from eduminer.taxonomy import default_taxonomy_path, load_taxonomy, validate

GOOD = """\
name: small
attributes: [instrument]
categories:
  - id: model
    label: 办学模式
  - id: model.flagship_led
    label: 名校带动
    instrument: supply
    cues:
      - 1+N
      - before(名校, 分校, 6)
    exclude:
      - 学区房
  - id: personnel.teacher_rotation
    parent: personnel
    cues: [教师交流]
  - id: personnel
"""


def write(tmp_path, text, name="tax.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_load_good_file_with_lines_and_attributes(tmp_path):
    tax = load_taxonomy(write(tmp_path, GOOD))
    cat = tax.get("model.flagship_led")
    assert cat.parent == "model"  # inferred from the id
    assert cat.cues == ("1+N", "before(名校, 分校, 6)")
    assert cat.cue_lines == (10, 11)
    assert cat.exclusions == ("学区房",)
    assert cat.exclusion_lines == (13,)
    assert cat.attribute("instrument") == "supply"
    assert cat.source_line == 6
    assert [c.id for c in tax.dimensions()] == ["model", "personnel"]
    assert [c.id for c in tax.leaves()] == ["model.flagship_led", "personnel.teacher_rotation"]
    assert len(tax.version) == 12


def test_version_changes_with_content_and_cache_follows_mtime(tmp_path):
    path = write(tmp_path, GOOD)
    first = load_taxonomy(path)
    assert load_taxonomy(path) is first  # cached
    path.write_text(GOOD.replace("教师交流", "交流轮岗"), encoding="utf-8")
    import os
    os.utime(path, ns=(1, 1))  # a different mtime, whatever the clock resolution
    second = load_taxonomy(path)
    assert second.get("personnel.teacher_rotation").cues == ("交流轮岗",)
    assert second.version != first.version


def test_default_path_and_default_load():
    assert default_taxonomy_path().endswith("eduminer/taxonomy/data/default.yaml")
    assert load_taxonomy(None).path == default_taxonomy_path()
    assert validate(default_taxonomy_path()) == []


def problems(tmp_path, text):
    path = write(tmp_path, text)
    return [(p.line, p.message) for p in validate(path)], path


def test_yaml_syntax_error_line(tmp_path):
    found, _ = problems(tmp_path, "name: x\ncategories:\n  - id: a\n   cues: [b]\n")
    assert len(found) == 1
    assert found[0][0] == 4 and found[0][1].startswith("YAML syntax error, column 4")


def test_unknown_parent_duplicate_id_bad_regex_empty_cues(tmp_path):
    found, _ = problems(tmp_path, """\
        name: bad
        categories:
          - id: model
          - id: model.a
            cues: [x]
          - id: model.a
            cues: [y]
          - id: model.b
            parent: modle
            cues: [z]
          - id: model.c
            cues:
              - re:(abc
          - id: model.d
            cues: []
          - id: model.e
            cues:
              - 1+N & (
        """)
    assert found == [
        (6, "duplicate id 'model.a' (first defined at line 4)"),
        (8, "model.b: unknown parent 'modle'"),
        (13, "model.c: rule 're:(abc', column 12: invalid regular expression '(abc': "
             "missing ), unterminated subpattern"),
        (14, "model.d: leaf category has no cues"),
        (18, "model.e: rule '1+N & (', column 16: expected a term, found end of cue"),
    ]


def test_remedies_are_given(tmp_path):
    path = write(tmp_path, "categories:\n  - id: a.b\n    parent: a\n    cues: [x]\n")
    (problem,) = validate(path)
    assert str(problem) == (f"{path}:2: a.b: unknown parent 'a' "
                            "(define the parent category first, or fix the spelling)")


def test_unknown_key_suggests_spelling(tmp_path):
    found, path = problems(tmp_path, "categories:\n  - id: a\n    cuse: [x]\n")
    assert (3, "unknown category key 'cuse'") in found
    (problem,) = [p for p in validate(path) if "cuse" in p.message]
    assert problem.remedy == "did you mean 'cues'?"


def test_undeclared_attribute_is_an_error(tmp_path):
    found, _ = problems(tmp_path, "categories:\n  - id: a\n    instrument: supply\n    cues: [x]\n")
    assert found == [(3, "unknown category key 'instrument'")]


def test_cue_that_is_a_mapping(tmp_path):
    found, _ = problems(tmp_path, "categories:\n  - id: a\n    cues:\n      - 名校: 分校\n")
    assert found[0][0] == 4 and "must be one rule" in found[0][1]


def test_parent_cycle(tmp_path):
    found, _ = problems(tmp_path, """\
        categories:
          - id: a
            parent: b
          - id: b
            parent: a
          - id: c
            parent: a
            cues: [x]
        """)
    # c is in no loop itself, but its parent chain enters one
    assert [line for line, msg in found if "loops" in msg] == [2, 4, 6]


def test_empty_and_non_mapping_files(tmp_path):
    assert problems(tmp_path, "")[0] == [(1, "the file is empty")]
    assert problems(tmp_path, "- a\n- b\n")[0][0][1].startswith("the top level must be a mapping")
    assert problems(tmp_path, "name: x\n")[0] == [(1, "no `categories:` list")]


def test_load_raises_with_every_error(tmp_path):
    path = write(tmp_path, "categories:\n  - id: a.b\n    parent: a\n    cues: []\n")
    with pytest.raises(DataFileError) as info:
        load_taxonomy(path)
    message = str(info.value)
    assert message.startswith("[E102] ")
    assert f"{path}:2: a.b: unknown parent 'a'" in message
    assert f"{path}:2: a.b: leaf category has no cues" in message


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(DataFileError, match=r"\[E104\] .*nope.yaml: no such taxonomy file"):
        load_taxonomy(tmp_path / "nope.yaml")
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes("categories: [学区]".encode("gbk"))
    with pytest.raises(DataFileError, match=r"\[E105\] .*gbk.yaml: cannot read the taxonomy file \(not UTF-8"):
        validate(bad)
