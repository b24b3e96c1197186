"""Question 3.3: H v as the limit of a finite difference of gradients."""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.generic import gradient
from ..prover import AllOf, Derivation, Scope, Step, eq
from ..prover.rules import BigO, J, at, column_sum
from .q3_hessian_vector import (
    EVERY_N_NAMES,
    I_ENTRY,
    SHIFTED,
    VN,
    WN,
    R,
    _chain_rule_steps,
    _g_entry,
    _limit,
    forward_difference,
    forward_quotient,
    hv_entry,
    latex_names,
    r,
    r_operator,
)

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
