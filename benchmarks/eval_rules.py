"""Score the taxonomy's cue rules ALONE against the gold file (sentence level).

Every sentence a rule fires in becomes a prediction (no stage/region logic, no
model), so the figures measure the default taxonomy's cues, not the extractor.

usage: python benchmarks/eval_rules.py [SEEDS_DIR] [GOLD.jsonl] [--taxonomy FILE] [--per-category]
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
    args = ap.parse_args()
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


if __name__ == "__main__":
    main()
