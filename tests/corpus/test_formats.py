"""Each file format and encoding reads into the same clean text."""

from __future__ import annotations

import pytest

from eduminer.corpus import read
from tests.corpus.conftest import BODY, CHROME_TAIL, CHROME_TOP

TEXT = "\n".join(["關於推進學區制管理改革的通知", "一、主要做法", "（一）領導重視，執行有力。學區管理辦公室隸屬區教育局領導。"])


def test_gbk_html_with_meta_charset_and_chrome(html_gbk):
    doc = read(html_gbk)
    assert doc.format == "html"
    assert doc.encoding == "gb18030"  # declared gb2312, read as its superset
    assert doc.title == "关于印发《宁河区集团化办学实施方案》的通知"
    assert doc.text.split("\n")[0] == doc.title
    assert doc.text.split("\n")[1:] == [line.replace("％", "%") for line in BODY]
    for chrome in CHROME_TOP + CHROME_TAIL:
        assert chrome not in doc.original
    for word in ("星期", "无障碍", "您现在的位置", "打印", "点击数", "上一篇", "分享到", "扫一扫", "版权所有", "ICP", "主办单位"):
        assert word not in doc.text, word
    assert (doc.date, doc.issuer, doc.region, doc.region_code) == ("2023-11-06", "宁河区教育局", "天津市/宁河区", "120117")


def test_html_without_extension_is_sniffed(tmp_path):
    from tests.corpus.conftest import gbk_html_page

    path = tmp_path / "page.asp"
    path.write_bytes(gbk_html_page())
    doc = read(path)
    assert (doc.format, doc.region) == ("html", "天津市/宁河区")


@pytest.mark.parametrize("encoding,expected", [
    ("big5", "big5"), ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
])
def test_text_encodings(tmp_path, encoding, expected):
    text = TEXT if encoding in ("big5", "utf-8", "utf-8-sig", "utf-16", "utf-16-le") else TEXT.replace("關於", "关于")
    if encoding in ("gb18030", "gbk"):
        from eduminer.corpus.normalize import to_simplified

        text = to_simplified(TEXT)
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = read(path)
    assert doc.encoding == expected
    assert doc.original == text
    assert doc.text == "关于推进学区制管理改革的通知\n一、主要做法\n（一）领导重视，执行有力。学区管理办公室隶属区教育局领导。"


def test_big5_text_is_traditional_and_simplified_in_text(tmp_path):
    path = tmp_path / "tw.txt"
    path.write_bytes(TEXT.encode("big5"))
    doc = read(path)
    assert doc.script == "traditional"
    assert doc.original.startswith("關於推進學區制")
    assert doc.text.startswith("关于推进学区制")


def test_docx_with_table(docx_with_table):
    doc = read(docx_with_table)
    assert doc.format == "docx" and doc.encoding == "binary"
    lines = doc.text.split("\n")
    assert lines[3:6] == ["学区 成员校数 交流教师", "曹杨学区 6所 30人", "长征学区 5所 24人"]
    assert lines[0] == doc.title == "上海市普陀区教育局关于推进紧密型学区建设的通知"
    assert (doc.issuer, doc.region, doc.date) == ("上海市普陀区教育局", "上海市/普陀区", "2022-10-11")


def test_pdf_text_layer_reflowed(pdf_with_text):
    doc = read(pdf_with_text)
    assert doc.format == "pdf"
    assert doc.title == "贵港市港北区教育局关于开展学区制管理改革试点工作的通知"
    assert doc.doc_number == "港北教〔2014〕137号"
    assert (doc.region, doc.region_code, doc.date) == ("广西壮族自治区/贵港市/港北区", "450802", "2014-11-20")
    # the line broken by the page width is one paragraph again
    assert "隶属区教育局领导，所有人员纳入本地教育事业统一编制。" in doc.text
    heading = [s for s in doc.sentences if s.is_heading and s.section.endswith("（一）领导重视，执行有力")]
    assert heading and heading[0].text == "（一）领导重视，执行有力。"


def test_directory_walk_is_recursive_and_sorted(tmp_path, docx_with_table):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("上海市普陀区教育局关于学区化办学的通知\n推进学区化办学。", encoding="utf-8")
    (tmp_path / "a.txt").write_text("重庆市教育委员会关于集团化办学的通知\n推进集团化办学。", encoding="utf-8")
    from eduminer.corpus import read_all

    assert [d.doc for d in read_all([tmp_path])] == ["a.txt", "plan.docx", "sub/b.txt"]


def test_big5_html_meta_charset_is_honoured(tmp_path):
    page = ("<html><head><meta charset='big5'><title>臺北市教育局學區制</title></head><body><h1>臺北市推動學區制</h1>"
            + "<p>臺北市教育局推動學區制管理，學區內學校共享師資與課程資源，促進教育均衡發展。</p>" * 6 + "</body></html>")
    path = tmp_path / "tw.htm"
    path.write_bytes(page.encode("big5"))
    doc = read(path)
    assert (doc.encoding, doc.script, doc.title) == ("big5", "traditional", "台北市推动学区制")
    assert doc.original.startswith("臺北市推動學區制")


def test_utf8_page_with_stale_gbk_meta_is_read_as_utf8(tmp_path):
    page = ("<html><head><meta charset='gbk'></head><body><h1>推进学区制改革</h1>"
            + "<p>区教育局推动学区制管理，学区内学校共享师资与课程资源，促进教育均衡发展。</p>" * 6 + "</body></html>")
    path = tmp_path / "stale.html"
    path.write_bytes(page.encode("utf-8"))
    doc = read(path)
    assert doc.encoding == "utf-8"
    assert doc.text.startswith("推进学区制改革\n区教育局推动学区制管理")


def test_html_related_list_comments_and_footer_go(tmp_path):
    page = """<html><head><meta charset="utf-8"><title>南岸区推进集团化办学 - 重庆市南岸区人民政府</title></head><body>
<div class="position">当前位置：首页 &gt; 新闻动态</div>
<div class="main"><div class="info">发布时间：2022-03-15　　来源：南岸区教委　　阅读量：356</div>
<div class="tools">【字体：<a>大</a> <a>中</a> <a>小</a>】 【打印本页】</div>
<div class="content"><p>近年来，南岸区以集团化办学为抓手，组建了15个教育集团，覆盖全区70%的义务教育学校。</p>
<p>一、强化统筹</p><p>区教委成立集团化办学领导小组，统筹推进集团建设，建立集团章程和理事会制度。</p></div>
<div class="related"><h3>相关阅读</h3><ul><li><a>九龙坡区召开教育工作会议</a></li><li><a>渝中区学区制改革纪实</a></li></ul></div>
<div class="comment"><h3>网友评论</h3><p>暂无评论</p><p>验证码：<input></p></div></div>
<div class="footer"><p>主办单位：重庆市南岸区人民政府办公室</p><p>渝ICP备12345678号</p></div></body></html>"""
    path = tmp_path / "news.html"
    path.write_text(page, encoding="utf-8")
    doc = read(path)
    assert doc.text == ("南岸区推进集团化办学\n近年来，南岸区以集团化办学为抓手，组建了15个教育集团，覆盖全区70%的义务教育学校。\n"
                        "一、强化统筹\n区教委成立集团化办学领导小组，统筹推进集团建设，建立集团章程和理事会制度。")
    assert (doc.title, doc.date, doc.issuer, doc.region) == ("南岸区推进集团化办学", "2022-03-15", "南岸区教委", "重庆市/南岸区")


# pages whose text and title BeautifulSoup and lxml.html could read differently
_TRICKY_PAGES = {
    "comment": "<html><body><p>学区<!-- 注释 -->制度</p><h1>标题<!--x-->一</h1></body></html>",
    "title only": "<html><head><title>关于学区制 - 南岸区人民政府</title></head><body><p>短</p></body></html>",
    "meta title": '<html><head><meta name="ArticleTitle" content=" 文章标题 "><title>t</title></head><body>x</body></html>',
    "blank meta": '<html><head><meta name="title" content="  "><meta name="ArticleTitle" content="第二">'
                  "<title>站点标题</title></head><body>x</body></html>",
    "unclosed": "<div><p>第一段<p>第二段<table><tr><td>甲<td>乙</table>尾巴",
    "text outside": "前面的文字<html><body>正文</body></html>",
    "scripts inside text": "<body><p>a<script>var x=1;</script>b<style>p{}</style>c<noscript>n</noscript>d"
                           "<iframe>i</iframe>e</p></body>",
    "entities": "<body><p>&nbsp;&lt;学区&gt;&amp;&#x4E2D;&#22269;</p></body>",
    "white space": "<body>\n  <h1>  </h1>\t<title>页面标题</title>\n\n<p> 段落 </p>  \n</body>",
    "xml declaration": '<?xml version="1.0" encoding="utf-8"?><html><body><p>学区</p></body></html>',
    "line breaks": "<body>第一行<br>第二行<br/>第三行</body>",
    "template": "<body><template><p>模板</p></template><p>正文</p></body>",
}


@pytest.mark.parametrize("name", sorted(_TRICKY_PAGES))
def test_lxml_page_reads_like_beautifulsoup(name):
    from eduminer.corpus.formats import _CHROME, _LxmlPage, _SoupPage

    fast, soup = _LxmlPage(_TRICKY_PAGES[name]), _SoupPage(_TRICKY_PAGES[name])
    assert (fast.text(), fast.title()) == (soup.text(), soup.title())
    fast.drop(_CHROME)
    soup.drop(_CHROME)
    assert fast.text() == soup.text()


def test_pages_with_pre_or_textarea_are_read_with_beautifulsoup():
    from eduminer.corpus.formats import _LxmlPage

    with pytest.raises(ValueError):
        _LxmlPage("<body><pre>  代码  </pre></body>")


def test_a_text_file_holding_html_paragraphs_reads_as_their_text(tmp_path):
    # a 美篇 page's markup saved as .txt (dev set d359): one line per paragraph, no tags, entities decoded
    path = tmp_path / "meipian.txt"
    path.write_text('太原市职业教育集团揭牌\n<p class="ql-block"> 12月26日,太原市职业教育集团揭牌成立。</p> '
                    '<p class="ql-block"><br></p><p class="ql-block">集团校代表致辞&nbsp;。</p>\n', encoding="utf-8")
    doc = read(path)
    assert doc.format == "txt" and "removed HTML markup" in doc.notes
    assert [s.text for s in doc.sentences] == ["太原市职业教育集团揭牌", "12月26日,太原市职业教育集团揭牌成立。",
                                               "集团校代表致辞 。"]
    # a text's own angle brackets are no markup
    plain = tmp_path / "abstract.txt"
    plain.write_text("<正>哈尔滨新区教育局积极践行区域治理新模式。<p>是段落标签的写法。\n", encoding="utf-8")
    assert read(plain).text == "<正>哈尔滨新区教育局积极践行区域治理新模式。<p>是段落标签的写法。"
