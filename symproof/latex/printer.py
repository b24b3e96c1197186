"""The one LatexPrinter subclass of symproof: the assignment's notation (sigma, ReLU, w_{i,j}, bold vectors)."""

from __future__ import annotations

from typing import Any, ClassVar

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE

# Names the assignment sets in bold when they stand for a vector or a matrix (\boldsymbol{w}, \boldsymbol{H}).
BOLD_NAMES = frozenset({"x", "v", "w", "H", "a", "z"})


class SymproofLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the notation of IFT6135 homework 2; options live in `_default_settings`."""

    _default_settings: ClassVar[dict[str, Any]] = {
        **LatexPrinter._default_settings,
        "mat_str": "bmatrix",
        "mat_delim": "",
        # max(0, z) is printed as ReLU(z): the assignment's name for it, and the one the construction uses.
        "relu": True,
        # Matrix symbols whose name is here print bold whatever their shape; column/row vectors always do.
        "bold_names": BOLD_NAMES,
        # Plain Symbols that stand for vectors in a claim (a claim may model w as one Symbol): printed bold.
        "vector_symbols": frozenset(),
        # Exact subexpressions printed as a short name (a claim's notes["latex"]["names"]): {expr: LaTeX}. The
        # name replaces that very object only, so what is printed is still the statement, abbreviated.
        "names": {},
        # x - alpha, N - 4, x_i - m - log(...): a sum is printed with its positive terms first, in SymPy's order
        # otherwise (SymPy puts -alpha before x), as a person writes it.
        "natural_order": True,
        # Integers of five digits or more in groups of three (284\,682 in French, 284{,}682 in English); "" keeps
        # them whole.
        "digit_group": "",
        # The words of a piecewise function's conditions, in the document's language.
        "piecewise_words": ("for", "otherwise"),
    }

    def _print_Piecewise(self, expr: Any) -> str:
        tex = str(super()._print_Piecewise(expr))
        when, otherwise = self._settings["piecewise_words"]
        return tex.replace(r"\text{for}", rf"\text{{{when}}}").replace(r"\text{otherwise}", rf"\text{{{otherwise}}}")

    def _as_ordered_terms(self, expr: Any, order: Any = None) -> list[Any]:
        terms = super()._as_ordered_terms(expr, order=order)
        if self._settings["natural_order"] and isinstance(expr, sp.Add):
            terms = sorted(terms, key=lambda term: bool(term.could_extract_minus_sign()))  # stable: order kept
        return list(terms)

    def _print_MatMul(self, expr: Any) -> str:
        # SymPy writes (1/2) H w with the fraction in parentheses; a person writes \frac{1}{2} H w.
        coeff, mats = expr.as_coeff_matrices()
        if not (coeff.is_Rational and coeff != 1 and mats):
            return str(super()._print_MatMul(expr))
        body = (self._print(sp.MatMul(*mats)) if len(mats) > 1
                else self.parenthesize(mats[0], PRECEDENCE["Mul"]))
        sign = "- " if coeff < 0 else ""
        return f"{sign}{body}" if abs(coeff) == 1 else f"{sign}{self._print(abs(coeff))} {body}"

    def _print_Integer(self, expr: Any) -> str:
        sep = self._settings["digit_group"]
        digits = str(abs(int(expr)))
        if not sep or len(digits) < 5:
            return str(expr)
        groups = [digits[max(0, i - 3):i] for i in range(len(digits), 0, -3)][::-1]
        return ("-" if expr < 0 else "") + sep.join(groups)

    def _print(self, expr: Any, **kwargs: Any) -> str:
        names = self._settings["names"]
        if names:
            try:
                tex = names.get(expr)
            except TypeError:  # a mutable Matrix is unhashable: never a name
                tex = None
            if tex is not None:
                return str(tex)
        return super()._print(expr, **kwargs)

    def _print_Sigmoid(self, expr: Any, exp: str | None = None) -> str:
        tex = rf"\sigma\left({self._print(expr.args[0])}\right)"
        return rf"{tex}^{{{exp}}}" if exp else tex

    def _print_Max(self, expr: Any, exp: str | None = None) -> str:
        others = [a for a in expr.args if a != 0]
        if self._settings["relu"] and len(expr.args) == 2 and len(others) == 1:
            tex = rf"\operatorname{{ReLU}}\left({self._print(others[0])}\right)"
            return rf"{tex}^{{{exp}}}" if exp else tex
        return super()._print_Max(expr, exp)

    def _print_Indexed(self, expr: Any) -> str:
        # Indices as written in the claim, zero-based, comma-separated: w_{0,1}, never shifted to w_{1,2}.
        base = self._print(expr.base.label)
        indices = ",".join(self._print(i) for i in expr.indices)
        return f"{base}_{{{indices}}}"

    def _print_MatrixSymbol(self, expr: Any) -> str:
        name = self._print(sp.Symbol(expr.name))
        rows, cols = expr.shape
        if rows == 1 or cols == 1 or expr.name in self._settings["bold_names"]:
            return rf"\boldsymbol{{{name}}}"
        return name

    def _print_Partial(self, expr: Any, exp: str | None = None) -> str:
        """Partial(f, (i, j), x) of symproof.prover.rules: the partial d_i d_j f at x."""
        name, index, x = expr.args
        ops = "".join(rf"\partial_{{{self._print(k)}}} " for k in index)
        tex = rf"{ops}{self._print(name)}\left({self._print(x)}\right)"
        return rf"\left({tex}\right)^{{{exp}}}" if exp else tex

    def _print_BigO(self, expr: Any, exp: str | None = None) -> str:
        tex = rf"O\left({self._print(expr.args[0])}\right)"
        return rf"{tex}^{{{exp}}}" if exp else tex

    def _print_Symbol(self, expr: Any, style: str = "plain") -> str:
        tex = super()._print_Symbol(expr, style)
        if expr.name in self._settings["vector_symbols"]:
            return rf"\boldsymbol{{{tex}}}"
        return tex


def latex(expr: Any, **settings: Any) -> str:
    """LaTeX for a SymPy object in the assignment's notation; settings as in `SymproofLatexPrinter`."""
    return SymproofLatexPrinter(settings).doprint(expr)
