"""Question 2: a mixture of K logistic regressions is a network with one hidden layer of K sigmoid units."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.activations import Sigmoid
from ..prover import AllOf, Check, CheckResult, Holds, Scope, eq
from ..prover.sums import NonnegativeSum

K = sp.Symbol("K", integer=True, positive=True)
d = sp.Symbol("d", integer=True, positive=True)
k, i = sp.symbols("k i", integer=True)
PI = sp.IndexedBase("pi", real=True)
W = sp.IndexedBase("w", real=True)  # W[i, k] is entry i of w_k, so W^(1) = [w_1 ... w_K] is d x K
X = sp.IndexedBase("x", real=True)


def _unevaluated_bernoulli(p: Any) -> Any:
    """Bernoulli(p) pmf at y = 1, p^1 (1 - p)^0, left unevaluated so the derivation shows it."""
    return sp.Mul(sp.Pow(p, 1, evaluate=False), sp.Pow(1 - p, 0, evaluate=False), evaluate=False)


def pre_activation(unit: Any) -> Any:
    """a_k = w_k^T x = sum_i w_{ik} x_i, the k-th entry of W^(1)T x."""
    return sp.Sum(W[i, unit] * X[i], (i, 1, d))


def marginal_sum() -> Any:
    """p(y = 1 | x) = sum_k p(y = 1 | z = k, x) p(z = k), with both factors written as their pmfs."""
    return sp.Sum(sp.Mul(_unevaluated_bernoulli(Sigmoid(pre_activation(k))), PI[k], evaluate=False), (k, 1, K))


def network_output(W2: Any) -> Any:
    """out = W^(2)T sigma(W^(1)T x): no biases, sigmoid hidden units, linear output."""
    return sp.Sum(W2[k] * Sigmoid(pre_activation(k)), (k, 1, K))


WRITE_UP_2 = WriteUp(
    text={
        "fr": "Pour tous $K$ et $d$ : $p(y_n = 1 \\mid \\boldsymbol{x}_n) = \\sum_{k=1}^{K} p(y_n = 1 \\mid z_n = k, "
              "\\boldsymbol{x}_n)\\, p(z_n = k) = \\sum_{k=1}^{K} \\pi_k\\, \\sigma(\\boldsymbol{w}_k^T "
              "\\boldsymbol{x}_n)$, et c'est exactement la sortie d'un réseau sans biais : couche d'entrée "
              "$\\boldsymbol{x}_n$ ($d$ unités) ; une couche cachée de $K$ unités, de poids $W^{(1)} = "
              "[\\boldsymbol{w}_1 \\cdots \\boldsymbol{w}_K]$ ($d \\times K$) et d'activation sigmoïde, qui calcule "
              "$\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}_n)$ ; une couche de sortie à une unité, de poids "
              "$W^{(2)} = \\boldsymbol{\\pi}$, sans activation.",
        "en": "For every $K$ and $d$: $p(y_n = 1 \\mid \\boldsymbol{x}_n) = \\sum_{k=1}^{K} p(y_n = 1 \\mid z_n = k, "
              "\\boldsymbol{x}_n)\\, p(z_n = k) = \\sum_{k=1}^{K} \\pi_k\\, \\sigma(\\boldsymbol{w}_k^T "
              "\\boldsymbol{x}_n)$, which is exactly the output of a network without biases: input layer "
              "$\\boldsymbol{x}_n$ ($d$ units); one hidden layer of $K$ units with weights $W^{(1)} = "
              "[\\boldsymbol{w}_1 \\cdots \\boldsymbol{w}_K]$ ($d \\times K$) and sigmoid activation, computing "
              "$\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}_n)$; an output layer of one unit with weights $W^{(2)} = "
              "\\boldsymbol{\\pi}$ and no activation.",
    },
    recall={
        "fr": "Montrer que $p(y_n = 1 \\mid \\boldsymbol{x}_n)$ pour un mélange de $K$ régressions logistiques est "
              "la sortie d'un réseau de neurones ; préciser les couches et les activations.",
        "en": "Show that $p(y_n = 1 \\mid \\boldsymbol{x}_n)$ for a mixture of $K$ logistic regressions is the "
              "output of a neural network; give its layers and activations.",
    },
    steps={
        "chain 2": {
            "fr": "C'est exactement la sortie du réseau suivant, sans biais :\n\\begin{itemize}\n\\item couche "
                  "d'entrée : $\\boldsymbol{x}_n \\in \\mathbb{R}^d$ ($d$ unités) ;\n\\item une couche cachée de $K$ "
                  "unités, de poids $W^{(1)} = [\\boldsymbol{w}_1 \\cdots \\boldsymbol{w}_K] \\in \\mathbb{R}^{d "
                  "\\times K}$ et d'activation sigmoïde : l'unité $k$ calcule $\\sigma(\\boldsymbol{w}_k^T "
                  "\\boldsymbol{x}_n)$, la couche $\\sigma(W^{(1)T} \\boldsymbol{x}_n)$ ;\n\\item une unité de "
                  "sortie, de poids $W^{(2)} = \\boldsymbol{\\pi} = (\\pi_1, \\dots, \\pi_K)^T$ et d'activation "
                  "identité.\n\\end{itemize}\nSa sortie, avec $\\boldsymbol{x} = \\boldsymbol{x}_n$, est bien la "
                  "probabilité cherchée :",
            "en": "This is exactly the output of the following network, without biases:\n\\begin{itemize}\n\\item "
                  "input layer: $\\boldsymbol{x}_n \\in \\mathbb{R}^d$ ($d$ units);\n\\item one hidden layer of $K$ "
                  "units, with weights $W^{(1)} = [\\boldsymbol{w}_1 \\cdots \\boldsymbol{w}_K] \\in \\mathbb{R}^{d "
                  "\\times K}$ and sigmoid activation: unit $k$ computes $\\sigma(\\boldsymbol{w}_k^T "
                  "\\boldsymbol{x}_n)$, the layer $\\sigma(W^{(1)T} \\boldsymbol{x}_n)$;\n\\item one output unit, "
                  "with weights $W^{(2)} = \\boldsymbol{\\pi} = (\\pi_1, \\dots, \\pi_K)^T$ and identity "
                  "activation.\n\\end{itemize}\nIts output, with $\\boldsymbol{x} = \\boldsymbol{x}_n$, is indeed the "
                  "probability sought:",
        },
        "after": {
            "fr": "Comme $\\pi_k \\geq 0$ et $\\sum_k \\pi_k = 1$, cette sortie est une moyenne pondérée de "
                  "nombres de $]0, 1[$ : c'est bien une probabilité.",
            "en": "As $\\pi_k \\geq 0$ and $\\sum_k \\pi_k = 1$, this output is a weighted mean of numbers in "
                  "$(0, 1)$: it is indeed a probability.",
        },
        "W2_is_pi": {"fr": "$W^{(2)} = \\boldsymbol{\\pi}$",
                    "en": "$W^{(2)} = \\boldsymbol{\\pi}$"},
        "bernoulli_categorical_pmf": {"fr": "lois de Bernoulli et catégorielle",
                                     "en": "Bernoulli and categorical laws"},
        "sigmoid_definition": {"fr": "définition de $\\sigma$",
                              "en": "definition of $\\sigma$"},
    },
    handin={
        "fr": "Marginalisons la variable latente : $p(y_n = 1 \\mid \\boldsymbol{x}_n) = \\sum_{k=1}^{K} p(y_n = 1 "
              "\\mid z_n = k, \\boldsymbol{x}_n)\\, p(z_n = k)$, avec $p(z_n = k) = \\pi_k$ et, pour la loi de "
              "Bernoulli, $p(y_n \\mid z_n = k, \\boldsymbol{x}_n) = \\sigma_k^{y_n} (1 - \\sigma_k)^{1 - y_n}$ où "
              "$\\sigma_k = \\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}_n)$. On note $x_i$ la $i$-e composante de "
              "$\\boldsymbol{x}_n$ (l'indice $n$ de l'exemple est omis), de sorte que $\\boldsymbol{w}_k^T "
              "\\boldsymbol{x}_n = \\sum_{i=1}^{d} w_{i,k} x_i$ ; en $y_n = 1$ :",
        "en": "Marginalise the latent variable: $p(y_n = 1 \\mid \\boldsymbol{x}_n) = \\sum_{k=1}^{K} p(y_n = 1 "
              "\\mid z_n = k, \\boldsymbol{x}_n)\\, p(z_n = k)$, with $p(z_n = k) = \\pi_k$ and, for the Bernoulli "
              "law, $p(y_n \\mid z_n = k, \\boldsymbol{x}_n) = \\sigma_k^{y_n} (1 - \\sigma_k)^{1 - y_n}$ where "
              "$\\sigma_k = \\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}_n)$. Write $x_i$ for the $i$-th component of "
              "$\\boldsymbol{x}_n$ (the sample index $n$ is dropped), so that $\\boldsymbol{w}_k^T \\boldsymbol{x}_n "
              "= \\sum_{i=1}^{d} w_{i,k} x_i$; at $y_n = 1$:",
    },
    answer={
        "fr": "$p(y_n = 1 \\mid \\boldsymbol{x}_n) = \\sum_{k=1}^{K} \\pi_k\\, \\sigma(\\boldsymbol{w}_k^T "
              "\\boldsymbol{x}_n)$, la sortie d'un réseau $d$--$K$--$1$ à couche cachée sigmoïde de poids $W^{(1)}$ "
              "et à sortie linéaire de poids $\\boldsymbol{\\pi}$.",
        "en": "$p(y_n = 1 \\mid \\boldsymbol{x}_n) = \\sum_{k=1}^{K} \\pi_k\\, \\sigma(\\boldsymbol{w}_k^T "
              "\\boldsymbol{x}_n)$, the output of a $d$--$K$--$1$ network with a sigmoid hidden layer of weights "
              "$W^{(1)}$ and a linear output of weights $\\boldsymbol{\\pi}$.",
    },
    show=(1, 2),
    oracles=(
        "tests/claims/test_q2.py::test_monte_carlo_agrees_with_the_formula_within_four_standard_errors",
    ),
)

@claim("q2", "2", "p(y=1|x) = sum_k pi_k sigma(w_k^T x) is the output of a d-K-1 network with sigmoid hidden units",
       Scope.GENERAL, role=ANSWER, write_up=WRITE_UP_2)
def mixture_is_network() -> Body:
    mixture = sp.Sum(PI[k] * Sigmoid(pre_activation(k)), (k, 1, K))
    expanded = sp.Sum(PI[k] / (1 + sp.exp(-pre_activation(k))), (k, 1, K))
    out = network_output(PI)
    j = sp.Symbol("j", integer=True)
    forward = sp.Sum(PI[k] * Sigmoid(sp.Sum(W[j, k] * X[j], (j, 1, d))), (k, 1, K))
    key_output = sp.Sum(PI[k] / Sigmoid(pre_activation(k)), (k, 1, K))
    return Body(
        statement=eq(marginal_sum(), out),
        answer=mixture,
        steps=(
            Chain((marginal_sum(), mixture, expanded), why=("bernoulli_categorical_pmf", "sigmoid_definition"),
                  label="marginalise z"),
            # the network's forward pass written with its weight matrices: the same sum, its inner index named j,
            # printed under the matrix notation it abbreviates
            Chain((forward, mixture), why=("W2_is_pi",), label="network output with W1 = [w_1 ... w_K], W2 = pi"),
        ),
        notes={"latex": {"names": {forward: r"W^{(2)T} \sigma\bigl(W^{(1)T} \boldsymbol{x}\bigr)"}},
               "input layer": "x_1 ... x_d (d units)",
               "hidden layer": "K units, a = W1^T x with W1 = [w_1 ... w_K] (d x K), no bias, sigmoid activation",
               "output layer": "one unit, out = W2^T z with W2 = pi, no bias, no activation"},
        wrong={"key's output sum pi_k / sigma(w_k^T x)": eq(marginal_sum(), key_output),
               "sigmoid on the output unit too": eq(marginal_sum(), Sigmoid(out))},
    )


def instance_symbols() -> tuple[sp.Matrix, sp.Matrix, sp.Matrix]:
    """pi (3 x 1), W1 = [w_1 w_2 w_3] (2 x 3), x (2 x 1) with entries named as in the general claim."""
    pi = sp.Matrix(sp.symbols("pi_1:4", real=True))
    W1 = sp.Matrix(2, 3, lambda r, c: sp.Symbol(f"w_{r + 1}{c + 1}", real=True))
    x = sp.Matrix(sp.symbols("x_1:3", real=True))
    return pi, W1, x


def instance_marginal() -> sp.Matrix:
    pi, W1, x = instance_symbols()
    return sp.Matrix([sum(pi[c] * Sigmoid((W1[:, c].T * x)[0]) for c in range(3))])


def instance_network() -> sp.Matrix:
    pi, W1, x = instance_symbols()
    return pi.T * (W1.T * x).applyfunc(Sigmoid)


WRITE_UP_2_K3 = WriteUp(
    text={
        "fr": "Le même réseau écrit avec des matrices, pour $K = 3$ et $d = 2$ : $\\sum_k \\pi_k\\, "
              "\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}) = \\boldsymbol{\\pi}^T \\sigma(W^{(1)T} "
              "\\boldsymbol{x})$, la sigmoïde étant appliquée composante par composante.",
        "en": "The same network written with matrices, for $K = 3$ and $d = 2$: $\\sum_k \\pi_k\\, "
              "\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x}) = \\boldsymbol{\\pi}^T \\sigma(W^{(1)T} "
              "\\boldsymbol{x})$, the sigmoid applied entrywise.",
    },
)

@claim("q2.k3", "2", "for K = 3, d = 2: sum_k pi_k sigma(w_k^T x) = pi^T sigma(W1^T x)", Scope.INSTANCE,
       write_up=WRITE_UP_2_K3)
def mixture_is_network_k3() -> Body:
    pi, W1, x = instance_symbols()
    hidden = (W1.T * x).applyfunc(Sigmoid)
    return Body(
        statement=eq(instance_marginal(), instance_network()),
        answer=instance_network(),
        steps=(Chain((instance_network(), pi.T * hidden, instance_marginal())),),
        notes={"W1": W1, "hidden": hidden},
        wrong={"key's output sum pi_k / sigma(w_k^T x)": eq(instance_marginal(),
                                                             pi.T * (W1.T * x).applyfunc(lambda a: 1 / Sigmoid(a))),
               "W2 = 1 (plain sum of the hidden units)": eq(instance_marginal(), sp.ones(1, 3) * hidden)},
    )


WRITE_UP_2_PROB = WriteUp(
    text={
        "fr": "Pour $K = 3$ et tout $d$, quand $\\boldsymbol{\\pi}$ parcourt le simplexe (écrit $\\pi_k = q_k / (q_1 "
              "+ q_2 + q_3)$ avec $q_1 > 0$, $q_2, q_3 \\geq 0$, quitte à renuméroter), la sortie du réseau est "
              "strictement comprise entre $0$ et $1$ pour tous $a_k = \\boldsymbol{w}_k^T \\boldsymbol{x}$ réels : "
              "c'est bien une probabilité.",
        "en": "For $K = 3$ and any $d$, as $\\boldsymbol{\\pi}$ ranges over the simplex (written $\\pi_k = q_k / "
              "(q_1 + q_2 + q_3)$ with $q_1 > 0$, $q_2, q_3 \\geq 0$, after relabelling), the network's output lies "
              "strictly between $0$ and $1$ for all real $a_k = \\boldsymbol{w}_k^T \\boldsymbol{x}$: it is a "
              "probability.",
    },
    steps={
        "pi_sums_to_one": {"fr": "$\\sum_k \\pi_k = 1$",
                          "en": "$\\sum_k \\pi_k = 1$"},
        "sigmoid_symmetry": {"fr": "$\\sigma(-z) = 1 - \\sigma(z)$",
                            "en": "$\\sigma(-z) = 1 - \\sigma(z)$"},
    },
)

@claim("q2.prob", "2", "for pi on the simplex the output lies in (0, 1): it is a probability (K = 3, any d)",
       Scope.INSTANCE, write_up=WRITE_UP_2_PROB)
def output_is_probability() -> Body:
    # Every point of the closed simplex is q / (q_1 + q_2 + q_3) with q >= 0; at least one q_k > 0, and since
    # the components can be relabelled we may take it to be q_1. a_k = w_k^T x is any real number, for any d.
    q1 = sp.Symbol("q_1", positive=True)
    q2, q3 = sp.symbols("q_2 q_3", nonnegative=True)
    a = sp.symbols("a_1:4", real=True)
    qs = (q1, q2, q3)
    total = q1 + q2 + q3
    out = sum(qk / total * Sigmoid(ak) for qk, ak in zip(qs, a, strict=True))
    above_zero = sum(qk * Sigmoid(ak) for qk, ak in zip(qs, a, strict=True)) / total
    below_one = sum(qk * Sigmoid(-ak) for qk, ak in zip(qs, a, strict=True)) / total  # 1 - sigma(a) = sigma(-a)
    return Body(
        statement=AllOf((("out > 0", Holds(sp.StrictGreaterThan(out, 0, evaluate=False), certificate=above_zero)),
                         ("out < 1", Holds(sp.StrictGreaterThan(1 - out, 0, evaluate=False), certificate=below_one)),
                         ("pi sums to 1", eq(sum(qk / total for qk in qs), 1)))),
        answer=out,
        steps=(Chain((1 - out, sum(qk / total * (1 - Sigmoid(ak)) for qk, ak in zip(qs, a, strict=True)), below_one),
                     why=("pi_sums_to_one", "sigmoid_symmetry"), label="1 - out"),),
        notes={"parametrisation": "pi_k = q_k / (q_1 + q_2 + q_3), q_1 > 0, q_2, q_3 >= 0 (relabel so q_1 > 0)"},
        wrong={"key's output sum pi_k / sigma(a_k) is below 1":
               Holds(1 - sum(qk / total / Sigmoid(ak) for qk, ak in zip(qs, a, strict=True)) > 0)},
    )


# A fixed mixture for the Monte Carlo run: d = 2, K = 3.
MC_PI = (0.2, 0.5, 0.3)
MC_W = ((1.0, -2.0), (0.5, 1.5), (-1.0, 0.3))
MC_X = (0.8, -0.4)
MC_DRAWS = 100_000
MC_SEED = 20221017


def monte_carlo(draws: int = MC_DRAWS, seed: int = MC_SEED) -> tuple[float, float]:
    """Run the generative process z ~ Categorical(pi), y ~ Bernoulli(sigma(w_z^T x)): (mean of y, its std error)."""
    rng = np.random.default_rng(seed)
    z = rng.choice(len(MC_PI), size=draws, p=np.array(MC_PI))
    logits = np.array(MC_W) @ np.array(MC_X)
    y = rng.random(draws) < 1.0 / (1.0 + np.exp(-logits[z]))
    mean = float(np.mean(y))
    return mean, float(np.sqrt(mean * (1.0 - mean) / draws))


def formula_value(expr: Any) -> float:
    """The claim's K = 3 expression at the Monte Carlo parameters (SymPy, then a float)."""
    pi, W1, x = instance_symbols()
    values = {**dict(zip(pi, MC_PI, strict=True)), **dict(zip(x, MC_X, strict=True))}
    values.update({W1[r, c]: MC_W[c][r] for r in range(2) for c in range(3)})
    return float(sp.N(sp.sympify(expr).xreplace(values).doit()))


def _agrees(expr: Any) -> CheckResult:
    mean, se = monte_carlo()
    value = formula_value(expr)
    z_score = abs(mean - value) / se
    return CheckResult(bool(z_score < 4), {"formula": f"{value:.5f}", "Monte Carlo": f"{mean:.5f} +- {se:.5f}",
                                           "|z|": f"{z_score:.2f}", "draws": str(MC_DRAWS), "seed": str(MC_SEED)})


WRITE_UP_2_MONTECARLO = WriteUp(
    steps={
        "seeded numpy Monte Carlo of z ~ Categorical(pi), y ~ Bernoulli(sigma(w_z^T x))": {
            "fr": "simulation de Monte-Carlo (NumPy, graine fixée) du processus génératif",
            "en": "Monte Carlo simulation (NumPy, fixed seed) of the generative process"},
    },
    text={
        "fr": "Indice numérique : $10^5$ tirages (graine fixée) du processus génératif $z \\sim "
              "\\mathrm{Cat}(\\boldsymbol{\\pi})$, $y \\sim \\mathrm{Bernoulli}(\\sigma(\\boldsymbol{w}_z^T "
              "\\boldsymbol{x}))$, avec $d = 2$, $K = 3$ et $\\boldsymbol{\\pi} = (0{,}2 ; 0{,}5 ; 0{,}3)$, donnent "
              "une fréquence de $y = 1$ à moins de $4$ écarts-types de $\\sum_k \\pi_k\\, "
              "\\sigma(\\boldsymbol{w}_k^T \\boldsymbol{x})$.",
        "en": "Numeric evidence: $10^5$ draws (fixed seed) of the generative process $z \\sim "
              "\\mathrm{Cat}(\\boldsymbol{\\pi})$, $y \\sim \\mathrm{Bernoulli}(\\sigma(\\boldsymbol{w}_z^T "
              "\\boldsymbol{x}))$, with $d = 2$, $K = 3$ and $\\boldsymbol{\\pi} = (0.2, 0.5, 0.3)$, give a "
              "frequency of $y = 1$ within $4$ standard errors of $\\sum_k \\pi_k\\, \\sigma(\\boldsymbol{w}_k^T "
              "\\boldsymbol{x})$.",
    },
)

@claim("q2.montecarlo", "2", "10^5 draws of the generative process agree with sum_k pi_k sigma(w_k^T x) within 4 "
       "standard errors", Scope.NUMERIC, write_up=WRITE_UP_2_MONTECARLO)
def monte_carlo_agrees() -> Body:
    pi, W1, x = instance_symbols()
    formula = instance_marginal()[0]
    key = sum(pi[c] / Sigmoid((W1[:, c].T * x)[0]) for c in range(3))
    return Body(
        statement=Check("seeded numpy Monte Carlo of z ~ Categorical(pi), y ~ Bernoulli(sigma(w_z^T x))",
                        lambda: _agrees(formula)),
        answer=formula,
        notes={"pi": MC_PI, "w": MC_W, "x": MC_X},
        wrong={"key's output sum pi_k / sigma(w_k^T x)": Check("same seeded Monte Carlo", lambda: _agrees(key))},
    )


WRITE_UP_2_PROB_GENERAL = WriteUp(
    text={
        "fr": "Pour tout $K$ et tout $\\boldsymbol{\\pi}$ du simplexe ouvert ($\\pi_k = q_k / \\sum_j q_j$ avec tous "
              "les $q_k > 0$), la sortie $\\sum_k \\pi_k\\, \\sigma(a_k)$ est strictement comprise entre $0$ et $1$ "
              "pour tous $a_k$ réels : c'est une probabilité.",
        "en": "For every $K$ and every $\\boldsymbol{\\pi}$ in the open simplex ($\\pi_k = q_k / \\sum_j q_j$ with "
              "every $q_k > 0$), the output $\\sum_k \\pi_k\\, \\sigma(a_k)$ lies strictly between $0$ and $1$ for "
              "all real $a_k$: it is a probability.",
    },
)

@claim("q2.prob.general", "2", "for every K and pi in the open simplex (pi_k > 0, sum 1) the output lies in (0, 1)",
       Scope.GENERAL, write_up=WRITE_UP_2_PROB_GENERAL)
def output_is_probability_general_k() -> Body:
    # pi_k = q_k / sum_j q_j with q_k > 0 is every point of the open simplex; a_k = w_k^T x is any real number.
    # SymPy reads the sign of a sum of positive terms, so positivity certificates work for a symbolic K.
    big_k = sp.Symbol("K", integer=True, positive=True)
    k = sp.Symbol("k", integer=True)
    q = sp.IndexedBase("q", positive=True)
    a = sp.IndexedBase("a", real=True)
    total = sp.Sum(q[k], (k, 1, big_k))
    out = sp.Sum(q[k] / total * Sigmoid(a[k]), (k, 1, big_k))
    above_zero = sp.Sum(q[k] * Sigmoid(a[k]), (k, 1, big_k)) / total
    below_one = sp.Sum(q[k] * Sigmoid(-a[k]), (k, 1, big_k)) / total  # 1 - sigma(a) = sigma(-a)
    return Body(
        statement=AllOf((("out > 0", Holds(sp.StrictGreaterThan(out, 0, evaluate=False), certificate=above_zero)),
                         ("out < 1", Holds(sp.StrictGreaterThan(1 - out, 0, evaluate=False), certificate=below_one)),
                         ("pi sums to 1", eq(sp.Sum(q[k] / total, (k, 1, big_k)), 1)))),
        answer=out,
        notes={"parametrisation": "pi_k = q_k / (q_1 + ... + q_K), q_k > 0"},
        wrong={"key's output sum pi_k / sigma(a_k) is below 1":
               Holds(sp.StrictGreaterThan(1 - sp.Sum(q[k] / total / Sigmoid(a[k]), (k, 1, big_k)), 0,
                                          evaluate=False))},
    )


WRITE_UP_2_PROB_CLOSED = WriteUp(
    text={
        "fr": "Pour tout $K$ et tout $\\boldsymbol{\\pi}$ du simplexe fermé ($\\pi_k \\geq 0$, $\\sum_k \\pi_k = "
              "1$, certains $\\pi_k$ éventuellement nuls ; écrit $\\pi_k = q_k / \\sum_j q_j$ avec $q_1 > 0$ après "
              "renumérotation et $q_2, \\dots, q_K \\geq 0$), la sortie $\\sum_k \\pi_k\\, \\sigma(a_k)$ est "
              "strictement comprise entre $0$ et $1$ pour tous $a_k$ réels : c'est une probabilité. Une somme "
              "finie de termes positifs ou nuls est positive ou nulle.",
        "en": "For every $K$ and every $\\boldsymbol{\\pi}$ in the closed simplex ($\\pi_k \\geq 0$, $\\sum_k "
              "\\pi_k = 1$, some $\\pi_k$ possibly $0$; written $\\pi_k = q_k / \\sum_j q_j$ with $q_1 > 0$ after "
              "relabelling and $q_2, \\dots, q_K \\geq 0$), the output $\\sum_k \\pi_k\\, \\sigma(a_k)$ lies "
              "strictly between $0$ and $1$ for all real $a_k$: it is a probability. A finite sum of nonnegative "
              "terms is nonnegative.",
    },
)


@claim("q2.prob.closed", "2", "for every K and every pi on the closed simplex (pi_k >= 0, sum 1) the output lies in "
       "(0, 1): a probability", Scope.GENERAL, write_up=WRITE_UP_2_PROB_CLOSED)
def output_is_probability_closed_simplex() -> Body:
    # Every point of the closed simplex is pi_k = q_k / sum_j q_j with q_k >= 0 and some q_m > 0; the components
    # can be relabelled, so take m = 1: q_1 > 0 and q_2, ..., q_K >= 0 (none of them for K = 1). A finite sum of
    # nonnegative terms is nonnegative (NonnegativeSum), which is what lets SymPy read the certificates' signs.
    big_k = sp.Symbol("K", integer=True, positive=True)
    k = sp.Symbol("k", integer=True)
    q1 = sp.Symbol("q_1", positive=True)
    a1 = sp.Symbol("a_1", real=True)
    q = sp.IndexedBase("q", nonnegative=True)
    a = sp.IndexedBase("a", real=True)

    def rest(body: Any) -> Any:
        return NonnegativeSum(body, (k, 2, big_k))

    total = q1 + rest(q[k])
    # out = sum_k pi_k sigma(a_k) with the common 1 / (q_1 + ... + q_K) taken out of the sum: the same number,
    # and a shape the ladder's merge of sums reaches without simplify (0.1 s instead of 0.9 s).
    out = (q1 * Sigmoid(a1) + sp.Sum(q[k] * Sigmoid(a[k]), (k, 2, big_k))) / total
    above_zero = (q1 * Sigmoid(a1) + rest(q[k] * Sigmoid(a[k]))) / total
    below_one = (q1 * Sigmoid(-a1) + rest(q[k] * Sigmoid(-a[k]))) / total  # 1 - sigma(a) = sigma(-a)
    return Body(
        statement=AllOf((("out > 0", Holds(sp.StrictGreaterThan(out, 0, evaluate=False), certificate=above_zero)),
                         ("out < 1", Holds(sp.StrictGreaterThan(1 - out, 0, evaluate=False), certificate=below_one)),
                         ("pi sums to 1", eq(q1 / total + sp.Sum(q[k] / total, (k, 2, big_k)), 1)))),
        answer=out,
        notes={"parametrisation": "pi_k = q_k / (q_1 + ... + q_K), q_1 > 0 (after relabelling), q_2..q_K >= 0",
               "theorem": "a finite sum of nonnegative terms is nonnegative"},
        wrong={"key's output sum pi_k / sigma(a_k) is below 1":
               Holds(sp.StrictGreaterThan(1 - q1 / total / Sigmoid(a1)
                                          - sp.Sum(q[k] / total / Sigmoid(a[k]), (k, 2, big_k)), 0, evaluate=False)),
               "the output is below 1/2": Holds(sp.StrictGreaterThan(sp.Rational(1, 2) - out, 0, evaluate=False))},
    )
