"""Generic smooth functions of n variables whose partial derivatives are again generic functions, f_12 = f_21.

SymPy differentiates an undefined ``f(w1 + r v1, w2 + r v2)`` into ``Subs`` objects, and setting r = 0 then
leaves dummies such as ``_r*v1 + w1`` behind (SymPy issue #29714), so true claims about f(w + r v) fail.
Here every partial derivative is a named function class of its own (f, f_1, f_12, f_112, ...), created once
per sorted tuple of indices, so the chain rule yields f_1(w1 + r v1, ...) v1 with no Subs, mixed partials
are the same object whatever the order of differentiation, and ``series`` expands f(w + r v) in r.

For counterexample search, ``realise`` maps a whole family to one random polynomial (degree 4, so third and
fourth derivatives do not vanish) and each partial to the matching partial of that polynomial.
"""

from __future__ import annotations

import functools
import random
from itertools import combinations_with_replacement
from typing import Any, ClassVar

import sympy as sp

DEGREE = 4

_FAMILIES: dict[tuple[str, int, tuple[int, ...]], type[GenericFunction]] = {}


class GenericFunction(sp.Function):
    """An applied partial derivative d^index f / dw_index of a generic smooth function f of `arity` variables."""

    family: ClassVar[str] = ""
    arity: ClassVar[int] = 0
    index: ClassVar[tuple[int, ...]] = ()

    def fdiff(self, argindex: int = 1) -> Any:
        return partial(type(self), argindex)(*self.args)

    def realise(self, rng: random.Random, chosen: dict[Any, Any]) -> Any:
        """This partial of the family's random polynomial, at this application's arguments.

        The polynomial is stored in `chosen` under ``f(x_1, ..., x_n)`` so that every partial of the family
        (and the lhs and rhs of one statement) use the same one, and a counterexample shows it.
        """
        base = generic_function(self.family, self.arity)
        xs = sp.symbols(f"x_1:{self.arity + 1}", real=True)
        key = base(*xs)
        if key not in chosen:
            chosen[key] = random_polynomial(xs, rng)
        return compose(_partial_of(chosen[key], xs, self.index), xs, self.args)


@functools.lru_cache(maxsize=4096)
def _partial_of(poly: Any, xs: tuple[Any, ...], index: tuple[int, ...]) -> Any:
    """d^index poly / dx_index, remembered: one statement meets the same partial of its polynomial many times."""
    if not index:
        return poly
    p = sp.Poly(poly, *xs)  # polynomial arithmetic: SymPy's general diff took 20 ms a partial here
    for k in index:
        p = p.diff(xs[k - 1])
    return p.as_expr()


def generic_function(name: str, arity: int, index: tuple[int, ...] = ()) -> type[GenericFunction]:
    """The class of d^index f / dw_index for the family `name` of `arity` variables (index in 1..arity).

    The same (name, arity, sorted index) always gives the same class, so f_12 and f_21 are one object.
    """
    if arity < 1:
        raise ValueError(f"a generic function needs at least one variable, got arity {arity}")
    if any(not 1 <= k <= arity for k in index):
        raise ValueError(f"partial indices must lie in 1..{arity}, got {index}")
    key = (name, arity, tuple(sorted(index)))
    if key not in _FAMILIES:
        label = name if not index else f"{name}_{''.join(str(k) for k in key[2])}"
        attrs = {"family": name, "arity": arity, "index": key[2], "nargs": arity, "__module__": __name__}
        _FAMILIES[key] = type(label, (GenericFunction,), attrs)
    return _FAMILIES[key]


def partial(cls: type[GenericFunction], argindex: int) -> type[GenericFunction]:
    """The class of the partial derivative of `cls` with respect to its argument number `argindex` (1-based)."""
    return generic_function(cls.family, cls.arity, (*cls.index, argindex))


def gradient(name: str, point: tuple[Any, ...]) -> sp.Matrix:
    """grad f at `point`, as a column of generic first partials f_1, ..., f_n."""
    n = len(point)
    return sp.Matrix([generic_function(name, n, (i,))(*point) for i in range(1, n + 1)])


def hessian(name: str, point: tuple[Any, ...]) -> sp.Matrix:
    """The Hessian of f at `point`: symmetric by construction, since f_ij and f_ji are one class."""
    n = len(point)
    return sp.Matrix(n, n, lambda i, j: generic_function(name, n, (i + 1, j + 1))(*point))


@functools.lru_cache(maxsize=4096)
def compose(poly: Any, xs: tuple[Any, ...], args: tuple[Any, ...]) -> Any:
    """poly(args), expanded: in polynomial-ring arithmetic when the args are rational polynomials (w + r v at a
    sample point), which is much faster than ``expand``; otherwise by substitution."""
    if all(sp.sympify(a).is_Rational for a in args):
        return poly.xreplace(dict(zip(xs, args, strict=True)))
    syms = sorted(set().union(*(sp.sympify(a).free_symbols for a in args)), key=sp.default_sort_key)
    try:
        ring, *_ = sp.ring(syms, sp.QQ)
        values = [ring(sp.sympify(a)) for a in args]
    except (sp.CoercionFailed, sp.PolynomialError, TypeError, ValueError):
        return sp.expand(poly.xreplace(dict(zip(xs, args, strict=True))))
    total = ring.zero
    for powers, coeff in sp.Poly(poly, *xs).terms():
        term = ring(coeff)
        for value, power in zip(values, powers, strict=True):
            term *= value**power
        total += term
    return total.as_expr()


def random_polynomial(xs: tuple[Any, ...], rng: random.Random, degree: int = DEGREE) -> Any:
    """A polynomial with random non-zero integer coefficients in [-3, 3].

    Every monomial of top degree is present, so all derivatives up to `degree` are non-zero polynomials and a
    wrong claim about third or fourth derivatives cannot survive by luck; lower monomials are kept at random.
    """
    terms = []
    for d in range(degree + 1):
        for mono in combinations_with_replacement(xs, d):
            if d < degree and rng.random() < 0.6:
                continue  # sparse below the top degree: cheaper to evaluate, still generic
            c = rng.choice((-3, -2, -1, 1, 2, 3))
            terms.append(c * sp.Mul(*mono))
    return sp.Add(*terms)
