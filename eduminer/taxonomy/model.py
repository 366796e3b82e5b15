"""Records of the coding scheme: a hierarchy of categories with cue rules."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Category:
    id: str  # e.g. "personnel.teacher_rotation"; dimensions have ids like "personnel"
    parent: str = ""  # "" for a top-level dimension
    label: str = ""  # Chinese label
    label_en: str = ""
    definition: str = ""
    cues: tuple[str, ...] = ()  # rule expressions (see eduminer.taxonomy.rules)
    exclusions: tuple[str, ...] = ()  # rule expressions that veto a match in the same sentence
    attributes: tuple[tuple[str, str], ...] = ()  # extra plain attributes, e.g. (("instrument", "supply"),)
    source_line: int = 0  # line in the taxonomy file where the category starts
    cue_lines: tuple[int, ...] = ()  # file line of each cue (parallel to ``cues``)
    exclusion_lines: tuple[int, ...] = ()  # file line of each exclusion

    @property
    def dimension(self) -> str:
        return self.id.split(".", 1)[0]

    def attribute(self, name: str, default: str = "") -> str:
        return dict(self.attributes).get(name, default)


@dataclass(frozen=True)
class Taxonomy:
    name: str
    version: str  # content hash of the file: stored with every coded row
    path: str
    categories: tuple[Category, ...] = field(default=())

    def __post_init__(self):
        object.__setattr__(self, "_by_id", {c.id: c for c in self.categories})

    def __contains__(self, category_id: str) -> bool:
        return category_id in self._by_id  # type: ignore[attr-defined]

    def get(self, category_id: str) -> Category:
        return self._by_id[category_id]  # type: ignore[attr-defined]

    def leaves(self) -> tuple[Category, ...]:
        parents = {c.parent for c in self.categories}
        return tuple(c for c in self.categories if c.id not in parents and c.parent)

    def dimensions(self) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if not c.parent)
