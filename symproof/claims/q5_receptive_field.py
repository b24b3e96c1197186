"""Question 5.3: the receptive field of the four Conv-3x3 layers, and of any stack."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..claim import ANSWER, Body, Chain, WriteUp, claim
from ..figure import Figure
from ..nn.layers import Conv, receptive_field
from ..nn.patterns import reads
from ..prover import AllOf, Check, CheckResult, Scope, eq
from .q4_sizes import LATEX
from .q5_sizes import LAYER, NET, k, s

q = sp.Symbol("q", integer=True, positive=True)
L = sp.Symbol("L", integer=True, nonnegative=True)
l, i = sp.symbols("l i", integer=True)  # noqa: E741 - the usual layer index
K = sp.IndexedBase("k", integer=True, positive=True)
S = sp.IndexedBase("s", integer=True, positive=True)


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


def receptive_mask(size: int = 7, layers: int = 4, out: tuple[int, int] = (0, 0)) -> Any:
    """The input pixels on which output pixel `out` depends, from nn.layers.receptive_field, cross-checked
    against the non-zero columns of the product of the convolution matrices (two derivations must agree)."""
    from ..nn.conv import conv2d_matrix
    from ..nn.layers import Conv, receptive_field

    field = receptive_field([Conv(3, 1, 1)] * layers)
    half = (int(field.size) - 1) // 2
    centre = [int(field.start) + int(field.jump) * o for o in out]
    grid = np.arange(size)
    rows, cols = (np.abs(grid - c) <= half for c in centre)
    mask = rows[:, None] & cols[None, :]
    a = conv2d_matrix(np.ones((3, 3)), size, stride=1, padding=1)
    total = a
    for _ in range(layers - 1):
        total = a @ total
    support = np.asarray(total.getrow(out[0] * size + out[1]).todense()).ravel().reshape(size, size) != 0
    if not np.array_equal(mask, support):
        raise AssertionError(f"receptive_field {field} disagrees with the product of the conv matrices")
    return mask


def draw_field(fig: Any, size: int, out: tuple[int, int], far: tuple[int, int] | None) -> None:
    """The input grid, the pixels output `out` depends on shaded, `out` itself dark, `far` (a pixel out of reach)
    in red."""
    from matplotlib.patches import Rectangle

    mask = receptive_mask(size, out=out)
    ax = fig.add_subplot()
    for i in range(size):
        for j in range(size):
            ax.add_patch(Rectangle((j, size - 1 - i), 1, 1, facecolor="#9ecae1" if mask[i, j] else "white",
                                   edgecolor="grey", lw=0.8))
    marks = [(out, "#08519c")] + ([(far, "#de2d26")] if far is not None else [])
    for (r, c), colour in marks:
        ax.add_patch(Rectangle((c, size - 1 - r), 1, 1, facecolor=colour, edgecolor="k", lw=1.2))
        ax.text(c + 0.5, size - 0.5 - r, rf"$({r},{c})$", ha="center", va="center", color="white",
                fontsize=8 if size <= 7 else 5)
    ax.set_xlim(0, size)
    ax.set_ylim(0, size)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])


def _draw_receptive_field_centre(fig: Any) -> None:
    draw_field(fig, 11, (5, 5), None)


RECEPTIVE_FIELD_CENTRE = Figure("receptive_field_centre", _draw_receptive_field_centre,
                                ("symproof.nn.conv", "symproof.nn.layers"))


WRITE_UP_5_3 = WriteUp(
    steps={
        "products of the conv matrices' sparsity patterns (exact integers)": {
            "fr": "produit des supports (coefficients non nuls) des matrices de convolution, en entiers exacts",
            "en": "product of the supports (nonzero entries) of the convolution matrices, in exact integers"},
    },
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
    figure=RECEPTIVE_FIELD_CENTRE,
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
