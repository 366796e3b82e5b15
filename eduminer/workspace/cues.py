"""Which taxonomy categories a search query names, without parsing the taxonomy per query.

``search`` ranks the measures of the query's own categories first: those whose cue rules
fire on the query (教师交流轮岗 -> personnel.teacher_rotation). Parsing the taxonomy YAML
and compiling all its cues costs ~0.1 s, and a query is a few words. So an index is
derived once per taxonomy file and kept in the user cache (:mod:`eduminer.workspace.cache`,
named by the file's SHA-256): every category as plain fields, and for each of its cues
the literal sets the cue requires (a term, or one literal of each set that every match
of a cue's regex contains: :func:`~eduminer.taxonomy.rules.required_groups`). A cue
fires only when each of its sets has a member in the text, and a category's hits depend
on its own cues and exclusions only. So only the categories with a cue whose sets all
occur in the query (教师交流轮岗 wakes the rotation cues, not every cue holding 教师),
plus those with a cue requiring no literal, are matched with the taxonomy's own
:class:`~eduminer.taxonomy.RuleMatcher`, and the answer is the one the whole taxonomy gives.

>>> sorted(query_categories("教師交流輪崗"))
['personnel.teacher_rotation']
>>> query_categories("量子计算")
set()
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from eduminer.workspace.cache import cache_dir, cached_file, fingerprint
from eduminer.workspace.text import normalize

_FORMAT = 2  # bump when the index's layout or derivation changes


def query_categories(query: str, taxonomy: str | os.PathLike | None = None) -> set[str]:
    """Categories whose cue rules fire on ``query`` (normalized), in the taxonomy file
    ``taxonomy`` (default: the shipped one)."""
    text = normalize(query)
    path = _taxonomy_file(taxonomy)
    index = digest = None
    if path is not None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        index = _load_index(str(path), digest, cache_dir())
    if index is None:  # no cache (or no such file): the whole taxonomy, as before
        return {hit.category for hit in _full_matcher(taxonomy).match(text)}
    wanted = set(index["always"])
    for category, cues in index["cues"].items():
        if category not in wanted and any(all(any(literal in text for literal in group) for group in groups)
                                          for groups in cues):
            wanted.add(category)
    if not wanted:
        return set()
    matcher = _sub_matcher(str(path), digest, cache_dir(), frozenset(wanted))
    return {hit.category for hit in matcher.match(text)}


def _taxonomy_file(taxonomy) -> Path | None:
    """The taxonomy file to read; None when it is not a file (load_taxonomy then says why)."""
    if taxonomy is None:
        import eduminer

        # where eduminer.taxonomy.default_taxonomy_path() points, without importing the package
        return Path(eduminer.__file__).resolve().parent / "taxonomy" / "data" / "default.yaml"
    path = Path(taxonomy)
    return path.resolve() if path.is_file() else None


@functools.lru_cache(maxsize=8)
def _load_index(path: str, digest: str, folder: Path) -> dict | None:
    import importlib.util

    # the index is derived by this code, and cue terms are normalized with OpenCC
    code = Path(__file__).resolve().parent.parent / "taxonomy"
    sources = [code / "loader.py", code / "model.py", code / "rules.py"]
    opencc = importlib.util.find_spec("opencc")
    if opencc is not None and opencc.origin:
        sources.append(opencc.origin)
    key = fingerprint("cues", _FORMAT, digest, files=sources)
    file = cached_file(f"cues-{key}.json", lambda tmp: tmp.write_text(
        json.dumps(_build_index(path), ensure_ascii=False), encoding="utf-8"), folder)
    if file is None:
        return None
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # unreadable: the whole taxonomy answers instead
        return None


def _build_index(path: str) -> dict:
    import dataclasses

    from eduminer.taxonomy import load_taxonomy
    from eduminer.taxonomy.rules import parse_rule, required_groups

    taxonomy = load_taxonomy(path)  # raises on a broken file, so nothing is cached for it
    cues: dict[str, list[list[list[str]]]] = {}
    always: list[str] = []
    for cat in taxonomy.categories:
        for cue in cat.cues:
            groups = required_groups(parse_rule(cue), all_regex_sets=True)
            if not groups:  # a cue requiring no literal: the category is always matched
                always.append(cat.id)
            else:
                cues.setdefault(cat.id, []).append([sorted(group) for group in groups])
    return {"name": taxonomy.name, "version": taxonomy.version, "path": taxonomy.path,
            "categories": {c.id: dataclasses.asdict(c) for c in taxonomy.categories},
            "cues": cues, "always": sorted(set(always))}


@functools.lru_cache(maxsize=32)
def _sub_matcher(path: str, digest: str, folder: Path, wanted: frozenset[str]):
    """A RuleMatcher of the taxonomy restricted to ``wanted`` categories (in file order);
    kept, as a process often asks about the same categories again."""
    from eduminer.taxonomy import Category, RuleMatcher, Taxonomy

    index = _load_index(path, digest, folder)
    categories = tuple(Category(**{k: _tuples(v) for k, v in fields.items()})
                       for cid, fields in index["categories"].items() if cid in wanted)
    return RuleMatcher(Taxonomy(name=index["name"], version=index["version"], path=index["path"],
                                categories=categories))


def _tuples(value):
    # JSON gives lists; the records hold (nested) tuples
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


@functools.lru_cache(maxsize=4)
def _matcher(taxonomy: Any):
    from eduminer.taxonomy import RuleMatcher

    return RuleMatcher(taxonomy)


def _full_matcher(taxonomy):
    from eduminer.taxonomy import load_taxonomy

    return _matcher(load_taxonomy(taxonomy))
