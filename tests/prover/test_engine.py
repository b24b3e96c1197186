"""The prover's promise: proven means proven, a crash or a timeout is never a proof, counterexamples are real."""

from __future__ import annotations

import os
import random
import time
from typing import Any

import pytest
import sympy as sp

from symproof.prover import (
    AllOf,
    Case,
    Check,
    CheckResult,
    Equal,
    Holds,
    Kind,
    Method,
    Scope,
    Status,
    decide,
    eq,
    prove,
)
from symproof.prover.ladder import LADDER, reduce_to_zero
from symproof.prover.points import random_points, sample_value
from symproof.prover.sampling import find_counterexample
from symproof.prover.sums import canonical_sums

x = sp.Symbol("x", real=True)
b = sp.Symbol("b", real=True)
t = sp.Symbol("t", positive=True)


class Boom(sp.Function):
    """A function SymPy cannot evaluate: every attempt raises."""

    def doit(self, **hints: Any) -> Any:
        raise NotImplementedError("boom")

    def _eval_evalf(self, prec: int) -> Any:
        raise NotImplementedError("boom")


def test_exception_inside_sympy_gives_unknown_not_proven() -> None:
    verdict = decide(eq(Boom(x), 0), Scope.GENERAL)
    assert verdict.status is Status.UNKNOWN
    assert "doit: NotImplementedError" in (verdict.reason or "")


def test_exception_in_the_handler_gives_unknown() -> None:
    class Weird:
        def __sub__(self, other: Any) -> Any:
            raise StopIteration  # what simplify raised on a false softmax variant

    verdict = decide(Equal(Weird(), 1), Scope.GENERAL)
    assert verdict.status is Status.UNKNOWN
    assert verdict.method == Method(Kind.EXCEPTION)


def test_limit_with_a_real_variable_is_split_by_sign() -> None:
    # The limit depends on the sign of x: the ladder's sign split (x > 0, x < 0, x = 0) or explicit cases.
    h = sp.Limit(x / (1 + sp.exp(-b * x)), b, sp.oo)
    unsplit = decide(eq(h, sp.Max(x, 0)), Scope.GENERAL)
    split = decide(eq(h, sp.Max(x, 0), cases=(Case("x>0", {x: t}), Case("x<0", {x: -t}), Case("x=0", {x: 0}))),
                   Scope.GENERAL)
    assert unsplit.proven and any("sign split" in m.rules for m in unsplit.method.leaves())
    assert split.proven and Method(Kind.CASE_SPLIT, cases=("x>0", "x<0", "x=0")) in split.method.leaves()


def test_false_identity_is_refuted_with_a_point_that_really_differs() -> None:
    verdict = decide(eq(x / (1 + sp.exp(-b * x)), x / 2), Scope.GENERAL)
    assert verdict.refuted
    cx = verdict.counterexample
    assert cx is not None
    point = {x: sp.Rational(cx["x"]), b: sp.Rational(cx["b"])}
    assert sp.N((x / (1 + sp.exp(-b * x)) - x / 2).subs(point), 30) != 0


def test_cancellation_does_not_fabricate_a_counterexample() -> None:
    # exp(60 x) (1 + exp(-60 x)) - exp(60 x) = 1 loses every digit of a float64 evaluation at x = 4.
    lhs = sp.exp(60 * t) * (1 + sp.exp(-60 * t)) - sp.exp(60 * t)
    assert find_counterexample(lhs, sp.Integer(1)) is None
    assert decide(eq(lhs, 1), Scope.GENERAL).proven


def test_samples_respect_assumptions_and_domain() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    alpha, beta = sp.symbols("alpha beta", real=True)
    rng = random.Random(1)
    for point in random_points([n, t, alpha, beta], (beta < alpha,), rng, 50):
        assert point[n].is_Integer and point[n] >= 1
        assert point[t] > 0
        assert point[beta] < point[alpha]
    assert all(sample_value(sp.Symbol("m", negative=True), rng) < 0 for _ in range(50))


def test_where_clause_restricts_the_search() -> None:
    alpha, beta = sp.symbols("alpha beta", real=True)
    # max(alpha, beta) = alpha holds exactly on beta < alpha: no counterexample there, one outside.
    assert find_counterexample(sp.Max(alpha, beta), alpha, (beta < alpha,)) is None
    assert find_counterexample(sp.Max(alpha, beta), alpha, (beta > alpha,)) is not None


def test_sums_with_different_dummies_cancel_after_canonicalisation() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    j, k = sp.symbols("j k", integer=True)
    xs = sp.IndexedBase("x", real=True)
    s1, s2 = sp.Sum(sp.exp(xs[j]), (j, 0, n - 1)), sp.Sum(sp.exp(xs[k]), (k, 0, n - 1))
    assert s1 - s2 != 0
    assert canonical_sums(s1 - s2) == 0


def test_false_softmax_variant_is_refuted_not_crashed() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    i, j, k = sp.symbols("i j k", integer=True)
    c = sp.Symbol("c", real=True)
    xs = sp.IndexedBase("x", real=True)
    lhs = sp.exp(c * xs[i]) / sp.Sum(sp.exp(c * xs[j]), (j, 0, n - 1))
    rhs = sp.exp(xs[i]) / sp.Sum(sp.exp(xs[k]), (k, 0, n - 1))
    verdict = decide(eq(lhs, rhs, i >= 0, i <= n - 1), Scope.GENERAL)
    assert verdict.refuted
    assert verdict.counterexample is not None and "n" in verdict.counterexample


def test_lambert_rule_proves_what_simplify_cannot() -> None:
    z = sp.Symbol("z", positive=True)
    expr = sp.exp(sp.LambertW(z)) - z / sp.LambertW(z)
    assert sp.simplify(expr) != 0
    result = reduce_to_zero(expr)
    assert result.zero and "lambert" in result.rules


def test_ladder_rules_are_named_and_ordered_cheap_first() -> None:
    names = [r.name for r in LADDER]
    assert names.index("cancel") < names.index("simplify")
    assert len(set(names)) == len(names)


def test_matrix_identity_is_checked_entrywise() -> None:
    a, c = sp.symbols("a c", real=True)
    good = decide(eq(sp.Matrix([[a + a, 0], [0, c]]), sp.Matrix([[2 * a, 0], [0, c]])), Scope.INSTANCE)
    bad = decide(eq(sp.Matrix([[a, 0], [0, c]]), sp.Matrix([[a, 0], [c, c]])), Scope.INSTANCE)
    shape = decide(eq(sp.Matrix([[a]]), sp.Matrix([[a, a]])), Scope.INSTANCE)
    assert good.proven
    assert bad.refuted and bad.counterexample is not None and bad.counterexample["entry"] == "(1, 0)"
    assert shape.refuted and shape.method.kind is Kind.SHAPE_CHECK


def test_relation_with_a_certificate() -> None:
    a, c = sp.symbols("a c", positive=True)
    u1, u2, bb = sp.symbols("u1 u2 b", real=True)
    quad = a * u1**2 + 2 * bb * u1 * u2 + (c + bb**2 / a) * u2**2
    cert = a * (u1 + bb * u2 / a) ** 2 + c * u2**2
    assert decide(Holds(quad >= 0, certificate=cert), Scope.GENERAL).proven
    wrong_cert = a * (u1 + bb * u2 / a) ** 2 - c * u2**2
    assert decide(Holds(quad >= 0, certificate=wrong_cert), Scope.GENERAL).status is Status.UNKNOWN
    assert decide(Holds(a * u1 - 1 > 0), Scope.GENERAL).refuted


def test_two_relations_that_differ_by_a_positive_factor_are_equivalent_and_no_other_factor_makes_them() -> None:
    j, n = sp.symbols("j n", integer=True, positive=True)
    x = sp.Symbol("x", real=True)
    scaled = decide(Holds(sp.Equivalent(j >= n - 1, 2 * j + 1 >= 2 * n - 1)), Scope.GENERAL)
    assert scaled.proven and scaled.method.kind is Kind.SCALED_RELATIONS
    assert decide(Holds(sp.Equivalent(x > 1, n * (x - 1) > 0)), Scope.GENERAL).proven  # n > 0 by assumption
    # a factor that is not positive everywhere, another relation, another expression: never by this rule
    for relation in (sp.Equivalent(x > 1, (n - 1) * (x - 1) > 0), sp.Equivalent(x > 0, -x > 0),
                     sp.Equivalent(x >= 1, x > 1), sp.Equivalent(j >= n - 1, 2 * j + 1 >= n)):
        verdict = decide(Holds(relation), Scope.GENERAL)
        assert not verdict.proven, relation
    assert decide(Holds(sp.Equivalent(x >= 1, x > 1)), Scope.GENERAL).refuted


def test_conjunction_stops_at_the_first_false_part() -> None:
    calls: list[str] = []

    def never() -> CheckResult:
        calls.append("ran")
        return CheckResult(True)

    verdict = decide(AllOf((("false", eq(x, x + 1)), ("later", Check("never", never)))), Scope.GENERAL)
    assert verdict.refuted and calls == []


def test_timeout_gives_unknown_and_the_run_goes_on() -> None:
    verdict = prove(Check("sleep", lambda: (time.sleep(30), CheckResult(True))[1]), Scope.NUMERIC, timeout=0.5)
    assert verdict.status is Status.UNKNOWN
    assert verdict.method.kind is Kind.TIMEOUT and "timeout after 0.5 s" in (verdict.reason or "")


def test_a_dying_proof_process_is_unknown() -> None:
    verdict = prove(Check("exit", lambda: os._exit(3)), Scope.NUMERIC, timeout=5)
    assert verdict.status is Status.UNKNOWN and verdict.method.kind is Kind.CRASH


def test_nonpositive_timeout_is_rejected() -> None:
    with pytest.raises(ValueError, match="timeout must be > 0"):
        prove(eq(x, x), Scope.GENERAL, timeout=0)


def test_statements_refuse_text() -> None:
    with pytest.raises(TypeError, match="not text"):
        eq("x", 1)


def test_cases_that_miss_part_of_the_domain_never_prove() -> None:
    # |x| = x holds on x >= 0, but the single case x = t > 0 leaves x = 0 out: no proof, and no false refutation.
    partial = decide(eq(sp.Abs(x), x, x >= 0, cases=(Case("x > 0", {x: t}),)), Scope.GENERAL)
    assert partial.status is Status.UNKNOWN and "cover" in (partial.reason or "")
    full = decide(eq(sp.Abs(x), x, x >= 0, cases=(Case("x > 0", {x: t}), Case("x = 0", {x: 0}))), Scope.GENERAL)
    assert full.proven and Method(Kind.CASE_SPLIT, cases=("x > 0", "x = 0")) in full.method.leaves()


def test_cases_outside_the_domain_do_not_hide_a_counterexample() -> None:
    # Cases written for beta < alpha prove nothing about beta > alpha, where the identity is false.
    alpha, beta, p = sp.Symbol("alpha", real=True), sp.Symbol("beta", real=True), sp.Symbol("p", positive=True)
    h = sp.Max(x - alpha, 0) + sp.Max(beta - x, 0)
    case = Case("x = alpha + t, beta = alpha - p", {x: alpha + t, beta: alpha - p})
    verdict = decide(eq(h, x - alpha, x > alpha, beta > alpha, cases=(case,)), Scope.GENERAL)
    assert verdict.refuted and verdict.counterexample is not None
    point = {s: sp.Rational(verdict.counterexample[str(s)]) for s in (x, alpha, beta)}
    assert point[beta] > point[alpha] and point[x] > point[alpha]
    assert h.subs(point) != (x - alpha).subs(point)


def test_an_even_case_does_not_cover_odd_integers() -> None:
    # floor(N/2) * 2 = N is false for odd N; the single case N = 2m must not count as a cover.
    n = sp.Symbol("N", integer=True, positive=True)
    m = sp.Symbol("m", integer=True, positive=True)
    verdict = decide(eq(sp.floor(n / 2) * 2, n, n >= 2, cases=(Case("N = 2m", {n: 2 * m}),)), Scope.GENERAL)
    assert not verdict.proven
    assert verdict.refuted and verdict.counterexample is not None and int(verdict.counterexample["N"]) % 2 == 1


def test_integer_shift_cases_still_cover() -> None:
    n = sp.Symbol("N", integer=True, positive=True)
    p = sp.Symbol("p", integer=True, positive=True)
    cases = (Case("N = 10 + p", {n: 10 + p}), Case("N = 10 - p", {n: 10 - p}), Case("N = 10", {n: 10}))
    verdict = decide(eq(sp.Max(n - 9, 0) + sp.Min(n - 9, 0), n - 9, cases=cases), Scope.GENERAL)
    assert verdict.proven and Method(Kind.CASE_SPLIT, cases=tuple(c.label for c in cases)) in verdict.method.leaves()


def test_a_domain_far_from_the_default_range_is_still_sampled() -> None:
    # N >= 10 is out of reach of the first integer range (1..6): the range must widen, and find N odd here.
    n = sp.Symbol("N", integer=True, positive=True)
    verdict = decide(eq(sp.floor(n / 2) - 4, n / 2 - 4, n >= 10), Scope.GENERAL)
    assert verdict.refuted and verdict.counterexample is not None
    assert int(verdict.counterexample["N"]) >= 10 and int(verdict.counterexample["N"]) % 2 == 1


def test_unknown_reports_how_many_points_were_really_evaluated() -> None:
    verdict = decide(eq(Boom(x), 0), Scope.GENERAL)  # no point can be evaluated
    assert verdict.status is Status.UNKNOWN and "no point of the domain could be evaluated" in (verdict.reason or "")


def test_sizes_as_tuples_compare_entrywise() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    assert decide(eq(sp.Tuple(n + n, 3), sp.Tuple(2 * n, 3)), Scope.GENERAL).proven
    wrong = decide(eq(sp.Tuple(n, 3), sp.Tuple(n, 4)), Scope.GENERAL)
    assert wrong.refuted and wrong.counterexample is not None and wrong.counterexample["entry"] == "(1, 0)"
    assert decide(eq(sp.Tuple(1, 2), sp.Tuple(1, 2, 3)), Scope.GENERAL).refuted
