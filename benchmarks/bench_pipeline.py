"""Throughput of the full pipeline against plain ``jieba.lcut``, and worker scaling.

Prints, on the same generated corpus:

1. the reference: ``jieba.lcut`` over the text of every file (one process);
2. eduminer's full pipeline (read, clean, normalize, segment, extract, code, store
   into SQLite) with one worker in this process: MB/s and the ratio to (1);
3. the pipeline with 1 and N worker processes on a mixed-format corpus, and the
   speed-up (target: 2 workers >= 1.8x one worker on 2 cores).

    python benchmarks/bench_pipeline.py                 # ~4 MB corpus, all cores
    python benchmarks/bench_pipeline.py --docs 2000 --workers 2
    python benchmarks/bench_pipeline.py --profile       # pyinstrument profile of (2)

MB are megabytes (10^6 bytes) of input files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate  # noqa: E402


def _corpus(folder: Path, docs: int, seed: int, formats: tuple[str, ...]) -> tuple[list[Path], int]:
    paths = list(generate(folder, docs=docs, seed=seed, formats=formats))
    return paths, sum(p.stat().st_size for p in paths)


def reference(paths: list[Path]) -> tuple[float, float, int]:
    """(wall s, CPU s, words) for jieba.lcut over the UTF-8 text of ``paths`` (dictionary pre-loaded)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热词典")  # load the dictionary outside the timing
    texts = [p.read_text(encoding="utf-8") for p in paths]
    t0, c0 = time.perf_counter(), time.process_time()
    words = 0
    for text in texts:
        words += len(jieba.lcut(text))
    return time.perf_counter() - t0, time.process_time() - c0, words


def pipeline(folder: Path, db: Path, workers: int, profile: bool = False) -> tuple[float, float, object]:
    """(wall s, CPU s of this process, summary) of eduminer.batch.run."""
    from eduminer.batch import run

    for suffix in ("", "-wal", "-shm", ".manifest.json"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    t0, c0 = time.perf_counter(), time.process_time()
    summary = run([folder], db=db, workers=workers, quiet=True)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return elapsed, cpu, summary


def warm_up(tmp: Path) -> None:
    """Load dictionaries, the taxonomy and the gazetteer once, as a long run would."""
    from eduminer.batch import run

    run([Path(__file__).resolve().parent.parent / "examples" / "seeds"], db=tmp / "warm.db", workers=1, quiet=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=400, help="documents per corpus (default 400, ~4 MB)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--profile", action="store_true", help="profile the one-worker pipeline run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="eduminer-bench-"))
    try:
        text_dir, mixed_dir = tmp / "utf8", tmp / "mixed"
        text_paths, text_bytes = _corpus(text_dir, args.docs, args.seed, ("txt",))
        _, mixed_bytes = _corpus(mixed_dir, args.docs, args.seed + 1, ("txt", "gbk", "big5", "html", "docx"))
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
              "(other work on the machine slows every figure below)")
        print(f"corpus: {args.docs} UTF-8 .txt files, {text_bytes / 1e6:.2f} MB; "
              f"{args.docs} mixed files (txt/gbk/big5/html/docx), {mixed_bytes / 1e6:.2f} MB")

        mb = text_bytes / 1e6
        ref_s, ref_cpu, words = reference(text_paths)
        print(f"reference  jieba.lcut           {ref_s:7.2f} s wall {mb / ref_s:6.2f} MB/s  "
              f"{ref_cpu:7.2f} s CPU {mb / ref_cpu:6.2f} MB/CPU-s  ({words} words)")

        warm_up(tmp)
        pipe_s, pipe_cpu, summary = pipeline(text_dir, tmp / "one.db", 1, profile=args.profile)
        print(f"pipeline   1 worker, in-process {pipe_s:7.2f} s wall {mb / pipe_s:6.2f} MB/s  "
              f"{pipe_cpu:7.2f} s CPU {mb / pipe_cpu:6.2f} MB/CPU-s  "
              f"({summary.documents} documents, {summary.measures} measures, {summary.failed} failed)")
        print(f"ratio      pipeline / reference = {ref_s / pipe_s:.2f}x wall, {ref_cpu / pipe_cpu:.2f}x CPU   "
              f"(target >= 2.0x per core)")

        one_s, _, one = pipeline(mixed_dir, tmp / "mixed1.db", 1)
        print(f"mixed      1 worker             {one_s:7.2f} s  {mixed_bytes / 1e6 / one_s:6.2f} MB/s  "
              f"{one.processed / one_s:7.1f} files/s")
        if args.workers > 1:
            many_s, _, many = pipeline(mixed_dir, tmp / "mixedN.db", args.workers)
            print(f"mixed      {args.workers} workers            {many_s:7.2f} s  "
                  f"{mixed_bytes / 1e6 / many_s:6.2f} MB/s  {many.processed / many_s:7.1f} files/s")
            print(f"scaling    {args.workers} workers / 1 worker = {one_s / many_s:.2f}x   "
                  f"(target >= {0.9 * args.workers:.1f}x on {os.cpu_count()} cores)")
            if many.measures != one.measures:
                print(f"WARNING: {many.measures} measures with {args.workers} workers, {one.measures} with 1")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
