"""Convolutions written out from their definitions, entry by entry: what the builders' matrices are checked against."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from symproof.nn.conv import conv2d_matrix, symbolic_kernel

__all__ = ["column_major_rows", "direct_conv", "net_pixel", "padded", "rotated", "scatter", "unevaluated_relu", "vec"]


def vec(a: sp.Matrix) -> sp.Matrix:
    """Row-major flattening, the assignment's x = (x_00, x_01, x_02, x_10, ...)."""
    return a.reshape(a.rows * a.cols, 1)


def padded(x: sp.Matrix, top: int, left: int, bottom: int, right: int) -> sp.Matrix:
    out = sp.zeros(x.rows + top + bottom, x.cols + left + right)
    out[top: top + x.rows, left: left + x.cols] = x
    return out


def direct_conv(x: sp.Matrix, w: sp.Matrix, stride: int, pads: tuple[int, int, int, int],
                evaluate: bool = True) -> sp.Matrix:
    """Y[i, j] = sum_{a, b} W[a, b] Xpad[i s + a, j s + b] (cross-correlation, as in deep learning), written out
    from the definition over the explicitly padded input; `evaluate=False` keeps the zero terms visible."""
    xp = padded(x, *pads)
    rows = [i for i in range(0, xp.rows, stride) if i + w.rows <= xp.rows]
    cols = [j for j in range(0, xp.cols, stride) if j + w.cols <= xp.cols]

    def entry(i: int, j: int) -> Any:
        pairs = [(w[a, b], xp[i + a, j + b]) for a in range(w.rows) for b in range(w.cols)]
        if evaluate:
            return sp.Add(*(wa * xa for wa, xa in pairs))
        return sp.Add(*(sp.Mul(wa, xa, evaluate=False) for wa, xa in pairs), evaluate=False)

    return sp.Matrix([[entry(i, j) for j in cols] for i in rows])


def rotated(w: sp.Matrix) -> sp.Matrix:
    """The kernel turned by 180 degrees: what a true (flipped) convolution uses."""
    return sp.Matrix(w.rows, w.cols, lambda i, j: w[w.rows - 1 - i, w.cols - 1 - j])


def scatter(x: sp.Matrix, w: sp.Matrix, stride: int) -> sp.Matrix:
    """Transposed convolution from its definition: x[i, j] adds w[a, b] x[i, j] to out[i s + a, j s + b]."""
    size = ((x.rows - 1) * stride + w.rows, (x.cols - 1) * stride + w.cols)
    out = sp.zeros(*size)
    for i in range(x.rows):
        for j in range(x.cols):
            for a in range(w.rows):
                for b in range(w.cols):
                    out[i * stride + a, j * stride + b] += w[a, b] * x[i, j]
    return out


def column_major_rows(t_matrix: sp.Matrix, rows: int, cols: int) -> sp.Matrix:
    """The same map with the output flattened column by column: the rows of T permuted."""
    order = [i * cols + j for j in range(cols) for i in range(rows)]
    return t_matrix.extract(order, list(range(t_matrix.cols)))


def net_pixel(x: sp.Matrix, activation: Callable[[Any], Any], pixel: tuple[int, int] = (0, 0),
              depth: int = 4) -> tuple[Any, set[int]]:
    """Output `pixel` of the single-channel net of `depth` Conv-3x3 layers (stride 1, padding 1) on image x
    (symbolic kernels w^(l), biases b_l, `activation` after every layer but the last), and the input pixels it
    reads (row-major indices).

    Each layer is the builder's conv matrix; only the rows that feed `pixel` are evaluated, so the expression is
    exactly what the network computes for that pixel, no more.
    """
    side = x.rows
    mats = [conv2d_matrix(symbolic_kernel(3, name=f"w^{{({m})}}"), side, padding=1) for m in range(1, depth + 1)]
    biases = sp.symbols(f"b_1:{depth + 1}")
    needed = [{pixel[0] * side + pixel[1]}]
    for mat in reversed(mats):
        needed.append({c for r in needed[-1] for c in range(mat.cols) if mat[r, c] != 0})
    needed.reverse()
    flat = x.reshape(side * side, 1)
    values = {c: flat[c] for c in needed[0]}
    for m, mat in enumerate(mats):
        pre = {r: sp.Add(*(mat[r, c] * values[c] for c in needed[m] if mat[r, c] != 0), biases[m])
               for r in needed[m + 1]}
        values = {r: activation(e) if m < depth - 1 else e for r, e in pre.items()}
    return values[needed[-1].pop()], needed[0]


def unevaluated_relu(e: Any) -> Any:
    """max(0, e) as written: SymPy's Max compares its arguments symbolically on construction, seconds for a net."""
    return sp.Max(0, e, evaluate=False)
