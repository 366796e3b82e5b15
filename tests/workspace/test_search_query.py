"""Query segmentation and query categories from the user cache (issue #6: fast `search`).

On a real workspace built from the seeds: the small per-query segmenter gives the
tokens of the full rjieba dictionary (the index's), the taxonomy index gives the
categories of the whole taxonomy, and `search` returns exactly what the full path
(no cache: rjieba's dictionary and the parsed taxonomy) returns.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eduminer.errors import DataFileError, SelectionError
from eduminer.taxonomy import RuleMatcher, load_taxonomy
from eduminer.workspace import cues, run, search, segment
from eduminer.workspace.text import match_expression, normalize, tokens
from tests.workspace.conftest import real_extractor_available

pytestmark = pytest.mark.skipif(not real_extractor_available(), reason="eduminer.extract.measures not there yet")

ROOT = Path(__file__).resolve().parents[2]
SEARCHES = ["教师交流轮岗", "教師交流輪崗", "县管校聘", "縣管校聘", "集团化办学", "学区制改革", "名校带动",
            "优质教育资源", "1+N", '"1+N" OR 学区*', "NEAR(教师", "-校长 AND 交流", "AT&T B超 c#", "量子计算"]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """A fresh user cache for this module (built once by the first query)."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("EDUMINER_CACHE_DIR")
    os.environ["EDUMINER_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["EDUMINER_CACHE_DIR"]
    else:
        os.environ["EDUMINER_CACHE_DIR"] = before


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir, cache_dir):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    summary = run([seeds_dir], db=db)
    assert summary.documents == 5 and summary.measures > 100
    return db


@pytest.fixture(scope="module")
def queries(seeds_db):
    """Every fourth stored sentence, 300 substrings of the stored texts (1-12 characters,
    some in traditional script), the taxonomy's labels, and query syntax."""
    import opencc

    with sqlite3.connect(seeds_db) as conn:
        sentences = [r[0] for r in conn.execute("SELECT text FROM sentences ORDER BY id")]
        texts = [r[0] for r in conn.execute("SELECT text FROM documents ORDER BY doc")]
    rng = random.Random(6)
    pieces = []
    for _ in range(300):
        text = rng.choice(texts)
        length = rng.randint(1, 12)
        start = rng.randrange(len(text) - length)
        pieces.append(text[start:start + length])
    s2t = opencc.OpenCC("s2t")
    labels = [c.label for c in load_taxonomy().categories if c.label]
    return sentences[::4] + pieces + [s2t.convert(p) for p in pieces[:60]] + labels + SEARCHES


def test_query_tokens_are_the_index_tokens(queries):
    assert segment._dictionary() is not None  # the small segmenter is in use, not the fallback
    assert [q for q in queries if segment.query_tokens(q) != tokens(q)] == []
    assert [q for q in queries if segment.match_expression_of(segment.query_tokens(q)) != match_expression(q)] == []


def test_known_segmentations():
    assert segment.query_tokens("教師交流輪崗") == ["教师", "交流", "轮岗"]
    assert segment.query_tokens("县管校聘") == ["县管", "校聘"]
    assert segment.query_tokens("集团化办学") == ["集团", "集团化", "办学"]  # search mode keeps sub-words
    assert segment.query_tokens("  ") == [] and segment.match_expression_of([]) == ""


def test_query_words_meet_the_stored_index_tokens(seeds_db):
    # every sentence whose stored tokens hold a query word is found, and only those
    with sqlite3.connect(seeds_db) as conn:
        stored = {(doc, idx): set(toks.split()) for doc, idx, toks in conn.execute(
            "SELECT s.doc, s.idx, f.tokens FROM sentences s JOIN sentence_fts f ON f.rowid = s.id")}
    for query in ("县管校聘", "教師交流輪崗", "学区长"):
        words = set(segment.query_tokens(query))
        expected = {key for key, toks in stored.items() if toks & words}
        found = {(r["doc"], r["sentence"]) for r in search(query, db=seeds_db, k=10_000, sentences=True)}
        assert found == expected and expected, query


def test_search_gives_what_the_full_dictionary_and_taxonomy_give(seeds_db, tmp_path, monkeypatch):
    def results():
        out = {}
        for q in SEARCHES:
            for options in ({"k": 20}, {"k": 20, "sentences": True}, {"k": 5, "diversify": False},
                            {"k": 10, "region": "广西"}):
                try:
                    out[q, json.dumps(options)] = search(q, db=seeds_db, **options)
                except SelectionError as e:
                    out[q, json.dumps(options)] = str(e)
        return out

    fast = results()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("EDUMINER_CACHE_DIR", str(blocked))  # no cache: rjieba's dictionary, whole taxonomy
    assert segment._dictionary() is None
    assert results() == fast
    assert sum(isinstance(v, list) and len(v) > 0 for v in fast.values()) > 40


def test_traditional_queries_give_identical_output(seeds_db):
    for simplified, traditional in (("教师交流轮岗", "教師交流輪崗"), ("县管校聘", "縣管校聘"), ("集团化办学", "集團化辦學")):
        assert search(traditional, db=seeds_db, k=20) == search(simplified, db=seeds_db, k=20)
        assert search(traditional, db=seeds_db, sentences=True) == search(simplified, db=seeds_db, sentences=True)


def test_query_categories_match_the_whole_taxonomy(queries):
    matcher = RuleMatcher(load_taxonomy())
    wrong = [q for q in queries if cues.query_categories(q) != {h.category for h in matcher.match(normalize(q))}]
    assert wrong == []
    assert cues.query_categories("教師交流輪崗") == {"personnel.teacher_rotation"}


TAXONOMY = """\
name: tiny
categories:
  - id: personnel
    label: 人事
  - id: personnel.rotation
    label: 轮岗
    cues:
      - 交流 & (教师|校长) & !交流会
      - near(校长, 轮岗, 4)
  - id: personnel.numbers
    label: 数字
    cues:
      - 're:\\d+名教师'
  - id: personnel.count
    label: 人数
    cues:
      - 're:[0-9]+人'
"""


def test_a_custom_taxonomy_is_indexed_by_its_content(tmp_path, cache_dir):
    path = tmp_path / "tiny.yaml"
    path.write_text(TAXONOMY, encoding="utf-8")
    for query in ("教师交流", "教师交流会", "校长定期轮岗", "38名教师参与", "共100人", "交流", "量子"):
        full = {h.category for h in RuleMatcher(load_taxonomy(path)).match(normalize(query))}
        assert cues.query_categories(query, path) == full, query
    assert cues.query_categories("共100人", path) == {"personnel.count"}  # a regex without a literal
    path.write_text(TAXONOMY.replace("!交流会", "!交流"), encoding="utf-8")
    assert cues.query_categories("教师交流", path) == set()  # edited file: a new index
    assert len(list(cache_dir.glob("cues-*.json"))) >= 3  # default taxonomy + both versions


def test_the_default_taxonomy_is_found_without_importing_the_package():
    from eduminer.taxonomy import default_taxonomy_path

    assert cues._taxonomy_file(None) == Path(default_taxonomy_path()).resolve()


def test_a_broken_taxonomy_is_reported_and_not_cached(tmp_path, cache_dir):
    path = tmp_path / "broken.yaml"
    path.write_text(TAXONOMY.replace("near(校长, 轮岗, 4)", "near(校长, 轮岗"), encoding="utf-8")
    before = set(cache_dir.glob("cues-*.json"))
    with pytest.raises(DataFileError, match="E10"):
        cues.query_categories("教师交流", path)
    assert set(cache_dir.glob("cues-*.json")) == before
    with pytest.raises(DataFileError, match="E104"):
        cues.query_categories("教师交流", tmp_path / "missing.yaml")


def test_a_dictionary_that_does_not_verify_is_not_used(tmp_path, monkeypatch):
    # a dictionary other than rjieba's (here: three words) must not segment queries
    fake = tmp_path / "dict.txt"
    fake.write_text("教师 100 n\n交流 50 v\n轮岗 20 v\n", encoding="utf-8")
    monkeypatch.setenv("EDUMINER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(segment, "_jieba_dict_path", lambda: fake)
    assert segment._dictionary() is None
    [built] = (tmp_path / "cache").glob("jieba-dict-*.sqlite")
    with sqlite3.connect(built) as conn:
        assert dict(conn.execute("SELECT key, value FROM meta"))["verified"] == "0"
    assert segment.query_tokens("教師交流輪崗") == tokens("教師交流輪崗")  # through the full dictionary


def test_search_in_a_fresh_process_loads_neither_dictionary_nor_taxonomy_yaml(seeds_db, cache_dir):
    # the caches as `eduminer run` leaves them (this module's other searches build them too, but
    # the test must not depend on running after them)
    from eduminer.workspace.search import prepare_queries

    prepare_queries()
    script = f"""
import sys
from eduminer.workspace import search
rows = search("教师交流轮岗", db={str(seeds_db)!r}, k=3)
assert rows and rows[0]["category"] == "personnel.teacher_rotation", rows
from eduminer.taxonomy import loader
print("rjieba" in sys.modules, "yaml" in sys.modules, loader._load_cached.cache_info().currsize)
import rjieba  # after the compiled module was loaded on its own: reused, not initialized twice
from eduminer.workspace import segment
print(rjieba.cut_for_search("县管校聘"), rjieba.Jieba is segment._jieba_class())
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "EDUMINER_CACHE_DIR": str(cache_dir)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["False False 0", "['县管', '校聘'] True"]


@pytest.mark.parametrize("module", ["cache", "segment", "cues"])
def test_docstring_examples(module, cache_dir):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"eduminer.workspace.{module}"))
    assert result.attempted > 0 and result.failed == 0
