"""Convolution and transposed-convolution matrices (PyTorch conventions), and their output sizes."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp
import sympy
from sympy.polys.domains import EXRAW
from sympy.polys.matrices import DomainMatrix

__all__ = [
    "conv2d_matrix",
    "conv_output_size",
    "conv_transpose2d_matrix",
    "conv_transpose_output_size",
    "symbolic_image",
    "symbolic_kernel",
]

# An int, or a SymPy expression such as a symbol n; sympy is untyped, so this is Any to mypy.
Size: TypeAlias = int | sympy.Expr
IntOrPair: TypeAlias = int | Sequence[int]
# scipy.sparse.csr_matrix for a numeric kernel, sympy.Matrix for a SymPy one.
ConvMatrix: TypeAlias = Any


# --- parameter checking -------------------------------------------------------------------------------


def _as_int(value: object, name: str, shown: object) -> int:
    # bool is an int subclass, but stride=True is a bug, not a stride of 1.
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be an integer or a pair of integers, got {shown!r}")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise ValueError(f"{name} must be an integer or a pair of integers, got {shown!r}") from None


def _pair(value: object, name: str, minimum: int) -> tuple[int, int]:
    """(height, width) from an int or a pair, each checked to be an integer >= minimum."""
    if isinstance(value, (tuple, list, np.ndarray)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an integer or a pair of integers, got {value!r}")
        pair = (_as_int(value[0], name, value), _as_int(value[1], name, value))
    else:
        v = _as_int(value, name, value)
        pair = (v, v)
    if min(pair) < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
    return pair


def _kernel(kernel: object) -> tuple[bool, list[Any] | np.ndarray, int, int]:
    """(is_symbolic, row-major flat entries, kh, kw). SymPy matrices and object arrays are symbolic."""
    if isinstance(kernel, sympy.MatrixBase):
        kh, kw = kernel.shape
        flat: list[Any] | np.ndarray = list(kernel)
        symbolic = True
    else:
        arr = np.asarray(kernel)
        if arr.ndim != 2:
            raise ValueError(f"kernel must be 2-D, got shape {arr.shape}")
        kh, kw = arr.shape
        symbolic = arr.dtype.kind == "O"
        if symbolic:
            flat = [sympy.sympify(e) for e in arr.ravel()]
        elif arr.dtype.kind in "fc":
            flat = arr.ravel()
        elif arr.dtype.kind in "biu":
            flat = arr.ravel().astype(np.float64)
        else:
            raise ValueError(f"kernel must be numeric or a sympy Matrix, got dtype {arr.dtype}")
    if kh < 1 or kw < 1:
        raise ValueError(f"kernel must be non-empty, got shape ({kh}, {kw})")
    return symbolic, flat, kh, kw


def _check_fits(n: int, k: int, p: int, d: int, axis: str | None = None) -> None:
    extent = d * (k - 1) + 1
    if extent > n + 2 * p:
        where = f" along the {axis}" if axis else ""
        size_name = "input_size" if axis else "n"
        raise ValueError(
            f"kernel extent {extent} (kernel size {k}, dilation {d}) exceeds the padded input "
            f"{n + 2 * p} ({size_name} {n}, padding {p}){where}"
        )


# --- output sizes ---------------------------------------------------------------------------------------


def _is_number(x: object) -> bool:
    return isinstance(x, (int, np.integer)) or (isinstance(x, sympy.Basic) and bool(x.is_Integer))


def _check_scalar(value: object, name: str, minimum: int) -> None:
    if _is_number(value):
        if int(value) < minimum:  # type: ignore[call-overload]
            raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
    elif not isinstance(value, sympy.Basic):
        raise ValueError(f"{name} must be an integer or a SymPy expression, got {value!r}")


def conv_output_size(n: Size, k: Size, s: Size = 1, p: Size = 0, d: Size = 1) -> Size:
    """floor((n + 2p - d(k-1) - 1)/s) + 1: an int for integers, a SymPy expression (with sympy.floor)
    if any argument is symbolic. Numeric arguments are checked; a numeric result < 1 is a ValueError."""
    for value, name, minimum in ((n, "n", 1), (k, "k", 1), (s, "s", 1), (p, "p", 0), (d, "d", 1)):
        _check_scalar(value, name, minimum)
    if all(_is_number(x) for x in (n, k, s, p, d)):
        n, k, s, p, d = (int(x) for x in (n, k, s, p, d))
        _check_fits(n, k, p, d)
        return (n + 2 * p - d * (k - 1) - 1) // s + 1
    numerator = sympy.sympify(n + 2 * p - d * (k - 1) - 1)
    # With stride 1 there is no division, so no floor: the expression stays polynomial and exact.
    if s == 1:
        return numerator + 1
    return sympy.floor(numerator / s) + 1


def conv_transpose_output_size(
    n: Size, k: Size, s: Size = 1, p: Size = 0, output_padding: Size = 0, d: Size = 1
) -> Size:
    """(n-1)s - 2p + d(k-1) + output_padding + 1, PyTorch's conv_transpose2d size; int or SymPy expression.
    Numeric arguments are checked as torch does (output_padding < max(s, d), result >= 1)."""
    for value, name, minimum in (
        (n, "n", 1),
        (k, "k", 1),
        (s, "s", 1),
        (p, "p", 0),
        (output_padding, "output_padding", 0),
        (d, "d", 1),
    ):
        _check_scalar(value, name, minimum)
    size = (n - 1) * s - 2 * p + d * (k - 1) + output_padding + 1
    if all(_is_number(x) for x in (n, k, s, p, output_padding, d)):
        s_, op_, d_, size_ = int(s), int(output_padding), int(d), int(size)
        if op_ >= max(s_, d_):
            raise ValueError(f"output_padding must be smaller than stride or dilation, got {op_} with s={s_}, d={d_}")
        if size_ < 1:
            raise ValueError(f"padding {int(p)} crops the whole output: output size {size_} < 1")
        return size_
    return sympy.sympify(size)


# --- index arithmetic (shared by the numeric and the symbolic builders) ----------------------------------


def _conv_axis(n: int, k: int, s: int, p: int, d: int) -> tuple[int, np.ndarray, np.ndarray]:
    """Output size m, input index (m, k) of tap a at output o, and its in-bounds mask."""
    m = (n + 2 * p - d * (k - 1) - 1) // s + 1
    idx = np.arange(m)[:, None] * s - p + np.arange(k)[None, :] * d
    return m, idx, (idx >= 0) & (idx < n)


def _tconv_axis(n: int, k: int, s: int, p: int, op: int, d: int) -> tuple[int, np.ndarray, np.ndarray]:
    """Output size m, output index (n, k) that input i scatters to through tap a, and its in-bounds mask."""
    m = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
    idx = np.arange(n)[:, None] * s - p + np.arange(k)[None, :] * d
    return m, idx, (idx >= 0) & (idx < m)


def _triplets(
    outer_h: tuple[np.ndarray, np.ndarray],
    outer_w: tuple[np.ndarray, np.ndarray],
    inner_sizes: tuple[int, int],
    outer_sizes: tuple[int, int],
    kw: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flattened (outer index, inner index, kernel index) of every in-bounds (pixel, tap) pair.

    "outer" pixels are the ones we iterate over (output pixels for conv, input pixels for the scatter),
    "inner" the ones a tap lands on. The 4-D layout (oh, ow, a, b) makes the triplets come out sorted
    by outer index, then by inner index (a larger tap offset is a larger row-major index), so they are
    already in CSR/CSC order and need no sort.
    """
    idx_h, mask_h = outer_h
    idx_w, mask_w = outer_w
    inner_w = inner_sizes[1]
    oh, kh = idx_h.shape
    ow = idx_w.shape[0]
    mask = mask_h[:, None, :, None] & mask_w[None, :, None, :]
    inner = idx_h[:, None, :, None] * inner_w + idx_w[None, :, None, :]
    outer = np.arange(oh)[:, None, None, None] * outer_sizes[1] + np.arange(ow)[None, :, None, None]
    tap = np.arange(kh)[None, None, :, None] * kw + np.arange(kw)[None, None, None, :]
    outer, tap = (np.broadcast_to(x, mask.shape) for x in (outer, tap))
    return outer[mask], inner[mask], tap[mask]


def _numeric(
    flat: np.ndarray,
    outer: np.ndarray,
    inner: np.ndarray,
    tap: np.ndarray,
    shape: tuple[int, int],
    *,
    by_column: bool,
) -> sp.csr_matrix:
    n_outer = shape[1] if by_column else shape[0]
    indptr = np.zeros(n_outer + 1, dtype=np.int64)
    np.cumsum(np.bincount(outer, minlength=n_outer), out=indptr[1:])
    # int32 indices when they fit: scipy would downcast anyway, and doing it here avoids a copy there.
    itype = np.int32 if max(shape) < 2**31 and len(inner) < 2**31 else np.int64
    data = (flat[tap], inner.astype(itype), indptr.astype(itype))
    # The scatter iterates over input pixels = columns: its triplets are in CSC order.
    matrix = sp.csc_matrix(data, shape=shape).tocsr() if by_column else sp.csr_matrix(data, shape=shape)
    matrix.has_sorted_indices = True
    return matrix


def _symbolic(
    flat: list[Any], rows: np.ndarray, cols: np.ndarray, tap: np.ndarray, shape: tuple[int, int]
) -> sympy.Matrix:
    # A dict-of-dicts straight into a sparse EXRAW DomainMatrix, then to_Matrix(): no sympify and no
    # arithmetic per entry (Matrix(rows, cols, list) would sympify ~10^6 zeros for a 1024x1024 matrix).
    entries = [sympy.sympify(e) for e in flat]
    nonzero = np.array([e != 0 for e in entries], dtype=bool)
    keep = nonzero[tap]
    dod: dict[int, dict[int, Any]] = {}
    for r, c, t in zip(rows[keep].tolist(), cols[keep].tolist(), tap[keep].tolist(), strict=True):
        dod.setdefault(r, {})[c] = entries[t]
    return DomainMatrix(dod, shape, EXRAW).to_Matrix()


# --- public builders ------------------------------------------------------------------------------------


def conv2d_matrix(
    kernel: Any,
    input_size: IntOrPair,
    *,
    stride: IntOrPair = 1,
    padding: IntOrPair = 0,
    dilation: IntOrPair = 1,
) -> ConvMatrix:
    """The matrix A with A @ vec(X) = vec(conv2d(X)), vec row-major, as torch.nn.functional.conv2d
    (cross-correlation, zero padding, single channel). kernel: (kh, kw) numpy array -> scipy.sparse CSR
    matrix; sympy Matrix -> sympy Matrix. Shape (OH*OW, H*W)."""
    symbolic, flat, kh, kw = _kernel(kernel)
    h, w = _pair(input_size, "input_size", 1)
    sh, sw = _pair(stride, "stride", 1)
    ph, pw = _pair(padding, "padding", 0)
    dh, dw = _pair(dilation, "dilation", 1)
    _check_fits(h, kh, ph, dh, "height")
    _check_fits(w, kw, pw, dw, "width")
    oh, idx_h, mask_h = _conv_axis(h, kh, sh, ph, dh)
    ow, idx_w, mask_w = _conv_axis(w, kw, sw, pw, dw)
    rows, cols, tap = _triplets((idx_h, mask_h), (idx_w, mask_w), (h, w), (oh, ow), kw)
    shape = (oh * ow, h * w)
    if symbolic:
        return _symbolic(list(flat), rows, cols, tap, shape)
    return _numeric(np.asarray(flat), rows, cols, tap, shape, by_column=False)


def conv_transpose2d_matrix(
    kernel: Any,
    input_size: IntOrPair,
    *,
    stride: IntOrPair = 1,
    padding: IntOrPair = 0,
    output_padding: IntOrPair = 0,
    dilation: IntOrPair = 1,
) -> ConvMatrix:
    """The matrix of torch.nn.functional.conv_transpose2d (single channel), built from the scatter
    definition: x[i, j] adds w[a, b] x[i, j] to out[i*s - p + a*d, j*s - p + b*d] when in bounds.
    padding crops the output; output_padding (< max(stride, dilation), as torch requires) extends it at
    the bottom/right. Numeric kernel -> scipy.sparse CSR; sympy Matrix -> sympy Matrix."""
    symbolic, flat, kh, kw = _kernel(kernel)
    h, w = _pair(input_size, "input_size", 1)
    sh, sw = _pair(stride, "stride", 1)
    ph, pw = _pair(padding, "padding", 0)
    oph, opw = _pair(output_padding, "output_padding", 0)
    dh, dw = _pair(dilation, "dilation", 1)
    if oph >= max(sh, dh) or opw >= max(sw, dw):
        raise ValueError(
            f"output_padding must be smaller than stride or dilation, got {output_padding!r} "
            f"with stride={stride!r}, dilation={dilation!r}"
        )
    oh, idx_h, mask_h = _tconv_axis(h, kh, sh, ph, oph, dh)
    ow, idx_w, mask_w = _tconv_axis(w, kw, sw, pw, opw, dw)
    if oh < 1 or ow < 1:
        raise ValueError(f"padding {padding!r} crops the whole output: output size ({oh}, {ow})")
    cols, rows, tap = _triplets((idx_h, mask_h), (idx_w, mask_w), (oh, ow), (h, w), kw)
    shape = (oh * ow, h * w)
    if symbolic:
        return _symbolic(list(flat), rows, cols, tap, shape)
    return _numeric(np.asarray(flat), cols, rows, tap, shape, by_column=True)


def symbolic_kernel(kh: int, kw: int | None = None, name: str = "w") -> sympy.Matrix:
    """A (kh, kw) sympy Matrix of symbols name_{i,j}, zero-indexed (kw defaults to kh)."""
    kw = kh if kw is None else kw
    return sympy.Matrix(kh, kw, lambda i, j: sympy.Symbol(f"{name}_{{{i},{j}}}"))


def symbolic_image(h: int, w: int | None = None, name: str = "x") -> sympy.Matrix:
    """A (h, w) sympy Matrix of symbols name_{i,j}, zero-indexed (w defaults to h)."""
    return symbolic_kernel(h, w, name)
