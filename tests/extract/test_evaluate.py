import json
import subprocess
import sys

import pytest

from eduminer.extract.scoring import score

GOLD = [
    {"doc": "a.txt", "category": "model.school_district", "stage": "implemented", "region": "重庆市/南岸区",
     "evidence": "设立9个学区", "quantities": ["9个"]},
    {"doc": "a.txt", "category": "resources.dedicated_funding", "stage": "implemented", "region": "重庆市/南岸区",
     "evidence": "区财政设立专项经费"},
    {"doc": "a.txt", "category": "resources.dedicated_funding", "stage": "implemented", "region": "重庆市/合川区",
     "evidence": "区财政设立专项经费"},
    {"doc": "b.txt", "category": "personnel.teacher_rotation", "stage": "planned", "region": "天津市/宁河区",
     "evidence": "推动骨干教师向成员校合理流动"},
]
PRED = [
    {"doc": "in/a.txt", "category": "model.school_district", "stage": "implemented", "region": "重庆市/南岸区",
     "text": "南岸區設立９個學區。", "quantities": [{"text": "９個", "normalized": "9个"}]},
    # two districts in one sentence: region-agreeing pairs are made first
    {"doc": "a.txt", "category": "resources.dedicated_funding", "stage": "implemented", "region": "重庆市/合川区",
     "text": "南岸区、合川区等区财政设立专项经费"},
    {"doc": "a.txt", "category": "resources.dedicated_funding", "stage": "planned", "region": "重庆市/南岸区",
     "text": "南岸区、合川区等区财政设立专项经费"},
    {"doc": "b.txt", "category": "personnel.teacher_rotation", "stage": "planned", "region": "天津市",
     "text": "骨干教师向成员校合理流动"},  # inside the gold evidence and >= 6 chars
    {"doc": "b.txt", "category": "model.group_schooling", "stage": "planned", "region": "天津市/宁河区",
     "text": "组建教育集团"},  # not in gold
    {"doc": "c.txt", "category": "model.group_schooling", "text": "不在金标准中的文件"},  # unscored document
]


def test_hand_computed_scores():
    s = score(GOLD, PRED)
    assert (s.gold, s.pred, s.tp) == (4, 5, 4)
    assert s.precision == 0.8 and s.recall == 1.0
    assert s.stage_accuracy == 0.75 and s.region_accuracy == 0.75 and s.quantity_recall == 1.0
    assert s.per_category["model.group_schooling"] == (0, 1, 0)


def test_agrees_with_reference_scorer(tmp_path, gold_path):
    scorer = gold_path.parent.parent / "score.py"
    g, p = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    g.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in GOLD), encoding="utf-8")
    p.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in PRED), encoding="utf-8")
    out = subprocess.run([sys.executable, str(scorer), str(g), str(p), "--json"], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    ref = json.loads(out)
    mine = next(score(GOLD, PRED).records())
    for key in ("gold", "pred", "tp", "precision", "recall", "f1", "stage_acc", "region_acc", "quantity_recall"):
        assert mine[key] == pytest.approx(ref[key]), key
