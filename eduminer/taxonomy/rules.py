"""The cue-rule language and the matcher that applies every rule of a taxonomy at once.

A cue is a string. **Plain text is literal**: ``1+N``, ``1+X+N``, ``名校+``,
``教师交流`` match exactly those characters. Operators are explicit:

==================  ==============================================================
``A & B``           both in the same sentence (AND)
``A | B``           either (OR)
``!A``              A does not occur in the sentence (NOT; only next to a positive term)
``( … )``           grouping; precedence is ``!`` > ``&`` > ``|``
``near(A, B, N)``   A and B, in either order, with at most N characters between them
``before(A, B, N)`` A, then B after at most N characters (ordered near)
``re:PATTERN``      the whole cue is a Python regular expression
``re"PATTERN"``     a regular expression as one term inside an expression
``"A&B (x)"``       a quoted literal: for terms containing ``& | ! ( ) , "`` or spaces
==================  ==============================================================

Characters ``+ - * / . { }`` and all Chinese punctuation are ordinary text.
Arguments of ``near``/``before`` are terms, regexes, alternations of them, or
nested ``near``/``before``. A cue must contain a positive term (``!A`` alone
would fire on every sentence).

>>> rule = parse_rule("牵头学校 & (带动|辐射)")
>>> rule
And(Term('牵头学校'), Or(Term('带动'), Term('辐射')))
>>> parse_rule("1+X+N")
Term('1+X+N')
>>> parse_rule("before(名校, 分校, 6)")
Near(Term('名校'), Term('分校'), 6, ordered=True)

The :class:`RuleMatcher` compiles every literal term of every cue and exclusion
of a taxonomy into ONE Aho-Corasick automaton, runs it once over a text, and
evaluates only the rules whose terms occur in a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from eduminer.errors import DataFileError, Errors

OPERATOR_CHARS = '&|!(),"'
FUNCTIONS = {"near": False, "before": True}  # name -> ordered
DEFAULT_NEAR = 10


class RuleSyntaxError(ValueError):
    """A cue expression is malformed; ``column`` is 1-based within the cue."""

    def __init__(self, message: str, column: int, remedy: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column
        self.remedy = remedy


# --- normalization --------------------------------------------------------------------


def normalize_cue(text: str) -> str:
    """Normalize a cue the way the corpus normalizes documents: traditional to
    simplified script, full-width ASCII digits/letters/``+`` to ASCII; Chinese
    punctuation is kept.

    >>> normalize_cue("１＋Ｎ學區")
    '1+N学区'
    """
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ascii_ch = chr(code - 0xFEE0)
            if ascii_ch.isalnum() or ascii_ch in "+-":
                ch = ascii_ch
        out.append(ch)
    text = "".join(out)
    if any(unicodedata.east_asian_width(c) == "W" for c in text):
        text = _t2s()(text)
    return text


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # lazily: keeps `eduminer --help` instant

    converter = opencc.OpenCC("t2s")
    return lru_cache(maxsize=4096)(converter.convert)


# --- syntax tree ------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str
    column: int = field(default=0, compare=False)

    def __repr__(self) -> str:
        return f"Term({self.text!r})"


@dataclass(frozen=True)
class Regex:
    pattern: str
    column: int = field(default=0, compare=False)

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"


@dataclass(frozen=True)
class Not:
    child: object

    def __repr__(self) -> str:
        return f"Not({self.child!r})"


@dataclass(frozen=True)
class And:
    children: tuple

    def __repr__(self) -> str:
        return f"And({', '.join(map(repr, self.children))})"


@dataclass(frozen=True)
class Or:
    children: tuple

    def __repr__(self) -> str:
        return f"Or({', '.join(map(repr, self.children))})"


@dataclass(frozen=True)
class Near:
    left: object
    right: object
    distance: int
    ordered: bool = False

    def __repr__(self) -> str:
        return f"Near({self.left!r}, {self.right!r}, {self.distance}, ordered={self.ordered})"


# --- parser -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    kind: str  # term | regex | op | func | end
    value: str
    column: int  # 1-based


def _tokenize(src: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch.isspace():
            i += 1
            continue
        col = i + 1
        if ch in "&|!(),":
            toks.append(_Tok("op", ch, col))
            i += 1
            continue
        is_regex = src.startswith('re"', i)
        if ch == '"' or is_regex:
            j = i + (3 if is_regex else 1)
            buf = []
            while j < n and src[j] != '"':
                if src[j] == "\\" and j + 1 < n and src[j + 1] in '"\\' and not is_regex:
                    j += 1
                elif src[j] == "\\" and j + 1 < n and src[j + 1] == '"':
                    j += 1  # \" inside re"…" is a literal quote
                buf.append(src[j])
                j += 1
            if j >= n:
                raise RuleSyntaxError("unclosed quote", col, 'close the quoted term with "')
            if not buf:
                raise RuleSyntaxError("empty quoted term", col, "remove it or put text between the quotes")
            toks.append(_Tok("regex" if is_regex else "term", "".join(buf), col))
            i = j + 1
            continue
        j = i
        while j < n and not src[j].isspace() and src[j] not in OPERATOR_CHARS:
            j += 1
        word = src[i:j]
        if word in FUNCTIONS and j < n and src[j] == "(":
            toks.append(_Tok("func", word, col))
        else:
            toks.append(_Tok("term", word, col))
        i = j
    toks.append(_Tok("end", "", n + 1))
    return toks


class _Parser:
    def __init__(self, src: str):
        self.src = src
        self.toks = _tokenize(src)
        self.pos = 0

    @property
    def tok(self) -> _Tok:
        return self.toks[self.pos]

    def take(self) -> _Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def expect(self, value: str, remedy: str) -> _Tok:
        tok = self.tok
        if tok.kind != "op" or tok.value != value:
            found = repr(tok.value) if tok.kind != "end" else "end of cue"
            raise RuleSyntaxError(f"expected {value!r}, found {found}", tok.column, remedy)
        return self.take()

    def parse(self):
        if self.tok.kind == "end":
            raise RuleSyntaxError("empty cue", 1, "write a term, or delete the line")
        node = self.parse_or()
        tok = self.tok
        if tok.kind != "end":
            if tok.kind in ("term", "regex", "func") or tok.value in "(!":
                raise RuleSyntaxError(
                    f"missing operator before {tok.value!r}", tok.column,
                    'join terms with & or |, or quote a phrase that contains spaces: "…"',
                )
            raise RuleSyntaxError(f"unexpected {tok.value!r}", tok.column,
                                  'check the parentheses, or quote the term: "…"')
        return node

    def parse_or(self):
        children = [self.parse_and()]
        while self.tok.kind == "op" and self.tok.value == "|":
            self.take()
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self):
        children = [self.parse_unary()]
        while self.tok.kind == "op" and self.tok.value == "&":
            self.take()
            children.append(self.parse_unary())
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self):
        if self.tok.kind == "op" and self.tok.value == "!":
            self.take()
            return Not(self.parse_unary())
        return self.parse_primary()

    def parse_primary(self):
        tok = self.tok
        if tok.kind == "term":
            self.take()
            return Term(tok.value, tok.column)
        if tok.kind == "regex":
            self.take()
            return Regex(_check_regex(tok.value, tok.column), tok.column)
        if tok.kind == "func":
            return self.parse_near()
        if tok.kind == "op" and tok.value == "(":
            self.take()
            node = self.parse_or()
            self.expect(")", "close the parenthesis")
            return node
        found = repr(tok.value) if tok.kind != "end" else "end of cue"
        raise RuleSyntaxError(f"expected a term, found {found}", tok.column,
                              'put a term there, or quote text containing & | ! ( ) , " as "…"')

    def parse_near(self):
        func = self.take()
        self.expect("(", f"write {func.value}(A, B, N)")
        left = self.parse_or()
        self.expect(",", f"write {func.value}(A, B, N)")
        right = self.parse_or()
        distance = DEFAULT_NEAR
        if self.tok.kind == "op" and self.tok.value == ",":
            self.take()
            tok = self.take()
            if tok.kind != "term" or not tok.value.isdigit():
                raise RuleSyntaxError(f"distance must be a whole number of characters, not {tok.value!r}",
                                      tok.column, f"write {func.value}(A, B, 10)")
            distance = int(tok.value)
        self.expect(")", f"close {func.value}( … ) with ')'")
        for arg in (left, right):
            if not _positional(arg):
                raise RuleSyntaxError(
                    f"{func.value}() arguments must be terms, regexes or alternatives (A|B)",
                    func.column, f"move & and ! outside: {func.value}(A, B, N) & C")
        return Near(left, right, distance, ordered=FUNCTIONS[func.value])


def _positional(node) -> bool:
    if isinstance(node, (Term, Regex, Near)):
        return True
    if isinstance(node, Or):
        return all(_positional(c) for c in node.children)
    return False


def _check_regex(pattern: str, column: int) -> str:
    try:
        compiled = re.compile(pattern)
    except re.error as e:
        raise RuleSyntaxError(f"invalid regular expression {pattern!r}: {e.msg}",
                              column + (e.pos or 0), "fix the pattern (Python `re` syntax)") from None
    if compiled.search("") is not None:
        raise RuleSyntaxError(f"regular expression {pattern!r} matches the empty string", column,
                              "make it require at least one character")
    return pattern


def _needs_positive(node) -> bool:
    """True if the rule can only hold when at least one of its terms occurs."""
    if isinstance(node, (Term, Regex, Near)):
        return True
    if isinstance(node, And):
        return any(_needs_positive(c) for c in node.children)
    if isinstance(node, Or):
        return all(_needs_positive(c) for c in node.children)
    return False


def parse_rule(cue: str):
    """Parse one cue into a syntax tree; raises :class:`RuleSyntaxError` with a column.

    >>> parse_rule("re:龙头学校|领军学校")
    Regex('龙头学校|领军学校')
    >>> parse_rule("流动 & (教师|师资) & !流动人口")
    And(Term('流动'), Or(Term('教师'), Term('师资')), Not(Term('流动人口')))
    """
    stripped = cue.strip()
    if stripped.startswith("re:"):
        pattern = stripped[3:]
        if not pattern:
            raise RuleSyntaxError("empty regular expression", 4, "write a pattern after re:")
        return Regex(_check_regex(pattern, 4), 4)
    node = _Parser(cue).parse()
    if not _needs_positive(node):
        raise RuleSyntaxError("the cue can fire without any of its terms occurring", 1,
                              "add a positive term: A & !B, not !B alone")
    return _normalize_tree(node)


def _normalize_tree(node):
    if isinstance(node, Term):
        return Term(normalize_cue(node.text), node.column)
    if isinstance(node, Regex):
        return node
    if isinstance(node, Not):
        return Not(_normalize_tree(node.child))
    if isinstance(node, And):
        return And(tuple(_normalize_tree(c) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(_normalize_tree(c) for c in node.children))
    return Near(_normalize_tree(node.left), _normalize_tree(node.right), node.distance, node.ordered)


def iter_terms(node) -> Iterator[Term]:
    """Every literal term in a rule, positive or negated."""
    if isinstance(node, Term):
        yield node
    elif isinstance(node, Not):
        yield from iter_terms(node.child)
    elif isinstance(node, (And, Or)):
        for c in node.children:
            yield from iter_terms(c)
    elif isinstance(node, Near):
        yield from iter_terms(node.left)
        yield from iter_terms(node.right)


def iter_regexes(node) -> Iterator[Regex]:
    if isinstance(node, Regex):
        yield node
    elif isinstance(node, Not):
        yield from iter_regexes(node.child)
    elif isinstance(node, (And, Or)):
        for c in node.children:
            yield from iter_regexes(c)
    elif isinstance(node, Near):
        yield from iter_regexes(node.left)
        yield from iter_regexes(node.right)


def required_groups(node) -> list[frozenset[str]]:
    """Sets of literals a sentence must hold (at least one of each set) for the rule
    to fire: the matcher only evaluates a rule where one of these sets occurs.

    >>> required_groups(parse_rule("流动 & (教师|师资) & !流动人口"))
    [frozenset({'流动'}), frozenset({'师资', '教师'})]
    """
    if isinstance(node, Term):
        return [frozenset((node.text,))]
    if isinstance(node, Regex):
        literals = required_literals(node.pattern)
        return [literals] if literals else []
    if isinstance(node, And):
        return [g for c in node.children for g in required_groups(c)]
    if isinstance(node, Near):
        return required_groups(node.left) + required_groups(node.right)
    if isinstance(node, Or):  # one child must fire: the union of each child's rarest set
        per_child = [required_groups(c) for c in node.children]
        if all(per_child):
            return [frozenset().union(*(min(groups, key=_rarity) for groups in per_child))]
    return []  # a negation (or an unanchored regex) requires nothing


def _rarity(group: frozenset[str]) -> tuple:
    """Sort key: longer literals occur less often; fewer alternatives, too."""
    return (-min(len(t) for t in group), len(group), sorted(group))


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literal strings of which every match of ``pattern`` contains at least one,
    or None when no such set can be derived (the regex then runs on every sentence).

    >>> sorted(required_literals("龙头学校|领军(学校|校长)"))
    ['领军', '龙头学校']
    >>> required_literals(r"\\d+") is None
    True
    """
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & re.IGNORECASE:  # literals would need every case variant
        return None
    found = _literals_of_seq(list(parsed), sre_parse)
    return frozenset(found) if found else None


def _literals_of_seq(items, sre) -> set[str] | None:
    """Best (longest shortest-member) required literal set for a sequence of regex items."""
    candidates: list[set[str]] = []
    run: list[str] = []
    ignore_case = False
    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        if op is sre.SUBPATTERN:
            flags_on = arg[1]
            if flags_on & re.IGNORECASE:
                ignore_case = True
            sub = _literals_of_seq(list(arg[-1]), sre)
            if sub:
                candidates.append(sub)
        elif op is sre.BRANCH:
            subs = [_literals_of_seq(list(b), sre) for b in arg[1]]
            if all(subs):
                candidates.append(set().union(*subs))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            sub = _literals_of_seq(list(arg[2]), sre)
            if sub:
                candidates.append(sub)
    if run:
        candidates.append({"".join(run)})
    if ignore_case or not candidates:
        return None
    return max(candidates, key=lambda s: min(len(x) for x in s))


# --- matching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleHit:
    """A category that fired in a sentence; ``start``/``end`` locate the firing term
    (relative to the text given to ``match``; absolute for ``match_spans``)."""

    category: str
    trigger: str  # the cue as written in the taxonomy
    start: int
    end: int


@dataclass(frozen=True)
class _Rule:
    category: str
    cue: str
    tree: object
    order: int  # position of the cue within its category: earlier cues win ties
    evaluate: object  # compiled closure: ctx -> spans | None

    @property
    def phrase(self) -> str | None:
        """The literal, when the rule is a plain phrase (evaluated without a closure)."""
        return self.tree.text if isinstance(self.tree, Term) else None


class _Sentence:
    """Evaluation context: term occurrences in one sentence, ``text[start:end]``."""

    __slots__ = ("sentence", "start", "terms", "regexes", "_regex_cache")

    def __init__(self, sentence, start, terms, regexes):
        self.sentence, self.start = sentence, start
        self.terms = terms  # term text -> list of (start, end), absolute offsets
        self.regexes = regexes  # pattern -> compiled
        self._regex_cache: dict[str, list] = {}

    def regex_spans(self, pattern: str) -> list[tuple[int, int]]:
        spans = self._regex_cache.get(pattern)
        if spans is None:
            s = self.start
            spans = [(m.start() + s, m.end() + s)
                     for m in self.regexes[pattern].finditer(self.sentence) if m.end() > m.start()]
            self._regex_cache[pattern] = spans
        return spans


def _compile(node):
    """Turn a syntax tree into a closure ``ctx -> spans | None``: None when the rule
    does not hold, else the spans of its positive evidence (no per-call type dispatch)."""
    if isinstance(node, Term):
        text = node.text
        return lambda ctx: ctx.terms.get(text) or None
    if isinstance(node, Regex):
        pattern = node.pattern
        return lambda ctx: ctx.regex_spans(pattern) or None
    if isinstance(node, Not):
        child = _compile(node.child)
        return lambda ctx: None if child(ctx) is not None else []
    if isinstance(node, Or) and all(isinstance(c, Term) for c in node.children):
        texts = tuple(c.text for c in node.children)  # the common case: alternatives of phrases

        def any_phrase(ctx):
            terms, spans = ctx.terms, None
            for t in texts:
                found = terms.get(t)
                if found:
                    if spans is None:
                        spans = list(found)
                    else:
                        spans.extend(found)
            return spans

        return any_phrase
    if isinstance(node, Or):
        children = [_compile(c) for c in node.children]

        def any_of(ctx):
            spans, hit = [], False
            for c in children:
                r = c(ctx)
                if r is not None:
                    hit = True
                    spans.extend(r)
            return spans if hit else None

        return any_of
    if isinstance(node, And):
        # negations last: they cannot contribute spans and usually pass
        children = [_compile(c) for c in node.children if not isinstance(c, Not)] + \
                   [_compile(c) for c in node.children if isinstance(c, Not)]

        def all_of(ctx):
            spans = []
            for c in children:
                r = c(ctx)
                if r is None:
                    return None
                spans.extend(r)
            return spans

        return all_of
    left, right = _compile(node.left), _compile(node.right)
    distance, ordered = node.distance, node.ordered

    def near(ctx):
        lspans = left(ctx)
        if lspans is None:
            return None
        rspans = right(ctx)
        if rspans is None:
            return None
        out = []
        for a in lspans:
            for b in rspans:
                if a == b:
                    continue
                if b[0] >= a[1] and b[0] - a[1] <= distance:
                    out.append((a[0], b[1]))
                elif not ordered and a[0] >= b[1] and a[0] - b[1] <= distance:
                    out.append((b[0], a[1]))
                elif not ordered and a[0] < b[1] and b[0] < a[1]:  # overlapping: distance 0
                    out.append((min(a[0], b[0]), max(a[1], b[1])))
        return out or None

    return near


def _earliest_longest(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], -span[1]


class RuleMatcher:
    """Apply every cue and exclusion of a taxonomy to sentences.

    All literal terms go into ONE Aho-Corasick automaton (ahocorasick-rs); regexes
    are compiled once. A rule (or exclusion) is evaluated only in sentences holding
    one of the literals it requires (its rarest set, see :func:`required_groups`;
    regex literals derived by :func:`required_literals`). At most one hit per category
    and sentence: the cue with the earliest evidence (ties: a plain phrase before
    a compound rule, then the longest span).

    >>> from eduminer.taxonomy.model import Category, Taxonomy
    >>> tax = Taxonomy("t", "1", "t.yaml", (
    ...     Category("model"),
    ...     Category("model.flagship_led", "model", cues=("1+N", "before(名校, 分校, 4)")),
    ...     Category("personnel.teacher_rotation", "personnel",
    ...              cues=("流动 & (教师|师资)",), exclusions=("流动人口",)),
    ... ))
    >>> m = RuleMatcher(tax)
    >>> [(h.category, h.trigger, h.start, h.end) for h in m.match("推行1+N模式，名校带动分校")]
    [('model.flagship_led', '1+N', 2, 5)]
    >>> m.match("教师流动人口子女")
    []
    """

    def __init__(self, taxonomy):
        import ahocorasick_rs

        self.taxonomy = taxonomy
        self._rules: list[_Rule] = []
        exclusions: list[_Rule] = []
        for cat in taxonomy.categories:
            lines = getattr(cat, "cue_lines", ()) or ()
            for i, cue in enumerate(cat.cues):
                tree = self._parse(cue, cat, lines[i] if i < len(lines) else cat.source_line, taxonomy.path)
                self._rules.append(_Rule(cat.id, " ".join(cue.split()), tree, i, _compile(tree)))
            xlines = getattr(cat, "exclusion_lines", ()) or ()
            for i, cue in enumerate(cat.exclusions):
                tree = self._parse(cue, cat, xlines[i] if i < len(xlines) else cat.source_line, taxonomy.path)
                exclusions.append(_Rule(cat.id, cue, tree, i, _compile(tree)))

        # key -> rules to evaluate when it occurs. A rule (or exclusion) is filed under the
        # rarest of the literal sets it requires (required_groups), not under every term
        # it holds: "流动 & 教师" is evaluated where 流动 occurs, not wherever 教师 does.
        term_rules: dict[str, set[int]] = {}
        self._regexes: dict[str, re.Pattern] = {}
        usage: dict[str, int] = defaultdict(int)  # how many rules use a literal (common terms are shared)
        for rule in self._rules:
            for term in iter_terms(rule.tree):
                usage[term.text] += 1

        def anchor_of(rule: _Rule) -> frozenset[str] | None:
            """Its rarest required literal set (None: it requires none); every literal
            it holds becomes an automaton key, so that evaluation sees all of them."""
            for term in iter_terms(rule.tree):
                term_rules.setdefault(term.text, set())
            for rx in iter_regexes(rule.tree):
                self._regexes.setdefault(rx.pattern, re.compile(rx.pattern))
            groups = required_groups(rule.tree)
            if not groups:
                return None
            anchor = min(groups, key=lambda g: (sum(usage.get(t, 0) for t in g),) + _rarity(g))
            for literal in anchor:
                term_rules.setdefault(literal, set())
            return anchor

        self._unanchored: list[int] = []  # rules with no required literal: evaluated everywhere
        for idx, rule in enumerate(self._rules):
            anchor = anchor_of(rule)
            if anchor is None:
                self._unanchored.append(idx)
            for literal in anchor or ():
                term_rules[literal].add(idx)
        # exclusions by category, each with the literals one of which must occur for it to fire
        self._guards: dict[str, list[tuple[_Rule, frozenset[str] | None]]] = {}
        for rule in exclusions:
            self._guards.setdefault(rule.category, []).append((rule, anchor_of(rule)))
        # per category: every literal that can wake one of its exclusions (None: some
        # exclusion needs none), so most hits are cleared with one set test
        self._guard_literals: dict[str, frozenset[str] | None] = {
            category: (None if any(anchor is None for _, anchor in guards)
                       else frozenset().union(*(anchor for _, anchor in guards)))
            for category, guards in self._guards.items()}

        # ONE automaton over every literal (ahocorasick-rs: the Rust aho-corasick crate,
        # ~2x pyahocorasick on Chinese text, whose root node has thousands of children)
        self._keys = sorted(term_rules)
        self._key_rules = [tuple(sorted(term_rules[k])) for k in self._keys]
        self._find = (ahocorasick_rs.AhoCorasick(self._keys).find_matches_as_indexes
                      if self._keys else (lambda text, overlapping=True: []))
        self._phrases = [rule.phrase for rule in self._rules]

    @staticmethod
    def _parse(cue: str, cat, line: int, path: str):
        try:
            return parse_rule(cue)
        except RuleSyntaxError as e:
            raise DataFileError(
                Errors.E101, path=path or "taxonomy", line=line,
                message=f"{cat.id}: cue {cue!r}, column {e.column}: {e.message} ({e.remedy})",
            ) from None

    @property
    def n_terms(self) -> int:
        return len(self._keys)

    def match(self, text: str) -> list[RuleHit]:
        """Categories whose cues fire in one sentence (offsets relative to ``text``)."""
        return self._match_span(text, 0, len(text))

    def match_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> Iterator[list[RuleHit]]:
        """Evaluate rules per span (sentence) of ``text``; yields one list of hits per
        span, in the order given. Equivalent to ``match(text[s:e])`` with offsets
        shifted by ``s``."""
        for s, e in spans:
            yield self._match_span(text, s, e)

    def _match_span(self, text, s, e) -> list[RuleHit]:
        sentence = text[s:e]
        found = self._find(sentence, overlapping=True)  # (key, start, end), all overlapping
        if not found and not self._unanchored:
            return []
        key_rules, keys = self._key_rules, self._keys
        candidates = set(self._unanchored)
        terms: dict[str, list[tuple[int, int]]] = {}
        for key, a, b in found:  # per term, in text order
            spans = terms.get(keys[key])
            if spans is None:
                terms[keys[key]] = [(a + s, b + s)]
            else:
                spans.append((a + s, b + s))
        for key in {key for key, _, _ in found}:
            if key_rules[key]:
                candidates.update(key_rules[key])
        if not candidates:  # no anchor term: no rule can fire
            return []
        ctx = _Sentence(sentence, s, terms, self._regexes)
        best: dict[str, tuple] = {}
        rules, phrases = self._rules, self._phrases
        for idx in candidates:  # the tie-break key makes the winner independent of order
            rule, phrase = rules[idx], phrases[idx]
            if phrase is not None:  # a plain phrase: its first occurrence
                spans = terms.get(phrase)
                if not spans:
                    continue
                first = spans[0]
            else:
                spans = rule.evaluate(ctx)
                if not spans:
                    continue
                first = min(spans, key=_earliest_longest)
            # earliest evidence; then a plain phrase over a compound rule; then the longest
            key = (first[0], phrase is None, first[0] - first[1], rule.order)
            if rule.category not in best or key < best[rule.category][0]:
                best[rule.category] = (key, RuleHit(rule.category, rule.cue, first[0], first[1]))
        hits = []
        for category, (_, hit) in best.items():
            guards = self._guards.get(category)
            if guards:
                literals = self._guard_literals[category]
                if (literals is None or not literals.isdisjoint(terms)) and any(
                        (anchor is None or not anchor.isdisjoint(terms)) and x.evaluate(ctx) is not None
                        for x, anchor in guards):
                    continue
            hits.append(hit)
        hits.sort(key=lambda h: (h.start, h.category))
        return hits
