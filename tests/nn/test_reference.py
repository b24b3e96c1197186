"""Convolutions written out from their definitions, against torch and against the builders' matrices."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
import sympy as sp

from symproof.nn.conv import conv2d_matrix, conv_transpose2d_matrix, symbolic_image, symbolic_kernel
from symproof.nn.reference import (
    column_major_rows,
    direct_conv,
    net_pixel,
    padded,
    rotated,
    scatter,
    unevaluated_relu,
    vec,
)


def _numeric(matrix: sp.Matrix, values: dict[sp.Symbol, float]) -> np.ndarray:
    return np.array(matrix.xreplace(values).tolist(), dtype=np.float64)


def _values(symbols: sp.Matrix, numbers: np.ndarray) -> dict[sp.Symbol, float]:
    return {sym: float(v) for sym, v in zip(symbols, numbers.ravel(), strict=True)}


def test_q43_flipped_kernel_is_not_what_torch_computes(torch: ModuleType) -> None:
    rng = np.random.default_rng(7)
    w_num, x_num = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    w, x = symbolic_kernel(3), symbolic_image(3)
    values = {**_values(w, w_num), **_values(x, x_num)}
    flipped = _numeric(direct_conv(x, rotated(w), 2, (1, 1, 1, 1)), values)
    expected = torch.nn.functional.conv2d(torch.tensor(x_num)[None, None], torch.tensor(w_num)[None, None], stride=2,
                                          padding=1).numpy()[0, 0]
    np.testing.assert_allclose(_numeric(direct_conv(x, w, 2, (1, 1, 1, 1)), values), expected, rtol=1e-12)
    assert not np.allclose(flipped, expected)


def test_q44_scatter_definition_is_torch_for_other_strides(torch: ModuleType) -> None:
    rng = np.random.default_rng(3)
    for stride, k, size in ((1, 2, 3), (2, 3, 3), (3, 2, 2)):
        w_num, x_num = rng.normal(size=(k, k)), rng.normal(size=(size, size))
        w, x = symbolic_kernel(k), symbolic_image(size)
        got = _numeric(scatter(x, w, stride), {**_values(w, w_num), **_values(x, x_num)})
        expected = torch.nn.functional.conv_transpose2d(torch.tensor(x_num)[None, None],
                                                        torch.tensor(w_num)[None, None], stride=stride)
        np.testing.assert_allclose(got, expected.numpy()[0, 0], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("size", "k", "stride", "pad"), [(3, 3, 2, 1), (5, 3, 1, 0), (4, 2, 2, 0), (5, 3, 2, 2)])
def test_direct_conv_is_the_builders_matrix(size: int, k: int, stride: int, pad: int) -> None:
    w, x = symbolic_kernel(k), symbolic_image(size)
    a = conv2d_matrix(w, size, stride=stride, padding=pad)
    assert (a * vec(x) - vec(direct_conv(x, w, stride, (pad,) * 4))).expand() == sp.zeros(a.rows, 1)
    # zeros kept: the unevaluated form has every tap, and evaluates to the same
    held = direct_conv(x, w, stride, (pad,) * 4, evaluate=False)
    assert len(held[0, 0].args) == k * k and held.doit() == direct_conv(x, w, stride, (pad,) * 4)


def test_padded_and_rotated_and_vec() -> None:
    x = sp.Matrix([[1, 2], [3, 4]])
    assert padded(x, 1, 0, 0, 2) == sp.Matrix([[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]])
    assert rotated(x) == sp.Matrix([[4, 3], [2, 1]]) and rotated(rotated(x)) == x
    assert vec(x).T == sp.Matrix([[1, 2, 3, 4]])


@pytest.mark.parametrize(("size", "k", "stride"), [(2, 2, 2), (3, 2, 1), (2, 3, 2)])
def test_scatter_is_the_builders_transposed_matrix(size: int, k: int, stride: int) -> None:
    w, x = symbolic_kernel(k), symbolic_image(size)
    t = conv_transpose2d_matrix(w, size, stride=stride)
    assert (t * vec(x) - vec(scatter(x, w, stride))).expand() == sp.zeros(t.rows, 1)
    # flattened column by column the rows are permuted, and differ from the row-major matrix
    cm = column_major_rows(t, *scatter(x, w, stride).shape)
    assert sorted(map(str, cm)) == sorted(map(str, t)) and cm != t


def test_net_pixel_is_the_product_of_the_conv_matrices_with_the_identity_activation() -> None:
    rng = np.random.default_rng(2)
    side = 5
    x = symbolic_image(side)
    out, read = net_pixel(x, lambda e: e, (1, 2), depth=3)
    kernels = {sp.Symbol(f"w^{{({m})}}_{{{a},{b}}}"): float(rng.normal()) for m in range(1, 4)
               for a in range(3) for b in range(3)}
    biases = {sp.Symbol(f"b_{m}"): float(rng.normal()) for m in range(1, 4)}
    image = rng.normal(size=(side, side))
    total, shift = np.eye(side * side), np.zeros(side * side)
    for m in range(1, 4):
        a = conv2d_matrix(np.array([[kernels[sp.Symbol(f"w^{{({m})}}_{{{i},{j}}}")] for j in range(3)]
                                    for i in range(3)]), side, padding=1).toarray()
        total, shift = a @ total, a @ shift + biases[sp.Symbol(f"b_{m}")]
    expected = (total @ image.ravel() + shift)[1 * side + 2]
    got = float(out.xreplace({**kernels, **biases, **_values(x, image)}))
    assert got == pytest.approx(expected, rel=1e-12)
    assert read == {int(c) for c in np.flatnonzero(total[1 * side + 2])}
    # a ReLU is kept as written, not decided on construction
    assert unevaluated_relu(sp.Symbol("z")).func is sp.Max
