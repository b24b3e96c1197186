"""SymPy functions a parsed answer may contain that SymPy lacks: the sigmoid `sigma`."""

from __future__ import annotations

import sympy
from sympy import Expr


class Sigmoid(sympy.Function):
    r"""The logistic sigmoid, printed and named `sigma`; `rewrite_sigmoid` turns it into 1/(1+exp(-z)).

    A named function (rather than the expanded formula) keeps a student's `\sigma(\beta x)` readable in
    error reports; comparison with a claim should first call `rewrite_sigmoid` on both sides.
    """

    nargs = 1

    @classmethod
    def class_key(cls) -> tuple[int, int, str]:
        return 4, 1, "sigma"

    def fdiff(self, argindex: int = 1) -> Expr:
        z = self.args[0]
        return Sigmoid(z) * (1 - Sigmoid(z))

    def _eval_rewrite_as_exp(self, z: Expr, **kwargs: object) -> Expr:
        return 1 / (1 + sympy.exp(-z))

    def _latex(self, printer: sympy.printing.latex.LatexPrinter) -> str:
        return rf"\sigma\left({printer._print(self.args[0])}\right)"

    def _sympystr(self, printer: sympy.printing.str.StrPrinter) -> str:
        return f"sigma({printer._print(self.args[0])})"


def rewrite_sigmoid(expr: Expr) -> Expr:
    """`expr` with every sigmoid written as 1/(1+exp(-z)), nothing else rewritten (unlike `.rewrite(exp)`)."""
    return expr.replace(lambda e: isinstance(e, Sigmoid), lambda e: 1 / (1 + sympy.exp(-e.args[0])))
