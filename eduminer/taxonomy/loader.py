"""Load and validate taxonomy YAML files, with a file:line for every problem.

The file format is documented in the header of ``data/default.yaml`` and in
``docs/readme/taxonomy.md``. Line numbers come from the YAML node marks
(``yaml.compose``), so every error names the line it is about.

>>> tax = load_taxonomy()
>>> tax.get("model.flagship_led").attribute("instrument")
'supply'
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eduminer.errors import DataFileError, Errors
from eduminer.taxonomy.model import Category, Taxonomy
from eduminer.taxonomy.rules import RuleSyntaxError, parse_rule

CATEGORY_KEYS = ("id", "parent", "label", "label_en", "definition", "cues", "exclude")
TOP_KEYS = ("name", "version", "description", "attributes", "categories")
ID_PATTERN = re.compile(r"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$")


@dataclass(frozen=True)
class Problem:
    """One finding about a taxonomy file; ``str()`` is ``FILE:LINE: message (remedy)``."""

    path: str
    line: int
    message: str
    remedy: str = ""
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" + (f" ({self.remedy})" if self.remedy else "")

    def to_record(self) -> dict:
        return {"path": self.path, "line": self.line, "severity": self.severity,
                "message": self.message, "remedy": self.remedy}


def default_taxonomy_path() -> str:
    """Path of the taxonomy shipped with eduminer.

    >>> default_taxonomy_path().endswith("default.yaml")
    True
    """
    return str(Path(__file__).resolve().parent / "data" / "default.yaml")


def load_taxonomy(path: str | os.PathLike | None = None) -> Taxonomy:
    """Load a taxonomy file (the shipped default when ``path`` is None).

    Raises :class:`~eduminer.errors.DataFileError` (E102) listing every error
    with its file and line, so extraction never starts with a broken taxonomy.
    Loads are cached by (resolved path, modification time).
    """
    resolved = _resolve(path)
    return _load_cached(resolved, os.stat(resolved).st_mtime_ns)


def validate(path: str | os.PathLike) -> list[Problem]:
    """Every error in a taxonomy file (empty list: the file is valid)."""
    resolved = _resolve(path)
    _, problems = _read(resolved, str(path))
    return problems


def _resolve(path) -> str:
    if path is None:
        return default_taxonomy_path()
    p = Path(path)
    if not p.is_file():
        raise DataFileError(Errors.E104, path=str(path), default=default_taxonomy_path())
    return str(p.resolve())


@lru_cache(maxsize=16)
def _load_cached(resolved: str, mtime_ns: int) -> Taxonomy:
    taxonomy, problems = _read(resolved, resolved)
    if problems:
        raise DataFileError(Errors.E102, path=resolved, errors="\n".join(f"  {p}" for p in problems))
    return taxonomy


# --- reading ---------------------------------------------------------------------------


def _read(resolved: str, shown: str) -> tuple[Taxonomy | None, list[Problem]]:
    """Parse a file into a Taxonomy plus every problem found (Taxonomy is None on errors)."""
    import yaml

    try:
        raw = Path(resolved).read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataFileError(Errors.E105, path=shown, reason=f"not UTF-8 at byte {e.start}") from None
    except OSError as e:
        raise DataFileError(Errors.E105, path=shown, reason=e.strerror or str(e)) from None

    problems: list[Problem] = []

    def problem(line: int, message: str, remedy: str = "") -> None:
        problems.append(Problem(shown, line, message, remedy))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark else 1
        column = f", column {mark.column + 1}" if mark else ""
        reason = getattr(e, "problem", None) or str(e)
        problem(line, f"YAML syntax error{column}: {reason}",
                "check indentation and quoting; quote cues that start with - ! & * [ { > | % @ or contain ': '")
        return None, problems
    if root is None:
        problem(1, "the file is empty", "add `name:` and a `categories:` list")
        return None, problems
    if not isinstance(root, yaml.MappingNode):
        problem(_line(root), "the top level must be a mapping with `name:` and `categories:`",
                "see the header of the default taxonomy")
        return None, problems

    top = _mapping(root, problem, TOP_KEYS, "top-level key")
    name = _scalar(top.get("name"), problem, "name") or Path(shown).stem
    declared: list[str] = []
    if "attributes" in top:
        node = top["attributes"][1]
        if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
            declared = [n.value for n in node.value]
        else:
            problem(_line(node), "`attributes` must be a list of names, e.g. [instrument]",
                    "write attributes: [instrument]")
    if "categories" not in top:
        problem(_line(root), "no `categories:` list", "add categories: with one entry per category")
        return None, problems
    cats_node = top["categories"][1]
    if not isinstance(cats_node, yaml.SequenceNode):
        problem(_line(cats_node), "`categories` must be a list (entries start with '- id: …')",
                "indent each category under categories: as '- id: …'")
        return None, problems

    categories: list[Category] = []
    seen: dict[str, int] = {}
    wrote_cues: set[str] = set()  # ids with cue entries, valid or not
    for node in cats_node.value:
        cat = _category(node, problem, declared, seen, wrote_cues)
        if cat is not None:
            categories.append(cat)

    _check_hierarchy(categories, problem, wrote_cues)
    if problems:
        problems.sort(key=lambda p: p.line)
        return None, problems
    version = hashlib.sha256(raw).hexdigest()[:12]
    return Taxonomy(name=name, version=version, path=resolved, categories=tuple(categories)), problems


def _line(node) -> int:
    return node.start_mark.line + 1


def _mapping(node, problem, allowed, what) -> dict:
    """key -> (key node, value node) for a mapping node, reporting unknown/duplicate keys."""
    import yaml

    out: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problem(_line(key_node), f"a {what} must be a plain name", "write key: value")
            continue
        key = key_node.value
        if key in out:
            problem(_line(key_node), f"duplicate key {key!r} (first at line {_line(out[key][0])})",
                    "keep one of them")
            continue
        if allowed is not None and key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
            problem(_line(key_node), f"unknown {what} {key!r}", hint)
            continue
        out[key] = (key_node, value_node)
    return out


def _scalar(entry, problem, key: str) -> str:
    import yaml

    if entry is None:
        return ""
    node = entry[1]
    if not isinstance(node, yaml.ScalarNode):
        problem(_line(node), f"`{key}` must be a single value, not a list or mapping", f"write {key}: text")
        return ""
    return node.value.strip()


def _category(node, problem, declared: list[str], seen: dict[str, int], wrote_cues: set[str]) -> Category | None:
    import yaml

    line = _line(node)
    if not isinstance(node, yaml.MappingNode):
        problem(line, "each category must be a mapping starting with '- id: …'",
                "write - id: dimension.name, then label:, cues: … indented below it")
        return None
    fields = _mapping(node, problem, CATEGORY_KEYS + tuple(declared) + ("exclusions",), "category key")
    cid = _scalar(fields.get("id"), problem, "id")
    if not cid:
        problem(line, "category without an `id`", "add id: dimension.name")
        return None
    if not ID_PATTERN.match(cid):
        problem(_line(fields["id"][1]), f"invalid id {cid!r}",
                "use ASCII letters, digits, _ and - in dot-separated parts, e.g. personnel.teacher_rotation")
        return None
    if cid in seen:
        problem(_line(fields["id"][1]), f"duplicate id {cid!r} (first defined at line {seen[cid]})",
                "rename one of the categories or merge them")
        return None
    seen[cid] = _line(fields["id"][1])
    parent = _scalar(fields.get("parent"), problem, "parent")
    if not parent and "parent" not in fields and "." in cid:
        parent = cid.rsplit(".", 1)[0]  # the id says where it belongs
    cues, cue_lines = _rules(fields.get("cues"), problem, cid, "cues")
    cue_node = fields.get("cues", (None, None))[1]
    if getattr(cue_node, "value", None):
        wrote_cues.add(cid)
    excl_entry = fields.get("exclude") or fields.get("exclusions")
    excl, excl_lines = _rules(excl_entry, problem, cid, "exclude")
    attributes = tuple((a, _scalar(fields[a], problem, a)) for a in declared if a in fields)
    return Category(
        id=cid, parent=parent,
        label=_scalar(fields.get("label"), problem, "label"),
        label_en=_scalar(fields.get("label_en"), problem, "label_en"),
        definition=" ".join(_scalar(fields.get("definition"), problem, "definition").split()),
        cues=cues, exclusions=excl, attributes=attributes, source_line=line,
        cue_lines=cue_lines, exclusion_lines=excl_lines,
    )


def _rules(entry, problem, cid: str, key: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    import yaml

    if entry is None:
        return (), ()
    node = entry[1]
    if isinstance(node, yaml.ScalarNode) and node.value == "" and node.tag.endswith("null"):
        return (), ()
    if not isinstance(node, yaml.SequenceNode):
        problem(_line(node), f"{cid}: `{key}` must be a list, one rule per line starting with '- '",
                f"write {key}:\\n  - 教师交流")
        return (), ()
    cues, lines = [], []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode):
            problem(_line(item), f"{cid}: each entry of `{key}` must be one rule (text), not a list or mapping",
                    "quote the rule: '- \"A: B\"' (YAML reads 'A: B' as a mapping)")
            continue
        cue = item.value
        try:
            parse_rule(cue)
        except RuleSyntaxError as e:
            # plain scalars start at the mark; quoted ones one character later
            column = item.start_mark.column + e.column + (1 if item.style in ("'", '"') else 0)
            problem(_line(item), f"{cid}: rule {cue!r}, column {column}: {e.message}", e.remedy)
            continue
        cues.append(cue)
        lines.append(_line(item))
    return tuple(cues), tuple(lines)


def _check_hierarchy(categories: list[Category], problem, wrote_cues: set[str]) -> None:
    by_id = {c.id: c for c in categories}
    parents = {c.parent for c in categories if c.parent}
    for c in categories:
        if c.parent and c.parent not in by_id:
            close = difflib.get_close_matches(c.parent, [i for i in by_id if i != c.id], n=1)
            hint = f"did you mean {close[0]!r}?" if close else "define the parent category first, or fix the spelling"
            problem(c.source_line, f"{c.id}: unknown parent {c.parent!r}", hint)
        # walk up to catch cycles (a -> b -> a)
        seen, cur = {c.id}, c
        while cur.parent and cur.parent in by_id:
            if cur.parent in seen:
                problem(c.source_line, f"{c.id}: parent chain loops back ({' -> '.join(seen)})",
                        "make the hierarchy a tree")
                break
            seen.add(cur.parent)
            cur = by_id[cur.parent]
        if c.id not in parents and not c.cues and c.id not in wrote_cues:
            problem(c.source_line, f"{c.id}: leaf category has no cues",
                    "add at least one rule under cues:, or remove the category")
