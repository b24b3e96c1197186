"""Matrix identities over a symbolic size n: proven by the rule table, refuted at sizes and matrices that respect
the declared facts (symmetric, positive definite, invertible), and never proven with a fact left undeclared."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from symproof.prover import Kind, MatrixEqual, MatrixFacts, PositiveForm, Scope, decide
from symproof.prover.matrix_refuter import matrix_counterexample, random_matrix
from symproof.prover.matrix_rules import MATRIX_RULES

n = sp.Symbol("n", integer=True, positive=True)
w, wt, g, u = (sp.MatrixSymbol(name, n, 1) for name in ("w", "w_t", "g", "u"))
H = sp.MatrixSymbol("H", n, n)
A = sp.MatrixSymbol("A", n, n)
f_t = sp.Symbol("f_t", real=True)
HALF = sp.Rational(1, 2)
SPD = MatrixFacts(positive_definite=(H,))
INVERTIBLE_ONLY = MatrixFacts(invertible=(H,))


def model(x: sp.MatrixExpr) -> sp.MatrixExpr:
    return f_t * sp.Identity(1) + g.T * (x - wt) + HALF * (x - wt).T * H * (x - wt)


STAR = wt - H.I * g
GRAD = g + H * (w - wt)
TRUE_IDENTITIES = {
    "gradient of the model": MatrixEqual(sp.Derivative(model(w), w), GRAD, SPD),
    "Hessian of the model": MatrixEqual(sp.Derivative(model(w), (w, 2)), H, SPD),
    "gradient at w*": MatrixEqual(GRAD.subs(w, STAR), sp.ZeroMatrix(n, 1), SPD),
    "gap to the minimum": MatrixEqual(model(w) - model(STAR), HALF * (w - STAR).T * H * (w - STAR), SPD),
    "x^T A y = y^T A^T x": MatrixEqual(w.T * A * g, g.T * A.T * w, MatrixFacts()),
    "(A H)^T = H^T A^T": MatrixEqual((A * H).T, H.T * A.T, MatrixFacts()),
    "J J = n J": MatrixEqual(sp.OneMatrix(n, n) * sp.OneMatrix(n, n), n * sp.OneMatrix(n, n), MatrixFacts()),
}
WRONG = {
    "w* = w_t - H g": MatrixEqual(GRAD.subs(w, wt - H * g), sp.ZeroMatrix(n, 1), SPD),
    "grad L = g + H^T (w - w_t) / 2": MatrixEqual(sp.Derivative(model(w), w), g + H.T * (w - wt) / 2, SPD),
    "w* = w_t + H^{-1} g": MatrixEqual(GRAD.subs(w, wt + H.I * g), sp.ZeroMatrix(n, 1), SPD),
    "gap without the 1/2": MatrixEqual(model(w) - model(STAR), (w - STAR).T * H * (w - STAR), SPD),
    "A^T = A for an undeclared A": MatrixEqual(A.T, A, MatrixFacts()),
    "J J = J": MatrixEqual(sp.OneMatrix(n, n) * sp.OneMatrix(n, n), sp.OneMatrix(n, n), MatrixFacts()),
}


@pytest.mark.parametrize("name", list(TRUE_IDENTITIES))
def test_identity_is_proven_for_every_n(name: str) -> None:
    verdict = decide(TRUE_IDENTITIES[name], Scope.GENERAL)
    assert verdict.proven, verdict.summary()
    assert verdict.method.kind is Kind.MATRIX_RULES and verdict.method.rules


@pytest.mark.parametrize("name", list(WRONG))
def test_wrong_identity_is_refuted_with_matrices(name: str) -> None:
    verdict = decide(WRONG[name], Scope.GENERAL)
    assert verdict.refuted, verdict.summary()
    assert verdict.counterexample and "n" in verdict.counterexample


@pytest.mark.parametrize("name", ["gradient of the model", "Hessian of the model", "gap to the minimum"])
def test_without_symmetry_the_model_identities_are_refuted(name: str) -> None:
    # They need H^T = H: with H only invertible, a non-symmetric H is drawn and the identity fails.
    st = TRUE_IDENTITIES[name]
    verdict = decide(MatrixEqual(st.lhs, st.rhs, INVERTIBLE_ONLY), Scope.GENERAL)
    assert verdict.refuted, verdict.summary()


def test_an_undeclared_inverse_is_not_proven() -> None:
    st = TRUE_IDENTITIES["gap to the minimum"]
    verdict = decide(MatrixEqual(st.lhs, st.rhs, MatrixFacts(symmetric=(H,))), Scope.GENERAL)
    assert not verdict.proven
    assert "invertible" in (verdict.reason or "")


def test_symmetry_rewrites_only_declared_matrices() -> None:
    symmetric = next(rule for rule in MATRIX_RULES if rule.name == "symmetric")
    rewritten = symmetric.apply(A.T + H.T, MatrixFacts(symmetric=(H,)))
    assert not rewritten.has(H.T)
    assert rewritten.has(A.T)
    assert symmetric.needs  # the rule says which fact it relies on


@pytest.mark.parametrize("seed", range(20))
def test_random_matrices_respect_their_facts(seed: int) -> None:
    rng = random.Random(seed)
    size = 1 + seed % 4
    spd = random_matrix(H, size, size, SPD, rng)
    assert spd == spd.T
    assert all(spd[:k, :k].det() > 0 for k in range(1, size + 1))  # Sylvester's criterion
    inv = random_matrix(H, size, size, INVERTIBLE_ONLY, rng)
    assert inv.det() != 0
    sym = random_matrix(H, size, size, MatrixFacts(symmetric=(H,)), rng)
    assert sym == sym.T


def test_counterexample_recomputes_derivatives_entrywise() -> None:
    # d/dw (w^T A w) = (A + A^T) w, SymPy's layout; A w as the gradient would be wrong for a non-symmetric A.
    assert matrix_counterexample(sp.Derivative(w.T * A * w, w), (A + A.T) * w, MatrixFacts()) is None
    assert matrix_counterexample(sp.Derivative(w.T * A * w, w), 2 * A * w, MatrixFacts(), points=3) is not None


def test_positive_form_by_the_definition_only() -> None:
    assert decide(PositiveForm(HALF * u.T * H * u, u, SPD), Scope.GENERAL).proven
    assert decide(PositiveForm(-HALF * u.T * H * u, u, SPD), Scope.GENERAL).refuted
    # symmetric only: not positive definite, and a random symmetric matrix shows it
    assert decide(PositiveForm(u.T * H * u, u, MatrixFacts(symmetric=(H,))), Scope.GENERAL).refuted


def test_a_negative_power_needs_invertibility_too() -> None:
    # A (A^{-1} g + g) = g + A g holds only for an invertible A: undeclared, it is not proven, declared it is.
    st = MatrixEqual(A * (A**-1 * g + g), g + A * g, MatrixFacts())
    assert not decide(st, Scope.GENERAL).proven
    assert decide(MatrixEqual(st.lhs, st.rhs, MatrixFacts(invertible=(A,))), Scope.GENERAL).proven
