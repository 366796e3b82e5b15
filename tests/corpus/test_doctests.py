"""The examples in the corpus modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["regions", "decode", "normalize", "structure", "metadata", "boilerplate", "datafiles", "formats"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"eduminer.corpus.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
