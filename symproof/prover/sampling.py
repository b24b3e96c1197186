"""Counterexample search: evaluate a residual at random points that have every assumption of every symbol.

Points are exact and values are computed by mpmath through ``evalf`` at high precision, then confirmed at a
higher one, so round-off never fabricates a counterexample. Limits and derivatives are evaluated at each point;
a value from SymPy's limit is used only once evaluation near the point confirms it, and a derivative at a kink
is judged by its one-sided difference quotients.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from mpmath.libmp import dps_to_prec

from .remembered import limit_value
from .series import taylor
from .smoothness import derivative_is_safe
from .sums import expand_sum, is_finite_sum

DIGITS = 40
CONFIRM_DIGITS = 80
EXPENSIVE_POINTS = 4


@dataclass(frozen=True)
class Counterexample:
    point: dict[str, str]
    lhs: str
    rhs: str
    where: str = ""
    values: dict[Any, Any] = field(default_factory=dict, compare=False)  # the exact SymPy values of the point

    def as_dict(self) -> dict[str, str]:
        out = dict(self.point)
        if self.where:
            out["entry"] = self.where
        out["lhs"] = self.lhs
        out["rhs"] = self.rhs
        return out


def _random_rational(rng: random.Random, positive: bool, scale: int = 1) -> sp.Rational:
    # Small denominators keep exact evaluation cheap; magnitudes from 1/16 to about 4 (times `scale`) keep exp finite.
    q = rng.choice((1, 2, 3, 4, 5, 7, 8, 16))
    p = rng.randint(1, 4 * q * scale)
    value = sp.Rational(p, q)
    return value if positive or rng.random() < 0.5 else -value


class Unsampleable(ValueError):
    """No value respecting every assumption of a symbol could be drawn: the search says so instead of guessing."""


def _candidate(sym: Any, rng: random.Random, scale: int) -> sp.Expr:
    """A random value of the family a symbol's assumptions call for; `sample_value` checks it against them all."""
    if sym.is_zero:
        return sp.Integer(0)
    if sym.is_imaginary:
        return sp.I * _random_rational(rng, False, scale)
    if sym.is_integer:
        lo, hi = -4 * scale, 6 * scale
        if sym.is_positive:
            lo = 1
        elif sym.is_nonnegative:
            lo = 0
        elif sym.is_negative:
            lo, hi = -6 * scale, -1
        elif sym.is_nonpositive:
            lo, hi = -6 * scale, 0
        return sp.Integer(rng.randint(lo, hi))
    if sym.is_irrational:  # a nonzero rational times the square root of a prime is irrational
        return _random_rational(rng, False, scale) * sp.sqrt(rng.choice((2, 3, 5, 7)))
    if sym.is_positive or sym.is_negative:
        value = _random_rational(rng, True, scale)
        return value if sym.is_positive else -value
    if not sym.is_nonzero and rng.random() < 0.1:
        return sp.Integer(0)
    value = _random_rational(rng, True, scale)
    if sym.is_nonnegative:
        return value
    if sym.is_nonpositive:
        return -value
    return value if rng.random() < 0.5 else -value


def violated_assumption(sym: Any, value: Any) -> str | None:
    """The first assumption of `sym` (as SymPy deduces them: even, prime, imaginary, ...) that `value` does not
    provably have, or None when it has them all."""
    for key, want in sorted(sym.assumptions0.items()):
        if getattr(value, f"is_{key}", None) is not want:
            return key
    return None


def sample_value(sym: Any, rng: random.Random, scale: int = 1) -> sp.Expr:
    """A random exact value with every assumption of `sym` (integer, positive, even, odd, prime, irrational,
    imaginary, ...), checked, or Unsampleable naming the assumption no candidate met.

    `scale` widens the range, for domains such as N >= 10 that small values never reach.
    """
    missed = ""
    for _ in range(64):
        value = _candidate(sym, rng, scale)
        missed = violated_assumption(sym, value) or ""
        if not missed:
            return value
    given = ", ".join(f"{k}={v}" for k, v in sorted(getattr(sym, "_assumptions_orig", {}).items())) or "none"
    raise Unsampleable(f"cannot sample {sym} (assumptions {given}): no candidate is "
                       f"{missed}={sym.assumptions0[missed]}")


def _satisfied(conditions: Iterable[Any], point: dict[Any, Any]) -> bool:
    for cond in conditions:
        value = cond.subs(point) if hasattr(cond, "subs") else cond
        if value is not sp.true and value is not True:
            return False
    return True


def _free(expr: Any) -> set[Any]:
    """Free scalar symbols; an IndexedBase's label is not a scalar, its entries get values after expansion."""
    if not hasattr(expr, "free_symbols"):
        return set()
    labels = {b.label for b in expr.atoms(sp.IndexedBase)} if hasattr(expr, "atoms") else set()
    # A MatrixSymbol's size (n in an n x n H) is not among its free symbols, but it needs a value too.
    sizes = {s for m in expr.atoms(sp.MatrixSymbol) for dim in m.shape for s in sp.sympify(dim).free_symbols
             } if hasattr(expr, "atoms") else set()
    return {s for s in expr.free_symbols if s not in labels} | sizes


def _leftover_atoms(expr: Any) -> list[Any]:
    """Indexed entries and plain symbols that are still free once sums are expanded."""
    indexed = sorted(expr.atoms(sp.Indexed), key=sp.default_sort_key) if hasattr(expr, "atoms") else []
    inside = set().union(*(i.free_symbols for i in indexed)) if indexed else set()
    plain = [s for s in sorted(_free(expr), key=sp.default_sort_key)
             if not isinstance(s, (sp.Indexed, sp.IndexedBase)) and s not in inside]
    # Entries such as x[2] are only left once their indices are numbers.
    indexed = [i for i in indexed if not any(k.free_symbols for k in i.indices)]
    return indexed + plain


def random_points(symbols: Iterable[Any], where: tuple[Any, ...], rng: random.Random,
                  count: int, max_tries: int | None = None) -> Iterator[dict[Any, Any]]:
    """Up to `count` points on the domain (rejection sampling against `where`, 20 tries a point by default).

    After every 8 rejections in a row the range doubles (up to 32 times), so that a domain like N >= 10 or
    beta > 5 alpha is reached instead of silently yielding no point at all.
    """
    ordered = sorted(set(symbols), key=sp.default_sort_key)
    found = misses = 0
    for _ in range(max_tries or 20 * count):
        if found >= count:
            return
        scale = 2 ** min(misses // 8, 5)
        point = {s: sample_value(s, rng, scale) for s in ordered}
        if _satisfied(where, point):
            found += 1
            misses = 0
            yield point
        else:
            misses += 1


def _numeric(expr: Any, digits: int) -> sp.Expr | None:
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


def _differs(lhs: Any, rhs: Any, digits: int) -> tuple[bool, sp.Expr, sp.Expr] | None:
    a, b = _numeric(lhs, digits), _numeric(rhs, digits)
    if a is None or b is None:
        return None
    floor = sp.Float(10, digits) ** (-(digits - 12))
    scale = max(sp.Abs(a), sp.Abs(b), sp.Integer(1))
    return bool(sp.Abs(a - b) > floor * scale), a, b


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
            chosen[m] = sp.ImmutableMatrix(*m.shape, lambda i, j: _random_rational(rng, False))
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
    target = _numeric(value, APPROACH_DIGITS)
    if target is None:
        return False
    scale = max(sp.Abs(target), sp.Integer(1))
    for h in APPROACH_STEPS:
        for point in _near(z0, direction, h):
            near = _numeric(e.xreplace({z: point}), APPROACH_DIGITS)
            if near is None or sp.Abs(near - target) > APPROACH_TOLERANCE * scale:
                return False
    return True


def _confirmed_divergence(e: Any, z: Any, z0: Any, direction: str, sign: int) -> bool:
    """Does e, evaluated ever nearer the point, grow past 10^8 with the sign of the infinite limit, and keep
    growing from one step to the next?"""
    previous: list[Any] = []
    for h in APPROACH_STEPS:
        values = [_numeric(e.xreplace({z: point}), APPROACH_DIGITS) for point in _near(z0, direction, h)]
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
    at = _numeric(g.xreplace({z: z0}), APPROACH_DIGITS)
    right = _numeric(g.xreplace({z: z0 + h}), APPROACH_DIGITS)
    left = _numeric(g.xreplace({z: z0 - h}), APPROACH_DIGITS)
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


def _pointwise(expr: Any, point: dict[Any, Any]) -> Any:
    """`expr` at `point`: a derivative with respect to a sampled symbol becomes a derivative at the point."""
    if not hasattr(expr, "xreplace"):
        return expr
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


def _instantiate(expr: Any, point: dict[Any, Any], rng: random.Random, extra: dict[Any, Any],
                 pending: dict[Any, Any] | None = None) -> Any:
    """Substitute the point, expand sums (Karr's convention), evaluate limits and derivatives at the point, then
    give leftover atoms values too. No symbolic limit is used at the point unless evaluation confirms it there."""
    hints = {_realise(lim.xreplace(point), rng, extra): (_realise(_pointwise(value, point), rng, extra), True)
             for lim, value in (pending or {}).items()}
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(lambda e: _at_point(e, point, rng, extra, hints))
    return _at_point(expr, point, rng, extra, hints)


def _at_point(expr: Any, point: dict[Any, Any], rng: random.Random, extra: dict[Any, Any],
              hints: dict[Any, tuple[Any, bool]]) -> Any:
    value = _pointwise(expr, point)
    value = _realise(value, rng, extra)
    if isinstance(value, (sp.Basic, sp.MatrixBase)) and value.has(sp.Sum):
        value = value.replace(is_finite_sum, expand_sum)
    value = _evaluate_at_point(value, hints)
    value = _doit_shielded(value)
    leftover = _leftover_atoms(value)
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


@dataclass
class SearchStats:
    """How many points a search really evaluated (a rejected or unevaluable point does not count)."""

    points: int = 0
    unsampled: str = ""  # why no point could be drawn at all (an assumption the sampler cannot meet)


def find_counterexample(lhs: Any, rhs: Any, where: tuple[Any, ...] = (), *, seed: int = 0,
                        points: int = 12, stats: SearchStats | None = None) -> Counterexample | None:
    """A point of the domain where lhs and rhs differ, confirmed at two precisions; None if none was found.

    A symbol whose assumptions cannot be sampled ends the search (noted in `stats`): no point is drawn
    outside a symbol's domain."""
    try:
        return _search(lhs, rhs, where, seed, points, stats)
    except Unsampleable as exc:
        if stats is not None:
            stats.unsampled = str(exc)
        return None


def _sides(sides: tuple[tuple[Any, dict[Any, Any]], ...], point: dict[Any, Any], rng: random.Random,
           extra: dict[Any, Any]) -> list[Any] | None:
    """Both sides at the point (a NotDifferentiable in place of an undefined side), or None to skip the point."""
    values: list[Any] = []
    for side, pending in sides:
        try:
            values.append(_instantiate(side, point, rng, extra, pending))
        except Unsampleable:
            raise
        except NotDifferentiable as exc:
            values.append(exc)
        except Exception:
            return None
    return values


def _drawn(e: Any) -> bool:
    """Does `e` hold something each point draws anew (a generic function, a vector entry, a matrix)?"""
    if not isinstance(e, sp.Basic):
        return True
    return e.has(sp.Indexed, sp.MatrixSymbol) or any(callable(getattr(f, "realise", None))
                                                      for f in e.atoms(sp.Function))


def _search(lhs: Any, rhs: Any, where: tuple[Any, ...], seed: int, points: int,
            stats: SearchStats | None) -> Counterexample | None:
    rng = random.Random(seed)
    symbols = {s for s in _free(lhs).union(_free(rhs), *(_free(w) for w in where))
               if not isinstance(s, (sp.Indexed, sp.MatrixSymbol))}
    if any(isinstance(e, sp.Basic) and e.has(sp.Limit) for e in (lhs, rhs)):
        points = min(points, EXPENSIVE_POINTS)  # each point runs a limit computation
    is_matrix = isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase)
    if not symbols and not is_matrix and not any(_drawn(e) for e in (lhs, rhs)):
        points = 1  # a constant has one value: more points re-evaluate it (an infinite sum, seconds each)
    sides = (prepare(lhs), prepare(rhs))
    for point in random_points(symbols, where, rng, points):
        extra: dict[Any, Any] = {}
        values = _sides(sides, point, rng, extra)
        if values is None:
            continue
        a, b = values
        undefined = [isinstance(v, NotDifferentiable) for v in values]
        if any(undefined):
            if all(undefined):
                continue  # both sides undefined: no evidence either way
            shown = {str(k): str(v) for k, v in {**point, **extra}.items()}
            text = [str(v) if isinstance(v, NotDifferentiable) else str(sp.N(v, 15)) for v in values]
            return Counterexample(shown, text[0], text[1], "", {**point, **extra})
        pairs: list[tuple[str, Any, Any]]
        if is_matrix or isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
            if getattr(a, "shape", None) != getattr(b, "shape", None):
                return Counterexample({}, f"shape {getattr(a, 'shape', ())}", f"shape {getattr(b, 'shape', ())}")
            pairs = [(f"({i}, {j})", a[i, j], b[i, j]) for i in range(a.rows) for j in range(a.cols)]
        else:
            pairs = [("", a, b)]
        evaluated = False
        for label, ea, eb in pairs:
            try:
                first = _differs(ea, eb, DIGITS)
                evaluated = evaluated or first is not None
                if not first or not first[0]:
                    continue
                confirm = _differs(ea, eb, CONFIRM_DIGITS)
            except Exception:
                continue
            if confirm and confirm[0]:
                shown = {str(k): str(v) for k, v in {**point, **extra}.items()}
                return Counterexample(shown, str(sp.N(confirm[1], 15)), str(sp.N(confirm[2], 15)), label,
                                      {**point, **extra})
        if stats is not None and evaluated:
            stats.points += 1
    return None


def relation_counterexample(relation: Any, where: tuple[Any, ...] = (), *, seed: int = 0,
                            points: int = 24, stats: SearchStats | None = None) -> dict[str, str] | None:
    """A point where a relation or boolean formula evaluates to False."""
    rng = random.Random(seed)
    symbols = {s for s in _free(relation).union(*(_free(w) for w in where))
               if not isinstance(s, (sp.Indexed, sp.MatrixSymbol))}
    prepared, pending = prepare(relation)
    try:
        for point in random_points(symbols, where, rng, points):
            extra: dict[Any, Any] = {}
            try:
                # Exact numbers: SymPy decides the comparison by evalf with its own precision checks.
                value = _instantiate(prepared, point, rng, extra, pending)
            except Unsampleable:
                raise
            except Exception:
                continue
            if value is sp.false or value is False:
                return {str(k): str(v) for k, v in {**point, **extra}.items()}
    except Unsampleable as exc:
        if stats is not None:
            stats.unsampled = str(exc)
    return None
