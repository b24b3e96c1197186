"""Sum rewrites that are theorems for every integer range (Karr's convention): splits, closed forms of a kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from .sums import _VARYING as VARYING
from .sums import delta_sum


def geometric_sums(expr: Any) -> Any:
    """Every sum of constant or geometric terms replaced by its closed form, where its conditions are proven.

    A body f(l) = c r_1^(m_1 l + e_1) ... r_j^(m_j l + e_j) (c, r_i, e_i free of l; each m_i a nonzero integer,
    any nonzero m_i for the base E) has f(l + 1) = R f(l), R = r_1^m_1 ... r_j^m_j, as soon as every r_i != 0:
    a power is exp(z log r), and exp turns the sum of exponents into the product. Then F(b) = f(a) (R^(b - a + 1)
    - 1) / (R - 1), for R != 1, has F(a - 1) = 0 and F(b) - F(b - 1) = f(b), the recurrence that defines
    Sum_{l=a}^{b} f(l) for every integer b under Karr's convention (reversed ranges included), so the two are
    equal for all integers a and b; with no factor in l, F(b) = c (b - a + 1). Both r_i != 0 and R != 1 must
    follow from the symbols' assumptions (SymPy's is_zero is False); a body that is a sum is summed term by
    term only if every term has a closed form. A sum inside a derivative, integral, limit, Subs or product is
    left alone: its parameters vary there, perhaps beyond their assumptions.
    """
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr
    return _walk(expr, _closed)


def split_sums(expr: Any) -> Any:
    """Sum_{l=a}^{b} (f + g) = Sum_{l=a}^{b} f + Sum_{l=a}^{b} g for finite integer bounds: each side is a signed
    finite sum (Karr's convention), so the split holds for every range; a term can then be summed, or have its
    factors pulled out, on its own. Sums inside a derivative, integral, limit, Subs or product are left alone."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr
    return _walk(expr, _split)


def delta_sums(expr: Any) -> Any:
    """Sum_{j=a}^{b} KroneckerDelta(j, c) g(j) by `sums.delta_sum` (Karr's convention, reversed ranges included),
    before the first point: a derivative of a sum over z_i with respect to z_k leaves one."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.KroneckerDelta):
        return expr
    return _walk(expr, _delta)


def _walk(e: Any, rewrite: Callable[[sp.Sum], Any]) -> Any:
    """`e` with `rewrite` applied to each sum, innermost first, where it returns an expression (None: kept)."""
    if not isinstance(e, sp.Basic) or not e.args or isinstance(e, VARYING) or not e.has(sp.Sum):
        return e
    args = [_walk(a, rewrite) for a in e.args]
    rebuilt = e.func(*args) if args != list(e.args) else e
    if isinstance(rebuilt, sp.Sum):
        done = rewrite(rebuilt)
        return rebuilt if done is None else done
    return rebuilt


def _finite_limit(s: sp.Sum) -> tuple[Any, Any, Any] | None:
    """The one limit of `s` if its bounds are finite integers, else None."""
    if len(s.limits) != 1 or not s.function.is_commutative:
        return None
    var, lo, hi = s.limits[0]
    if not all(b.is_integer is True and b.is_finite is True and not b.has(var) for b in (lo, hi)):
        return None
    return var, lo, hi


def _split(s: sp.Sum) -> Any:
    if _finite_limit(s) is None:
        return None
    # products over sums multiplied out (not powers: cheap), as the pulling of factors does
    body = sp.expand(s.function, power_exp=True, mul=True, multinomial=False, log=False)
    return sp.Add(*(sp.Sum(t, *s.limits) for t in body.args)) if isinstance(body, sp.Add) else None


def _delta(s: sp.Sum) -> Any:
    limit = _finite_limit(s)
    return None if limit is None else delta_sum(s.function, *limit)


def _closed(s: sp.Sum) -> Any:
    if s.function.has(sp.Sum):
        return None
    if len(s.limits) > 1:  # Sum(f, l1, l2) = Sum(Sum(f, l1), l2): the inner one first, and all or nothing
        inner = _closed(sp.Sum(s.function, s.limits[0]))
        return None if inner is None else _closed(sp.Sum(inner, *s.limits[1:]))
    limit = _finite_limit(s)
    if limit is None:
        return None
    var, lo, hi = limit
    # no expand: it would cost time on every false residual; a body's own terms are its terms
    terms = [_term(t, var, lo, hi) for t in sp.Add.make_args(s.function)]
    return None if any(t is None for t in terms) else sp.Add(*terms)


def _term(term: Any, var: Any, lo: Any, hi: Any) -> Any:
    """Sum_{var=lo}^{hi} term in closed form, or None (see geometric_sums)."""
    ratio = sp.S.One
    for factor in sp.Mul.make_args(term):
        if not factor.has(var):
            continue
        base, exponent = (sp.E, factor.args[0]) if isinstance(factor, sp.exp) else factor.as_base_exp()
        if base.has(var) or base.is_zero is not False:
            return None
        # the part in l must be a multiple of l as written (no cancel: cheap on a false residual)
        slope = exponent.as_independent(var, as_Add=True)[1] / var
        if slope.has(var) or slope == 0 or not (slope.is_Integer or base is sp.E):
            return None
        ratio *= base**slope
    count = hi - lo + 1
    first = term.xreplace({var: lo})
    if ratio == 1 and not term.has(var):
        return first * count
    if (ratio - 1).is_zero is not False:
        return None
    return first * (ratio**count - 1) / (ratio - 1)
