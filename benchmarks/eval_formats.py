"""Does the format change the measures? The dev set scored as text, as web pages, as Word files and in GBK.

    python benchmarks/eval_formats.py [--formats html,docx,gbk,pdf]

Each dev-set text (benchmarks/devset/docs, UTF-8) is written again in each format — a web
page with site chrome (navigation, breadcrumb, share bar, related links, footer; its first
line as <h1> and <title>), a .docx (first line as heading), GB18030 bytes, a PDF (reportlab,
the CID font STSong-Light, lines wrapped at the page width as a word processor would, page
breaks; needs reportlab, a test dependency) — and extracted;
the scores against benchmarks/devset/gold.jsonl (file names mapped) are printed beside the
plain-text score. The held-out set holds other formats than the dev set's text files: a
format that loses measures shows here first.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_corpus import _html_page, _write_docx  # noqa: E402

DEVSET = HERE / "devset"
SUFFIX = {"html": ".html", "docx": ".docx", "gbk": ".txt", "txt": ".txt", "pdf": ".pdf"}
PDF_LINE_CHARS = 38  # characters per wrapped line (11 pt on A4 with 2.5 cm margins)


def render(src: Path, out: Path, fmt: str) -> Path:
    """``src`` (a UTF-8 dev text) written as ``fmt`` under ``out``."""
    text = src.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()] or [""]
    title, body = lines[0], lines[1:]
    path = out / (src.stem + SUFFIX[fmt])
    if fmt == "html":
        path.write_text(_html_page(title, "", "", ("", ""), body, random.Random(src.name)), encoding="utf-8")
    elif fmt == "docx":
        _write_docx(path, title, "", "", body)
    elif fmt == "gbk":
        path.write_bytes(text.encode("gb18030", errors="ignore"))
    elif fmt == "pdf":
        _write_pdf(path, lines)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _write_pdf(path: Path, lines: list[str]) -> None:
    """``lines`` as a PDF whose text layer wraps each paragraph every PDF_LINE_CHARS
    characters (the reader must join the pieces back into sentences)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    y = 800
    for line in lines:
        for i in range(0, len(line), PDF_LINE_CHARS):
            if y < 60:
                c.showPage()
                c.setFont("STSong-Light", 11)
                y = 800
            c.drawString(56, y, line[i:i + PDF_LINE_CHARS])
            y -= 16
        y -= 6  # a paragraph's end
    c.save()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--formats", default="html,docx,gbk,pdf")
    a = ap.parse_args(argv)

    from eduminer.corpus import read_all
    from eduminer.extract import Extractor
    from eduminer.extract.scoring import load_annotations, score

    sources = sorted((DEVSET / "docs").glob("*.txt"))
    if not sources:
        raise SystemExit(f"no dev-set texts in {DEVSET / 'docs'} (see benchmarks/devset/README.md)")
    gold_rows = [json.loads(line) for line in (DEVSET / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    extractor = Extractor(model="default")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ["txt", *a.formats.split(",")]:
            out = Path(tmp, fmt)
            out.mkdir()
            paths = [render(src, out, fmt) for src in sources]
            gold_path = Path(tmp, f"gold_{fmt}.jsonl")
            gold_path.write_text("".join(
                json.dumps({**row, "doc": row["doc"][:-4] + SUFFIX[fmt]}, ensure_ascii=False) + "\n"
                for row in gold_rows), encoding="utf-8")
            measures = [m for doc in read_all(paths) for m in extractor.extract(doc)]
            head = next(score(load_annotations(gold_path), measures, docs=[p.name for p in paths]).records())
            print(f"{fmt:5s} gold={head['gold']} pred={head['pred']} tp={head['tp']} P={head['precision']} "
                  f"R={head['recall']} F1={head['f1']} stage={head['stage_acc']} region={head['region_acc']} "
                  f"quantity={head['quantity_recall']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
