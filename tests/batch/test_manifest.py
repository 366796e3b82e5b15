"""The run manifest helpers."""

from __future__ import annotations

import json

from eduminer.batch.manifest import data_file_hashes, inputs_digest, manifest_path, versions, write_manifest


def test_inputs_digest_changes_with_any_hash_or_status_but_not_order():
    a = [{"path": "/c/a.txt", "sha256": "11", "status": "ok"}, {"path": "/c/b.txt", "sha256": "22", "status": "ok"}]
    assert inputs_digest(a) == inputs_digest(list(reversed(a)))
    assert inputs_digest(a) != inputs_digest([a[0], {**a[1], "sha256": "23"}])
    assert inputs_digest(a) != inputs_digest([a[0], {**a[1], "status": "failed"}])


def test_versions_name_python_sqlite_and_missing_libraries():
    found = versions(("click", "surely-not-installed-xyz"))
    assert found["click"] and found["python"].count(".") == 2 and found["sqlite"]
    assert found["surely-not-installed-xyz"] == ""


def test_data_file_hashes_cover_the_shipped_data(tmp_path):
    hashes = data_file_hashes()
    assert hashes and all(len(h) == 64 for h in hashes.values())
    assert all(not k.endswith(".pyc") for k in hashes)


def test_manifest_goes_beside_the_db_unless_told_otherwise(tmp_path):
    assert manifest_path("x/eduminer.db").as_posix() == "x/eduminer.db.manifest.json"
    assert manifest_path("x/eduminer.db", tmp_path / "m.json") == tmp_path / "m.json"
    path = write_manifest({"a": "学区"}, tmp_path / "m.json")
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": "学区"}
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


def test_versions_read_from_the_header_lines_are_the_parsed_ones():
    from importlib import metadata

    from eduminer.batch.manifest import _version

    names = sorted({d.metadata["Name"] for d in metadata.distributions() if d.metadata["Name"]})
    assert len(names) > 20
    assert [n for n in names if _version(metadata.distribution(n)) != metadata.version(n)] == []


def test_a_folded_or_odd_version_header_goes_the_parsers_way():
    from eduminer.batch.manifest import _version

    class Fake:
        def __init__(self, text):
            self.text = text

        def read_text(self, name):
            return self.text if name == "METADATA" else None

        @property
        def version(self):
            return "parsed"

    assert _version(Fake("Metadata-Version: 2.1\nName: x\nVersion: 1.2.3\n\nVersion: 9\n")) == "1.2.3"
    assert _version(Fake("Metadata-Version: 2.1\nName: x\nVersion: 1.2\n .3\n")) == "parsed"
    assert _version(Fake("Metadata-Version: 2.1\nnot a header\nVersion: 1.2.3\n")) == "parsed"
    assert _version(Fake("Name: x\r\nversion:\t 2.0 \r\n")) == "2.0 "
