"""Objects a parsed answer may contain beyond SymPy's own: the claims' sigmoid, inner products u^T v, big O."""

from __future__ import annotations

from typing import Any

import sympy
from sympy import Expr

from symproof.nn.activations import Sigmoid

__all__ = ["BigO", "InnerProduct", "Sigmoid", "Transposed", "rewrite_sigmoid"]


def rewrite_sigmoid(expr: Expr) -> Expr:
    """`expr` with every sigmoid written as 1/(1+exp(-z)), nothing else rewritten (unlike `.rewrite(exp)`)."""
    return expr.replace(lambda e: isinstance(e, Sigmoid), lambda e: 1 / (1 + sympy.exp(-e.args[0])))


class Transposed(sympy.Function):
    r"""`u^T` for a symbol u, which only makes sense as the left factor of an inner product `u^T v`.

    The parser turns `u^T v` into InnerProduct(u, v); a Transposed left over afterwards is an error.
    """

    nargs = 1

    @classmethod
    def eval(cls, u: Any) -> None:
        return None


class InnerProduct(sympy.Function):
    r"""`u^T v` for two vectors named by symbols (`\boldsymbol{w}_k^T \boldsymbol{x}`), kept unevaluated.

    The answer does not say the vectors' length or how their entries are indexed: `check` replaces it with the
    claim's own sum over entries (see `symproof.answers.aligning`).
    """

    nargs = 2

    @classmethod
    def eval(cls, u: Any, v: Any) -> Any:
        # real vectors (every symbol is real): u^T v = v^T u, so one order, and the two are one object
        if sympy.default_sort_key(v) < sympy.default_sort_key(u):
            return cls(v, u)
        return None

    def _sympystr(self, printer: Any) -> str:
        return f"{printer._print(self.args[0])}^T {printer._print(self.args[1])}"


class BigO(sympy.Function):
    r"""`O(g)` as written, g kept unsimplified: `check` compares the leading order of g's series at 0 with the
    claim's (sympy.Order works term by term, and read O(\sin r - r) as O(r))."""

    nargs = 1

    @classmethod
    def eval(cls, g: Any) -> None:
        return None
