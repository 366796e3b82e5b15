"""Kill -9 and Ctrl-C in the middle of `eduminer run --workers 2`, for real; then resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eduminer.batch import run
from tests.batch.conftest import generate, measures_table, stored_documents

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    """A few hundred documents: long enough to be stopped half-way."""
    folder = tmp_path_factory.mktemp("big") / "corpus"
    generate(folder, docs=150, seed=7, formats=("txt", "gbk", "big5"))
    return folder


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory, big_corpus) -> list[tuple]:
    db = tmp_path_factory.mktemp("uninterrupted") / "w.db"
    run([big_corpus], db=db, workers=2, quiet=True)
    return measures_table(db)


def _start(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "eduminer", "run", str(corpus), "--db", str(db), "--workers", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)  # its own process group: the signal reaches the workers too, as in a terminal


def _wait_for_documents(proc: subprocess.Popen, db: Path, at_least: int) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"run ended before it could be interrupted: {proc.stderr.read()}")
        n = stored_documents(db) if db.exists() else 0
        if n >= at_least:
            return n
        time.sleep(0.05)
    pytest.fail("no documents stored within 60 s")


def test_kill_9_then_rerun_gives_the_same_measures(tmp_path, big_corpus, uninterrupted):
    db = tmp_path / "w.db"
    proc = _start(big_corpus, db)
    _wait_for_documents(proc, db, at_least=10)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    partial = stored_documents(db)
    assert 10 <= partial < 150
    resumed = run([big_corpus], db=db, workers=2, quiet=True)
    assert resumed.skipped >= partial  # what was stored before the kill is not read again
    assert measures_table(db) == uninterrupted


def test_ctrl_c_exits_130_with_a_resume_hint_then_resumes(tmp_path, big_corpus, uninterrupted):
    db = tmp_path / "w.db"
    proc = _start(big_corpus, db)
    _wait_for_documents(proc, db, at_least=10)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    n = stored_documents(db)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == (
        f"[E605] interrupted; {n} documents stored; rerun the same command to resume")
    assert "Traceback" not in err
    again = subprocess.run(
        [sys.executable, "-m", "eduminer", "run", str(big_corpus), "--db", str(db), "--workers", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert measures_table(db) == uninterrupted
