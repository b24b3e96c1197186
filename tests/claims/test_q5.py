"""What is specific to Question 5: sizes, receptive fields and the 7 x 7 corner against torch's autograd."""

from __future__ import annotations

import itertools
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import sympy as sp

from symproof.claims.q5_receptive_field import K, S, field_closed_form
from symproof.claims.q5_sizes import NET
from symproof.homework import get
from symproof.nn.layers import Conv, Residual, pattern, receptive_field
from symproof.nn.patterns import placements


def _net(torch: ModuleType, depth: int = 4, relu: bool = True, channels: int = 16) -> Any:
    """The assignment's net: Conv-3x3, stride 1, padding 1, `channels` intermediate channels, one in and out."""
    nn = torch.nn
    sizes = [1, *([channels] * (depth - 1)), 1]
    layers: list[Any] = []
    for m, (c_in, c_out) in enumerate(itertools.pairwise(sizes)):
        layers.append(nn.Conv2d(c_in, c_out, 3, stride=1, padding=1))
        if relu and m < depth - 1:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers).double()


def _input_gradient(torch: ModuleType, net: Any, x: Any, pixel: tuple[int, int]) -> np.ndarray:
    x = x.clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(net(x)[0, 0, pixel[0], pixel[1]], x)
    return np.asarray(grad[0, 0].numpy())


def _box(mask: np.ndarray) -> tuple[int, int]:
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)


def test_q51_torch_net_keeps_32_by_32_and_other_sizes(torch: ModuleType) -> None:
    net = _net(torch)
    assert tuple(net(torch.zeros(1, 1, 32, 32, dtype=torch.float64)).shape[-2:]) == tuple(get("q5.1").answer)
    for size in (1, 2, 7, 33):
        assert tuple(net(torch.zeros(1, 1, size, size, dtype=torch.float64)).shape[-2:]) == (size, size)


@pytest.mark.parametrize("k", [1, 3, 5, 7])
def test_q52_odd_kernel_with_half_padding_keeps_size_in_torch(torch: ModuleType, k: int) -> None:
    for size in (1, 4, 9):
        conv = torch.nn.Conv2d(1, 1, k, stride=1, padding=(k - 1) // 2)
        assert conv(torch.zeros(1, 1, size, size)).shape[-1] == size


def test_q53_autograd_field_is_nine_by_nine(torch: ModuleType) -> None:
    # No ReLU, random weights: a gradient entry vanishes only where no path exists (cancellation has measure 0).
    torch.manual_seed(0)
    grad = _input_gradient(torch, _net(torch, relu=False), torch.randn(1, 1, 32, 32, dtype=torch.float64), (16, 16))
    assert _box(grad != 0) == tuple(get("q5.3").answer)
    assert int((grad != 0).sum()) == 81


@pytest.mark.parametrize("ks, ss", [((3, 3, 2), (2, 1, 2)), ((5, 3), (3, 2)), ((2, 2, 2, 2), (2, 2, 2, 2)),
                                    ((3, 1, 4), (1, 3, 1))])
def test_q53_closed_form_is_the_autograd_field_of_strided_stacks(torch: ModuleType, ks: tuple[int, ...],
                                                                  ss: tuple[int, ...]) -> None:
    torch.manual_seed(1)
    closed = field_closed_form(len(ks)).doit().xreplace(
        {**{K[m + 1]: v for m, v in enumerate(ks)}, **{S[m + 1]: v for m, v in enumerate(ss)}})
    assert closed == receptive_field(tuple(Conv(k, s) for k, s in zip(ks, ss, strict=True))).size
    net = torch.nn.Sequential(*(torch.nn.Conv2d(1, 1, k, stride=s) for k, s in zip(ks, ss, strict=True))).double()
    x = torch.randn(1, 1, 64, 64, dtype=torch.float64)
    out = net(x)
    centre = (out.shape[-2] // 2, out.shape[-1] // 2)
    assert _box(_input_gradient(torch, net, x, centre) != 0) == (int(closed), int(closed))


@pytest.mark.parametrize("seed", range(3))
def test_q54_autograd_of_the_16_channel_relu_net_never_reaches_the_far_corner(torch: ModuleType, seed: int) -> None:
    torch.manual_seed(seed)
    net = _net(torch)
    read = np.zeros(49, dtype=bool)
    read[get("q5.4").notes["pixels read by out[0,0]"]] = True
    reached = np.zeros((7, 7), dtype=bool)
    for _ in range(5):
        grad = _input_gradient(torch, net, torch.randn(1, 1, 7, 7, dtype=torch.float64), (0, 0))
        assert grad[6, 6] == 0.0
        reached |= grad != 0
    assert not (reached.ravel() & ~read).any()
    assert reached.any()


def test_q54_six_layers_do_reach_the_far_corner(torch: ModuleType) -> None:
    # The same measurement is not blind: with a 13 x 13 field the gradient at x[6, 6] is nonzero.
    torch.manual_seed(5)
    grad = _input_gradient(torch, _net(torch, depth=6, relu=False), torch.randn(1, 1, 7, 7, dtype=torch.float64),
                           (0, 0))
    assert grad[6, 6] != 0.0
    assert receptive_field((NET[0],) * 6).size == 1 + 6 * (3 - 1)  # 1 + L (k - 1): 2n - 1 for n = 7


def test_q54_inputs_differing_only_at_the_far_corner_get_the_same_output_corner(torch: ModuleType) -> None:
    torch.manual_seed(2)
    net = _net(torch)
    same = torch.randn(1, 1, 7, 7, dtype=torch.float64)
    same[0, 0, 6, 6] = same[0, 0, 0, 0]  # equal corners: the target corner is white
    different = same.clone()
    different[0, 0, 6, 6] = same[0, 0, 0, 0] + 1.0  # different corners: the target corner is black
    assert net(same)[0, 0, 0, 0].item() == net(different)[0, 0, 0, 0].item()


def _residual(torch: ModuleType, body: Any) -> Any:
    """x + body(x) as a torch module."""
    class Block(torch.nn.Module):  # type: ignore[name-defined,misc]
        def __init__(self) -> None:
            super().__init__()
            self.body = body

        def forward(self, x: Any) -> Any:
            return x + self.body(x)

    return Block()


def _torch_stack(torch: ModuleType, layers: tuple[Any, ...], channels: int) -> Any:
    """A torch module for a placement; every conv keeps `channels` channels so that any block can add."""
    mods = []
    for layer in layers:
        if isinstance(layer, Residual):
            mods.append(_residual(torch, _torch_stack(torch, layer.layers, channels)))
        else:
            mods += [torch.nn.Conv2d(channels, channels, 3, padding=1), torch.nn.ReLU()]
    return torch.nn.Sequential(*mods).double()


def test_q54_residual_placements_never_reach_the_far_corner_in_torch(torch: ModuleType) -> None:
    torch.manual_seed(4)
    every = list(placements(NET))
    assert len(every) == len(set(every)) == 352
    assert (Residual(NET),) in every and NET in every
    for layers in [*every[::25], (Residual(NET),)]:
        net = _torch_stack(torch, layers, 2)
        x = torch.randn(1, 2, 7, 7, dtype=torch.float64, requires_grad=True)
        (grad,) = torch.autograd.grad(net(x)[0, :, 0, 0].sum(), x)
        assert torch.all(grad[:, :, 6, 6] == 0), layers
        assert pattern(layers, 7)[0, 48] == 0


def test_q54_pixels_read_are_exactly_the_gradient_support_when_every_relu_is_active(torch: ModuleType) -> None:
    # Large biases keep every ReLU on, so the net is linear there and the gradient reaches every pixel it may.
    torch.manual_seed(6)
    net = _net(torch)
    with torch.no_grad():
        for mod in net:
            if isinstance(mod, torch.nn.Conv2d):
                mod.bias.fill_(100.0)
    grad = _input_gradient(torch, net, torch.rand(1, 1, 7, 7, dtype=torch.float64), (0, 0))
    read = sorted(int(v) for v in np.flatnonzero(grad.ravel() != 0))
    assert read == get("q5.4").notes["pixels read by out[0,0]"]
    assert _box(grad != 0) == (5, 5)
    assert get("q5.4").answer is sp.false
