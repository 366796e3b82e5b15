"""Warnings about a valid taxonomy: overlapping, shared and segmenter-unfriendly cues.

Nothing here stops extraction; the warnings help authors keep cue lists tidy and
explain why token-based tools (KH Coder, jieba word counts) would miss some cues
that eduminer matches on characters.
"""

from __future__ import annotations

import os
from collections import defaultdict

from eduminer.taxonomy.loader import Problem, _resolve, validate
from eduminer.taxonomy.rules import Near, Or, Regex, Term, parse_rule, required_literals

# Typical frames a cue appears in; jieba cuts differ with the neighbours.
CONTEXTS = ("{}", "推进{}工作", "全面实施{}，", "建立{}机制")


def lint(path: str | os.PathLike) -> list[Problem]:
    """Warnings (``severity='warning'``) for a taxonomy file; if the file has
    errors, those errors are returned instead (a broken file cannot be linted).

    >>> from eduminer.taxonomy import default_taxonomy_path
    >>> all(p.severity == "warning" for p in lint(default_taxonomy_path()))
    True
    """
    errors = validate(path)
    if errors:
        return errors
    from eduminer.taxonomy.loader import load_taxonomy

    taxonomy = load_taxonomy(_resolve(path))
    shown = str(path)
    warnings: list[Problem] = []

    def warn(line: int, message: str, remedy: str = "") -> None:
        warnings.append(Problem(shown, line, message, remedy, severity="warning"))

    # (category, literal, line) for cues that are plain literals or alternations of literals
    literals: list[tuple[str, str, int]] = []
    by_text: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for cat in taxonomy.categories:
        for cue, line in zip(cat.cues, cat.cue_lines):
            tree = parse_rule(cue)
            by_text[" ".join(cue.split())].append((cat.id, line))
            for term in _alternatives(tree):
                literals.append((cat.id, term, line))
                if len(term) == 1:
                    warn(line, f"{cat.id}: one-character cue {term!r} fires on very many sentences",
                         "combine it with context: near(X, 教师|学校, 6)")
            for rx in _regexes(tree):
                if required_literals(rx) is None:
                    warn(line, f"{cat.id}: regex {rx!r} has no fixed text, so it runs on every sentence",
                         "anchor it with literal characters, or combine it: A & re\"…\"")

    for text, owners in by_text.items():
        cats = sorted({c for c, _ in owners})
        if len(cats) > 1:
            first = min(line for _, line in owners)
            warn(max(line for _, line in owners),
                 f"cue {text!r} is shared by {', '.join(cats)} (also at line {first})",
                 "intended double coding is fine; otherwise keep it in one category")
        elif len(owners) > 1:
            warn(max(line for _, line in owners), f"{cats[0]}: cue {text!r} is listed twice", "delete one")

    excluded = {(c.id, " ".join(x.split())) for c in taxonomy.categories for x in c.exclusions}
    _nested(literals, warn, excluded)
    _segmenter(literals, warn)
    warnings.sort(key=lambda p: p.line)
    return warnings


def _alternatives(tree) -> list[str]:
    """Literal terms of a cue that is a term or an alternation of terms."""
    if isinstance(tree, Term):
        return [tree.text]
    if isinstance(tree, Or) and all(isinstance(c, Term) for c in tree.children):
        return [c.text for c in tree.children]
    return []


def _regexes(tree) -> list[str]:
    if isinstance(tree, Regex):
        return [tree.pattern]
    if isinstance(tree, Near):
        return _regexes(tree.left) + _regexes(tree.right)
    return [r for c in getattr(tree, "children", ()) for r in _regexes(c)]


def _nested(literals, warn, excluded) -> None:
    import ahocorasick_rs

    ids_of: dict[str, list[int]] = {}
    for i, (_, text, _) in enumerate(literals):
        ids_of.setdefault(text, []).append(i)
    texts = list(ids_of)
    find = ahocorasick_rs.AhoCorasick(texts).find_matches_as_indexes if texts else None
    reported = set()
    for i, (cat, outer, line) in enumerate(literals):
        for k, _, _ in find(outer, overlapping=True):
            for j in ids_of[texts[k]]:
                inner_cat, inner, inner_line = literals[j]
                if inner == outer or (i, j) in reported or (inner_cat, outer) in excluded:
                    continue
                reported.add((i, j))
                if inner_cat == cat:
                    warn(line, f"{cat}: cue {outer!r} is redundant: it contains {inner!r} (line {inner_line})",
                         "delete the longer cue, or the shorter one if it is too broad")
                else:
                    warn(line, f"{cat}: cue {outer!r} contains {inner!r} of {inner_cat} (line {inner_line}): "
                               f"every sentence with {outer!r} is also coded {inner_cat}",
                         f"if that is wrong, add an exclusion to {inner_cat}: exclude: [{outer}]")


def _segmenter(literals, warn) -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()  # private instance: lint must not alter the global dictionary
    seen = set()
    for cat, text, line in literals:
        if (cat, text) in seen or len(text) < 2:
            continue
        seen.add((cat, text))
        frame = _split_frame(text, tokenizer)
        if frame:
            warn(line, f"{cat}: jieba cuts {text!r} across word boundaries in {frame!r}; "
                       f"token-based tools would miss it (eduminer matches characters, so it still works)",
                 "informative only")


def _split_frame(term: str, tokenizer) -> str:
    """The first context in which the segmenter's tokens straddle the term's edges."""
    for template in CONTEXTS:
        sentence = template.format(term)
        start = sentence.index(term)
        end = start + len(term)
        pos = 0
        for token in tokenizer.lcut(sentence, HMM=True):
            tok_start, pos = pos, pos + len(token)
            # a token that begins outside the term but ends inside it (or the reverse)
            if tok_start < start < pos or tok_start < end < pos:
                return " / ".join(tokenizer.lcut(sentence, HMM=True))
    return ""
