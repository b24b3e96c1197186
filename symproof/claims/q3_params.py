"""Question 3.2: an MLP with layer sizes n_0 ... n_L has sum_l (n_{l-1} + 1) n_l parameters; the size of H."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..prover import AllOf, Scope, eq

L = sp.Symbol("L", integer=True, positive=True)
l = sp.Symbol("l", integer=True)  # noqa: E741 - the assignment's layer index
N_SIZES = sp.IndexedBase("n", integer=True, positive=True)
SIZES = (32, 512, 512, 10)
FLOAT64_BYTES = 8


def closed_form(depth: Any, sizes: Any = N_SIZES) -> Any:
    """P = sum_{l=1}^{L} (n_{l-1} + 1) n_l: each layer has an n_l x n_{l-1} weight matrix and n_l biases."""
    return sp.Sum((sizes[l - 1] + 1) * sizes[l], (l, 1, depth))


def layer_shapes(sizes: Sequence[Any]) -> list[tuple[sp.MatrixSymbol, sp.MatrixSymbol]]:
    """(W_l, b_l) for each layer, W_l of shape n_l x n_{l-1} and b_l of shape n_l x 1, as in torch.nn.Linear."""
    return [(sp.MatrixSymbol(f"W_{k}", sizes[k], sizes[k - 1]), sp.MatrixSymbol(f"b_{k}", sizes[k], 1))
            for k in range(1, len(sizes))]


def count_entries(sizes: Sequence[Any]) -> Any:
    """Count every entry of every W_l and b_l, from their shapes: an independent count of the closed form."""
    return sp.Add(*(Wl.rows * Wl.cols + bl.rows * bl.cols for Wl, bl in layer_shapes(sizes)))


WRITE_UP_3_2 = WriteUp(
    text={
        "fr": "Un perceptron de tailles de couches $n_0, \\dots, n_L$ a $P(L) = \\sum_{l=1}^{L} (n_{l-1} + 1)\\, "
              "n_l$ paramètres (biais compris) : démontré par récurrence sur $L$ ($P(1)$ compte $W_1$ et "
              "$\\boldsymbol{b}_1$ ; passer à $L + 1$ ajoute les coefficients de $W_{L+1}$ et "
              "$\\boldsymbol{b}_{L+1}$), et recoupé à la profondeur $3$ par le décompte des formes.",
        "en": "A perceptron with layer sizes $n_0, \\dots, n_L$ has $P(L) = \\sum_{l=1}^{L} (n_{l-1} + 1)\\, n_l$ "
              "parameters (biases included): proven by induction on $L$ ($P(1)$ counts $W_1$ and "
              "$\\boldsymbol{b}_1$; going to $L + 1$ adds the entries of $W_{L+1}$ and $\\boldsymbol{b}_{L+1}$), and "
              "cross-checked at depth $3$ by counting the shapes.",
    },
    steps={
        "sum_notation": {"fr": "notation $\\sum$",
                        "en": "$\\sum$ notation"},
    },
    oracles=(
        "tests/claims/test_q3.py::test_closed_form_matches_torch_on_random_architectures",
    ),
)

@claim("q3.2.general", "3.2", "an MLP with layer sizes n_0 ... n_L has sum_l (n_{l-1} + 1) n_l parameters",
       Scope.GENERAL, write_up=WRITE_UP_3_2)
def parameter_count() -> Body:
    n3 = [N_SIZES[k] for k in range(4)]
    no_bias = sp.Sum(N_SIZES[l - 1] * N_SIZES[l], (l, 1, L))
    return Body(
        statement=AllOf((
            ("one layer: P(1) = (n_0 + 1) n_1", eq(closed_form(1), count_entries(n3[:2]))),
            ("adding layer L + 1 adds its W and b: P(L + 1) = P(L) + (n_L + 1) n_{L+1}",
             eq(closed_form(L + 1), closed_form(L) + count_entries([N_SIZES[L], N_SIZES[L + 1]]))),
            ("depth 3, symbolic sizes: counting W_1, b_1, ..., W_3, b_3", eq(closed_form(3), count_entries(n3))),
        )),
        answer=closed_form(L),
        steps=(Chain((count_entries(n3), sp.Add(*(n3[k] * n3[k - 1] + n3[k] for k in (1, 2, 3))), closed_form(3)),
                     why=("weights_and_biases", "sum_notation"), label="depth 3"),),
        wrong={"forgetting the biases": eq(closed_form(3), no_bias.subs(L, 3)),
               "one bias per input unit": eq(closed_form(3), sp.Sum((N_SIZES[l] + 1) * N_SIZES[l - 1], (l, 1, 3)))},
    )


WRITE_UP_3_2_MLP = WriteUp(
    text={
        "fr": "Pour le perceptron 32--512--512--10 : $N = 33 \\cdot 512 + 513 \\cdot 512 + 513 \\cdot 10 = "
              "284\\,682$ paramètres, donc $\\boldsymbol{H}$ est de taille $N \\times N$ : $N^2 = "
              "81\\,043\\,841\\,124$ coefficients, soit $8N^2$ octets (environ $648$~Go) en \\texttt{float64}.",
        "en": "For the 32--512--512--10 perceptron: $N = 33 \\cdot 512 + 513 \\cdot 512 + 513 \\cdot 10 = 284{,}682$ "
              "parameters, so $\\boldsymbol{H}$ is $N \\times N$: $N^2 = 81{,}043{,}841{,}124$ entries, that is "
              "$8N^2$ bytes (about $648$~GB) in \\texttt{float64}.",
    },
    recall={
        "fr": "Nombre de paramètres (biais compris) du perceptron 32--512--512--10 et taille de $\\boldsymbol{H}$.",
        "en": "Number of parameters (biases included) of the 32--512--512--10 perceptron, and the size of "
              "$\\boldsymbol{H}$.",
    },
    steps={
        "after": {
            "fr": "La hessienne a une ligne et une colonne par paramètre : $\\boldsymbol{H}$ est de taille $N "
                    "\\times N$ avec $N = 284\\,682$, soit $N^2 \\approx 8{,}1 \\times 10^{10}$ coefficients "
                    "(environ $648$~Go en double précision), d'où l'intérêt de ne calculer que des produits "
                    "$\\boldsymbol{H}\\boldsymbol{v}$.",
            "en": "The Hessian has one row and one column per parameter: $\\boldsymbol{H}$ is $N \\times N$ with "
                    "$N = 284{,}682$, that is $N^2 \\approx 8.1 \\times 10^{10}$ entries (about $648$~GB in double "
                    "precision), hence the interest of computing only products $\\boldsymbol{H}\\boldsymbol{v}$.",
        },
        "arithmetic": {"fr": "calcul",
                      "en": "arithmetic"},
    },
    handin={
        "fr": "Une couche dense de $n_{\\mathrm{in}}$ entrées et $n_{\\mathrm{out}}$ sorties a $n_{\\mathrm{out}} "
              "\\times n_{\\mathrm{in}}$ poids et $n_{\\mathrm{out}}$ biais. Pour les couches $32 \\to 512 \\to 512 "
              "\\to 10$, le nombre de paramètres est",
        "en": "A dense layer with $n_{\\mathrm{in}}$ inputs and $n_{\\mathrm{out}}$ outputs has $n_{\\mathrm{out}} "
              "\\times n_{\\mathrm{in}}$ weights and $n_{\\mathrm{out}}$ biases. For the layers $32 \\to 512 \\to "
              "512 \\to 10$ the number of parameters is",
    },
    answer={
        "fr": "$N = 284\\,682$ paramètres ; $\\boldsymbol{H}$ est de taille $284\\,682 \\times 284\\,682$.",
        "en": "$N = 284{,}682$ parameters; $\\boldsymbol{H}$ is $284{,}682 \\times 284{,}682$.",
    },
    oracles=(
        "tests/claims/test_q3.py::test_parameter_count_matches_torch",
        "tests/nn/test_mlp.py::test_param_count_equals_torch_sequential_and_init_size",
    ),
)

@claim("q3.2.mlp", "3.2", "the 32-512-512-10 MLP has N parameters and H is N x N: N^2 entries, 8 N^2 bytes in float64",
       Scope.INSTANCE, role=ANSWER, write_up=WRITE_UP_3_2_MLP)
def parameter_count_instance() -> Body:
    values = {N_SIZES[k]: v for k, v in enumerate(SIZES)}
    by_formula = closed_form(len(SIZES) - 1).doit().xreplace(values)
    N = int(by_formula)
    counted = count_entries(SIZES)
    H = sp.MatrixSymbol("H", N, N)
    key_style_wrong = 512 * 32 + 512 * 512 + 512 * 10 + 32 + 512 + 512  # biases of the input, not the output
    return Body(
        statement=AllOf((
            ("closed form = count of every W_l and b_l", eq(by_formula, counted)),
            ("H has N^2 entries", eq(H.rows * H.cols, counted**2)),
            ("8 N^2 bytes in float64", eq(FLOAT64_BYTES * H.rows * H.cols, FLOAT64_BYTES * counted**2)),
        )),
        answer=N,
        steps=(Chain((sp.Add(*(sp.Mul(SIZES[k - 1] + 1, SIZES[k], evaluate=False) for k in range(1, 4)),
                             evaluate=False),
                      sp.Add(*(sp.Mul(SIZES[k], SIZES[k - 1], evaluate=False) for k in range(1, 4)), *SIZES[1:],
                             evaluate=False),
                      counted), why=("weights_and_biases", "arithmetic"), label="N"),),
        # the layers' order, 32 -> 512 -> 512 -> 10, as the text counts them (SymPy would sort the terms)
        notes={"latex": {"order": "none"}, "N": N, "H shape": (N, N), "H entries": N**2,
               "H bytes (float64)": FLOAT64_BYTES * N**2, "H gigabytes": FLOAT64_BYTES * N**2 / 1e9},
        wrong={"forgetting the biases": eq(sum(SIZES[k - 1] * SIZES[k] for k in range(1, 4)), counted),
               "key-style sum with input biases 32 + 512 + 512": eq(key_style_wrong, counted)},
    )


WRITE_UP_3_2_HESSIAN = WriteUp(
    text={
        "fr": "$\\boldsymbol{H}$ a une ligne et une colonne par paramètre : c'est une matrice $N \\times N$ avec $N "
              "= 284\\,682$, le nombre d'entrées du vecteur de paramètres du modèle, égal à la formule fermée.",
        "en": "$\\boldsymbol{H}$ has one row and one column per parameter: it is an $N \\times N$ matrix with $N = "
              "284{,}682$, the number of entries of the model's parameter vector, equal to the closed form.",
    },
)

@claim("q3.2.hessian", "3.2", "the Hessian of the 32-512-512-10 MLP's loss is an N x N matrix, N its parameter count",
       Scope.INSTANCE, write_up=WRITE_UP_3_2_HESSIAN)
def hessian_size() -> Body:
    from ..nn.mlp import MLP  # the numpy model: its flat parameter vector is counted, not a formula

    by_formula = int(closed_form(len(SIZES) - 1).doit().xreplace({N_SIZES[k]: v for k, v in enumerate(SIZES)}))
    w = MLP(SIZES).init(0)
    # H_ij = d^2 f / dw_i dw_j for i, j over the entries of w: one row and one column per parameter.
    shape = sp.Tuple(w.size, w.size)
    weights_only = sum(SIZES[k - 1] * SIZES[k] for k in range(1, len(SIZES)))
    return Body(
        statement=AllOf((
            ("N by the closed form = entries of the model's parameter vector", eq(by_formula, w.size)),
            ("H is N x N", eq(shape, sp.Tuple(by_formula, by_formula))),
        )),
        answer=sp.Tuple(by_formula, by_formula),
        notes={"N": by_formula},
        wrong={"weights only, no biases": eq(shape, sp.Tuple(weights_only, weights_only)),
               "N x (number of outputs)": eq(shape, sp.Tuple(by_formula, SIZES[-1]))},
    )
