"""Graph stage: co-occurrence graphs of measures and comparisons between regions.

Everything here reads measure records (``Measure`` objects or dicts with the same
keys, e.g. rows of the workspace) and returns networkx graphs or tidy tables:

>>> from eduminer.graph import cooccurrence_graph, region_matrix, chi2_residuals
>>> rows = [{"doc": "a", "sentence": 0, "category": "model.school_district", "region": "天津市/宁河区"},
...         {"doc": "a", "sentence": 0, "category": "personnel.teacher_rotation", "region": "天津市/宁河区"}]
>>> G = cooccurrence_graph(rows, unit="sentence", weight="jaccard", taxonomy=False)
>>> G.edges["model.school_district", "personnel.teacher_rotation"]["jaccard"]
1.0

Modules: ``selection`` (records, units, regions), ``cooccurrence`` (graphs, weights,
filters, centrality, communities), ``comparison`` (region matrix, chi-square residuals,
similarity, keyness, contrast graphs), ``readwrite`` (GEXF, GraphML, JSON, CSV, HTML),
``draw`` (PNG/SVG with a shipped CJK font), ``sources`` (database and documents).
"""

from eduminer.graph.api import compare, graph
from eduminer.graph.comparison import (RegionMatrix, chi2_residuals, contrast_graph, distinctive_measures,
                                    log_likelihood, most_similar, region_matrix, region_similarity)
from eduminer.graph.cooccurrence import (NODE_KINDS, WEIGHTS, add_structure, cooccurrence_graph, edge_table,
                                         edge_weights, node_table)
from eduminer.graph.readwrite import GRAPH_FORMATS, graph_html, node_link, write_graph
from eduminer.graph.selection import LEVELS, UNITS, resolve_regions, roll_up, select
from eduminer.graph.sources import measures_from_db, measures_from_paths

__all__ = [
    "graph", "compare",
    "cooccurrence_graph", "edge_weights", "add_structure", "edge_table", "node_table",
    "region_matrix", "RegionMatrix", "chi2_residuals", "region_similarity", "most_similar",
    "distinctive_measures", "log_likelihood", "contrast_graph",
    "write_graph", "graph_html", "node_link",
    "roll_up", "resolve_regions", "select", "measures_from_db", "measures_from_paths",
    "UNITS", "WEIGHTS", "NODE_KINDS", "LEVELS", "GRAPH_FORMATS",
]
