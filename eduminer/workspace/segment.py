"""Segment a search query exactly as the index was segmented, without loading jieba's dictionary.

The index holds rjieba's search-mode words of every sentence (:func:`~eduminer.workspace.text.tokens`),
and a query must be cut the same way to meet them. Building rjieba's full dictionary costs
~0.25 s per process (twice over: ``import rjieba`` builds a default instance, ``text`` a
private one) -- more than the whole rest of ``eduminer search``.

jieba's cut of a text depends only on the dictionary words that occur in the text (the
word graph, search mode's 2-/3-gram look-ups, the HMM's "is this run a word" test) and on
the dictionary's total frequency (a word scores ln(freq) - ln(total)). So an rjieba instance
holding just the words found in the query, plus one filler entry that never occurs in it
and brings the total up to the full dictionary's, cuts the query exactly as the full
dictionary does. The words come from jieba's ``dict.txt`` (the dictionary jieba-rs embeds),
copied once into an indexed SQLite file in the user cache (:mod:`eduminer.workspace.cache`);
building that file also checks the claim against the full rjieba on the shipped taxonomy's
text and records the verdict, and when it fails (or there is no cache) queries go through
:func:`~eduminer.workspace.text.tokens` itself.

>>> query_tokens("教師交流輪崗")
['教师', '交流', '轮岗']
>>> match_expression_of(query_tokens('"1+N" OR 学区*'))
'"1" OR "n" OR "or" OR "学区"'

(Segmenting queries against the workspace's own FTS5 vocabulary was considered: longest
matching there disagrees with jieba on about a quarter of the taxonomy's labels and cues,
e.g. 集团化办学 -> 集团化, 办学 instead of 集团, 集团化, 办学, which changes BM25 scores.)
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import sqlite3
import sys
from pathlib import Path

from eduminer.workspace import text as _text
from eduminer.workspace.cache import cache_dir, cached_file, fingerprint
from eduminer.workspace.text import match_expression_of

__all__ = ["query_tokens", "match_expression_of"]  # MATCH from query_tokens, as text builds it

_FORMAT = 1  # bump when the cache file's layout or derivation changes
# SQLite's default limit on host parameters is 999 before 3.32
_CHUNK = 900
# private-use characters: the filler word must not occur in the text being cut
_FILLERS = ("\ue000", "\ue001", "\ue002")


def query_tokens(query: str) -> list[str]:
    """The words :func:`eduminer.workspace.text.tokens` gives for ``query`` (normalized,
    search mode, lower-cased, punctuation dropped), from a dictionary of just its words."""
    text = _text.normalize(query)
    segmenter = _segmenter_for(text)
    if segmenter is None:
        return _text.tokens(text, normalized=True)
    return _text.tokens_of(segmenter.cut_for_search(text))


# --- the small segmenter ---------------------------------------------------------------


def _segmenter_for(text: str):
    """An rjieba instance that cuts ``text`` exactly like the full dictionary, or None."""
    dictionary = _dictionary()
    if dictionary is None:
        return None
    path, total, longest = dictionary
    filler = next((f for f in _FILLERS if f not in text), None)
    if filler is None:
        return None
    try:
        words = _words_in(path, text, longest)
    except sqlite3.Error:  # the cache file went away under a long-lived process
        return None
    segmenter = _jieba_class().empty()
    for word, freq in words:
        segmenter.add_word(word, freq, None)
    segmenter.add_word(filler, total - sum(freq for _, freq in words), None)
    return segmenter


def _words_in(path: Path, text: str, longest: int) -> list[tuple[str, int]]:
    """Dictionary words (with frequencies) that occur in ``text``."""
    candidates = sorted(_substrings(text, longest))
    found: list[tuple[str, int]] = []
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        for start in range(0, len(candidates), _CHUNK):
            chunk = candidates[start:start + _CHUNK]
            found += conn.execute(f"SELECT word, freq FROM words WHERE word IN ({','.join('?' * len(chunk))})",
                                  chunk).fetchall()
    finally:
        conn.close()
    return found


def _substrings(text: str, longest: int) -> set[str]:
    """Every substring of at most ``longest`` characters without white space (a
    dictionary word never holds any)."""
    out = set()
    n = len(text)
    for i in range(n):
        for j in range(i + 1, min(i + longest, n) + 1):
            if text[j - 1].isspace():
                break
            out.add(text[i:j])
    return out


@functools.lru_cache(maxsize=1)
def _jieba_class():
    """rjieba's ``Jieba`` class. ``import rjieba`` builds a default instance with the full
    dictionary (~0.13 s) that a small segmenter never uses, so when rjieba is not imported
    yet its compiled module is loaded on its own, under its own name: a later ``import
    rjieba`` then reuses it (a PyO3 module can be initialized only once per process)."""
    if "rjieba" not in sys.modules and "rjieba.rjieba" not in sys.modules:
        try:
            _load_compiled_rjieba()
        except Exception:  # noqa: BLE001 -- any surprise in the layout: import it the normal way
            sys.modules.pop("rjieba.rjieba", None)
    module = sys.modules.get("rjieba.rjieba")
    if module is None:
        import rjieba as module
    return module.Jieba


def _load_compiled_rjieba() -> None:
    spec = importlib.util.find_spec("rjieba")  # finds the package without running its __init__
    folder = Path(next(iter(spec.submodule_search_locations)))
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"rjieba{suffix}"
        if path.is_file():
            break
    else:
        raise ImportError("rjieba's compiled module not found")
    loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_file_location(
        "rjieba.rjieba", path, loader=loader))
    sys.modules["rjieba.rjieba"] = module
    loader.exec_module(module)


# --- the dictionary cache ----------------------------------------------------------------


def _jieba_dict_path() -> Path:
    spec = importlib.util.find_spec("jieba")  # the file only: importing jieba is not needed
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _rjieba_files() -> list[Path]:
    spec = importlib.util.find_spec("rjieba")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sorted(p for p in folder.iterdir() if p.name.startswith("rjieba.") and p.suffix in (".so", ".pyd"))


def _dictionary() -> tuple[Path, int, int] | None:
    return _dictionary_in(cache_dir())


@functools.lru_cache(maxsize=4)
def _dictionary_in(folder: Path) -> tuple[Path, int, int] | None:
    """(cache file, total frequency, longest word length) of a dictionary verified to
    segment like rjieba's own; None when there is none (no cache, or it did not verify)."""
    try:
        source = _jieba_dict_path()
        key = fingerprint("jieba-dict", _FORMAT, files=[source, *_rjieba_files()])
    except (OSError, ImportError, AttributeError, TypeError):
        return None
    try:  # a cache that cannot be built or read only costs speed: queries then use rjieba itself
        path = cached_file(f"jieba-dict-{key}.sqlite", lambda tmp: _build_dictionary(source, tmp), folder)
        if path is None:
            return None
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    if meta.get("verified") != "1":
        return None
    return path, int(meta["total"]), int(meta["longest"])


def _read_dict(source: Path) -> dict[str, int]:
    """``word freq [tag]`` lines; a later line for the same word replaces the earlier one,
    as jieba-rs's ``load_dict`` does."""
    words: dict[str, int] = {}
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if parts:
                words[parts[0]] = int(parts[1]) if len(parts) > 1 else 0
    return words


def _build_dictionary(source: Path, target: Path) -> None:
    words = _read_dict(source)
    total = sum(words.values())
    longest = max(map(len, words))
    verified = _agrees_with_rjieba(words, total, longest)
    conn = sqlite3.connect(target)
    try:
        conn.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.executemany("INSERT INTO words VALUES (?, ?)", words.items())
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("source", str(source)), ("total", str(total)), ("longest", str(longest)),
            ("verified", "1" if verified else "0")])
        conn.commit()
    finally:
        conn.close()


def _agrees_with_rjieba(words: dict[str, int], total: int, longest: int) -> bool:
    """Whether small dictionaries drawn from ``words`` cut like rjieba's full one: every
    word is in rjieba's dictionary, and each line of the shipped taxonomy (cue and label
    vocabulary, definitions) is cut identically."""
    import rjieba  # builds the full default dictionary: only here, once per cache file

    if not hasattr(rjieba.Jieba, "empty") or not all(rjieba.has_word(w) for w in words):
        return False
    probe = [_text.normalize(line.strip()) for line in _taxonomy_text().splitlines() if line.strip()]
    joined = "\n".join(probe)
    found = {w: words[w] for w in _substrings(joined, longest) if w in words}
    filler = next(f for f in _FILLERS if f not in joined)
    small = rjieba.Jieba.empty()
    for word, freq in found.items():
        small.add_word(word, freq, None)
    small.add_word(filler, total - sum(found.values()), None)
    return all(small.cut_for_search(line) == rjieba.cut_for_search(line) for line in probe)


def _taxonomy_text() -> str:
    from eduminer.taxonomy.loader import default_taxonomy_path  # building the cache only: no start-up cost

    return Path(default_taxonomy_path()).read_text(encoding="utf-8")
