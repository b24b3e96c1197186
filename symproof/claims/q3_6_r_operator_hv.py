"""Question 3.6: the R-operator applied to the gradient gives H v exactly."""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.generic import gradient, hessian
from ..prover import AllOf, Derivation, Scope, Step, eq
from ..prover.rules import J, at, column_sum
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
    hv_entry,
    point,
    r,
    r_operator,
    shift,
)

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
