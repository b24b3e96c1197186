"""`symproof check`: is a student's LaTeX answer equivalent to a claim's proven answer? Tiers like STACK's tests.

The tiers, in order:
  1. input: the claim exists and has an answer; the text parses (bounded size and time) -> else BAD_INPUT;
  2. kind and shape: expression, matrix (same shape), size (same dimensions), yes/no;
  3. symbols: the answer's symbols become the claim's own Symbol objects (so their assumptions apply) by the
     rule of `symproof.answers.symbols`; sums written without bounds get the bounds of the claim's sum over the
     same vector; an inner product `u^T v` becomes the claim's sum over entries (see `resolve_inner_products`);
  4. the prover, in a forked child under the time budget: random exact points at 40/80 digits (evidence, and
     the source of counterexamples), then the residual ladder (algebraic equivalence). The claim statement's
     domain (`where`) and case split, when it has them, are used for the comparison too.
"""

from __future__ import annotations

import argparse
import difflib
import enum
import itertools
import json
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import sympy as sp

from symproof.answers.errors import AnswerParseError, printable, quote
from symproof.answers.functions import BigO, InnerProduct
from symproof.answers.parse import MAX_CHARS, Answer, parse_answer
from symproof.answers.symbols import canonical_name, match_symbols, normalise_name
from symproof.answers.transform import gradient_name, implicit_upper_bound
from symproof.claim import Claim, Homework
from symproof.prover.budget import Crashed, Finished, run_one
from symproof.prover.engine import DEFAULT_TIMEOUT, decide
from symproof.prover.matrix import MatrixEqual, MatrixFacts
from symproof.prover.rules import Partial
from symproof.prover.sampling import find_counterexample
from symproof.prover.statements import AllOf, Case, Equal, Statement
from symproof.prover.verdict import Scope, Status, Verdict

PARSE_TIMEOUT = 5.0
MAX_ENTRIES_SHOWN = 12


class Outcome(enum.Enum):
    EQUIVALENT = "equivalent"
    NOT_EQUIVALENT = "not equivalent"
    BAD_INPUT = "bad input"
    UNDECIDED = "undecided"


EXIT_CODES: dict[Outcome, int] = {Outcome.EQUIVALENT: 0, Outcome.NOT_EQUIVALENT: 1, Outcome.BAD_INPUT: 2,
                                  Outcome.UNDECIDED: 3}
# For a batch: a broken entry is worse than an open one, which is worse than a wrong one.
SEVERITY: tuple[Outcome, ...] = (Outcome.EQUIVALENT, Outcome.NOT_EQUIVALENT, Outcome.UNDECIDED, Outcome.BAD_INPUT)
STATUS_OUTCOME: dict[Status, Outcome] = {Status.PROVEN: Outcome.EQUIVALENT, Status.REFUTED: Outcome.NOT_EQUIVALENT,
                                         Status.UNKNOWN: Outcome.UNDECIDED}


@dataclass(frozen=True)
class CheckVerdict:
    """The verdict on one answer: plain data (it crosses process borders and goes to JSON)."""

    claim_id: str
    outcome: Outcome
    method: str
    reason: str = ""
    kind: str = ""
    counterexample: dict[str, str] | None = None
    entries: tuple[str, ...] = ()  # for matrices: the entries that differ, as "(row, column)", 0-based
    unmatched: tuple[str, ...] = ()  # answer symbols with no counterpart in the claim
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def summary(self) -> str:
        """One line: the claim, the verdict, how it was reached, and the evidence against a wrong answer."""
        if self.outcome is Outcome.BAD_INPUT:
            return f"{self.claim_id}: bad input: {self.reason}"
        return f"{self.claim_id}: {self.outcome.value} by {self.detail()}"

    def detail(self) -> str:
        """How the verdict was reached and the evidence, without the claim id and the verdict itself."""
        if self.outcome is Outcome.BAD_INPUT:
            return self.reason
        text = self.method
        if self.entries:
            shown = ", ".join(self.entries[:MAX_ENTRIES_SHOWN])
            more = f" and {len(self.entries) - MAX_ENTRIES_SHOWN} more" if len(self.entries) > MAX_ENTRIES_SHOWN else ""
            text += f"; entries that differ: {shown}{more}"
        if self.counterexample:
            text += "; counterexample: " + _shown_point(self.counterexample)
        if self.reason:
            text += f"; {self.reason}"
        if self.unmatched:
            text += f"; symbols not in the claim: {', '.join(self.unmatched)}"
        return text

    def as_json(self) -> dict[str, Any]:
        return {"id": self.claim_id, "verdict": self.outcome.value, "exit": self.exit_code, "method": self.method,
                "reason": self.reason or None, "kind": self.kind or None, "counterexample": self.counterexample,
                "entries": list(self.entries), "unmatched": list(self.unmatched), "seconds": round(self.seconds, 4)}


def _shown_point(cx: Mapping[str, str]) -> str:
    """A counterexample on one line: the first MAX_ENTRIES_SHOWN coordinates, then the two values (JSON has all)."""
    values = {k: v for k, v in cx.items() if k in {"entry", "answer", "claim"}}
    point = [(k, v) for k, v in cx.items() if k not in values]
    cut = [f"{k} = {v}" for k, v in point[:MAX_ENTRIES_SHOWN]]
    if len(point) > MAX_ENTRIES_SHOWN:
        cut.append(f"... ({len(point) - MAX_ENTRIES_SHOWN} more)")
    return ", ".join(cut + [f"{k} = {v}" for k, v in values.items()])


class CheckInputError(ValueError):
    """The claim or the answer cannot be checked at all (exit 2); one line naming the input."""


# ---------------------------------------------------------------------------------------------- kinds

def _is_size(value: Any) -> bool:
    return isinstance(value, (tuple, sp.Tuple)) and len(value) > 0 and all(
        isinstance(d, (int, sp.Integer)) for d in value)


CLAIM_KINDS: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("size", _is_size),
    ("bool", lambda v: isinstance(v, (bool, sp.logic.boolalg.BooleanAtom))),
    ("order", lambda v: isinstance(v, sp.Order)),
    ("matrix", lambda v: isinstance(v, sp.MatrixBase)),
    ("matexpr", lambda v: isinstance(v, sp.MatrixExpr)),
    ("expr", lambda v: isinstance(v, (int, sp.Expr)) and not isinstance(v, sp.MatrixExpr)),
)
KIND_WORDS = {"order": "a big O", "size": "a size", "bool": "a yes/no", "matrix": "a matrix", "expr": "an expression",
              "matexpr": "a matrix expression", "equation": "an equation", "interval": "an interval"}


def claim_answer_kind(claim: Claim) -> str:
    """The kind of the claim's answer, or CheckInputError if there is none or the parser cannot produce it."""
    if claim.answer is None:
        raise CheckInputError(f"claim {claim.id} has no answer to check against")
    for kind, test in CLAIM_KINDS:
        if test(claim.answer):
            return kind
    raise CheckInputError(f"claim {claim.id}'s answer is a {type(claim.answer).__name__}, which no LaTeX answer "
                          "is parsed into")


def _builtin() -> Homework:
    from ..homework import builtin  # the built-in homework, for callers that pass none

    return builtin()


def find_claim(claim_id: str, homework: Homework | None = None) -> Claim:
    from ..claim import UnknownSelectorError

    homework = homework or _builtin()
    try:  # a sub-question id (q3.2) is checked against that sub-question's answer claim
        claim_id = homework.answer_target(claim_id)
    except UnknownSelectorError as exc:
        raise CheckInputError(str(exc)) from None
    ids = [s.id for s in homework.specs()]
    if claim_id not in ids:
        near = difflib.get_close_matches(claim_id, ids, n=3, cutoff=0.6)
        hint = f" (nearest: {', '.join(near)})" if near else ""
        raise CheckInputError(f"unknown claim {quote(claim_id)}{hint}")
    try:
        return homework.get(claim_id)
    except Exception as exc:  # a claim under construction by someone else: not the user's input
        raise CheckInputError(f"claim {claim_id} cannot be built: {type(exc).__name__}: {exc}"[:200]) from exc


# -------------------------------------------------------------------------------- domain and case split

_Part = TypeVar("_Part")

def _parts(st: Statement, kind: type[_Part]) -> Iterator[_Part]:
    """The parts of `st` of type `kind`, conjunctions walked through."""
    if isinstance(st, kind):
        yield st
    elif isinstance(st, AllOf):
        for _, part in st.parts:
            yield from _parts(part, kind)


def claim_domain(claim: Claim) -> tuple[tuple[Any, ...], tuple[Case, ...]]:
    """The domain on which the claim's answer is compared: the conditions every Equal part of its statement shares
    (q1.2's beta < alpha, not the x >= alpha of its first part, which is one region only), and the case split of a
    part stated on exactly that domain, when its variables are all symbols of the claim's answer."""
    own = _free_scalars(claim.answer)
    parts = list(_parts(claim.statement, Equal))
    if not parts:
        return (), ()
    shared = [w for w in parts[0].where if all(w in part.where for part in parts[1:])]
    where = tuple(w for w in shared if sp.sympify(w).free_symbols <= own)
    for part in parts:
        if part.cases and set(part.where) == set(where) and set().union(*(set(c.subs) for c in part.cases)) <= own:
            return where, part.cases
    return where, ()


def _free_scalars(expr: Any) -> set[Any]:
    if not isinstance(expr, (sp.Basic, sp.MatrixBase)):
        return set()
    labels = {b.label for b in expr.atoms(sp.IndexedBase)}
    return {s for s in expr.free_symbols if isinstance(s, sp.Symbol) and s not in labels}


def claim_symbols(expr: Any, where: Iterable[Any] = ()) -> list[Any]:
    """What an answer's symbols may be matched to: the claim's free symbols, free entries x[i], vectors x, and
    matrix symbols, in a stable order."""
    pool: set[Any] = set(_free_scalars(expr))
    for w in where:
        pool |= _free_scalars(w)
    if isinstance(expr, (sp.Basic, sp.MatrixBase)):
        bound = {v for s in expr.atoms(sp.Sum, sp.Product) for v in s.variables}
        pool |= {e for e in expr.atoms(sp.Indexed) if not (set(e.indices) & bound)}
        pool |= expr.atoms(sp.IndexedBase) | expr.atoms(sp.MatrixSymbol)
    return sorted(pool, key=sp.default_sort_key)


# ----------------------------------------------------------------------------------- aligning symbols

def _indexed_by(body: Any, var: Any) -> set[str]:
    """Names of the vectors an index runs over in `body`: x in x[j] and w in w[i, j] for j."""
    return {canonical_name(e.base) for e in body.atoms(sp.Indexed) if var in e.indices}


def _claim_sums(expected: Any) -> list[tuple[Any, Any, Any, set[str]]]:
    """(variable, lower, upper, vectors the variable indexes) for every single-variable limit of the claim's sums."""
    if not isinstance(expected, (sp.Basic, sp.MatrixBase)):
        return []
    out = []
    for s in expected.atoms(sp.Sum):
        for var, lo, hi in s.limits:
            out.append((var, lo, hi, _indexed_by(s.function, var)))
    return out


def fill_implicit_bounds(expr: Any, expected: Any) -> Any:
    r"""`\sum_j` without bounds runs over the claim's range: the bounds of the claim's sums over the same vector
    (x in `\sum_j e^{x_j}`), or of all its sums when they share one range. Otherwise left for the report."""
    sums = _claim_sums(expected)

    def fill(s: sp.Sum) -> Any:
        limits = []
        for var, lo, hi in s.limits:
            if hi == implicit_upper_bound(var) and lo == 1:
                names = _indexed_by(s.function, var)
                # the claim's sums whose index runs over the most of the same vectors (pi_k and w_k: the sum
                # over k, not the inner one over i that only w shares)
                best = max((len(names & c_names) for *_, c_names in sums), default=0)
                ranges = {(c_lo, c_hi) for _, c_lo, c_hi, c_names in sums if best and len(names & c_names) == best}
                if len(ranges) != 1:
                    ranges = {(c_lo, c_hi) for _, c_lo, c_hi, _ in sums}
                if len(ranges) == 1:
                    lo, hi = next(iter(ranges))
            limits.append((var, lo, hi))
        return sp.Sum(s.function, *limits)

    return expr.replace(lambda e: isinstance(e, sp.Sum), fill) if isinstance(expr, sp.Basic) else expr


def _vector_and_indices(obj: Any) -> tuple[str, tuple[Any, ...]]:
    """`w[k]` -> ("w", (k,)); Symbol `w_{k}` -> ("w", (Symbol k,)); Symbol `x` -> ("x", ())."""
    if isinstance(obj, sp.Indexed):
        return canonical_name(obj.base), tuple(obj.indices)
    name = canonical_name(obj)
    base, _, sub = name.partition("_")
    if not sub:
        return base, ()
    items = sub.strip("{}").split(",")
    return base, tuple(sp.Integer(it) if it.isdigit() else sp.Symbol(it) for it in items)


def _inner_templates(expected: Any) -> list[tuple[sp.Sum, Any, Any, Any]]:
    """The claim's inner products: sums over one index i of a product of two entries that both use i."""
    out: list[tuple[sp.Sum, Any, Any, Any]] = []
    if not isinstance(expected, (sp.Basic, sp.MatrixBase)):
        return out
    for s in expected.atoms(sp.Sum):
        if len(s.limits) != 1:
            continue
        var = s.limits[0][0]
        factors = [f for f in sp.Mul.make_args(s.function) if isinstance(f, sp.Indexed) and var in f.indices]
        if len(factors) == 2 and sp.Mul(*factors) == s.function:
            out.append((s, var, factors[0], factors[1]))
    return out


def resolve_inner_products(expr: Any, expected: Any) -> Any:
    r"""`u^T v` (InnerProduct) becomes the claim's sum over entries with the same vector names.

    The rule: the claim writes w_k^T x as Sum(w[i, k] x[i], (i, 1, d)); an answer's InnerProduct(w_k, x) matches
    it when the vector names agree (either order) and the answer's indices fill the template's other indices in
    order. Its summation index is a fresh dummy, so it never captures a letter of the answer. Unmatched ones stay
    and are reported.
    """
    templates = _inner_templates(expected)

    def fill(ip: InnerProduct) -> Any:
        sides = [_vector_and_indices(a) for a in ip.args]
        for s, var, a, b in templates:
            for first, second in ((a, b), (b, a)):
                for (name, idx), entry in zip(sides, (first, second), strict=True):
                    others = tuple(i for i in entry.indices if i != var)
                    if name != canonical_name(entry.base) or len(others) != len(idx):
                        break
                else:
                    dummy = sp.Dummy(str(var), integer=True)
                    subs: dict[Any, Any] = {var: dummy}
                    for (_, idx), entry in zip(sides, (first, second), strict=True):
                        subs.update(zip((i for i in entry.indices if i != var), idx, strict=True))
                    return s.xreplace(subs)
        return ip

    return expr.replace(lambda e: isinstance(e, InnerProduct), fill) if isinstance(expr, sp.Basic) else expr


def rename_bound_indices(expr: Any, expected: Any) -> Any:
    """Give a sum's bound index the claim's name when the claim sums over the same range, so that equal sums
    are also identical (SymPy compares Sum(f(j)) and Sum(f(k)) by structure)."""
    ranges = {(lo, hi): var for var, lo, hi, _ in _claim_sums(expected)}

    def rename(s: sp.Sum) -> Any:
        if len(s.limits) != 1:
            return s
        var, lo, hi = s.limits[0]
        target = ranges.get((lo, hi))
        if target is None or target == var or target in s.function.free_symbols:
            return s
        return sp.Sum(s.function.xreplace({var: target}), (target, lo, hi))

    return expr.replace(lambda e: isinstance(e, sp.Sum), rename) if isinstance(expr, sp.Basic) else expr


def foreign_symbols(value: Any, mapping: Mapping[Any, Any]) -> dict[Any, Any]:
    """Answer symbols the claim lacks are taken as real (every quantity of the assignment is), as the prover's
    sampler already draws them; a sum's unresolved implicit bound j_max as a positive integer."""
    bound = {v for s in value.atoms(sp.Sum, sp.Product) for v in s.variables}
    labels = {b.label for b in value.atoms(sp.IndexedBase)}
    out: dict[Any, Any] = {}
    for sym in value.atoms(sp.Symbol) - bound - labels - set(mapping):
        if sym.is_real is None:
            implicit = sym.name.endswith(r"_{\max}")
            out[sym] = sp.Symbol(sym.name, integer=True, positive=True) if implicit else sp.Symbol(sym.name, real=True)
    return out


@dataclass(frozen=True)
class Aligned:
    value: Any
    unmatched: tuple[str, ...]


def resolve_functions(value: Any, expected: Any) -> Any:
    """An applied function of the answer (`f_1(w_1, w_2)`) becomes the claim's function of the same canonical name
    and arity; one the claim lacks is bad input, never a function compared by chance."""
    from sympy.core.function import AppliedUndef

    from symproof.nn.generic import GenericFunction

    if not isinstance(value, (sp.Basic, sp.MatrixBase)) or not value.atoms(AppliedUndef):
        return value
    mine = expected.atoms(sp.Function) if isinstance(expected, (sp.Basic, sp.MatrixBase)) else set()
    functions = {normalise_name(type(f).__name__): type(f) for f in mine
                 if isinstance(f, (AppliedUndef, GenericFunction))}

    partials = {(p.args[0], p.args[1]) for p in expected.atoms(Partial)} if isinstance(expected, sp.Basic) else set()

    def fill(f: Any) -> Any:
        name = normalise_name(str(f.func))
        gradient = GRADIENT_FUNCTIONS.get(name)
        component = [index for fn, index in partials if fn == sp.Symbol(gradient or "") and len(index) == 1]
        if gradient and len(component) == 1 and len(f.args) == 1 and name not in functions:
            # g(x), the gradient of f at x, against a claim about its i-th entry: the entry i of g(x)
            return Partial(sp.Symbol(gradient), component[0], f.args[0])
        entry = _ENTRY_OF.fullmatch(name)
        of = GRADIENT_FUNCTIONS.get(entry["g"]) if entry else None
        if entry and of and len(f.args) == 1 and name not in functions \
                and any(fn == sp.Symbol(of) and len(index) == 1 for fn, index in partials):
            # g_i(x), the entry i of the gradient function g of f, is \partial_i f(x), index written as it is there
            # (g_j against a claim about entry i is then another entry, never entry i)
            sub = entry["i"]
            return Partial(sp.Symbol(of), sp.Tuple(sp.Integer(sub) if sub.isdigit() else sp.Symbol(sub)), f.args[0])
        target = functions.get(name)
        if target is None or len(f.args) not in target.nargs:
            raise CheckInputError(f"the function {name} of {len(f.args)} argument(s) has no counterpart in the "
                                  "claim's answer")
        return target(*f.args)

    return value.replace(lambda e: isinstance(e, AppliedUndef), fill)


def _implicit_sums(value: Any) -> list[Any]:
    if not isinstance(value, sp.Basic):
        return []
    return [s for s in value.atoms(sp.Sum) for var, _, hi in s.limits if hi == implicit_upper_bound(var)]


def index_free_entries(value: Any, expected: Any) -> Any:
    """`x_0`, `x_n` written for an entry of a claim's vector x (an IndexedBase): x[0], x[n]; the subscript's
    letters become the claim's symbols of those names. A claim symbol named `x_{0}` itself keeps precedence."""
    if not isinstance(value, sp.Basic) or not isinstance(expected, (sp.Basic, sp.MatrixBase)):
        return value
    bases = {canonical_name(b): b for b in expected.atoms(sp.IndexedBase)}
    named = {canonical_name(s): s for s in claim_symbols(expected)}
    mapping = {}
    for sym in value.atoms(sp.Symbol):
        name = canonical_name(sym)
        base, _, sub = name.partition("_")
        if not sub or name in named or base not in bases:
            continue
        items = sub.strip("{}").split(",")
        mapping[sym] = bases[base][tuple(sp.Integer(it) if it.isdigit() else named.get(it, sp.Symbol(it, integer=True))
                                         for it in items)]
    return value.xreplace(mapping) if mapping else value


# The claims' names for gradients, as the assignment's: g is the gradient of f at the iterate w_t (question 3.1's
# model, "g(.) the gradient function of f" of 3.3), so the answer's \nabla f(w^{(t)}) is the claim's vector g.
GRADIENT_NAMES = {gradient_name("f", "w_{t}"): "g"}
# "g(.) the gradient function of f" (question 3.3): g(x) is the vector of the partials of f at x
GRADIENT_FUNCTIONS = {"g": "f"}
_ENTRY_OF = re.compile(r"(?P<g>[a-zA-Z])_\{(?P<i>[A-Za-z]|[0-9]+)\}")  # g_{i}: an entry of the function g


def resolve_gradients(value: Any, expected: Any) -> Any:
    r"""`\nabla f(w^{(t)})` made the claim's vector of the name GRADIENT_NAMES gives it, when the claim has it."""
    if not isinstance(value, sp.Basic) or not isinstance(expected, sp.Basic):
        return value
    vectors = {canonical_name(m): m for m in expected.atoms(sp.MatrixSymbol)}
    mapping = {m: vectors[GRADIENT_NAMES[m.name]] for m in value.atoms(sp.MatrixSymbol)
               if GRADIENT_NAMES.get(m.name) in vectors}
    return value.xreplace(mapping)


def align(value: Any, expected: Any, where: tuple[Any, ...] = ()) -> Aligned:
    """The answer rewritten in the claim's own symbols (see the module docstring, tier 3)."""
    value = resolve_gradients(value, expected)
    value = resolve_functions(value, expected)
    value = fill_implicit_bounds(value, expected)
    if left := _implicit_sums(value):
        raise CheckInputError(f"the sum over {left[0].limits[0][0]} has no bounds and the claim's answer has no "
                              "single range to give it: write its bounds")
    value = index_free_entries(value, expected)
    value = resolve_inner_products(value, expected)
    stray = sorted({str(ip) for ip in value.atoms(InnerProduct)}) if isinstance(value, sp.Basic) else []
    if stray:
        raise CheckInputError(f"the inner product {stray[0]} has no counterpart in the claim's answer")
    match = match_symbols(value, claim_symbols(expected, where))
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        value = value.xreplace({**foreign_symbols(value, match.mapping), **match.mapping})
    value = rename_bound_indices(value, expected)
    return Aligned(value, match.unmatched)


# ---------------------------------------------------------------------------------------- comparison

def _answer_counterexample(cx: Mapping[str, str] | None) -> dict[str, str] | None:
    """The prover's lhs/rhs renamed for a reader: the answer is on the left, the claim on the right."""
    if cx is None:
        return None
    names = {"lhs": "answer", "rhs": "claim"}
    return {names.get(k, k): v for k, v in cx.items()}


def differing_entries(student: sp.MatrixBase, expected: sp.MatrixBase, where: tuple[Any, ...]) -> tuple[str, ...]:
    """Entries shown different at random points (each confirmed at two precisions), in reading order."""
    out = []
    for r in range(expected.rows):
        for c in range(expected.cols):
            a, b = student[r, c], expected[r, c]
            if a == b or sp.expand(a - b) == 0:
                continue
            if find_counterexample(a, b, where, points=4) is not None:
                out.append(f"({r}, {c})")
    return tuple(out)


def _decide_equal(student: Any, expected: Any, where: tuple[Any, ...], cases: tuple[Case, ...],
                  scope: Scope) -> tuple[Verdict, tuple[str, ...]]:
    """Runs in the child: the prover's decision, and for a refuted matrix the list of differing entries."""
    verdict = decide(Equal(student, expected, where, cases), scope)
    entries: tuple[str, ...] = ()
    if verdict.refuted and isinstance(expected, sp.MatrixBase):
        entries = differing_entries(student, expected, where)
    return verdict, entries


def claim_matrix_facts(claim: Claim) -> MatrixFacts:
    """What the claim assumes of its matrix symbols: the facts of its MatrixEqual parts, and every matrix its answer
    inverts declared invertible (the answer H^{-1} g is only defined there, so both sides are compared there)."""
    facts = [st.facts for st in _parts(claim.statement, MatrixEqual)]
    inverted = {i.arg for i in claim.answer.atoms(sp.Inverse) if isinstance(i.arg, sp.MatrixSymbol)}

    def union(kind: str, extra: Iterable[Any] = ()) -> tuple[Any, ...]:
        found = [m for f in facts for m in getattr(f, kind)] + sorted(extra, key=sp.default_sort_key)
        return tuple(dict.fromkeys(found))

    return MatrixFacts(union("symmetric"), union("positive_definite"), union("invertible", inverted))


def _decide_matrix_expression(student: Any, expected: Any, facts: MatrixFacts, scope: Scope) -> Verdict:
    """Runs in the child: the prover's matrix rules (refuted at random sizes and matrices, proven by the rule
    table); never entrywise as scalars, so H^{-1} g and g^T H^{-1} stay apart."""
    return decide(MatrixEqual(student, expected, facts), scope)


def _compare_exact(kind: str, given: Any, expected: Any) -> tuple[bool, str]:
    if kind == "size":
        want = tuple(int(d) for d in expected)
        shown = "×".join(map(str, given))
        return tuple(given) == want, "" if tuple(given) == want else f"the size {shown} is not the claim's"
    return bool(given) == bool(expected), "" if bool(given) == bool(expected) else "the claim says the opposite"


def _comparable(answer: Answer, expected_kind: str) -> tuple[str, Any, str]:
    """(kind, value, note): an equation `name = value` answers an expression or matrix by its right side."""
    if answer.kind == "equation" and expected_kind in {"expr", "matrix"}:
        rhs = answer.value[1]
        kind = "matrix" if getattr(rhs, "is_Matrix", False) else "expr"
        return kind, rhs, "right-hand side of the equation; "
    if answer.kind == "expr" and isinstance(answer.value, (BigO, sp.Order)):
        return "order", answer.value, ""
    return answer.kind, answer.value, ""


def leading_order(g: Any, var: Any) -> tuple[Any, Any] | str:
    """(c, k) with g = c var^k + o(var^k) as var -> 0+, c != 0 free of var, read off g's series and confirmed by
    evaluating g / var^k near 0; or why not."""
    try:
        lead = sp.sympify(g).as_leading_term(var)
        c, k = lead.as_coeff_exponent(var)
    except Exception as exc:  # SymPy's series raises many types
        return f"no series of {sp.sstr(g)[:60]} at {var} = 0 ({type(exc).__name__})"
    if c.has(var) or not k.is_Rational or c.is_nonzero is not True:
        return f"{sp.sstr(g)[:60]} is not c {var}^k with a constant c != 0 as {var} -> 0"
    if c.free_symbols:
        return c, k  # a symbolic c, provably nonzero: the series is the evidence
    for step in (sp.Rational(1, 10**12), sp.Rational(1, 10**20)):
        near = sp.N((sp.sympify(g) / var**k).xreplace({var: step}) / c, 60)
        if not near.is_number or abs(near - 1) > sp.Rational(1, 10**6):
            return f"the series of {sp.sstr(g)[:60]} is not confirmed by evaluation near {var} = 0"
    return c, k


def compare_orders(base: CheckVerdict, value: Any, expected: sp.Order) -> CheckVerdict:
    """O(g) against the claim's O(g0), both as var -> 0: equivalent when g and g0 have the same leading power of
    var; an answer weaker (a lower power) or sharper (a higher one) than the claim's proven order is not."""
    var = expected.variables[0] if expected.variables else None
    mine = align(value, expected)
    g = mine.value.args[0]
    method = "leading order of the series at 0"
    if var is None or expected.point[0] != 0:
        return replace(base, outcome=Outcome.UNDECIDED, method=method, reason="the claim's big O is not at 0")
    ours, theirs = leading_order(g, var), leading_order(expected.expr, var)
    if isinstance(ours, str) or isinstance(theirs, str):
        return replace(base, outcome=Outcome.UNDECIDED, method=method, unmatched=mine.unmatched,
                       reason=ours if isinstance(ours, str) else str(theirs))
    k, k0 = ours[1], theirs[1]
    if k == k0:
        return replace(base, outcome=Outcome.EQUIVALENT, method=method, unmatched=mine.unmatched)
    word = "weaker" if k < k0 else "sharper"
    return replace(base, method=method, unmatched=mine.unmatched,
                   reason=f"O({sp.sstr(g)}) is O({var}^{k}), {word} than the claim's O({var}^{k0})")


def _unknown_functions(answer: Answer, expected: Any, where: tuple[Any, ...]) -> None:
    """A letter applied to an argument, f(x), that is no symbol of the claim: an unknown function, bad input
    (read as a product, it would be compared as if f were a number)."""
    names = {canonical_name(s) for s in claim_symbols(expected, where)}
    names |= {canonical_name(s).partition("_")[0] for s in claim_symbols(expected, where)}
    values = answer.value if isinstance(answer.value, tuple) else (answer.value,)
    names |= {canonical_name(v) for value in values if isinstance(value, (sp.Basic, sp.MatrixBase))
              for s in value.atoms(sp.Sum, sp.Product) for v in s.variables}  # k(k + 1) in a sum over k
    for name in answer.applied:
        if normalise_name(name) not in names:
            raise CheckInputError(f"unknown function {name}(...) in the answer: the functions known are W, "
                                  r"\lfloor\rfloor, \sigma, ReLU, O, R_v\{f\}, exp, log, sin, cos, tanh, max, "
                                  rf"min, sqrt (for a product, write {name} \cdot (...))")


def compare(claim: Claim, answer: Answer, *, timeout: float) -> CheckVerdict:
    """Compare a parsed answer with the claim's answer (tiers 2-4)."""
    expected_kind = claim_answer_kind(claim)
    if answer.applied:
        _unknown_functions(answer, claim.answer, claim_domain(claim)[0])
    kind, value, note = _comparable(answer, expected_kind)
    base = CheckVerdict(claim.id, Outcome.NOT_EQUIVALENT, "", kind=kind)
    if {kind, expected_kind} <= {"matrix", "matexpr"} and "matexpr" in {kind, expected_kind}:
        return compare_matrix_expressions(claim, base, value, note, timeout)
    if kind == "matexpr" and expected_kind == "expr" and getattr(value, "shape", None) == (1, 1):
        # u^T H u is a 1 x 1 matrix, the claim's number may be its entry: not compared, never called different
        return replace(base, outcome=Outcome.UNDECIDED, method=f"{note}kind check",
                       reason="the answer is a 1×1 matrix expression, the claim's answer a number: write it without "
                              "bold capitals, or as an inner product")
    if kind != expected_kind:
        return replace(base, method=f"{note}kind check",
                       reason=f"the answer is {KIND_WORDS[kind]}, the claim's answer is {KIND_WORDS[expected_kind]}")
    if kind in {"size", "bool"}:
        ok, why = _compare_exact(kind, value, claim.answer)
        return replace(base, outcome=Outcome.EQUIVALENT if ok else Outcome.NOT_EQUIVALENT,
                       method=f"{note}exact comparison of {'sizes' if kind == 'size' else 'yes/no'}", reason=why)
    if kind == "order":
        return compare_orders(base, value, claim.answer)
    expected = claim.answer if kind == "matrix" else sp.sympify(claim.answer, strict=True)
    if kind == "matrix" and value.shape != expected.shape:
        return replace(base, method=f"{note}shape check",
                       reason=f"the answer is {value.rows}×{value.cols}, the claim's answer is "
                              f"{expected.rows}×{expected.cols}")
    where, cases = claim_domain(claim)
    aligned = align(value, expected, where)
    outcome = run_one(lambda: _decide_equal(aligned.value, expected, where, cases, claim.scope), timeout)
    if isinstance(outcome, Finished):
        verdict, entries = outcome.value
        return CheckVerdict(claim.id, STATUS_OUTCOME[verdict.status], note + str(verdict.method),
                            verdict.reason or "", kind, _answer_counterexample(verdict.counterexample), entries,
                            aligned.unmatched, outcome.seconds)
    why = outcome.error.splitlines()[0][:200] if isinstance(outcome, Crashed) else f"no decision in {timeout:g} s"
    return CheckVerdict(claim.id, Outcome.UNDECIDED, note + ("crash" if isinstance(outcome, Crashed) else "timeout"),
                        why, kind, unmatched=aligned.unmatched, seconds=outcome.seconds)


def nonconformable(e: Any) -> str | None:
    """The first product or sum of `e` whose matrices do not fit (`g H^{-1}` of a column g), or None."""
    nodes = [e] if isinstance(e, (sp.MatMul, sp.MatAdd)) else []
    if isinstance(e, sp.Basic):
        nodes += [n for n in e.atoms(sp.MatMul, sp.MatAdd)]
    for node in nodes:
        shapes = [a.shape for a in node.args if isinstance(a, sp.MatrixExpr)]
        if isinstance(node, sp.MatMul):
            bad = any(sp.simplify(left[1] - right[0]) != 0 for left, right in itertools.pairwise(shapes))
        else:
            bad = any(shape != shapes[0] for shape in shapes)
        if bad:
            return f"{sp.sstr(node)} multiplies or adds matrices of shapes {', '.join(map(str, shapes))}"
    return None


def compare_matrix_expressions(claim: Claim, base: CheckVerdict, value: Any, note: str,
                               timeout: float) -> CheckVerdict:
    """An answer with matrix symbols (or the claim's answer has them): its symbols become the claim's matrix symbols
    by name, then the prover's matrix rules decide, under the claim's matrix facts."""
    expected = claim.answer
    where, _ = claim_domain(claim)
    aligned = align(value, expected, where)
    student = aligned.value
    if why := nonconformable(student):
        mine = sorted(canonical_name(m) for m in expected.atoms(sp.MatrixSymbol))
        foreign = sorted(set(aligned.unmatched) & {canonical_name(m) for m in student.atoms(sp.MatrixSymbol)})
        if foreign:  # q3.1 writes w_t by its entries: the answer's vector w_t is none of its matrices
            why = (f"{', '.join(foreign)} is not a matrix of the claim's answer (whose matrix symbols are "
                   f"{', '.join(mine)}); {why}")
        raise CheckInputError(f"the answer's matrices do not fit: {why}")
    if getattr(student, "shape", None) != getattr(expected, "shape", None):
        return replace(base, method=f"{note}shape check", unmatched=aligned.unmatched,
                       reason=f"the answer is {getattr(student, 'shape', '()')}, the claim's answer is "
                              f"{expected.shape}")
    facts = claim_matrix_facts(claim)
    outcome = run_one(lambda: _decide_matrix_expression(student, expected, facts, claim.scope), timeout)
    if isinstance(outcome, Finished):
        verdict = outcome.value
        return CheckVerdict(claim.id, STATUS_OUTCOME[verdict.status], note + str(verdict.method), verdict.reason or "",
                            "matexpr", _answer_counterexample(verdict.counterexample), (), aligned.unmatched,
                            outcome.seconds)
    why = outcome.error.splitlines()[0][:200] if isinstance(outcome, Crashed) else f"no decision in {timeout:g} s"
    return CheckVerdict(claim.id, Outcome.UNDECIDED, note + ("crash" if isinstance(outcome, Crashed) else "timeout"),
                        why, "matexpr", unmatched=aligned.unmatched, seconds=outcome.seconds)


def check_answer(claim_id: str, text: str, *, timeout: float = DEFAULT_TIMEOUT,
                 homework: Homework | None = None) -> CheckVerdict:
    """Is `text` (a student's LaTeX) equivalent to the answer of claim `claim_id`? Never raises on bad input."""
    start = time.perf_counter()
    try:
        claim = find_claim(claim_id, homework)
        matrices = claim_answer_kind(claim) == "matexpr"  # H g is then a product of matrices, never of numbers
        answer = parse_answer(text, timeout=PARSE_TIMEOUT, matrices=matrices)  # its own cap: the budget is for deciding
        verdict = compare(claim, answer, timeout=timeout)
    except (CheckInputError, AnswerParseError) as exc:
        verdict = CheckVerdict(claim_id, Outcome.BAD_INPUT, "input", str(exc))
    return replace(verdict, seconds=time.perf_counter() - start)


# ----------------------------------------------------------------------------------------- the command

# A file or standard input holds one answer: at most MAX_CHARS characters, so at most 4 bytes each.
MAX_BYTES = 4 * MAX_CHARS
MAX_BATCH_BYTES = 1 << 20  # a table of answers for every claim, with room to spare


def _decoded(data: bytes, where: str, cap: int = MAX_BYTES) -> str:
    if len(data) > cap:
        raise CheckInputError(f"{where} holds more than {cap} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CheckInputError(f"{where} is not UTF-8 text (invalid byte at offset {exc.start})") from None


def read_answer(arg: str, stdin: Any = None) -> str:
    """ANSWER as given: LaTeX text, `@path` for a regular file, `-` for standard input (at most MAX_BYTES read).

    Nothing of a file's content goes into an error message (see `hide_source`)."""
    if arg == "-":
        stream = stdin or sys.stdin
        raw = getattr(stream, "buffer", None)
        if raw is None:  # a text stream (tests): already decoded
            return str(stream.read(MAX_CHARS + 1))
        return _decoded(raw.read(MAX_BYTES + 1), "standard input")
    if arg.startswith("@"):
        path = Path(arg[1:])
        shown = quote(str(path))
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise CheckInputError(f"answer file {shown} is not a regular file")
            if info.st_size > MAX_BYTES:
                raise CheckInputError(f"answer file {shown} has {info.st_size} bytes, more than {MAX_BYTES}")
            with path.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise CheckInputError(f"cannot read answer file {shown}: {exc.strerror or type(exc).__name__}") from exc
        return _decoded(data, f"answer file {shown}").strip()
    return arg


_COLUMN = re.compile(r"at column \d+")
# Reasons that quote nothing of the answer's text (its size, its emptiness): said as they are.
_TEXT_FREE = re.compile(r"(answer of \d+ (characters|tokens), more than the \d+ [a-z ]*|empty answer)")


def hide_source(verdict: CheckVerdict, where: str) -> CheckVerdict:
    """A verdict on an answer read from a file, with the file's text kept out of its message: a parse error
    says only where (`@/etc/shadow` must not print a line of it)."""
    if verdict.outcome is not Outcome.BAD_INPUT:
        return verdict
    if (free := _TEXT_FREE.match(verdict.reason)) and free.end() == len(verdict.reason):
        return replace(verdict, reason=f"{where}: {verdict.reason}")
    column = _COLUMN.search(verdict.reason)
    return replace(verdict, reason=f"cannot read the answer in {where}" + (f" ({column[0]})" if column else "")
                   + "; its text is not shown")


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    # An unquoted TOML key q1.1a is the nested table q1 -> 1a: joining the keys gives the claim id back.
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            yield from _flatten(value, full)
        else:
            yield full, value


def read_batch(path: str) -> list[tuple[str, Any]]:
    """The (claim id, answer) pairs of a TOML table, in file order; CheckInputError for an unreadable file."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]  # tomli is 3.11's tomllib
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero would never end
            raise CheckInputError(f"{quote(path)} is not a regular file")
        if info.st_size > MAX_BATCH_BYTES:
            raise CheckInputError(f"{quote(path)} has {info.st_size} bytes, more than {MAX_BATCH_BYTES}")
        with open(path, "rb") as fh:
            data = tomllib.loads(_decoded(fh.read(MAX_BATCH_BYTES + 1), quote(path), MAX_BATCH_BYTES))
    except OSError as exc:
        raise CheckInputError(f"cannot read {quote(path)}: {type(exc).__name__}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CheckInputError(f"{quote(path)} is not TOML: {exc}") from exc
    pairs = list(_flatten(data))
    if not pairs:
        raise CheckInputError(f"{quote(path)} has no answers")
    return pairs


def check_batch(pairs: Iterable[tuple[str, Any]], *, timeout: float = DEFAULT_TIMEOUT,
                homework: Homework | None = None) -> list[CheckVerdict]:
    out = []
    for claim_id, text in pairs:
        if not isinstance(text, str):
            out.append(CheckVerdict(claim_id, Outcome.BAD_INPUT, "input",
                                    f"the answer to {claim_id} is a TOML {type(text).__name__}, not a string"))
        else:
            out.append(check_answer(claim_id, text, timeout=timeout, homework=homework))
    return out


def worst(verdicts: Iterable[CheckVerdict]) -> Outcome:
    return max((v.outcome for v in verdicts), key=SEVERITY.index, default=Outcome.EQUIVALENT)


def _table(verdicts: list[CheckVerdict]) -> str:
    width = max(len(v.claim_id) for v in verdicts)
    lines = []
    for v in verdicts:
        lines.append(f"{v.claim_id:<{width}}  {v.outcome.value:<14}  {v.seconds:6.2f}s  {v.detail()}")
    counts = {o: sum(v.outcome is o for v in verdicts) for o in Outcome}
    lines.append(f"{len(verdicts)} answers: " + ", ".join(f"{counts[o]} {o.value}" for o in Outcome))
    return "\n".join(lines)


def _usage_error(message: str) -> int:
    print(f"symproof check: {message}", file=sys.stderr)
    return EXIT_CODES[Outcome.BAD_INPUT]


def run(args: argparse.Namespace, homework: Homework | None = None) -> int:
    """Run `symproof check`; returns the exit code (0 equivalent, 1 not, 2 bad input, 3 undecided)."""
    if args.batch is not None:
        if args.claim_id is not None or args.answer is not None:
            return _usage_error("give either --all FILE or CLAIM_ID ANSWER, not both")
        try:
            pairs = read_batch(args.batch)
        except CheckInputError as exc:
            return _usage_error(str(exc))
        verdicts = check_batch(pairs, timeout=args.timeout, homework=homework)
        print(json.dumps(_escaped([v.as_json() for v in verdicts]), indent=2, ensure_ascii=False) if args.json
              else "\n".join(printable(line) for line in _table(verdicts).split("\n")))
        return EXIT_CODES[worst(verdicts)]
    if args.claim_id is None or args.answer is None:
        return _usage_error("expected CLAIM_ID ANSWER (ANSWER: LaTeX, @file or -) or --all FILE")
    try:
        text = read_answer(args.answer)
    except CheckInputError as exc:
        verdict = CheckVerdict(args.claim_id, Outcome.BAD_INPUT, "input", str(exc))
    else:
        try:  # the claim's own errors first: they quote the claim id, never the file
            claim_answer_kind(find_claim(args.claim_id, homework))
        except CheckInputError as exc:
            verdict = CheckVerdict(args.claim_id, Outcome.BAD_INPUT, "input", str(exc))
        else:
            verdict = check_answer(args.claim_id, text, timeout=args.timeout, homework=homework)
            if args.answer.startswith("@"):
                verdict = hide_source(verdict, f"file {quote(args.answer[1:])}")
    if args.json:
        print(json.dumps(_escaped(verdict.as_json()), indent=2, ensure_ascii=False))
    elif verdict.outcome is Outcome.BAD_INPUT:
        print(f"symproof check: {printable(verdict.reason)}", file=sys.stderr)
    else:
        print(printable(verdict.summary()))
    return verdict.exit_code


def _escaped(data: Any) -> Any:
    """JSON data with control characters escaped in every string (json.dumps leaves DEL and C1 raw)."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {printable(str(k)): _escaped(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_escaped(v) for v in data]
    return data
