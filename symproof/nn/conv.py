"""Convolution and transposed-convolution matrices (PyTorch conventions), and their output sizes."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import sympy
from sympy.polys.domains import EXRAW
from sympy.polys.matrices import DomainMatrix

if TYPE_CHECKING:
    import scipy.sparse as sp

__all__ = [
    "conv2d_channels_matrix",
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
            try:  # strict: a string entry is refused, never parsed as code
                flat = [sympy.sympify(e, strict=True) for e in arr.ravel()]
            except sympy.SympifyError as exc:
                raise ValueError(f"kernel entries must be numbers or SymPy expressions, got {exc.expr!r}") from None
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
    """An integer >= minimum, or a SymPy expression with free symbols (checked by whoever substitutes)."""
    if type(value) is int:  # the common case first: patterns of every residual placement ask thousands of sizes
        if value < minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
        return
    symbolic = isinstance(value, sympy.Basic) and not value.is_number
    if isinstance(value, (bool, np.bool_)) or not (_is_number(value) or symbolic):
        raise ValueError(f"{name} must be an integer or a SymPy expression, got {value!r}")
    if not symbolic and int(value) < minimum:  # type: ignore[call-overload]
        raise ValueError(f"{name} must be >= {minimum}, got {value!r}")


def output_size_formula(n: Any, k: Any, s: Any, p: Any, d: Any) -> Any:
    """The output size of a convolution or pooling layer, the formula alone (no checks): what the submission
    shows, rendered by latexify, and what `conv_output_size` computes."""
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def conv_output_size(n: Size, k: Size, s: Size = 1, p: Size = 0, d: Size = 1) -> Size:
    """floor((n + 2p - d(k-1) - 1)/s) + 1: an int for integers, a SymPy expression (with sympy.floor)
    if any argument is symbolic. Numeric arguments are checked; a numeric result < 1 is a ValueError."""
    for value, name, minimum in ((n, "n", 1), (k, "k", 1), (s, "s", 1), (p, "p", 0), (d, "d", 1)):
        _check_scalar(value, name, minimum)
    if all(_is_number(x) for x in (n, k, s, p, d)):
        n, k, s, p, d = (int(x) for x in (n, k, s, p, d))
        _check_fits(n, k, p, d)
        return int(output_size_formula(n, k, s, p, d))
    if s == 1:
        # No division, so no floor of our own: the size stays polynomial and exact even when n carries no integer
        # assumption. (Only the outer floor may go: n itself may hold one, from a pooling layer before.)
        return sympy.sympify(n) + 2 * p - d * (k - 1)
    return sympy.sympify(output_size_formula(sympy.sympify(n), k, s, p, d))


def transpose_output_size_formula(n: Any, k: Any, s: Any, p: Any, output_padding: Any, d: Any) -> Any:
    """The output size of a transposed convolution, the formula alone (no checks), as PyTorch computes it."""
    return (n - 1) * s - 2 * p + d * (k - 1) + output_padding + 1


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
    size = transpose_output_size_formula(n, k, s, p, output_padding, d)
    if all(_is_number(x) for x in (n, k, s, p, output_padding, d)):
        s_, op_, d_, size_ = int(s), int(output_padding), int(d), int(size)
        if op_ >= max(s_, d_):
            raise ValueError(f"output_padding must be smaller than stride or dilation, got {op_} with s={s_}, d={d_}")
        if size_ < 1:
            raise ValueError(f"padding {int(p)} crops the whole output: output size {size_} < 1")
        return size_
    return sympy.sympify(size)


# --- index arithmetic (shared by the numeric and the symbolic builders) ----------------------------------


def _taps_in_bounds(n_outer: int, k: int, s: int, p: int, d: int, n_inner: int) -> tuple[np.ndarray, np.ndarray]:
    """Per axis: the inner position (n_outer, k) of tap a of outer pixel o, o*s - p + a*d, and whether it
    lies on the inner grid."""
    pos = np.arange(n_outer)[:, None] * s - p + np.arange(k)[None, :] * d
    return pos, (pos >= 0) & (pos < n_inner)


def _pattern(
    outer: tuple[int, int],
    inner: tuple[int, int],
    ksize: tuple[int, int],
    s: tuple[int, int],
    p: tuple[int, int],
    d: tuple[int, int],
    values: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(indices, data, counts) of the compressed sparse matrix whose major axis is the outer grid.

    Outer pixels are the ones iterated over (output pixels for conv, input pixels for the scatter of the
    transposed conv); tap (a, b) of outer pixel (i, j) lands on inner pixel (i*s - p + a*d, j*s - p + b*d)
    and carries values[a*kw + b]. Entries are ordered by outer pixel, then tap, which is also increasing
    inner index: already CSR (or CSC) order, no sort.

    Whether tap a of outer row i is in bounds depends on (i, a) only, so consecutive outer rows with the
    same in-bounds taps (all interior rows, and each border row) share one compressed pattern over
    (j, a, b) up to an offset: each run of rows is one broadcast add, and no mask touches the big arrays.
    """
    (oh, ow), (ih, iw), (kh, kw) = outer, inner, ksize
    _, ok_h = _taps_in_bounds(oh, kh, s[0], p[0], d[0], ih)
    pos_w, ok_w = _taps_in_bounds(ow, kw, s[1], p[1], d[1], iw)
    # int32 (what scipy would pick) unless an index, the entry count or an intermediate offset needs more.
    reach = (oh * s[0] + kh * d[0] + p[0]) * iw + ow * s[1] + kw * d[1] + p[1]
    itype = np.int32 if max(ih * iw, oh * ow * kh * kw, reach) < 2**31 else np.int64
    counts = np.multiply.outer(ok_h.sum(axis=1), ok_w.sum(axis=1)).ravel()
    # Inner index of tap (a, b) of outer pixel (i, j), minus the row offset (i*s - p)*iw: (ow, kh, kw).
    relative = (np.arange(kh) * (d[0] * iw))[None, :, None] + pos_w[:, None, :]
    per_tap = np.broadcast_to(values.reshape(kh, kw), relative.shape)
    ok_bw = np.broadcast_to(ok_w[:, None, :], relative.shape)
    # Runs of outer rows with the same in-bounds taps a (a contiguous range, positions grow with a).
    new_run = np.flatnonzero((ok_h[1:] != ok_h[:-1]).any(axis=1)) + 1
    starts, ends = np.r_[0, new_run], np.r_[new_run, oh]
    nnz = int(counts.sum())
    # Each run is written in place into the final arrays: no per-run temporaries, no concatenation.
    indices = np.empty(nnz, dtype=itype)
    data = np.empty(nnz, dtype=values.dtype)
    filled = 0
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        keep = ok_bw & ok_h[start][None, :, None]
        pattern = relative[keep].astype(itype)
        size = (end - start) * pattern.size
        block = indices[filled : filled + size].reshape(end - start, pattern.size)
        row_offset = ((np.arange(start, end) * s[0] - p[0]) * iw).astype(itype)
        np.add(row_offset[:, None], pattern[None, :], out=block)
        data[filled : filled + size].reshape(end - start, pattern.size)[...] = per_tap[keep]
        filled += size
    return indices, data, counts


def _numeric(
    indices: np.ndarray, data: np.ndarray, counts: np.ndarray, shape: tuple[int, int], *, by_column: bool
) -> sp.csr_matrix:
    import scipy.sparse as sp  # 0.2 s to import, and only the numeric builders need it

    indptr = np.zeros(counts.size + 1, dtype=indices.dtype)
    np.cumsum(counts, out=indptr[1:])
    # The scatter iterates over input pixels = columns: its entries are in CSC order.
    if by_column:
        matrix = sp.csc_matrix((data, indices, indptr), shape=shape).tocsr()
    else:
        matrix = sp.csr_matrix((data, indices, indptr), shape=shape)
    matrix.has_sorted_indices = True
    return matrix


def _dense(
    indices: np.ndarray, data: np.ndarray, counts: np.ndarray, shape: tuple[int, int], *, by_column: bool
) -> np.ndarray:
    """The same entries as _numeric, as a dense numpy array: no SciPy import (0.07 s), for small matrices."""
    out = np.zeros(shape, dtype=data.dtype)
    outer = np.repeat(np.arange(counts.size), counts)
    rows, cols = (indices, outer) if by_column else (outer, indices)
    out[rows, cols] = data  # each (outer, tap) lands on its own inner pixel: no entry is written twice
    return out


def _symbolic(
    entries: list[Any],
    indices: np.ndarray,
    taps: np.ndarray,
    counts: np.ndarray,
    shape: tuple[int, int],
    *,
    by_column: bool,
) -> sympy.Matrix:
    # A dict-of-dicts straight into a sparse EXRAW DomainMatrix, then to_Matrix(): no sympify and no
    # arithmetic per entry (Matrix(rows, cols, list) would sympify ~10^6 zeros for a 1024x1024 matrix).
    entries = [sympy.sympify(e, strict=True) for e in entries]
    outer = np.repeat(np.arange(counts.size), counts)
    keep = np.array([e != 0 for e in entries], dtype=bool)[taps]
    outer_k, inner_k = outer[keep].tolist(), indices[keep].tolist()
    rows, cols = (inner_k, outer_k) if by_column else (outer_k, inner_k)
    dod: dict[int, dict[int, Any]] = {}
    for r, c, t in zip(rows, cols, taps[keep].tolist(), strict=True):
        dod.setdefault(r, {})[c] = entries[t]
    return DomainMatrix(dod, shape, EXRAW).to_Matrix()


def _build(
    symbolic: bool,
    flat: list[Any] | np.ndarray,
    outer: tuple[int, int],
    inner: tuple[int, int],
    ksize: tuple[int, int],
    s: tuple[int, int],
    p: tuple[int, int],
    d: tuple[int, int],
    *,
    by_column: bool,
    dense: bool = False,
) -> ConvMatrix:
    shape = (inner[0] * inner[1], outer[0] * outer[1]) if by_column else (outer[0] * outer[1], inner[0] * inner[1])
    if symbolic:
        # The pattern carries tap numbers; the SymPy entries are looked up per stored entry, not computed.
        indices, taps, counts = _pattern(outer, inner, ksize, s, p, d, np.arange(len(flat)))
        return _symbolic(list(flat), indices, taps, counts, shape, by_column=by_column)
    indices, data, counts = _pattern(outer, inner, ksize, s, p, d, np.asarray(flat))
    return (_dense if dense else _numeric)(indices, data, counts, shape, by_column=by_column)


# --- public builders ------------------------------------------------------------------------------------


def conv2d_matrix(
    kernel: Any,
    input_size: IntOrPair,
    *,
    stride: IntOrPair = 1,
    padding: IntOrPair = 0,
    dilation: IntOrPair = 1,
    dense: bool = False,
) -> ConvMatrix:
    """The matrix A with A @ vec(X) = vec(conv2d(X)), vec row-major, as torch.nn.functional.conv2d
    (cross-correlation, zero padding, single channel). kernel: (kh, kw) numpy array -> scipy.sparse CSR
    matrix (a dense numpy array with `dense`); sympy Matrix -> sympy Matrix. Shape (OH*OW, H*W)."""
    symbolic, flat, kh, kw = _kernel(kernel)
    h, w = _pair(input_size, "input_size", 1)
    sh, sw = _pair(stride, "stride", 1)
    ph, pw = _pair(padding, "padding", 0)
    dh, dw = _pair(dilation, "dilation", 1)
    _check_fits(h, kh, ph, dh, "height")
    _check_fits(w, kw, pw, dw, "width")
    oh = output_size_formula(h, kh, sh, ph, dh)
    ow = output_size_formula(w, kw, sw, pw, dw)
    return _build(symbolic, flat, (oh, ow), (h, w), (kh, kw), (sh, sw), (ph, pw), (dh, dw), by_column=False,
                  dense=dense)


def conv2d_channels_matrix(
    kernels: Any,
    input_size: IntOrPair,
    *,
    stride: IntOrPair = 1,
    padding: IntOrPair = 0,
    dilation: IntOrPair = 1,
    dense: bool = False,
) -> ConvMatrix:
    """The matrix of a multi-channel torch.nn.functional.conv2d (no bias) for numeric kernels of shape (C_out,
    C_in, kh, kw): block (o, i) is conv2d_matrix of kernels[o, i], input and output flattened channel by channel,
    then row-major (torch's NCHW order). Shape (C_out*OH*OW, C_in*H*W), scipy.sparse CSR (a dense numpy array
    with `dense`)."""
    arr = np.asarray(kernels)
    if arr.ndim != 4 or arr.dtype.kind == "O":
        raise ValueError(f"kernels must be a numeric (C_out, C_in, kh, kw) array, got shape {arr.shape}")
    blocks = [[conv2d_matrix(k, input_size, stride=stride, padding=padding, dilation=dilation, dense=dense)
               for k in row] for row in arr]
    if dense:
        return np.block(blocks)
    import scipy.sparse

    return scipy.sparse.bmat(blocks, format="csr")


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
    oh = transpose_output_size_formula(h, kh, sh, ph, oph, dh)
    ow = transpose_output_size_formula(w, kw, sw, pw, opw, dw)
    if oh < 1 or ow < 1:
        raise ValueError(f"padding {padding!r} crops the whole output: output size ({oh}, {ow})")
    # The scatter: input pixels are the outer grid, their taps land on the output grid.
    return _build(symbolic, flat, (h, w), (oh, ow), (kh, kw), (sh, sw), (ph, pw), (dh, dw), by_column=True)


def symbolic_kernel(kh: int, kw: int | None = None, name: str = "w") -> sympy.Matrix:
    """A (kh, kw) sympy Matrix of symbols name_{i,j}, zero-indexed (kw defaults to kh)."""
    kw = kh if kw is None else kw
    return sympy.Matrix(kh, kw, lambda i, j: sympy.Symbol(f"{name}_{{{i},{j}}}"))


def symbolic_image(h: int, w: int | None = None, name: str = "x") -> sympy.Matrix:
    """A (h, w) sympy Matrix of symbols name_{i,j}, zero-indexed (w defaults to h)."""
    return symbolic_kernel(h, w, name)
