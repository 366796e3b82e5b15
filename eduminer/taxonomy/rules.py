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
from eduminer.records import positional_maker

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


def required_groups(node, all_regex_sets: bool = False) -> list[frozenset[str]]:
    """Sets of literals a sentence must hold (at least one of each set) for the rule
    to fire: the matcher only evaluates a rule where one of these sets occurs.
    A regex contributes its best set (:func:`required_literals`), or with
    ``all_regex_sets`` every set it requires whose literals are all longer than one
    character (一 or 为 occur everywhere), else its best one.

    >>> [sorted(g) for g in required_groups(parse_rule("流动 & (教师|师资) & !流动人口"))]
    [['流动'], ['师资', '教师']]
    >>> [sorted(g) for g in required_groups(parse_rule("re:(学校|优质)集群"), all_regex_sets=True)]
    [['优质', '学校'], ['集群']]
    """
    if isinstance(node, Term):
        return [frozenset((node.text,))]
    if isinstance(node, Regex):
        if not all_regex_sets:
            literals = required_literals(node.pattern)
            return [literals] if literals else []
        sets = required_literal_sets(node.pattern)
        telling = [g for g in sets if min(map(len, g)) > 1]
        return telling or ([frozenset(_best_literal_set(sets))] if sets else [])
    if isinstance(node, And):
        return [g for c in node.children for g in required_groups(c, all_regex_sets)]
    if isinstance(node, Near):
        return required_groups(node.left, all_regex_sets) + required_groups(node.right, all_regex_sets)
    if isinstance(node, Or):  # one child must fire: the union of each child's rarest set
        per_child = [required_groups(c, all_regex_sets) for c in node.children]
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
    sets = required_literal_sets(pattern)
    return frozenset(_best_literal_set(sets)) if sets else None


def required_literal_sets(pattern: str, char_classes: bool = False) -> list[frozenset[str]]:
    """EVERY literal set the whole pattern requires (a match holds one member of each),
    in pattern order; empty when none can be derived. The matcher tests them all
    before running the regex: ``(优质|学校)集群`` needs one of 优质/学校 AND 集群.
    With ``char_classes``, a class of plain characters (``[为对]``, ``(为|对)``) is a
    set of one-character literals too.

    >>> [sorted(s) for s in required_literal_sets("(中小学|学校)[^，。]{0,3}达[0-9]+所")]
    [['中小学', '学校'], ['达'], ['所']]
    >>> [sorted(s) for s in required_literal_sets("(为|对)集团", char_classes=True)]
    [['为', '对'], ['集团']]
    >>> [sorted(s) for s in required_literal_sets("(学校|小学)的?奠基|奠基[^，]{0,6}(学校|中学)")]
    [['奠基']]
    """
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return []
    if parsed.state.flags & re.IGNORECASE:  # literals would need every case variant
        return []
    return [frozenset(s) for s in _literal_sets_of_seq(list(parsed), sre_parse, char_classes)]


def _best_literal_set(candidates: list) -> set[str]:
    """The longest shortest-member set (the first of equals): the rarest to occur."""
    return max(candidates, key=lambda s: min(len(x) for x in s))


def _literals_of_seq(items, sre, char_classes: bool = False) -> set[str] | None:
    """Best (longest shortest-member) required literal set for a sequence of regex items."""
    candidates = _literal_sets_of_seq(items, sre, char_classes)
    return _best_literal_set(candidates) if candidates else None


def _literal_sets_of_seq(items, sre, char_classes: bool = False) -> list[set[str]]:
    """Every required literal set of a sequence of regex items: literal runs, and the
    best set of each mandatory group, alternation or repeat ([] if case-insensitive)."""
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
            sub = _literals_of_seq(list(arg[-1]), sre, char_classes)
            if sub:
                candidates.append(sub)
        elif op is sre.BRANCH:
            branches = [_literal_sets_of_seq(list(b), sre, char_classes) for b in arg[1]]
            if all(branches):
                # each set of the first branch that every other branch requires a part of is
                # required by the alternation (学校…奠基|奠基…学校: 奠基, not 学校 or 奠基 or …)
                shared = [s for s in branches[0] if all(any(t <= s for t in b) for b in branches[1:])]
                if shared:
                    candidates.extend(shared)
                else:
                    candidates.append(set().union(*map(_best_literal_set, branches)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            sub = _literals_of_seq(list(arg[2]), sre, char_classes)
            if sub:
                candidates.append(sub)
        elif op is sre.IN and char_classes and all(kind is sre.LITERAL for kind, _ in arg):
            candidates.append({chr(code) for _, code in arg})
    if run:
        candidates.append({"".join(run)})
    return [] if ignore_case else candidates


_RUN_CAP = 64  # the most strings a literal run may stand for


def _literal_runs(pattern: str) -> list[frozenset[str]]:
    """The strings each run of fixed-text items of ``pattern`` can match (a match
    holds one of each run), for the matcher: ``[0-9]+(个|大)学区`` requires 个学区 or
    大学区, rarer than 学区 alone. A run stands for at most ``_RUN_CAP`` strings;
    runs that may match nothing are left out.

    >>> [sorted(r) for r in _literal_runs("第[一二]+(个|大)学区")]
    [['第一', '第二'], ['一个学区', '一大学区', '二个学区', '二大学区']]
    >>> [sorted(r) for r in _literal_runs("(为|对)集团")]
    [['为集团', '对集团']]
    >>> [sorted(r) for r in _literal_runs("达[0-2]+所")]
    [['达0', '达1', '达2'], ['0所', '1所', '2所']]
    """
    try:
        from re import _parser as sre_parse  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return []
    if parsed.state.flags & re.IGNORECASE:
        return []
    runs, run = [], {""}
    for op, arg in parsed:
        strings = _finite_strings([(op, arg)], sre_parse)
        if strings is not None and len(run) * len(strings) <= _RUN_CAP:
            run = {a + b for a in run for b in strings}
            continue
        if strings is None and op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT) and arg[0] >= 1:
            # X+ begins with one X and ends with one: 达[0-9]+所 holds 达1..达9 and 1所..9所
            strings = _finite_strings(arg[2], sre_parse)
            if strings is not None and len(run) * len(strings) <= _RUN_CAP:
                run = {a + b for a in run for b in strings}
        if "" not in run:
            runs.append(frozenset(run))
        run = strings if strings is not None else {""}
    if "" not in run:
        runs.append(frozenset(run))
    return runs


def finite_language(pattern: str) -> frozenset[str] | None:
    """Every string ``pattern`` can match, when they are few (the regex then holds
    exactly where one of them occurs), else None.

    >>> sorted(finite_language("(为|对)集团"))
    ['为集团', '对集团']
    >>> finite_language("[^，]{0,2}集团") is None
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
    if parsed.state.flags & re.IGNORECASE:
        return None
    strings = _finite_strings(list(parsed), sre_parse)
    return frozenset(strings) if strings and "" not in strings else None


def _finite_strings(items, sre) -> set[str] | None:
    """The strings a sequence of regex items can match, if at most ``_RUN_CAP``."""
    out = {""}
    for op, arg in items:
        if op is sre.LITERAL:
            strings = {chr(arg)}
        elif op is sre.IN:
            strings = set()
            for kind, value in arg:
                if kind is sre.LITERAL:
                    strings.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < _RUN_CAP:
                    strings.update(map(chr, range(value[0], value[1] + 1)))
                else:  # a negated class, a category (\\d): too many
                    return None
        elif op is sre.BRANCH:
            strings = set()
            for branch in arg[1]:
                sub = _finite_strings(branch, sre)
                if sub is None:
                    return None
                strings |= sub
        elif op is sre.SUBPATTERN and not arg[1] and not arg[2]:  # a group without flags
            strings = _finite_strings(arg[-1], sre)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[1] <= 2:
            sub = _finite_strings(arg[2], sre)
            if sub is None:
                return None
            strings, power = set(), {""}
            for n in range(arg[1] + 1):
                if n >= arg[0]:
                    strings |= power
                power = {a + b for a in power for b in sub}
        else:  # anchors, look-arounds, unbounded repeats
            return None
        if strings is None or len(out) * len(strings) > _RUN_CAP:
            return None
        out = {a + b for a in out for b in strings}
    return out


# --- matching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleHit:
    """A category that fired in a sentence; ``start``/``end`` locate the firing term
    (relative to the text given to ``match``; absolute for ``match_spans``)."""

    category: str
    trigger: str  # the cue as written in the taxonomy
    start: int
    end: int


# RuleHit(...) at half the cost: the frozen dataclass's __init__ sets each field
# through object.__setattr__; this fills a bare instance's __dict__ instead
_make_hit = positional_maker(RuleHit)
_span = re.Match.span


@dataclass(frozen=True)
class _Rule:
    category: str
    cue: str
    tree: object
    order: int  # position of the cue within its category: earlier cues win ties

    @property
    def phrase(self) -> str | None:
        """The literal, when the rule is a plain phrase (evaluated without a closure)."""
        return self.tree.text if isinstance(self.tree, Term) else None


def _occurrences_of(literal: str, sentence: str) -> list[tuple[int, int, int]] | None:
    """Every occurrence of ``literal``, overlapping ones too (as the automaton reports
    them), or None."""
    i = sentence.find(literal)
    if i < 0:
        return None
    n, spans = len(literal), []
    while i >= 0:
        spans.append((-1, i, i + n))
        i = sentence.find(literal, i + 1)
    return spans


def _earlier(span: tuple[int, int, int], than: tuple[int, int, int] | None) -> bool:
    """Whether ``span`` starts before ``than``, or as early and ends later."""
    return than is None or span[1] < than[1] or (span[1] == than[1] and span[2] > than[2])


_FEW_KEYS = 3  # alternatives of more keys are looked up by a set intersection (in C)


def _compile(node, index: dict[str, int], known: Sequence[frozenset[str]] = (), best_first: bool = False):
    """Turn a syntax tree into a closure ``(terms, sentence) -> spans | None`` (no
    per-call type dispatch): None when the rule does not hold, else the spans of its
    positive evidence, a list. ``terms``: the automaton's matches in the sentence by
    key index, each key's in text order (never an empty list). A span of evidence is
    ``(key, start, end)``, as the automaton reports a match (key -1: not an automaton
    match), so the matches are used as they come. A literal in ``index`` (an automaton
    key) is looked up in ``terms``; any other is searched in the sentence, only when a
    rule needs it. ``known``: literal sets one of each of which is known to occur
    wherever the closure runs (its regexes need not test them). What is made of the
    spans does not depend on their order.

    ``best_first``: the matcher only wants the earliest (then longest) span of a rule,
    so the closure returns that span itself, not a list: ``()`` when the rule holds
    without a span (a negation), None when it does not hold. A near/before then no
    longer lists every pair, a regex is its first match (no finditer), alternatives
    and conjunctions keep their children's best (no list each). (A key's matches, a
    literal's occurrences and a regex's matches come in text order: best first.)"""
    if isinstance(node, Term):
        text = node.text
        if text in index:
            key = index[text]
            if best_first:
                def first_match(terms, sentence):
                    spans = terms.get(key)
                    return spans and spans[0]

                return first_match
            return lambda terms, sentence: terms.get(key)
        if best_first:
            n = len(text)

            def first_occurrence(terms, sentence):
                i = sentence.find(text)
                return None if i < 0 else (-1, i, i + n)

            return first_occurrence
        return lambda terms, sentence: _occurrences_of(text, sentence)
    if isinstance(node, Regex):
        compiled = re.compile(node.pattern)
        search, finditer = compiled.search, compiled.finditer
        # literals every match holds (one of each set): a few substring tests are far
        # cheaper than running the regex (more alternatives than 4 are not), and a regex
        # that finds nothing needs no list. A set that a known one implies is there
        needs = tuple(tuple(sorted(group, key=len, reverse=True))
                      for group in sorted(required_literal_sets(node.pattern, char_classes=True), key=_rarity)
                      if len(group) <= 4 and not _implied(group, known))

        def regex(terms, sentence):
            for group in needs:
                for literal in group:
                    if literal in sentence:
                        break
                else:
                    return None
            m = search(sentence)
            if m is None:
                return None
            start, end = m.span()
            if best_first and end > start:  # the first match is the first span
                return (-1, start, end)
            spans = [(-1, start, end) for start, end in map(_span, finditer(sentence)) if end > start]
            if best_first:  # (the first match was empty: spans skip it)
                return spans[0] if spans else None
            return spans or None

        return regex
    if isinstance(node, Not):
        child = _compile(node.child, index, known, best_first=True)  # only whether it holds
        holds = () if best_first else []
        return lambda terms, sentence: None if child(terms, sentence) is not None else holds
    if isinstance(node, Or) and all(isinstance(c, Term) for c in node.children):
        # the common case: alternatives of phrases
        keys = tuple(index[c.text] for c in node.children if c.text in index)
        searched = tuple(c.text for c in node.children if c.text not in index)
        if len(keys) > _FEW_KEYS:
            keys = frozenset(keys)
        if best_first:
            def first_phrase(terms, sentence):
                best = None
                for k in (keys.intersection(terms) if type(keys) is frozenset else keys):
                    if k in terms and _earlier(terms[k][0], best):
                        best = terms[k][0]
                for text in searched:
                    i = sentence.find(text)
                    if i >= 0 and (best is None or i < best[1] or (i == best[1] and i + len(text) > best[2])):
                        best = (-1, i, i + len(text))
                return best

            return first_phrase

        def any_phrase(terms, sentence):
            spans = None
            for k in (keys.intersection(terms) if type(keys) is frozenset else keys):
                if k in terms:  # (a dict lookup, cheaper than a call of get)
                    spans = terms[k] if spans is None else spans + terms[k]
            for text in searched:
                found = _occurrences_of(text, sentence)
                if found:
                    spans = found if spans is None else spans + found
            return spans

        return any_phrase
    if isinstance(node, (Or, And)):
        # negations last: they cannot contribute spans and usually pass
        children = [_compile(c, index, known, best_first) for c in node.children if not isinstance(c, Not)] + \
                   [_compile(c, index, known, best_first) for c in node.children if isinstance(c, Not)]
        if best_first:
            if isinstance(node, Or):
                def first_of_any(terms, sentence):
                    best, hit = None, False
                    for c in children:
                        r = c(terms, sentence)
                        if r is not None:
                            hit = True
                            if r and _earlier(r, best):
                                best = r
                    return None if not hit else best if best is not None else ()

                return first_of_any

            def first_of_all(terms, sentence):
                best = None
                for c in children:
                    r = c(terms, sentence)
                    if r is None:
                        return None
                    if r and _earlier(r, best):
                        best = r
                return best if best is not None else ()

            return first_of_all
        if isinstance(node, Or):
            def any_of(terms, sentence):
                spans, hit = [], False
                for c in children:
                    r = c(terms, sentence)
                    if r is not None:
                        hit = True
                        spans.extend(r)
                return spans if hit else None

            return any_of

        def all_of(terms, sentence):
            spans = []
            for c in children:
                r = c(terms, sentence)
                if r is None:
                    return None
                spans.extend(r)
            return spans

        return all_of
    left, right = _compile(node.left, index, known), _compile(node.right, index, known)
    distance, ordered = node.distance, node.ordered
    if best_first:
        # a side of automaton keys (the usual) is gathered here, not by a closure call;
        # of many keys, only those present are visited
        def key_side(side):
            if not _is_key_presence(side, index):
                return None
            keys = tuple(index[t.text] for t in iter_terms(side))
            return frozenset(keys) if len(keys) > _FEW_KEYS else keys

        lkeys, rkeys = key_side(node.left), key_side(node.right)

        def first_near(terms, sentence):
            if lkeys is None:
                lspans = left(terms, sentence)
            else:
                lspans = None
                for k in (lkeys.intersection(terms) if type(lkeys) is frozenset else lkeys):
                    if k in terms:
                        lspans = terms[k] if lspans is None else lspans + terms[k]
            if lspans is None:
                return None
            if rkeys is None:
                rspans = right(terms, sentence)
            else:
                rspans = None
                for k in (rkeys.intersection(terms) if type(rkeys) is frozenset else rkeys):
                    if k in terms:
                        rspans = terms[k] if rspans is None else rspans + terms[k]
            if rspans is None:
                return None
            start = end = -1  # the best pair's span, as near() would list it
            for _, a0, a1 in lspans:
                for _, b0, b1 in rspans:
                    if b0 >= a1:  # b after a
                        if b0 - a1 > distance:
                            continue
                        s, e = a0, b1
                    elif ordered:
                        continue
                    elif a0 >= b1:  # b before a
                        if a0 - b1 > distance:
                            continue
                        s, e = b0, a1
                    elif a0 != b0 or a1 != b1:  # overlapping (distance 0), but not the same span
                        s, e = (a0 if a0 < b0 else b0), (a1 if a1 > b1 else b1)
                    else:
                        continue
                    if start < 0 or s < start or (s == start and e > end):
                        start, end = s, e
            return None if start < 0 else (-1, start, end)

        return first_near

    def near(terms, sentence):
        lspans = left(terms, sentence)
        if lspans is None:
            return None
        rspans = right(terms, sentence)
        if rspans is None:
            return None
        out = []
        for _, a0, a1 in lspans:
            for _, b0, b1 in rspans:
                if b0 >= a1:  # b after a
                    if b0 - a1 <= distance:
                        out.append((-1, a0, b1))
                elif ordered:
                    continue
                elif a0 >= b1:  # b before a
                    if a0 - b1 <= distance:
                        out.append((-1, b0, a1))
                elif a0 != b0 or a1 != b1:  # overlapping (distance 0), but not the same span
                    out.append((-1, a0 if a0 < b0 else b0, a1 if a1 > b1 else b1))
        return out or None

    return near


def _required_sets(node) -> list[frozenset[str]]:
    """:func:`required_groups` (``all_regex_sets``) for the matcher: a regex also
    requires each of its :func:`_literal_runs` (longer literals, rarer)."""
    if isinstance(node, Regex):
        groups = required_groups(node, all_regex_sets=True)
        return groups + [run for run in _literal_runs(node.pattern)
                         if min(map(len, run)) > 1 and run not in groups]
    if isinstance(node, Term):
        return [frozenset((node.text,))]
    if isinstance(node, And):
        return [g for c in node.children for g in _required_sets(c)]
    if isinstance(node, Near):
        return _required_sets(node.left) + _required_sets(node.right)
    if isinstance(node, Or):  # one child must hold: the union of each child's rarest set
        per_child = [_required_sets(c) for c in node.children]
        if all(per_child):
            return [frozenset().union(*(min(groups, key=_rarity) for groups in per_child))]
    return []


def _as_presence(node):
    """An exclusion's tree with each regex that only says "one of these strings
    occurs" (:func:`finite_language`) as those strings: where no span is needed,
    the automaton then answers it. Positions matter under near/before: kept."""
    if isinstance(node, Regex):
        strings = finite_language(node.pattern)
        if strings and min(map(len, strings)) > 1:  # single characters occur everywhere
            terms = tuple(Term(t) for t in sorted(strings))
            return terms[0] if len(terms) == 1 else Or(terms)
        return node
    if isinstance(node, Not):
        return Not(_as_presence(node.child))
    if isinstance(node, And):
        return And(tuple(_as_presence(c) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(_as_presence(c) for c in node.children))
    return node


def _implied(group: frozenset[str], known: Sequence[frozenset[str]]) -> bool:
    """Whether a known set (one of whose strings occurs) implies that one of
    ``group`` occurs: each of its strings holds one of ``group``."""
    return any(all(any(lit in string for lit in group) for string in k) for k in known)


def _is_key_presence(node, index: dict[str, int]) -> bool:
    """Whether ``node`` holds exactly when one of its literals occurs, all of them
    automaton keys (a term, or alternatives of terms)."""
    if isinstance(node, Term):
        return node.text in index
    return isinstance(node, Or) and all(isinstance(c, Term) and c.text in index for c in node.children)


@dataclass(frozen=True)
class _Plan:
    """How the matcher tests one rule or exclusion in a sentence, cheapest first: keys
    of which none may occur (its negated terms), sets of keys one of each of which
    must occur (besides its anchor), then the closure of the rest of it (``decided``:
    the keys alone decide whether it holds)."""

    forbidden: frozenset[int]
    gates: tuple[frozenset[int], ...]
    evaluate: object
    decided: bool


def _plan(tree, anchor: frozenset[str] | None, index: dict[str, int]) -> _Plan:
    groups = [g for g in _required_sets(tree) if all(t in index for t in g)]
    gates = tuple(dict.fromkeys(frozenset(index[t] for t in g) for g in groups if g != anchor))
    forbidden: frozenset[int] = frozenset()
    rest = tree
    if isinstance(tree, And):  # !term of a key: a set test, not a closure call
        negated = [c for c in tree.children if isinstance(c, Not) and _is_key_presence(c.child, index)]
        forbidden = frozenset(index[t.text] for c in negated for t in iter_terms(c.child))
        kept = tuple(c for c in tree.children if not any(c is n for n in negated))
        rest = kept[0] if len(kept) == 1 else And(kept)
    decided = (all(_is_key_presence(c, index) for c in rest.children) if isinstance(rest, And)
               else _is_key_presence(rest, index))
    known = groups + ([anchor] if anchor else [])
    return _Plan(forbidden, gates, _compile(rest, index, known, best_first=True), decided)


_DFA_KEYS = 20_000  # the most automaton keys searched by a DFA


class RuleMatcher:
    """Apply every cue and exclusion of a taxonomy to sentences.

    The literal terms go into ONE Aho-Corasick automaton (ahocorasick-rs), but for
    single characters (校) that wake no rule: those occur everywhere, and are searched
    for in a sentence only when a rule needs them. Regexes are compiled once. A rule
    (or exclusion) is evaluated only in sentences holding one of the literals it
    requires (its rarest set, see :func:`required_groups`; regex literals derived by
    :func:`required_literal_sets` and :func:`_literal_runs`), only once every other
    set of automaton keys it requires occurs too, and none of the keys it negates.
    Which keys occur is one integer, a bit per key, so each of these tests is one ``&``.
    At most one hit per category and sentence: the cue with the earliest evidence
    (ties: a plain phrase before a compound rule, then the longest span).

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
        parsed: list[tuple[str, str, object, int]] = []  # (category, cue as written, tree, order)
        parsed_exclusions: list[tuple[str, str, object, int]] = []
        for cat in taxonomy.categories:
            lines = getattr(cat, "cue_lines", ()) or ()
            for i, cue in enumerate(cat.cues):
                tree = self._parse(cue, cat, lines[i] if i < len(lines) else cat.source_line, taxonomy.path)
                parsed.append((cat.id, " ".join(cue.split()), tree, i))
            xlines = getattr(cat, "exclusion_lines", ()) or ()
            for i, cue in enumerate(cat.exclusions):
                tree = self._parse(cue, cat, xlines[i] if i < len(xlines) else cat.source_line, taxonomy.path)
                parsed_exclusions.append((cat.id, cue, tree, i))

        # A rule (or exclusion) is filed under the rarest of the literal sets it requires
        # (required_groups), not under every term it holds: "流动 & 教师" is evaluated
        # where 流动 occurs, not wherever 教师 does.
        usage: dict[str, int] = defaultdict(int)  # how many rules use a literal (common terms are shared)
        literals: set[str] = set()
        for _, _, tree, _ in parsed:
            for term in iter_terms(tree):
                usage[term.text] += 1
        for _, _, tree, _ in parsed + parsed_exclusions:
            literals.update(term.text for term in iter_terms(tree))

        def anchor_of(tree, for_count=False) -> frozenset[str] | None:
            """Its rarest required literal set (None: it requires none)."""
            groups = required_groups(tree) if for_count else _required_sets(tree)
            if not groups:
                return None
            return min(groups, key=lambda g: (sum(usage.get(t, 0) for t in g),) + _rarity(g))

        trees = [tree for _, _, tree, _ in parsed + parsed_exclusions]
        # what n_terms has always counted: the terms, and each regex's best literal set
        self._n_literals = len(literals.union(*(anchor_of(t, for_count=True) or () for t in trees)))
        # an exclusion needs no spans: a regex of a few fixed strings is those strings
        parsed_exclusions = [(category, cue, _as_presence(tree), i) for category, cue, tree, i in parsed_exclusions]
        for _, _, tree, _ in parsed_exclusions:
            literals.update(term.text for term in iter_terms(tree))
        anchors = [anchor_of(tree) for _, _, tree, _ in parsed]
        exclusion_anchors = [anchor_of(tree) for _, _, tree, _ in parsed_exclusions]
        anchor_literals = set().union(*(anchor for anchor in anchors + exclusion_anchors if anchor))
        # shortest first: short keys match most often, and the automaton reports a key's
        # index as an int object, which Python keeps ready-made below 257
        self._keys = sorted(anchor_literals | {t for t in literals if len(t) > 1}, key=lambda t: (len(t), t))
        index = {key: k for k, key in enumerate(self._keys)}
        # ahocorasick-rs: the Rust aho-corasick crate, ~2x pyahocorasick on Chinese text
        # (whose root node has thousands of children); as a DFA it searches ~10% faster
        # still, for a few ms and MB paid once (~10 ms, 2 MB here; 0.3 s, 70 MB at 30000
        # keys: beyond _DFA_KEYS the default automaton)
        implementation = ahocorasick_rs.Implementation.DFA if len(self._keys) <= _DFA_KEYS else None
        self._find = (ahocorasick_rs.AhoCorasick(self._keys, implementation=implementation).find_matches_as_indexes
                      if self._keys else (lambda text, overlapping=True: []))

        self._rules = [_Rule(category, cue, tree, order) for category, cue, tree, order in parsed]
        plans = [_plan(rule.tree, anchor, index) if rule.phrase is None else None
                 for rule, anchor in zip(self._rules, anchors)]
        exclusion_plans = [_plan(tree, anchor, index)
                           for (_, _, tree, _), anchor in zip(parsed_exclusions, exclusion_anchors)]
        # a bit per key that some test needs, the lowest for the most tested keys (the
        # integers stay short): those a rule negates or gates on, those of an anchor of
        # several keys (the later keys skip a rule an earlier one woke), and the anchors
        # of exclusions (which are not woken but tested)
        tested: dict[int, int] = defaultdict(int)
        for plan, anchor, anchor_tested in (
                [(plan, anchor, len(anchor or ()) > 1) for plan, anchor in zip(plans, anchors) if plan] +
                [(plan, anchor, True) for plan, anchor in zip(exclusion_plans, exclusion_anchors)]):
            for k in plan.forbidden.union(*plan.gates, [index[t] for t in anchor or ()] if anchor_tested else ()):
                tested[k] += 1
        bit = {k: 1 << i for i, k in enumerate(sorted(tested, key=lambda k: (-tested[k], k)))}

        def mask(keys) -> int:
            out = 0
            for k in keys:
                out |= bit[k]
            return out

        # per key: the plain phrases it IS (they fire at its first occurrence, no closure
        # call), and the compound rules it anchors, each as (the keys that skip it: those
        # it negates, and those of its anchor before this one: when one of them occurs, it
        # is woken by that one instead; the sets of keys one of each of which must occur;
        # closure, category, order, cue)
        phrases: list[list[tuple[str, int, str]]] = [[] for _ in self._keys]
        compounds: list[list[tuple]] = [[] for _ in self._keys]
        self._unanchored: tuple = ()  # compound rules requiring no literal: evaluated everywhere
        for rule, anchor, plan in zip(self._rules, anchors, plans):
            if plan is None:
                phrases[index[rule.phrase]].append((rule.category, rule.order, rule.cue))
                continue
            gates = tuple(mask(g) for g in plan.gates)
            if anchor is None:
                self._unanchored += ((mask(plan.forbidden), gates, plan.evaluate, rule.category, rule.order,
                                      rule.cue),)
            anchor_keys = sorted(index[t] for t in anchor or ())
            for i, k in enumerate(anchor_keys):
                skip = mask(plan.forbidden) | mask(anchor_keys[:i])
                compounds[k].append((skip, gates, plan.evaluate, rule.category, rule.order, rule.cue))
        # what the first occurrence of a key does: (its bit, its phrases, its compound rules)
        self._on_key = [(bit.get(k, 0), tuple(p), tuple(c)) for k, (p, c) in enumerate(zip(phrases, compounds))]

        # exclusions, per category: (the keys any of which vetoes a hit (an excluded
        # term), the keys that wake one of the others (None: some requires no key, all
        # are tested), the others as (the keys of its anchor (0: none), the keys it
        # negates, its gates, closure (None: the keys decide)))
        guards: dict[str, list] = {}
        for (category, _, tree, _), anchor, plan in zip(parsed_exclusions, exclusion_anchors, exclusion_plans):
            held = guards.setdefault(category, [0, 0, []])
            gates = tuple(mask(g) for g in plan.gates)
            anchor_mask = mask(index[t] for t in anchor or ())
            if plan.decided and not gates and not plan.forbidden and anchor_mask:
                held[0] |= anchor_mask
                continue
            held[1] = None if held[1] is None or not anchor_mask else held[1] | anchor_mask
            held[2].append((anchor_mask, mask(plan.forbidden), gates, None if plan.decided else plan.evaluate))
        self._guards = {category: (veto, wake, tuple(sorted(others, key=lambda o: o[3] is not None)))
                        for category, (veto, wake, others) in guards.items()}

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
        """How many distinct literals the cues and exclusions hold."""
        return self._n_literals

    def match(self, text: str) -> list[RuleHit]:
        """Categories whose cues fire in one sentence (offsets relative to ``text``)."""
        return next(self.match_spans(text, ((0, len(text)),)))

    def _sentence_rows(self, sentence: str) -> tuple:
        """The hits in ``sentence`` as ``(start, category, cue, end)``, by position then
        category (for measuring scripts)."""
        return tuple((h.start, h.category, h.trigger, h.end) for h in self.match(sentence))

    def match_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> Iterator[list[RuleHit]]:
        """Evaluate rules per span (sentence) of ``text``; yields one list of hits per
        span, in the order given: the hits of ``text[s:e]`` by position then category,
        offsets shifted by ``s``. One loop does every span (no call per sentence)."""
        find, on_key, unanchored = self._find, self._on_key, self._unanchored
        guards_of = self._guards
        for s, e in spans:
            sentence = text[s:e]
            found = find(sentence, True)  # overlapping: (key, start, end), in text order
            if not found and not unanchored:
                yield []
                continue
            # best per category: (tie-break key, cue, start, end). The key makes the winner
            # independent of evaluation order: earliest evidence; then a plain phrase over
            # a compound rule; then the longest; then the earlier cue
            best: dict[str, tuple] = {}
            woken = [unanchored] if unanchored else []
            terms: dict[int, list[tuple[int, int, int]]] = {}  # key -> its matches
            present = 0  # a bit per key found (of those some test needs)
            for match in found:
                k = match[0]
                if k in terms:
                    terms[k].append(match)
                    continue
                terms[k] = [match]  # the key's first occurrence: wake its rules
                bit, phrases, compounds = on_key[k]
                present |= bit
                if phrases:
                    _, a, b = match
                    for category, order, cue in phrases:  # a phrase fires where it first occurs
                        key = (a, False, a - b, order)
                        held = best.get(category)
                        if held is None or key < held[0]:
                            best[category] = (key, cue, a, b)
                if compounds:
                    woken.append(compounds)
            for entries in woken:
                for skip, gates, evaluate, category, order, cue in entries:
                    if skip and skip & present:
                        continue  # a negated key occurs, or an earlier key of its anchor woke it
                    for gate in gates:
                        if not gate & present:
                            break
                    else:
                        evidence = evaluate(terms, sentence)  # its best span
                        if not evidence:
                            continue
                        _, a, b = evidence
                        key = (a, True, a - b, order)
                        held = best.get(category)
                        if held is None or key < held[0]:
                            best[category] = (key, cue, a, b)
            if not best:
                yield []
                continue
            rows = []
            for category, (_, cue, a, b) in best.items():
                guards = guards_of.get(category)
                if guards is not None:
                    veto, wake, others = guards
                    if veto & present:
                        continue
                    if wake is None or wake & present:
                        if _any_holds(others, present, terms, sentence):
                            continue
                rows.append((a, category, cue, b))
            if len(rows) > 1:
                rows.sort()  # by position, then category (unique: one hit per category)
            make = _make_hit
            yield [make(category, cue, a + s, b + s) for a, category, cue, b in rows]


def _any_holds(exclusions: tuple, present: int, terms: dict, sentence: str) -> bool:
    """Whether one of ``exclusions`` (see ``RuleMatcher._guards``) holds in ``sentence``
    (``present``, ``terms``: its keys, see ``RuleMatcher.match_spans``)."""
    for anchor, forbidden, gates, evaluate in exclusions:
        if (anchor and not anchor & present) or forbidden & present:
            continue
        for gate in gates:
            if not gate & present:
                break
        else:
            if evaluate is None or evaluate(terms, sentence) is not None:
                return True
    return False
