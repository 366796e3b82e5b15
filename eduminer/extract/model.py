"""The record the extract stage produces: one coded reform measure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """A number that sizes a measure, as written and as a value.

    >>> Quantity(text="九个", value=9.0, unit="个").normalized
    '9个'
    """

    text: str  # as written in the (normalized) sentence: "38名", "九个", "50万元", "6-8人"
    value: float  # numeric value in the stated unit: 38, 9, 50, 6 (lower bound of a range)
    unit: str = ""  # 名, 个, %, 万元, 人 …
    value_max: float | None = None  # upper bound for ranges ("6-8人", "1至2名")

    @property
    def normalized(self) -> str:
        def num(v: float) -> str:
            return str(int(v)) if float(v).is_integer() else str(v)

        span = num(self.value) + (f"-{num(self.value_max)}" if self.value_max is not None else "")
        return span + self.unit

    def to_record(self) -> dict:
        return {"text": self.text, "value": self.value, "value_max": self.value_max,
                "unit": self.unit, "normalized": self.normalized}


@dataclass(frozen=True)
class Measure:
    doc: str
    category: str
    label: str
    text: str  # the normalized sentence
    start: int  # offsets of the sentence in Document.text
    end: int
    original: str  # the same span in the original script
    section: str
    trigger: str  # the cue / rule / model feature that fired
    method: str  # "rule" | "model" | "rule+model"
    confidence: float
    stage: str  # implemented | planned | problem
    region: str
    region_code: str = ""
    quantities: tuple[Quantity, ...] = ()
    sentence: int = 0  # Sentence.index
    dimension: str = ""
    # the sentence as the source page writes it when that is more than ``original``: a mirror
    # site's pinyin kept (學(xué)校), to find it in the page (Document.source_span); "" otherwise
    evidence: str = ""

    @classmethod
    def from_fields(cls, fields: dict) -> "Measure":
        """The measure holding ``fields`` (every field, by name; the dict is copied, so a
        caller can reuse it for the next measure).

        The generated ``__init__`` of a frozen dataclass sets each of the 17 fields
        with ``object.__setattr__``: the largest per-measure cost of extraction.

        >>> kw = dict(doc="a.txt", category="c", label="l", text="t", start=0, end=1, original="t",
        ...           section="", trigger="x", method="rule", confidence=0.7, stage="planned",
        ...           region="r", region_code="", quantities=(), sentence=0, dimension="d", evidence="")
        >>> Measure.from_fields(kw) == Measure(**kw)
        True
        """
        measure = object.__new__(cls)
        measure.__dict__.update(fields)
        return measure

    @property
    def id(self) -> str:
        """Stable id: the same measure gets the same id across runs."""
        key = f"{self.doc}\x1f{self.sentence}\x1f{self.category}\x1f{self.region}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]

    def to_record(self) -> dict:
        return {
            "id": self.id,
            "doc": self.doc,
            "category": self.category,
            "label": self.label,
            "dimension": self.dimension,
            "stage": self.stage,
            "region": self.region,
            "region_code": self.region_code,
            "text": self.text,
            "original": self.original,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "section": self.section,
            "sentence": self.sentence,
            "trigger": self.trigger,
            "method": self.method,
            "confidence": round(self.confidence, 3),
            "quantities": [q.to_record() for q in self.quantities],
        }
