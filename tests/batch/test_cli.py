"""`eduminer run` (the batch engine behind it): summary, options, failures, exit codes."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from eduminer.cli import main
from tests.batch.conftest import measures_table


def test_run_prints_summary_time_and_manifest(tmp_path, small_corpus, reference_db):
    db = tmp_path / "w.db"
    res = CliRunner().invoke(main, ["run", str(small_corpus), "--db", str(db), "--workers", "2"])
    assert res.exit_code == 0, res.output
    n_measures = len(measures_table(reference_db))
    lines = res.stdout.splitlines()
    assert lines[0] == "Files: 30 seen, 30 read, 0 unchanged, 0 re-coded, 0 removed, 0 failed."
    assert re.fullmatch(rf"Workspace {re.escape(str(db))}: 30 documents, {n_measures} measures, \d+ regions\.",
                        lines[1])
    assert re.fullmatch(r"Time: \d+\.\d s, \d+\.\d files/s, \d+\.\d\d MB/s \(local engine, 2 workers\)\.", lines[2])
    assert lines[3] == f"Manifest: {db}.manifest.json"
    assert lines[4] == f"Next: eduminer search QUERY --db {db}; eduminer export --db {db} --format xlsx -o measures.xlsx"
    assert len(lines) == 5 and res.stderr == ""  # no progress bar when stderr is not a terminal
    assert json.loads((tmp_path / "w.db.manifest.json").read_text(encoding="utf-8"))["workers"] == 2
    again = CliRunner().invoke(main, ["run", str(small_corpus), "--db", str(db), "--workers", "2", "--quiet"])
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


def test_failed_files_are_reported_and_exit_1_after_the_batch(tmp_path, small_corpus):
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    db = tmp_path / "w.db"
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(db), "--workers", "2", "--quiet"])
    assert res.exit_code == 1
    assert res.stdout == ""
    [line] = res.stderr.splitlines()
    assert re.fullmatch(rf"Error: \[E\d+\] {re.escape(str(corpus / 'empty.txt'))}: .+", line)
    assert len(measures_table(db)) > 0  # the other 30 files were stored


def test_bad_options_are_usage_errors(tmp_path, small_corpus):
    res = CliRunner().invoke(main, ["run", str(small_corpus), "--db", str(tmp_path / "w.db"), "--workers", "0"])
    assert res.exit_code == 2 and "Invalid value for '--workers'" in res.stderr
    res = CliRunner().invoke(main, ["run", str(small_corpus), "--db", str(tmp_path / "w.db"), "--engine", "spark"])
    assert res.exit_code == 2 and "Invalid value for '--engine'" in res.stderr
    assert not (tmp_path / "w.db").exists()


def test_unreachable_scheduler_is_one_error_line(tmp_path, small_corpus):
    dask = pytest.importorskip("dask")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        res = CliRunner().invoke(main, ["run", str(small_corpus), "--db", str(tmp_path / "w.db"), "--engine", "dask",
                                        "--scheduler", "tcp://127.0.0.1:1"])
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: [E604] cannot reach the Dask scheduler at 'tcp://127.0.0.1:1' (")
    assert res.stderr.rstrip().endswith("or omit --scheduler for a local cluster.")
    assert not (tmp_path / "w.db").exists()
