"""Leave-one-document-out evaluation of the whole extractor (training.lodo_evaluate)."""

import json

from eduminer.extract.training import lodo_evaluate

DOCS = {
    "a.txt": "甲区教育局工作总结\n\n全区组建教育集团5个。\n开展集体备课和同课异构。\n天气晴朗，适合出行。\n"
             "食堂菜价保持平稳。\n校园绿化面积扩大。\n",
    "b.txt": "乙区教育局工作报告\n\n新组建教育集团3个，成员校12所。\n各集团开展联合教研活动。\n召开年度表彰大会。\n"
             "图书馆延长开放时间。\n做好防汛准备工作。\n",
    "c.txt": "丙区教育局工作汇报\n\n全区共组建教育集团8个。\n学区内开展集体备课。\n学区组织联合运动会。\n"
             "学生视力检查全覆盖。\n校门口交通秩序良好。\n",
}
GOLD = [
    ("a.txt", "model.group_schooling", "全区组建教育集团5个"),
    ("a.txt", "teaching.joint_research", "开展集体备课和同课异构"),
    ("b.txt", "model.group_schooling", "新组建教育集团3个"),
    ("b.txt", "teaching.joint_research", "各集团开展联合教研活动"),
    ("c.txt", "model.group_schooling", "全区共组建教育集团8个"),
    ("c.txt", "teaching.joint_research", "学区内开展集体备课"),
]


def test_each_document_is_coded_by_a_model_that_never_saw_it(tmp_path):
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"doc": d, "category": c, "evidence": e, "stage": "implemented"},
                                       ensure_ascii=False) + "\n" for d, c, e in GOLD), encoding="utf-8")
    scores, predictions = lodo_evaluate(gold, [tmp_path])
    assert {m.doc for m in predictions} <= set(DOCS)
    assert scores.gold == len(GOLD)
    # the cues carry these phrasings even when the held-out document's sentences are unseen
    assert scores.recall >= 0.8, list(scores.records())
    assert not any("天气" in m.text for m in predictions)
    # two training documents give no out-of-fold evidence that a veto or a model-only
    # addition pays: every category is left to the rules (a 学区…联合运动会 is a joint_activities cue)
    assert all(m.method == "rule" for m in predictions)
    assert any("运动会" in m.text and m.category == "culture.joint_activities" for m in predictions)


def test_document_folds_hold_out_every_document_once():
    from eduminer.extract.training import MAX_FOLDS, document_folds

    for n in (1, 5, MAX_FOLDS, MAX_FOLDS + 1, 187):
        folds = document_folds(n)
        assert sorted(k for fold in folds for k in fold) == list(range(n))
        assert len(folds) == min(n, MAX_FOLDS)
    assert document_folds(4) == [[0], [1], [2], [3]]  # few documents: leave one out


def test_many_documents_are_coded_fold_by_fold_by_models_that_never_saw_them(tmp_path, monkeypatch):
    import eduminer.extract.training as training

    monkeypatch.setattr(training.document_folds, "__defaults__", (2,))
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"doc": d, "category": c, "evidence": e, "stage": "implemented"},
                                       ensure_ascii=False) + "\n" for d, c, e in GOLD), encoding="utf-8")
    fitted_on: list[set[str]] = []
    fit = training._fit

    def recording_fit(prepared, classes, **params):
        fitted_on.append({p.doc.doc.rsplit("/", 1)[-1] for p in prepared})
        return fit(prepared, classes, **params)

    monkeypatch.setattr(training, "_fit", recording_fit)
    scores, predictions = lodo_evaluate(gold, [tmp_path], nested=False)
    assert {m.doc.rsplit("/", 1)[-1] for m in predictions} == set(DOCS)
    # 3 documents in 2 folds: a.txt and c.txt held out together, then b.txt
    assert fitted_on == [{"b.txt"}, {"a.txt", "c.txt"}]
    assert scores.gold == len(GOLD)
