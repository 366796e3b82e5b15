"""Records of the corpus stage: frozen, small, and cheap to stream.

A ``Document`` keeps two texts:

- ``original``: the clean body (boilerplate removed) in the script it was written in;
- ``text``: the normalized body (simplified script, ASCII digits, unified quotes,
  no zero-width characters), which every later stage works on.

``offsets`` maps each character of ``text`` to its position in ``original``
(``len(offsets) == len(text) + 1``; the last entry is ``len(original)``), so any
span found in the normalized text can be cited in the original script:

>>> d = Document(doc="a.txt", path="a.txt", format="txt", encoding="utf-8", sha256="",
...              original="學區制", text="学区制", offsets=(0, 1, 2, 3))
>>> d.original_span(0, 2)
'學區'
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document; offsets index ``Document.text``."""

    doc: str
    index: int  # position of the sentence in the document, from 0
    start: int
    end: int
    text: str
    section: str = ""  # section path, e.g. "三、存在问题 > （二）学区管理经费不足"
    paragraph: int = 0  # index of the paragraph holding the sentence
    is_heading: bool = False  # a section heading line, not body text


@dataclass(frozen=True)
class Section:
    """A numbered section; ``path`` holds the headings from the top level down."""

    doc: str
    index: int
    level: int  # 1 for 一、, 2 for （一）, 3 for 1., 4 for (1); 0 for 第X条/章
    heading: str
    path: str  # "三、存在问题 > （二）…"
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    doc: str  # id: path relative to the input root (a file name for a single file)
    path: str  # absolute path of the file read
    format: str  # txt | html | docx | pdf
    encoding: str  # detected encoding of the bytes ("utf-8", "gb18030", "big5", …; "binary" for docx/pdf)
    sha256: str  # hash of the raw bytes, for incremental re-runs
    original: str
    text: str
    offsets: tuple[int, ...] = ()
    title: str = ""
    date: str = ""  # ISO 8601 publication date, "" when unknown
    issuer: str = ""
    doc_number: str = ""  # 文号, e.g. 港北教〔2014〕137号
    region: str = ""  # administrative path, e.g. 广西壮族自治区/贵港市/港北区
    region_code: str = ""  # 6-digit code of the most specific unit, e.g. 450802
    script: str = "simplified"  # script of ``original``: simplified | traditional
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what the reader noticed (e.g. "removed 12 boilerplate lines")
    # a mirror site's pinyin removed from ``original`` (城鄉(xiāng)): (where it stood in ``original``,
    # right after the character it annotates; the annotation), for :meth:`source_span`
    annotations: tuple[tuple[int, str], ...] = ()

    def to_original(self, offset: int) -> int:
        """Position in ``original`` of normalized-text position ``offset``."""
        if not self.offsets:
            return offset
        return self.offsets[max(0, min(offset, len(self.offsets) - 1))]

    def original_span(self, start: int, end: int) -> str:
        """The original-script text behind normalized span ``[start, end)``."""
        if end <= start:
            return ""
        # to_original inlined, clamping only out-of-range positions: this runs once per coded sentence
        offsets = self.offsets
        size = len(offsets)
        if not size:
            return self.original[start:end]
        first = start if 0 <= start < size else max(0, min(start, size - 1))
        final = end - 1 if 0 < end <= size else max(0, min(end - 1, size - 1))
        return self.original[offsets[first] : offsets[final] + 1]

    def source_span(self, start: int, end: int) -> str:
        """The original-script text behind normalized span ``[start, end)`` as the source
        page writes it: :meth:`original_span` with the pinyin annotations a mirror site put
        after its characters (:attr:`annotations`) back in place.

        >>> doc = Document(doc="a", path="", format="txt", encoding="", sha256="", original="城鄉教育",
        ...                text="城乡教育", annotations=((2, "(xiāng)"),))
        >>> doc.source_span(0, 4), doc.source_span(2, 4)
        ('城鄉(xiāng)教育', '教育')
        """
        text = self.original_span(start, end)
        if not self.annotations or not text:
            return text
        first = self.to_original(start)
        last = first + len(text)  # an annotation right after the span's last character is its own
        inside = [(pos, note) for pos, note in self.annotations if first < pos <= last]
        for pos, note in reversed(inside):
            text = text[:pos - first] + note + text[pos - first:]
        return text

    def original_spans(self, spans: list[tuple[int, int]]) -> list[str]:
        """:meth:`original_span` of each ``(start, end)`` span, the map read once: most
        documents map each position to itself (their normalization changes characters,
        not lengths), and their spans are then plain slices of ``original``.

        >>> d = Document(doc="a.txt", path="a.txt", format="txt", encoding="utf-8", sha256="",
        ...              original="學區制", text="学区制", offsets=(0, 1, 2, 3))
        >>> d.original_spans([(0, 2), (2, 3), (2, 2)])
        ['學區', '制', '']
        """
        offsets = self.offsets
        size = len(offsets)
        if size and not _is_identity(offsets):
            original_span = self.original_span
            return [original_span(start, end) for start, end in spans]
        original = self.original
        if not size:
            return [original[start:end] if end > start else "" for start, end in spans]
        last = size - 1  # the identity: position p is p in ``original``, clamped as original_span clamps
        return [("" if end <= start else original[start:end] if 0 <= start and end <= size
                 else original[max(0, min(start, last)):max(0, min(end - 1, last)) + 1]) for start, end in spans]

    def to_record(self) -> dict:
        """The summary row that ``eduminer inspect`` prints."""
        return {
            "doc": self.doc,
            "format": self.format,
            "encoding": self.encoding,
            "title": self.title,
            "date": self.date,
            "issuer": self.issuer,
            "doc_number": self.doc_number,
            "region": self.region,
            "region_code": self.region_code,
            "script": self.script,
            "n_sections": len(self.sections),
            "n_sentences": len(self.sentences),
            "sha256": self.sha256,
            "path": self.path,
            "text": self.text,
        }


def _is_identity(offsets) -> bool:
    """Whether ``offsets`` is an :class:`~eduminer.corpus.normalize.OffsetMap` mapping
    every position to itself (decided from its runs; other sequences are not read)."""
    from eduminer.corpus.normalize import OffsetMap

    return isinstance(offsets, OffsetMap) and offsets == OffsetMap(array("l", [0]), array("l", [0]), len(offsets))


@dataclass(frozen=True)
class ReadFailure:
    """A document that could not be read; streamed in place of a ``Document``
    by ``read_all(..., failures=True)`` so batches can account for it."""

    path: str
    reason: str
    code: str = ""

    def to_record(self) -> dict:
        return {"path": self.path, "code": self.code, "reason": self.reason}
