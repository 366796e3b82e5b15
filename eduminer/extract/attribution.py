"""Which region a measure belongs to: the document's, or the districts a sentence names.

"南岸区、九龙坡区、合川区等区财政设立集团化办学专项经费" in a Chongqing document
attributes the measure to three districts: one record per district. Only units
inside the document's own region count (a Chongqing reply citing Shanghai does not
move its measures to Shanghai), and names inside masked cited titles never count.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate


@dataclass(frozen=True)
class Attribution:
    region: str  # path, e.g. 重庆市/南岸区
    code: str
    surface: str = ""  # the name as written, "" for the document's own region


class RegionAttributor:
    """Attribute sentences of one document to regions (see module docstring).

    >>> from eduminer.corpus.regions import gazetteer
    >>> a = RegionAttributor(gazetteer(), "重庆市", "500000")
    >>> [r.region for r in a.attribute("南岸区、九龙坡区、合川区等区财政设立专项经费")]
    ['重庆市/南岸区', '重庆市/九龙坡区', '重庆市/合川区']
    >>> [r.region for r in a.attribute("上海市普陀区设立学区")]
    ['重庆市']
    """

    def __init__(self, gazetteer, region: str, region_code: str = ""):
        self.gazetteer = gazetteer
        self.home = None
        if gazetteer is not None:
            if region_code:
                try:
                    self.home = gazetteer.by_code(region_code)
                except Exception:  # an unknown code: fall back on the path
                    self.home = None
            if self.home is None and region:
                self.home = gazetteer.resolve(region)  # accepts a full path
        self.default = (Attribution(self.home.path, self.home.code) if self.home is not None
                        else Attribution(region, region_code))
        # a unit with no unit inside it (a county) keeps every sentence: no names to look for
        self.has_parts = self.home is not None and _has_parts(gazetteer, self.home)

    def attribute(self, sentence: str) -> list[Attribution]:
        """One attribution per distinct unit below the document's region named in
        ``sentence``; the document's region when there is none."""
        if not self.has_parts:
            return [self.default]
        mentions = self.gazetteer.find(sentence, context=self.home)
        if not mentions:
            return [self.default]
        found: dict[str, Attribution] = {}
        for m in mentions:
            region = m.region
            if region.code == self.home.code or not self.gazetteer.contains(self.home, region):
                continue
            found.setdefault(region.path, Attribution(region.path, region.code, m.surface))
        # a unit and one of its own sub-units both named: keep the more specific
        paths = list(found)
        specific = [p for p in paths if not any(q != p and q.startswith(p + "/") for q in paths)]
        return [found[p] for p in specific] or [self.default]

    def attribute_many(self, sentences: list[str]) -> list[tuple[Attribution, ...]]:
        """:meth:`attribute` of each of (the masked texts of) some sentences of the
        document, as tuples.

        Most sentences name no unit. One ``find`` over all of them, joined by NUL, tells
        which do, and only those are read one by one. This is exact for the default
        gazetteer: no unit name holds a NUL, so no name is found across two sentences,
        and whether a name found counts depends on its sentence alone (a parent name
        right before it, a cue word right after it, the document's region); the other
        sentences only weigh in on *which* of several same-named units it is, which
        the per-sentence read then decides.

        >>> from eduminer.corpus.regions import gazetteer
        >>> a = RegionAttributor(gazetteer(), "重庆市", "500000")
        >>> [[r.region for r in rs] for rs in a.attribute_many(["南岸区设立学区", "组建教育集团"])]
        [['重庆市/南岸区'], ['重庆市']]
        """
        from eduminer.corpus.regions import Gazetteer

        alone = (self.default,)
        if not self.has_parts:
            return [alone] * len(sentences)
        if not isinstance(self.gazetteer, Gazetteer) or not sentences:
            return [tuple(self.attribute(s)) for s in sentences]
        starts = [0, *accumulate(len(s) + 1 for s in sentences[:-1])]  # of each sentence in the joined text
        mentions = self.gazetteer.find("\x00".join(sentences), context=self.home)
        named = {bisect_right(starts, m.start) - 1 for m in mentions}
        return [tuple(self.attribute(s)) if i in named else alone for i, s in enumerate(sentences)]


def _has_parts(gazetteer, unit) -> bool:
    """Whether some unit of ``gazetteer`` lies inside ``unit`` (any unit, for a
    gazetteer other than :class:`~eduminer.corpus.regions.Gazetteer`)."""
    from eduminer.corpus.regions import Gazetteer

    return not isinstance(gazetteer, Gazetteer) or unit.code in _units_with_parts(gazetteer)


@lru_cache(maxsize=4)
def _units_with_parts(gazetteer) -> frozenset[str]:
    """The codes of the units some other unit lies inside (provinces and cities):
    ``contains(outer, inner)`` holds for a distinct inner unit only when ``outer`` is
    one of its ancestors."""
    return frozenset(up.code for unit in gazetteer for up in gazetteer.ancestors(unit))
