import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "eval" / "gold" / "seeds.jsonl"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold_path() -> Path:
    if not GOLD.exists():
        pytest.skip("../shared/eval/gold/seeds.jsonl not present")
    return GOLD


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory):
    """Cache files (search's dictionary and cue index) go to a temporary folder, not the
    user's: the suite must not depend on, or leave behind, a cache."""
    folder = tmp_path_factory.mktemp("eduminer-cache")
    old = os.environ.get("EDUMINER_CACHE_DIR")
    os.environ["EDUMINER_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("EDUMINER_CACHE_DIR", None)
    else:
        os.environ["EDUMINER_CACHE_DIR"] = old
