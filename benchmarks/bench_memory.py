"""Peak memory of ``eduminer run`` as the corpus grows (target: < 1 GB, no growth trend).

For each size (default 20 MB and 500 MB of input), generates a corpus into a
temporary folder (in parallel, deterministic), runs
``python -m eduminer run DIR --db DB --workers N --quiet`` in a subprocess and
samples the resident memory of the whole process tree (parent + workers, psutil)
every 0.1 s. Prints peak RSS of the tree and of the parent alone, time and MB/s.

    python benchmarks/bench_memory.py                   # 20 MB and 500 MB
    python benchmarks/bench_memory.py --sizes 20,100 --workers 2
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_corpus  # noqa: E402

MB = 1e6
AVERAGE_DOC_BYTES = 10_700  # measured mean size of a generated document (all five formats)


def _generate_range(args: tuple[str, int, int, int]) -> int:
    folder, start, count, seed = args
    return sum(p.stat().st_size for p in generate_corpus.generate(folder, docs=count, seed=seed, start=start))


def make_corpus(folder: Path, megabytes: float, seed: int = 5, jobs: int | None = None) -> tuple[int, int]:
    """At least ``megabytes`` of generated documents in ``folder``; (documents, bytes).
    Generated in parallel in rounds: a round's size is estimated from the mean document
    size, and rounds go on until the target is reached (it is a floor, not a guess)."""
    jobs = jobs or os.cpu_count() or 1
    step = 500
    docs = total = 0
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        while total < megabytes * MB:
            more = max(1, int((megabytes * MB - total) / AVERAGE_DOC_BYTES) + 1)
            tasks = [(str(folder), start, min(step, docs + more - start), seed)
                     for start in range(docs, docs + more, step)]
            total += sum(pool.imap_unordered(_generate_range, tasks))
            docs += more
    return docs, total


def tree_rss(proc) -> tuple[int, int, int]:
    """(RSS of the process and all its descendants, RSS of the process alone, PSS of the
    tree), bytes. RSS counts pages that forked workers share with the parent once per
    process; PSS splits them, so it is what the tree really costs the machine."""
    import psutil

    def pss(p) -> int:
        try:
            return getattr(p.memory_full_info(), "pss", 0)
        except (psutil.AccessDenied, psutil.NoSuchProcess):
            return 0

    try:
        parent = proc.memory_info().rss
        children = proportional = 0
        for child in proc.children(recursive=True):
            try:
                children += child.memory_info().rss
                proportional += pss(child)
            except psutil.NoSuchProcess:
                pass
        return parent + children, parent, proportional + pss(proc)
    except psutil.NoSuchProcess:
        return 0, 0, 0


def measure(folder: Path, db: Path, workers: int) -> dict:
    import psutil

    # no --quiet: the summary comes back on stdout (no progress bar: stderr is a pipe)
    cmd = [sys.executable, "-m", "eduminer", "run", str(folder), "--db", str(db), "--workers", str(workers)]
    t0 = time.perf_counter()
    popen = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc = psutil.Process(popen.pid)
    peak_tree = peak_parent = peak_pss = 0
    samples = []
    while popen.poll() is None:
        tree, parent, pss = tree_rss(proc)
        peak_tree, peak_parent, peak_pss = max(peak_tree, tree), max(peak_parent, parent), max(peak_pss, pss)
        samples.append(tree)
        time.sleep(0.1)
    out, err = popen.communicate()
    elapsed = time.perf_counter() - t0
    # exit 1 with "Error: …" lines = some files could not be read (the batch went on); that is normal
    failed = sum(1 for line in err.splitlines() if line.startswith("Error: "))
    if popen.returncode not in (0, 1) or (popen.returncode == 1 and not out.startswith("Files: ")):
        raise SystemExit(f"eduminer run failed ({popen.returncode}):\n{err[-2000:]}")
    # growth trend: mean RSS of the last third of the run against the middle third
    third = max(1, len(samples) // 3)
    middle = sum(samples[third:2 * third]) / max(1, len(samples[third:2 * third]))
    last = sum(samples[-third:]) / third
    return {"seconds": elapsed, "peak_tree": peak_tree, "peak_parent": peak_parent, "peak_pss": peak_pss,
            "growth": (last / middle) if middle else 1.0, "summary": out.strip().splitlines()[:3],
            "failed_files": failed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20,500", help="corpus sizes in MB (default 20,500)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--tmp", default=None, help="folder for the corpora (default: system temp)")
    args = parser.parse_args(argv)
    rows = []
    for size in [float(s) for s in args.sizes.split(",")]:
        tmp = Path(tempfile.mkdtemp(prefix=f"eduminer-mem-{int(size)}-", dir=args.tmp))
        try:
            t0 = time.perf_counter()
            docs, nbytes = make_corpus(tmp / "corpus", size)
            gen_s = time.perf_counter() - t0
            print(f"{size:.0f} MB: generated {docs} documents, {nbytes / MB:.1f} MB in {gen_s:.0f} s", flush=True)
            m = measure(tmp / "corpus", tmp / "eduminer.db", args.workers)
            db_mb = (tmp / "eduminer.db").stat().st_size / MB
            rows.append((nbytes / MB, docs, m))
            print(f"  run: {m['seconds']:.1f} s, {nbytes / MB / m['seconds']:.2f} MB/s, "
                  f"peak RSS parent+workers {m['peak_tree'] / MB:.0f} MB (parent {m['peak_parent'] / MB:.0f} MB, "
                  f"PSS of the tree {m['peak_pss'] / MB:.0f} MB), "
                  f"late/middle RSS {m['growth']:.2f}, db {db_mb:.0f} MB", flush=True)
            for line in m["summary"]:
                print("   ", line)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(f"{'input MB':>9} {'docs':>7} {'seconds':>8} {'MB/s':>6} {'peak RSS MB':>12} {'parent MB':>10} "
          f"{'peak PSS MB':>12}")
    for mb, docs, m in rows:
        print(f"{mb:9.1f} {docs:7d} {m['seconds']:8.1f} {mb / m['seconds']:6.2f} "
              f"{m['peak_tree'] / MB:12.0f} {m['peak_parent'] / MB:10.0f} {m['peak_pss'] / MB:12.0f}")
    if len(rows) >= 2:
        print(f"peak RSS ratio largest/smallest corpus: {rows[-1][2]['peak_tree'] / rows[0][2]['peak_tree']:.2f} "
              f"for {rows[-1][0] / rows[0][0]:.0f}x the input (target: < 1 GB, flat)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
