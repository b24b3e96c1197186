"""Sums under Karr's convention: canonical index names, finite sums written out, factors pulled out, merged, peeled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from .remembered import known_limits
from .smoothness import has_unsafe_integral


def canonical_sums(expr: Any) -> Any:
    """Rename every bound summation index to a name fixed by its nesting depth.

    ``Sum(f(j), (j, 0, n))`` and ``Sum(f(k), (k, 0, n))`` are then the same object and cancel.
    """
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr
    return canonical_indices(expr, sp.Sum, "_k")


def canonical_indices(expr: Any, kind: type[sp.Sum] | type[sp.Product], base: str) -> Any:
    """Every index bound by a `kind` (Sum or Product) renamed to base + its nesting depth (a base no free symbol
    uses), all of one node's indices at once."""
    prefix = free_prefix(expr, base)

    def rename(e: Any, depth: int) -> Any:
        if not isinstance(e, sp.Basic) or not e.args:
            return e
        # An index is an integer only when its lower bound is (it runs lo, lo + 1, ..., hi).
        if isinstance(e, kind) and all(lo.is_integer for _, lo, _ in e.limits):
            return rename_limits(e, depth, prefix, rename)
        return e.func(*(rename(a, depth) for a in e.args))

    return rename(expr, 0)


def free_prefix(expr: Any, base: str) -> str:
    """A prefix for canonical index names that no free symbol of `expr` has (a symbol the user named _k0 would
    otherwise become the index)."""
    names = {s.name for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    prefix = base
    while any(name.startswith(prefix) and name[len(prefix):].isdigit() for name in names):
        prefix = "_" + prefix
    return prefix


def rename_limits(e: Any, depth: int, prefix: str, rename: Callable[[Any, int], Any]) -> Any:
    """A Sum or Product with its indices renamed to prefix + depth, all at once: the bounds of an inner limit may
    name an outer index (Sum(1, (j, 1, k), (k, 1, n))), which must be renamed there too, not left free."""
    canon = {var: sp.Symbol(f"{prefix}{depth + level}", integer=True) for level, (var, _, _) in enumerate(e.limits)}
    limits = []
    for level, (var, lo, hi) in enumerate(e.limits):
        outer = {v: c for v, c in canon.items() if v in {lim[0] for lim in e.limits[level + 1:]}}
        limits.append((canon[var], rename(lo.xreplace(outer), depth), rename(hi.xreplace(outer), depth)))
    # the plain class: a subclass (NonnegativeSum) and a Sum of the same terms must become one object
    make = sp.Sum if isinstance(e, sp.Sum) else sp.Product
    return make(rename(e.function.xreplace(canon), depth + len(limits)), *limits)


def is_finite_sum(e: Any) -> bool:
    return isinstance(e, sp.Sum) and all(lo.is_Integer and hi.is_Integer for _, lo, hi in e.limits)


def summation_range(lo: int, hi: int) -> tuple[int, range]:
    """The sign and the terms of Sum_{k=lo}^{hi} under Karr's convention, SymPy's, used by every method here:
    an empty range (hi = lo - 1) is 0, and a reversed one (hi < lo - 1) is -Sum_{k=hi+1}^{lo-1}, so that
    Sum_a^b + Sum_{b+1}^c = Sum_a^c for all integers a, b, c."""
    if hi >= lo - 1:
        return 1, range(lo, hi + 1)
    return -1, range(hi + 1, lo)


def expand_sum(s: sp.Sum) -> Any:
    """A sum with numeric bounds, written out term by term (Karr's convention, see `summation_range`): Sum.doit
    would first look for a closed form."""
    terms = [s.function]
    for var, lo, hi in s.limits:
        sign, values = summation_range(int(lo), int(hi))
        terms = [sign * t.xreplace({var: sp.Integer(v)}) for t in terms for v in values]
    return sp.Add(*terms)


def doit_keeping_sums(expr: Any, closed_forms: Callable[[Any], Any] | None = None) -> Any:
    """doit, but sums with numeric bounds are written out term by term and sums with symbolic bounds are kept.

    Sum.doit looks for a closed form first (Gosper, hypergeometric terms), which took seconds on the softmax and
    mixture sums and never helped prove an identity; bodies of kept sums are still evaluated. An operator of
    _VARYING holding a sum is evaluated only if `closed_forms` (the ladder's proven closed forms) removes every
    sum from it; without `closed_forms`, it is kept whole.
    """
    if not isinstance(expr, sp.Basic):
        return expr.doit() if hasattr(expr, "doit") else expr
    expr = known_limits(expr)
    if not expr.has(sp.Sum):
        if not has_unsafe_integral(expr):
            return expr.doit()
        # an integral SymPy's integrate is not trusted with (see smoothness.ENTIRE) is kept whole, with any
        # operator around it
        kept_whole = {e: sp.Dummy("kept") for e in varying_with(expr, has_unsafe_integral)}
        done = replace_outside_varying(expr, kept_whole).doit()
        return done.xreplace({d: e for e, d in kept_whole.items()})
    expr = expr.replace(is_finite_sum, expand_sum)
    # A derivative is taken under the sums it holds first (d/dz_k of a sum over z_i is a sum with a Kronecker
    # delta): shielding such a sum as a symbol would make its derivative 0.
    expr = expr.replace(lambda e: isinstance(e, sp.Derivative) and e.has(sp.Sum), lambda e: e.doit(deep=False))
    kept = {s: sp.Dummy("sum") for s in shieldable_sums(expr)}
    # A sum inside an integral, a product, a limit or a Subs would be summed by SymPy's doit, which is no theorem
    # (see ladder.closed_form_sums): such an operator is evaluated only once its sums have proven closed forms,
    # else it is kept whole, as an opaque symbol.
    opaque = {e: sp.Dummy("kept") for e in varying_with(expr, lambda e: e.has(sp.Sum) or has_unsafe_integral(e))}
    opaque = {e: d for e, d in opaque.items()
              if has_unsafe_integral(e) or closed_forms is None or closed_forms(e).has(sp.Sum)}
    shielded = replace_outside_varying(expr, {**kept, **opaque}).doit()
    shielded = shielded.xreplace({d: e for e, d in opaque.items()})
    return shielded.xreplace({d: sp.Sum(s.function.doit(), *s.limits) for s, d in kept.items()})


# Operators whose value depends on how their argument varies, not only on its value: a sum inside one of them is
# not replaced by a symbol (the symbol would not vary), and is left to SymPy's doit.
_VARYING = (sp.Derivative, sp.Integral, sp.Limit, sp.Subs, sp.Product)


# Operators that bind a variable: a sum's or product's index, an integral's, a Subs' or a limit's variable.
BINDERS = (sp.Sum, sp.Product, sp.Integral, sp.Subs, sp.Limit)


def bound_here(e: Any) -> set[Any]:
    """The variables a binder binds (a limit binds one, the others their `variables`)."""
    return {e.args[1]} if isinstance(e, sp.Limit) else set(e.variables)


def replace_outside_varying(expr: Any, mapping: dict[Any, Any]) -> Any:
    """`expr` with the subexpressions of `mapping` replaced where they are not inside an operator of _VARYING:
    xreplace would also replace a sum of x inside an integral over x by the symbol, which does not depend on x."""
    if expr in mapping:
        return mapping[expr]
    if not isinstance(expr, sp.Basic) or not expr.args or isinstance(expr, _VARYING):
        return expr
    args = [replace_outside_varying(a, mapping) for a in expr.args]
    return expr.func(*args) if args != list(expr.args) else expr


def varying_with(expr: Any, test: Callable[[Any], bool], kinds: tuple[type, ...] = ()) -> set[Any]:
    """The outermost operators of _VARYING (and of `kinds`) in `expr` that pass `test` (hold a sum, say)."""
    found: set[Any] = set()
    todo = [expr]
    while todo:
        e = todo.pop()
        if isinstance(e, _VARYING + kinds):
            if test(e):
                found.add(e)
        elif isinstance(e, sp.Basic):
            todo.extend(e.args)
    return found


def shieldable_sums(expr: Any) -> set[Any]:
    """The outermost sums of `expr` that are not inside an operator of _VARYING."""
    found: set[Any] = set()
    todo = [expr]
    while todo:
        e = todo.pop()
        if isinstance(e, sp.Sum):
            found.add(e)
        elif isinstance(e, sp.Basic) and not isinstance(e, _VARYING):
            todo.extend(e.args)
    return found


def pull_sum_factors(expr: Any) -> Any:
    """Take factors that do not depend on the index out of a Sum (e^c in a softmax, say)."""
    def pull(s: sp.Sum) -> Any:
        variables = {lim[0] for lim in s.limits}
        out: list[Any] = []
        dep: list[Any] = []
        # the body's own factors first: expanding q_k / ((1 + e^-a_k) S) would multiply S into the denominator
        for f in sp.Mul.make_args(s.function):
            (dep if f.free_symbols & variables else out).append(f)
        body = sp.expand(sp.Mul(*dep), power_exp=True, mul=True, multinomial=False, log=False)
        dep = []
        for f in sp.Mul.make_args(body):
            (dep if f.free_symbols & variables else out).append(f)
        if not out:
            return s
        return sp.Mul(*out) * sp.Sum(sp.Mul(*dep), *s.limits)

    return expr.replace(lambda e: isinstance(e, sp.Sum), pull)


def merge_sums(expr: Any) -> Any:
    """c Sum(f) + d Sum(g) over the same finite limits = Sum(c f + d g), the new body put over one denominator.

    Both sides are finite sums (an infinite bound is left alone: splitting a series needs convergence); the
    factors c and d must not involve the index. Canonical index names make equal limits compare equal.
    """
    def split(term: Any) -> tuple[Any, sp.Sum] | None:
        sums = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Sum)]
        if len(sums) != 1 or any(b.is_infinite is not False for _, lo, hi in sums[0].limits for b in (lo, hi)):
            return None
        s = sums[0]
        rest = sp.Mul(*(f for f in sp.Mul.make_args(term) if f is not s))
        if rest.free_symbols & set(s.variables):
            return None
        return rest, s

    def merge(add: sp.Add) -> Any:
        groups: dict[Any, list[Any]] = {}
        others = []
        for term in add.args:
            parts = split(term)
            if parts is None:
                others.append(term)
            else:
                groups.setdefault(parts[1].limits, []).append(parts[0] * parts[1].function)
        if not any(len(bodies) > 1 for bodies in groups.values()):
            return add
        merged = [sp.Sum(one_fraction(sp.Add(*bodies)), *limits) if len(bodies) > 1 else
                  sp.Sum(bodies[0], *limits) for limits, bodies in groups.items()]
        return sp.Add(*others, *(m for m in merged if m.function != 0))

    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr
    canonical = canonical_sums(expr)
    merged = canonical.replace(lambda e: isinstance(e, sp.Add) and e.has(sp.Sum), merge)
    return expr if merged == canonical else one_fraction(merged)


def one_fraction(expr: Any) -> Any:
    """One fraction n / d; it is 0 where defined if n expands to 0, which needs no gcd. Otherwise cancel it."""
    joined = sp.together(expr)
    if sp.expand(sp.fraction(joined)[0]) == 0:
        return sp.S.Zero
    return sp.cancel(joined)


def peel_sums(expr: Any) -> Any:
    """Sum_{k=a}^{b+c} f(k) = Sum_{k=a}^{b} f(k) + f(b+1) + ... + f(b+c) for a positive integer c, so that sums
    up to L + 1 and up to L share their bounds and cancel."""
    def peel(s: sp.Sum) -> Any:
        if len(s.limits) != 1:
            return s
        var, lo, hi = s.limits[0]
        const, rest = sp.sympify(hi).as_coeff_Add()
        if not (const.is_Integer and 0 < const <= 8 and rest.free_symbols):
            return s
        return sp.Sum(s.function, (var, lo, rest)) + sp.Add(*(s.function.xreplace({var: rest + j})
                                                               for j in range(1, int(const) + 1)))

    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr
    return canonical_sums(_common_lower_bounds(canonical_sums(expr.replace(lambda e: isinstance(e, sp.Sum), peel))))


def _common_lower_bounds(expr: Any) -> Any:
    """Sums of one body up to one bound, from different integer lower bounds a < c: Sum_a^b = f(a) + ... +
    f(c - 1) + Sum_c^b (Karr's convention makes this hold for every b), so that both start at the larger c."""
    groups: dict[tuple[Any, Any, Any], list[sp.Sum]] = {}
    for s in expr.atoms(sp.Sum):
        if len(s.limits) == 1 and s.limits[0][1].is_Integer:
            var, _, hi = s.limits[0]
            groups.setdefault((s.function, var, hi), []).append(s)
    mapping = {}
    for (body, var, hi), sums in groups.items():
        top = max(int(s.limits[0][1]) for s in sums)
        for s in sums:
            low = int(s.limits[0][1])
            if top - low > 8 or low == top:
                continue
            mapping[s] = sp.Sum(body, (var, top, hi)) + sp.Add(*(body.xreplace({var: sp.Integer(j)})
                                                                  for j in range(low, top)))
    return expr.xreplace(mapping) if mapping else expr


class NonnegativeSum(sp.Sum):
    """A Sum that knows the theorem: a finite sum sum_{k=a}^{b} (b >= a - 1, so possibly empty) of nonnegative
    terms is nonnegative (and of positive terms, nonempty, positive). SymPy's Sum reads positivity only, and
    only when the limits are known not reversed; a certificate over a closed simplex (some weights 0) needs this.

    The terms are read with k = a + t, t >= 0 an integer: the assumptions declared of the symbol k say nothing
    of the range (SymPy's Sum calls sum_{k=-5}^{K} k positive for a positive k)."""

    def _terms_on_range(self) -> Any:
        """The summand with every index written a + t (t a nonnegative integer), or None if a bound is not a
        finite integer or depends on another index."""
        variables = {v for v, _, _ in self.limits}
        table = {}
        for var, lo, hi in self.limits:
            if any(not (b.is_integer and b.is_finite) or b.free_symbols & variables for b in (lo, hi)):
                return None
            table[var] = lo + sp.Dummy("t", integer=True, nonnegative=True)
        return self.function.xreplace(table)

    def _sign(self, kind: str, count_at_least: int) -> bool | None:
        terms = self._terms_on_range()
        if terms is None or getattr(terms, f"is_{kind}") is not True:
            return None
        for _, lo, hi in self.limits:
            # b - a + 1 terms; fewer than 0 is a reversed sum (Karr's convention): a minus sign
            if not (hi - lo + 1 - count_at_least).is_nonnegative:
                return None
        return True

    def _eval_is_nonnegative(self) -> bool | None:
        return self._sign("nonnegative", 0)

    def _eval_is_positive(self) -> bool | None:
        return self._sign("positive", 1)

    def _eval_is_negative(self) -> bool | None:
        return False if self._sign("nonnegative", 0) else None

    def _eval_is_extended_positive(self) -> bool | None:
        return self._eval_is_positive()

    def _eval_is_extended_nonnegative(self) -> bool | None:
        return self._eval_is_nonnegative()

    def _eval_is_extended_negative(self) -> bool | None:
        return self._eval_is_negative()


def delta_sum(body: Any, var: Any, lo: Any, hi: Any) -> Any:
    """Sum_{j=lo}^{hi} KroneckerDelta(j, a) g(j), a an integer, under Karr's convention: g(a) if lo <= a <= hi
    for a range that is not reversed (hi >= lo - 1), -g(a) if hi + 1 <= a <= lo - 1 for a reversed one, else 0.
    None for another body. (SymPy's own delta summation forgets the reversed range.)"""
    deltas = [f for f in sp.Mul.make_args(body) if isinstance(f, sp.KroneckerDelta) and var in f.args]
    if len(deltas) != 1:
        return None
    others = [a for a in deltas[0].args if a != var]
    if len(others) != 1 or others[0].has(var) or others[0].is_integer is not True or hi.is_infinite is not False:
        return None
    a = others[0]
    g = (body / deltas[0]).xreplace({var: a})
    if g.has(var):
        return None
    forward = sp.Piecewise((g, sp.And(lo <= a, a <= hi)), (0, True))
    reversed_ = sp.Piecewise((-g, sp.And(hi + 1 <= a, a <= lo - 1)), (0, True))
    ordered = (hi - lo + 1).is_nonnegative
    if ordered is True:
        return forward
    if ordered is False:
        return reversed_
    return sp.Piecewise((forward, hi - lo + 1 >= 0), (reversed_, True))


# What the values of a sum's index satisfy, read off its range: lo..hi, or hi + 1..lo - 1 for Karr's reversed sums,
# so the smallest value is at least min(lo, hi + 1) and the largest at most max(hi, lo - 1).
_INDEX_SIGNS: dict[str, Callable[[Any, Any], bool]] = {
    "positive": lambda lo, hi: bool(lo.is_positive and (hi + 1).is_positive),
    "nonnegative": lambda lo, hi: bool(lo.is_nonnegative and (hi + 1).is_nonnegative),
    "negative": lambda lo, hi: bool(hi.is_negative and (lo - 1).is_negative),
    "nonpositive": lambda lo, hi: bool(hi.is_nonpositive and (lo - 1).is_nonpositive),
}


def index_outside_range(expr: Any) -> str | None:
    """A sum or product whose index is declared what its range does not provably give it (k positive, running
    from -5), or None. SymPy reads the declaration, not the range (|Σ_{k=-5}^{n} k| becomes the sum itself), so no
    step on such a sum is a proof."""
    if not isinstance(expr, sp.Basic):
        return None
    for s in expr.atoms(sp.Sum, sp.Product):
        for var, lo, hi in s.limits:
            held = [w for w in _INDEX_SIGNS if getattr(var, f"is_{w}")]
            if var.is_nonzero and not held:
                held = ["nonzero"]
            fits = {w: _INDEX_SIGNS[w](lo, hi) for w in held if w in _INDEX_SIGNS}
            if held == ["nonzero"]:
                fits = {"nonzero": _INDEX_SIGNS["positive"](lo, hi) or _INDEX_SIGNS["negative"](lo, hi)}
            model = sp.Dummy(integer=True, **{w: True for w, ok in fits.items() if ok})
            facts = {f for f, v in var.assumptions0.items() if v}
            if not all(fits.values()) or not facts <= {f for f, v in model.assumptions0.items() if v}:
                declared = ", ".join(sorted(f for f in facts if f in {*_INDEX_SIGNS, "nonzero", "even", "odd",
                                                                      "prime", "composite", "zero"})) or "as it is"
                return (f"the index {var} of {sp.sstr(s)[:80]} is declared {declared}, which its range {lo}..{hi} "
                        "does not provably give it")
    return None
