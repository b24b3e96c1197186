"""Layer stacks as frozen dataclasses, each kind its own class: output sizes, receptive fields, smallest inputs."""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import sympy

from symproof.nn.conv import Size, _check_scalar, _is_number, conv2d_matrix, conv_output_size
from symproof.nn.paths import DENSE_PIXELS, Pattern, identity_like, path_product, read_only

__all__ = [
    "Conv",
    "Dense",
    "GlobalAvgPool",
    "Layer",
    "MaxPool",
    "ReceptiveField",
    "Residual",
    "WholeInput",
    "Window",
    "WindowLayer",
    "min_input_size",
    "output_size",
    "pattern",
    "pull_back",
    "receptive_field",
    "receptive_field_closed_form",
]


class ReceptiveField(NamedTuple):
    """The field of one output pixel in input pixels: its size, the jump (input distance between
    adjacent output pixels) and start (input coordinate of output pixel 0's field centre)."""

    size: Size
    jump: Size
    start: Size


class Window(NamedTuple):
    """What a layer that reads k x k windows does: kernel k, stride s, zero padding p, dilation d."""

    k: Size
    s: Size
    p: Size
    d: Size


class Layer(ABC):
    """One kind of layer of a stack; a new kind is one subclass implementing these three methods."""

    @abstractmethod
    def output_size(self, n: Size) -> Size:
        """The spatial size out of this layer for an n x n input (a ValueError when the output would be empty)."""

    @abstractmethod
    def field(self) -> ReceptiveField:
        """The receptive field of this layer relative to its own input; a ValueError when it is the whole input."""

    @abstractmethod
    def min_input(self, m: Size) -> Size:
        """The smallest n whose output is >= m, every size inside the layer being >= 1."""

    @abstractmethod
    def pattern(self, side: int) -> Pattern:
        """Which input pixels of a side x side input each output pixel can read, as a nonnegative integer matrix
        (output pixels x input pixels, row-major; see Pattern): a product of such matrices counts paths, so it is
        zero exactly where no choice of weights makes an output depend on an input."""

    def pull_back(self, side: int, rows: np.ndarray) -> np.ndarray:
        """rows @ pattern(side): path counts from some output pixels (rows over this layer's output pixels) back
        to its input pixels. A layer whose pattern is a sum overrides it to skip the product."""
        return path_product(rows, self.pattern(side))


class WindowLayer(Layer):
    """A layer that reads k x k windows (a convolution, a pooling): all it does follows from its Window."""

    @property
    @abstractmethod
    def window(self) -> Window: ...

    def output_size(self, n: Size) -> Size:
        return conv_output_size(n, *self.window)

    def field(self) -> ReceptiveField:
        k, s, p, d = self.window
        extent = sympy.sympify((k - 1) * d)
        return ReceptiveField(extent + 1, sympy.sympify(s), extent / 2 - p)

    def min_input(self, m: Size) -> Size:
        # floor((n + 2p - d(k-1) - 1)/s) + 1 >= m  <=>  n >= (m-1)s + d(k-1) + 1 - 2p, because
        # floor(x/s) >= m-1 <=> x >= (m-1)s for integers; and every size is also >= 1.
        k, s, p, d = self.window
        return _max(1, (m - 1) * s + d * (k - 1) + 1 - 2 * p)

    def pattern(self, side: int) -> Pattern:
        return _window_pattern(self.window, side)


@functools.cache
def _window_pattern(window: Window, side: int) -> Pattern:
    # The matrix of an all-ones kernel: every weight possibly nonzero. Cached: a stack reuses it layer after layer.
    k, s, p, d = (int(v) for v in window)
    dense = side * side <= DENSE_PIXELS
    matrix = conv2d_matrix(np.ones((k, k), dtype=np.int64), side, stride=s, padding=p, dilation=d, dense=dense)
    return read_only(matrix)



class WholeInput(Layer):
    """A layer whose output is 1 x 1 whatever the input: every output reads every input pixel."""

    def output_size(self, n: Size) -> Size:
        # Stay in SymPy for a symbolic n, so callers can always .subs() the result.
        return sympy.Integer(1) if isinstance(n, sympy.Basic) else 1

    def field(self) -> ReceptiveField:
        raise ValueError(
            f"receptive_field is the whole input after {type(self).__name__}: only layers that read windows "
            f"(or residual blocks of them) have a finite field, got {self!r}"
        )

    def min_input(self, m: Size) -> Size:
        return 1

    def pattern(self, side: int) -> Pattern:
        return np.ones((1, side * side), dtype=np.int64)


@dataclass(frozen=True)
class Conv(WindowLayer):
    """A square convolution: kernel k, stride s, zero padding p, dilation d (ints or SymPy expressions)."""

    k: Size
    s: Size = 1
    p: Size = 0
    d: Size = 1

    def __post_init__(self) -> None:
        for name, minimum in (("k", 1), ("s", 1), ("p", 0), ("d", 1)):
            _check_scalar(getattr(self, name), f"Conv {name}", minimum)

    @property
    def window(self) -> Window:
        return Window(self.k, self.s, self.p, self.d)


@dataclass(frozen=True)
class MaxPool(WindowLayer):
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

    @property
    def window(self) -> Window:
        return Window(self.k, self.stride, 0, 1)


@dataclass(frozen=True)
class GlobalAvgPool(WholeInput):
    """Average over the whole spatial extent: the output is 1 x 1 whatever the input."""


@dataclass(frozen=True)
class Dense(WholeInput):
    """A fully connected layer on the flattened input: n_out features, spatial size 1 x 1."""

    n_out: Size

    def __post_init__(self) -> None:
        _check_scalar(self.n_out, "Dense n_out", 1)


@dataclass(frozen=True)
class Residual(Layer):
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

    def output_size(self, n: Size) -> Size:
        # Checked at construction: the body maps n to n, and must accept this n.
        _output_size(self.layers, n)
        return n

    def field(self) -> ReceptiveField:
        """The bounding interval of the body's field and of the identity's single pixel."""
        body = receptive_field(self.layers)
        half = sympy.sympify(body.size - 1) / 2
        # The identity path sees exactly input pixel 0 (size 1, centre 0): take the bounding interval.
        lo, hi = _min(body.start - half, 0), _max(body.start + half, 0)
        return ReceptiveField(hi - lo + 1, body.jump, sympy.sympify(lo + hi) / 2)

    def min_input(self, m: Size) -> Size:
        # Sizes only grow with n, so the block works from its body's own minimum upwards.
        return _max(m, _min_input(self.layers, 1))

    def pattern(self, side: int) -> Pattern:
        body = pattern(self.layers, side)
        return identity_like(side * side, body) + body

    def pull_back(self, side: int, rows: np.ndarray) -> np.ndarray:
        return rows + pull_back(self.layers, side, rows)


def _kinds(base: type[Layer] = Layer) -> list[str]:
    """The layer kinds there are (the leaves of Layer's subclasses, in the order defined), for a message."""
    subs = base.__subclasses__()
    return [name for sub in subs for name in _kinds(sub)] if subs else [base.__name__]


def _layer(layer: object) -> Layer:
    if not isinstance(layer, Layer):
        *most, last = _kinds()
        kinds = f"{', '.join(most)} or {last}" if most else last
        raise ValueError(f"layer must be a {kinds}, got {layer!r}")
    return layer


def _output_size(layers: Sequence[Layer], n: Size) -> Size:
    for i, layer in enumerate(layers):
        try:
            n = _layer(layer).output_size(n)
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
    if isinstance(layers, Layer):
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


def receptive_field(layers: Sequence[Layer] | Layer) -> ReceptiveField:
    """ReceptiveField(size, jump, start) of the stack by the standard recurrence, from (1, 1, 0):
    size += (k-1) d jump, start += ((k-1) d / 2 - p) jump, jump *= s. A Residual block contributes the
    bounding interval of its body's field and the identity's single pixel."""
    return _receptive_field(_as_stack(layers))


@functools.cache
def _receptive_field(stack: tuple[Layer, ...]) -> ReceptiveField:
    # Cached per stack (layers are frozen): the residual placements of a stack share their blocks' bodies.
    size: Size = sympy.Integer(1)
    jump: Size = sympy.Integer(1)
    start: Size = sympy.Integer(0)
    for i, layer in enumerate(stack):
        try:
            f = _layer(layer).field()
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
    """Smallest n whose output after the stack is >= m, every intermediate output being >= 1: backwards, layer
    by layer."""
    for layer in reversed(layers):
        m = _layer(layer).min_input(m)
    return m


def min_input_size(layers: Sequence[Layer] | Layer) -> Size:
    """The smallest n for which every layer's output (inside residual blocks too) is >= 1."""
    return _exact(_min_input(_as_stack(layers), 1))


@functools.cache
def _pattern(layers: tuple[Layer, ...], side: int) -> Pattern:
    reach = None
    for i, layer in enumerate(layers):
        try:
            here = _layer(layer).pattern(side)
            reach = here if reach is None else path_product(here, reach)
            side = int(layer.output_size(side))
        except ValueError as err:
            raise ValueError(f"layer {i} ({layer}): {err}") from None
    if reach is None:
        reach = np.eye(side * side, dtype=np.int64)
    return read_only(reach)


def pull_back(layers: Sequence[Layer] | Layer, side: int, rows: np.ndarray) -> np.ndarray:
    """rows @ pattern(layers, side) without forming the pattern: the rows (over the stack's output pixels) are
    carried back through the layers one by one, a vector-matrix product each, instead of multiplying the layers'
    matrices (a 32 x 32 input makes them 1024 x 1024)."""
    stack = _as_stack(layers)
    sides = [side]
    for i, layer in enumerate(stack):
        try:
            sides.append(int(_layer(layer).output_size(sides[-1])))
        except ValueError as err:
            raise ValueError(f"layer {i} ({layer}): {err}") from None
    for layer, before in zip(reversed(stack), reversed(sides[:-1]), strict=True):
        rows = layer.pull_back(before, rows)
    return rows


def pattern(layers: Sequence[Layer] | Layer, side: int) -> Pattern:
    """Which input pixels of a side x side input each output pixel of the stack can read: the product of the
    layers' patterns, nonnegative integers (paths), output pixels x input pixels. Cached per stack, since stacks
    that share a block share its pattern."""
    return _pattern(_as_stack(layers), side)
