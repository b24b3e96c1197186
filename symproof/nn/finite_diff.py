"""Finite-difference Hessian-vector products against the exact R-operator: the error curve over the step r."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from symproof.nn.mlp import MLP, Array

__all__ = [
    "COMPLEX_STEP",
    "DEFAULT_BATCH",
    "DEFAULT_SEED",
    "DEFAULT_SIZES",
    "RADII",
    "FDCurve",
    "FDRow",
    "HvpProblem",
    "fd_error_curve",
    "format_fd_table",
    "make_problem",
]

DEFAULT_SIZES: tuple[int, ...] = (32, 512, 512, 10)
DEFAULT_BATCH = 64
DEFAULT_SEED = 0
RADII: tuple[float, ...] = tuple(10.0**-k for k in range(1, 13))  # 1e-1 ... 1e-12, one per decade
# A complex step this small leaves no truncation error (O(h^2) = 1e-60) and, unlike a real step,
# no cancellation: Im(g(w + i h v)) / h is Hv to round-off, an oracle independent of the R-operator code.
COMPLEX_STEP = 1e-30


@dataclass(frozen=True, eq=False)
class HvpProblem:
    """A network, a point w, a direction v (unit norm) and a labelled batch: one Hv to approximate."""

    model: MLP
    w: NDArray[np.float64]
    v: NDArray[np.float64]
    X: NDArray[np.float64]
    y: NDArray[np.int64]
    seed: int | None = None


@dataclass(frozen=True)
class FDRow:
    """Relative errors ||approx - Hv|| / ||Hv|| of the two difference quotients at one step r."""

    r: float
    forward: float  # (g(w + r v) - g(w)) / r
    central: float  # (g(w + r v) - g(w - r v)) / (2 r)


@dataclass(frozen=True)
class FDCurve:
    """The finite-difference error curve, and the R-operator's own error against the complex step."""

    rows: tuple[FDRow, ...]
    r_operator: float  # ||Hv_R - Hv_complex_step|| / ||Hv_R||
    sizes: tuple[int, ...]
    batch: int
    seed: int | None
    reference: str = f"complex step, h = {COMPLEX_STEP:g}"

    def best(self, kind: str) -> FDRow:
        """The row where the ``kind`` ('forward' or 'central') difference is most accurate."""
        _check_kind(kind)
        return min(self.rows, key=lambda row: float(getattr(row, kind)))

    def error(self, kind: str, r: float) -> float:
        """The relative error of the ``kind`` difference at step ``r`` (one of the computed steps)."""
        _check_kind(kind)
        for row in self.rows:
            if math.isclose(row.r, r, rel_tol=1e-9):
                return float(getattr(row, kind))
        steps = ", ".join(f"{x.r:g}" for x in self.rows)
        raise ValueError(f"step r={r:g} is not on the curve (steps: {steps})")

    def slope(self, kind: str, r_large: float, r_small: float) -> float:
        """Log-log slope d log(err) / d log(r) between two steps: 1 for forward truncation, 2 for central."""
        e1, e2 = self.error(kind, r_large), self.error(kind, r_small)
        return math.log(e1 / e2) / math.log(r_large / r_small)


def _check_kind(kind: str) -> None:
    if kind not in ("forward", "central"):
        raise ValueError(f"kind must be 'forward' or 'central', got {kind!r}")


def make_problem(
    sizes: Sequence[int] = DEFAULT_SIZES, batch: int = DEFAULT_BATCH, seed: int = DEFAULT_SEED
) -> HvpProblem:
    """The default problem: seeded weights, standard-normal inputs, uniform labels, a random unit v."""
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise ValueError(f"batch must be an int >= 1, got {batch!r}")
    model = MLP(sizes)
    w = model.init(seed)
    # A generator distinct from init's, so v and the batch do not reuse the weights' random stream.
    rng = np.random.default_rng([seed, 1])
    v = rng.standard_normal(model.n_params)
    v /= np.linalg.norm(v)
    X = rng.standard_normal((batch, model.sizes[0]))
    y = rng.integers(0, model.sizes[-1], size=batch, dtype=np.int64)
    return HvpProblem(model, w, v, X, y, seed)


def _rel(approx: Array, exact: Array) -> float:
    return float(np.linalg.norm(approx - exact) / np.linalg.norm(exact))


def fd_error_curve(problem: HvpProblem | None = None, radii: Sequence[float] = RADII) -> FDCurve:
    """Forward and central difference errors against the exact R-operator Hv, for each step in ``radii``.

    Pure and deterministic: the same problem (the default one for None) gives the same curve.
    """
    p = make_problem() if problem is None else problem
    m, w, v, X, y = p.model, p.w, p.v, p.X, p.y
    if len(radii) == 0 or any(not (r > 0) for r in radii):
        raise ValueError(f"radii must be positive steps, got {list(radii)!r}")
    hv = m.hvp(w, v, X, y)
    g0 = m.grad(w, X, y)
    rows = []
    for r in radii:
        gp = m.grad(w + r * v, X, y)
        gm = m.grad(w - r * v, X, y)
        rows.append(FDRow(float(r), _rel((gp - g0) / r, hv), _rel((gp - gm) / (2 * r), hv)))
    cs = m.grad(w + (1j * COMPLEX_STEP) * v, X, y).imag / COMPLEX_STEP
    return FDCurve(tuple(rows), _rel(hv, cs), m.sizes, X.shape[0], p.seed)


def format_fd_table(curve: FDCurve) -> str:
    """Plain-text table of the curve, with the best step of each difference and the R-operator's error."""
    net = "-".join(str(n) for n in curve.sizes)
    seed = "custom" if curve.seed is None else str(curve.seed)
    bf, bc = curve.best("forward"), curve.best("central")
    lines = [
        "Hv of the mean cross-entropy by differences of the gradient, against the exact R-operator Hv",
        f"network {net} (tanh), batch {curve.batch}, seed {seed}, float64, unit v",
        "errors are ||approx - Hv|| / ||Hv||",
        "",
        f"{'r':>7}  {'forward (g(w+rv)-g(w))/r':>26}  {'central (g(w+rv)-g(w-rv))/2r':>29}",
    ]
    for row in curve.rows:
        mark_f = "*" if row is bf else " "
        mark_c = "*" if row is bc else " "
        lines.append(f"{row.r:7.0e}  {row.forward:25.2e}{mark_f}  {row.central:28.2e}{mark_c}")
    lines += [
        "",
        f"best forward: r = {bf.r:.0e}, error {bf.forward:.2e}   (* above)",
        f"best central: r = {bc.r:.0e}, error {bc.central:.2e}",
        f"R-operator Hv against the {curve.reference}: {curve.r_operator:.2e}",
    ]
    return "\n".join(lines)
