"""Co-occurrence graphs of coded measures.

Two nodes (categories, or the cue terms that fired) are linked when they occur in
the same *unit*: a sentence, paragraph, section or whole document. Counts are over
units that hold at least one selected measure (``n_units``); units without any
measure are not seen in measure records and are not counted.

Edge weights for nodes a, b with ``n_a``, ``n_b`` units each and ``n_ab`` together,
out of ``N`` units:

- ``count``   n_ab
- ``jaccard`` n_ab / (n_a + n_b - n_ab)
- ``dice``    2 n_ab / (n_a + n_b)
- ``ochiai``  n_ab / sqrt(n_a n_b)   (cosine of the unit-incidence vectors)
- ``npmi``    log(p_ab / (p_a p_b)) / -log(p_ab), p = n / N  (1.0 when p_ab = 1)

>>> w = edge_weights(2, 3, 4, 10)
>>> w["count"], round(w["jaccard"], 4), round(w["dice"], 4), round(w["ochiai"], 4)
(2, 0.4, 0.5714, 0.5774)
>>> rows = [{"doc": "a", "sentence": 0, "category": "model.school_district"},
...         {"doc": "a", "sentence": 0, "category": "personnel.teacher_rotation"},
...         {"doc": "a", "sentence": 1, "category": "model.school_district"}]
>>> G = cooccurrence_graph(rows, taxonomy=False)
>>> G.edges["model.school_district", "personnel.teacher_rotation"]["count"]
1
>>> G.nodes["model.school_district"]["frequency"]
2
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from eduminer.errors import Errors, SelectionError
from eduminer.graph.selection import UNITS, _did_you_mean, select, unit_key

WEIGHTS = ("count", "jaccard", "dice", "ochiai", "npmi")
NODE_KINDS = ("category", "trigger")
GROUP_BY = ("region", "doc")


def edge_weights(n_ab: int, n_a: int, n_b: int, n_units: int) -> dict[str, float]:
    """All association weights of a pair from its unit counts (see the module docstring).

    >>> round(edge_weights(1, 1, 1, 4)["npmi"], 6)
    1.0
    >>> round(edge_weights(1, 2, 2, 4)["npmi"], 6)
    0.0
    """
    jaccard = n_ab / (n_a + n_b - n_ab) if n_a + n_b - n_ab else 0.0
    dice = 2 * n_ab / (n_a + n_b) if n_a + n_b else 0.0
    ochiai = n_ab / math.sqrt(n_a * n_b) if n_a and n_b else 0.0
    if n_ab == 0 or not n_units:
        npmi = -1.0
    elif n_ab == n_units:
        npmi = 1.0  # p_ab = 1: the pair is in every unit, perfect association
    else:
        p_ab, p_a, p_b = n_ab / n_units, n_a / n_units, n_b / n_units
        npmi = math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
    return {"count": n_ab, "jaccard": jaccard, "dice": dice, "ochiai": ochiai, "npmi": npmi}


def _check_choice(kind: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise SelectionError(Errors.E304, kind=kind, value=value, suggestion=_did_you_mean(value, choices))


class _Counts:
    """Unit incidence counts for one group of units."""

    def __init__(self) -> None:
        self.units: dict[tuple, set[str]] = defaultdict(set)

    def tally(self) -> tuple[int, Counter, Counter]:
        nodes: Counter = Counter()
        pairs: Counter = Counter()
        for members in self.units.values():
            nodes.update(members)
            pairs.update(combinations(sorted(members), 2))
        return len(self.units), nodes, pairs


def cooccurrence_graph(
    measures: Iterable[Any],
    unit: str = "sentence",
    weight: str = "count",
    nodes: str = "category",
    regions: Iterable[str] | None = None,
    level: str | None = None,
    min_node_count: int = 1,
    min_count: int = 1,
    min_weight: float | None = None,
    top: int | None = None,
    group_by: str | None = None,
    taxonomy: Any = None,
    allow_empty: bool = False,
    seed: int = 42,
):
    """Build a weighted co-occurrence graph (``networkx.Graph``) from measure records.

    - ``unit``: sentence | paragraph | section | document
    - ``weight``: count | jaccard | dice | ochiai | npmi -- copied to each edge's
      ``weight`` attribute; every edge also carries all five.
    - ``nodes``: category (ids) or trigger (the cue term that fired)
    - ``regions`` / ``level``: keep measures of these regions, rolled up to level
    - filters: ``min_node_count`` (units a node occurs in), ``min_count`` (units a
      pair shares), ``min_weight`` and ``top`` (the N heaviest edges). With
      ``group_by="region"`` (or ``"doc"``) the filters are applied within each group
      and an edge is kept if it passes in ANY group, so small regions keep their
      strongest links; the edge's ``groups`` attribute lists those groups (``|``-joined).
    - ``taxonomy``: a Taxonomy for labels (None: the default taxonomy when available;
      False: use the labels stored with the measures).

    Node and edge attributes are plain str/int/float (see :func:`add_structure`), so
    the graph exports to GEXF, GraphML, JSON and CSV. Raises SelectionError E301 if
    nothing is selected, and E302 if no edge is left (unless ``allow_empty``).
    """
    import networkx as nx

    _check_choice("unit", unit, UNITS)
    _check_choice("weight", weight, WEIGHTS)
    _check_choice("node kind", nodes, NODE_KINDS)
    if group_by is not None:
        _check_choice("grouping", group_by, GROUP_BY)

    overall = _Counts()
    groups: dict[str, _Counts] = defaultdict(_Counts)
    meta: dict[str, Counter] = defaultdict(Counter)  # node -> Counter of (field, value)
    measure_counts: Counter = Counter()
    node_docs: dict[str, set[str]] = defaultdict(set)
    for item in select(measures, regions=regions, level=level):
        node = item.category if nodes == "category" else (item.trigger or item.category)
        key = unit_key(item, unit)
        overall.units[key].add(node)
        if group_by is not None:
            groups[getattr(item, group_by)].units[key].add(node)
        measure_counts[node] += 1
        node_docs[node].add(item.doc)
        m = meta[node]
        m[("label", item.label if nodes == "category" else item.trigger or item.label)] += 1
        m[("category", item.category)] += 1
        m[("dimension", item.dimension)] += 1
    if not overall.units:
        raise SelectionError(Errors.E301, detail=_describe(regions, level))

    n_units, node_units, pair_units = overall.tally()
    kept_nodes: set[str] = set()
    kept_edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, counts in (groups.items() if group_by is not None else [("", overall)]):
        g_units, g_nodes, g_pairs = counts.tally() if group_by is not None else (n_units, node_units, pair_units)
        ok_nodes = {n for n, c in g_nodes.items() if c >= min_node_count}
        kept_nodes |= ok_nodes
        candidates = []
        for (a, b), c in g_pairs.items():
            if c < min_count or a not in ok_nodes or b not in ok_nodes:
                continue
            w = edge_weights(c, g_nodes[a], g_nodes[b], g_units)[weight]
            if min_weight is not None and w < min_weight:
                continue
            candidates.append((-w, -c, a, b))
        candidates.sort()
        for _, _, a, b in candidates[:top] if top is not None else candidates:
            kept_edges[(a, b)].add(name)

    G = nx.Graph(unit=unit, weight=weight, nodes=nodes, n_units=n_units,
                 level=level or "", regions="|".join(regions or []), group_by=group_by or "")
    tax = _taxonomy(taxonomy)
    for node in sorted(kept_nodes):
        G.add_node(node, **_node_attributes(node, nodes, meta[node], tax),
                   frequency=node_units[node], measures=measure_counts[node],
                   documents=len(node_docs[node]))
    for (a, b), in_groups in sorted(kept_edges.items()):
        w = edge_weights(pair_units[(a, b)], node_units[a], node_units[b], n_units)
        attrs = {"weight": float(w[weight]), **{k: (int(v) if k == "count" else float(v)) for k, v in w.items()}}
        if group_by is not None:
            attrs["groups"] = "|".join(sorted(in_groups))
        G.add_edge(a, b, **attrs)
    if G.number_of_edges() == 0 and not allow_empty:
        raise SelectionError(Errors.E302, detail=f" ({G.number_of_nodes()} nodes, unit {unit}{_describe(regions, level)})")
    add_structure(G, seed=seed)
    return G


def _describe(regions, level) -> str:
    parts = []
    if regions:
        parts.append("regions " + ", ".join(regions))
    if level:
        parts.append(f"level {level}")
    return (" for " + "; ".join(parts)) if parts else ""


def _taxonomy(taxonomy: Any):
    if taxonomy is False:
        return None
    if taxonomy is not None:
        return taxonomy
    return default_taxonomy()


def default_taxonomy():
    """The package's default taxonomy, or None while the taxonomy stage cannot load one."""
    try:
        from eduminer.taxonomy import load_taxonomy  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        return load_taxonomy()
    except Exception:  # labels are a nicety here; the graph stands without them
        return None


def _node_attributes(node: str, kind: str, meta: Counter, tax) -> dict[str, str]:
    def top(field: str) -> str:
        values = [(c, v) for (f, v), c in meta.items() if f == field and v]
        return max(values)[1] if values else ""

    category = node if kind == "category" else top("category")
    attrs = {"kind": kind, "category": category, "label": top("label") or node,
             "label_en": "", "dimension": top("dimension") or category.split(".", 1)[0],
             "dimension_label": "", "instrument": ""}
    if tax is not None and category in tax:
        cat = tax.get(category)
        if kind == "category":
            attrs["label"] = cat.label or attrs["label"]
        attrs["label_en"] = cat.label_en if kind == "category" else ""
        attrs["dimension"] = cat.dimension
        attrs["instrument"] = cat.attribute("instrument")
        if cat.dimension in tax:
            attrs["dimension_label"] = tax.get(cat.dimension).label
    return attrs


def add_structure(G, weight: str | None = None, seed: int = 42):
    """Add degree, weighted degree, betweenness, eigenvector centrality and a
    Louvain community to every node of ``G`` (in place; returns ``G``).

    Structural measures use the edge attribute ``weight`` when all edges have a
    positive one, else ``count`` (NPMI can be negative, which neither Louvain nor
    path lengths accept). Betweenness takes 1/weight as the length of an edge.
    Eigenvector centrality is computed within each connected component (isolated
    nodes and components that do not converge get 0.0). Communities are numbered
    from 0 by decreasing size; the seed makes them reproducible.

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_edge("a", "b", weight=1.0, count=1); G.add_node("c")
    >>> add_structure(G).nodes["c"]["community"], G.nodes["a"]["degree"]
    (1, 1)
    """
    import networkx as nx

    if weight is None:
        weight = "weight" if all(d.get("weight", 0) > 0 for *_, d in G.edges(data=True)) else "count"
    G.graph["structure_weight"] = weight
    strength = dict(G.degree(weight=weight))
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((a, b, {"length": 1.0 / d[weight]}) for a, b, d in G.edges(data=True) if d.get(weight, 0) > 0)
    betweenness = nx.betweenness_centrality(H, weight="length") if len(H) > 2 else dict.fromkeys(G, 0.0)
    eigen = dict.fromkeys(G, 0.0)
    for component in nx.connected_components(G):
        if len(component) < 2:
            continue
        try:
            eigen.update(nx.eigenvector_centrality(G.subgraph(component), max_iter=1000, weight=weight))
        except (nx.PowerIterationFailedConvergence, nx.NetworkXException, ZeroDivisionError):
            pass  # documented fallback: 0.0
    if G.number_of_edges():
        found = nx.community.louvain_communities(G, weight=weight, seed=seed)
    else:
        found = [{n} for n in G]
    found = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    community = {n: i for i, c in enumerate(found) for n in c}
    for n, data in G.nodes(data=True):
        data["degree"] = int(G.degree(n))
        data["weighted_degree"] = float(strength[n])
        data["betweenness"] = float(betweenness.get(n, 0.0))
        data["eigenvector"] = float(eigen.get(n, 0.0))
        data["community"] = int(community[n])
    return G


def edge_table(G) -> list[dict]:
    """The edges of ``G`` as tidy rows (source, target, their labels, weights).

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("a", label="甲"); G.add_node("b", label="乙")
    >>> G.add_edge("a", "b", weight=2.0, count=2)
    >>> edge_table(G)[0]["target_label"]
    '乙'
    """
    rows = []
    for a, b, d in sorted(G.edges(data=True), key=lambda e: (-e[2].get("weight", 0), e[0], e[1])):
        rows.append({"source": a, "target": b, "source_label": G.nodes[a].get("label", a),
                     "target_label": G.nodes[b].get("label", b), **d})
    return rows


def node_table(G) -> list[dict]:
    """The nodes of ``G`` as tidy rows (id first, then every attribute)."""
    return [{"id": n, **d} for n, d in sorted(G.nodes(data=True), key=lambda x: (-x[1].get("frequency", 0), x[0]))]
