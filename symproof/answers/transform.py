"""Lark tree of answer.lark to SymPy: SymPy's own transformer, with this project's notation overriding it."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import sympy
from lark import Token, Tree
from sympy.parsing.latex.lark import TransformToSymPyExpr

from symproof.answers.errors import AnswerParseError
from symproof.answers.functions import BigO, InnerProduct, Sigmoid, Transposed
from symproof.prover.rules import Partial

_SUBSCRIPTED = re.compile(r"(?P<base>.+)_\{(?P<sub>[A-Za-z0-9,+-]+)\}")
_EVALAT = re.compile(r"\\evalat\{(?P<var>[a-zA-Z])\}\{(?P<value>-?[0-9a-zA-Z]+)\}")
_POWERED_FUNCTIONS = {"FUNC_SIN": sympy.sin, "FUNC_COS": sympy.cos, "FUNC_TAN": sympy.tan, "FUNC_TANH": sympy.tanh,
                      "FUNC_SINH": sympy.sinh, "FUNC_COSH": sympy.cosh, "FUNC_LOG": sympy.log, "FUNC_LN": sympy.log}
MATRIX_SIZE = sympy.Symbol("n", integer=True, positive=True)
_TERM = re.compile(r"([+-]?)([A-Za-z]+|\d+)")


class Equation(NamedTuple):
    """`lhs = rhs` kept as written (sympy.Eq would evaluate `1 = 1` to True)."""

    lhs: Any
    rhs: Any


def gradient_name(function: str, point: str) -> str:
    r"""The name of the vector `\nabla f(w_{t})`: the gradient of f at the point named (see check's aliases)."""
    return rf"\nabla {function}({point})"


def implicit_upper_bound(index: sympy.Symbol) -> sympy.Symbol:
    r"""The upper bound given to `\sum_{j}` written without bounds: Symbol `j_{\max}` (its lower bound is 1).

    No student can type this name (`\max` is not a valid subscript), so it never collides with theirs; a
    checker recognises it and substitutes the claim's bound.
    """
    return sympy.Symbol(rf"{index.name}_{{\max}}")


def symbol_name(token: str) -> str:
    r"""Symbol name of a token: `\varphi` -> `phi`, `x_j` -> `x_{j}`, `\beta_{1,2}` -> `beta_{1,2}`."""
    base, _, sub = token.partition("_")
    base = base.removeprefix("\\")
    base = base.removeprefix("var") if len(base) > 3 else base
    if not sub:
        return base
    return f"{base}_{{{sub.strip('{}')}}}"


def subscript_items(sub: str, index: str) -> list[str]:
    """The indices of a subscript: split on commas; inside a sum over `index`, `ij` is also `i,j`."""
    if "," in sub or sub == index or "+" in sub or "-" in sub:
        return sub.split(",")
    if len(index) == 1 and index in sub:
        return list(sub)  # `W_{ij}` in a sum over j can only be W indexed by i and j
    return [sub]


def _index_value(item: str, index: sympy.Symbol) -> sympy.Expr:
    """An index as written: the sum's index, a number, a letter, or a sum of them (`l-1` -> l - 1)."""
    if item == index.name:
        return index
    if "+" in item or "-" in item:
        return sympy.Add(*(sympy.Integer(-1 if sign == "-" else 1) * _index_value(term, index)
                           for sign, term in _TERM.findall(item)))
    return sympy.Integer(item) if item.isdigit() else sympy.Symbol(item)


def _mentions(item: str, index: str) -> bool:
    return item == index or index in (term for _, term in _TERM.findall(item))


def tie_to_index(body: sympy.Expr, index: sympy.Symbol) -> sympy.Expr:
    """`body` with every symbol subscripted by `index` (`x_{j}`, `w_{i,j}`) made `IndexedBase(x)[j]`."""
    mapping = {}
    for sym in body.free_symbols:
        m = _SUBSCRIPTED.fullmatch(sym.name) if isinstance(sym, sympy.Symbol) else None
        if m is None:
            continue
        items = subscript_items(m["sub"], index.name)
        if any(_mentions(it, index.name) for it in items):
            base = sympy.IndexedBase(m["base"])
            mapping[sym] = base[tuple(_index_value(it, index) for it in items)]
    return body.xreplace(mapping)


def _is_matrix(obj: object) -> bool:
    return bool(getattr(obj, "is_Matrix", False))


def _is_token(obj: object, *types: str) -> bool:
    return isinstance(obj, Token) and obj.type in types


def _inner_product(lhs: Any, rhs: Any) -> sympy.Expr | None:
    """`c u^T` followed by a symbol v is c (u^T v): juxtaposition groups to the left, the product of scalars
    commutes, so the transposed factor may sit anywhere in `lhs`. None when `lhs` has no transposed factor."""
    factors = sympy.Mul.make_args(lhs) if isinstance(lhs, sympy.Expr) else ()
    transposed = [f for f in factors if isinstance(f, Transposed)]
    if len(transposed) != 1 or not isinstance(rhs, sympy.Symbol):
        return None
    rest = [f for f in factors if f is not transposed[0]]
    return sympy.Mul(*rest, InnerProduct(transposed[0].args[0], rhs))


def zero_powers(value: Any) -> str | None:
    """Why `value` is refused for a power of 0 (see `zero_power`), or None; read once its symbols have their
    assumptions (check: the claim's; equiv: --assume), since 0^x is 0 for a positive x."""
    parts = list(value) if isinstance(value, (tuple, sympy.MatrixBase)) else [value]
    for part in parts:
        if isinstance(part, sympy.Basic):
            for pw in sorted(part.atoms(sympy.Pow), key=sympy.default_sort_key):
                if why := zero_power(pw.base, pw.exp):
                    return why
    return None


def zero_power(base: Any, exponent: Any) -> str | None:
    """Why `base^exponent` is refused, or None: a base that is 0 with an exponent that may be 0. SymPy takes 0^0 as 1,
    so `x 0^{max(-x, 0)}` would be max(x, 0) only through 0^0 = 1 at every x > 0, and `x / (1 + 0^0)` x/2; an
    analyst's 0^0 is undefined. (x^0 stays 1: the monomial, for every x.)"""
    if not (isinstance(base, sympy.Expr) and base.is_zero is True and isinstance(exponent, sympy.Expr)):
        return None
    if exponent.is_zero is True:
        return "0^0 is undefined (SymPy's convention 0^0 = 1 is not used in an answer)"
    # every symbol of an answer is real (x^2 + 1 is never 0); one with assumptions keeps them (0^x for x > 0 is 0)
    real = {s: sympy.Dummy(s.name, real=True) for s in exponent.free_symbols
            if isinstance(s, sympy.Symbol) and s.is_real is None}
    if exponent.xreplace(real).is_zero is not False:
        return (f"0^{{{sympy.sstr(exponent)}}} is 0^0 where {sympy.sstr(exponent)} = 0 (SymPy's convention 0^0 = 1 is "
                "not used in an answer): write the cases with \\max or |.|")
    return None


class AnswerTransformer(TransformToSymPyExpr):
    """SymPy's transformer for SymPy's LaTeX grammar, adapted to answer.lark (method names are rule names)."""

    def SYMBOL(self, token: Token) -> sympy.Expr:
        # e is Euler's number in this assignment (softmax, sigmoid); a subscripted e_1 stays a symbol
        return sympy.E if token == "e" else sympy.Symbol(str(token))

    def SUBSCRIPTED_SYMBOL(self, token: Token) -> sympy.Symbol:
        return sympy.Symbol(symbol_name(str(token)))

    def MATRIX_SYMBOL(self, token: Token) -> sympy.MatrixSymbol:
        # A capital letter is a square matrix, a small one a column; check gives them the claim's shapes by name
        name = str(token)[len("\\mat{"):-1]
        return sympy.MatrixSymbol(name, MATRIX_SIZE, MATRIX_SIZE if name[0].isupper() else 1)

    def GRADIENT(self, token: Token) -> sympy.MatrixSymbol:
        function, point = re.findall(r"\{([^{}]*(?:\{[^{}]*\})?)\}", str(token))
        return sympy.MatrixSymbol(gradient_name(function, point), MATRIX_SIZE, 1)

    def GREEK_SYMBOL(self, token: Token) -> sympy.Symbol:
        return sympy.Symbol(symbol_name(str(token)))

    def CMD_PI(self, token: Token) -> sympy.Expr:
        return sympy.pi

    def eq(self, tokens: list[Any]) -> Equation:
        return Equation(tokens[0], tokens[2])

    def number(self, tokens: list[Any]) -> sympy.Expr:
        # A decimal is the exact number written: 0.2 is 1/5, not the binary float nearest to it, which exact
        # comparison at 40 digits would tell apart from 1/5.
        return sympy.Rational(str(tokens[0]))

    def adjacent_expressions(self, tokens: list[Any]) -> sympy.Expr:
        lhs, rhs = tokens
        if _is_matrix(lhs) or _is_matrix(rhs):
            return sympy.MatMul(lhs, rhs)
        inner = _inner_product(lhs, rhs)
        return inner if inner is not None else sympy.Mul(lhs, rhs)

    def superscript(self, tokens: list[Any]) -> sympy.Expr:
        base = tokens[0]
        transpose = any(_is_token(t, "CMD_TOP") for t in tokens)
        sup = tokens[2]
        if transpose or sup == sympy.Symbol("T"):
            if isinstance(base, sympy.Symbol):
                return Transposed(base)  # a vector's transpose: only read as the left factor of u^T v
            if not _is_matrix(base):
                raise AnswerParseError(f"transpose of {base}, which is not a matrix written out with bmatrix")
            return sympy.Transpose(base)
        if isinstance(base, sympy.Expr) and base.is_zero and isinstance(sup, sympy.Expr) and sup.is_zero:
            raise AnswerParseError(zero_power(base, sup))  # 0^0 itself, which SymPy makes 1 at once
        return super().superscript(tokens)

    def application(self, tokens: list[Any]) -> sympy.Expr:
        """`f(x)`: an undefined function of that name (`f_{1}`), applied to the arguments."""
        name = symbol_name(str(tokens[0]).removeprefix("\\fn"))
        args = next(t for t in tokens[1:] if not _is_token(t, "L_PAREN", "L_BRACE"))
        return sympy.Function(name)(*(args if isinstance(args, sympy.Basic) else list(args)))

    def fraction(self, tokens: list[Any]) -> sympy.Expr:
        return self._handle_division(tokens[1], tokens[2])

    def bare_arg(self, tokens: list[Any]) -> sympy.Expr:
        return tokens[0] if len(tokens) == 1 else sympy.Pow(tokens[0], tokens[2])

    def exponential(self, tokens: list[Any]) -> sympy.Expr:
        return sympy.exp(tokens[1])

    def log(self, tokens: list[Any]) -> sympy.Expr:
        return sympy.log(tokens[1])

    def log_of_sum(self, tokens: list[Any]) -> sympy.Expr:
        return sympy.log(tokens[1])

    def sigmoid(self, tokens: list[Any]) -> sympy.Expr:
        return Sigmoid(tokens[2])

    def big_o(self, tokens: list[Any]) -> sympy.Expr:
        # Kept as written: sympy.Order simplifies term by term (O(sin r - r) became O(r)); check compares orders
        return BigO(tokens[2])

    def lambert_w(self, tokens: list[Any]) -> sympy.Expr:
        return sympy.LambertW(tokens[2])

    def floor(self, tokens: list[Any]) -> sympy.Expr:
        return sympy.floor(tokens[1] if len(tokens) == 3 else tokens[2])

    def ceiling(self, tokens: list[Any]) -> sympy.Expr:
        return sympy.ceiling(tokens[1] if len(tokens) == 3 else tokens[2])

    def r_operator(self, tokens: list[Any]) -> sympy.Symbol:
        # The claims name R_v{f} as one symbol (the operator applied to a generic f); so does the answer.
        operand, function = (str(t) for t in tokens if isinstance(t, sympy.Symbol))
        return sympy.Symbol(f"R_{operand}{{{function}}}")

    def partial_at(self, tokens: list[Any]) -> sympy.Expr:
        r"""`\partial_{i} f(x)`: the prover's Partial(f, (i,), x), f named as the claims name it (a Symbol)."""
        index = next(t for t in tokens[2:] if isinstance(t, sympy.Expr))
        applied = tokens[-1]
        if len(applied.args) != 1:
            raise AnswerParseError(f"\\partial_{{{index}}} {applied}: a partial derivative at one point x, "
                                   "f(x) with x a vector")
        return Partial(sympy.Symbol(applied.func.__name__), sympy.Tuple(index), applied.args[0])

    def derivative(self, tokens: list[Any]) -> sympy.Expr:
        var = tokens[6]
        if not isinstance(var, sympy.Symbol):
            raise AnswerParseError(f"derivative in {var}, which is not a letter")
        return sympy.Derivative(tokens[-1], var)

    def derivative_of(self, tokens: list[Any]) -> sympy.Expr:
        body, var = (t for t in tokens if isinstance(t, sympy.Basic))
        if not isinstance(var, sympy.Symbol):
            raise AnswerParseError(f"derivative in {var}, which is not a letter")
        return sympy.Derivative(body, var)

    def _evaluated(self, body: Any, at: Token) -> sympy.Expr:
        m = _EVALAT.fullmatch(str(at))
        if m is None:  # the grammar's terminal has this form
            raise AnswerParseError(f"evaluation bar {at} not understood")
        written = m["value"]
        value = sympy.Integer(written) if written.lstrip("-").isdigit() else self.SYMBOL(Token("SYMBOL", written))
        return sympy.Subs(body, sympy.Symbol(m["var"]), value)

    def evaluation(self, tokens: list[Any]) -> sympy.Expr:
        return self._evaluated(tokens[1], tokens[2])

    def evaluated_whole(self, tokens: list[Any]) -> sympy.Expr:
        return self._evaluated(tokens[0], tokens[1])

    def function_power(self, tokens: list[Any]) -> sympy.Expr:
        exponent = next(t for t in tokens[2:-1] if isinstance(t, sympy.Expr))
        if not (exponent.is_Integer and exponent > 0):
            raise AnswerParseError(f"power {exponent} of {tokens[0]}: only a whole number, as in \\cos^2 x")
        return sympy.Pow(_POWERED_FUNCTIONS[tokens[0].type](tokens[-1]), exponent)

    def relu(self, tokens: list[Any]) -> sympy.Expr:
        return sympy.Max(tokens[2], 0)

    def sign(self, tokens: list[Any]) -> sympy.Expr:
        return sympy.sign(tokens[1])

    def sum_bounds(self, tokens: list[Any]) -> tuple[Any, Any, Any]:
        caret = next(i for i, t in enumerate(tokens) if _is_token(t, "CARET"))
        under = next(i for i, t in enumerate(tokens) if _is_token(t, "UNDERSCORE"))
        return tokens[under + 2], tokens[under + 4], tokens[caret + 1]

    def sum_index(self, tokens: list[Any]) -> tuple[Any, Any, Any]:
        index = tokens[2] if len(tokens) == 4 else tokens[1]
        return index, sympy.Integer(1), implicit_upper_bound(index)

    def _bounds(self, bounds: tuple[Any, Any, Any]) -> tuple[sympy.Symbol, Any, Any]:
        index = bounds[0]
        if not isinstance(index, sympy.Symbol):
            raise AnswerParseError(f"summation index {index} is not a letter (e is Euler's number)")
        return index, bounds[1], bounds[2]

    def summation(self, tokens: list[Any]) -> sympy.Expr:
        index, lo, hi = self._bounds(tokens[1])
        return sympy.Sum(tie_to_index(tokens[2], index), (index, lo, hi))

    def product(self, tokens: list[Any]) -> sympy.Expr:
        index, lo, hi = self._bounds(tokens[1])
        return sympy.Product(tie_to_index(tokens[2], index), (index, lo, hi))

    def matrix(self, tokens: list[Any]) -> sympy.ImmutableMatrix:
        rows = [
            [x for x in row.children if not _is_token(x, "MATRIX_COL_DELIM")]
            for row in tokens[1].children
            if isinstance(row, Tree) and row.data == "matrix_row"
        ]
        width = len(rows[0])
        for number, row in enumerate(rows, start=1):
            if len(row) != width:
                entries = "entry" if len(row) == 1 else "entries"
                raise AnswerParseError(f"matrix row {number} has {len(row)} {entries}, {width} expected")
        return sympy.ImmutableMatrix(rows)

    def _ambig(self, alternatives: list[Any]) -> Any:
        distinct: list[Any] = []
        for alt in alternatives:
            if not any(alt == seen for seen in distinct):
                distinct.append(alt)
        if len(distinct) == 1:
            return distinct[0]
        raise AnswerParseError(f"ambiguous: reads as {distinct[0]} or as {distinct[1]}; add parentheses")
