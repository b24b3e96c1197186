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
