import numpy as np
import pytest
from sklearn.base import clone

from eduminer.errors import DataFileError
from eduminer.extract.classifier import MeasureClassifier

X = ["全区设立9个学区", "成立教育集团", "组建教育集团三个", "学区管理办公室挂牌", "天气晴朗", "学区内教师交流轮岗",
     "教育集团章程", "春节放假安排"]
Y = [["model.school_district"], ["model.group_schooling"], ["model.group_schooling"], ["model.school_district"],
     [], ["model.school_district", "personnel.teacher_rotation"], ["model.group_schooling"], []]


def test_estimator_contract():
    clf = MeasureClassifier(C=4.0, max_features=100)
    assert clf.get_params()["C"] == 4.0
    twin = clone(clf)  # clone only works when __init__ stores params untouched
    assert twin.get_params() == clf.get_params()
    assert not hasattr(twin, "coef_")  # no work in __init__
    assert clf.fit(X, Y) is clf
    assert clf.classes_.tolist() == ["model.group_schooling", "model.school_district", "personnel.teacher_rotation"]
    proba = clf.predict_proba(["新组建教育集团", "划分学区"])
    assert proba.shape == (2, 3) and ((proba > 0) & (proba < 1)).all()
    assert clf.predict(["新组建教育集团"]).tolist() == [[1, 0, 0]]
    assert np.count_nonzero(clf.coef_.getrow(0).toarray()) <= 100  # only max_features weights kept
    assert clf.set_params(threshold=0.99).predict(["新组建教育集团"]).tolist() == [[0, 0, 0]]


def test_indicator_matrix_targets():
    Y2 = np.array([[1, 0], [0, 1], [1, 0], [0, 1]])
    clf = MeasureClassifier(classes=["a", "b"]).fit(["学区设立", "集团组建", "学区划分", "集团章程"], Y2)
    assert clf.classes_.tolist() == ["a", "b"]
    assert clf.predict_proba(["学区"])[0, 0] > clf.predict_proba(["学区"])[0, 1]


def test_save_load_round_trip(tmp_path):
    clf = MeasureClassifier(max_features=200).fit(X, Y)
    clf.meta_ = {"thresholds": {"keep_rule": 0.1}}
    path = tmp_path / "m.npz"
    clf.save(path)
    back = MeasureClassifier.load(path)
    assert back.classes_.tolist() == clf.classes_.tolist()
    assert back.meta_ == clf.meta_
    np.testing.assert_allclose(back.predict_proba(X), clf.predict_proba(X), atol=1e-3)  # float16 weights
    assert back.top_features("组建教育集团", "model.group_schooling")[0] in {"教育集团", "集团", "教育集", "育集团"}


def test_load_errors_name_the_file_and_remedy(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(DataFileError) as e:
        MeasureClassifier.load(bad)
    assert str(e.value).startswith(f"[E103] {bad}: cannot load model:")
    assert "eduminer taxonomy train" in str(e.value)
    with pytest.raises(DataFileError, match="E103.*no such file"):
        MeasureClassifier.load(tmp_path / "missing.npz")


# -- the batched n-gram hashing equals its per-text definition ----------------------------

from eduminer.extract.classifier import _hash_windows, _window_hashes, ngram_windows, unique_ngrams  # noqa: E402

TEXTS = ["全区设立9个学区", "", "学", "学区 制", "a\x00b", "\u3000学区\t\n改革", "学区学区学区", "ab  cd", "区学"]
BLANK = set(" \t\n\r\u3000\xa0\x00")


def _reference_ngrams(texts, ngram_range, n_features):
    """unique_ngrams, one text and one window at a time."""
    rows, cols, counts = [], [], []
    for r, text in enumerate(texts):
        codes = np.array([ord(c) for c in text], dtype=np.int64)
        found = set()
        for n in range(ngram_range[0], ngram_range[1] + 1):
            for i, h in enumerate(_hash_windows(codes, n).tolist()):
                if not BLANK & set(text[i:i + n]):
                    found.add(h % n_features)
        rows += [r] * len(found)
        cols += sorted(found)
        counts.append(len(found))
    return rows, cols, counts


@pytest.mark.parametrize("ngram_range, n_features", [((1, 3), 2**18), ((1, 2), 2**4), ((2, 3), 1000), ((1, 4), 2**30)])
def test_unique_ngrams_match_the_per_text_definition(ngram_range, n_features):
    # 2**4 forces collisions; 1000 is no power of two; 2**30 needs 64-bit keys
    rows, cols, counts = unique_ngrams(TEXTS, ngram_range, n_features)
    assert (rows.tolist(), cols.tolist(), counts.tolist()) == _reference_ngrams(TEXTS, ngram_range, n_features)
    assert rows.dtype == cols.dtype == counts.dtype == np.int64


def test_window_hashes_share_work_but_not_results():
    codes = np.array([ord(c) for c in "推进学区制改革\x00组建教育集团"], dtype=np.int64)
    assert [(n, h.tolist()) for n, h in _window_hashes(codes, (1, 2, 3, 4))] == [
        (n, _hash_windows(codes, n).tolist()) for n in (1, 2, 3, 4)]
    assert [n for n, _ in _window_hashes(codes[:2], (2, 3))] == [2]  # no window longer than the text


def test_ngram_windows_offsets_point_at_the_ngram():
    for size, row, offset, h in ngram_windows(TEXTS, (2, 3)):
        for r, o, value in zip(row.tolist(), offset.tolist(), h.tolist()):
            gram = TEXTS[r][o:o + size]
            assert len(gram) == size and not BLANK & set(gram)
            assert value == _hash_windows(np.array([ord(c) for c in gram], dtype=np.int64), size)[0]


def test_scores_do_not_depend_on_the_batch():
    clf = MeasureClassifier(max_features=200).fit(X, Y)
    together = clf.decision_function(X + ["", "学 区"])
    alone = np.vstack([clf.decision_function([x]) for x in X + ["", "学 区"]])
    assert np.array_equal(together, alone)
    assert clf.decision_function([]).shape == (0, 3)
