"""Pictures of graphs and residual tables, with Chinese labels on any machine.

matplotlib's own fonts have no hanzi, and many servers have no CJK system font,
so the package ships a subset of WenQuanYi Micro Hei (Apache-2.0, see
``data/LICENSE-wqy-microhei.txt``): ASCII, Latin-1, punctuation, full-width forms
and the 6763 GB2312 hanzi, ~1.2 MB. It is registered with matplotlib on first use;
characters outside it fall back to DejaVu Sans.

>>> cjk_font_name()
'WenQuanYi Micro Hei'
>>> missing_glyphs(["学区制", "1+N"])
''
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

FONT_FILE = "wqy-microhei-gb2312.ttf"
PICTURE_FORMATS = ("png", "svg")


def font_path() -> Path:
    """Path of the shipped CJK font file."""
    return Path(str(resources.files("eduminer.graph") / "data" / FONT_FILE))


@functools.lru_cache(maxsize=1)
def cjk_font_name() -> str:
    """Register the shipped font with matplotlib (once) and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))
    return font_manager.FontProperties(fname=str(font_path())).get_name()


@functools.lru_cache(maxsize=1)
def _font_cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path()), lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(texts: Iterable[str]) -> str:
    """The characters of ``texts`` that the shipped font cannot draw (sorted, unique)."""
    cmap = _font_cmap()
    return "".join(sorted({ch for t in texts for ch in t if not ch.isspace() and ord(ch) not in cmap}))


def _rc() -> dict:
    return {"font.family": [cjk_font_name(), "DejaVu Sans"], "axes.unicode_minus": False,
            "svg.fonttype": "path"}


PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
           "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")


def layout(G, seed: int = 42) -> dict:
    """Node positions in [-1, 1]^2: a seeded spring layout per connected component,
    components packed left to right on rows (largest first), so a few small
    components do not squeeze the main one into a corner.

    >>> import networkx as nx
    >>> sorted(layout(nx.path_graph(3)))
    [0, 1, 2]
    """
    import math

    import networkx as nx

    weight = "weight" if G.graph.get("structure_weight") == "weight" else "count"
    comps = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(map(str, c))))
    if not comps:
        return {}
    pos, boxes = {}, []
    for comp in comps:
        H = G.subgraph(comp)
        radius = math.sqrt(len(comp))
        if len(comp) == 1:
            local = {next(iter(comp)): (0.0, 0.0)}
        else:
            local = nx.spring_layout(H, weight=weight, seed=seed, k=1.2 / math.sqrt(len(comp)), iterations=200)
        boxes.append((comp, local, radius))
    # shelf packing: rows of width ~ the largest component's diameter x 2
    row_width = max(2.0 * boxes[0][2] * 2, 4.0)
    x = y = row_height = 0.0
    for comp, local, radius in boxes:
        size = 2 * radius + 0.6
        if x + size > row_width and x > 0:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in local.items():
            pos[n] = (x + radius + 0.3 + px * radius, -(y + radius + 0.3 + py * radius))
        x += size
        row_height = max(row_height, size)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((px - cx) * 2 / span, (py - cy) * 2 / span) for n, (px, py) in pos.items()}


def draw_graph(G, path, fmt: str | None = None, color_by: str = "dimension",
               title: str | None = None, seed: int = 42, size: float = 11.0) -> None:
    """Draw ``G`` to a PNG or SVG file: node size by frequency, colour by
    ``dimension`` or ``community``, edge width by weight, labels in Chinese.

    Edges of a contrast graph (with ``favours``) are coloured by the side they favour.
    """
    import matplotlib
    import networkx as nx
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(size, size * 0.8), dpi=150 if fmt == "png" else 100)
        ax = fig.add_axes((0, 0, 1, 0.95 if title else 1))
        ax.set_axis_off()
        pos = layout(G, seed=seed)
        groups = sorted({str(d.get(color_by, "")) for _, d in G.nodes(data=True)})
        colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
        freqs = [d.get("frequency", 1) for _, d in G.nodes(data=True)]
        top = max(freqs) if freqs else 1
        sizes = [80 + 900 * f / top for f in freqs]
        weights = [abs(d.get("weight", 1.0)) for *_, d in G.edges(data=True)]
        wmax = max(weights) if weights else 1.0
        edge_colours = [{"a": "#d62728", "b": "#1f77b4"}.get(d.get("favours", ""), "#999999")
                        for *_, d in G.edges(data=True)]
        nx.draw_networkx_edges(G, pos, ax=ax, width=[0.5 + 5 * w / (wmax or 1) for w in weights],
                               edge_color=edge_colours, alpha=0.6)
        nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, linewidths=0.5, edgecolors="white",
                               node_color=[colour[str(d.get(color_by, ""))] for _, d in G.nodes(data=True)])
        nx.draw_networkx_labels(G, pos, ax=ax, labels={n: d.get("label", n) for n, d in G.nodes(data=True)},
                                font_size=9, font_family=_rc()["font.family"])
        names = {str(d.get(color_by, "")): d.get("dimension_label") or str(d.get(color_by, ""))
                 for _, d in G.nodes(data=True)} if color_by == "dimension" else {}
        handles = [Line2D([], [], marker="o", linestyle="", color=colour[g], markersize=9,
                          label=names.get(g, f"{color_by} {g}") if color_by == "dimension" else f"{color_by} {g}")
                   for g in groups]
        if len(handles) <= 12:
            ax.legend(handles=handles, loc="lower left", fontsize=9, frameon=False)
        if title:
            fig.suptitle(title, fontsize=13)
        fig.savefig(path, format=fmt)


def draw_heatmap(rows: list[dict], path, fmt: str | None = None, value: str = "adjusted_residual",
                 title: str | None = None) -> None:
    """Heat map of a region x category table of ``value`` (tidy rows from
    :func:`eduminer.graph.comparison.chi2_residuals`), diverging around 0, cells annotated."""
    import matplotlib
    from matplotlib.figure import Figure

    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    regions = list(dict.fromkeys(r["region"] for r in rows))
    cats = list(dict.fromkeys(r["category"] for r in rows))
    labels = {r["category"]: r.get("label") or r["category"] for r in rows}
    grid = [[0.0] * len(cats) for _ in regions]
    for r in rows:
        grid[regions.index(r["region"])][cats.index(r["category"])] = float(r[value])
    lim = max(2.0, max((abs(v) for row in grid for v in row), default=2.0))
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(max(6, 0.45 * len(cats) + 3), max(3, 0.45 * len(regions) + 2.5)),
                     dpi=150 if fmt == "png" else 100)
        ax = fig.add_subplot()
        im = ax.imshow(grid, cmap="RdBu_r", vmin=-lim, vmax=lim, aspect="auto")
        ax.set_xticks(range(len(cats)), [labels[c] for c in cats], rotation=60, ha="right", fontsize=8)
        ax.set_yticks(range(len(regions)), regions, fontsize=8)
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=6,
                        color="white" if abs(v) > lim * 0.6 else "black")
        fig.colorbar(im, ax=ax, shrink=0.8, label=value.replace("_", " "))
        ax.set_title(title or "χ² adjusted standardized residuals (|r| > 1.96: p < .05)", fontsize=10)
        fig.tight_layout()
        fig.savefig(path, format=fmt)
