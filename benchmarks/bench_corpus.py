"""Throughput of the corpus stage: normalization alone, and whole-document reads.

    python benchmarks/bench_corpus.py [--copies N]

Reads the five seed files N times each (bytes in memory, so disk speed does not
count) and prints MB/s of input for: normalize() (OpenCC + width folding +
offset map), the gazetteer's find(), and read_bytes() end to end. Times are CPU
time of this process (time.process_time), so a busy machine skews them less.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def rate(label: str, nbytes: int, seconds: float) -> None:
    print(f"{label:<34} {nbytes / 1e6 / seconds:8.1f} MB/s   ({nbytes / 1e6:.1f} MB in {seconds:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args()
    from eduminer.corpus import read_bytes
    from eduminer.corpus.normalize import normalize
    from eduminer.corpus.regions import gazetteer

    files = sorted(SEEDS.glob("*.txt"))
    blobs = [(f.name, f.read_bytes()) for f in files]
    texts = [b.decode("utf-8") for _, b in blobs]
    nbytes = sum(len(b) for _, b in blobs) * args.copies
    gazetteer()
    normalize("预热")  # build OpenCC and the gazetteer outside the timings

    from eduminer.corpus.normalize import to_simplified

    t0 = time.process_time()
    for _ in range(args.copies):
        for text in texts:
            to_simplified(text)
    rate("OpenCC t2s alone (floor)", nbytes, time.process_time() - t0)

    t0 = time.process_time()
    for _ in range(args.copies):
        for text in texts:
            normalize(text)
    rate("normalize (t2s + offsets)", nbytes, time.process_time() - t0)

    g = gazetteer()
    t0 = time.process_time()
    for _ in range(args.copies):
        for text in texts:
            g.find(text)
    rate("gazetteer.find", nbytes, time.process_time() - t0)

    t0 = time.process_time()
    for i in range(args.copies):
        for name, data in blobs:
            read_bytes(data, name, doc_id=f"{i}/{name}")
    rate("read_bytes (everything, .txt)", nbytes, time.process_time() - t0)


if __name__ == "__main__":
    main()
