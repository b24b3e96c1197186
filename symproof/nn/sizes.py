"""Output sizes from their definitions: the per-layer formula left unevaluated, the windows counted one by one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from symproof.nn.layers import Layer, WindowLayer, output_size

__all__ = ["accepts", "nested_formula", "size_formula", "window_count", "windows_through"]


def _minus(e: Any) -> Any:
    e = sp.sympify(e)
    return -e if e.is_Number else sp.Mul(-1, e, evaluate=False)


def size_formula(n: Any, layer: WindowLayer) -> Any:
    """floor((n + 2p - d(k - 1) - 1) / s) + 1 left unevaluated, as a student writes it for one layer (a zero
    padding and a dilation of 1 are left out)."""
    k, s, pad, d = layer.window
    terms = [n]
    if pad != 0:
        terms.append(sp.Mul(2, pad, evaluate=False))
    terms += [_minus((k - 1) * d), -1]
    ratio = sp.Mul(sp.Add(*terms, evaluate=False), sp.Pow(s, -1, evaluate=False), evaluate=False)
    return sp.Add(sp.floor(ratio, evaluate=False), 1, evaluate=False)


def nested_formula(layers: Sequence[WindowLayer], n: Any) -> Any:
    """The formulas of every layer composed, unevaluated: the size after the stack, from its definition only."""
    for layer in layers:
        n = size_formula(n, layer)
    return n


def window_count(n: int, layer: WindowLayer) -> int:
    """How many k x k windows fit in the padded input at stride s, counted one by one (no floor formula)."""
    k, s, pad, d = layer.window
    extent = d * (k - 1) + 1
    return sum(1 for start in range(0, n + 2 * pad, s) if start + extent <= n + 2 * pad)


def windows_through(layers: Sequence[WindowLayer], n: int) -> int:
    for layer in layers:
        n = window_count(n, layer)
    return n


def accepts(layers: Sequence[Layer], n: Any) -> Any:
    """Every intermediate spatial size is at least 1: the network can run on an n x n input."""
    return sp.And(*(output_size(layers[:i], n) >= 1 for i in range(1, len(layers) + 1)))
