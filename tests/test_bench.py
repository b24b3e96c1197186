"""The benchmarks in bench/ still import what they use (they are run by hand, not by the tests)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def symproof_names(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every `from symproof... import name` in the script, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and node.module and node.module.split(".")[0] == "symproof" for alias in node.names]


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_a_benchmark_imports_names_that_exist(script: Path) -> None:
    compile(script.read_text(encoding="utf-8"), str(script), "exec")
    for module, name in symproof_names(script):
        assert hasattr(importlib.import_module(module), name), f"{script.name}: {module}.{name} is gone"


def test_the_check_reads_the_imports() -> None:
    """Not vacuous: the prover benchmark's imports are found."""
    assert ("symproof.prover.engine", "decide") in symproof_names(BENCH / "prove_all.py")
