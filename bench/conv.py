"""Benchmark: the vectorised CSR and the SymPy convolution-matrix builders, against a plain Python loop."""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sympy
from sympy.core.cache import clear_cache

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from symproof.nn.conv import conv2d_matrix, conv_transpose2d_matrix, symbolic_kernel


def loop_conv2d_matrix(kernel: np.ndarray, n: int, padding: int) -> sp.csr_matrix:
    """The obvious builder: one Python iteration per (output pixel, tap). The baseline, not a library API."""
    kh, kw = kernel.shape
    out = n + 2 * padding - kh + 1
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i in range(out):
        for j in range(out):
            for a in range(kh):
                for b in range(kw):
                    r, c = i - padding + a, j - padding + b
                    if 0 <= r < n and 0 <= c < n:
                        rows.append(i * out + j)
                        cols.append(r * n + c)
                        vals.append(float(kernel[a, b]))
    return sp.csr_matrix((vals, (rows, cols)), shape=(out * out, n * n))


def median_time(fn: Callable[[], object], repeats: int, before: Callable[[], None] | None = None) -> float:
    fn()  # warm-up: imports, first-call allocations
    times = []
    for _ in range(repeats):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=11, help="timed runs per figure (median; >= 5)")
    args = parser.parse_args()
    if args.repeats < 5:
        parser.error("--repeats must be >= 5")
    repeats = args.repeats
    rng = np.random.default_rng(0)
    kernel = rng.standard_normal((3, 3))

    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}; medians of {repeats} runs")
    # Other jobs on a shared 2-core machine inflate wall times: the load is part of the figure.
    print("load average at start: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))

    # Numeric CSR builder: 'same' padding, so the matrix is n^2 x n^2 with ~9 n^2 entries.
    t64 = median_time(lambda: conv2d_matrix(kernel, 64, padding=1), repeats)
    t256 = median_time(lambda: conv2d_matrix(kernel, 256, padding=1), repeats)
    exponent = math.log(t256 / t64) / math.log(256 / 64)
    print(f"numeric  n=64,  k=3: {t64 * 1e3:8.3f} ms")
    print(f"numeric  n=256, k=3: {t256 * 1e3:8.3f} ms   (target <= 10 ms)")
    print(f"growth exponent of time in n, 64 -> 256: {exponent:.2f}   (target <= 2.1; n^2 pixels gives 2)")

    t_tr = median_time(lambda: conv_transpose2d_matrix(kernel, 256, stride=2, padding=1, output_padding=1), repeats)
    print(f"numeric  transposed, 256 -> 512, k=3, stride 2: {t_tr * 1e3:8.3f} ms")

    fast, slow = conv2d_matrix(kernel, 256, padding=1), loop_conv2d_matrix(kernel, 256, 1)
    if (fast != slow).nnz:
        raise SystemExit("the loop builder and the vectorised builder disagree: the comparison is void")
    t_loop = median_time(lambda: loop_conv2d_matrix(kernel, 256, 1), max(5, repeats // 2))
    print(f"python-loop builder n=256: {t_loop * 1e3:8.1f} ms; vectorised is {t_loop / t256:.0f}x faster")

    # Symbolic builder: 32x32 input, 'same' padding, a 1024x1024 sympy Matrix. SymPy caches results,
    # so the cache is cleared before every run or the repeats would time dictionary look-ups.
    w = symbolic_kernel(3)
    shape = conv2d_matrix(w, 32, padding=1).shape
    t_sym = median_time(lambda: conv2d_matrix(w, 32, padding=1), repeats, before=clear_cache)
    print(f"symbolic 32x32, k=3 -> {shape[0]}x{shape[1]} sympy.Matrix: {t_sym * 1e3:8.1f} ms   (target <= 100 ms)")
    print(f"sympy {sympy.__version__}, numpy {np.__version__}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
