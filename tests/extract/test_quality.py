"""Seed-gold quality, scored by the reference scorer (skipped without ../shared)."""

import json
import subprocess
import sys

from click.testing import CliRunner

from eduminer.cli import main


def test_seed_gold_precision_and_recall(tmp_path, gold_path):
    seeds = gold_path.parents[2] / "corpus" / "seeds"
    out = tmp_path / "m.jsonl"
    r = CliRunner().invoke(main, ["extract", str(seeds), "--format", "jsonl", "-o", str(out)])
    assert r.exit_code == 0, r.output
    scorer = gold_path.parent.parent / "score.py"
    line = subprocess.run([sys.executable, str(scorer), str(gold_path), str(out), "--json"],
                          capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    s = json.loads(line)
    assert s["precision"] >= 0.80 and s["recall"] >= 0.80, s
    assert s["stage_acc"] >= 0.85 and s["region_acc"] >= 0.90 and s["quantity_recall"] >= 0.80, s
