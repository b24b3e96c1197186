"""The values remembered for the process are one state: every user reads the same tables, and forget() empties them."""

from __future__ import annotations

import sympy as sp

from symproof.prover import MatrixEqual, MatrixFacts, Scope, decide, eq, evaluation, matrix_rules, remembered, series


def test_every_table_is_registered_once_and_shared() -> None:
    tables = [id(t) for t in remembered.REMEMBERED]
    assert len(tables) == len(set(tables))
    assert id(matrix_rules._DERIVATIVES) in tables and id(series.TAYLOR) in tables
    # the search and the ladder meet the same limits: one remembered function, not a copy per module
    assert evaluation.limit_value is remembered.limit_value


def test_forget_empties_what_proofs_filled() -> None:
    x = sp.Symbol("x")
    z = sp.Symbol("z", positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    a = sp.MatrixSymbol("a", n, 1)
    v = sp.MatrixSymbol("v", n, 1)
    assert decide(eq(sp.Limit((sp.exp(x) - 1) / x, x, 0), 1), Scope.GENERAL).proven
    assert decide(eq(sp.Limit(z / (z + 1), z, sp.oo), 1), Scope.GENERAL).proven
    assert decide(MatrixEqual(sp.Derivative(a.T * v, v), a, MatrixFacts()), Scope.GENERAL).proven  # d/dv a^T v = a
    assert all(remembered.REMEMBERED), [len(t) for t in remembered.REMEMBERED]
    remembered.forget()
    assert not any(remembered.REMEMBERED)
