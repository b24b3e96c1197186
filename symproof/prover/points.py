"""Drawing points: exact random values with every assumption of each symbol, on a domain, by rejection."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

import sympy as sp


def random_rational(rng: random.Random, positive: bool, scale: int = 1) -> sp.Rational:
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
        return sp.I * random_rational(rng, False, scale)
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
        return random_rational(rng, False, scale) * sp.sqrt(rng.choice((2, 3, 5, 7)))
    if sym.is_positive or sym.is_negative:
        value = random_rational(rng, True, scale)
        return value if sym.is_positive else -value
    if not sym.is_nonzero and rng.random() < 0.1:
        return sp.Integer(0)
    value = random_rational(rng, True, scale)
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


def free_scalars(expr: Any) -> set[Any]:
    """Free scalar symbols; an IndexedBase's label is not a scalar, its entries get values after expansion."""
    if not hasattr(expr, "free_symbols"):
        return set()
    labels = {b.label for b in expr.atoms(sp.IndexedBase)} if hasattr(expr, "atoms") else set()
    # A MatrixSymbol's size (n in an n x n H) is not among its free symbols, but it needs a value too.
    sizes = {s for m in expr.atoms(sp.MatrixSymbol) for dim in m.shape for s in sp.sympify(dim).free_symbols
             } if hasattr(expr, "atoms") else set()
    # An index that occurs only in a derivative's variable (d/dz_{r+s+1}) is not among SymPy's free symbols
    # either: without a value for s, no point of such a statement was evaluated.
    indices = {s for d in expr.atoms(sp.Derivative) for v in d.variables if isinstance(v, sp.Indexed)
               for i in v.indices for s in i.free_symbols} if hasattr(expr, "atoms") else set()
    return {s for s in expr.free_symbols | indices if s not in labels} | sizes


def leftover_atoms(expr: Any) -> list[Any]:
    """Indexed entries and plain symbols that are still free once sums are expanded."""
    indexed = sorted(expr.atoms(sp.Indexed), key=sp.default_sort_key) if hasattr(expr, "atoms") else []
    inside = set().union(*(i.free_symbols for i in indexed)) if indexed else set()
    plain = [s for s in sorted(free_scalars(expr), key=sp.default_sort_key)
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
