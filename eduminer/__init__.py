"""eduminer: mine Chinese education-reform policy texts.

Records flow one way, and the sub-packages are layered in that order; a module
never imports from a later layer (``tests/test_layering.py`` checks this):

0. ``errors``, ``records``        -- error catalogue, record writers (no domain logic)
1. ``corpus``, ``taxonomy``        -- base: documents, and the coding scheme
2. ``extract``                     -- documents + taxonomy -> coded ``Measure`` records
3. ``workspace``                   -- stores documents and measures (SQLite)
4. ``graph``, ``search`` (in workspace), ``export`` -- read-only views of stored measures
5. ``batch``                       -- parallel / resumable / distributed runs
6. ``cli``                         -- thin click wrappers over the public functions

Heavy libraries (jieba, OpenCC, spaCy, scikit-learn, matplotlib) are imported
lazily inside functions so that ``eduminer --help`` stays instant.
"""

__version__ = "0.1.0"
