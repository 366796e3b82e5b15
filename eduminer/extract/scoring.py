"""Score coded measures against gold annotations, by the CODEBOOK.md matching rule.

A prediction matches a gold item when ``doc`` (compared by file name) and
``category`` are equal and the prediction's evidence (its ``evidence``, ``text`` or
``sentence`` field), after traditional->simplified conversion, full-width ->
ASCII and white-space removal, contains the gold evidence -- or lies inside it
and is at least 6 characters long. Each gold item matches at most one prediction
and vice versa; items whose region also agrees are paired first.

>>> gold = [{"doc": "a.txt", "category": "model.school_district", "stage": "implemented",
...          "region": "天津市/宁河区", "evidence": "设立9个学区", "quantities": ["9个"]}]
>>> pred = [{"doc": "docs/a.txt", "category": "model.school_district", "stage": "planned",
...          "region": "天津市/宁河区", "text": "全区共设立９个学区。", "quantities": [{"text": "９个"}]}]
>>> s = score(gold, pred)
>>> s.precision, s.recall, s.stage_accuracy, s.region_accuracy, s.quantity_recall
(1.0, 1.0, 0.0, 1.0, 1.0)
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from eduminer.errors import DataFileError, Errors

_WS = re.compile(r"\s+")
_FULLWIDTH = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05]}
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def norm(text: str | None) -> str:
    """Evidence as compared: simplified script, ASCII digits/letters, no white space.

    >>> norm("學區 制 １２個")
    '学区制12个'
    """
    return _WS.sub("", _t2s()(text or "").translate(_QUOTES).translate(_FULLWIDTH))


def evidence_of(pred: dict) -> str:
    for key in ("evidence", "text", "sentence"):
        if pred.get(key):
            return pred[key]
    return ""


def matches(pred_text: str, gold_text: str) -> bool:
    """Both already normalized with :func:`norm`."""
    return gold_text in pred_text or (len(pred_text) >= 6 and pred_text in gold_text)


@dataclass
class Scores:
    gold: int
    pred: int
    tp: int
    stage_accuracy: float
    region_accuracy: float
    quantity_recall: float
    per_category: dict = field(default_factory=dict)  # category -> (gold, pred, tp)

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def records(self) -> Iterator[dict]:
        """One row for all categories ("ALL", with the stage/region/quantity figures),
        then one per category."""
        yield {"category": "ALL", "gold": self.gold, "pred": self.pred, "tp": self.tp,
               "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
               "stage_acc": round(self.stage_accuracy, 3), "region_acc": round(self.region_accuracy, 3),
               "quantity_recall": round(self.quantity_recall, 3)}
        for cat in sorted(self.per_category):
            g, p, t = self.per_category[cat]
            pr, rc = (t / p if p else 0.0), (t / g if g else 0.0)
            yield {"category": cat, "gold": g, "pred": p, "tp": t, "precision": round(pr, 3),
                   "recall": round(rc, 3), "f1": round(2 * pr * rc / (pr + rc) if pr + rc else 0.0, 3),
                   "stage_acc": "", "region_acc": "", "quantity_recall": ""}


def pair(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """Matched (gold, prediction) pairs; region-agreeing pairs first."""
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        by_key[(os.path.basename(str(p.get("doc", ""))), p.get("category"))].append(i)
    texts = [norm(evidence_of(p)) for p in pred]
    regions = [norm(p.get("region", "")) for p in pred]
    used: set[int] = set()
    pairs = []
    todo = list(gold)
    for same_region in (True, False):
        left = []
        for g in todo:
            gtext, gregion = norm(g["evidence"]), norm(g.get("region", ""))
            for i in by_key.get((os.path.basename(g["doc"]), g["category"]), []):
                if i in used or (same_region and regions[i] != gregion):
                    continue
                if matches(texts[i], gtext):
                    used.add(i)
                    pairs.append((g, pred[i]))
                    break
            else:
                left.append(g)
        todo = left
    return pairs


def score(gold: Iterable[dict], predictions: Iterable, docs: Iterable[str] | None = None) -> Scores:
    """Score predictions (dicts or Measure records) against gold items.
    Only documents that have gold items are scored (or ``docs``, if given)."""
    gold = list(gold)
    wanted = set(docs) if docs is not None else {os.path.basename(g["doc"]) for g in gold}
    gold = [g for g in gold if os.path.basename(g["doc"]) in wanted]
    pred = [p if isinstance(p, dict) else p.to_record() for p in predictions]
    pred = [p for p in pred if os.path.basename(str(p.get("doc", ""))) in wanted]
    pairs = pair(gold, pred)
    staged = [(g, q) for g, q in pairs if q.get("stage")]
    regioned = [(g, q) for g, q in pairs if q.get("region")]
    q_hit = q_all = 0
    for g, q in pairs:
        got = norm(json.dumps(q.get("quantities", []), ensure_ascii=False))
        for want in g.get("quantities") or ():
            q_all += 1
            q_hit += norm(want) in got
    gc = Counter(g["category"] for g in gold)
    pc = Counter(p.get("category") for p in pred)
    tc = Counter(g["category"] for g, _ in pairs)
    return Scores(
        gold=len(gold), pred=len(pred), tp=len(pairs),
        stage_accuracy=sum(g["stage"] == q["stage"] for g, q in staged) / len(staged) if staged else 0.0,
        region_accuracy=(sum(norm(g["region"]) == norm(q["region"]) for g, q in regioned) / len(regioned)
                         if regioned else 0.0),
        quantity_recall=q_hit / q_all if q_all else 0.0,
        per_category={c: (gc[c], pc[c], tc[c]) for c in set(gc) | set(pc)},
    )


def load_annotations(path: str | os.PathLike) -> list[dict]:
    """Read gold-format annotations (JSON lines with doc, category, evidence, and
    optionally stage, region, quantities); errors name the file and line."""
    rows = []
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as e:
        raise DataFileError(Errors.E150, path=str(path), reason=e.strerror or str(e)) from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise DataFileError(Errors.E151, path=str(path), line=n, reason=e.msg) from None
            missing = [k for k in ("doc", "category", "evidence") if not isinstance(row, dict) or not row.get(k)]
            if missing:
                raise DataFileError(Errors.E152, path=str(path), line=n, fields=", ".join(missing))
            rows.append(row)
    if not rows:
        raise DataFileError(Errors.E153, path=str(path))
    return rows


def evaluate(gold: str | os.PathLike, paths: Iterable[str | os.PathLike], taxonomy=None, model="default",
             on_error=None) -> Scores:
    """Extract measures from ``paths`` and score them against the ``gold`` file."""
    from eduminer.corpus import read_all
    from eduminer.extract.pipeline import measures

    items = load_annotations(gold)
    return score(items, measures(read_all(paths, on_error=on_error), taxonomy=taxonomy, model=model))
