"""Layer stacks as frozen dataclasses: output sizes, receptive fields and smallest accepted inputs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

import sympy

from symproof.nn.conv import Size, _check_scalar, _is_number, conv_output_size

__all__ = [
    "Conv",
    "Dense",
    "GlobalAvgPool",
    "Layer",
    "MaxPool",
    "ReceptiveField",
    "Residual",
    "min_input_size",
    "output_size",
    "receptive_field",
    "receptive_field_closed_form",
]


@dataclass(frozen=True)
class Conv:
    """A square convolution: kernel k, stride s, zero padding p, dilation d (ints or SymPy expressions)."""

    k: Size
    s: Size = 1
    p: Size = 0
    d: Size = 1

    def __post_init__(self) -> None:
        for name, minimum in (("k", 1), ("s", 1), ("p", 0), ("d", 1)):
            _check_scalar(getattr(self, name), f"Conv {name}", minimum)


@dataclass(frozen=True)
class MaxPool:
    """Max pooling over k x k windows, stride s (default k), no padding."""

    k: Size
    s: Size | None = None

    def __post_init__(self) -> None:
        _check_scalar(self.k, "MaxPool k", 1)
        if self.s is not None:
            _check_scalar(self.s, "MaxPool s", 1)

    @property
    def stride(self) -> Size:
        return self.k if self.s is None else self.s


@dataclass(frozen=True)
class GlobalAvgPool:
    """Average over the whole spatial extent: the output is 1 x 1 whatever the input."""


@dataclass(frozen=True)
class Dense:
    """A fully connected layer on the flattened input: n_out features, spatial size 1 x 1."""

    n_out: Size

    def __post_init__(self) -> None:
        _check_scalar(self.n_out, "Dense n_out", 1)


@dataclass(frozen=True)
class Residual:
    """output = body(x) + x; the body must preserve the spatial size for every input size."""

    layers: tuple[Layer, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.layers, tuple):
            # Frozen, so a list argument is converted here; a tuple keeps the block hashable.
            object.__setattr__(self, "layers", tuple(self.layers))
        n = sympy.Symbol("n", integer=True, positive=True)
        mapped = _output_size(self.layers, n)
        if sympy.simplify(mapped - n) != 0:
            raise ValueError(f"Residual layers must preserve the spatial size, but map n to {mapped}")


Layer: TypeAlias = Conv | MaxPool | GlobalAvgPool | Dense | Residual


class ReceptiveField(NamedTuple):
    """The field of one output pixel in input pixels: its size, the jump (input distance between
    adjacent output pixels) and start (input coordinate of output pixel 0's field centre)."""

    size: Size
    jump: Size
    start: Size


def _layer_output_size(layer: Layer, n: Size) -> Size:
    if isinstance(layer, Conv):
        return conv_output_size(n, layer.k, layer.s, layer.p, layer.d)
    if isinstance(layer, MaxPool):
        return conv_output_size(n, layer.k, layer.stride)
    if isinstance(layer, (GlobalAvgPool, Dense)):
        # Stay in SymPy for a symbolic n, so callers can always .subs() the result.
        return sympy.Integer(1) if isinstance(n, sympy.Basic) else 1
    if isinstance(layer, Residual):
        # Checked at construction: the body maps n to n, and must accept this n.
        _output_size(layer.layers, n)
        return n
    raise ValueError(f"layer must be a Conv, MaxPool, GlobalAvgPool, Dense or Residual, got {layer!r}")


def _output_size(layers: Sequence[Layer], n: Size) -> Size:
    for i, layer in enumerate(layers):
        try:
            n = _layer_output_size(layer, n)
        except ValueError as err:
            raise ValueError(f"layer {i} ({layer}): {err}") from None
    return n


def output_size(layers: Sequence[Layer] | Layer, n: Size) -> Size:
    """The spatial size after the stack for an n x n input: an int, or a SymPy expression (with
    sympy.floor wherever a stride divides) for a symbolic n. A too-small integer n is a ValueError
    naming the first layer whose output would be empty."""
    _check_scalar(n, "n", 1)
    return _output_size(_as_stack(layers), n)


def _as_stack(layers: Sequence[Layer] | Layer) -> tuple[Layer, ...]:
    if isinstance(layers, (Conv, MaxPool, GlobalAvgPool, Dense, Residual)):
        return (layers,)
    return tuple(layers)


def _exact(x: Size) -> Size:
    """Plain ints where SymPy arithmetic produced an integer, so numeric fields compare and print as ints."""
    x = sympy.sympify(x, strict=True)
    return int(x) if x.is_Integer else x


def _min(a: Size, b: Size) -> Size:
    return min(a, b) if _is_number(a) and _is_number(b) else sympy.Min(a, b)


def _max(a: Size, b: Size) -> Size:
    return max(a, b) if _is_number(a) and _is_number(b) else sympy.Max(a, b)


def _layer_field(layer: Layer) -> ReceptiveField:
    """The field of one layer (or residual block) relative to its own input."""
    if isinstance(layer, (Conv, MaxPool)):
        k, s, p, d = (layer.k, layer.s, layer.p, layer.d) if isinstance(layer, Conv) else (layer.k, layer.stride, 0, 1)
        extent = sympy.sympify((k - 1) * d)
        return ReceptiveField(extent + 1, sympy.sympify(s), extent / 2 - p)
    if isinstance(layer, Residual):
        body = receptive_field(layer.layers)
        half = sympy.sympify(body.size - 1) / 2
        # The identity path sees exactly input pixel 0 (size 1, centre 0): take the bounding interval.
        lo, hi = _min(body.start - half, 0), _max(body.start + half, 0)
        return ReceptiveField(hi - lo + 1, body.jump, sympy.sympify(lo + hi) / 2)
    raise ValueError(
        f"receptive_field is the whole input after {type(layer).__name__}: only Conv, MaxPool and Residual "
        f"have a finite field, got {layer!r}"
    )


def receptive_field(layers: Sequence[Layer] | Layer) -> ReceptiveField:
    """ReceptiveField(size, jump, start) of the stack by the standard recurrence, from (1, 1, 0):
    size += (k-1) d jump, start += ((k-1) d / 2 - p) jump, jump *= s. A Residual block contributes the
    bounding interval of its body's field and the identity's single pixel."""
    size: Size = sympy.Integer(1)
    jump: Size = sympy.Integer(1)
    start: Size = sympy.Integer(0)
    for i, layer in enumerate(_as_stack(layers)):
        try:
            f = _layer_field(layer)
        except ValueError as err:
            raise ValueError(f"layer {i}: {err}") from None
        size, start, jump = size + (f.size - 1) * jump, start + f.start * jump, jump * f.jump
    return ReceptiveField(_exact(size), _exact(jump), _exact(start))


def receptive_field_closed_form(ks: Sequence[Size], ss: Sequence[Size], ds: Sequence[Size] | None = None) -> Size:
    """1 + sum_l (k_l - 1) d_l prod_{i<l} s_i (d_l = 1 unless ds is given): the recurrence's size, unrolled."""
    if len(ks) != len(ss) or (ds is not None and len(ds) != len(ks)):
        raise ValueError(f"ks, ss (and ds) must have the same length, got {len(ks)}, {len(ss)}")
    dilations: Sequence[Size] = [1] * len(ks) if ds is None else ds
    total: Size = 1
    jump: Size = 1
    for k, s, d in zip(ks, ss, dilations, strict=True):
        total += (k - 1) * d * jump
        jump *= s
    return _exact(total)


def _min_input(layers: Sequence[Layer], m: Size) -> Size:
    """Smallest n whose output after the stack is >= m, every intermediate output being >= 1.

    Backwards: floor((n + 2p - d(k-1) - 1)/s) + 1 >= m  <=>  n >= (m-1)s + d(k-1) + 1 - 2p, because
    floor(x/s) >= m-1 <=> x >= (m-1)s for integers; and every size is also >= 1.
    """
    for layer in reversed(layers):
        if isinstance(layer, Conv):
            m = _max(1, (m - 1) * layer.s + layer.d * (layer.k - 1) + 1 - 2 * layer.p)
        elif isinstance(layer, MaxPool):
            m = _max(1, (m - 1) * layer.stride + layer.k)
        elif isinstance(layer, (GlobalAvgPool, Dense)):
            m = 1
        elif isinstance(layer, Residual):
            # Sizes only grow with n, so the block works from its body's own minimum upwards.
            m = _max(m, _min_input(layer.layers, 1))
        else:
            raise ValueError(f"layer must be a Conv, MaxPool, GlobalAvgPool, Dense or Residual, got {layer!r}")
    return m


def min_input_size(layers: Sequence[Layer] | Layer) -> Size:
    """The smallest n for which every layer's output (inside residual blocks too) is >= 1."""
    return _exact(_min_input(_as_stack(layers), 1))
