"""Extract stage: documents + taxonomy -> coded reform measures."""

from eduminer.extract.model import Measure, Quantity

__all__ = ["Measure", "Quantity"]
