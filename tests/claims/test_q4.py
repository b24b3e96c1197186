"""What is specific to Question 4: the claimed sizes and matrices against torch's layers on random numbers."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest
import sympy as sp

from symproof.claims.q4_sizes import mlp_first_weight_shape, parameter_shapes
from symproof.homework import get
from symproof.nn.conv import symbolic_kernel

N = sp.Symbol("N", integer=True, positive=True)


def _numeric(matrix: sp.Matrix, values: dict[sp.Symbol, float]) -> np.ndarray:
    return np.array(matrix.xreplace(values).tolist(), dtype=np.float64)


def _values(symbols: sp.Matrix, numbers: np.ndarray) -> dict[sp.Symbol, float]:
    return {sym: float(v) for sym, v in zip(symbols, numbers.ravel(), strict=True)}


def _net_41(torch: ModuleType) -> object:
    nn = torch.nn
    return nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, 4, 3), nn.MaxPool2d(2, 2), nn.Conv2d(4, 2, 3),
                         nn.ReLU()).double()


def test_q41_answer_is_torch_output_shape(torch: ModuleType) -> None:
    out = _net_41(torch)(torch.zeros(1, 1, 32, 32, dtype=torch.float64))  # type: ignore[operator]
    assert tuple(out.shape[-2:]) == tuple(int(v) for v in get("q4.1").answer)


def test_q41_general_closed_form_and_smallest_size_match_torch(torch: ModuleType) -> None:
    claim = get("q4.1.general")
    net = _net_41(torch)
    for size in range(1, 41):
        x = torch.zeros(1, 1, size, size, dtype=torch.float64)
        if size < claim.notes["smallest input"]:
            with pytest.raises(RuntimeError):
                net(x)  # type: ignore[operator]
        else:
            expected = int(claim.answer.subs(N, size))
            assert tuple(net(x).shape[-2:]) == (expected, expected), size  # type: ignore[operator]


def _net_42(torch: ModuleType, c_in: int, c1: int, c2: int) -> object:
    nn = torch.nn
    return nn.Sequential(nn.Conv2d(c_in, c1, 5), nn.ReLU(), nn.Conv2d(c1, c2, 5), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                         nn.Flatten(), nn.Linear(c2, 128), nn.Linear(128, 1)).double()


def test_q42_torch_net_runs_from_nine_pixels_with_fixed_parameters(torch: ModuleType) -> None:
    c_in, c1, c2 = 3, 6, 5
    net = _net_42(torch, c_in, c1, c2)
    with pytest.raises(RuntimeError):
        net(torch.zeros(1, c_in, 8, 8, dtype=torch.float64))  # type: ignore[operator]
    for size in (9, 10, 17, 64):
        out = net(torch.randn(2, c_in, size, size, dtype=torch.float64))  # type: ignore[operator]
        assert tuple(out.shape) == (2, 1)
    # The claim's shape column, every dimension of every parameter in torch's order, for this input size.
    claimed = [int(v) for v in parameter_shapes(N, (c_in, c1, c2)).subs(N, 23)]
    in_torch = [int(dim) for prm in net.parameters() for dim in prm.shape]  # type: ignore[attr-defined]
    assert claimed == in_torch


def test_q42_mlp_first_layer_rejects_another_size(torch: ModuleType) -> None:
    c_in, hidden = 3, 7
    rows, cols = (int(v) for v in mlp_first_weight_shape(9, c_in, hidden))
    layer = torch.nn.Linear(cols, rows).double()
    assert tuple(layer.weight.shape) == (hidden, c_in * 81)
    layer(torch.zeros(1, c_in * 9 * 9, dtype=torch.float64))
    with pytest.raises(RuntimeError):
        layer(torch.zeros(1, c_in * 10 * 10, dtype=torch.float64))


@pytest.mark.parametrize("seed", range(5))
def test_q43_matrix_is_torch_conv2d(torch: ModuleType, seed: int) -> None:
    rng = np.random.default_rng(seed)
    w_num, x_num = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    a = _numeric(get("q4.3").answer, _values(symbolic_kernel(3), w_num))
    expected = torch.nn.functional.conv2d(torch.tensor(x_num)[None, None], torch.tensor(w_num)[None, None], stride=2,
                                          padding=1)
    assert a.shape == (4, 9)
    np.testing.assert_allclose(a @ x_num.ravel(), expected.numpy().ravel(), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_q44_matrix_is_torch_conv_transpose2d(torch: ModuleType, seed: int) -> None:
    rng = np.random.default_rng(seed)
    w_num, x_num = rng.normal(size=(2, 2)), rng.normal(size=(2, 2))
    t = _numeric(get("q4.4").answer, _values(symbolic_kernel(2), w_num))
    expected = torch.nn.functional.conv_transpose2d(torch.tensor(x_num)[None, None], torch.tensor(w_num)[None, None],
                                                    stride=2, padding=0)
    assert t.shape == (16, 4)
    np.testing.assert_allclose(t @ x_num.ravel(), expected.numpy().ravel(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(np.kron(x_num, w_num), expected.numpy()[0, 0], rtol=1e-12)


def test_q44_matrix_is_the_adjoint_of_torch_conv2d(torch: ModuleType) -> None:
    # Autograd's vector-Jacobian product of the stride-2 conv on 4 x 4 is the transposed conv: T y = A^T y.
    rng = np.random.default_rng(11)
    w_num, y_num = rng.normal(size=(2, 2)), rng.normal(size=(2, 2))
    t = _numeric(get("q4.4").answer, _values(symbolic_kernel(2), w_num))
    x = torch.zeros(1, 1, 4, 4, dtype=torch.float64, requires_grad=True)
    out = torch.nn.functional.conv2d(x, torch.tensor(w_num)[None, None], stride=2)
    (grad,) = torch.autograd.grad(out, x, grad_outputs=torch.tensor(y_num)[None, None])
    np.testing.assert_allclose(t @ y_num.ravel(), grad.numpy().ravel(), rtol=1e-12, atol=1e-12)
