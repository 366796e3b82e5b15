"""Taxonomy stage: the user-editable, hierarchical coding scheme and its cue rules.

>>> from eduminer.taxonomy import load_taxonomy, RuleMatcher
>>> matcher = RuleMatcher(load_taxonomy())
>>> [h.category for h in matcher.match("推行名校带分校的1+N模式")]
['model.flagship_led']
"""

from eduminer.taxonomy.loader import Problem, default_taxonomy_path, load_taxonomy, validate
from eduminer.taxonomy.model import Category, Taxonomy
from eduminer.taxonomy.rules import RuleHit, RuleMatcher, parse_rule

__all__ = [
    "Category", "Taxonomy", "Problem", "RuleHit", "RuleMatcher",
    "default_taxonomy_path", "load_taxonomy", "validate", "lint", "parse_rule", "show",
]


def show(path=None):
    """One record per category (id, parent, labels, attributes, cues), in file order.

    >>> rows = list(show())
    >>> rows[1]["id"], rows[1]["parent"], rows[1]["instrument"]
    ('model.group_schooling', 'model', 'environment')
    """
    taxonomy = load_taxonomy(path)
    declared = sorted({name for c in taxonomy.categories for name, _ in c.attributes})
    for c in taxonomy.categories:
        row = {"id": c.id, "parent": c.parent, "label": c.label, "label_en": c.label_en}
        row.update({name: c.attribute(name) for name in declared})
        row.update({"n_cues": len(c.cues), "cues": list(c.cues), "exclude": list(c.exclusions),
                    "line": c.source_line})
        yield row


def lint(path):
    """Warnings about a taxonomy file (see :func:`eduminer.taxonomy.linting.lint`)."""
    from eduminer.taxonomy.linting import lint as _lint

    return _lint(path)
