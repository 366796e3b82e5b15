"""The examples in the extract modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["classifier", "quantities", "stage", "attribution", "model"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"eduminer.extract.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
