"""The symbolic ladder: rewrite a residual with cheap methods before expensive ones until it is exactly 0.

Only a residual that becomes the literal zero counts; ``equals`` and other numeric tests are never used here.
Rules are a table (name, function) so a verdict can say which ones it used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from . import forms
from .infinity import exp_limits
from .remembered import limit_value
from .series import taylor
from .smoothness import derivative_is_safe, has_unsafe_integral
from .sum_rules import delta_sums, geometric_sums, split_sums
from .sums import (
    BINDERS,
    bound_here,
    canonical_sums,
    delta_sum,
    doit_keeping_sums,
    expand_sum,
    is_finite_sum,
    merge_sums,
    one_fraction,
    peel_sums,
    pull_sum_factors,
    replace_outside_varying,
    shieldable_sums,
    varying_with,
)


def _log_of_products(expr: Any) -> Any:
    # expand_log splits log(a*b) only where SymPy knows a or b is positive, so this rule stays sound.
    return sp.expand_log(expr, force=False)


def _expand_exp(expr: Any) -> Any:
    return sp.expand(expr, power_exp=True, mul=True, log=False, multinomial=True)


def _lambert(expr: Any) -> Any:
    """exp(c + W(z)) = e^c z / W(z) and exp(c - W(z)) = e^c W(z) / z: the definition W(z) e^W(z) = z.

    SymPy's simplify does not apply it. Only terms with coefficient +1 or -1 on W are rewritten, and only for a z
    proven nonzero (W(z) = 0 only at z = 0): at z = 0 the left side is e^c and the right side 0/0, so a residual
    that cancels after the rewrite would say nothing about z = 0.
    """
    def rewrite(e: Any) -> Any:
        arg = sp.expand(e.args[0])
        for w in arg.atoms(sp.LambertW):
            if len(w.args) != 1 or w.args[0].is_nonzero is not True:
                continue
            coeff = arg.coeff(w)
            rest = sp.expand(arg - coeff * w)
            if coeff == 1:
                return sp.exp(rest) * w.args[0] / w
            if coeff == -1:
                return sp.exp(rest) * w / w.args[0]
        return e

    return expr.replace(lambda e: isinstance(e, sp.exp) and e.has(sp.LambertW), rewrite)


def _piecewise(expr: Any) -> Any:
    return sp.piecewise_fold(expr.rewrite(sp.Piecewise)) if expr.has(sp.Max, sp.Min, sp.Abs) else expr


def _scalar_transposes(expr: Any) -> Any:
    """A 1 x 1 matrix product equals its transpose (x^T y = y^T x): write each in one orientation so they cancel."""
    if not isinstance(expr, sp.MatrixExpr) or expr.shape != (1, 1):
        return expr

    def canon(term: Any) -> Any:
        return min(term, term.T.doit(), key=sp.default_sort_key)

    return expr.replace(lambda e: isinstance(e, sp.MatMul) and e.shape == (1, 1), canon).doit()


def closed_form_sums(expr: Any) -> Any:
    """Each sum replaced by SymPy's closed form only where that form is proven, innermost first; others are kept.

    SymPy's summation is no theorem: Sum_{k=0}^{n} (-1)^k C(n, k) = 0 fails at n = 0. A closed form C(B) of
    S(B) = Sum_{k=lo}^{B} f(k), the upper bound a fresh integer B (the body's own parameters stay fixed), is
    S itself for every integer B, under Karr's convention, iff C(lo - 1) = 0 and C(B) - C(B - 1) = f(B); both
    are proven by the ladder below this rung. An infinite upper bound takes the limit of the proven C(B) (only
    without parameters, where SymPy's limit is trusted as elsewhere).
    """
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Sum), _proven_closed_form)


def _proven_closed_form(s: sp.Sum) -> Any:
    if is_finite_sum(s):
        return expand_sum(s)
    if len(s.limits) > 1:  # Sum(f, l1, l2) = Sum(Sum(f, l1), l2): the inner one first
        inner = _proven_closed_form(sp.Sum(s.function, s.limits[0]))
        return _proven_closed_form(sp.Sum(inner, *s.limits[1:])) if not inner.has(sp.Sum) else s
    var, lo, hi = s.limits[0]
    if lo.is_infinite is not False or hi.is_infinite is None or hi is -sp.oo:
        return s
    delta = delta_sum(s.function, var, lo, hi)
    if delta is not None:
        return delta
    bound = sp.Dummy("B", integer=True)
    try:
        closed = sp.Sum(s.function, (var, lo, bound)).doit()
    except Exception:  # no closed form, said by an exception: the sum is kept
        return s
    if closed.has(sp.Sum) or closed.has(sp.nan, sp.zoo):
        return s
    checks = (closed.xreplace({bound: lo - 1}),
              closed - closed.xreplace({bound: bound - 1}) - s.function.xreplace({var: bound}))
    rungs = tuple(r for r in LADDER if r.name not in {"closed-form sums", "sign split"})
    if not all(reduce_to_zero(c, rungs).zero or _is_zero(sp.simplify(sp.expand_func(c))) for c in checks):
        return s
    if hi is sp.oo:
        if closed.free_symbols - {bound}:
            return s
        value = limit_value(sp.Limit(closed, bound, sp.oo))
        return s if value.has(sp.Limit) or not value.is_finite else value
    return closed.xreplace({bound: hi})


def _simplify_keeping_sums(expr: Any) -> Any:
    """simplify with every sum shielded as a symbol: simplify evaluates sums by SymPy's summation, which is no
    theorem (see `closed_form_sums`). A sum inside a derivative, integral or limit cannot be shielded (a symbol
    would not vary), so such a residual is left as it is."""
    if not isinstance(expr, sp.Basic) or not (expr.has(sp.Sum) or has_unsafe_integral(expr)):
        return sp.simplify(expr)
    kept = {s: sp.Dummy("sum") for s in shieldable_sums(expr)}
    # and an integral SymPy's integrate is not trusted with (simplify integrates), with any operator around it
    kept.update({e: sp.Dummy("kept") for e in varying_with(expr, has_unsafe_integral)})
    shielded = replace_outside_varying(expr, kept)
    if shielded.has(sp.Sum) or has_unsafe_integral(shielded):
        return expr
    return sp.simplify(shielded).xreplace({d: s for s, d in kept.items()})


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
    # Limits at +-oo of functions of exp(a z + b): by composition, a limit at 0+ that Taylor's theorem or
    # continuity settles, for every value of the parameters (prover/infinity.py).
    Rule("exp composition", exp_limits),
    Rule("doit", lambda e: doit_keeping_sums(e, closed_form_sums)),
    Rule("scalar transposes", _scalar_transposes),
    Rule("canonical sums", canonical_sums),
    # Structural and cheap on a false residual too, so before the first point: a geometric sum over a symbolic
    # depth then needs no climb to the closed-form sums (0.1 s of together, merges, powsimp and SymPy's summation).
    Rule("geometric sums", geometric_sums),
    # Likewise: sums up to L + 1 and up to L made to share their bounds (a recurrence in L); no expansion here,
    # the expand rung comes after the first point.
    Rule("peel sums", peel_sums),
    Rule("sum factors", lambda e: canonical_sums(pull_sum_factors(e))),
    # A body that is a sum split into sums, each with its own factors pulled out; then Kronecker deltas summed.
    Rule("split sums", lambda e: canonical_sums(pull_sum_factors(split_sums(e))) if e.has(sp.Sum) else e),
    Rule("delta sums", delta_sums),
    # together first: cancel alone spent 0.6 s on gcds of the 1 - out mixture gap, which together then cancel
    # (one fraction, one gcd) reduced in 0.04 s.
    Rule("together", one_fraction),
    Rule("cancel", sp.cancel),
    Rule("expand", _expand_exp),
    Rule("merge sums", merge_sums),
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
    Rule("closed-form sums", lambda e: sp.cancel(_expand_exp(closed_form_sums(e))) if e.has(sp.Sum) else e),
    Rule("simplify", lambda e: canonical_sums(_simplify_keeping_sums(e))),
)


def rung_index(name: str) -> int:
    """The position of the rung `name` in LADDER (a ValueError if there is none)."""
    return [rule.name for rule in LADDER].index(name)


# The rungs before doit, which evaluates the limits they leave by SymPy's limit (Gruntz).
BEFORE_GRUNTZ = LADDER[:rung_index("doit")]

# The rungs up to here are cheap on a false statement too; the engine runs them before its second sample.
CHEAP_RUNGS = rung_index("merge sums")


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
    # A derivative that depends on a variable bound around it (d/dz_i |z_i| in a sum over i, d/da |x - a| in an
    # integral over x) has a value per term, not one value: one symbol for it made sum_{i=1}^{2} of it twice
    # itself. The outermost such binder is kept whole, as an opaque symbol, instead.
    binders = varying_with(expr, _binds_an_unsafe_derivative, (sp.Sum,))
    if binders:
        expr = replace_outside_varying(expr, {b: opaque.setdefault(b, sp.Dummy("no_derivative")) for b in binders})

    def walk(e: Any) -> Any:
        if isinstance(e, sp.Derivative) or (isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative)):
            if derivative_is_safe(e):
                return e
            return opaque.setdefault(e, sp.Dummy("no_derivative"))
        if not e.args or not e.has(sp.Derivative):
            return e
        return e.func(*(walk(a) for a in e.args))

    return walk(expr)


def _binds_an_unsafe_derivative(e: Any) -> bool:
    """Does `e` (a sum, integral, limit, Subs, ...) hold a derivative no formula gives (see shield_derivatives)
    that depends on a variable bound inside `e`?"""
    if not isinstance(e, BINDERS) or (isinstance(e, sp.Subs) and isinstance(e.expr, sp.Derivative)):
        return False
    bound: set[Any] = set()
    for b in [e, *e.atoms(*BINDERS)]:
        bound |= bound_here(b)
    for d in e.atoms(sp.Derivative, sp.Subs):
        if isinstance(d, sp.Subs) and not isinstance(d.expr, sp.Derivative):
            continue
        if not derivative_is_safe(d) and d.free_symbols & bound:
            return True
    return False


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


def left_to_gruntz(residual: Any) -> bool:
    """Does `residual`, rewritten by the rungs before doit as `reduce_to_zero` does, still hold a limit with
    parameters (in its body or its point)? Only such a limit is evaluated by SymPy's Gruntz with symbols."""
    current = shield_derivatives(residual)
    for rule in BEFORE_GRUNTZ:
        try:
            current = rule.apply(current)
        except Exception:  # as in reduce_to_zero: the rule is skipped, the residual kept
            continue
    return isinstance(current, sp.Basic) and any(lim.free_symbols for lim in current.atoms(sp.Limit))
