"""Test documents for the corpus stage, built in tmp_path (no binary fixtures in git)."""

from __future__ import annotations

import pytest

BODY = [
    "为进一步深化基础教育综合改革，推进义务教育集团化办学，扩大优质教育资源覆盖面，结合我区实际，制定如下方案。",
    "一、工作目标",
    "积极探索以“名校+新校+农村校”为特征的集团化办学模式，实现“一年组建、两年成型、三年深化”的目标。",
    "二、主要任务",
    "（一）推进教师交流轮岗。集团内教师每年交流比例不低于15％，骨干教师不低于20％。",
    "（二）统一课程管理。集团内实行课程共建、教研联动、质量共进。",
]

CHROME_TOP = [
    "天津市宁河区人民政府 2023年12月3日星期二",
    "无障碍 简体 | 繁体 长者模式",
    "您现在的位置：首页 > 政务公开 > 通知公告",
    "【字体：大 中 小】【打印】【关闭窗口】",
    "点击数：545",
]
CHROME_TAIL = [
    "上一篇：关于开展2023年教师培训的通知",
    "下一篇：宁河区教育局2023年工作要点",
    "分享到：微信 微博 QQ空间",
    "扫一扫在手机打开当前页",
    "版权所有：天津市宁河区人民政府 津ICP备05004521号 网站标识码1201170001",
    "主办单位：宁河区人民政府办公室 技术支持：某某科技",
]


def gbk_html_page() -> bytes:
    """A GBK-encoded government page with full site chrome and a meta charset."""
    body = "".join(f"<p>{line}</p>" for line in BODY)
    html = f"""<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于印发《宁河区集团化办学实施方案》的通知_宁河区人民政府</title></head>
<body>
<div class="top">{CHROME_TOP[0]}</div><div class="tools">{CHROME_TOP[1]}</div>
<nav><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></nav>
<div class="crumb">{CHROME_TOP[2]}</div>
<div class="article">
<h1>关于印发《宁河区集团化办学实施方案》的通知</h1>
<div class="info">来源：宁河区教育局 发布时间：2023-11-06 16:27 {CHROME_TOP[4]}</div>
<div class="tools">{CHROME_TOP[3]}</div>
<div class="content">{body}</div>
</div>
<div class="page">{CHROME_TAIL[0]}</div><div class="page">{CHROME_TAIL[1]}</div>
<div class="share">{CHROME_TAIL[2]}</div><div>{CHROME_TAIL[3]}</div>
<footer><p>{CHROME_TAIL[4]}</p><p>{CHROME_TAIL[5]}</p></footer>
</body></html>"""
    return html.encode("gbk")


@pytest.fixture
def html_gbk(tmp_path):
    path = tmp_path / "notice.html"
    path.write_bytes(gbk_html_page())
    return path


@pytest.fixture
def docx_with_table(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("上海市普陀区教育局关于推进紧密型学区建设的通知")
    document.add_paragraph("一、总体要求")
    document.add_paragraph("到2025年，紧密型学区覆盖全区义务教育学校。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("学区", "成员校数", "交流教师"), ("曹杨学区", "6所", "30人"), ("长征学区", "5所", "24人")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("二、保障措施")
    document.add_paragraph("上海市普陀区教育局")
    document.add_paragraph("2022年10月11日")
    path = tmp_path / "plan.docx"
    document.save(path)
    return path


def make_pdf(path, lines):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    y = 800
    for line in lines:
        c.drawString(40, y, line)
        y -= 18
    c.save()
    return path


@pytest.fixture
def pdf_with_text(tmp_path):
    pytest.importorskip("reportlab")
    return make_pdf(tmp_path / "plan.pdf", [
        "贵港市港北区教育局关于开展学区制管理改革试点工作的通知",
        "港北教〔2014〕137号",
        "一、主要做法",
        "（一）领导重视，执行有力。学区管理办公室作为学校教育机构，隶属区教育",
        "局领导，所有人员纳入本地教育事业统一编制。",
        "贵港市港北区教育局",
        "2014年11月20日",
    ])


@pytest.fixture
def pdf_without_text(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)  # a picture of a page, no text layer
    c.save()
    return path
