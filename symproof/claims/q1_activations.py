"""Questions 1.1 and 1.2: the swish activation's limits and ReLU pieces building piecewise-linear functions."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..figure import Figure, rounded
from ..nn.activations import relu_pair, swish
from ..prover import AllOf, Case, Holds, Scope, eq

x = sp.Symbol("x", real=True)
beta = sp.Symbol("beta", real=True)
t = sp.Symbol("t", positive=True)
u = sp.Symbol("u", nonnegative=True)
SIGN_CASES = (Case("x > 0", {x: t}), Case("x < 0", {x: -t}), Case("x = 0", {x: 0}))


WRITE_UP_1_1A = WriteUp(
    text={
        "fr": "Pour $\\beta = 0$, $h(x) = x\\,\\sigma(0) = x/2$ : c'est une activation linéaire.",
        "en": "For $\\beta = 0$, $h(x) = x\\,\\sigma(0) = x/2$: a linear activation.",
    },
    definition="symproof.nn.activations:h",
    recall={
        "fr": "Montrer que, pour un $\\beta$ bien choisi, $h(x) = x\\,\\sigma(\\beta x)$ approche (a) l'activation "
              "linéaire.",
        "en": "Show that, for a suitable $\\beta$, $h(x) = x\\,\\sigma(\\beta x)$ approaches (a) the linear "
              "activation.",
    },
    handin={
        "fr": "Comme $\\sigma(0) = \\frac{1}{2}$, le choix $\\beta = 0$ rend $h$ linéaire en $x$ :",
        "en": "Since $\\sigma(0) = \\frac{1}{2}$, the choice $\\beta = 0$ makes $h$ linear in $x$:",
    },
    answer={
        "fr": "$\\beta = 0$, qui donne l'activation linéaire $h(x) = x/2$.",
        "en": "$\\beta = 0$, which gives the linear activation $h(x) = x/2$.",
    },
    definition_as="h",
)

@claim("q1.1a", "1.1", "beta = 0 turns h(x) = x sigma(beta x) into the linear activation x/2", Scope.GENERAL,
       role=ANSWER, write_up=WRITE_UP_1_1A)
def beta_zero_is_linear() -> Body:
    h0 = swish(x, 0)
    one_plus_e0 = sp.Add(1, sp.exp(0, evaluate=False), evaluate=False)
    return Body(
        statement=eq(h0, x / 2),
        answer=x / 2,
        notes={"choice": {beta: 0}},
        steps=(Chain((h0, x / one_plus_e0, x / 2)),),
        wrong={"identity": eq(h0, x), "slope one at beta one": eq(swish(x, 1), x / 2)},
    )


def _limit_chain(sign: int, case: Case) -> Chain:
    """lim h for one sign of x: the exponential goes to 0 or to infinity."""
    xv = case.subs[x]
    expo = sp.Limit(sp.exp(-beta * xv), beta, sign * sp.oo)
    return Chain((sp.Limit(xv / (1 + sp.exp(-beta * xv)), beta, sign * sp.oo), xv / (1 + expo),
                  sp.Max(xv, 0) if sign > 0 else sp.Min(xv, 0)), label=f"beta -> {'+' if sign > 0 else '-'}oo, "
                                                                        f"{case.label}")


def _draw_swish(fig: Any) -> None:
    from ..nn.activations import h

    ax = fig.add_subplot()
    x = np.linspace(-4, 4, 401)
    ax.plot(x, x / 2, "k--", lw=1, label=r"$x/2$ ($\beta = 0$)")
    ax.plot(x, np.maximum(x, 0), "k:", lw=1.5, label=r"$\mathrm{ReLU}(x)$")
    # no decimal in the picture: one PDF serves the French hand-in (0,5) and the English one (0.5)
    for b, shown in ((0.5, "1/2"), (1.0, "1"), (2.0, "2"), (5.0, "5"), (20.0, "20")):
        ax.plot(x, rounded(h(x, b)), lw=1.2, label=rf"$\beta = {shown}$")  # type: ignore[arg-type]
    ax.set_xlabel(r"$x$")
    ax.set_ylabel(r"$h(x) = x\,\sigma(\beta x)$")
    ax.legend(fontsize=8, frameon=False)
    ax.grid(alpha=0.3)


SWISH = Figure("swish", _draw_swish, ("symproof.nn.activations",))


WRITE_UP_1_1B = WriteUp(
    text={
        "fr": "Quand $\\beta \\to +\\infty$, $h(x) \\to \\max(x, 0) = \\operatorname{ReLU}(x)$ pour tout réel $x$ ; "
              "quand $\\beta \\to -\\infty$, $h(x) \\to \\min(x, 0)$.",
        "en": "As $\\beta \\to +\\infty$, $h(x) \\to \\max(x, 0) = \\operatorname{ReLU}(x)$ for every real $x$; as "
              "$\\beta \\to -\\infty$, $h(x) \\to \\min(x, 0)$.",
    },
    figure=SWISH,
    caption={
        "fr": "$h(x) = x\\,\\sigma(\\beta x)$ pour plusieurs $\\beta$, entre la droite $x/2$ ($\\beta = 0$) et "
              "$\\operatorname{ReLU}$ ($\\beta \\to +\\infty$).",
        "en": "$h(x) = x\\,\\sigma(\\beta x)$ for several $\\beta$, between the line $x/2$ ($\\beta = 0$) and "
              "$\\operatorname{ReLU}$ ($\\beta \\to +\\infty$).",
    },
    recall={
        "fr": "(b) Même question pour l'activation $\\operatorname{ReLU}$.",
        "en": "(b) The same for the $\\operatorname{ReLU}$ activation.",
    },
    handin={
        "fr": "Faisons tendre $\\beta$ vers $+\\infty$ dans $h(x) = \\dfrac{x}{1 + e^{-\\beta x}}$, selon le signe "
              "de $x$ (on note $t > 0$). Si $x = 0$, $h(0) = 0$ pour tout $\\beta$.",
        "en": "Let $\\beta$ go to $+\\infty$ in $h(x) = \\dfrac{x}{1 + e^{-\\beta x}}$, according to the sign of $x$ "
              "(with $t > 0$). If $x = 0$, $h(0) = 0$ for every $\\beta$.",
    },
    answer={
        "fr": "quand $\\beta \\to +\\infty$, $h(x) \\to \\operatorname{ReLU}(x)$ pour tout réel $x$.",
        "en": "as $\\beta \\to +\\infty$, $h(x) \\to \\operatorname{ReLU}(x)$ for every real $x$.",
    },
    steps={
        "chain 1": {
            "fr": "Cas $x = t > 0$ : $e^{-\\beta t} \\to 0$, donc",
            "en": "Case $x = t > 0$: $e^{-\\beta t} \\to 0$, so",
        },
        "chain 2": {
            "fr": "Cas $x = -t < 0$ : $e^{\\beta t} \\to +\\infty$, donc",
            "en": "Case $x = -t < 0$: $e^{\\beta t} \\to +\\infty$, so",
        },
        "after": {
            "fr": "Dans les trois cas, la limite vaut $\\max(x, 0) = \\operatorname{ReLU}(x)$ (pour $\\beta \\to "
                    "-\\infty$, on obtiendrait $\\min(x, 0)$). La convergence est même uniforme : $0 \\leq "
                    "\\operatorname{ReLU}(x) - h(x) \\leq W(1/e)/\\beta$, où $W$ est la "
                    "fonction de Lambert.",
            "en": "In all three cases the limit is $\\max(x, 0) = \\operatorname{ReLU}(x)$ (as $\\beta \\to "
                    "-\\infty$ one would get $\\min(x, 0)$). The convergence is even uniform: $0 \\leq "
                    "\\operatorname{ReLU}(x) - h(x) \\leq W(1/e)/\\beta$, where $W$ is the "
                    "Lambert function.",
        },
    },
    show=(1, 2),
    oracles=(
        "tests/claims/test_q1.py::test_h_tends_to_relu_on_a_grid",
    ),
)

@claim("q1.1b", "1.1", "beta -> +oo gives ReLU(x) = max(x, 0), beta -> -oo gives min(x, 0)", Scope.GENERAL,
       role=ANSWER, write_up=WRITE_UP_1_1B)
def beta_infinite_is_relu() -> Body:
    h = x / (1 + sp.exp(-beta * x))
    plus = eq(sp.Limit(h, beta, sp.oo), sp.Max(x, 0), cases=SIGN_CASES)
    minus = eq(sp.Limit(h, beta, -sp.oo), sp.Min(x, 0), cases=SIGN_CASES)
    return Body(
        statement=AllOf((("beta -> +oo", plus), ("beta -> -oo", minus))),
        answer=sp.Max(x, 0),
        steps=tuple(_limit_chain(s, c) for s in (1, -1) for c in SIGN_CASES[:2]),
        wrong={
            "identity": eq(sp.Limit(h, beta, sp.oo), x, cases=SIGN_CASES),
            "relu at minus infinity": eq(sp.Limit(h, beta, -sp.oo), sp.Max(x, 0), cases=SIGN_CASES),
        },
    )


WRITE_UP_1_1B_RATE = WriteUp(
    text={
        "fr": "La convergence vers $\\operatorname{ReLU}$ est uniforme en $x$ : l'écart $\\operatorname{ReLU}(x) - "
              "h(x) = g(|x|) \\geq 0$ atteint son maximum $W(1/e)/\\beta$ ($W$ : fonction de Lambert), qui tend vers "
              "$0$.",
        "en": "The convergence to $\\operatorname{ReLU}$ is uniform in $x$: the gap $\\operatorname{ReLU}(x) - h(x) "
              "= g(|x|) \\geq 0$ peaks at $W(1/e)/\\beta$ ($W$: the Lambert function), which goes to $0$.",
    },
    oracles=(
        "tests/claims/test_q1.py::test_uniform_gap_matches_a_numeric_maximisation",
    ),
)

@claim("q1.1b.rate", "1.1", "the convergence to ReLU is uniform: sup |h - ReLU| = W(1/e)/beta", Scope.GENERAL,
       write_up=WRITE_UP_1_1B_RATE)
def uniform_rate() -> Body:
    b = sp.Symbol("beta", positive=True)
    s = sp.Symbol("s", nonnegative=True)
    g = u / (1 + sp.exp(b * u))  # the gap ReLU - h as a function of |x|
    w = sp.LambertW(sp.exp(-1))
    u_star = (1 + w) / b
    k = sp.exp(-s) + 1 - s  # g'(u) has the sign of k(beta u)
    h = x / (1 + sp.exp(-b * x))
    gap = eq(sp.Max(x, 0) - h, g.subs(u, sp.Abs(x)), cases=SIGN_CASES)
    derivative = eq(sp.diff(g, u), sp.exp(b * u) * k.subs(s, b * u) / (1 + sp.exp(b * u)) ** 2)
    return Body(
        statement=AllOf((
            ("ReLU - h = g(|x|) >= 0", gap),
            ("g'(u) = e^(beta u) k(beta u) / (1 + e^(beta u))^2", derivative),
            # unevaluated relations: built with `<`, SymPy would decide them on construction and print "True"
            ("k decreases", Holds(sp.StrictLessThan(sp.Derivative(k, s), 0, evaluate=False))),
            ("k(0) > 0", Holds(sp.StrictGreaterThan(sp.Subs(k, s, 0), 0, evaluate=False))),
            ("k vanishes at 1 + W(1/e)", eq(k.subs(s, 1 + w), 0)),
            ("g(u*) = W(1/e)/beta", eq(g.subs(u, u_star), w / b)),
        )),
        answer=w / b,
        notes={"sup_value": sp.N(w, 6), "g": g, "u_star": u_star, "k": k},
        wrong={"one over e beta": eq(g.subs(u, u_star), sp.exp(-1) / b),
               "maximum at u = 1/beta": eq(sp.diff(g, u).subs(u, 1 / b), 0)},
    )


def _relu_statement(a: Any, b: Any, alpha: Any, bt: Any, order: Any) -> AllOf:
    """The four facts about a ReLU(x - alpha) + b ReLU(beta - x), proven region by region."""
    h = relu_pair(x, a, b, alpha, bt)
    p, q = sp.Symbol("p", positive=True), sp.Symbol("q", nonnegative=True)
    above = Case("x = alpha + u, beta = alpha - p", {x: alpha + u, bt: alpha - p})
    between = Case("x = beta + u, alpha = x + q", {x: bt + u, alpha: bt + u + q})
    below = Case("x = beta - u, alpha = beta + p", {x: bt - u, alpha: bt + p})
    inside = Case("x = beta + p, alpha = x + p'", {x: bt + p, alpha: bt + p + t})
    return AllOf((
        ("h = a (x - alpha) for x >= alpha", eq(h, a * (x - alpha), x >= alpha, order, cases=(above,))),
        ("h = 0 for beta <= x <= alpha", eq(h, 0, bt <= x, x <= alpha, order, cases=(between,))),
        ("h = -b (x - beta) for x <= beta", eq(h, -b * (x - bt), x <= bt, order, cases=(below,))),
        ("h' = a for x > alpha", eq(sp.Derivative(h, x), a, x > alpha, order,
                                    cases=(Case("x = alpha + p, beta = alpha - p'", {x: alpha + p, bt: alpha - t}),))),
        ("h' = 0 for beta < x < alpha", eq(sp.Derivative(h, x), 0, bt < x, x < alpha, order, cases=(inside,))),
        ("h' = -b for x < beta", eq(sp.Derivative(h, x), -b, x < bt, order,
                                    cases=(Case("x = beta - p, alpha = beta + p'", {x: bt - p, alpha: bt + t}),))),
    ))


def _draw_relu_pieces(fig: Any) -> None:
    from ..nn.activations import h_relu

    a, b, alpha, beta = 1.0, 0.5, 1.0, -1.0
    ax = fig.add_subplot()
    x = np.linspace(-4, 4, 401)
    ax.plot(x, [h_relu(v, a, 0.0, alpha, beta) for v in x], "--", lw=1.2,
            label=r"$a\,\mathrm{ReLU}(x - \alpha)$")
    ax.plot(x, [h_relu(v, 0.0, b, alpha, beta) for v in x], "--", lw=1.2,
            label=r"$b\,\mathrm{ReLU}(\beta - x)$")
    ax.plot(x, [h_relu(v, a, b, alpha, beta) for v in x], "k", lw=2, label=r"$h$")
    for v, name in ((alpha, r"$\alpha$"), (beta, r"$\beta$")):
        ax.axvline(v, color="grey", lw=0.6)
        ax.annotate(name, (v, 0), xytext=(3, -12), textcoords="offset points")
    ax.set_yticks(range(4))  # integers: no decimal point (or comma) for one language only
    ax.set_xlabel(r"$x$")
    ax.legend(fontsize=8, frameon=False)
    ax.grid(alpha=0.3)


RELU_PIECES = Figure("relu_pieces", _draw_relu_pieces, ("symproof.nn.activations",))


WRITE_UP_1_2 = WriteUp(
    text={
        "fr": "Pour $\\beta < \\alpha$, $h(x) = a\\,\\operatorname{ReLU}(x - \\alpha) + "
              "b\\,\\operatorname{ReLU}(\\beta - x)$ est continue, nulle sur $[\\beta, \\alpha]$, de pente $a$ pour "
              "$x > \\alpha$ et $-b$ pour $x < \\beta$ : elle n'utilise que des $\\operatorname{ReLU}$, des produits "
              "et des sommes.",
        "en": "For $\\beta < \\alpha$, $h(x) = a\\,\\operatorname{ReLU}(x - \\alpha) + "
              "b\\,\\operatorname{ReLU}(\\beta - x)$ is continuous, zero on $[\\beta, \\alpha]$, of slope $a$ for $x "
              "> \\alpha$ and $-b$ for $x < \\beta$: it uses only $\\operatorname{ReLU}$, products and sums.",
    },
    recall={
        "fr": "Construire avec $\\operatorname{ReLU}$ et les quatre opérations la fonction continue linéaire par "
              "morceaux de pente $a$ pour $x \\geq \\alpha$, $0$ pour $\\beta < x < \\alpha$ (où $h = 0$) et $-b$ "
              "pour $x \\leq \\beta$ ; reconnaître une activation connue.",
        "en": "Build from $\\operatorname{ReLU}$ and the four operations the continuous piecewise-linear function of "
              "slope $a$ for $x \\geq \\alpha$, $0$ for $\\beta < x < \\alpha$ (where $h = 0$) and $-b$ for $x \\leq "
              "\\beta$; name a popular activation like it.",
    },
    figure=RELU_PIECES,
    caption={
        "fr": "La construction de la question 1.2 ($a = 1$, $b = 1/2$, $\\alpha = 1$, $\\beta = -1$) : "
              "$a\\,\\operatorname{ReLU}(x - \\alpha)$, $b\\,\\operatorname{ReLU}(\\beta - x)$ et leur somme $h$.",
        "en": "The construction of question 1.2 ($a = 1$, $b = 1/2$, $\\alpha = 1$, $\\beta = -1$): "
              "$a\\,\\operatorname{ReLU}(x - \\alpha)$, $b\\,\\operatorname{ReLU}(\\beta - x)$ and their sum $h$.",
    },
    handin={
        "fr": "Oui. Pour $\\beta < \\alpha$, posons $h(x) = a\\,\\operatorname{ReLU}(x - \\alpha) + "
              "b\\,\\operatorname{ReLU}(\\beta - x)$ (deux $\\operatorname{ReLU}$, deux produits, une somme). Le "
              "premier terme n'est non nul que pour $x > \\alpha$, le second que pour $x < \\beta$ ; région par "
              "région :",
        "en": "Yes. For $\\beta < \\alpha$, let $h(x) = a\\,\\operatorname{ReLU}(x - \\alpha) + "
              "b\\,\\operatorname{ReLU}(\\beta - x)$ (two $\\operatorname{ReLU}$, two products, one sum). The first "
              "term is non-zero only for $x > \\alpha$, the second only for $x < \\beta$; region by region:",
    },
    answer={
        "fr": "$h(x) = a\\,\\operatorname{ReLU}(x - \\alpha) + b\\,\\operatorname{ReLU}(\\beta - x)$ ; elle "
              "ressemble au Leaky ReLU.",
        "en": "$h(x) = a\\,\\operatorname{ReLU}(x - \\alpha) + b\\,\\operatorname{ReLU}(\\beta - x)$; it resembles "
              "Leaky ReLU.",
    },
    steps={
        "after": {
            "fr": "Les trois expressions coïncident en $x = \\alpha$ et en $x = \\beta$ : $h$ est continue, nulle "
                    "entre $\\beta$ et $\\alpha$, de pentes $a$ et $-b$ (voir la figure). Avec $\\alpha = \\beta = "
                    "0$, $a = 1$ et $b = -\\frac{1}{5}$, on obtient $h(x) = \\max(x, x/5)$ : c'est l'activation "
                    "Leaky ReLU, de pente $0{,}2$ pour $x < 0$.",
            "en": "The three expressions agree at $x = \\alpha$ and at $x = \\beta$: $h$ is continuous, zero "
                    "between $\\beta$ and $\\alpha$, with slopes $a$ and $-b$ (see the figure). With $\\alpha = "
                    "\\beta = 0$, $a = 1$ and $b = -\\frac{1}{5}$ one gets $h(x) = \\max(x, x/5)$: the Leaky ReLU "
                    "activation, of slope $0.2$ for $x < 0$.",
        },
    },
)

@claim("q1.2", "1.2", "for beta < alpha, a ReLU(x - alpha) + b ReLU(beta - x) is the continuous piecewise-linear h",
       Scope.GENERAL, role=ANSWER, write_up=WRITE_UP_1_2)
def relu_construction() -> Body:
    a, b, alpha, bt = sp.symbols("a b alpha beta", real=True)
    return Body(
        statement=_relu_statement(a, b, alpha, bt, bt < alpha),
        answer=relu_pair(x, a, b, alpha, bt),
        notes={"continuity": "the three closed pieces agree at x = alpha and x = beta"},
        wrong={"beta > alpha": _relu_statement(a, b, alpha, bt, bt > alpha),
               "b ReLU(x - beta)": AllOf((("h = -b (x - beta) for x <= beta",
                                           eq(a * sp.Max(x - alpha, 0) + b * sp.Max(x - bt, 0), -b * (x - bt),
                                              x <= bt, bt < alpha)),))},
    )


WRITE_UP_1_2_LEAKY = WriteUp(
    text={
        "fr": "Avec $\\alpha = \\beta = 0$, $a = 1$ et $b = -1/5$, on obtient $\\max(x, x/5)$ : l'activation "
              "LeakyReLU.",
        "en": "With $\\alpha = \\beta = 0$, $a = 1$ and $b = -1/5$ it is $\\max(x, x/5)$: the LeakyReLU activation.",
    },
    oracles=(
        "tests/claims/test_q1.py::test_leaky_relu_construction_on_a_grid",
    ),
)

@claim("q1.2.leaky", "1.2", "alpha = beta = 0, a = 1, b = -1/5 gives LeakyReLU(x) = max(x, x/5)", Scope.GENERAL,
       write_up=WRITE_UP_1_2_LEAKY)
def leaky_relu() -> Body:
    h = relu_pair(x, 1, sp.Rational(-1, 5), 0, 0)
    return Body(
        statement=eq(h, sp.Max(x, x / 5), cases=SIGN_CASES),
        answer=sp.Max(x, x / 5),
        wrong={"b = +1/5": eq(relu_pair(x, 1, sp.Rational(1, 5), 0, 0), sp.Max(x, x / 5))},
    )
