"""Questions 4.3 and 4.4: a convolution and a transposed convolution as matrices."""

from __future__ import annotations

import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.conv import (
    conv2d_matrix,
    conv_output_size,
    conv_transpose2d_matrix,
    conv_transpose_output_size,
    symbolic_image,
    symbolic_kernel,
)
from ..nn.reference import column_major_rows, direct_conv, padded, rotated, scatter, vec
from ..prover import AllOf, Scope, eq

# --- convolutions as matrices ----------------------------------------------------------------------------


WRITE_UP_4_3 = WriteUp(
    text={
        "fr": "Avec un pas de $2$ et un remplissage de $1$, la sortie est $2 \\times 2$ et vaut "
              "$\\operatorname{vec}(Y) = A \\operatorname{vec}(X)$ avec la matrice $A$ ($4 \\times 9$) ci-dessous, "
              "vérifié coefficient par coefficient contre la définition (corrélation croisée, comme en apprentissage "
              "profond ; vectorisation ligne par ligne).",
        "en": "With stride $2$ and padding $1$ the output is $2 \\times 2$ and $\\operatorname{vec}(Y) = A "
              "\\operatorname{vec}(X)$ with the $4 \\times 9$ matrix $A$ below, checked entry by entry against the "
              "definition (cross-correlation, as in deep learning; row-major flattening).",
    },
    recall={
        "fr": "Sortie de la convolution de $X$ ($3 \\times 3$) par $W$ ($3 \\times 3$), pas $2$, remplissage $1$ ; "
              "matrice $A$ de cette application linéaire (vectorisation ligne par ligne).",
        "en": "Output of convolving $X$ ($3 \\times 3$) with $W$ ($3 \\times 3$), stride $2$, padding $1$; the "
              "matrix $A$ of this linear map (row-major flattening).",
    },
    handin={
        "fr": "Avec un remplissage de $1$, l'entrée devient $5 \\times 5$, où un noyau $3 \\times 3$ de pas $2$ "
              "tient en $\\lfloor (5 - 3)/2 \\rfloor + 1 = 2$ positions par direction : $Y$ est $2 \\times 2$, et "
              "$y_{a,b} = \\sum_{i,j=0}^{2} w_{i,j}\\, x_{2a + i - 1,\\, 2b + j - 1}$ (corrélation croisée, comme en "
              "apprentissage profond ; un $x$ hors de l'image vaut $0$). En aplatissant $X$ et $Y$ ligne par ligne :",
        "en": "With padding $1$ the input becomes $5 \\times 5$, where a $3 \\times 3$ kernel with stride $2$ fits "
              "in $\\lfloor (5 - 3)/2 \\rfloor + 1 = 2$ positions per direction: $Y$ is $2 \\times 2$, and $y_{a,b} "
              "= \\sum_{i,j=0}^{2} w_{i,j}\\, x_{2a + i - 1,\\, 2b + j - 1}$ (cross-correlation, as in deep "
              "learning; an $x$ outside the image is $0$). Flattening $X$ and $Y$ row by row:",
    },
    answer={
        "fr": "$Y$ est $2 \\times 2$ et $\\operatorname{vec}(Y) = A \\operatorname{vec}(X)$ avec la matrice $A$ ($4 "
              "\\times 9$) ci-dessus.",
        "en": "$Y$ is $2 \\times 2$ and $\\operatorname{vec}(Y) = A \\operatorname{vec}(X)$ with the $4 \\times 9$ "
              "matrix $A$ above.",
    },
    show=(2,),
    oracles=(
        "tests/claims/test_q4.py::test_q43_matrix_is_torch_conv2d",
        "tests/nn/test_conv.py::test_conv2d_matrix_matches_torch_conv2d_on_random_configurations",
    ),
)

@claim("q4.3", "4.3", "a 3x3 kernel, stride 2, zero padding 1 on a 3x3 input is y = A vec(X) with a 4 x 9 matrix A",
       Scope.INSTANCE, role=ANSWER, write_up=WRITE_UP_4_3)
def convolution_matrix() -> Body:
    w, x = symbolic_kernel(3), symbolic_image(3)
    a = conv2d_matrix(w, 3, stride=2, padding=1)
    y = direct_conv(x, w, 2, (1, 1, 1, 1))
    out = conv_output_size(3, 3, 2, 1)
    flipped = conv2d_matrix(rotated(w), 3, stride=2, padding=1)
    return Body(
        statement=AllOf((
            ("the output is 2 x 2", eq(sp.Matrix(y.shape), sp.Matrix([out, out]))),
            ("A vec(X) = vec(W * X), entry by entry", eq(a * vec(x), vec(y))),
        )),
        answer=a,
        steps=(Chain((direct_conv(x, w, 2, (1, 1, 1, 1), evaluate=False), y), label="the definition, zeros kept"),
               Chain((vec(y), sp.MatMul(a, vec(x), evaluate=False)), label="vec(Y) = A vec(X)")),
        notes={"output": y, "padded input": padded(x, 1, 1, 1, 1)},
        wrong={"flipped kernel (true convolution)": eq(flipped * vec(x), vec(y)),
               "padding on the bottom and right only": eq(a * vec(x), vec(direct_conv(x, w, 2, (0, 0, 2, 2)))),
               "no padding": eq(conv2d_matrix(w, 3, stride=2, padding=0), a)},
    )


WRITE_UP_4_4 = WriteUp(
    text={
        "fr": "La convolution transposée (pas $2$, sans remplissage) donne une sortie $4 \\times 4$, $Y = X \\otimes "
              "W$ (bloc $(i, j)$ égal à $x_{i,j} W$) ; elle est linéaire : $\\operatorname{vec}(Y) = T "
              "\\operatorname{vec}(X)$ avec $T$ ($16 \\times 4$) ci-dessous, et $T = A^T$ où $A$ est la matrice de "
              "la convolution de pas $2$ sur une entrée $4 \\times 4$.",
        "en": "The transposed convolution (stride $2$, no padding) gives a $4 \\times 4$ output, $Y = X \\otimes W$ "
              "(block $(i, j)$ is $x_{i,j} W$); it is linear: $\\operatorname{vec}(Y) = T \\operatorname{vec}(X)$ "
              "with the $16 \\times 4$ matrix $T$ below, and $T = A^T$ where $A$ is the matrix of the stride-$2$ "
              "convolution on a $4 \\times 4$ input.",
    },
    recall={
        "fr": "Convolution transposée de $X$ ($2 \\times 2$) par $W$ ($2 \\times 2$), pas $2$, sans remplissage : "
              "est-elle linéaire ? Donner sa matrice.",
        "en": "Transposed convolution of $X$ ($2 \\times 2$) with $W$ ($2 \\times 2$), stride $2$, no padding: is it "
              "linear? Give its matrix.",
    },
    handin={
        "fr": "La convolution transposée de pas $2$ place une copie de $W$, multipliée par $x_{i,j}$, dans le bloc "
              "$2 \\times 2$ d'indice $(i, j)$ de la sortie ; comme le pas égale la taille du noyau, les blocs ne se "
              "chevauchent pas : $Y = X \\otimes W$ (produit de Kronecker) est $4 \\times 4$. Chaque $y$ est une "
              "combinaison linéaire des $x_{i,j}$, donc l'application est linéaire ; ligne par ligne :",
        "en": "The transposed convolution with stride $2$ puts a copy of $W$, multiplied by $x_{i,j}$, in the $2 "
              "\\times 2$ block $(i, j)$ of the output; as the stride equals the kernel size, the blocks do not "
              "overlap: $Y = X \\otimes W$ (Kronecker product) is $4 \\times 4$. Every $y$ is a linear combination "
              "of the $x_{i,j}$, so the map is linear; row by row:",
    },
    answer={
        "fr": "oui, $\\operatorname{vec}(Y) = T \\operatorname{vec}(X)$ avec la matrice $T$ ($16 \\times 4$) "
              "ci-dessus.",
        "en": "yes, $\\operatorname{vec}(Y) = T \\operatorname{vec}(X)$ with the $16 \\times 4$ matrix $T$ above.",
    },
    steps={
        "after": {
            "fr": "De plus $T = A^T$, où $A$ ($4 \\times 16$) est la matrice de la convolution de noyau $W$ et de "
                    "pas $2$ sur une entrée $4 \\times 4$ : d'où le nom de convolution transposée.",
            "en": "Moreover $T = A^T$, where $A$ ($4 \\times 16$) is the matrix of the convolution with kernel $W$ "
                    "and stride $2$ on a $4 \\times 4$ input: hence the name transposed convolution.",
        },
    },
    show=(2,),
    oracles=(
        "tests/claims/test_q4.py::test_q44_matrix_is_torch_conv_transpose2d",
        "tests/claims/test_q4.py::test_q44_matrix_is_the_adjoint_of_torch_conv2d",
    ),
)

@claim("q4.4", "4.4", "the 2x2 transposed convolution with stride 2 on a 2x2 input is linear: vec(Y) = T vec(X), "
       "T (16 x 4) = A^T", Scope.INSTANCE, role=ANSWER, write_up=WRITE_UP_4_4)
def transposed_convolution_matrix() -> Body:
    w, x, z = symbolic_kernel(2), symbolic_image(2), symbolic_image(2, name="z")
    alpha, beta = sp.symbols("alpha beta")
    t_matrix = conv_transpose2d_matrix(w, 2, stride=2, padding=0)
    y = scatter(x, w, 2)
    out = conv_transpose_output_size(2, 2, 2, 0)
    forward = conv2d_matrix(w, out, stride=2, padding=0)
    return Body(
        statement=AllOf((
            ("the output is 4 x 4", eq(sp.Matrix(y.shape), sp.Matrix([out, out]))),
            ("T vec(X) = vec(Y), entry by entry", eq(t_matrix * vec(x), vec(y))),
            ("the map is linear: T(alpha X + beta Z) = alpha T(X) + beta T(Z)",
             eq(scatter(alpha * x + beta * z, w, 2), alpha * scatter(x, w, 2) + beta * scatter(z, w, 2))),
            ("T is the transpose of the stride-2 convolution's matrix on a 4 x 4 input", eq(t_matrix, forward.T)),
            ("here Y is the Kronecker product X (x) W: x_ij W in block (i, j)", eq(y, sp.kronecker_product(x, w))),
        )),
        answer=t_matrix,
        steps=(Chain((y, sp.kronecker_product(x, w)), label="Y = X (x) W"),
               Chain((vec(y), sp.MatMul(t_matrix, vec(x), evaluate=False)), label="vec(Y) = T vec(X)"),
               Chain((t_matrix, forward.T), label="T = A^T")),
        notes={"output": y, "forward matrix": forward},
        wrong={"transpose of the stride-1 convolution's matrix": eq(t_matrix, conv2d_matrix(w, out, stride=1).T),
               "output flattened column by column": eq(column_major_rows(t_matrix, out, out), t_matrix),
               "Y = W (x) X": eq(y, sp.kronecker_product(w, x))},
    )
