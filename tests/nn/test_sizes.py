"""Sizes from their definitions: the unevaluated per-layer formula and the windows counted one by one."""

from __future__ import annotations

from types import ModuleType

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symproof.nn.conv import conv_output_size
from symproof.nn.layers import Conv, Dense, GlobalAvgPool, MaxPool, output_size
from symproof.nn.sizes import accepts, nested_formula, size_formula, window_count, windows_through

N = sp.Symbol("N", integer=True, positive=True)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 40), k=st.integers(1, 7), s=st.integers(1, 4), p=st.integers(0, 3), d=st.integers(1, 3))
def test_window_count_is_the_floor_formula(n: int, k: int, s: int, p: int, d: int) -> None:
    layer = Conv(k, s, p, d)
    if d * (k - 1) + 1 > n + 2 * p:
        assert window_count(n, layer) == 0
    else:
        assert window_count(n, layer) == conv_output_size(n, k, s, p, d)


def test_window_count_of_a_pool_matches_torch(torch: ModuleType) -> None:
    for n in range(2, 20):
        out = torch.nn.MaxPool2d(2, 2)(torch.zeros(1, 1, n, n))
        assert out.shape[-1] == window_count(n, MaxPool(2, 2)) == window_count(n, MaxPool(2))


@settings(max_examples=100, deadline=None)
@given(n=st.integers(1, 40), k=st.integers(1, 7), s=st.integers(1, 4), p=st.integers(0, 3), d=st.integers(1, 3))
def test_size_formula_evaluates_to_output_size(n: int, k: int, s: int, p: int, d: int) -> None:
    layer = Conv(k, s, p, d)
    if d * (k - 1) + 1 <= n + 2 * p:
        assert sp.sympify(size_formula(sp.Integer(n), layer)).doit() == output_size(layer, n)


def test_size_formula_is_left_unevaluated_as_written() -> None:
    formula = size_formula(N, Conv(3, 2, 1))
    assert formula.func is sp.Add and not formula.is_Integer
    assert sp.simplify(formula - output_size(Conv(3, 2, 1), N)) == 0
    # No padding term at p = 0: the student's formula leaves it out.
    assert "2*" not in str(size_formula(N, Conv(3)))


def test_nested_formula_and_window_counts_agree_with_the_stack() -> None:
    stack = (Conv(3), Conv(3), MaxPool(2, 2), Conv(3))
    for n in range(10, 40):
        assert sp.sympify(nested_formula(stack, sp.Integer(n))).doit() == windows_through(stack, n) \
            == output_size(stack, n)
    # A pooling stride forgotten gives another size: the count does depend on the stride.
    assert windows_through((Conv(3), Conv(3), MaxPool(2, 1), Conv(3)), 32) != windows_through(stack, 32)


def test_accepts_is_every_intermediate_size_at_least_one() -> None:
    stack = (Conv(5), Conv(5), GlobalAvgPool(), Dense(128))
    condition = accepts(stack, N)
    assert [bool(condition.subs(N, n)) for n in range(1, 12)] == [n >= 9 for n in range(1, 12)]
