"""The generic smooth function: named partials, symmetric mixed partials, series, and consistent realisations."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from symproof.nn.generic import compose, generic_function, gradient, hessian, random_polynomial

w1, w2, v1, v2, r = sp.symbols("w1 w2 v1 v2 r", real=True)


def test_mixed_partials_are_one_object_whatever_the_order() -> None:
    f = generic_function("f", 2)(w1, w2)
    assert sp.diff(f, w1, w2) == sp.diff(f, w2, w1)
    assert sp.diff(f, w1, w2, w1) == generic_function("f", 2, (1, 1, 2))(w1, w2)


def test_hessian_is_symmetric_and_built_from_second_partials() -> None:
    H = hessian("f", (w1, w2))
    assert H == H.T
    assert H[0, 1] == sp.diff(gradient("f", (w1, w2))[0], w2)


def test_differentiating_a_shifted_argument_leaves_no_subs() -> None:
    f = generic_function("f", 2)(w1 + r * v1, w2 + r * v2)
    at_zero = sp.diff(f, r).subs(r, 0)
    assert not at_zero.has(sp.Subs)
    assert at_zero == v1 * generic_function("f", 2, (1,))(w1, w2) + v2 * generic_function("f", 2, (2,))(w1, w2)


def test_series_in_r_has_the_hessian_term() -> None:
    f = generic_function("f", 2)(w1 + r * v1, w2 + r * v2)
    second = sp.series(f, r, 0, 3).removeO().coeff(r, 2)
    H = hessian("f", (w1, w2))
    v = sp.Matrix([v1, v2])
    assert sp.expand(second - (v.T * H * v)[0] / 2) == 0


def test_realisation_is_consistent_across_partials() -> None:
    chosen: dict[object, object] = {}
    rng = random.Random(3)
    f = generic_function("f", 2)(w1, w2).realise(rng, chosen)
    f12 = generic_function("f", 2, (1, 2))(w1, w2).realise(rng, chosen)
    assert sp.expand(sp.diff(f, w1, w2) - f12) == 0
    assert sp.diff(f, w1, 4) != 0  # degree 4: fourth derivatives do not vanish


def test_compose_in_the_ring_equals_expand() -> None:
    xs = sp.symbols("x_1:3", real=True)
    poly = random_polynomial(xs, random.Random(1))
    args = (sp.Rational(1, 3) + 2 * r, -sp.Rational(5, 2) + r / 7)
    assert sp.expand(compose(poly, xs, args) - poly.xreplace(dict(zip(xs, args, strict=True)))) == 0


def test_bad_indices_are_rejected() -> None:
    with pytest.raises(ValueError, match=r"1\.\.2"):
        generic_function("f", 2, (3,))
