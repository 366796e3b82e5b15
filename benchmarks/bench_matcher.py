"""Throughput of RuleMatcher.match_spans (one automaton pass + rule evaluation)
versus jieba.lcut on the same text. Prints MB/s (UTF-8 bytes per second).

usage: python benchmarks/bench_matcher.py [--mb 4] [SEEDS_DIR]
"""

from __future__ import annotations

import argparse
import logging
import re
import time
from pathlib import Path

from eduminer.taxonomy import RuleMatcher, load_taxonomy

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("seeds", nargs="?", default=str(ROOT / "examples" / "seeds"))
    ap.add_argument("--mb", type=float, default=4.0, help="size of the test text in MB")
    args = ap.parse_args()
    seed_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(args.seeds).glob("*.txt")))
    reps = max(1, int(args.mb * 1e6 / len(seed_text.encode("utf-8"))))
    text = seed_text * reps
    size_mb = len(text.encode("utf-8")) / 1e6
    spans, start = [], 0
    for m in re.finditer(r"[。！？；\n]+", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()

    t0 = time.perf_counter()
    matcher = RuleMatcher(load_taxonomy())
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_occ = len(matcher._occurrences(text))
    t_auto = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_hits = sum(len(h) for h in matcher.match_spans(text, spans))
    t_match = time.perf_counter() - t0

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    sample = text[: max(1, len(text) // 4)]  # jieba is slow: time a quarter and scale
    t0 = time.perf_counter()
    tokenizer.lcut(sample)
    t_jieba = (time.perf_counter() - t0) * len(text) / len(sample)

    print(f"text: {size_mb:.1f} MB, {len(spans)} sentences; taxonomy: {matcher.n_terms} automaton keys "
          f"(built in {build * 1000:.0f} ms)")
    print(f"automaton pass only:        {size_mb / t_auto:7.1f} MB/s  ({n_occ} term occurrences)")
    print(f"match_spans (pass + rules): {size_mb / t_match:7.1f} MB/s  ({n_hits} category hits)")
    print(f"jieba.lcut (for scale):     {size_mb / t_jieba:7.1f} MB/s")


if __name__ == "__main__":
    main()
