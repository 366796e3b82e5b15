"""Speed of the graph stage on synthetic measures: prints figures, asserts nothing.

    python benchmarks/bench_graph.py [N_MEASURES]
"""

import random
import sys
import time
import tracemalloc

from eduminer.graph import chi2_residuals, cooccurrence_graph, distinctive_measures, region_matrix, region_similarity

CATEGORIES = [f"d{d}.c{c}" for d in range(8) for c in range(5)]
REGIONS = [f"省{p}/市{c}/区{k}" for p in range(6) for c in range(3) for k in range(4)]


def synthetic(n: int, seed: int = 1):
    rng = random.Random(seed)
    made = doc = 0
    while made < n:
        doc += 1
        region = rng.choice(REGIONS)
        for sentence in range(rng.randint(20, 120)):
            for cat in rng.sample(CATEGORIES, rng.choice((0, 1, 1, 2, 3))):
                yield {"doc": f"doc{doc}", "sentence": sentence, "paragraph": sentence // 4,
                       "section": f"s{sentence // 15}", "category": cat, "region": region}
                made += 1


def timed(label, fn):
    t = time.perf_counter()
    result = fn()
    print(f"{label:<44} {time.perf_counter() - t:7.2f} s")
    return result


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rows = list(synthetic(n))
    print(f"{len(rows)} synthetic measures, {len(CATEGORIES)} categories, {len(REGIONS)} regions")
    for unit in ("sentence", "paragraph", "document"):
        timed(f"cooccurrence_graph unit={unit} npmi",
              lambda: cooccurrence_graph(rows, unit=unit, weight="npmi", taxonomy=False))
    timed("cooccurrence_graph per-region top=5",
          lambda: cooccurrence_graph(rows, top=5, group_by="region", level="county", taxonomy=False))
    m = timed("region_matrix level=county", lambda: region_matrix(rows, level="county", taxonomy=False))
    timed("chi2 + similarity + distinctive",
          lambda: (chi2_residuals(m), region_similarity(m), distinctive_measures(m)))
    del rows
    tracemalloc.start()
    cooccurrence_graph(synthetic(n), unit="sentence", taxonomy=False)
    print(f"peak memory, sentence graph streamed from a generator: "
          f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB")
