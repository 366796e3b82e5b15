"""The runnable examples in the layer-0 modules' docstrings."""

import doctest

import pytest

import eduminer.datafiles
import eduminer.errors
import eduminer.extract.model
import eduminer.records


@pytest.mark.parametrize("module", [eduminer.datafiles, eduminer.errors, eduminer.records, eduminer.extract.model])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
