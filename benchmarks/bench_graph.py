"""Speed of the graph stage on measures coded from a generated corpus: prints figures, asserts nothing.

The measures come from ``generate_corpus.py`` documents run through the real pipeline
(see ``bench_search.generated_workspace``): real categories, stages, sentence/paragraph/
section structure. To reach N measures without coding N/50 documents, the coded documents
are repeated, each copy relocated to one of ``--regions`` real counties of the generator's
gazetteer table (72 by default, as many as the synthetic regions this benchmark used
before), so co-occurrence within documents stays real.

    python benchmarks/bench_graph.py [N_MEASURES] [--docs 200] [--regions 72] [--db coded.db]
"""

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import generated_workspace  # noqa: E402
from generate_corpus import regions  # noqa: E402

from eduminer.graph import (  # noqa: E402
    chi2_residuals, cooccurrence_graph, distinctive_measures, region_matrix, region_similarity,
)
from eduminer.workspace.store import open_workspace  # noqa: E402


def coded_documents(db: str) -> list[list[dict]]:
    """The stored measures of each document (the ``Workspace.iter_measures`` rows)."""
    by_doc: dict[str, list[dict]] = {}
    with open_workspace(db) as ws:
        for row in ws.iter_measures():
            by_doc.setdefault(row["doc"], []).append(row)
    return list(by_doc.values())


def counties(n: int, seed: int = 1) -> list[str]:
    """``n`` real county paths (province/city/county; 上海市/普陀区 for municipalities)."""
    _, triples = regions()
    return ["/".join(dict.fromkeys(t)) for t in random.Random(seed).sample(triples, n)]


def scaled(documents: list[list[dict]], n: int, places: list[str], seed: int = 1):
    """``n`` measures: the coded documents in turn, each copy moved to a random one of ``places``."""
    rng = random.Random(seed)
    made = copy = 0
    while True:
        copy += 1
        for rows in documents:
            region = rng.choice(places)
            doc = f"{rows[0]['doc']}#{copy}"
            for row in rows:
                if made >= n:
                    return
                yield {**row, "doc": doc, "region": region, "region_code": ""}
                made += 1


def timed(label, fn):
    t = time.perf_counter()
    result = fn()
    print(f"{label:<44} {time.perf_counter() - t:7.2f} s")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("measures", nargs="?", type=int, default=200_000)
    ap.add_argument("--docs", type=int, default=200, help="generated documents to code (default 200)")
    ap.add_argument("--regions", type=int, default=72, help="real counties the copies are spread over")
    ap.add_argument("--db", default=None, help="coded workspace to reuse (built first if missing)")
    args = ap.parse_args()
    db = args.db or os.path.join(tempfile.mkdtemp(prefix="eduminer-bench-"), "coded.db")
    if not os.path.exists(db):
        seconds, size = generated_workspace(db, args.docs)
        print(f"coded {args.docs} generated documents ({size / 1e6:.1f} MB) in {seconds:.1f} s")
    documents = coded_documents(db)
    base = sum(len(d) for d in documents)
    n = args.measures
    places = counties(args.regions)
    rows = list(scaled(documents, n, places))
    print(f"{len(rows)} measures ({base} coded in {len(documents)} documents, repeated), "
          f"{len({r['category'] for r in rows})} categories, {len({r['region'] for r in rows})} regions, "
          f"{len({r['doc'] for r in rows})} documents")
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
    cooccurrence_graph(scaled(documents, n, places), unit="sentence", taxonomy=False)
    print(f"peak memory, sentence graph streamed from a generator: "
          f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
