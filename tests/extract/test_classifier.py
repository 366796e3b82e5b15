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
