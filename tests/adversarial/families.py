"""Families of statements for the adversarial suite: a true statement and false ones near it, by parameters.

Each family draws its parameters with Hypothesis and returns (true statements, false statements). A false one is
the true one with a perturbed constant, a dropped term, the wrong branch, the wrong region or a wrong case
cover. Every expected truth value here is derived from the mathematics of the family, never from the prover.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp
from hypothesis import strategies as st

from symproof.prover import Case, Statement, eq

x = sp.Symbol("x", real=True)
z = sp.Symbol("z", real=True)
t = sp.Symbol("t", positive=True)
u = sp.Symbol("u", nonnegative=True)
k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True)
m = sp.Symbol("m", integer=True, positive=True)
even = sp.Symbol("e", even=True)
odd = sp.Symbol("o", odd=True)

# Small nonzero rationals: exact arithmetic stays cheap, and a perturbation is never 0.
rationals = st.builds(sp.Rational, st.integers(-9, 9), st.integers(1, 6))
nonzero = rationals.filter(lambda r: r != 0)


@dataclass(frozen=True)
class Drawn:
    true: tuple[Statement, ...]
    false: tuple[Statement, ...]


def _polynomial(draw: Callable[[Any], Any]) -> Drawn:
    a, d = draw(rationals), draw(nonzero)
    lhs = (x + a) ** 3
    expanded = x**3 + 3 * a * x**2 + 3 * a**2 * x + a**3
    return Drawn((eq(lhs, expanded),),
                 (eq(lhs, expanded + d), eq(lhs, expanded - 3 * a * x**2) if a else eq(lhs, expanded - x**3),
                  eq(lhs, expanded + d * x)))


def _exponential(draw: Callable[[Any], Any]) -> Drawn:
    a, b, d = draw(rationals), draw(rationals), draw(nonzero)
    return Drawn((eq(sp.exp(a * x) * sp.exp(b * x), sp.exp((a + b) * x)), eq(sp.log(sp.exp(a * t)), a * t)),
                 (eq(sp.exp(a * x) * sp.exp(b * x), sp.exp((a + b + d) * x)),
                  eq(sp.exp(a * x) * sp.exp(b * x), sp.exp(a * x) + sp.exp(b * x) - 1 + d)))


def _branches(draw: Callable[[Any], Any]) -> Drawn:
    a = draw(nonzero)
    c = abs(a)
    return Drawn((eq(sp.sqrt((c * t) ** 2), c * t), eq(sp.sqrt((x - a) ** 2), sp.Abs(x - a)),
                  eq(sp.Abs(x - a) ** 2, (x - a) ** 2)),
                 (eq(sp.sqrt((x - a) ** 2), x - a), eq(sp.sqrt((c * t) ** 2), -c * t),
                  eq(sp.Limit(sp.sqrt(-c + sp.I * z), z, 0, "-"), sp.I * sp.sqrt(c)),
                  eq(sp.Limit(sp.log(-c + sp.I * z), z, 0, "-"), sp.log(c) + sp.I * sp.pi)))


def _regions(draw: Callable[[Any], Any]) -> Drawn:
    c, d = draw(rationals), draw(nonzero)
    w = abs(d)
    return Drawn((eq(sp.Max(x, c), x, x >= c), eq(sp.Max(x, c), c, x <= c), eq(sp.Min(x, c), x, x <= c)),
                 (eq(sp.Max(x, c), x, x >= c - w), eq(sp.Max(x, c), c, x <= c + w), eq(sp.Min(x, c), x)))


def _covers(draw: Callable[[Any], Any]) -> Drawn:
    c = draw(rationals)
    narrow = sp.Rational(1, 1000)
    split = (Case("x > c", {x: c + t}), Case("x < c", {x: c - t}), Case("x = c", {x: c}))
    total = sp.Max(x - c, 0) + sp.Min(x - c, 0)
    return Drawn((eq(total, x - c, cases=split), eq(sp.Max(x - c, 0), (x - c + sp.Abs(x - c)) / 2, cases=split),
                  # a true statement whose one case does not cover the reals: unknown, never refuted
                  eq(total, x - c, cases=split[:1]),
                  eq(total, x - c, cases=(Case("x = c + e^z", {x: c + sp.exp(z)}),))),
                 (eq(sp.Max(x - c, 0), x - c, cases=split[:1]), eq(sp.Max(x - c, 0), x - c, cases=split[:2]),
                  eq(sp.Max(x - c, 0), x - c, cases=(Case("x = c + e^z", {x: c + sp.exp(z)}),)),
                  eq(sp.Max(x - c, 0), x - c, cases=(Case("x = c + t^2", {x: c + z**2}),)),
                  # false on (c, c + 1/1000) only, which random points hardly reach: the cover must refuse it
                  eq(sp.Max(x - c, 0) * sp.Max(c + narrow - x, 0), 0,
                     cases=(split[1], split[2], Case("x = c + 1/1000 + e^z", {x: c + narrow + sp.exp(z)})))))


def _sums(draw: Callable[[Any], Any]) -> Drawn:
    d = draw(nonzero)
    p = draw(st.integers(1, 3))
    closed = {1: n * (n + 1) / 2, 2: n * (n + 1) * (2 * n + 1) / 6, 3: (n * (n + 1) / 2) ** 2}[p]
    body = k**p
    return Drawn((eq(sp.Sum(body, (k, 1, n)), closed), eq(sp.Sum((k + 1) ** p, (k, 0, n - 1)), closed)),
                 (eq(sp.Sum(body, (k, 1, n)), closed + d), eq(sp.Sum(body, (k, 1, n + 1)), closed),
                  eq(sp.Sum(body, (k, 1, n)), closed.subs(n, n - 1))))


def _geometric(draw: Callable[[Any], Any]) -> Drawn:
    r = draw(rationals.filter(lambda v: v not in (0, 1)))
    d = draw(nonzero)
    closed = (r**m - 1) / (r - 1)
    return Drawn((eq(sp.Sum(r**k, (k, 0, m - 1)), closed),),
                 (eq(sp.Sum(r**k, (k, 0, m - 1)), closed + d), eq(sp.Sum(r**k, (k, 0, m)), closed)))


def _limits(draw: Callable[[Any], Any]) -> Drawn:
    a, b, d = draw(nonzero), draw(nonzero), draw(nonzero)
    p = sp.Symbol("p", real=True)  # a parameter left symbolic: the limit is evaluated at each sampled p
    return Drawn((eq(sp.Limit(sp.sin(a * x) / x, x, 0), a), eq(sp.Limit((sp.exp(a * x) - 1) / x, x, 0), a),
                  eq(sp.Limit((p * x + b) / (x + 1), x, sp.oo), p),
                  eq(sp.Limit(sp.sin(p * x) / sp.sin(b * x), x, 0), p / b),
                  eq(sp.Limit(sp.frac(x + a), x, 0, "-"), sp.frac(a) if not a.is_integer else 1)),
                 (eq(sp.Limit(sp.sin(a * x) / x, x, 0), a + d), eq(sp.Limit((sp.exp(a * x) - 1) / x, x, 0), 0),
                  eq(sp.Limit((p * x + b) / (x + 1), x, sp.oo), p + d),
                  eq(sp.Limit((p * x + b) / (x + 1), x, sp.oo), b),
                  eq(sp.Limit(sp.frac(x), x, 0, "-"), 0), eq(sp.Limit(sp.floor(x), x, 0, "-"), 0),
                  eq(sp.Limit(sp.Heaviside(x), x, 0, "+"), sp.Rational(1, 2)),
                  eq(sp.Limit(sp.atan2(z, -abs(a)), z, 0, "-"), sp.pi)))


def _derivatives(draw: Callable[[Any], Any]) -> Drawn:
    a, d = draw(nonzero), draw(nonzero)
    c = abs(a)

    def at(g: Any, point: Any) -> Any:
        return sp.Subs(sp.Derivative(g, z), z, point)

    return Drawn((eq(at(sp.Max(z, 0), c), 1), eq(at(sp.Max(z, 0), -c), 0), eq(at(sp.Abs(z), c), 1),
                  eq(at(z**3 + a * z, c), 3 * c**2 + a)),
                 (eq(at(sp.Max(z, 0), 0), sp.Rational(1, 2)), eq(at(sp.Abs(z), 0), 0), eq(at(sp.Max(z, 0), 0), d),
                  eq(at(sp.Abs(z - a), a), 0), eq(at(z**3 + a * z, c), 3 * c**2 + a + d),
                  eq(sp.Derivative(sp.Max(x, 0), x), sp.Heaviside(x))))


def _floats(draw: Callable[[Any], Any]) -> Drawn:
    p, q = draw(st.integers(1, 99)), draw(st.sampled_from((3, 5, 7, 10, 11)))
    j, e = draw(st.integers(-64, 64)), draw(st.integers(0, 10))
    dyadic = sp.Rational(j, 2**e)
    big = sp.Float(10.0 ** draw(st.integers(16, 20)))
    false = [eq(sp.Add(big, 1, evaluate=False), big)]
    den = int(sp.Rational(p, q).q)
    if den & (den - 1):  # a reduced denominator that is not a power of 2: p/q is no binary rational
        false.append(eq(sp.Rational(p, q), sp.Float(p / q)))
    return Drawn((eq(sp.Float(float(dyadic)), dyadic),), tuple(false))


def _assumptions(draw: Callable[[Any], Any]) -> Drawn:
    d = draw(nonzero)
    return Drawn((eq(2 * sp.floor(even / 2), even), eq(2 * sp.floor(odd / 2) + 1, odd),
                  eq(sp.cos(sp.pi * even), 1), eq(sp.cos(sp.pi * odd), -1)),
                 (eq(2 * sp.floor(odd / 2), odd), eq(2 * sp.floor(even / 2) + 1, even), eq(sp.cos(sp.pi * even), -1),
                  eq(2 * sp.floor(even / 2), even + d)))


entry = sp.IndexedBase("z", real=True)
cls = sp.Symbol("c", integer=True, positive=True)  # the class c, 1 <= c <= K = c + r
more = sp.Symbol("r", integer=True, nonnegative=True)
gap = sp.Symbol("g", integer=True, nonnegative=True)
i = sp.Symbol("i", integer=True)
SMOOTH: dict[str, Callable[[Any, Any], Any]] = {
    "exp": lambda a, v: sp.exp(a * v), "sin": lambda a, v: sp.sin(a * v), "cube": lambda a, v: a * v**3,
    "linear": lambda a, v: a * v, "square": lambda a, v: (v - a) ** 2,
}


def _sum_derivatives(draw: Callable[[Any], Any]) -> Drawn:
    """d/dz_c of sums over z_i: the term i = c only, none when c is beyond the sum, through log-sum-exp too."""
    a, d = draw(nonzero), draw(nonzero)
    g = SMOOTH[draw(st.sampled_from(sorted(SMOOTH)))]
    u = sp.Dummy("u")
    dg = sp.diff(g(a, u), u)

    def at(e: Any, v: Any) -> Any:
        return e.xreplace({u: v})

    body = sp.Sum(g(a, entry[i]), (i, 1, cls + more))
    d1 = sp.Derivative(body, entry[cls])
    beyond = sp.Derivative(sp.Sum(g(a, entry[i]), (i, 1, more)), entry[more + 1 + gap])
    lse = sp.Sum(sp.exp(g(a, entry[i])), (i, 1, cls + more))
    dlse = sp.Derivative(sp.log(lse), entry[cls])
    softmax = at(dg, entry[cls]) * sp.exp(g(a, entry[cls])) / lse
    true = (eq(d1, at(dg, entry[cls])), eq(beyond, 0), eq(dlse, softmax),
            eq(sp.Derivative(body, entry[cls], entry[cls + 1]), 0))
    false = [eq(d1, 0), eq(d1, at(dg, entry[cls]) + d), eq(d1, sp.Sum(at(dg, entry[i]), (i, 1, cls + more))),
             eq(beyond, at(dg, entry[more + 1 + gap])), eq(dlse, softmax + d)]
    if sp.simplify(g(a, u) - dg) != 0:  # exp(u) is its own derivative
        false.append(eq(d1, g(a, entry[cls])))
    if sp.simplify(dg - 1) != 0:
        false.append(eq(dlse, sp.exp(g(a, entry[cls])) / lse))
    # two false statements and one true one per example: each is a derivative over a symbolic sum (0.05 s)
    picks = draw(st.permutations(range(len(false))))[:2]
    return Drawn((true[draw(st.integers(0, len(true) - 1))],), tuple(false[j] for j in picks))


def _boundary_sums(draw: Callable[[Any], Any]) -> Drawn:
    """Sums whose closed form fails at the boundary n = 0 (SymPy's summation drops it), their true forms, and the
    operators around them that must not sum them either."""
    lo = draw(st.integers(0, 1))
    d = draw(nonzero)
    nn = sp.Symbol("n", integer=True, nonnegative=True)
    alt = sp.Sum((-1) ** k * sp.binomial(nn, k), (k, lo, nn))
    generic = {0: 0, 1: -1}[lo]  # right for n >= 1 only
    true = {0: sp.KroneckerDelta(nn, 0), 1: sp.KroneckerDelta(nn, 0) - 1}[lo]
    trues = (eq(alt, true), eq(sp.Subs(alt + x, x, 0), alt))
    falses = (eq(alt, generic), eq(alt, generic + d), eq(sp.Subs(alt + x, x, 0), generic),
              eq(sp.Integral(2 * x * alt, (x, 0, 1)), generic), eq(sp.Sum(alt, (m, 1, 2)), 2 * generic))
    # one of each per example: a sum the ladder cannot close takes the whole search (0.2 s)
    return Drawn((trues[draw(st.integers(0, 1))],), (falses[draw(st.integers(0, len(falses) - 1))],))


def _hidden_remainders(draw: Callable[[Any], Any]) -> Drawn:
    """Taylor in a variable t about a point that moves with r, under lim_{r -> 0}: the remainder depends on r
    without showing it, so splitting it off the limit and cancelling it against the same tag outside is false
    (F(w + r u + t v) - F(w + r u) - t S differs at r and at 0). True: the plain Taylor instance about a point
    free of both variables."""
    from symproof.prover import Derivation, Step
    from symproof.prover.rules import R_VAR, RULES, BigO, N

    r = R_VAR
    w, v, u = (sp.MatrixSymbol(name, N, 1) for name in "wvu")
    tt = sp.Symbol(draw(st.sampled_from(["t", "h", "s"])), real=True)
    c, tag = draw(nonzero), draw(st.integers(1, 4))
    fixed = {"f": "f", "index": (), "x": w + c * u, "v": v, "tag": tag}
    x, y = RULES["Taylor"].sides(**fixed)
    true = Derivation(x, (Step(y, "Taylor", fixed),))
    moving = {"f": "f", "index": (), "x": w + c * r * u, "v": v, "tag": tag, "r": tt}
    x, y = RULES["Taylor"].sides(**moving)
    start = sp.Limit(x, r, 0, dir="+-") - x
    expanded = start.xreplace({x: y})
    o = BigO(tt**2, tag)
    split = {"a": y - o, "b": o}
    lx, ly = RULES["limit of a sum"].sides(**split)
    apart = expanded.xreplace({lx: ly})
    read = apart.xreplace({sp.Limit(o, r, 0, dir="+-"): o})
    false = Derivation(start, (Step(expanded, "Taylor", moving), Step(apart, "limit of a sum", split),
                               Step(read, "evaluate at r = 0"), Step(sp.expand(read), "order arithmetic")))
    return Drawn((true,), (false,))


def _long_powers(draw: Callable[[Any], Any]) -> Drawn:
    """A power of a sum of many symbols, few nodes but thousands of monomials, against a wrong side: a constant
    moved inside (s + d)^k - d^k = s^k, false for k >= 2 and d != 0. True: its square written out."""
    size, power, d = draw(st.integers(3, 10)), draw(st.integers(2, 8)), draw(nonzero)
    total = sum(sp.symbols(f"a0:{size}", real=True))
    return Drawn((eq((total + d) ** 2, total**2 + 2 * d * total + d**2),),
                 (eq(total**power, (total + d) ** power - d**power),))


def _infinity(draw: Callable[[Any], Any]) -> Drawn:
    """Limits at +-oo through exp(r t z), r > 0 and t > 0: (A e + B) / (C e + D) tends to A / C at +oo and to
    B / D at -oo, and the other way round with the exponent's sign flipped; x / (1 + exp(-r z x)) tends to
    max(x, 0) at +oo, by the sign of x. False: a perturbed constant, the other direction, the other sign."""
    r = draw(rationals.filter(lambda v: v > 0))
    a, b, c, d = draw(rationals), draw(rationals), draw(nonzero), draw(nonzero)
    delta = draw(nonzero)
    e = sp.exp(r * t * z)
    body, flipped = (a * e + b) / (c * e + d), (a / e + b) / (c / e + d)
    up, down = a / c, b / d
    not_up, not_down = (down, up) if down != up else (up + delta, down + delta)
    split = (Case("x > 0", {x: t}), Case("x < 0", {x: -t}), Case("x = 0", {x: 0}))
    h = x / (1 + sp.exp(-r * z * x))
    return Drawn((eq(sp.Limit(body, z, sp.oo), up), eq(sp.Limit(body, z, -sp.oo), down),
                  eq(sp.Limit(flipped, z, sp.oo), down), eq(sp.Limit(flipped, z, -sp.oo), up),
                  eq(sp.Limit(h, z, sp.oo), sp.Max(x, 0), cases=split)),
                 (eq(sp.Limit(body, z, sp.oo), up + delta), eq(sp.Limit(body, z, sp.oo), not_up),
                  eq(sp.Limit(body, z, -sp.oo), not_down), eq(sp.Limit(flipped, z, sp.oo), not_down),
                  eq(sp.Limit(h, z, -sp.oo), sp.Max(x, 0), cases=split),
                  eq(sp.Limit(t / (1 + sp.exp(r * z * t)), z, sp.oo), t)))


def _symbolic_geometric(draw: Callable[[Any], Any]) -> Drawn:
    """Geometric sums with a symbolic ratio r = p + t or p - t (t > 0; p = 1, 2 or -2, -3, so r is neither 0 nor 1)
    over any integer range, Karr's reversed ones included: the closed form f(lo) (R^(hi - lo + 1) - 1) / (R - 1),
    R = r^s, and near it a wrong ratio, an off-by-one bound, a swapped range, a ratio that may be 1; and a constant
    body's c (hi - lo + 1) against c (hi - lo)."""
    p = draw(st.sampled_from([1, 2, -2, -3]))
    r = (p + t) if p > 0 else (p - t)
    slope, shift, lo = draw(st.sampled_from([1, 2, -1])), draw(st.integers(-2, 2)), draw(st.integers(-2, 2))
    hi = n + draw(st.integers(-1, 1))
    ratio, body, d = r**slope, r ** (slope * k + shift), draw(nonzero)
    first = body.subs(k, lo)
    closed = first * (ratio ** (hi - lo + 1) - 1) / (ratio - 1)
    telescoped = (body.subs(k, hi + 1) - first) / (ratio - 1)  # the same number, as a difference
    total = sp.Sum(body, (k, lo, hi))
    return Drawn((eq(total, closed), eq(total, telescoped), eq(total, -sp.Sum(body, (k, hi + 1, lo - 1))),
                  eq(sp.Sum(d, (k, lo, hi)), d * (hi - lo + 1))),
                 (eq(total, closed * ratio), eq(total, first * (ratio ** (hi - lo + 2) - 1) / (ratio - 1)),
                  eq(total, first * (ratio ** (hi - lo + 1) - 1) / ratio), eq(total, -sp.Sum(body, (k, hi, lo))),
                  eq(sp.Sum((1 + u) ** k, (k, 0, hi)), ((1 + u) ** (hi + 1) - 1) / u + 1),
                  eq(sp.Sum(d, (k, lo, hi)), d * (hi - lo))))

def _delta_sums(draw: Callable[[Any], Any]) -> Drawn:
    """Sum_{i=k+c1}^{k+c2} (delta(i, k) + d) y_i over any integer range: split, then y_k, 0 or -y_k by Karr's
    convention (c2 < c1 - 1 is minus the sum over k+c2+1..k+c1-1), plus d times the sum; near it, the value
    SymPy's own delta summation gives (it forgets the reversed range) where that differs, and a dropped sign."""
    y = sp.IndexedBase("y", real=True)
    i = sp.Symbol("i", integer=True)
    c1, c2, d = draw(st.integers(-3, 3)), draw(st.integers(-3, 3)), draw(nonzero)
    limits = (i, k + c1, k + c2)
    forward = y[k] if c1 <= 0 <= c2 else sp.S.Zero
    reversed_ = -y[k] if c2 + 1 <= 0 <= c1 - 1 else sp.S.Zero
    value = forward if c2 >= c1 - 1 else reversed_
    total = sp.Sum((sp.KroneckerDelta(i, k) + d) * y[i], limits)
    rest = d * sp.Sum(y[i], limits)
    falses = [eq(total, value + rest + y[k]), eq(sp.Sum(sp.KroneckerDelta(i, k) * y[i], limits), value + y[k])]
    if forward != value:
        falses.append(eq(sp.Sum(sp.KroneckerDelta(i, k) * y[i], limits), forward))
    return Drawn((eq(total, value + rest), eq(sp.Sum(sp.KroneckerDelta(i, k) * y[i], limits), value)),
                 tuple(falses))


FAMILIES: dict[str, Callable[[Callable[[Any], Any]], Drawn]] = {
    "polynomial": _polynomial, "exponential": _exponential, "branches": _branches, "regions": _regions,
    "covers": _covers, "sums": _sums, "geometric": _geometric, "limits": _limits, "derivatives": _derivatives,
    "floats": _floats, "assumptions": _assumptions, "sum derivatives": _sum_derivatives,
    "boundary sums": _boundary_sums, "hidden remainders": _hidden_remainders, "long powers": _long_powers,
    "infinity": _infinity,
    "symbolic geometric": _symbolic_geometric, "delta sums": _delta_sums,
}
