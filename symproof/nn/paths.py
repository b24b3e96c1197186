"""Dependency patterns as path-count matrices: dense up to DENSE_PIXELS input pixels, sparse above; exact products."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["DENSE_PIXELS", "Pattern", "blocks_like", "identity_like", "path_product", "read_only"]

# Up to this many input pixels (a 32 x 32 image) a pattern is a dense numpy array: no SciPy import, and products in
# BLAS. Above, a layer's pattern is a scipy.sparse CSR matrix (a 128 x 128 image would make a dense one 2 GB).
DENSE_PIXELS = 32 * 32

# A dependency pattern: a dense int64 numpy array for inputs of up to DENSE_PIXELS pixels, a scipy.sparse CSR
# matrix of int64 above (both multiply with @ and give their entries with [i, j]).
Pattern = Any


def read_only(matrix: Pattern) -> Pattern:
    if isinstance(matrix, np.ndarray):
        matrix.setflags(write=False)  # cached: no caller may change the cached copy
    return matrix


def identity_like(pixels: int, like: Pattern) -> Pattern:
    """The identity pattern, dense or sparse as `like` is."""
    if isinstance(like, np.ndarray):
        return np.eye(pixels, dtype=np.int64)
    import scipy.sparse

    return scipy.sparse.identity(pixels, dtype=np.int64, format="csr")


def blocks_like(one: Pattern, rows: int, cols: int) -> Pattern:
    """The rows x cols block matrix whose every block is `one`, dense or sparse as `one` is."""
    if isinstance(one, np.ndarray):
        return np.block([[one] * cols for _ in range(rows)])
    import scipy.sparse

    return scipy.sparse.bmat([[one] * cols for _ in range(rows)], format="csr")


def _largest(matrix: Any) -> Any:
    return matrix.max(initial=0) if isinstance(matrix, np.ndarray) else (matrix.max() if matrix.nnz else 0)


def path_product(a: Pattern, b: Pattern) -> Pattern:
    """a @ b for nonnegative int64 matrices (numpy arrays, or scipy sparse above DENSE_PIXELS), exactly: dense, in
    float64 (BLAS) when no sum of products can reach 2^53, below which every integer, and so every partial sum, is
    a float; in int64 when none can reach 2^63; otherwise a ValueError rather than a rounded or wrapped count."""
    bound = int(_largest(a)) * int(_largest(b)) * a.shape[1]
    dense = isinstance(a, np.ndarray) and isinstance(b, np.ndarray)
    if bound < 2**53 and dense:
        return (a.astype(np.float64) @ b.astype(np.float64)).astype(np.int64)
    if bound < 2**63:
        return a @ b
    raise ValueError(f"path counts may exceed 2^63 (bound {bound}): the pattern cannot be counted in int64")
