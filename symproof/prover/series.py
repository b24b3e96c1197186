"""Taylor-mode series arithmetic, and limits and derivatives at a point settled by Taylor's theorem."""

from __future__ import annotations

from itertools import combinations_with_replacement
from math import factorial
from typing import Any

import sympy as sp

from .remembered import TAYLOR, remember
from .smoothness import NON_SMOOTH, analytic_at
from .sums import BINDERS, doit_keeping_sums

NOT_SMOOTH = NON_SMOOTH


def _mul_series(a: list[Any], b: list[Any]) -> list[Any]:
    """The product of two truncated series, its terms collected once per power: a product with an exact 0
    coefficient is 0 and is not built (most coefficients of f(w + r v)'s steps are 0, and SymPy's Mul and
    Add on them were most of the Taylor rung's time)."""
    k = len(a) - 1
    terms: list[list[Any]] = [[] for _ in range(k + 1)]
    for i, x in enumerate(a):
        if x is sp.S.Zero:
            continue
        for j in range(k + 1 - i):
            if b[j] is not sp.S.Zero:
                terms[i + j].append(x * b[j])
    return [sp.Add(*ts) for ts in terms]


def _add_series(parts: list[list[Any]]) -> list[Any]:
    """The sum of truncated series, one Add per power (adding them one at a time re-flattens every partial sum)."""
    return [sp.Add(*column) for column in zip(*parts, strict=True)]


def taylor_coefficients(e: Any, t: Any, k: int) -> list[Any] | None:
    """[c_0, ..., c_k] with e = c_0 + c_1 t + ... + c_k t^k + o(t^k), or None for a shape not handled here.

    Taylor-mode arithmetic on truncated series: sums and products termwise, positive integer powers by
    products, and an applied function F(a(t)) by the multivariate Taylor formula
    F(a_0 + d) = sum over |alpha| <= k of F_alpha(a_0) d^alpha / alpha!, where each partial F_alpha comes from
    the function's own ``fdiff``; a function whose partials are not again functions of the same arguments
    (or any other node that depends on t) is left to differentiation. No Derivative object is built, which is
    what made diff slow on generic functions of several variables.
    """
    zero = [sp.S.Zero] * (k + 1)
    if not e.has(t):
        return [e, *zero[1:]]
    if e == t:
        return [sp.S.Zero, sp.S.One, *zero[2:]] if k >= 1 else [sp.S.Zero]
    if e.is_Add or e.is_Mul:
        parts = _series_of_args(e, t, k)
        if parts is None:
            return None
        if e.is_Add:
            return _add_series(parts)
        out = parts[0]
        for part in parts[1:]:
            out = _mul_series(out, part)
        return out
    if e.is_Pow and e.exp.is_Integer and e.exp > 0:
        base = taylor_coefficients(e.base, t, k)
        if base is None:
            return None
        out = base
        for _ in range(int(e.exp) - 1):
            out = _mul_series(out, base)
        return out
    if isinstance(e, sp.Function) and not isinstance(e, NOT_SMOOTH) and e.args:
        return _function_series(e, t, k)
    return None


def _series_of_args(e: Any, t: Any, k: int) -> list[list[Any]] | None:
    out: list[list[Any]] = []
    for arg in e.args:
        series = taylor_coefficients(arg, t, k)
        if series is None:
            return None
        out.append(series)
    return out


def _function_series(e: Any, t: Any, k: int) -> list[Any] | None:
    args = _series_of_args(e, t, k)
    if args is None:
        return None
    at0 = tuple(a[0] for a in args)
    steps = [[sp.S.Zero, *a[1:]] for a in args]
    partials: dict[tuple[int, ...], Any] = {(): e.func(*at0)}
    if k >= 1 and not (isinstance(partials[()], sp.Function) and partials[()].args == at0):
        return None  # F evaluated itself at a_0 (exp(0) = 1): its partials cannot be read off it
    # products[alpha] = prod_{j in alpha} steps[j], each from its prefix's by one series product.
    products: dict[tuple[int, ...], list[Any]] = {(): [sp.S.One, *([sp.S.Zero] * k)]}
    terms: list[list[Any]] = [[partials[()]], *([] for _ in range(k))]
    for order in range(1, k + 1):
        for alpha in combinations_with_replacement(range(len(args)), order):
            prev = partials[alpha[:-1]]
            try:
                d = prev.fdiff(alpha[-1] + 1)
            except Exception:  # ArgumentIndexError and the like: differentiation decides instead
                return None
            if not (isinstance(d, sp.Function) and d.args == at0) or isinstance(d, sp.Derivative):
                return None
            partials[alpha] = d
            products[alpha] = _mul_series(products[alpha[:-1]], steps[alpha[-1]])
            weight = 1
            for j in set(alpha):
                weight *= factorial(alpha.count(j))
            for power, coeff in enumerate(products[alpha]):
                if coeff is not sp.S.Zero:
                    terms[power].append(sp.Mul(sp.Rational(1, weight), d, coeff))
    return [sp.Add(*ts) for ts in terms]


def taylor(expr: Any) -> Any:
    """lim_{z -> z0} N(z) / (c (z - z0)^k) = N^(k)(z0) / (k! c) when N(z0) = ... = N^(k-1)(z0) = 0 exactly; and
    a derivative at a point, Subs(Derivative(g, (z, m)), z, z0), as m! times g's Taylor coefficient.

    Taylor's theorem for a numerator smooth at z0. SymPy's ``limit`` (Gruntz) cannot handle functions of several
    variables (f(w + r v) for a generic f); derivatives can. Any other shape (a denominator that is not a
    monomial in z - z0, a lower derivative not reduced to 0, an infinite z0) leaves the limit alone.
    Each limit's and derivative's value is remembered, as in ``limit_value``.
    """
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Limit, sp.Subs):
        return expr
    # No global doit here: other limits (at infinity, say) are left for the doit rule, under its own name.
    return expr.replace(lambda e: isinstance(e, sp.Limit), remember(_taylor_limit, TAYLOR)).replace(
        _is_derivative_at_point, remember(_derivative_at_point, TAYLOR))


def _taylor_limit(lim: sp.Limit) -> Any:
    e, z, z0 = lim.args[0], lim.args[1], lim.args[2]
    if not z0.is_finite:
        return lim
    t = sp.Dummy("t")
    num, den = sp.fraction(sp.together(e.xreplace({z: z0 + t})))
    # Taylor's theorem needs a numerator analytic at the point (see smoothness.ANALYTIC): frac, floor, a log or
    # a square root on its branch cut, 0**t are left to the full limit, whatever side it is taken from.
    if not den.is_polynomial(t) or not analytic_at(num, t, sp.S.Zero):
        return lim
    den0 = sp.sympify(den).xreplace({t: sp.S.Zero})
    if den0.is_nonzero is True:  # a quotient of functions continuous at the point, from either side
        value = sp.sympify(num).xreplace({t: sp.S.Zero}) / den0
        return lim if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) else value
    poly = sp.Poly(den, t)
    if not poly.is_monomial:
        return lim
    k = poly.degree()
    value = monomial_quotient_limit(num, t, k, sp.cancel(den / t**k))
    return lim if value is None else value


def monomial_quotient_limit(num: Any, t: Any, k: int, c: Any) -> Any | None:
    """lim_{t -> 0} num / (c t^k) = num^(k)(0) / (k! c) for a `num` analytic at 0 whose first k Taylor
    coefficients are exactly 0 (Taylor's theorem); None if they are not, or the value is not finite."""
    coeffs = taylor_coefficients(num, t, k)
    if coeffs is not None:
        if any(sp.expand(ci) != 0 for ci in coeffs[:k]):
            return None
        if coeffs[k].has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return None
        return coeffs[k] / c
    # One derivative at a time on the expanded numerator: diff(num, t, j) with j > 1 goes through a
    # Leibniz-rule path that calls factor_terms and cost seconds on the finite-difference quotients.
    d = sp.expand(num)
    for _ in range(k):
        if sp.expand(doit_keeping_sums(d.subs(t, 0))) != 0:
            return None
        d = sp.expand(d.diff(t))
    top = doit_keeping_sums(d.subs(t, 0))
    if top.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    return top / (sp.factorial(k) * c)


def _is_derivative_at_point(e: Any) -> bool:
    """Subs(Derivative(g, (z, m)), (z, y...), (z0, y0...)): the m-th partial derivative of g in z at a point (an
    R-operator, say), the other variables y held at y0. With several variables, a point free of them (so that
    substituting them one at a time is substituting them at once) and a g without bound variables (xreplace
    would rename those too)."""
    if not (isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative)):
        return False
    z = e.expr.variable_count[0][0]
    if z not in e.variables or not all(var == z for var, _ in e.expr.variable_count):
        return False
    return len(e.variables) == 1 or not (any(p.has(*e.variables) for p in e.point)
                                         or e.expr.expr.has(*BINDERS, sp.Derivative))


def _derivative_at_point(e: sp.Subs) -> Any:
    """g^(m)(z0) = m! c_m, with c_m the coefficient of s^m in g(z0 + s): Taylor's theorem again, for a g the
    series arithmetic handles (smooth by construction); anything else is left to doit. With other variables y
    at y0, the partial derivative in z at (z0, y0) is by definition the derivative of z -> g(z, y0) at z0: y0
    is substituted first, and that function of z alone must be analytic at z0."""
    point = dict(zip(e.variables, e.point, strict=True))
    z = e.expr.variable_count[0][0]
    z0 = point.pop(z)
    g = e.expr.expr.xreplace(point) if point else e.expr.expr
    m = sum(int(count) for _, count in e.expr.variable_count)
    if not analytic_at(g, z, z0):
        return e
    s = sp.Dummy("s")
    coeffs = taylor_coefficients(g.xreplace({z: z0 + s}), s, m)
    if coeffs is None or coeffs[m].has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return e
    return sp.factorial(m) * coeffs[m]
