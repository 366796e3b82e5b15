"""Score the taxonomy's cue rules and the extractor against gold annotations.

Default: the cue rules ALONE (sentence level): every sentence a rule fires in
becomes a prediction (no filters, stage/region logic or model), so the figures
measure the default taxonomy's cues, not the extractor.

--lodo: the whole extractor, leave-one-document-out over the seeds: each seed is
coded by a model trained on the other seeds (thresholds tuned leave-one-out among
those, as train_default does), so nothing is scored in-sample. The honest
estimate for unseen documents; also prints rules only (--no-model) on the seeds.

--dev: the whole extractor on the held-out dev set (benchmarks/devset: other
regions, genres and formats, never used for training), with a model trained on
all seeds as train_default does (--shipped: use the shipped model.npz instead),
and rules only. Documents without gold items count too (their predictions are
false positives).

usage: python benchmarks/eval_rules.py [SEEDS_DIR] [GOLD.jsonl] [--taxonomy FILE] [--per-category]
       python benchmarks/eval_rules.py --lodo --dev [--per-category] [--shipped] [--flat]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from eduminer.taxonomy import RuleMatcher, load_taxonomy
from eduminer.taxonomy.rules import normalize_cue

ROOT = Path(__file__).resolve().parent.parent
SENTENCE_END = re.compile(r"[。！？；!?;\n]+")


def sentences(text: str):
    start = 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def normalize_document(text: str) -> str:
    # the corpus stage's normalization, approximately: t2s, full-width digits/letters, 「」 → “”
    text = text.replace("「", "“").replace("」", "”")
    return "\n".join(normalize_cue(line) for line in text.split("\n"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("seeds", nargs="?", default=str(ROOT / "examples" / "seeds"))
    ap.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "gold" / "seeds.jsonl"))
    ap.add_argument("--taxonomy", default=None)
    ap.add_argument("--per-category", action="store_true")
    ap.add_argument("--lodo", action="store_true", help="leave-one-document-out scores of the extractor")
    ap.add_argument("--dev", action="store_true", help="scores on the held-out dev set (benchmarks/devset)")
    ap.add_argument("--shipped", action="store_true", help="--dev with the shipped model (default: retrain)")
    ap.add_argument("--flat", action="store_true", help="--lodo without nested threshold tuning (faster)")
    args = ap.parse_args()
    if args.lodo or args.dev:
        extractor_scores(args)
        return
    matcher = RuleMatcher(load_taxonomy(args.taxonomy))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for path in sorted(Path(args.seeds).glob("*.txt")):
            text = normalize_document(path.read_text(encoding="utf-8"))
            spans = list(sentences(text))
            for (s, e), hits in zip(spans, matcher.match_spans(text, spans)):
                for hit in hits:
                    out.write(json.dumps({"doc": path.name, "category": hit.category,
                                          "text": text[s:e], "trigger": hit.trigger},
                                         ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(ROOT.parent / "shared" / "eval" / "score.py"), args.gold, out.name]
    if args.per_category:
        cmd.append("--per-category")
    subprocess.run(cmd, check=False)
    print(f"predictions: {out.name}")


DEVSET = ROOT / "benchmarks" / "devset"


def _print(title: str, scores, per_category: bool) -> None:
    rows = list(scores.records())
    head = rows[0]
    print(f"{title:28} gold={head['gold']} pred={head['pred']} tp={head['tp']} P={head['precision']} "
          f"R={head['recall']} F1={head['f1']} stage={head['stage_acc']} region={head['region_acc']} "
          f"quantity={head['quantity_recall']}", flush=True)
    if per_category:
        print(f"  {'category':36} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>5} {'R':>5} {'F1':>5}")
        for r in rows[1:]:
            print(f"  {r['category']:36} {r['gold']:5} {r['pred']:5} {r['tp']:4} {r['precision']:5.2f} "
                  f"{r['recall']:5.2f} {r['f1']:5.2f}")


def extractor_scores(args) -> None:
    from eduminer.corpus import read_all
    from eduminer.extract.pipeline import Extractor
    from eduminer.extract.scoring import load_annotations, score
    from eduminer.extract.training import _documents, fit_tuned, lodo_measures, prepare

    items = load_annotations(args.gold)
    documents = _documents(items, [args.seeds])
    extractor, prepared = prepare(items, documents, args.taxonomy)
    if args.lodo:
        rules = Extractor(extractor.taxonomy, model=None)
        _print("seeds, rules only", score(items, [m for d in documents for m in rules.extract(d)]), args.per_category)
        predictions = lodo_measures(items, prepared, extractor, nested=not args.flat)
        _print("seeds, LODO" + (" (flat)" if args.flat else ""), score(items, predictions), args.per_category)
    if args.dev:
        gold = load_annotations(DEVSET / "gold.jsonl")
        paths = sorted((DEVSET / "docs").glob("*.txt"))
        if not paths:
            raise SystemExit(f"no dev-set texts in {DEVSET / 'docs'}: the pages are not redistributed with "
                             "eduminer; save them there from the sources in benchmarks/devset/README.md")
        names = [p.name for p in paths]
        dev_docs = list(read_all(paths))
        if args.shipped:
            coder = Extractor(extractor.taxonomy)
        else:
            model, thresholds, _ = fit_tuned(items, prepared, extractor)
            coder = Extractor(extractor.taxonomy, model=model, thresholds=thresholds)
        rules = Extractor(extractor.taxonomy, model=None)
        _print("dev, rules only", score(gold, [m for d in dev_docs for m in rules.extract(d)], docs=names),
               args.per_category)
        _print("dev, model" + (" (shipped)" if args.shipped else " (trained on seeds)"),
               score(gold, [m for d in dev_docs for m in coder.extract(d)], docs=names), args.per_category)


if __name__ == "__main__":
    main()
