"""Check your copies of the dev texts against the gold: each gold evidence must be in its text.

    python benchmarks/devset/check_docs.py [--from N] [--to N] [-v]

The texts are not in the repository (see README.md): you save each page's opening under
docs/ from the source the README's table names. This reads that table and, for each
text, reports

- MISSING: no file under docs/;
- OK: every gold evidence is found in the file (compared as ../shared/eval/score.py
  compares: traditional -> simplified, white space removed, full-width -> ASCII);
- PINYIN: all are found once a mirror site's pinyin annotations (學(xué)) are removed;
  the README's row says whether the first copy removed them;
- LOST: some evidence is not in the file (-v lists it): a copy slip, or the page changed.

Texts without gold items (precision tests) can only be MISSING or OK.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent.parent.parent / "shared" / "eval" / "score.py"
ROW = re.compile(r"^\| (d(\d+)_[^|]+?\.txt) \|.*\| (\S+) \|\s*$")
# a mirror's inserted romanisation after a character, 學(xué); a space may precede the bracket's end
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+ ?\)")


def table_rows(readme: Path):
    """(file, number, source URL) of each row of the README's table."""
    for line in readme.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            yield match.group(1), int(match.group(2)), match.group(3)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="first", type=int, default=0)
    ap.add_argument("--to", dest="last", type=int, default=10**6)
    ap.add_argument("-v", "--verbose", action="store_true", help="list the evidence not found")
    a = ap.parse_args(argv)
    if not SCORER.exists():
        sys.exit(f"Error: {SCORER} not found: put ../shared beside the repository.")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)

    evidence = defaultdict(list)
    for item in score.load(HERE / "gold.jsonl"):
        evidence[item["doc"]].append(item["evidence"])
    counts = defaultdict(int)
    for name, number, url in table_rows(HERE / "README.md"):
        if not a.first <= number <= a.last:
            continue
        path = HERE / "docs" / name
        if not path.exists():
            status, lost = "MISSING", []
        else:
            text = path.read_text(encoding="utf-8")
            plain, unannotated = score.norm(text), score.norm(PINYIN.sub("", text))
            lost = [e for e in evidence[name] if score.norm(e) not in plain]
            status = "OK" if not lost else (
                "PINYIN" if all(score.norm(e) in unannotated for e in lost) else "LOST")
        counts[status] += 1
        if status != "OK":
            print(f"{status:8}{name}  {url}")
            if a.verbose:
                for e in lost:
                    print(f"          not found: {e}")
    print(", ".join(f"{counts[s]} {s}" for s in ("OK", "PINYIN", "LOST", "MISSING")))
    return 0 if not (counts["LOST"] or counts["PINYIN"]) else 1


if __name__ == "__main__":
    sys.exit(main())
