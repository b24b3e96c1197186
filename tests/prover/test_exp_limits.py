"""Limits at +-oo by composition with the exponential: values against mpmath far out, and what is left to doit."""

from __future__ import annotations

from typing import Any

import mpmath
import pytest
import sympy as sp

from symproof.prover import Case, Scope, decide, eq
from symproof.prover.engine import _parametric_limits
from symproof.prover.infinity import limit_at_zero, limit_through_exp
from symproof.prover.ladder import left_to_gruntz

z = sp.Symbol("z", real=True)
beta = sp.Symbol("beta", real=True)
x, q = sp.symbols("x q", real=True)
t, p, w = sp.symbols("t p w", positive=True)
oo = sp.oo
AT = {t: sp.Rational(7, 5), p: sp.Rational(3, 4)}  # where the oracle evaluates the parameters


def far(body: Any, var: Any, point: Any, at: dict[Any, Any] = AT) -> list[Any]:
    """The body at var = +-20 and +-60 (the sign of the point), 50 digits, the parameters at `at`."""
    f = sp.lambdify(var, body.subs(at), "mpmath")
    with mpmath.workdps(50):
        return [f(mpmath.mpf(r) * (1 if point is oo else -1)) for r in (20, 60)]


def agrees(value: Any, body: Any, var: Any, point: Any) -> bool:
    """Does evaluation far out approach `value` (a finite value within 1e-6, or +-oo: past 1e6 and growing)?"""
    near, further = far(body, var, point)
    if value in (oo, -oo):
        sign = 1 if value is oo else -1
        return bool(sign * further > 1e6 and sign * further > sign * near)
    return bool(abs(further - sp.N(value.subs(AT), 50)) < 1e-6)


# (body, variable, point, value): the q1.1b shapes in both directions and both signs of the rate, then more
SETTLED = [
    (t / (1 + sp.exp(-beta * t)), beta, oo, t),
    (t / (1 + sp.exp(-beta * t)), beta, -oo, 0),
    (-t / (1 + sp.exp(beta * t)), beta, oo, 0),
    (-t / (1 + sp.exp(beta * t)), beta, -oo, -t),
    (sp.exp(-beta * t), beta, oo, 0),
    (sp.exp(-beta * t), beta, -oo, oo),
    (sp.exp(beta * t), beta, oo, oo),
    (sp.exp(beta * t), beta, -oo, 0),
    ((sp.exp(z) + 1) / (sp.exp(z) - 1), z, oo, 1),
    ((sp.exp(z) + 1) / (sp.exp(z) - 1), z, -oo, -1),
    (sp.exp(z / 2) / (sp.exp(z) + 1), z, oo, 0),
    ((sp.exp(-z) - sp.exp(-2 * z)) * sp.exp(z), z, oo, 1),  # Taylor: u - u^2 over u
    ((1 - sp.exp(-z)) * sp.exp(z), z, oo, oo),
    (sp.exp(p * z) - sp.exp(2 * p * z), z, oo, -oo),
    (sp.exp(-p * z) + sp.exp(-2 * p * z / 3), z, oo, 0),  # rates 1 and 2/3: one unit p/3
    (sp.exp(-z) / (sp.exp(-z) + p), z, oo, 0),  # D(0) = p > 0
    (sp.sin(sp.exp(-z)) * sp.exp(z), z, oo, 1),  # an analytic numerator through Taylor
    (sp.exp(z + 3) / (sp.exp(z) + 2), z, oo, sp.exp(3)),  # exp(a z + b) with b != 0
    (sp.exp(z) / (sp.exp(z) - 1) ** 2, z, -oo, 0),
    (sp.exp(-z) / (sp.exp(-z) - sp.exp(-2 * z)), z, oo, 1),  # u / (u - u^2): together cancels u
    (sp.Integer(5) + t, z, oo, 5 + t),  # free of z: a constant
]


@pytest.mark.parametrize(("body", "var", "point", "value"), SETTLED)
def test_settled_limits_are_the_values_evaluation_approaches(body: Any, var: Any, point: Any, value: Any) -> None:
    got = limit_through_exp(sp.Limit(body, var, point))
    assert got == value
    assert agrees(got, body, var, point)


# Limits the theorem does not reach, whatever their value: each is left unchanged for doit.
LEFT = [
    (x / (1 + sp.exp(-beta * x)), beta, oo),  # the sign of the rate x is unknown
    (sp.exp(q * z), z, oo),
    (sp.exp(-z) / (sp.exp(-z) + p - 1), z, oo),  # D(0) = p - 1: zero or not, unknown
    (sp.exp(-z) / (sp.exp(-z) + q), z, oo),  # D(0) = q of unknown sign
    ((2 + sp.exp(-z)) / (sp.exp(-z) + sp.exp(-2 * z)), z, oo),  # D = u + u^2: D(0) = 0, not a monomial
    (q * sp.exp(z), z, oo),  # a pole whose sign is unknown (0 when q = 0)
    (sp.I * sp.exp(z), z, oo),  # not real: no signed infinity
    (sp.exp(-z**2), z, oo),
    (sp.exp(-z * sp.log(z)), z, oo),
    (sp.exp(-z * sp.exp(-z)), z, oo),  # a rate that involves z
    (sp.sin(z) * sp.exp(-z), z, oo),  # z outside every exponential
    (sp.sin(z), z, oo),
    (sp.exp(-p * z) + sp.exp(-sp.sqrt(2) * p * z), z, oo),  # rates p and sqrt(2) p: no common unit
    (sp.sqrt(sp.exp(-z) + sp.exp(-2 * z)), z, oo),  # sqrt(u + u^2) is not analytic at 0
    (sp.Abs(sp.exp(-z) - 1), z, oo),  # Abs is not analytic
    (sp.Integral(sp.exp(-z * t), (t, 1, 2)), z, oo),  # a rate bound by an integral
    (sp.exp(w), w, -oo),  # a variable declared positive, toward -oo
    (sp.exp(-z), z, 0),  # a finite point: Taylor's rung, not this one
]


@pytest.mark.parametrize(("body", "var", "point"), LEFT)
def test_limits_outside_the_theorem_are_left_unchanged(body: Any, var: Any, point: Any) -> None:
    lim = sp.Limit(body, var, point)
    assert limit_through_exp(lim) == lim


def test_a_fractional_power_at_zero_is_refused_and_an_integer_one_taken() -> None:
    u = sp.Symbol("u", positive=True)
    assert limit_at_zero(sp.sqrt(u) / u, u) is None
    assert limit_at_zero(sp.sqrt(u), u) is None  # its limit is 0, but not by this theorem
    assert limit_at_zero((sp.sin(u) - u) / u**3, u) == sp.Rational(-1, 6)


def test_q1_1b_is_proven_by_the_theorem_and_its_wrong_variants_refuted() -> None:
    h = x / (1 + sp.exp(-beta * x))
    cases = (Case("x > 0", {x: t}), Case("x < 0", {x: -t}), Case("x = 0", {x: 0}))
    for point, value in ((oo, sp.Max(x, 0)), (-oo, sp.Min(x, 0))):
        verdict = decide(eq(sp.Limit(h, beta, point), value, cases=cases), Scope.GENERAL)
        assert verdict.proven
        assert any("exp composition" in m.rules for m in verdict.method.leaves())
        assert "doit" not in {r for m in verdict.method.leaves() for r in m.rules}
    for point, wrong in ((oo, x), (-oo, sp.Max(x, 0)), (oo, sp.Min(x, 0))):
        verdict = decide(eq(sp.Limit(h, beta, point), wrong, cases=cases), Scope.GENERAL)
        assert verdict.refuted and verdict.counterexample


def test_a_near_true_limit_at_infinity_is_refuted() -> None:
    body = (2 * sp.exp(t * z / 3) + 1) / (3 * sp.exp(t * z / 3) - 5)
    assert decide(eq(sp.Limit(body, z, -oo), sp.Rational(-1, 5)), Scope.GENERAL).proven
    for point, wrong in ((-oo, sp.Rational(2, 3)), (oo, sp.Rational(-1, 5)), (oo, sp.Rational(2, 3) + 1)):
        assert decide(eq(sp.Limit(body, z, point), wrong), Scope.GENERAL).refuted


def test_only_a_limit_left_to_gruntz_asks_for_confirmation() -> None:
    settled = sp.Limit(t / (1 + sp.exp(-beta * t)), beta, oo) - t
    gruntz = sp.Limit(x / (1 + sp.exp(-beta * x)), beta, oo) - sp.Max(x, 0)  # unknown sign: Gruntz
    assert not left_to_gruntz(settled)
    assert left_to_gruntz(gruntz)
    assert left_to_gruntz(settled + gruntz)  # one Gruntz limit in a residual is enough
    assert left_to_gruntz(sp.Limit(sp.exp(-q * z) / (1 + z), z, oo))
    assert not left_to_gruntz(sp.Limit(sp.exp(-z) / (1 + z), z, oo))  # no parameter: Gruntz is trusted
    assert not _parametric_limits([settled, settled.subs(t, 2 * t)])
    assert _parametric_limits([settled, gruntz])


def test_the_engine_asks_about_each_case_as_the_ladder_saw_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from symproof.prover import engine

    seen: list[list[Any]] = []
    original = engine._parametric_limits
    monkeypatch.setattr(engine, "_parametric_limits", lambda rs: seen.append(rs) or original(rs))
    h = x / (1 + sp.exp(-beta * x))
    cases = (Case("x > 0", {x: t}), Case("x < 0", {x: -t}), Case("x = 0", {x: 0}))
    assert decide(eq(sp.Limit(h, beta, oo), sp.Max(x, 0), cases=cases), Scope.GENERAL).proven
    assert len(seen) == 1 and len(seen[0]) == 3
    assert not any(r.has(x) for r in seen[0])  # each case's residual, x substituted
    assert not original(seen[0])
    assert original([r.subs(t, q) for r in seen[0]])  # with a rate of unknown sign, Gruntz would be confirmed
