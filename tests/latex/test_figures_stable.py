"""The figures print nothing the machine's last bits decide (BLAS kernels, SIMD tanh), and no decimal number."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from symproof.claims.q3_4_difference_error import finite_difference_data
from symproof.nn.finite_diff import fd_error_curve, make_problem


def test_the_figure_data_ignore_the_inputs_last_bits() -> None:
    p = make_problem()
    rng = np.random.default_rng(7)

    def nudge(a: np.ndarray) -> np.ndarray:
        return a * (1 + rng.choice([-1.0, 0.0, 1.0], a.shape) * 2.0**-52)  # one ulp up or down, or kept

    q = replace(p, w=nudge(p.w), v=nudge(p.v), X=nudge(p.X))
    assert np.any(q.w != p.w) and np.any(q.v != p.v) and np.any(q.X != p.X)
    # the raw round-off-dominated errors do move with those bits: what the figure must not print
    raw_p, raw_q = fd_error_curve(p), fd_error_curve(q)
    assert raw_p.rows[-1].forward != raw_q.rows[-1].forward
    data = finite_difference_data(p)
    assert finite_difference_data(q) == data
    assert len(data.forward) >= 3 and len(data.central) >= 2  # measured points remain
    printed = [e for _, e in data.forward + data.central] + list(data.forward_model + data.central_model)
    assert all(abs(e - float(f"{e:.2g}")) <= 1e-12 * e for e in printed)  # two significant digits


def test_no_figure_prints_a_decimal_number() -> None:
    """One PDF serves both hand-ins: a decimal point (0.5) is wrong in French and a comma (0,5) in English."""
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    folder = Path(__file__).resolve().parents[2] / "latex_out" / "figures"
    texts = {p.name: subprocess.run([exe, str(p), "-"], capture_output=True, text=True, check=True).stdout
             for p in sorted(folder.glob("*.pdf"))}
    assert len(texts) == 5 and all(texts.values()), texts  # text is extractable: the check can see the labels
    assert {name: re.findall(r"\d[.,]\d", text) for name, text in texts.items() if re.search(r"\d[.,]\d", text)} == {}


def test_a_figures_recipe_follows_its_drawing_code_and_nothing_else(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import sys

    from symproof.latex import figures

    pkg = tmp_path / "figpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "helpers.py").write_text("SCALE = 2\n\n\ndef line(ax):\n    ax.plot([0, 1], [0, SCALE])\n")
    claim = 'from .helpers import line\n\nTEXT = "words"\n\n\ndef draw(fig):\n    line(fig.add_subplot())\n'
    (pkg / "claim.py").write_text(claim)
    monkeypatch.syspath_prepend(str(tmp_path))

    def code() -> bytes:
        figures._top_level.cache_clear()
        for name in ("figpkg.claim", "figpkg.helpers"):
            sys.modules.pop(name, None)
        return figures.drawing_code(importlib.import_module("figpkg.claim").draw)

    first = code()
    assert b"def draw" in first and b"def line" in first and b"SCALE = 2" in first and b"words" not in first
    (pkg / "claim.py").write_text(claim.replace("words", "other words"))
    assert code() == first  # the claim's words changed, not its picture
    (pkg / "helpers.py").write_text("SCALE = 3\n\n\ndef line(ax):\n    ax.plot([0, 1], [0, SCALE])\n")
    assert code() != first  # a constant of an imported helper changed: the picture may have
    figures._top_level.cache_clear()
