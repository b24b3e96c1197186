"""Regression tests for the engine's soundness holes: each class of wrong "proven" (or wrong "refuted") once found."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp

from symproof.prover import (
    Case,
    Equal,
    Holds,
    Kind,
    Method,
    Scope,
    Status,
    Verdict,
    decide,
    eq,
    evaluation,
    points,
    sampling,
)
from symproof.prover.sums import expand_sum

x = sp.Symbol("x", real=True)
z = sp.Symbol("z", real=True)
a = sp.Symbol("a", real=True)
t = sp.Symbol("t", positive=True)
tr = sp.Symbol("t", real=True)
k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True)


def verdict(st: Any) -> Verdict:
    return decide(st, Scope.GENERAL)


def not_proven(st: Any) -> Verdict:
    v = verdict(st)
    assert not v.proven, v.summary()
    return v


# ---------------------------------------------------------------------------------------------- case covers

def test_a_case_that_does_not_reach_the_domain_is_no_cover() -> None:
    # x = exp(t) reaches x > 0 only: sqrt(x^2) = x is false for x < 0
    assert verdict(eq(sp.sqrt(x**2), x, cases=(Case("x = exp(t)", {x: sp.exp(tr)}),))).refuted


def test_a_non_affine_case_leaves_a_true_statement_unknown_with_the_reason() -> None:
    v = verdict(eq(sp.Max(x, 0) + sp.Max(-x, 0), sp.Abs(x), cases=(Case("x = exp(t)", {x: sp.exp(tr)}),)))
    assert v.status is Status.UNKNOWN and "not affine" in (v.reason or ""), v.summary()


def test_an_even_case_does_not_cover_odd_integers() -> None:
    big_n = sp.Symbol("N", integer=True, positive=True)
    m = sp.Symbol("m", integer=True, positive=True)
    v = verdict(eq(sp.floor(big_n / 2) * 2, big_n, cases=(Case("N = 2m", {big_n: 2 * m}),)))
    assert v.refuted or (v.status is Status.UNKNOWN and "integer" in (v.reason or "")), v.summary()
    # with a true statement the search finds nothing, so only the cover proof can refuse it
    v = verdict(eq(sp.Abs(big_n), big_n, cases=(Case("N = 2m", {big_n: 2 * m}),)))
    assert v.proven  # Abs(N) = N is identical for a positive N, cases or not
    v = verdict(eq(sp.floor(big_n / 2) * 2 + sp.Mod(big_n, 2), big_n, cases=(Case("N = 2m", {big_n: 2 * m}),)))
    assert not v.refuted, v.summary()


def test_a_trichotomy_over_a_complex_symbol_is_no_cover() -> None:
    w = sp.Symbol("w")
    v = verdict(eq(sp.Max(w, 0) + sp.Max(-w, 0), sp.Abs(w), cases=(Case("w > 0", {w: t}), Case("w < 0", {w: -t}),
                                                    Case("w = 0", {w: 0}))))
    assert not v.proven, v.summary()


def test_the_sign_trichotomy_still_covers_the_reals() -> None:
    v = verdict(eq(sp.Max(x, 0) + sp.Max(-x, 0), sp.Abs(x), cases=(Case("x > 0", {x: t}), Case("x < 0", {x: -t}),
                                                                   Case("x = 0", {x: 0}))))
    assert v.proven and Method(Kind.CASE_SPLIT, cases=("x > 0", "x < 0", "x = 0")) in v.method.leaves(), v.summary()


def test_a_case_outside_a_symbols_domain_gives_no_counterexample() -> None:
    xp = sp.Symbol("x", positive=True)
    v = verdict(eq(sp.Abs(xp), xp, cases=(Case("x = t", {xp: t}), Case("x = -t", {xp: -t}))))
    assert not v.refuted, v.summary()


# --------------------------------------------------------------------------------------------------- limits

@pytest.mark.parametrize(("limit", "false", "true"), [
    (sp.Limit(sp.frac(x), x, 0, "-"), 0, 1),
    (sp.Limit(sp.floor(x), x, 0, "-"), 0, -1),
    (sp.Limit(sp.Heaviside(x), x, 0, "-"), sp.Rational(1, 2), 0),
    (sp.Limit(sp.sign(x), x, 0, "+"), 0, 1),
    (sp.Limit(sp.sqrt(-1 + sp.I * z), z, 0, "-"), sp.I, -sp.I),
    (sp.Limit(sp.log(-1 + sp.I * z), z, 0, "-"), sp.I * sp.pi, -sp.I * sp.pi),
    (sp.Limit(sp.atan2(z, -1), z, 0, "-"), sp.pi, -sp.pi),
], ids=["frac", "floor", "heaviside", "sign", "sqrt-cut", "log-cut", "atan2"])
def test_limits_by_substitution_only_where_the_function_is_continuous(limit: Any, false: Any, true: Any) -> None:
    assert not verdict(eq(limit, false)).proven
    assert not verdict(eq(limit, true)).refuted


def test_zero_to_the_power_x_is_not_substituted() -> None:
    not_proven(eq(sp.Limit(sp.Integer(0) ** z, z, 0, "+"), 1))


def test_taylor_still_proves_limits_of_analytic_functions() -> None:
    v = verdict(eq(sp.Limit((sp.exp(x) - 1) / x, x, 0), 1))
    assert v.proven, v.summary()


def test_the_sampler_trusts_no_limit_that_evaluation_does_not_confirm(monkeypatch: pytest.MonkeyPatch) -> None:
    # SymPy's limit is stood in for by a wrong one: the search must not turn it into a counterexample.
    lim = sp.Limit(a * z / (z + 1), z, sp.oo)
    with monkeypatch.context() as patched:
        patched.setattr(evaluation, "limit_value", lambda lim: lim.doit() + 1)
        assert sampling.find_counterexample(lim, a + 1, points=6) is None
    assert sampling.find_counterexample(lim, a + 1, points=6) is not None  # with the true limit: refuted
    assert sampling.find_counterexample(lim, a, points=6) is None


# ---------------------------------------------------------------------------------------------- derivatives

def at_zero(g: Any) -> Any:
    return sp.Subs(sp.Derivative(g, z), z, 0)


@pytest.mark.parametrize(("g", "value"), [(sp.Max(z, 0), sp.Rational(1, 2)), (sp.Abs(z), 0),
                                          (sp.Heaviside(z) * z, sp.Rational(1, 2))], ids=["relu", "abs", "heaviside"])
def test_derivatives_at_a_kink_are_refuted_by_one_sided_quotients(g: Any, value: Any) -> None:
    v = verdict(eq(at_zero(g), value))
    assert v.refuted and "one-sided" in str(v.counterexample), v.summary()


def test_a_derivative_on_a_whole_domain_with_a_kink_is_not_proven() -> None:
    not_proven(eq(sp.Derivative(sp.Max(x, 0), x), sp.Heaviside(x)))
    not_proven(eq(sp.Derivative(sp.Abs(x), x), sp.sign(x)))


def test_derivatives_off_the_kinks_are_still_proven() -> None:
    assert verdict(eq(sp.Subs(sp.Derivative(sp.Max(z, 0), z), z, 1), 1)).proven
    assert verdict(eq(sp.Subs(sp.Derivative(sp.Abs(z), z), z, t), 1)).proven


def test_a_relation_on_a_derivative_at_a_kink_is_not_proven() -> None:
    not_proven(Holds(sp.StrictLessThan(at_zero(sp.Abs(z)), 1, evaluate=False)))


# ---------------------------------------------------------------------------------------------------- floats

def test_floats_are_compared_as_the_binary_rationals_they_are() -> None:
    assert verdict(eq(sp.Rational(1, 3), sp.Float(1 / 3))).refuted
    assert verdict(eq(sp.Add(sp.Float(1e16), 1, evaluate=False), sp.Float(1e16))).refuted
    assert verdict(eq(sp.Float(0.5), sp.Rational(1, 2))).proven


# ------------------------------------------------------------------------------------------------------ sums

def test_one_summation_convention_for_the_sampler_and_the_ladder() -> None:
    closed = n * (n + 1) / 2
    assert verdict(eq(sp.Sum(k, (k, 1, n)), closed)).proven
    assert verdict(eq(sp.Sum(k + 1, (k, 0, n - 1)), closed)).proven
    for m in range(-6, 6):  # Karr's convention, as SymPy's closed forms: a reversed range is a negative sum
        assert expand_sum(sp.Sum(k, (k, 1, m))) == sp.Sum(k, (k, 1, m)).doit() == closed.subs(n, m)


def test_a_false_sum_identity_is_refuted() -> None:
    assert verdict(eq(sp.Sum(k, (k, 1, n)), n * (n - 1) / 2)).refuted


# ----------------------------------------------------------------------------------------------- assumptions

@pytest.mark.parametrize(("symbol", "statement"), [
    (sp.Symbol("e", even=True), lambda s: eq(2 * sp.floor(s / 2), s)),
    (sp.Symbol("o", odd=True), lambda s: eq(2 * sp.floor(s / 2) + 1, s)),
    (sp.Symbol("r", irrational=True), lambda s: eq(sp.floor(s) - sp.ceiling(s), -1)),
    (sp.Symbol("i", imaginary=True), lambda s: eq(sp.Abs(s) ** 2, -s**2)),
    (sp.Symbol("p", prime=True), lambda s: eq(sp.Min(s, 2), 2)),
    (sp.Symbol("q", positive=True, irrational=True), lambda s: eq(sp.ceiling(s) - sp.floor(s), 1)),
], ids=["even", "odd", "irrational", "imaginary", "prime", "positive irrational"])
def test_true_statements_are_never_refuted_outside_their_symbols_domain(symbol: Any, statement: Any) -> None:
    v = verdict(statement(symbol))
    assert not v.refuted, v.summary()


def test_samples_have_every_assumption() -> None:
    import random

    rng = random.Random(0)
    for assumptions in ({"even": True}, {"odd": True, "positive": True}, {"prime": True}, {"irrational": True},
                        {"imaginary": True}, {"composite": True}, {"noninteger": True, "real": True}):
        sym = sp.Symbol("s", **assumptions)
        for _ in range(20):
            assert points.violated_assumption(sym, points.sample_value(sym, rng)) is None, assumptions


def test_an_assumption_the_sampler_cannot_meet_is_named() -> None:
    s = sp.Symbol("s", transcendental=True)
    v = verdict(eq(sp.floor(s) - sp.ceiling(s), -1))
    assert v.status is Status.UNKNOWN and "transcendental" in (v.reason or ""), v.summary()


def test_equal_statements_with_floats_in_where_are_exact() -> None:
    v = verdict(Equal(x, x + sp.Rational(1, 10**20), (x > sp.Float(0.1),)))
    assert v.refuted, v.summary()


def test_undefined_functions_stand_for_smooth_ones_but_their_kinks_do_not() -> None:
    f, g = sp.Function("f"), sp.Function("g")
    product_rule = eq(sp.Derivative(f(x) * g(x), x), sp.Derivative(f(x), x) * g(x) + f(x) * sp.Derivative(g(x), x))
    assert verdict(product_rule).proven
    not_proven(eq(sp.Derivative(sp.Abs(f(x)), x), sp.sign(f(x)) * sp.Derivative(f(x), x)))


def test_a_derivative_through_a_branch_cut_is_not_proven() -> None:
    # sqrt(-1 + i z) jumps from i to -i across z = 0: SymPy's formula would give 1/2
    not_proven(eq(at_zero(sp.sqrt(-1 + sp.I * z)), sp.Rational(1, 2)))
    not_proven(eq(at_zero(sp.Abs(z) ** sp.Rational(1, 3)), 0))


def test_a_relation_on_a_symbol_the_sampler_cannot_draw_names_the_assumption() -> None:
    s = sp.Symbol("s", transcendental=True, positive=True)
    v = verdict(Holds(sp.StrictGreaterThan(sp.ceiling(s) - s, 0, evaluate=False)))
    assert v.status is Status.UNKNOWN and "transcendental" in (v.reason or ""), v.summary()


def test_a_proof_through_sympys_parametric_limit_needs_a_point_that_confirms_it() -> None:
    # exp(a z) -> oo for a > 0: confirmed by evaluation (it grows past 10^8 and keeps growing), so proven
    ap = sp.Symbol("a", positive=True)
    assert verdict(eq(sp.Limit(1 / (1 + sp.exp(ap * z)), z, sp.oo), 0)).proven
    assert verdict(eq(sp.Limit(1 / (1 + sp.exp(ap * z)), z, sp.oo), 1)).refuted


def test_a_limit_whose_value_no_evaluation_confirms_leaves_the_statement_unknown(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from symproof.prover import engine, remembered

    # SymPy's limit stood in for by a wrong one, in the ladder and the search alike
    def wrong(lim: Any) -> Any:
        return lim.doit() + 1

    monkeypatch.setattr(evaluation, "limit_value", wrong)
    monkeypatch.setattr(remembered, "limit_value", wrong)
    ap = sp.Symbol("a", positive=True)
    v = engine.decide(eq(sp.Limit(ap * z / (z + 1), z, sp.oo), ap + 1), Scope.GENERAL)
    assert not v.proven, v.summary()


def test_a_case_through_a_zero_symbol_reaches_one_point_only() -> None:
    zero = sp.Symbol("z0", zero=True)
    # max(x, 0) = 0 holds in both cases, but the cases reach x <= 0 only (were z0 read as nonnegative, x >= 0)
    v = verdict(eq(sp.Max(x, 0), 0, cases=(Case("x = z0", {x: zero}), Case("x = -t", {x: -t}))))
    assert not v.proven, v.summary()


def test_a_false_statement_the_search_cannot_catch_is_not_proven_through_a_bad_cover() -> None:
    # false only for 0 < x < 1/1000, which random points hardly reach; the third case reaches x > 1/1000 only
    eps = sp.Rational(1, 1000)
    cases = (Case("x = -t", {x: -t}), Case("x = 0", {x: 0}), Case("x = eps + e^t", {x: eps + sp.exp(tr)}))
    v = verdict(eq(sp.Max(x, 0) * sp.Max(eps - x, 0), 0, cases=cases))
    assert not v.proven, v.summary()


# ------------------------------------------------------------------ derivatives with respect to a vector's entry

Kc = sp.Symbol("k", integer=True, positive=True)  # a class, 1 <= k <= K = k + rest
rest = sp.Symbol("r", integer=True, nonnegative=True)
zi = sp.IndexedBase("z", real=True)
iv = sp.Symbol("i", integer=True)


def test_a_derivative_under_a_symbolic_sum_is_not_zero() -> None:
    # d/dz_k sum_i z_i^2 = 2 z_k: the ladder once shielded the sum as a symbol, so that its derivative was 0
    square_sum = sp.Sum(zi[iv] ** 2, (iv, 1, Kc + rest))
    wrong = verdict(eq(sp.Derivative(square_sum, zi[Kc]), 0))
    assert wrong.refuted and wrong.counterexample, wrong.summary()
    assert verdict(eq(sp.Derivative(square_sum, zi[Kc]), 2 * zi[Kc])).proven


def test_the_sampler_evaluates_a_derivative_with_respect_to_an_indexed_entry() -> None:
    # once the index is a number (k = 2) the derivative is taken at the point; it used to leave no point evaluated
    body = sp.Sum(sp.exp(zi[iv]), (iv, 1, Kc + rest))
    assert verdict(eq(sp.Derivative(sp.log(body), zi[Kc]), sp.exp(zi[Kc]) / body)).proven
    assert verdict(eq(sp.Derivative(sp.log(body), zi[Kc]), 1 / body)).refuted


def test_a_class_beyond_the_sum_has_a_zero_derivative() -> None:
    # k > K: z_k is not in the sum, so the softmax-style derivative is 0, not e^{z_k} / sum
    K = rest + 1
    body = sp.Sum(sp.exp(zi[iv]), (iv, 1, K))
    assert verdict(eq(sp.Derivative(sp.log(body), zi[Kc]), sp.exp(zi[Kc]) / body)).refuted
