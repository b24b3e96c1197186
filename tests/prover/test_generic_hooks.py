"""Sampler realisations (generic functions, MatrixSymbols) and the ladder rules added for Questions 2 and 3."""

from __future__ import annotations

import sympy as sp

from symproof.nn.generic import generic_function, hessian
from symproof.prover.ladder import _scalar_transposes, reduce_to_zero
from symproof.prover.sampling import find_counterexample
from symproof.prover.series import taylor
from symproof.prover.sums import merge_sums, peel_sums

w1, w2, v1, v2 = sp.symbols("w1 w2 v1 v2", real=True)
r = sp.Symbol("r", real=True)


def _directional(name: str) -> sp.Expr:
    f = generic_function(name, 2)(w1 + r * v1, w2 + r * v2)
    return sp.Subs(sp.Derivative(f, r), r, 0)


def test_sampler_refutes_a_false_identity_between_generic_functions() -> None:
    wrong = find_counterexample(_directional("f"), 2 * _directional("f"))
    assert wrong is not None
    assert "f(x_1, x_2)" in wrong.point  # the concrete polynomial is shown


def test_sampler_accepts_a_true_identity_between_generic_functions() -> None:
    f1, f2 = (generic_function("f", 2, (k,))(w1, w2) for k in (1, 2))
    assert find_counterexample(_directional("f"), v1 * f1 + v2 * f2) is None


def test_sampler_realises_matrix_symbols_of_symbolic_size() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    assert find_counterexample(A * B, B * A) is not None
    assert find_counterexample((A * B).T, B.T * A.T) is None


def test_taylor_limit_of_a_generic_difference_quotient() -> None:
    g1 = generic_function("f", 2, (1,))
    quotient = (g1(w1 + r * v1, w2 + r * v2) - g1(w1, w2)) / r
    H = hessian("f", (w1, w2))
    assert taylor(sp.Limit(quotient, r, 0)) == sp.expand((H * sp.Matrix([v1, v2]))[0])


def test_taylor_limit_gives_no_finite_value_at_a_pole() -> None:
    lim = sp.Limit(generic_function("f", 2)(w1 + r, w2) / r, r, 0)
    assert taylor(lim).is_finite is not True


def test_peeled_sums_cancel() -> None:
    L = sp.Symbol("L", integer=True, positive=True)
    n = sp.IndexedBase("n")
    k = sp.Symbol("k", integer=True)
    residual = sp.Sum(n[k], (k, 1, L + 2)) - sp.Sum(n[k], (k, 1, L)) - n[L + 1] - n[L + 2]
    assert sp.expand(peel_sums(residual)) == 0


def test_scalar_transposes_cancel_and_zero_matrix_counts_as_zero() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    x, y = sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("y", n, 1)
    assert isinstance(_scalar_transposes(x.T * y - y.T * x), sp.ZeroMatrix)
    assert reduce_to_zero(x.T * y - y.T * x).zero
    assert not reduce_to_zero(x.T * y + y.T * x).zero


def test_sums_over_the_same_limits_merge_and_cancel() -> None:
    K = sp.Symbol("K", integer=True, positive=True)
    k = sp.Symbol("k", integer=True)
    q, a = sp.IndexedBase("q", positive=True), sp.IndexedBase("a", real=True)
    T = sp.Symbol("T", positive=True)
    residual = (sp.Sum(q[k] / (1 + sp.exp(-a[k])), (k, 1, K)) / T + sp.Sum(q[k] / (1 + sp.exp(a[k])), (k, 1, K)) / T
                - sp.Sum(q[k], (k, 1, K)) / T)
    assert merge_sums(residual) == 0


def test_series_are_not_merged_and_a_merge_keeps_the_value() -> None:
    k = sp.Symbol("k", integer=True)
    series = sp.Sum(1 / k, (k, 1, sp.oo)) - sp.Sum(1 / (k + 1), (k, 1, sp.oo))  # each diverges: no merging
    assert merge_sums(series) == series
    K = sp.Symbol("K", integer=True, positive=True)
    j = sp.Symbol("j", integer=True)
    two = sp.Sum(k**2, (k, 1, K)) + j * sp.Sum(k, (k, 1, K))  # j stays a factor of its own terms
    merged = merge_sums(two)
    assert merged != two and sp.simplify(merged.doit() - two.doit()) == 0
