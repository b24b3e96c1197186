"""Questions 1.3 and 1.4: softmax is shift invariant, and the log-softmax computed stably."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.activations import log_softmax_naive, log_softmax_stable
from ..prover import AllOf, Check, CheckResult, Scope, eq

n = sp.Symbol("n", integer=True, positive=True)
X = sp.IndexedBase("x", real=True)
i, j, k = sp.symbols("i j k", integer=True)
c, m = sp.symbols("c m", real=True)
IN_RANGE = (i >= 0, i <= n - 1)


def softmax(shift: Any, index: Any, dummy: Any, scale: Any = 1) -> Any:
    return sp.exp(scale * X[index] + shift) / sp.Sum(sp.exp(scale * X[dummy] + shift), (dummy, 0, n - 1))


WRITE_UP_1_3 = WriteUp(
    text={
        "fr": "Le softmax est invariant par translation : $S(\\boldsymbol{x} + c)_i = S(\\boldsymbol{x})_i$ pour "
              "tout $c \\in \\mathbb{R}$ et toute dimension $n$, car le facteur $e^{c}$ se simplifie.",
        "en": "The softmax is translation invariant: $S(\\boldsymbol{x} + c)_i = S(\\boldsymbol{x})_i$ for every $c "
              "\\in \\mathbb{R}$ and every dimension $n$, because the factor $e^{c}$ cancels.",
    },
    recall={
        "fr": "Montrer que le softmax $S(\\boldsymbol{x})_i = e^{x_i} / \\sum_j e^{x_j}$, $\\boldsymbol{x} \\in "
              "\\mathbb{R}^d$, est invariant par translation : $S(\\boldsymbol{x} + c) = S(\\boldsymbol{x})$ pour "
              "tout $c \\in \\mathbb{R}$.",
        "en": "Show that the softmax $S(\\boldsymbol{x})_i = e^{x_i} / \\sum_j e^{x_j}$, $\\boldsymbol{x} \\in "
              "\\mathbb{R}^d$, is translation invariant: $S(\\boldsymbol{x} + c) = S(\\boldsymbol{x})$ for every $c "
              "\\in \\mathbb{R}$.",
    },
    handin={
        "fr": "Numérotons les composantes $x_0, \\dots, x_{d-1}$. Comme $e^{x_j + c} = e^{c} e^{x_j}$, le facteur "
              "$e^{c} > 0$ est commun au numérateur et à chaque terme du dénominateur ; il se simplifie :",
        "en": "Number the components $x_0, \\dots, x_{d-1}$. As $e^{x_j + c} = e^{c} e^{x_j}$, the factor $e^{c} > "
              "0$ is common to the numerator and to every term of the denominator; it cancels:",
    },
    answer={
        "fr": "$S(\\boldsymbol{x} + c)_i = S(\\boldsymbol{x})_i$ pour tout $i$ et tout $c \\in \\mathbb{R}$.",
        "en": "$S(\\boldsymbol{x} + c)_i = S(\\boldsymbol{x})_i$ for every $i$ and every $c \\in \\mathbb{R}$.",
    },
    notation={"n": "d"},
)

@claim("q1.3", "1.3", "softmax is shift invariant: S(x + c)_i = S(x)_i for every dimension n", Scope.GENERAL,
       role=ANSWER, write_up=WRITE_UP_1_3)
def softmax_shift() -> Body:
    factored = sp.exp(c) * sp.exp(X[i]) / (sp.exp(c) * sp.Sum(sp.exp(X[j]), (j, 0, n - 1)))
    return Body(
        statement=eq(softmax(c, i, j), softmax(0, i, k), *IN_RANGE),
        answer=softmax(0, i, j),
        # the middle step keeps e^c in both numerator and denominator (a plain `/` would cancel it at once)
        steps=(Chain((softmax(c, i, j), sp.Mul(sp.Mul(sp.exp(c), sp.exp(X[i]), evaluate=False),
                                                sp.Pow(sp.Mul(sp.exp(c), sp.Sum(sp.exp(X[j]), (j, 0, n - 1)),
                                                              evaluate=False), -1, evaluate=False), evaluate=False),
                      softmax(0, i, j)), where=IN_RANGE),),
        notes={"factored": factored},
        wrong={"scale invariance": eq(softmax(0, i, j, scale=c), softmax(0, i, k), *IN_RANGE),
               "shift moves the output": eq(softmax(c, i, j), softmax(0, i, k) + c, *IN_RANGE)},
    )


WRITE_UP_1_3_N3 = WriteUp(
    text={
        "fr": "Le même calcul, composante par composante, pour un vecteur de dimension $n = 3$.",
        "en": "The same computation, component by component, for a vector of dimension $n = 3$.",
    },
)

@claim("q1.3.n3", "1.3", "softmax shift invariance for the vector case n = 3", Scope.INSTANCE, write_up=WRITE_UP_1_3_N3)
def softmax_shift_n3() -> Body:
    v = sp.Matrix(sp.symbols("x_0:3", real=True))

    def soft(vec: sp.Matrix) -> sp.Matrix:
        total = sum(sp.exp(e) for e in vec)
        return vec.applyfunc(lambda e: sp.exp(e) / total)

    shifted = v.applyfunc(lambda e: e + c)
    return Body(
        statement=eq(soft(shifted), soft(v)),
        answer=soft(v),
        wrong={"scale invariance": eq(soft(2 * v), soft(v))},
    )


def log_softmax(index: Any, dummy: Any, shift: Any = 0) -> Any:
    return (X[index] - shift) - sp.log(sp.Sum(sp.exp(X[dummy] - shift), (dummy, 0, n - 1)))


WRITE_UP_1_4 = WriteUp(
    text={
        "fr": "Pour tout réel $m$, $\\log S(\\boldsymbol{x})_i = (x_i - m) - \\log \\sum_k e^{x_k - m}$. Avec $m = "
              "\\max_k x_k$, tous les exposants sont $\\leq 0$ (pas de dépassement) et la somme contient $e^{0} = "
              "1$, donc vaut au moins $1$ (pas de $\\log 0$).",
        "en": "For every real $m$, $\\log S(\\boldsymbol{x})_i = (x_i - m) - \\log \\sum_k e^{x_k - m}$. With $m = "
              "\\max_k x_k$ every exponent is $\\leq 0$ (no overflow) and the sum contains $e^{0} = 1$, so it is at "
              "least $1$ (no $\\log 0$).",
    },
    recall={
        "fr": "Utiliser cette invariance pour calculer $\\log S(\\boldsymbol{x})_i$ de façon numériquement stable.",
        "en": "Use this invariance to compute $\\log S(\\boldsymbol{x})_i$ in a numerically stable way.",
    },
    handin={
        "fr": "D'après 1.3, retrancher un même réel $m$ à toutes les composantes ne change pas $S(\\boldsymbol{x})$ "
              "; en passant au logarithme :",
        "en": "By 1.3, subtracting the same real $m$ from every component leaves $S(\\boldsymbol{x})$ unchanged; "
              "taking logarithms:",
    },
    answer={
        "fr": "$\\log S(\\boldsymbol{x})_i = x_i - m - \\log \\sum_k e^{x_k - m}$ avec $m = \\max_k x_k$.",
        "en": "$\\log S(\\boldsymbol{x})_i = x_i - m - \\log \\sum_k e^{x_k - m}$ with $m = \\max_k x_k$.",
    },
    steps={
        "after": {
            "fr": "On prend $m = \\max_k x_k$. Tous les exposants $x_k - m$ sont alors $\\leq 0$, donc aucun terme "
                    "ne dépasse $1$ : plus de débordement. Et le terme où $x_k = m$ vaut $e^{0} = 1$, donc la somme "
                    "est au moins $1$ et son logarithme est fini : plus de $\\log 0$, même si tous les $x_k$ sont "
                    "très négatifs. Par exemple, pour $\\boldsymbol{x} = (1000, 999, 998)$, la formule directe "
                    "déborde en double précision, alors que la formule stable donne $\\log S(\\boldsymbol{x})_0 = "
                    "-\\log(1 + e^{-1} + e^{-2})$, un nombre fini.",
            "en": "Take $m = \\max_k x_k$. Every exponent $x_k - m$ is then $\\leq 0$, so no term exceeds $1$: no "
                    "overflow. And the term where $x_k = m$ is $e^{0} = 1$, so the sum is at least $1$ and its "
                    "logarithm is finite: no $\\log 0$, even when every $x_k$ is very negative. For example, for "
                    "$\\boldsymbol{x} = (1000, 999, 998)$ the direct formula overflows in double precision, while "
                    "the stable one gives $\\log S(\\boldsymbol{x})_0 = -\\log(1 + e^{-1} + e^{-2})$, a "
                    "finite number.",
        },
    },
    definition="symproof.nn.activations:log_softmax_stable",
    definition_as="\\log S",
    notation={"n": "d"},
    oracles=(
        "tests/claims/test_q1.py::test_stable_log_softmax_matches_scipy_where_the_naive_one_fails",
    ),
)

@claim("q1.4", "1.4", "log S(x)_i = (x_i - m) - log sum_k exp(x_k - m) for every real m, so for m = max_k x_k",
       Scope.GENERAL, role=ANSWER, write_up=WRITE_UP_1_4)
def stable_log_softmax() -> Body:
    plain = sp.log(softmax(0, i, j))
    return Body(
        statement=eq(plain, log_softmax(i, k, m), *IN_RANGE),
        answer=log_softmax(i, k, m),
        steps=(Chain((plain, sp.log(softmax(-m, i, k)), log_softmax(i, k, m)), where=IN_RANGE),),
        wrong={"no correction in the log": eq(plain, (X[i] - m) - sp.log(sp.Sum(sp.exp(X[k]), (k, 0, n - 1))),
                                                *IN_RANGE)},
    )


def _float64_check(points: tuple[float, ...]) -> CheckResult:
    """At x = (+-1000, ...): the naive formula is not finite, the stable one matches mpmath (50 digits) to 1e-15.

    SciPy's log_softmax is the tests' oracle for the same inputs: importing scipy.special here cost a worker
    0.3 s of a build.
    """
    import mpmath

    xs = np.array(points, dtype=np.float64)
    with np.errstate(all="ignore"):
        naive = log_softmax_naive(xs)
    stable = log_softmax_stable(xs)
    with mpmath.workdps(50):
        total = mpmath.fsum(mpmath.exp(mpmath.mpf(v)) for v in points)
        exact = np.array([float(mpmath.mpf(v) - mpmath.log(total)) for v in points])
    rel_exact = float(np.max(np.abs(stable - exact) / np.abs(exact)))
    ok = (not np.all(np.isfinite(naive))) and rel_exact <= 1e-15
    return CheckResult(ok, {"naive": np.array2string(naive), "stable vs mpmath": f"{rel_exact:.1e}"})


WRITE_UP_1_4_FLOAT64 = WriteUp(
    steps={
        "float64 run vs mpmath (50 digits)": {
            "fr": "exécution en \\texttt{float64} comparée à mpmath (50 chiffres)",
            "en": "\\texttt{float64} run compared with mpmath (50 digits)"},
    },
    text={
        "fr": "En \\texttt{float64}, pour $\\boldsymbol{x} = (1000,\\allowbreak 999,\\allowbreak 998)$ et pour "
              "$\\boldsymbol{x} = (-1000,\\allowbreak -999,\\allowbreak -1001)$, la formule naïve ne donne pas un "
              "résultat fini, alors que la formule stable coïncide avec un calcul à 50 chiffres (mpmath).",
        "en": "In \\texttt{float64}, at $\\boldsymbol{x} = (1000,\\allowbreak 999,\\allowbreak 998)$ and at "
              "$\\boldsymbol{x} = (-1000,\\allowbreak -999,\\allowbreak -1001)$, the naive formula is not finite, "
              "while the stable one agrees with a 50-digit computation (mpmath).",
    },
)

@claim("q1.4.float64", "1.4", "in float64 the naive log-softmax fails at x = +-1000, the stable one does not",
       Scope.INSTANCE, write_up=WRITE_UP_1_4_FLOAT64)
def stable_log_softmax_float64() -> Body:
    big, small = (1000.0, 999.0, 998.0), (-1000.0, -999.0, -1001.0)
    how = "float64 run vs mpmath (50 digits)"

    def naive_is_fine() -> CheckResult:
        with np.errstate(all="ignore"):
            values = log_softmax_naive(np.array(big))
        return CheckResult(bool(np.all(np.isfinite(values))), {"naive at x = (1000, 999, 998)": str(values)})

    return Body(
        statement=AllOf((
            ("overflow at x = (1000, 999, 998)", Check(how, lambda: _float64_check(big))),
            ("underflow at x = (-1000, -999, -1001)", Check(how, lambda: _float64_check(small))),
        )),
        notes={"inputs": (big, small)},
        wrong={"naive formula is finite": Check("float64 run of the naive formula", naive_is_fine)},
    )
