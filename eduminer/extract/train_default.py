"""Rebuild the shipped default model, reproducibly.

    python -m eduminer.extract.train_default [GOLD.jsonl] [SEEDS_DIR]

Defaults: the seed gold ``../shared/eval/gold/seeds.jsonl`` (or ``examples/seeds.gold.jsonl``
when present) over ``examples/seeds``; writes ``eduminer/extract/data/model.npz``.
Training is deterministic (liblinear, fixed data order), so the same inputs
give the same file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    from eduminer.extract.pipeline import default_model_path
    from eduminer.extract.training import train

    argv = sys.argv[1:] if argv is None else argv
    candidates = [ROOT.parent / "shared" / "eval" / "gold" / "seeds.jsonl", ROOT / "examples" / "seeds.gold.jsonl"]
    gold = Path(argv[0]) if argv else next((p for p in candidates if p.exists()), candidates[0])
    seeds = Path(argv[1]) if len(argv) > 1 else ROOT / "examples" / "seeds"
    summary = train(gold, [seeds], default_model_path())
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
