"""Compare regions: who does which reform measures, more or less than expected.

All functions return tidy tables (lists of dicts) or a small frozen dataclass, and
read measure records as a stream (only counts are kept).

- :func:`region_matrix`  region x category counts, and measures per document
- :func:`chi2_residuals` Pearson residuals (O-E)/sqrt(E) -- their squares sum to the
  chi-square statistic -- and adjusted standardized residuals
  (O-E)/sqrt(E(1-row/N)(1-col/N)), which are ~N(0,1) under independence: |r| > 1.96
  marks a measure over- or under-represented in a region at the 5 % level
- :func:`region_similarity`, :func:`most_similar` cosine of count profiles and
  Jaccard of the sets of categories present
- :func:`distinctive_measures` keyness of each category in a region against all
  other regions: log-likelihood G2 of the full 2x2 table (signed: + over-, - under-
  represented), its p-value (chi-square, 1 df), Benjamini-Hochberg q-value within the
  region, and effect sizes log ratio (log2 of the ratio of relative frequencies) and
  %DIFF; a zero frequency is replaced by 0.5 for the effect sizes only
- :func:`contrast_graph` one co-occurrence graph over two groups of regions with each
  edge's weight in both and Fisher's exact test of the difference (BH-corrected)

>>> rows = [{"doc": "a", "category": "x.p", "region": "天津市/宁河区"},
...         {"doc": "a", "category": "x.q", "region": "天津市/宁河区"},
...         {"doc": "b", "category": "x.p", "region": "上海市/普陀区"}]
>>> m = region_matrix(rows)
>>> m.regions, m.categories, m.counts
(('上海市/普陀区', '天津市/宁河区'), ('x.p', 'x.q'), ((1, 0), (1, 1)))
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eduminer.errors import Errors, SelectionError
from eduminer.graph.cooccurrence import (WEIGHTS, _check_choice, _Counts, _node_attributes, _taxonomy,
                                         add_structure, edge_weights)
from eduminer.graph.selection import UNITS, _matches, resolve_regions, select, unit_key


@dataclass(frozen=True)
class RegionMatrix:
    """Counts of measures by region (rows) and category (columns)."""

    regions: tuple[str, ...]
    categories: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    documents: tuple[int, ...]  # documents with at least one measure, per region
    labels: tuple[str, ...] = field(default=())  # Chinese label per category

    def label(self, j: int) -> str:
        return self.labels[j] if j < len(self.labels) and self.labels[j] else self.categories[j]

    def row(self, region: str) -> tuple[int, ...]:
        return self.counts[self.regions.index(region)]

    def to_rows(self) -> list[dict]:
        """Tidy rows: region, category, label, count, documents, rate (measures per document)."""
        return [
            {"region": r, "category": c, "label": self.label(j), "count": self.counts[i][j],
             "documents": self.documents[i], "rate": self.counts[i][j] / self.documents[i]}
            for i, r in enumerate(self.regions) for j, c in enumerate(self.categories)
        ]

    def wide(self) -> list[dict]:
        """One row per region, one column per category (counts), plus totals."""
        return [
            {"region": r, "documents": self.documents[i], "measures": sum(self.counts[i]),
             **{self.label(j): self.counts[i][j] for j in range(len(self.categories))}}
            for i, r in enumerate(self.regions)
        ]


def region_matrix(
    measures: Iterable[Any],
    level: str | None = None,
    regions: Iterable[str] | None = None,
    taxonomy: Any = None,
) -> RegionMatrix:
    """Count measures per (region, category), regions rolled up to ``level``.

    ``regions`` keeps only those regions (names, paths or ancestors). Raises
    SelectionError E301 when no measure is selected.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, set[str]] = defaultdict(set)
    label_votes: dict[str, Counter] = defaultdict(Counter)
    for item in select(measures, regions=regions, level=level):
        counts[item.region][item.category] += 1
        docs[item.region].add(item.doc)
        if item.label:
            label_votes[item.category][item.label] += 1
    if not counts:
        raise SelectionError(Errors.E301, detail=f" for regions {', '.join(regions)}" if regions else "")
    region_list = tuple(sorted(counts))
    categories = tuple(sorted({c for row in counts.values() for c in row}))
    tax = _taxonomy(taxonomy)
    labels = tuple(
        (tax.get(c).label if tax is not None and c in tax and tax.get(c).label else "")
        or (label_votes[c].most_common(1)[0][0] if label_votes[c] else c)
        for c in categories
    )
    return RegionMatrix(
        regions=region_list,
        categories=categories,
        counts=tuple(tuple(counts[r][c] for c in categories) for r in region_list),
        documents=tuple(len(docs[r]) for r in region_list),
        labels=labels,
    )


def _need(what: str, n: int, unit: str, got: int) -> None:
    if got < n:
        raise SelectionError(Errors.E303, what=what, n=n, unit=unit, got=got)


def chi2_residuals(matrix: RegionMatrix) -> list[dict]:
    """Tidy rows of the region x category table with expected counts, Pearson
    residuals ``residual`` = (O-E)/sqrt(E) and adjusted standardized residuals
    ``adjusted_residual`` = (O-E)/sqrt(E (1 - row/N) (1 - col/N)).

    >>> m = RegionMatrix(("A", "B"), ("p", "q"), ((10, 0), (0, 10)), (1, 1))
    >>> [round(r["residual"], 3) for r in chi2_residuals(m)]
    [2.236, -2.236, -2.236, 2.236]
    """
    _need("a chi-square table", 2, "regions", len(matrix.regions))
    _need("a chi-square table", 2, "categories", len(matrix.categories))
    row_sums = [sum(r) for r in matrix.counts]
    col_sums = [sum(col) for col in zip(*matrix.counts)]
    total = sum(row_sums)
    rows = []
    for i, region in enumerate(matrix.regions):
        for j, category in enumerate(matrix.categories):
            observed = matrix.counts[i][j]
            expected = row_sums[i] * col_sums[j] / total
            residual = (observed - expected) / math.sqrt(expected)
            denom = math.sqrt(expected * (1 - row_sums[i] / total) * (1 - col_sums[j] / total))
            rows.append({
                "region": region, "category": category, "label": matrix.label(j),
                "count": observed, "documents": matrix.documents[i],
                "rate": observed / matrix.documents[i], "expected": expected,
                "residual": residual, "adjusted_residual": (observed - expected) / denom if denom else 0.0,
            })
    return rows


def _cosine(u: Sequence[float], v: Sequence[float]) -> float:
    nu, nv = math.sqrt(sum(x * x for x in u)), math.sqrt(sum(x * x for x in v))
    return sum(x * y for x, y in zip(u, v)) / (nu * nv) if nu and nv else 0.0


def _jaccard(u: Sequence[float], v: Sequence[float]) -> float:
    a = {i for i, x in enumerate(u) if x}
    b = {i for i, x in enumerate(v) if x}
    return len(a & b) / len(a | b) if a | b else 0.0


def region_similarity(matrix: RegionMatrix) -> list[dict]:
    """Every pair of regions with the cosine of their count profiles and the
    Jaccard index of the categories they have, most similar (cosine) first.

    >>> m = RegionMatrix(("A", "B", "C"), ("p", "q"), ((1, 1), (2, 2), (1, 0)), (1, 1, 1))
    >>> [(r["region_a"], r["region_b"], round(r["cosine"], 3), r["jaccard"]) for r in region_similarity(m)]
    [('A', 'B', 1.0, 1.0), ('A', 'C', 0.707, 0.5), ('B', 'C', 0.707, 0.5)]
    """
    _need("region similarity", 2, "regions", len(matrix.regions))
    rows = []
    for i, a in enumerate(matrix.regions):
        for j in range(i + 1, len(matrix.regions)):
            u, v = matrix.counts[i], matrix.counts[j]
            rows.append({"region_a": a, "region_b": matrix.regions[j],
                         "cosine": _cosine(u, v), "jaccard": _jaccard(u, v),
                         "shared": sum(1 for x, y in zip(u, v) if x and y)})
    rows.sort(key=lambda r: (-r["cosine"], r["region_a"], r["region_b"]))
    return rows


def most_similar(matrix: RegionMatrix, region: str, n: int = 5, metric: str = "cosine") -> list[dict]:
    """The ``n`` regions whose measure profiles are closest to ``region``.

    >>> m = RegionMatrix(("A", "B", "C"), ("p", "q"), ((1, 1), (2, 2), (1, 0)), (1, 1, 1))
    >>> [r["similar"] for r in most_similar(m, "A")]
    ['B', 'C']
    """
    _check_choice("similarity metric", metric, ("cosine", "jaccard"))
    (target,) = resolve_regions([region], matrix.regions)[:1]
    i = matrix.regions.index(target)
    rows = []
    for j, other in enumerate(matrix.regions):
        if j != i:
            u, v = matrix.counts[i], matrix.counts[j]
            rows.append({"region": target, "similar": other, "cosine": _cosine(u, v), "jaccard": _jaccard(u, v)})
    rows.sort(key=lambda r: (-r[metric], r["similar"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows[:n]


def log_likelihood(a: int, b: int, size_a: int, size_b: int) -> float:
    """G2 of the 2x2 table [[a, size_a - a], [b, size_b - b]] (0 ln 0 = 0).

    >>> round(log_likelihood(10, 10, 100, 1000), 4)
    22.9078
    """
    table = ((a, size_a - a), (b, size_b - b))
    total = size_a + size_b
    cols = (a + b, total - a - b)
    g2 = 0.0
    for i, row in enumerate(table):
        for j, observed in enumerate(row):
            if observed > 0:
                expected = sum(row) * cols[j] / total
                g2 += observed * math.log(observed / expected)
    return 2.0 * g2


def distinctive_measures(matrix: RegionMatrix, region: str | None = None, top: int | None = None) -> list[dict]:
    """Keyness of each category in each region (or just ``region``) against the rest.

    Rows: region, category, label, count, rest_count, share (of the region's measures),
    rest_share, g2 (signed: + over-represented), p_value, q_value (BH within the
    region), log_ratio, pct_diff, direction (over | under | same). Sorted by region,
    then signed G2 from most over- to most under-represented; ``top`` keeps the first
    N per region.

    >>> m = RegionMatrix(("A", "B"), ("p", "q"), ((9, 1), (1, 9)), (1, 1))
    >>> r = distinctive_measures(m, "A")[0]
    >>> r["category"], r["direction"], round(r["log_ratio"], 3)
    ('p', 'over', 3.17)
    """
    from scipy.stats import chi2, false_discovery_control

    _need("distinctive measures", 2, "regions", len(matrix.regions))
    targets = resolve_regions([region], matrix.regions) if region else list(matrix.regions)
    totals = [sum(r) for r in matrix.counts]
    grand = sum(totals)
    col_sums = [sum(col) for col in zip(*matrix.counts)]
    out = []
    for target in targets:
        i = matrix.regions.index(target)
        size_a, size_b = totals[i], grand - totals[i]
        rows = []
        for j, category in enumerate(matrix.categories):
            a = matrix.counts[i][j]
            b = col_sums[j] - a
            share_a, share_b = a / size_a, (b / size_b if size_b else 0.0)
            g2 = log_likelihood(a, b, size_a, size_b) if size_b else 0.0
            adj_a, adj_b = (a or 0.5) / size_a, (b or 0.5) / max(size_b, 1)
            direction = "over" if share_a > share_b else "under" if share_a < share_b else "same"
            rows.append({
                "region": target, "category": category, "label": matrix.label(j),
                "count": a, "rest_count": b, "share": share_a, "rest_share": share_b,
                "g2": g2 if direction != "under" else -g2, "p_value": float(chi2.sf(g2, 1)),
                "log_ratio": math.log2(adj_a / adj_b), "pct_diff": (adj_a - adj_b) / adj_b * 100.0,
                "direction": direction,
            })
        qs = false_discovery_control([r["p_value"] for r in rows], method="bh")
        for r, q in zip(rows, qs):
            r["q_value"] = float(q)
        rows.sort(key=lambda r: (-r["g2"], r["category"]))
        out.extend(rows[:top] if top is not None else rows)
    return out


def contrast_graph(
    measures: Iterable[Any],
    group_a: Iterable[str],
    group_b: Iterable[str],
    unit: str = "sentence",
    weight: str = "count",
    level: str | None = None,
    min_count: int = 1,
    alpha: float = 0.05,
    taxonomy: Any = None,
    seed: int = 42,
):
    """One graph over the categories of two groups of regions, for comparison.

    Each edge carries, for side ``a`` and ``b``: ``count_a`` (units with both
    categories), ``units_a`` (all units of the side), ``share_a`` = count/units and
    ``weight_a`` (the chosen weight within the side); then ``diff`` = share_a - share_b,
    ``log_odds_ratio`` (0.5 added to every cell), ``p_value`` of Fisher's exact test
    on [[count_a, units_a - count_a], [count_b, units_b - count_b]], ``q_value``
    (Benjamini-Hochberg over all edges) and ``favours`` = "a", "b" or "" (q >= alpha).
    ``weight``/``count`` hold the pooled values, so the graph draws and exports like
    any co-occurrence graph. Pairs shared in fewer than ``min_count`` units in total
    are dropped.
    """
    import networkx as nx
    from scipy.stats import false_discovery_control, fisher_exact

    _check_choice("unit", unit, UNITS)
    _check_choice("weight", weight, WEIGHTS)
    names_a = [r for r in group_a if r.strip()]
    names_b = [r for r in group_b if r.strip()]
    if not names_a or not names_b:
        raise SelectionError(Errors.E303, what="a contrast", n=1, unit="region on each side",
                             got=min(len(names_a), len(names_b)))
    sides = {"a": _Counts(), "b": _Counts()}
    pooled = _Counts()
    seen: set[str] = set()
    overlap: set[str] = set()
    meta: dict[str, Counter] = defaultdict(Counter)
    matched: set[str] = set()
    for item in select(measures, level=level):
        seen.add(item.region)
        in_a = [n for n in names_a if _matches(n, item.region)]
        in_b = [n for n in names_b if _matches(n, item.region)]
        matched.update(in_a + in_b)
        if in_a and in_b:
            overlap.add(item.region)
            continue
        if not (in_a or in_b):
            continue
        key = unit_key(item, unit)
        sides["a" if in_a else "b"].units[key].add(item.category)
        pooled.units[key].add(item.category)
        meta[item.category][("label", item.label)] += 1
        meta[item.category][("dimension", item.dimension)] += 1
    if overlap:
        raise SelectionError(Errors.E306, regions=", ".join(sorted(overlap)))
    missing = [n for n in names_a + names_b if n not in matched]
    if missing:
        resolve_regions(missing, seen)
    for side, names in (("a", names_a), ("b", names_b)):
        if not sides[side].units:
            raise SelectionError(Errors.E301, detail=f" for side {side} ({', '.join(names)})")

    n_a, nodes_a, pairs_a = sides["a"].tally()
    n_b, nodes_b, pairs_b = sides["b"].tally()
    n_all, nodes_all, pairs_all = pooled.tally()
    tax = _taxonomy(taxonomy)
    G = nx.Graph(unit=unit, weight=weight, nodes="category", level=level or "",
                 group_a="|".join(names_a), group_b="|".join(names_b), units_a=n_a, units_b=n_b)
    for node in sorted(nodes_all):
        G.add_node(node, **_node_attributes(node, "category", meta[node], tax),
                   frequency=nodes_all[node], frequency_a=nodes_a[node], frequency_b=nodes_b[node])
    edges = []
    for (x, y), c in sorted(pairs_all.items()):
        if c < min_count:
            continue
        ca, cb = pairs_a[(x, y)], pairs_b[(x, y)]
        _, p = fisher_exact([[ca, n_a - ca], [cb, n_b - cb]])
        w_all = edge_weights(c, nodes_all[x], nodes_all[y], n_all)
        attrs = {
            "weight": float(w_all[weight]), "count": int(c),
            "count_a": int(ca), "units_a": int(n_a), "share_a": ca / n_a,
            "weight_a": float(edge_weights(ca, nodes_a[x], nodes_a[y], n_a)[weight]),
            "count_b": int(cb), "units_b": int(n_b), "share_b": cb / n_b,
            "weight_b": float(edge_weights(cb, nodes_b[x], nodes_b[y], n_b)[weight]),
            "diff": ca / n_a - cb / n_b,
            "log_odds_ratio": math.log(((ca + 0.5) * (n_b - cb + 0.5)) / ((n_a - ca + 0.5) * (cb + 0.5))),
            "p_value": float(p),
        }
        edges.append((x, y, attrs))
    if not edges:
        raise SelectionError(Errors.E302, detail=f" in either group (unit {unit})")
    qs = false_discovery_control([e[2]["p_value"] for e in edges], method="bh")
    for (x, y, attrs), q in zip(edges, qs):
        attrs["q_value"] = float(q)
        attrs["favours"] = ("a" if attrs["diff"] > 0 else "b") if q < alpha else ""
        G.add_edge(x, y, **attrs)
    add_structure(G, seed=seed)
    return G
