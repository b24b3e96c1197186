"""The Taylor rule: truncated-series arithmetic against SymPy's series and diff, and what it must leave alone."""

from __future__ import annotations

import sympy as sp

from symproof.nn.generic import generic_function
from symproof.prover import Scope, decide, eq
from symproof.prover.series import taylor, taylor_coefficients

t = sp.Symbol("t", real=True)
a, b, c = sp.symbols("a b c", real=True)
w1, w2, v1, v2 = sp.symbols("w1 w2 v1 v2", real=True)


def series_coefficients(e: sp.Expr, k: int) -> list[sp.Expr]:
    s = sp.series(e, t, 0, k + 1).removeO()
    return [sp.expand(s).coeff(t, j) for j in range(k + 1)]


def test_coefficients_agree_with_sympy_series_on_exp_and_powers() -> None:
    e = sp.exp(a + b * t) * (c + t) ** 3 + t**2 * sp.exp(a - 2 * t) - 5
    got = taylor_coefficients(e, t, 4)
    assert got is not None
    assert all(sp.simplify(x - y) == 0 for x, y in zip(got, series_coefficients(e, 4), strict=True))


def test_coefficients_of_a_generic_function_are_its_chain_rule_derivatives() -> None:
    f = generic_function("f", 2)
    e = f(w1 + t * v1, w2 + t * v2) * generic_function("g", 2)(w1 - t * v2, w2)
    got = taylor_coefficients(e, t, 3)
    assert got is not None
    for j in range(4):
        by_diff = sp.diff(e, t, j).subs(t, 0).doit() / sp.factorial(j)
        assert sp.expand(got[j] - by_diff) == 0


def test_shapes_it_cannot_expand_are_left_to_differentiation() -> None:
    for e in (sp.Abs(t), 1 / (1 + t), sp.log(1 + t), sp.sqrt(1 + t), sp.exp(t)):  # exp(0) evaluates to 1
        assert taylor_coefficients(e, t, 2) is None


def test_derivative_at_a_point_is_the_directional_derivative() -> None:
    f = generic_function("f", 2)
    f1, f2 = generic_function("f", 2, (1,)), generic_function("f", 2, (2,))
    r_op = sp.Subs(sp.Derivative(f(w1 + t * v1, w2 + t * v2), t), t, 0)
    assert sp.expand(taylor(r_op) - (v1 * f1(w1, w2) + v2 * f2(w1, w2))) == 0
    second = sp.Subs(sp.Derivative(f(w1 + t * v1, w2 + t * v2), (t, 2)), t, 0)
    f11, f12, f22 = (generic_function("f", 2, idx) for idx in ((1, 1), (1, 2), (2, 2)))
    expected = v1**2 * f11(w1, w2) + 2 * v1 * v2 * f12(w1, w2) + v2**2 * f22(w1, w2)
    assert sp.expand(taylor(second) - expected) == 0


def test_a_limit_whose_lower_coefficients_do_not_vanish_is_left_alone() -> None:
    f = generic_function("f", 1)
    lim = sp.Limit(f(w1 + t) / t, t, 0)  # f(w1) / t has no limit for a generic f
    assert taylor(lim) == lim


def test_the_second_order_term_is_proven_and_a_wrong_one_refuted() -> None:
    g1 = generic_function("f", 2, (1,))
    fd = (g1(w1 + t * v1, w2 + t * v2) - g1(w1, w2)) / t
    hv = v1 * generic_function("f", 2, (1, 1))(w1, w2) + v2 * generic_function("f", 2, (1, 2))(w1, w2)
    third = [generic_function("f", 2, idx)(w1, w2) for idx in ((1, 1, 1), (1, 1, 2), (1, 2, 2))]
    error = (third[0] * v1**2 + 2 * third[1] * v1 * v2 + third[2] * v2**2) / 2
    proven = decide(eq(sp.Limit((fd - hv) / t, t, 0), error), Scope.INSTANCE)
    assert proven.proven and any("taylor" in m.rules for m in proven.method.leaves())
    wrong = decide(eq(sp.Limit((fd - hv) / t, t, 0), 2 * error), Scope.INSTANCE)
    assert wrong.refuted and wrong.counterexample


q = sp.Symbol("q", real=True)


def test_a_denominator_nonzero_at_the_point_gives_the_quotient_from_either_side() -> None:
    for side in ("+", "-", "+-"):
        assert taylor(sp.Limit((sp.sin(t) + 2) / (t + 1), t, 0, side)) == 2
        assert taylor(sp.Limit(sp.exp(t) / (t - 1) ** 2, t, 1 + sp.Rational(1, 2), side)) == 4 * sp.exp(
            sp.Rational(3, 2))
    assert taylor(sp.Limit(sp.exp(t) / (t**2 + 1), t, a)) == sp.exp(a) / (a**2 + 1)  # a**2 + 1 > 0 for real a


def test_one_sided_limits_at_a_kink_or_a_denominator_of_unknown_sign_are_left_alone() -> None:
    for lim in (sp.Limit(sp.frac(t) / (1 + t), t, 0, "-"),  # 1 from the left, 0 at the point
                sp.Limit(sp.Heaviside(t) / (1 + t), t, 0, "+"),
                sp.Limit(sp.sqrt(t) / (1 + t), t, 0, "+"),  # not analytic at 0
                sp.Limit(sp.Abs(t) / (2 + t), t, 0, "-"),
                sp.Limit(1 / (t + q), t, 0, "+"),  # q may be 0
                sp.Limit(1 / (t**2 + t + q), t, 0, "-")):
        assert taylor(lim) == lim, lim


def test_three_variables_to_fourth_order_agree_with_differentiation() -> None:
    # Every step of f(w + t v) but the first is 0, and one argument is still: the products skip the exact zeros,
    # and what they skip must be nothing (each coefficient checked against d^j/dt^j at 0).
    w3, v3 = sp.Symbol("w3", real=True), sp.Symbol("v3", real=True)
    f = generic_function("f", 3)
    e = f(w1 + t * v1, w2 - t * v2, w3) * (a + t**2 * b) + f(w1, w2 + t**2, w3 + t * v3) ** 2
    got = taylor_coefficients(e, t, 4)
    assert got is not None
    for j in range(5):
        by_diff = sp.diff(e, t, j).subs(t, 0).doit() / sp.factorial(j)
        assert sp.expand(got[j] - by_diff) == 0, j
