"""Question 3.1: the minimiser of the second-order model is the Newton step w_t - H^{-1} g; its learning rate."""

from __future__ import annotations

import functools
from typing import Any

import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..prover import AllOf, Holds, MatrixEqual, MatrixFacts, PositiveForm, Scope, eq
from ..prover.matrix_expand import expand_matrix
from ..prover.matrix_rules import matrix_calculus

HALF = sp.Rational(1, 2)

# n = 2. Every symmetric positive definite 2 x 2 matrix is [[a, b], [b, c]] with a > 0 and
# D = a c - b^2 > 0, i.e. c = (b^2 + D) / a: writing c this way puts both conditions in the symbols' assumptions.
a, D = sp.symbols("a D", positive=True)
b = sp.Symbol("b", real=True)
H2 = sp.Matrix([[a, b], [b, (b**2 + D) / a]])
w = sp.Matrix(sp.symbols("w_1 w_2", real=True))
wt = sp.Matrix(sp.symbols("w_t1 w_t2", real=True))
g = sp.Matrix(sp.symbols("g_1 g_2", real=True))
f0 = sp.Symbol("f_t", real=True)


def model(x: sp.Matrix, H: sp.Matrix = H2) -> Any:
    """L(x) = f(w_t) + <x - w_t, g> + 1/2 (x - w_t)^T H (x - w_t), g = grad f(w_t)."""
    u = x - wt
    return f0 + (u.T * g)[0] + HALF * (u.T * H * u)[0]


def gradient(expr: Any, at: sp.Matrix | None = None) -> sp.Matrix:
    """grad_w expr, left unevaluated (Derivative objects), optionally at a point (Subs)."""
    grad = sp.Matrix([sp.Derivative(expr, wi) for wi in w])
    if at is None:
        return grad
    return grad.applyfunc(lambda e: sp.Subs(e, tuple(w), tuple(at)))


def newton_point(H: sp.Matrix = H2) -> sp.Matrix:
    return wt - H.inv() * g


WRITE_UP_3_1 = WriteUp(
    text={
        "fr": "Pour $n = 2$ et toute matrice $\\boldsymbol{H} = \\begin{bmatrix} a & b \\\\ b & c \\end{bmatrix}$ "
              "symétrique définie positive (écrite $a > 0$, $D = ac - b^2 > 0$, $c = (b^2 + D)/a$), en notant "
              "$\\boldsymbol{g} = \\nabla f(\\boldsymbol{w}^{(t)})$ et $L$ le modèle quadratique : le gradient de "
              "$L$ s'annule en $\\boldsymbol{w}^* = \\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1}\\boldsymbol{g}$, "
              "$L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T "
              "\\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*)$ et "
              "$\\boldsymbol{u}^T\\boldsymbol{H}\\boldsymbol{u} > 0$ pour $\\boldsymbol{u} \\neq 0$ : "
              "$\\boldsymbol{w}^*$ est l'unique minimiseur.",
        "en": "For $n = 2$ and every symmetric positive definite $\\boldsymbol{H} = \\begin{bmatrix} a & b \\\\ b & "
              "c \\end{bmatrix}$ (written $a > 0$, $D = ac - b^2 > 0$, $c = (b^2 + D)/a$), with $\\boldsymbol{g} = "
              "\\nabla f(\\boldsymbol{w}^{(t)})$ and $L$ the quadratic model: the gradient of $L$ vanishes at "
              "$\\boldsymbol{w}^* = \\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1}\\boldsymbol{g}$, "
              "$L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T "
              "\\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*)$ and "
              "$\\boldsymbol{u}^T\\boldsymbol{H}\\boldsymbol{u} > 0$ for $\\boldsymbol{u} \\neq 0$: "
              "$\\boldsymbol{w}^*$ is the unique minimiser.",
    },
    steps={
        "complete_the_square": {"fr": "forme canonique",
                               "en": "completing the square"},
        "gradient_of_quadratic": {"fr": "gradient d'une forme quadratique",
                                 "en": "gradient of a quadratic form"},
    },
)

@claim("q3.1.n2", "3.1", "argmin_w L(w) = w_t - H^{-1} grad f(w_t) for symmetric positive definite H (n = 2)",
       Scope.INSTANCE, write_up=WRITE_UP_3_1)
def newton_minimiser() -> Body:
    star = newton_point()
    # L(w), L(w*), grad L(w*) and the form built once each (four 2 x 2 symbolic products a model, rebuilt nine
    # times before), shared by the statement, the steps, the printed names and the wrong variants.
    model_w = model(w)
    gap = model_w - model(star)
    half_form = HALF * ((w - star).T * H2 * (w - star))[0]
    grad_star = gradient(model_w, star)
    u1, u2 = sp.symbols("u_1 u_2", real=True)
    nz1, nz2 = sp.Symbol("u_1", real=True, nonzero=True), sp.Symbol("u_2", real=True, nonzero=True)

    def form(x1: Any, x2: Any) -> Any:
        u = sp.Matrix([x1, x2])
        return (u.T * H2 * u)[0]

    def square(x1: Any, x2: Any) -> Any:
        return a * (x1 + b * x2 / a) ** 2 + D * x2**2 / a

    def strict(relation_lhs: Any, cert: Any) -> Holds:
        return Holds(sp.StrictGreaterThan(relation_lhs, 0, evaluate=False), certificate=cert)

    return Body(
        statement=AllOf((
            ("grad L(w*) = 0", eq(grad_star, sp.zeros(2, 1))),
            ("L(w) - L(w*) = 1/2 (w - w*)^T H (w - w*)", eq(gap, half_form)),
            ("u^T H u >= 0", Holds(sp.GreaterThan(form(u1, u2), 0, evaluate=False), certificate=square(u1, u2))),
            ("u^T H u > 0 for u_2 != 0", strict(form(u1, nz2), square(u1, nz2))),
            ("u^T H u > 0 for u_2 = 0, u_1 != 0", strict(form(nz1, 0), square(nz1, 0))),
        )),
        answer=wt - sp.MatrixSymbol("H", 2, 2).I * sp.MatrixSymbol("g", 2, 1),
        steps=(
            Chain((gradient(model_w), g + HALF * (H2 + H2.T) * (w - wt), g + H2 * (w - wt)),
                  why=("gradient_of_quadratic", "symmetric_H"), label="gradient of L"),
            Chain((g + H2 * (star - wt), g - H2 * H2.inv() * g, sp.zeros(2, 1)), label="at w* = w_t - H^{-1} g"),
            Chain((form(u1, u2), square(u1, u2)), why=("complete_the_square",), label="u^T H u"),
        ),
        notes={"H": H2, "SPD parametrisation": "a > 0, D = a c - b^2 > 0, c = (b^2 + D) / a",
               "uniqueness": "L(w) - L(w*) = 1/2 (w - w*)^T H (w - w*) > 0 for w != w*",
               # Printed names for exact subexpressions (the text defines L and w*); the prover sees them whole.
               "latex": {"names": {
                   model_w: r"L(\boldsymbol{w})",
                   gap: r"L(\boldsymbol{w}) - L(\boldsymbol{w}^*)",
                   half_form: r"\tfrac{1}{2}(\boldsymbol{w} - \boldsymbol{w}^*)^T "
                              r"\boldsymbol{H} (\boldsymbol{w} - \boldsymbol{w}^*)",
                   **{e: rf"\frac{{\partial L}}{{\partial w_{i + 1}}}(\boldsymbol{{w}}^*)"
                      for i, e in enumerate(grad_star)},
               }}},
        wrong={"w_t + H^{-1} g": eq(gradient(model_w, wt + H2.inv() * g), sp.zeros(2, 1)),
               "w_t - H g": eq(gradient(model_w, wt - H2 * g), sp.zeros(2, 1)),
               "plain gradient step w_t - g": eq(gradient(model_w, wt - g), sp.zeros(2, 1))},
    )


n = sp.Symbol("n", integer=True, positive=True)
Wm = sp.MatrixSymbol("w", n, 1)
Wt = sp.MatrixSymbol("w_t", n, 1)
G = sp.MatrixSymbol("g", n, 1)
H = sp.MatrixSymbol("H", n, n)
F0 = sp.Symbol("f_t", real=True) * sp.Identity(1)


@functools.cache
def model_n(x: Any) -> Any:
    """L(x) for general n as a 1 x 1 matrix expression; <x - w_t, g> is written g^T (x - w_t). Cached: SymPy
    canonicalises every matrix product as it is built, and the claims build L(w) and L(w*) several times."""
    return F0 + G.T * (x - Wt) + HALF * (x - Wt).T * H * (x - Wt)


def expanded(expr: Any) -> Any:
    """sp.expand of a matrix expression, by the matrix rules' expansion into words where it applies: the same
    sum (SymPy's products cancel H H^{-1} as they are built; here H is declared invertible), a third of the time."""
    fast = expand_matrix(expr, MatrixFacts(invertible=(H,)))
    return sp.expand(expr) if fast is None else fast


def symmetric(expr: Any) -> Any:
    """Use H^T = H: SymPy has no symmetric MatrixSymbol, so transposes of H (and of H^{-1}) are replaced by hand."""
    return expr.doit().subs(H.T, H)


WRITE_UP_3_1_N = WriteUp(
    text={
        "fr": "Pour tout $n$, par calcul matriciel et avec $\\boldsymbol{H}^T = \\boldsymbol{H}$ : $\\nabla "
              "L(\\boldsymbol{w}) = \\boldsymbol{g} + \\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}_t)$ s'annule "
              "en $\\boldsymbol{w}^* = \\boldsymbol{w}_t - \\boldsymbol{H}^{-1}\\boldsymbol{g}$, et "
              "$L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T "
              "\\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*)$ ; comme $\\boldsymbol{H}$ est définie positive "
              "(hypothèse de l'énoncé), $\\boldsymbol{w}^*$ est l'unique minimiseur.",
        "en": "For every $n$, by matrix calculus and with $\\boldsymbol{H}^T = \\boldsymbol{H}$: $\\nabla "
              "L(\\boldsymbol{w}) = \\boldsymbol{g} + \\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}_t)$ vanishes "
              "at $\\boldsymbol{w}^* = \\boldsymbol{w}_t - \\boldsymbol{H}^{-1}\\boldsymbol{g}$, and "
              "$L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T "
              "\\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*)$; as $\\boldsymbol{H}$ is positive definite "
              "(the question's assumption), $\\boldsymbol{w}^*$ is the unique minimiser.",
    },
)

@claim("q3.1.n", "3.1", "for general n, by matrix calculus: grad L = g + H (w - w_t) = 0 at w* = w_t - H^{-1} g",
       Scope.GENERAL, write_up=WRITE_UP_3_1_N)
def newton_minimiser_general_n() -> Body:
    star = Wt - H.I * G
    # SymPy's matrix calculus, g + 1/2 H (w - w_t) + 1/2 H^T (w - w_t), as the matrix prover computes it (the
    # same sp.diff, remembered for the process: q3.1.every_n differentiates the same L).
    raw = matrix_calculus(sp.Derivative(model_n(Wm), Wm), MatrixFacts())
    grad = symmetric(raw)
    return Body(
        statement=AllOf((
            ("grad L(w*) = 0 (H^T = H used)", eq(grad.subs(Wm, star), sp.ZeroMatrix(n, 1))),
            ("L(w) - L(w*) = 1/2 (w - w*)^T H (w - w*) (H^T = H used)",
             eq(symmetric(expanded(model_n(Wm) - model_n(star))),
                symmetric(expanded(HALF * (Wm - star).T * H * (Wm - star))))),
        )),
        answer=star,
        steps=(
            Chain((grad, G + H * (Wm - Wt)), why=("symmetric_H",), label="d L / d w, with H^T = H substituted"),
            Chain((G + H * (star - Wt), G - H * H.I * G, sp.ZeroMatrix(n, 1)), label="at w* = w_t - H^{-1} g"),
        ),
        notes={"SymPy's gradient before H^T = H": raw,
               "symmetry": "SymPy has no symmetric MatrixSymbol: H.T is replaced by H after differentiating"},
        wrong={"w_t + H^{-1} g": eq(grad.subs(Wm, Wt + H.I * G), sp.ZeroMatrix(n, 1)),
               "w_t - H g": eq(grad.subs(Wm, Wt - H * G), sp.ZeroMatrix(n, 1))},
    )


WRITE_UP_3_1_LR = WriteUp(
    text={
        "fr": "Taux d'apprentissage : pour $n = 2$ et $f(\\boldsymbol{w}) = f_t + \\boldsymbol{c}^T \\boldsymbol{w} "
              "+ \\frac{1}{2}\\boldsymbol{w}^T\\boldsymbol{H}\\boldsymbol{w}$ quadratique, un seul pas "
              "$\\boldsymbol{w} - \\boldsymbol{H}^{-1}\\nabla f(\\boldsymbol{w})$ atteint le minimiseur "
              "$-\\boldsymbol{H}^{-1}\\boldsymbol{c}$ depuis tout $\\boldsymbol{w}$. La matrice "
              "$\\boldsymbol{H}^{-1}$ joue le rôle du taux d'apprentissage : un pas adapté à la courbure de chaque "
              "direction ($1/f''$ en dimension $1$).",
        "en": "Learning rate: for $n = 2$ and a quadratic $f(\\boldsymbol{w}) = f_t + \\boldsymbol{c}^T "
              "\\boldsymbol{w} + \\frac{1}{2}\\boldsymbol{w}^T\\boldsymbol{H}\\boldsymbol{w}$, one step "
              "$\\boldsymbol{w} - \\boldsymbol{H}^{-1}\\nabla f(\\boldsymbol{w})$ lands on the minimiser "
              "$-\\boldsymbol{H}^{-1}\\boldsymbol{c}$ from every $\\boldsymbol{w}$. The matrix "
              "$\\boldsymbol{H}^{-1}$ plays the part of the learning rate: a step fitted to the curvature of each "
              "direction ($1/f''$ in dimension $1$).",
    },
)

@claim("q3.1.lr", "3.1", "on a quadratic f, one Newton step (learning rate H^{-1}) lands on the minimiser from any w; "
       "a gradient step with learning rate 1 does not (n = 2)", Scope.INSTANCE, write_up=WRITE_UP_3_1_LR)
def newton_learning_rate() -> Body:
    c = sp.Matrix(sp.symbols("c_1 c_2", real=True))
    f = f0 + (c.T * w)[0] + HALF * (w.T * H2 * w)[0]
    grad_f = sp.Matrix([sp.diff(f, wi) for wi in w])
    minimiser = -H2.inv() * c
    newton = w - H2.inv() * grad_f
    return Body(
        statement=AllOf((
            ("grad f = c + H w", eq(gradient(f), c + H2 * w)),
            ("grad f(w_min) = 0", eq(gradient(f, minimiser), sp.zeros(2, 1))),
            ("w - H^{-1} grad f(w) = w_min", eq(newton, minimiser)),
        )),
        answer=newton,
        steps=(Chain((newton, w - H2.inv() * (c + H2 * w), -H2.inv() * c), label="one Newton step"),),
        notes={"learning rate": "H^{-1} replaces the scalar learning rate: a step per direction, 1/f'' when n = 1"},
        wrong={"gradient step with learning rate 1 lands on the minimiser": eq(w - grad_f, minimiser),
               "learning rate H instead of H^{-1}": eq(w - H2 * grad_f, minimiser)},
    )


# For every n, decided by the matrix rules of symproof.prover.matrix (no size is chosen); H is declared symmetric
# positive definite, which licenses H^T = H and H^{-1}, and nothing else is assumed of it.
SPD_H = MatrixFacts(positive_definite=(H,))
U = sp.MatrixSymbol("u", n, 1)


WRITE_UP_3_1_EVERY_N = WriteUp(
    text={
        "fr": "Pour tout $n$ et toute matrice $\\boldsymbol{H}$ symétrique définie positive, en notant "
              "$\\boldsymbol{g} = \\nabla f(\\boldsymbol{w}^{(t)})$ : $\\nabla L(\\boldsymbol{w}) = "
              "\\boldsymbol{g} + \\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}^{(t)}) = "
              "\\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}^*)$ ne s'annule qu'en $\\boldsymbol{w}^* = "
              "\\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1}\\boldsymbol{g}$ ; la hessienne de $L$ est "
              "$\\boldsymbol{H}$ et $L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - "
              "\\boldsymbol{w}^*)^T \\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*) > 0$ pour "
              "$\\boldsymbol{w} \\neq \\boldsymbol{w}^*$ : $\\boldsymbol{w}^*$ est l'unique minimiseur. Le calcul "
              "n'utilise que $\\boldsymbol{H}^T = \\boldsymbol{H}$ et $\\boldsymbol{H}$ inversible. Taux "
              "d'apprentissage : $\\boldsymbol{w} - \\boldsymbol{w}^* = \\boldsymbol{H}^{-1}\\nabla "
              "L(\\boldsymbol{w})$, donc un pas de Newton sur $L$ atteint $\\boldsymbol{w}^*$ depuis tout "
              "$\\boldsymbol{w}$ : $\\boldsymbol{H}^{-1}$ tient lieu du taux d'apprentissage (voir aussi 3.1.lr).",
        "en": "For every $n$ and every symmetric positive definite $\\boldsymbol{H}$, with $\\boldsymbol{g} = "
              "\\nabla f(\\boldsymbol{w}^{(t)})$: $\\nabla L(\\boldsymbol{w}) = \\boldsymbol{g} + "
              "\\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}^{(t)}) = \\boldsymbol{H}(\\boldsymbol{w} - "
              "\\boldsymbol{w}^*)$ vanishes only at $\\boldsymbol{w}^* = \\boldsymbol{w}^{(t)} - "
              "\\boldsymbol{H}^{-1}\\boldsymbol{g}$; the Hessian of $L$ is $\\boldsymbol{H}$ and "
              "$L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2}(\\boldsymbol{w} - \\boldsymbol{w}^*)^T "
              "\\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*) > 0$ for $\\boldsymbol{w} \\neq "
              "\\boldsymbol{w}^*$: $\\boldsymbol{w}^*$ is the unique minimiser. The computation uses only "
              "$\\boldsymbol{H}^T = \\boldsymbol{H}$ and $\\boldsymbol{H}$ invertible. Learning rate: "
              "$\\boldsymbol{w} - \\boldsymbol{w}^* = \\boldsymbol{H}^{-1}\\nabla L(\\boldsymbol{w})$, so one "
              "Newton step on $L$ lands on $\\boldsymbol{w}^*$ from every $\\boldsymbol{w}$: "
              "$\\boldsymbol{H}^{-1}$ stands for the learning rate (see also 3.1.lr).",
    },
    recall={
        "fr": "Minimiser l'approximation de Taylor d'ordre $2$ de $f$ en $\\boldsymbol{w}^{(t)}$ ($\\boldsymbol{H}$ "
              "définie positive) ; qu'en déduire sur le taux d'apprentissage ?",
        "en": "Minimise the second-order Taylor approximation of $f$ at $\\boldsymbol{w}^{(t)}$ ($\\boldsymbol{H}$ "
              "positive definite); what does it say about the learning rate?",
    },
    handin={
        "fr": "Pour tout $n$ et $\\boldsymbol{w} \\in \\mathbb{R}^n$, notons $\\boldsymbol{g} = \\nabla "
              "f(\\boldsymbol{w}^{(t)})$ et "
              "$L(\\boldsymbol{w})$ la fonction entre crochets. Comme $\\nabla_{\\boldsymbol{u}} "
              "\\frac{1}{2} \\boldsymbol{u}^T \\boldsymbol{H} "
              "\\boldsymbol{u} = \\frac{1}{2} (\\boldsymbol{H} + \\boldsymbol{H}^T) \\boldsymbol{u}$ et que "
              "$\\boldsymbol{H}$ est symétrique, le gradient de $L$ est",
        "en": "For every $n$ and $\\boldsymbol{w} \\in \\mathbb{R}^n$, write $\\boldsymbol{g} = \\nabla "
              "f(\\boldsymbol{w}^{(t)})$ and "
              "$L(\\boldsymbol{w})$ for the function in brackets. As $\\nabla_{\\boldsymbol{u}} "
              "\\frac{1}{2} \\boldsymbol{u}^T \\boldsymbol{H} "
              "\\boldsymbol{u} = \\frac{1}{2} (\\boldsymbol{H} + \\boldsymbol{H}^T) \\boldsymbol{u}$ and "
              "$\\boldsymbol{H}$ is symmetric, the gradient of $L$ is",
    },
    answer={
        "fr": "$\\boldsymbol{w}^{(t+1)} = \\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1} \\nabla "
              "f(\\boldsymbol{w}^{(t)})$ ; le taux d'apprentissage idéal est la matrice $\\boldsymbol{H}^{-1}$ "
              "($1/f''$ en dimension $1$).",
        "en": "$\\boldsymbol{w}^{(t+1)} = \\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1} \\nabla "
              "f(\\boldsymbol{w}^{(t)})$; the ideal learning rate is the matrix $\\boldsymbol{H}^{-1}$ ($1/f''$ in "
              "dimension $1$).",
    },
    steps={
        "after": {
            "fr": "Il s'annule si et seulement si $\\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}^{(t)}) = "
                    "-\\boldsymbol{g}$, c'est-à-dire en $\\boldsymbol{w}^* = \\boldsymbol{w}^{(t)} - "
                    "\\boldsymbol{H}^{-1}\\boldsymbol{g}$ ($\\boldsymbol{H}$, définie positive, est inversible). "
                    "C'est le minimum, et il est unique : $L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2} "
                    "(\\boldsymbol{w} - \\boldsymbol{w}^*)^T \\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*) > "
                    "0$ pour $\\boldsymbol{w} \\neq \\boldsymbol{w}^*$.\n\nD'où la mise à jour "
                    "$\\boldsymbol{w}^{(t+1)} = \\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1} \\nabla "
                    "f(\\boldsymbol{w}^{(t)})$ (méthode de Newton). Par rapport à la descente de gradient "
                    "$\\boldsymbol{w}^{(t+1)} = \\boldsymbol{w}^{(t)} - \\eta \\nabla f(\\boldsymbol{w}^{(t)})$, la "
                    "matrice $\\boldsymbol{H}^{-1}$ remplace le taux d'apprentissage scalaire $\\eta$ : le pas "
                    "s'adapte à la courbure de chaque direction, petit où $f$ est très courbée, grand où elle l'est "
                    "peu ; en dimension $1$, $\\eta = 1/f''(w^{(t)})$. Sur une fonction quadratique, un seul pas "
                    "atteint le minimum.",
            "en": "It vanishes if and only if $\\boldsymbol{H}(\\boldsymbol{w} - \\boldsymbol{w}^{(t)}) = "
                    "-\\boldsymbol{g}$, that is at $\\boldsymbol{w}^* = \\boldsymbol{w}^{(t)} - "
                    "\\boldsymbol{H}^{-1}\\boldsymbol{g}$ ($\\boldsymbol{H}$, positive definite, is invertible). It "
                    "is the minimum, and the only one: $L(\\boldsymbol{w}) - L(\\boldsymbol{w}^*) = \\frac{1}{2} "
                    "(\\boldsymbol{w} - \\boldsymbol{w}^*)^T \\boldsymbol{H} (\\boldsymbol{w} - \\boldsymbol{w}^*) > "
                    "0$ for $\\boldsymbol{w} \\neq \\boldsymbol{w}^*$.\n\nHence the update $\\boldsymbol{w}^{(t+1)} "
                    "= \\boldsymbol{w}^{(t)} - \\boldsymbol{H}^{-1} \\nabla f(\\boldsymbol{w}^{(t)})$ (Newton's "
                    "method). Compared with gradient descent $\\boldsymbol{w}^{(t+1)} = \\boldsymbol{w}^{(t)} - "
                    "\\eta \\nabla f(\\boldsymbol{w}^{(t)})$, the matrix $\\boldsymbol{H}^{-1}$ replaces the scalar "
                    "learning rate $\\eta$: the step adapts to the curvature of each direction, small where $f$ is "
                    "strongly curved, large where it is flat; in dimension $1$, $\\eta = 1/f''(w^{(t)})$. On a "
                    "quadratic function a single step reaches the minimum.",
        },
    },
    notation={"w_t": "\\boldsymbol{w}^{(t)}"},
    show=(1, 3),
)


@claim("q3.1.every_n", "3.1", "for every n and symmetric positive definite H: grad L = g + H (w - w_t), its only zero "
       "is w* = w_t - H^{-1} g, and w* is the minimiser (Hessian H > 0)", Scope.GENERAL, role=ANSWER,
       write_up=WRITE_UP_3_1_EVERY_N)
def newton_minimiser_every_n() -> Body:
    # Each matrix expression built once and shared by the statement, the printed names and the wrong variants:
    # SymPy canonicalises every MatAdd and MatMul as it is built, most of this claim's build time.
    star = Wt - H.I * G
    grad = G + H * (Wm - Wt)
    gradient_of_l, hessian_of_l = sp.Derivative(model_n(Wm), Wm), sp.Derivative(model_n(Wm), (Wm, 2))
    gap = model_n(Wm) - model_n(star)
    to_star = Wm - star
    h_to_star = H * to_star
    return Body(
        statement=AllOf((
            ("grad L(w) = g + H (w - w_t)", MatrixEqual(gradient_of_l, grad, SPD_H)),
            ("grad L(w*) = 0", MatrixEqual(grad.subs(Wm, star), sp.ZeroMatrix(n, 1), SPD_H)),
            # grad L(w) = H (w - w*): it vanishes only at w = w*, since H is invertible.
            ("grad L(w) = H (w - w*)", MatrixEqual(grad, h_to_star, SPD_H)),
            ("w - w* = H^{-1} grad L(w): grad L(w) = 0 only at w*", MatrixEqual(to_star, H.I * grad, SPD_H)),
            ("the Hessian of L is H", MatrixEqual(hessian_of_l, H, SPD_H)),
            ("L(w) - L(w*) = 1/2 (w - w*)^T H (w - w*)",
             MatrixEqual(gap, HALF * to_star.T * H * to_star, SPD_H)),
            ("1/2 u^T H u > 0 for u != 0 (u = w - w*)", PositiveForm(HALF * U.T * H * U, U, SPD_H)),
        )),
        answer=star,
        notes={"facts": "H symmetric positive definite (so invertible): the only facts the matrix rules may use",
               "uniqueness": "L(w) - L(w*) = 1/2 (w - w*)^T H (w - w*) > 0 for w != w*",
               # Printed names for exact subexpressions (the text defines L and w*); the prover sees them whole.
               "latex": {"names": {
                   gradient_of_l: r"\nabla_{\boldsymbol{w}} L(\boldsymbol{w})",
                   hessian_of_l: r"\nabla^2_{\boldsymbol{w}} L(\boldsymbol{w})",
                   gap: r"L(\boldsymbol{w}) - L(\boldsymbol{w}^*)",
                   # the natural order (g first) and w* kept whole in H (w - w*)
                   grad: r"\boldsymbol{g} + \boldsymbol{H}(\boldsymbol{w} - \boldsymbol{w}^{(t)})",
                   h_to_star: r"\boldsymbol{H}(\boldsymbol{w} - \boldsymbol{w}^*)",
               }}},
        wrong={"w* = w_t - H g": MatrixEqual(grad.subs(Wm, Wt - H * G), sp.ZeroMatrix(n, 1), SPD_H),
               "grad L = g + H^T (w - w_t) / 2": MatrixEqual(gradient_of_l, G + H.T * (Wm - Wt) / 2, SPD_H),
               "w* = w_t + H^{-1} g": MatrixEqual(grad.subs(Wm, Wt + H.I * G), sp.ZeroMatrix(n, 1), SPD_H),
               "L(w) - L(w*) = (w - w*)^T H (w - w*)": MatrixEqual(gap, to_star.T * H * to_star, SPD_H),
               "w* is a maximiser: -1/2 u^T H u > 0": PositiveForm(-HALF * U.T * H * U, U, SPD_H)},
    )
