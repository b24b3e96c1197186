"""Where a shortcut is a theorem: functions analytic at a point, and the kinks where a derivative may not exist.

Two tables. ANALYTIC says, for each function, when it is analytic at its argument's value (exp everywhere, log
where the argument is positive, ...): only then is a limit a value and Taylor's theorem a proof. KINKS says,
for each non-smooth function, what must hold at a point for it to be smooth there (|a| needs a != 0,
max(a, b) needs a != b, floor(a) needs a non-integer a): only then is SymPy's derivative formula (Heaviside,
sign, DiracDelta) the derivative. A function in neither table is treated as neither analytic nor smooth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from ..nn.activations import Sigmoid
from ..nn.generic import GenericFunction


def _positive(a: Any) -> bool:
    return a.is_positive is True


def _real(a: Any) -> bool:
    return a.is_real is True


def _always(a: Any) -> bool:
    return True


# Analytic at every point: entire functions, and the generic smooth functions of nn/generic and SymPy's undefined
# functions f(x) (smooth by assumption: they stand for any C-infinity function, as in the product rule).
# Analytic where the argument is real: the poles of tanh and of the sigmoid are off the real line (tan's are
# not, so tan is left out). The principal branches of log and of a non-integer power are analytic off (-oo, 0],
# here only claimed on (0, oo); LambertW's off (-oo, -1/e].
ANALYTIC: dict[type, Callable[[Any], bool]] = {
    sp.exp: _always, sp.sin: _always, sp.cos: _always, sp.sinh: _always, sp.cosh: _always, sp.erf: _always,
    sp.tanh: _real, sp.atan: _real, Sigmoid: _real,
    sp.log: _positive,
    sp.LambertW: lambda a: (a + sp.exp(-1)).is_positive is True,
}


def _analytic_node(e: Any, at: Callable[[Any], Any]) -> bool:
    """Is the node `e` itself (its children aside) analytic at the point? `at` evaluates a child there."""
    if e.is_Add or e.is_Mul:
        return True
    if isinstance(e, (sp.Sum, sp.Product)):  # finitely many terms or factors: as Add and Mul
        return all(b.is_infinite is False for _, *bounds in e.limits for b in bounds)
    if e.is_Pow:
        if e.exp.is_integer:
            return e.exp.is_nonnegative is True or at(e.base).is_nonzero is True
        return _positive(at(e.base))  # b^y = exp(y log b): needs log b analytic, so b > 0 (0^x is not)
    if isinstance(e, (GenericFunction, AppliedUndef)):
        return True  # f(x) for an undefined f stands, like a generic function, for a smooth one
    rule = ANALYTIC.get(type(e))
    if rule is None or len(e.args) != 1:
        return False
    return rule(at(e.args[0]))


def analytic_at(expr: Any, var: Any, point: Any) -> bool:
    """True when every node of `expr` depending on `var` is analytic at var = point (a sufficient condition for
    `expr` to be analytic there, so its limit is its value and its Taylor series converges to it)."""
    def at(e: Any) -> Any:
        return e.xreplace({var: point})

    return all(_analytic_node(node, at) for node in _nodes_with(expr, var))


def _nodes_with(expr: Any, var: Any) -> Iterator[Any]:
    if not isinstance(expr, sp.Basic) or not expr.has(var) or expr == var:
        return
    yield expr
    for arg in expr.args:
        yield from _nodes_with(arg, var)


def _nonzero(e: Any) -> bool:
    return sp.sympify(e).is_nonzero is True


def _pairs_differ(e: Any, at: Callable[[Any], Any]) -> bool:
    return all(_nonzero(at(a) - at(b)) for a, b in combinations(e.args, 2))


def _not_integer(e: Any, at: Callable[[Any], Any]) -> bool:
    return at(e.args[0]).is_integer is False


def _piecewise_boundaries(e: Any, at: Callable[[Any], Any]) -> bool:
    """Smooth off the boundaries of its conditions (each condition a relation whose two sides are apart)."""
    for _, cond in e.args:
        if cond is sp.true:
            continue
        if not isinstance(cond, sp.Rel) or cond.rel_op not in {"<", "<=", ">", ">="}:
            return False
        if not _nonzero(at(cond.lhs) - at(cond.rhs)):
            return False
    return True


# What makes each non-smooth function smooth near a point (`at` evaluates a subexpression at the point).
KINKS: dict[type, Callable[[Any, Callable[[Any], Any]], bool]] = {
    sp.Abs: lambda e, at: _nonzero(at(e.args[0])),
    sp.Heaviside: lambda e, at: _nonzero(at(e.args[0])),
    sp.sign: lambda e, at: _nonzero(at(e.args[0])),
    sp.Max: _pairs_differ,
    sp.Min: _pairs_differ,
    sp.floor: _not_integer,
    sp.ceiling: _not_integer,
    sp.frac: _not_integer,
    sp.Piecewise: _piecewise_boundaries,
    sp.DiracDelta: lambda e, at: False,
}

NON_SMOOTH = tuple(KINKS)


def smooth_at(expr: Any, var: Any, point: Any) -> bool:
    """True when every node of `expr` that depends on `var` is provably smooth at var = point: a non-smooth
    function off its kinks, anything else analytic there (so SymPy's derivative formula is the derivative)."""
    def at(e: Any) -> Any:
        return e.xreplace({var: point})

    for node in _nodes_with(expr, var):
        kink = KINKS.get(type(node))
        if not (kink(node, at) if kink is not None else _analytic_node(node, at)):
            return False
    return True


def derivative_is_safe(d: Any) -> bool:
    """Does SymPy's formula give the derivative `d` (a Derivative, or a Subs of one at a point)? Only where
    every non-smooth node is smooth at the point; a free Derivative (at every point of the domain) needs it
    at the symbolic point, i.e. on the whole domain."""
    if isinstance(d, sp.Subs):
        if not isinstance(d.expr, sp.Derivative):
            return True
        inner, points = d.expr, dict(zip(d.variables, d.point, strict=True))
    else:
        inner, points = d, {}
    return all(smooth_at(inner.expr, var, points.get(var, var)) for var, _ in inner.variable_count)


def has_non_smooth(expr: Any) -> bool:
    return isinstance(expr, sp.Basic) and expr.has(*NON_SMOOTH)


# Entire functions: analytic on the whole complex plane, so an integral of a composition of them over a finite
# range has an antiderivative that is continuous there, and SymPy's antiderivative gives it (the fundamental
# theorem). Any other integrand (atan(tan x) jumps at pi/2: SymPy integrates it over [0, pi] to -pi^2/2, not 0)
# is not integrated by SymPy anywhere in the prover.
ENTIRE: tuple[type, ...] = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.erf)


def integral_is_safe(e: Any) -> bool:
    """An Integral over finite bounds whose integrand is built from polynomials and entire functions only."""
    if not isinstance(e, sp.Integral):
        return True
    variables = set(e.variables)
    for limit in e.limits:
        if len(limit) != 3 or any(b.is_finite is not True for b in limit[1:]):
            return False
    for node in sp.preorder_traversal(e.function):
        if not (isinstance(node, sp.Basic) and node.free_symbols & variables) or node in variables:
            continue
        if node.is_Add or node.is_Mul or isinstance(node, ENTIRE):
            continue
        if isinstance(node, (sp.Sum, sp.Product)) and all(  # finitely many terms or factors, as Add and Mul
                b.is_infinite is False for _, *bounds in node.limits for b in bounds):
            continue
        if node.is_Pow and node.exp.is_Integer and node.exp >= 0:
            continue
        return False
    return True


def has_unsafe_integral(expr: Any) -> bool:
    return isinstance(expr, sp.Basic) and any(not integral_is_safe(i) for i in expr.atoms(sp.Integral))
