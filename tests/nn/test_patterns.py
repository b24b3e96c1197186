"""Dependency patterns: a layer's is its conv matrix's support, a stack's the product, a block's I + its body's."""

from __future__ import annotations

import numpy as np
import pytest

from symproof.nn.conv import conv2d_matrix
from symproof.nn.layers import Conv, Dense, GlobalAvgPool, MaxPool, Residual, pattern, pull_back
from symproof.nn.paths import DENSE_PIXELS, path_product
from symproof.nn.patterns import channel_pattern, placements, reads, sees, support

C3 = Conv(3, 1, 1)


def _random_product(layers: tuple[Conv, ...], side: int, seed: int) -> np.ndarray:
    """The product of the layers' conv matrices with random positive kernels: no cancellation."""
    rng = np.random.default_rng(seed)
    total = np.eye(side * side)
    for layer in layers:
        total = conv2d_matrix(rng.uniform(0.5, 1.5, (layer.k, layer.k)), side, stride=layer.s,
                              padding=layer.p, dilation=layer.d).toarray() @ total
        side = (side + 2 * layer.p - layer.d * (layer.k - 1) - 1) // layer.s + 1
    return total


@pytest.mark.parametrize("layers", [(C3,) * 4, (Conv(3), Conv(3, 2, 1)), (Conv(3, 1, 2, 2), C3), (Conv(5, 2, 2),)])
def test_a_stack_pattern_is_the_support_of_the_product_of_its_conv_matrices(layers: tuple[Conv, ...]) -> None:
    assert np.array_equal(support(pattern(layers, 9)), _random_product(layers, 9, 0) != 0)


def test_a_pooling_window_and_a_whole_input_layer_have_their_own_pattern() -> None:
    pool = support(MaxPool(2).pattern(6))
    assert pool.shape == (9, 36) and pool.sum(axis=1).tolist() == [4] * 9
    assert support(GlobalAvgPool().pattern(5)).all() and Dense(3).pattern(5).shape == (1, 25)
    assert support(pattern((Conv(3), GlobalAvgPool()), 5)).all()


def test_a_residual_block_adds_the_identity_to_its_body() -> None:
    body = support(pattern((C3,), 5))
    block = support(Residual((C3,)).pattern(5))
    assert np.array_equal(block, body | np.eye(25, dtype=bool))
    # the 3 x 3 body already reads the centre pixel, so here the identity adds no new pixel; two layers apart it does
    assert np.array_equal(block, body)


def test_reads_and_sees_are_the_field_of_an_output_pixel() -> None:
    mask = reads((C3,) * 2, 7, (0, 0))
    assert mask[:3, :3].all() and mask.sum() == 9
    assert sees((C3,) * 3, 7, (0, 0), (3, 3)) and not sees((C3,) * 2, 7, (0, 0), (3, 3))


@pytest.mark.parametrize("layers", [(C3,) * 3, (Conv(3), Residual((C3, C3)), MaxPool(2)),
                                    (Residual((C3,)), Conv(3, 2, 1), GlobalAvgPool())])
def test_pulling_rows_back_through_the_layers_gives_the_rows_of_the_pattern(layers: tuple) -> None:
    full = pattern(layers, 8)
    rows = np.zeros((2, full.shape[0]), dtype=np.int64)
    rows[0, 0] = rows[1, -1] = 1
    rows[1, 0] = 3  # a combination of rows, not only unit rows
    assert np.array_equal(pull_back(layers, 8, rows), rows @ full)


def test_a_large_input_gets_sparse_patterns_that_agree_with_the_dense_ones() -> None:
    side = 40  # 1600 pixels: above DENSE_PIXELS, so the layers' patterns are scipy.sparse
    assert side * side > DENSE_PIXELS
    convs = (C3, C3, Conv(3, 2, 1))
    assert not isinstance(pattern(convs, side), np.ndarray)
    assert np.array_equal(support(pattern(convs, side)), _random_product(convs, side, 1) != 0)
    block = Residual((C3, C3)).pattern(side)
    assert np.array_equal(support(block), support(pattern((C3, C3), side)) | np.eye(side * side, dtype=bool))
    layers = (C3, Residual((C3, C3)), Conv(3, 2, 1))
    big = pattern(layers, side)
    rows = np.zeros((1, big.shape[0]), dtype=np.int64)
    rows[0, 7] = 1
    assert np.array_equal(np.asarray(pull_back(layers, side, rows)), rows @ big.toarray())
    assert np.array_equal(reads((C3,) * 2, side, (0, 0))[:3, :3], np.ones((3, 3), dtype=bool))


def test_path_counts_are_exact_or_refused() -> None:
    big = np.full((2, 2), 2**26, dtype=np.int64)  # sums up to 2^53: counted in int64, not in float64
    assert np.array_equal(path_product(big, big), np.full((2, 2), 2**53, dtype=np.int64))
    with pytest.raises(ValueError, match="2\\^63"):
        path_product(np.full((1, 2), 2**32, dtype=np.int64), np.full((2, 1), 2**32, dtype=np.int64))


def test_a_layer_of_several_channels_reads_the_same_pixels_as_one() -> None:
    multi = support(channel_pattern(C3, 5, (1, 3, 2, 1)))
    assert multi.shape == (25, 25)
    assert np.array_equal(multi, support(pattern((C3,) * 3, 5)))
    assert channel_pattern(C3, 5, (1, 2, 1)).max() > pattern((C3,) * 2, 5).max()  # paths through two channels


def test_placements_are_distinct_and_include_the_plain_and_the_whole_block() -> None:
    # depth 2: each layer plain or wrapped (4), or one block over both whose body is one of those 4 (x + (x + f))
    # left out)
    for depth, expected in ((1, 2), (2, 8)):
        every = list(placements((C3,) * depth))
        assert len(every) == len(set(every)) == expected
        assert (C3,) * depth in every and (Residual((C3,) * depth),) in every
    def wraps_one_block(x: object) -> bool:
        return isinstance(x, Residual) and (
            (len(x.layers) == 1 and isinstance(x.layers[0], Residual)) or any(map(wraps_one_block, x.layers)))

    for run in placements((C3,) * 3):
        assert not any(map(wraps_one_block, run))
