"""Search benchmark: a workspace built from a generated corpus, query latency, index size.

The corpus comes from ``generate_corpus.py`` (seed paragraphs relocated to real counties,
real titles and dates), read, coded (the real extractor) and stored by the real batch
engine (``eduminer.batch.run``), then queried with ``search`` (BM25 over FTS5) and ``kwic``
in this process. The default 2,000 documents hold about as many sentences (~90,000) as
the 10,000 short synthetic documents this benchmark used before. Prints figures; asserts nothing.

    python benchmarks/bench_search.py [--docs 2000] [--workers N] [--db /tmp/bench.db]

An existing ``--db`` is queried as it is (build once, time often).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate  # noqa: E402

QUERIES = ["教师交流轮岗", "县管校聘", "学区制改革", "集团化办学", "名校带动", "教師交流輪崗", "课程共享",
           "校长职级制", "薄弱学校", "优质教育资源"]


def generated_workspace(db: str | os.PathLike, docs: int, seed: int = 7, workers: int | None = None,
                        formats: tuple[str, ...] = ("txt",)) -> tuple[float, int]:
    """Generate ``docs`` documents and run the real pipeline on them into ``db``;
    returns (seconds, bytes of input). Shared with bench_graph.py."""
    from eduminer.batch import run

    with tempfile.TemporaryDirectory(prefix="eduminer-corpus-") as folder:
        size = sum(p.stat().st_size for p in generate(folder, docs=docs, seed=seed, formats=formats))
        t0 = time.perf_counter()
        run([folder], db=db, workers=workers, quiet=True)
        return time.perf_counter() - t0, size


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    from eduminer.workspace import kwic, search
    from eduminer.workspace.store import open_workspace

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--db", default=None, help="workspace to query (built first if it does not exist)")
    args = ap.parse_args()
    db = args.db or os.path.join(tempfile.mkdtemp(prefix="eduminer-bench-"), "bench.db")
    if not os.path.exists(db):
        build, size = generated_workspace(db, args.docs, args.seed, args.workers)
        print(f"built from {args.docs} generated documents ({size / 1e6:.1f} MB) in {build:.1f} s "
              f"with {args.workers} worker(s)")
    with open_workspace(db) as ws:
        counts = ws.counts()
        n_sentences = ws.conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"workspace: {counts['documents']} documents, {n_sentences} sentences, {counts['measures']} measures, "
          f"{counts['regions']} regions; database {os.path.getsize(db) / 2**20:.1f} MiB")
    for label, call in (("search (measures, k=20)", lambda q: search(q, db=db, k=20)),
                        ("search --sentences", lambda q: search(q, db=db, k=20, sentences=True)),
                        ("search --region 重庆", lambda q: search(q, db=db, k=20, region="重庆")),
                        ("kwic (first 50 lines)", lambda q: list(zip(range(50), kwic(q, db=db))))):
        times = []
        for _ in range(3):
            for q in QUERIES:
                t = time.perf_counter()
                try:
                    call(q)
                except Exception:  # noqa: BLE001 -- a query without hits still counts its time
                    pass
                times.append((time.perf_counter() - t) * 1000)
        pad = " " * (26 - len(label) - sum(1 for c in label if ord(c) > 0x2E80))  # CJK: two columns
        print(f"{label}{pad} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"
              f"   ({len(times)} queries)")


if __name__ == "__main__":
    main()
