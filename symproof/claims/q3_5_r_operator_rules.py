"""Question 3.5: the R-operator is linear and follows the product rule."""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.generic import generic_function
from ..prover import AllOf, Derivation, Scope, Step, eq
from ..prover.rules import at
from .q3_hessian_vector import EVERY_N_NAMES, SHIFTED, WN, R, c, point, r, r_operator, shift

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
