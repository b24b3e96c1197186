"""Evaluation at a point: exact values at high precision, limits confirmed near the point, one-sided quotients."""

from __future__ import annotations

import contextlib
import random
from typing import Any

import sympy as sp
from mpmath.libmp import dps_to_prec

from .points import leftover_atoms, random_rational, sample_value
from .remembered import limit_value
from .series import taylor
from .smoothness import derivative_is_safe, has_unsafe_integral
from .sums import BINDERS, bound_here, summation_range


def numeric(expr: Any, digits: int) -> sp.Expr | None:
    value = sp.N(expr, digits)
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or value.free_symbols:
        return None
    if not value.is_number or not _accurate(value, digits):
        return None
    return value


def _accurate(value: Any, digits: int) -> bool:
    """Every part of an evalf result that is not negligible carries the digits asked for. evalf gives a Float
    the precision it could certify: an infinite sum by Euler-Maclaurin (sin(k)/k) comes back as -0.e+1, an
    oscillatory integral as -0.e+104, which are no values to compare."""
    floats = list(value.atoms(sp.Float))
    if not floats:
        return True
    need = dps_to_prec(digits - 12)
    scale = max([abs(f) for f in floats] + [sp.Integer(1)])
    negligible = scale * sp.Float(10, digits) ** (-digits)
    return all(f._prec >= need or abs(f) <= negligible for f in floats)


def _realise(value: Any, rng: random.Random, chosen: dict[Any, Any]) -> Any:
    """Give stand-ins concrete values once the point has fixed the sizes, before ``doit`` expands them.

    - An applied function with a ``realise(rng, chosen)`` method (a generic smooth function, say) becomes
      the concrete function it picks; it records its choice in `chosen`, so lhs and rhs share it.
    - A MatrixSymbol whose shape is now numeric becomes an explicit matrix of random values.
    """
    if isinstance(value, sp.MatrixBase):
        return value.applyfunc(lambda e: _realise(e, rng, chosen))
    if not isinstance(value, sp.Basic):
        return value
    if any(callable(getattr(a, "realise", None)) for a in value.atoms(sp.Function)):
        value = value.replace(lambda e: isinstance(e, sp.Function) and callable(getattr(e, "realise", None)),
                              lambda e: e.realise(rng, chosen))
    mats = {m for m in value.atoms(sp.MatrixSymbol) if all(d.is_Integer for d in m.shape)}
    for m in sorted(mats, key=sp.default_sort_key):
        if m not in chosen:
            chosen[m] = sp.ImmutableMatrix(*m.shape, lambda i, j: random_rational(rng, False))
    return value.xreplace({m: chosen[m] for m in mats}) if mats else value


class NotDifferentiable(ValueError):
    """A derivative at a point where the two one-sided difference quotients disagree: it does not exist."""


class SkipPoint(ValueError):
    """A value at this point could not be established by evaluation (a limit not confirmed, a derivative at a
    kink whose quotients agree): the point proves nothing either way."""


# A limit computed at the point is kept only if the expression, evaluated near the point at APPROACH_DIGITS,
# agrees with it at both steps; a derivative at a kink is judged by one-sided quotients at the same steps.
APPROACH_STEPS = (sp.Rational(1, 10**15), sp.Rational(1, 10**25))
APPROACH_DIGITS = 40  # evalf keeps this many correct digits through cancellation
APPROACH_TOLERANCE = sp.Rational(1, 10**8)


def _near(z0: Any, direction: str, h: Any) -> list[Any]:
    """The points at step h from z0 on the side(s) a limit approaches from (1/h, -1/h at infinity)."""
    if z0 is sp.oo:
        return [1 / h]
    if z0 is -sp.oo:
        return [-1 / h]
    return {"+": [z0 + h], "-": [z0 - h]}.get(direction, [z0 + h, z0 - h])


def _confirmed_limit(lim: sp.Limit, value: Any) -> bool:
    """Does the expression, evaluated ever nearer the point on the side approached, tend to `value`?"""
    e, z, z0, direction = lim.args[0], lim.args[1], lim.args[2], str(lim.args[3])
    if value in (sp.oo, -sp.oo):
        return _confirmed_divergence(e, z, z0, direction, 1 if value is sp.oo else -1)
    target = numeric(value, APPROACH_DIGITS)
    if target is None:
        return False
    scale = max(sp.Abs(target), sp.Integer(1))
    for h in APPROACH_STEPS:
        for point in _near(z0, direction, h):
            near = numeric(e.xreplace({z: point}), APPROACH_DIGITS)
            if near is None or sp.Abs(near - target) > APPROACH_TOLERANCE * scale:
                return False
    return True


def _confirmed_divergence(e: Any, z: Any, z0: Any, direction: str, sign: int) -> bool:
    """Does e, evaluated ever nearer the point, grow past 10^8 with the sign of the infinite limit, and keep
    growing from one step to the next?"""
    previous: list[Any] = []
    for h in APPROACH_STEPS:
        values = [numeric(e.xreplace({z: point}), APPROACH_DIGITS) for point in _near(z0, direction, h)]
        grown = [sign * v for v in values if v is not None and v.is_real]
        if len(grown) != len(values) or min(grown) < 1 / APPROACH_TOLERANCE:
            return False
        if previous and min(grown) <= max(previous):
            return False
        previous = grown
    return True


def _limit_candidate(lim: sp.Limit) -> tuple[Any, bool] | None:
    """(value, needs confirmation): by Taylor's theorem (a theorem wherever the rule applies: its analyticity
    conditions are proven, for every value of the parameters), else by SymPy's limit, which may be wrong on
    parametric limits and is confirmed by evaluation before use. Both are remembered and shared with the ladder."""
    for method, confirm in ((taylor, False), (limit_value, True)):
        try:
            value = method(lim)
        except Exception:
            continue
        if not (isinstance(value, sp.Basic) and value.has(sp.Limit)):
            return value, confirm
    return None


def _limit_at_point(lim: sp.Limit, hints: dict[Any, tuple[Any, bool]]) -> Any:
    """A limit whose parameters are numbers: the symbolic limit's value at the point (a hint), else the limit
    computed at the point; a value from SymPy's limit only if evaluation near the point confirms it (SkipPoint
    otherwise), so a limit SymPy gets wrong is never the source of a counterexample."""
    for find in (hints.get, _limit_candidate):  # the second only if the first fails: it runs a limit
        candidate = find(lim)
        if candidate is None:
            continue
        value, confirm = candidate
        if not confirm or _confirmed_limit(lim, value):
            return value
    raise SkipPoint(f"the limit {sp.sstr(lim)[:80]} is not confirmed by evaluation")


def _quotients(g: Any, z: Any, z0: Any, h: Any) -> tuple[Any, Any] | None:
    at = numeric(g.xreplace({z: z0}), APPROACH_DIGITS)
    right = numeric(g.xreplace({z: z0 + h}), APPROACH_DIGITS)
    left = numeric(g.xreplace({z: z0 - h}), APPROACH_DIGITS)
    if at is None or right is None or left is None:
        return None
    return (right - at) / h, (at - left) / h


def _derivative_at_point(d: sp.Subs) -> Any:
    """A first derivative at a numeric point: SymPy's formula where it is the derivative (smoothness.py), else
    NotDifferentiable if the one-sided difference quotients disagree at both steps, else SkipPoint."""
    if derivative_is_safe(d):
        return d.doit()
    inner = d.expr
    if len(d.variables) != 1 or len(inner.variable_count) != 1 or inner.variable_count[0][1] != 1:
        raise SkipPoint("a higher derivative at a kink")
    z, z0 = d.variables[0], d.point[0]
    g = inner.expr.xreplace({inner.variable_count[0][0]: z}) if inner.variable_count[0][0] != z else inner.expr
    gaps = []
    for h in APPROACH_STEPS:
        q = _quotients(g, z, z0, h)
        if q is None:
            raise SkipPoint("a difference quotient could not be evaluated")
        gaps.append(q)
    if all(sp.Abs(r - left) > APPROACH_TOLERANCE * max(sp.Abs(r), sp.Abs(left), 1) for r, left in gaps):
        r, left = gaps[-1]
        raise NotDifferentiable(f"no derivative at {z} = {z0}: one-sided difference quotients {sp.N(left, 6)} "
                                f"(left) and {sp.N(r, 6)} (right) at step {sp.N(APPROACH_STEPS[-1], 2)}")
    raise SkipPoint("a derivative at a kink whose one-sided quotients agree")


def _at_points(e: Any) -> bool:
    return isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative) and not any(
        p.free_symbols for p in e.point)


def _evaluate_at_point(value: Any, hints: dict[Any, tuple[Any, bool]] | None = None) -> Any:
    """Limits and derivatives whose parameters are now numbers, each evaluated at this point (innermost first)."""
    if not isinstance(value, sp.Basic):
        return value
    hints = hints or {}
    while value.has(sp.Limit):
        innermost = [lim for lim in value.atoms(sp.Limit) if not lim.args[0].has(sp.Limit)
                     and not (lim.args[0].free_symbols - {lim.args[1]})]
        if not innermost:
            break
        value = value.xreplace({lim: _limit_at_point(lim, hints) for lim in innermost})
    if value.has(sp.Subs):
        at = {d: _derivative_at_point(d) for d in value.atoms(sp.Subs) if _at_points(d)}
        value = value.xreplace(at) if at else value
    return value


def _rename_bound(e: Any, names: set[Any]) -> Any:
    """`e` with every variable a sum, product, integral, Subs or limit binds that is among `names` renamed to a
    fresh Dummy, so that substituting the point does not reach it (an integral over x of a sum of x, with x also
    free outside, became an integral over the number 5/2, and no point was evaluated). Bounds, points and limit
    points are outside the binder's scope and keep their names."""
    if not isinstance(e, sp.Basic) or not e.args:
        return e
    if not isinstance(e, BINDERS):
        args = [_rename_bound(a, names) for a in e.args]
        return e.func(*args) if args != list(e.args) else e
    fresh = {v: sp.Dummy(str(v), **v.assumptions0) for v in bound_here(e) & names}
    if isinstance(e, sp.Limit):
        body, z, z0, direction = e.args
        return sp.Limit(_rename_bound(body.xreplace(fresh), names), fresh.get(z, z), _rename_bound(z0, names),
                        str(direction))
    if isinstance(e, sp.Subs):
        return sp.Subs(_rename_bound(e.expr.xreplace(fresh), names), tuple(fresh.get(v, v) for v in e.variables),
                       tuple(_rename_bound(p, names) for p in e.point))
    limits = []
    for i, limit in enumerate(e.limits):  # the bounds of a limit may name the variables of the outer ones only
        outer = {v: d for v, d in fresh.items() if v in {lim[0] for lim in e.limits[i + 1:]}}
        limits.append((fresh.get(limit[0], limit[0]), *(_rename_bound(b.xreplace(outer), names)
                                                         for b in limit[1:])))
    return e.func(_rename_bound(e.function.xreplace(fresh), names), *limits)


def _pointwise(expr: Any, point: dict[Any, Any]) -> Any:
    """`expr` at `point`: a derivative with respect to a sampled symbol becomes a derivative at the point."""
    if not hasattr(expr, "xreplace"):
        return expr
    if isinstance(expr, sp.Basic) and any(bound_here(b) & set(point) for b in expr.atoms(*BINDERS)):
        expr = _rename_bound(expr, set(point))
    if isinstance(expr, sp.Basic) and expr.has(sp.Derivative):
        moved = {d: _as_subs(d) for d in expr.atoms(sp.Derivative) if set(d.variables) & set(point)}
        expr = expr.xreplace(moved) if moved else expr
    return expr.xreplace(point)


def _as_subs(d: sp.Derivative) -> Any:
    """Derivative(g, x) as Subs(Derivative(g at x = x', x'), x', x): x may then be given a value."""
    fresh = {v: sp.Dummy(str(v), **v.assumptions0) for v in d.variables}
    body = sp.Derivative(d.expr.xreplace(fresh), *((fresh[v], c) for v, c in d.variable_count))
    return sp.Subs(body, tuple(fresh.values()), tuple(fresh))


def _doit_shielded(value: Any) -> Any:
    """doit, except on limits and derivatives not yet at a numeric point: doit would compute them symbolically
    (and by SymPy's conventions at kinks); they wait until every atom has its value."""
    if not hasattr(value, "doit"):
        return value
    if not isinstance(value, sp.Basic):
        return value.doit()
    waiting = {e: sp.Dummy("waiting") for e in value.atoms(sp.Limit, sp.Subs, sp.Derivative)}
    # an integral SymPy's integrate is not trusted with (smoothness.ENTIRE) is left to evalf's quadrature, whose
    # digits count only where evalf certifies them (see `_accurate`)
    waiting.update({e: sp.Dummy("quadrature") for e in value.atoms(sp.Integral) if has_unsafe_integral(e)})
    return value.xreplace(waiting).doit().xreplace({d: e for e, d in waiting.items()})


def prepare(expr: Any) -> tuple[Any, dict[Any, Any]]:
    """Once per search: `expr` with each limit and derivative at a point that Taylor's theorem settles replaced by
    its value (a theorem for every value of the parameters, see ladder.taylor), and, for each limit only SymPy's
    limit settles, that symbolic value, which each point confirms by evaluation before using it. Both are
    remembered and shared with the ladder."""
    if isinstance(expr, sp.MatrixBase):
        pending: dict[Any, Any] = {}
        entries = []
        for e in expr:
            done, more = prepare(e)
            entries.append(done)
            pending.update(more)
        return sp.ImmutableMatrix(expr.rows, expr.cols, entries), pending
    if not (isinstance(expr, sp.Basic) and expr.has(sp.Limit, sp.Subs)):
        return expr, {}
    with contextlib.suppress(Exception):  # a shape Taylor's rule does not handle is left as it is
        expr = taylor(expr)
    theorems: dict[Any, Any] = {}
    pending = {}
    for lim in expr.atoms(sp.Limit):
        if lim.args[0].has(sp.Limit, sp.Sum, sp.Derivative):
            continue
        candidate = _limit_candidate(lim)
        if candidate is not None:
            value, confirm = candidate
            (pending if confirm else theorems)[lim] = value
    return (expr.xreplace(theorems) if theorems else expr), pending


def value_at_point(expr: Any, point: dict[Any, Any], rng: random.Random, extra: dict[Any, Any],
                 pending: dict[Any, Any] | None = None) -> Any:
    """Substitute the point, expand sums (Karr's convention), evaluate limits and derivatives at the point, then
    give leftover atoms values too. No symbolic limit is used at the point unless evaluation confirms it there."""
    hints = {_realise(lim.xreplace(point), rng, extra): (_realise(_pointwise(value, point), rng, extra), True)
             for lim, value in (pending or {}).items()}
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(lambda e: _at_point(e, point, rng, extra, hints))
    return _at_point(expr, point, rng, extra, hints)


def _outer_written_out(s: sp.Sum) -> Any:
    """A sum whose outermost bounds are numbers, written out over its outermost index (Karr's convention)."""
    var, lo, hi = s.limits[-1]
    inner = sp.Sum(s.function, *s.limits[:-1]) if len(s.limits) > 1 else s.function
    sign, values = summation_range(int(lo), int(hi))
    return sp.Add(*(sign * inner.xreplace({var: sp.Integer(v)}) for v in values))


def _write_out_sums(value: Any) -> Any:
    """Every sum whose bounds are numbers written out, outer indices first, then the inner sums their terms make
    finite (Sum(f, (j, 0, k), (k, 0, 3)) at k = 0, ..., 3): SymPy's doit would sum the inner one in closed
    form, which is no theorem (Sum_{j=0}^{k} (-1)^j C(k, j) is 0 to SymPy, 1 at k = 0)."""
    def outer_numeric(e: Any) -> bool:
        return isinstance(e, sp.Sum) and e.limits[-1][1].is_Integer and e.limits[-1][2].is_Integer

    while True:
        written = value.replace(outer_numeric, _outer_written_out)
        if written == value:
            return value
        value = written


def _at_point(expr: Any, point: dict[Any, Any], rng: random.Random, extra: dict[Any, Any],
              hints: dict[Any, tuple[Any, bool]]) -> Any:
    value = _pointwise(expr, point)
    value = _realise(value, rng, extra)
    if isinstance(value, (sp.Basic, sp.MatrixBase)) and value.has(sp.Sum):
        value = _write_out_sums(value)
    value = _evaluate_at_point(value, hints)
    value = _doit_shielded(value)
    leftover = leftover_atoms(value)
    if isinstance(value, sp.Basic) and value.has(sp.Derivative):
        # a derivative with respect to an entry that only now has its index (z[k] at k = 2): at the point too
        moved = {d: _as_subs(d) for d in value.atoms(sp.Derivative) if set(d.variables) & set(leftover)}
        value = value.xreplace(moved) if moved else value
    for atom in leftover:
        if atom not in extra:
            base_assumptions = atom.base.label if isinstance(atom, sp.Indexed) else atom
            proto = sp.Symbol("_p", **base_assumptions.assumptions0) if isinstance(atom, sp.Indexed) else atom
            extra[atom] = sample_value(proto, rng)
    value = value.xreplace(extra) if hasattr(value, "xreplace") else value
    return _doit_shielded(_evaluate_at_point(value)) if extra else value
