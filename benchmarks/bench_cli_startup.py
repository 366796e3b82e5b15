"""How long `eduminer --help` takes, and what importing eduminer.cli costs.

    python benchmarks/bench_cli_startup.py [-n RUNS]

Prints the median wall time of N `eduminer --help` subprocess runs, the median
time of `python -c "import eduminer.cli"`, of `eduminer search QUERY` on a small
workspace (the five seeds; target < 0.3 s like --help), and the slowest imports
reported by `python -X importtime`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def median_wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def slowest_imports(top: int = 8) -> list[tuple[int, str]]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import eduminer.cli"],
                          capture_output=True, text=True, check=True)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        # "import time:   self [us] | cumulative | imported package"
        self_us, cumulative_us, name = line.split(":", 1)[1].split("|")
        rows.append((int(cumulative_us), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def small_workspace(folder: str) -> str:
    """The five seed documents stored in a fresh workspace (built once, not timed)."""
    from pathlib import Path

    from eduminer.batch import run

    db = str(Path(folder) / "seeds.db")
    run([Path(__file__).resolve().parent.parent / "examples" / "seeds"], db=db, workers=1, quiet=True)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=15)
    args = parser.parse_args()
    exe = shutil.which("eduminer")
    help_cmd = [exe, "--help"] if exe else [sys.executable, "-m", "eduminer.cli", "--help"]
    baseline = median_wall([sys.executable, "-c", "pass"], args.runs)
    help_time = median_wall(help_cmd, args.runs)
    import_time = median_wall([sys.executable, "-c", "import eduminer.cli"], args.runs)
    print(f"python startup (baseline):   {baseline * 1000:7.1f} ms  (median of {args.runs})")
    print(f"eduminer --help:             {help_time * 1000:7.1f} ms")
    print(f"import eduminer.cli:         {import_time * 1000:7.1f} ms")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        db = small_workspace(tmp)
        search_cmd = ([exe] if exe else [sys.executable, "-m", "eduminer.cli"]) + [
            "search", "教师交流轮岗", "--db", db, "-k", "3"]
        search_time = median_wall(search_cmd, args.runs)
    print(f"eduminer search (seeds db):  {search_time * 1000:7.1f} ms  (target < 300 ms)")
    print("slowest imports (cumulative, python -X importtime):")
    for cumulative_us, name in slowest_imports():
        print(f"  {cumulative_us / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
