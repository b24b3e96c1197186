"""The matrix rules' expansion: a sum of products of matrices as scalar coefficients of words, multiplied out.

A word is a product of matrix factors in order (A B and B A are different words). A sum maps each word to its
coefficient: distributivity, associativity, scalars commuting with matrices, I X = X I = X, 0 X = 0, A^k = A ... A
for an integer k > 0, (A^{-1})^k for k < 0, and X X^{-1} = X^{-1} X = I for an X declared invertible: identities
valid for every size. Like words are collected and a word whose coefficient expands to 0 is dropped; none left is
the zero matrix. SymPy's ``expand`` reaches the same sum (tests/prover/test_matrix_expand.py compares the two),
re-canonicalising every partial product on the way: ten times slower on the residuals of question 3.1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sympy as sp

if TYPE_CHECKING:
    from .matrix_rules import MatrixFacts

Word = tuple[Any, ...]


def _plain(m: Any) -> bool:
    return isinstance(m, sp.MatrixSymbol) or (isinstance(m, sp.Transpose) and isinstance(m.arg, sp.MatrixSymbol))


def _is_factor(m: Any) -> bool:
    """A factor a word is made of: a MatrixSymbol, its transpose, or the inverse of either."""
    return _plain(m.arg if isinstance(m, sp.Inverse) else m)


def _cancels(left: Any, right: Any, facts: MatrixFacts) -> bool:
    """X X^{-1} or X^{-1} X, for an X declared invertible (SymPy cancels it whatever X is)."""
    for x, inverse in ((left, right), (right, left)):
        if isinstance(inverse, sp.Inverse) and inverse.arg == x and facts.is_invertible(x):
            return True
    return False


def _joined(left: Word, right: Word, facts: MatrixFacts) -> Word:
    out = list(left)
    for f in right:
        if out and _cancels(out[-1], f, facts):
            out.pop()
        else:
            out.append(f)
    return tuple(out)


def _product(a: dict[Word, Any], b: dict[Word, Any], facts: MatrixFacts) -> dict[Word, Any]:
    terms: dict[Word, list[Any]] = {}
    for wa, ca in a.items():
        for wb, cb in b.items():
            terms.setdefault(_joined(wa, wb, facts), []).append(ca * cb)
    return {w: sp.Add(*cs) for w, cs in terms.items()}


def words(e: Any, facts: MatrixFacts) -> dict[Word, Any] | None:
    """e as {word: coefficient}, the empty word standing for an identity; None for a node not handled here
    (a trace, a Kronecker product, J, an explicit matrix, a transpose or inverse of a product, A^0, ...)."""
    if isinstance(e, sp.ZeroMatrix):
        return {}
    if isinstance(e, sp.Identity):
        return {(): sp.S.One}
    if _is_factor(e):
        return {(e,): sp.S.One}
    if isinstance(e, sp.MatPow) and not isinstance(e, sp.Inverse):
        k = sp.sympify(e.exp)
        if not k.is_Integer or k == 0:
            return None
        if k < 0:  # A^{-k} = (A^{-1})^k, for a factor A only
            return {(sp.Inverse(e.base),) * int(-k): sp.S.One} if _plain(e.base) else None
        base = words(e.base, facts)
        if base is None:
            return None
        out: dict[Word, Any] = {(): sp.S.One}
        for _ in range(int(k)):
            out = _product(out, base, facts)
        return out
    if isinstance(e, sp.MatAdd):
        terms: dict[Word, list[Any]] = {}
        for arg in e.args:
            part = words(arg, facts)
            if part is None:
                return None
            for w, c in part.items():
                terms.setdefault(w, []).append(c)
        return {w: sp.Add(*cs) for w, cs in terms.items()}
    if isinstance(e, sp.MatMul):
        coeff, matrices = e.as_coeff_matrices()
        acc: dict[Word, Any] = {(): coeff}
        for m in matrices:
            part = words(m, facts)
            if part is None:
                return None
            acc = _product(acc, part, facts)
        return acc
    return None


def expand_matrix(e: Any, facts: MatrixFacts) -> Any | None:
    """e multiplied out as a sum of words, like words collected (the zero matrix if every coefficient expands to
    0), in SymPy's canonical form; None where ``words`` does not handle e (SymPy's expand decides instead)."""
    found = words(e, facts)
    if found is None:
        return None
    terms = []
    for w, c in found.items():
        c = sp.expand(c)
        if c != 0:
            # The empty word is an identity of e's size: a product of identities and X X^{-1} is square.
            terms.append(sp.MatMul(c, *w) if w else c * sp.Identity(e.rows))
    if not terms:
        return sp.ZeroMatrix(*e.shape)
    return sp.MatAdd(*terms).doit()
