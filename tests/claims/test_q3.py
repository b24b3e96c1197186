"""What is specific to Question 3: parameter counts against PyTorch, the non-zero first-order error, R vs FD."""

from __future__ import annotations

import itertools
import random
from types import ModuleType

import sympy as sp

from symproof.claims import q3_hessian_vector as hv
from symproof.claims import q3_params
from symproof.claims.q3_4_difference_error import witness_first_order_term
from symproof.homework import get
from symproof.nn.mlp import param_count


def _torch_count(torch: ModuleType, sizes: tuple[int, ...]) -> int:
    layers = [torch.nn.Linear(a, b) for a, b in itertools.pairwise(sizes)]
    return sum(p.numel() for p in torch.nn.Sequential(*layers).parameters())


def test_parameter_count_matches_torch(torch: ModuleType) -> None:
    claim = get("q3.2.mlp")
    assert claim.answer == _torch_count(torch, q3_params.SIZES)
    assert claim.answer == param_count(q3_params.SIZES)


def test_closed_form_matches_torch_on_random_architectures(torch: ModuleType) -> None:
    rng = random.Random(0)
    for _ in range(20):
        sizes = tuple(rng.randint(1, 40) for _ in range(rng.randint(2, 6)))
        depth = len(sizes) - 1
        closed = q3_params.closed_form(depth).doit().xreplace({q3_params.N_SIZES[k]: v for k, v in enumerate(sizes)})
        assert closed == _torch_count(torch, sizes) == q3_params.count_entries(sizes)


def test_hessian_size_in_float64() -> None:
    notes = get("q3.2.mlp").notes
    N = notes["N"]
    assert notes["H shape"] == (N, N)
    assert notes["H bytes (float64)"] == 8 * N * N
    assert notes["H gigabytes"] > 100  # far too large to store: the point of Hessian-vector products


def test_first_order_error_is_non_zero_for_a_concrete_witness() -> None:
    # f(w) = w_1^3: the forward difference of g misses H v by 3 r v_1^2 in its first entry.
    w, v = hv.point(2)
    f = w[0] ** 3
    g = sp.Matrix([sp.diff(f, wi) for wi in w])
    Hv = sp.hessian(f, w) * sp.Matrix(v)
    fd = (hv.shift(g, w, v, hv.r) - g) / hv.r
    error = sp.expand(fd - Hv)
    assert error[0] == 3 * hv.r * v[0] ** 2 and error[1] == 0
    assert witness_first_order_term() == sp.Matrix([3 * v[0] ** 2, 0])


def test_central_difference_cancels_the_first_order_term_for_the_witness() -> None:
    w, v = hv.point(2)
    f = w[0] ** 3
    g = sp.Matrix([sp.diff(f, wi) for wi in w])
    Hv = sp.hessian(f, w) * sp.Matrix(v)
    cd = (hv.shift(g, w, v, hv.r) - hv.shift(g, w, v, -hv.r)) / (2 * hv.r)
    assert sp.expand(cd - Hv) == sp.zeros(2, 1)  # cubic f: the r^2 term needs a fourth derivative


def test_r_operator_of_the_gradient_is_the_limit_of_the_forward_difference_for_a_polynomial() -> None:
    w, v = hv.point(3)
    f = w[0] ** 2 * w[1] + w[2] ** 4 - 3 * w[0] * w[2]
    g = sp.Matrix([sp.diff(f, wi) for wi in w])
    fd = (hv.shift(g, w, v, hv.r) - g) / hv.r
    limit = fd.applyfunc(lambda e: sp.limit(e, hv.r, 0))
    assert (hv.R(g, w, v).doit() - limit).applyfunc(sp.expand) == sp.zeros(3, 1)
    assert (limit - sp.hessian(f, w) * sp.Matrix(v)).applyfunc(sp.expand) == sp.zeros(3, 1)
