"""spaCy integration: the extractor as a pipeline component, and displaCy rendering.

Not on the batch path (``eduminer extract`` never imports spaCy); for users who
build spaCy pipelines::

    >>> import spacy
    >>> import eduminer.extract.spacy_component  # registers the factory
    >>> nlp = spacy.blank("zh")
    >>> _ = nlp.add_pipe("eduminer_measures")
    >>> doc = nlp("港北区共设立了9个学区，每个学区设立学区管理办公室。")   # doctest: +SKIP
    >>> [(s.label_, s._.stage, s._.regions) for s in doc.spans["measures"]][:1]   # doctest: +SKIP
    [('model.school_district', 'implemented', ('广西壮族自治区/贵港市/港北区',))]

Each span of ``doc.spans["measures"]`` is a sentence carrying a measure; its label
is the category id, ``span._.stage`` its stage, ``span._.regions`` the regions it is
attributed to and ``span._.measures`` the sentence's Measure records (all its categories
and regions: spaCy keys extension values by character offsets, so spans over the same
sentence share them; a sentence naming three districts has three regions).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from eduminer.extract.pipeline import DEFAULT, Extractor

for _name in ("stage", "regions", "measures"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

# one colour per dimension of the default taxonomy; other dimensions cycle the palette
PALETTE = ("#7aecec", "#bfeeb7", "#feca74", "#ff9561", "#aa9cfc", "#c887fb", "#9cc9cc", "#ffeb80",
           "#e4e7d2", "#f0d0ff")


class MeasureComponent:
    """Sets ``doc.spans["measures"]`` (labels = category ids) on a spaCy Doc."""

    def __init__(self, nlp: Language, name: str, taxonomy: str | None = None, model: str | None = DEFAULT,
                 spans_key: str = "measures"):
        self.name = name
        self.spans_key = spans_key
        self.extractor = Extractor(taxonomy, model)

    def __call__(self, doc: Doc) -> Doc:
        from eduminer.corpus import read_bytes
        from eduminer.errors import InputError

        try:
            document = read_bytes(doc.text.encode("utf-8"), "spacy.txt")
        except InputError:  # empty or boilerplate-only text: no measures
            doc.spans[self.spans_key] = []
            return doc
        by_sentence: dict[int, list] = {}
        for m in self.extractor.extract(document):
            by_sentence.setdefault(m.sentence, []).append(m)
        spans = []
        for group in by_sentence.values():
            for category in dict.fromkeys(m.category for m in group):
                span = measure_span(doc, group[0], category)
                if span is not None:
                    span._.stage = group[0].stage
                    span._.regions = tuple(dict.fromkeys(m.region for m in group))
                    span._.measures = tuple(group)
                    spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def measure_span(doc: Doc, measure, label: str | None = None) -> Span | None:
    """The span of ``doc`` holding ``measure``'s sentence (located by its original text,
    so reader clean-up that shifts offsets does not misplace it)."""
    start = doc.text.find(measure.original)
    if start < 0:
        return None
    return doc.char_span(start, start + len(measure.original), label=label or measure.category,
                         alignment_mode="expand")


@Language.factory("eduminer_measures", default_config={"taxonomy": None, "model": DEFAULT,
                                                        "spans_key": "measures"})
def make_measure_component(nlp: Language, name: str, taxonomy: str | None, model: str | None, spans_key: str):
    return MeasureComponent(nlp, name, taxonomy=taxonomy, model=model, spans_key=spans_key)


def colours(categories) -> dict[str, str]:
    """Category id -> colour, one colour per dimension."""
    dims: dict[str, str] = {}
    out = {}
    for cat in categories:
        dim = cat.split(".", 1)[0]
        dims.setdefault(dim, PALETTE[len(dims) % len(PALETTE)])
        out[cat] = dims[dim]
    return out


def render(path: str | os.PathLike, output: str | os.PathLike, taxonomy=None, model=DEFAULT) -> int:
    """Write an offline HTML page showing the document at ``path`` with its measures
    highlighted (displaCy "span" style, one colour per dimension); returns the
    number of measures shown."""
    import spacy
    from spacy import displacy

    from eduminer.corpus import read

    document = read(path)
    extractor = Extractor(taxonomy, model)
    nlp = spacy.blank("zh")
    doc = nlp.make_doc(document.original)
    spans, seen = [], set()
    offsets = document.offsets
    for m in extractor.extract(document):
        if (m.sentence, m.category) in seen:  # several districts: one highlight per category
            continue
        seen.add((m.sentence, m.category))
        start = offsets[m.start] if offsets else m.start
        end = offsets[m.end - 1] + 1 if offsets else m.end
        span = doc.char_span(start, end, label=m.category, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["measures"] = spans
    palette = colours(c.id for c in extractor.leaves.values())
    body = displacy.render(doc, style="span", page=False, options={"spans_key": "measures", "colors": palette})
    legend = "".join(f'<span style="background:{c};padding:2px 6px;margin:2px">{html.escape(d)}</span>'
                     for d, c in {k.split(".")[0]: v for k, v in palette.items()}.items())
    title = html.escape(document.title or document.doc)
    page = (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body style="font-family:sans-serif;max-width:60em;margin:2em auto">'
            f"<h1>{title}</h1><p>{len(spans)} measures · {legend}</p>{body}</body></html>")
    Path(output).write_text(page, encoding="utf-8")
    return len(spans)
