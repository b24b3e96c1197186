"""A derivative at a point in several variables (a partial derivative, the others held fixed) by Taylor's rung."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.prover import Scope, Status, decide, eq
from symproof.prover.series import _is_derivative_at_point, taylor

x, y, a, b = sp.symbols("x y a b", real=True)
g = x**3 * y + sp.exp(x * y) + sp.sin(y) / 2


def partial_at(expr: sp.Expr, var: sp.Symbol, point: tuple[sp.Expr, sp.Expr], order: int = 1) -> sp.Subs:
    return sp.Subs(sp.Derivative(expr, (var, order)), (x, y), point)


@pytest.mark.parametrize("var, order", [(x, 1), (y, 1), (x, 2)])
def test_partial_at_point_is_the_derivative_there(var: sp.Symbol, order: int) -> None:
    e = partial_at(g, var, (a + 1, 2 * b), order)
    assert _is_derivative_at_point(e)
    value = taylor(e)
    assert not value.has(sp.Subs, sp.Derivative)
    expected = sp.diff(g, var, order).subs({x: a + 1, y: 2 * b}, simultaneous=True)
    assert sp.expand(value - expected) == 0
    assert decide(eq(e, expected), Scope.GENERAL).status is Status.PROVEN


@pytest.mark.parametrize("wrong", [
    sp.diff(g, x).subs({x: 2 * b, y: a + 1}, simultaneous=True),  # the point's coordinates swapped
    sp.diff(g, y).subs({x: a + 1, y: 2 * b}, simultaneous=True),  # the other partial
    sp.diff(g, x).subs({x: a + 1, y: 2 * b}, simultaneous=True) + a * b / 100,
])
def test_near_variants_refuted(wrong: sp.Expr) -> None:
    verdict = decide(eq(partial_at(g, x, (a + 1, 2 * b)), wrong), Scope.GENERAL)
    assert verdict.status is Status.REFUTED


def test_point_holding_a_variable_left_alone() -> None:
    # Subs substitutes at once: y -> x and x -> 1 is not x -> 1 then y -> x.
    e = sp.Subs(sp.Derivative(x * y**2, x), (x, y), (1, x))
    assert not _is_derivative_at_point(e)
    assert decide(eq(e, x**2), Scope.GENERAL).status is Status.PROVEN
    assert decide(eq(e, 1), Scope.GENERAL).status is Status.REFUTED


def test_not_analytic_in_the_variable_left_alone() -> None:
    e = partial_at(sp.Abs(x) * y, x, (0, b))
    assert taylor(e) == e  # |x| has no derivative at 0: no value from Taylor's rung
    assert decide(eq(e, b), Scope.GENERAL).status is not Status.PROVEN
    assert decide(eq(e, 0), Scope.GENERAL).status is not Status.PROVEN


def test_bound_variables_left_alone() -> None:
    k = sp.Symbol("k", integer=True)
    e = partial_at(sp.Sum(x * y**k, (k, 0, 3)), x, (a, b))
    assert not _is_derivative_at_point(e)
