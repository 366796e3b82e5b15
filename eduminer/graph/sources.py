"""Where the graph stage gets measure records: a workspace database or documents.

Both yield plain records (dicts or ``Measure`` objects) that every graph and
comparison function accepts, so a caller can pass either -- or its own list.

>>> rows = measures_from_db("missing.db")     # doctest: +SKIP
Traceback (most recent call last):
eduminer.errors.WorkspaceError: [E203] missing.db: no such database. ...
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any


def measures_from_db(db: str | os.PathLike = "eduminer.db") -> Iterator[dict]:
    """Stream the measures stored in a workspace database as dicts (with the
    sentence's ``paragraph``), in document and sentence order.

    Opening goes through ``eduminer.workspace.open_workspace``, so a missing,
    foreign or too-new file gets the workspace's own error (E203, E201, E202).
    """
    from eduminer.workspace import open_workspace

    ws = open_workspace(db)
    try:
        yield from ws.iter_measures()
    finally:
        ws.close()


def measures_from_paths(paths: Iterable[str | os.PathLike], taxonomy: Any = None,
                        on_error: Callable[[Any], None] | None = None) -> Iterator[Any]:
    """Read documents (files or folders) and stream their coded measures.

    Unreadable documents are passed to ``on_error`` (a ``ReadFailure``) and skipped.
    Each measure comes as its record dict plus the ``paragraph`` of its sentence
    (``Measure`` has no paragraph; the document's sentences do).
    """
    from eduminer.corpus import read_all
    from eduminer.extract import measures as extract_measures  # type: ignore[attr-defined]

    paragraphs: dict[str, dict[int, int]] = {}

    def documents():
        for doc in read_all(paths, on_error=on_error):
            paragraphs[doc.doc] = {s.index: s.paragraph for s in doc.sentences}
            yield doc

    current = None
    for m in extract_measures(documents(), taxonomy=taxonomy):
        record = m.to_record() if hasattr(m, "to_record") else dict(m)
        if record["doc"] != current:
            # documents are coded in order: drop the maps of those already finished
            for done in [d for d in paragraphs if d == current]:
                del paragraphs[done]
            current = record["doc"]
        record["paragraph"] = paragraphs.get(current, {}).get(record.get("sentence", 0), -1)
        yield record
