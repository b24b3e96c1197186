"""Deciding a pair by its kind: sizes, yes/no and big Os here, exactly; the rest by the prover under the budget."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import sympy as sp

from ..prover.engine import decide
from ..prover.method import Kind, Method
from ..prover.points import random_points, sample_value
from ..prover.sampling import find_counterexample
from ..prover.statements import Equal
from ..prover.verdict import Scope, Status, Verdict
from .reading import Side
from .verdict import Equivalence


def _exact(a: Side, b: Side) -> Equivalence:
    same = tuple(a.value) == tuple(b.value) if a.kind == "size" else bool(a.value) == bool(b.value)
    what = "sizes" if a.kind == "size" else "yes/no"
    return Equivalence("equivalent" if same else "not equivalent", f"exact comparison of {what}", kind=a.kind)


def _orders(a: Side, b: Side) -> Equivalence:
    """Two big Os as r -> 0 in one variable r: the same class when their arguments have the same leading power of
    r (read off the series and confirmed by evaluation, as `check` does). LaTeX's O(g) keeps g as written, since
    SymPy's Order works term by term (O(sin r - r) would be O(r)); two SymPy Orders are canonical, compared as
    they are."""
    from ..answers.deciding import leading_order

    if isinstance(a.value, sp.Order) and isinstance(b.value, sp.Order):
        same = a.value == b.value
        return Equivalence("equivalent" if same else "not equivalent", "comparison of canonical big O terms",
                           "" if same else f"{sp.sstr(a.value)} is not {sp.sstr(b.value)}", kind="order")
    method = "leading order of the series at 0"
    ga, gb = (v.value.expr if isinstance(v.value, sp.Order) else v.value.args[0] for v in (a, b))
    symbols = ga.free_symbols | gb.free_symbols
    if len(symbols) != 1 or any(isinstance(v.value, sp.Order) and v.value.point[0] != 0 for v in (a, b)):
        return Equivalence("undecided", method, "big O terms are compared in one variable, as it tends to 0",
                           kind="order")
    var = next(iter(symbols))
    ours, theirs = leading_order(ga, var), leading_order(gb, var)
    if isinstance(ours, str) or isinstance(theirs, str):
        return Equivalence("undecided", method, ours if isinstance(ours, str) else str(theirs), kind="order")
    if ours[1] == theirs[1]:
        return Equivalence("equivalent", method, kind="order")
    return Equivalence("not equivalent", method, f"O({sp.sstr(ga)}) is O({var}^{ours[1]}), O({sp.sstr(gb)}) is "
                       f"O({var}^{theirs[1]})", kind="order")


def _differing_entries(a: sp.MatrixBase, b: sp.MatrixBase) -> tuple[str, ...]:
    out = []
    for r in range(a.rows):
        for c in range(a.cols):
            if sp.expand(a[r, c] - b[r, c]) != 0 and find_counterexample(a[r, c], b[r, c], (), points=4) is not None:
                out.append(f"({r}, {c})")
    return tuple(out)


def _identity(a: Any, b: Any, scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """In the child: the prover's decision on a = b, and for a refuted matrix the entries that differ."""
    verdict = decide(Equal(a, b), scope)
    entries: tuple[str, ...] = ()
    if verdict.refuted and isinstance(a, sp.MatrixBase) and getattr(a, "shape", None) == getattr(b, "shape", None):
        entries = _differing_entries(a, b)
    return verdict, entries


def _matrix_expressions(a: Any, b: Any, scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """In the child: matrix symbols (H^{-1} g) by the prover's matrix rules, never as scalars; compared where both
    sides are defined, so every matrix either side inverts is taken invertible."""
    from ..prover.matrix import MatrixEqual
    from ..prover.matrix_rules import MatrixFacts

    inverted = {i.arg for e in (a, b) for i in e.atoms(sp.Inverse) if isinstance(i.arg, sp.MatrixSymbol)}
    facts = MatrixFacts(invertible=tuple(sorted(inverted, key=sp.default_sort_key)))
    return decide(MatrixEqual(a, b, facts), scope), ()


def _equations(a: Any, b: Any, scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """Two equations have the same solution set when one residual is a nonzero constant times the other (a
    proof), or differ when a point solves one and not the other (found by solving one for a symbol at random
    values of the rest). Anything else is undecided."""
    r1 = a[0] - a[1]
    r2 = b[0] - b[1]
    if r2 == 0 or r1 == 0:
        return Verdict(Status.UNKNOWN, scope, Method(Kind.EQUATIONS), reason="an equation without unknowns"), ()
    ratio = sp.cancel(sp.together(r1 / r2))
    if ratio.is_number and ratio.is_zero is False and ratio.is_finite:
        verdict = decide(Equal(r1, ratio * r2), scope)
        if verdict.proven:
            return Verdict(Status.PROVEN, scope, Method(Kind.PROPORTIONAL, subject=sp.sstr(ratio),
                                                        parts=(verdict.method,))), ()
    try:
        roots = _polynomial_roots(r1, r2)
    except Exception:  # SymPy's root isolation failing is no verdict: the search below still runs
        roots = None
    if roots is not None:
        sym, first_roots, second_roots = roots
        if first_roots == second_roots:
            shown = tuple(sp.sstr(r) for r in sorted(first_roots, key=sp.default_sort_key))
            return Verdict(Status.PROVEN, scope, Method(Kind.SAME_ROOTS, cases=shown, subject=str(sym))), ()
        only = sorted(first_roots ^ second_roots, key=sp.default_sort_key)[0]
        label = "the first" if only in first_roots else "the second"
        point = {str(sym): sp.sstr(only)} if only.is_Rational else {str(sym): sp.sstr(only),
                                                                     "value": sp.sstr(sp.N(only, 15))}
        return Verdict(Status.REFUTED, scope, Method(Kind.ROOT_OF_ONE, subject=label), counterexample=point), ()
    for first, second, label in ((r1, r2, "the first"), (r2, r1, "the second")):
        try:
            cx = _solution_of_one_only(first, second)
        except Exception:  # a root SymPy cannot isolate: no counterexample from this side, never a proof
            cx = None
        if cx is not None:
            return Verdict(Status.REFUTED, scope, Method(Kind.SOLUTION_OF_ONE, subject=label),
                           counterexample=cx), ()
    return Verdict(Status.UNKNOWN, scope, Method(Kind.EQUATIONS),
                   reason="the residuals are not proportional and no solution of one only was found"), ()


MAX_DEGREE = 20


def _polynomial_roots(r1: Any, r2: Any) -> tuple[Any, set[Any], set[Any]] | None:
    """Both residuals polynomials in one real symbol: their real roots the symbol's assumptions allow, isolated
    exactly (`Poly.real_roots` finds every one; equal numbers are equal objects, as roots of the same irreducible
    factor). None for anything else."""
    symbols = r1.free_symbols | r2.free_symbols
    if len(symbols) != 1:
        return None
    sym = next(iter(symbols))
    if not (isinstance(sym, sp.Symbol) and sym.is_real and r1.is_polynomial(sym) and r2.is_polynomial(sym)):
        return None
    polys = [sp.Poly(r, sym) for r in (r1, r2)]
    if any(p.degree() < 1 or p.degree() > MAX_DEGREE or not (p.domain.is_ZZ or p.domain.is_QQ) for p in polys):
        return None  # rational coefficients only: real_roots isolates those exactly
    first, second = ({root for root in p.real_roots() if _allowed(sym, root)} for p in polys)
    return sym, first, second


# What a solved-for symbol's value must be, by its assumptions: x > 0 rules out the root x = -2 of x^2 = 4.
ALLOWED = ("positive", "nonnegative", "negative", "nonpositive", "nonzero", "integer")


def _allowed(sym: Any, value: Any) -> bool:
    return all(getattr(value, f"is_{kind}") is True for kind in ALLOWED if getattr(sym, f"is_{kind}"))


def _solution_of_one_only(first: Any, second: Any) -> dict[str, str] | None:
    rng = random.Random(0)
    symbols = sorted(first.free_symbols | second.free_symbols, key=sp.default_sort_key)
    for s in symbols:
        others = [o for o in symbols if o != s]
        for _ in range(3):
            point = {o: sample_value(o, rng) for o in others}  # each drawn as its assumptions allow
            poly = sp.expand(first.xreplace(point))
            if not poly.is_polynomial(s) or sp.degree(poly, s) < 1 or sp.degree(poly, s) > 8:
                break
            for root in sp.Poly(poly, s).real_roots():
                if not _allowed(s, root):
                    continue
                full = {**point, s: root}
                value = sp.N(second.xreplace(full), 50)
                if value.is_number and value.is_finite and abs(value) > sp.Float("1e-30") \
                        and sp.N(second.xreplace(full), 100) != 0:
                    return {**{str(k): str(v) for k, v in full.items()}, "residual of the other": str(sp.N(value, 15))}
    return None


def _interval_at(ends: tuple[Any, Any, bool, bool], point: Mapping[Any, Any]) -> Any:
    lo, hi, left, right = ends
    return sp.Interval(lo.xreplace(point), hi.xreplace(point), left, right)


def _sets_differ(a: tuple[Any, Any, bool, bool], b: tuple[Any, Any, bool, bool],
                 points: Iterable[Mapping[Any, Any]]) -> dict[str, str] | None:
    """A point where the two intervals, evaluated exactly, are different sets (an empty one included)."""
    for point in points:
        try:
            first, second = _interval_at(a, point), _interval_at(b, point)
            if not (first.is_Interval or first is sp.S.EmptySet) or not (
                    second.is_Interval or second is sp.S.EmptySet) or first.free_symbols or second.free_symbols:
                continue
            if first != second:
                return {**{str(k): str(v) for k, v in point.items()}, "first": sp.sstr(first),
                        "second": sp.sstr(second)}
        except (TypeError, ValueError):
            continue
    return None


def _intervals(a: tuple[Any, Any, bool, bool], b: tuple[Any, Any, bool, bool],
               scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """The same set when both endpoints are proven equal and the brackets agree (an infinite end is open).
    Otherwise a point where the two sets, evaluated exactly, differ; failing that, undecided."""
    def bracket(ends: tuple[Any, Any, bool, bool]) -> tuple[bool, bool]:
        lo, hi, left, right = ends
        return left or lo.is_infinite is True, right or hi.is_infinite is True

    # also for infinite ends: oo - oo is nan
    same = Verdict(Status.PROVEN, scope, Method(Kind.RESIDUAL_LADDER, ("identical",)))
    lower, upper = (same if x == y else decide(Equal(x, y), scope) for x, y in ((a[0], b[0]), (a[1], b[1])))
    if lower.proven and upper.proven and bracket(a) == bracket(b):
        return Verdict(Status.PROVEN, scope, Method(Kind.SAME_BRACKETS, parts=(lower.method, upper.method))), ()
    symbols = set().union(*(e.free_symbols for e in (*a[:2], *b[:2])))
    found = _sets_differ(a, b, random_points(symbols, (), random.Random(0), 40))
    if found is not None:
        return Verdict(Status.REFUTED, scope, Method(Kind.EXACT_INTERVALS), counterexample=found), ()
    open_parts = [v for v in (lower, upper) if not v.proven]
    return Verdict(Status.UNKNOWN, scope, Method(Kind.INTERVALS), reason=open_parts[0].reason if open_parts else
                   "the brackets differ but no point where the sets differ was found"), ()


# Kinds judged in this process, exactly; and kinds decided by the prover in a child under the time budget.
JUDGES: dict[str, Callable[[Side, Side], Equivalence]] = {"size": _exact, "bool": _exact, "order": _orders}
DECIDERS: dict[str, Callable[[Any, Any, Scope], tuple[Verdict, tuple[str, ...]]]] = {
    "expr": _identity, "matrix": _identity, "equation": _equations, "interval": _intervals,
    "matexpr": _matrix_expressions,
}
