"""SymPy's matrix calculus with Q.diagonal answered from the form (the same derivatives, no assumptions system), and
the refuter's entrywise partial derivatives (polynomial arithmetic where it is exact, diff elsewhere)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sympy as sp
from sympy.core.cache import clear_cache
from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalMatrix
from sympy.tensor.array.expressions import from_array_to_matrix as a2m

from symproof.prover.matrix_refuter import _partials
from symproof.prover.matrix_rules import MatrixFacts, is_structurally_diagonal, matrix_calculus, structural_diagonal
from symproof.prover.remembered import forget

n = sp.Symbol("n", integer=True, positive=True)
A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
x, a = sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("a", n, 1)
c = sp.MatrixSymbol("c", 1, 1)
z = sp.MatrixSymbol("z", 3, 1)

SHAPES = [A, A.T, A.I, A * B, A + B, x, a.T, c, c.T * c, sp.Identity(n), sp.ZeroMatrix(n, n), sp.ZeroMatrix(n, 1),
          DiagMatrix(x), DiagonalMatrix(A), sp.Identity(n) * DiagMatrix(x), sp.Identity(n) + sp.ZeroMatrix(n, n),
          (sp.Identity(n) + DiagMatrix(x)).T, sp.Inverse(sp.Identity(n) + DiagMatrix(x)), sp.OneMatrix(n, n),
          sp.MatrixSymbol("S", 0, 0), sp.MatrixSymbol("m", 2, 3), 2 * sp.Identity(n), sp.Rational(1, 2)]


@pytest.mark.parametrize("m", SHAPES, ids=str)
def test_the_form_says_diagonal_only_where_sympy_does(m: sp.Basic) -> None:
    form, asked = is_structurally_diagonal(m), sp.ask(sp.Q.diagonal(m))
    assert form in (True, None)  # never False: "not known" is all a missing form may say
    if form:
        assert asked is True


def test_the_form_finds_what_sympy_finds_from_structure() -> None:
    # Where ask answers True without any assumption on the list above, the form does too (one exception would be
    # a rewrite SymPy's calculus no longer makes; a wrong True, the test above, would be unsound).
    missed = [m for m in SHAPES if sp.ask(sp.Q.diagonal(m)) is True and not is_structurally_diagonal(m)]
    assert missed == []


DERIVATIVES = [
    (a.T * x, x), (x.T * A * x, x), (A * x, x), (x.T * A * x + a.T * x + c, x), (A * x + B * (x - a), x),
    (x.T * (A + B.T) * x / 2, x), (a.T * x * c, x), (z.T * z, z), (sp.Identity(n) * x, x),
]


@pytest.mark.parametrize(("e", "v"), DERIVATIVES, ids=str)
def test_derivatives_are_sympys_with_its_own_ask(e: sp.Basic, v: sp.MatrixSymbol) -> None:
    expected = sp.diff(e, v)  # outside the context: SymPy's own ask
    expected2 = sp.diff(expected, v)
    clear_cache()  # nothing SymPy remembered from those calls may answer the next ones
    forget()
    assert sp.srepr(matrix_calculus(sp.Derivative(e, v), MatrixFacts())) == sp.srepr(expected)
    assert sp.srepr(matrix_calculus(sp.Derivative(e, (v, 2)), MatrixFacts())) == sp.srepr(expected2)


def test_the_conversion_gets_its_ask_back_even_after_an_exception() -> None:
    real_ask, real_q = a2m.ask, a2m.Q
    with pytest.raises(ZeroDivisionError), structural_diagonal():
        assert a2m.ask is not real_ask and a2m.Q is not real_q
        raise ZeroDivisionError
    assert a2m.ask is real_ask and a2m.Q is real_q


def test_other_queries_still_go_to_ask() -> None:
    with structural_diagonal():
        assert a2m.ask(a2m.Q.diagonal(A)) is None and a2m.ask(a2m.Q.diagonal(sp.Identity(n))) is True
        assert a2m.ask(a2m.Q.positive(sp.Symbol("p", positive=True))) is True
        assert a2m.ask(sp.Q.diagonal(A), sp.Q.diagonal(A)) is True  # with assumptions: SymPy's ask answers
        assert a2m.ask(a2m.Q.diagonal(A), sp.Q.diagonal(A)) is True


def test_matrix_calculus_does_not_load_the_assumptions_system() -> None:
    code = ("import sys, sympy as sp\n"
            "from symproof.prover.matrix_rules import MatrixFacts, matrix_calculus\n"
            "n = sp.Symbol('n', integer=True, positive=True)\n"
            "A, x = sp.MatrixSymbol('A', n, n), sp.MatrixSymbol('x', n, 1)\n"
            "d = matrix_calculus(sp.Derivative(x.T * A * x, (x, 2)), MatrixFacts())\n"
            "print(d, [m for m in ('sympy.assumptions.satask', 'sympy.assumptions.handlers.matrices')"
            " if m in sys.modules])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[-1] == "[]", out


X = sp.Matrix(sp.symbols("x_0:3"))


@pytest.mark.parametrize("y", [
    X[0] ** 2 * X[1] / 3 - (X[2] - sp.Rational(1, 2)) * (X[0] + 7) + 5,  # a polynomial over QQ
    sp.sqrt(2) * X[0] * X[1] + sp.pi * X[2] ** 3,  # over an exact extension
    # over RR, 1/3 would become a Float: left to diff
    sp.Float("0.1", 40) * X[0] ** 2 + sp.Float("1e-30", 40) * X[1] + X[0] * X[2] / 3,
    sp.exp(X[0]) * X[1] + 1 / (1 + X[2] ** 2) + sp.Abs(X[0]),  # not a polynomial
    sp.Integer(4), sp.Symbol("f_t", real=True),  # free of x
], ids=str)
def test_entrywise_partials_are_exactly_diffs(y: sp.Expr) -> None:
    got = _partials(y, X)
    assert len(got) == 3
    for g, xi in zip(got, X, strict=True):
        expected = sp.diff(y, xi)
        assert sp.expand(g - expected) == 0
        if y.has(sp.Float):
            assert g == expected  # the same Floats, digit for digit
