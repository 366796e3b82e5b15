"""A small learned coder: char n-grams -> one logistic regression per category.

The rules (taxonomy cues) are precise but miss unseen phrasings; this model
learns phrasing from annotated sentences (the gold format) and is combined with
the rules in :mod:`eduminer.extract.pipeline`.

- Features: hashed char 1-3-grams (stateless: nothing to store, nothing to fit),
  binary, l2-normalized -- computed with numpy over a whole batch of sentences
  (:func:`char_ngram_features`), since a Python string per n-gram was the
  slowest step of extraction.
- One ``LogisticRegression`` per category (one-vs-rest, class_weight="balanced"),
  whose probabilities are calibrated enough to threshold.
- After fitting, each category keeps only its ``max_features`` largest weights:
  the model then fits in a few hundred kB and predicts with one sparse product.
- Saved as a plain ``.npz`` (arrays + a JSON header, loaded with
  ``allow_pickle=False``): no pickle, so loading a model file cannot run code.

>>> clf = MeasureClassifier(max_features=500).fit(
...     ["全区设立9个学区", "成立教育集团", "组建教育集团三个", "学区管理办公室挂牌", "天气晴朗"],
...     [["model.school_district"], ["model.group_schooling"], ["model.group_schooling"],
...      ["model.school_district"], []])
>>> clf.classes_.tolist()
['model.group_schooling', 'model.school_district']
>>> clf.predict(["新组建教育集团"]).tolist()
[[1, 0]]
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from eduminer.errors import DataFileError, Errors

FORMAT = "eduminer-measure-classifier/2"  # /2: numpy n-gram hashing


class MeasureClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label sentence classifier (scikit-learn estimator contract).

    ``fit(X, y)``: X is a sequence of sentences; y is a sequence of label lists
    (multi-label) or a 2-D 0/1 indicator matrix together with ``classes``.
    ``predict_proba(X)`` returns an (n_samples, n_classes) array of
    per-category probabilities (the columns follow ``classes_``).
    """

    def __init__(self, ngram_range=(1, 3), n_features=2**18, C=8.0, max_features=4000,
                 threshold=0.5, classes=None):
        self.ngram_range = ngram_range
        self.n_features = n_features
        self.C = C
        self.max_features = max_features
        self.threshold = threshold
        self.classes = classes

    # -- features ---------------------------------------------------------------------
    def transform(self, X):
        """The sparse feature matrix of sentences ``X`` (see :func:`char_ngram_features`)."""
        return char_ngram_features(list(X), tuple(self.ngram_range), self.n_features)

    # -- estimator contract ------------------------------------------------------------
    def fit(self, X, y, sample_weight=None):
        """``sample_weight``: None, one weight per sample, or an (n_samples, n_classes)
        array of per-category weights (e.g. to stress sentences where a category's
        cue fires but the annotators did not code it)."""
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import MultiLabelBinarizer

        X = list(X)
        y_arr = np.asarray(y, dtype=object) if not isinstance(y, np.ndarray) else y
        if isinstance(y_arr, np.ndarray) and y_arr.ndim == 2 and y_arr.dtype != object:
            Y = y_arr.astype(int)
            classes = np.asarray(self.classes if self.classes is not None else range(Y.shape[1]))
        else:
            mlb = MultiLabelBinarizer(classes=self.classes)
            Y = mlb.fit_transform([list(labels) for labels in y])
            classes = mlb.classes_
        if len(X) != Y.shape[0]:
            raise ValueError(f"X has {len(X)} samples but y has {Y.shape[0]}")
        features = self.transform(X)
        # fit on the columns that occur (a few thousand of 2**18): liblinear is
        # far faster, and the weights map back to hashed columns afterwards
        used = np.unique(features.indices)
        compact = features[:, used]
        rows, cols, vals = [], [], []
        intercepts = []
        for j in range(Y.shape[1]):
            target = Y[:, j]
            if target.min() == target.max():  # never (or always) seen: a constant
                intercepts.append(10.0 if target.max() else -10.0)
                continue
            lr = LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear", max_iter=1000)
            if sample_weight is None:
                weight = None
            else:
                sw = np.asarray(sample_weight, dtype=float)
                weight = sw[:, j] if sw.ndim == 2 else sw
            lr.fit(compact, target, sample_weight=weight)
            w = _top_k(lr.coef_[0], self.max_features)
            nz = np.flatnonzero(w)
            rows.extend([j] * nz.size)
            cols.extend(used[nz].tolist())
            vals.extend(w[nz].tolist())
            intercepts.append(float(lr.intercept_[0]))
        self.coef_ = sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)),
                                       shape=(Y.shape[1], self.n_features))
        self.intercept_ = np.asarray(intercepts, dtype=np.float64)
        self.classes_ = np.asarray(classes)
        self._class_index_ = None
        return self

    def _compact(self, columns: tuple[int, ...] | None = None):
        """The weights of ``columns`` (default: every class) as a dense (used n-grams + 1)
        x columns array, and a map from hashed column to its row (unused columns map to
        the last, all-zero row).

        Built once per fit/load and column set: scoring is then one sparse x dense
        product over the n-grams of a batch, with no 2**18-wide sparse-sparse product."""
        cache = getattr(self, "_compact_", None)
        if cache is None or cache[0] is not self.coef_:
            cache = self._compact_ = (self.coef_, {})
        built = cache[1].get(columns)
        if built is None:
            coef = self.coef_.tocsc() if columns is None else self.coef_[list(columns)].tocsc()
            used = np.flatnonzero(np.diff(coef.indptr))
            column_row = np.full(self.n_features, used.size, dtype=np.int32)
            column_row[used] = np.arange(used.size, dtype=np.int32)
            weights = np.zeros((used.size + 1, coef.shape[0]), dtype=np.float32)
            weights[:used.size] = coef[:, used].T.toarray()
            built = cache[1][columns] = (column_row, weights)
        return built

    def _class_index(self) -> dict[str, int]:
        index = getattr(self, "_class_index_", None)  # reset by fit
        if index is None:
            index = self._class_index_ = {str(c): j for j, c in enumerate(self.classes_)}
        return index

    def decision_function(self, X, columns: tuple[int, ...] | None = None):
        """Scores of sentences ``X`` for every class, or only for the class indexes
        ``columns`` (cheaper when a caller needs a few categories)."""
        from scipy import sparse

        X = list(X)
        columns = None if columns is None else tuple(columns)
        column_row, weights = self._compact(columns)
        n, n_features = len(X), self.n_features
        key = _distinct_keys(X, tuple(self.ngram_range), n_features)  # (row, column) of each distinct n-gram
        counts = np.diff(_row_bounds(key, n, n_features))
        model_rows = column_row.take(_columns(key, n_features))
        inside = np.flatnonzero(model_rows < weights.shape[0] - 1)  # n-grams the model has a weight for
        key, model_rows = key.take(inside), model_rows.take(inside)
        hits = sparse.csr_matrix((np.ones(key.size, dtype=np.float32), model_rows, _row_bounds(key, n, n_features)),
                                 shape=(n, weights.shape[0]))
        # features are binary and l2-normalized: divide by sqrt(#distinct n-grams) once
        norms = np.sqrt(np.maximum(counts, 1)).astype(np.float64)
        intercept = self.intercept_ if columns is None else self.intercept_[list(columns)]
        return np.asarray(hits @ weights, dtype=np.float64) / norms[:, None] + intercept

    def predict_proba(self, X, columns: tuple[int, ...] | None = None):
        """Per-class probabilities (columns follow ``classes_``, or ``columns`` when given)."""
        return 1.0 / (1.0 + np.exp(-self.decision_function(X, columns)))

    def predict(self, X):
        return (self.predict_proba(X) >= self.threshold).astype(int)

    def top_features(self, sentence: str, category: str, n: int = 3) -> list[str]:
        """The char n-grams of ``sentence`` that push it most towards ``category``
        (the "trigger" of a model-only measure)."""
        return self.top_features_many([sentence], [category], n)[0]

    def top_features_many(self, sentences: list[str], categories: list[str], n: int = 3) -> list[list[str]]:
        """:meth:`top_features` of each (sentence, category) pair, hashed in one batch:
        the heaviest ``n`` distinct n-grams (length 2 and up), ties broken by the
        n-gram itself (descending)."""
        column_row, weights = self._compact()
        index = self._class_index()
        lo, hi = max(2, self.ngram_range[0]), self.ngram_range[1]
        if not sentences:
            return []
        column_of = np.asarray([index[c] for c in categories], dtype=np.int64)
        rows, offsets, sizes, found = [], [], [], []
        for size, row, offset, h in ngram_windows(sentences, range(lo, hi + 1)):
            w = weights[column_row[(h % np.uint64(self.n_features)).astype(np.int64)], column_of[row]]
            keep = w > 0
            rows.append(row[keep])
            offsets.append(offset[keep])
            sizes.append(np.full(int(keep.sum()), size))
            found.append(w[keep])
        out: list[list[str]] = [[] for _ in sentences]
        if not rows:
            return out
        row, offset, size, w = (np.concatenate(x) for x in (rows, offsets, sizes, found))
        order = np.lexsort((-w, row))  # by sentence, heaviest first
        bounds = np.searchsorted(row[order], np.arange(len(sentences) + 1)).tolist()
        offset, size, w = (x[order].tolist() for x in (offset, size, w))
        for r, text in enumerate(sentences):
            best: dict[str, float] = {}
            cutoff = None
            for i in range(bounds[r], bounds[r + 1]):
                if cutoff is not None and w[i] < cutoff:
                    break  # n distinct grams found, and every tie with the n-th
                best[text[offset[i]:offset[i] + size[i]]] = w[i]
                if cutoff is None and len(best) >= n:
                    cutoff = w[i]
            out[r] = [g for _, g in sorted(((v, g) for g, v in best.items()), reverse=True)[:n]]
        return out

    # -- persistence (no pickle) -------------------------------------------------------
    def save(self, path: str | os.PathLike) -> None:
        """Write the fitted model as a compressed ``.npz`` (arrays + JSON header)."""
        header = {"format": FORMAT, "params": {**self.get_params(), "ngram_range": list(self.ngram_range),
                                                "classes": None},
                  "classes": [str(c) for c in self.classes_], "meta": getattr(self, "meta_", {})}
        coef = self.coef_.tocsr()
        with open(path, "wb") as fh:
            np.savez_compressed(fh, header=np.frombuffer(json.dumps(header, ensure_ascii=False).encode(), np.uint8),
                                data=coef.data.astype(np.float16), indices=coef.indices.astype(np.int32),
                                indptr=coef.indptr.astype(np.int64), intercept=self.intercept_)

    @classmethod
    def load(cls, path: str | os.PathLike) -> MeasureClassifier:
        """Read a model written by :meth:`save`; E103 with a remedy when it cannot."""
        from scipy import sparse

        try:
            with np.load(path, allow_pickle=False) as npz:
                header = json.loads(bytes(npz["header"]).decode("utf-8"))
                if header.get("format") != FORMAT:
                    raise ValueError(f"unknown format {header.get('format')!r}, expected {FORMAT!r}")
                params = header["params"]
                params["ngram_range"] = tuple(params["ngram_range"])
                model = cls(**params)
                n = len(header["classes"])
                model.coef_ = sparse.csr_matrix(
                    (npz["data"].astype(np.float32), npz["indices"], npz["indptr"]), shape=(n, model.n_features))
                model.intercept_ = npz["intercept"].astype(np.float64)
                model.classes_ = np.asarray(header["classes"])
                model.meta_ = header.get("meta", {})
        except FileNotFoundError:
            raise DataFileError(Errors.E103, path=str(path), reason="no such file") from None
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as e:
            raise DataFileError(Errors.E103, path=str(path), reason=str(e) or type(e).__name__) from None
        return model


def _top_k(weights: np.ndarray, k: int) -> np.ndarray:
    """Zero all but the ``k`` weights of largest magnitude (keeps the model small
    and the prediction a cheap sparse product)."""
    out = np.zeros_like(weights, dtype=np.float64)
    keep = np.argpartition(np.abs(weights), -k)[-k:] if k and weights.size > k else slice(None)
    out[keep] = weights[keep]  # exactly k kept, even when weights tie at the cut
    return out


# per-position multipliers of the n-gram hash (large odd constants; any fixed set works)
_MULTIPLIERS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C)
_ROTATE = np.uint64(13)  # the hash rotates left by 13 bits after each character


def _rotate(h, scratch):
    """``h`` rotated left by 13 bits, in place (``scratch``: a buffer as large as ``h``)."""
    np.left_shift(h, _ROTATE, out=scratch)
    np.right_shift(h, np.uint64(64 - 13), out=h)
    np.bitwise_or(h, scratch, out=h)
    return h


def _hash_windows(codes, n: int):
    """Hash of every length-``n`` window of ``codes`` (int64 code points), vectorized.

    The reference definition (:func:`_window_hashes` computes the same values for
    several sizes at once):

    >>> h = _hash_windows(np.array([23398, 21306, 21046]), 2)
    >>> h.tolist() == next(_window_hashes(np.array([23398, 21306, 21046]), (2,)))[1].tolist()
    True
    """
    m = codes.size - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.full(m, np.uint64(n * 0x632BE5AB), dtype=np.uint64)
    for k in range(n):
        h ^= codes[k:k + m].astype(np.uint64) * np.uint64(_MULTIPLIERS[k])
        h = (h << np.uint64(13)) | (h >> np.uint64(51))  # rotate: order matters ("学区" != "区学")
    h *= np.uint64(0xFF51AFD7ED558CCD)  # murmur3 finalizer mix
    h ^= h >> np.uint64(33)
    return h


def _seed(n: int) -> np.uint64:
    """The start value of the length-``n`` hash, rotated ``n`` times (see :func:`_window_hashes`)."""
    seed = (n * 0x632BE5AB) & 0xFFFFFFFFFFFFFFFF
    for _ in range(n):
        seed = ((seed << 13) | (seed >> 51)) & 0xFFFFFFFFFFFFFFFF
    return np.uint64(seed)


def _window_hashes(codes, sizes):
    """``(size, hashes)`` of every window of each size: :func:`_hash_windows` for several
    sizes, sharing their work.

    Rotation distributes over xor, so the length-``n`` hash of the window at ``i``,
    before the final mix, is ``rot**n(seed(n)) ^ G[n][i]`` where, with
    ``P[k][i] = codes[i + k] * M[k]``, ``G[1] = rot(P[0])`` and
    ``G[n][i] = rot(G[n-1][i] ^ P[n-1][i])``: one rotation per size, not ``n``."""
    sizes = sorted(set(sizes))
    if not sizes or codes.size == 0:
        return
    wide = codes.astype(np.uint64)
    grown = None  # G[n] over the windows of the current size n
    scratch = np.empty(codes.size, dtype=np.uint64)
    for n in range(1, sizes[-1] + 1):
        m = codes.size - n + 1
        if m <= 0:
            return
        product = wide[n - 1:] * np.uint64(_MULTIPLIERS[n - 1])
        grown = product if grown is None else np.bitwise_xor(grown[:m], product, out=product)
        grown = _rotate(grown, scratch[:m])
        if n in sizes:
            h = grown ^ _seed(n)
            h *= np.uint64(0xFF51AFD7ED558CCD)  # murmur3 finalizer mix
            np.right_shift(h, np.uint64(33), out=scratch[:m])
            h ^= scratch[:m]
            yield n, h


def _joined_codes(texts: list[str]):
    """The code points of ``texts`` joined by a separator (code 0), the text of each
    position and where each text starts."""
    joined = "\x00".join(texts)  # the separator counts as white space: no window crosses it
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    row_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths + 1)[: codes.size]
    return codes, row_of, lengths


def _solid(codes, sizes):
    """For each size, which windows hold no white space (nor the separator, so no
    window crosses from one text into the next): ``{size: boolean array}``."""
    solid = ~_blank(codes)
    out, run = {}, solid
    for n in range(1, max(sizes) + 1):
        if n > 1:
            run = run[:-1] & solid[n - 1:]
        out[n] = run
    return out


def ngram_windows(texts: list[str], sizes: Iterable[int]):
    """For each n-gram size, the windows of ``texts`` that stay inside one text and hold
    no white space: ``(size, text index, offset in the text, hash)`` as arrays, all
    texts hashed at once with numpy (one Python string per n-gram was the slowest step
    of extraction)."""
    sizes = sorted(set(sizes))
    codes, row_of, lengths = _joined_codes(texts)
    if not sizes or not codes.size:
        return
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    solid = _solid(codes, sizes)
    for size, h in _window_hashes(codes, sizes):
        at = np.flatnonzero(solid[size])
        row = row_of.take(at)
        yield size, row, at - starts.take(row), h.take(at)


def _distinct_keys(texts: list[str], ngram_range, n_features: int):
    """The sorted distinct ``row * n_features + column`` keys of the hashed n-grams of
    ``texts`` (see :func:`unique_ngrams`): unsigned 32-bit when every key fits (half
    the bytes to sort), else int64."""
    n = len(texts)
    narrow = n * n_features <= 2**32
    dtype = np.uint32 if narrow else np.int64
    sizes = range(ngram_range[0], ngram_range[1] + 1)
    codes, row_of, _ = _joined_codes(texts)
    if not codes.size or not len(sizes):
        return np.zeros(0, dtype=dtype)
    solid = _solid(codes, sizes)
    row_key = row_of.astype(dtype) * dtype(n_features)
    keys = []
    for size, h in _window_hashes(codes, sizes):
        key = row_key[:h.size] + _columns(h, n_features).astype(dtype)
        keys.append(np.compress(solid[size], key))  # (a boolean index is ~3x slower)
    key = np.concatenate(keys) if keys else np.zeros(0, dtype=dtype)
    key.sort()
    if key.size:
        distinct = np.empty(key.size, dtype=bool)
        distinct[0] = True
        np.not_equal(key[1:], key[:-1], out=distinct[1:])
        key = np.compress(distinct, key)
    return key


def _columns(values, n_features: int):
    """``values % n_features``, in the dtype of ``values``."""
    if n_features & (n_features - 1) == 0:  # a power of two: a mask, no division
        return values & values.dtype.type(n_features - 1)
    return values % values.dtype.type(n_features)


def _row_bounds(key, n: int, n_features: int):
    """Where each row's keys start in sorted ``key`` (n + 1 bounds; every key is below
    ``n * n_features``, which need not fit the keys' dtype)."""
    bounds = np.empty(n + 1, dtype=np.int64)
    bounds[:n] = np.searchsorted(key, np.arange(n, dtype=key.dtype) * key.dtype.type(n_features))
    bounds[n] = key.size
    return bounds


def unique_ngrams(texts: list[str], ngram_range=(1, 3), n_features: int = 2**18):
    """The distinct hashed char n-grams of each text: ``(rows, columns, counts)``,
    sorted by row then column, with ``counts[i]`` distinct n-grams in text ``i``.

    The windows of :func:`ngram_windows`; duplicates are dropped with one sort of the
    combined (row, column) keys. White space never enters an n-gram.

    >>> rows, cols, counts = unique_ngrams(["学区制", "学区"], (1, 2), 2**10)
    >>> rows.tolist(), counts.tolist()
    ([0, 0, 0, 0, 0, 1, 1, 1], [5, 3])
    """
    n = len(texts)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    key = _distinct_keys(texts, ngram_range, n_features).astype(np.int64)
    rows = key // n_features
    return rows, key - rows * n_features, np.diff(_row_bounds(key, n, n_features))


def char_ngram_features(texts: list[str], ngram_range=(1, 3), n_features: int = 2**18):
    """Binary, l2-normalized hashed char n-gram counts of each text, as a CSR matrix
    (the kind of features ``HashingVectorizer(analyzer="char", binary=True)`` makes,
    with this module's own hash; from :func:`unique_ngrams`).

    >>> X = char_ngram_features(["学区制", "学区"], (1, 2), 2**10)
    >>> X.shape, X.getrow(0).nnz, X.getrow(1).nnz
    ((2, 1024), 5, 3)
    """
    from scipy import sparse

    rows, cols, counts = unique_ngrams(list(texts), ngram_range, n_features)
    indptr = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    scale = (1.0 / np.sqrt(np.maximum(counts, 1))).astype(np.float32)
    return sparse.csr_matrix((scale[rows], cols, indptr), shape=(counts.size, n_features))


_SPACE_CODES = [ord(c) for c in " \t\n\r\u3000\xa0"]


def _blank(codes):
    """White space or the text separator (code 0): one comparison per code, which for
    the short arrays of one document is several times cheaper than np.isin."""
    blank = codes == 0
    for code in _SPACE_CODES:
        blank |= codes == code
    return blank
