"""Extraction throughput vs plain jieba.lcut, on a generated corpus of real paragraphs.

    python benchmarks/bench_extract.py [--mb 20] [--no-model] [--docs-kb 20]

Builds a corpus of >= --mb MB of UTF-8 text from the seed paragraphs (shuffled,
with district names swapped for others, so the automaton and region lookup see
variety), writes it as .txt files to a temporary folder, then times in one process:

- eduminer: read (decode, normalize, split) + extract (rules, model, stage,
  region, quantities) over all files -> MB/s, docs/s;
- jieba.lcut over the same texts (already in memory) -> MB/s;

and prints the ratio and peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DISTRICTS = ["潍城区", "港北区", "宁河区", "普陀区", "南岸区", "渝中区", "沙坪坝区", "江津区", "海淀区", "鼓楼区",
             "武侯区", "天河区", "雁塔区", "历下区", "西湖区", "滨江区", "南山区", "金水区", "岳麓区", "和平区"]


def build_corpus(folder: Path, megabytes: float, doc_kb: int, seed: int = 7) -> tuple[int, int]:
    rng = random.Random(seed)
    paragraphs = []
    for f in sorted((ROOT / "examples" / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 20]
    target = int(megabytes * 1024 * 1024)
    written = n = 0
    while written < target:
        home = rng.choice(DISTRICTS)
        body = [f"{home}教育局关于推进集团化办学和学区制管理工作的情况报告"]
        size = 0
        while size < doc_kb * 1024:
            p = rng.choice(paragraphs)
            for d in DISTRICTS[:8]:
                if d in p:
                    p = p.replace(d, rng.choice(DISTRICTS))
            body.append(p)
            size += len(p.encode("utf-8"))
        data = "\n\n".join(body).encode("utf-8")
        (folder / f"doc{n:05d}.txt").write_bytes(data)
        written += len(data)
        n += 1
    return n, written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--docs-kb", type=int, default=20)
    ap.add_argument("--no-model", action="store_true")
    a = ap.parse_args(argv)

    from eduminer.corpus import read_all
    from eduminer.extract import Extractor

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n_docs, n_bytes = build_corpus(folder, a.mb, a.docs_kb)
        mb = n_bytes / 1024 / 1024
        print(f"corpus: {n_docs} documents, {mb:.1f} MB")

        t = time.perf_counter()
        extractor = Extractor(model=None if a.no_model else "default")
        load = time.perf_counter() - t
        t = time.perf_counter()
        n_measures = 0
        for doc in read_all([folder]):
            for _ in extractor.extract(doc):
                n_measures += 1
        took = time.perf_counter() - t
        print(f"eduminer read+extract ({'rules only' if a.no_model else 'rules+model'}): {took:.1f} s, "
              f"{mb / took:.2f} MB/s, {n_docs / took:.0f} docs/s, {n_measures} measures (load {load:.1f} s)")

        import jieba

        texts = [f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))]
        jieba.lcut(texts[0])  # dictionary load is not part of the throughput
        t = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        jt = time.perf_counter() - t
        print(f"jieba.lcut: {jt:.1f} s, {mb / jt:.2f} MB/s")
        print(f"ratio eduminer/jieba: {(mb / took) / (mb / jt):.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss, whole process incl. jieba): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
