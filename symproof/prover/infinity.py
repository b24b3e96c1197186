"""Limits at +-oo settled by a theorem: composition with the exponential, then a one-sided limit at 0+."""

from __future__ import annotations

from functools import reduce
from typing import Any

import sympy as sp

from .remembered import REMEMBERED, remember
from .series import monomial_quotient_limit
from .smoothness import analytic_at

EXP_LIMITS: dict[Any, Any] = {}
REMEMBERED.append(EXP_LIMITS)

UNDEFINED = (sp.nan, sp.zoo, sp.oo, -sp.oo)


def exp_limits(expr: Any) -> Any:
    """Each limit at +-oo the composition theorem settles (see `limit_through_exp`) replaced by its value; any
    other limit is left for the doit rule. Values are remembered for the process."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Limit):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Limit), remember(limit_through_exp, EXP_LIMITS))


def limit_through_exp(lim: sp.Limit) -> Any:
    """lim_{z -> +-oo} e(z) = lim_{u -> 0+} R(u), where e(z) = R(u(z)) and u(z) = exp(c z) > 0 tends to 0.

    Composition of limits: every occurrence of z in e sits in some exp(a z + b) with a, b free of z, reached
    through sums, products, powers and applied functions only (never a binder: an integral over x of
    exp(-x z) has a rate that varies), and every rate a is an integer multiple n a0 of one a0 whose sign the
    assumptions prove. With c = +-a0 of the sign opposite to the direction, exp(a z + b) = e^b u^(a / c), and
    the limit at 0+ is taken by `limit_at_zero`, a theorem too. Anything else (a rate of unknown sign, sqrt(2)
    against 1, exp(z^2), sin(z), z outside an exponential) leaves the limit unchanged.
    """
    e, z, z0 = lim.args[:3]
    if z0 not in (sp.oo, -sp.oo):  # SymPy fixes the direction of an infinite point: toward it from inside
        return lim
    # a variable declared of the other sign (z > 0 toward -oo): its assumptions already rewrote the body
    if (z.is_nonnegative if z0 is -sp.oo else z.is_nonpositive) is True:
        return lim
    if not e.has(z):
        return lim if e.has(*UNDEFINED) else e
    found: dict[Any, tuple[Any, Any]] = {}
    if not _exponentials(e, z, found):
        return lim
    rates = [a for a, _ in found.values()]
    ratios = [sp.cancel(a / rates[0]) for a in rates]
    if not all(r.is_Rational for r in ratios):
        return lim
    unit = rates[0] * reduce(sp.gcd, ratios)  # every rate an integer multiple of unit
    sign = 1 if unit.is_positive is True else -1 if unit.is_negative is True else 0
    if not sign:
        return lim
    c = unit if sign * (1 if z0 is sp.oo else -1) < 0 else -unit  # u = exp(c z) -> 0+ at z0
    powers = {node: sp.cancel(a / c) for node, (a, _) in found.items()}
    if not all(n.is_Integer for n in powers.values()):
        return lim
    u = sp.Dummy("u", positive=True)
    body = e.xreplace({node: sp.exp(found[node][1]) * u**n for node, n in powers.items()})
    if body.has(z):
        return lim
    value = limit_at_zero(body, u)
    return lim if value is None else value


def _exponentials(e: Any, z: Any, found: dict[Any, tuple[Any, Any]]) -> bool:
    """Record each exp(a z + b) in `e` as (a, b); False if z occurs elsewhere, under a binder or nonlinearly."""
    if not e.has(z):
        return True
    if isinstance(e, sp.exp):
        arg = sp.expand(e.args[0])
        if not arg.is_polynomial(z):
            return False
        a = sp.diff(arg, z)
        b = sp.expand(arg - a * z)
        if a.has(z) or b.has(z) or a == 0:
            return False
        found[e] = (a, b)
        return True
    if e == z or not (e.is_Add or e.is_Mul or e.is_Pow or isinstance(e, sp.Function)):
        return False
    return all(_exponentials(arg, z, found) for arg in e.args)


def limit_at_zero(body: Any, u: Any) -> Any | None:
    """lim_{u -> 0+} N(u) / D(u) by a theorem, or None. Three cases, each with N analytic at 0 (so continuous):

    D a polynomial with D(0) proven nonzero: a quotient of functions continuous at 0, the limit is N(0) / D(0);
    D = c u^k with N's first k Taylor coefficients exactly 0: Taylor's theorem, the limit is N_k / c;
    D = c u^k with N(0) / c proven positive or negative and N / c real for u > 0: u^k > 0, so +oo or -oo.
    A fractional power of u is not analytic at 0 (smoothness.analytic_at refuses it), so no case applies.
    """
    num, den = (sp.sympify(part) for part in sp.fraction(sp.together(body)))
    if not den.is_polynomial(u) or not analytic_at(num, u, sp.S.Zero):
        return None
    den0 = den.xreplace({u: sp.S.Zero})
    if den0.is_nonzero is True:
        value = num.xreplace({u: sp.S.Zero}) / den0
        return None if value.has(*UNDEFINED) else value
    poly = sp.Poly(den, u)
    if not poly.is_monomial or poly.degree() == 0:
        return None
    k = poly.degree()
    c = sp.cancel(den / u**k)
    lead = sp.cancel(num.xreplace({u: sp.S.Zero}) / c)
    if lead.has(*UNDEFINED):
        return None
    if sp.cancel(num / c).is_real is True and (lead.is_positive or lead.is_negative):
        return sp.oo if lead.is_positive else -sp.oo
    return monomial_quotient_limit(num, u, k, c)
