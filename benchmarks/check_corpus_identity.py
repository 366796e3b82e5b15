"""Dump every field of the Document records the corpus stage reads, to prove that a
change (e.g. a speed-up) leaves them identical.

    python benchmarks/check_corpus_identity.py dump OUT.jsonl [--docs 300]
    python benchmarks/check_corpus_identity.py compare BEFORE.jsonl AFTER.jsonl

Inputs (all deterministic): examples/seeds, /work/shared/corpus/seeds (when present),
a generated mixed-format corpus (benchmarks/generate_corpus.py: txt, gbk, big5, html,
docx), variants of the seeds that stress normalization and boilerplate (traditional
script, CRLF, full-width and zero-width characters, white-space runs, page chrome,
tails), random "odd" texts, and bad files (empty, binary, damaged .docx, ...), whose
error code and message are dumped instead. One JSON line per input: the file name and
either all Document fields (offsets both as the list of positions and as the stored
runs, sections, sentences) or the error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED_DIRS = [ROOT / "examples" / "seeds", Path("/work/shared/corpus/seeds")]

CHROME_TOP = ["天津市宁河区人民政府 2023年12月3日星期二", "无障碍 简体 | 繁体 长者模式",
              "您现在的位置：首页 > 政务公开 > 通知公告", "【字体：大 中 小】【打印】【关闭窗口】",
              "点击数：545", "发布机构：宁河区教育局  发布日期：2023-11-06", "发文字号：津宁教〔2023〕12号",
              "索引号：000014349/2023-00012", "来源：宁河区教育局 发布时间：2023-11-06 16:27 浏览次数：12"]
CHROME_TAIL = ["【来源：宁河区教育局】", "相关链接", "· 关于开展2023年教师培训的通知", "· 宁河区教育局2023年工作要点",
               "2023-11-02", "上一篇：关于开展2023年教师培训的通知", "分享到：微信 微博 QQ空间",
               "版权所有：天津市宁河区人民政府 津ICP备05004521号", "主办单位：宁河区人民政府办公室 技术支持：某某科技"]
ODD = ["\u3000", "\u3000\u3000", "\u00a0", "\t", "  ", " ", "\u200b", "\ufeff", "\u00ad", "\u2002\u2003",
       "１２", "％", "＋", "Ａｂ", "「", "」", "『", "』", "。", "；", "！", "？", "\r", "（一）", "一、",
       "1.", "(2)", "①", "第三条", "2021年8月3日", "二〇二一年八月三日", "港北教[2014]137号", "學區", "乾隆",
       "後", "著", "裏", "发", "髮", "干", "乾", "教育局", "\u2060", "\u205f"]


def _seed_files() -> list[Path]:
    files: list[Path] = []
    for folder in SEED_DIRS:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file())
    return files


def _variants(seed_texts: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    """Seeds turned into the kinds of input that take the rare branches."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    out: list[tuple[str, bytes]] = []
    for name, text in seed_texts:
        stem = name.rsplit(".", 1)[0]
        trad = s2t.convert(text)
        out.append((f"{stem}_trad.txt", trad.encode("utf-8")))
        out.append((f"{stem}_big5.txt", trad.encode("big5", errors="ignore")))
        out.append((f"{stem}_crlf.txt", text.replace("\n", "\r\n").encode("utf-8")))
        rng = random.Random(stem)
        lines = text.splitlines()
        noisy = []
        for line in lines:
            chars = list(line)
            for _ in range(rng.randint(0, 4)):
                chars.insert(rng.randint(0, len(chars)), rng.choice(ODD))
            noisy.append("".join(chars))
        out.append((f"{stem}_noisy.txt", "\n".join(noisy).encode("utf-8")))
        page = CHROME_TOP + lines + CHROME_TAIL
        out.append((f"{stem}_page.txt", "\n".join(page).encode("utf-8")))
        out.append((f"{stem}_page_gbk.txt", "\n".join(page).encode("gb18030", errors="ignore")))
        out.append((f"{stem}_page_trad.txt", s2t.convert("\n".join(page)).encode("utf-8")))
        out.append((f"{stem}.html", (
            "<html><head><meta charset='utf-8'><title>" + lines[0] + "_某某区人民政府</title></head><body>"
            + "".join(f"<div>{c}</div>" for c in CHROME_TOP)
            + "".join(f"<p>{line}</p>" for line in lines)
            + "".join(f"<div>{c}</div>" for c in CHROME_TAIL) + "</body></html>").encode("utf-8")))
        out.append((f"{stem}.dat", text.encode("utf-16")))
    return out


def _odd_texts(n: int) -> list[tuple[str, bytes]]:
    """Random short documents of CJK, punctuation and odd white space (like the
    hypothesis test of the offset map, but fixed so the dump is reproducible)."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(20240601)
    pool = "学区制改革教师交流轮岗集团化办学义务教育优质均衡发展上海市普陀区贵港市港北区"
    out = []
    for i in range(n):
        lines = []
        for _ in range(rng.randint(1, 30)):
            parts = []
            for _ in range(rng.randint(0, 12)):
                r = rng.random()
                if r < 0.5:
                    k = rng.randint(1, 8)
                    parts.append("".join(rng.choice(pool) for _ in range(k)))
                elif r < 0.9:
                    parts.append(rng.choice(ODD))
                else:
                    parts.append(rng.choice(CHROME_TOP + CHROME_TAIL))
            lines.append("".join(parts))
        text = "\n".join(lines)
        if i % 3 == 0:
            text = s2t.convert(text)
        out.append((f"odd_{i:03d}.txt", text.encode("utf-8")))
    return out


def _bad_files(tmp: Path) -> list[tuple[str, bytes]]:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not really")
    return [
        ("empty.txt", b""), ("blank.txt", b"  \n\t\n"), ("binary.bin", bytes(range(256)) * 20),
        ("nul.txt", b"abc\x00def" * 100), ("bad.docx", b"PK\x03\x04 truncated"), ("fake.docx", buf.getvalue()),
        ("chrome_only.txt", "\n".join(CHROME_TOP[:5]).encode("utf-8")),
        ("chrome_only.html", ("<html><body>" + "".join(f"<div>{c}</div>" for c in CHROME_TOP[:5])
                              + "</body></html>").encode("utf-8")),
        ("latin1.txt", "Ceci n'est pas du chinois: déjà vu, à bientôt. ".encode("latin-1") * 10),
        ("noext", "学区制改革全面推进。".encode("utf-8") * 10),
        ("page.weird", b"<html><body><p>" + "学区制改革全面推进，成效明显。".encode() * 30 + b"</p></body></html>"),
    ]


def _record(doc, data: bytes) -> dict:
    rec = asdict(doc)
    # .docx files carry zip timestamps: compare "the hash is the input's", not the hash
    rec["sha256"] = doc.sha256 == hashlib.sha256(data).hexdigest()
    offsets = doc.offsets
    rec["offsets"] = list(offsets)
    runs = getattr(offsets, "_starts", None)
    rec["offset_runs"] = ([list(offsets._starts), list(offsets._origins), len(offsets)]
                          if runs is not None else None)
    rec["offsets_type"] = type(offsets).__name__
    return rec


def inputs(n_docs: int, tmp: Path) -> list[tuple[str, bytes]]:
    from generate_corpus import generate

    items: list[tuple[str, bytes]] = []
    seeds = _seed_files()
    for f in seeds:
        items.append((f"seeds/{f.parent.parent.name}/{f.name}", f.read_bytes()))
    for path in generate(tmp / "generated", docs=n_docs, seed=7):
        items.append((f"generated/{path.name}", path.read_bytes()))
    seed_texts = [(f.name, f.read_text(encoding="utf-8")) for f in seeds if f.suffix == ".txt"]
    items += [(f"variants/{n}", b) for n, b in _variants(seed_texts)]
    items += [(f"odd/{n}", b) for n, b in _odd_texts(120)]
    items += [(f"bad/{n}", b) for n, b in _bad_files(tmp)]
    try:
        from tests.corpus.conftest import gbk_html_page, make_pdf

        items.append(("fixtures/notice.html", gbk_html_page()))
        pdf = make_pdf(tmp / "plan.pdf", ["贵港市港北区教育局关于开展学区制管理改革试点工作的通知", "港北教〔2014〕137号",
                                          "一、主要做法", "（一）领导重视，执行有力。学区管理办公室作为学校教育机构，隶属区教育",
                                          "局领导，所有人员纳入本地教育事业统一编制。", "贵港市港北区教育局", "2014年11月20日"])
        items.append(("fixtures/plan.pdf", pdf.read_bytes()))
    except ImportError:
        pass
    return items


def dump(out: Path, n_docs: int) -> None:
    from eduminer.corpus import read_bytes
    from eduminer.errors import InputError

    digest = hashlib.sha256()
    n_ok = n_err = 0
    with tempfile.TemporaryDirectory() as tmp, open(out, "w", encoding="utf-8") as fh:
        for name, data in inputs(n_docs, Path(tmp)):
            try:
                rec = {"input": name, "doc": _record(read_bytes(data, name, doc_id=name), data)}
                n_ok += 1
            except InputError as e:
                rec = {"input": name, "error": [e.code, str(e)]}
                n_err += 1
            except Exception as e:  # a crash is a behaviour too: keep it in the dump
                rec = {"input": name, "exception": [type(e).__name__, str(e)]}
                n_err += 1
            line = json.dumps(rec, ensure_ascii=False, sort_keys=True)
            digest.update(line.encode("utf-8"))
            fh.write(line + "\n")
    print(f"{out}: {n_ok} documents, {n_err} errors, sha256 {digest.hexdigest()}")


def compare(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    if len(a) != len(b):
        print(f"different number of records: {len(a)} vs {len(b)}")
    n_diff = 0
    for la, lb in zip(a, b):
        if la == lb:
            continue
        n_diff += 1
        ra, rb = json.loads(la), json.loads(lb)
        if n_diff <= 10:
            keys = set(ra.get("doc", ra)) | set(rb.get("doc", rb))
            fields = sorted(k for k in keys if (ra.get("doc") or ra).get(k) != (rb.get("doc") or rb).get(k))
            print(f"DIFF {ra['input']}: {', '.join(fields)}")
    print(f"{len(a)} records compared, {n_diff} differ")
    return 1 if n_diff or len(a) != len(b) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--docs", type=int, default=300, help="generated mixed-format documents")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.docs)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
