"""A residual with exp(c +- W(z)): the Lambert probe runs first among the fraction rungs, and only proves zeros."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.prover import Scope, Status, decide, eq
from symproof.prover.engine import _LAMBERT_FIRST, _rungs_for
from symproof.prover.ladder import LADDER

W = sp.LambertW(sp.exp(-1))
beta = sp.Symbol("beta", positive=True)
z = sp.Symbol("z", positive=True)


@pytest.mark.parametrize("lhs, rhs", [
    ((W + 1) / (beta * (1 + sp.exp(W + 1))), W / beta),
    (sp.exp(-1 - W), W),
    (sp.exp(sp.LambertW(z) + 2), sp.exp(2) * z / sp.LambertW(z)),
])
def test_true_by_the_probe(lhs: sp.Expr, rhs: sp.Expr) -> None:
    verdict = decide(eq(lhs, rhs), Scope.GENERAL)
    assert verdict.status is Status.PROVEN
    assert verdict.method.rules == ("lambert",)


@pytest.mark.parametrize("lhs, rhs", [
    ((W + 1) / (beta * (1 + sp.exp(W + 1))), (W + 1) / beta),
    (sp.exp(-1 - W), W + sp.Rational(1, 10**6)),
    (sp.exp(1 - W), W),                               # e^(1 - W) = e^2 W, not W
    (sp.exp(sp.LambertW(z) + 2), sp.exp(2) * sp.LambertW(z) / z),
])
def test_near_variants_refuted(lhs: sp.Expr, rhs: sp.Expr) -> None:
    assert decide(eq(lhs, rhs), Scope.GENERAL).status is Status.REFUTED


def test_failed_probe_leaves_the_residual() -> None:
    residual = sp.exp(-1 - W) - W - 1  # -1 after the rewrite: not 0, so the probe keeps the residual as it was
    assert _LAMBERT_FIRST.apply(residual) == residual
    together = tuple(rule for rule in LADDER if rule.name == "together")
    assert _rungs_for(residual, together)[0] is _LAMBERT_FIRST
    assert _rungs_for(sp.exp(-1) - W, together) == together  # no exp of W: the ladder as it is


def test_the_definition_is_used_only_where_z_is_proven_nonzero() -> None:
    from symproof.prover.ladder import _lambert

    x = sp.Symbol("x", real=True)  # may be 0, where e^W(x) = 1 and x / W(x) is 0/0
    assert _lambert(sp.exp(sp.LambertW(x) + 1)) == sp.exp(sp.LambertW(x) + 1)
    assert _lambert(sp.exp(1 - sp.LambertW(x))) == sp.exp(1 - sp.LambertW(x))
    assert _lambert(sp.exp(sp.LambertW(z) + 1)) == sp.E * z / sp.LambertW(z)
