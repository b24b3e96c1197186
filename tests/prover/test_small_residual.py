"""The small-residual test that lets together, cancel and expand run before the first point: it admits only what
they expand to few terms, so a wrong statement whose expansion is large is still refuted by its first point."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symproof.prover.ladder import SMALL_EXPANSION, _terms, small_residual

XS = sp.symbols("a0:10", real=True)


def test_a_power_of_a_long_sum_is_not_small() -> None:
    # Fifteen nodes, power 8: 24,310 monomials; expanding it against a wrong side took 22-32 s before any point.
    s = sum(XS)
    assert not small_residual(s**8 - (s + 1) ** 8)
    assert not small_residual((XS[0] + XS[1] + XS[2] + XS[3]) ** 4 * (XS[4] + XS[5] + XS[6] + XS[7]) ** 4 - 1)
    assert small_residual((XS[0] + XS[1]) ** 8 - (XS[0] - XS[1]) ** 8)  # 18 terms: still before the points


def _expanded_terms(e: sp.Expr) -> int:
    numerator, _ = sp.fraction(sp.together(e))
    return len(sp.Add.make_args(sp.expand(numerator)))


leaves = st.sampled_from([*XS[:4], sp.Integer(2), sp.Integer(-3)])
exprs = st.recursive(leaves, lambda inner: st.one_of(
    st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
    st.tuples(inner, inner).map(lambda p: p[0] * p[1]),
    st.tuples(inner, st.integers(-3, 4)).map(lambda p: p[0] ** p[1] if p[0] != 0 else p[0]),
    st.tuples(inner, inner).map(lambda p: p[0] / p[1] if p[1] != 0 else p[0]),
), max_leaves=8)


@settings(max_examples=60, deadline=None)
@given(exprs)
def test_the_estimate_bounds_the_expanded_numerator(e: sp.Expr) -> None:
    if _terms(e) <= SMALL_EXPANSION:
        assert _expanded_terms(e) <= _terms(e), e
