"""Question 5.4: on 7 x 7 images output pixel (0, 0) cannot see the opposite corner, residual connections or not."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..claim import ANSWER, Body, WriteUp, claim
from ..figure import Figure
from ..nn.conv import conv2d_channels_matrix, symbolic_image
from ..nn.generic import generic_function
from ..nn.layers import Residual, pattern, receptive_field
from ..nn.patterns import channel_pattern, placements, sees, support
from ..nn.reference import net_pixel, unevaluated_relu
from ..prover import AllOf, Check, CheckResult, Holds, MatrixEqual, Scope, eq
from .q5_receptive_field import draw_field
from .q5_sizes import LAYER, NET

SIDE = 7  # the 7 x 7 images of Q5.4
CHANNELS = (1, 16, 16, 16, 1)


# --- Q5.4: what output pixel (0, 0) cannot see -------------------------------------------------------------


def reaches(depth: int, out: tuple[int, int], inp: tuple[int, int]) -> bool:
    """Can output pixel `out` of `depth` layers depend on input pixel `inp` of the 7 x 7 image?"""
    return sees((LAYER,) * depth, SIDE, out, inp)


def derivative_check(side: int) -> CheckResult:
    """d out[0,0] / d x[n-1,n-1] is 0 with a generic activation, while the derivative for a pixel it reads is not
    (so the computation is not blind); the pixels read agree with the sparsity pattern of four conv matrices."""
    x = symbolic_image(side)
    # a generic activation: any smooth sigma, whose derivative is the generic sigma_1 (SymPy's undefined function
    # would differentiate into Subs objects, each built by printing its point: 0.04 s of this check)
    out, read = net_pixel(x, generic_function("sigma", 1))
    far, near = sp.diff(out, x[side - 1, side - 1]), sp.diff(out, x[4, 4])
    found = {int(c) for c in np.flatnonzero(pattern(NET, side)[0])}
    return CheckResult(far == 0 and near != 0 and read == found,
                       {f"d out[0,0]/d x[{side - 1},{side - 1}]": str(far), "d out[0,0]/d x[4,4] is 0": str(near == 0),
                        "pixels read": str(len(read)), "same pixels as the pattern": str(read == found)})


def two_images_check(side: int) -> CheckResult:
    x = symbolic_image(side)
    other = x.copy()
    other[side - 1, side - 1] = sp.Symbol("y")
    same = net_pixel(x, unevaluated_relu)[0] == net_pixel(other, unevaluated_relu)[0]
    return CheckResult(same, {"identical expressions": str(same)})


def _multichannel(side: int, channels: Sequence[int]) -> tuple[bool, bool, dict[str, str]]:
    """(reads the same pixels as one channel, reads the far corner, detail) for out[0, 0] of the multi-channel net."""
    multi = support(channel_pattern(LAYER, side, channels)[0])
    single = support(pattern((LAYER,) * (len(channels) - 1), side)[0])
    corner = bool(multi[side * side - 1])
    reached = np.flatnonzero(multi)
    box = f"rows {sorted({int(r) // side for r in reached})}, cols {sorted({int(r) % side for r in reached})}"
    same = bool(np.array_equal(multi, single))
    return same, corner, {"out[0,0] reads": box, "same as one channel": str(same),
                          f"reads x[{side - 1},{side - 1}]": str(corner)}


def multichannel_check(side: int, channels: Sequence[int]) -> CheckResult:
    """out[0, 0] of the 1 -> 16 -> 16 -> 16 -> 1 net reads the same pixels as one channel does, and not x[6, 6]."""
    same, corner, detail = _multichannel(side, channels)
    return CheckResult(same and not corner, detail)


def far_corner_read(side: int, channels: Sequence[int]) -> CheckResult:
    _, corner, detail = _multichannel(side, channels)
    return CheckResult(corner, detail)


def residual_check(side: int) -> CheckResult:
    """Every placement of residual blocks over the four layers: field 9, and out[0, 0] never reads x[6, 6]."""
    every = list(placements(NET))
    sizes = {receptive_field(p).size for p in every}
    corner = [p for p in every if pattern(p, side)[0, side * side - 1] > 0]
    return CheckResult(sizes == {receptive_field(NET).size} and not corner,
                       {"placements": str(len(every)), "receptive field sizes": str(sorted(sizes)),
                        "placements reading the far corner": str(len(corner))})


def _draw_receptive_field(fig: Any) -> None:
    draw_field(fig, 7, (0, 0), (6, 6))


RECEPTIVE_FIELD = Figure("receptive_field", _draw_receptive_field, ("symproof.nn.conv", "symproof.nn.layers"),
                         size=(3.0, 3.0))


WRITE_UP_5_4 = WriteUp(
    steps={
        "SymPy's diff of the symbolic net's out[0,0] (builder's conv matrices, symbolic kernels and biases, a "
        "generic differentiable activation sigma)": {
            "fr": "dérivée (SymPy) de la sortie $(0, 0)$ du réseau symbolique : noyaux et biais symboliques, "
                  "activation $\\sigma$ dérivable quelconque",
            "en": "derivative (SymPy) of output $(0, 0)$ of the symbolic network: symbolic kernels and biases, any "
                  "differentiable activation $\\sigma$"},
        "the symbolic ReLU net run on both images: the two expressions are identical": {
            "fr": "le réseau ReLU symbolique appliqué aux deux images donne deux expressions identiques",
            "en": "the symbolic ReLU network run on both images gives two identical expressions"},
        "products of the multi-channel sparsity patterns (exact integers)": {
            "fr": "produit des supports des couches à plusieurs canaux, en entiers exacts",
            "en": "product of the supports of the multi-channel layers, in exact integers"},
        "products of the sparsity patterns (exact integers)": {
            "fr": "produit des supports, en entiers exacts",
            "en": "product of the supports, in exact integers"},
        "every placement: receptive_field and I + body sparsity patterns": {
            "fr": "chaque placement de blocs résiduels : champ récepteur et support de $I + {}$(corps du bloc)",
            "en": "every placement of residual blocks: receptive field and support of $I + {}$(the block's body)"},
    },
    text={
        "fr": "Non. Sur les images $7 \\times 7$, le pixel de sortie $(0, 0)$ ne dépend pas de $x_{6,6}$ : sa "
              "dérivée par rapport à $x_{6,6}$ est nulle quelle que soit l'activation, son champ s'arrête à la ligne "
              "et à la colonne $4 < 6$, et il en va de même avec $16$ canaux intermédiaires. Deux images qui ne "
              "diffèrent qu'en $x_{6,6}$, l'une aux coins égaux (cible blanche) et l'autre aux coins différents "
              "(cible noire), reçoivent donc la même sortie : l'une des deux est fausse, et 100~\\% de précision est "
              "impossible. Voir les deux coins demande un champ de $2 \\times 7 - 1 = 13$, soit six couches. Des "
              "connexions résiduelles, placées n'importe où sur les quatre couches, ne changent rien : champ "
              "toujours $9 \\times 9$, $x_{6,6}$ toujours hors de portée.",
        "en": "No. On the $7 \\times 7$ images, output pixel $(0, 0)$ does not depend on $x_{6,6}$: its derivative "
              "with respect to $x_{6,6}$ is zero whatever the activation, its field ends at row and column $4 < 6$, "
              "and the same holds with $16$ intermediate channels. Two images that differ only at $x_{6,6}$, one "
              "with equal corners (white target) and one with different corners (black target), therefore get the "
              "same output: one of them is wrong, and 100\\% accuracy is impossible. Seeing both corners needs a "
              "field of $2 \\times 7 - 1 = 13$, i.e.\\ six layers. Residual connections placed anywhere over the "
              "four layers change nothing: the field is still $9 \\times 9$ and $x_{6,6}$ still out of reach.",
    },
    recall={
        "fr": "Sur les images $7 \\times 7$ dont la sortie dépend des deux coins opposés, le modèle peut-il "
              "atteindre 100~\\% de précision ? Une connexion résiduelle change-t-elle quelque chose ?",
        "en": "On the $7 \\times 7$ images whose output depends on both opposite corners, can the model reach "
              "100\\,\\% accuracy? Does a residual connection change anything?",
    },
    figure=RECEPTIVE_FIELD,
    caption={
        "fr": "Champ récepteur du pixel de sortie en haut à gauche après quatre convolutions $3 \\times 3$ (pas $1$, "
              "remplissage $1$) sur la grille $7 \\times 7$ : le coin opposé est en dehors.",
        "en": "Receptive field of the top-left output pixel after four $3 \\times 3$ convolutions (stride $1$, "
              "padding $1$) on the $7 \\times 7$ grid: the opposite corner lies outside.",
    },
    handin={
        "fr": "Non. Quels que soient les poids et le nombre de canaux, la sortie $(0, 0)$ ne dépend que de son "
              "champ récepteur $9 \\times 9$ centré en $(0, 0)$, c'est-à-dire des lignes et colonnes $0$ à $4$ de "
              "l'image (le reste tombe dans le remplissage) : le "
              "coin opposé $(6, 6)$ est hors de portée, car $6 > 4$ (voir la figure ci-dessous). Deux images qui ne "
              "diffèrent qu'en $x_{6,6}$, l'une aux coins égaux et l'autre aux coins différents, donnent la même "
              "sortie en $(0, 0)$ alors que les cibles diffèrent (blanc, noir) : l'une des deux est mal prédite, et "
              "$100\\,\\%$ de précision est impossible. Il faudrait un champ d'au moins $2 \\cdot 7 - 1 = 13$, soit "
              "six couches Conv-3x3.\n\nUne connexion résiduelle $\\boldsymbol{y} = \\boldsymbol{x} + "
              "F(\\boldsymbol{x})$ n'y change rien : l'identité a un champ de $1$, donc le champ de la sortie reste "
              "au plus $9 \\times 9$, où que l'on place les connexions parmi les quatre couches, et $x_{6,6}$ reste "
              "hors de portée.",
        "en": "No. Whatever the weights and the number of channels, output $(0, 0)$ depends only on its $9 \\times "
              "9$ receptive field centred at $(0, 0)$, that is on rows and columns $0$ to $4$ of the "
              "image (the rest falls in the padding): the opposite corner $(6, "
              "6)$ is out of reach, since $6 > 4$ (see the figure below). Two images that differ only at $x_{6,6}$, "
              "one with equal corners and one with different corners, give the same output at $(0, 0)$ while their "
              "targets differ (white, black): one of them is mispredicted, and $100\\,\\%$ accuracy is impossible. A "
              "field of at least $2 \\cdot 7 - 1 = 13$ would be needed, that is six Conv-3x3 layers.\n\nA residual "
              "connection $\\boldsymbol{y} = \\boldsymbol{x} + F(\\boldsymbol{x})$ changes nothing: the identity has "
              "a field of $1$, so the output's field is still at most $9 \\times 9$ wherever the connections are "
              "placed among the four layers, and $x_{6,6}$ stays out of reach.",
    },
    answer={
        "fr": "non, avec ou sans connexion résiduelle.",
        "en": "no, with or without a residual connection.",
    },
    show=(),
    oracles=(
        "tests/claims/test_q5.py::test_q54_autograd_of_the_16_channel_relu_net_never_reaches_the_far_corner",
        "tests/claims/test_q5.py::test_q54_residual_placements_never_reach_the_far_corner_in_torch",
    ),
)

@claim("q5.4", "5.4", "on 7 x 7 images out[0, 0] cannot see x[6, 6], so 100 % accuracy is impossible; residual "
       "connections do not change the 9 x 9 field", Scope.INSTANCE, role=ANSWER, write_up=WRITE_UP_5_4)
def corners_out_of_reach() -> Body:
    field = receptive_field(NET)
    reach = field.start + (field.size - 1) / 2
    deeper = receptive_field((LAYER,) * 6)
    return Body(
        statement=AllOf((
            # Checks, not Equal: out[0,0] is a ~3000-operation expression, unreadable as a printed identity.
            ("for any differentiable activation sigma, d out[0,0] / d x[6,6] = 0 identically (ReLU: the next part)",
             Check("SymPy's diff of the symbolic net's out[0,0] (builder's conv matrices, symbolic kernels and "
                   "biases, a generic differentiable activation sigma)", lambda: derivative_check(SIDE))),
            ("with ReLU: two images that differ only at x[6,6] get the same out[0,0]",
             Check("the symbolic ReLU net run on both images: the two expressions are identical",
                   lambda: two_images_check(SIDE))),
            ("the field of out[0,0] ends at input row/column start + (r - 1)/2 = 4 < 6",
             Holds(sp.Lt(reach, SIDE - 1, evaluate=False))),
            ("16 intermediate channels: out[0,0] reads the same pixels, and not x[6,6]",
             Check("products of the multi-channel sparsity patterns (exact integers)",
                   lambda: multichannel_check(SIDE, CHANNELS))),
            ("seeing both corners needs a field of 2 n - 1 = 13: six Conv-3x3 layers",
             eq(deeper.size, sp.Add(sp.Mul(2, SIDE, evaluate=False), -1, evaluate=False))),
            ("six layers do reach x[6,6], five do not",
             Check("products of the sparsity patterns (exact integers)",
                   lambda: CheckResult(reaches(6, (0, 0), (6, 6)) and not reaches(5, (0, 0), (6, 6)),
                                       {"6 layers": str(reaches(6, (0, 0), (6, 6))),
                                        "5 layers": str(reaches(5, (0, 0), (6, 6)))}))),
            ("residual blocks placed anywhere over the four layers: field still 9 x 9, x[6,6] still unread",
             Check("every placement: receptive_field and I + body sparsity patterns", lambda: residual_check(SIDE))),
        )),
        answer=sp.false,
        notes={"pixels read by out[0,0]": [int(c) for c in np.flatnonzero(pattern(NET, SIDE)[0])],
               "field": field, "corners": "out[0,0] reads x[n-1,n-1] of an n x n image only with a field of at "
                                          "least 2(n - 1) + 1 = 2n - 1 (13 for n = 7)",
               "argument": "images equal except x[6,6], one with equal corners (white target) and one with "
                           "different corners (black target), get the same out[0,0]: one of them is wrong"},
        wrong={"the receptive field is 7": eq(field.size, 7),
               "a residual connection around the four layers makes the field 13":
                   eq(receptive_field((Residual(NET),)).size, 2 * SIDE - 1),
               "out[0,0] reads x[6,6] with 16 channels":
                   Check("products of the multi-channel sparsity patterns (exact integers)",
                         lambda: far_corner_read(SIDE, CHANNELS))},
    )


def reaches_far_corner(depth: int, side: int = SIDE) -> bool:
    """Does output pixel (0, 0) of `depth` conv3 layers (stride 1, padding 1) see input pixel (side-1, side-1)?"""
    field = receptive_field((LAYER,) * depth)
    return bool(field.start + (field.size - 1) / 2 >= side - 1)


WRITE_UP_5_4_RF = WriteUp(
    text={
        "fr": "Un champ de taille $2j + 1$ centré sur le pixel $(0, 0)$ atteint le coin opposé $(n - 1, n - 1)$ "
              "d'une image $n \\times n$ si et seulement si $2j + 1 \\geq 2n - 1$ (pour tous $n$ et $j$) : il faut "
              "un champ $13 \\times 13$ pour $n = 7$, soit six couches Conv-3x3 (pas $1$, remplissage $1$) au lieu "
              "de quatre, dont le champ est $9 < 13$.",
        "en": "A field of size $2j + 1$ centred on pixel $(0, 0)$ reaches the opposite corner $(n - 1, n - 1)$ of an "
              "$n \\times n$ image if and only if $2j + 1 \\geq 2n - 1$ (for all $n$ and $j$): a $13 \\times 13$ "
              "field is needed for $n = 7$, that is six Conv-3x3 layers (stride $1$, padding $1$) instead of four, "
              "whose field is $9 < 13$.",
    },
)

@claim("q5.4.rf", "5.4", "seeing both opposite corners of an n x n image needs a receptive field of 2n - 1: "
       "13 x 13 for 7 x 7, six conv3 layers, not four", Scope.GENERAL, write_up=WRITE_UP_5_4_RF)
def field_for_both_corners() -> Body:
    n, j = sp.Symbol("n", integer=True, positive=True), sp.Symbol("j", integer=True, nonnegative=True)
    depths = range(1, 11)
    fewest = min(d for d in depths if reaches_far_corner(d))
    needed = receptive_field((LAYER,) * fewest).size
    return Body(
        statement=AllOf((
            # A field of size 2j + 1 centred on pixel (0, 0) spans offsets -j..j: it holds (n-1, n-1) iff j >= n - 1.
            ("a centred field 2j + 1 reaches (n-1, n-1) iff 2j + 1 >= 2n - 1",
             Holds(sp.Equivalent(j >= n - 1, 2 * j + 1 >= 2 * n - 1))),
            ("2n - 1 = 13 for n = 7", eq(2 * SIDE - 1, 13)),
            ("the fewest conv3 layers whose field reaches the far corner of 7 x 7: 6, field 13",
             # 1 + L (k - 1) = 2n - 1 gives L = (2n - 2) / (k - 1) layers of kernel k = 3.
             eq(sp.Tuple(fewest, needed), sp.Tuple((2 * SIDE - 2) // (LAYER.k - 1), 2 * SIDE - 1))),
            ("the four layers of the question fall short: field 9 < 13",
             Holds(sp.StrictLessThan(receptive_field(NET).size, 2 * SIDE - 1, evaluate=False))),
        )),
        answer=sp.Tuple(2 * SIDE - 1, 2 * SIDE - 1),
        notes={"fewest layers": fewest},
        wrong={"an n x n field suffices": Holds(sp.Equivalent(j >= n - 1, 2 * j + 1 >= n)),
               "four layers reach the far corner": eq(sp.Integer(int(reaches_far_corner(4))), 1)},
    )


def layer_pattern_check(side: int, counts: Sequence[int] = (1, 2, 3)) -> CheckResult:
    """A C_in -> C_out Conv-3x3 layer (random nonzero kernels, one per channel pair) has the pattern J (x) B."""
    rng = np.random.default_rng(5)
    for c_in, c_out in itertools.product(counts, counts):
        layer = conv2d_channels_matrix(rng.uniform(0.5, 1.5, (c_out, c_in, 3, 3)), side, padding=1, dense=True)
        expected = np.kron(np.ones((c_out, c_in)), LAYER.pattern(side))
        if not np.array_equal(layer != 0, expected != 0):
            return CheckResult(False, {"C_in": str(c_in), "C_out": str(c_out)})
    return CheckResult(True, {"channel counts": ", ".join(map(str, counts))})


WRITE_UP_5_4_EVERY_C = WriteUp(
    steps={
        "products of the sparsity patterns (exact integers)": {
            "fr": "produit des supports, en entiers exacts",
            "en": "product of the supports, in exact integers"},
        "the builder's multi-channel conv matrices against J (x) B": {
            "fr": "matrices de convolution à plusieurs canaux du constructeur comparées à $J \\otimes B$",
            "en": "the builder's multi-channel convolution matrices compared with $J \\otimes B$"},
    },
    text={
        "fr": "Pour tous nombres de canaux $C_1, C_2, C_3$ et tous poids, la sortie $(0, 0)$ ne dépend pas du "
              "pixel d'entrée $(6, 6)$ : une couche de $C_{\\mathrm{in}}$ vers $C_{\\mathrm{out}}$ canaux a pour "
              "motif de dépendance $J_{C_{\\mathrm{out}} \\times C_{\\mathrm{in}}} \\otimes B$ ($B$ : les fenêtres "
              "$3 \\times 3$), et le produit des quatre motifs vaut $C_1 C_2 C_3\\, (J_{1 \\times 1} \\otimes "
              "B^4)$ pour toute matrice $B$ : sa partie en pixels $B^4$ ne dépend pas des canaux, et $B^4$ ne "
              "relie pas $(0, 0)$ à $(6, 6)$. Les $16$ canaux de l'énoncé en sont une instance.",
        "en": "For all channel counts $C_1, C_2, C_3$ and all weights, output pixel $(0, 0)$ does not depend on "
              "input pixel $(6, 6)$: a layer from $C_{\\mathrm{in}}$ to $C_{\\mathrm{out}}$ channels has the "
              "dependency pattern $J_{C_{\\mathrm{out}} \\times C_{\\mathrm{in}}} \\otimes B$ ($B$: the $3 \\times "
              "3$ windows), and the product of the four patterns is $C_1 C_2 C_3\\, (J_{1 \\times 1} \\otimes "
              "B^4)$ for every matrix $B$: its pixel part $B^4$ does not depend on the channels, and $B^4$ does "
              "not link $(0, 0)$ to $(6, 6)$. The question's $16$ channels are one instance.",
    },
)


@claim("q5.4.every_c", "5.4", "for every channel counts C_1, C_2, C_3 and all weights, out[0, 0] does not depend on "
       "x[6, 6]: the four layers' pattern is C_1 C_2 C_3 (J (x) B^4), whose pixel part B^4 does not depend on C",
       Scope.GENERAL, write_up=WRITE_UP_5_4_EVERY_C)
def corners_out_of_reach_every_c() -> Body:
    # Layer l maps C_{l-1} channels to C_l: its dependency pattern is J_{C_l x C_{l-1}} (x) B, every output channel
    # reading every input channel through the same 3 x 3 windows B (P x P, P pixels). For any weights, a derivative
    # d out / d x is a product of the layers' matrices and diagonal activation derivatives, so it is zero wherever
    # the product of the (nonnegative) patterns is zero. The identity below holds for every B; B is then the band.
    from sympy.matrices.expressions.kronecker import KroneckerProduct

    c1, c2, c3 = sp.symbols("C_1 C_2 C_3", integer=True, positive=True)
    pixels = sp.Symbol("P", integer=True, positive=True)
    bands = [sp.MatrixSymbol(f"B_{m}", pixels, pixels) for m in range(1, 5)]
    ones = sp.OneMatrix
    chain = sp.MatMul(KroneckerProduct(ones(1, c3), bands[3]), KroneckerProduct(ones(c3, c2), bands[2]),
                      KroneckerProduct(ones(c2, c1), bands[1]), KroneckerProduct(ones(c1, 1), bands[0]))
    product = sp.MatMul(bands[3], bands[2], bands[1], bands[0])
    collapsed = c1 * c2 * c3 * KroneckerProduct(ones(1, 1), product)
    return Body(
        statement=AllOf((
            ("(J (x) B_4)(J (x) B_3)(J (x) B_2)(J (x) B_1) = C_1 C_2 C_3 (J_1 (x) B_4 B_3 B_2 B_1), every C and B",
             MatrixEqual(chain, collapsed)),
            ("C_1 C_2 C_3 > 0: the pixel pattern is that of B^4, whatever the channel counts",
             Holds(sp.StrictGreaterThan(c1 * c2 * c3, 0, evaluate=False))),
            ("B^4 has no path from out[0, 0] to x[6, 6] on 7 x 7",
             Check("products of the sparsity patterns (exact integers)",
                   lambda: CheckResult(not reaches(4, (0, 0), (SIDE - 1, SIDE - 1)),
                                       {"4 layers reach x[6,6]": str(reaches(4, (0, 0), (SIDE - 1, SIDE - 1)))}))),
            ("a C_in -> C_out layer's pattern is J (x) B (checked on the builder for C_in, C_out in 1..3)",
             Check("the builder's multi-channel conv matrices against J (x) B", lambda: layer_pattern_check(SIDE))),
        )),
        answer=sp.false,
        notes={"instance": "16 channels (q5.4) is C_1 = C_2 = C_3 = 16",
               "argument": "support(M_4 D_3 M_3 D_2 M_2 D_1 M_1) is inside support(|M_4| |M_3| |M_2| |M_1|), inside "
                           "the support of the product of the patterns"},
        wrong={"the channel counts drop out without their product":
                   MatrixEqual(chain, KroneckerProduct(ones(1, 1), product)),
               "the layers' windows in the wrong order":
                   MatrixEqual(chain, c1 * c2 * c3 * KroneckerProduct(ones(1, 1), sp.MatMul(*bands))),
               "four layers reach x[6, 6]":
                   Check("products of the sparsity patterns (exact integers)",
                         lambda: CheckResult(reaches(4, (0, 0), (SIDE - 1, SIDE - 1)), {}))},
    )
