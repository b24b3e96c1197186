"""Counterexample search: evaluate a residual at random points that respect the symbols' assumptions.

Points are exact rationals and values are computed by mpmath through ``evalf`` at high precision, then
confirmed at a higher one, so round-off never fabricates a counterexample.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .ladder import expand_sum, is_finite_sum, limit_value, taylor

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


def sample_value(sym: Any, rng: random.Random, scale: int = 1) -> sp.Expr:
    """A random exact value allowed by a symbol's assumptions (integer, positive, nonnegative, ...).

    `scale` widens the range, for domains such as N >= 10 that small values never reach.
    """
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
        value = sp.Integer(rng.randint(lo, hi))
        if sym.is_nonzero and value == 0:
            value = sp.Integer(hi if hi != 0 else lo)
        return value
    if sym.is_zero:
        return sp.Integer(0)
    if sym.is_positive:
        return _random_rational(rng, True, scale)
    if sym.is_negative:
        return -_random_rational(rng, True, scale)
    if sym.is_nonnegative:
        return sp.Integer(0) if rng.random() < 0.1 else _random_rational(rng, True, scale)
    if sym.is_nonpositive:
        return sp.Integer(0) if rng.random() < 0.1 else -_random_rational(rng, True, scale)
    if not sym.is_nonzero and rng.random() < 0.1:
        return sp.Integer(0)
    return _random_rational(rng, False, scale)


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
    if not value.is_number:
        return None
    return value


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


def _instantiate(expr: Any, point: dict[Any, Any], rng: random.Random,
                 extra: dict[Any, Any]) -> Any:
    """Substitute the point, expand sums, limits and derivatives, then give leftover atoms values too."""
    value = expr.xreplace(point) if hasattr(expr, "xreplace") else expr
    value = _realise(value, rng, extra)
    if isinstance(value, (sp.Basic, sp.MatrixBase)) and value.has(sp.Sum):
        value = value.replace(is_finite_sum, expand_sum)
    if hasattr(value, "doit"):
        value = value.doit()
    for atom in _leftover_atoms(value):
        if atom not in extra:
            base_assumptions = atom.base.label if isinstance(atom, sp.Indexed) else atom
            proto = sp.Symbol("_p", **base_assumptions.assumptions0) if isinstance(atom, sp.Indexed) else atom
            extra[atom] = sample_value(proto, rng)
    return value.xreplace(extra) if hasattr(value, "xreplace") else value


def _limits_once(expr: Any) -> Any:
    """Evaluate limits (and derivatives at a point) symbolically once, if possible, instead of once per point:
    first by Taylor's theorem (the ladder's rule, exact), then by SymPy's limit for what is left."""
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(_limits_once)
    if not (isinstance(expr, sp.Basic) and expr.has(sp.Limit, sp.Subs)):
        return expr
    with contextlib.suppress(Exception):  # a shape Taylor cannot handle is left to the limit below
        expr = taylor(expr)
    if not expr.has(sp.Limit):
        return expr
    try:
        done = expr.replace(lambda e: isinstance(e, sp.Limit), limit_value)
    except Exception:
        return expr
    return expr if done.has(sp.Limit) else done


@dataclass
class SearchStats:
    """How many points a search really evaluated (a rejected or unevaluable point does not count)."""

    points: int = 0


def find_counterexample(lhs: Any, rhs: Any, where: tuple[Any, ...] = (), *, seed: int = 0,
                        points: int = 12, stats: SearchStats | None = None) -> Counterexample | None:
    """A point of the domain where lhs and rhs differ, confirmed at two precisions; None if none was found."""
    rng = random.Random(seed)
    lhs, rhs = _limits_once(lhs), _limits_once(rhs)
    symbols = {s for s in _free(lhs).union(_free(rhs), *(_free(w) for w in where))
               if not isinstance(s, (sp.Indexed, sp.MatrixSymbol))}
    if any(isinstance(e, sp.Basic) and e.has(sp.Limit) for e in (lhs, rhs)):
        points = min(points, EXPENSIVE_POINTS)  # each point runs a limit computation
    is_matrix = isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase)
    for point in random_points(symbols, where, rng, points):
        extra: dict[Any, Any] = {}
        try:
            a = _instantiate(lhs, point, rng, extra)
            b = _instantiate(rhs, point, rng, extra)
        except Exception:
            continue
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
                            points: int = 24) -> dict[str, str] | None:
    """A point where a relation or boolean formula evaluates to False."""
    rng = random.Random(seed)
    symbols = {s for s in _free(relation).union(*(_free(w) for w in where))
               if not isinstance(s, (sp.Indexed, sp.MatrixSymbol))}
    for point in random_points(symbols, where, rng, points):
        extra: dict[Any, Any] = {}
        try:
            # Exact numbers: SymPy decides the comparison by evalf with its own precision checks.
            value = _instantiate(relation, point, rng, extra)
        except Exception:
            continue
        if value is sp.false or value is False:
            return {str(k): str(v) for k, v in {**point, **extra}.items()}
    return None
