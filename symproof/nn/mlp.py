"""A numpy tanh MLP with mean softmax cross-entropy, its backprop gradient and its exact R-operator Hv."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["MLP", "param_count"]

Array = NDArray[np.floating] | NDArray[np.complexfloating]


def _check_sizes(sizes: Sequence[int]) -> tuple[int, ...]:
    """The layer widths as a tuple, or a one-line ValueError naming the bad value."""
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
        raise ValueError(f"sizes must be a sequence of layer widths, got {sizes!r}")
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least 2 layers (input and output), got {list(sizes)!r}")
    for s in sizes:
        # bool is an int subclass, but True as a layer width is a bug, not a width of 1.
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"layer width must be an int >= 1, got {s!r} in sizes {list(sizes)!r}")
    return tuple(int(s) for s in sizes)


def layer_params(n_in: int, n_out: int) -> int:
    """The parameters of one dense layer, the formula alone (no checks): an n_out x n_in weight matrix and
    n_out biases. What the submission shows, rendered by latexify, and what `param_count` adds up."""
    return (n_in + 1) * n_out


def param_count(sizes: Sequence[int]) -> int:
    """Number of weights and biases of a dense network: sum over layers of (n_{l-1} + 1) n_l."""
    n = _check_sizes(sizes)
    return sum(layer_params(n_in, n_out) for n_in, n_out in itertools.pairwise(n))


@dataclass
class _Workspace:
    """Buffers for one (batch, dtype): reused across calls so a hot loop neither allocates nor page-faults.

    Layer k = 1..L has width n_k. Activations and deltas are stored two batches tall so that the R-passes
    do one matrix product where the textbook formula has two: rows [:B] and [B:] of ``acts[k]`` are a_k
    and R{a_k}, and rows [:B] and [B:] of ``deltas[k]`` are R{delta_k} and delta_k. Then
    R{dW_k} = deltas[k].T @ acts[k-1] is a single product of inner size 2B, which OpenBLAS runs faster
    than two products of inner size B.
    """

    acts: list[Array]  # acts[k], k = 1..L-1 (index 0 unused): (2B, n_k)
    dtanh: list[Array]  # dtanh[k] = 1 - a_k^2, k = 1..L-1: (B, n_k)
    deltas: list[Array]  # deltas[k], k = 1..L: (2B, n_k)
    tmp_out: list[Array]  # tmp_out[k], k = 0..L: scratch (B, n_k) for the second product of a sum of two
    logits: Array  # (2B, n_L): rows [:B] logits z_L, rows [B:] R{z_L}
    back: list[Array]  # back[k], k = 1..L-1: (2B, n_k) = deltas[k+1] @ W_{k+1}
    rows: NDArray[np.intp]  # arange(B), for picking the label column of each row


class MLP:
    """Dense network: tanh hidden layers, linear last layer, mean softmax cross-entropy over the batch.

    Parameters live in one flat vector ``w``; for each layer the weight ``W`` (fan_out, fan_in), as in
    ``torch.nn.Linear``, then the bias ``b`` (fan_out). Every method is written with analytic operations
    only (no ``abs``, no conjugation, transposes by ``.T``), so complex ``w`` and ``v`` give complex-step
    derivatives: Im(grad(w + i h v)) / h equals H v to round-off.

    Work buffers are cached per (batch size, dtype) and reused, so one MLP object serves one call at a
    time (not thread-safe); results are always written to a fresh array or to the caller's ``out``.
    """

    def __init__(self, sizes: Sequence[int]) -> None:
        self.sizes: tuple[int, ...] = _check_sizes(sizes)
        self.n_params: int = param_count(self.sizes)
        # (offset of W, offset of b, end) for each layer, so unflatten is slicing only.
        self._slices: list[tuple[int, int, int]] = []
        off = 0
        for n_in, n_out in itertools.pairwise(self.sizes):
            self._slices.append((off, off + n_in * n_out, off + (n_in + 1) * n_out))
            off += (n_in + 1) * n_out
        self._workspaces: dict[tuple[int, np.dtype], _Workspace] = {}

    def __repr__(self) -> str:
        return f"MLP({list(self.sizes)})"

    # ------------------------------------------------------------------ parameters

    def init(self, seed: int) -> NDArray[np.float64]:
        """LeCun-normal weights (variance 1/fan_in, which keeps tanh in its curved range) and small biases.

        The biases are drawn too (std 0.1) rather than zeroed, so a forward or R-pass that forgets them
        disagrees with the oracles instead of passing by accident.
        """
        rng = np.random.default_rng(seed)
        w = np.empty(self.n_params, dtype=np.float64)
        for (W, b), n_in in zip(self.unflatten(w), self.sizes[:-1], strict=True):
            W[...] = rng.standard_normal(W.shape) / np.sqrt(n_in)
            b[...] = 0.1 * rng.standard_normal(b.shape)
        return w

    def unflatten(self, w: Array) -> list[tuple[Array, Array]]:
        """Per-layer (W, b) as views into ``w`` (no copies): W is (fan_out, fan_in), b is (fan_out,)."""
        self._check_w(w, "w")
        out = []
        for (i, j, end), (n_in, n_out) in zip(self._slices, itertools.pairwise(self.sizes), strict=True):
            out.append((w[i:j].reshape(n_out, n_in), w[j:end]))
        return out

    # ------------------------------------------------------------------ validation

    def _check_w(self, w: Array, name: str) -> None:
        if not isinstance(w, np.ndarray) or w.ndim != 1 or w.size != self.n_params:
            shape = getattr(w, "shape", type(w).__name__)
            raise ValueError(f"{name} must be a flat vector of {self.n_params} parameters, got shape {shape}")
        if not w.flags.c_contiguous:
            raise ValueError(f"{name} must be C-contiguous (unflatten returns views into it)")

    def _check_batch(self, X: Array, y: NDArray[np.integer]) -> int:
        n0, n_out = self.sizes[0], self.sizes[-1]
        if not isinstance(X, np.ndarray) or X.ndim != 2 or X.shape[1] != n0:
            shape = getattr(X, "shape", type(X).__name__)
            raise ValueError(f"X must have shape (batch, {n0}), got {shape}")
        B = X.shape[0]
        if B < 1:
            raise ValueError("X must hold at least one example, got batch 0")
        if not isinstance(y, np.ndarray) or y.shape != (B,) or not np.issubdtype(y.dtype, np.integer):
            desc = f"{y.dtype} shape {y.shape}" if isinstance(y, np.ndarray) else type(y).__name__
            raise ValueError(f"y must be {B} integer labels, got {desc}")
        lo, hi = int(y.min()), int(y.max())
        if lo < 0 or hi >= n_out:
            bad = lo if lo < 0 else hi
            raise ValueError(f"label {bad} out of range [0, {n_out})")
        return B

    def _workspace(self, B: int, dtype: np.dtype) -> _Workspace:
        key = (B, dtype)
        ws = self._workspaces.get(key)
        if ws is None:
            n = self.sizes
            ws = _Workspace(
                acts=[np.empty((2 * B, m), dtype) for m in n[:-1]],
                dtanh=[np.empty((B, m), dtype) for m in n[:-1]],
                deltas=[np.empty((2 * B, m), dtype) for m in n],
                tmp_out=[np.empty((B, m), dtype) for m in n],
                logits=np.empty((2 * B, n[-1]), dtype),
                back=[np.empty((2 * B, m), dtype) for m in n[:-1]],
                rows=np.arange(B),
            )
            self._workspaces[key] = ws
        return ws

    # ------------------------------------------------------------------ passes

    def _forward(self, params: list[tuple[Array, Array]], X: Array, ws: _Workspace, B: int) -> Array:
        """Forward pass into rows [:B] of the workspace; returns the (B, n_L) logits (a view)."""
        L = len(params)
        a_prev = X
        for k, (W, b) in enumerate(params, start=1):
            z = ws.logits[:B] if k == L else ws.acts[k][:B]
            np.matmul(a_prev, W.T, out=z)
            z += b
            if k < L:
                np.tanh(z, out=z)
                a_prev = z
        return ws.logits[:B]

    @staticmethod
    def _softmax_ce(z: Array, y: NDArray[np.integer], p: Array, rows: NDArray[np.intp]) -> Array:
        """Softmax of z into p; returns the per-example losses logsumexp(z) - z_y.

        The shift is the max of the REAL part: it keeps exp from overflowing, and it is a constant under
        complex perturbation, so the complex step goes through exp and log untouched.
        """
        m = z.real.max(axis=1, keepdims=True)
        np.subtract(z, m, out=p)
        np.exp(p, out=p)
        s = p.sum(axis=1, keepdims=True)
        p /= s
        return (np.log(s[:, 0]) + m[:, 0]) - z[rows, y]

    def loss(self, w: Array, X: Array, y: NDArray[np.integer]) -> float | complex:
        """Mean softmax cross-entropy of the batch (complex for complex ``w``)."""
        params = self.unflatten(w)
        B = self._check_batch(X, y)
        ws = self._workspace(B, np.result_type(w, X))
        z = self._forward(params, X, ws, B)
        per_example = self._softmax_ce(z, y, ws.deltas[-1][B:], ws.rows)
        val = per_example.mean()
        return complex(val) if np.iscomplexobj(val) else float(val)

    def grad(self, w: Array, X: Array, y: NDArray[np.integer], out: Array | None = None) -> Array:
        """Gradient of the loss by backprop, as a flat vector laid out like ``w``."""
        params = self.unflatten(w)
        B = self._check_batch(X, y)
        dtype = np.result_type(w, X)
        ws = self._workspace(B, dtype)
        g = self._output(out, dtype, "out")
        L = len(params)
        z = self._forward(params, X, ws, B)
        # delta_L = (softmax - onehot) / B, in rows [B:] of deltas[L] (rows [:B] belong to R{delta}).
        dz = ws.deltas[L][B:]
        self._softmax_ce(z, y, dz, ws.rows)
        dz[ws.rows, y] -= 1.0
        dz *= 1.0 / B
        layers = list(enumerate(zip(params, self.unflatten(g), strict=True), start=1))
        for k, ((W, _), (gW, gb)) in reversed(layers):
            a_prev = X if k == 1 else ws.acts[k - 1][:B]
            np.matmul(dz.T, a_prev, out=gW)
            np.sum(dz, axis=0, out=gb)
            if k > 1:
                da = ws.back[k - 1][B:]
                np.matmul(dz, W, out=da)
                d = ws.dtanh[k - 1]
                np.multiply(a_prev, a_prev, out=d)
                np.subtract(1.0, d, out=d)
                dz = ws.deltas[k - 1][B:]
                np.multiply(da, d, out=dz)
        return g

    def hvp(self, w: Array, v: Array, X: Array, y: NDArray[np.integer], out: Array | None = None) -> Array:
        """Exact Hessian-vector product H(w) v by Pearlmutter's R-operator, R{f} = d/dt f(w + t v) at t = 0.

        Forward R-pass:  R{z_l} = R{a_{l-1}} W_l^T + a_{l-1} V_l^T + R{b_l},  R{a_l} = (1 - a_l^2) R{z_l}.
        Output:          R{delta_L} = (p * (R{z_L} - <p, R{z_L}>)) / B  with p = softmax(z_L).
        Backward R-pass: R{dW_l} = R{delta_l}^T a_{l-1} + delta_l^T R{a_{l-1}},  R{db_l} = sum R{delta_l},
                         R{delta_{l-1}} = (R{delta_l} W_l + delta_l V_l) (1 - a^2) - (delta_l W_l) 2 a R{a}.
        """
        params = self.unflatten(w)
        self._check_w(v, "v")
        vparams = self.unflatten(v)
        B = self._check_batch(X, y)
        dtype = np.result_type(w, v, X)
        ws = self._workspace(B, dtype)
        h = self._output(out, dtype, "out")
        L = len(params)

        # Forward and forward R-pass, fused: acts[k] = [a_k; R{a_k}] and logits = [z_L; R{z_L}].
        for k, ((W, b), (V, vb)) in enumerate(zip(params, vparams, strict=True), start=1):
            z2 = ws.logits if k == L else ws.acts[k]
            z, rz = z2[:B], z2[B:]
            if k == 1:
                # R{a_0} = 0: the inputs do not depend on w.
                np.matmul(X, W.T, out=z)
                np.matmul(X, V.T, out=rz)
            else:
                # One product [a; R{a}] W^T gives both z and R{a} W^T; then add a V^T.
                np.matmul(ws.acts[k - 1], W.T, out=z2)
                t = ws.tmp_out[k]
                np.matmul(ws.acts[k - 1][:B], V.T, out=t)
                rz += t
            z += b
            rz += vb
            if k < L:
                np.tanh(z, out=z)
                d = ws.dtanh[k]
                np.multiply(z, z, out=d)
                np.subtract(1.0, d, out=d)
                rz *= d

        # Output layer: p = softmax(z_L); delta_L = (p - onehot)/B; R{delta_L} = p (R{z} - <p, R{z}>) / B.
        dl = ws.deltas[L]
        rdz, dz = dl[:B], dl[B:]
        z, rz = ws.logits[:B], ws.logits[B:]
        self._softmax_ce(z, y, dz, ws.rows)
        np.multiply(dz, rz, out=rdz)
        rdz_mean = rdz.sum(axis=1, keepdims=True)
        np.subtract(rz, rdz_mean, out=rdz)
        rdz *= dz
        rdz *= 1.0 / B
        dz[ws.rows, y] -= 1.0
        dz *= 1.0 / B

        for k, ((W, _), (V, _), (hW, hb)) in reversed(
            list(enumerate(zip(params, vparams, self.unflatten(h), strict=True), start=1))
        ):
            dl = ws.deltas[k]
            rdz, dz = dl[:B], dl[B:]
            np.sum(rdz, axis=0, out=hb)
            if k == 1:
                np.matmul(rdz.T, X, out=hW)
                break
            # [R{delta}; delta]^T [a; R{a}] = R{delta}^T a + delta^T R{a}: one product, inner size 2B.
            a2 = ws.acts[k - 1]
            np.matmul(dl.T, a2, out=hW)
            # [R{delta}; delta] W = [R{delta} W; delta W]; then add delta V to the top half.
            bk = ws.back[k - 1]
            np.matmul(dl, W, out=bk)
            rda, da = bk[:B], bk[B:]
            t = ws.tmp_out[k - 1]
            np.matmul(dz, V, out=t)
            rda += t
            a, ra = a2[:B], a2[B:]
            d = ws.dtanh[k - 1]
            prev = ws.deltas[k - 1]
            rdz_prev, dz_prev = prev[:B], prev[B:]
            # R{delta_{l-1}} = R{da} (1 - a^2) - da * 2 a R{a}
            np.multiply(rda, d, out=rdz_prev)
            np.multiply(a, ra, out=t)
            t *= da
            t *= 2.0
            rdz_prev -= t
            np.multiply(da, d, out=dz_prev)
        return h

    def _output(self, out: Array | None, dtype: np.dtype, name: str) -> Array:
        if out is None:
            return np.empty(self.n_params, dtype=dtype)
        self._check_w(out, name)
        if out.dtype != dtype:
            raise ValueError(f"{name} must have dtype {dtype}, got {out.dtype}")
        return out
