"""`symproof equiv`: are two expressions (LaTeX or SymPy) equal under stated assumptions, and if not, where not?"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from .prover.budget import Crashed, Finished, run_one
from .prover.engine import DEFAULT_TIMEOUT, decide
from .prover.ladder import expand_sum, is_finite_sum
from .prover.method import Kind, Method
from .prover.sampling import find_counterexample, random_points, sample_value
from .prover.statements import Equal
from .prover.verdict import Scope, Status, Verdict

PARSE_TIMEOUT = 5.0
MAX_SHOWN = 12


class EquivInputError(ValueError):
    """An expression or an assumption cannot be read (exit 2); the one-line message names it."""


@dataclass(frozen=True)
class Equivalence:
    """The verdict on a pair: outcome (the values of check's Outcome), how it was reached, the evidence."""

    outcome: str  # "equivalent", "not equivalent", "bad input", "undecided"
    method: str
    reason: str = ""
    kind: str = ""
    counterexample: dict[str, str] | None = None
    entries: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def equivalent(self) -> bool:
        return self.outcome == "equivalent"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def summary(self) -> str:
        if self.outcome == "bad input":
            return f"bad input: {self.reason}"
        text = f"{self.outcome} by {self.method}"
        if self.entries:
            more = f" and {len(self.entries) - MAX_SHOWN} more" if len(self.entries) > MAX_SHOWN else ""
            text += f"; entries that differ: {', '.join(self.entries[:MAX_SHOWN])}{more}"
        if self.counterexample:
            text += "; counterexample: " + ", ".join(f"{k} = {v}" for k, v in self.counterexample.items())
        if self.reason:
            text += f"; {self.reason}"
        return text

    def as_json(self) -> dict[str, Any]:
        return {"verdict": self.outcome, "exit": self.exit_code, "method": self.method, "reason": self.reason or None,
                "kind": self.kind or None, "counterexample": self.counterexample, "entries": list(self.entries),
                "seconds": round(self.seconds, 4)}


EXIT_CODES = {"equivalent": 0, "not equivalent": 1, "bad input": 2, "undecided": 3}
STATUS_OUTCOME = {Status.PROVEN: "equivalent", Status.REFUTED: "not equivalent", Status.UNKNOWN: "undecided"}


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
    from .answers import parse_answer

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
    values = [_entries_as_symbols(v) if isinstance(v, (sp.Basic, sp.MatrixBase)) else v for v in values]
    basics = [v for v in values if isinstance(v, (sp.Basic, sp.MatrixBase))]
    for v in basics:
        implicit = [sym for sym in v.atoms(sp.Symbol) if sym.name.endswith(r"_{\max}")]
        if implicit:  # `check` takes a claim's range; here there is none, and j and k might run over different ones
            raise EquivInputError(f"a sum without bounds (over {implicit[0].name.split('_')[0]}): write its bounds")
    labels = {b.label for v in basics for b in v.atoms(sp.IndexedBase)}
    names: dict[str, list[Any]] = {}
    for v in basics:
        for sym in v.atoms(sp.Symbol) - labels:
            names.setdefault(sym.name, []).append(sym)
    mapping: dict[Any, Any] = {}
    for name, syms in names.items():
        kinds = {frozenset((k, v) for k, v in sym.assumptions0.items() if k in _KEPT) for sym in syms}
        if len(kinds) > 1:  # x positive on one side, x real on the other: which one is meant?
            raise EquivInputError(f"the symbol {name} is declared with different assumptions on the two sides")
        base = {k: v for k, v in syms[0].assumptions0.items() if k in _KEPT}
        new = sp.Symbol(name, real=True, **{**base, **assumptions.get(name, {})})
        for sym in syms:
            if sym != new:
                mapping[sym] = new
    out = [_generic(v.xreplace(mapping)) if isinstance(v, (sp.Basic, sp.MatrixBase)) else v for v in values]
    return out, sorted(set(assumptions) - set(names))


def _generic(v: Any) -> Any:
    """`f(x)` as a generic smooth function (symproof.nn.generic), which the counterexample search realises as a
    random polynomial: f(x) = g(x) is then refuted, not left undecided. The same name and arity, the same f."""
    from sympy.core.function import AppliedUndef

    from .nn.generic import generic_function

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
    from .answers import AnswerParseError, parse_answer
    from .answers.parse import interval_parts

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


def _typed(kind: str, value: Any) -> Side:
    from .answers.functions import BigO

    if kind == "expr" and isinstance(value, (sp.Order, BigO)):
        return Side("order", value)
    return Side(kind, value)


KIND_NAMES = {"order": "a big O", "size": "a size", "bool": "a yes/no", "matrix": "a matrix", "expr": "an expression",
              "equation": "an equation", "interval": "an interval", "matexpr": "a matrix expression"}


def _exact(a: Side, b: Side) -> Equivalence:
    same = tuple(a.value) == tuple(b.value) if a.kind == "size" else bool(a.value) == bool(b.value)
    what = "sizes" if a.kind == "size" else "yes/no"
    return Equivalence("equivalent" if same else "not equivalent", f"exact comparison of {what}", kind=a.kind)


def _orders(a: Side, b: Side) -> Equivalence:
    """Two big Os as r -> 0 in one variable r: the same class when their arguments have the same leading power of
    r (read off the series and confirmed by evaluation, as `check` does). LaTeX's O(g) keeps g as written, since
    SymPy's Order works term by term (O(sin r - r) would be O(r)); two SymPy Orders are canonical, compared as
    they are."""
    from .answers.check import leading_order

    if isinstance(a.value, sp.Order) and isinstance(b.value, sp.Order):
        same = a.value == b.value
        return Equivalence("equivalent" if same else "not equivalent", "comparison of canonical big O terms",
                           "" if same else f"{sp.sstr(a.value)} is not {sp.sstr(b.value)}", kind="order")
    method = "leading order of the series at 0"
    ga, gb = (v.value.expr if isinstance(v.value, sp.Order) else v.value.args[0] for v in (a, b))
    symbols = ga.free_symbols | gb.free_symbols
    if len(symbols) != 1 or any(isinstance(v.value, sp.Order) and v.value.point[0] != 0 for v in (a, b)):
        return Equivalence("undecided", method, "big O terms are compared in one variable, as it tends to 0",
                           kind="order")
    var = next(iter(symbols))
    ours, theirs = leading_order(ga, var), leading_order(gb, var)
    if isinstance(ours, str) or isinstance(theirs, str):
        return Equivalence("undecided", method, ours if isinstance(ours, str) else str(theirs), kind="order")
    if ours[1] == theirs[1]:
        return Equivalence("equivalent", method, kind="order")
    return Equivalence("not equivalent", method, f"O({sp.sstr(ga)}) is O({var}^{ours[1]}), O({sp.sstr(gb)}) is "
                       f"O({var}^{theirs[1]})", kind="order")


def _differing_entries(a: sp.MatrixBase, b: sp.MatrixBase) -> tuple[str, ...]:
    out = []
    for r in range(a.rows):
        for c in range(a.cols):
            if sp.expand(a[r, c] - b[r, c]) != 0 and find_counterexample(a[r, c], b[r, c], (), points=4) is not None:
                out.append(f"({r}, {c})")
    return tuple(out)


def _identity(a: Any, b: Any, scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """In the child: the prover's decision on a = b, and for a refuted matrix the entries that differ."""
    verdict = decide(Equal(a, b), scope)
    entries: tuple[str, ...] = ()
    if verdict.refuted and isinstance(a, sp.MatrixBase) and getattr(a, "shape", None) == getattr(b, "shape", None):
        entries = _differing_entries(a, b)
    return verdict, entries


def _matrix_expressions(a: Any, b: Any, scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """In the child: matrix symbols (H^{-1} g) by the prover's matrix rules, never as scalars; compared where both
    sides are defined, so every matrix either side inverts is taken invertible."""
    from .prover.matrix import MatrixEqual, MatrixFacts

    inverted = {i.arg for e in (a, b) for i in e.atoms(sp.Inverse) if isinstance(i.arg, sp.MatrixSymbol)}
    facts = MatrixFacts(invertible=tuple(sorted(inverted, key=sp.default_sort_key)))
    return decide(MatrixEqual(a, b, facts), scope), ()


def _equations(a: Any, b: Any, scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """Two equations have the same solution set when one residual is a nonzero constant times the other (a
    proof), or differ when a point solves one and not the other (found by solving one for a symbol at random
    values of the rest). Anything else is undecided."""
    r1 = a[0] - a[1]
    r2 = b[0] - b[1]
    if r2 == 0 or r1 == 0:
        return Verdict(Status.UNKNOWN, scope, Method(Kind.EQUATIONS), reason="an equation without unknowns"), ()
    ratio = sp.cancel(sp.together(r1 / r2))
    if ratio.is_number and ratio.is_zero is False and ratio.is_finite:
        verdict = decide(Equal(r1, ratio * r2), scope)
        if verdict.proven:
            return Verdict(Status.PROVEN, scope, Method(Kind.PROPORTIONAL, subject=sp.sstr(ratio),
                                                        parts=(verdict.method,))), ()
    try:
        roots = _polynomial_roots(r1, r2)
    except Exception:  # SymPy's root isolation failing is no verdict: the search below still runs
        roots = None
    if roots is not None:
        sym, first_roots, second_roots = roots
        if first_roots == second_roots:
            shown = tuple(sp.sstr(r) for r in sorted(first_roots, key=sp.default_sort_key))
            return Verdict(Status.PROVEN, scope, Method(Kind.SAME_ROOTS, cases=shown, subject=str(sym))), ()
        only = sorted(first_roots ^ second_roots, key=sp.default_sort_key)[0]
        label = "the first" if only in first_roots else "the second"
        point = {str(sym): sp.sstr(only)} if only.is_Rational else {str(sym): sp.sstr(only),
                                                                     "value": sp.sstr(sp.N(only, 15))}
        return Verdict(Status.REFUTED, scope, Method(Kind.ROOT_OF_ONE, subject=label), counterexample=point), ()
    for first, second, label in ((r1, r2, "the first"), (r2, r1, "the second")):
        try:
            cx = _solution_of_one_only(first, second)
        except Exception:  # a root SymPy cannot isolate: no counterexample from this side, never a proof
            cx = None
        if cx is not None:
            return Verdict(Status.REFUTED, scope, Method(Kind.SOLUTION_OF_ONE, subject=label),
                           counterexample=cx), ()
    return Verdict(Status.UNKNOWN, scope, Method(Kind.EQUATIONS),
                   reason="the residuals are not proportional and no solution of one only was found"), ()


MAX_DEGREE = 20


def _polynomial_roots(r1: Any, r2: Any) -> tuple[Any, set[Any], set[Any]] | None:
    """Both residuals polynomials in one real symbol: their real roots the symbol's assumptions allow, isolated
    exactly (`Poly.real_roots` finds every one; equal numbers are equal objects, as roots of the same irreducible
    factor). None for anything else."""
    symbols = r1.free_symbols | r2.free_symbols
    if len(symbols) != 1:
        return None
    sym = next(iter(symbols))
    if not (isinstance(sym, sp.Symbol) and sym.is_real and r1.is_polynomial(sym) and r2.is_polynomial(sym)):
        return None
    polys = [sp.Poly(r, sym) for r in (r1, r2)]
    if any(p.degree() < 1 or p.degree() > MAX_DEGREE or not (p.domain.is_ZZ or p.domain.is_QQ) for p in polys):
        return None  # rational coefficients only: real_roots isolates those exactly
    first, second = ({root for root in p.real_roots() if _allowed(sym, root)} for p in polys)
    return sym, first, second


# What a solved-for symbol's value must be, by its assumptions: x > 0 rules out the root x = -2 of x^2 = 4.
ALLOWED = ("positive", "nonnegative", "negative", "nonpositive", "nonzero", "integer")


def _allowed(sym: Any, value: Any) -> bool:
    return all(getattr(value, f"is_{kind}") is True for kind in ALLOWED if getattr(sym, f"is_{kind}"))


def _solution_of_one_only(first: Any, second: Any) -> dict[str, str] | None:
    rng = random.Random(0)
    symbols = sorted(first.free_symbols | second.free_symbols, key=sp.default_sort_key)
    for s in symbols:
        others = [o for o in symbols if o != s]
        for _ in range(3):
            point = {o: sample_value(o, rng) for o in others}  # each drawn as its assumptions allow
            poly = sp.expand(first.xreplace(point))
            if not poly.is_polynomial(s) or sp.degree(poly, s) < 1 or sp.degree(poly, s) > 8:
                break
            for root in sp.Poly(poly, s).real_roots():
                if not _allowed(s, root):
                    continue
                full = {**point, s: root}
                value = sp.N(second.xreplace(full), 50)
                if value.is_number and value.is_finite and abs(value) > sp.Float("1e-30") \
                        and sp.N(second.xreplace(full), 100) != 0:
                    return {**{str(k): str(v) for k, v in full.items()}, "residual of the other": str(sp.N(value, 15))}
    return None


def _interval_at(ends: tuple[Any, Any, bool, bool], point: Mapping[Any, Any]) -> Any:
    lo, hi, left, right = ends
    return sp.Interval(lo.xreplace(point), hi.xreplace(point), left, right)


def _sets_differ(a: tuple[Any, Any, bool, bool], b: tuple[Any, Any, bool, bool],
                 points: Iterable[Mapping[Any, Any]]) -> dict[str, str] | None:
    """A point where the two intervals, evaluated exactly, are different sets (an empty one included)."""
    for point in points:
        try:
            first, second = _interval_at(a, point), _interval_at(b, point)
            if not (first.is_Interval or first is sp.S.EmptySet) or not (
                    second.is_Interval or second is sp.S.EmptySet) or first.free_symbols or second.free_symbols:
                continue
            if first != second:
                return {**{str(k): str(v) for k, v in point.items()}, "first": sp.sstr(first),
                        "second": sp.sstr(second)}
        except (TypeError, ValueError):
            continue
    return None


def _intervals(a: tuple[Any, Any, bool, bool], b: tuple[Any, Any, bool, bool],
               scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """The same set when both endpoints are proven equal and the brackets agree (an infinite end is open).
    Otherwise a point where the two sets, evaluated exactly, differ; failing that, undecided."""
    def bracket(ends: tuple[Any, Any, bool, bool]) -> tuple[bool, bool]:
        lo, hi, left, right = ends
        return left or lo.is_infinite is True, right or hi.is_infinite is True

    # also for infinite ends: oo - oo is nan
    same = Verdict(Status.PROVEN, scope, Method(Kind.RESIDUAL_LADDER, ("identical",)))
    lower, upper = (same if x == y else decide(Equal(x, y), scope) for x, y in ((a[0], b[0]), (a[1], b[1])))
    if lower.proven and upper.proven and bracket(a) == bracket(b):
        return Verdict(Status.PROVEN, scope, Method(Kind.SAME_BRACKETS, parts=(lower.method, upper.method))), ()
    symbols = set().union(*(e.free_symbols for e in (*a[:2], *b[:2])))
    found = _sets_differ(a, b, random_points(symbols, (), random.Random(0), 40))
    if found is not None:
        return Verdict(Status.REFUTED, scope, Method(Kind.EXACT_INTERVALS), counterexample=found), ()
    open_parts = [v for v in (lower, upper) if not v.proven]
    return Verdict(Status.UNKNOWN, scope, Method(Kind.INTERVALS), reason=open_parts[0].reason if open_parts else
                   "the brackets differ but no point where the sets differ was found"), ()


# ----------------------------------------------------------------------------------------------- the API

def equivalent(a: Any, b: Any, assume: Iterable[str | Any] = (), *, timeout: float = DEFAULT_TIMEOUT) -> Equivalence:
    r"""Are `a` and `b` equal for every value of their symbols (real unless `assume` says more)?

    `a`, `b`: LaTeX text (`r'\tanh x'`) or SymPy objects; `assume`: `'x > 0'`, `'n integer'`, ...
    Expressions and matrices are decided by the prover (a counterexample search, then the residual ladder),
    in a child process under `timeout` seconds; equations by their solution sets; sizes and yes/no exactly.
    Never raises on bad input: the verdict says "bad input" and why.
    """
    start = time.perf_counter()
    try:
        verdict = _equivalent(a, b, assume, timeout)
    except EquivInputError as exc:
        verdict = Equivalence("bad input", "input", str(exc))
    return replace(verdict, seconds=time.perf_counter() - start)


# Kinds judged in this process, exactly; and kinds decided by the prover in a child under the time budget.
JUDGES: dict[str, Callable[[Side, Side], Equivalence]] = {"size": _exact, "bool": _exact, "order": _orders}
DECIDERS: dict[str, Callable[[Any, Any, Scope], tuple[Verdict, tuple[str, ...]]]] = {
    "expr": _identity, "matrix": _identity, "equation": _equations, "interval": _intervals,
    "matexpr": _matrix_expressions,
}


def _equivalent(a: Any, b: Any, assume: Iterable[str | Any], timeout: float) -> Equivalence:
    left, right = as_side(a), as_side(b)
    if left.kind == "interval" and right.alternative is not None:
        right = right.alternative
    if right.kind == "interval" and left.alternative is not None:
        left = left.alternative
    if left.kind != right.kind:
        return Equivalence("not equivalent", "kind check", f"the first is {KIND_NAMES[left.kind]}, the second is "
                           f"{KIND_NAMES[right.kind]}", kind=left.kind)
    if left.kind in JUDGES:
        return JUDGES[left.kind](left, right)
    x: Any
    y: Any
    if left.kind == "interval":
        ends, unused = with_assumptions([*left.value[:2], *right.value[:2]], read_assumptions(assume))
        x, y = (*ends[:2], *left.value[2:]), (*ends[2:], *right.value[2:])
    else:
        (x, y), unused = with_assumptions([left.value, right.value], read_assumptions(assume))
    if unused:
        raise EquivInputError(f"the assumption on {', '.join(unused)} names no symbol of either expression")
    if left.kind == "matrix" and x.shape != y.shape:
        return Equivalence("not equivalent", "shape check", f"the first is {x.rows}×{x.cols}, the second is "
                           f"{y.rows}×{y.cols}", kind="matrix")
    decider = DECIDERS[left.kind]
    outcome = run_one(lambda: decider(x, y, Scope.GENERAL), timeout)
    if isinstance(outcome, Finished):
        verdict, entries = outcome.value
        cx = verdict.counterexample
        if cx is not None:
            cx = {{"lhs": "first", "rhs": "second", "lhs - rhs": "first - second"}.get(k, k): v for k, v in cx.items()}
        return Equivalence(STATUS_OUTCOME[verdict.status], str(verdict.method), verdict.reason or "", left.kind, cx,
                           entries)
    why = outcome.error.splitlines()[0][:200] if isinstance(outcome, Crashed) else f"no decision in {timeout:g} s"
    return Equivalence("undecided", "crash" if isinstance(outcome, Crashed) else "timeout", why, left.kind)


# ------------------------------------------------------------------------------------------- the command

def run(args: Any) -> int:
    """`symproof equiv A B [--assume ...] [--json] [--timeout S]`; exit 0 equivalent, 1 not, 2 bad input, 3 open."""
    from .answers.check import CheckInputError, read_answer

    try:
        texts = [read_answer(args.first), read_answer(args.second)] if args.first != "-" or args.second != "-" \
            else None
    except CheckInputError as exc:
        texts, error = None, str(exc)
    else:
        error = "" if texts is not None else "only one of A and B can be read from standard input"
    if texts is None:
        verdict = Equivalence("bad input", "input", error)
    else:
        verdict = equivalent(texts[0], texts[1], args.assume or (), timeout=args.timeout)
    if args.json:
        print(json.dumps(verdict.as_json(), indent=2, ensure_ascii=False))
    elif verdict.outcome == "bad input":
        print(f"symproof equiv: {verdict.reason}", file=sys.stderr)
    else:
        print(verdict.summary())
    return verdict.exit_code
