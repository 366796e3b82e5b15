"""Every kind of bad input gives one clear error naming the file; the batch goes on."""

from __future__ import annotations

import pytest

from eduminer.corpus import read, read_all
from eduminer.errors import InputError

GOOD = "上海市普陀区教育局关于推进学区化办学的通知\n推进紧密型学区建设，实行教师交流轮岗。"


def _bad_files(tmp_path, pdf_without_text, docx_with_table):
    files = {}
    files["empty.txt"] = tmp_path / "empty.txt"
    files["empty.txt"].write_bytes(b"")
    files["blank.txt"] = tmp_path / "blank.txt"
    files["blank.txt"].write_bytes(b" \n\r\n\t")
    files["junk.txt"] = tmp_path / "junk.txt"
    files["junk.txt"].write_bytes(bytes(range(256)) * 8)
    files["undecodable.txt"] = tmp_path / "undecodable.txt"
    files["undecodable.txt"].write_bytes(b"\x80\x81\xfa\xff\xfe" * 3 + "学区".encode("utf-8") + b"\x80\xff" * 20)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(docx_with_table.read_bytes()[:2000])
    files["truncated.docx"] = truncated
    files["scan.pdf"] = pdf_without_text
    files["broken.pdf"] = tmp_path / "broken.pdf"
    files["broken.pdf"].write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF garbage")
    files["nobody.html"] = tmp_path / "nobody.html"
    files["nobody.html"].write_text(
        "<html><head><title>x</title><script>var a=1;</script></head><body><nav>首页</nav></body></html>", encoding="utf-8")
    files["chrome.html"] = tmp_path / "chrome.html"
    files["chrome.html"].write_text(
        "<html><body><p>您现在的位置：首页 > 正文</p><p>【打印】【关闭窗口】</p><p>版权所有：某某区教育局</p></body></html>",
        encoding="utf-8")
    files["image.png"] = tmp_path / "image.png"
    files["image.png"].write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x01" * 100)
    return files


EXPECTED = {
    "empty.txt": "[E008] {p}: the file is empty.",
    "blank.txt": "[E008] {p}: the file is empty.",
    "junk.txt": "[E009] {p}: the file looks binary, not a document.",
    "undecodable.txt": "[E004] {p}: could not decode the text (tried utf-8, ",
    "truncated.docx": "[E006] {p}: the .docx file is damaged or truncated (",
    "scan.pdf": "[E005] {p}: the PDF has no text layer (scanned image?). Run OCR first (e.g. ocrmypdf) and retry.",
    "broken.pdf": "[E001] {p}: cannot read document: damaged PDF (",
    "nobody.html": "[E011] {p}: this HTML page has no body text (only navigation or scripts).",
    "chrome.html": "[E011] {p}: this HTML page has no body text (only navigation or scripts).",
    "image.png": "[E003] {p}: unsupported file type '.png'; skipped. Supported: .txt .html .htm .docx .pdf",
}


def test_each_bad_file_raises_one_clear_error(tmp_path, pdf_without_text, docx_with_table):
    for name, path in _bad_files(tmp_path, pdf_without_text, docx_with_table).items():
        with pytest.raises(InputError) as e:
            read(path)
        assert str(e.value).startswith(EXPECTED[name].format(p=path)), (name, str(e.value))
        assert str(path) in str(e.value)
        assert "\n" not in str(e.value)


def test_missing_path():
    with pytest.raises(InputError) as e:
        read("no/such/file.txt")
    assert str(e.value) == "[E002] no/such/file.txt: no such file or directory. Check the path, or quote names with spaces."


def test_batch_goes_on_and_reports_each_failure(tmp_path, pdf_without_text, docx_with_table):
    bad = _bad_files(tmp_path, pdf_without_text, docx_with_table)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    failures = []
    docs = list(read_all([tmp_path, tmp_path / "missing.txt"], on_error=failures.append))
    assert [d.doc for d in docs] == ["good.txt", "plan.docx"]
    assert sorted(f.path.rsplit("/", 1)[-1] for f in failures) == sorted(list(bad) + ["missing.txt"])
    assert all(f.reason.startswith(f"[{f.code}] ") for f in failures)


def test_document_path_is_the_resolved_path(tmp_path, monkeypatch):
    # read() resolves the path itself where no component is a link; realpath otherwise
    import os

    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path / "d", tmp_path / "link")
    os.symlink("a.txt", tmp_path / "d" / "b.txt")
    monkeypatch.chdir(tmp_path / "d")
    for path in ["a.txt", "./a.txt", tmp_path / "d" / "a.txt", tmp_path / "link" / "a.txt", "b.txt",
                 tmp_path / "link" / ".." / "d" / "b.txt", str(tmp_path / "d") + "//a.txt"]:
        assert read(path).path == str(__import__("pathlib").Path(path).resolve()), path
