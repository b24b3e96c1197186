"""Questions 4.1 and 4.2: output sizes of conv stacks, and which networks take inputs of variable size."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.layers import Conv, Dense, GlobalAvgPool, Layer, MaxPool, WindowLayer, min_input_size, output_size
from ..nn.sizes import accepts, nested_formula, size_formula, windows_through
from ..prover import AllOf, Case, Holds, Scope, eq

N = sp.Symbol("N", integer=True, positive=True)
t = sp.Symbol("t", integer=True, nonnegative=True)
u = sp.Symbol("u", integer=True, nonnegative=True)
p = sp.Symbol("p", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)

# Q4.1: Conv-3x3 -> ReLU -> Conv-3x3 -> MaxPool-2x2 (stride 2) -> Conv-3x3 -> ReLU, stride 1 and no padding for the
# convolutions. ReLU does not change sizes, so it is not a layer here.
NET_41 = (Conv(3), Conv(3), MaxPool(2, 2), Conv(3))
NET_41_POOL_STRIDE_1 = (Conv(3), Conv(3), MaxPool(2, 1), Conv(3))
# Q4.2: Conv-5x5 -> ReLU -> Conv-5x5 -> ReLU -> global average pool -> FC-128 -> FC-1.
DENSE_42 = (Dense(128), Dense(1))
NET_42 = (Conv(5), Conv(5), GlobalAvgPool(), *DENSE_42)


# --- sizes ----------------------------------------------------------------------------------------------


# Printed in the order built, so that the formulas read n + 2p - d(k - 1) - 1 as written by hand.
LATEX = {"order": "none"}


def size_chains(layers: Sequence[WindowLayer], n: Any, where: tuple[Any, ...] = ()) -> tuple[Chain, ...]:
    """n_l = floor((n_{l-1} + 2p - (k - 1) - 1)/s) + 1 = value, one chain per layer, values from output_size."""
    out = []
    for i, layer in enumerate(layers, 1):
        before = output_size(layers[: i - 1], n) if i > 1 else n
        out.append(Chain((size_formula(before, layer), output_size(layers[:i], n)), where=where,
                         label=f"layer {i}: {type(layer).__name__} k={layer.window.k}"))
    return tuple(out)


def indicator(condition: Any) -> Any:
    return sp.Piecewise((1, condition), (0, True))


def around(n: Any, centre: int) -> tuple[Case, ...]:
    """n > centre, n < centre, n = centre: a trichotomy the engine proves covers every n (integer or not)."""
    return (Case(f"{n} = {centre} + p", {n: centre + p}), Case(f"{n} = {centre} - p", {n: centre - p}),
            Case(f"{n} = {centre}", {n: centre}))


def accepts_exactly_from(layers: Sequence[Layer], n: Any, smallest: Any) -> Any:
    """[the network runs on n x n] = [n >= smallest] for every integer n."""
    return eq(indicator(accepts(layers, n)), indicator(n >= smallest), cases=around(n, smallest))


WRITE_UP_4_1 = WriteUp(
    text={
        "fr": "Une image $32 \\times 32$ ressort en $12 \\times 12$ : $32 \\to 30 \\to 28 \\to 14 \\to 12$ (formule "
              "$\\lfloor (n + 2p - (k - 1) - 1)/s \\rfloor + 1$ couche par couche, recoupée en comptant une à une "
              "les fenêtres ; la ReLU ne change pas la taille).",
        "en": "A $32 \\times 32$ image comes out $12 \\times 12$: $32 \\to 30 \\to 28 \\to 14 \\to 12$ (the formula "
              "$\\lfloor (n + 2p - (k - 1) - 1)/s \\rfloor + 1$ layer by layer, cross-checked by counting the "
              "windows one by one; ReLU does not change the size).",
    },
    recall={
        "fr": "Résolution de sortie de Conv3x3--ReLU--Conv3x3--MaxPool2x2--Conv3x3--ReLU pour une image $32 \\times "
              "32$ (convolutions de pas $1$ sans remplissage, pooling de pas $2$).",
        "en": "Output resolution of Conv3x3--ReLU--Conv3x3--MaxPool2x2--Conv3x3--ReLU on a $32 \\times 32$ image "
              "(stride-$1$ convolutions without padding, stride-$2$ pooling).",
    },
    definition="symproof.nn.conv:output_size_formula",
    handin={
        "fr": "Une couche de noyau $k$, de pas $s$ et de remplissage $p$ fait passer une carte $n \\times n$ à $o "
              "\\times o$ (ici $d = 1$). La ReLU ne change pas la taille ; couche par couche :",
        "en": "A layer with kernel $k$, stride $s$ and padding $p$ turns an $n \\times n$ map into an $o \\times o$ "
              "one (here $d = 1$). ReLU does not change the size; layer by layer:",
    },
    answer={
        "fr": "$12 \\times 12$ ($32 \\to 30 \\to 28 \\to 14 \\to 12$).",
        "en": "$12 \\times 12$ ($32 \\to 30 \\to 28 \\to 14 \\to 12$).",
    },
    steps={
        "row 1": {
            "fr": "Conv-3x3",
            "en": "Conv-3x3",
        },
        "row 2": {
            "fr": "Conv-3x3",
            "en": "Conv-3x3",
        },
        "row 3": {
            "fr": "MaxPool-2x2",
            "en": "MaxPool-2x2",
        },
        "row 4": {
            "fr": "Conv-3x3",
            "en": "Conv-3x3",
        },
    },
    definition_as="o",
    oracles=(
        "tests/claims/test_q4.py::test_q41_answer_is_torch_output_shape",
    ),
)

@claim("q4.1", "4.1", "a 32 x 32 image through Conv3 -> Conv3 -> MaxPool2 (stride 2) -> Conv3 comes out 12 x 12",
       Scope.INSTANCE, role=ANSWER, write_up=WRITE_UP_4_1)
def output_resolution() -> Body:
    size = output_size(NET_41, 32)
    return Body(
        statement=eq(nested_formula(NET_41, sp.Integer(32)), windows_through(NET_41, 32)),
        answer=sp.Tuple(sp.Integer(size), sp.Integer(size)),
        steps=size_chains(NET_41, sp.Integer(32)),
        notes={"sizes": [32, *(output_size(NET_41[:i], 32) for i in range(1, 5))],
               "relu": "ReLU is applied entrywise and keeps the size", "latex": LATEX},
        wrong={"pooling stride forgotten (stride 1)": eq(output_size(NET_41_POOL_STRIDE_1, 32),
                                                          windows_through(NET_41, 32)),
               "pooling forgotten": eq(output_size((Conv(3), Conv(3), Conv(3)), 32), windows_through(NET_41, 32))},
    )


WRITE_UP_4_1_GENERAL = WriteUp(
    text={
        "fr": "Pour toute entrée $N \\times N$ : le réseau s'applique si et seulement si $N \\geq 10$, et la sortie "
              "est alors de taille $(\\lfloor N/2 \\rfloor - 4) \\times (\\lfloor N/2 \\rfloor - 4)$ ($m - 4$ pour "
              "$N = 2m$ comme pour $N = 2m + 1$).",
        "en": "For every $N \\times N$ input: the network runs if and only if $N \\geq 10$, and the output is then "
              "$(\\lfloor N/2 \\rfloor - 4) \\times (\\lfloor N/2 \\rfloor - 4)$ ($m - 4$ for $N = 2m$ as for $N = "
              "2m + 1$).",
    },
)

@claim("q4.1.general", "4.1", "an N x N input comes out (floor(N/2) - 4) x (floor(N/2) - 4), for every N >= 10",
       Scope.GENERAL, write_up=WRITE_UP_4_1_GENERAL)
def output_resolution_general() -> Body:
    smallest = min_input_size(NET_41)
    closed = sp.floor(N / 2) - 4
    at_least = (Case(f"N = {smallest} + t", {N: smallest + t}),)
    size = output_size(NET_41, N)
    formula = nested_formula(NET_41, N)
    five_up = (Case("m = 5 + t", {m: 5 + t}),)
    return Body(
        statement=AllOf((
            ("the network runs on N x N iff N >= 10",
             accepts_exactly_from(NET_41, N, smallest)),
            ("output size floor(N/2) - 4", eq(formula, closed, N >= smallest, cases=at_least)),
            # Parity written as two universally quantified statements over m, not as a case split of N: the
            # engine reads a case N = 2m as N/2 > 0 and would not check that it only reaches even N.
            ("N = 2m, m >= 5: m - 4", eq(nested_formula(NET_41, 2 * m), m - 4, m >= 5, cases=five_up)),
            ("N = 2m + 1, m >= 5: m - 4", eq(nested_formula(NET_41, 2 * m + 1), m - 4, m >= 5, cases=five_up)),
            ("N = 32 gives the instance's size", eq(sp.Add(sp.floor(sp.Mul(32, sp.Pow(2, -1, evaluate=False),
                                                                          evaluate=False), evaluate=False), -4,
                                                                 evaluate=False), output_size(NET_41, 32))),
        )),
        answer=size,
        steps=size_chains(NET_41, N, (N >= smallest,)),
        notes={"smallest input": smallest, "closed form": closed, "latex": LATEX},
        wrong={"no floor: (N - 6)/2 - 1": eq(formula, (N - 6) / 2 - 1, N >= smallest, cases=at_least),
               "pooling stride forgotten: N - 7": eq(formula, nested_formula(NET_41_POOL_STRIDE_1, N), N >= smallest,
                                                     cases=at_least),
               "runs from N >= 8": accepts_exactly_from(NET_41, N, 8)},
    )


def parameter_shapes(n: Any, channels: Sequence[Any]) -> sp.Matrix:
    """Every dimension of every parameter of the Q4.2 network on an n x n input, as one column.

    Conv weights are (c_out, c_in, 5, 5) and biases (c_out,); a dense layer's fan-in is the number of features it
    receives, channels x (spatial size)^2, with the spatial size computed by output_size for this n.
    """
    c_in, c1, c2 = channels
    dims: list[Any] = [c1, c_in, 5, 5, c1, c2, c1, 5, 5, c2]
    features = c2 * output_size(NET_42[:3], n) ** 2
    for layer in DENSE_42:
        dims += [layer.n_out, features, layer.n_out]
        features = layer.n_out
    return sp.Matrix(dims)


def mlp_first_weight_shape(n: Any, c_in: Any, hidden: Any) -> sp.Matrix:
    """An MLP flattens the c_in x n x n image: its first weight matrix is hidden x (c_in n^2)."""
    return sp.Matrix([hidden, c_in * output_size((), n) ** 2])


WRITE_UP_4_2 = WriteUp(
    text={
        "fr": "Oui pour ce réseau : après les deux Conv-5x5 la carte est de côté $N - 8$, le réseau s'applique à "
              "toute entrée $N \\times N$ avec $N \\geq 9$, et aucune forme de paramètre ne dépend de $N$ (le "
              "pooling moyen global réduit toute carte à $c_2$ nombres). Non pour un perceptron multicouche : sa "
              "première matrice de poids est de taille $H \\times c_{\\mathrm{in}} N^2$, différente pour $N = 9$ et "
              "$N = 10$ ; il faut redimensionner l'entrée.",
        "en": "Yes for this network: after the two Conv-5x5 the map is $N - 8$ wide, the network runs on every $N "
              "\\times N$ input with $N \\geq 9$, and no parameter shape depends on $N$ (the global average pool "
              "turns any map into $c_2$ numbers). No for a multilayer perceptron: its first weight matrix is $H "
              "\\times c_{\\mathrm{in}} N^2$, different for $N = 9$ and $N = 10$; the input must be resized.",
    },
    recall={
        "fr": "Cette architecture (Conv5x5, pooling moyen global, couches denses) accepte-t-elle des images de "
              "taille variable ? Et un perceptron multicouche ?",
        "en": "Can this architecture (Conv5x5, global average pooling, dense layers) take images of variable size? "
              "Can a multilayer perceptron?",
    },
    handin={
        "fr": "Oui. Pour une entrée $N \\times N$, chaque Conv-5x5 (pas $1$, sans remplissage) retire $4$ pixels de "
              "côté :",
        "en": "Yes. For an $N \\times N$ input, each Conv-5x5 (stride $1$, no padding) removes $4$ pixels per side "
              "length:",
    },
    answer={
        "fr": "oui pour ce réseau convolutif (toute entrée $N \\times N$ avec $N \\geq 9$) ; non pour un perceptron "
              "multicouche, dont la première couche fixe la taille de l'entrée.",
        "en": "yes for this convolutional network (every $N \\times N$ input with $N \\geq 9$); no for a multilayer "
              "perceptron, whose first layer fixes the input size.",
    },
    steps={
        "after": {
            "fr": "Le réseau s'applique donc à toute image de côté $N \\geq 9$. Les noyaux ont une taille fixe, et "
                    "le pooling moyen global réduit toute carte $(N - 8) \\times (N - 8)$ à un vecteur de $c_2$ "
                    "nombres (un par canal) : FC-128 reçoit toujours $c_2$ entrées, et aucun paramètre ne dépend de "
                    "$N$.\n\nUn perceptron multicouche, lui, ne le peut pas : il aplatit l'image en un vecteur de "
                    "$c_{\\mathrm{in}} N^2$ composantes, et sa première matrice de poids a $c_{\\mathrm{in}} N^2$ "
                    "colonnes. Passer de $N$ à $N + 1$ en ajoute $c_{\\mathrm{in}}(2N + 1)$ : un même perceptron "
                    "n'accepte qu'une taille d'entrée. Il faut alors redimensionner (ou recadrer) les images à cette "
                    "taille, ce qui modifie l'entrée au lieu de la traiter telle quelle.",
            "en": "The network therefore applies to every image of side $N \\geq 9$. The kernels have a fixed "
                    "size, and global average pooling reduces any $(N - 8) \\times (N - 8)$ map to a vector of $c_2$ "
                    "numbers (one per channel): FC-128 always receives $c_2$ inputs, and no parameter depends on "
                    "$N$.\n\nA multilayer perceptron cannot: it flattens the image into a vector of "
                    "$c_{\\mathrm{in}} N^2$ components, and its first weight matrix has $c_{\\mathrm{in}} N^2$ "
                    "columns. Going from $N$ to $N + 1$ adds $c_{\\mathrm{in}}(2N + 1)$ of them: one perceptron "
                    "accepts one input size only. The images must then be resized (or cropped) to that size, which "
                    "changes the input instead of processing it as it is.",
        },
    },
    oracles=(
        "tests/claims/test_q4.py::test_q42_torch_net_runs_from_nine_pixels_with_fixed_parameters",
        "tests/claims/test_q4.py::test_q42_mlp_first_layer_rejects_another_size",
    ),
)

@claim("q4.2", "4.2", "Conv5 -> Conv5 -> global average pool -> FC-128 -> FC-1 takes every input of size >= 9 x 9; "
       "an MLP does not", Scope.GENERAL, role=ANSWER, write_up=WRITE_UP_4_2)
def variable_input_size() -> Body:
    c_in, c1, c2, hidden = sp.symbols("c_in c_1 c_2 H", integer=True, positive=True)
    channels = (c_in, c1, c2)
    smallest = min_input_size(NET_42)
    mlp = mlp_first_weight_shape(N, c_in, hidden)
    return Body(
        statement=AllOf((
            ("after the two convolutions the map is N - 8 wide", eq(nested_formula(NET_42[:2], N), N - 8)),
            ("the network runs on N x N iff N >= 9", accepts_exactly_from(NET_42, N, smallest)),
            ("no parameter shape depends on the input size: equal for any two N, M >= 9",
             eq(parameter_shapes(smallest + t, channels), parameter_shapes(smallest + u, channels))),
            ("an MLP's first weight matrix is H x (c_in N^2): its width differs between 9 x 9 and 10 x 10",
             Holds(sp.Ne(mlp.subs(N, smallest)[1], mlp.subs(N, smallest + 1)[1], evaluate=False))),
        )),
        answer=sp.true,
        steps=size_chains(NET_42[:2], N),
        notes={"smallest input": smallest, "latex": LATEX,
               "global pool": "the global average pool turns any c_2 x h x w map into c_2 numbers",
               "mlp": "an MLP needs the input resized (or cropped/padded) to the size it was built for"},
        wrong={"takes every input of size >= 5 x 5": accepts_exactly_from(NET_42, N, 5),
               "an MLP's weight shapes do not depend on N either":
                   eq(mlp_first_weight_shape(smallest + t, c_in, hidden),
                      mlp_first_weight_shape(smallest + u, c_in, hidden))},
    )


WRITE_UP_4_2_MLP = WriteUp(
    text={
        "fr": "Non : un perceptron multicouche aplatit l'image, sa première matrice de poids est de taille $H "
              "\\times c_{\\mathrm{in}} N^2$, et un pixel de plus de côté lui ajoute $c_{\\mathrm{in}}(2N + 1) > 0$ "
              "colonnes, pour tout $N$ : il faut redimensionner (ou recadrer) l'entrée à la taille prévue.",
        "en": "No: a multilayer perceptron flattens the image, its first weight matrix is $H \\times "
              "c_{\\mathrm{in}} N^2$, and one more pixel of side adds $c_{\\mathrm{in}}(2N + 1) > 0$ columns, for "
              "every $N$: the input must be resized (or cropped) to the size it was built for.",
    },
)

@claim("q4.2.mlp", "4.2", "an MLP does not take inputs of variable size without resizing them: its first weight matrix "
       "has c_in N^2 columns, a different shape for every N", Scope.GENERAL, write_up=WRITE_UP_4_2_MLP)
def mlp_fixed_input_size() -> Body:
    c_in, hidden = sp.symbols("c_in H", integer=True, positive=True)
    width = mlp_first_weight_shape(N, c_in, hidden)[1]
    grown = width.subs(N, N + 1) - width
    return Body(
        statement=AllOf((
            ("the first weight matrix is H x (c_in N^2)", eq(mlp_first_weight_shape(N, c_in, hidden),
                                                              sp.Matrix([hidden, c_in * N**2]))),
            ("one more pixel of side adds c_in (2N + 1) > 0 columns, for every N",
             Holds(sp.StrictGreaterThan(grown, 0, evaluate=False), certificate=c_in * (2 * N + 1))),
        )),
        answer=sp.false,
        steps=(Chain((grown, c_in * (N + 1) ** 2 - c_in * N**2, c_in * (2 * N + 1))),),
        notes={"mlp": "an MLP needs the input resized (or cropped/padded) to the size it was built for"},
        wrong={"the width does not depend on N": eq(width.subs(N, N + 1), width)},
    )
