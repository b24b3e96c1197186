"""Counterexample search: evaluate a residual at random points that have every assumption of every symbol.

Points are exact and values are computed by mpmath through ``evalf`` at high precision, then confirmed at a
higher one, so round-off never fabricates a counterexample. Limits and derivatives are evaluated at each point;
a value from SymPy's limit is used only once evaluation near the point confirms it, and a derivative at a kink
is judged by its one-sided difference quotients.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .evaluation import NotDifferentiable, numeric, prepare, value_at_point
from .points import Unsampleable, free_scalars, random_points

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


def _differs(lhs: Any, rhs: Any, digits: int) -> tuple[bool, sp.Expr, sp.Expr] | None:
    a, b = numeric(lhs, digits), numeric(rhs, digits)
    if a is None or b is None:
        return None
    floor = sp.Float(10, digits) ** (-(digits - 12))
    scale = max(sp.Abs(a), sp.Abs(b), sp.Integer(1))
    return bool(sp.Abs(a - b) > floor * scale), a, b


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
            values.append(value_at_point(side, point, rng, extra, pending))
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
    symbols = {s for s in free_scalars(lhs).union(free_scalars(rhs), *(free_scalars(w) for w in where))
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


# An order relation's truth from the sign of lhs - rhs.
_ORDERS = {">": lambda sign: sign > 0, ">=": lambda sign: sign >= 0, "<": lambda sign: sign < 0,
           "<=": lambda sign: sign <= 0}


def _real(value: Any, digits: int) -> Any | None:
    """`value` itself if it is a rational number, else as a Float whose `digits` digits evalf certifies (strict:
    it raises when it cannot); None if it is not a real number or cannot be certified so."""
    value = sp.sympify(value)
    if value.is_Rational:
        return value
    try:
        n = value.evalf(digits, strict=True)
    except Exception:  # PrecisionExhausted (a sum that cancels), or no number at all: decided the slow way
        return None
    return n if isinstance(n, sp.Float) else None


def order_at_point(sides: Any, op: str) -> Any | None:
    """lhs op rhs for numbers (lhs, rhs): true or false when both sides are certified real numbers and the sign of
    their difference is certified (or the difference is the literal 0); None otherwise. SymPy's own comparison
    of the relation asks the assumptions system about each partly evaluated form first, most of a point's time."""
    lhs, rhs = sides
    if _real(lhs, 15) is None or _real(rhs, 15) is None:
        return None
    n = _real(lhs - rhs, DIGITS)
    if n is None or (n == 0 and not n.is_Rational):  # a Float 0: no sign certified
        return None
    sign = 0 if n == 0 else 1 if n > 0 else -1
    return sp.true if _ORDERS[op](sign) else sp.false


def relation_counterexample(relation: Any, where: tuple[Any, ...] = (), *, seed: int = 0,
                            points: int = 24, stats: SearchStats | None = None) -> dict[str, str] | None:
    """A point where a relation or boolean formula evaluates to False. An order relation is decided from its two
    sides' values (`order_at_point`), the relation itself only where their signs are not certified."""
    rng = random.Random(seed)
    symbols = {s for s in free_scalars(relation).union(*(free_scalars(w) for w in where))
               if not isinstance(s, (sp.Indexed, sp.MatrixSymbol))}
    prepared, pending = prepare(relation)
    op = getattr(relation, "rel_op", None) if isinstance(relation, sp.core.relational.Relational) else None
    sides, sides_pending = prepare(sp.Tuple(relation.lhs, relation.rhs)) if op in _ORDERS else (None, {})
    try:
        for point in random_points(symbols, where, rng, points):
            extra: dict[Any, Any] = {}
            try:
                value = None
                if sides is not None:
                    at = value_at_point(sides, point, rng, extra, sides_pending)
                    value = order_at_point(at, str(op)) if isinstance(at, sp.Tuple) and len(at) == 2 else None
                if value is None:
                    # Exact numbers: SymPy decides the comparison by evalf with its own precision checks.
                    value = value_at_point(prepared, point, rng, extra, pending)
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
