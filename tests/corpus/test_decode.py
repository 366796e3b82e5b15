"""Decoding: the binary and sanity tests count control bytes once, to the same verdicts."""

from __future__ import annotations

import random

import pytest

from eduminer.corpus.decode import _SAMPLE, decode_bytes, is_sane, looks_binary
from eduminer.errors import InputError


def _verdict(data: bytes):
    """What decode_bytes says of BOM-less data without NUL bytes, as its tests read: binary,
    UTF-8 (and the text), or another encoding."""
    if looks_binary(data):
        return "binary"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "other"
    return ("utf-8", text) if is_sane(text, strict_cjk=False) else "other"


@pytest.mark.parametrize("size", [10, 3000, 8191, 8192, 8193, 20000, 4 * _SAMPLE - 3, 4 * _SAMPLE + 9, 100000])
def test_control_bytes_counted_once_give_the_same_verdicts(size):
    rng = random.Random(size)
    cjk = "学区制改革教师交流".encode("utf-8")
    for _ in range(15):
        chunks = []
        while sum(map(len, chunks)) < size:
            kind = rng.random()
            if kind < 0.6:
                chunks.append(cjk[: 3 * rng.randint(1, 9)])
            elif kind < 0.99:
                chunks.append(b"ab 1\n\r\t"[: rng.randint(1, 7)])
            else:
                chunks.append(bytes([rng.choice([1, 8, 0x0B, 0x0C, 0x0E, 0x1F, 0x7F])]) * rng.randint(1, 3))
        data = b"".join(chunks)
        # controls at the very end too, beyond the head, and around the sample's end
        if rng.random() < 0.3:
            data += b"\x01" * rng.randint(1, 30)
        verdict = _verdict(data)
        if verdict == "other" and len(data) > 9000:
            continue  # charset-normalizer's guess, slow on long data, is none of this test's business
        try:
            got = decode_bytes(data, "x.txt")
        except InputError as e:
            assert (verdict == "binary") == (e.code == "E009"), e
            assert not isinstance(verdict, tuple)
            continue
        assert verdict != "binary"
        if isinstance(verdict, tuple):
            assert got == (verdict[1], "utf-8")
        else:
            assert got[1] != "utf-8"


BILINGUAL = ("为进一步推进义务教育均衡发展,日前临河区教育局按照发展需要与自愿联盟的原则,让相对优质的学校与薄弱学校结对帮扶,"
             "实现了学校联盟办学。\n" + "In order to further promote the balanced development of compulsory education, "
             "the district education bureau paired high-quality schools with weak schools. " * 12)


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_a_chinese_text_with_a_long_english_part_decodes_in_a_legacy_encoding(encoding):
    # dev set d195 in GBK, a paper's abstract in Chinese and English: English letters outnumber
    # the Chinese characters five to one, yet these are everyday characters of the encoding
    text = BILINGUAL if encoding == "gb18030" else BILINGUAL.replace("为进一步推进义务教育均衡发展", "為進一步推進義務教育均衡發展")
    if encoding == "big5":
        text = text.replace("日前临河区教育局按照发展需要与自愿联盟的原则,让相对优质的学校与薄弱学校结对帮扶,实现了学校联盟办学",
                            "日前臨河區教育局按照發展需要與自願聯盟的原則,讓相對優質的學校與薄弱學校結對幫扶,實現了學校聯盟辦學")
    assert decode_bytes(text.encode(encoding), "a.txt") == (text, encoding)


def test_a_western_text_in_a_legacy_encoding_is_still_not_read_as_chinese():
    german = "Ökonomische Förderung für Schüler, Übergänge und Qualität der Schulen. " * 40
    with pytest.raises(InputError) as e:
        decode_bytes(german.encode("cp1252"), "a.txt")
    assert e.value.code == "E004"
