"""Export stage: the stored measures as report tables (CSV, XLSX, Markdown, DOCX, JSON).

>>> from eduminer.export import export                                        # doctest: +SKIP
>>> export("eduminer.db", "xlsx", by="region", output="measures.xlsx")        # doctest: +SKIP
{'measures': 311, 'pivot': 60, 'matrix': 5, 'documents': 5}
"""

from eduminer.export.tables import (BY, EXPORT_FORMATS, LEVELS, VIEWS, document_rows, export, matrix_rows,
                                    measure_rows, pivot_rows, roll_up)

__all__ = ["export", "measure_rows", "pivot_rows", "matrix_rows", "document_rows", "roll_up",
           "EXPORT_FORMATS", "BY", "LEVELS", "VIEWS"]
