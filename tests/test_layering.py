"""The package is layered: no module imports from a later stage (see eduminer/__init__.py)."""

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "eduminer"
LAYER = {
    "errors": 0, "records": 0, "datafiles": 0,
    "corpus": 1, "taxonomy": 1,
    "extract": 2,
    "workspace": 3,
    "graph": 4, "export": 4,
    "batch": 5,
    "cli": 6, "__main__": 6,
}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "eduminer" else None


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


MODULES = sorted(p for p in PKG.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_no_import_from_a_later_stage(path):
    rel = path.relative_to(PKG)
    own = rel.parts[0].removesuffix(".py")
    if own == "__init__":
        return
    assert own in LAYER, f"add {own!r} to the layer table"
    for lineno, module in _imports(path):
        stage = _stage(module)
        if stage is None or stage == own:
            continue
        assert LAYER.get(stage, 99) <= LAYER[own], (
            f"{rel}:{lineno} imports {module} (layer {LAYER.get(stage)}) from layer {LAYER[own]}"
        )


def test_layering_detects_violation(tmp_path):
    # the check itself must be able to fail
    bad = tmp_path / "bad.py"
    bad.write_text("from eduminer.workspace import store\n", encoding="utf-8")
    assert [m for _, m in _imports(bad)] == ["eduminer.workspace"]
    assert LAYER[_stage("eduminer.workspace")] > LAYER["corpus"]
