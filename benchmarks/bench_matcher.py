"""Throughput of RuleMatcher.match_spans (one automaton pass + rule evaluation)
versus jieba.lcut on the same text. Prints MB/s (UTF-8 bytes per second).

The text is a corpus from ``generate_corpus.py`` (seed paragraphs relocated to real
counties, with titles, issuers and dates), as many documents as make ``--mb``.

usage: python benchmarks/bench_matcher.py [--mb 4] [--seed 3]
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate  # noqa: E402

from eduminer.taxonomy import RuleMatcher, load_taxonomy  # noqa: E402


def corpus_text(mb: float, seed: int) -> tuple[str, int]:
    """The text of generated UTF-8 documents totalling about ``mb`` MB, and their number."""
    with tempfile.TemporaryDirectory(prefix="eduminer-matcher-") as folder:
        paths = list(generate(folder, seed=seed, formats=("txt",), max_bytes=int(mb * 1e6)))
        return "\n".join(p.read_text(encoding="utf-8") for p in paths), len(paths)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=4.0, help="size of the test text in MB")
    ap.add_argument("--seed", type=int, default=3, help="seed of the generated corpus")
    args = ap.parse_args()
    text, n_docs = corpus_text(args.mb, args.seed)
    size_mb = len(text.encode("utf-8")) / 1e6
    spans, start = [], 0
    for m in re.finditer(r"[。！？；\n]+", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()

    t0 = time.perf_counter()
    matcher = RuleMatcher(load_taxonomy())
    build = time.perf_counter() - t0
    whole_text_pass = getattr(matcher, "_occurrences", None)  # matchers that scan the whole text first
    if whole_text_pass is not None:
        t0 = time.perf_counter()
        n_occ = len(whole_text_pass(text))
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

    print(f"text: {size_mb:.1f} MB, {n_docs} generated documents, {len(spans)} sentences; "
          f"taxonomy: {matcher.n_terms} automaton keys (built in {build * 1000:.0f} ms)")
    if whole_text_pass is not None:
        print(f"automaton pass only:        {size_mb / t_auto:7.1f} MB/s  ({n_occ} term occurrences)")
    print(f"match_spans (pass + rules): {size_mb / t_match:7.1f} MB/s  ({n_hits} category hits)")
    print(f"jieba.lcut (for scale):     {size_mb / t_jieba:7.1f} MB/s")


if __name__ == "__main__":
    main()
