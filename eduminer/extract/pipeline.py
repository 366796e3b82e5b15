"""Documents -> coded measures: rules + model, stage, region, quantities.

For every sentence of every document:

1. page boilerplate and very short lines are skipped; cited 《titles》 are masked;
2. the taxonomy's cue rules run (one Aho-Corasick pass per document);
3. the learned model (:mod:`eduminer.extract.classifier`) scores the sentence;
   a rule hit is kept unless the model finds it very unlikely, and a category the
   model is confident about is added even without a rule (``method`` says which);
4. the stage, region(s) and quantities of the sentence complete the record;
   a sentence naming several districts yields one record per district.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eduminer.extract.model import Measure

DEFAULT = "default"
RULE_CONFIDENCE = 0.7  # a rule hit's confidence when its category's rule precision is unknown


@dataclass(frozen=True)
class Thresholds:
    """How rules and model combine (tuned leave-one-document-out, see train_default)."""

    keep_rule: float = 0.05  # a rule hit whose model probability is below this is dropped
    add_model: float = 0.85  # a category with no rule hit is added at or above this probability
    # (keep_rule 0 and add_model above 1 leave a category to the rules alone: the
    # tuned default for categories where the model did not pay out of fold)
    confirm: float = 0.5  # at or above this a rule hit counts as confirmed by the model
    # per-category overrides of keep_rule / add_model: ((category, threshold), ...)
    keep_by_category: tuple[tuple[str, float], ...] = ()
    add_by_category: tuple[tuple[str, float], ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "_keep", dict(self.keep_by_category))
        object.__setattr__(self, "_add", dict(self.add_by_category))

    def keep(self, category: str) -> float:
        return self._keep.get(category, self.keep_rule)  # type: ignore[attr-defined]

    def add(self, category: str) -> float:
        return self._add.get(category, self.add_model)  # type: ignore[attr-defined]

    def uses_model(self, category: str) -> bool:
        """Whether the model can change this category's measures (a veto or additions)."""
        return self.keep(category) > 0.0 or self.add(category) <= 1.0


def default_model_path() -> str:
    from eduminer.extract.datafiles import data_path

    return data_path("model.npz")


@lru_cache(maxsize=4)
def _load_model_cached(path: str, mtime_ns: int):
    from eduminer.extract.classifier import MeasureClassifier

    return MeasureClassifier.load(path)


def load_model(model=DEFAULT):
    """A fitted :class:`MeasureClassifier`: ``"default"`` (shipped), a path, an
    instance (returned as is), or None (rules only)."""
    if model is None or hasattr(model, "predict_proba"):
        return model
    path = default_model_path() if model == DEFAULT else os.fspath(model)
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        from eduminer.errors import DataFileError, Errors

        raise DataFileError(Errors.E103, path=path, reason="no such file") from None
    return _load_model_cached(path, mtime)


def _thresholds_of(model) -> Thresholds:
    meta = getattr(model, "meta_", {}) or {}
    stored = meta.get("thresholds", {})
    known = {k: float(v) for k, v in stored.items() if k in ("keep_rule", "add_model", "confirm")}
    for key in ("keep_by_category", "add_by_category"):
        known[key] = tuple((str(c), float(v)) for c, v in stored.get(key, ()))
    return Thresholds(**known)


def document_title(doc) -> str:
    """The title, or (for readers that do not find one) the first lines of the text."""
    if getattr(doc, "title", ""):
        return doc.title
    head = [line.strip() for line in doc.text[:600].splitlines() if line.strip()]
    return " ".join(head[:4])


_CLAUSE_END = re.compile(r"[，,；;。！？!?]")
_DONE = re.compile(r"了|已|正式|先后|累计|共有|首批|近日|日前")


def _evidence_ends(hits, sentence) -> dict[str, int]:
    """Per category hit in ``sentence``: where the clause holding the end of its evidence
    ends (relative to the sentence's text; the hits' offsets are the document's).

    >>> from types import SimpleNamespace as S
    >>> _evidence_ends([S(category="a", end=12)], S(start=10, text="组建了集团,将发挥作用"))
    {'a': 6}
    >>> _evidence_ends([S(category="a", end=12)], S(start=10, text="组建集团,将发挥作用"))
    {}
    """
    text, start = sentence.text, sentence.start
    # only where that part reports something done (…正式揭牌成立, 首批启动了…): else the rest
    # of the sentence may well be its stage (师资紧缺,有些科目又难以开设)
    done = _DONE.search(text)
    if done is None:  # most sentences
        return {}
    out = {}
    for hit in hits:
        m = _CLAUSE_END.search(text, max(0, hit.end - start - 1))
        if m and done.start() < m.end():
            out[hit.category] = m.end()
    return out


def measures(documents: Iterable, taxonomy=None, model=DEFAULT, thresholds: Thresholds | None = None,
             gazetteer=DEFAULT) -> Iterator[Measure]:
    """Yield the coded measures of each document, streaming.

    ``taxonomy``: a Taxonomy, a path, or None for the default; ``model``: "default",
    a path to a model file, a fitted MeasureClassifier, or None for rules only;
    ``gazetteer``: "default" (corpus.regions), or None to keep document regions.

    >>> from eduminer.corpus import read
    >>> doc = read("examples/seeds/001_a4df0bc1ffe384af.txt")       # doctest: +SKIP
    >>> m = next(measures([doc]))                                    # doctest: +SKIP
    >>> m.category, m.stage                                          # doctest: +SKIP
    ('model.school_district', 'implemented')
    """
    try:
        extractor = loaded_extractor(taxonomy, model, thresholds, gazetteer)
    except TypeError:  # an unhashable argument (e.g. a fitted model object): build afresh
        extractor = Extractor(taxonomy, model, thresholds, gazetteer)
    yield from extractor.extract_many(documents)


def loaded_extractor(taxonomy=None, model=DEFAULT, thresholds: Thresholds | None = None,
                     gazetteer=DEFAULT) -> "Extractor":
    """The compiled ``Extractor`` for these arguments, built once per process: callers
    that code one document at a time (a workspace run, a worker) do not recompile every
    rule and reload the model per document. TypeError for an unhashable argument."""
    # one cache key however the defaults were passed (loaded_extractor(t) and
    # loaded_extractor(t, "default", None, "default") must share an extractor)
    return _cached_extractor(taxonomy, model, thresholds, gazetteer)


@functools.lru_cache(maxsize=4)
def _cached_extractor(taxonomy, model, thresholds, gazetteer) -> "Extractor":
    return Extractor(taxonomy, model, thresholds, gazetteer)


class Extractor:
    """The loaded pieces of :func:`measures`, reusable across documents and batches."""

    def __init__(self, taxonomy=None, model=DEFAULT, thresholds: Thresholds | None = None, gazetteer=DEFAULT):
        from eduminer.extract.filters import sentence_filters
        from eduminer.extract.quantities import warm_up
        from eduminer.extract.stage import stage_rules
        from eduminer.taxonomy import RuleMatcher, load_taxonomy

        if taxonomy is None or isinstance(taxonomy, (str, os.PathLike)):
            taxonomy = load_taxonomy(taxonomy)
        self.taxonomy = taxonomy
        self.matcher = RuleMatcher(taxonomy)
        self.model = load_model(model)
        self.thresholds = thresholds or (_thresholds_of(self.model) if self.model is not None else Thresholds())
        self.filters = sentence_filters()
        self.stages = stage_rules()
        self.leaves = {c.id: c for c in taxonomy.leaves()}
        if gazetteer == DEFAULT:
            from eduminer.corpus.regions import gazetteer as load_gazetteer

            gazetteer = load_gazetteer()
        self.gazetteer = gazetteer
        meta = getattr(self.model, "meta_", {}) or {}
        # a rule hit's confidence: its category's measured rule precision, when the model knows it
        self._rule_confidence = {str(c): float(v) for c, v in (meta.get("rule_precision") or {}).items()}
        # the model scores only categories this taxonomy knows (a user taxonomy may differ)
        # and it can change (a veto or additions); the rest are left to the rules, and
        # the model is not run at all when none needs it
        th = self.thresholds
        scored = ([(j, str(c)) for j, c in enumerate(self.model.classes_)
                   if str(c) in self.leaves and th.uses_model(str(c))] if self.model is not None else [])
        self._cols = tuple(j for j, _ in scored)
        self._names = [c for _, c in scored]
        self._add = [th.add(c) for c in self._names]
        self._position = {c: k for k, c in enumerate(self._names)}
        # per leaf, how a rule hit is decided: (model column, keep threshold), or
        # (None, confidence) for a category left to the rules (rounded as a Measure holds it)
        self._plans = {c: ((self._position[c], th.keep(c)) if c in self._position
                           else (None, round(self._rule_confidence.get(c, RULE_CONFIDENCE), 3))) for c in self.leaves}
        self._label_dimension = {c: (cat.label, cat.dimension) for c, cat in self.leaves.items()}
        warm_up()  # cn2an's import: a load cost, not one the first batch pays

    def _rules_only(self, rule_hits: list[list]) -> list[list[tuple[str, str, str, float]]]:
        plans = self._plans
        out = []
        for hits in rule_hits:
            found = [(h.category, h.trigger, "rule", plans[h.category][1]) for h in hits if h.category in plans]
            out.append(sorted(found) if len(found) > 1 else found)
        return out

    def categories(self, sentences: list[str], rule_hits: list[list]) -> list[list[tuple[str, str, str, float]]]:
        """Per sentence: (category, trigger, method, confidence), rules and model combined,
        sorted, the confidence rounded to 3 decimals (as a :class:`Measure` holds it)."""
        import numpy as np

        if not self._cols or not sentences:
            return self._rules_only(rule_hits)
        th = self.thresholds
        probs = self.model.predict_proba(sentences, columns=self._cols)
        confident: dict[int, list[int]] = {}  # model-only candidates, one vectorized comparison
        for i, k in zip(*(a.tolist() for a in np.nonzero(probs >= np.asarray(self._add)))):
            confident.setdefault(i, []).append(k)
        plans, names, confirm = self._plans, self._names, th.confirm
        out: list[dict] = []  # per sentence: category -> its tuple
        model_only: list[tuple[int, str]] = []
        nothing: dict = {}  # (shared by the sentences with neither a rule hit nor a model category)
        for i, hits in enumerate(rule_hits):
            adds = confident.get(i)
            if not hits and adds is None:
                out.append(nothing)
                continue
            row = None
            found: dict[str, tuple[str, str, str, float]] = {}
            for h in hits:
                category = h.category
                plan = plans.get(category)
                if plan is None:  # not a leaf of this taxonomy
                    continue
                k, threshold = plan
                if k is None:  # left to the rules (or unknown to the model): threshold is its confidence
                    found[category] = (category, h.trigger, "rule", threshold)
                    continue
                if row is None:
                    row = probs[i].tolist()
                p = row[k]
                if p >= threshold:
                    method = "rule+model" if p >= confirm else "rule"
                    found[category] = (category, h.trigger, method, round(0.6 + 0.4 * p, 3))
            if adds is not None:
                if row is None:
                    row = probs[i].tolist()
                for k in adds:
                    c = names[k]
                    if c not in found:
                        found[c] = (c, None, "model", round(row[k], 3))  # trigger: below, for all at once
                        model_only.append((len(out), c))
            out.append(found)
        triggers = self.model.top_features_many([sentences[i] for i, _ in model_only], [c for _, c in model_only])
        for (i, c), feats in zip(model_only, triggers):
            out[i][c] = (c, "model:" + ",".join(feats), "model", out[i][c][3])
        return [sorted(found.values()) if len(found) > 1 else list(found.values()) for found in out]

    def candidates(self, doc) -> tuple[str, list[int], list[str], list[list]]:
        """The masked text, the indexes of the sentences worth coding, their masked
        texts and their rule hits (what both extraction and training start from)."""
        f = self.filters
        masked = f.mask_citations(doc.text)
        keep, spans = f.worth_coding_spans(doc.sentences, masked)
        hits = list(self.matcher.match_spans(masked, spans)) if spans else []
        return masked, keep, [masked[s:e].strip() for s, e in spans], hits

    def extract(self, doc) -> Iterator[Measure]:
        """The measures of one document (see :meth:`extract_many` for many)."""
        return self.extract_many((doc,))

    def extract_many(self, documents: Iterable, batch_sentences: int = 2048) -> Iterator[Measure]:
        """The measures of each document, in order, streaming.

        The model scores the sentences of several documents in one call (up to about
        ``batch_sentences``): its fixed cost per call is what dominates short documents.
        At most one such batch of documents is held at a time."""
        for _, found in self.code(documents, batch_sentences):
            yield from found

    def code(self, documents: Iterable, batch_sentences: int = 2048) -> Iterator[tuple[Any, list[Measure]]]:
        """``(document, its measures)`` for each document, in order (batched as
        :meth:`extract_many`): for callers that store measures per document."""
        pending: list = []
        size = 0
        for doc in documents:
            prepared = self.candidates(doc)
            pending.append((doc, prepared))
            size += len(prepared[1])
            if size >= batch_sentences:
                yield from self._code(pending)
                pending, size = [], 0
        if pending:
            yield from self._code(pending)

    def _code(self, pending: list) -> Iterator[tuple[Any, list[Measure]]]:
        coded = self.categories([t for _, prepared in pending for t in prepared[2]],
                                [h for _, prepared in pending for h in prepared[3]])
        at = 0
        for doc, (masked, keep, _, hits) in pending:
            yield doc, list(self._measures(doc, masked, keep, coded[at:at + len(keep)], hits))
            at += len(keep)

    def _measures(self, doc, masked: str, keep: list[int], coded: list, hits: list | None = None) -> Iterator[Measure]:
        """The measures of the sentences ``keep`` of ``doc``, coded by :meth:`categories`
        (``hits``: the rule hits of those sentences, which place each category's evidence)."""
        from eduminer.corpus.regions import without_dateline
        from eduminer.extract.attribution import RegionAttributor
        from eduminer.extract.quantities import find_quantities_many

        picked = [k for k, cats in enumerate(coded) if cats]
        if not picked:
            return
        sentences = [doc.sentences[keep[k]] for k in picked]
        texts = [sent.text for sent in sentences]
        # stage, regions and quantities of all the coded sentences of the document at once
        year = int(doc.date[:4]) if doc.date[:4].isdigit() else None
        genre = self.stages.genre(document_title(doc), not getattr(doc, "title", ""))
        directed = None
        if genre != "planned":  # a leader's directives run on in their paragraph (…强调,一要…。二要…)
            paragraphs = {sent.paragraph for sent in sentences}
            leads = self.stages.directive_leads(s for s in doc.sentences if s.paragraph in paragraphs)
            if leads:
                directed = [sent.paragraph in leads and sent.index > leads[sent.paragraph] for sent in sentences]
            # a pledge goes on (…将以此为契机,…。同时,进一步…)
            # and so do the items of a proposal's list (这就需要建立…;加大…;完善…)
            continued = [self.stages.continues_a_plan(doc.sentences, sent.index, genre, year)
                         or self.stages.continues_a_list(doc.sentences, sent.index, genre, year) for sent in sentences]
            if any(continued):
                directed = [a or b for a, b in zip(directed or continued, continued)]
        # a category's stage is read up to the end of the clause holding its evidence: a plan or
        # a gap stated after it (…6个教育集团正式揭牌成立,…,将进一步发挥…) is not its stage
        reads: dict[tuple[int, int], int] = {}  # (sentence, where its reading ends) -> row in stage_many
        read_of: list[dict[str, int]] = []  # per sentence: category -> row
        for j, (k, sent) in enumerate(zip(picked, sentences)):
            ends = _evidence_ends(hits[k], sent) if hits is not None else {}
            rows = {}
            for category, *_ in coded[k]:
                rows[category] = reads.setdefault((j, ends.get(category, len(texts[j]))), len(reads))
            read_of.append(rows)
        keys = list(reads)
        stages = self.stages.stage_many([texts[j][:end] for j, end in keys], [sentences[j].section for j, _ in keys],
                                        genre, year, None if directed is None else [directed[j] for j, _ in keys])
        attributor = RegionAttributor(self.gazetteer, doc.region, doc.region_code)
        # (a news outlet's dateline names where the story was filed: 新华社南宁1月9日电 广西壮族自治区…)
        regions_of = attributor.attribute_many([without_dateline(masked[sent.start:sent.end]) for sent in sentences])
        regions_of = attributor.by_section_headings([sent.section for sent in sentences], regions_of)
        regions_of = attributor.by_unit_lines([s.text for s in doc.sentences], [sent.index for sent in sentences],
                                              regions_of)
        quantities_of = find_quantities_many(texts)
        stripped, spans = [], []  # each sentence without its surrounding white space, and its span
        for sent, text in zip(sentences, texts):
            left = text.lstrip()
            start = sent.start + len(text) - len(left)
            text = left.rstrip()
            stripped.append(text)
            spans.append((start, start + len(text)))
        originals = doc.original_spans(spans)
        # the page's own words where a mirror annotated them with pinyin (to find the sentence there)
        sources = ([source if source != original else "" for source, original in
                    zip((doc.source_span(s, e) for s, e in spans), originals)]
                   if getattr(doc, "annotations", ()) else [""] * len(spans))
        label_dimension = self._label_dimension
        fields = dict.fromkeys(Measure.__dataclass_fields__)  # one measure's fields, refilled for each
        fields["doc"] = doc.doc
        new_measure = Measure.from_fields
        for k, sent, text, (start, end), original, source, rows, regions, quantities in zip(
                picked, sentences, stripped, spans, originals, sources, read_of, regions_of, quantities_of):
            fields["text"], fields["start"], fields["end"] = text, start, end
            fields["original"], fields["section"], fields["evidence"] = original, sent.section, source
            fields["quantities"], fields["sentence"] = quantities, sent.index
            for category, trigger, method, confidence in coded[k]:  # sorted and rounded by categories
                fields["stage"] = stages[rows[category]][0]
                fields["category"], fields["trigger"], fields["method"] = category, trigger, method
                fields["label"], fields["dimension"] = label_dimension[category]
                fields["confidence"] = confidence
                for region in regions:
                    fields["region"], fields["region_code"] = region.region, region.code
                    yield new_measure(fields)
