"""Corpus stage: read documents of any format into clean, normalized, traceable text.

>>> from eduminer.corpus import read
>>> doc = read("examples/seeds/001_a4df0bc1ffe384af.txt")  # doctest: +SKIP
>>> doc.region                                              # doctest: +SKIP
'广西壮族自治区/贵港市/港北区'
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eduminer.corpus.model import Document, ReadFailure, Section, Sentence
from eduminer.errors import Errors, InputError

__all__ = ["Document", "Section", "Sentence", "ReadFailure", "read", "read_all", "inspect"]

# INTERIM minimal reader (UTF-8 .txt only); replaced by the full corpus stage.
_SENT_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


def read(path: str | os.PathLike, root: str | os.PathLike | None = None) -> Document:
    p = Path(path)
    if not p.exists():
        raise InputError(Errors.E002, path=str(path))
    raw = p.read_bytes()
    original = raw.decode("utf-8-sig")
    import opencc

    text = opencc.OpenCC("t2s").convert(original)
    doc_id = str(p.relative_to(root)) if root else p.name
    sentences = []
    for m in _SENT_END.finditer(text):
        s = m.group().strip()
        if s:
            sentences.append(Sentence(doc_id, len(sentences), m.start(), m.end(), m.group()))
    return Document(doc=doc_id, path=str(p.resolve()), format="txt", encoding="utf-8",
                    sha256=hashlib.sha256(raw).hexdigest(), original=original, text=text,
                    offsets=tuple(range(len(text) + 1)), sentences=tuple(sentences))


def read_all(paths: Iterable[str | os.PathLike],
             on_error: Callable[[ReadFailure], None] | None = None) -> Iterator[Document]:
    for path in paths:
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                yield read(f, root=p if p.is_dir() else None)
            except InputError as e:
                if on_error:
                    on_error(ReadFailure(str(f), str(e), e.code or ""))


def inspect(paths, with_text: bool = True, on_error=None) -> Iterator[dict]:
    for doc in read_all(paths, on_error=on_error):
        rec = doc.to_record()
        if not with_text:
            rec.pop("text")
        yield rec
