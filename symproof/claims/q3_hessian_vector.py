"""Questions 3.3 to 3.6: Hessian-vector products by finite differences (their error) and by the R-operator."""

from __future__ import annotations

import functools
from typing import Any

import sympy as sp

from ..claim import Body, Chain, claim
from ..nn.generic import generic_function, gradient, hessian
from ..prover import AllOf, Holds, Scope, eq

r = sp.Symbol("r", real=True)
c = sp.Symbol("c", real=True)


def point(n: int) -> tuple[tuple[sp.Symbol, ...], tuple[sp.Symbol, ...]]:
    """w = (w_1, ..., w_n) and v = (v_1, ..., v_n)."""
    return sp.symbols(f"w_1:{n + 1}", real=True), sp.symbols(f"v_1:{n + 1}", real=True)


def shift(expr: Any, w: tuple[Any, ...], v: tuple[Any, ...], step: Any) -> Any:
    """expr evaluated at w + step v (all coordinates at once)."""
    return expr.xreplace({wi: wi + step * vi for wi, vi in zip(w, v, strict=True)})


def R(expr: Any, w: tuple[Any, ...], v: tuple[Any, ...]) -> Any:
    """R_v{expr(w)} = d/dr expr(w + r v) at r = 0, left unevaluated (entrywise on a matrix)."""
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(lambda e: R(e, w, v))
    return sp.Subs(sp.Derivative(shift(expr, w, v, r), r), r, 0)


def third_order_term(n: int, w: tuple[Any, ...], v: tuple[Any, ...]) -> sp.Matrix:
    """E_i = 1/2 sum_{j,k} f_{ijk}(w) v_j v_k, the coefficient of r in (g(w + r v) - g(w)) / r - H v."""
    return sp.Matrix([sp.Rational(1, 2) * sum(generic_function("f", n, (i, j, k))(*w) * v[j - 1] * v[k - 1]
                                              for j in range(1, n + 1) for k in range(1, n + 1))
                      for i in range(1, n + 1)])


def fourth_order_term(n: int, w: tuple[Any, ...], v: tuple[Any, ...]) -> sp.Matrix:
    """1/6 sum_{j,k,l} f_{ijkl}(w) v_j v_k v_l, the coefficient of r^2 in the central difference minus H v."""
    rng = range(1, n + 1)
    return sp.Matrix([sp.Rational(1, 6) * sum(generic_function("f", n, (i, j, k, m))(*w) * v[j - 1] * v[k - 1]
                                              * v[m - 1] for j in rng for k in rng for m in rng) for i in rng])


def forward_difference(n: int) -> tuple[sp.Matrix, sp.Matrix, tuple[Any, ...], tuple[Any, ...]]:
    """((g(w + r v) - g(w)) / r, H v) for a generic smooth f of n variables, g = grad f."""
    w, v = point(n)
    g = gradient("f", w)
    Hv = hessian("f", w) * sp.Matrix(v)
    return (shift(g, w, v, r) - g) / r, Hv, w, v


def _limit(m: sp.Matrix, power: int = 0) -> sp.Matrix:
    return m.applyfunc(lambda e: sp.Limit(e / r**power, r, 0, dir="+-"))


def _g(i: int, step: str) -> str:
    return rf"g_{{{i}}}(\boldsymbol{{w}}{step})"


def printed_names(n: int) -> dict[Any, str]:
    """Short printed names for the limits and vectors of Q3.3-3.4 (their text defines them); the prover sees them
    whole. One name per entry, for dimension n."""
    fd, Hv, w, v = forward_difference(n)
    cd = (shift(gradient("f", w), w, v, r) - shift(gradient("f", w), w, v, -r)) / (2 * r)
    plus, minus = r" + r\boldsymbol{v}", r" - r\boldsymbol{v}"
    forward = [rf"\frac{{{_g(i, plus)} - {_g(i, '')}}}{{r}}" for i in range(1, n + 1)]
    central = [rf"\frac{{{_g(i, plus)} - {_g(i, minus)}}}{{2r}}" for i in range(1, n + 1)]
    hv = [rf"(\boldsymbol{{H}}\boldsymbol{{v}})_{{{i}}}" for i in range(1, n + 1)]
    names: dict[Any, str] = {}
    for i in range(n):
        names[_limit(fd)[i]] = rf"\lim_{{r \to 0}} {forward[i]}"
        names[Hv[i]] = hv[i]
        names[_limit(fd - Hv, 1)[i]] = rf"\lim_{{r \to 0}} \frac{{1}}{{r}}\Big({forward[i]} - {hv[i]}\Big)"
        names[_limit(cd - Hv, 1)[i]] = rf"\lim_{{r \to 0}} \frac{{1}}{{r}}\Big({central[i]} - {hv[i]}\Big)"
        names[_limit(cd - Hv, 2)[i]] = rf"\lim_{{r \to 0}} \frac{{1}}{{r^2}}\Big({central[i]} - {hv[i]}\Big)"
        names[third_order_term(n, w, v)[i]] = rf"E_{{{i + 1}}}"
        names[fourth_order_term(n, w, v)[i]] = (rf"\tfrac{{1}}{{6}} \textstyle\sum_{{j,k,l}} f_{{{i + 1}jkl}}"
                                                r"(\boldsymbol{w})\, v_j v_k v_l")
    return names


@functools.cache
def latex_names() -> dict[str, Any]:
    """Printer settings for the fragments, computed when one is rendered: proving never needs them."""
    return {"names": {**printed_names(2), **printed_names(3)}}


@claim("q3.3", "3.3", "H v = lim_{r -> 0} (g(w + r v) - g(w)) / r for a generic smooth f (n = 2 and n = 3)",
       Scope.INSTANCE)
def hv_by_finite_difference() -> Body:
    parts = []
    steps = []
    wrong: dict[str, Any] = {}
    for n in (2, 3):
        fd, Hv, w, v = forward_difference(n)
        g = gradient("f", w)
        parts.append((f"n = {n}", eq(_limit(fd), Hv)))
        steps.append(Chain((_limit(fd), R(g, w, v), Hv), why=("derivative_definition", "chain_rule"),
                           label=f"n = {n}"))
        wrong[f"n = {n}: g(w) + H v"] = eq(_limit(fd), g + Hv)
        wrong[f"n = {n}: without dividing by r"] = eq(_limit(fd * r), Hv)
    fd2 = forward_difference(2)[0]
    return Body(statement=AllOf(tuple(parts)), answer=fd2, steps=tuple(steps), wrong=wrong,
                notes={"estimate": "H v ~ (g(w + r v) - g(w)) / r for small r", "latex": latex_names})


@claim("q3.4", "3.4", "(g(w + r v) - g(w)) / r = H v + r E + o(r) with E_i = 1/2 sum_jk f_ijk v_j v_k, not zero "
       "in general: the error is exactly O(r)", Scope.INSTANCE)
def forward_difference_error() -> Body:
    parts: list[tuple[str, Any]] = []
    wrong: dict[str, Any] = {}
    steps = []
    for n in (2, 3):
        fd, Hv, w, v = forward_difference(n)
        E = third_order_term(n, w, v)
        parts.append((f"n = {n}: lim (FD - H v) / r = E", eq(_limit(fd - Hv, 1), E)))
        second = shift(gradient("f", w), w, v, r).applyfunc(lambda e: sp.Subs(sp.Derivative(e, (r, 2)), r, 0) / 2)
        steps.append(Chain((_limit(fd - Hv, 1), second, E),
                           why=("taylor_second_order", "chain_rule"), label=f"n = {n}"))
        wrong[f"n = {n}: error O(r^2) (E = 0)"] = eq(_limit(fd - Hv, 1), sp.zeros(n, 1))
        wrong[f"n = {n}: E without the 1/2"] = eq(_limit(fd - Hv, 1), 2 * E)
    # E is not identically zero: for f = w_1^3 (n = 2), E = (3 v_1^2, 0), positive for v_1 != 0.
    w, v = point(2)
    v1 = sp.Symbol("v_1", real=True, nonzero=True)
    witness = witness_first_order_term()
    parts.append(("for f = w_1^3, E = (3 v_1^2, 0)", eq(witness, sp.Matrix([3 * v[0] ** 2, 0]))))
    parts.append(("3 v_1^2 > 0 for v_1 != 0", Holds(sp.StrictGreaterThan(3 * v1**2, 0, evaluate=False),
                                                    certificate=3 * v1**2)))
    return Body(statement=AllOf(tuple(parts)), answer=sp.Order(r), steps=tuple(steps), wrong=wrong,
                notes={"witness": "f(w) = w_1^3", "latex": latex_names})


def witness_first_order_term() -> sp.Matrix:
    """lim (FD - H v) / r for the concrete f(w) = w_1^3 (n = 2), computed directly from f."""
    w, v = point(2)
    f = w[0] ** 3
    g = sp.Matrix([sp.diff(f, wi) for wi in w])
    Hv = sp.hessian(f, w) * sp.Matrix(v)
    return ((shift(g, w, v, r) - g) / r - Hv).applyfunc(lambda e: _polynomial_limit_at_0(e / r))


def _polynomial_limit_at_0(e: Any) -> Any:
    """lim_{r -> 0} e for an e that cancels to a polynomial in r: its value at r = 0 (Gruntz took 0.1 s here)."""
    num, den = sp.fraction(sp.cancel(e))
    if den.has(r):
        raise ValueError(f"not a polynomial in r: {e}")
    return (num / den).subs(r, 0)


@claim("q3.4.central", "3.4", "the central difference (g(w + r v) - g(w - r v)) / (2 r) = H v + O(r^2), "
       "with r^2 coefficient 1/6 sum_jkl f_ijkl v_j v_k v_l", Scope.INSTANCE)
def central_difference_error() -> Body:
    parts: list[tuple[str, Any]] = []
    wrong: dict[str, Any] = {}
    for n in (2, 3):
        w, v = point(n)
        g = gradient("f", w)
        Hv = hessian("f", w) * sp.Matrix(v)
        cd = (shift(g, w, v, r) - shift(g, w, v, -r)) / (2 * r)
        parts.append((f"n = {n}: lim (CD - H v) / r = 0", eq(_limit(cd - Hv, 1), sp.zeros(n, 1))))
        parts.append((f"n = {n}: lim (CD - H v) / r^2 = 1/6 f'''' [v, v, v]",
                      eq(_limit(cd - Hv, 2), fourth_order_term(n, w, v))))
        wrong[f"n = {n}: error O(r^3)"] = eq(_limit(cd - Hv, 2), sp.zeros(n, 1))
    return Body(statement=AllOf(tuple(parts)), answer=sp.Order(r**2), wrong=wrong, notes={"latex": latex_names})


@claim("q3.5", "3.5", "R_v{c f(w)} = c R_v{f(w)} and R_v{f(w) g(w)} = R_v{f(w)} g(w) + f(w) R_v{g(w)} (n = 2, 3)",
       Scope.INSTANCE)
def r_operator_rules() -> Body:
    parts: list[tuple[str, Any]] = []
    steps = []
    wrong: dict[str, Any] = {}
    for n in (2, 3):
        w, v = point(n)
        f = generic_function("f", n)(*w)
        g = generic_function("g", n)(*w)
        fs, gs = shift(f, w, v, r), shift(g, w, v, r)
        directional = sum(generic_function("f", n, (j,))(*w) * v[j - 1] for j in range(1, n + 1))
        parts.append((f"n = {n}: linearity", eq(R(c * f, w, v), c * R(f, w, v))))
        parts.append((f"n = {n}: product rule", eq(R(f * g, w, v), R(f, w, v) * g + f * R(g, w, v))))
        parts.append((f"n = {n}: R_v{{f}} = grad f . v", eq(R(f, w, v), directional)))
        steps.append(Chain((R(c * f, w, v), c * sp.Subs(sp.Derivative(fs, r), r, 0), c * R(f, w, v)),
                           why=("constant_factor", "definition_R"), label=f"linearity, n = {n}"))
        steps.append(Chain((R(f * g, w, v),
                            sp.Subs(sp.Derivative(fs, r) * gs + fs * sp.Derivative(gs, r), r, 0),
                            R(f, w, v) * g + f * R(g, w, v)),
                           why=("product_rule_in_r", "evaluate_at_r_0"), label=f"product rule, n = {n}"))
        wrong[f"n = {n}: R(f g) = R(f) R(g)"] = eq(R(f * g, w, v), R(f, w, v) * R(g, w, v))
        wrong[f"n = {n}: R(f g) = R(f) g"] = eq(R(f * g, w, v), R(f, w, v) * g)
        wrong[f"n = {n}: R(c f) = R(f)"] = eq(R(c * f, w, v), R(f, w, v))
    return Body(statement=AllOf(tuple(parts)), steps=tuple(steps), wrong=wrong,
                answer=sp.Symbol("R_v{f}") * sp.Symbol("g") + sp.Symbol("f") * sp.Symbol("R_v{g}"))


@claim("q3.6", "3.6", "R_v{grad f(w)} = H v exactly, for a generic smooth f (n = 2 and n = 3)", Scope.INSTANCE)
def hv_by_r_operator() -> Body:
    parts: list[tuple[str, Any]] = []
    steps = []
    wrong: dict[str, Any] = {}
    for n in (2, 3):
        w, v = point(n)
        g = gradient("f", w)
        H = hessian("f", w)
        Hv = H * sp.Matrix(v)
        chain_rule = sp.Matrix([sum(shift(H[i, j], w, v, r) * v[j] for j in range(n)) for i in range(n)])
        fd, _, _, _ = forward_difference(n)
        parts.append((f"n = {n}", eq(R(g, w, v), Hv)))
        steps.append(Chain((_limit(fd), R(g, w, v), chain_rule.subs(r, 0), Hv),
                           why=("derivative_definition", "chain_rule", "hessian_entries"), label=f"n = {n}"))
        wrong[f"n = {n}: R_v{{g}} = H v / 2"] = eq(R(g, w, v), Hv / 2)
        wrong[f"n = {n}: R_v{{g}} = diag(H) v"] = eq(R(g, w, v), sp.diag(*H.diagonal()) * sp.Matrix(v))
    w, v = point(2)
    return Body(statement=AllOf(tuple(parts)), steps=tuple(steps), wrong=wrong, answer=R(gradient("f", w), w, v))
