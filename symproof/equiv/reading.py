"""Reading `symproof equiv`'s input: the assumptions on one symbol each, and each side as a kind and a value."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.core.facts import InconsistentAssumptions

from ..prover.sums import expand_sum, is_finite_sum
from .verdict import EquivInputError

PARSE_TIMEOUT = 5.0


# ------------------------------------------------------------------------------------------ assumptions

# `x > 0` and the like: a sign assumption on one symbol, which the ladder can use (SymPy reads it off).
SIGN_WORDS: dict[str, str] = {">": "positive", ">=": "nonnegative", "<": "negative", "<=": "nonpositive",
                              "!=": "nonzero", r"\neq": "nonzero", r"\ne": "nonzero", r"\geq": "nonnegative",
                              r"\ge": "nonnegative", r"\leq": "nonpositive", r"\le": "nonpositive"}
# `n integer`, `n \in \mathbb{Z}`: a kind.
KIND_WORDS: dict[str, dict[str, bool]] = {
    "integer": {"integer": True}, "positive": {"positive": True}, "negative": {"negative": True},
    "nonnegative": {"nonnegative": True}, "nonzero": {"nonzero": True}, "natural": {"integer": True,
    "nonnegative": True}, r"\mathbb{Z}": {"integer": True}, r"\mathbb{N}": {"integer": True, "nonnegative": True},
    r"\mathbb{R}": {}, "real": {},
    r"\mathbb{R}_{>0}": {"positive": True}, r"\mathbb{R}^+": {"positive": True}, r"\mathbb{R}_+": {"nonnegative": True},
}
_NAME = r"(?:\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)"
_SIGN = re.compile(rf"\s*({_NAME})\s*(>=|<=|!=|>|<|\\neq|\\ne|\\geq|\\ge|\\leq|\\le)\s*0\s*")
_KIND = re.compile(rf"\s*({_NAME})\s*(?:\\in\s*|:\s*|\s+)(.+?)\s*")


def read_assumptions(assume: Iterable[str | Any]) -> dict[str, dict[str, bool]]:
    """Symbol name -> SymPy assumptions. Only sign and kind statements on one symbol are accepted: a relation
    between symbols would need the ladder to use a domain, which it does not, so it is refused, not ignored."""
    out: dict[str, dict[str, bool]] = {}
    for item in assume:
        if isinstance(item, sp.Rel) and item.rhs == 0 and isinstance(item.lhs, sp.Symbol):
            op = {"!=": "!="}.get(item.rel_op, item.rel_op)
            if op in SIGN_WORDS:
                out.setdefault(item.lhs.name, {})[SIGN_WORDS[op]] = True
                continue
        if not isinstance(item, str):
            raise EquivInputError(f"cannot use the assumption {item!r}: write it as 'x > 0', 'n integer', ...")
        if m := _SIGN.fullmatch(item):
            out.setdefault(_symbol_name(m[1]), {})[SIGN_WORDS[m[2]]] = True
        elif (m := _KIND.fullmatch(item)) and m[2] in KIND_WORDS:
            out.setdefault(_symbol_name(m[1]), {}).update(KIND_WORDS[m[2]])
        else:
            raise EquivInputError(f"cannot read the assumption {item!r}: expected 'x > 0', 'x >= 0', 'x < 0', "
                                  "'x <= 0', 'x != 0', 'n integer', 'n \\in \\mathbb{Z}' ...")
    return out


def _symbol_name(text: str) -> str:
    """The name the parser gives a symbol written `text` (`\\beta` -> beta, `x_{1}` -> x_{1})."""
    from ..answers import parse_answer

    answer = parse_answer(text, timeout=None)
    syms = answer.value.free_symbols if isinstance(answer.value, sp.Basic) else set()
    if answer.kind != "expr" or len(syms) != 1 or not isinstance(answer.value, sp.Symbol):
        raise EquivInputError(f"{text!r} in an assumption is not a symbol")
    return str(next(iter(syms)).name)


_KEPT = ("integer", "positive", "nonnegative", "negative", "nonpositive", "nonzero")


def _entries_as_symbols(v: Any) -> Any:
    r"""Sums with numeric bounds written out, and each entry x[1] then named as the parser names `x_1`: x_{1}.

    A vector's entries are one quantity however written (`x_1` alone, or inside `\sum_{i=1}^{2} x_i`)."""
    v = v.replace(is_finite_sum, expand_sum)
    return v.replace(lambda e: isinstance(e, sp.Indexed) and all(i.is_Integer for i in e.indices),
                     lambda e: sp.Symbol(f"{e.base.label}_{{{','.join(str(i) for i in e.indices)}}}"))


def with_assumptions(values: list[Any], assumptions: Mapping[str, Mapping[str, bool]]) -> tuple[list[Any], list[str]]:
    """Every symbol real unless said otherwise; symbols of the same name on both sides become one symbol.

    Returns the rewritten values and the assumed names no side uses (reported, so that a typo is seen)."""
    from ..answers.aligning import separate_bound_indices

    values = [_entries_as_symbols(separate_bound_indices(v)) if isinstance(v, (sp.Basic, sp.MatrixBase)) else v
              for v in values]
    basics = [v for v in values if isinstance(v, (sp.Basic, sp.MatrixBase))]
    for v in basics:
        implicit = [sym for sym in v.atoms(sp.Symbol) if sym.name.endswith(r"_{\max}")]
        if implicit:  # `check` takes a claim's range; here there is none, and j and k might run over different ones
            raise EquivInputError(f"a sum without bounds (over {implicit[0].name.split('_')[0]}): write its bounds")
    labels = {b.label for v in basics for b in v.atoms(sp.IndexedBase)}
    names: dict[str, list[Any]] = {}
    for v in basics:
        for sym in v.atoms(sp.Symbol) - labels - v.atoms(sp.Dummy):  # a Dummy is an index made fresh
            names.setdefault(sym.name, []).append(sym)
    # Σ_{k=a}^{b} means a and b are integers: a symbol of a bound is one (n = -7/4 is no counterexample to a sum)
    in_bounds = {sym.name for v in basics if isinstance(v, sp.Basic) for s in v.atoms(sp.Sum, sp.Product)
                 for _, lo, hi in s.limits for sym in lo.free_symbols | hi.free_symbols
                 if isinstance(sym, sp.Symbol)}
    mapping: dict[Any, Any] = {}
    for name, syms in names.items():
        kinds = {frozenset((k, v) for k, v in sym.assumptions0.items() if k in _KEPT) for sym in syms}
        if len(kinds) > 1:  # x positive on one side, x real on the other: which one is meant?
            raise EquivInputError(f"the symbol {name} is declared with different assumptions on the two sides")
        base = {k: v for k, v in syms[0].assumptions0.items() if k in _KEPT}
        integer = {"integer": True} if name in in_bounds else {}
        try:
            new = sp.Symbol(name, real=True, **{**base, **integer, **assumptions.get(name, {})})
        except InconsistentAssumptions:  # x > 0 and x < 0: no x to compare at
            facts = ", ".join(sorted(assumptions.get(name, {})))
            raise EquivInputError(f"the assumptions on {name} ({facts}) contradict each other") from None
        for sym in syms:
            if sym != new:
                mapping[sym] = new
    out = [_generic(v.xreplace(mapping)) if isinstance(v, (sp.Basic, sp.MatrixBase)) else v for v in values]
    return out, sorted(set(assumptions) - set(names))


def _generic(v: Any) -> Any:
    """`f(x)` as a generic smooth function (symproof.nn.generic), which the counterexample search realises as a
    random polynomial: f(x) = g(x) is then refuted, not left undecided. The same name and arity, the same f."""
    from sympy.core.function import AppliedUndef

    from ..nn.generic import generic_function

    def realisable(e: Any) -> Any:
        return generic_function(str(e.func), len(e.args))(*e.args)

    return v.replace(lambda e: isinstance(e, AppliedUndef), realisable)


# ----------------------------------------------------------------------------------------------- kinds

@dataclass(frozen=True)
class Side:
    kind: str  # expr, matrix, size, bool, equation, order, interval
    value: Any
    alternative: Side | None = None  # `(1, 2)`: a size, or the open interval when compared with an interval


def as_side(value: Any) -> Side:
    """LaTeX text through the answer parser (bounded size and time); SymPy objects, bools and sizes as they are."""
    from ..answers import AnswerParseError, parse_answer
    from ..answers.parse import interval_parts

    if isinstance(value, str):
        try:
            answer = parse_answer(value, timeout=PARSE_TIMEOUT)
        except AnswerParseError as exc:
            raise EquivInputError(str(exc)) from exc
        kind, got = answer.kind, answer.value
        if kind == "equation":
            got = sp.Tuple(*got)
        if kind == "size" and len(got) == 2 and interval_parts(value) is not None:
            return Side("size", got, Side("interval", (sp.Integer(got[0]), sp.Integer(got[1]), True, True)))
        return _typed(kind, got)
    if isinstance(value, sp.Interval):
        return Side("interval", (value.start, value.end, bool(value.left_open), bool(value.right_open)))
    if isinstance(value, bool):
        return Side("bool", value)
    _exact_numbers(value)
    _no_stray_infinity(value)
    if isinstance(value, tuple) and value and all(isinstance(d, int) for d in value):
        return Side("size", value)
    if isinstance(value, sp.Equality):
        return Side("equation", sp.Tuple(value.lhs, value.rhs))
    if isinstance(value, sp.MatrixBase):
        return Side("matrix", sp.ImmutableMatrix(value))
    if isinstance(value, (int, sp.Expr)):
        return _typed("expr", sp.sympify(value, strict=True))
    raise EquivInputError(f"cannot compare a {type(value).__name__}: give LaTeX text or a SymPy expression")


def _exact_numbers(value: Any) -> Any:
    """SymPy Floats are refused: 0.1 - 1/10 is the Float 0 at 15 digits, which would count as a proof. LaTeX text
    never has them (a decimal is read as the exact number written)."""
    if isinstance(value, (float, sp.Float)) or (isinstance(value, (sp.Basic, sp.MatrixBase)) and value.has(sp.Float)):
        raise EquivInputError("a floating-point number is not exact: give a Rational, or the LaTeX text '0.1'")
    return value


def _finite_part(e: Any) -> Any:
    """`e` without the places where an infinity means something: the bounds of sums, products and integrals, and
    the point of a limit."""
    if isinstance(e, (sp.Sum, sp.Product, sp.Integral)):
        return e.function
    if isinstance(e, sp.Limit):
        return e.args[0]
    return e


def _no_stray_infinity(value: Any) -> None:
    """A SymPy object with oo elsewhere than a bound or a limit's point (x Sigmoid(oo x)) is no function to compare
    pointwise, as in LaTeX (see `answers.parse`); zoo and nan are undefined values."""
    parts = list(value) if isinstance(value, (tuple, sp.MatrixBase)) else [value]
    if isinstance(value, sp.Equality):
        parts = [value.lhs, value.rhs]
    todo = [p for p in parts if isinstance(p, sp.Basic)]
    while todo:
        node = todo.pop()
        if node in (sp.oo, -sp.oo, sp.zoo, sp.nan):
            raise EquivInputError(f"{sp.sstr(node)} in {sp.sstr(value)[:60]} is not a number: it may only bound a sum "
                                  "or be a limit's point")
        inner = _finite_part(node)
        todo.extend(inner.args if inner is node else [inner])


def _typed(kind: str, value: Any) -> Side:
    from ..answers.functions import BigO

    if kind == "expr" and isinstance(value, (sp.Order, BigO)):
        return Side("order", value)
    return Side(kind, value)


KIND_NAMES = {"order": "a big O", "size": "a size", "bool": "a yes/no", "matrix": "a matrix", "expr": "an expression",
              "equation": "an equation", "interval": "an interval", "matexpr": "a matrix expression"}
