"""Which input pixels an output pixel reads: through a stack, through channels, over every residual placement."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

import numpy as np

from symproof.nn.layers import Layer, Residual, output_size, pull_back
from symproof.nn.paths import blocks_like, path_product

__all__ = ["channel_pattern", "placements", "reads", "sees", "support"]


def support(matrix: Any) -> np.ndarray:
    """The boolean pattern of a matrix with nonnegative entries (a numpy array, or a scipy sparse matrix)."""
    return np.asarray((matrix.toarray() if hasattr(matrix, "toarray") else np.asarray(matrix)) > 0)


def reads(layers: Sequence[Layer], side: int, pixel: tuple[int, int]) -> np.ndarray:
    """The input pixels (a side x side boolean mask) that output `pixel` of the stack can read: its row of the
    stack's pattern, carried back layer by layer (pull_back)."""
    out_side = int(output_size(layers, side)) if layers else side
    row = np.zeros((1, out_side * out_side), dtype=np.int64)
    row[0, pixel[0] * out_side + pixel[1]] = 1
    return support(pull_back(layers, side, row)).reshape(side, side)


def sees(layers: Sequence[Layer], side: int, out: tuple[int, int], inp: tuple[int, int]) -> bool:
    """Can output pixel `out` of the stack depend on input pixel `inp` (for some weights)?"""
    return bool(reads(layers, side, out)[inp])


def channel_pattern(layer: Layer, side: int, channels: Sequence[int]) -> Any:
    """Which input pixels each output pixel can depend on in the multi-channel net of `layer` repeated, channel
    counts `channels`: the product of the layers' block matrices, each block (c_out, c_in) the pattern of its own
    kernel; exact nonnegative integers."""
    reach = None
    one = layer.pattern(side)
    for c_in, c_out in itertools.pairwise(channels):
        block = blocks_like(one, c_out, c_in)
        reach = block if reach is None else path_product(block, reach)
    return reach


def placements(layers: tuple[Layer, ...], whole: bool = True) -> Iterator[tuple[Layer, ...]]:
    """Every way to wrap contiguous runs of the layers in residual blocks, nested or side by side.

    A block wrapping exactly one block of the same span (x + (x + f(x))) is left out, so the list is finite:
    `whole=False` lists the bodies of a block over all of `layers`, which may not be one such block themselves.
    """
    if not layers:
        yield ()
        return
    for cut in range(1, len(layers) + 1):
        # A body that is a single item over the whole run: a plain layer, never a block (x + (x + f(x))).
        last_of_body = not whole and cut == len(layers)
        heads = ((layers[0],) if len(layers) == 1 else ()) if last_of_body else _blocks(layers[:cut])
        for head in heads:
            for rest in placements(layers[cut:]):
                yield (head, *rest)


@cache
def _blocks(run: tuple[Layer, ...]) -> tuple[Layer, ...]:
    """Everything that can stand for the run as one item: the layer itself (a run of one), or a residual block."""
    plain: list[Layer] = [run[0]] if len(run) == 1 else []
    return (*plain, *(Residual(body) for body in placements(run, whole=False)))
