"""Question 5: size-preserving convolutions, the receptive field of four Conv-3x3 layers, and what it cannot see."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..nn.conv import conv2d_matrix, symbolic_image
from ..nn.layers import Conv, Residual, output_size, pattern, receptive_field
from ..nn.patterns import channel_pattern, placements, reads, sees, support
from ..nn.reference import net_pixel, unevaluated_relu
from ..nn.sizes import nested_formula, size_formula, windows_through
from ..prover import AllOf, Check, CheckResult, Holds, MatrixEqual, Scope, eq
from .q4_sizes import LATEX, size_chains

n = sp.Symbol("n", integer=True, positive=True)
j = sp.Symbol("j", integer=True, nonnegative=True)
d = sp.Symbol("d", integer=True, positive=True)
k, s = sp.symbols("k s", integer=True, positive=True)
q = sp.Symbol("q", integer=True, positive=True)
L = sp.Symbol("L", integer=True, nonnegative=True)
l, i = sp.symbols("l i", integer=True)  # noqa: E741 - the usual layer index
K = sp.IndexedBase("k", integer=True, positive=True)
S = sp.IndexedBase("s", integer=True, positive=True)

# Four Conv-3x3 layers, stride 1, one pixel of zero padding; 16 intermediate channels do not change any size.
LAYER = Conv(3, 1, 1)
NET = (LAYER,) * 4
SIDE = 7  # the 7 x 7 images of Q5.4
CHANNELS = (1, 16, 16, 16, 1)
APPLICATIONS = ("semantic segmentation (one label per pixel)", "denoising and inpainting",
                "super-resolution on an input first upsampled to the output's size",
                "score / diffusion models (the network predicts a noise or score image of the input's size)",
                "depth and optical-flow estimation")


WRITE_UP_5_1 = WriteUp(
    text={
        "fr": "Une entrée $32 \\times 32$ ressort en $32 \\times 32$ : oui, la taille est conservée (formule couche "
              "par couche, recoupée en comptant les fenêtres ; les $16$ canaux intermédiaires ne changent que la "
              "profondeur des cartes).",
        "en": "A $32 \\times 32$ input comes out $32 \\times 32$: yes, the size is kept (the formula layer by layer, "
              "cross-checked by counting the windows; the $16$ intermediate channels only change the depth of the "
              "maps).",
    },
    recall={
        "fr": "Résolution de sortie du réseau de quatre convolutions $3 \\times 3$ (pas $1$, remplissage $1$) pour "
              "une entrée $32 \\times 32$.",
        "en": "Output resolution of the network of four $3 \\times 3$ convolutions (stride $1$, padding $1$) for a "
              "$32 \\times 32$ input.",
    },
    handin={
        "fr": "Chaque couche a $k = 3$, $s = 1$ et $p = 1$ ; avec la formule de 4.1, une couche conserve la taille, "
              "et les $16$ canaux intermédiaires ne changent que la profondeur des cartes :",
        "en": "Each layer has $k = 3$, $s = 1$ and $p = 1$; by the formula of 4.1, a layer keeps the size, and the "
              "$16$ intermediate channels only change the depth of the maps:",
    },
    answer={
        "fr": "$32 \\times 32$ ; oui, la sortie a la même taille que l'entrée.",
        "en": "$32 \\times 32$; yes, the output has the size of the input.",
    },
    oracles=(
        "tests/claims/test_q5.py::test_q51_torch_net_keeps_32_by_32_and_other_sizes",
    ),
)

@claim("q5.1", "5.1", "four Conv-3x3 layers with stride 1 and padding 1 keep a 32 x 32 input 32 x 32", Scope.INSTANCE,
       role=ANSWER, write_up=WRITE_UP_5_1)
def size_kept() -> Body:
    size = output_size(NET, 32)
    return Body(
        statement=eq(nested_formula(NET, sp.Integer(32)), windows_through(NET, 32)),
        answer=sp.Tuple(sp.Integer(size), sp.Integer(size)),
        steps=size_chains(NET, sp.Integer(32)),
        notes={"channels": "16 intermediate channels change the depth of the maps, not their height or width",
               "latex": LATEX},
        wrong={"padding forgotten: 24 x 24": eq(output_size((Conv(3),) * 4, 32), windows_through(NET, 32))},
    )


WRITE_UP_5_1_GENERAL = WriteUp(
    text={
        "fr": "Une Conv-3x3 de pas $1$ et de remplissage $1$ conserve toute taille $n$, donc les quatre couches "
              "aussi.",
        "en": "A Conv-3x3 with stride $1$ and padding $1$ keeps every size $n$, so the four layers do too.",
    },
)

@claim("q5.1.general", "5.1", "Conv-3x3 with stride 1 and padding 1 keeps every size n, so four of them do too",
       Scope.GENERAL, write_up=WRITE_UP_5_1_GENERAL)
def size_kept_general() -> Body:
    return Body(
        statement=AllOf((
            ("one layer: n -> n", eq(size_formula(n, LAYER), n)),
            ("four layers: n -> n", eq(nested_formula(NET, n), n)),
        )),
        answer=output_size(NET, n),
        steps=size_chains(NET, n),
        notes={"latex": LATEX},
        wrong={"no padding keeps the size": eq(size_formula(n, Conv(3)), n),
               "stride 2 with padding 1 keeps the size": eq(size_formula(n, Conv(3, 2, 1)), n)},
    )


WRITE_UP_5_2 = WriteUp(
    text={
        "fr": "Oui : un noyau impair $k = 2j + 1$ avec un pas de $1$ et un remplissage $p = j = (k - 1)/2$ (ou $p = "
              "dj$ avec une dilatation $d$) conserve toute taille $n$. C'est ce qu'on veut quand la sortie est une "
              "image alignée pixel à pixel sur l'entrée : segmentation sémantique, débruitage, super-résolution d'une "
              "entrée d'abord suréchantillonnée, modèles de diffusion (le réseau prédit un bruit de la taille de "
              "l'entrée), estimation de profondeur ou de flot optique.",
        "en": "Yes: an odd kernel $k = 2j + 1$ with stride $1$ and padding $p = j = (k - 1)/2$ (or $p = dj$ with "
              "dilation $d$) keeps every size $n$. It is what one wants when the output is an image aligned pixel "
              "for pixel with the input: semantic segmentation, denoising, super-resolution of an input "
              "first upsampled, diffusion models (the network predicts a noise of the input's size), depth or "
              "optical-flow estimation.",
    },
    recall={
        "fr": "Cas où l'on souhaite une sortie de même résolution que l'entrée.",
        "en": "Cases where one wants an output of the same resolution as the input.",
    },
    handin={
        "fr": "Oui. Avec un noyau impair $k = 2j + 1$, un pas de $1$ et un remplissage $p = j$, toute taille $n$ est "
              "conservée :",
        "en": "Yes. With an odd kernel $k = 2j + 1$, stride $1$ and padding $p = j$, every size $n$ is kept:",
    },
    answer={
        "fr": "oui, par exemple en segmentation sémantique, en débruitage, en estimation de profondeur et dans les "
              "modèles de diffusion.",
        "en": "yes, for example in semantic segmentation, denoising, depth estimation and diffusion models.",
    },
    steps={
        "after": {
            "fr": "C'est ce qu'on veut quand la sortie est une image alignée pixel à pixel sur l'entrée : "
                    "segmentation sémantique (une classe par pixel), débruitage, estimation de profondeur ou de flot "
                    "optique, modèles de diffusion (le réseau prédit un bruit de la taille de l'image). En "
                    "super-résolution, la sortie est plus grande que l'image de départ : on ne garde la taille que "
                    "si l'entrée a d'abord été suréchantillonnée (par exemple par interpolation bicubique).",
            "en": "This is what one wants when the output is an image aligned pixel for pixel with the input: "
                    "semantic segmentation (one class per pixel), denoising, depth or optical-flow estimation, "
                    "diffusion models (the network predicts a noise of the image's size). In super-resolution the "
                    "output is larger than the original image: the size is kept only if the input was first "
                    "upsampled (for example by bicubic interpolation).",
        },
    },
)

@claim("q5.2", "5.2", "an odd kernel k = 2j + 1 with stride 1 and padding (k - 1)/2 keeps every size n (dense "
       "prediction: segmentation, denoising, diffusion)", Scope.GENERAL,
       role=ANSWER, write_up=WRITE_UP_5_2)
def same_size_layers() -> Body:
    same = Conv(2 * j + 1, 1, j)
    return Body(
        statement=AllOf((
            ("k = 2j + 1, p = j: n -> n", eq(size_formula(n, same), n)),
            ("with dilation d, p = d j: n -> n", eq(size_formula(n, Conv(2 * j + 1, 1, d * j, d)), n)),
        )),
        answer=sp.true,
        steps=(Chain((size_formula(n, same), output_size(same, n))),),
        notes={"applications": APPLICATIONS, "padding": (k - 1) / 2, "latex": LATEX,
               "why": "the output is an image aligned pixel for pixel with the input"},
        wrong={"an even kernel k = 2j + 2 with p = j + 1 keeps the size":
                   eq(size_formula(n, Conv(2 * j + 2, 1, j + 1)), n),
               "stride 2 with p = (k - 1)/2 keeps the size": eq(size_formula(n, Conv(2 * j + 1, 2, j)), n)},
    )


# --- receptive fields ----------------------------------------------------------------------------------


def field_closed_form(depth: Any, ks: Any = K, ss: Any = S) -> Any:
    """1 + sum_{l=1}^{L} (k_l - 1) prod_{i<l} s_i for kernels ks[l] and strides ss[i] (IndexedBase or callables)."""
    kl = ks[l] if isinstance(ks, sp.IndexedBase) else ks
    si = ss[i] if isinstance(ss, sp.IndexedBase) else ss
    return 1 + sp.Sum((kl - 1) * sp.Product(si, (i, 1, l - 1)), (l, 1, depth))


def jump_closed_form(depth: Any) -> Any:
    return sp.Product(S[i], (i, 1, depth))


def field_from_pattern(side: int, depth: int, pixel: tuple[int, int]) -> CheckResult:
    """The input pixels that output `pixel` reads after `depth` Conv-3x3 layers: their bounding box and count."""
    row = reads((LAYER,) * depth, side, pixel)
    rows, cols = np.flatnonzero(row.any(axis=1)), np.flatnonzero(row.any(axis=0))
    height, width = int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)
    full = bool(row.sum() == height * width)
    return CheckResult(full, {"field": f"{height} x {width}", "pixels read": str(int(row.sum()))})


def square_field(side: int, depth: int, pixel: tuple[int, int], size: int) -> CheckResult:
    found = field_from_pattern(side, depth, pixel)
    return CheckResult(found.ok and found.detail["field"] == f"{size} x {size}", found.detail)


WRITE_UP_5_3 = WriteUp(
    text={
        "fr": "Le champ récepteur des caractéristiques finales est $9 \\times 9$ : $1 + \\sum_{l} (k_l - 1) "
              "\\prod_{i < l} s_i = 1 + 4 \\times 2 = 9$, et sur une entrée $32 \\times 32$ le pixel de sortie $(16, "
              "16)$ lit exactement un carré $9 \\times 9$ de l'entrée.",
        "en": "The receptive field of the final features is $9 \\times 9$: $1 + \\sum_{l} (k_l - 1) \\prod_{i < l} "
              "s_i = 1 + 4 \\times 2 = 9$, and on a $32 \\times 32$ input the output pixel $(16, 16)$ reads exactly "
              "a $9 \\times 9$ square of the input.",
    },
    recall={
        "fr": "Champ récepteur des caractéristiques finales de ce réseau.",
        "en": "Receptive field of the final features of this network.",
    },
    handin={
        "fr": "Chaque couche de noyau $k_l$ élargit le champ récepteur de $k_l - 1$ fois le produit des pas "
              "précédents : après $L$ couches, il vaut $1 + \\sum_{l=1}^{L} (k_l - 1) \\prod_{i<l} s_i$. Ici $k_l = "
              "3$ et $s_i = 1$ :",
        "en": "Each layer with kernel $k_l$ widens the receptive field by $k_l - 1$ times the product of the earlier "
              "strides: after $L$ layers it is $1 + \\sum_{l=1}^{L} (k_l - 1) \\prod_{i<l} s_i$. Here $k_l = 3$ and "
              "$s_i = 1$:",
    },
    answer={
        "fr": "$9 \\times 9$.",
        "en": "$9 \\times 9$.",
    },
    oracles=(
        "tests/claims/test_q5.py::test_q53_autograd_field_is_nine_by_nine",
    ),
    figure="receptive_field_centre",
    caption={
        "fr": "Les pixels d'une entrée $11 \\times 11$ dont dépend le pixel de sortie $(5, 5)$ après les quatre "
              "convolutions $3 \\times 3$ (pas $1$, remplissage $1$) : un carré $9 \\times 9$.",
        "en": "The pixels of an $11 \\times 11$ input that output pixel $(5, 5)$ depends on after the four "
              "$3 \\times 3$ convolutions (stride $1$, padding $1$): a $9 \\times 9$ square.",
    },
)

@claim("q5.3", "5.3", "the receptive field of the four Conv-3x3 layers is 9 x 9", Scope.INSTANCE,
       role=ANSWER, write_up=WRITE_UP_5_3)
def receptive_field_nine() -> Body:
    field = receptive_field(NET)
    size = field.size
    depth, k_minus_1 = len(NET), sp.Add(LAYER.k, -1, evaluate=False)
    # 1 + sum_l (k_l - 1) prod_{i<l} s_i with this net's numbers, unevaluated; and 1 + L (k - 1).
    closed = sp.Add(1, sp.Sum(sp.Mul(k_minus_1, sp.Product(LAYER.s, (i, 1, l - 1)), evaluate=False), (l, 1, depth)),
                    evaluate=False)
    stride_one = sp.Add(1, sp.Mul(depth, k_minus_1, evaluate=False), evaluate=False)
    # r = 1 + sum_l (k_l - 1) j_{l-1}, every jump j = 1 at stride 1.
    recurrence = sp.Add(1, *[sp.Mul(k_minus_1, 1, evaluate=False)] * depth, evaluate=False)
    return Body(
        statement=AllOf((
            ("the closed form 1 + sum_l (k_l - 1) prod_{i<l} s_i", eq(closed, size)),
            ("1 + L (k - 1) at L = 4, k = 3", eq(stride_one, size)),
            ("a 32 x 32 input: output pixel (16, 16) reads exactly a square of this size",
             Check("products of the conv matrices' sparsity patterns (exact integers)",
                   lambda: square_field(32, depth, (16, 16), size))),
        )),
        answer=sp.Tuple(sp.Integer(size), sp.Integer(size)),
        steps=(Chain((recurrence, size), label="r = 1 + sum_l (k_l - 1) j_(l-1)"),),
        notes={"jump": field.jump, "start": field.start, "latex": LATEX},
        wrong={"the kernel sizes add up: 4 x 3 = 12": eq(size, 4 * LAYER.k),
               "the field is the kernel, 3 x 3": eq(size, LAYER.k)},
    )


def _stack(depth: int) -> tuple[Conv, ...]:
    return tuple(Conv(K[m], S[m]) for m in range(1, depth + 1))


WRITE_UP_5_3_GENERAL = WriteUp(
    text={
        "fr": "Après $L$ couches de noyaux $k_l$ et de pas $s_l$, le champ récepteur vaut $1 + \\sum_{l=1}^{L} (k_l "
              "- 1) \\prod_{i<l} s_i$ (par récurrence sur $L$) ; pour des couches identiques, $1 + L(k - 1)$ au pas "
              "$1$ et $1 + (k - 1)(s^L - 1)/(s - 1)$ au pas $s > 1$.",
        "en": "After $L$ layers with kernels $k_l$ and strides $s_l$ the receptive field is $1 + \\sum_{l=1}^{L} "
              "(k_l - 1) \\prod_{i<l} s_i$ (by induction on $L$); for equal layers, $1 + L(k - 1)$ at stride $1$ and "
              "$1 + (k - 1)(s^L - 1)/(s - 1)$ at stride $s > 1$.",
    },
)

@claim("q5.3.general", "5.3", "the receptive field after L layers is 1 + sum_l (k_l - 1) prod_{i<l} s_i; "
       "1 + L (k - 1) at stride 1", Scope.GENERAL, write_up=WRITE_UP_5_3_GENERAL)
def receptive_field_general() -> Body:
    general = field_closed_form(L)
    # Equal layers: the product of l - 1 equal strides is a power, term by term, so the sum is geometric.
    constant = 1 + (k - 1) * sp.Sum(s ** (l - 1), (l, 1, L))
    depths = range(1, len(NET) + 1)
    return Body(
        statement=AllOf((
            ("L = 0: a pixel sees itself", eq(field_closed_form(0), 1)),
            ("the recurrence r_{L+1} = r_L + (k_{L+1} - 1) j_L, with the jump j_L = prod_{i<=L} s_i",
             eq(field_closed_form(L + 1), general + (K[L + 1] - 1) * jump_closed_form(L))),
            *((f"receptive_field agrees at depth {m}, symbolic k_l and s_l",
               eq(sp.Matrix([receptive_field(_stack(m)).size, receptive_field(_stack(m)).jump]),
                  sp.Matrix([field_closed_form(m), jump_closed_form(m)]))) for m in depths),
            ("equal layers k, s: each term has prod_{i<l} s = s^(l - 1)", eq(sp.Product(s, (i, 1, l - 1)),
                                                                              s ** (l - 1), l >= 1)),
            ("stride s = 1 + q > 1: a geometric sum", eq(constant.subs(s, 1 + q),
                                                         1 + (k - 1) * ((1 + q) ** L - 1) / q)),
            ("stride 1: 1 + L (k - 1)", eq(constant.subs(s, 1), 1 + L * (k - 1))),
        )),
        answer=general,
        steps=(Chain((constant.subs(s, 1), 1 + sp.Sum(k - 1, (l, 1, L)), 1 + L * (k - 1)), label="stride 1"),),
        wrong={"strides ignored: 1 + sum (k_l - 1)": eq(receptive_field(_stack(3)).size,
                                                       1 + sp.Sum(K[l] - 1, (l, 1, 3))),
               "stride 1: L k": eq(constant.subs(s, 1), L * k)},
    )


# --- Q5.4: what output pixel (0, 0) cannot see -------------------------------------------------------------


def reaches(depth: int, out: tuple[int, int], inp: tuple[int, int]) -> bool:
    """Can output pixel `out` of `depth` layers depend on input pixel `inp` of the 7 x 7 image?"""
    return sees((LAYER,) * depth, SIDE, out, inp)


def derivative_check(side: int) -> CheckResult:
    """d out[0,0] / d x[n-1,n-1] is 0 with a generic activation, while the derivative for a pixel it reads is not
    (so the computation is not blind); the pixels read agree with the sparsity pattern of four conv matrices."""
    x = symbolic_image(side)
    out, read = net_pixel(x, sp.Function("sigma"))
    far, near = sp.diff(out, x[side - 1, side - 1]), sp.diff(out, x[4, 4])
    found = {int(c) for c in np.flatnonzero(pattern(NET, side)[0].toarray())}
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
    corner = bool(multi[0, side * side - 1])
    reached = np.flatnonzero(multi.reshape(-1))
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


WRITE_UP_5_4 = WriteUp(
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
    figure="receptive_field",
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
            ("for any activation sigma (ReLU, identity...), d out[0,0] / d x[6,6] = 0 identically",
             Check("SymPy's diff of the symbolic net's out[0,0] (builder's conv matrices, symbolic kernels and "
                   "biases, an undefined activation sigma)", lambda: derivative_check(SIDE))),
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
        notes={"pixels read by out[0,0]": [int(c) for c in np.flatnonzero(pattern(NET, SIDE)[0].toarray())],
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
        blocks = [[conv2d_matrix(rng.uniform(0.5, 1.5, (3, 3)), side, padding=1) for _ in range(c_in)]
                  for _ in range(c_out)]
        layer = np.block([[np.asarray(b.toarray() if hasattr(b, "toarray") else b) for b in row] for row in blocks])
        expected = np.kron(np.ones((c_out, c_in)), LAYER.pattern(side).toarray())
        if not np.array_equal(layer != 0, expected != 0):
            return CheckResult(False, {"C_in": str(c_in), "C_out": str(c_out)})
    return CheckResult(True, {"channel counts": ", ".join(map(str, counts))})


WRITE_UP_5_4_EVERY_C = WriteUp(
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
