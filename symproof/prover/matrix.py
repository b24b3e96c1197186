"""Matrix identities over MatrixSymbols of symbolic size n, decided without choosing n; refuted at chosen sizes.

A proof rewrites ``lhs - rhs`` with the rules of ``matrix_rules.MATRIX_RULES`` until it is a zero matrix; a
counterexample is sought first, by ``matrix_refuter.matrix_counterexample``.

SymPy also cancels X X^{-1} = I as soon as it builds a product; that is an identity only for an invertible X, so
a statement in which some X^{-1} appears is decided only if X is declared invertible (or positive definite).
SymPy's assumptions about MatrixSymbols are not used: it has no symmetric MatrixSymbol, and ``H.T`` is never
replaced by ``H`` unless the fact is declared here.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .matrix_refuter import explicit_at, matrix_counterexample, random_matrix, size_symbols, size_values
from .matrix_rules import MatrixFacts, matrix_calculus, reduce_matrix
from .method import Kind, Method
from .verdict import Scope, Status, Verdict


@dataclass(frozen=True)
class MatrixEqual:
    """lhs = rhs for every size and every matrix satisfying `facts`; a side may be ``Derivative(expr, x[, k])``
    with x a column MatrixSymbol (the gradient of a 1 x 1 form, or SymPy's layout for a vector)."""

    lhs: Any
    rhs: Any
    facts: MatrixFacts = MatrixFacts()


@dataclass(frozen=True)
class PositiveForm:
    """form > 0 for every vector u != 0: form must be c u^T S u with c > 0 a number and S declared positive
    definite (the definition of positive definite, matched, not trusted); refuted at random u != 0."""

    form: Any
    u: sp.MatrixSymbol
    facts: MatrixFacts = MatrixFacts()


def _undeclared_inverses(exprs: tuple[Any, ...], facts: MatrixFacts) -> list[str]:
    out = []
    for e in exprs:
        for inv in e.atoms(sp.Inverse, sp.MatPow) if isinstance(e, sp.Basic) else ():
            base = inv.arg if isinstance(inv, sp.Inverse) else inv.base
            negative = isinstance(inv, sp.Inverse) or not sp.sympify(inv.exp).is_nonnegative
            if negative and not facts.is_invertible(base):
                out.append(str(base))
    return sorted(set(out))


def _shape_problems(e: Any) -> list[str]:
    """Products and sums that are not conformable (built with check=False, SymPy does not refuse them): A x^T - A x^T
    or (A + x) - x would otherwise be "proven" of expressions that mean nothing."""
    out = []
    for node in sp.preorder_traversal(e):
        if isinstance(node, sp.MatMul):
            mats = [a for a in node.args if getattr(a, "is_Matrix", False)]
            out += [f"{a} * {b} is not conformable" for a, b in itertools.pairwise(mats) if a.cols != b.rows]
        elif isinstance(node, sp.MatAdd):
            shapes = {a.shape for a in node.args}
            if len(shapes) > 1:
                out.append(f"{node} adds matrices of shapes {sorted(map(str, shapes))}")
        elif isinstance(node, (sp.Inverse, sp.Trace, sp.Determinant)) and node.args[0].rows != node.args[0].cols:
            out.append(f"{node} of a non-square matrix")
    return out


def _unsupported(exprs: tuple[Any, ...], facts: MatrixFacts) -> str | None:
    """Why the statement is outside what the rules and the refuter handle soundly, or None.

    - a non-integer power A^(1/2): not unique, not always defined, and SymPy folds (A^2)^(1/2) into A;
    - a derivative anywhere but as a whole side, or with respect to anything but a column MatrixSymbol: the
      refuter's layouts are those of a gradient and of d y / d x for columns only;
    - an inverse of a matrix not declared invertible (SymPy cancels X X^{-1} = I as soon as it builds it).
    """
    problems = facts.problems()
    for e in exprs:
        if not isinstance(e, sp.Basic):
            continue
        problems.extend(_shape_problems(e))
        for power in e.atoms(sp.MatPow):
            if sp.sympify(power.exp).is_integer is not True:
                problems.append(f"{power} is a power with an exponent not known to be an integer")
        inner = e.expr if isinstance(e, sp.Derivative) else e
        if isinstance(inner, sp.Basic) and inner.has(sp.Derivative):
            problems.append("a derivative inside an expression (only a whole side may be a derivative)")
        if isinstance(e, sp.Derivative):
            for x, _ in e.variable_count:
                if not (isinstance(x, sp.MatrixSymbol) and x.cols == 1):
                    problems.append(f"a derivative with respect to {x}, which is not a column MatrixSymbol")
    missing = _undeclared_inverses(exprs, facts)
    if missing:
        problems.append(f"an inverse of {', '.join(missing)} is used but not declared invertible")
    return "; ".join(dict.fromkeys(problems)) or None


def _with_zero_matrices(st: MatrixEqual) -> MatrixEqual | str:
    """A side written as the number 0 is the zero matrix of the other side's shape (A - A^T = 0), a number c
    against a 1 x 1 matrix is c I_1; any other number against a matrix compares things of different kinds: the
    reason, as a string. (The refuter read 0 as a 1 x 1 matrix and refuted A - A^T = 0 for a symmetric A.)"""
    sides = [st.lhs, st.rhs]
    for k, (side, other) in enumerate(((st.lhs, st.rhs), (st.rhs, st.lhs))):
        shape = getattr(other, "shape", None)
        if isinstance(side, sp.Derivative) or getattr(side, "shape", None) is not None or shape is None:
            continue  # a matrix, or a derivative (its shape is known once computed), or two numbers
        if shape == (1, 1):  # a 1 x 1 matrix is its entry: x^T y - y^T x = 0
            sides[k] = sp.ZeroMatrix(1, 1) if sp.sympify(side) == 0 else sp.sympify(side) * sp.Identity(1)
        elif sp.sympify(side) == 0:
            sides[k] = sp.ZeroMatrix(*shape)
        else:
            return f"the number {side} is compared with a {shape[0]} x {shape[1]} matrix"
    return MatrixEqual(sides[0], sides[1], st.facts)


def decide_matrix_equal(st: MatrixEqual, scope: Scope) -> Verdict:
    sampled = Method(Kind.RANDOM_MATRICES)
    normal = _with_zero_matrices(st)
    if isinstance(normal, str):
        return Verdict(Status.UNKNOWN, scope, Method(Kind.MATRIX_RULES), reason=normal)
    st = normal
    why = _unsupported((st.lhs, st.rhs), st.facts)
    if why:
        return Verdict(Status.UNKNOWN, scope, Method(Kind.MATRIX_RULES), reason=why)
    if any(isinstance(s, sp.Derivative) for s in (st.lhs, st.rhs)):
        # Sizes 2, 3, 1 before the proof, a check of SymPy's matrix calculus, which the proof relies on, by
        # entrywise derivatives: it is trusted only where they confirmed it at some size. n = 0 comes with the
        # later points: every rule holds at n = 0 too. Without a derivative, the rules alone decide a true
        # statement; points are drawn only when they leave a residual.
        evaluated: list[int] = []
        cx = matrix_counterexample(st.lhs, st.rhs, st.facts, points=3, evaluated=evaluated)
        if cx is not None:
            return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
        if not evaluated:
            return Verdict(Status.UNKNOWN, scope, Method(Kind.MATRIX_RULES),
                           reason="the derivative could not be recomputed entrywise at any size")
    try:
        lhs, rhs = (matrix_calculus(s, st.facts) for s in (st.lhs, st.rhs))
        zero, used, left = reduce_matrix(lhs - rhs, st.facts)
    except Exception as exc:  # SymPy raised (factors that do not conform, say): never a proof, maybe a point
        zero, why = False, f"SymPy raised {type(exc).__name__}: {exc}"[:200]
    else:
        derivative = ("matrix calculus",) if st.lhs != lhs or st.rhs != rhs else ()
        rules = tuple(dict.fromkeys(derivative + used)) or ("identical",)
        why = f"residual left as {sp.sstr(left)[:160]}"
    if zero:
        return Verdict(Status.PROVEN, scope, Method(Kind.MATRIX_RULES, rules))
    cx = matrix_counterexample(st.lhs, st.rhs, st.facts, points=6, seed=1)
    if cx is not None:
        return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
    return Verdict(Status.UNKNOWN, scope, Method(Kind.MATRIX_RULES), reason=why)


def _quadratic_form(form: Any, u: Any) -> tuple[Any, Any] | None:
    """(c, S) when form is c u^T S u (c a number, S a MatrixSymbol), else None."""
    coeff, rest = (form.as_coeff_mmul() if isinstance(form, sp.MatMul) else (sp.S.One, form))
    args: tuple[Any, ...] = rest.args if isinstance(rest, sp.MatMul) else ()
    if len(args) == 3 and args[0] == u.T and args[2] == u and isinstance(args[1], sp.MatrixSymbol):
        return sp.sympify(coeff), args[1]
    return None


def _form_problems(st: PositiveForm) -> str | None:
    """u must be a column and the form 1 x 1: u^T S u > 0 for a nonzero n x 2 matrix u is false (rank one u),
    and "> 0" of a matrix is no statement the definition of positive definite makes."""
    problems = st.facts.problems()
    if not (isinstance(st.u, sp.MatrixSymbol) and st.u.cols == 1):
        problems.append(f"{st.u} is not a column MatrixSymbol")
    if getattr(st.form, "shape", None) != (1, 1):
        problems.append(f"the form is {getattr(st.form, 'shape', 'not a matrix')}, not 1 x 1")
    return "; ".join(problems) or None


def decide_positive_form(st: PositiveForm, scope: Scope) -> Verdict:
    why = _form_problems(st)
    if why:
        return Verdict(Status.UNKNOWN, scope, Method(Kind.POSITIVE_DEFINITE), reason=why)
    rng = random.Random(0)
    exprs = (st.form,)
    sizes = size_symbols(exprs)
    values = {s: sp.Integer(next((v for v in size_values(s) if v > 0), 1)) for s in sizes}
    mats = {}
    for m in sorted(st.form.atoms(sp.MatrixSymbol), key=sp.default_sort_key):
        rows, cols = (int(sp.sympify(d).xreplace(values)) for d in m.shape)
        mats[m] = sp.ImmutableMatrix(random_matrix(m, rows, cols, st.facts, rng))
    while all(x == 0 for x in mats[st.u]):  # the form is claimed positive for u != 0 only
        mats[st.u] = sp.ImmutableMatrix(random_matrix(st.u, mats[st.u].rows, 1, MatrixFacts(), rng))
    value = explicit_at(st.form, values, mats)[0, 0]
    if not value > 0:
        return Verdict(Status.REFUTED, scope, Method(Kind.RANDOM_MATRICES_FIXED),
                       counterexample={**{str(m): str(v.tolist()) for m, v in mats.items()}, "form": str(value)})
    matched = _quadratic_form(st.form, st.u)
    # c a finite positive number: oo u^T S u is no real number, so not a positive one.
    if matched is None or not (matched[0].is_number and matched[0].is_finite and matched[0].is_positive):
        return Verdict(Status.UNKNOWN, scope, Method(Kind.POSITIVE_DEFINITE),
                       reason="the form is not c u^T S u with c > 0 a finite number")
    if matched[1] not in st.facts.positive_definite:
        return Verdict(Status.UNKNOWN, scope, Method(Kind.POSITIVE_DEFINITE),
                       reason=f"{matched[1]} is not declared positive definite")
    return Verdict(Status.PROVEN, scope, Method(Kind.POSITIVE_DEFINITE, subject=str(matched[1])))


HANDLERS: dict[type, Callable[[Any, Scope], Verdict]] = {
    MatrixEqual: decide_matrix_equal,
    PositiveForm: decide_positive_form,
}
