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

import errno
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG

from eduminer.corpus.model import Document, ReadFailure, Section, Sentence
from eduminer.errors import Errors, InputError

__all__ = ["iter_files", "Document", "Section", "Sentence", "ReadFailure", "read", "read_all", "inspect", "read_bytes"]


def read(path: str | os.PathLike, root: str | os.PathLike | None = None) -> Document:
    """Read one document. ``root``: the document id is the path relative to it, else the file name.

    Raises ``InputError`` naming the file and the reason (missing, empty, binary,
    undecodable, damaged .docx, PDF without text layer, page without body text).
    """
    p = path if isinstance(path, Path) else Path(path)  # a Path is immutable: no copy needed
    opened = _read_file(p)
    if opened is not None:
        data, abs_path = opened
    else:  # not a regular file that opens: these checks tell why, as they always did
        mode = _stat_mode(p)
        if mode is None:
            raise InputError(Errors.E002, path=str(path))
        if S_ISDIR(mode):
            raise InputError(Errors.E001, path=str(path), reason="it is a directory; use read_all() to walk it")
        try:
            data = p.read_bytes()
        except OSError as e:
            raise InputError(Errors.E001, path=str(path), reason=e.strerror or str(e)) from e
        abs_path = _real_path(p)
    doc_id = p.relative_to(root).as_posix() if root else p.name
    return read_bytes(data, str(path), doc_id=doc_id, abs_path=abs_path)


def _read_file(p: Path) -> tuple[bytes, str] | None:
    """The bytes and the real path (``_real_path``) of the regular file ``p``, in few system
    calls (open, fstat, read to the end, readlink, close: half of what stat, Path.read_bytes
    and an lstat per path component take); None when it does not open or is no regular
    file, or on any error reading it, for ``read`` to find out again and report."""
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if not S_ISREG(st.st_mode):
            return None
        chunks = [os.read(fd, st.st_size + 1)]  # all there is, and a read more to see the end
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        # the kernel's own name of the open file (Linux), which holds no link
        try:
            linked = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            linked = None
    except OSError:
        return None
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 2 else b"".join(chunks), _real_path(p, linked)


_KNOWN_LINES = 100  # body lines offered to metadata (it reads the top 30 of the page)


# the errors for which Path.exists() says False (it raises the others)
_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def _real_path(p: Path, linked: str | None = None) -> str:
    """``str(p.resolve())`` (``os.path.realpath(p)``), which spends more time joining path
    strings than in its one lstat per component: the components of the absolute path are
    checked directly, and realpath itself resolves a path that holds a link, a ``..`` or a
    leading ``//``.

    ``linked``: the name the kernel gives the file opened at ``p`` (/proc/self/fd). When it
    is the absolute path, no component is a link (the kernel names a file by the
    directories that hold it, and a link holds none), and nothing needs checking."""
    name = os.fspath(p)
    if linked == name:  # an absolute path, as the kernel writes it: no ".." nor "//" in it
        return name
    absolute = os.path.abspath(name)
    if absolute.startswith("//") or ".." in name.split("/"):
        return os.path.realpath(name)
    if linked == absolute:
        return absolute
    end = absolute.find("/", 1)
    while True:
        prefix = absolute if end < 0 else absolute[:end]
        try:
            if S_ISLNK(os.lstat(prefix).st_mode):
                return os.path.realpath(name)
        except OSError:  # realpath takes such a component as it is
            pass
        if end < 0:
            return absolute
        end = absolute.find("/", end + 1)


def _stat_mode(p: Path) -> int | None:
    """``p``'s st_mode, or None where ``p.exists()`` is False: one stat for exists() and is_dir()."""
    try:
        return os.stat(p).st_mode
    except OSError as e:
        if e.errno not in _MISSING:
            raise
        return None
    except ValueError:  # a path the OS cannot take (a NUL byte)
        return None


@lru_cache(maxsize=1)
def _stages() -> tuple:
    """The functions of the reading stages, imported at the first read (they compile many
    regexes: ``import eduminer.corpus`` stays light) and kept: six import statements cost
    some 8 µs per document."""
    from eduminer.corpus.boilerplate import clean_lines_simplified, pinyin_marks_of, strip_pinyin
    from eduminer.corpus.formats import extract, sniff_format
    from eduminer.corpus.metadata import _issuer_candidates, _metadata, org_lines, site_owners
    from eduminer.corpus.normalize import normalize_with_lines, is_plain
    from eduminer.corpus.regions import document_region, gazetteer, site_owner_region
    from eduminer.corpus.structure import split_structure
    from eduminer.records import keyword_maker

    return (clean_lines_simplified, extract, sniff_format, _metadata, org_lines, _issuer_candidates,
            normalize_with_lines, is_plain, document_region, gazetteer, split_structure, keyword_maker(Document),
            strip_pinyin, pinyin_marks_of, lambda page_lines: site_owner_region(site_owners(page_lines)))


def read_bytes(data: bytes, path: str, doc_id: str | None = None, abs_path: str | None = None) -> Document:
    """Read a document from its bytes; ``path`` names it in messages and decides the format."""
    (clean_lines, extract, sniff_format, extract_metadata, org_lines, issuer_candidates,
     normalize_with_lines, is_plain, document_region, gazetteer, split_structure, make_document,
     strip_pinyin, pinyin_marks_of, site_owner) = _stages()

    if not data or data.isspace():  # not data.strip(), which copies the data
        raise InputError(Errors.E008, path=path)
    fmt = sniff_format(path, data)
    if fmt is None:
        suffix = Path(path).suffix
        if data[:4096].count(b"\x00") or suffix:
            raise InputError(Errors.E003, path=path, suffix=suffix)
        raise InputError(Errors.E009, path=path)
    ex = extract(path, data, fmt)
    # one scan tells whether normalization changes anything but quotes (in most texts nothing)
    plain = is_plain("\n".join(ex.body_lines)) and is_plain(ex.title)
    marks = None  # each stripped line's pinyin, to keep with the document (Document.annotations)
    if not plain:  # the mirror sites that put pinyin after characters (城鄉(xiāng)) serve traditional script
        body_lines, pinyin = strip_pinyin(ex.body_lines)
        if pinyin:
            same = ex.page_lines is ex.body_lines
            title = strip_pinyin([ex.title])[0][0]
            marks = pinyin_marks_of(ex.body_lines + [ex.title], body_lines + [title])
            ex.body_lines = body_lines
            ex.page_lines = body_lines if same else strip_pinyin(ex.page_lines)[0]
            ex.title = title
            ex.notes.append(f"removed {pinyin} pinyin annotations")
    body, removed, simplified = clean_lines(ex.body_lines, plain=plain)
    if not body:
        raise InputError(Errors.E011 if fmt == "html" else Errors.E007, path=path)
    if ex.title and not any(ex.title in line for line in body[:5]):
        body.insert(0, ex.title)  # main-content extractors drop the <h1>; the text starts with it
        simplified.insert(0, None)
    original = "\n".join(body)
    annotations: tuple = ()
    if marks:  # where each kept line's pinyin stood, in the original text
        found, start = [], 0
        for line in body:
            found.extend((start + pos, note) for pos, note in marks.get(line, ()))
            start += len(line) + 1
        annotations = tuple(found)
    # the short lines were converted to simplified script for the boilerplate rules already
    # (the page's chrome may hold what normalization changes, the body not)
    norm, lines_kept = normalize_with_lines(original, body, simplified, plain=plain or is_plain(original))
    doc_id = doc_id or Path(path).name
    norm_lines = norm.text.split("\n")  # one per body line: normalization keeps line breaks
    # a plain page (a text file's lines, the body's before cleaning) needs no normalizing but
    # of quotes; else its top lines are mostly body lines: metadata need not normalize them
    # again (a line it does not find here it normalizes itself, to the same text: the top
    # ones suffice)
    plain_page = plain and ex.page_lines is ex.body_lines
    known = (dict(zip(original.split("\n", _KNOWN_LINES)[:_KNOWN_LINES], norm_lines[:_KNOWN_LINES]))
             if not plain_page and lines_kept and original.count("\n") + 1 == len(norm_lines) else None)
    org = org_lines(norm_lines)  # the issuer and its candidates are looked for among these
    meta = extract_metadata(ex.page_lines, norm_lines, ex.title, known, org, plain_page)
    issuers = issuer_candidates(meta, [norm_lines[i] for i in org])
    g = gazetteer()
    mentions: dict[str, list] = {}  # the issuer and the region look the same issuers up

    def find(name: str) -> list:
        if name not in mentions:
            mentions[name] = g.find(name)
        return mentions[name]

    issuer = next((i for i in issuers if find(i)), meta.issuer)
    region = document_region(issuers, meta.title, norm.text, find=find, site_owner=site_owner(ex.page_lines))
    sections, sentences = split_structure(doc_id, norm.text)
    notes = list(ex.notes)
    if removed:
        notes.append(f"removed {removed} boilerplate lines")
    notes += [f"{k}: {v}" for k, v in meta.fields]
    return make_document(
        doc=doc_id, path=abs_path or path, format=ex.format, encoding=ex.encoding,
        sha256=hashlib.sha256(data).hexdigest(), original=original, text=norm.text,
        offsets=norm.offsets, title=meta.title, date=meta.date, issuer=issuer,
        doc_number=meta.doc_number, region=region.path if region else "",
        region_code=region.code if region else "", script=norm.script,
        sections=sections, sentences=sentences, notes=tuple(notes), annotations=annotations,
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
