"""Shared fixtures: a small rule extractor and hand-made documents in several regions.

The storage tests use ``keyword_extractor`` (a real, if tiny, extractor with the
``eduminer.extract.measures`` signature) so that they do not depend on the
extraction stage's quality; the acceptance tests at the end use the real one.
"""

from __future__ import annotations

import importlib

import pytest

from eduminer.corpus.model import Document, Sentence
from eduminer.extract.model import Measure
from eduminer.taxonomy.model import Category, Taxonomy
from eduminer.workspace.store import FileInfo, Workspace

CUES = {
    "轮岗": ("personnel.teacher_rotation", "教师交流轮岗"),
    "交流": ("personnel.teacher_rotation", "教师交流轮岗"),
    "县管校聘": ("personnel.county_managed", "县管校聘"),
    "学区": ("model.school_district", "学区制"),
    "集团": ("model.group_schooling", "集团化办学"),
}


def keyword_extractor(documents, taxonomy=None):
    """One measure per (sentence, category) whose cue occurs in the sentence."""
    extra = dict(taxonomy.categories[0].attributes) if taxonomy is not None and taxonomy.categories else {}
    cues = {**CUES, **{k: tuple(v.split("|")) for k, v in extra.items()}}
    for doc in documents:
        for s in doc.sentences:
            done = set()
            for cue, (category, label) in cues.items():
                if cue in s.text and category not in done:
                    done.add(category)
                    yield Measure(doc=doc.doc, category=category, label=label, text=s.text, start=s.start,
                                  end=s.end, original=doc.original_span(s.start, s.end), section=s.section,
                                  trigger=cue, method="rule", confidence=1.0,
                                  stage="problem" if "不足" in s.text or "限制" in s.text else "implemented",
                                  region=doc.region, sentence=s.index, dimension=category.split(".")[0])


def taxonomy(version: str = "v1", **extra_cues: str) -> Taxonomy:
    cat = Category(id="personnel", label="人事", attributes=tuple(extra_cues.items()))
    return Taxonomy(name="test", version=version, path="test.yaml", categories=(cat,))


def make_document(doc_id: str, region: str, sentences: list[str], date: str = "2021-01-01",
                  title: str = "") -> Document:
    text, sents = "", []
    for i, s in enumerate(sentences):
        sents.append(Sentence(doc_id, i, len(text), len(text) + len(s), s, section="一、做法"))
        text += s
    return Document(doc=doc_id, path=f"/corpus/{doc_id}", format="txt", encoding="utf-8", sha256=doc_id * 2,
                    original=text, text=text, offsets=tuple(range(len(text) + 1)), title=title or doc_id,
                    date=date, issuer="教育局", region=region, sentences=tuple(sents))


CORPUS = [
    ("a.txt", "广西壮族自治区/贵港市/港北区", "2017-02-27", [
        "港北区推行学区制管理,共设立了9个学区。",
        "教师编制到校限制了教师流动,县管校聘改革推进缓慢。",
        "全区开展教师交流轮岗,38名教师参与轮岗。"]),
    ("b.txt", "重庆市/南岸区", "2021-08-03", [
        "南岸区推进县管校聘管理改革,教师由区统一管理。",
        "推动教师交流轮岗,每年交流比例不低于10%。"]),
    ("c.txt", "天津市/宁河区", "2023-11-06", [
        "芦台一小组建教育集团,集团内教师交流轮岗。",
        "集团校统一课程。"]),
    ("d.txt", "山东省/潍坊市/潍城区", "2020-12-25", [
        "潍城区实行一校长多学校学区制改革。",
        "学区内教师跨校交流轮岗,促进均衡。"]),
]


@pytest.fixture()
def filled_db(tmp_path):
    """A workspace holding CORPUS, written through the public Workspace API."""
    path = tmp_path / "w.db"
    with Workspace(path, create=True) as ws:
        for doc_id, region, date, sentences in CORPUS:
            doc = make_document(doc_id, region, sentences, date)
            ws.add_document(doc, keyword_extractor([doc]), FileInfo(path=f"/corpus/{doc_id}"), "v1")
    return path


def real_extractor_available() -> bool:
    try:
        module = importlib.import_module("eduminer.extract")
        importlib.import_module("eduminer.taxonomy").load_taxonomy  # noqa: B018
    except (ImportError, AttributeError):
        return False
    return hasattr(module, "measures")
