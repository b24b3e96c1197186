"""Matrix identities attacked: facts left undeclared, wrong layouts, non-integer powers, sizes and scalars outside
their assumptions, traces and mixed derivatives the refuter must evaluate. No false statement is proven, and no
true one is refuted by a point outside its domain or an evaluation that did not happen."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.matrices.expressions.kronecker import KroneckerProduct as Kron

from symproof.prover import MatrixEqual, MatrixFacts, PositiveForm, Scope, decide
from symproof.prover.matrix_refuter import size_values

n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)
A, B, H = (sp.MatrixSymbol(name, n, n) for name in "ABH")
x, y = sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("y", n, 1)
NONE = MatrixFacts()
SPD = MatrixFacts(positive_definite=(H,))
HALF = sp.Rational(1, 2)


def verdict(st_: object) -> object:
    return decide(st_, Scope.GENERAL)  # type: ignore[arg-type]


# --- attacks the prover resisted before: kept, so that a wrong "proven" stays impossible ----------------------

FALSE = {
    "AB = BA": MatrixEqual(A * B, B * A, NONE),
    "(AB)^{-1} = A^{-1} B^{-1}": MatrixEqual((A * B).I, A.I * B.I, MatrixFacts(invertible=(A, B))),
    "(A + B)^2 = A^2 + 2AB + B^2": MatrixEqual((A + B) ** 2, A**2 + 2 * A * B + B**2, NONE),
    "x^T A y = x^T A^T y": MatrixEqual(x.T * A * y, x.T * A.T * y, NONE),
    "d(Ax)/dx = A (the Jacobian, not SymPy's layout)": MatrixEqual(sp.Derivative(A * x, x), A, NONE),
    "d(x^T A)/dx = A^T": MatrixEqual(sp.Derivative(x.T * A, x), A.T, NONE),
    "d2(x^T A x)/dx2 = 2 A": MatrixEqual(sp.Derivative(x.T * A * x, (x, 2)), 2 * A, NONE),
    "H symmetric only: d(x^T H x)/dx = H x": MatrixEqual(sp.Derivative(x.T * H * x, x), H * x,
                                                         MatrixFacts(symmetric=(H,))),
    "A (x) B = B (x) A": MatrixEqual(Kron(A, B), Kron(B, A), NONE),
    "(A (x) B)^T = B^T (x) A^T": MatrixEqual(Kron(A, B).T, Kron(B.T, A.T), NONE),
    "x^T x = n": MatrixEqual(x.T * x, n * sp.Identity(1), NONE),
}
TRUE = {
    "x^T A x = x^T A^T x": MatrixEqual(x.T * A * x, x.T * A.T * x, NONE),
    "(AB)^{-1} = B^{-1} A^{-1}": MatrixEqual((A * B).I, B.I * A.I, MatrixFacts(invertible=(A, B))),
    "d(Ax)/dx = A^T": MatrixEqual(sp.Derivative(A * x, x), A.T, NONE),
    "d(x^T A)/dx = A": MatrixEqual(sp.Derivative(x.T * A, x), A, NONE),
    "(A (x) B)^T = A^T (x) B^T": MatrixEqual(Kron(A, B).T, Kron(A.T, B.T), NONE),
    "(A + B)^2 = A^2 + AB + BA + B^2": MatrixEqual((A + B) ** 2, A**2 + A * B + B * A + B**2, NONE),
    "(A + H)^3 x expanded": MatrixEqual((A + H) ** 3 * x, sp.expand((A + H) * (A + H) * (A + H) * x), SPD),
}


@pytest.mark.parametrize("name", list(FALSE))
def test_a_false_identity_is_refuted(name: str) -> None:
    v = verdict(FALSE[name])
    assert v.refuted, v.summary()


@pytest.mark.parametrize("name", list(TRUE))
def test_a_true_identity_is_proven(name: str) -> None:
    v = verdict(TRUE[name])
    assert v.proven, v.summary()


def test_an_unevaluated_undeclared_inverse_is_never_cancelled() -> None:
    # X X^{-1} = I only for an invertible X; built unevaluated it reaches the prover, which refuses it.
    v = verdict(MatrixEqual(sp.MatMul(A, sp.Inverse(A)), sp.Identity(n), NONE))
    assert not v.proven and "invertible" in (v.reason or "")


def test_a_derivative_with_respect_to_a_matrix_is_not_proven() -> None:
    # Which derivative (entrywise, or along symmetric matrices) is meant is ambiguous, and it is not recomputed.
    for facts in (NONE, MatrixFacts(symmetric=(H,))):
        v = verdict(MatrixEqual(sp.Derivative(x.T * H.T * y, H), y * x.T, facts))
        assert not v.proven and "column" in (v.reason or "")


def test_a_derivative_the_refuter_cannot_recompute_is_not_proven() -> None:
    # d^2 (A x) / dx^2 has no layout here: SymPy's matrix calculus is never trusted unchecked.
    assert not verdict(MatrixEqual(sp.Derivative(A * x, (x, 2)), sp.ZeroMatrix(n, n), NONE)).proven


# --- holes found and closed -----------------------------------------------------------------------------------


def test_a_positive_form_needs_a_column() -> None:
    # U^T H U > 0 for a nonzero n x 2 matrix U is false (U = [u, u] is singular): it was "proven".
    u2 = sp.MatrixSymbol("U", n, 2)
    v = verdict(PositiveForm(u2.T * H * u2, u2, SPD))
    assert not v.proven and "column" in (v.reason or "")


def test_a_positive_form_needs_a_finite_coefficient() -> None:
    # oo u^T H u is no positive real number: it was "proven" (oo > 0 and H positive definite).
    v = verdict(PositiveForm(sp.oo * x.T * H * x, x, SPD))
    assert not v.proven


def test_facts_must_be_about_square_matrix_symbols() -> None:
    # A fact about a product cannot be sampled: (AB)^T = AB under "AB symmetric" was refuted by a non-symmetric
    # product, a counterexample outside the declared facts. A non-square "symmetric" S is refused too.
    v = verdict(MatrixEqual((A * B).T, A * B, MatrixFacts(symmetric=(A * B,))))
    assert not v.refuted and not v.proven, v.summary()
    s = sp.MatrixSymbol("S", n, m)
    z = sp.MatrixSymbol("z", m, 1)
    v = verdict(MatrixEqual(x.T * s * z, z.T * s.T * x, MatrixFacts(symmetric=(s,))))
    assert not v.proven and "n x m" in (v.reason or "")


def test_a_non_integer_power_is_not_decided() -> None:
    # H^{1/2} H^{1/2} = H holds for the principal root of an SPD H; it was refuted, the refuter reading H^{1/2}
    # as H^0 = I. (A^2)^{1/2} = A, false for A = -I, built unevaluated, was refuted by the same wrong value.
    root = sp.MatMul(sp.MatPow(H, HALF), sp.MatPow(H, HALF), evaluate=False)
    for st_ in (MatrixEqual(root, H, SPD), MatrixEqual(sp.MatPow(sp.MatPow(A, 2), HALF), A, NONE)):
        v = verdict(st_)
        assert v.status.value == "unknown" and "integer" in (v.reason or ""), v.summary()


def test_scalars_are_sampled_inside_their_assumptions() -> None:
    # floor(k/2) + ceiling(k/2) = k for an integer k; k was drawn as a fraction and the identity "refuted".
    k = sp.Symbol("k", integer=True, positive=True)
    v = verdict(MatrixEqual((sp.floor(k / 2) + sp.ceiling(k / 2)) * A, k * A, NONE))
    assert not v.refuted, v.summary()


def test_sizes_are_sampled_inside_their_assumptions() -> None:
    # sum_{j<p} (-1)^j = 0 for an even p: with p an even size, p = 3 refuted a true statement.
    p = sp.Symbol("p", integer=True, positive=True, even=True)
    j = sp.Symbol("j", integer=True)
    a = sp.MatrixSymbol("A", p, p)
    v = verdict(MatrixEqual(sp.Sum((-1) ** j, (j, 0, p - 1)) * a, sp.ZeroMatrix(p, p), NONE))
    assert not v.refuted, v.summary()
    assert size_values(p)[:3] == [2, 4, 6]


def test_a_size_that_may_be_zero_is_sampled_at_zero() -> None:
    # floor(1/(k+1)) = 0 holds for k >= 1 only; k >= 0 is declared, so k = 0 refutes it.
    k = sp.Symbol("k", integer=True, nonnegative=True)
    a = sp.MatrixSymbol("A", k, k)
    v = verdict(MatrixEqual(sp.floor(1 / (k + 1)) * sp.Identity(1) + 0 * sp.OneMatrix(1, k) * a * sp.OneMatrix(k, 1),
                            sp.ZeroMatrix(1, 1), NONE))
    assert v.refuted and v.counterexample and v.counterexample.get("k") == "0", v.summary()


def test_distinct_sizes_take_distinct_values() -> None:
    # n I_1 = m I_1 fails whenever n != m; with every size set to one value it could not be refuted.
    v = verdict(MatrixEqual(sp.OneMatrix(1, n) * sp.OneMatrix(n, 1), sp.OneMatrix(1, m) * sp.OneMatrix(m, 1), NONE))
    assert v.refuted, v.summary()


def test_a_trace_is_evaluated_by_the_refuter() -> None:
    # tr(AB) = tr(BA) is true: left unevaluated, Trace(explicit) compared unequal and "refuted" it.
    v = verdict(MatrixEqual(sp.Trace(A * B) * sp.Identity(1), sp.Trace(B * A) * sp.Identity(1), NONE))
    assert not v.refuted, v.summary()
    v = verdict(MatrixEqual(sp.Trace(A * B) * sp.Identity(1), sp.Trace(A) * sp.Trace(B) * sp.Identity(1), NONE))
    assert v.refuted, v.summary()


def test_a_mixed_derivative_takes_every_variable() -> None:
    # d/dy d/dx (x^T A y) = A^T in SymPy's layout: the refuter differentiated in x only, a shape mismatch.
    true, false = (MatrixEqual(sp.Derivative(x.T * A * y, x, y), rhs, NONE) for rhs in (A.T, A))
    assert verdict(true).proven, verdict(true).summary()
    assert verdict(false).refuted


def test_irrational_entries_are_compared_at_two_precisions() -> None:
    # log 6 = log 2 + log 3 is not literally 0 once written out: a true identity, never refuted; e^{-40} = 0 is
    # refuted (evaluated at 40 and 80 digits, not guessed by nsimplify).
    true = MatrixEqual(sp.log(6) * A, (sp.log(2) + sp.log(3)) * A, NONE)
    assert not verdict(true).refuted, verdict(true).summary()
    v = verdict(MatrixEqual(sp.exp(-40) * sp.Identity(n), sp.ZeroMatrix(n, n), NONE))
    assert v.refuted, v.summary()


# --- statements near true ones (Hypothesis) --------------------------------------------------------------------

FACTORS = (A, B, A.T, B.T, H)
WORDS = st.lists(st.sampled_from(range(len(FACTORS))), min_size=1, max_size=4)
FACTS = MatrixFacts(symmetric=(H,))


def _word(indices: list[int]) -> sp.MatrixExpr:
    return sp.MatMul(*(FACTORS[i] for i in indices)).doit()


def _canonical(e: sp.MatrixExpr) -> sp.MatrixExpr:
    return e.xreplace({H.T: H})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORDS)
def test_transpose_of_a_product_is_proven(indices: list[int]) -> None:
    word = _word(indices)
    reversed_transposes = sp.MatMul(*(FACTORS[i].T for i in reversed(indices))).doit()
    v = verdict(MatrixEqual(word.T, reversed_transposes, FACTS))
    assert v.proven, v.summary()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORDS, st.data())
def test_a_mutated_product_is_never_proven(indices: list[int], data: st.DataObject) -> None:
    # Swap two factors, drop a transpose or a factor, or double the product: a different monomial, never proven.
    mutation = data.draw(st.sampled_from(("swap", "transpose", "drop", "double")))
    other = list(indices)
    if mutation == "swap" and len(other) > 1:
        a = data.draw(st.integers(0, len(other) - 2))
        other[a], other[a + 1] = other[a + 1], other[a]
    elif mutation == "transpose":
        a = data.draw(st.integers(0, len(other) - 1))
        other[a] = {0: 2, 1: 3, 2: 0, 3: 1, 4: 4}[other[a]]
    elif mutation == "drop" and len(other) > 1:
        other.pop(data.draw(st.integers(0, len(other) - 1)))
    lhs, rhs = _word(indices), _word(other)
    if mutation == "double":
        rhs = 2 * rhs
    if _canonical(lhs) == _canonical(rhs):
        return  # the mutation changed nothing (H^T = H, or two equal factors swapped)
    v = verdict(MatrixEqual(lhs, rhs, FACTS))
    assert not v.proven, v.summary()
    assert v.refuted, v.summary()  # generic 2 x 2 and 3 x 3 matrices separate distinct monomials


def test_the_number_zero_is_the_zero_matrix_of_the_other_side() -> None:
    # A - A^T = 0 for a symmetric A was refuted by a "shape mismatch" between A - A^T and the number 0.
    v = verdict(MatrixEqual(A - A.T, 0, MatrixFacts(symmetric=(A,))))
    assert v.proven, v.summary()
    assert verdict(MatrixEqual(A - A.T, 0, NONE)).refuted
    assert verdict(MatrixEqual(x.T * y - y.T * x, 0, NONE)).proven  # 1 x 1: SymPy would not subtract 0
    v = verdict(MatrixEqual(A, 1, NONE))
    assert not v.proven and "compared with" in (v.reason or "")


def test_a_sum_of_entries_is_written_out_by_the_refuter() -> None:
    # x x^T = (x^T x) I is false; its residual holds sum_{j<n} x_j^2, whose entries the refuter must evaluate.
    j = sp.Symbol("j", integer=True)
    st_ = MatrixEqual(x * x.T, sp.Sum(x[j, 0] ** 2, (j, 0, n - 1)) * sp.Identity(n), NONE)
    assert verdict(st_).refuted, verdict(st_).summary()
    true = MatrixEqual(x.T * x, sp.Sum(x[j, 0] ** 2, (j, 0, n - 1)) * sp.Identity(1), NONE)
    assert not verdict(true).refuted, verdict(true).summary()


# Whatever the prover decides, an independent evaluation at sizes it does not sample agrees: a proven identity
# holds at n = 4 and 5 for fresh matrices respecting the facts (evaluated by SymPy's own explicit arithmetic).
ATOMS = (A, B, H, A.T, B.T, H.T, H.I)
COEFFS = (sp.Integer(1), sp.Integer(2), sp.Integer(-1), HALF)
TERM = st.tuples(st.sampled_from(COEFFS), st.lists(st.sampled_from(range(len(ATOMS))), min_size=1, max_size=3))
EXPRS = st.lists(TERM, min_size=1, max_size=2)
FACTS_H = MatrixFacts(positive_definite=(H,))


def _build(terms: list[tuple[sp.Expr, list[int]]]) -> sp.MatrixExpr:
    return sp.MatAdd(*(c * sp.MatMul(*(ATOMS[k] for k in word)) for c, word in terms)).doit()


def _explicit_at(e: sp.MatrixExpr, size: int, seed: int) -> sp.Matrix:
    import random

    rng = random.Random(seed)

    def entries() -> sp.Matrix:
        return sp.Matrix(size, size, lambda i, j: sp.Rational(rng.randint(-9, 9), rng.randint(1, 4)))

    h = entries()
    table = {A.subs(n, size): entries(), B.subs(n, size): entries(), H.subs(n, size): h.T * h + sp.eye(size)}
    return sp.Matrix(e.subs(n, size).xreplace(table).doit())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRS, st.sampled_from(("other", "transposed twice", "expanded", "symmetric")), EXPRS)
def test_a_matrix_verdict_agrees_with_sizes_it_did_not_sample(lhs_terms: list[tuple[sp.Expr, list[int]]],
                                                               how: str,
                                                               other_terms: list[tuple[sp.Expr, list[int]]]) -> None:
    lhs = _build(lhs_terms)
    rhs = {"other": _build(other_terms), "transposed twice": sp.Transpose(sp.Transpose(lhs)),
           "expanded": sp.expand(lhs), "symmetric": lhs.T.doit().xreplace({H.T: H}).T}[how]
    v = verdict(MatrixEqual(lhs, rhs, FACTS_H))
    if v.proven:
        for size, seed in ((4, 1), (5, 2)):
            assert _explicit_at(lhs - rhs, size, seed) == sp.zeros(size, size), (lhs, rhs, v.summary())
    if how != "other":
        assert not v.refuted, v.summary()  # each of these is an identity under the facts


def test_a_nonconformable_expression_is_not_decided() -> None:
    # Built with check=False, SymPy keeps A x^T (n x n times 1 x n) and A + x: "proven" identical before.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SymPy deprecates check=False, which is what makes such input possible
        product = sp.MatMul(A, x.T, check=False)
        total, swapped = sp.MatAdd(A, x, check=False), sp.MatAdd(x, A, check=False)
    for st_ in (MatrixEqual(product, product, NONE), MatrixEqual(total, swapped, NONE)):
        v = verdict(st_)
        assert not v.proven, v.summary()
        assert "conformable" in (v.reason or "") or "shapes" in (v.reason or ""), v.summary()


def test_the_mixed_product_needs_conformable_factors() -> None:
    # (A (x) B)(C (x) D) is defined (4 columns, 2 x 2 rows) though A C and B D are not: the rule must leave it.
    from symproof.prover.matrix_rules import MATRIX_RULES

    a, b = sp.MatrixSymbol("P", 2, 4), sp.MatrixSymbol("Q", 3, 1)
    c, d = sp.MatrixSymbol("R", 2, 1), sp.MatrixSymbol("S", 2, 1)
    product = Kron(a, b) * Kron(c, d)
    kronecker = next(rule for rule in MATRIX_RULES if rule.name == "kronecker")
    assert kronecker.apply(product, NONE) == product
    p, q, s = (sp.MatrixSymbol(name, n, n) for name in "PQS")
    wrong = MatrixEqual(Kron(a, b) * Kron(c, d), Kron(c, d).T * Kron(a, b).T, NONE)
    assert verdict(wrong).refuted  # shapes 6 x 1 and 1 x 6
    assert verdict(MatrixEqual(Kron(p, q) * Kron(s, A), Kron(p * s, q * A), NONE)).proven
    assert verdict(MatrixEqual(Kron(p, q) * Kron(s, A), Kron(s * p, q * A), NONE)).refuted


def test_a_gradient_at_size_zero_is_a_zero_by_one_column() -> None:
    # d/dx (x^T A x)(y^T x) = (A + A^T) x y^T x + y x^T A x is true (the rules leave it); with k >= 0 declared it was
    # refuted at k = 0 by a 0 x 0 "gradient" against a 0 x 1 column.
    k = sp.Symbol("k", integer=True, nonnegative=True)
    a, u_, z = sp.MatrixSymbol("A", k, k), sp.MatrixSymbol("x", k, 1), sp.MatrixSymbol("y", k, 1)
    st_ = MatrixEqual(sp.Derivative(u_.T * a * u_ * z.T * u_, u_), (a + a.T) * u_ * z.T * u_ + z * u_.T * a * u_,
                      NONE)
    assert not verdict(st_).refuted, verdict(st_).summary()


def test_a_derivative_checked_at_no_size_is_not_proven() -> None:
    # B_5 exists only for n >= 6: at n = 2, 3, 1 no point can be built, and SymPy's matrix calculus was then
    # trusted unchecked.
    b = sp.MatrixSymbol("B", n, 1)
    v = verdict(MatrixEqual(sp.Derivative(x.T * x * b[5, 0], x), 2 * b[5, 0] * x, NONE))
    assert not v.proven and "recomputed" in (v.reason or ""), v.summary()


def test_an_assumption_the_sampler_cannot_meet_gives_no_counterexample() -> None:
    # ceiling(c) - floor(c) = 1 for an irrational c: rational draws (c = 2) are outside its domain and refuted it.
    c = sp.Symbol("c", irrational=True)
    v = verdict(MatrixEqual((sp.ceiling(c) - sp.floor(c)) * A, A, NONE))
    assert not v.refuted, v.summary()
