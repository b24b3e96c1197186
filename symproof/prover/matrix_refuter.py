"""The matrix refuter: sizes, scalars and matrices instantiated at random (respecting the facts), compared exactly.

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

import random
from typing import Any

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

from .matrix_rules import MatrixFacts
from .points import sample_value
from .sums import expand_sum, is_finite_sum

# --- the refutation: instantiate n and the matrices -------------------------------------------------------------


def _rational(rng: random.Random) -> sp.Rational:
    q = rng.choice((1, 2, 3, 4))
    return sp.Rational(rng.choice((-1, 1)) * rng.randint(0, 4 * q), q)


def random_matrix(m: sp.MatrixSymbol, rows: int, cols: int, facts: MatrixFacts, rng: random.Random) -> sp.Matrix:
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


def size_symbols(exprs: tuple[Any, ...]) -> set[Any]:
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


def _partials(y: Any, x: sp.Matrix) -> list[Any]:
    """[dy/dx_1, ..., dy/dx_n] exactly: by polynomial arithmetic when y is a polynomial in the entries of x (a
    quadratic form is, and SymPy's diff of its unexpanded entries cost three times as much), else by diff."""
    xs = list(x)
    if xs and isinstance(y, sp.Expr) and y.has(*xs):
        try:
            p = sp.Poly(y, *xs)
        except BasePolynomialError:  # exp(x_1), 1 / x_1, ...: not a polynomial in the entries
            pass
        else:
            if p.domain.is_Exact:  # not over RR: a Float coefficient would be rounded to 53 bits
                return [p.diff(xi).as_expr() for xi in xs]
    return [sp.diff(y, xi) for xi in xs]


def _explicit_derivative(expr: Any, x: sp.Matrix, count: int) -> sp.Matrix:
    """d^count expr / dx^count entrywise: the gradient column of a 1 x 1 expr, or SymPy's layout for a column or a
    row y (entry (i, j) = d y_j / d x_i), computed from explicit entries without any matrix calculus. Any other
    shape raises NotImplementedError, which the refuter does not skip: a derivative it cannot recompute is never
    left to SymPy's matrix calculus alone."""
    value = sp.Matrix(expr)
    for _ in range(count):
        # Shapes given explicitly: at n = 0, sp.Matrix([]) is 0 x 0, not the 0 x 1 gradient.
        if value.shape == (1, 1):
            value = sp.Matrix(len(x), 1, _partials(value[0, 0], x))
        elif value.cols == 1 or value.rows == 1:
            columns = [_partials(y, x) for y in value]  # columns[j][i] = d y_j / d x_i
            value = sp.Matrix(len(x), len(columns), [col[i] for i in range(len(x)) for col in columns])
        else:
            raise NotImplementedError(f"no layout for the derivative of a {value.shape} matrix")
    return value


def explicit_at(e: Any, values: dict[Any, Any], mats: dict[Any, sp.Matrix]) -> sp.Matrix:
    if isinstance(e, sp.Derivative):
        # d/dx then d/dy for Derivative(expr, x, y): SymPy's order, each in the layout of _explicit_derivative.
        inner, variables = e.expr, e.variable_count
        symbols = {x: sp.ImmutableMatrix(mats[x].rows, 1, lambda i, _, k=k: sp.Symbol(f"_x{k}_{i}"))
                   for k, (x, _) in enumerate(variables)}
        d = explicit_at(inner, values, {**mats, **symbols})
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
    sizes = sorted(size_symbols(exprs), key=sp.default_sort_key)
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
                mats[m] = sp.ImmutableMatrix(random_matrix(m, rows, cols, facts, rng))
            a, b = explicit_at(lhs, values, mats), explicit_at(rhs, values, mats)
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
