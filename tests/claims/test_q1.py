"""What is specific to Question 1: the numbers behind the claims, against independent computations."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.optimize
import scipy.special
import sympy as sp

from symproof.homework import get
from symproof.nn.activations import h, h_relu, log_softmax_naive, log_softmax_stable


def test_uniform_gap_matches_a_numeric_maximisation() -> None:
    # sup_x (ReLU(x) - h(x)) found by SciPy's bounded scalar minimiser, against W(1/e)/beta from the claim.
    claim = get("q1.1b.rate")
    beta = 3.0
    res = scipy.optimize.minimize_scalar(lambda x: -(max(x, 0.0) - h(x, beta)), bounds=(-10, 10), method="bounded",
                                         options={"xatol": 1e-12})
    expected = float(claim.answer.subs(sp.Symbol("beta", positive=True), beta))
    assert math.isclose(-res.fun, expected, rel_tol=1e-9)
    assert math.isclose(float(scipy.special.lambertw(math.exp(-1)).real), float(claim.notes["sup_value"]),
                        rel_tol=1e-5)


@pytest.mark.parametrize("beta", [1.0, 10.0, 100.0])
def test_h_tends_to_relu_on_a_grid(beta: float) -> None:
    xs = np.linspace(-5, 5, 1001)
    gap = np.max(np.abs(np.maximum(xs, 0) - h(xs, beta)))  # type: ignore[arg-type]
    assert gap <= 0.2785 / beta + 1e-12


def test_leaky_relu_construction_on_a_grid() -> None:
    for x in np.linspace(-3, 3, 61):
        assert math.isclose(h_relu(float(x), 1.0, -0.2, 0.0, 0.0), max(x, 0.2 * x), abs_tol=1e-15)


@pytest.mark.parametrize("points", [(1000.0, 999.0, 998.0), (-1000.0, -999.0, -1001.0)])
def test_stable_log_softmax_matches_scipy_where_the_naive_one_fails(points: tuple[float, ...]) -> None:
    """SciPy is the oracle here; the claim q1.4.float64 compares with mpmath at 50 digits on the same inputs."""
    x = np.array(points)
    with np.errstate(all="ignore"):
        assert not np.all(np.isfinite(log_softmax_naive(x)))
    np.testing.assert_allclose(log_softmax_stable(x), scipy.special.log_softmax(x), rtol=1e-15)
