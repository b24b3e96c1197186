"""The infinity family's expected truths checked by mpmath far out, apart from the prover: a true statement's
limit is its right side at t = 7/5 in every case, a false one's is not in some case."""

from __future__ import annotations

from typing import Any

import mpmath
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symproof.prover import Equal

from .families import FAMILIES, t
from .test_adversarial import COMMON

AT = {t: sp.Rational(7, 5)}
FAR = 400  # |r t z| >= 1/6 * 7/5 * 400 > 90: exp of it is below 1e-39, far under the gaps tested


def _far_value(lim: sp.Limit) -> Any:
    body, var, point = lim.args[:3]
    with mpmath.workdps(60):
        return sp.lambdify(var, body.subs(AT), "mpmath")(mpmath.mpf(FAR if point is sp.oo else -FAR))


def _holds_everywhere(statement: Equal) -> list[bool]:
    """For each case (or the whole domain), does the far value match the right side to 1e-20?"""
    out = []
    for subs in [dict(c.subs) for c in statement.cases] or [{}]:
        lim, rhs = statement.lhs.subs(subs), sp.sympify(statement.rhs).subs(subs).subs(AT)
        with mpmath.workdps(60):
            out.append(bool(abs(_far_value(lim) - mpmath.mpf(sp.N(rhs, 60))) < 1e-20))
    return out


@settings(max_examples=30, **COMMON)
@given(data=st.data())
def test_the_family_says_what_evaluation_says(data: st.DataObject) -> None:
    drawn = FAMILIES["infinity"](data.draw)
    for statement in drawn.true:
        assert isinstance(statement, Equal) and all(_holds_everywhere(statement)), statement
    for statement in drawn.false:
        assert isinstance(statement, Equal) and not all(_holds_everywhere(statement)), statement
