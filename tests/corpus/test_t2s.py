"""``to_simplified`` skips OpenCC for a text in which none of the dictionary entries listed
in ``data/t2s_changes.txt`` can be found: the list must be the one of the installed
dictionaries, and every such text must convert to itself.

After an OpenCC upgrade (the fingerprint test fails, and every text is converted: slower,
never wrong), remake the list with ``python tests/corpus/test_t2s.py``, which needs the
``opencc_dict`` tool that the opencc wheel ships.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduminer.corpus.datafiles import data_path
from eduminer.corpus.normalize import (T2S_CHANGES, _changes, converter, opencc_fingerprint,
                                       read_t2s_changes, to_simplified)

HEADER = """\
# The entries of OpenCC's t2s dictionaries whose (first) value differs from their key, as
# "key value": OpenCC leaves a text in which none of these keys is found as it is
# (eduminer/corpus/normalize.py, T2SChanges). Made from the dictionaries with the
# fingerprint below by `python tests/corpus/test_t2s.py`.
"""


def _opencc_dict_tool() -> str | None:
    import opencc

    shipped = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    return str(shipped) if shipped.is_file() else shutil.which("opencc_dict")


def _dictionary_files(config: str) -> list[str]:
    def files(node):
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                yield node["file"]
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                yield from files(item)

    with open(config, encoding="utf-8") as fh:
        return [os.path.join(os.path.dirname(config), name) for name in files(json.load(fh))]


def _entries(config: str, tool: str, workdir: Path) -> list[tuple[str, list[str]]]:
    """``(key, values)`` of every entry of every dictionary the configuration names."""
    out = []
    for k, path in enumerate(_dictionary_files(config)):
        dump = workdir / f"{k}.txt"
        fmt = Path(path).suffix.lstrip(".")
        subprocess.run([tool, "-i", path, "-o", str(dump), "-f", fmt, "-t", "text"], check=True,
                       capture_output=True)
        for line in dump.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            out.append((key, values.split(" ")))
    return out


def changing_entries(entries: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    """``(key, first value)`` of the entries whose first value (the one OpenCC uses) differs."""
    return sorted({(key, values[0]) for key, values in entries if values[0] != key})


def write(path: Path) -> None:
    tool = _opencc_dict_tool()
    if tool is None:
        sys.exit("opencc_dict not found (it ships with the opencc wheel)")
    import tempfile

    config = converter().config
    with tempfile.TemporaryDirectory() as tmp:
        changing = changing_entries(_entries(config, tool, Path(tmp)))
    assert all(" " not in key + value and key and value for key, value in changing)
    path.write_text(HEADER + f"fingerprint: {opencc_fingerprint(config)}\n"
                    + "".join(f"{key} {value}\n" for key, value in changing), encoding="utf-8")


def _recorded() -> tuple[str, str]:
    return read_t2s_changes(data_path(T2S_CHANGES))


def test_the_list_was_made_from_the_installed_dictionaries():
    fingerprint, _ = _recorded()
    assert fingerprint == opencc_fingerprint(converter().config), \
        "OpenCC's dictionaries changed: remake the list with `python tests/corpus/test_t2s.py`"
    assert _changes() is not None


def test_the_list_holds_the_changing_entries_of_the_dictionaries(tmp_path):
    tool = _opencc_dict_tool()
    if tool is None:
        pytest.skip("opencc_dict not available")
    _, entries = _recorded()
    assert sorted(entries) == changing_entries(_entries(converter().config, tool, tmp_path))


def test_every_character_not_changed_on_its_own_converts_to_itself():
    from eduminer.corpus.normalize import _FOLD_CHARS, _WIDTH

    _, entries = _recorded()
    changed = {key for key, _ in entries if len(key) == 1}
    others = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and chr(c) not in changed]
    text = "\n".join(others)
    assert converter().convert(text) == text
    # of them the scan finds the characters folded or widened (「」『』 aside, since no key holds
    # the quotes they become) and those of the phrases only
    assert not any(q in key for key, _ in entries for q in "“”‘’")
    folded = set(_FOLD_CHARS) | set(map(chr, _WIDTH)) - set("「」『』")
    changes = _changes()
    bmp = "".join(c for c in others if c <= "\uffff")
    assert {m.group() for m in changes.changeable.finditer(bmp)} == changes.phrase_chars | folded
    bmp = "".join(c for c in bmp if c not in folded)
    assert changes.leave(bmp) and to_simplified(bmp) is bmp  # none of the phrases is in it


def test_texts_of_keys_whose_value_is_the_key_convert_as_opencc_does(tmp_path):
    # 乾隆 → 乾隆, 覆 → 覆 (its other value 复 unused), 慰藉 → 慰藉: joined in many orders,
    # in pieces small enough for some to hold no changing key at all
    tool = _opencc_dict_tool()
    if tool is None:
        pytest.skip("opencc_dict not available")
    same = [key for key, values in _entries(converter().config, tool, tmp_path) if values[0] == key]
    left = 0
    for step in (1, 7, 31):
        text = "".join(same[::step] + same[::-step])
        for size in (3, 10, 40, len(text)):
            for piece in (text[i:i + size] for i in range(0, len(text), size)):
                assert to_simplified(piece) == converter().convert(piece)
                left += _changes().leave(piece)
    assert left > 0  # the fast path was taken too


def test_a_phrase_is_found_around_each_of_its_characters():
    changes = _changes()
    for text in ["回覆", "函覆来信", "覆盖全区，答覆", "全覆盖" * 50 + "反覆", "深沈" + "。" * 20, "覆盖" * 30]:
        assert to_simplified(text) == converter().convert(text)
    assert changes.leave("全面覆盖，深入人心") and not changes.leave("请予答覆")
    assert not changes.leave("覆盖\u3000全区") and not changes.leave("答覆盖")


CHARS = "學區制管理乾隆後著裏發髮干乾坏覆藉沈瞭么像学区后里发了借沉复回答函盖的一二年月日，。、“”「」\n \u3000ab1２"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(CHARS) | st.characters(), max_size=40))
def test_to_simplified_is_the_conversion(text):
    try:
        expected = converter().convert(text)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            to_simplified(text)
        return
    assert to_simplified(text) == expected


if __name__ == "__main__":
    write(data_path(T2S_CHANGES))
    print(f"wrote {data_path(T2S_CHANGES)}")
