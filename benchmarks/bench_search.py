"""Search benchmark: index >= 10,000 synthetic documents, time queries, report the index size.

Documents are built from seed paragraphs with the region names varied, stored through
``Workspace.add_document`` (one transaction per document), then queried with ``search``
(BM25 over FTS5) and ``kwic``. Prints figures; asserts nothing.

    python benchmarks/bench_search.py [--docs 10000] [--db /tmp/bench.db]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from eduminer.corpus.model import Document, Sentence
from eduminer.extract.model import Measure
from eduminer.workspace import kwic, search
from eduminer.workspace.store import FileInfo, Workspace
from eduminer.workspace.text import normalize

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
REGIONS = [("浙江省", "杭州市", "西湖区"), ("江苏省", "南京市", "鼓楼区"), ("四川省", "成都市", "武侯区"),
           ("湖北省", "武汉市", "江岸区"), ("广东省", "深圳市", "南山区"), ("河南省", "郑州市", "金水区"),
           ("山东省", "潍坊市", "潍城区"), ("广西壮族自治区", "贵港市", "港北区"), ("重庆市", "", "南岸区"),
           ("天津市", "", "宁河区"), ("上海市", "", "普陀区"), ("湖南省", "长沙市", "岳麓区")]
CUES = {"轮岗": "personnel.teacher_rotation", "县管校聘": "personnel.county_managed",
        "学区": "model.school_district", "集团": "model.group_schooling", "1+N": "model.flagship_led"}
QUERIES = ["教师交流轮岗", "县管校聘", "学区制改革", "集团化办学", "名校带动", "教師交流輪崗", "课程共享",
           "校长职级制", "薄弱学校", "优质教育资源"]
SENT = re.compile(r"[^。！？；\n]+[。！？；]?")


def paragraphs() -> list[str]:
    out = []
    for f in sorted(SEEDS.glob("*.txt")):
        for p in normalize(f.read_text(encoding="utf-8")).split("\n"):
            if len(p.strip()) > 30:
                out.append(p.strip())
    return out


def make(i: int, paras: list[str], rng: random.Random) -> tuple[Document, list[Measure]]:
    province, city, county = rng.choice(REGIONS)
    region = "/".join(x for x in (province, city, county) if x)
    text = "\n".join(rng.sample(paras, 4))
    for _, _, other in REGIONS:  # vary the district named in the text
        text = text.replace(other, county)
    doc_id = f"doc{i:06d}.txt"
    sents = [Sentence(doc_id, n, m.start(), m.end(), m.group()) for n, m in enumerate(SENT.finditer(text))]
    doc = Document(doc=doc_id, path=f"/bench/{doc_id}", format="txt", encoding="utf-8", sha256=str(i),
                   original=text, text=text, title=f"{county}教育改革文件{i}", date=f"20{10 + i % 14}-01-01",
                   region=region, sentences=tuple(sents))
    found = [Measure(doc_id, cat, cat, s.text, s.start, s.end, s.text, "", cue, "rule", 1.0, "implemented",
                     region, sentence=s.index, dimension=cat.split(".")[0])
             for s in sents for cue, cat in CUES.items() if cue in s.text]
    return doc, found


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--db", default=os.path.join(tempfile.mkdtemp(), "bench.db"))
    args = ap.parse_args()
    rng = random.Random(7)
    paras = paragraphs()
    t0 = time.perf_counter()
    n_measures = 0
    with Workspace(args.db, create=True) as ws:
        for i in range(args.docs):
            doc, found = make(i, paras, rng)
            n_measures += ws.add_document(doc, found, FileInfo(f"/bench/doc{i:06d}.txt"), "bench")
        n_sentences = ws.conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    build = time.perf_counter() - t0
    size = os.path.getsize(args.db) / 2**20
    print(f"indexed {args.docs} documents, {n_sentences} sentences, {n_measures} measures "
          f"in {build:.1f} s ({args.docs / build:.0f} docs/s); database {size:.1f} MiB")
    for label, call in (("search (measures, k=20)", lambda q: search(q, db=args.db, k=20)),
                        ("search --sentences", lambda q: search(q, db=args.db, k=20, sentences=True)),
                        ("search --region 重庆", lambda q: search(q, db=args.db, k=20, region="重庆")),
                        ("kwic (first 50 lines)", lambda q: list(zip(range(50), kwic(q, db=args.db))))):
        times = []
        for _ in range(3):
            for q in QUERIES:
                t = time.perf_counter()
                try:
                    call(q)
                except Exception:  # noqa: BLE001 -- a query without hits still counts its time
                    pass
                times.append((time.perf_counter() - t) * 1000)
        print(f"{label:26s} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 0.95):7.1f} ms"
              f"   ({len(times)} queries)")


if __name__ == "__main__":
    main()
