"""Batch stage: run the pipeline at scale -- parallel, resumable, distributed.

>>> from eduminer.batch import run                                  # doctest: +SKIP
>>> run(["corpus/"], db="eduminer.db", workers=4).documents          # doctest: +SKIP
10000
>>> run(["corpus/"], db="eduminer.db", engine="dask",                # doctest: +SKIP
...     scheduler="tcp://10.0.0.5:8786", out_parquet="out/")

Modules: ``runner`` (``run``, ``BatchSummary``), ``engines`` (local process pool,
Dask), ``work`` (what a worker does with a chunk of files), ``parquet`` (Parquet
output), ``manifest`` (the run manifest).
"""

from eduminer.batch.runner import BatchSummary, run

__all__ = ["run", "BatchSummary"]
