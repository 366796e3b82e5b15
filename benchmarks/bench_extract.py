"""Extraction throughput vs plain jieba.lcut, on a generated corpus of real paragraphs.

    python benchmarks/bench_extract.py [--mb 20] [--no-model] [--formats txt]

Builds a corpus of >= --mb MB with benchmarks/generate_corpus.py (seed paragraphs
relocated to real administrative units, UTF-8 text by default), then, in ONE
process and in turns of --chunk documents, alternates:

- eduminer: read (decode, clean, normalize, split) + extract (rules, model, stage,
  region, quantities) of the files, as ``eduminer extract`` streams them;
- jieba.lcut over the same files' text (the reference; dictionary pre-loaded).

Alternating in small turns means both see the same machine load (the machines are
shared); CPU time (``process_time``) is reported beside wall time. Prints MB/s,
documents/s, the ratio eduminer/jieba (target >= 5x) and peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (10^6 bytes)")
    ap.add_argument("--formats", default="txt", help="comma-separated formats of generate_corpus.py")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--no-model", action="store_true", help="rules only")
    ap.add_argument("--chunk", type=int, default=32,
                    help="documents per turn; eduminer codes a turn's sentences in one model call")
    a = ap.parse_args(argv)

    import jieba

    from eduminer.corpus import read
    from eduminer.extract import Extractor

    jieba.setLogLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        paths = list(generate(tmp, seed=a.seed, formats=tuple(a.formats.split(",")), max_bytes=int(a.mb * 1e6)))
        n_bytes = sum(p.stat().st_size for p in paths)
        mb = n_bytes / 1e6
        print(f"corpus: {len(paths)} documents, {mb:.1f} MB ({a.formats})")

        t = time.perf_counter()
        extractor = Extractor(model=None if a.no_model else "default")
        jieba.lcut("预热词典")  # the dictionary load is not part of either throughput
        print(f"load: extractor + jieba dictionary {time.perf_counter() - t:.1f} s")

        ours = [0.0, 0.0]  # wall, cpu
        ref = [0.0, 0.0]
        n_measures = n_sentences = 0
        for chunk in (paths[i:i + a.chunk] for i in range(0, len(paths), a.chunk)):
            w, c = time.perf_counter(), time.process_time()
            docs = [read(path) for path in chunk]
            for _ in extractor.extract_many(docs):
                n_measures += 1
            ours[0] += time.perf_counter() - w
            ours[1] += time.process_time() - c
            n_sentences += sum(len(doc.sentences) for doc in docs)
            texts = []
            for path, doc in zip(chunk, docs):
                try:  # the file's own text; for legacy encodings and markup, the body eduminer read
                    texts.append(path.read_bytes().decode("utf-8") if path.suffix == ".txt" else doc.original)
                except UnicodeDecodeError:
                    texts.append(doc.original)
            w, c = time.perf_counter(), time.process_time()
            for text in texts:
                jieba.lcut(text)
            ref[0] += time.perf_counter() - w
            ref[1] += time.process_time() - c

    mode = "rules only" if a.no_model else "rules+model"
    print(f"eduminer read+extract ({mode}): {ours[1]:.1f} CPU-s ({ours[0]:.1f} s wall), "
          f"{mb / ours[1]:.2f} MB/s, {len(paths) / ours[1]:.0f} docs/s, "
          f"{n_sentences} sentences, {n_measures} measures")
    print(f"jieba.lcut:                         {ref[1]:.1f} CPU-s ({ref[0]:.1f} s wall), {mb / ref[1]:.2f} MB/s")
    print(f"ratio eduminer/jieba: {ref[1] / ours[1]:.2f}x CPU ({ref[0] / ours[0]:.2f}x wall)   target >= 5x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss, whole process incl. jieba): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
