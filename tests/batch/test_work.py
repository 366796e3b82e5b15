"""batch.work.read_chunk: the default extractor codes a chunk's documents together."""

from __future__ import annotations

from pathlib import Path

from eduminer.batch.work import read_chunk
from eduminer.extract.pipeline import Extractor, loaded_extractor
from eduminer.workspace.pipeline import process_file
from eduminer.workspace.store import FileInfo

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


def _items(paths):
    return [(FileInfo.stat(p, SEEDS), p, SEEDS) for p in paths]


def test_a_chunk_coded_together_equals_each_file_coded_alone():
    paths = sorted(SEEDS.glob("*.txt"))
    together = read_chunk(_items(paths), None, records=True)
    assert [o.info.path for o in together] == [FileInfo.stat(p, SEEDS).path for p in paths]
    for outcome, path in zip(together, paths):
        doc, alone = process_file(path, SEEDS, None, lambda docs, tax: loaded_extractor(tax).extract_many(docs))
        assert outcome.ok and outcome.measures == tuple(alone)
        assert dict(outcome.cpu).keys() >= {"read", "extract", "prepare"}


def test_a_document_that_breaks_extraction_fails_alone(monkeypatch, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("关于学区制改革的报告\n全区共设立了九个学区，推进教师交流轮岗。\n", encoding="utf-8")
    unreadable = tmp_path / "empty.txt"
    unreadable.write_bytes(b"")
    good = sorted(SEEDS.glob("*.txt"))[:2]
    original = Extractor.candidates

    def candidates(self, doc):
        if doc.doc.endswith("bad.txt"):
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(Extractor, "candidates", candidates)
    items = _items(good) + [(FileInfo.stat(bad, tmp_path), bad, tmp_path),
                            (FileInfo.stat(unreadable, tmp_path), unreadable, tmp_path)]
    outcomes = read_chunk(items, None)
    assert [o.ok for o in outcomes] == [True, True, False, False]
    assert outcomes[2].failure.code == "E001" and "bad.txt" in outcomes[2].failure.reason
    assert "RuntimeError: boom" in outcomes[2].failure.reason
    assert outcomes[3].failure.code == "E008"
    assert all(o.prepared.measures for o in outcomes[:2])
