"""A per-user cache for what the read commands would otherwise rebuild in every process.

``search`` segments its query with jieba's dictionary and matches it against the
taxonomy's cues. Loading either costs far more than the query itself (rjieba's
dictionary ~0.25 s, parsing the taxonomy YAML ~0.1 s), so their query-time forms are
derived once and stored here. A file's name holds a digest of everything it was derived
from: a changed source gets a new file, and a stale one is never read.

Directory: ``$EDUMINER_CACHE_DIR``, else the user cache folder (:func:`cache_dir`). Files are written
under a temporary name and renamed, so concurrent processes see a whole file or none.
When the directory cannot be written, callers fall back to building in memory.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> path = cached_file("demo-1.txt", lambda tmp: tmp.write_text("built", encoding="utf-8"), folder)
>>> path.read_text(encoding="utf-8"), path.name
('built', 'demo-1.txt')
>>> cached_file("demo-1.txt", lambda tmp: 1 / 0, folder) == path   # built once, then only read
True
>>> cached_file("x", lambda tmp: None, path) is None   # not a folder: no cache
True
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

CACHE_ENV = "EDUMINER_CACHE_DIR"


def cache_dir() -> Path:
    """The directory of eduminer's cache files (not created here): ``$EDUMINER_CACHE_DIR``,
    else the platform's user cache folder (platformdirs: ~/.cache/eduminer on Linux,
    honouring $XDG_CACHE_HOME; ~/Library/Caches/eduminer; %LOCALAPPDATA%\\eduminer\\Cache)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    import platformdirs

    return Path(platformdirs.user_cache_dir("eduminer", appauthor=False))


def cached_file(name: str, build: Callable[[Path], object], folder: Path | None = None) -> Path | None:
    """The cache file ``name`` in ``folder`` (default: :func:`cache_dir`), first built by
    ``build(path)`` into a temporary file that is then renamed into place. None when the
    folder cannot be written."""
    path = (cache_dir() if folder is None else Path(folder)) / name
    if path.is_file():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=path.parent)
    except OSError:
        return None
    os.close(fd)
    try:
        build(Path(tmp))
        os.replace(tmp, path)
    except OSError:
        return None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def fingerprint(*parts: object, files: Iterable[str | os.PathLike] = ()) -> str:
    """A short digest of ``parts`` and of each file's path, size and modification time
    (cheap: no file is read), for naming a cache file after its sources."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8") + b"\0")
    for file in files:
        st = os.stat(file)
        digest.update(f"{os.fspath(file)}|{st.st_size}|{st.st_mtime_ns}".encode("utf-8") + b"\0")
    return digest.hexdigest()[:24]
