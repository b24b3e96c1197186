"""Rewriting rungs for the ladder: large powers, exponential, log/power, trigonometric forms, sign splits, constants.

Each rung is an identity valid under the symbols' assumptions. All but `normalise_powers` are probes: they return
the literal 0 when their rewriting proves the residual zero and the residual unchanged otherwise, so that a failed
probe never changes what the later rungs see (nor the method of a proof that did not need it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from math import lcm
from typing import Any

import sympy as sp

from ..nn.activations import Sigmoid


def _basic(expr: Any) -> bool:
    return isinstance(expr, sp.Expr) and not isinstance(expr, sp.MatrixExpr)


def _zero_after(expr: Any, rewrite: Callable[[Any], Any]) -> Any:
    """0 if `rewrite(expr)` is one fraction whose numerator expands to 0, else `expr` unchanged."""
    rewritten = rewrite(expr)
    joined = sp.together(sp.expand(rewritten, power_exp=True, log=False))
    return sp.S.Zero if sp.expand(sp.fraction(joined)[0]) == 0 else expr


# ------------------------------------------------------------------------------------------ large powers

def normalise_powers(expr: Any) -> Any:
    """b^n with an integer n and b a sum SymPy would print with a leading minus: (-b)^n (-1)^n.

    (-b)^n = (-1)^n b^n for every integer n, so (x - a)^6000 and (a - x)^6000 become the same object, before any
    rung expands a 6000th power.
    """
    if not _basic(expr) or not expr.has(sp.Pow):
        return expr

    def flip(p: sp.Pow) -> Any:
        n = p.exp
        return (-p.base) ** n if n.is_even else -((-p.base) ** n)

    return expr.replace(lambda e: isinstance(e, sp.Pow) and e.exp.is_Integer and abs(e.exp) > 1
                        and e.base.is_Add and e.base.could_extract_minus_sign(), flip)


# ------------------------------------------------------------------------------------- exponential forms

def _exp_of(f: Any) -> Any:
    return f.rewrite(sp.exp)


HYPERBOLIC: tuple[type, ...] = (sp.tanh, sp.sinh, sp.cosh, sp.coth, sp.sech, sp.csch, Sigmoid)


def exponential_forms(expr: Any) -> Any:
    """tanh, sinh, cosh, coth, sech, csch and the sigmoid by their definitions in exp (true for every argument)."""
    if not _basic(expr) or not expr.has(*HYPERBOLIC):
        return expr
    return _zero_after(expr, lambda e: e.replace(lambda f: isinstance(f, HYPERBOLIC), _exp_of))


# ----------------------------------------------------------------------------------------- log and powers

def _positive_power(p: sp.Pow) -> Any:
    # b^e = exp(e log b) for b > 0 and every real e: SymPy's own definition of the power, on its real branch.
    return sp.exp(p.exp * sp.log(p.base))


def log_power_laws(expr: Any) -> Any:
    """Powers with a provably positive base and a non-integer exponent written as exp(e log b); then
    log(ab) = log a + log b and log(a^k) = k log a only where SymPy knows a, b > 0 (expand_log without force).

    So x^(log y) = y^(log x) for positive x, y: both are exp(log x log y). A base not known positive is left alone.
    """
    if not _basic(expr) or not expr.has(sp.Pow, sp.log, sp.exp):
        return expr

    def rewrite(e: Any) -> Any:
        e = e.replace(lambda p: isinstance(p, sp.Pow) and p.base.is_positive is True and not p.exp.is_Integer
                      and p.exp.free_symbols, _positive_power)
        return sp.expand_log(e, force=False)

    return _zero_after(expr, rewrite)


# --------------------------------------------------------------------------------------- trigonometry

TRIG: tuple[type, ...] = (sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc)


def trigonometric_forms(expr: Any) -> Any:
    """Trigonometric functions as rational functions of z = e^{iy}: exact, and so true for every real argument.

    Each symbol x in a trigonometric argument is first written x = L y, with L the least common multiple of the
    denominators of its coefficients there (x -> L y is a bijection of the reals), so that half angles x/2 become
    whole multiples of y; then sin, cos, tan ... are written with exp(i k y) = z^k and the residual is put over
    one denominator. A residual zero as a rational function of z (and the other symbols) is zero at z = e^{iy}.
    """
    if not _basic(expr) or not expr.has(*TRIG):
        return expr
    args = [f.args[0] for f in expr.atoms(*TRIG)]
    symbols = sorted(set().union(*(a.free_symbols for a in args)), key=sp.default_sort_key)
    if not set(symbols) <= expr.free_symbols:
        return expr  # a summation index in an argument: x -> L y would rename a bound variable
    scale: dict[Any, Any] = {}
    for s in symbols:
        if not s.is_real:
            return expr
        coeffs = [sp.expand(a).coeff(s) for a in args]
        if not all(c.is_Rational for c in coeffs):
            return expr
        scale[s] = sp.Dummy(f"{s.name}_y", real=True), reduce(lcm, (int(c.q) for c in coeffs), 1)
    substituted = expr.xreplace({s: m * y for s, (y, m) in scale.items()})
    zs = {y: sp.Dummy(f"z_{s.name}") for s, (y, _) in scale.items()}

    def to_z(e: Any) -> Any:
        e = sp.expand(e.rewrite(list(TRIG), sp.exp), power_exp=True, log=False)

        def power_of_z(f: Any) -> Any:
            arg = sp.expand(f.args[0])
            out = sp.S.One
            rest = arg
            for y, z in zs.items():
                k = sp.expand(arg.coeff(y) / sp.I)
                if k.is_Integer and k != 0:
                    out *= z ** int(k)
                    rest -= k * sp.I * y
            return out * sp.exp(rest) if out != 1 else f

        return e.replace(lambda f: isinstance(f, sp.exp), power_of_z)

    return expr if _zero_after(substituted, to_z) != 0 else sp.S.Zero


# -------------------------------------------------------------------------------------------- sign split

MAX_SPLIT_DEPTH = 3


def _critical(expr: Any) -> list[Any]:
    """Expressions whose sign decides a kink: |g|, sign(g), Heaviside(g), max/min (differences), conditions."""
    out: list[Any] = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Abs, sp.sign, sp.Heaviside)):
            out.append(node.args[0])
        elif isinstance(node, (sp.Max, sp.Min)):
            out.extend(a - b for i, a in enumerate(node.args) for b in node.args[i + 1:])
        elif isinstance(node, sp.Piecewise):
            for _, cond in node.args:
                out.extend(r.lhs - r.rhs for r in sp.preorder_traversal(cond) if isinstance(r, sp.Rel))
    return out


def _pivot(g: Any) -> tuple[Any, Any] | None:
    """(s, c): a real symbol or vector entry s with g = c s + rest, c a real nonzero number and rest provably real
    (so g is real), else None."""
    for s in sorted(g.free_symbols, key=sp.default_sort_key):
        if not (isinstance(s, (sp.Symbol, sp.Indexed)) and s.is_real):
            continue
        poly = sp.Poly(sp.expand(g), s) if sp.expand(g).is_polynomial(s) else None
        if poly is not None and poly.degree() == 1:
            c = poly.coeff_monomial(s)
            # g must be real for its sign to split the domain: a complex rest (sqrt(y) for y < 0) would leave
            # points where g is neither > 0, < 0 nor = 0, and |g| = g sign(g) would be "proven" there.
            if c.is_number and c.is_real and c.is_nonzero and sp.expand(g - c * s).is_real:
                return s, c
    return None


def _regions(g: Any, s: Any, c: Any) -> list[tuple[str, dict[Any, Any]]]:
    """g > 0, g < 0, g = 0 as substitutions s -> (t - rest) / c with t > 0, t < 0, t = 0: each a bijection onto
    its region, and together every point of the domain (trichotomy of the real g)."""
    rest = sp.expand(g - c * s)
    pos = sp.Dummy(f"{s}_pos", positive=True)
    neg = sp.Dummy(f"{s}_neg", negative=True)
    return [(f"{sp.sstr(g)} > 0", {s: (pos - rest) / c}), (f"{sp.sstr(g)} < 0", {s: (neg - rest) / c}),
            (f"{sp.sstr(g)} = 0", {s: -rest / c})]


def _leaf_zero(expr: Any) -> bool:
    from .ladder import LADDER, reduce_to_zero

    rungs = tuple(r for r in LADDER if r.name not in {"sign split", "closed-form sums", "simplify"})
    return reduce_to_zero(expr, rungs).zero


def _bound(expr: Any) -> set[Any]:
    """Symbols bound somewhere in `expr`: summation, product and integration indices, limit and derivative
    variables (and any symbol that occurs but is not free)."""
    out: set[Any] = set(expr.atoms(sp.Symbol)) - expr.free_symbols
    for node in expr.atoms(sp.Sum, sp.Product, sp.Integral, sp.Subs, sp.Derivative):
        out |= set(node.variables)
    for lim in expr.atoms(sp.Limit):
        out.add(lim.args[1])
    return out


def _split_zero(expr: Any, depth: int) -> bool:
    expr = expr.rewrite(sp.Piecewise) if expr.has(sp.Max, sp.Min) else expr
    expr = sp.piecewise_fold(expr) if expr.has(sp.Piecewise) else expr
    # An argument that mentions a summation index (|x_k| inside a sum over k) has a sign per term, not one sign:
    # substituting for x[k] would set every term alike and "prove" sum |x_k| = |sum x_k|.
    bound = _bound(expr)
    undecided = [g for g in _critical(expr) if g.free_symbols and not g.free_symbols & bound
                 and g.is_positive is None and g.is_negative is None and g.is_zero is None]
    if not undecided:
        return _leaf_zero(expr)
    if depth >= MAX_SPLIT_DEPTH:
        return False
    for g in undecided:
        pivot = _pivot(g)
        if pivot is not None:
            return all(_split_zero(expr.xreplace(subs), depth + 1) for _, subs in _regions(g, *pivot))
    return False


def sign_split(expr: Any) -> Any:
    """Split the domain by the sign of each argument of |.|, max, min, sign, Heaviside and each Piecewise
    condition (g > 0, g < 0, g = 0), up to MAX_SPLIT_DEPTH levels; 0 if the residual is 0 in every region.

    Each region is reached by a substitution that is a bijection onto it (see `_regions`), so the regions cover
    the whole domain by trichotomy and no cover needs proving. Heaviside(0) keeps SymPy's value 1/2, the value the
    expression itself has there.
    """
    if not _basic(expr) or not expr.has(sp.Abs, sp.Max, sp.Min, sp.sign, sp.Heaviside, sp.Piecewise):
        return expr
    return sp.S.Zero if _split_zero(expr, 0) else expr


# ------------------------------------------------------------------------------------------- products

def _canonical_products(expr: Any) -> Any:
    """Every bound product index renamed to an integer symbol fixed by its nesting depth, so that products
    written with differently named (or differently assumed) indices are one object, as canonical sums are."""
    from .sums import canonical_indices

    return canonical_indices(expr, sp.Product, "_p")


def canonical_products(expr: Any) -> Any:
    """0 if the residual vanishes once its products' indices are canonical (a renaming of bound variables)."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Product):
        return expr
    return _zero_after(expr, _canonical_products)


# -------------------------------------------------------------------------------------------- constants

def constant_zero(expr: Any) -> Any:
    """A residual without symbols proven 0 by its minimal polynomial being x (exact algebra, for algebraic
    numbers); a transcendental or undecidable constant is left alone."""
    if not _basic(expr) or expr.free_symbols or not expr.is_number or expr.has(sp.Sum, sp.Integral, sp.Limit):
        return expr
    x = sp.Dummy("x")
    try:
        poly = sp.minimal_polynomial(expr, x)
    except (sp.polys.polyerrors.NotAlgebraic, NotImplementedError, sp.polys.polyerrors.PolynomialError):
        return expr
    return sp.S.Zero if sp.expand(poly - x) == 0 else expr


CONSTANT_DIGITS = (30, 60, 120, 240, 480, 960)
UNCERTIFIED: tuple[type, ...] = (sp.Sum, sp.Product, sp.Integral, sp.Limit, sp.Derivative)


def constant_differs(expr: Any) -> str | None:
    """The value of a constant residual when evaluation at rising precision shows it is not 0, else None.

    ``evalf(strict=True)`` either returns every requested digit correct or raises, so a result whose magnitude
    is above 10^-digits and whose digits are certified is a nonzero number: a refutation, not a tolerance.
    The bound is CONSTANT_DIGITS[-1] digits.
    """
    # evalf's digits of a sum, product, integral or limit come from heuristics (Euler-Maclaurin, quadrature error
    # estimates), not certified arithmetic, even with strict=True: Sum(sin(k)/k, (k, 1, oo)) evaluates to -8.
    if not _basic(expr) or expr.free_symbols or not expr.is_number or expr.has(*UNCERTIFIED):
        return None
    for digits in CONSTANT_DIGITS:
        try:
            value = expr.evalf(digits, strict=True)
        except Exception:  # PrecisionExhausted (a zero, or too close to one at this precision): go higher
            continue
        if (value.is_Float and value != 0) or (value.is_number and value.is_real is False):
            try:  # confirmed at twice the digits: the same number to 15 digits
                again = expr.evalf(2 * digits, strict=True)
            except Exception:
                continue
            if sp.Abs(again - value) <= sp.Abs(value) * sp.Float(10) ** -15:
                return sp.sstr(again.evalf(15))
    return None


_FLIPPED = {"<": ">", "<=": ">="}


def _as_sign_condition(relation: Any) -> tuple[Any, str] | None:
    """(e, op) with the relation saying e op 0, op one of >, >=, ==, != (a < b is b - a > 0)."""
    if not isinstance(relation, sp.core.relational.Relational):
        return None
    op = relation.rel_op
    if op in _FLIPPED:
        return relation.rhs - relation.lhs, _FLIPPED[op]
    return relation.lhs - relation.rhs, op


def scaled_relations(relation: Any) -> Any:
    """Equivalent(e op 0, c e op 0) is true when c is positive under the symbols' assumptions (e and c e have the
    same sign everywhere): c is read off as the cancelled quotient of the two sides and checked to give back
    the second side exactly. Anything else is left as it is."""
    if not (isinstance(relation, sp.Equivalent) and len(relation.args) == 2):
        return relation
    first, second = (_as_sign_condition(a) for a in relation.args)
    if first is None or second is None or first[1] != second[1] or first[0] == 0:
        return relation
    factor = sp.cancel(second[0] / first[0])
    if factor.is_positive is True and sp.expand(factor * first[0] - second[0]) == 0:
        return sp.true
    return relation


# ------------------------------------------------------------------------------------------ polynomials

_POLYNOMIAL_NODES = (sp.Add, sp.Mul, sp.MatAdd, sp.MatMul)


def is_polynomial(expr: Any) -> bool:
    """Is `expr` a polynomial with rational coefficients in symbols, matrix symbols and their transposes (sums,
    products, powers to integers >= 0; a matrix power only of a matrix symbol), a symbol also to a negative
    integer (a Laurent polynomial: monomial denominators)? Such a residual is 0 (where defined) iff it expands to
    0: one fraction and a gcd (the together and cancel rungs) add nothing for it but their cost."""
    if isinstance(expr, (sp.Symbol, sp.MatrixSymbol)) or (isinstance(expr, sp.Expr) and expr.is_Rational):
        return True
    if isinstance(expr, sp.Transpose):
        return isinstance(expr.arg, sp.MatrixSymbol)
    if isinstance(expr, (sp.Pow, sp.MatPow)):
        base, exp = expr.args
        if isinstance(expr, sp.MatPow) and not isinstance(base, sp.MatrixSymbol):
            return False
        if isinstance(base, sp.Symbol) and exp.is_Integer:
            return True
        return bool(exp.is_Integer and exp >= 0) and is_polynomial(base)
    return isinstance(expr, _POLYNOMIAL_NODES) and all(is_polynomial(a) for a in expr.args)
