from eduminer.corpus.model import Document
from eduminer.corpus.normalize import OffsetMap


def _doc(offsets):
    return Document(doc="a.txt", path="a.txt", format="txt", encoding="utf-8", sha256="",
                    original="學區 制改革", text="学区制改革", offsets=offsets)


def test_original_span_is_to_original_of_its_ends():
    positions = (0, 1, 3, 4, 5, 6)
    for offsets in (positions, OffsetMap.from_positions(positions), ()):
        doc = _doc(offsets)
        for start in range(-3, 9):
            for end in range(-3, 9):
                expected = "" if end <= start else doc.original[doc.to_original(start):doc.to_original(end - 1) + 1]
                assert doc.original_span(start, end) == expected, (offsets, start, end)
    assert _doc(positions).original_span(1, 3) == "區 制"


def test_original_spans_is_original_span_of_each():
    spans = [(start, end) for start in range(-3, 9) for end in range(-3, 9)]
    identity = OffsetMap.from_positions(range(6))
    shifted = OffsetMap.from_positions((0, 1, 3, 4, 5, 6))
    for original, offsets in (("學區 制改革", (0, 1, 3, 4, 5, 6)), ("學區 制改革", shifted), ("學區 制改革", ()),
                              ("學區制改革", identity), ("學區制改革", tuple(range(6)))):
        doc = Document(doc="a.txt", path="a.txt", format="txt", encoding="utf-8", sha256="",
                       original=original, text="学区制改革", offsets=offsets)
        assert doc.original_spans(spans) == [doc.original_span(s, e) for s, e in spans], offsets
    assert doc.original_spans([]) == []
