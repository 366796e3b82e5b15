"""Hand-made measures for the graph tests: three documents, three categories.

Sentence units (doc, sentence) -> categories, with A/B/C the ids below:
  (d1,0) A B   (d1,1) A C   (d1,2) B      -- 天津市/宁河区
  (d2,0) A B C (d2,5) C                   -- 重庆市/南岸区
  (d3,0) B C                              -- 重庆市/渝中区
Paragraphs: d1 s0,s1 -> p0, s2 -> p1; d2 s0 -> p0, s5 -> p2; d3 s0 -> p0.
Sections:   d1 all in S1; d2 s0 -> S1, s5 -> S2; d3 s0 -> S1.
"""

import pytest

A, B, C = "model.school_district", "personnel.teacher_rotation", "teaching.joint_research"
LABELS = {A: "学区制/学区化管理", B: "教师交流轮岗", C: "联合教研"}
REGIONS = {"d1.txt": "天津市/宁河区", "d2.txt": "重庆市/南岸区", "d3.txt": "重庆市/渝中区"}
LAYOUT = [  # doc, sentence, paragraph, section, categories
    ("d1.txt", 0, 0, "S1", (A, B)),
    ("d1.txt", 1, 0, "S1", (A, C)),
    ("d1.txt", 2, 1, "S1", (B,)),
    ("d2.txt", 0, 0, "S1", (A, B, C)),
    ("d2.txt", 5, 2, "S2", (C,)),
    ("d3.txt", 0, 0, "S1", (B, C)),
]


def make_rows():
    rows = []
    for doc, sentence, paragraph, section, cats in LAYOUT:
        for cat in cats:
            rows.append({"doc": doc, "sentence": sentence, "paragraph": paragraph, "section": section,
                         "category": cat, "label": LABELS[cat], "dimension": cat.split(".")[0],
                         "region": REGIONS[doc], "trigger": LABELS[cat][:2], "stage": "implemented"})
    return rows


@pytest.fixture
def rows():
    return make_rows()


@pytest.fixture(scope="session")
def workspace_db(tmp_path_factory):
    """A real workspace database holding the hand-made documents and measures."""
    from eduminer.corpus.model import Document, Sentence
    from eduminer.extract.model import Measure
    from eduminer.workspace import FileInfo, Workspace

    path = tmp_path_factory.mktemp("ws") / "graph.db"
    ws = Workspace(path, create=True)
    try:
        for doc_id, region in REGIONS.items():
            layout = [x for x in LAYOUT if x[0] == doc_id]
            sentences = tuple(Sentence(doc_id, s, s * 10, s * 10 + 9, f"句子{s}。", section=sec, paragraph=p)
                              for _, s, p, sec, _ in layout)
            text = "".join(s.text for s in sentences)
            doc = Document(doc=doc_id, path=f"/data/{doc_id}", format="txt", encoding="utf-8", sha256=doc_id,
                           original=text, text=text, region=region, sentences=sentences)
            measures = [Measure(doc=doc_id, category=c, label=LABELS[c], text=f"句子{s}。", start=s * 10,
                                end=s * 10 + 9, original=f"句子{s}。", section=sec, trigger=LABELS[c][:2],
                                method="rule", confidence=1.0, stage="implemented", region=region, sentence=s,
                                dimension=c.split(".")[0])
                        for _, s, _, sec, cats in layout for c in cats]
            ws.add_document(doc, measures, FileInfo(path=f"/data/{doc_id}"))
    finally:
        ws.close()
    return path
