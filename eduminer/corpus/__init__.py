"""Corpus stage: read documents of any format into clean, normalized, traceable text.

``read`` turns one file (.txt .html .htm .docx .pdf; other extensions sniffed)
into a :class:`Document`: encoding detected and verified, page boilerplate
removed (rules in ``data/boilerplate.yaml``), text normalized (simplified
script, ASCII digits) with an offset map back to the original characters,
split into sections and sentences, with title, date, issuer, 文号 and region.

>>> from eduminer.corpus import read
>>> doc = read("examples/seeds/001_a4df0bc1ffe384af.txt")  # doctest: +SKIP
>>> doc.region, doc.date                                    # doctest: +SKIP
('广西壮族自治区/贵港市/港北区', '2017-02-27')
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eduminer.corpus.model import Document, ReadFailure, Section, Sentence
from eduminer.errors import Errors, InputError

__all__ = ["iter_files", "Document", "Section", "Sentence", "ReadFailure", "read", "read_all", "inspect", "read_bytes"]


def read(path: str | os.PathLike, root: str | os.PathLike | None = None) -> Document:
    """Read one document. ``root``: the document id is the path relative to it, else the file name.

    Raises ``InputError`` naming the file and the reason (missing, empty, binary,
    undecodable, damaged .docx, PDF without text layer, page without body text).
    """
    p = Path(path)
    if not p.exists():
        raise InputError(Errors.E002, path=str(path))
    if p.is_dir():
        raise InputError(Errors.E001, path=str(path), reason="it is a directory; use read_all() to walk it")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(Errors.E001, path=str(path), reason=e.strerror or str(e)) from e
    doc_id = p.relative_to(root).as_posix() if root else p.name
    return read_bytes(data, str(path), doc_id=doc_id, abs_path=str(p.resolve()))


def read_bytes(data: bytes, path: str, doc_id: str | None = None, abs_path: str | None = None) -> Document:
    """Read a document from its bytes; ``path`` names it in messages and decides the format."""
    from eduminer.corpus.boilerplate import clean_lines
    from eduminer.corpus.formats import extract, sniff_format
    from eduminer.corpus.metadata import extract_metadata, issuer_candidates
    from eduminer.corpus.normalize import normalize_with_lines
    from eduminer.corpus.regions import document_region, gazetteer
    from eduminer.corpus.structure import split_structure

    if not data.strip():
        raise InputError(Errors.E008, path=path)
    fmt = sniff_format(path, data)
    if fmt is None:
        suffix = Path(path).suffix
        if data[:4096].count(b"\x00") or suffix:
            raise InputError(Errors.E003, path=path, suffix=suffix)
        raise InputError(Errors.E009, path=path)
    ex = extract(path, data, fmt)
    body, removed = clean_lines(ex.body_lines)
    if not body:
        raise InputError(Errors.E011 if fmt == "html" else Errors.E007, path=path)
    if ex.title and not any(ex.title in line for line in body[:5]):
        body.insert(0, ex.title)  # main-content extractors drop the <h1>; the text starts with it
    original = "\n".join(body)
    norm, lines_kept = normalize_with_lines(original)
    doc_id = doc_id or Path(path).name
    norm_lines = norm.text.split("\n")  # one per body line: normalization keeps line breaks
    original_lines = original.split("\n")
    # the page's top lines are mostly body lines: metadata need not normalize them again
    known = dict(zip(original_lines, norm_lines)) if lines_kept and len(original_lines) == len(norm_lines) else None
    meta = extract_metadata(ex.page_lines, norm_lines, ex.title, normalized=known)
    issuers = issuer_candidates(meta, norm_lines)
    g = gazetteer()
    issuer = next((i for i in issuers if g.find(i)), meta.issuer)
    region = document_region(issuers, meta.title, norm.text)
    sections, sentences = split_structure(doc_id, norm.text)
    notes = list(ex.notes)
    if removed:
        notes.append(f"removed {removed} boilerplate lines")
    notes += [f"{k}: {v}" for k, v in meta.fields]
    return Document(
        doc=doc_id, path=abs_path or path, format=ex.format, encoding=ex.encoding,
        sha256=hashlib.sha256(data).hexdigest(), original=original, text=norm.text,
        offsets=norm.offsets, title=meta.title, date=meta.date, issuer=issuer,
        doc_number=meta.doc_number, region=region.path if region else "",
        region_code=region.code if region else "", script=norm.script,
        sections=sections, sentences=sentences, notes=tuple(notes),
    )


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, Path | None]]:
    """``(file, root)`` for every input path: folders are walked recursively in sorted
    order (hidden files and folders skipped) with the folder as root; a file (or a
    missing path, which ``read`` then reports) comes with root ``None``."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f, p
        else:
            yield p, None


def read_all(paths: Iterable[str | os.PathLike],
             on_error: Callable[[ReadFailure], None] | None = None) -> Iterator[Document]:
    """Read files and directories (walked recursively, sorted), one ``Document`` at a time.

    A file that cannot be read is reported to ``on_error`` as a ``ReadFailure``
    (with the ``Error`` message naming file and reason) and the batch goes on.
    Unknown extensions are sniffed; binary ones are skipped with a note.
    """
    for f, root in iter_files(paths):
        try:
            yield read(f, root=root)
        except InputError as e:
            if on_error:
                on_error(ReadFailure(str(f), str(e), e.code or ""))
        except (RecursionError, MemoryError, UnicodeError, ValueError) as e:
            # a library choking on a malformed file must not stop the batch
            err = InputError(Errors.E001, path=str(f), reason=f"{type(e).__name__}: {e}")
            if on_error:
                on_error(ReadFailure(str(f), str(err), err.code or ""))


def inspect(paths: Iterable[str | os.PathLike], with_text: bool = True,
            on_error: Callable[[ReadFailure], None] | None = None) -> Iterator[dict]:
    """One summary record per readable document (what ``eduminer inspect`` prints)."""
    for doc in read_all(paths, on_error=on_error):
        rec = doc.to_record()
        if not with_text:
            rec.pop("text")
        yield rec
