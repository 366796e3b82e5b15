"""Write graphs: GEXF and GraphML (Gephi, Cytoscape), node-link JSON, CSV edge
list, PNG/SVG pictures and a self-contained interactive HTML page.

>>> import networkx as nx, io, json
>>> G = nx.Graph(); G.add_node("a", label="学区制"); G.add_node("b", label="集团化办学")
>>> G.add_edge("a", "b", weight=1.0, count=1)
>>> buf = io.StringIO(); write_graph(G, buf, "json")
>>> [n["label"] for n in json.loads(buf.getvalue())["nodes"]]
['学区制', '集团化办学']
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import IO

from eduminer.errors import Errors, OutputError

GRAPH_FORMATS = ("gexf", "graphml", "json", "csv", "png", "svg", "html")
TEXT_STREAM_FORMATS = ("json", "csv")


def graph_format(path: str | os.PathLike, fmt: str | None = None) -> str:
    """The format to write: ``fmt``, or the suffix of ``path``.

    >>> graph_format("g.GraphML")
    'graphml'
    """
    fmt = (fmt or Path(str(path)).suffix.lstrip(".")).lower()
    if fmt not in GRAPH_FORMATS:
        raise OutputError(Errors.E402, fmt=fmt, choices=", ".join(GRAPH_FORMATS))
    return fmt


def node_link(G) -> dict:
    """The node-link dict of ``G`` (nodes / edges keys, as D3 and networkx read it)."""
    import networkx as nx

    return nx.node_link_data(G, edges="edges")


def write_graph(G, out: str | os.PathLike | IO[str], fmt: str | None = None, **draw_options) -> None:
    """Write ``G`` to a path (format from ``fmt`` or the suffix) or, for json and
    csv, to a text stream. ``draw_options`` go to :func:`eduminer.graph.draw.draw_graph`
    (png, svg) or set ``color_by`` for html."""
    import networkx as nx

    if not isinstance(out, (str, os.PathLike)):
        fmt = fmt or "json"
        if fmt not in TEXT_STREAM_FORMATS:
            raise OutputError(Errors.E401, fmt=fmt)
    else:
        fmt = graph_format(out, fmt)
    if fmt == "gexf":
        nx.write_gexf(G, out)
    elif fmt == "graphml":
        nx.write_graphml(G, out)
    elif fmt == "json":
        _text(out, lambda fh: (json.dump(node_link(G), fh, ensure_ascii=False, indent=1), fh.write("\n")))
    elif fmt == "csv":
        from eduminer.graph.cooccurrence import edge_table
        from eduminer.records import write_records

        write_records(edge_table(G), "csv", out)
    elif fmt in ("png", "svg"):
        from eduminer.graph.draw import draw_graph

        draw_graph(G, out, fmt, **draw_options)
    else:
        Path(out).write_text(graph_html(G, **draw_options), encoding="utf-8")


def _text(out, write) -> None:
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8") as fh:
            write(fh)
    else:
        write(out)


def graph_html(G, color_by: str = "dimension", title: str | None = None, seed: int = 42) -> str:
    """A single HTML page that shows ``G`` interactively offline: the node-link data
    and a small viewer (drag, zoom, search, weight slider, tooltips) are inlined,
    nothing is fetched from the network."""
    from eduminer.graph.draw import layout

    pos = layout(G, seed=seed)
    data = node_link(G)
    for node in data["nodes"]:
        x, y = pos.get(node["id"], (0.0, 0.0))
        node["x"], node["y"] = round(float(x), 4), round(float(y), 4)
    g = G.graph
    data["color_by"] = color_by
    data["caption"] = f"unit {g.get('unit', '')}, weight {g.get('weight', '')}"
    template = (resources.files("eduminer.graph") / "data" / "graph.html").read_text(encoding="utf-8")
    # "</" inside a <script> would end it early
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    heading = title or "eduminer co-occurrence graph"
    return template.replace("__GRAPH_JSON__", payload).replace("__TITLE__", _escape(heading))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
