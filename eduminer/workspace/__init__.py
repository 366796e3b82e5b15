"""Workspace stage: store documents and coded measures in one SQLite file, and query it.

>>> from eduminer.workspace import run, search           # doctest: +SKIP
>>> run(["examples/seeds"], db="eduminer.db").documents  # doctest: +SKIP
5
>>> search("教师交流轮岗", db="eduminer.db", k=3)[0]["label"]   # doctest: +SKIP
'教师交流轮岗'

Modules: ``store`` (schema, migrations, ``Workspace``), ``pipeline`` (``run``,
``read_file``, ``process_file``), ``search`` (``search``, ``similar``, ``kwic``), ``text``
(normalization and segmentation shared by index and queries), ``segment`` (queries cut
like the index without loading jieba's dictionary), ``cues`` (a query's categories from a
cached cue index), ``cache`` (the per-user cache folder those two use).
"""

from eduminer.workspace.pipeline import RunSummary, plan_files, process_file, read_file, run
from eduminer.workspace.search import kwic, resolve_category, resolve_region, search, similar
from eduminer.workspace.store import SCHEMA_VERSION, FileInfo, Workspace, open_workspace

__all__ = ["run", "RunSummary", "read_file", "process_file", "plan_files", "Workspace", "FileInfo", "open_workspace",
           "SCHEMA_VERSION", "search", "similar", "kwic", "resolve_region", "resolve_category"]
