"""Extract stage: documents + taxonomy -> coded reform measures.

>>> from eduminer.extract import extract
>>> ms = list(extract(["examples/seeds/001_a4df0bc1ffe384af.txt"]))   # doctest: +SKIP
>>> ms[0].category, ms[0].stage, ms[0].region                          # doctest: +SKIP
('model.school_district', 'implemented', '广西壮族自治区/贵港市/港北区')

Public functions (each wrapped by the CLI command of the same name):

- :func:`measures` (documents -> measures, streaming) and :func:`extract` (paths -> measures)
- :func:`evaluate` (``eduminer eval``): score against gold annotations
- :func:`render` (``eduminer render``): an HTML page with the measures highlighted
- :func:`train` (``eduminer taxonomy train``): teach the model your own coding
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from eduminer.extract.model import Measure, Quantity
from eduminer.extract.pipeline import DEFAULT, Extractor, Thresholds, measures

__all__ = ["Measure", "Quantity", "Extractor", "Thresholds", "measures", "extract", "evaluate", "render",
           "train", "find_quantities"]


def extract(paths: Iterable[str | os.PathLike], taxonomy=None, model=DEFAULT, on_error=None) -> Iterator[Measure]:
    """Read the documents under ``paths`` and stream their measures. The taxonomy
    and model load before any document is read (a broken taxonomy stops here);
    unreadable documents go to ``on_error`` and the rest continue."""
    from eduminer.corpus import read_all

    extractor = Extractor(taxonomy, model)

    def run() -> Iterator[Measure]:
        yield from extractor.extract_many(read_all(paths, on_error=on_error))

    return run()


def evaluate(gold, paths, taxonomy=None, model=DEFAULT, on_error=None):
    """See :func:`eduminer.extract.scoring.evaluate`."""
    from eduminer.extract.scoring import evaluate as _evaluate

    return _evaluate(gold, paths, taxonomy=taxonomy, model=model, on_error=on_error)


def render(path, output, taxonomy=None, model=DEFAULT) -> int:
    """See :func:`eduminer.extract.spacy_component.render`."""
    from eduminer.extract.spacy_component import render as _render

    return _render(path, output, taxonomy=taxonomy, model=model)


def train(annotations, paths, output, taxonomy=None, docs=None, on_error=None) -> dict:
    """See :func:`eduminer.extract.training.train`."""
    from eduminer.extract.training import train as _train

    return _train(annotations, paths, output, taxonomy=taxonomy, docs=docs, on_error=on_error)


def find_quantities(text: str) -> list[Quantity]:
    """See :func:`eduminer.extract.quantities.find_quantities`."""
    from eduminer.extract.quantities import find_quantities as _find

    return _find(text)
