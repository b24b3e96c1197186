"""The matrix rules' expansion into words: SymPy's expanded sum, the same value at explicit matrices, and an
inverse cancelled only where it is declared."""

from __future__ import annotations

import random
from typing import Any

import pytest
import sympy as sp

from symproof.prover.matrix_expand import expand_matrix, words
from symproof.prover.matrix_refuter import explicit_at, random_matrix
from symproof.prover.matrix_rules import MatrixFacts

n = sp.Symbol("n", integer=True, positive=True)
A, B, H = (sp.MatrixSymbol(name, n, n) for name in "ABH")
x, y = sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("y", n, 1)
c = sp.Symbol("c", real=True)
FACTS = MatrixFacts(positive_definite=(H,), invertible=(A,))
SQUARES = (A, B, H, A.T, B.T, H.I, A.I, H.T.I, sp.Identity(n), sp.ZeroMatrix(n, n))


def square(rng: random.Random, depth: int) -> Any:
    """A random n x n expression: sums, products (in any order), scalar multiples, integer powers."""
    if depth == 0:
        return rng.choice(SQUARES)
    kind = rng.choice(("add", "mul", "mul", "scale", "pow", "leaf"))
    if kind == "add":
        return square(rng, depth - 1) + square(rng, depth - 1)
    if kind == "mul":
        return square(rng, depth - 1) * square(rng, depth - 1)
    if kind == "scale":
        return rng.choice((sp.Rational(1, 2), -1, 3, c, c - 1)) * square(rng, depth - 1)
    if kind == "pow":  # negative powers of the invertible matrices only, as the prover admits
        base = rng.choice((A, B, H, A.T))
        return sp.MatPow(base, rng.choice((2, 3) if base == B else (2, 3, -1, -2)))
    return rng.choice(SQUARES)


def expression(rng: random.Random) -> Any:
    """An n x n, n x 1 or 1 x 1 residual like the prover's: lhs - rhs of random sides."""
    shape = rng.choice(("square", "column", "form", "zero", "zero column"))
    left, right = square(rng, 3), square(rng, 3)
    if shape == "zero":  # multiplied out, nothing is left: the shortcut to the zero matrix
        return left * (right + c * sp.Identity(n)) - left * right - c * left
    if shape == "zero column":
        return (left + right) * (x - y) - left * x - right * x + (left + right) * y
    if shape == "column":
        return left * x + (right - left) * y - right * x
    if shape == "form":
        return x.T * left * y + c * y.T * right.T * x - x.T * (left - right) * y
    return left - right


EXPRESSIONS = [expression(random.Random(seed)) for seed in range(100)]


@pytest.mark.parametrize("e", EXPRESSIONS, ids=lambda e: sp.sstr(e)[:60])
def test_the_sum_is_sympys(e: Any) -> None:
    mine = expand_matrix(e, FACTS)
    if mine is None:  # a node the words do not handle (A^{-2} of a sum, say): SymPy decides it
        return
    assert sp.srepr(mine) == sp.srepr(sp.expand(e))


@pytest.mark.parametrize("e", EXPRESSIONS, ids=lambda e: sp.sstr(e)[:60])
def test_the_value_is_kept_at_explicit_matrices(e: Any) -> None:
    # Independent of SymPy's expand: at n = 2 and 3, random matrices that respect the facts (H positive
    # definite, A invertible, B anything), both sides entry by entry, exactly.
    mine = expand_matrix(e, FACTS)
    if mine is None:
        return
    rng = random.Random(7)
    for size in (2, 3):
        values = {n: sp.Integer(size), c: sp.Rational(rng.randint(-9, 9), 4)}
        mats = {m: sp.ImmutableMatrix(random_matrix(m, size, m.cols.subs(n, size), FACTS, rng))
                for m in (A, B, H, x, y)}
        assert explicit_at(e, values, mats) == explicit_at(mine, values, mats)


def test_the_residuals_of_the_newton_step_vanish() -> None:
    wt = sp.MatrixSymbol("w_t", n, 1)
    star, grad = wt - H.I * y, y + H * (x - wt)  # w* = w_t - H^{-1} g, grad L = g + H (w - w_t), g = y
    assert expand_matrix(grad - H * (x - star), FACTS) == sp.ZeroMatrix(n, 1)
    assert expand_matrix((x - star) - H.I * grad, FACTS) == sp.ZeroMatrix(n, 1)
    assert expand_matrix(grad.subs(x, star), FACTS) == sp.ZeroMatrix(n, 1)
    assert expand_matrix(grad.subs(x, wt + H.I * y), FACTS) == 2 * y  # the wrong sign of the step
    assert expand_matrix(x.T * y - y.T * x, FACTS) != sp.ZeroMatrix(1, 1)  # x^T y and y^T x differ as words


def test_an_inverse_cancels_only_against_a_matrix_declared_invertible() -> None:
    undeclared = MatrixFacts()
    # Built unevaluated: SymPy's own MatMul cancels X X^{-1} whatever X is.
    assert words(sp.MatMul(A, A.I, x), undeclared) == {(A, A.I, x): 1}
    assert words(sp.MatMul(A, A.I, x), FACTS) == {(x,): 1}
    assert words(sp.MatMul(A.I, A, B), FACTS) == {(B,): 1}
    assert words(sp.MatMul(A.T, A.T.I, x), FACTS) == {(x,): 1}  # (A^T)^{-1} exists exactly when A^{-1} does
    assert words(sp.MatMul(B, B.I), FACTS) == {(B, B.I): 1}
    assert words(sp.MatMul(A, sp.MatPow(A, -2), x), FACTS) == {(A.I, x): 1}


def test_a_scalar_made_of_matrices_is_a_coefficient() -> None:
    e = sp.Trace(A) * sp.Identity(n) - A + sp.Determinant(B) * B
    assert words(e, FACTS) == {(): sp.Trace(A), (A,): -1, (B,): sp.Determinant(B)}
    assert sp.srepr(expand_matrix(e, FACTS)) == sp.srepr(sp.expand(e))


def test_nodes_outside_words_are_left_to_sympy() -> None:
    from sympy.matrices.expressions.kronecker import KroneckerProduct

    # Built unevaluated where SymPy would rewrite them as it builds them ((A B)^T into B^T A^T, say).
    for e in (KroneckerProduct(A, B), sp.OneMatrix(n, n), sp.Transpose(sp.MatMul(A, B)), sp.MatPow(A + B, -1),
              sp.MatPow(A, 0), sp.ImmutableMatrix([[1]]), sp.Inverse(sp.MatMul(A, H)), sp.Transpose(A.I)):
        assert words(sp.MatAdd(sp.MatMul(e, e), e), FACTS) is None, e
        assert expand_matrix(sp.MatAdd(sp.MatMul(e, e), e), FACTS) is None, e
