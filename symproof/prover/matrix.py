"""Matrix identities over MatrixSymbols of symbolic size n, decided without choosing n; refuted at chosen sizes.

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
- ``expand``: MatMul distributed over MatAdd and like terms collected, valid always.
- ``scalar transposes``: a 1 x 1 product equals its transpose (x^T A y = y^T A^T x), valid always.

SymPy also cancels X X^{-1} = I as soon as it builds a product; that is an identity only for an invertible X, so
a statement in which some X^{-1} appears is decided only if X is declared invertible (or positive definite).
SymPy's assumptions about MatrixSymbols are not used: it has no symmetric MatrixSymbol, and ``H.T`` is never
replaced by ``H`` unless the fact is declared here.

A counterexample is sought first: each size is set to 2, 3, 1, 0, ... (those its assumptions allow; distinct
sizes take distinct values in turn), each scalar to a value its assumptions allow, each matrix to random exact
rationals that respect its facts (symmetric: B + B^T; positive definite: B^T B + I; invertible: B + (1 + max
row sum) I, strictly diagonally dominant), derivatives (of a 1 x 1 form, a column or a row, in each variable)
are recomputed entrywise from symbolic entries, traces, determinants and entries are evaluated, and both sides
are compared exactly (at 40 and 80 digits where an entry is irrational); a derivative is proven only if it was
recomputed at some size. Facts must be about square MatrixSymbols; a non-integer power, a product or sum that
is not conformable, a derivative inside an expression or with respect to a non-column, and a positive form of
a non-column u are not decided.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .ladder import _scalar_transposes
from .method import Kind, Method
from .points import sample_value
from .remembered import REMEMBERED
from .sums import expand_sum, is_finite_sum
from .verdict import Scope, Status, Verdict


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


# --- the proof: a table of rewrites, each valid under the facts it names ------------------------------------


# SymPy's derivatives, remembered for the process: a Hessian's first step is the gradient of the same statement
# (0.04 s each for the quadratic model of 3.1).
_DERIVATIVES: dict[tuple[Any, Any], Any] = {}
REMEMBERED.append(_DERIVATIVES)


def _matrix_calculus(e: Any, facts: MatrixFacts) -> Any:
    # sp.diff, not Derivative.doit: doit rebuilds the sum before differentiating and fails on f_t I_1 + ...
    if not isinstance(e, sp.Derivative):
        return e
    out = e.expr
    for x, count in e.variable_count:
        for _ in range(int(count)):  # one at a time: diff(e, x, 2) goes through factor_terms, which fails here
            if (out, x) not in _DERIVATIVES:  # an exception is not remembered
                _DERIVATIVES[out, x] = sp.diff(out, x)
            out = _DERIVATIVES[out, x]
    return out


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
    return sp.expand(e) if isinstance(e, sp.MatrixExpr) else e


def _scalars(e: Any, facts: MatrixFacts) -> Any:
    return _scalar_transposes(e)


@dataclass(frozen=True)
class MatrixRule:
    name: str
    needs: str  # the fact the rewrite relies on ("" when it holds for every matrix)
    apply: Callable[[Any, MatrixFacts], Any]


MATRIX_RULES: tuple[MatrixRule, ...] = (
    MatrixRule("matrix calculus", "", _matrix_calculus),
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


# --- the refutation: instantiate n and the matrices -------------------------------------------------------------


def _rational(rng: random.Random) -> sp.Rational:
    q = rng.choice((1, 2, 3, 4))
    return sp.Rational(rng.choice((-1, 1)) * rng.randint(0, 4 * q), q)


def _random_matrix(m: sp.MatrixSymbol, rows: int, cols: int, facts: MatrixFacts, rng: random.Random) -> sp.Matrix:
    b = sp.Matrix(rows, cols, lambda i, j: _rational(rng))
    if facts.positive_definite and m in facts.positive_definite:
        return b.T * b + sp.eye(rows)  # u^T (B^T B + I) u = |B u|^2 + |u|^2 > 0 for u != 0
    if facts.is_symmetric(m):
        b = b + b.T
    if facts.is_invertible(m):
        # Strictly diagonally dominant, hence invertible (Levy-Desplanques), and still symmetric if b was.
        bound = max((sum(abs(x) for x in b.row(i)) for i in range(rows)), default=0)
        b = b + (1 + bound) * sp.eye(rows)
    return b


def _sizes(exprs: tuple[Any, ...]) -> set[Any]:
    out: set[Any] = set()
    for e in exprs:
        if isinstance(e, sp.Basic):
            for m in e.atoms(sp.MatrixSymbol, sp.OneMatrix, sp.Identity, sp.ZeroMatrix):
                for d in m.shape:
                    out |= sp.sympify(d).free_symbols
    return out


def _scalars_of(exprs: tuple[Any, ...], sizes: set[Any]) -> set[Any]:
    out: set[Any] = set()
    for e in exprs:
        if isinstance(e, sp.Basic):
            out |= {s for s in e.free_symbols if isinstance(s, sp.Symbol) and s not in sizes}
    return out


# Sizes tried, in this order: n = 2 first (at n = 1 every product commutes and a wrong order of factors goes
# unseen), then 3, 1, 0 (an empty matrix) and larger ones for sizes whose assumptions exclude these.
SIZE_CANDIDATES = (2, 3, 1, 0, 4, 5, 6, 7, 8, 9)


def _allowed(sym: Any, value: int) -> bool:
    """Does the integer `value` satisfy every assumption declared of `sym` (integer, positive, even, ...)?"""
    return _satisfies(sym, sp.Integer(value))


def _satisfies(sym: Any, value: Any) -> bool:
    return all(getattr(value, f"is_{fact}") is held for fact, held in sym.assumptions0.items() if held is not None)


def scalar_value(sym: Any, rng: random.Random) -> Any:
    """A value of a scalar symbol that satisfies every assumption declared of it (even, odd, ... included: the
    shared sampler reads signs and integrality only); ValueError if none is drawn."""
    for _ in range(30):
        value = sample_value(sym, rng)
        if _satisfies(sym, value):
            return value
    raise ValueError(f"no value satisfying the assumptions of {sym} was drawn")


def size_values(sym: Any) -> list[int]:
    """The sizes `sym` is tried at: those of SIZE_CANDIDATES its assumptions allow."""
    return [v for v in SIZE_CANDIDATES if _allowed(sym, v)]


def _differs(x: Any) -> bool:
    """x != 0, decided exactly for a rational, else at 40 and 80 digits (both must show it): numeric round-off
    never makes a counterexample, and an entry that cannot be evaluated (undefined, symbolic) is none."""
    x = sp.sympify(x)
    if x.is_Rational:
        return bool(x != 0)
    for digits in (40, 80):
        value = sp.N(x, digits)
        if not value.is_number or value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return False
        if not abs(value) > sp.Float(10, digits) ** (12 - digits) * max(1, abs(value)):
            return False
    return True


def _explicit_derivative(expr: Any, x: sp.Matrix, count: int) -> sp.Matrix:
    """d^count expr / dx^count entrywise: the gradient column of a 1 x 1 expr, or SymPy's layout for a column or a
    row y (entry (i, j) = d y_j / d x_i), computed from explicit entries without any matrix calculus. Any other
    shape raises NotImplementedError, which the refuter does not skip: a derivative it cannot recompute is never
    left to SymPy's matrix calculus alone."""
    value = sp.Matrix(expr)
    for _ in range(count):
        # Shapes given explicitly: at n = 0, sp.Matrix([]) is 0 x 0, not the 0 x 1 gradient.
        if value.shape == (1, 1):
            value = sp.Matrix(len(x), 1, [sp.diff(value[0, 0], xi) for xi in x])
        elif value.cols == 1 or value.rows == 1:
            entries = list(value)
            value = sp.Matrix(len(x), len(entries), [sp.diff(y, xi) for xi in x for y in entries])
        else:
            raise NotImplementedError(f"no layout for the derivative of a {value.shape} matrix")
    return value


def _instantiate(e: Any, values: dict[Any, Any], mats: dict[Any, sp.Matrix]) -> sp.Matrix:
    if isinstance(e, sp.Derivative):
        # d/dx then d/dy for Derivative(expr, x, y): SymPy's order, each in the layout of _explicit_derivative.
        inner, variables = e.expr, e.variable_count
        symbols = {x: sp.ImmutableMatrix(mats[x].rows, 1, lambda i, _, k=k: sp.Symbol(f"_x{k}_{i}"))
                   for k, (x, _) in enumerate(variables)}
        d = _instantiate(inner, values, {**mats, **symbols})
        for x, count in variables:
            d = _explicit_derivative(d, symbols[x], int(count))
        return d.xreplace({s: v for x, col in symbols.items() for s, v in zip(col, mats[x], strict=True)})
    sub = e.xreplace(values) if isinstance(e, sp.Basic) else e
    table = {sp.MatrixSymbol(m.name, *[sp.sympify(d).xreplace(values) for d in m.shape]): v for m, v in mats.items()}
    out = _explicit(sub, table)
    out = out if isinstance(out, sp.MatrixBase) else sp.Matrix([[out]])
    # A sum whose bounds the sizes made numbers is written out: it is then compared exactly.
    return out.applyfunc(lambda x: x.replace(is_finite_sum, expand_sum) if isinstance(x, sp.Basic) else x)


def _kron(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    return sp.Matrix(a.rows * b.rows, a.cols * b.cols,
                     lambda i, j: a[i // b.rows, j // b.cols] * b[i % b.rows, j % b.cols])


def _explicit(e: Any, table: dict[Any, Any]) -> Any:
    """e with numeric sizes as an explicit matrix, built bottom-up: indexing an unevaluated product instead
    builds a Sum per entry (0.5 s on a Kronecker chain)."""
    from sympy.matrices.expressions.kronecker import KroneckerProduct

    if isinstance(e, sp.MatrixBase):
        return sp.Matrix(e)
    if isinstance(e, sp.MatrixSymbol):
        return sp.Matrix(table[e])
    if not isinstance(e, sp.MatrixExpr):
        return _explicit_scalar(e, table)
    if isinstance(e, (sp.OneMatrix, sp.Identity, sp.ZeroMatrix)):
        return sp.Matrix(e.as_explicit())
    args = [_explicit(a, table) for a in e.args]
    if isinstance(e, sp.MatAdd):
        total = args[0]
        for a in args[1:]:
            total = total + a
        return total
    if isinstance(e, sp.MatMul):
        product: Any = sp.S.One
        for a in args:
            product = product * a
        return product
    if isinstance(e, sp.Transpose):
        return args[0].T
    if isinstance(e, sp.Inverse):
        return args[0].inv()
    if isinstance(e, sp.MatPow):
        return args[0] ** int(args[1])
    if isinstance(e, KroneckerProduct):
        out = args[0]
        for a in args[1:]:
            out = _kron(out, a)
        return out
    return sp.Matrix(e.xreplace(table).doit())


def _explicit_scalar(e: Any, table: dict[Any, Any]) -> Any:
    """A scalar built from matrices (trace, determinant, an entry), its matrices explicit: left unevaluated, a
    Trace of an explicit matrix compares unequal to a number and a true identity would be refuted."""
    from sympy.matrices.expressions.matexpr import MatrixElement

    if not isinstance(e, sp.Basic) or not e.has(sp.MatrixSymbol, sp.MatrixExpr):
        return e.xreplace(table) if isinstance(e, sp.Basic) else e
    if is_finite_sum(e):  # sum_{j<n} x_j y_j at a numeric n: written out, its entries then have numeric indices
        return _explicit_scalar(expand_sum(e), table)
    if isinstance(e, MatrixElement):
        parent, i, j = _explicit(e.parent, table), e.i, e.j
        if not (i.is_Integer and j.is_Integer and 0 <= i < parent.rows and 0 <= j < parent.cols):
            raise IndexError(f"entry ({i}, {j}) of a {parent.shape} matrix")  # never Python's negative indexing
        return parent[int(i), int(j)]
    args = [_explicit(a, table) for a in e.args]
    if isinstance(e, sp.Trace):
        return args[0].trace()
    if isinstance(e, sp.Determinant):
        return args[0].det()
    if any(isinstance(a, sp.MatrixBase) for a in args):
        raise ValueError(f"no explicit value for {type(e).__name__} of a matrix")
    return e.func(*args)


def matrix_counterexample(lhs: Any, rhs: Any, facts: MatrixFacts, points: int = 4, seed: int = 0,
                          evaluated: list[int] | None = None) -> dict[str, str] | None:
    """A size and matrices (respecting `facts`) where lhs and rhs differ, exactly; None if none was found.

    Sizes and scalars take values their assumptions allow (sample_value, as for scalar statements); a point at
    which a side cannot be built (a negative size n - 2 at n = 1, an entry out of range) is skipped."""
    rng = random.Random(seed)
    exprs = (lhs, rhs)
    sizes = sorted(_sizes(exprs), key=sp.default_sort_key)
    scalars = sorted(_scalars_of(exprs, set(sizes)), key=sp.default_sort_key)
    symbols = sorted({m for e in exprs if isinstance(e, sp.Basic) for m in e.atoms(sp.MatrixSymbol)},
                     key=sp.default_sort_key)
    candidates = {s: size_values(s) for s in sizes}
    for attempt in range(points):
        if any(not c for c in candidates.values()):
            return None  # a size no candidate satisfies: nothing can be sampled
        # Each size its own value in turn (n = m is not assumed): the first three attempts rotate the sizes
        # through their first three candidates (2, 3, 1), later ones reach 0 and larger sizes too.
        values: dict[Any, Any] = {
            s: sp.Integer(candidates[s][(attempt + k) % (len(candidates[s]) if attempt >= 3
                                                         else min(3, len(candidates[s])))])
            for k, s in enumerate(sizes)}
        try:
            values.update({s: scalar_value(s, rng) for s in scalars})
            mats = {}
            for m in symbols:
                rows, cols = (int(sp.sympify(d).xreplace(values)) for d in m.shape)
                if rows < 0 or cols < 0:
                    raise ValueError("a negative size")
                mats[m] = sp.ImmutableMatrix(_random_matrix(m, rows, cols, facts, rng))
            a, b = _instantiate(lhs, values, mats), _instantiate(rhs, values, mats)
        except (ValueError, IndexError, TypeError, ZeroDivisionError,
                sp.matrices.exceptions.NonInvertibleMatrixError):
            continue  # this point is outside the statement's domain, or cannot be evaluated
        if evaluated is not None:
            evaluated.append(attempt)
        shown = {str(k): str(v) for k, v in values.items()}
        if a.shape != b.shape:
            return {"shape": f"{a.shape} and {b.shape}", **shown}
        if any(_differs(x) for x in (a - b)):
            return {**shown, **{str(m): str(v.tolist()) for m, v in mats.items()},
                    "lhs": str(a.tolist()), "rhs": str(b.tolist())}
    return None


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
    # Sizes 2, 3, 1 before the proof: cheap, and a check of SymPy's matrix calculus, which the proof relies on,
    # by entrywise derivatives. n = 0 comes with the later points: every rule holds at n = 0 too.
    evaluated: list[int] = []
    cx = matrix_counterexample(st.lhs, st.rhs, st.facts, points=3, evaluated=evaluated)
    if cx is not None:
        return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
    if not evaluated and any(isinstance(s, sp.Derivative) for s in (st.lhs, st.rhs)):
        # SymPy's matrix calculus is trusted only where the entrywise derivative confirmed it at some size.
        return Verdict(Status.UNKNOWN, scope, Method(Kind.MATRIX_RULES),
                       reason="the derivative could not be recomputed entrywise at any size")
    lhs, rhs = (_matrix_calculus(s, st.facts) for s in (st.lhs, st.rhs))
    zero, used, left = reduce_matrix(lhs - rhs, st.facts)
    derivative = ("matrix calculus",) if st.lhs != lhs or st.rhs != rhs else ()
    rules = tuple(dict.fromkeys(derivative + used)) or ("identical",)
    if zero:
        return Verdict(Status.PROVEN, scope, Method(Kind.MATRIX_RULES, rules))
    cx = matrix_counterexample(st.lhs, st.rhs, st.facts, points=6, seed=1)
    if cx is not None:
        return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
    return Verdict(Status.UNKNOWN, scope, Method(Kind.MATRIX_RULES), reason=f"residual left as {sp.sstr(left)[:160]}")


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
    sizes = _sizes(exprs)
    values = {s: sp.Integer(next((v for v in size_values(s) if v > 0), 1)) for s in sizes}
    mats = {}
    for m in sorted(st.form.atoms(sp.MatrixSymbol), key=sp.default_sort_key):
        rows, cols = (int(sp.sympify(d).xreplace(values)) for d in m.shape)
        mats[m] = sp.ImmutableMatrix(_random_matrix(m, rows, cols, st.facts, rng))
    while all(x == 0 for x in mats[st.u]):  # the form is claimed positive for u != 0 only
        mats[st.u] = sp.ImmutableMatrix(_random_matrix(st.u, mats[st.u].rows, 1, MatrixFacts(), rng))
    value = _instantiate(st.form, values, mats)[0, 0]
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
