"""Text helpers shared by the index and the queries: normalize, segment, build MATCH.

The index and the query go through the same two steps, so they meet:

1. ``normalize``: the corpus stage's own normalization of a line (traditional ->
   simplified with OpenCC, full-width digits/letters -> ASCII, Chinese punctuation kept);
2. ``tokens``: words from rjieba in search mode (whole words plus their sub-words,
   e.g. 县管校聘 -> 县管, 校聘), punctuation dropped.

The stored side is :func:`index_text` (one sentence) and :func:`index_texts` (all the
sentences of a document in one segmenter call, the same strings).

>>> tokens("教師交流輪崗")
['教师', '交流', '轮岗']
>>> match_expression('"1+N" OR 学区*')
'"1" OR "n" OR "or" OR "学区"'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from eduminer.corpus.normalize import normalize_line as normalize  # the index's own normalization

# A token is kept if it holds at least one letter or digit (CJK ideographs are letters).
_WORDY = re.compile(r"\w", re.UNICODE)
_MAX_QUERY_TOKENS = 32


@functools.lru_cache(maxsize=1)
def _segmenter():
    import rjieba

    # a private instance: no shared module-level state is touched (add_word etc.)
    return rjieba.Jieba()


@functools.lru_cache(maxsize=1 << 16)
def _token(word: str) -> str:
    """A segmenter word as an index token: stripped, lower-cased; '' when it holds no
    letter or digit. Cached: a corpus repeats a small vocabulary, and this runs for
    every word of every sentence stored."""
    word = word.strip().lower()
    return word if word and _WORDY.search(word) else ""


def tokens(text: str, normalized: bool = False) -> list[str]:
    """Search-mode words of ``text`` (normalized first unless ``normalized``), lower-cased."""
    if not normalized:
        text = normalize(text)
    return tokens_of(_segmenter().cut_for_search(text))


def tokens_of(words) -> list[str]:
    """Segmenter words as index tokens: stripped, lower-cased, only those holding a
    letter or digit (for any segmenter cutting like the index's)."""
    return [t for t in map(_token, words) if t]


def index_text(text: str) -> str:
    """The space-joined token string stored in the FTS5 table for a (normalized) sentence."""
    return " ".join(filter(None, map(_token, _segmenter().cut_for_search(text))))


_SENTENCE_BREAK = "\n"
_VOCABULARY_SIZE = 1 << 16  # distinct words remembered


def index_texts(texts: Iterable[str]) -> list[str]:
    """:func:`index_text` of every text (e.g. the sentences of a document): the same
    strings, with one segmenter call for all of them.

    Why they are the same: the segmenter cuts a text into blocks at every character that
    is not a CJK ideograph or an ASCII letter, digit or one of ``+#&._%-``, and segments
    each block on its own; outside blocks every character is a word by itself (white space
    included). So texts joined by line breaks are cut as each text alone, with a line-break
    word between them, which then splits the words again (a text holding a line break is
    cut on its own). Each word becomes its index token through a dictionary lookup.

    >>> texts = ["教師交流輪崗。", "", "县管校聘 1+N 模式", "教師交流輪崗。"]
    >>> index_texts(texts) == [index_text(t) for t in texts]
    True
    """
    texts = texts if isinstance(texts, list) else list(texts)
    if not texts:
        return []
    joined = _SENTENCE_BREAK.join(texts)
    if joined.count(_SENTENCE_BREAK) == len(texts) - 1:
        return _index_joined(joined)
    # a text holding a line break is cut on its own
    made = {t: index_text(t) for t in texts if _SENTENCE_BREAK in t}
    rest = [t for t in texts if _SENTENCE_BREAK not in t]
    if rest:
        made.update(zip(rest, _index_joined(_SENTENCE_BREAK.join(rest))))
    return [made[t] for t in texts]


def _index_joined(joined: str) -> list[str]:
    """The index tokens of each line of ``joined`` (see :func:`index_texts`)."""
    vocabulary = _vocabulary()
    if len(vocabulary) > _VOCABULARY_SIZE:
        vocabulary.clear()
    tokens = " ".join(filter(None, map(vocabulary.__getitem__, _segmenter().cut_for_search(joined))))
    return [line.strip() for line in tokens.split(_SENTENCE_BREAK)]


class _Vocabulary(dict):
    """Segmenter word -> index token (:func:`_token`); the line break stays itself."""

    def __missing__(self, word: str) -> str:
        # a text ending in a carriage return makes "\r\n" one word
        token = self[word] = _SENTENCE_BREAK if _SENTENCE_BREAK in word else _token(word)
        return token


@functools.lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


def match_expression(query: str, operator: str = "OR") -> str:
    """An FTS5 MATCH expression from free user text: every token double-quoted, so
    quotes, ``*``, ``-``, AND/OR/NEAR, parentheses and colons are plain text.
    Returns '' when the query has no searchable token."""
    return match_expression_of(tokens(query), operator)


def match_expression_of(query_tokens: list[str], operator: str = "OR") -> str:
    """:func:`match_expression` from a query's tokens: each double-quoted once, at most
    the first 32."""
    seen: list[str] = []
    for tok in query_tokens:
        tok = tok.replace('"', "")
        if tok and tok not in seen:
            seen.append(tok)
    quoted = ['"' + t + '"' for t in seen[:_MAX_QUERY_TOKENS]]
    return f" {operator} ".join(quoted)
