"""Backpropagation: the sigmoid's derivative, softmax cross-entropy's gradient, least squares in W, Adam's bias."""

from __future__ import annotations

from typing import Any

import sympy as sp

from symproof import AllOf, Body, Chain, Role, Scope, WriteUp, claim, eq
from symproof.prover import MatrixEqual

x = sp.Symbol("x", real=True)


def sigma(e: Any) -> Any:
    return 1 / (1 + sp.exp(-e))


@claim("q1.1", "1.1", "the sigmoid's derivative is sigma'(x) = sigma(x) (1 - sigma(x))", Scope.GENERAL,
       role=Role.ANSWER, write_up=WriteUp(
           text={"fr": "Pour tout réel $x$, $\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))$.",
                 "en": "For every real $x$, $\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))$."},
           recall={"fr": "Montrer que la sigmoïde $\\sigma(x) = 1/(1 + e^{-x})$ vérifie $\\sigma' = "
                         "\\sigma(1 - \\sigma)$.",
                   "en": "Show that the sigmoid $\\sigma(x) = 1/(1 + e^{-x})$ satisfies $\\sigma' = "
                         "\\sigma(1 - \\sigma)$."},
           handin={"fr": "On dérive la composée, puis on sépare le quotient en deux facteurs :",
                   "en": "Differentiate the composition, then split the quotient into two factors:"},
           answer={"fr": "$\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))$.",
                   "en": "$\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))$."}))
def sigmoid_derivative() -> Body:
    e = sp.exp(-x)
    split = sp.Mul(1 / (1 + e), sp.Mul(e, sp.Pow(1 + e, -1), evaluate=False), evaluate=False)
    return Body(
        statement=eq(sp.Derivative(sigma(x), x), sigma(x) * (1 - sigma(x))),
        answer=sigma(x) * (1 - sigma(x)),
        steps=(Chain((sp.Derivative(sigma(x), x), e / (1 + e) ** 2, split, sigma(x) * (1 - sigma(x)))),),
        wrong={"sigma (1 + sigma)": eq(sp.Derivative(sigma(x), x), sigma(x) * (1 + sigma(x))),
               "sigma squared": eq(sp.Derivative(sigma(x), x), sigma(x) ** 2),
               "1 - sigma": eq(sp.Derivative(sigma(x), x), 1 - sigma(x))},
    )


def cross_entropy(K: int, simplex: bool) -> tuple[list[Any], list[Any], list[Any], Any]:
    """Logits z_1..z_K, targets y_1..y_K (y_K = 1 - the others when `simplex`), p = softmax(z), and the loss."""
    z = list(sp.symbols(f"z_1:{K + 1}", real=True))
    y: list[Any] = list(sp.symbols(f"y_1:{K + 1}", real=True))
    if simplex:
        y[-1] = 1 - sum(y[:-1])
    total = sum(sp.exp(zk) for zk in z)
    p = [sp.exp(zk) / total for zk in z]
    return z, y, p, -sum(yk * sp.log(pk) for yk, pk in zip(y, p, strict=True))


def gradient_parts(K: int, simplex: bool = True, sign: int = 1, plus: bool = False) -> AllOf:
    z, y, p, loss = cross_entropy(K, simplex)
    return AllOf(tuple((f"dL/dz_{i + 1}", eq(sp.Derivative(loss, z[i]), p[i] + y[i] if plus else sign * (p[i] - y[i])))
                       for i in range(K)))


WRITE_UP_1_2 = WriteUp(
    text={"fr": "Pour $K = 3$ classes et toute cible $\\boldsymbol{y}$ de somme $1$ (une distribution, ou un "
                "vecteur one-hot), le gradient de $L = -\\sum_k y_k \\log p_k$, $\\boldsymbol{p} = "
                "\\operatorname{softmax}(\\boldsymbol{z})$, par rapport aux logits est $\\boldsymbol{p} - "
                "\\boldsymbol{y}$. Démontré composante par composante pour $K = 2, 3, 4$ ; pour tout $K$, l'identité "
                "$\\partial L / \\partial z_k = (\\sum_i y_i)\\, p_k - y_k$ est démontrée à part.",
          "en": "For $K = 3$ classes and every target $\\boldsymbol{y}$ summing to $1$ (a distribution, or a "
                "one-hot vector), the gradient of $L = -\\sum_k y_k \\log p_k$, $\\boldsymbol{p} = "
                "\\operatorname{softmax}(\\boldsymbol{z})$, with respect to the logits is $\\boldsymbol{p} - "
                "\\boldsymbol{y}$. Proven component by component for $K = 2, 3, 4$; for every $K$, the identity "
                "$\\partial L / \\partial z_k = (\\sum_i y_i)\\, p_k - y_k$ is proven separately."},
    recall={"fr": "Montrer que le gradient de l'entropie croisée d'un softmax par rapport aux logits est "
                  "$\\boldsymbol{p} - \\boldsymbol{y}$.",
            "en": "Show that the gradient of the softmax cross-entropy with respect to the logits is "
                  "$\\boldsymbol{p} - \\boldsymbol{y}$."},
    handin={"fr": "Comme $\\log p_k = z_k - \\log \\sum_j e^{z_j}$, on a $L = -\\sum_k y_k z_k + (\\sum_k y_k) \\log "
                  "\\sum_j e^{z_j}$ et, avec $\\sum_k y_k = 1$, $\\partial L / \\partial z_i = -y_i + p_i$. Pour "
                  "$K = 3$ (avec $y_3 = 1 - y_1 - y_2$), composante par composante :",
            "en": "As $\\log p_k = z_k - \\log \\sum_j e^{z_j}$, $L = -\\sum_k y_k z_k + (\\sum_k y_k) \\log "
                  "\\sum_j e^{z_j}$ and, with $\\sum_k y_k = 1$, $\\partial L / \\partial z_i = -y_i + p_i$. For $K "
                  "= 3$ (with $y_3 = 1 - y_1 - y_2$), component by component:"},
    answer={"fr": "$\\nabla_{\\boldsymbol{z}} L = \\boldsymbol{p} - \\boldsymbol{y}$.",
            "en": "$\\nabla_{\\boldsymbol{z}} L = \\boldsymbol{p} - \\boldsymbol{y}$."},
)


@claim("q1.2", "1.2", "softmax cross-entropy: dL/dz = p - y for K = 3 and every target summing to 1",
       Scope.INSTANCE, role=Role.ANSWER, write_up=WRITE_UP_1_2)
def softmax_cross_entropy() -> Body:
    _, y, p, _ = cross_entropy(3, True)
    return Body(
        statement=gradient_parts(3),
        answer=sp.Matrix([pi - yi for pi, yi in zip(p, y, strict=True)]),
        wrong={"y - p (sign)": gradient_parts(3, sign=-1), "p + y": gradient_parts(3, plus=True),
               "targets that do not sum to 1": gradient_parts(3, simplex=False)},
    )


def _other_k(K: int) -> Any:
    @claim(f"q1.2.k{K}", "1.2", f"softmax cross-entropy: dL/dz = p - y for K = {K}", Scope.INSTANCE,
           write_up=WriteUp(text={"fr": f"Le même gradient $\\boldsymbol{{p}} - \\boldsymbol{{y}}$ pour $K = {K}$.",
                                  "en": f"The same gradient $\\boldsymbol{{p}} - \\boldsymbol{{y}}$ for $K = {K}$."}))
    def softmax_cross_entropy_k() -> Body:
        return Body(statement=gradient_parts(K),
                    wrong={"y - p (sign)": gradient_parts(K, sign=-1),
                           "targets that do not sum to 1": gradient_parts(K, simplex=False)})

    return softmax_cross_entropy_k


softmax_cross_entropy_k2 = _other_k(2)
softmax_cross_entropy_k4 = _other_k(4)

# Every K at once: the logits and targets are indexed symbols, the class k is any of 1..K (K = k + rest, rest >= 0).
k = sp.Symbol("k", integer=True, positive=True)
rest = sp.Symbol("r", integer=True, nonnegative=True)
i, j = sp.symbols("i j", integer=True)
z_, y_ = sp.IndexedBase("z", real=True), sp.IndexedBase("y", real=True)


def every_k_gradient(K: Any, target_sum: Any, sign: int = 1) -> Any:
    """dL/dz_k = (sum_i y_i) p_k - y_k: the derivative of L = -sum_i y_i log softmax(z)_i, for K classes."""
    total = sp.Sum(sp.exp(z_[j]), (j, 1, K))
    loss = -sp.Sum(y_[i] * sp.log(sp.exp(z_[i]) / total), (i, 1, K))
    return eq(sp.Derivative(loss, z_[k]), sign * (target_sum * sp.exp(z_[k]) / total - y_[k]))


@claim("q1.2.every_k", "1.2", "for every K and every class k <= K: dL/dz_k = (sum_i y_i) p_k - y_k, so p_k - y_k "
       "when the targets sum to 1", Scope.GENERAL, write_up=WriteUp(
           text={"fr": "Pour tout nombre de classes $K$ et toute classe $k \\le K$ (on écrit $K = k + r$, "
                       "$r \\ge 0$), et toute cible $\\boldsymbol{y}$ : $\\partial L / \\partial z_k = "
                       "(\\sum_i y_i)\\, p_k - y_k$ ; avec $\\sum_i y_i = 1$, c'est $p_k - y_k$.",
                 "en": "For every number of classes $K$, every class $k \\le K$ (written $K = k + r$, "
                       "$r \\ge 0$) and every target $\\boldsymbol{y}$: $\\partial L / \\partial z_k = "
                       "(\\sum_i y_i)\\, p_k - y_k$; with $\\sum_i y_i = 1$, that is $p_k - y_k$."}))
def softmax_cross_entropy_every_k() -> Body:
    K = k + rest
    return Body(
        statement=every_k_gradient(K, sp.Sum(y_[i], (i, 1, K))),
        wrong={"p_k - y_k for every target": every_k_gradient(K, 1),
               "y_k - (sum_i y_i) p_k (sign)": every_k_gradient(K, sp.Sum(y_[i], (i, 1, K)), sign=-1)},
    )

m, n = sp.symbols("m n", integer=True, positive=True)
W = sp.MatrixSymbol("W", m, n)
E = sp.MatrixSymbol("E", m, n)
X = sp.MatrixSymbol("x", n, 1)
Y = sp.MatrixSymbol("y", m, 1)
HALF = sp.Rational(1, 2)


def least_squares(A: Any) -> Any:
    r = A * X - Y
    return HALF * r.T * r


GRADIENT_W = "$\\nabla_{\\boldsymbol{W}} L = (\\boldsymbol{W}\\boldsymbol{x} - \\boldsymbol{y})\\boldsymbol{x}^T$."

WRITE_UP_1_3 = WriteUp(
    text={"fr": "Pour toutes tailles $m, n$ et toute perturbation $\\boldsymbol{E}$ : $L(\\boldsymbol{W} + "
                "\\boldsymbol{E}) - L(\\boldsymbol{W}) = (\\boldsymbol{W}\\boldsymbol{x} - \\boldsymbol{y})^T "
                "\\boldsymbol{E}\\boldsymbol{x} + \\frac{1}{2}\\lVert \\boldsymbol{E}\\boldsymbol{x} \\rVert^2$. "
                "Le terme du premier ordre est $\\sum_{ij} [(\\boldsymbol{W}\\boldsymbol{x} - \\boldsymbol{y}) "
                "\\boldsymbol{x}^T]_{ij} E_{ij}$ (définition du produit matriciel, non vérifiée par le programme), "
                "d'où le gradient ; l'affirmation q1.3.entries le vérifie entrée par entrée pour $m = 2$, $n = 3$.",
          "en": "For all sizes $m, n$ and every perturbation $\\boldsymbol{E}$: $L(\\boldsymbol{W} + "
                "\\boldsymbol{E}) - L(\\boldsymbol{W}) = (\\boldsymbol{W}\\boldsymbol{x} - \\boldsymbol{y})^T "
                "\\boldsymbol{E}\\boldsymbol{x} + \\frac{1}{2}\\lVert \\boldsymbol{E}\\boldsymbol{x} \\rVert^2$. "
                "The first-order term is $\\sum_{ij} [(\\boldsymbol{W}\\boldsymbol{x} - \\boldsymbol{y}) "
                "\\boldsymbol{x}^T]_{ij} E_{ij}$ (the definition of the matrix product, not checked by the program), "
                "hence the gradient; claim q1.3.entries checks it entry by entry for $m = 2$, $n = 3$."},
    recall={"fr": "Montrer que le gradient de $L(\\boldsymbol{W}) = \\frac{1}{2}\\lVert \\boldsymbol{W}\\boldsymbol{x} "
                  "- \\boldsymbol{y} \\rVert^2$ par rapport à $\\boldsymbol{W}$ est $(\\boldsymbol{W}\\boldsymbol{x} "
                  "- \\boldsymbol{y})\\boldsymbol{x}^T$.",
            "en": "Show that the gradient of $L(\\boldsymbol{W}) = \\frac{1}{2}\\lVert \\boldsymbol{W}\\boldsymbol{x} "
                  "- \\boldsymbol{y} \\rVert^2$ with respect to $\\boldsymbol{W}$ is $(\\boldsymbol{W}\\boldsymbol{x} "
                  "- \\boldsymbol{y})\\boldsymbol{x}^T$."},
    handin={"fr": "On développe $L$ en $\\boldsymbol{W} + \\boldsymbol{E}$ ; le terme linéaire en "
                  "$\\boldsymbol{E}$ s'écrit $\\sum_{ij} r_i x_j E_{ij}$ avec $\\boldsymbol{r} = "
                  "\\boldsymbol{W}\\boldsymbol{x} - \\boldsymbol{y}$, donc le gradient est "
                  "$\\boldsymbol{r}\\boldsymbol{x}^T$ :",
            "en": "Expand $L$ at $\\boldsymbol{W} + \\boldsymbol{E}$; the term linear in $\\boldsymbol{E}$ is "
                  "$\\sum_{ij} r_i x_j E_{ij}$ with $\\boldsymbol{r} = \\boldsymbol{W}\\boldsymbol{x} - "
                  "\\boldsymbol{y}$, so the gradient is $\\boldsymbol{r}\\boldsymbol{x}^T$:"},
    answer={lang: GRADIENT_W for lang in ("fr", "en")},
)


@claim("q1.3", "1.3", "for every m, n: L(W + E) - L(W) = (Wx - y)^T E x + 1/2 |E x|^2, so grad_W L = (Wx - y) x^T",
       Scope.GENERAL, role=Role.ANSWER, write_up=WRITE_UP_1_3)
def least_squares_increment() -> Body:
    increment = least_squares(W + E) - least_squares(W)
    r = W * X - Y
    return Body(
        statement=MatrixEqual(increment, r.T * E * X + HALF * (E * X).T * (E * X)),
        answer=r * X.T,
        wrong={"no second-order term": MatrixEqual(increment, r.T * E * X),
               "first-order term doubled": MatrixEqual(increment, 2 * r.T * E * X + HALF * (E * X).T * (E * X))},
    )


def entrywise(grad: Any) -> Any:
    """dL/dW_ij for m = 2, n = 3, computed from the entries, against `grad` (a function of the explicit W, x, y)."""
    w = sp.Matrix(2, 3, lambda i, j: sp.Symbol(f"W_{i + 1}{j + 1}", real=True))
    xs = sp.Matrix(sp.symbols("x_1:4", real=True))
    ys = sp.Matrix(sp.symbols("y_1:3", real=True))
    r = w * xs - ys
    loss = HALF * (r.T * r)[0, 0]
    return eq(w.applyfunc(lambda e: sp.Derivative(loss, e)), grad(w, xs, ys))


@claim("q1.3.entries", "1.3", "for m = 2, n = 3, dL/dW_ij computed from the entries is [(Wx - y) x^T]_ij",
       Scope.INSTANCE, write_up=WriteUp(
           text={"fr": "Pour $m = 2$, $n = 3$, les six dérivées $\\partial L / \\partial W_{ij}$, calculées à partir "
                       "des entrées, sont celles de $(\\boldsymbol{W}\\boldsymbol{x} - \\boldsymbol{y})"
                       "\\boldsymbol{x}^T$.",
                 "en": "For $m = 2$, $n = 3$, the six derivatives $\\partial L / \\partial W_{ij}$, computed from "
                       "the entries, are those of $(\\boldsymbol{W}\\boldsymbol{x} - \\boldsymbol{y})"
                       "\\boldsymbol{x}^T$."}))
def least_squares_entries() -> Body:
    return Body(
        statement=entrywise(lambda w, xs, ys: (w * xs - ys) * xs.T),
        wrong={"y dropped": entrywise(lambda w, xs, ys: w * xs * xs.T),
               "doubled": entrywise(lambda w, xs, ys: 2 * (w * xs - ys) * xs.T)},
    )


beta = sp.Symbol("beta_1", positive=True)
g = sp.Symbol("g", real=True)
t = sp.Symbol("t", integer=True, positive=True)


def moment(step: Any) -> Any:
    """E[m_t] for a constant gradient g: the solution of m_t = beta m_{t-1} + (1 - beta) g, m_0 = 0."""
    return (1 - beta**step) * g


WRITE_UP_1_4 = WriteUp(
    text={"fr": "Pour un gradient d'espérance constante $g$ et $0 < \\beta_1 < 1$ : $\\mathbb{E}[m_t] = (1 - "
                "\\beta_1^t) g$ (l'unique solution de la récurrence, vérifiée avec sa condition initiale), donc "
                "$\\hat m_t = m_t / (1 - \\beta_1^t)$ vérifie $\\mathbb{E}[\\hat m_t] = g$ pour tout $t \\geq 1$.",
          "en": "For a gradient of constant expectation $g$ and $0 < \\beta_1 < 1$: $\\mathbb{E}[m_t] = (1 - "
                "\\beta_1^t) g$ (the only solution of the recursion, checked with its initial value), so "
                "$\\hat m_t = m_t / (1 - \\beta_1^t)$ has $\\mathbb{E}[\\hat m_t] = g$ for every $t \\geq 1$."},
    recall={"fr": "Montrer que la correction de biais d'Adam, $\\hat m_t = m_t / (1 - \\beta_1^t)$ avec $m_t = "
                  "\\beta_1 m_{t-1} + (1 - \\beta_1) g_t$, $m_0 = 0$, rend $\\hat m_t$ sans biais pour un gradient "
                  "d'espérance constante.",
            "en": "Show that Adam's bias correction, $\\hat m_t = m_t / (1 - \\beta_1^t)$ with $m_t = \\beta_1 "
                  "m_{t-1} + (1 - \\beta_1) g_t$, $m_0 = 0$, makes $\\hat m_t$ unbiased for a gradient of constant "
                  "expectation."},
    handin={"fr": "La récurrence est linéaire : $\\mu_t = \\mathbb{E}[m_t]$ vérifie $\\mu_t = \\beta_1 \\mu_{t-1} + "
                  "(1 - \\beta_1) g$, $\\mu_0 = 0$, qui a une seule solution. $\\mu_t = (1 - \\beta_1^t) g$ en est "
                  "une (par récurrence sur $t$) :",
            "en": "The recursion is linear: $\\mu_t = \\mathbb{E}[m_t]$ satisfies $\\mu_t = \\beta_1 \\mu_{t-1} + (1 - "
                  "\\beta_1) g$, $\\mu_0 = 0$, which has one solution. $\\mu_t = (1 - \\beta_1^t) g$ is one (by "
                  "induction on $t$):"},
    answer={"fr": "$\\mathbb{E}[\\hat m_t] = g$ pour tout $t \\geq 1$ : $\\hat m_t$ est sans biais.",
            "en": "$\\mathbb{E}[\\hat m_t] = g$ for every $t \\geq 1$: $\\hat m_t$ is unbiased."},
)


@claim("q1.4", "1.4", "Adam: E[m_t] = (1 - beta_1^t) g solves the recursion, so E[m_t / (1 - beta_1^t)] = g",
       Scope.GENERAL, role=Role.ANSWER, write_up=WRITE_UP_1_4)
def adam_bias_correction() -> Body:
    return Body(
        statement=AllOf((
            ("initial value mu_0 = 0", eq(moment(0), 0)),
            ("recursion mu_t = beta_1 mu_{t-1} + (1 - beta_1) g", eq(moment(t), beta * moment(t - 1) + (1 - beta) * g)),
            ("corrected: mu_t / (1 - beta_1^t) = g", eq(moment(t) / (1 - beta**t), g, beta < 1)),
        )),
        answer=g,
        wrong={"no correction: E[m_t] = g": eq(moment(t), g, beta < 1),
               "corrected by 1 - beta_1^(t+1)": eq(moment(t) / (1 - beta ** (t + 1)), g, beta < 1),
               "recursion without the (1 - beta_1) weight": eq(moment(t), beta * moment(t - 1) + g)},
    )
