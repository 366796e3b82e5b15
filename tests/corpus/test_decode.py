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
