"""A short, editable DOCX report of the stored measures (python-docx).

Title, a summary table by region (measures, top categories), then the measures
grouped by region and category, each quoted with its citation (title, date, issuer).
Chinese text gets an East Asian font (w:eastAsia) so Word does not fall back to a
Latin font for it.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections import Counter
from typing import IO

from eduminer.workspace.store import Workspace

CJK_FONT = "宋体"
STAGE_LABELS = {"implemented": "已实施", "planned": "计划", "problem": "问题"}


def _set_east_asian_font(style, name: str = CJK_FONT) -> None:
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def write_docx(ws: Workspace, output: str | os.PathLike | IO[bytes], level: str | None = None,
               db_name: str = "eduminer.db", title: str = "教育改革措施汇编") -> None:
    from docx import Document as DocxDocument

    from eduminer.export.tables import measure_rows

    report = DocxDocument()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid"):
        try:
            _set_east_asian_font(report.styles[name])
        except KeyError:
            continue
    report.add_heading(title, level=0)
    report.add_paragraph(f"数据来源：{db_name}；生成日期：{_dt.date.today().isoformat()}。"
                         "每条措施后注明出处（文件标题、日期、发布机构）。")

    by_region: dict[str, Counter] = {}
    labels: dict[str, str] = {}
    for row in measure_rows(ws, level):
        by_region.setdefault(row["region"] or "（未识别地区）", Counter())[row["category"]] += 1
        labels[row["category"]] = row["label"] or row["category"]

    report.add_heading("各地区措施概览", level=1)
    table = report.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("地区", "措施数", "主要类别")):
        cell.text = text
    for region in sorted(by_region):
        counts = by_region[region]
        cells = table.add_row().cells
        cells[0].text = region
        cells[1].text = str(sum(counts.values()))
        cells[2].text = "、".join(f"{labels[c]}（{n}）" for c, n in counts.most_common(3))

    current_region, current_category = None, None
    for row in measure_rows(ws, level):  # ordered by region, category, date
        region = row["region"] or "（未识别地区）"
        if region != current_region:
            report.add_heading(region, level=1)
            current_region, current_category = region, None
        if row["category"] != current_category:
            report.add_heading(f"{labels[row['category']]}（{row['category']}）", level=2)
            current_category = row["category"]
        para = report.add_paragraph(style="List Bullet")
        para.add_run(row["original"] or row["text"])
        source = "，".join(x for x in (f"《{row['title']}》" if row["title"] else row["doc"], row["date"],
                                        row["issuer"]) if x)
        stage = STAGE_LABELS.get(row["stage"], row["stage"])
        para.add_run(f"（{stage}；{source}）").italic = True
    report.save(output)
