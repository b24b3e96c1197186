"""The numpy MLP's loss, gradient and R-operator Hv against PyTorch and the complex step; the FD curve."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from symproof.nn.finite_diff import (
    COMPLEX_STEP,
    DEFAULT_BATCH,
    DEFAULT_SIZES,
    RADII,
    FDCurve,
    HvpProblem,
    fd_error_curve,
    format_fd_table,
    make_problem,
)
from symproof.nn.mlp import MLP, layer_params, param_count

# torch's own import-time notice about torch.jit.script, raised inside torch.func; not ours to act on.
pytestmark = pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:DeprecationWarning")


def rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


@pytest.fixture(scope="module")
def prob() -> HvpProblem:
    """32-512-512-10, batch 64, float64: the network of the question."""
    p = make_problem()
    assert p.model.sizes == DEFAULT_SIZES and p.X.shape == (DEFAULT_BATCH, DEFAULT_SIZES[0])
    return p


@pytest.fixture(scope="module")
def curve(prob: HvpProblem) -> FDCurve:
    return fd_error_curve(prob)


def torch_sequential(torch: ModuleType, sizes: tuple[int, ...]) -> Any:
    layers: list[Any] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        layers.append(torch.nn.Linear(n_in, n_out, dtype=torch.float64))
        if i < len(sizes) - 2:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def torch_flat_loss(torch: ModuleType, p: HvpProblem) -> Callable[[Any], Any]:
    """The same loss from torch ops, of a flat vector split in torch's own parameter order and shapes."""
    net = torch_sequential(torch, p.model.sizes)
    named = [(name, t.shape) for name, t in net.named_parameters()]
    Xt, yt = torch.from_numpy(p.X), torch.from_numpy(p.y)

    def loss(flat: Any) -> Any:
        params, off = {}, 0
        for name, shape in named:
            params[name] = flat[off : off + shape.numel()].view(shape)
            off += shape.numel()
        assert off == flat.numel()
        logits = torch.func.functional_call(net, params, (Xt,))
        return torch.nn.functional.cross_entropy(logits, yt)

    return loss


# ---------------------------------------------------------------- sizes


def test_param_count_equals_torch_sequential_and_init_size(torch: ModuleType) -> None:
    sizes = list(DEFAULT_SIZES)
    n_torch = sum(t.numel() for t in torch_sequential(torch, DEFAULT_SIZES).parameters())
    assert param_count(sizes) == n_torch
    assert MLP(sizes).init(0).size == n_torch


def test_explicit_hessian_has_n_squared_entries_of_8_bytes() -> None:
    """H built column by column on a small net: n^2 float64 entries, symmetric; the question's is too big."""
    m = MLP([3, 4, 2])
    w = m.init(3)
    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((5, 3)), rng.integers(0, 2, 5)
    n = param_count(m.sizes)
    H = np.column_stack([m.hvp(w, e, X, y) for e in np.eye(n)])
    assert H.size == n**2 and H.nbytes == 8 * n**2
    np.testing.assert_allclose(H, H.T, rtol=0, atol=1e-14 * np.abs(H).max())
    # The dense Hessian of 32-512-512-10 would not fit in this machine's memory: hence Hv products.
    n_big = param_count(DEFAULT_SIZES)
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    assert np.dtype(np.float64).itemsize * n_big**2 > ram


def test_unflatten_gives_torch_linear_shaped_views(torch: ModuleType) -> None:
    m = MLP(DEFAULT_SIZES)
    w = m.init(0)
    net = torch_sequential(torch, DEFAULT_SIZES)
    torch_shapes = [tuple(t.shape) for t in net.parameters()]
    ours = [arr for W, b in m.unflatten(w) for arr in (W, b)]
    assert [a.shape for a in ours] == torch_shapes
    assert all(np.shares_memory(a, w) for a in ours)
    W1, _ = m.unflatten(w)[1]
    W1[2, 5] = 123.0
    assert w[param_count(DEFAULT_SIZES[:2]) + 2 * DEFAULT_SIZES[1] + 5] == 123.0


def test_init_is_seeded() -> None:
    m = MLP([4, 6, 3])
    assert np.array_equal(m.init(5), m.init(5))
    assert not np.array_equal(m.init(5), m.init(6))


# ---------------------------------------------------------------- against torch


def test_loss_matches_torch_cross_entropy(torch: ModuleType, prob: HvpProblem) -> None:
    expected = torch_flat_loss(torch, prob)(torch.from_numpy(prob.w)).item()
    assert prob.model.loss(prob.w, prob.X, prob.y) == pytest.approx(expected, rel=1e-14)


def test_grad_matches_torch_autograd(torch: ModuleType, prob: HvpProblem) -> None:
    net = torch_sequential(torch, prob.model.sizes)
    torch.nn.utils.vector_to_parameters(torch.from_numpy(prob.w), net.parameters())
    loss = torch.nn.functional.cross_entropy(net(torch.from_numpy(prob.X)), torch.from_numpy(prob.y))
    loss.backward()
    expected = torch.nn.utils.parameters_to_vector([t.grad for t in net.parameters()]).numpy()
    assert rel(prob.model.grad(prob.w, prob.X, prob.y), expected) < 1e-13


def test_hvp_matches_torch_forward_over_reverse(torch: ModuleType, prob: HvpProblem) -> None:
    f = torch_flat_loss(torch, prob)
    _, hv_torch = torch.func.jvp(torch.func.grad(f), (torch.from_numpy(prob.w),), (torch.from_numpy(prob.v),))
    hv = prob.model.hvp(prob.w, prob.v, prob.X, prob.y)
    assert rel(hv, hv_torch.numpy()) < 1e-13


# ---------------------------------------------------------------- against the complex step


def test_hvp_matches_complex_step(prob: HvpProblem) -> None:
    m = prob.model
    hv = m.hvp(prob.w, prob.v, prob.X, prob.y)
    cs = m.grad(prob.w + 1j * COMPLEX_STEP * prob.v, prob.X, prob.y).imag / COMPLEX_STEP
    assert rel(hv, cs) < 1e-13


@pytest.mark.parametrize("sizes", [[3, 2], [4, 5, 3], [2, 3, 4, 5]])
@pytest.mark.parametrize("batch", [1, 7])
def test_hvp_matches_complex_step_on_small_nets(sizes: list[int], batch: int) -> None:
    """No hidden layer, one and several; one example and several (the workspace per batch shape)."""
    m = MLP(sizes)
    rng = np.random.default_rng(batch)
    w, v = m.init(batch), rng.standard_normal(param_count(sizes))
    X, y = rng.standard_normal((batch, sizes[0])), rng.integers(0, sizes[-1], batch)
    cs = m.grad(w + 1j * COMPLEX_STEP * v, X, y).imag / COMPLEX_STEP
    assert rel(m.hvp(w, v, X, y), cs) < 1e-13


def test_complex_step_of_loss_is_directional_derivative(prob: HvpProblem) -> None:
    m = prob.model
    lc = m.loss(prob.w + 1j * COMPLEX_STEP * prob.v, prob.X, prob.y)
    assert isinstance(lc, complex)
    gv = float(m.grad(prob.w, prob.X, prob.y) @ prob.v)
    assert lc.imag / COMPLEX_STEP == pytest.approx(gv, rel=1e-12)
    assert lc.real == pytest.approx(m.loss(prob.w, prob.X, prob.y), rel=1e-15)


# ---------------------------------------------------------------- algebra


def test_hvp_is_linear_in_v(prob: HvpProblem) -> None:
    m, w, X, y = prob.model, prob.w, prob.X, prob.y
    u = np.random.default_rng(7).standard_normal(w.size)
    a, b = 2.5, -0.75
    lhs = m.hvp(w, a * u + b * prob.v, X, y)
    rhs = a * m.hvp(w, u, X, y) + b * m.hvp(w, prob.v, X, y)
    assert rel(lhs, rhs) < 1e-13


def test_hvp_takes_complex_v_without_conjugating(prob: HvpProblem) -> None:
    """H(v + i u) = Hv + i Hu: a conjugating transpose anywhere in the R-passes would flip the sign of Hu."""
    m, w, X, y, v = prob.model, prob.w, prob.X, prob.y, prob.v
    u = np.random.default_rng(9).standard_normal(w.size)
    hc = m.hvp(w, v + 1j * u, X, y)
    assert hc.dtype == np.complex128
    assert rel(hc, m.hvp(w, v, X, y) + 1j * m.hvp(w, u, X, y)) < 1e-13


def test_hessian_is_symmetric_u_hv_equals_v_hu(prob: HvpProblem) -> None:
    m, w, X, y, v = prob.model, prob.w, prob.X, prob.y, prob.v
    u = np.random.default_rng(8).standard_normal(w.size)
    hv, hu = m.hvp(w, v, X, y), m.hvp(w, u, X, y)
    scale = np.linalg.norm(u) * np.linalg.norm(hv)
    assert abs(u @ hv - v @ hu) < 1e-14 * scale
    assert abs(u @ hv) > 1e-3 * scale  # not symmetric by both sides being ~0


def test_results_do_not_alias_reused_workspace(prob: HvpProblem) -> None:
    m, w, v = prob.model, prob.w, prob.v
    g1, h1 = m.grad(w, prob.X, prob.y), m.hvp(w, v, prob.X, prob.y)
    g1c, h1c = g1.copy(), h1.copy()
    m.grad(w, 2 * prob.X, prob.y)
    m.hvp(w, v, 2 * prob.X, prob.y)
    assert np.array_equal(g1, g1c) and np.array_equal(h1, h1c)
    assert np.array_equal(m.hvp(w, v, prob.X, prob.y), h1c)


def test_out_argument_is_filled_and_returned(prob: HvpProblem) -> None:
    m = prob.model
    out = np.full_like(prob.w, np.nan)
    res = m.hvp(prob.w, prob.v, prob.X, prob.y, out=out)
    assert res is out and np.array_equal(out, m.hvp(prob.w, prob.v, prob.X, prob.y))


# ---------------------------------------------------------------- the finite-difference curve


def test_fd_curve_covers_one_step_per_decade(curve: FDCurve) -> None:
    assert [row.r for row in curve.rows] == list(RADII)
    assert RADII[0] == pytest.approx(1e-1) and RADII[-1] == pytest.approx(1e-12) and len(RADII) == 12


def test_fd_truncation_error_falls_with_r(curve: FDCurve) -> None:
    assert curve.error("forward", 1e-1) > 10 * curve.error("forward", 1e-4)
    assert curve.error("central", 1e-1) > 10 * curve.error("central", 1e-3)


def test_fd_roundoff_error_rises_at_small_r(curve: FDCurve) -> None:
    for kind in ("forward", "central"):
        best = getattr(curve.best(kind), kind)
        assert curve.error(kind, 1e-12) > 100 * best
        # round-off ~ 1/r: slope -1 in log-log between two small steps
        assert curve.slope(kind, 1e-10, 1e-12) == pytest.approx(-1.0, abs=0.15)


def test_fd_central_beats_forward(curve: FDCurve) -> None:
    assert curve.best("central").central < 0.1 * curve.best("forward").forward


def test_fd_truncation_slopes_are_one_and_two(curve: FDCurve) -> None:
    assert curve.slope("forward", 1e-1, 1e-3) == pytest.approx(1.0, abs=0.1)
    assert curve.slope("central", 1e-1, 1e-3) == pytest.approx(2.0, abs=0.1)


def test_r_operator_beats_every_difference(curve: FDCurve) -> None:
    assert curve.r_operator < 1e-13
    best = min(curve.best("central").central, curve.best("forward").forward)
    assert curve.r_operator < 1e-3 * best


def test_fd_curve_is_deterministic_and_table_lists_it(curve: FDCurve) -> None:
    assert fd_error_curve() == curve
    table = format_fd_table(curve)
    assert all(f"{r:7.0e}" in table for r in RADII)
    assert "32-512-512-10" in table and f"{curve.r_operator:.2e}" in table


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("sizes", "named"),
    [([32], r"\[32\]"), ([32, 0, 10], "0"), ([32, 2.5, 10], "2.5"), ([32, -4], "-4"), ([True, 3], "True")],
)
def test_bad_sizes_raise_one_line_value_error(sizes: list[Any], named: str) -> None:
    with pytest.raises(ValueError, match=named) as exc:
        param_count(sizes)
    assert "\n" not in str(exc.value)
    with pytest.raises(ValueError, match=named):
        MLP(sizes)


def _bad_calls(p: HvpProblem) -> list[tuple[str, Callable[[], Any], str]]:
    m, w, v, X, y = p.model, p.w, p.v, p.X, p.y
    n = w.size
    y_high, y_neg = y.copy(), y.copy()
    y_high[3], y_neg[5] = 10, -1
    return [
        ("short w", lambda: m.grad(w[:-1], X, y), f"w .*{n}.*{n - 1}"),
        ("short v", lambda: m.hvp(w, v[:-1], X, y), f"v .*{n}.*{n - 1}"),
        ("X width", lambda: m.loss(w, X[:, :31], y), r"X .*\(batch, 32\).*\(64, 31\)"),
        ("X 1-d", lambda: m.hvp(w, v, X[0], y), r"X .*\(32,\)"),
        ("label high", lambda: m.grad(w, X, y_high), r"label 10 out of range \[0, 10\)"),
        ("label negative", lambda: m.hvp(w, v, X, y_neg), r"label -1 out of range"),
        ("float labels", lambda: m.loss(w, X, y.astype(float)), "y .*integer.*float64"),
        ("label count", lambda: m.grad(w, X, y[:-1]), r"y must be 64 .*\(63,\)"),
    ]


@pytest.mark.parametrize("case", range(8))
def test_bad_input_raises_one_line_value_error_naming_it(prob: HvpProblem, case: int) -> None:
    calls = _bad_calls(prob)
    assert len(calls) == 8
    _, call, pattern = calls[case]
    with pytest.raises(ValueError, match=pattern) as exc:
        call()
    assert "\n" not in str(exc.value)


def test_layer_params_add_up_to_param_count_on_random_widths() -> None:
    rng = np.random.default_rng(2022)
    for _ in range(200):
        sizes = [int(v) for v in rng.integers(1, 600, size=int(rng.integers(2, 6)))]
        assert sum(layer_params(a, b) for a, b in itertools.pairwise(sizes)) == param_count(sizes)
    assert layer_params(32, 512) == 33 * 512 != 32 * 513
