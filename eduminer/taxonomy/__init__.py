"""Taxonomy stage: the user-editable, hierarchical coding scheme."""

from eduminer.taxonomy.model import Category, Taxonomy

__all__ = ["Category", "Taxonomy"]
