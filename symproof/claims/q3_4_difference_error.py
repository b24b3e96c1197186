"""Question 3.4: the error of the forward difference is O(r), of the central one O(r^2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..figure import Figure, rounded
from ..nn.generic import gradient, hessian
from ..prover import AllOf, Derivation, Holds, Scope, Step, eq
from ..prover.rules import BigO
from .q3_hessian_vector import (
    EVERY_N_NAMES,
    I_ENTRY,
    VN,
    WN,
    _limit,
    forward_difference,
    forward_quotient,
    fourth_order_term,
    hv_entry,
    latex_names,
    point,
    r,
    shift,
    third_order_term,
)

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


TAYLOR_AT_W = {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN, "tag": 1}  # g_i(w + r v) about w


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
