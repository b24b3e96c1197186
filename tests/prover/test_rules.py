"""The named theorems of prover/rules.py: each computed at n = 1..4 with generic smooth functions, and a wrong
variant of each (a missing v_j, a wrong sign, a dropped term) refused by the matcher and refuted by the prover."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import sympy as sp

from symproof.prover import Derivation, Scope, Step, decide
from symproof.prover.derivation import as_limit_statement, instantiate
from symproof.prover.rules import (
    COMPUTED,
    R_VAR,
    RULES,
    BigO,
    J,
    N,
    at,
    column_sum,
    evaluate_at_zero,
    match,
    order_arithmetic,
)
from symproof.prover.statements import Equal

r = R_VAR
w = sp.MatrixSymbol("w", N, 1)
v = sp.MatrixSymbol("v", N, 1)
c = sp.Symbol("c", real=True)
i = sp.Symbol("i", integer=True, nonnegative=True)
y = w + r * v
F, G = at("f", (), y), at("g", (), y)
GRAD = {"f": "f", "index": (), "x": w, "v": v}


@dataclass(frozen=True)
class Case:
    rule: str
    bindings: dict[str, Any]
    wrong: Callable[[Any, Any], tuple[Any, Any]]  # (X, Y) of the rule -> a wrong (X', Y')
    how: str  # what the wrong variant gets wrong
    # A concrete stand-in for the O(r^k) remainders, so that an instance can be evaluated (None: no remainder).
    remainder: Callable[[Any], Any] | None = None


CASES = [
    Case("chain rule", GRAD, lambda x, yy: (x, column_sum(at("f", (J,), y))), "a missing v_j"),
    Case("linearity of d/dr", {"c": c, "a": F}, lambda x, yy: (x, sp.Derivative(F, r)), "a dropped factor c"),
    Case("product rule", {"a": F, "b": G}, lambda x, yy: (x, sp.Derivative(F, r) * G), "a dropped term"),
    Case("derivative as a limit", {"a": F},
         lambda x, yy: (x, sp.Limit((at("f", (), w) - F) / r, r, 0, dir="+-")), "a wrong sign"),
    Case("Taylor", GRAD, lambda x, yy: (x, at("f", (), w) + BigO(r**2, 1)), "a dropped first-order term"),
    Case("limit of a sum", {"a": F, "b": G},
         lambda x, yy: (x, sp.Limit(F, r, 0, dir="+-") - sp.Limit(G, r, 0, dir="+-")), "a wrong sign"),
    Case("constant out of an evaluation", {"c": c, "a": sp.Derivative(F, r)},
         lambda x, yy: (x, sp.Subs(sp.Derivative(F, r), r, 0)), "a dropped factor c"),
    # lim O(r^k) = 0: the remainder stands for r^k g(w + r v); the wrong variant is O(1), whose limit need not be 0.
    Case("limit of O(r^k)", {"k": 2}, lambda x, yy: (sp.Limit(BigO(sp.S.One, 1), r, 0, dir="+-"), yy),
         "order 0 instead of 2",
         remainder=lambda k: r**k * at("g", (), y)),
]


def _concrete(e: Any, n: int, remainder: Callable[[Any], Any] | None) -> Any:
    if remainder is not None:
        e = e.replace(lambda x: isinstance(x, BigO), lambda o: remainder(sp.degree(o.args[0], r)))
    return instantiate(e, n)


def _instance_statement(x: Any, yy: Any, n: int, remainder: Callable[[Any], Any] | None) -> Equal:
    lhs, rhs = _concrete(x, n, remainder), _concrete(yy, n, remainder)
    if rhs.has(BigO):  # Taylor: X = main + O(r^2) means lim (X - main) / r = 0
        lhs, rhs = as_limit_statement(lhs, rhs)
    return Equal(lhs, rhs)


def test_every_rule_has_a_case() -> None:
    assert {case.rule for case in CASES} == set(RULES)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_rule_holds_when_computed_at_fixed_n(case: Case, n: int) -> None:
    x, yy = RULES[case.rule].sides(**case.bindings)
    verdict = decide(_instance_statement(x, yy, n, case.remainder), Scope.INSTANCE)
    assert verdict.proven, verdict.summary()


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_rule_instance_is_accepted_by_the_matcher(case: Case) -> None:
    x, yy = RULES[case.rule].sides(**case.bindings)
    assert match(case.rule, case.bindings, x, yy) is None
    if not (x.has(BigO) or yy.has(BigO)):  # an equality may be used right to left, unless it moves a remainder
        assert match(case.rule, case.bindings, yy, x) is None


@pytest.mark.parametrize("case", CASES, ids=[f"{case.rule}: {case.how}" for case in CASES])
def test_wrong_variant_is_refused_by_the_matcher(case: Case) -> None:
    x, yy = RULES[case.rule].sides(**case.bindings)
    wx, wy = case.wrong(x, yy)
    assert (wx, wy) != (x, yy)
    assert match(case.rule, case.bindings, wx, wy) is not None


@pytest.mark.parametrize("case", CASES, ids=[f"{case.rule}: {case.how}" for case in CASES])
def test_wrong_variant_is_refuted_by_the_prover(case: Case) -> None:
    x, yy = RULES[case.rule].sides(**case.bindings)
    wx, wy = case.wrong(x, yy)
    if case.remainder is not None:  # O(r^k) has no value: its concrete stand-in, at the wrong order, is refuted
        verdict = decide(_instance_statement(wx, wy, 2, case.remainder), Scope.INSTANCE)
    else:
        verdict = decide(Derivation(wx, (Step(wy, case.rule, case.bindings),)), Scope.CITED)
    assert verdict.refuted, verdict.summary()
    assert verdict.counterexample


def test_side_conditions_are_checked() -> None:
    # c must not depend on r for d/dr (c A) = c dA/dr; a limit of a sum needs both limits to exist.
    x, yy = RULES["linearity of d/dr"].sides(c=r, a=F)
    assert "side condition" in (match("linearity of d/dr", {"c": r, "a": F}, x, yy) or "")
    weird = sp.sin(1 / r)
    x, yy = RULES["limit of a sum"].sides(a=weird, b=-weird)
    assert "side condition" in (match("limit of a sum", {"a": weird, "b": -weird}, x, yy) or "")
    x, yy = RULES["limit of O(r^k)"].sides(k=0)
    assert "side condition" in (match("limit of O(r^k)", {"k": 0}, x, yy) or "")


def test_a_rule_applies_inside_a_context_only_where_its_instance_occurs() -> None:
    x, yy = RULES["chain rule"].sides(**GRAD)
    assert match("chain rule", GRAD, sp.Subs(x, r, 0), sp.Subs(yy, r, 0)) is None
    assert match("chain rule", GRAD, sp.Subs(x, r, 0), sp.Subs(yy, r, 0) + 1) is not None
    assert match("chain rule", GRAD, sp.Subs(F, r, 0), sp.Subs(F, r, 0)) is not None  # nothing rewritten


def test_unknown_rule_and_bad_bindings_are_refused() -> None:
    assert match("l'Hopital", {}, F, F) is not None
    assert match("chain rule", {"f": "f"}, F, F) is not None


def test_evaluate_at_zero_substitutes_only_outside_derivatives() -> None:
    e = sp.Subs(sp.Derivative(F, r) * G + c * F, r, 0)
    done = evaluate_at_zero(e)
    assert done == sp.Subs(sp.Derivative(F, r), r, 0) * at("g", (), w) + c * at("f", (), w)
    assert "evaluate at r = 0" in COMPUTED


def test_order_arithmetic_absorbs_only_constant_multiples() -> None:
    s = column_sum(at("f", (i, J), w) * v[J, 0])
    assert order_arithmetic((r * s + BigO(r**2, 1)) / r) == s + BigO(r, 2)
    assert order_arithmetic(3 * BigO(r**2, 1) + BigO(r**3, 2)) == BigO(r**2, 3)  # a new remainder, a fresh tag
    assert order_arithmetic(BigO(r**2, 1) + F) == BigO(r**2, 1) + F  # nothing absorbed: the same remainder
    # a factor depending on the point is not a constant: kept, never absorbed, and never confused with the new one
    mixed = order_arithmetic(F * BigO(r**2, 1) + 3 * BigO(r**2, 1))
    assert mixed.has(F * BigO(r**2, 1)) and mixed.has(BigO(r**2, 2))


def test_partials_are_symmetric_in_their_indices() -> None:
    assert at("f", (J, i), w) == at("f", (i, J), w)


def test_a_derivation_with_a_wrong_computed_step_is_refuted() -> None:
    x, yy = RULES["chain rule"].sides(f="f", index=(i,), x=w, v=v)
    start = sp.Subs(x, r, 0)
    wrong = column_sum(at("f", (i, J), w) * v[J, 0]) / 2
    verdict = decide(Derivation(start, (Step(sp.Subs(yy, r, 0), "chain rule", {"f": "f", "index": (i,), "x": w,
                                                                             "v": v}),
                                        Step(wrong, "evaluate at r = 0")), index=i), Scope.CITED)
    assert verdict.refuted, verdict.summary()


def test_two_remainders_never_cancel() -> None:
    # g(w + r v) - g(w - r v) by Taylor twice: the remainders differ, so the difference is not exactly 2 r S.
    s = column_sum(at("f", (J,), w) * v[J, 0])
    start = at("f", (), w + r * v) - at("f", (), w - r * v)
    first = at("f", (), w) + r * s + BigO(r**2, 1) - at("f", (), w - r * v)
    minus = {"f": "f", "index": (), "x": w, "v": -v}
    reused = Derivation(start, (Step(first, "Taylor", GRAD),
                                Step(first.xreplace({at("f", (), w - r * v): RULES["Taylor"].sides(**minus)[1]}),
                                     "Taylor", minus)))
    verdict = decide(reused, Scope.CITED)
    assert not verdict.proven, verdict.summary()
    assert "tag not yet used" in (verdict.reason or "")
    fresh = {**minus, "tag": 2}
    second = first.xreplace({at("f", (), w - r * v): RULES["Taylor"].sides(**fresh)[1]})
    assert second.has(BigO(r**2, 1)) and second.has(BigO(r**2, 2))
    assert decide(Derivation(start, (Step(first, "Taylor", GRAD), Step(second, "Taylor", fresh))), Scope.CITED).proven


def test_taylor_is_never_used_right_to_left() -> None:
    x, yy = RULES["Taylor"].sides(**GRAD)
    assert match("Taylor", GRAD, yy, x) is not None


def test_derivative_rules_need_differentiable_bindings() -> None:
    kink = sp.Abs(r)
    x, yy = RULES["product rule"].sides(a=kink, b=F)
    assert "side condition" in (match("product rule", {"a": kink, "b": F}, x, yy) or "")


def test_the_summation_index_cannot_be_captured() -> None:
    bindings = {"f": "f", "index": (J,), "x": w, "v": v}
    x, yy = RULES["chain rule"].sides(**bindings)
    assert "side condition" in (match("chain rule", bindings, x, yy) or "")


def test_evaluation_never_substitutes_a_bound_r() -> None:
    inner = sp.Limit(F, r, 0, dir="+-")
    assert evaluate_at_zero(sp.Subs(inner * G, r, 0)) == sp.Subs(inner, r, 0) * at("g", (), w)


def test_a_point_not_polynomial_in_r_is_not_smooth_in_r() -> None:
    far = at("f", (), w + v / r)
    x, yy = RULES["derivative as a limit"].sides(a=F)
    assert match("derivative as a limit", {"a": F}, x, yy) is None
    assert "side condition" in (match("derivative as a limit", {"a": far}, sp.S.Zero, sp.S.One) or "")
    x, yy = RULES["limit of a sum"].sides(a=far, b=F)
    assert "side condition" in (match("limit of a sum", {"a": far, "b": F}, x, yy) or "")


def test_a_finite_sum_of_nonnegative_terms_is_nonnegative() -> None:
    from symproof.prover.sums import NonnegativeSum

    k = sp.Symbol("k", integer=True)
    big_k = sp.Symbol("K", integer=True, positive=True)
    q = sp.IndexedBase("q", nonnegative=True)
    a = sp.IndexedBase("a", real=True)
    assert NonnegativeSum(q[k], (k, 2, big_k)).is_nonnegative  # empty for K = 1: 0
    assert NonnegativeSum(a[k], (k, 2, big_k)).is_nonnegative is None  # terms of either sign
    assert NonnegativeSum(q[k], (k, 5, big_k)).is_nonnegative is None  # K = 1: a reversed sum, -(q_2 + q_3)
