"""Two builds give byte-identical files, also under another PYTHONHASHSEED, figures included, whether the
fragments are rendered and the figures drawn in the parent or in a worker that proves every claim in turn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # two whole builds compared byte for byte: CI runs them, the fast lane skips them

DRIVER = """
import sys
from pathlib import Path
from symproof.homework import builtin, select
from symproof.latex.build import figures_to_draw, plan, write
from symproof.pipeline import prove_all
out, lang, how = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
chosen = select(["q1.1a", "q1.1b", "q1.2.leaky", "q1.3", "q1.4.float64"])  # q1.1b owns a figure
if how == "here":  # fragments rendered and figures drawn in this process, two workers prove
    entries = prove_all(chosen)
else:  # one worker proves every claim in turn, renders the fragments and draws the figures
    entries = prove_all(chosen, jobs=1, langs=[lang], draw=figures_to_draw(chosen, None))
assert all(e.verdict.proven for e in entries)
write(plan(entries, lang, meta=builtin().meta), out)
"""


def build_in(out: Path, seed: str, lang: str = "fr", how: str = "here") -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", DRIVER, str(out), lang, how], check=True, env=env, timeout=600)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_rebuild_under_another_hash_seed_is_byte_identical(tmp_path: Path) -> None:
    first = build_in(tmp_path / "a", "1")
    second = build_in(tmp_path / "b", "2", how="in one worker")
    assert sorted(first) == sorted(second)
    assert any(name.startswith("figures/") for name in first)
    assert [name for name in first if first[name] != second[name]] == []
    assert all(b"CreationDate" not in data for name, data in first.items() if name.endswith(".pdf"))
