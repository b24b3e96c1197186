"""Cited steps attacked: points and directions that move with r, vectors of another size, evaluations at r = 0
of what is undefined there, limits of parts that do not converge, remainders with reused or infinite factors,
sums over ranges their index's assumptions contradict. None is proven; the true rule instances still are."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symproof.prover import Derivation, Scope, Step, decide
from symproof.prover.rules import (
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
from symproof.prover.sums import NonnegativeSum
from symproof.prover.verdict import Status

r = R_VAR
w, v, u = (sp.MatrixSymbol(name, N, 1) for name in "wvu")
i = sp.Symbol("i", integer=True, nonnegative=True)
F, G = at("f", (), w + r * v), at("g", (), w + r * v)
ELEMENT = sp.matrices.expressions.matexpr.MatrixElement


def cited(start: Any, *steps: Step, index: Any = None, scope: Scope = Scope.CITED) -> Any:
    return decide(Derivation(start, tuple(steps), index=index), scope)


def instance(rule: str, bindings: dict[str, Any]) -> Any:
    """The rule's own instance X = Y as a one-step derivation."""
    x, y = RULES[rule].sides(**bindings)
    return cited(x, Step(y, rule, bindings))


# --- holes found and closed -----------------------------------------------------------------------------------

MOVING = {
    "x = w + r u": {"x": w + r * u, "v": v},  # d/dr f(w + r(u + v)) has u_j + v_j
    "v = r u": {"x": w, "v": r * u},  # f(w + r^2 u): the derivative is 2 r sum_j f_j u_j
    "v = u / r": {"x": w, "v": u / r},  # f(w + u) is no Taylor expansion about w as r -> 0
}


@pytest.mark.parametrize("rule", ["chain rule", "Taylor"])
@pytest.mark.parametrize("name", list(MOVING))
def test_the_point_and_direction_are_fixed(rule: str, name: str) -> None:
    bindings = {"f": "f", "index": (), **MOVING[name]}
    assert "depends on r" in (match(rule, bindings, *RULES[rule].sides(**bindings)) or "")
    assert not instance(rule, bindings).proven  # Taylor with v = u / r was "proven"


@pytest.mark.parametrize("rule", ["chain rule", "Taylor"])
def test_the_vectors_have_size_n(rule: str) -> None:
    # sum_{j < n} over vectors of size m: "proven" before, false for m != n.
    m = sp.Symbol("m", integer=True, positive=True)
    bindings = {"f": "f", "index": (), "x": sp.MatrixSymbol("w", m, 1), "v": sp.MatrixSymbol("v", m, 1)}
    assert "not a column of size n" in (match(rule, bindings, *RULES[rule].sides(**bindings)) or "")
    verdict = instance(rule, bindings)
    assert not verdict.proven and "not a column of size n" in (verdict.reason or ""), verdict.summary()


UNDEFINED_AT_ZERO = {
    "1/r = zoo": (1 / r, sp.zoo),
    "Heaviside(0) = 1/2": (sp.Heaviside(r), sp.Rational(1, 2)),
    "sign(0) + 1 = 1": (sp.sign(r) + 1, sp.Integer(1)),
    "r f(w + v/r) = 0 at r = 0": (r * at("f", (), w + v / r), sp.Integer(0)),
    "f(w + v/r) + g(w + r v) keeps both": (at("f", (), w + v / r) + G,
                                          sp.Subs(at("f", (), w + v / r), r, 0) + at("g", (), w)),
}


@pytest.mark.parametrize("name", list(UNDEFINED_AT_ZERO))
def test_evaluation_at_zero_is_only_of_what_is_defined_there(name: str) -> None:
    expr, value = UNDEFINED_AT_ZERO[name]
    verdict = cited(sp.Subs(expr, r, 0), Step(value, "evaluate at r = 0"))
    assert not verdict.proven, verdict.summary()
    assert evaluate_at_zero(sp.Subs(expr, r, 0)) == sp.Subs(expr, r, 0)  # kept whole


def test_a_limit_of_a_sum_needs_parts_that_converge() -> None:
    # An entry of v / r has no limit at 0; it was read as "smooth" (every MatrixElement was).
    blows_up = ELEMENT(sp.MatMul(1 / r, v), 0, 0)
    bindings = {"a": blows_up, "b": F - blows_up}
    assert "not known to exist" in (match("limit of a sum", bindings, *RULES["limit of a sum"].sides(**bindings))
                                    or "")
    assert not instance("limit of a sum", bindings).proven
    inverse = ELEMENT(sp.Inverse(sp.MatrixSymbol("A", N, N) + r * sp.MatrixSymbol("B", N, N)), 0, 0)
    bindings = {"a": inverse, "b": F}
    assert match("limit of a sum", bindings, *RULES["limit of a sum"].sides(**bindings)) is not None
    fine = {"a": ELEMENT(w + r * v, i, 0), "b": F}  # an entry of a point polynomial in r converges
    assert match("limit of a sum", fine, *RULES["limit of a sum"].sides(**fine)) is None


@pytest.mark.parametrize("bounds", [(0, r), (0, sp.oo), (r, 3)])
def test_a_sum_is_smooth_only_over_a_fixed_finite_range(bounds: tuple[Any, Any]) -> None:
    k = sp.Symbol("k", integer=True, nonnegative=True)
    a = sp.Sum(k * F, (k, *bounds))
    bindings = {"a": a, "b": G}
    assert "differentiable" in (match("product rule", bindings, *RULES["product rule"].sides(**bindings)) or "")


def test_the_variable_is_a_real_symbol_and_smoothness_is_read_in_it() -> None:
    s = sp.Symbol("s", real=True)
    far = at("f", (), w + v / s)  # polynomial in r (it does not contain r), not in s
    bindings = {"a": far, "b": at("g", (), w) - far, "r": s}
    assert "not known to exist" in (match("limit of a sum", bindings, *RULES["limit of a sum"].sides(**bindings))
                                    or "")
    assert "real symbol" in (match("Taylor", {"f": "f", "index": (), "x": w, "v": v, "r": 2 * r}, F, F) or "")


def test_a_remainder_tag_is_a_positive_integer() -> None:
    bindings = {"f": "f", "index": (), "x": w, "v": v, "tag": r}
    assert "tag" in (match("Taylor", bindings, F, F) or "")


def test_an_infinite_factor_is_never_absorbed_into_a_remainder() -> None:
    # oo O(r^2) = O(r^2) was computed; so was zoo O(r^2).
    for big in (sp.oo, sp.zoo):
        e = big * BigO(r**2, 1) + F
        assert not any(isinstance(t, BigO) and t.args[1] != 1 for t in sp.Add.make_args(order_arithmetic(e)))


def test_a_tag_new_to_the_step_but_used_earlier_is_refused() -> None:
    # O_1 in the start, absorbed into O_2, then a Taylor remainder named O_1 again: start and end would give the
    # tag 1 two meanings.
    bindings = {"f": "f", "index": (), "x": w, "v": v, "tag": 1}
    s = column_sum(at("f", (J,), w) * v[J, 0])
    start = 2 * BigO(r**2, 1) + F
    absorbed = BigO(r**2, 2) + F
    expanded = BigO(r**2, 2) + at("f", (), w) + r * s + BigO(r**2, 1)
    verdict = cited(start, Step(absorbed, "order arithmetic"), Step(expanded, "Taylor", bindings))
    assert not verdict.proven and "used earlier" in (verdict.reason or ""), verdict.summary()
    fresh = {**bindings, "tag": 3}
    ok = cited(start, Step(absorbed, "order arithmetic"), Step(expanded.xreplace({BigO(r**2, 1): BigO(r**2, 3)}),
                                                                  "Taylor", fresh))
    assert ok.proven, ok.summary()


# A remainder depends on the symbols of its expansion without showing them: F(w + r u + t v) - F(w + r u) - t S is
# O(t^2) and depends on r. Brought in under lim_{r -> 0}, split off by the limit of a sum and read as a constant,
# it cancelled against the same tag outside the limit: lim F(w + r u + t v) - F(w + r u + t v) = lim (F(w + r u)
# + t S(w + r u)) - F(w + r u) - t S(w + r u) was proven (false: the two differ by R(t; 0) - R(t; r)).
t_ = sp.Symbol("t", real=True)
s_ = sp.Symbol("s", real=True)
HIDDEN = {"f": "f", "index": (), "x": w + r * u, "v": v, "tag": 1, "r": t_}


def _hidden_cancellation() -> tuple[Any, tuple[Step, ...]]:
    x, y = RULES["Taylor"].sides(**HIDDEN)
    start = sp.Limit(x, r, 0, dir="+-") - x
    expanded = start.xreplace({x: y})
    o = BigO(t_**2, 1)
    split = {"a": y - o, "b": o}
    lx, ly = RULES["limit of a sum"].sides(**split)
    apart = expanded.xreplace({lx: ly})
    read = apart.xreplace({sp.Limit(o, r, 0, dir="+-"): o})
    return start, (Step(expanded, "Taylor", HIDDEN), Step(apart, "limit of a sum", split),
                   Step(read, "evaluate at r = 0"), Step(sp.expand(read), "order arithmetic"))


def test_a_remainder_is_never_brought_in_where_a_symbol_of_its_expansion_is_bound() -> None:
    start, steps = _hidden_cancellation()
    assert "is bound" in (match("Taylor", HIDDEN, start, steps[0].expr) or "")
    assert not cited(start, *steps).proven
    x, y = RULES["Taylor"].sides(**HIDDEN)
    assert "is bound" in (match("Taylor", HIDDEN, sp.Subs(x, r, 0), sp.Subs(y, r, 0)) or "")
    scaled = {"f": "f", "index": (), "x": s_ * w, "v": v, "tag": 1}  # d/ds of the remainder is not 0
    x, y = RULES["Taylor"].sides(**scaled)
    assert "is bound" in (match("Taylor", scaled, sp.Derivative(x, s_), sp.Derivative(y, s_)) or "")
    # Bound in its own variable, the remainder shows it: still an instance.
    x, y = RULES["Taylor"].sides(f="f", index=(), x=w, v=v, tag=1)
    assert match("Taylor", {"f": "f", "index": (), "x": w, "v": v, "tag": 1},
                 sp.Limit(x / r, r, 0, dir="+-"), sp.Limit(y / r, r, 0, dir="+-")) is None


def test_a_remainder_is_never_read_as_free_of_a_variable() -> None:
    o = BigO(t_**2, 1)  # may depend on r
    assert "not known to exist" in (match("limit of a sum", {"a": F, "b": o}, sp.Limit(F + o, r, 0, dir="+-"),
                                          sp.Limit(F, r, 0, dir="+-") + sp.Limit(o, r, 0, dir="+-")) or "")
    assert evaluate_at_zero(sp.Limit(o, r, 0, dir="+-")) == sp.Limit(o, r, 0, dir="+-")
    for rule in ("linearity of d/dr", "constant out of an evaluation"):
        bindings = {"c": o, "a": F}
        x, y = RULES[rule].sides(**bindings)
        assert "depends on r" in (match(rule, bindings, x, y) or ""), rule
        assert "depends on r" in (match(rule, bindings, y, x) or ""), rule
    moved = {"f": "f", "index": (), "x": w + o * u, "v": v}
    for rule in ("chain rule", "Taylor"):
        assert "depends on r" in (match(rule, moved, *RULES[rule].sides(**moved)) or ""), rule
    assert "not known to be differentiable" in (match(
        "derivative as a limit", {"a": at("f", (), w + o * u)},
        *RULES["derivative as a limit"].sides(a=at("f", (), w + o * u))) or "")


def test_a_proof_citing_rules_never_says_general() -> None:
    bindings = {"f": "f", "index": (i,), "x": w, "v": v}
    x, y = RULES["chain rule"].sides(**bindings)
    verdict = cited(x, Step(y, "chain rule", bindings), index=i, scope=Scope.GENERAL)
    assert verdict.proven and verdict.scope is Scope.CITED
    computed = cited(sp.Subs(G, r, 0), Step(at("g", (), w), "evaluate at r = 0"), scope=Scope.GENERAL)
    assert computed.proven and computed.scope is Scope.GENERAL  # computed only: general stays general


def test_a_nonnegative_sum_reads_its_terms_on_its_range() -> None:
    big_k = sp.Symbol("K", integer=True, positive=True)
    k_pos = sp.Symbol("k", integer=True, nonnegative=True)
    k = sp.Symbol("k", integer=True)
    # k >= 0 is declared, but the range starts at -5: sum_{k=-5}^{0} k = -15. It was "nonnegative" and "positive".
    assert NonnegativeSum(k_pos, (k_pos, -5, big_k)).is_nonnegative is None
    assert NonnegativeSum(k_pos, (k_pos, -5, big_k)).is_positive is None
    assert NonnegativeSum(k_pos, (k_pos, 0, big_k)).is_nonnegative  # from 0 it is
    assert NonnegativeSum(sp.Integer(1), (k, sp.Rational(1, 2), big_k)).is_nonnegative is None  # not an integer range
    assert NonnegativeSum(sp.Integer(1), (k, 1, sp.oo)).is_nonnegative is None  # infinite
    p = sp.IndexedBase("p", positive=True)
    assert NonnegativeSum(p[k], (k, 1, big_k)).is_positive  # at least one positive term
    assert NonnegativeSum(p[k], (k, 2, big_k)).is_positive is None  # empty for K = 1
    assert NonnegativeSum(p[k], (k, big_k + 3, big_k)).is_nonnegative is None  # reversed: -(p_{K+1} + p_{K+2})


# --- attacks the prover resisted: kept ------------------------------------------------------------------------


def test_orders_zero_and_negative_do_not_vanish() -> None:
    for k in (0, -1):
        verdict = cited(sp.Limit(BigO(r**k, 1), r, 0, dir="+-"), Step(sp.S.Zero, "limit of O(r^k)", {"k": k}))
        assert not verdict.proven


def test_a_constant_depending_on_r_is_refused_and_refuted() -> None:
    for c in (r, sp.sin(r)):
        verdict = instance("linearity of d/dr", {"c": c, "a": F})
        assert verdict.refuted, verdict.summary()


def test_a_wrong_index_is_refused_and_refuted() -> None:
    bindings = {"f": "f", "index": (i,), "x": w, "v": v}
    x, _ = RULES["chain rule"].sides(**bindings)
    for wrong in (column_sum(at("f", (J, J), w + r * v) * v[J, 0]),  # f_jj instead of f_ij
                  column_sum(at("f", (i, J), w + r * v) * v[i, 0]),  # v_i instead of v_j
                  column_sum(at("f", (i, J), w + r * v))):  # a missing v_j
        assert match("chain rule", bindings, x, wrong) is not None
        verdict = cited(x, Step(wrong, "chain rule", bindings), index=i)
        assert verdict.refuted, verdict.summary()


# --- statements near true ones (Hypothesis) --------------------------------------------------------------------

CASES: dict[str, dict[str, Any]] = {
    "chain rule": {"f": "f", "index": (i,), "x": w, "v": v},
    "linearity of d/dr": {"c": sp.Symbol("c", real=True), "a": F},
    "product rule": {"a": F, "b": G},
    "derivative as a limit": {"a": F},
    "constant out of an evaluation": {"c": sp.Symbol("c", real=True), "a": sp.Derivative(F, r)},
}
MUTATIONS = {
    "double": lambda e: 2 * e,
    "negate": lambda e: -e,
    "plus one": lambda e: e + 1,
    "v for w": lambda e: e.xreplace({v: w}) if e.has(v) else 3 * e,
    "f for g": lambda e: e.xreplace({sp.Symbol("f"): sp.Symbol("g")}) if e.has(sp.Symbol("f")) else e / 2,
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(CASES)), st.sampled_from(sorted(MUTATIONS)), st.booleans())
def test_a_mutated_rule_instance_is_never_proven(rule: str, mutation: str, in_context: bool) -> None:
    bindings = CASES[rule]
    x, y = RULES[rule].sides(**bindings)
    try:
        wrong = MUTATIONS[mutation](y)
        if in_context:  # inside an evaluation at r = 0, as the claims use the rules
            x, wrong = sp.Subs(x, r, 0), sp.Subs(wrong, r, 0)
    except ValueError:
        return  # the perturbation cannot be built here
    index = i if rule == "chain rule" else None
    assert match(rule, bindings, x, wrong) is not None
    verdict = cited(x, Step(wrong, rule, bindings), index=index)
    assert verdict.status is not Status.PROVEN, verdict.summary()


def test_a_conjunction_with_a_cited_part_is_not_general() -> None:
    from symproof.prover import AllOf, eq

    bindings = {"f": "f", "index": (i,), "x": w, "v": v}
    x, y = RULES["chain rule"].sides(**bindings)
    both = AllOf((("cited", Derivation(x, (Step(y, "chain rule", bindings),), index=i)),
                  ("computed", eq(sp.Symbol("a") + 1, 1 + sp.Symbol("a")))))
    verdict = decide(both, Scope.GENERAL)
    assert verdict.proven and verdict.scope is Scope.CITED, verdict.summary()


# Whatever the matcher accepts, a fixed n never refutes: bindings, contexts and perturbations drawn at random.
POINTS = (w, w + u, 2 * w)
DIRECTIONS = (v, u, v + u, 2 * v, -v)
CONSTANTS = (sp.Symbol("c", real=True), sp.Integer(3), w[i, 0])
CONTEXTS = {
    "bare": lambda e: e,
    "at r = 0": lambda e: sp.Subs(e, r, 0),
    "plus g": lambda e: e + at("g", (), w),
    "times c": lambda e: sp.Symbol("c", real=True) * e,
}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_an_accepted_step_is_never_refuted_at_a_fixed_n(data: st.DataObject) -> None:
    from symproof.prover.derivation import link_counterexample

    rule = data.draw(st.sampled_from(("chain rule", "linearity of d/dr", "product rule", "constant out of an "
                                      "evaluation")))
    x0, v0 = data.draw(st.sampled_from(POINTS)), data.draw(st.sampled_from(DIRECTIONS))
    index = data.draw(st.sampled_from(((), (i,))))
    point = at(data.draw(st.sampled_from(("f", "g"))), index, x0 + r * v0)
    bindings: dict[str, Any] = {
        "chain rule": {"f": "f", "index": index, "x": x0, "v": v0},
        "linearity of d/dr": {"c": data.draw(st.sampled_from(CONSTANTS)), "a": point},
        "product rule": {"a": point, "b": at("g", (), x0 + r * v0)},
        "constant out of an evaluation": {"c": data.draw(st.sampled_from(CONSTANTS)), "a": sp.Derivative(point, r)},
    }[rule]
    x, y = RULES[rule].sides(**bindings)
    if data.draw(st.booleans()):
        x, y = y, x
    context = CONTEXTS[data.draw(st.sampled_from(sorted(CONTEXTS)))]
    a, b = context(x), context(y)
    if data.draw(st.booleans()):
        try:
            b = MUTATIONS[data.draw(st.sampled_from(sorted(MUTATIONS)))](b)
        except ValueError:
            return  # the perturbation cannot be built here (Subs(Subs(..., r, 0), r, 0) renamed twice)
    if match(rule, bindings, a, b) is None:
        assert link_counterexample(a, b, i, sizes=(1, 2, 3)) is None, (rule, bindings, a, b)


KINDS = ({"integer": True}, {"integer": True, "nonnegative": True}, {"integer": True, "positive": True})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(KINDS))), st.sampled_from(("k", "k - 2", "k**2 - 4", "(k - 1)*(k - 3)", "q", "p")),
       st.sampled_from(("-3", "0", "1", "2", "K - 1", "K + 2")), st.sampled_from(("K", "K + 1", "3", "K - 3")))
def test_a_nonnegative_sum_is_never_negative_where_it_says_so(kind: int, body: str, lo: str, hi: str) -> None:
    big_k = sp.Symbol("K", integer=True, positive=True)
    k = sp.Symbol("k", **KINDS[kind])
    q, p = sp.IndexedBase("q", nonnegative=True), sp.IndexedBase("p", positive=True)
    term = {"q": q[k], "p": p[k]}.get(body) or sp.sympify(body, locals={"k": k})
    low, high = (sp.sympify(b, locals={"K": big_k}) for b in (lo, hi))
    s = NonnegativeSum(term, (k, low, high))
    claims = {"nonnegative": s.is_nonnegative, "positive": s.is_positive}
    for value in range(1, 7):  # K = 1..6, weights q = p = 1 (nonnegative, positive)
        a, b = int(low.subs(big_k, value)), int(high.subs(big_k, value))
        if b < a - 1:  # a reversed sum: never read as nonnegative
            assert not any(claims.values()), (s, value)
            continue
        total = sum(term.xreplace({q[k]: sp.Integer(1), p[k]: sp.Integer(1)}).subs(k, j) for j in range(a, b + 1))
        if claims["nonnegative"]:
            assert total >= 0, (s, value, total)
        if claims["positive"]:
            assert total > 0, (s, value, total)
