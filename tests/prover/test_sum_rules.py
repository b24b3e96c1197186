"""The constant and geometric closed forms of sums: values against the sums written out under Karr's convention,
the conditions they need, and the statements they prove or must not prove."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import sympy as sp

from symproof.prover import Scope, Status, decide, eq
from symproof.prover.sum_rules import geometric_sums
from symproof.prover.sums import expand_sum

l = sp.Symbol("l", integer=True)  # noqa: E741 - the usual summation index
a, b = sp.symbols("a b", integer=True)
n = sp.Symbol("n", integer=True)
q = sp.Symbol("q", positive=True)
u = sp.Symbol("u", nonnegative=True)
x = sp.Symbol("x", real=True)
c = sp.Symbol("c")

# (body, values of its parameters): each has a closed form by the rule
CLOSED = [
    ((1 + q) ** (l - 1), {q: sp.Rational(1, 3)}),
    (c * 2**l, {c: sp.Rational(-5, 2)}),
    ((-1) ** l, {}),
    (sp.Rational(1, 2) ** (2 * l + 1), {}),
    (3 ** (-l) + 7, {}),
    (sp.exp(-2 * l) * (c - 1), {c: 2}),
    ((2 + q) ** (l + a), {q: 1}),  # the lower bound in the body too
    (c, {c: sp.Rational(3, 4)}),
]


@pytest.mark.parametrize(("body", "values"), CLOSED, ids=[str(body) for body, _ in CLOSED])
def test_closed_forms_equal_the_sums_written_out_for_every_range_reversed_ones_included(
        body: Any, values: dict[Any, Any]) -> None:
    closed = geometric_sums(sp.Sum(body, (l, a, b)))
    assert not closed.has(sp.Sum), closed
    for lo, hi in itertools.product(range(-3, 4), range(-6, 6)):
        point = {**values, a: lo, b: hi}
        written = expand_sum(sp.Sum(body.xreplace({**values, a: lo}), (l, lo, hi)))
        assert sp.simplify(closed.xreplace(point) - written) == 0, (lo, hi)


@pytest.mark.parametrize("body", [
    x**l,  # x = 1 possible
    (1 + u) ** l,  # u = 0 gives ratio 1
    c**l,  # nothing known of c
    sp.exp(x * l),  # x = 0 gives ratio 1
    0**l,  # ratio 0: no term for a negative index
    l * 2**l,  # a factor in l that is no power
    2 ** (l**2),  # an exponent that is not linear in l
    q ** (l / 2),  # a slope that is not an integer
    2**l + l,  # one term without a closed form: the sum is kept whole
], ids=str)
def test_no_closed_form_without_its_conditions(body: Any) -> None:
    s = sp.Sum(body, (l, 0, n))
    assert geometric_sums(s) == s


def test_sums_inside_operators_are_left_alone() -> None:
    inside = sp.Derivative(sp.Sum((1 + q) ** l, (l, 0, n)), q)
    assert geometric_sums(inside) == inside
    outer = sp.Sum(sp.Sum(2**l, (l, 0, a)), (a, 0, n))  # one Sum with two limits
    assert sp.expand(geometric_sums(outer) - (2 ** (n + 2) - n - 3)) == 0


def proven(st: Any) -> bool:
    return decide(st, Scope.GENERAL).proven


def status(st: Any) -> Status:
    return decide(st, Scope.GENERAL).status


def test_true_geometric_identities_are_proven() -> None:
    assert proven(eq(sp.Sum((1 + q) ** (l - 1), (l, 1, n)), ((1 + q) ** n - 1) / q))
    assert proven(eq(sp.Sum(2**l, (l, 0, n)), 2 ** (n + 1) - 1))  # every integer n, n < 0 too
    assert proven(eq(sp.Sum(2**l, (l, a, b)), -sp.Sum(2**l, (l, b + 1, a - 1))))  # Karr's reversal
    assert proven(eq(sp.Sum(5, (l, a, b)), 5 * (b - a + 1)))


@pytest.mark.parametrize("false", [
    eq(sp.Sum((1 + q) ** (l - 1), (l, 1, n)), ((1 + q) ** n - 1) / (q + 1)),  # wrong ratio
    eq(sp.Sum((1 + q) ** (l - 1), (l, 1, n)), ((1 + q) ** (n + 1) - 1) / q),  # off by one
    eq(sp.Sum((1 + q) ** l, (l, 1, n)), ((1 + q) ** n - 1) / q),  # off by one in the exponent
    eq(sp.Sum(2**l, (l, a, b)), -sp.Sum(2**l, (l, b, a))),  # a reversed range is not the swapped one
    eq(sp.Sum(2**l, (l, 0, n)), 0, n < 0),  # only n = -1 is empty
    eq(sp.Sum(5, (l, a, b)), 5 * (b - a)),
], ids=["ratio", "bound", "exponent", "reversed", "negative n", "count"])
def test_false_near_variants_are_refuted(false: Any) -> None:
    assert status(false) is Status.REFUTED


def test_the_ratio_one_case_is_not_proven() -> None:
    # at u = 0 the terms are all 1 and the right side is undefined
    assert not proven(eq(sp.Sum((1 + u) ** l, (l, 0, n - 1)), ((1 + u) ** n - 1) / u))
    assert not proven(eq(sp.Sum(x**l, (l, 0, n - 1)), (x**n - 1) / (x - 1)))


def test_a_factor_free_of_the_index_is_pulled_out_before_the_body_is_expanded() -> None:
    from symproof.prover.sums import canonical_sums, pull_sum_factors

    big_k, k = sp.Symbol("K", integer=True, positive=True), sp.Symbol("k", integer=True)
    w, s = sp.IndexedBase("w", positive=True), sp.IndexedBase("s", real=True)
    total = sp.Sum(w[k], (k, 1, big_k))
    inside = sp.Sum(w[k] / ((1 + sp.exp(-s[k])) * total), (k, 1, big_k))
    assert canonical_sums(pull_sum_factors(inside)) == canonical_sums(sp.Sum(w[k] / (1 + sp.exp(-s[k])),
                                                                             (k, 1, big_k)) / total)
    # the index stays inside: pulling w_k out would be false
    assert pull_sum_factors(sp.Sum(w[k], (k, 1, big_k))) == sp.Sum(w[k], (k, 1, big_k))
    assert proven(eq(sp.Sum(w[k] / total, (k, 1, big_k)), 1))
    assert status(eq(sp.Sum(w[k] / total, (k, 1, big_k + 1)), 1)) is Status.REFUTED


y = sp.IndexedBase("y", real=True)
i, k = sp.symbols("i k", integer=True)
kp, r = sp.Symbol("k", integer=True, positive=True), sp.Symbol("r", integer=True, nonnegative=True)


def test_a_split_sum_has_the_values_of_the_whole_for_every_range() -> None:
    from symproof.prover.sum_rules import split_sums

    whole = sp.Sum((2**l + c) * (l - a), (l, a, b))
    split = split_sums(whole)
    assert isinstance(split, sp.Add) and all(isinstance(t, sp.Sum) for t in split.args), split
    for lo, hi in itertools.product(range(-2, 3), range(-5, 4)):
        point = {a: lo, b: hi, c: sp.Rational(2, 3)}
        assert sp.simplify(expand_sum(whole.xreplace(point)) - split.xreplace(point).doit()) == 0, (lo, hi)
    assert split_sums(sp.Sum(1 + l, (l, 0, sp.oo))) == sp.Sum(1 + l, (l, 0, sp.oo))  # a series is kept whole


def test_delta_sums_are_proven_and_their_near_variants_refuted() -> None:
    assert proven(eq(sp.Sum(sp.KroneckerDelta(i, kp) * y[i], (i, 1, kp + r)), y[kp]))
    assert proven(eq(sp.Sum(sp.KroneckerDelta(i, k) * y[i], (i, k + 1, k - 1)), -y[k]))  # Karr's reversal
    assert status(eq(sp.Sum(sp.KroneckerDelta(i, k) * y[i], (i, 1, k + r)), y[k])) is Status.REFUTED  # k < 1
    assert status(eq(sp.Sum(sp.KroneckerDelta(i, k) * y[i], (i, k + 1, k - 1)), 0)) is Status.REFUTED
    assert status(eq(sp.Sum(sp.KroneckerDelta(i, kp) * y[i], (i, 1, kp - 1)), y[kp])) is Status.REFUTED


def test_a_gradient_under_a_sum_is_proven_before_the_slow_rungs() -> None:
    # dL/dz_k of L = -sum_i y_i log softmax(z)_i: the delta of d z_i / d z_k summed by its rule, not by simplify
    z = sp.IndexedBase("z", real=True)
    total = sp.Sum(sp.exp(z[i]), (i, 1, kp + r))
    loss = -sp.Sum(y[i] * sp.log(sp.exp(z[i]) / total), (i, 1, kp + r))
    right = sp.Sum(y[i], (i, 1, kp + r)) * sp.exp(z[kp]) / total - y[kp]
    v = decide(eq(sp.Derivative(loss, z[kp]), right), Scope.GENERAL)
    assert v.proven and "simplify" not in v.method.rules, v.summary()
    assert status(eq(sp.Derivative(loss, z[kp]), sp.exp(z[kp]) / total - y[kp])) is Status.REFUTED
