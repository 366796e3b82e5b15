"""Throughput of the corpus stage: normalization alone, and whole-document reads per format.

    python benchmarks/bench_corpus.py [--copies N] [--docs N] [--repeat R] [--formats txt,gbk,...]

Reads the seed files N times each, and a generated mixed-format corpus
(benchmarks/generate_corpus.py: UTF-8 text, GB18030 text, Big5 text, HTML pages,
Word files) R times, all from bytes in memory so disk speed does not count, and
prints MB/s of input for: OpenCC alone, normalize() (OpenCC + width folding +
offset map), the gazetteer's find(), jieba.lcut (for scale, when installed) and
read_bytes() end to end, per format and overall. Times are CPU time of this
process (time.process_time), so a busy machine skews them less.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SEEDS = BENCH.parent / "examples" / "seeds"


def rate(label: str, nbytes: int, seconds: float) -> None:
    print(f"{label:<38} {nbytes / 1e6 / seconds:8.1f} MB/s   ({nbytes / 1e6:.1f} MB in {seconds:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="reads of each seed file")
    parser.add_argument("--docs", type=int, default=300, help="generated documents (0: seeds only)")
    parser.add_argument("--repeat", type=int, default=3, help="reads of each generated document")
    parser.add_argument("--formats", default="txt,gbk,big5,html,docx")
    args = parser.parse_args()
    from eduminer.corpus import read_bytes
    from eduminer.corpus.normalize import normalize, to_simplified
    from eduminer.corpus.regions import gazetteer

    files = sorted(SEEDS.glob("*.txt"))
    blobs = [(f.name, f.read_bytes()) for f in files]
    texts = [b.decode("utf-8") for _, b in blobs]
    nbytes = sum(len(b) for _, b in blobs) * args.copies
    g = gazetteer()
    normalize("預熱")  # build OpenCC and the gazetteer outside the timings

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

    t0 = time.process_time()
    for _ in range(args.copies):
        for text in texts:
            g.find(text)
    rate("gazetteer.find", nbytes, time.process_time() - t0)

    try:
        import jieba

        jieba.setLogLevel(60)
        jieba.lcut("预热")
        t0 = time.process_time()
        for text in texts * max(1, args.copies // 8):
            jieba.lcut(text)
        rate("jieba.lcut (for scale)", nbytes // args.copies * max(1, args.copies // 8), time.process_time() - t0)
    except ImportError:
        pass

    t0 = time.process_time()
    for i in range(args.copies):
        for name, data in blobs:
            read_bytes(data, name, doc_id=f"{i}/{name}")
    rate("read_bytes (seeds, .txt)", nbytes, time.process_time() - t0)

    if args.docs <= 0:
        return
    sys.path.insert(0, str(BENCH))
    from generate_corpus import generate

    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    by_format: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for path in generate(tmp, docs=args.docs, seed=7, formats=formats):
            by_format[path.stem.split("_", 1)[1]].append((path.name, path.read_bytes()))
    for _, data_list in by_format.items():  # warm up each format's libraries
        read_bytes(data_list[0][1], data_list[0][0])
    total_bytes = total_seconds = 0.0
    for fmt in formats:
        docs = by_format.get(fmt, [])
        if not docs:
            continue
        size = sum(len(d) for _, d in docs) * args.repeat
        t0 = time.process_time()
        for _ in range(args.repeat):
            for name, data in docs:
                read_bytes(data, name)
        seconds = time.process_time() - t0
        total_bytes += size
        total_seconds += seconds
        rate(f"read_bytes {fmt} ({len(docs)} docs)", int(size), seconds)
    rate("read_bytes all formats", int(total_bytes), total_seconds)


if __name__ == "__main__":
    main()
