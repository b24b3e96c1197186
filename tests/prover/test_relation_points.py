"""An order relation at a point decided from the certified sign of lhs - rhs; SymPy's comparison otherwise."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.prover import Holds, Scope, Status, decide
from symproof.prover.sampling import order_at_point, relation_counterexample

x, y = sp.symbols("x y", real=True)
third = sp.Rational(1, 3)


@pytest.mark.parametrize("lhs, rhs, op, expected", [
    (sp.exp(third), 1, ">", sp.true),
    (sp.exp(third), 1, "<=", sp.false),
    (sp.Integer(2), 2, ">=", sp.true),         # the literal 0 difference: exact
    (sp.Integer(2), 2, ">", sp.false),
    (sp.log(6), sp.log(2) + sp.log(3), ">=", None),  # equal, but evalf cannot certify a sign: the slow way
    (1 + sp.I, 0, ">", None),                  # not a real number: SymPy's comparison raises, the point is skipped
    (sp.I + 1, sp.I, ">", None),               # a real difference of non-real sides is no comparison either
    (sp.pi, sp.Rational(314159265358979, 10**14), ">", sp.true),
    (sp.pi, sp.Rational(314159265358980, 10**14), ">", sp.false),
])
def test_order_at_point(lhs: sp.Expr, rhs: sp.Expr, op: str, expected: sp.Basic | None) -> None:
    assert order_at_point(sp.Tuple(lhs, rhs), op) is expected


def test_relation_counterexample_is_false_there() -> None:
    relation = sp.exp(x) > 1 + x + x**2
    cx = relation_counterexample(relation, points=24)
    assert cx is not None
    values = {x: sp.Rational(cx["x"])}
    assert relation.xreplace(values) is sp.false


def test_relations_true_and_near_variants() -> None:
    sig = 1 / (1 + sp.exp(-x))
    assert decide(Holds(1 - sig > 0, (), sp.exp(-x) / (1 + sp.exp(-x))), Scope.GENERAL).status is Status.PROVEN
    assert decide(Holds(sig > 0), Scope.GENERAL).status is Status.PROVEN
    for wrong in (sig < sp.Rational(1, 2), sig > sp.Rational(1, 2), sig <= sp.Rational(9, 10), x**2 > 0,
                  x * y <= x**2 + y**2 - 1):
        verdict = decide(Holds(wrong), Scope.GENERAL)
        assert verdict.status is Status.REFUTED, wrong
        point = {sp.Symbol(k, real=True): sp.Rational(v) for k, v in verdict.counterexample.items()}
        assert wrong.xreplace(point) is sp.false


def test_tie_at_a_point_is_no_counterexample_for_ge() -> None:
    # x^2 >= 0 is 0 >= 0 at x = 0, true; x^2 > 0 is false there.
    assert relation_counterexample(x**2 >= 0, points=24) is None
    assert decide(Holds(sp.Ge(x**2, 0)), Scope.GENERAL).status is Status.PROVEN
