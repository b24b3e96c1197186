"""The matrix rules: rewrites of a matrix residual, each an identity valid for every size n under the facts it names.

A proof rewrites ``lhs - rhs`` with the rules of ``MATRIX_RULES`` until it is a zero matrix. Each rule is an
identity valid for every size n and every matrix satisfying the declared facts, and says which fact it needs:

- ``matrix calculus``: SymPy's derivative with respect to a MatrixSymbol (d/dx a^T x = a, d/dx x^T A x =
  (A + A^T) x, d/dx A x = A^T, sums and constant factors): identities of matrix calculus valid for every n.
  Their layout (the gradient of a 1 x 1 form is a column; d(Ax)/dx = A^T) is the one the refuter recomputes
  entry by entry, so a wrong derivative is caught at a fixed size.
- ``transposes``: (AB)^T = B^T A^T, (A + B)^T = A^T + B^T, (cA)^T = c A^T, (A^T)^T = A, valid always.
- ``symmetric``: S^T = S and (S^{-1})^T = S^{-1}, only for S declared symmetric (or positive definite).
- ``kronecker``: (A (x) B)(C (x) D) = (AC) (x) (BD) and (cA) (x) B = c (A (x) B), valid whenever defined.
- ``powers``: (A + B)^k written as k factors in order, valid always (so A B and B A stay apart).
- ``expand``: MatMul distributed over MatAdd and like terms collected, valid always (``matrix_expand``: words
  of MatrixSymbols, transposes and inverses, X X^{-1} = I only for X declared invertible; SymPy's expand for
  any other node).
- ``scalar transposes``: a 1 x 1 product equals its transpose (x^T A y = y^T A^T x), valid always.

"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .ladder import _scalar_transposes
from .matrix_expand import expand_matrix
from .remembered import REMEMBERED


@dataclass(frozen=True)
class MatrixFacts:
    """What is assumed of the matrices: positive definite means symmetric positive definite, as in the question."""

    symmetric: tuple[sp.MatrixSymbol, ...] = ()
    positive_definite: tuple[sp.MatrixSymbol, ...] = ()
    invertible: tuple[sp.MatrixSymbol, ...] = ()

    def is_symmetric(self, m: Any) -> bool:
        return m in self.symmetric or m in self.positive_definite

    def is_invertible(self, m: Any) -> bool:
        if isinstance(m, sp.Transpose):  # (A^T)^{-1} = (A^{-1})^T exists exactly when A^{-1} does
            return self.is_invertible(m.arg)
        return m in self.invertible or m in self.positive_definite

    def problems(self) -> list[str]:
        """Why the facts cannot be used: each must be about a square MatrixSymbol. A fact about a product cannot be
        sampled, and "S^T = S" of a non-square S would let the symmetric rule rewrite S^T (m x n) as S (n x m)."""
        out = []
        for kind in ("symmetric", "positive_definite", "invertible"):
            for m in getattr(self, kind):
                if not isinstance(m, sp.MatrixSymbol):
                    out.append(f"{m} is declared {kind.replace('_', ' ')} but is not a MatrixSymbol")
                elif m.rows != m.cols:
                    out.append(f"{m} is declared {kind.replace('_', ' ')} but is {m.rows} x {m.cols}")
        return out


# --- the proof: a table of rewrites, each valid under the facts it names ------------------------------------


# SymPy's derivatives, remembered for the process: a Hessian's first step is the gradient of the same statement
# (0.04 s each for the quadratic model of 3.1).
_DERIVATIVES: dict[tuple[Any, Any], Any] = {}
REMEMBERED.append(_DERIVATIVES)


def matrix_calculus(e: Any, facts: MatrixFacts) -> Any:
    # sp.diff, not Derivative.doit: doit rebuilds the sum before differentiating and fails on f_t I_1 + ...
    if not isinstance(e, sp.Derivative):
        return e
    out = e.expr
    for x, count in e.variable_count:
        for _ in range(int(count)):  # one at a time: diff(e, x, 2) goes through factor_terms, which fails here
            if (out, x) not in _DERIVATIVES:  # an exception is not remembered
                with structural_diagonal():
                    _DERIVATIVES[out, x] = sp.diff(out, x)
            out = _DERIVATIVES[out, x]
    return out


def is_structurally_diagonal(m: Any) -> bool | None:
    """True when `m` is diagonal by its form alone, else None (not known): SymPy's handlers for Q.diagonal
    without any assumption and without the SAT solver behind them. An identity, a zero matrix, a diagonal
    matrix, any 1 x 1 or 0 x 0 matrix, and sums, products, transposes and inverses of such matrices are
    diagonal; nothing is ever answered False."""
    from sympy.matrices.expressions.diagonal import DiagMatrix, DiagonalMatrix

    if not isinstance(m, sp.MatrixExpr):
        return None
    if m.shape in ((0, 0), (1, 1)) or isinstance(m, (sp.Identity, sp.ZeroMatrix, DiagMatrix, DiagonalMatrix)):
        return True
    if isinstance(m, (sp.Transpose, sp.Inverse)):
        return is_structurally_diagonal(m.arg)
    if isinstance(m, sp.MatMul):
        parts = m.as_coeff_matrices()[1]
    elif isinstance(m, sp.MatAdd):
        parts = list(m.args)
    else:
        return None
    return True if all(is_structurally_diagonal(a) for a in parts) else None


@dataclass(frozen=True)
class _DiagonalQuery:
    """What ``Q.diagonal(m)`` builds inside the conversion: SymPy's own predicate loads its matrix handlers
    (0.01 s) before any question is asked."""

    arg: Any


class _ConversionQ:
    """SymPy's ``Q`` as the array-to-matrix conversion sees it: ``Q.diagonal`` builds a _DiagonalQuery, any other
    predicate is SymPy's."""

    diagonal = _DiagonalQuery

    def __getattr__(self, name: str) -> Any:
        return getattr(sp.Q, name)


@contextmanager
def structural_diagonal() -> Iterator[None]:
    """SymPy's matrix calculus with its one assumptions query, Q.diagonal of each factor (asked by the
    array-to-matrix conversion to pick a rewrite valid for diagonal factors), answered by
    ``is_structurally_diagonal``. SymPy's ``ask`` loads the assumptions system (35 modules, 0.03 s) and, with no
    assumptions declared here, finds nothing the form does not show. The answer is True only for a matrix
    that is diagonal; None where ``ask`` might have found True only skips a rewrite (the contraction is kept
    as it is), so the derivative is the same expression or one SymPy did not simplify, never a different
    value, and the entrywise check at sizes 2, 3, 1 still comes first. Any other query goes to ``ask``."""
    from sympy.assumptions.assume import AppliedPredicate
    from sympy.tensor.array.expressions import from_array_to_matrix as a2m

    real_ask, real_q = a2m.ask, a2m.Q

    def ask(proposition: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(proposition, _DiagonalQuery):
            if args or kwargs:  # assumptions given: SymPy's own predicate and ask
                return real_ask(sp.Q.diagonal(proposition.arg), *args, **kwargs)
            return is_structurally_diagonal(proposition.arg)
        if not (args or kwargs) and isinstance(proposition, AppliedPredicate) and \
                proposition.function == sp.Q.diagonal:
            return is_structurally_diagonal(proposition.arguments[0])
        return real_ask(proposition, *args, **kwargs)

    a2m.ask, a2m.Q = ask, _ConversionQ()
    try:
        yield
    finally:
        a2m.ask, a2m.Q = real_ask, real_q


def _transposes(e: Any, facts: MatrixFacts) -> Any:
    return e.replace(lambda x: isinstance(x, sp.Transpose), lambda x: x.doit()) if isinstance(e, sp.Basic) else e


def _symmetric(e: Any, facts: MatrixFacts) -> Any:
    if not isinstance(e, sp.Basic):
        return e
    table: dict[Any, Any] = {}
    for m in e.atoms(sp.MatrixSymbol):
        if facts.is_symmetric(m):
            table[sp.Transpose(m)] = m
            table[sp.Transpose(sp.Inverse(m))] = sp.Inverse(m)
            table[sp.Inverse(sp.Transpose(m))] = sp.Inverse(m)
    return e.xreplace(table) if table else e


def _kronecker(e: Any, facts: MatrixFacts) -> Any:
    """(A (x) B)(C (x) D) = (A C) (x) (B D) when A C and B D are defined (the mixed-product property), and a scalar
    factor of a Kronecker factor comes out, (c A) (x) B = c (A (x) B). Both hold for every size; SymPy's own
    combine_kronecker raised on symbolic sizes here."""
    from sympy.matrices.expressions.kronecker import KroneckerProduct

    def pair(a: Any) -> bool:
        return isinstance(a, KroneckerProduct) and len(a.args) == 2

    def pure(m: Any) -> tuple[Any, Any]:
        """(c, M) with m = c M and M free of scalar factors (SymPy's Kronecker doit fails on c J inside)."""
        if not isinstance(m, sp.MatMul):
            return sp.S.One, m
        c, mats = m.as_coeff_matrices()
        return c, (sp.MatMul(*mats).doit() if len(mats) > 1 else mats[0])

    def mixed(m: sp.MatMul) -> Any:
        coeff, mats = m.as_coeff_matrices()
        out: list[Any] = []
        for x in mats:
            prev = out[-1] if out else None
            if prev is not None and pair(prev) and pair(x) and prev.args[0].shape[1] == x.args[0].shape[0] and \
                    prev.args[1].shape[1] == x.args[1].shape[0]:
                c1, left = pure(sp.MatMul(prev.args[0], x.args[0]).doit())
                c2, right = pure(sp.MatMul(prev.args[1], x.args[1]).doit())
                coeff *= c1 * c2
                out[-1] = KroneckerProduct(left, right)
            else:
                out.append(x)
        product = sp.MatMul(*out) if len(out) > 1 else out[0]
        return sp.MatMul(coeff, product) if coeff != 1 else product

    def scalars_out(k: Any) -> Any:
        coeff = sp.S.One
        factors = []
        for a in k.args:
            c, m = pure(a)
            coeff *= c
            factors.append(m)
        return sp.MatMul(coeff, KroneckerProduct(*factors)) if coeff != 1 else k

    if not (isinstance(e, sp.Basic) and e.has(KroneckerProduct)):
        return e
    e = e.replace(lambda x: isinstance(x, sp.MatMul) and x.has(KroneckerProduct), mixed)
    return e.replace(lambda x: isinstance(x, KroneckerProduct), scalars_out)


def _distribute(factors: list[Any]) -> Any:
    """The product of `factors` (in order) with every sum among them multiplied out, as a sum of products."""
    for k, f in enumerate(factors):
        if isinstance(f, sp.MatAdd):
            return sp.MatAdd(*(_distribute([*factors[:k], t, *factors[k + 1:]]) for t in f.args))
    return sp.MatMul(*factors)


def _powers(e: Any, facts: MatrixFacts) -> Any:
    """(A + B)^k = (A + B) ... (A + B) multiplied out in order, for a positive integer k: valid always, and it
    reaches A^2 + A B + B A + B^2 (never A^2 + 2 A B + B^2, which needs A B = B A). SymPy's expand folds the
    product back into the power instead."""
    if not isinstance(e, sp.Basic):
        return e
    return e.replace(lambda x: isinstance(x, sp.MatPow) and isinstance(x.base, sp.MatAdd) and x.exp.is_Integer
                     and x.exp > 1, lambda x: _distribute([x.base] * int(x.exp)).doit())


def _expand(e: Any, facts: MatrixFacts) -> Any:
    if not isinstance(e, sp.MatrixExpr):
        return e
    fast = expand_matrix(e, facts)  # products of MatrixSymbols, transposes and inverses: SymPy's sum, faster
    return sp.expand(e) if fast is None else fast


def _scalars(e: Any, facts: MatrixFacts) -> Any:
    return _scalar_transposes(e)


@dataclass(frozen=True)
class MatrixRule:
    name: str
    needs: str  # the fact the rewrite relies on ("" when it holds for every matrix)
    apply: Callable[[Any, MatrixFacts], Any]


MATRIX_RULES: tuple[MatrixRule, ...] = (
    MatrixRule("matrix calculus", "", matrix_calculus),
    MatrixRule("transposes", "", _transposes),
    MatrixRule("symmetric", "S^T = S for declared symmetric S", _symmetric),
    MatrixRule("kronecker", "", _kronecker),
    MatrixRule("powers", "", _powers),
    MatrixRule("expand", "", _expand),
    MatrixRule("scalar transposes", "", _scalars),
    # Once more after the scalar transposes, which may bring out S^T again.
    MatrixRule("symmetric", "S^T = S for declared symmetric S", _symmetric),
    MatrixRule("expand", "", _expand),
)


def _is_zero(e: Any) -> bool:
    if isinstance(e, sp.ZeroMatrix) or e == 0:
        return True
    return isinstance(e, sp.MatrixBase) and all(x == 0 for x in e)


def reduce_matrix(residual: Any, facts: MatrixFacts) -> tuple[bool, tuple[str, ...], Any]:
    used: list[str] = []
    current = residual
    for rule in MATRIX_RULES:
        if _is_zero(current):
            break
        rewritten = rule.apply(current, facts)
        if rewritten != current:
            if rule.name not in used:
                used.append(rule.name)
            current = rewritten
    return _is_zero(current), tuple(used), current
