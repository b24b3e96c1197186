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


# ------------------------------------------------------------------------------- closed forms of symbolic sums

nn = sp.Symbol("n", integer=True, nonnegative=True)


@pytest.mark.parametrize(("lo", "hi", "false"), [
    (0, nn, 0),  # SymPy's summation says 0: it is 1 at n = 0
    (1, nn, -1),  # simplify's summation says -1: it is 0 at n = 0
    (0, nn - 1, -(-1) ** nn),  # an empty sum at n = 0, not -1
], ids=["to n", "from 1", "to n - 1"])
def test_a_closed_form_sympy_gets_wrong_at_the_boundary_is_not_proven(lo: Any, hi: Any, false: Any) -> None:
    not_proven(eq(sp.Sum((-1) ** k * sp.binomial(nn, k), (k, lo, hi)), false))


def test_closed_forms_are_proven_by_their_recurrence() -> None:
    # C(lo - 1) = 0 and C(B) - C(B - 1) = f(B): the closed form is the sum for every integer bound
    m = sp.Symbol("m", integer=True)
    assert verdict(eq(sp.Sum(1 / (k * (k + 1)), (k, 1, m)), 1 - 1 / (m + 1))).proven
    assert verdict(eq(sp.Sum(1 / k, (k, 1, m)), sp.harmonic(m))).proven
    assert verdict(eq(sp.Sum(k**3, (k, 1, m)), (m * (m + 1) / 2) ** 2)).proven


def test_a_delta_sum_over_a_reversed_range_is_not_sympys_piecewise() -> None:
    # SymPy sums KroneckerDelta(j, k) z_j over 1..n to z_k if 1 <= k <= n else 0; under Karr's convention the sum
    # over 1..-3 is minus the sum over -2..0, which is -z_{-1} at k = -1
    kd = sp.Symbol("k", integer=True)
    sympys = sp.Piecewise((zi[kd], (kd >= 1) & (kd <= n)), (0, True))
    not_proven(eq(sp.Sum(sp.KroneckerDelta(iv, kd) * zi[iv], (iv, 1, n)), sympys))
    karr = sp.Piecewise((sympys, n >= 0), (sp.Piecewise((-zi[kd], (kd >= n + 1) & (kd <= 0)), (0, True)), True))
    assert not verdict(eq(sp.Sum(sp.KroneckerDelta(iv, kd) * zi[iv], (iv, 1, n)), karr)).refuted


# ------------------------------------------------------------- a sum inside an integral, a Subs, a product, a limit

alt = sp.Sum((-1) ** k * sp.binomial(nn, k), (k, 0, nn))  # 1 at n = 0, 0 after: SymPy's summation says 0


@pytest.mark.parametrize("inside", [sp.Subs(alt + x, x, 0), sp.Integral(2 * x * alt, (x, 0, 1)),
                                    sp.Product(alt, (sp.Symbol("j", integer=True), 1, 2)),
                                    sp.Limit(alt * (sp.sqrt(1 + x) - 1) / x * 2, x, 0)],
                         ids=["subs", "integral", "product", "taylor"])
def test_a_sum_inside_an_operator_is_not_summed_by_sympy(inside: Any) -> None:
    not_proven(eq(inside, 0))
    assert not verdict(eq(inside, alt)).refuted


def test_a_sum_shielded_outside_an_integral_is_not_shielded_inside_it() -> None:
    # the same sum of x outside and inside an integral over x was one symbol, so that int_0^1 S(x) dx = S(x)
    s = sp.Sum(k * x, (k, 1, nn))
    for op in (sp.Integral(s, (x, 0, 1)), sp.Subs(s, x, 2)):
        not_proven(eq(op, s))
    assert verdict(eq(sp.Integral(s, (x, 0, 1)), s / (2 * x))).proven


def test_the_sampler_keeps_a_bound_variable_that_is_also_free_apart_from_the_point() -> None:
    # x is free and is also the variable of the integral, the Subs, the limit: substituting the point reached the
    # bound x too (an integral over the number 5/2), so no point was evaluated
    s = sp.Sum(k * x, (k, 1, nn))
    for op in (sp.Integral(s, (x, 0, 1)), sp.Subs(s, x, 2), sp.Limit(s, x, 1), sp.Sum(k, (k, 1, nn)) + k * s):
        v = verdict(eq(op, s))
        assert v.refuted and v.counterexample, v.summary()


# ----------------------------------------------------------------------------- sums over several indices

jj = sp.Symbol("j", integer=True)


def test_an_inner_bound_naming_the_outer_index_is_renamed_with_it() -> None:
    # canonical sums renamed the indices one by one: Sum(1, (j, 1, k), (k, 1, n)) became a sum over 1..k with k
    # free, i.e. n k; with a domain no sample reaches, n k was proven
    double = sp.Sum(1, (jj, 1, k), (k, 1, nn))
    not_proven(eq(double, nn * k, k > 10**6))
    assert verdict(eq(double, nn * (nn + 1) / 2)).proven


def test_a_symbol_named_like_a_canonical_index_stays_free() -> None:
    user = sp.Symbol("_k0", integer=True)
    not_proven(eq(sp.Sum(user * k, (k, 1, nn)), sp.Sum(k * k, (k, 1, nn))))
    assert verdict(eq(sp.Sum(user * k, (k, 1, nn)), user * nn * (nn + 1) / 2)).proven
    user_p = sp.Symbol("_p0", integer=True)
    not_proven(eq(sp.Product(user_p + k, (k, 1, 3)) - sp.Product(2 * k, (k, 1, 3)), 0, user_p > 10**6))


def test_a_sum_over_a_non_integer_range_keeps_its_index() -> None:
    # j runs over 1/2, 3/2, ...: an integer index would make sin(pi j) = 0
    j_any = sp.Symbol("j")
    half = sp.Sum(sp.sin(sp.pi * j_any), (j_any, sp.Rational(1, 2), nn))
    not_proven(eq(half, 0))


def test_the_sampler_writes_out_inner_sums_instead_of_trusting_their_closed_form() -> None:
    # Sum_{k=0}^{n} Sum_{j=0}^{k} (-1)^j C(k, j) = 1 (only k = 0 counts); SymPy sums the inner one to 0, so the
    # sampler computed 0 at n = 1 and refuted a true statement
    nested = sp.Sum((-1) ** jj * sp.binomial(k, jj), (jj, 0, k), (k, 0, nn))
    assert not verdict(eq(nested, 1)).refuted
    assert verdict(eq(nested, 0)).refuted


def test_an_index_only_in_a_derivatives_variable_gets_a_value() -> None:
    # d/dz_{r+s+1} of a sum over 1..r: s is in no free symbol SymPy lists, so no point was evaluated (unknown)
    s_ = sp.Symbol("s", integer=True, nonnegative=True)
    beyond = sp.Derivative(sp.Sum(sp.Rational(3, 2) * zi[iv], (iv, 1, rest)), zi[rest + 1 + s_])
    v = verdict(eq(beyond, sp.Rational(3, 2)))
    assert v.refuted and v.counterexample, v.summary()
    assert verdict(eq(beyond, 0)).proven


# ------------------------------------------------------------------------------------------------- integrals

def test_sympys_integral_of_a_jump_is_not_trusted() -> None:
    # atan(tan x) = x - pi on (pi/2, pi]: the integral over [0, pi] is 0; SymPy's integrate says -pi^2/2
    jump = sp.Integral(sp.atan(sp.tan(x)), (x, 0, sp.pi))
    not_proven(eq(jump, -sp.pi**2 / 2))
    assert not verdict(eq(jump, 0)).refuted


def test_integrals_of_entire_functions_are_still_decided() -> None:
    assert verdict(eq(sp.Integral(x**2 * sp.exp(x), (x, 0, 1)), sp.E - 2)).proven
    squared = sp.Integral(sp.sin(t * x) ** 2, (x, 0, sp.pi))
    assert verdict(eq(squared, sp.pi / 2 - sp.sin(2 * sp.pi * t) / (4 * t))).proven
    assert verdict(eq(sp.Integral(x**2 * sp.exp(x), (x, 0, 1)), sp.E - 1)).refuted


def test_a_derivative_at_a_kink_under_a_binder_is_not_one_symbol() -> None:
    # d/dz_i |z_i| under a sum over i has a value per term: one opaque symbol for it made the sum twice itself
    kinked = sp.Derivative(sp.Abs(zi[iv]), zi[iv])
    big = sp.Symbol("N", integer=True, positive=True)
    not_proven(eq(sp.Sum(kinked, (iv, 1, 2)), 2 * kinked))
    not_proven(eq(sp.Sum(kinked, (iv, 1, big)), big * kinked, big > 10**6))
    # and d/da |x - a| under an integral over x
    moving = sp.Derivative(sp.Abs(x - a), a)
    not_proven(eq(sp.Integral(moving, (x, 0, 1)), moving, x > 10**6, a > 10**6))


# ------------------------------------------------------------------------------ an index declared off its range

def test_a_sum_whose_positive_index_runs_over_negative_values_is_never_proven() -> None:
    # SymPy reads k's declaration, not the range: |sum_{k=-5}^{n} k| is built as the sum itself, and
    # sum_{k=-5}^{-1} |k| as sum k, though at n = 2 the sum is -12 and the second pair is 15 against -15
    kp = sp.Symbol("k", positive=True)
    npos = sp.Symbol("n", integer=True, positive=True)
    s = sp.Sum(kp, (kp, -5, npos))
    assert s.subs(npos, 2).doit() == -12  # the sum SymPy would have called nonnegative
    for st in (eq(sp.Abs(s), s), eq(sp.sqrt(s**2), s), eq(sp.Sum(sp.Abs(kp), (kp, -5, -1)), sp.Sum(kp, (kp, -5, -1))),
               Holds(sp.GreaterThan(s, 0, evaluate=False))):
        v = not_proven(st)
        assert "does not provably give it" in (v.reason or ""), v.summary()


def test_a_positive_index_on_a_positive_range_is_still_decided() -> None:
    kp = sp.Symbol("k", positive=True, integer=True)
    npos = sp.Symbol("n", integer=True, positive=True)
    assert verdict(eq(sp.Sum(kp, (kp, 1, npos)), npos * (npos + 1) / 2)).proven
    assert not_proven(eq(sp.Sum(kp, (kp, 1, n)), n * (n + 1) / 2)).status is Status.UNKNOWN  # n = -2 reaches k = 0
