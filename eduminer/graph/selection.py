"""Measure records as the graph stage sees them: units, regions and selections.

Graph and comparison functions take ANY iterable of measure records -- ``Measure``
objects or dicts with the same keys (rows of the workspace ``measures`` table) --
and read only a few fields of each, through :func:`as_item`.

Regions are administrative paths (``广西壮族自治区/贵港市/港北区``) and roll up to
``province``, ``city`` or ``county`` level. In the four municipalities
(北京市/天津市/上海市/重庆市) districts sit directly under the province, so the
city of ``重庆市/南岸区`` is ``重庆市`` and its county is ``重庆市/南岸区``:

>>> roll_up("重庆市/南岸区", "city")
'重庆市'
>>> roll_up("广西壮族自治区/贵港市/港北区", "city")
'广西壮族自治区/贵港市'
>>> roll_up("山东省/潍坊市/潍城区", "province")
'山东省'
>>> unit_key(as_item({"doc": "a.txt", "sentence": 3, "category": "x", "region": ""}), "sentence")
('a.txt', 3)
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from eduminer.errors import Errors, SelectionError

UNITS = ("sentence", "paragraph", "section", "document")
LEVELS = ("province", "city", "county")
UNKNOWN_REGION = "(unknown)"


class Item(NamedTuple):
    """The fields of a measure record that graphs and comparisons use."""

    doc: str
    sentence: int
    paragraph: int
    section: str
    category: str
    label: str
    dimension: str
    region: str
    trigger: str
    stage: str


def _get(record: Any, name: str, default: Any) -> Any:
    if isinstance(record, dict):
        value = record.get(name, default)
    else:
        value = getattr(record, name, default)
    return default if value is None else value


def as_item(record: Any) -> Item:
    """Read one measure record (a ``Measure`` or a dict with its keys) into an :class:`Item`.

    >>> as_item({"doc": "d", "category": "model.school_district", "region": "天津市/宁河区"}).dimension
    'model'
    """
    if isinstance(record, Item):
        return record
    if type(record) is dict:  # the common case (database rows): one fast path
        g = record.get
        category = g("category") or ""
        paragraph = g("paragraph")
        return Item(g("doc") or "", g("sentence") or 0, -1 if paragraph is None else paragraph,
                    g("section") or "", category, g("label") or "",
                    g("dimension") or category.split(".", 1)[0], g("region") or "", g("trigger") or "",
                    g("stage") or "")
    category = str(_get(record, "category", ""))
    return Item(
        doc=str(_get(record, "doc", "")),
        sentence=int(_get(record, "sentence", 0)),
        paragraph=int(_get(record, "paragraph", -1)),
        section=str(_get(record, "section", "")),
        category=category,
        label=str(_get(record, "label", "")),
        dimension=str(_get(record, "dimension", "")) or category.split(".", 1)[0],
        region=str(_get(record, "region", "")),
        trigger=str(_get(record, "trigger", "")),
        stage=str(_get(record, "stage", "")),
    )


def unit_key(item: Item, unit: str) -> tuple:
    """The co-occurrence unit an item belongs to: (doc, sentence), (doc, paragraph),
    (doc, section) or (doc,).

    Records without a paragraph index (``-1``) fall back to their sentence, so a
    paragraph is never wider than the evidence allows.
    """
    if unit == "sentence":
        return (item.doc, item.sentence)
    if unit == "paragraph":
        return (item.doc, item.paragraph if item.paragraph >= 0 else f"s{item.sentence}")
    if unit == "section":
        return (item.doc, item.section)
    if unit == "document":
        return (item.doc,)
    raise SelectionError(Errors.E304, kind="unit", value=unit, suggestion=_did_you_mean(unit, UNITS))


@functools.lru_cache(maxsize=4096)
def roll_up(path: str, level: str | None) -> str:
    """The region path cut to ``level`` (province | city | county); None keeps it whole.

    The corpus stage's gazetteer does the rolling (``eduminer.corpus.regions.roll_up``),
    so every stage agrees; this adds the graph's own checks and the unknown-region label.
    """
    if not path:
        return UNKNOWN_REGION
    if level is None:
        return path
    if level not in LEVELS:
        raise SelectionError(Errors.E304, kind="level", value=level, suggestion=_did_you_mean(level, LEVELS))
    from eduminer.corpus.regions import roll_up as gazetteer_roll_up

    return gazetteer_roll_up(path, level)


def region_names(path: str) -> list[str]:
    """Names a user may type for a region: the path and its last part.

    >>> region_names("重庆市/南岸区")
    ['重庆市/南岸区', '南岸区']
    """
    last = path.rsplit("/", 1)[-1]
    return [path] if last == path else [path, last]


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.4)
    if not close:
        # CJK names share few characters with typos; also try containment
        close = [c for c in choices if value and (value in c or c in value)][:3]
    return f" Did you mean: {', '.join(close)}?" if close else ""


def resolve_regions(wanted: Iterable[str], known: Iterable[str]) -> list[str]:
    """Map region names typed by a user to known (rolled-up) region paths.

    A name matches a known path when it equals the path, its last part, or is an
    ancestor of it (``重庆市`` selects ``重庆市/南岸区`` too). Unknown names raise
    :class:`SelectionError` with did-you-mean suggestions.

    >>> resolve_regions(["南岸区"], ["重庆市/南岸区", "天津市/宁河区"])
    ['重庆市/南岸区']
    >>> resolve_regions(["重庆市"], ["重庆市", "重庆市/南岸区", "天津市/宁河区"])
    ['重庆市', '重庆市/南岸区']
    """
    known = sorted(set(known))
    chosen: list[str] = []
    for name in wanted:
        name = name.strip().strip("/")
        hits = [k for k in known if name in region_names(k) or k.startswith(name + "/")]
        if not hits:
            names = {n for k in known for n in region_names(k)}
            raise SelectionError(Errors.E305, value=name, known=len(known),
                                 suggestion=_did_you_mean(name, sorted(names)))
        chosen.extend(h for h in hits if h not in chosen)
    return chosen


def select(
    measures: Iterable[Any],
    regions: Iterable[str] | None = None,
    level: str | None = None,
    categories: Iterable[str] | None = None,
    stages: Iterable[str] | None = None,
) -> Iterator[Item]:
    """Stream :class:`Item` records, with ``region`` rolled up to ``level`` and kept
    only if it lies in ``regions`` (paths, names or ancestors; see :func:`resolve_regions`).

    Region names are resolved against the regions seen in the data, so an unknown
    name is reported only after the stream is read (with suggestions); the items
    before it are still yielded to a caller that accumulates them.

    >>> rows = [{"doc": "a", "category": "x.y", "region": "重庆市/南岸区"},
    ...         {"doc": "b", "category": "x.y", "region": "天津市/宁河区"}]
    >>> [i.region for i in select(rows, regions=["重庆市"], level="county")]
    ['重庆市/南岸区']
    """
    wanted = [r for r in (regions or []) if r and r.strip()]
    cats = set(categories or [])
    stage_set = set(stages or [])
    seen: set[str] = set()
    matched: set[str] = set()
    for record in measures:
        item = as_item(record)
        if cats and item.category not in cats and item.dimension not in cats:
            continue
        if stage_set and item.stage not in stage_set:
            continue
        region = roll_up(item.region, level)
        if region != item.region:
            item = item._replace(region=region)
        seen.add(region)
        if wanted:
            hit = [w for w in wanted if _matches(w, region)]
            if not hit:
                continue
            matched.update(hit)
        yield item
    missing = [w for w in wanted if w not in matched]
    if missing:
        resolve_regions(missing, seen)  # raises E305 with suggestions when truly unknown


def _matches(name: str, region: str) -> bool:
    name = name.strip().strip("/")
    return name in region_names(region) or region.startswith(name + "/")


def require(items: Iterable[Item], detail: str = "") -> list[Item]:
    """The items as a list, or SelectionError E301 when there are none.

    Only the few fields of :class:`Item` are kept, never document text.
    """
    out = list(items)
    if not out:
        raise SelectionError(Errors.E301, detail=detail)
    return out
