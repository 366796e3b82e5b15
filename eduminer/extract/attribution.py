"""Which region a measure belongs to: the document's, or the districts a sentence names.

"南岸区、九龙坡区、合川区等区财政设立集团化办学专项经费" in a Chongqing document
attributes the measure to three districts: one record per district. Only units
inside the document's own region count (a Chongqing reply citing Shanghai does not
move its measures to Shanghai), and names inside masked cited titles never count.
"""

from __future__ import annotations

from dataclasses import dataclass


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

    def attribute(self, sentence: str) -> list[Attribution]:
        """One attribution per distinct unit below the document's region named in
        ``sentence``; the document's region when there is none."""
        if self.home is None:
            return [self.default]
        found: dict[str, Attribution] = {}
        for m in self.gazetteer.find(sentence, context=self.home):
            region = m.region
            if region.code == self.home.code or not self.gazetteer.contains(self.home, region):
                continue
            found.setdefault(region.path, Attribution(region.path, region.code, m.surface))
        # a unit and one of its own sub-units both named: keep the more specific
        paths = list(found)
        specific = [p for p in paths if not any(q != p and q.startswith(p + "/") for q in paths)]
        return [found[p] for p in specific] or [self.default]
