"""Turn bytes into text without ever being silently wrong about the encoding.

Order of evidence: a BOM; UTF-16 without BOM (NUL bytes in alternate columns);
strict UTF-8 (valid UTF-8 Chinese is never GBK by accident, so it beats a stale
meta tag); an HTML ``<meta charset>``; then charset-normalizer's guess among
the encodings Chinese documents use. Every candidate is decoded *strictly* and
checked for sanity (no replacement or control characters, a plausible share of
CJK characters); GBK/GB2312 are read as their superset GB18030.

>>> decode_bytes("學區制".encode("big5"), "a.txt")
('學區制', 'big5')
>>> decode_bytes("\\ufeff学区".encode("utf-8"), "a.txt")
('学区', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import re

from eduminer.errors import Errors, InputError

# GBK and GB2312 are subsets of GB18030: decoding as the superset never loses characters
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "euc_cn": "gb18030",
             "x-gbk": "gb18030", "big5hkscs": "big5hkscs", "cp950": "big5", "big5": "big5"}
_CANDIDATES = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16"]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# runs, not characters: counting run lengths builds far fewer match objects
_CJK_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])
# the characters _CONTROL matches, as the bytes that encode them in UTF-8 (all ASCII)
_CONTROL_CHAR_BYTES = bytes([*range(0, 9), 0x0B, *range(0x0E, 0x20), 0x7F])


def canonical(name: str) -> str:
    """Canonical Python name of an encoding, with GBK/GB2312 widened to GB18030.

    >>> canonical("GB2312"), canonical("utf8"), canonical("Big5")
    ('gb18030', 'utf-8', 'big5')
    """
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return ""
    name = _SUPERSET.get(name.replace("-", "_"), name)
    return name.replace("_", "-") if name.startswith("utf") else name


def is_sane(text: str, strict_cjk: bool) -> bool:
    """True when decoded text looks like a real document.

    No replacement characters, almost no control characters and, for legacy
    multi-byte encodings (``strict_cjk``), at least a fifth of the letters CJK —
    which is what a wrong guess between GB18030 and Big5 usually fails.
    """
    return _sane(text, strict_cjk)


_SAMPLE = 20000  # characters of a text that is_sane looks at


def _sane(text: str, strict_cjk: bool, utf8: bytes | None = None, controls: int | None = None,
          encoding: str = "") -> bool:
    """``is_sane``; ``utf8``: the UTF-8 bytes of the text's first _SAMPLE characters, when
    known; ``controls``: the number of those bytes in _CONTROL_CHAR_BYTES, when known;
    ``encoding``: the legacy encoding the text was decoded from, if any (see _mostly_common)."""
    if "\ufffd" in text:
        return False
    sample = text[:_SAMPLE]
    if controls is None:
        # count _CONTROL's characters as bytes: in UTF-8 an ASCII byte is always an ASCII
        # character, and bytes.translate deletes at C speed where a regex tests each character
        encoded = sample.encode("utf-8", "surrogatepass") if utf8 is None else utf8
        controls = len(encoded) - len(encoded.translate(None, _CONTROL_CHAR_BYTES))
    if controls > max(2, len(sample) // 1000):
        return False
    if strict_cjk:
        cjk = sum(map(len, _CJK_RUNS.findall(sample)))
        # there are no more letters than characters: when a fifth of the characters are CJK,
        # so are a fifth of the letters, which need not be counted (the slower regex)
        if cjk * 5 < len(sample):
            letters = sum(map(len, _LETTER_RUNS.findall(sample)))
            if letters and cjk / letters < 0.2 and not _mostly_common(sample, encoding):
                return False
    return True


# the block of an encoding's everyday characters, by lead byte: GB2312 level 1 (3,755 characters),
# Big5's 常用字 (5,401)
_COMMON_LEAD = {"gb18030": ("gb2312", 0xB0, 0xD7), "big5": ("big5", 0xA4, 0xC6), "big5hkscs": ("big5", 0xA4, 0xC6)}


def _mostly_common(sample: str, encoding: str) -> bool:
    """Whether the CJK characters of ``sample`` (at least 30) are mostly everyday characters of
    ``encoding``: a Chinese text with a long English part (a bilingual abstract) then decodes,
    while bytes of another encoding, which land on rare characters, still do not.

    >>> text = "为进一步推进义务教育均衡发展,学校联盟办学。" * 2 + " In order to promote the balanced development." * 20
    >>> _mostly_common(text, "gb18030"), _mostly_common(text.encode("gb18030").decode("big5", "replace"), "big5")
    (True, False)
    """
    lead = _COMMON_LEAD.get(encoding)
    if lead is None:
        return False
    codec, low, high = lead
    chars = [c for run in _CJK_RUNS.findall(sample) for c in run][:2000]
    if len(chars) < 30:
        return False
    common = 0
    for c in chars:
        try:
            first = c.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        common += low <= first <= high
    return common >= 0.8 * len(chars)


def _try(data: bytes, encoding: str, strict_cjk: bool, controls: int | None = None) -> str | None:
    """The text when ``data`` decodes sanely; ``controls``: the number of the data's bytes in
    _CONTROL_CHAR_BYTES, when known."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    # strict UTF-8 decoding is one-to-one: a short text's UTF-8 bytes are the data itself
    utf8 = data if encoding == "utf-8" and len(text) <= _SAMPLE else None
    return text if _sane(text, strict_cjk, utf8, controls if utf8 is not None else None, encoding) else None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB, and not UTF-16."""
    head = data[:8192]
    return not _utf16_without_bom(head) and _binary_head(head)


def _binary_head(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 100 + 2


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) < 4 or b"\x00" not in head:  # no NUL, no UTF-16 (most files: skip the slicing)
        return None
    even, odd = head[0::2], head[1::2]
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if 0 in head:
        # CJK text in UTF-16 has NULs only around ASCII (line breaks, digits):
        # accept the byte order that decodes to sane, mostly-CJK text
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                sample = head[: len(head) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                continue
            if is_sane(sample, strict_cjk=True) and len(_CJK.findall(sample)) > len(sample) // 2:
                return enc
    return None


def _only_legacy_candidate(data: bytes, tried: list[str], decoded: dict[str, str | None]) -> tuple[str, str] | None:
    """The decoding when exactly one of charset-normalizer's possible answers decodes
    sanely and it is GB18030 or Big5, else None (``decoded`` keeps every attempt).

    charset-normalizer's guess (one of ``_CANDIDATES`` or none) is tried first, then
    GB18030, then Big5: when GB18030 (or Big5) is the only candidate that decodes,
    that order ends there whatever the guess was, so the guess need not be made.
    """
    sane: list[str] = []
    for enc in ("gb18030", "big5", "big5hkscs", "utf-16"):
        if enc in tried:  # failed already, as strictly or more
            continue
        decoded[enc] = _try(data, enc, strict_cjk=True)
        if decoded[enc] is not None:
            sane.append(enc)
            if len(sane) > 1:
                return None
    if len(sane) == 1 and sane[0] in ("gb18030", "big5"):
        return decoded[sane[0]], sane[0]
    return None


def decode_bytes(data: bytes, path: str, html: bool = False) -> tuple[str, str]:
    """Decode ``data`` (the bytes of the file at ``path``); returns ``(text, encoding)``.

    Raises ``InputError`` (E008 empty, E009 binary, E004 undecodable).
    """
    if not data or data.isspace():  # not data.strip(), without copying the data
        raise InputError(Errors.E008, path=path)
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            text = _try(data, enc, strict_cjk=False)
            if text is None:
                raise InputError(Errors.E004, path=path, tried=f"{enc} (from its byte-order mark)")
            return text.lstrip("\ufeff"), enc
    head = data[:8192]
    # the control bytes, counted once: a head without any is not binary (_CONTROL_BYTES are
    # some of them), and the UTF-8 test of a short text, whose bytes are the data, needs no
    # count of its own (the data of one is at most 4 bytes a character)
    counted = data if len(data) <= 4 * _SAMPLE else head
    controls = len(counted) - len(counted.translate(None, _CONTROL_CHAR_BYTES))
    utf16 = _utf16_without_bom(head)
    if utf16:
        text = _try(data, utf16, strict_cjk=False)
        if text is not None:
            return text, utf16
    elif controls and _binary_head(head):  # looks_binary(data), without finding utf16 again
        raise InputError(Errors.E009, path=path)
    tried: list[str] = ["utf-8"]
    # valid UTF-8 with Chinese in it is never GBK or Big5 by accident: it wins even
    # over a (stale) meta charset, which is then only needed to tell GB from Big5
    text = _try(data, "utf-8", strict_cjk=False, controls=controls if counted is data else None)
    if text is not None:
        return text, "utf-8"
    if html:
        m = _META_CHARSET.search(data[:4096])
        declared = canonical(m.group(1).decode("ascii", "ignore")) if m else ""
        if declared:
            tried.append(declared)
            text = _try(data, declared, strict_cjk=not declared.startswith("utf"))
            if text is not None:
                return text, declared
    decoded: dict[str, str | None] = {}
    sure = _only_legacy_candidate(data, tried, decoded)
    if sure is not None:
        return sure
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    guesses = [canonical(best.encoding)] if best is not None else []
    for enc in guesses + ["gb18030", "big5"]:
        if not enc or enc in tried:
            continue
        tried.append(enc)
        text = decoded[enc] if enc in decoded else _try(data, enc, strict_cjk=True)
        if text is not None:
            return text, enc
    raise InputError(Errors.E004, path=path, tried=", ".join(tried))
