"""Questions 3.3 to 3.6, Hessian-vector products: the notation and expressions their claims share."""

from __future__ import annotations

import functools
from typing import Any

import sympy as sp

from ..nn.generic import generic_function, gradient, hessian
from ..prover import Step
from ..prover.rules import BigO, J, N, at, column_sum

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
    rng = range(1, n + 1)  # one Add per entry: Python's sum re-flattens every partial sum
    return sp.Matrix([sp.Rational(1, 2) * sp.Add(*(generic_function("f", n, (i, j, k))(*w) * v[j - 1] * v[k - 1]
                                                   for j in rng for k in rng)) for i in rng])


def fourth_order_term(n: int, w: tuple[Any, ...], v: tuple[Any, ...]) -> sp.Matrix:
    """1/6 sum_{j,k,l} f_{ijkl}(w) v_j v_k v_l, the coefficient of r^2 in the central difference minus H v."""
    rng = range(1, n + 1)
    return sp.Matrix([sp.Rational(1, 6) * sp.Add(*(sp.Mul(generic_function("f", n, (i, j, k, m))(*w), v[j - 1],
                                                          v[k - 1], v[m - 1]) for j in rng for k in rng for m in rng))
                      for i in rng])


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


# --- for every n: derivations whose steps cite named theorems (symproof.prover.rules) --------------------------
# w, v in R^n for a symbolic n; f, g smooth on R^n; entry i of a vector (0 <= i < n); (H v)_i = sum_j f_ij(w) v_j.
WN = sp.MatrixSymbol("w", N, 1)
VN = sp.MatrixSymbol("v", N, 1)
I_ENTRY = sp.Symbol("i", integer=True, nonnegative=True)
SHIFTED = WN + r * VN


def r_operator(h: Any) -> Any:
    """R_v{h(w)} = d/dr h(w + r v) at r = 0, for h built from partials at w + r v."""
    return sp.Subs(sp.Derivative(h, r), r, 0)


def hv_entry(point: Any = WN) -> Any:
    """(H v)_i = sum_j d_i d_j f(w) v_j."""
    return column_sum(at("f", (I_ENTRY, J), point) * VN[J, 0])


def _chain_rule_steps() -> tuple[Step, ...]:
    """R_v{g_i} = [sum_j f_ij(w + r v) v_j]_{r=0} = sum_j f_ij(w) v_j."""
    return (Step(sp.Subs(hv_entry(SHIFTED), r, 0), "chain rule", {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN}),
            Step(hv_entry(), "evaluate at r = 0"))
W_TEX, SHIFTED_TEX = r"\boldsymbol{w}", r"\boldsymbol{w} + r\boldsymbol{v}"


def every_n_names() -> dict[str, Any]:
    """Printed names in the assignment's notation (g_i = d_i f, f_ij, w + r v, R_v{...}, sum before O(r)); the
    prover sees the expressions whole."""
    main = hv_entry()
    names: dict[Any, str] = {VN[J, 0]: "v_j", VN[I_ENTRY, 0]: "v_i", SHIFTED: SHIFTED_TEX}
    for x, tex in ((WN, W_TEX), (SHIFTED, SHIFTED_TEX)):
        names[at("f", (I_ENTRY,), x)] = rf"g_i({tex})"
        names[at("f", (I_ENTRY, J), x)] = rf"f_{{ij}}({tex})"
        names[hv_entry(x)] = rf"\sum_{{j}} f_{{ij}}({tex})\, v_j"
        for name in ("f", "g"):
            names[at(name, (), x)] = rf"{name}({tex})"
    sum_tex = names[main]
    o_r = sp.Limit(BigO(r, 2), r, 0, dir="+-")
    names[main + BigO(r, 2)] = rf"{sum_tex} + O(r)"
    names[sp.Limit(main, r, 0, dir="+-") + o_r] = rf"\lim_{{r \to 0}} {sum_tex} + \lim_{{r \to 0}} O(r)"
    names[main + o_r] = rf"{sum_tex} + \lim_{{r \to 0}} O(r)"
    names[r_operator(_g_entry(SHIFTED))] = r"\mathcal{R}_{\boldsymbol{v}}\{g_i(\boldsymbol{w})\}"
    f_at, g_at = at("f", (), SHIFTED), at("g", (), SHIFTED)
    for expr, tex in ((f_at, "f"), (g_at, "g"), (c * f_at, "c f"), (f_at * g_at, "f g")):
        inner = "".join(rf"{ch}(\boldsymbol{{w}})" if ch in "fg" else ch for ch in tex)
        names[r_operator(expr)] = rf"\mathcal{{R}}_{{\boldsymbol{{v}}}}\{{{inner}\}}"
    names[BigO(r**2, 1)], names[BigO(r, 2)] = "O(r^2)", "O(r)"
    # 3.5's rows in the order the question writes them: R_v{f} g + f R_v{g}
    d = r"\frac{\partial}{\partial r}"
    f_s, g_s = rf"f({SHIFTED_TEX})", rf"g({SHIFTED_TEX})"
    names[sp.Subs(c * sp.Derivative(f_at, r), r, 0)] = rf"c\, {d} {f_s} \Big|_{{r=0}}"
    names[sp.Subs(sp.Derivative(f_at, r) * g_at + f_at * sp.Derivative(g_at, r), r, 0)] = (
        rf"\Big({d} {f_s}\; {g_s} + {f_s}\, {d} {g_s}\Big)\Big|_{{r=0}}")
    rv = r"\mathcal{R}_{\boldsymbol{v}}"
    names[r_operator(f_at) * at("g", (), WN) + at("f", (), WN) * r_operator(g_at)] = (
        rf"{rv}\{{f(\boldsymbol{{w}})\}}\, g(\boldsymbol{{w}}) + f(\boldsymbol{{w}})\, {rv}\{{g(\boldsymbol{{w}})\}}")
    names[c * r_operator(f_at)] = rf"c\, {rv}\{{f(\boldsymbol{{w}})\}}"
    return {"names": names}


EVERY_N_NAMES = {"latex": every_n_names}


def _g_entry(point: Any) -> Any:
    return at("f", (I_ENTRY,), point)


def forward_quotient() -> Any:
    return (_g_entry(SHIFTED) - _g_entry(WN)) / r
