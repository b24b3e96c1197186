"""Deciding an aligned answer: the prover under the time budget, matrix rules, big O by leading order, sizes."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symproof.answers.aligning import (
    _parts,
    _unknown_functions,
    align,
    claim_domain,
    claim_symbols,
    non_integer_bound,
)
from symproof.answers.functions import BigO
from symproof.answers.outcome import STATUS_OUTCOME, CheckInputError, CheckVerdict, Outcome
from symproof.answers.parse import Answer
from symproof.answers.reading import KIND_WORDS, claim_answer_kind
from symproof.answers.symbols import canonical_name, normalise_name
from symproof.answers.transform import zero_powers
from symproof.claim import Claim
from symproof.prover.budget import Crashed, Finished, run_one
from symproof.prover.engine import decide
from symproof.prover.matrix import MatrixEqual
from symproof.prover.matrix_rules import MatrixFacts
from symproof.prover.sampling import find_counterexample
from symproof.prover.statements import Case, Equal
from symproof.prover.verdict import Scope, Verdict


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


def claim_quantities(claim: Claim) -> set[str]:
    """The canonical names of what the claim speaks of: its answer's symbols, vectors, matrices and functions, and
    the symbols of its statement's equations, bound ones included (q1.1b's beta)."""
    where, _ = claim_domain(claim)
    names = {canonical_name(s) for s in claim_symbols(claim.answer, where)}
    for part in _parts(claim.statement, Equal):
        for side in (part.lhs, part.rhs):
            if isinstance(side, (sp.Basic, sp.MatrixBase)):
                # atoms, not free symbols: beta is bound by q1.1b's limit as beta -> oo, and still the claim's beta
                names |= {canonical_name(s) for s in side.atoms(sp.Symbol, sp.MatrixSymbol)}
    if isinstance(claim.answer, (sp.Basic, sp.MatrixBase)):
        names |= {normalise_name(type(f).__name__) for f in claim.answer.atoms(AppliedUndef)}
    return names


def names_the_answer(lhs: Any, rhs: Any, quantities: set[str]) -> bool:
    """Whether an equation's left side only names the answer on its right (`h(x) = ...`, `N = 284682`,
    `w^{(t+1)} = ...`): a letter, a matrix symbol, or a function applied to distinct letters, whose name is none of
    the claim's quantities and does not occur on the right. `x = max(x, 0)` is an equation in x, not a name."""
    if isinstance(lhs, AppliedUndef):
        name = normalise_name(type(lhs).__name__)
        # h(x) of the claim's x (or of a letter on the right); h(y) = max(x, 0) names nothing of the answer
        known = quantities | ({canonical_name(s) for s in rhs.free_symbols if isinstance(s, sp.Symbol)}
                              if isinstance(rhs, sp.Basic) else set())
        args_are_letters = all(isinstance(a, sp.Symbol) and canonical_name(a) in known for a in lhs.args) \
            and len(set(lhs.args)) == len(lhs.args)
        on_right = isinstance(rhs, sp.Basic) and any(normalise_name(type(f).__name__) == name
                                                     for f in rhs.atoms(AppliedUndef))
        return args_are_letters and name not in quantities and not on_right
    if isinstance(lhs, (sp.Symbol, sp.MatrixSymbol)):
        on_right = isinstance(rhs, (sp.Basic, sp.MatrixBase)) and any(
            canonical_name(s) == canonical_name(lhs) for s in rhs.free_symbols if isinstance(s, (sp.Symbol,
                                                                                              sp.MatrixSymbol)))
        return canonical_name(lhs) not in quantities and not on_right
    return False


def _value_kind(value: Any) -> str:
    if isinstance(value, sp.MatrixExpr) and value.atoms(sp.MatrixSymbol):  # as the parser's _classify
        return "matexpr"
    if getattr(value, "is_Matrix", False):
        return "matrix"
    return "order" if isinstance(value, (BigO, sp.Order)) else "expr"


def _comparable(claim: Claim, answer: Answer, expected_kind: str, *, named: bool = False) -> list[tuple[str, Any, str]]:
    """What is compared with the claim's answer, as (kind, value, note), in order; the verdict is the first that is
    not equivalent, else the last. An equation `name = value` answers by its right side; any other equation
    (`x = max(x, 0)`) states both of its sides, so each must be the claim's answer. `named`: the left side is the
    parameter whose value the claim declares (q1.1a's `beta = 0`)."""
    if answer.kind == "equation" and expected_kind in {"expr", "matrix", "matexpr", "order"}:
        lhs, rhs = answer.value
        if named or names_the_answer(lhs, rhs, claim_quantities(claim)):
            return [(_value_kind(rhs), rhs, "right-hand side of the equation; ")]
        return [(_value_kind(lhs), lhs, "left-hand side of the equation; "),
                (_value_kind(rhs), rhs, "both sides of the equation; ")]
    if answer.kind == "equation" and expected_kind in {"size", "bool"}:
        # `N = 12 \times 12` reads its right side as the product 144: never compared as the size it may mean
        raise CheckInputError(f"the answer is an equation and the claim's answer {KIND_WORDS[expected_kind]}: write "
                              "it alone (12 \\times 12, oui, non)")
    if answer.kind == "expr" and isinstance(answer.value, (BigO, sp.Order)):
        return [("order", answer.value, "")]
    return [(answer.kind, answer.value, "")]


def _sample_value(s: Any) -> Any:
    """One value of a symbol within its declared sign, to confirm a series by evaluation (not a proof)."""
    magnitude = sp.Integer(3) if s.is_integer else sp.Rational(7, 5)
    return -magnitude if s.is_negative else magnitude


def leading_order(g: Any, var: Any) -> tuple[Any, Any] | str:
    """(c, k) with g = c var^k + o(var^k) as var -> 0 (from both sides unless var is nonnegative), c != 0 free of
    var, read off g's series and confirmed by evaluating g / var^k near 0; or why not."""
    try:
        lead = sp.sympify(g).as_leading_term(var)
        c, k = lead.as_coeff_exponent(var)
    except Exception as exc:  # SymPy's series raises many types
        return f"no series of {sp.sstr(g)[:60]} at {var} = 0 ({type(exc).__name__})"
    if c.has(var) or not k.is_Rational or c.is_nonzero is not True:
        return f"{sp.sstr(g)[:60]} is not c {var}^k with a constant c != 0 as {var} -> 0"
    # a symbolic c is confirmed at one value of its symbols too: (x^2 + 1)(r + floor(-r) + 1) is no O(r)
    values = {s: _sample_value(s) for s in (c.free_symbols | sp.sympify(g).free_symbols) - {var}}
    steps = [sp.Rational(1, 10**12), sp.Rational(1, 10**20)]
    if not var.is_nonnegative:  # SymPy's series is one-sided (0+): r + floor(-r) + 1 is r there, r + 1 below 0
        steps += [-step for step in steps]
    for step in steps:
        near = sp.N(((sp.sympify(g) / var**k) / c).xreplace({**values, var: step}), 60)
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


def declared_choice(claim: Claim, answer: Answer) -> Any | None:
    """The value the claim declares for the parameter an equation `beta = v` names (its notes["choice"]), or None:
    `beta = 0` answers "which beta?", not "which function?"."""
    if answer.kind != "equation" or not isinstance(answer.value[0], sp.Symbol):
        return None
    named = answer.value[0].name
    return next((value for sym, value in claim.notes.get("choice", {}).items() if sym.name == named), None)


def compare(claim: Claim, answer: Answer, *, timeout: float) -> CheckVerdict:
    """Compare a parsed answer with the claim's answer (tiers 2-4)."""
    choice = declared_choice(claim, answer)
    if choice is None and answer.kind == "equation":  # `0 = beta` is the choice `beta = 0`
        mirrored = replace(answer, value=answer.value[::-1])
        if (choice := declared_choice(claim, mirrored)) is not None:
            answer = mirrored
    if choice is not None:
        claim = replace(claim, answer=choice)
    expected_kind = claim_answer_kind(claim)
    if answer.applied:
        _unknown_functions(answer, claim.answer, claim_domain(claim)[0])
    verdict = None
    legs = _comparable(claim, answer, expected_kind, named=choice is not None)  # `beta = 0` names the choice
    for kind, value, note in legs:
        verdict = _compare_one(claim, kind, value, note, expected_kind, timeout)
        if verdict.outcome is not Outcome.EQUIVALENT:
            break
    assert verdict is not None  # _comparable gives at least one value
    return verdict


def _compare_one(claim: Claim, kind: str, value: Any, note: str, expected_kind: str,
                 timeout: float) -> CheckVerdict:
    """One value of the answer (the answer, or one side of its equation) against the claim's answer."""
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
        judged = compare_orders(base, value, claim.answer)
        return replace(judged, method=note + judged.method)
    expected = claim.answer if kind == "matrix" else sp.sympify(claim.answer, strict=True)
    if kind == "matrix" and value.shape != expected.shape:
        return replace(base, method=f"{note}shape check",
                       reason=f"the answer is {value.rows}×{value.cols}, the claim's answer is "
                              f"{expected.rows}×{expected.cols}")
    where, cases = claim_domain(claim)
    aligned = align(value, expected, where)
    # in the claim's symbols, whose assumptions say what n is (an integer) and what x is (0^x is 0 for x > 0)
    if refused := non_integer_bound(aligned.value) or zero_powers(aligned.value):
        raise CheckInputError(refused)
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
