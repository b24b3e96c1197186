"""The symbolic ladder: rewrite a residual with cheap methods before expensive ones until it is exactly 0.

Only a residual that becomes the literal zero counts; ``equals`` and other numeric tests are never used here.
Rules are a table (name, function) so a verdict can say which ones it used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations_with_replacement
from typing import Any

import sympy as sp

from . import forms
from .smoothness import NON_SMOOTH, analytic_at, derivative_is_safe


def canonical_sums(expr: Any) -> Any:
    """Rename every bound summation index to a name fixed by its nesting depth.

    ``Sum(f(j), (j, 0, n))`` and ``Sum(f(k), (k, 0, n))`` are then the same object and cancel.
    """
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr

    def rename(e: Any, depth: int) -> Any:
        if not isinstance(e, sp.Basic) or not e.args:
            return e
        if isinstance(e, sp.Sum):
            body = e.function
            limits = []
            for level, (var, lo, hi) in enumerate(e.limits):
                canon = sp.Symbol(f"_k{depth + level}", integer=True)
                body = body.xreplace({var: canon})
                limits.append((canon, rename(lo, depth), rename(hi, depth)))
            return sp.Sum(rename(body, depth + len(limits)), *limits)
        return e.func(*(rename(a, depth) for a in e.args))

    return rename(expr, 0)


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


_LIMITS: dict[Any, Any] = {}
_TAYLOR: dict[Any, Any] = {}
# Every table of values remembered for the process (matrix.py adds its derivatives): what forget() drops.
REMEMBERED: list[dict[Any, Any]] = [_LIMITS, _TAYLOR]


def forget() -> None:
    """Drop the remembered values (limits, Taylor coefficients, matrix derivatives): a benchmark timing cold
    proofs in one process needs this."""
    for table in REMEMBERED:
        table.clear()


def _remembered(rule: Callable[[Any], Any], table: dict[Any, Any]) -> Callable[[Any], Any]:
    """`rule`, remembered in `table` for the process. An exception is not remembered."""
    def apply(e: Any) -> Any:
        if e not in table:
            table[e] = rule(e)
        return table[e]

    return apply


# ``lim.doit()``, remembered: the counterexample search and the ladder meet the same limits (in every case of a
# case split), and Gruntz is the slowest step of both.
limit_value: Callable[[sp.Limit], Any] = _remembered(lambda lim: lim.doit(), _LIMITS)


def _known_limits(expr: Any) -> Any:
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Limit):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Limit), limit_value)


def doit_keeping_sums(expr: Any) -> Any:
    """doit, but sums with numeric bounds are written out term by term and sums with symbolic bounds are kept.

    Sum.doit looks for a closed form first (Gosper, hypergeometric terms), which took seconds on the softmax and
    mixture sums and never helped prove an identity; bodies of kept sums are still evaluated.
    """
    if not isinstance(expr, sp.Basic):
        return expr.doit() if hasattr(expr, "doit") else expr
    expr = _known_limits(expr)
    if not expr.has(sp.Sum):
        return expr.doit()
    expr = expr.replace(is_finite_sum, expand_sum)
    # A derivative is taken under the sums it holds first (d/dz_k of a sum over z_i is a sum with a Kronecker
    # delta): shielding such a sum as a symbol would make its derivative 0.
    expr = expr.replace(lambda e: isinstance(e, sp.Derivative) and e.has(sp.Sum), lambda e: e.doit(deep=False))
    kept = {s: sp.Dummy("sum") for s in _shieldable_sums(expr)}
    shielded = expr.xreplace(kept).doit()
    return shielded.xreplace({d: sp.Sum(s.function.doit(), *s.limits) for s, d in kept.items()})


# Operators whose value depends on how their argument varies, not only on its value: a sum inside one of them is
# not replaced by a symbol (the symbol would not vary), and is left to SymPy's doit.
_VARYING = (sp.Derivative, sp.Integral, sp.Limit, sp.Subs, sp.Product)


def _shieldable_sums(expr: Any) -> set[Any]:
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


def _pull_sum_factors(expr: Any) -> Any:
    """Take factors that do not depend on the index out of a Sum (e^c in a softmax, say)."""
    def pull(s: sp.Sum) -> Any:
        variables = {lim[0] for lim in s.limits}
        body = sp.expand(s.function, power_exp=True, mul=True, multinomial=False, log=False)
        out: list[Any] = []
        dep: list[Any] = []
        for f in sp.Mul.make_args(body):
            (dep if f.free_symbols & variables else out).append(f)
        if not out:
            return s
        return sp.Mul(*out) * sp.Sum(sp.Mul(*dep), *s.limits)

    return expr.replace(lambda e: isinstance(e, sp.Sum), pull)


def _merge_sums(expr: Any) -> Any:
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
        merged = [sp.Sum(_together(sp.Add(*bodies)), *limits) if len(bodies) > 1 else
                  sp.Sum(bodies[0], *limits) for limits, bodies in groups.items()]
        return sp.Add(*others, *(m for m in merged if m.function != 0))

    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr
    canonical = canonical_sums(expr)
    merged = canonical.replace(lambda e: isinstance(e, sp.Add) and e.has(sp.Sum), merge)
    return expr if merged == canonical else _together(merged)


def _log_of_products(expr: Any) -> Any:
    # expand_log splits log(a*b) only where SymPy knows a or b is positive, so this rule stays sound.
    return sp.expand_log(expr, force=False)


def _expand_exp(expr: Any) -> Any:
    return sp.expand(expr, power_exp=True, mul=True, log=False, multinomial=True)


def _lambert(expr: Any) -> Any:
    """exp(c + W(z)) = e^c z / W(z) and exp(c - W(z)) = e^c W(z) / z: the definition W(z) e^W(z) = z.

    SymPy's simplify does not apply it. Only terms with coefficient +1 or -1 on W are rewritten.
    """
    def rewrite(e: Any) -> Any:
        arg = sp.expand(e.args[0])
        for w in arg.atoms(sp.LambertW):
            if len(w.args) != 1:
                continue
            coeff = arg.coeff(w)
            rest = sp.expand(arg - coeff * w)
            if coeff == 1:
                return sp.exp(rest) * w.args[0] / w
            if coeff == -1:
                return sp.exp(rest) * w / w.args[0]
        return e

    return expr.replace(lambda e: isinstance(e, sp.exp) and e.has(sp.LambertW), rewrite)


def _together(expr: Any) -> Any:
    """One fraction n / d; it is 0 where defined if n expands to 0, which needs no gcd. Otherwise cancel it."""
    joined = sp.together(expr)
    if sp.expand(sp.fraction(joined)[0]) == 0:
        return sp.S.Zero
    return sp.cancel(joined)


def _piecewise(expr: Any) -> Any:
    return sp.piecewise_fold(expr.rewrite(sp.Piecewise)) if expr.has(sp.Max, sp.Min, sp.Abs) else expr


NOT_SMOOTH = NON_SMOOTH


def _mul_series(a: list[Any], b: list[Any]) -> list[Any]:
    k = len(a) - 1
    return [sp.Add(*(a[i] * b[j - i] for i in range(j + 1))) for j in range(k + 1)]


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
        out = parts[0]
        for part in parts[1:]:
            out = [x + y for x, y in zip(out, part, strict=True)] if e.is_Add else _mul_series(out, part)
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
    out = [partials[()], *([sp.S.Zero] * k)]
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
            term = [d, *([sp.S.Zero] * k)]
            weight = sp.Integer(1)
            for j in set(alpha):
                weight *= sp.factorial(alpha.count(j))
            for j in alpha:
                term = _mul_series(term, steps[j])
            out = [x + y / weight for x, y in zip(out, term, strict=True)]
    return out


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
    return expr.replace(lambda e: isinstance(e, sp.Limit), _remembered(_taylor_limit, _TAYLOR)).replace(
        _is_derivative_at_point, _remembered(_derivative_at_point, _TAYLOR))


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
    poly = sp.Poly(den, t)
    if not poly.is_monomial:
        return lim
    k = poly.degree()
    c = sp.cancel(den / t**k)
    coeffs = taylor_coefficients(num, t, k)
    if coeffs is not None:
        if any(sp.expand(ci) != 0 for ci in coeffs[:k]):
            return lim
        if coeffs[k].has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return lim
        return coeffs[k] / c
    # One derivative at a time on the expanded numerator: diff(num, t, j) with j > 1 goes through a
    # Leibniz-rule path that calls factor_terms and cost seconds on the finite-difference quotients.
    d = sp.expand(num)
    for _ in range(k):
        if sp.expand(d.subs(t, 0).doit()) != 0:
            return lim
        d = sp.expand(d.diff(t))
    top = d.subs(t, 0).doit()
    if top.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return lim
    return top / (sp.factorial(k) * c)


def _is_derivative_at_point(e: Any) -> bool:
    """Subs(Derivative(g, (z, m)), z, z0): the m-th derivative of g at z0 (an R-operator, say)."""
    if not (isinstance(e, sp.Subs) and len(e.variables) == 1 and isinstance(e.expr, sp.Derivative)):
        return False
    return all(var == e.variables[0] for var, _ in e.expr.variable_count)


def _derivative_at_point(e: sp.Subs) -> Any:
    """g^(m)(z0) = m! c_m, with c_m the coefficient of s^m in g(z0 + s): Taylor's theorem again, for a g the
    series arithmetic handles (smooth by construction); anything else is left to doit."""
    z, z0, g = e.variables[0], e.point[0], e.expr.expr
    m = sum(int(count) for _, count in e.expr.variable_count)
    if not analytic_at(g, z, z0):
        return e
    s = sp.Dummy("s")
    coeffs = taylor_coefficients(g.xreplace({z: z0 + s}), s, m)
    if coeffs is None or coeffs[m].has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return e
    return sp.factorial(m) * coeffs[m]


def _peel_sums(expr: Any) -> Any:
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


def _scalar_transposes(expr: Any) -> Any:
    """A 1 x 1 matrix product equals its transpose (x^T y = y^T x): write each in one orientation so they cancel."""
    if not isinstance(expr, sp.MatrixExpr) or expr.shape != (1, 1):
        return expr

    def canon(term: Any) -> Any:
        return min(term, term.T.doit(), key=sp.default_sort_key)

    return expr.replace(lambda e: isinstance(e, sp.MatMul) and e.shape == (1, 1), canon).doit()


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[Any], Any]


# Cheap before expensive. Each rule rewrites the previous rule's result.
LADDER: tuple[Rule, ...] = (
    # First: b^n and (-b)^n made one object before any rung expands a large power ((x - a)^6000).
    Rule("powers", forms.normalise_powers),
    # Before doit: Gruntz fails slowly on limits of functions of several variables, which this rule settles.
    Rule("taylor", taylor),
    Rule("doit", doit_keeping_sums),
    Rule("scalar transposes", _scalar_transposes),
    Rule("canonical sums", canonical_sums),
    # together first: cancel alone spent 0.6 s on gcds of the 1 - out mixture gap, which together then cancel
    # (one fraction, one gcd) reduced in 0.04 s.
    Rule("together", _together),
    Rule("cancel", sp.cancel),
    Rule("expand", _expand_exp),
    Rule("sum factors", lambda e: canonical_sums(_pull_sum_factors(e))),
    Rule("peel sums", lambda e: sp.expand(_peel_sums(e))),
    Rule("merge sums", _merge_sums),
    Rule("expand_log", lambda e: sp.expand(_log_of_products(e))),
    Rule("powsimp", lambda e: sp.cancel(sp.powsimp(e, force=False))),
    Rule("lambert", lambda e: sp.cancel(_expand_exp(_lambert(_expand_exp(e)))) if e.has(sp.LambertW) else e),
    Rule("piecewise", _piecewise),
    # Probes (prover/forms.py): each returns 0 or leaves the residual as it was.
    Rule("exponential forms", forms.exponential_forms),
    Rule("log and power laws", forms.log_power_laws),
    Rule("trigonometric forms", forms.trigonometric_forms),
    Rule("sign split", forms.sign_split),
    Rule("canonical products", forms.canonical_products),
    Rule("constants", forms.constant_zero),
    # Late: the closed-form search of Sum.doit is slow and seldom needed (a geometric sum over a symbolic depth).
    Rule("closed-form sums", lambda e: sp.cancel(_expand_exp(e.doit())) if e.has(sp.Sum) else e),
    Rule("simplify", lambda e: canonical_sums(sp.simplify(e))),
)


# The rungs up to here are cheap on a false statement too; the engine runs them before its second sample.
CHEAP_RUNGS = [rule.name for rule in LADDER].index("sum factors")


@dataclass(frozen=True)
class LadderResult:
    zero: bool
    rules: tuple[str, ...]
    residual: Any
    errors: tuple[str, ...]


def shield_derivatives(expr: Any) -> Any:
    """Every derivative SymPy's formula would get wrong (at a kink of |z|, max, floor, ..., or where a function is
    not analytic: see smoothness.py) replaced by an opaque symbol, so that no rule evaluates it by a convention
    (Heaviside(0) = 1/2, sign(0) = 0): a residual reduces to 0 only if it cancels as written."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Derivative):
        return expr
    opaque: dict[Any, Any] = {}

    def walk(e: Any) -> Any:
        if isinstance(e, sp.Derivative) or (isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative)):
            if derivative_is_safe(e):
                return e
            return opaque.setdefault(e, sp.Dummy("no_derivative"))
        if not e.args or not e.has(sp.Derivative):
            return e
        return e.func(*(walk(a) for a in e.args))

    return walk(expr)


def reduce_to_zero(residual: Any, ladder: tuple[Rule, ...] = LADDER) -> LadderResult:
    """Climb the ladder until the residual is the literal 0. An exception in a rule is recorded and skipped."""
    current = shield_derivatives(residual)
    used: list[str] = []
    errors: list[str] = []
    if _is_zero(current):
        return LadderResult(True, ("identical",), current, ())
    for rule in ladder:
        try:
            rewritten = rule.apply(current)
        except Exception as exc:
            errors.append(f"{rule.name}: {type(exc).__name__}: {exc}"[:200])
            continue
        if rewritten != current:
            used.append(rule.name)
            current = rewritten
        if _is_zero(current):
            return LadderResult(True, tuple(used) or (rule.name,), current, tuple(errors))
    return LadderResult(False, tuple(used), current, tuple(errors))


def _is_zero(expr: Any) -> bool:
    if isinstance(expr, sp.MatrixBase):
        return all(_is_zero(e) for e in expr)
    return expr == 0 or expr is sp.S.Zero or isinstance(expr, sp.ZeroMatrix)
