"""Layer stacks: output sizes against torch shapes, receptive fields against autograd, smallest inputs."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import sympy

from symproof.nn.layers import (
    Conv,
    Dense,
    GlobalAvgPool,
    Layer,
    MaxPool,
    ReceptiveField,
    Residual,
    Window,
    WindowLayer,
    _kinds,
    min_input_size,
    output_size,
    receptive_field,
    receptive_field_closed_form,
)

N = sympy.Symbol("n", integer=True, positive=True)

# The assignment's stacks.
CONV_CONV_POOL_CONV = (Conv(3), Conv(3), MaxPool(2), Conv(3))
CONV5_CONV5_GAP = (Conv(5), Conv(5), GlobalAvgPool())
FOUR_CONV3 = (Conv(3, 1, 1),) * 4


def _residual_variants() -> Iterator[tuple[str, tuple[Layer, ...]]]:
    """The four conv3 layers with a residual connection around every non-empty subset of single layers,
    around consecutive pairs, around all four, and nested."""
    c = Conv(3, 1, 1)
    for mask in itertools.product((False, True), repeat=4):
        if any(mask):
            name = "around " + ",".join(str(i) for i in range(4) if mask[i])
            yield name, tuple(Residual((c,)) if m else c for m in mask)
    yield "around 0-1 and 2-3", (Residual((c, c)), Residual((c, c)))
    yield "around 1-2", (c, Residual((c, c)), c)
    yield "around all four", (Residual((c,) * 4),)
    yield "nested", (Residual((c, Residual((c, c)), c)),)


RESIDUAL_VARIANTS = list(_residual_variants())


@pytest.fixture
def torch1(torch: ModuleType) -> Iterator[ModuleType]:
    """torch on one thread: tiny ops on a loaded 2-core machine are far slower with spinning intra-op threads."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield torch
    finally:
        torch.set_num_threads(threads)


def _torch_net(
    torch: ModuleType, layers: Sequence[Layer], *, seed: int = 0, max_as_avg: bool = False
) -> Callable[[Any], Any]:
    """The stack as torch modules with random float64 weights (no biases, no activations).

    max_as_avg: the gradient of a max pool reaches only the argmax of each window, so for receptive
    fields an average pool over the same windows stands in for it.
    """
    nn = torch.nn
    gen = torch.Generator().manual_seed(seed)
    modules: list[Callable[[Any], Any]] = []
    for layer in layers:
        if isinstance(layer, Conv):
            conv = nn.Conv2d(1, 1, layer.k, stride=layer.s, padding=layer.p, dilation=layer.d, bias=False)
            conv = conv.double()
            with torch.no_grad():
                conv.weight.copy_(torch.randn(conv.weight.shape, generator=gen, dtype=torch.float64))
            modules.append(conv)
        elif isinstance(layer, MaxPool):
            pool = nn.AvgPool2d if max_as_avg else nn.MaxPool2d
            modules.append(pool(layer.k, stride=layer.stride))
        elif isinstance(layer, GlobalAvgPool):
            modules.append(nn.AdaptiveAvgPool2d(1))
        elif isinstance(layer, Residual):
            body = _torch_net(torch, layer.layers, seed=seed + 1 + len(modules), max_as_avg=max_as_avg)
            modules.append(lambda x, body=body: body(x) + x)
        else:
            raise AssertionError(f"no torch counterpart for {layer}")

    def net(x: Any) -> Any:
        for module in modules:
            x = module(x)
        return x

    return net


def _torch_size(torch: ModuleType, layers: Sequence[Layer], n: int) -> int | None:
    """The spatial size torch produces on an n x n zero image, None if torch rejects it."""
    try:
        y = _torch_net(torch, layers)(torch.zeros(1, 1, n, n, dtype=torch.float64))
    except RuntimeError:
        return None
    assert y.shape[2] == y.shape[3]
    return int(y.shape[2])


def _torch_min_size(torch: ModuleType, layers: Sequence[Layer], limit: int = 200) -> int:
    return next(n for n in range(1, limit) if _torch_size(torch, layers, n) is not None)


# --- output sizes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("layers", "n"),
    [(CONV_CONV_POOL_CONV, 32), (FOUR_CONV3, 32), *[(layers, 32) for _, layers in RESIDUAL_VARIANTS]],
    ids=["conv3-conv3-maxpool2-conv3", "four conv3 p1", *[name for name, _ in RESIDUAL_VARIANTS]],
)
def test_assignment_stacks_output_size_is_the_shape_torch_produces(
    torch1: ModuleType, layers: tuple[Layer, ...], n: int
) -> None:
    size = output_size(layers, n)
    assert isinstance(size, int)
    assert size == _torch_size(torch1, layers, n)
    # The symbolic size is exact: it gives the same integer once n is substituted.
    assert output_size(layers, N).subs(N, n) == size


def test_stride_one_same_padding_stacks_map_n_to_n_symbolically() -> None:
    for layers in (FOUR_CONV3, *(layers for _, layers in RESIDUAL_VARIANTS)):
        assert output_size(layers, N) == N


def test_pooling_stack_size_has_a_floor_that_agrees_with_integer_sizes_for_every_valid_n() -> None:
    symbolic = output_size(CONV_CONV_POOL_CONV, N)
    assert symbolic.has(sympy.floor)
    low = min_input_size(CONV_CONV_POOL_CONV)
    for n in range(low, 80):
        assert symbolic.subs(N, n) == output_size(CONV_CONV_POOL_CONV, n)


def test_assignment_conv5_conv5_global_pool_smallest_input_is_the_smallest_torch_accepts(
    torch1: ModuleType,
) -> None:
    smallest = min_input_size(CONV5_CONV5_GAP)
    assert smallest == _torch_min_size(torch1, CONV5_CONV5_GAP)
    assert output_size(CONV5_CONV5_GAP, smallest) == _torch_size(torch1, CONV5_CONV5_GAP, smallest) == 1
    with pytest.raises(ValueError, match=r"layer \d \(Conv"):
        output_size(CONV5_CONV5_GAP, smallest - 1)


def _random_stack(rng: np.random.Generator, depth: int, *, pools: bool = True, gap: bool = True) -> list[Layer]:
    layers: list[Layer] = []
    for _ in range(depth):
        kind = rng.random()
        if kind < 0.55:
            layers.append(Conv(*(int(v) for v in (rng.integers(1, 5), rng.integers(1, 3), rng.integers(0, 3)))))
            if rng.random() < 0.3:
                layers[-1] = Conv(layers[-1].k, layers[-1].s, layers[-1].p, int(rng.integers(1, 3)))
        elif kind < 0.75 and pools:
            k = int(rng.integers(1, 4))
            layers.append(MaxPool(k) if rng.random() < 0.5 else MaxPool(k, int(rng.integers(1, 3))))
        else:
            # Odd kernels with "same" padding preserve the size: a valid residual body.
            k, d = 2 * int(rng.integers(0, 3)) + 1, int(rng.integers(1, 3))
            layers.append(Residual((Conv(k, 1, (k - 1) * d // 2, d),) * int(rng.integers(1, 3))))
    if gap and rng.random() < 0.2:
        layers.append(GlobalAvgPool())
    return layers


def test_random_stacks_output_sizes_and_smallest_inputs_match_torch(torch1: ModuleType) -> None:
    rng = np.random.default_rng(7)
    accepted = rejected = 0
    for _ in range(120):
        layers = _random_stack(rng, int(rng.integers(1, 5)))
        smallest = min_input_size(layers)
        # Brute force over n with our own sizes, and with torch's.
        assert smallest == next(n for n in range(1, 200) if _accepts(layers, n))
        assert smallest == _torch_min_size(torch1, layers)
        symbolic = output_size(layers, N)
        for n in {1, smallest - 1, smallest, smallest + 1, int(rng.integers(1, 40))}:
            if n < 1:
                continue
            want = _torch_size(torch1, layers, n)
            if want is None:
                with pytest.raises(ValueError, match=r"layer \d"):
                    output_size(layers, n)
                rejected += 1
            else:
                assert output_size(layers, n) == want == symbolic.subs(N, n)
                accepted += 1
    assert accepted > 200 and rejected > 50


def _accepts(layers: Sequence[Layer], n: int) -> bool:
    try:
        output_size(layers, n)
    except ValueError:
        return False
    return True


def test_dense_and_global_pool_give_spatial_size_one() -> None:
    assert output_size((Conv(3), GlobalAvgPool(), Dense(10)), 17) == 1
    assert output_size((Conv(3), Dense(10)), N) == 1


# --- receptive fields --------------------------------------------------------------------------------


def _empirical_field(torch: ModuleType, layers: Sequence[Layer], seed: int = 0) -> tuple[Any, ReceptiveField]:
    """The mask of input pixels with a non-zero gradient at one output pixel, on an input large enough
    (and an output pixel far enough from the border) that the predicted field lies inside the image."""
    field = receptive_field(layers)
    half = sympy.Rational(field.size - 1, 2)
    # The first output pixel whose predicted field starts at column >= 0, one jump further in.
    o = max(0, int(sympy.ceiling((half - field.start) / field.jump))) + 1
    centre = field.start + o * field.jump
    n = int(centre + half) + 1 + int(field.jump) + 3
    assert output_size(layers, n) > o
    x = torch.zeros(1, 1, n, n, dtype=torch.float64, requires_grad=True)
    y = _torch_net(torch, layers, seed=seed, max_as_avg=True)(x)
    y[0, 0, o, o].backward()
    return x.grad[0, 0] != 0, ReceptiveField(field.size, field.jump, centre)


def _assert_bounding_box(mask: Any, size: Any, centre: Any) -> None:
    rows = np.flatnonzero(mask.any(dim=1).numpy())
    cols = np.flatnonzero(mask.any(dim=0).numpy())
    half = sympy.Rational(size - 1, 2)
    for idx in (rows, cols):
        assert len(idx) > 0
        assert (idx[0], idx[-1]) == (centre - half, centre + half)


def test_four_conv3_receptive_field_is_the_autograd_support(torch1: ModuleType) -> None:
    mask, field = _empirical_field(torch1, FOUR_CONV3)
    _assert_bounding_box(mask, field.size, field.start)
    # Stride 1, no dilation: the support is the whole square, not only its bounding box.
    assert int(mask.sum()) == field.size**2
    assert receptive_field(FOUR_CONV3).size == receptive_field_closed_form([3] * 4, [1] * 4)


@pytest.mark.parametrize("layers", [v for _, v in RESIDUAL_VARIANTS], ids=[k for k, _ in RESIDUAL_VARIANTS])
def test_residual_four_conv3_receptive_field_is_the_autograd_support(
    torch1: ModuleType, layers: tuple[Layer, ...]
) -> None:
    mask, field = _empirical_field(torch1, layers)
    _assert_bounding_box(mask, field.size, field.start)
    assert int(mask.sum()) == field.size**2


def test_assignment_pooling_stack_receptive_field_is_the_autograd_support(torch1: ModuleType) -> None:
    mask, field = _empirical_field(torch1, CONV_CONV_POOL_CONV)
    _assert_bounding_box(mask, field.size, field.start)


def test_random_stacks_receptive_fields_are_the_autograd_support(torch1: ModuleType) -> None:
    rng = np.random.default_rng(11)
    for seed in range(60):
        layers = _random_stack(rng, int(rng.integers(1, 5)), gap=False)
        mask, field = _empirical_field(torch1, layers, seed=seed)
        _assert_bounding_box(mask, field.size, field.start)


def test_receptive_field_start_is_the_centre_of_output_pixel_zero() -> None:
    # An even kernel without padding: output 0 sees inputs 0..k-1, centred between pixels.
    assert receptive_field(Conv(4)) == ReceptiveField(4, 1, sympy.Rational(3, 2))
    assert receptive_field(Conv(3, 2, 1)) == ReceptiveField(3, 2, 0)


def test_closed_form_equals_the_recurrence_on_random_numeric_stacks() -> None:
    rng = np.random.default_rng(3)
    for _ in range(200):
        depth = int(rng.integers(1, 8))
        ks, ss, ds, ps = (rng.integers(low, high, depth).tolist() for low, high in ((1, 6), (1, 4), (1, 3), (0, 3)))
        layers = [Conv(k, s, p, d) for k, s, p, d in zip(ks, ss, ps, ds, strict=True)]
        assert receptive_field(layers).size == receptive_field_closed_form(ks, ss, ds)


@pytest.mark.parametrize("depth", range(1, 7))
def test_closed_form_equals_the_recurrence_for_symbolic_kernels_and_strides(depth: int) -> None:
    ks = sympy.symbols(f"k_1:{depth + 1}", integer=True, positive=True)
    ss = sympy.symbols(f"s_1:{depth + 1}", integer=True, positive=True)
    recurrence = receptive_field([Conv(k, s) for k, s in zip(ks, ss, strict=True)])
    assert sympy.expand(recurrence.size - receptive_field_closed_form(ks, ss)) == 0
    assert recurrence.jump == sympy.Mul(*ss)


# --- bad parameters ------------------------------------------------------------------------------------

BAD: list[tuple[str, Callable[[], object], str]] = [
    ("conv k 0", lambda: Conv(0), r"Conv k must be >= 1, got 0"),
    ("conv k float", lambda: Conv(2.5), r"Conv k must be an integer.*2\.5"),
    ("conv k bool", lambda: Conv(True), r"Conv k must be an integer or a SymPy expression, got True"),
    ("conv s 0", lambda: Conv(3, 0), r"Conv s must be >= 1, got 0"),
    ("conv p -1", lambda: Conv(3, 1, -1), r"Conv p must be >= 0, got -1"),
    ("conv d 0", lambda: Conv(3, 1, 0, 0), r"Conv d must be >= 1, got 0"),
    ("pool k 0", lambda: MaxPool(0), r"MaxPool k must be >= 1, got 0"),
    ("pool s 0", lambda: MaxPool(2, 0), r"MaxPool s must be >= 1, got 0"),
    ("dense 0", lambda: Dense(0), r"Dense n_out must be >= 1, got 0"),
    ("residual pool", lambda: Residual((MaxPool(2),)), r"Residual layers must preserve.*floor\(n/2\)"),
    ("residual valid conv", lambda: Residual((Conv(3),)), r"Residual layers must preserve.*n - 2"),
    ("residual gap", lambda: Residual((GlobalAvgPool(),)), r"Residual layers must preserve.*to 1$"),
    ("size too small", lambda: output_size(CONV_CONV_POOL_CONV, 9), r"layer 3 \(Conv\(k=3.*kernel extent 3"),
    ("size n 0", lambda: output_size(FOUR_CONV3, 0), r"n must be >= 1, got 0"),
    ("size n float", lambda: output_size(FOUR_CONV3, 3.5), r"n must be an integer.*3\.5"),
    ("size not a layer", lambda: output_size([Conv(3), "relu"], 8), r"layer 1 .*layer must be a Conv.*'relu'"),
    ("field gap", lambda: receptive_field(CONV5_CONV5_GAP), r"layer 2: receptive_field is the whole input"),
    ("field dense", lambda: receptive_field((Dense(3),)), r"layer 0: .*Dense"),
    ("closed form lengths", lambda: receptive_field_closed_form([3, 3], [1]), r"same length, got 2, 1"),
]


@pytest.mark.parametrize(("call", "match"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_layers_and_sizes_raise_a_one_line_value_error_naming_the_parameter(
    call: Callable[[], object], match: str
) -> None:
    with pytest.raises(ValueError, match=match) as info:
        call()
    assert "\n" not in str(info.value)


def test_layers_are_frozen_and_hashable() -> None:
    block = Residual([Conv(3, 1, 1)])  # type: ignore[arg-type]
    assert block.layers == (Conv(3, 1, 1),)
    assert len({block, Residual((Conv(3, 1, 1),))}) == 1
    with pytest.raises(AttributeError):
        block.layers = ()  # type: ignore[misc]


@pytest.mark.parametrize("stack", [
    (Conv(3), Conv(3), MaxPool(2), Conv(3)),
    (MaxPool(2), Conv(3)),
    (Conv(3, s=2), Conv(3), MaxPool(3, 2), Conv(5, p=2)),
    (MaxPool(2), MaxPool(2), Conv(3, p=1)),
])
def test_symbolic_size_evaluated_at_integers_is_the_numeric_size(stack: tuple[Any, ...]) -> None:
    # A stride-1 layer after a pooling layer must keep the pooling's floor (it once dropped every floor).
    n = sympy.Symbol("N", integer=True, positive=True)
    symbolic = output_size(stack, n)
    for value in range(min_input_size(stack), min_input_size(stack) + 25):
        assert symbolic.subs(n, value) == output_size(stack, value), value


# --- a new kind of layer is one class ------------------------------------------------------------------


@dataclass(frozen=True)
class _AvgPool(WindowLayer):
    """Average pooling over k x k windows at stride k: defined here, known to nothing in the package."""

    k: int

    @property
    def window(self) -> Window:
        return Window(self.k, self.k, 0, 1)


def test_a_new_window_layer_kind_is_one_class_and_matches_torch(torch1: ModuleType) -> None:
    stack = (Conv(3), _AvgPool(2), Conv(3, 1, 1))
    nn = torch1.nn
    net = nn.Sequential(nn.Conv2d(1, 1, 3, bias=False), nn.AvgPool2d(2), nn.Conv2d(1, 1, 3, padding=1, bias=False))
    net = net.double()
    for n in (4, 5, 9, 16):
        assert net(torch1.zeros(1, 1, n, n, dtype=torch1.float64)).shape[-1] == output_size(stack, n)
    with pytest.raises(RuntimeError):
        net(torch1.zeros(1, 1, 3, 3, dtype=torch1.float64))
    assert min_input_size(stack) == 4
    # the average pool reads every pixel of its window, so autograd's support is the field
    x = torch1.zeros(1, 1, 16, 16, dtype=torch1.float64, requires_grad=True)
    net(x)[0, 0, 0, 0].backward()
    support = np.argwhere(x.grad[0, 0].numpy() != 0)
    field = receptive_field(stack)
    half = sympy.Rational(field.size - 1, 2)
    # output pixel 0's field [-2, 5] runs past the top-left border: the image holds rows and columns 0 to 5
    assert (support.min(), support.max()) == (max(0, field.start - half), field.start + half) == (0, 5)
    assert field == ReceptiveField(field.size, 2, field.start) and field.size == 1 + 2 + 1 + 2 * 2
    assert _AvgPool(2).pattern(4).shape == (4, 16) and "_AvgPool" in _kinds()


def test_a_non_layer_is_named_among_the_kinds_there_are() -> None:
    with pytest.raises(ValueError, match=r"layer must be a Conv, MaxPool.*GlobalAvgPool, Dense.* or Residual, got 3"):
        output_size([Conv(3), 3], 9)  # type: ignore[list-item]
