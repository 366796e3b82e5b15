"""The two entry points the CLI wraps: :func:`graph` and :func:`compare`.

Both read measures from a workspace database (``db``) or from documents
(``paths``, read and coded on the fly) and hand them to the plain functions of
:mod:`eduminer.graph.cooccurrence` and :mod:`eduminer.graph.comparison`.

>>> G = graph(db="eduminer.db", unit="paragraph", weight="npmi", level="province")  # doctest: +SKIP
>>> tables = compare(db="eduminer.db", level="county")                              # doctest: +SKIP
>>> sorted(tables)                                                                  # doctest: +SKIP
['distinctive', 'matrix', 'similarity', 'wide']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from eduminer.graph.comparison import chi2_residuals, distinctive_measures, region_matrix, region_similarity
from eduminer.graph.cooccurrence import cooccurrence_graph
from eduminer.graph.sources import measures_from_db, measures_from_paths

DEFAULT_DB = "eduminer.db"


def measure_source(paths: Sequence[str | os.PathLike] = (), db: str | os.PathLike | None = None,
                   taxonomy: Any = None, on_error: Callable[[Any], None] | None = None) -> Iterator[Any]:
    """Measures from documents when ``paths`` are given, else from the database ``db``
    (default ``eduminer.db``)."""
    if paths:
        return measures_from_paths(paths, taxonomy=taxonomy, on_error=on_error)
    return measures_from_db(db or DEFAULT_DB)


def split_regions(values: Iterable[str]) -> list[str]:
    """Region names from repeated and/or comma-separated options.

    >>> split_regions(["天津市/宁河区,上海市", " 南岸区 "])
    ['天津市/宁河区', '上海市', '南岸区']
    """
    out = []
    for value in values:
        out.extend(v.strip() for v in value.replace("，", ",").split(",") if v.strip())
    return out


def graph(paths: Sequence[str | os.PathLike] = (), db: str | os.PathLike | None = None,
          unit: str = "sentence", weight: str = "count", nodes: str = "category",
          regions: Iterable[str] = (), level: str | None = None, min_node_count: int = 1,
          min_count: int = 1, min_weight: float | None = None, top: int | None = None,
          per_region: bool = False, taxonomy: Any = None,
          on_error: Callable[[Any], None] | None = None):
    """A co-occurrence graph of the selected measures (see
    :func:`eduminer.graph.cooccurrence.cooccurrence_graph`); ``per_region`` applies
    the filters within each region (at ``level``)."""
    measures = measure_source(paths, db, taxonomy=taxonomy, on_error=on_error)
    return cooccurrence_graph(measures, unit=unit, weight=weight, nodes=nodes,
                              regions=split_regions(regions) or None, level=level,
                              min_node_count=min_node_count, min_count=min_count, min_weight=min_weight,
                              top=top, group_by="region" if per_region else None, taxonomy=taxonomy)


def compare(paths: Sequence[str | os.PathLike] = (), db: str | os.PathLike | None = None,
            regions: Iterable[str] = (), level: str | None = None, top: int | None = None,
            taxonomy: Any = None, on_error: Callable[[Any], None] | None = None) -> dict[str, list[dict]]:
    """Region comparison tables, by name:

    - ``matrix``: tidy region x category rows with count, documents, rate
      (measures per document), expected count, Pearson and adjusted standardized
      chi-square residuals
    - ``wide``: one row per region, one column per category
    - ``similarity``: region pairs with cosine and Jaccard similarity
    - ``distinctive``: keyness (signed G2, p, BH q, log ratio, %DIFF) per region,
      the ``top`` N per region when given
    """
    measures = measure_source(paths, db, taxonomy=taxonomy, on_error=on_error)
    matrix = region_matrix(measures, level=level, regions=split_regions(regions) or None, taxonomy=taxonomy)
    return {
        "matrix": chi2_residuals(matrix),
        "wide": matrix.wide(),
        "similarity": region_similarity(matrix),
        "distinctive": distinctive_measures(matrix, top=top),
    }
