"""Readers for each file format; each returns the page's lines and its body lines.

- ``.txt``: decoded text (plain-text dumps of web pages are cleaned like HTML; a page's paragraph
  markup saved as text is read as its text);
- ``.html``/``.htm``: trafilatura's main content (bs4 text when it finds too little);
- ``.docx``: paragraphs and table rows in document order (python-docx);
- ``.pdf``: the text layer (pypdf).

Unknown extensions are sniffed: HTML by its tags, text by decoding it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache

from eduminer.corpus.decode import decode_bytes
from eduminer.errors import Errors, InputError

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html",
            ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|div|p)[\s>]", re.I)
_MIN_BODY = 200  # characters; less than this from trafilatura means it missed the article


@dataclass
class Extracted:
    format: str
    encoding: str
    page_lines: list[str]  # everything, for metadata boxes
    body_lines: list[str]  # the main content (before line rules)
    title: str = ""  # <h1>/<title> for web pages
    notes: list[str] = field(default_factory=list)


def sniff_format(path: str, data: bytes) -> str | None:
    """Format by extension, else by content: 'html', 'txt', 'pdf', 'docx' or None."""
    suffix = ("." + path.rsplit(".", 1)[-1].lower()) if "." in path.rsplit("/", 1)[-1] else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]:
        return "docx"
    if _HTML_SNIFF.search(data[:4096]):
        return "html"
    try:
        decode_bytes(data, path)
    except InputError:
        return None
    return "txt"


def extract(path: str, data: bytes, fmt: str) -> Extracted:
    """Dispatch to the reader for ``fmt``."""
    return {"txt": _text, "html": _html, "docx": _docx, "pdf": _pdf}[fmt](path, data)


# paragraph markup in a text file (a page's HTML copied into a .txt: 美篇, WeChat posts)
_TEXT_MARKUP = re.compile(r"<(?:/?(?:p|div|section|li|h[1-6]|span|strong)\b[^<>]{0,300}|br\s*/?)>", re.I)
_MIN_MARKUP = 3  # tags: fewer are a text's own angle brackets (<正>, <<…>>)
_BLOCKS = ("p", "div", "section", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr")


def _text(path: str, data: bytes) -> Extracted:
    text, encoding = decode_bytes(data, path)
    notes = []
    if len(_TEXT_MARKUP.findall(text, 0, 20000)) >= _MIN_MARKUP:
        text = _markup_to_text(text)
        notes.append("removed HTML markup")
    lines = text.splitlines()
    return Extracted("txt", encoding, lines, lines, notes=notes)


def _markup_to_text(text: str) -> str:
    r"""A text file holding HTML fragments as plain lines: a block element or a <br> ends a
    line, other tags go, entities are decoded (BeautifulSoup); the plain lines stay as they are.

    >>> _markup_to_text('标题\n<p class="ql-block"> 第一段。</p> <p>第二段&nbsp;。<br>第三段</p>')
    '标题\n 第一段。\n 第二段\xa0。\n第三段\n'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(_BLOCKS):
        block.append("\n")
    return soup.get_text()


_SCRIPTS = ("script", "style", "noscript", "template", "iframe")
_CHROME = ("head", "title", "nav", "header", "footer", "aside", "form", "button", "select")
_META_TITLE = re.compile("^(ArticleTitle|title)$", re.I)
_ASCII_SPACE_CHARS = " \n\t\f\r"  # BeautifulSoup's white space: a string of only these is blank


def _html(path: str, data: bytes) -> Extracted:
    html, encoding = decode_bytes(data, path, html=True)
    try:
        page = _LxmlPage(html)
    except Exception:  # noqa: BLE001 -- what lxml.html will not take, BeautifulSoup reads as before
        page = _SoupPage(html)
    page_text = page.text()
    title = page.title()
    notes: list[str] = []
    import trafilatura

    try:
        main = trafilatura.extract(html, options=_trafilatura_options()) or ""
    except Exception:  # a page trafilatura cannot parse still has the page text
        main = ""
    if len(main.strip()) < min(_MIN_BODY, len(page_text.strip()) // 4):
        # trafilatura missed the article (short pages, odd layouts): use all text minus chrome tags
        page.drop(_CHROME)
        main = page.text()
        notes.append("main-content extraction found too little; used the whole page text")
    body_lines = main.splitlines()
    if not any(line.strip() for line in body_lines):
        raise InputError(Errors.E011, path=path)
    return Extracted("html", encoding, page_text.splitlines(), _with_heading(title, body_lines), title, notes)


def _with_heading(title: str, body_lines: list[str]) -> list[str]:
    """``body_lines`` led by the page's heading when the main-content extraction left it
    out: the heading is part of the document (a text file has it as its first line), and a
    heading can state a measure (学区2023年工作总结, 某县教育集团揭牌成立).

    >>> _with_heading("印江设立乡镇学区办", ["日前，印江自治县设立乡镇学区办。"])
    ['印江设立乡镇学区办', '日前，印江自治县设立乡镇学区办。']
    >>> _with_heading("人民网", ["日前，印江自治县设立乡镇学区办。"])
    ['日前，印江自治县设立乡镇学区办。']
    """
    from eduminer.corpus.metadata import is_page_title

    heading = " ".join(title.split())
    if not heading or not is_page_title(heading):
        return body_lines
    wanted = "".join(heading.split()).rstrip("。.")
    if any("".join(line.split()).rstrip("。.") == wanted for line in body_lines[:5]):
        return body_lines  # the extraction kept it
    return [heading, *body_lines]


@lru_cache(maxsize=1)
def _trafilatura_options():
    """What ``trafilatura.extract(html, include_comments=False, include_tables=True,
    favor_recall=True, deduplicate=False)`` builds on every call, built once: reading the
    settings from its ConfigParser was a tenth of the time spent in trafilatura.
    trafilatura shares an Extractor safely (it copies one before changing it); its date
    settings, fixed here at the first call, only serve metadata extraction, which is off."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="txt", fast=False, precision=False, recall=True, comments=False,
                     formatting=None, links=False, images=False, tables=True, dedup=False)


class _LxmlPage:
    """The page as an lxml tree: its text is every text node joined by new lines, as
    BeautifulSoup's ``get_text("\\n")`` gives it, at a fraction of the cost (bs4 builds
    a Python object per node; this was ~40% of reading a page). Tested equal to
    :class:`_SoupPage` on hand-made tricky pages (tests/corpus/test_formats.py), and the
    Documents read from 500 generated pages equal. Only white space after ``</html>``,
    which libxml2 may drop, can differ; nothing read from the page depends on it."""

    def __init__(self, html: str):
        import lxml.html

        parser = lxml.html.HTMLParser(encoding="utf-8")
        self.root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
        if next(self.root.iter("pre", "textarea"), None) is not None:
            raise ValueError("white space is kept inside pre/textarea: read with BeautifulSoup")
        self.drop(_SCRIPTS)

    def drop(self, tags) -> None:
        for element in list(self.root.iter(*tags)):
            # emptied, not removed: the text after it stays a string of its own, as
            # BeautifulSoup's decompose() leaves it
            element.clear(keep_tail=True)

    def text(self) -> str:
        # BeautifulSoup turns a string of ASCII white space into one new line (if it holds
        # one) or one space
        return "\n".join(t if t.strip(_ASCII_SPACE_CHARS) else ("\n" if "\n" in t else " ")
                         for t in self.root.itertext())

    def title(self) -> str:
        h1 = next(self.root.iter("h1"), None)
        if h1 is not None:
            title = " ".join(t.strip() for t in h1.itertext() if t.strip())
            if title:
                return title
        for meta in self.root.iter("meta"):
            if _META_TITLE.search(meta.get("name", "")) and meta.get("content", "").strip():
                return meta.get("content").strip()
            if _META_TITLE.search(meta.get("name", "")):
                break  # the first such meta decides, as with BeautifulSoup's find()
        element = next(self.root.iter("title"), None)
        if element is not None and len(element) == 0 and element.text:
            from eduminer.corpus.metadata import clean_title

            return clean_title(element.text)  # "… - 重庆市南岸区人民政府" is the site, not the title
        return ""


class _SoupPage:
    """The same as :class:`_LxmlPage` with BeautifulSoup, for pages lxml.html refuses."""

    def __init__(self, html: str):
        from bs4 import BeautifulSoup

        self.soup = BeautifulSoup(html, "lxml")
        self.drop(_SCRIPTS)

    def drop(self, tags) -> None:
        for tag in self.soup(list(tags)):
            tag.decompose()

    def text(self) -> str:
        return self.soup.get_text("\n")

    def title(self) -> str:
        h1 = self.soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 is not None else ""
        meta_title = self.soup.find("meta", attrs={"name": _META_TITLE})
        if not title and meta_title is not None and meta_title.get("content"):
            title = meta_title["content"].strip()
        if not title and self.soup.title is not None and self.soup.title.string:
            from eduminer.corpus.metadata import clean_title

            title = clean_title(self.soup.title.string)
        return title


def _docx(path: str, data: bytes) -> Extracted:
    import io

    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise InputError(Errors.E006, path=path, reason=type(e).__name__ + (f": {e}" if str(e) else "")) from e
    except Exception as e:  # lxml parse errors and friends from a damaged package
        raise InputError(Errors.E006, path=path, reason=type(e).__name__) from e
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    lines.append(" ".join(cells))
    return Extracted("docx", "binary", lines, lines)


def _pdf(path: str, data: bytes) -> Extracted:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter is not the user's problem
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as e:
                raise InputError(Errors.E001, path=path, reason="the PDF is password-protected") from e
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except PdfReadError as e:
        raise InputError(Errors.E001, path=path, reason=f"damaged PDF ({e})") from e
    except Exception as e:  # pypdf raises many types on malformed files; none may stop a batch
        raise InputError(Errors.E001, path=path, reason=f"damaged PDF ({type(e).__name__})") from e
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 2:
        raise InputError(Errors.E005, path=path)
    lines = reflow(text.splitlines())
    return Extracted("pdf", "binary", lines, lines)


# a line ending in these ends a sentence (a closing quote or bracket only after one: 。” ,
# while “效率优先、兼顾公平” or (国发〔2016〕40号) may break anywhere in a sentence)
_TERMINAL = ("。", "！", "？", "；", "：", ":", "!", "?", ";", "。”", "！”", "？”", "。）", "。)")


def reflow(lines: list[str]) -> list[str]:
    """Join PDF lines that the page width broke inside a paragraph.

    A line continues the previous one when the previous line (as printed, not as
    joined so far) is long (≥ 20 characters and near the page's longest), ends
    without sentence punctuation, and the line is no heading, date, signature or
    document number of its own (a number inside a sentence, 《…》(国发〔2016〕40号)和…,
    does not stop it).

    >>> reflow(["推进紧密型学区建设，实行教师交流轮岗，完善学区内", "统筹机制。", "一、总体要求"])
    ['推进紧密型学区建设，实行教师交流轮岗，完善学区内统筹机制。', '一、总体要求']
    >>> reflow(["为贯彻落实《国务院关于统筹推进义务教育改革的若干意见》(", "国发〔2016〕40号)精神,制定本方案。",
    ...         "关于落实好新增城乡教育共同体结对学校校区一千五百家任务的", "通知", "时间:2021-09-13"])[:2]
    ['为贯彻落实《国务院关于统筹推进义务教育改革的若干意见》(国发〔2016〕40号)精神,制定本方案。', '关于落实好新增城乡教育共同体结对学校校区一千五百家任务的通知']
    """
    from eduminer.corpus.metadata import doc_number, is_date_line, is_org_line
    from eduminer.corpus.structure import heading_of

    stripped = [line.strip() for line in lines if line.strip()]
    lengths = sorted(len(line) for line in stripped)
    # a wrapped line fills the page width: near the longest lines of the page
    full = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out: list[str] = []
    printed = ""  # the previous line as printed
    for line in stripped:
        number = doc_number(line)
        if (len(printed) >= max(20, 0.85 * full) and not printed.endswith(_TERMINAL) and heading_of(line) is None
                and not is_date_line(line) and not (number and len(line) <= len(number) + 4)
                and not is_org_line(line)):
            out[-1] += line
        else:
            out.append(line)
        printed = line
    return out
