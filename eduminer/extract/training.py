"""Teach the model a coding: annotated sentences (gold format) -> a model file.

Training sentences come from the annotated documents themselves: a sentence is a
positive example of a category when it holds an annotation's evidence, and a
negative one otherwise. The rule/model thresholds are tuned by leave-one-
document-out cross-validation (never on the documents being predicted; with
more than :data:`MAX_FOLDS` documents, by that many folds of whole documents),
and stored with the model.

>>> # python -m eduminer.extract.train_default rebuilds the shipped model
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from eduminer.errors import DataFileError, Errors
from eduminer.extract.scoring import load_annotations, norm
from eduminer.extract.pipeline import Extractor, Thresholds

KEEP_GRID = (0.0, 0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.4)
ADD_GRID = (0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01)


def _documents(annotations: list[dict], paths: Iterable, on_error=None) -> list:
    from eduminer.corpus import read_all

    wanted = {os.path.basename(a["doc"]) for a in annotations}
    files = []
    for p in paths:
        p = Path(p)
        files.extend(f for f in (sorted(p.rglob("*")) if p.is_dir() else [p])
                     if f.is_file() and f.name in wanted)
    docs = [d for d in read_all(files, on_error=on_error)]
    if not docs:
        raise DataFileError(Errors.E154, docs=", ".join(sorted(wanted)[:5]) + (" …" if len(wanted) > 5 else ""))
    return docs


class _Prepared:
    """Per document: kept sentences, their texts, rule hits and gold labels."""

    def __init__(self, extractor: Extractor, doc, items: list[dict]):
        self.doc = doc
        _, keep, self.texts, self.hits = extractor.candidates(doc)
        normed = [norm(doc.sentences[i].text) for i in keep]
        self.labels: list[set[str]] = [set() for _ in keep]
        for item in items:
            ev = norm(item["evidence"])
            for k, t in enumerate(normed):
                if ev in t or (len(t) >= 6 and t in ev):
                    self.labels[k].add(item["category"])


def prepare(annotations: list[dict], documents: list, taxonomy=None) -> tuple[Extractor, list[_Prepared]]:
    extractor = Extractor(taxonomy, model=None, gazetteer=None)
    unknown = sorted({a["category"] for a in annotations} - set(extractor.leaves))
    if unknown:
        raise DataFileError(Errors.E155, path="annotations", categories=", ".join(unknown[:8]),
                            taxonomy=extractor.taxonomy.path)
    by_doc = defaultdict(list)
    for a in annotations:
        by_doc[os.path.basename(a["doc"])].append(a)
    return extractor, [_Prepared(extractor, d, by_doc[os.path.basename(d.doc)]) for d in documents]


HARD_NEGATIVE_WEIGHT = 3.0

# Cross-validation holds out one document at a time up to this many documents; beyond,
# this many folds of whole documents (document i in fold i % MAX_FOLDS): the same
# out-of-fold honesty, without one fit per document (200 annotated pages: 10 fits, not 200).
MAX_FOLDS = 10


def document_folds(n: int, max_folds: int = MAX_FOLDS) -> list[list[int]]:
    """The held-out documents of each fold: one document each up to ``max_folds``
    documents, else ``max_folds`` interleaved groups.

    >>> document_folds(3)
    [[0], [1], [2]]
    >>> document_folds(5, max_folds=2)
    [[0, 2, 4], [1, 3]]
    """
    if n <= max_folds:
        return [[i] for i in range(n)]
    return [list(range(f, n, max_folds)) for f in range(max_folds)]


def _fit(prepared: list[_Prepared], classes: list[str], hard_negative_weight: float = HARD_NEGATIVE_WEIGHT,
         **params):
    """Fit on all sentences; a sentence where a category's cue fires but the
    annotators did not code it weighs ``hard_negative_weight`` for that category,
    so the model learns what separates a real measure from a mere mention."""
    import numpy as np

    from eduminer.extract.classifier import MeasureClassifier

    texts = [t for p in prepared for t in p.texts]
    labels = [sorted(lab) for p in prepared for lab in p.labels]
    if len(texts) < 5:
        raise DataFileError(Errors.E156, n=len(texts), need=5)
    column = {c: j for j, c in enumerate(classes)}
    weights = np.ones((len(texts), len(classes)))
    row = 0
    for p in prepared:
        for hits, lab in zip(p.hits, p.labels):
            for h in hits:
                if h.category in column and h.category not in lab:
                    weights[row, column[h.category]] = hard_negative_weight
            row += 1
    return MeasureClassifier(classes=classes, **params).fit(texts, labels, sample_weight=weights)


# How rules and model combine, per category. The default is the rules alone (keep every
# rule hit, add nothing): out of fold, the model barely tells a coded cue from a mere
# mention (its probabilities rank rule hits little better than chance on unseen
# documents, whose annotators draw that line differently), and its additions are rarely
# right. A category gets a model veto (``keep``) or model-only additions (``add``) only
# when, out of fold, that pays: the items it removes are wrong (or the ones it adds
# right) more than 1 / (1 + PRECISION_WEIGHT) of the time, by a margin of MIN_GAIN
# items. Maximizing pooled F1 instead kept any cut whose items were wrong 60 % of the
# time, which on new documents cut recall more than it raised precision.
RULES_ONLY = (0.0, 1.01)  # (keep, add): keep every rule hit, add nothing
PRECISION_WEIGHT = 1.0  # one false positive costs this many true positives
MIN_GAIN = 2.0  # net out-of-fold items a category's thresholds must win over RULES_ONLY


def cross_validate(annotations: list[dict], prepared: list[_Prepared], extractor: Extractor,
                   classes: list[str], min_gold: int = 5, precision_weight: float = PRECISION_WEIGHT,
                   min_gain: float = MIN_GAIN, **params) -> tuple[Thresholds, dict]:
    """Leave-one-document-out (folds of documents beyond :data:`MAX_FOLDS`, see
    :func:`document_folds`): fit on the other documents and score the held-out
    ones' sentences; then choose, per category with at least ``min_gold``
    annotations, the (keep, add) thresholds with the best out-of-fold
    ``tp - precision_weight * fp`` -- used only when they beat the rules alone
    (:data:`RULES_ONLY`, every other category's setting) by ``min_gain``.
    Returns the thresholds and the pooled out-of-fold scores."""
    gold: dict[str, list[tuple[str, str]]] = defaultdict(list)  # category -> [(doc, evidence)]
    for a in annotations:
        gold[a["category"]].append((os.path.basename(a["doc"]), norm(a["evidence"])))
    # candidates: category -> [(doc, normalized sentence, probability, rule fired)]
    cands: dict[str, list[tuple[str, str, float, bool]]] = defaultdict(list)
    column = {c: j for j, c in enumerate(classes)}
    for fold in document_folds(len(prepared)):
        held_out = [prepared[k] for k in fold if prepared[k].texts]
        if not held_out:
            continue
        model = _fit([p for j, p in enumerate(prepared) if j not in fold], classes, **params)
        for held in held_out:
            probs = model.predict_proba(held.texts)
            name = os.path.basename(held.doc.doc)
            for i, (text, hits) in enumerate(zip(held.texts, held.hits)):
                fired = {h.category for h in hits if h.category in column}
                t = norm(text)
                for c, j in column.items():
                    p = float(probs[i, j])
                    if c in fired or p >= min(ADD_GRID):
                        cands[c].append((name, t, p, c in fired))

    def counts(c: str, keep: float, add: float) -> tuple[int, int]:
        preds = [(d, t) for d, t, p, rule in cands[c] if (p >= keep if rule else p >= add)]
        used, tp = set(), 0
        for d, ev in gold[c]:
            for i, (pd, pt) in enumerate(preds):
                if i not in used and pd == d and (ev in pt or (len(pt) >= 6 and pt in ev)):
                    used.add(i)
                    tp += 1
                    break
        return tp, len(preds)

    grid = [RULES_ONLY] + [(keep, add) for keep in KEEP_GRID for add in ADD_GRID if (keep, add) != RULES_ONLY]
    choice = dict.fromkeys(classes, RULES_ONLY)
    for c in classes:
        if len(gold[c]) < min_gold:
            continue
        table = {g: counts(c, *g) for g in grid}

        def utility(g, table=table):
            tp, pred = table[g]
            return tp - precision_weight * (pred - tp)

        best = max(grid, key=lambda g: (utility(g), -grid.index(g)))  # ties: the simpler setting
        if utility(best) >= utility(RULES_ONLY) + min_gain:
            choice[c] = best
    tp = pred = 0
    for c in classes:
        t, n = counts(c, *choice[c])
        tp, pred = tp + t, pred + n
    n_gold = sum(len(v) for v in gold.values())
    thresholds = Thresholds(
        keep_rule=RULES_ONLY[0], add_model=RULES_ONLY[1],
        keep_by_category=tuple((c, choice[c][0]) for c in classes if choice[c][0] != RULES_ONLY[0]),
        add_by_category=tuple((c, choice[c][1]) for c in classes if choice[c][1] != RULES_ONLY[1]),
    )
    precision, recall = (tp / pred if pred else 0.0), (tp / n_gold if n_gold else 0.0)
    f1 = 2 * tp / (pred + n_gold) if pred + n_gold else 0.0
    # each category's rule precision (where its rules fired at least min_gold times):
    # the confidence of its rule hits, instead of one flat number
    rule_precision = {}
    for c in classes:
        t, n = counts(c, *RULES_ONLY)
        if n >= min_gold:
            rule_precision[c] = round(t / n, 3)
    return thresholds, {"precision": round(precision, 3), "recall": round(recall, 3),
                        "f1": round(f1, 3), "pred": pred, "gold": n_gold, "rule_precision": rule_precision}


def fit_tuned(items: list[dict], prepared: list[_Prepared], extractor: Extractor, **params):
    """The model fitted on all ``prepared`` documents, with thresholds tuned
    leave-one-document-out on them: (model, thresholds, pooled LODO scores)."""
    classes = sorted(extractor.leaves)
    if len(prepared) >= 2:
        thresholds, cv = cross_validate(items, prepared, extractor, classes, **params)
    else:
        thresholds, cv = Thresholds(), {}
    return _fit(prepared, classes, **params), thresholds, cv


def lodo_measures(items: list[dict], prepared: list[_Prepared], extractor: Extractor, nested: bool = True,
                  **params) -> list:
    """Honest out-of-sample predictions: for each document (each fold of documents,
    see :func:`document_folds`), a model trained on the OTHER documents (thresholds tuned leave-one-out among those too when ``nested``;
    else the library defaults) codes it through the full extractor (filters,
    rules, model, stage, region, quantities). Returns all Measure records."""
    out = []
    names = [os.path.basename(p.doc.doc) for p in prepared]
    for fold in document_folds(len(prepared)):
        rest = [p for j, p in enumerate(prepared) if j not in fold]
        held_names = {names[k] for k in fold}
        rest_items = [a for a in items if os.path.basename(a["doc"]) not in held_names]
        if nested:
            model, thresholds, _ = fit_tuned(rest_items, rest, extractor, **params)
        else:
            model, thresholds = _fit(rest, sorted(extractor.leaves), **params), Thresholds()
        coder = Extractor(extractor.taxonomy, model=model, thresholds=thresholds)
        for k in fold:
            out.extend(coder.extract(prepared[k].doc))
    return out


def lodo_evaluate(annotations: str | os.PathLike, paths: Iterable[str | os.PathLike], taxonomy=None,
                  nested: bool = True, on_error=None, **params):
    """Leave-one-document-out :class:`~eduminer.extract.scoring.Scores` of the
    whole extractor (see :func:`lodo_measures`), and the predictions."""
    from eduminer.extract.scoring import score

    items = load_annotations(annotations)
    documents = _documents(items, list(paths), on_error=on_error)
    extractor, prepared = prepare(items, documents, taxonomy)
    predictions = lodo_measures(items, prepared, extractor, nested=nested, **params)
    return score(items, predictions), predictions


def train(annotations: str | os.PathLike, paths: Iterable[str | os.PathLike], output: str | os.PathLike,
          taxonomy=None, docs: str | os.PathLike | None = None, on_error=None, **params) -> dict:
    """Fit a model on ``annotations`` (gold-format JSON lines) over the documents
    found under ``paths`` (and ``docs``), tune thresholds leave-one-document-out,
    write it to ``output``; returns a summary record."""
    items = load_annotations(annotations)
    search = list(paths) + ([docs] if docs else [])
    documents = _documents(items, search, on_error=on_error)
    extractor, prepared = prepare(items, documents, taxonomy)
    model, thresholds, cv = fit_tuned(items, prepared, extractor, **params)
    rule_precision = cv.pop("rule_precision", {})
    model.meta_ = {"rule_precision": rule_precision, "thresholds": {**asdict(thresholds), "keep_by_category": list(thresholds.keep_by_category),
                                  "add_by_category": list(thresholds.add_by_category)}, "lodo": cv, "trained_on": sorted(p.doc.doc for p in prepared),
                   "n_annotations": len(items), "n_sentences": sum(len(p.texts) for p in prepared),
                   "taxonomy": extractor.taxonomy.version}
    model.save(output)
    return {"model": str(output), "documents": len(prepared), "annotations": len(items),
            "sentences": model.meta_["n_sentences"], "keep_rule": thresholds.keep_rule, "add_model": thresholds.add_model,
            "tuned_categories": len({c for c, _ in thresholds.keep_by_category + thresholds.add_by_category}),
            **{f"lodo_{k}": v for k, v in cv.items()}, "size_kb": round(os.path.getsize(output) / 1024, 1)}
