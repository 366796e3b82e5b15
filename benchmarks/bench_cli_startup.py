"""Start-up time of the command line: `eduminer --help` and `eduminer search` (issue #6).

    python benchmarks/bench_cli_startup.py [-n RUNS]

Builds a small real workspace first (`eduminer run examples/seeds`, not timed), then runs
each command N times as a subprocess, interleaved (so a burst of load elsewhere hits
every command alike), and prints the median wall time from process start to exit, the
fastest run, and the median CPU time of the process. Target: both under 300 ms.

Like an installed package, eduminer's modules load from bytecode (a temporary
PYTHONPYCACHEPREFIX, even where PYTHONDONTWRITEBYTECODE is set), and the query caches
(EDUMINER_CACHE_DIR, a temporary folder) are built by one untimed search whose time is
printed separately: it is paid once per user and version. Ends with the slowest imports
of `eduminer search` (python -X importtime).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300
QUERY = "教师交流轮岗"


def eduminer_command() -> list[str]:
    """The console script installed beside this Python, else `python -m eduminer`."""
    script = shutil.which("eduminer", path=str(Path(sys.executable).parent)) or shutil.which("eduminer")
    return [script] if script else [sys.executable, "-m", "eduminer"]


def padded(name: str, width: int = 32) -> str:
    """``name`` left-aligned in ``width`` terminal columns (a CJK character takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in name)
    return name + " " * max(1, width - columns)


def timed_run(cmd: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall s, CPU s of the child, the finished process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return wall, cpu, proc


def slowest_imports(cmd: list[str], env: dict, top: int = 8) -> list[tuple[int, str]]:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True, env={**env, "PYTHONPROFILEIMPORTTIME": "1"})
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        # "import time:   self [us] | cumulative | imported package"
        _, cumulative_us, name = line.split(":", 1)[1].split("|")
        rows.append((int(cumulative_us), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=15)
    args = parser.parse_args()
    eduminer = eduminer_command()
    with tempfile.TemporaryDirectory(prefix="eduminer-startup-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"), EDUMINER_CACHE_DIR=str(Path(tmp) / "cache"))
        db = str(Path(tmp) / "seeds.db")
        timed_run([*eduminer, "run", str(ROOT / "examples" / "seeds"), "--db", db, "--workers", "1", "-q"], env)
        search = [*eduminer, "search", QUERY, "--db", db, "-k", "3"]
        first, _, proc = timed_run(search, env)
        if QUERY not in proc.stdout:
            raise SystemExit(f"unexpected search output:\n{proc.stdout}")
        commands = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "eduminer --help": [*eduminer, "--help"],
            f"eduminer search {QUERY}": search,
            "eduminer search 教師交流輪崗": [*eduminer, "search", "教師交流輪崗", "--db", db, "-k", "3"],
            "eduminer kwic 县管校聘": [*eduminer, "kwic", "县管校聘", "--db", db],
            "import eduminer.cli": [sys.executable, "-c", "import eduminer.cli"],
        }
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                wall, cpu, _ = timed_run(cmd, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.runs} runs each, "
              f"workspace: the {len(list((ROOT / 'examples' / 'seeds').glob('*.txt')))} seed documents")
        print(f"{padded('')}{'median':>8s} {'fastest':>8s} {'CPU':>8s}   (ms; target < {TARGET_MS} ms wall)")
        for name in commands:
            flag = ""
            if name.startswith("eduminer"):
                flag = "ok" if statistics.median(walls[name]) * 1000 < TARGET_MS else "MISSES TARGET"
            print(f"{padded(name)}{statistics.median(walls[name]) * 1000:8.1f} {min(walls[name]) * 1000:8.1f} "
                  f"{statistics.median(cpus[name]) * 1000:8.1f}   {flag}")
        print(f"first search of a user (builds the query caches once): {first * 1000:.0f} ms")
        print("slowest imports of `eduminer search` (cumulative, python -X importtime):")
        for cumulative_us, name in slowest_imports(search, env):
            print(f"  {cumulative_us / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
