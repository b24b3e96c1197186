"""Questions 3.3 to 3.6: Hessian-vector products by finite differences (their error) and by the R-operator."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..figure import Figure, rounded
from ..nn.generic import generic_function, gradient, hessian
from ..prover import AllOf, Derivation, Holds, Scope, Step, eq
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


WRITE_UP_3_3 = WriteUp(
    text={
        "fr": "Pour une fonction $f$ lisse quelconque de $n = 2$ puis $n = 3$ variables ($g = \\nabla f$) : "
              "$\\lim_{r \\to 0} (g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w}))/r = "
              "\\boldsymbol{H}\\boldsymbol{v}$. Donc $\\boldsymbol{H}\\boldsymbol{v} \\approx (g(\\boldsymbol{w} + "
              "r\\boldsymbol{v}) - g(\\boldsymbol{w}))/r$ pour $r$ petit, au prix de deux gradients.",
        "en": "For an arbitrary smooth $f$ of $n = 2$ and of $n = 3$ variables ($g = \\nabla f$): $\\lim_{r \\to 0} "
              "(g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v}$. So "
              "$\\boldsymbol{H}\\boldsymbol{v} \\approx (g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "g(\\boldsymbol{w}))/r$ for small $r$, at the cost of two gradients.",
    },
)

@claim("q3.3.n2_3", "3.3", "H v = lim_{r -> 0} (g(w + r v) - g(w)) / r for a generic smooth f (n = 2 and n = 3)",
       Scope.INSTANCE, write_up=WRITE_UP_3_3)
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


WRITE_UP_3_4 = WriteUp(
    text={
        "fr": "Pour $f$ lisse quelconque ($n = 2$ et $n = 3$) : $(g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "g(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v} + r\\boldsymbol{E} + o(r)$ avec $E_i = "
              "\\frac{1}{2}\\sum_{j,k} f_{ijk}(\\boldsymbol{w})\\, v_j v_k$, et $\\boldsymbol{E}$ n'est pas nul en "
              "général (pour $f = w_1^3$, $\\boldsymbol{E} = (3v_1^2, 0)$) : l'erreur est en $O(r)$, pas mieux.",
        "en": "For an arbitrary smooth $f$ ($n = 2$ and $n = 3$): $(g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "g(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v} + r\\boldsymbol{E} + o(r)$ with $E_i = "
              "\\frac{1}{2}\\sum_{j,k} f_{ijk}(\\boldsymbol{w})\\, v_j v_k$, and $\\boldsymbol{E}$ is not zero in "
              "general (for $f = w_1^3$, $\\boldsymbol{E} = (3v_1^2, 0)$): the error is $O(r)$, no better.",
    },
    steps={
        "taylor_second_order": {"fr": "Taylor à l'ordre $2$",
                               "en": "second-order Taylor"},
    },
    oracles=(
        "tests/claims/test_q3.py::test_first_order_error_is_non_zero_for_a_concrete_witness",
    ),
)

@claim("q3.4.n2_3", "3.4", "(g(w + r v) - g(w)) / r = H v + r E + o(r) with E_i = 1/2 sum_jk f_ijk v_j v_k, not zero "
       "in general: the error is exactly O(r)", Scope.INSTANCE, write_up=WRITE_UP_3_4)
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


WRITE_UP_3_4_CENTRAL = WriteUp(
    text={
        "fr": "Pour $f$ lisse quelconque ($n = 2$ et $n = 3$), la différence centrée $(g(\\boldsymbol{w} + "
              "r\\boldsymbol{v}) - g(\\boldsymbol{w} - r\\boldsymbol{v}))/(2r)$ a une erreur en $O(r^2)$ : son terme "
              "d'ordre $1$ est nul et celui en $r^2$ vaut $\\frac{1}{6}\\sum_{j,k,l} f_{ijkl}(\\boldsymbol{w})\\, "
              "v_j v_k v_l$.",
        "en": "For an arbitrary smooth $f$ ($n = 2$ and $n = 3$), the central difference $(g(\\boldsymbol{w} + "
              "r\\boldsymbol{v}) - g(\\boldsymbol{w} - r\\boldsymbol{v}))/(2r)$ has an $O(r^2)$ error: its "
              "first-order term is zero and its $r^2$ term is $\\frac{1}{6}\\sum_{j,k,l} "
              "f_{ijkl}(\\boldsymbol{w})\\, v_j v_k v_l$.",
    },
)

@claim("q3.4.central", "3.4", "the central difference (g(w + r v) - g(w - r v)) / (2 r) = H v + O(r^2), "
       "with r^2 coefficient 1/6 sum_jkl f_ijkl v_j v_k v_l", Scope.INSTANCE, write_up=WRITE_UP_3_4_CENTRAL)
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


WRITE_UP_3_5 = WriteUp(
    text={
        "fr": "Pour des fonctions lisses quelconques $f$ et $g$ de $n = 2$ puis $n = 3$ variables et tout réel $c$ : "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f\\} = c\\, \\mathcal{R}_{\\boldsymbol{v}}\\{f\\}$, "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{f g\\} = \\mathcal{R}_{\\boldsymbol{v}}\\{f\\}\\, g + f\\, "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{g\\}$, et $\\mathcal{R}_{\\boldsymbol{v}}\\{f\\} = \\nabla f \\cdot "
              "\\boldsymbol{v}$.",
        "en": "For arbitrary smooth $f$ and $g$ of $n = 2$ and of $n = 3$ variables and every real $c$: "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f\\} = c\\, \\mathcal{R}_{\\boldsymbol{v}}\\{f\\}$, "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{f g\\} = \\mathcal{R}_{\\boldsymbol{v}}\\{f\\}\\, g + f\\, "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{g\\}$, and $\\mathcal{R}_{\\boldsymbol{v}}\\{f\\} = \\nabla f \\cdot "
              "\\boldsymbol{v}$.",
    },
    steps={
        "constant_factor": {"fr": "facteur constant",
                           "en": "constant factor"},
        "definition_R": {"fr": "définition de $\\mathcal{R}_{\\boldsymbol{v}}$",
                        "en": "definition of $\\mathcal{R}_{\\boldsymbol{v}}$"},
        "evaluate_at_r_0": {"fr": "en $r = 0$",
                           "en": "at $r = 0$"},
        "product_rule_in_r": {"fr": "règle du produit en $r$",
                             "en": "product rule in $r$"},
    },
)

@claim("q3.5.n2_3", "3.5", "R_v{c f(w)} = c R_v{f(w)} and R_v{f(w) g(w)} = R_v{f(w)} g(w) + f(w) R_v{g(w)} (n = 2, 3)",
       Scope.INSTANCE, write_up=WRITE_UP_3_5)
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


WRITE_UP_3_6 = WriteUp(
    text={
        "fr": "Pour $f$ lisse quelconque ($n = 2$ et $n = 3$) : $\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
              "f(\\boldsymbol{w})\\} = \\boldsymbol{H}\\boldsymbol{v}$ exactement, sans erreur de troncature ; c'est "
              "la limite de la différence finie de la question 3.3.",
        "en": "For an arbitrary smooth $f$ ($n = 2$ and $n = 3$): $\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
              "f(\\boldsymbol{w})\\} = \\boldsymbol{H}\\boldsymbol{v}$ exactly, with no truncation error; it is the "
              "limit of the finite difference of question 3.3.",
    },
    steps={
        "hessian_entries": {"fr": "coefficients de $\\boldsymbol{H}$",
                           "en": "entries of $\\boldsymbol{H}$"},
    },
    oracles=(
        "tests/nn/test_mlp.py::test_hvp_matches_torch_forward_over_reverse",
        "tests/nn/test_mlp.py::test_hvp_matches_complex_step",
    ),
)

@claim("q3.6.n2_3", "3.6", "R_v{grad f(w)} = H v exactly, for a generic smooth f (n = 2 and n = 3)", Scope.INSTANCE,
       write_up=WRITE_UP_3_6)
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


TAYLOR_AT_W = {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN, "tag": 1}  # g_i(w + r v) about w
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


WRITE_UP_3_3_EVERY_N = WriteUp(
    text={
        "fr": "Pour tout $n$, toute fonction $f$ lisse sur $\\mathbb{R}^n$ et chaque coordonnée $i$ ($0 \\leq i < "
              "n$) : $\\lim_{r \\to 0} (g_i(\\boldsymbol{w} + r\\boldsymbol{v}) - g_i(\\boldsymbol{w}))/r = "
              "(\\boldsymbol{H}\\boldsymbol{v})_i = \\sum_j \\partial_i \\partial_j f(\\boldsymbol{w})\\, v_j$, "
              "par la dérivée comme limite de $\\varphi(r) = g_i(\\boldsymbol{w} + r\\boldsymbol{v})$ puis la "
              "dérivée d'une composée, et à nouveau par Taylor et la limite d'une somme.",
        "en": "For every $n$, every smooth $f$ on $\\mathbb{R}^n$ and each entry $i$ ($0 \\leq i < n$): $\\lim_{r "
              "\\to 0} (g_i(\\boldsymbol{w} + r\\boldsymbol{v}) - g_i(\\boldsymbol{w}))/r = "
              "(\\boldsymbol{H}\\boldsymbol{v})_i = \\sum_j \\partial_i \\partial_j f(\\boldsymbol{w})\\, v_j$, by "
              "the derivative as a limit of $\\varphi(r) = g_i(\\boldsymbol{w} + r\\boldsymbol{v})$ and the chain "
              "rule, and again by Taylor and the limit of a sum.",
    },
    recall={
        "fr": "Estimer $\\boldsymbol{H}\\boldsymbol{v}$ à partir de $g(\\boldsymbol{w} + \\Delta\\boldsymbol{w}) "
              "\\approx g(\\boldsymbol{w}) + \\boldsymbol{H}\\Delta\\boldsymbol{w}$ avec $\\Delta\\boldsymbol{w} = "
              "r\\boldsymbol{v}$.",
        "en": "Estimate $\\boldsymbol{H}\\boldsymbol{v}$ from $g(\\boldsymbol{w} + \\Delta\\boldsymbol{w}) \\approx "
              "g(\\boldsymbol{w}) + \\boldsymbol{H}\\Delta\\boldsymbol{w}$ with $\\Delta\\boldsymbol{w} = "
              "r\\boldsymbol{v}$.",
    },
    handin={
        "fr": "Oui. Avec $\\Delta\\boldsymbol{w} = r\\boldsymbol{v}$, l'approximation donne $g(\\boldsymbol{w} + "
              "r\\boldsymbol{v}) \\approx g(\\boldsymbol{w}) + r\\boldsymbol{H}\\boldsymbol{v}$, d'où "
              "$\\boldsymbol{H}\\boldsymbol{v} \\approx \\frac{1}{r}\\bigl(g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "g(\\boldsymbol{w})\\bigr)$ pour $r$ petit : deux gradients suffisent, sans former $\\boldsymbol{H}$. "
              "L'égalité est exacte à la limite $r \\to 0$, pour tout $n$ : composante par composante, avec "
              "$g_i = \\partial f / \\partial w_i$ et $f_{ij} = \\partial^2 f / \\partial w_i \\partial w_j$, "
              "posons $\\varphi(r) = g_i(\\boldsymbol{w} + r\\boldsymbol{v})$ ; la limite est $\\varphi'(0)$, "
              "que la dérivée d'une composée donne, puis $r = 0$ :",
        "en": "Yes. With $\\Delta\\boldsymbol{w} = r\\boldsymbol{v}$ the approximation gives $g(\\boldsymbol{w} + "
              "r\\boldsymbol{v}) \\approx g(\\boldsymbol{w}) + r\\boldsymbol{H}\\boldsymbol{v}$, hence "
              "$\\boldsymbol{H}\\boldsymbol{v} \\approx \\frac{1}{r}\\bigl(g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "g(\\boldsymbol{w})\\bigr)$ for small $r$: two gradients suffice, without forming $\\boldsymbol{H}$. "
              "The equality is exact in the limit $r \\to 0$, for every $n$: entry by entry, with $g_i = "
              "\\partial f / \\partial w_i$ and $f_{ij} = \\partial^2 f / \\partial w_i \\partial w_j$, let "
              "$\\varphi(r) = g_i(\\boldsymbol{w} + r\\boldsymbol{v})$; the limit is $\\varphi'(0)$, which the "
              "chain rule gives, then $r = 0$:",
    },
    answer={
        "fr": "$\\boldsymbol{H}\\boldsymbol{v} \\approx \\dfrac{g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "g(\\boldsymbol{w})}{r}$ pour $r$ petit.",
        "en": "$\\boldsymbol{H}\\boldsymbol{v} \\approx \\dfrac{g(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "g(\\boldsymbol{w})}{r}$ for small $r$.",
    },
    steps={
        "after": {
            "fr": "Comme $H_{ij} = f_{ij}(\\boldsymbol{w})$, la dernière ligne est "
                  "$(\\boldsymbol{H}\\boldsymbol{v})_i$ : la limite vaut exactement $\\boldsymbol{H}\\boldsymbol{v}$.",
            "en": "As $H_{ij} = f_{ij}(\\boldsymbol{w})$, the last line is $(\\boldsymbol{H}\\boldsymbol{v})_i$: the "
                  "limit is exactly $\\boldsymbol{H}\\boldsymbol{v}$.",
        },
    },
    show=(1,),
)


@claim("q3.3.every_n", "3.3", "for every n and smooth f: lim_{r -> 0} (g(w + r v) - g(w)) / r = H v, by the "
       "derivative as a limit and the chain rule (and again by Taylor and the limit of a sum)", Scope.CITED,
       role=ANSWER, write_up=WRITE_UP_3_3_EVERY_N)
def hv_by_finite_difference_every_n() -> Body:
    limit = sp.Limit(forward_quotient(), r, 0, dir="+-")
    by_derivative = Derivation(limit, (
        Step(r_operator(_g_entry(SHIFTED)), "derivative as a limit", {"a": _g_entry(SHIFTED)}),
        *_chain_rule_steps()), index=I_ENTRY)
    taylor_bindings = {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN}
    main = hv_entry()
    by_taylor = Derivation(limit, (
        Step(sp.Limit((r * main + BigO(r**2, 1)) / r, r, 0, dir="+-"), "Taylor", taylor_bindings),
        Step(sp.Limit(main + BigO(r, 2), r, 0, dir="+-"), "order arithmetic"),
        Step(sp.Limit(main, r, 0, dir="+-") + sp.Limit(BigO(r, 2), r, 0, dir="+-"), "limit of a sum",
             {"a": main, "b": BigO(r, 2)}),
        Step(main + sp.Limit(BigO(r, 2), r, 0, dir="+-"), "evaluate at r = 0"),
        Step(main, "limit of O(r^k)", {"k": 1, "tag": 2}),
    ), index=I_ENTRY)
    return Body(
        statement=AllOf((("derivative as a limit, chain rule", by_derivative),
                         ("Taylor, limit of a sum", by_taylor))),
        answer=forward_quotient(),
        notes={"entry": "i-th entry, 0 <= i < n, for a symbolic n", **EVERY_N_NAMES},
        wrong={"without dividing by r": Derivation(
                   sp.Limit(forward_quotient() * r, r, 0, dir="+-"),
                   (Step(r_operator(_g_entry(SHIFTED)), "derivative as a limit", {"a": _g_entry(SHIFTED)}),),
                   index=I_ENTRY),
               "chain rule without v_j": Derivation(limit, (
                   Step(r_operator(_g_entry(SHIFTED)), "derivative as a limit", {"a": _g_entry(SHIFTED)}),
                   Step(sp.Subs(column_sum(at("f", (I_ENTRY, J), SHIFTED)), r, 0), "chain rule",
                        {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN})), index=I_ENTRY)},
    )


# A measured error is plotted only where round-off cannot reach its printed digits: its round-off share, estimated
# by the model below, is under this fraction of it. Elsewhere the round-off itself is what varies from one CPU (BLAS
# kernel, SIMD tanh) to another, and from one last bit of the inputs to another: the figure draws its model instead.
STABLE_SHARE = 1e-5
FIGURE_DIGITS = 2  # what a log-log plot can show; more would print the machine's last bits


@dataclass(frozen=True)
class FDFigure:
    """The finite-difference figure's data, as printed: nothing in it depends on the machine's last bits.

    Measured errors (forward, central) where truncation dominates; the truncation laws a r and b r^2 read off
    the largest steps; the round-off model eps ||g(w)|| / (c r ||Hv||) with c = 1 (forward) and 2 (central).
    """

    r: tuple[float, ...]
    forward: tuple[tuple[float, float], ...]  # (r, measured error) pairs kept
    central: tuple[tuple[float, float], ...]
    forward_model: tuple[float, ...]  # a r + eps ||g|| / (r ||Hv||), one per r
    central_model: tuple[float, ...]  # b r^2 + eps ||g|| / (2 r ||Hv||)


def finite_difference_data(problem: Any = None) -> FDFigure:
    """The figure's data for `problem` (the default one for None), every value rounded to FIGURE_DIGITS."""
    from ..nn.finite_diff import fd_error_curve, make_problem

    p = make_problem() if problem is None else problem
    curve = fd_error_curve(p)
    g = p.model.grad(p.w, p.X, p.y)
    hv = p.model.hvp(p.w, p.v, p.X, p.y)
    # norms of 284,682 terms vary by far less than a rounding step of two digits
    level = float(rounded([np.finfo(float).eps * np.linalg.norm(g) / np.linalg.norm(hv)], FIGURE_DIGITS)[0])
    r = tuple(row.r for row in curve.rows)

    def kept(kind: str, c: float) -> tuple[tuple[float, float], ...]:
        pairs = [(row.r, float(getattr(row, kind))) for row in curve.rows]
        return tuple((x, float(rounded([e], FIGURE_DIGITS)[0])) for x, e in pairs if level / (c * x) < STABLE_SHARE * e)

    forward, central = kept("forward", 1.0), kept("central", 2.0)
    a = float(rounded([forward[0][1] / forward[0][0]], FIGURE_DIGITS)[0])  # the largest step: truncation only
    b = float(rounded([central[0][1] / central[0][0] ** 2], FIGURE_DIGITS)[0])
    return FDFigure(r, forward, central,
                    tuple(float(rounded([a * x + level / x], FIGURE_DIGITS)[0]) for x in r),
                    tuple(float(rounded([b * x * x + level / (2 * x)], FIGURE_DIGITS)[0]) for x in r))


def _draw_finite_difference(fig: Any) -> None:
    data = finite_difference_data()
    ax = fig.add_subplot()
    ax.loglog(data.r, data.forward_model, "-", color="C0", lw=1, alpha=0.6)
    ax.loglog(data.r, data.central_model, "-", color="C1", lw=1, alpha=0.6)
    ax.loglog(*zip(*data.forward, strict=True), "o", ms=4, color="C0",
              label=r"$(g(\mathbf{w}+r\mathbf{v}) - g(\mathbf{w}))/r$")
    ax.loglog(*zip(*data.central, strict=True), "s", ms=4, color="C1",
              label=r"$(g(\mathbf{w}+r\mathbf{v}) - g(\mathbf{w}-r\mathbf{v}))/2r$")
    ax.set_xlabel(r"$r$")
    ax.set_ylabel(r"$\|\widetilde{\mathbf{Hv}} - \mathbf{Hv}\| \,/\, \|\mathbf{Hv}\|$")
    ax.invert_xaxis()
    ax.legend(fontsize=8, frameon=False)
    ax.grid(alpha=0.3, which="both")


FINITE_DIFFERENCE = Figure("finite_difference", _draw_finite_difference, ("symproof.nn.finite_diff", "symproof.nn.mlp"))


WRITE_UP_3_4_EVERY_N = WriteUp(
    text={
        "fr": "Pour tout $n$ et toute fonction $f$ lisse : $(\\boldsymbol{g}(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "\\boldsymbol{g}(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v} + O(r)$, par le théorème de "
              "Taylor avec un reste $O(\\lVert r\\boldsymbol{v} \\rVert^2)$ ; l'erreur n'est pas meilleure en "
              "général : pour $f = w_1^3$ le terme en $r$ vaut $(3 v_1^2, 0) \\neq \\boldsymbol{0}$.",
        "en": "For every $n$ and every smooth $f$: $(\\boldsymbol{g}(\\boldsymbol{w} + r\\boldsymbol{v}) - "
              "\\boldsymbol{g}(\\boldsymbol{w}))/r = \\boldsymbol{H}\\boldsymbol{v} + O(r)$, by Taylor's theorem "
              "with an $O(\\lVert r\\boldsymbol{v} \\rVert^2)$ remainder; the error is not better in general: for "
              "$f = w_1^3$ the $r$ term is $(3 v_1^2, 0) \\neq \\boldsymbol{0}$.",
    },
    recall={
        "fr": "Ordre de l'erreur de cette estimation quand le reste est en $O(\\|\\Delta\\boldsymbol{w}\\|^2)$.",
        "en": "Order of the error of this estimate when the remainder is $O(\\|\\Delta\\boldsymbol{w}\\|^2)$.",
    },
    handin={
        "fr": "Le reste de l'énoncé donne $g(\\boldsymbol{w} + r\\boldsymbol{v}) = g(\\boldsymbol{w}) + "
              "r\\boldsymbol{H}\\boldsymbol{v} + O(r^2)$, donc l'estimation de 3.3 vaut "
              "$\\boldsymbol{H}\\boldsymbol{v} + O(r)$. Pour tout $n$, composante par composante, avec $g_i = "
              "\\partial f / \\partial w_i$ et $f_{ij} = \\partial^2 f / \\partial w_i \\partial w_j$ :",
        "en": "The question's remainder gives $g(\\boldsymbol{w} + r\\boldsymbol{v}) = g(\\boldsymbol{w}) + "
              "r\\boldsymbol{H}\\boldsymbol{v} + O(r^2)$, so the estimate of 3.3 is "
              "$\\boldsymbol{H}\\boldsymbol{v} + O(r)$. For every $n$, entry by entry, with $g_i = \\partial f / "
              "\\partial w_i$ and $f_{ij} = \\partial^2 f / \\partial w_i \\partial w_j$:",
    },
    answer={
        "fr": "l'erreur est en $O(r)$.",
        "en": "the error is $O(r)$.",
    },
    steps={
        "after": {
            "fr": "Ce n'est pas mieux en général : pour $f(\\boldsymbol{w}) = w_1^3$ ($n = 2$), le terme en $r$ "
                    "de l'erreur vaut $r\\,(3v_1^2, 0)$, non nul dès que $v_1 \\neq 0$ ; l'erreur est exactement "
                    "d'ordre $r$. La différence centrée "
                    "$\\frac{1}{2r}\\bigl(g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w} - "
                    "r\\boldsymbol{v})\\bigr)$ ferait $O(r^2)$. La figure montre le compromis sur le réseau "
                    "32--512--512--10 : l'erreur décroît avec $r$, puis remonte quand $r$ est si petit que les "
                    "arrondis dominent.",
            "en": "It is no better in general: for $f(\\boldsymbol{w}) = w_1^3$ ($n = 2$), the $r$ term of the "
                    "error is $r\\,(3v_1^2, 0)$, not zero when $v_1 \\neq 0$; the error is exactly of order $r$. "
                    "The central difference "
                    "$\\frac{1}{2r}\\bigl(g(\\boldsymbol{w} + r\\boldsymbol{v}) - g(\\boldsymbol{w} - "
                    "r\\boldsymbol{v})\\bigr)$ would give $O(r^2)$. The figure shows the trade-off on the "
                    "32--512--512--10 network: the error decreases with $r$, then grows again when $r$ is so small "
                    "that rounding dominates.",
        },
    },
    figure=FINITE_DIFFERENCE,
    caption={
        "fr": "Erreur relative de $\\boldsymbol{H}\\boldsymbol{v}$ estimé par différences finies, avant (ronds) et "
              "centrées (carrés), sur le réseau 32--512--512--10, en fonction de $r$. Points : erreurs mesurées là où "
              "la troncature domine ; traits : $a r$ ou $b r^2$ plus l'ordre de grandeur de l'erreur d'arrondi, "
              "$\\varepsilon \\|g(\\boldsymbol{w})\\| / (r \\|\\boldsymbol{H}\\boldsymbol{v}\\|)$.",
        "en": "Relative error of $\\boldsymbol{H}\\boldsymbol{v}$ estimated by forward (circles) and central "
              "(squares) finite differences on the 32--512--512--10 network, against $r$. Points: measured errors "
              "where truncation dominates; lines: $a r$ or $b r^2$ plus the order of magnitude of the round-off "
              "error, $\\varepsilon \\|g(\\boldsymbol{w})\\| / (r \\|\\boldsymbol{H}\\boldsymbol{v}\\|)$.",
    },
    show=(1,),
)


@claim("q3.4.every_n", "3.4", "for every n and smooth f: (g(w + r v) - g(w)) / r = H v + O(r), by Taylor's theorem "
       "with an O(r^2) remainder", Scope.CITED,
       role=ANSWER, write_up=WRITE_UP_3_4_EVERY_N)
def forward_difference_error_every_n() -> Body:
    main = hv_entry()
    derivation = Derivation(forward_quotient(), (
        Step((r * main + BigO(r**2, 1)) / r, "Taylor", TAYLOR_AT_W),
        Step(main + BigO(r, 2), "order arithmetic"),
    ), index=I_ENTRY)
    # The error is not o(r) in general: one smooth f with a non-zero first-order term settles it for n = 2.
    v1 = sp.Symbol("v_1", real=True, nonzero=True)
    _, v2 = point(2)
    return Body(
        statement=AllOf((
            ("Taylor, order arithmetic", derivation),
            ("not better: for f = w_1^3 (n = 2) the r term is (3 v_1^2, 0)",
             eq(witness_first_order_term(), sp.Matrix([3 * v2[0] ** 2, 0]))),
            ("3 v_1^2 > 0 for v_1 != 0", Holds(sp.StrictGreaterThan(3 * v1**2, 0, evaluate=False),
                                               certificate=3 * v1**2)),
        )),
        answer=sp.Order(r),
        notes={"witness": "f(w) = w_1^3", **EVERY_N_NAMES},
        wrong={"Taylor without the first-order term": Derivation(forward_quotient(), (
                   Step(BigO(r**2, 1) / r, "Taylor", TAYLOR_AT_W),), index=I_ENTRY),
               "Taylor with the wrong sign": Derivation(forward_quotient(), (
                   Step((-r * main + BigO(r**2, 1)) / r, "Taylor", TAYLOR_AT_W),), index=I_ENTRY)},
    )


F_AT, G_AT = at("f", (), SHIFTED), at("g", (), SHIFTED)


WRITE_UP_3_5_EVERY_N = WriteUp(
    text={
        "fr": "Pour tout $n$ et toutes fonctions $f$, $g$ dérivables sur $\\mathbb{R}^n$ : "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f(\\boldsymbol{w})\\} = c\\, "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\}$ et "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w}) g(\\boldsymbol{w})\\} = "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\} g(\\boldsymbol{w}) + f(\\boldsymbol{w}) "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{g(\\boldsymbol{w})\\}$, par la linéarité et la règle du produit de "
              "$\\frac{d}{dr}$ puis $r = 0$.",
        "en": "For every $n$ and all differentiable $f$, $g$ on $\\mathbb{R}^n$: "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f(\\boldsymbol{w})\\} = c\\, "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\}$ and "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w}) g(\\boldsymbol{w})\\} = "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\} g(\\boldsymbol{w}) + f(\\boldsymbol{w}) "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{g(\\boldsymbol{w})\\}$, by linearity and the product rule of "
              "$\\frac{d}{dr}$, then $r = 0$.",
    },
    recall={
        "fr": "Montrer la linéarité et la règle du produit de l'opérateur "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\} = \\frac{\\partial}{\\partial r} "
              "f(\\boldsymbol{w} + r\\boldsymbol{v})\\big|_{r=0}$.",
        "en": "Show linearity and the product rule of the operator "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\} = \\frac{\\partial}{\\partial r} "
              "f(\\boldsymbol{w} + r\\boldsymbol{v})\\big|_{r=0}$.",
    },
    handin={
        "fr": "Posons $\\varphi(r) = f(\\boldsymbol{w} + r\\boldsymbol{v})$ et $\\psi(r) = g(\\boldsymbol{w} + "
              "r\\boldsymbol{v})$, de sorte que $\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\} = "
              "\\varphi'(0)$. La linéarité vient de $(c\\varphi)' = c\\varphi'$, la règle du produit de "
              "$(\\varphi\\psi)' = \\varphi'\\psi + \\varphi\\psi'$ prise en $r = 0$, où $\\varphi(0) = "
              "f(\\boldsymbol{w})$ et $\\psi(0) = g(\\boldsymbol{w})$. Pour tout $n$ :",
        "en": "Let $\\varphi(r) = f(\\boldsymbol{w} + r\\boldsymbol{v})$ and $\\psi(r) = g(\\boldsymbol{w} + "
              "r\\boldsymbol{v})$, so that $\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\} = \\varphi'(0)$. "
              "Linearity comes from $(c\\varphi)' = c\\varphi'$, the product rule from $(\\varphi\\psi)' = "
              "\\varphi'\\psi + \\varphi\\psi'$ taken at $r = 0$, where $\\varphi(0) = f(\\boldsymbol{w})$ and "
              "$\\psi(0) = g(\\boldsymbol{w})$. For every $n$:",
    },
    answer={
        "fr": "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f(\\boldsymbol{w})\\} = "
              "c\\,\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\}$ et "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w}) g(\\boldsymbol{w})\\} = "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\}\\, g(\\boldsymbol{w}) + f(\\boldsymbol{w})\\, "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{g(\\boldsymbol{w})\\}$.",
        "en": "$\\mathcal{R}_{\\boldsymbol{v}}\\{c f(\\boldsymbol{w})\\} = "
              "c\\,\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\}$ and "
              "$\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w}) g(\\boldsymbol{w})\\} = "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{f(\\boldsymbol{w})\\}\\, g(\\boldsymbol{w}) + f(\\boldsymbol{w})\\, "
              "\\mathcal{R}_{\\boldsymbol{v}}\\{g(\\boldsymbol{w})\\}$.",
    },
    show=(1, 2),
)


@claim("q3.5.every_n", "3.5", "for every n and differentiable f, g on R^n: R_v{c f} = c R_v{f} and R_v{f g} = "
       "R_v{f} g + f R_v{g}, by linearity and the product rule of d/dr", Scope.CITED,
       role=ANSWER, write_up=WRITE_UP_3_5_EVERY_N)
def r_operator_rules_every_n() -> Body:
    rf_, rg_ = r_operator(F_AT), r_operator(G_AT)
    f_w, g_w = at("f", (), WN), at("g", (), WN)
    linearity = Derivation(r_operator(c * F_AT), (
        Step(sp.Subs(c * sp.Derivative(F_AT, r), r, 0), "linearity of d/dr", {"c": c, "a": F_AT}),
        Step(c * rf_, "constant out of an evaluation", {"c": c, "a": sp.Derivative(F_AT, r)}),
    ))
    product = Derivation(r_operator(F_AT * G_AT), (
        Step(sp.Subs(sp.Derivative(F_AT, r) * G_AT + F_AT * sp.Derivative(G_AT, r), r, 0), "product rule",
             {"a": F_AT, "b": G_AT}),
        Step(rf_ * g_w + f_w * rg_, "evaluate at r = 0"),
    ))
    return Body(
        statement=AllOf((("linearity", linearity), ("product rule", product))),
        notes=EVERY_N_NAMES,
        answer=sp.Symbol("R_v{f}") * sp.Symbol("g") + sp.Symbol("f") * sp.Symbol("R_v{g}"),
        wrong={"R(f g) = R(f) R(g)": Derivation(r_operator(F_AT * G_AT), (
                   Step(sp.Subs(sp.Derivative(F_AT, r) * sp.Derivative(G_AT, r), r, 0), "product rule",
                        {"a": F_AT, "b": G_AT}),)),
               "R(f g) = R(f) g (a dropped term)": Derivation(r_operator(F_AT * G_AT), (
                   Step(sp.Subs(sp.Derivative(F_AT, r) * G_AT, r, 0), "product rule", {"a": F_AT, "b": G_AT}),)),
               "R(c f) = R(f)": Derivation(r_operator(c * F_AT), (
                   Step(sp.Subs(sp.Derivative(F_AT, r), r, 0), "linearity of d/dr", {"c": c, "a": F_AT}),))},
    )


WRITE_UP_3_6_EVERY_N = WriteUp(
    text={
        "fr": "Pour tout $n$ et toute fonction $f$ lisse : $\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
              "f(\\boldsymbol{w})\\} = \\boldsymbol{H}\\boldsymbol{v}$ : la coordonnée $i$ de $\\frac{d}{dr} "
              "\\nabla f(\\boldsymbol{w} + r\\boldsymbol{v})$ est $\\sum_j \\partial_i\\partial_j "
              "f(\\boldsymbol{w} + r\\boldsymbol{v})\\, v_j$ (dérivée d'une composée), qui vaut "
              "$(\\boldsymbol{H}\\boldsymbol{v})_i$ en $r = 0$.",
        "en": "For every $n$ and every smooth $f$: $\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla f(\\boldsymbol{w})\\} "
              "= \\boldsymbol{H}\\boldsymbol{v}$: entry $i$ of $\\frac{d}{dr} \\nabla f(\\boldsymbol{w} + "
              "r\\boldsymbol{v})$ is $\\sum_j \\partial_i\\partial_j f(\\boldsymbol{w} + r\\boldsymbol{v})\\, v_j$ "
              "(chain rule), which is $(\\boldsymbol{H}\\boldsymbol{v})_i$ at $r = 0$.",
    },
    recall={
        "fr": "Calculer exactement $\\boldsymbol{H}\\boldsymbol{v}$ avec l'opérateur "
              "$\\mathcal{R}_{\\boldsymbol{v}}$.",
        "en": "Compute $\\boldsymbol{H}\\boldsymbol{v}$ exactly with the operator $\\mathcal{R}_{\\boldsymbol{v}}$.",
    },
    handin={
        "fr": "Appliquons $\\mathcal{R}_{\\boldsymbol{v}}$ au gradient, composante par composante, pour tout $n$. "
              "Avec $g_i = \\partial f / \\partial w_i$ et $f_{ij} = \\partial^2 f / \\partial w_i \\partial "
              "w_j$, posons $\\varphi(r) = g_i(\\boldsymbol{w} + r\\boldsymbol{v})$ : la dérivée d'une composée "
              "donne $\\varphi'(r) = \\sum_j f_{ij}(\\boldsymbol{w} + r\\boldsymbol{v})\\, v_j$, puis $r = 0$ :",
        "en": "Apply $\\mathcal{R}_{\\boldsymbol{v}}$ to the gradient, entry by entry, for every $n$. With $g_i = "
              "\\partial f / \\partial w_i$ and $f_{ij} = \\partial^2 f / \\partial w_i \\partial w_j$, let "
              "$\\varphi(r) = g_i(\\boldsymbol{w} + r\\boldsymbol{v})$: the chain rule gives $\\varphi'(r) = "
              "\\sum_j f_{ij}(\\boldsymbol{w} + r\\boldsymbol{v})\\, v_j$, then $r = 0$:",
    },
    answer={
        "fr": "$\\boldsymbol{H}\\boldsymbol{v} = \\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla f(\\boldsymbol{w})\\} = "
              "\\frac{\\partial}{\\partial r} \\nabla f(\\boldsymbol{w} + r\\boldsymbol{v})\\big|_{r=0}$, calculé "
              "exactement au prix de quelques gradients.",
        "en": "$\\boldsymbol{H}\\boldsymbol{v} = \\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla f(\\boldsymbol{w})\\} = "
              "\\frac{\\partial}{\\partial r} \\nabla f(\\boldsymbol{w} + r\\boldsymbol{v})\\big|_{r=0}$, computed "
              "exactly at the cost of a few gradients.",
    },
    steps={
        "after": {
            "fr": "Comme $H_{ij} = f_{ij}(\\boldsymbol{w})$, la dernière ligne est "
                    "$(\\boldsymbol{H}\\boldsymbol{v})_i$. Ainsi $\\boldsymbol{H}\\boldsymbol{v} = "
                    "\\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
                    "f(\\boldsymbol{w})\\}$ exactement : ni erreur de troncature, ni choix de $r$. En pratique, on "
                    "dérive en mode direct (différentiation automatique) le calcul du gradient, lui-même fait en "
                    "mode inverse : c'est un produit jacobien-vecteur du gradient, qui coûte quelques évaluations du "
                    "gradient et ne forme jamais $\\boldsymbol{H}$.",
            "en": "As $H_{ij} = f_{ij}(\\boldsymbol{w})$, the last line is $(\\boldsymbol{H}\\boldsymbol{v})_i$. "
                    "Hence $\\boldsymbol{H}\\boldsymbol{v} = \\mathcal{R}_{\\boldsymbol{v}}\\{\\nabla "
                    "f(\\boldsymbol{w})\\}$ exactly: no truncation error and no $r$ to choose. In practice one "
                    "differentiates the gradient computation (itself in reverse mode) in forward mode: a "
                    "Jacobian-vector product of the gradient, which costs a few gradient evaluations and never forms "
                    "$\\boldsymbol{H}$.",
        },
    },
)


@claim("q3.6.every_n", "3.6", "for every n and smooth f: R_v{grad f(w)} = H v, by the chain rule: "
       "d/dr g_i(w + r v) = sum_j f_ij(w + r v) v_j, then r = 0", Scope.CITED,
       role=ANSWER, write_up=WRITE_UP_3_6_EVERY_N)
def hv_by_r_operator_every_n() -> Body:
    start = r_operator(_g_entry(SHIFTED))
    return Body(
        statement=Derivation(start, _chain_rule_steps(), index=I_ENTRY),
        answer=start,
        notes=EVERY_N_NAMES,
        wrong={"R_v{g} = H v / 2": Derivation(start, (
                   _chain_rule_steps()[0], Step(hv_entry() / 2, "evaluate at r = 0")), index=I_ENTRY),
               "chain rule without v_j": Derivation(start, (
                   Step(sp.Subs(column_sum(at("f", (I_ENTRY, J), SHIFTED)), r, 0), "chain rule",
                        {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN}),), index=I_ENTRY),
               "R_v{g} = diag(H) v": Derivation(start, (
                   _chain_rule_steps()[0],
                   Step(at("f", (I_ENTRY, I_ENTRY), WN) * VN[I_ENTRY, 0], "evaluate at r = 0")), index=I_ENTRY)},
    )
