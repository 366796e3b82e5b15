"""Generate a realistic synthetic corpus of any size for the batch benchmarks.

Documents are stitched from real paragraphs (the seed reports in ``examples/seeds``),
with the region names in them swapped for REAL administrative units (省/市/县 from
the adcode table that cpca ships), and written in mixed formats and encodings:

- ``txt``   UTF-8 plain text
- ``gbk``   GB18030 plain text (what many Chinese government sites still serve)
- ``big5``  Big5 plain text in traditional script (OpenCC s2t)
- ``html``  a web page with site chrome (navigation, breadcrumbs, footer, scripts)
- ``docx``  a Word document

Every document is derived from ``(seed, index)`` alone, so the output is
deterministic and the generator streams: it never holds the corpus in memory.

    python benchmarks/generate_corpus.py /tmp/corpus --docs 1000 --seed 7
    python benchmarks/generate_corpus.py /tmp/corpus --mb 500 --formats txt,gbk,html

>>> import tempfile
>>> out = tempfile.mkdtemp()
>>> paths = list(generate(out, docs=3, seed=1, formats=("txt",)))
>>> len(paths), paths[0].suffix
(3, '.txt')
>>> list(generate(out, docs=3, seed=1, formats=("txt",)))[0].read_bytes() == paths[0].read_bytes()
True
"""

from __future__ import annotations

import argparse
import csv
import functools
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DIRS = (ROOT / "examples" / "seeds",)
FORMATS = ("txt", "gbk", "big5", "html", "docx")
# a realistic mix: most pages are UTF-8 text or HTML, some legacy encodings, a few Word files
WEIGHTS = {"txt": 4, "gbk": 2, "big5": 1, "html": 4, "docx": 1}
DOCS_PER_FOLDER = 1000
# unit names that are not places (placeholders in the adcode table) or too generic to swap
_NOT_PLACES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "城区", "郊区", "矿区",
               "老城区", "新城区"}
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
             "省", "市", "区", "县", "盟", "旗")
TOPICS = ("集团化办学", "学区制管理改革", "义务教育教师交流轮岗", "县管校聘管理改革",
          "“1+N”集团化办学", "城乡学校共同体建设", "名校办分校", "义务教育优质均衡发展")
KINDS = ("关于推进{topic}的实施意见", "{topic}工作情况汇报", "关于深化{topic}的通知",
         "{topic}典型案例", "对政协委员关于{topic}提案的答复")


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _adcode_table() -> Path:
    # the same administrative-division table the corpus stage's gazetteer reads
    from eduminer.corpus.regions import adcodes_path

    return adcodes_path()


@functools.lru_cache(maxsize=1)
def regions() -> tuple[dict[str, int], tuple[tuple[str, str, str], ...]]:
    """(name -> level 1/2/3, sorted (province, city, county) triples of real units)."""
    names: dict[str, str] = {}
    with open(_adcode_table(), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["adcode"][:6]] = row["name"]
    level: dict[str, int] = {}
    triples = []
    for code, name in sorted(names.items()):
        if name in _NOT_PLACES or len(name) < 3:
            continue
        lv = 1 if code[2:] == "0000" else 2 if code[4:] == "00" else 3
        level.setdefault(name, lv)
        if lv == 3:
            province = names.get(code[:2] + "0000", "")
            city = names.get(code[:4] + "00", "")
            if city in _NOT_PLACES or not city:
                city = province  # municipalities: 上海市/普陀区
            if province:
                triples.append((province, city, name))
    return level, tuple(triples)


def _stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@functools.lru_cache(maxsize=1)
def _matcher():
    """Leftmost-longest finder of region names: text -> [(name index, start, end)], names."""
    import ahocorasick_rs

    level, _ = regions()
    names = list(level)
    return ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), names


def _is_body(line: str) -> bool:
    # keep prose paragraphs; short lines are mostly site chrome, menus and dates
    return len(line) >= 25 and not line.startswith((">>", "您", "当前位置"))


@functools.lru_cache(maxsize=4)
def paragraph_pool(seed_dirs: tuple[Path, ...] = SEED_DIRS) -> tuple[tuple[str, ...], ...]:
    """Body paragraphs (simplified script) of each seed document, in reading order."""
    pool = []
    for folder in seed_dirs:
        for path in sorted(Path(folder).glob("*.txt")):
            text = _t2s().convert(path.read_text(encoding="utf-8", errors="replace"))
            paragraphs = tuple(line.strip() for line in text.splitlines() if _is_body(line.strip()))
            if paragraphs:
                pool.append(paragraphs)
    if not pool:
        raise SystemExit(f"no seed documents (*.txt) in {', '.join(map(str, seed_dirs))}")
    return tuple(pool)


def relocate(text: str, target: tuple[str, str, str]) -> str:
    """Replace every region name in ``text`` by the unit of the same level in ``target``,
    and the bare stems of those names (潍坊 -> 贵港) likewise.

    >>> relocate("贵港市港北区强化学区管理,港北学校", ("浙江省", "杭州市", "西湖区"))
    '杭州市西湖区强化学区管理,西湖学校'
    """
    found: list[tuple[int, int, str]] = []
    stems: dict[str, str] = {}
    finder, names = _matcher()
    level, _ = regions()
    for i, start, end in finder.find_matches_as_indexes(text):
        name = names[i]
        replacement = target[level[name] - 1]
        found.append((start, end, replacement))
        if len(_stem(name)) >= 2:
            stems[_stem(name)] = _stem(replacement)
    out, last = [], 0
    for start, end, replacement in found:
        out.append(_replace_stems(text[last:start], stems))
        out.append(replacement)
        last = end
    out.append(_replace_stems(text[last:], stems))
    return "".join(out)


def _replace_stems(text: str, stems: dict[str, str]) -> str:
    if not stems or not text:
        return text
    pattern = re.compile("|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True)))
    return pattern.sub(lambda m: stems[m.group(0)], text)


def _document(index: int, seed: int, pool) -> tuple[str, str, str, tuple[str, str, str], list[str]]:
    rng = random.Random(f"{seed}:{index}")  # str seeds hash with sha512: stable across runs
    _, triples = regions()
    target = rng.choice(triples)
    topic = rng.choice(TOPICS)
    title = target[2] + rng.choice(KINDS).format(topic=topic)
    date = f"{rng.randint(2012, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    issuer = target[1] + target[2] + "教育局" if target[1] != target[2] else target[2] + "教育局"
    paragraphs: list[str] = []
    for _ in range(rng.randint(1, 3)):
        source = rng.choice(pool)
        start = rng.randrange(len(source))
        paragraphs.extend(source[start : start + rng.randint(4, 16)])
    body = [relocate(p, target) for p in paragraphs]
    return title, date, issuer, target, body


def _plain_text(title: str, date: str, issuer: str, body: list[str]) -> str:
    return "\n\n".join([title, *body, issuer, date]) + "\n"


def _html_page(title: str, date: str, issuer: str, target, body: list[str], rng: random.Random) -> str:
    menu = "".join(f'<li><a href="/{i}.html">{escape(m)}</a></li>'
                   for i, m in enumerate(("首页", "机构概况", "政务公开", "教育动态", "办事服务", "互动交流")))
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}_{escape(issuer)}</title>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<link rel="stylesheet" href="/css/main.css"></head>
<body>
<div class="header"><div class="logo">{escape(issuer)}</div><ul class="nav">{menu}</ul>
<div class="search"><input type="text" placeholder="请输入关键字"><button>搜索</button></div></div>
<div class="breadcrumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
<div class="article">
<h1>{escape(title)}</h1>
<div class="info">发布时间：{escape(date)} 来源：{escape(issuer)} 浏览次数：{rng.randint(10, 9999)}</div>
<div class="content">
{paragraphs}
<p style="text-align:right">{escape(issuer)}</p>
<p style="text-align:right">{escape(date)}</p>
</div></div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a.html">{escape(target[0])}教育厅</a></li>
<li><a href="/b.html">中华人民共和国教育部</a></li></ul></div>
<div class="footer">主办单位：{escape(issuer)} 地址：{escape(target[1])}人民路{rng.randint(1, 300)}号
<br>ICP备案号：{rng.randint(10000000, 99999999)}号 网站标识码：{rng.randint(1000000000, 9999999999)}
<br>版权所有 © {escape(issuer)} 未经授权禁止复制</div>
</body></html>
"""


def _write_docx(path: Path, title: str, date: str, issuer: str, body: list[str]) -> None:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for paragraph in body:
        document.add_paragraph(paragraph)
    document.add_paragraph(issuer)
    document.add_paragraph(date)
    document.save(str(path))


def _pick_format(index: int, seed: int, formats: Sequence[str]) -> str:
    rng = random.Random(f"{seed}:{index}:format")
    return rng.choices(list(formats), weights=[WEIGHTS.get(f, 1) for f in formats])[0]


def generate(
    out_dir: str | Path,
    docs: int | None = None,
    seed: int = 0,
    formats: Iterable[str] = FORMATS,
    start: int = 0,
    max_bytes: int | None = None,
) -> Iterator[Path]:
    """Write documents ``start .. start+docs-1`` (or until ``max_bytes`` written) under
    ``out_dir`` (1,000 per sub-folder) and yield each path as it is written."""
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise SystemExit(f"unknown format(s) {unknown}; choose from {','.join(FORMATS)}")
    if docs is None and max_bytes is None:
        raise SystemExit("give --docs N or --mb SIZE")
    pool = paragraph_pool()
    out = Path(out_dir)
    written = 0
    index = start
    while (docs is None or index < start + docs) and (max_bytes is None or written < max_bytes):
        fmt = _pick_format(index, seed, formats)
        title, date, issuer, target, body = _document(index, seed, pool)
        folder = out / f"d{index // DOCS_PER_FOLDER:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"{index:07d}_{fmt}"
        if fmt == "docx":
            path = stem.with_suffix(".docx")
            _write_docx(path, title, date, issuer, body)
        elif fmt == "html":
            path = stem.with_suffix(".html")
            rng = random.Random(f"{seed}:{index}:html")
            path.write_text(_html_page(title, date, issuer, target, body, rng), encoding="utf-8")
        else:
            path = stem.with_suffix(".txt")
            text = _plain_text(title, date, issuer, body)
            if fmt == "gbk":
                path.write_bytes(text.encode("gb18030"))
            elif fmt == "big5":
                # a few simplified-only characters have no Big5 code point; real sites drop them too
                path.write_bytes(_s2t().convert(text).encode("big5", errors="ignore"))
            else:
                path.write_text(text, encoding="utf-8")
        written += path.stat().st_size
        index += 1
        yield path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--docs", type=int, default=None, help="number of documents")
    parser.add_argument("--mb", type=float, default=None, help="stop after this many MB written")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first document")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help=f"comma-separated subset of {','.join(FORMATS)}")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    n = size = 0
    for path in generate(args.out_dir, docs=args.docs, seed=args.seed, start=args.start,
                         formats=[f.strip() for f in args.formats.split(",") if f.strip()],
                         max_bytes=int(args.mb * 1e6) if args.mb else None):
        n += 1
        size += path.stat().st_size
    elapsed = time.perf_counter() - t0
    print(f"wrote {n} documents, {size / 1e6:.1f} MB, to {args.out_dir} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
