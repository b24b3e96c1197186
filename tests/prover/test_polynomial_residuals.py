"""Polynomial residuals skip the together and cancel rungs: still proven when true, refuted when false."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.prover import Scope, Status, decide, eq
from symproof.prover.forms import is_polynomial

n = sp.Symbol("n", integer=True, positive=True)
H, A = sp.MatrixSymbol("H", n, n), sp.MatrixSymbol("A", n, n)
w, v, g = (sp.MatrixSymbol(name, n, 1) for name in ("w", "v", "g"))
x, y = sp.symbols("x y")
half = sp.Rational(1, 2)


@pytest.mark.parametrize("expr, expected", [
    (x**2 * y + half * x - 3, True),
    (H * (half * w - half * v) + g, True),
    (H.T * A * w + x * g, True),
    (A**2 * w, True),
    (1 / x + y * x**-3 / 2, True),         # a Laurent polynomial: monomial denominators
    (1 / (x + 1) + y, False),              # a denominator that is a sum: together and cancel may settle it
    (sp.Inverse(H) * w, False),
    (sp.MatPow(H, -1) * w, False),
    (x**half, False),
    (sp.exp(x) + y, False),
    (sp.MatMul(sp.Transpose(H * A), w), False),               # (HA)^T: expand does not rewrite it to A^T H^T
    (sp.MatPow(H + A, 2) * w, False),      # expand does not multiply out a matrix power of a sum
    (sp.I * x, False),
])
def test_is_polynomial(expr: sp.Basic, expected: bool) -> None:
    assert is_polynomial(expr) is expected


def test_matrix_gradient_step_proven_by_expand() -> None:
    verdict = decide(eq(H * (half * w - half * v) + half * H * (w - v) + g, H * (w - v) + g), Scope.GENERAL)
    assert verdict.status is Status.PROVEN
    assert "together" not in verdict.method.rules and "cancel" not in verdict.method.rules


@pytest.mark.parametrize("wrong", [
    H * (half * w - half * v) + half * H * (w + v) + g,   # a sign
    H * (half * w - half * v) + H * (w - v) + g,          # a factor 1/2 dropped
    H.T * (half * w - half * v) + half * H * (w - v) + g,  # H^T for H, H not declared symmetric
])
def test_matrix_gradient_near_variants_not_proven(wrong: sp.Basic) -> None:
    assert decide(eq(wrong, H * (w - v) + g), Scope.GENERAL).status is not Status.PROVEN


def test_laurent_identity_and_variants() -> None:
    d = sp.Symbol("d", positive=True)
    lhs = (x + y / d)**2 / 2 - y**2 / (2 * d**2)
    assert decide(eq(lhs, x**2 / 2 + x * y / d), Scope.GENERAL).status is Status.PROVEN
    for wrong in (x**2 / 2 + x * y / d**2, x**2 / 2 + 2 * x * y / d, x**2 / 2 + x * y * d):
        assert decide(eq(lhs, wrong), Scope.GENERAL).status is Status.REFUTED


def test_scalar_polynomial_identity_and_variant() -> None:
    assert decide(eq((x + y)**3 - x**3, 3 * x**2 * y + 3 * x * y**2 + y**3), Scope.GENERAL).status is Status.PROVEN
    wrong = decide(eq((x + y)**3 - x**3, 3 * x**2 * y + 3 * x * y**2 + 2 * y**3), Scope.GENERAL)
    assert wrong.status is Status.REFUTED
