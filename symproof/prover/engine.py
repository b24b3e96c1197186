"""Deciding a statement: a counterexample search first, then the symbolic ladder, by a table of handlers."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .budget import Crashed, Finished, run_one
from .cases import cases_cover
from .derivation import HANDLERS as RULE_HANDLERS
from .forms import CONSTANT_DIGITS, constant_differs, is_polynomial, scaled_relations
from .ladder import (
    CHEAP_RUNGS,
    LADDER,
    LadderResult,
    Rule,
    left_to_gruntz,
    reduce_to_zero,
    rung_index,
    shield_derivatives,
)
from .matrix import HANDLERS as MATRIX_HANDLERS
from .method import Kind, Method, together
from .points import violated_assumption
from .sampling import SearchStats, find_counterexample, relation_counterexample
from .statements import AllOf, Case, Check, Equal, Holds, Statement
from .sums import index_outside_range
from .verdict import Scope, Status, Verdict, combine

DEFAULT_TIMEOUT = 20.0


def _explicit(e: Any) -> Any:
    """A product or sum of explicit matrices, multiplied out: indexing the unevaluated MatMul builds a Sum per entry
    and evaluates it, 0.5 s for a 16 x 4 matrix times a vector."""
    if isinstance(e, sp.MatrixExpr) and not isinstance(e, sp.MatrixBase) and e.atoms(sp.MatrixBase) and all(
            sp.sympify(d).is_Integer for d in e.shape) and not e.atoms(sp.MatrixSymbol):
        done = e.doit()
        return done if isinstance(done, sp.MatrixBase) else e
    return e


def _residual_entries(lhs: Any, rhs: Any) -> list[tuple[str, Any]] | str:
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        lhs, rhs = _explicit(lhs), _explicit(rhs)
        if getattr(lhs, "shape", None) != getattr(rhs, "shape", None):
            return f"shapes differ: {getattr(lhs, 'shape', '()')} and {getattr(rhs, 'shape', '()')}"
        return [(f"({i}, {j})", lhs[i, j] - rhs[i, j]) for i in range(lhs.rows) for j in range(lhs.cols)]
    return [("", lhs - rhs)]


@dataclass(frozen=True)
class Pending:
    """An entry of the residual not yet reduced to 0: its label, where the ladder left it, what SymPy raised."""

    label: str
    residual: Any
    errors: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f"entry {self.label}: " if self.label else ""
        errors = f"; SymPy raised {' | '.join(self.errors)}" if self.errors else ""
        return f"{where}residual left as {sp.sstr(self.residual)[:160]}{errors}"


FRACTION_RUNGS = {"together", "cancel"}
_LAMBERT = next(rule for rule in LADDER if rule.name == "lambert")
# A probe (0 or the residual unchanged) run first among the fraction rungs on a residual with exp(c +- W(z)): the
# definition W(z) e^W(z) = z settles q1.1b's rate alone, where together, expand and powsimp cost 0.01 s before it.
_LAMBERT_FIRST = Rule("lambert", lambda e: sp.S.Zero if _LAMBERT.apply(e) == 0 else e)


def _rungs_for(residual: Any, ladder: tuple[Rule, ...]) -> tuple[Rule, ...]:
    if is_polynomial(residual):  # 0 iff it expands to 0: the expand rung settles it without a gcd
        return tuple(rule for rule in ladder if rule.name not in FRACTION_RUNGS)
    if ladder and ladder[0].name == "together" and isinstance(residual, sp.Basic) and any(
            e.has(sp.LambertW) for e in residual.atoms(sp.exp)):
        return (_LAMBERT_FIRST, *ladder)
    return ladder


def _ladder_all(entries: list[Pending], ladder: tuple[Rule, ...] = LADDER) -> tuple[list[Pending], set[str]]:
    """Climb `ladder` on every entry; return the entries left non-zero (empty: all zero) and the rules used."""
    rules: set[str] = set()
    left: list[Pending] = []
    for entry in entries:
        result: LadderResult = reduce_to_zero(entry.residual, _rungs_for(entry.residual, ladder))
        rules.update(result.rules)
        if not result.zero:
            left.append(Pending(entry.label, result.residual, entry.errors + result.errors))
    return left, rules


def _rules_used(rules: set[str]) -> tuple[str, ...]:
    order = ["identical", *(rule.name for rule in LADDER)]
    return tuple(r for r in order if r in rules) or ("identical",)


def exact_floats(expr: Any) -> Any:
    """Every Float replaced by the binary rational it is (Float(1/3) is 6004799503160661/2**54, not 1/3), so no
    comparison is made at 53 bits: Float arithmetic would round Float(1e16) + 1 to Float(1e16)."""
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(exact_floats)
    if not isinstance(expr, sp.Basic) or not expr.atoms(sp.Float):
        return expr
    return expr.xreplace({f: sp.Rational(f) for f in expr.atoms(sp.Float)})


def _case_counterexample(st: Equal, total: int, stats: SearchStats) -> dict[str, str] | None:
    """Sample inside each case, where limits and Max often evaluate symbolically once instead of per point.

    A point found in a case's coordinates is mapped back to the statement's own symbols and kept only if it
    satisfies `where` there, so an over-wide case can never produce a counterexample outside the domain.
    """
    points = max(1, total // len(st.cases))  # the quick stage: one point in each case
    for n, case in enumerate(st.cases, start=total):
        subs = dict(case.subs)
        cx = find_counterexample(_subs(st.lhs, subs), _subs(st.rhs, subs), tuple(w.subs(subs) for w in st.where),
                                 seed=n, points=points, stats=stats)
        if cx is None:
            continue
        local = dict(cx.values)
        mapped = {sym: _subs(sp.sympify(e), local) for sym, e in subs.items()}
        # Kept only inside the domain: `where`, and every assumption of each own symbol (x = -t has no point for
        # a positive x).
        if all(_subs(w.subs(subs), local) is sp.true for w in st.where) and not any(
                violated_assumption(sym, value) for sym, value in mapped.items()):
            return {"case": case.label, **{str(k): str(v) for k, v in mapped.items()}, **cx.as_dict()}
    return None


def _subs(expr: Any, subs: dict[Any, Any]) -> Any:
    return expr.subs(subs) if hasattr(expr, "subs") else expr


def _whole_domain_counterexample(st: Equal, points: int, stats: SearchStats) -> dict[str, str] | None:
    cx = find_counterexample(st.lhs, st.rhs, st.where, seed=points, points=points, stats=stats)
    return None if cx is None else cx.as_dict()


# The ladder in three stages. First the rungs that evaluate and rename (Taylor's theorem, doit, transposes,
# canonical sums): they settle most true statements and cost little on false ones. A false statement almost
# always fails at its first random point, which comes next (every wrong variant of the claims is refuted there),
# before together/cancel/expand, which can be slow on a false residual; then MORE_POINTS before the slow rungs
# (simplify, closed forms); the full search runs only when the ladder cannot reach 0, to find a counterexample
# before answering "unknown". Sampling never proves anything: only the ladder does.
QUICK_POINTS = 1
MORE_POINTS = 3
FIRST_RUNGS = rung_index("together")
STAGES = (LADDER[:FIRST_RUNGS], LADDER[FIRST_RUNGS:CHEAP_RUNGS], LADDER[CHEAP_RUNGS:])
FULL_POINTS = 12


def _parametric_limits(residuals: list[Any]) -> bool:
    """Does a residual (each case's, as the ladder saw it) hold a limit with parameters that no theorem before
    doit settles (Taylor's, composition with exp), so that SymPy's limit evaluated it?"""
    return any(isinstance(r, sp.Basic) and r.has(sp.Limit) and left_to_gruntz(r) for r in residuals)


def _tuples_as_columns(st: Equal) -> Equal:
    """Sizes are Tuples: compare them entrywise, as column matrices (a length mismatch is a shape mismatch)."""
    def column(e: Any) -> Any:
        return sp.Matrix(list(e)) if isinstance(e, sp.Tuple) else e

    if not (isinstance(st.lhs, sp.Tuple) or isinstance(st.rhs, sp.Tuple)):
        return st
    return Equal(column(st.lhs), column(st.rhs), st.where, st.cases)


def _constant_counterexample(entries: list[tuple[str, Any]]) -> dict[str, str] | None:
    """A residual without symbols that rising precision shows nonzero (prover/forms.py): 40 digits cannot
    separate e^(pi sqrt 163) from an integer relative to its size."""
    for label, residual in entries:
        value = constant_differs(residual)
        if value is not None:
            return {**({"entry": label} if label else {}), "lhs - rhs": value}
    return None


def decide_equal(st: Equal, scope: Scope) -> Verdict:
    st = _tuples_as_columns(st)
    st = Equal(exact_floats(st.lhs), exact_floats(st.rhs), tuple(exact_floats(w) for w in st.where), st.cases)
    entries = _residual_entries(st.lhs, st.rhs)
    if isinstance(entries, str):
        return Verdict(Status.REFUTED, scope, Method(Kind.SHAPE_CHECK), counterexample={"shape": entries})
    if all(residual == 0 for _, residual in entries):
        # lhs - rhs is already the literal 0 (SymPy's own canonical form): a proof on the whole domain, cases or not.
        return Verdict(Status.PROVEN, scope, Method(Kind.RESIDUAL_LADDER, ("identical",)))
    sampled = Method(Kind.RANDOM_POINTS)
    search = _case_counterexample if st.cases else _whole_domain_counterexample
    stats = SearchStats()
    if st.cases:
        covered, why = cases_cover(st, quick=True)
        if not covered:
            # The cases may miss part of the domain: look there before the slow general cover proof.
            cx = _whole_domain_counterexample(st, FULL_POINTS, stats)
            if cx is not None:
                return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
            covered, why = cases_cover(st)
        if not covered:
            return Verdict(Status.UNKNOWN, scope, Method(Kind.CASE_SPLIT), reason=why)
    cases: tuple[Case | None, ...] = st.cases or (None,)
    pending = [[Pending(label, _subs(r, dict(case.subs) if case else {})) for label, r in entries] for case in cases]
    used: set[str] = set()
    for stage, rungs in enumerate(STAGES):
        if not any(pending):
            break
        if stage:  # the rungs so far left something: points before the next, costlier ones
            cx = search(st, QUICK_POINTS if stage == 1 else MORE_POINTS, stats)
            if cx is not None:
                return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
        for n, left in enumerate(pending):
            if left:
                pending[n], rules = _ladder_all(left, rungs)
                used.update(rules)
    failed = [n for n, left in enumerate(pending) if left]
    if failed:
        cx = search(st, FULL_POINTS, stats)
        if cx is not None:
            return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
        cx = _constant_counterexample(entries)
        if cx is not None:
            return Verdict(Status.REFUTED, scope, Method(Kind.CERTIFIED_DIGITS, count=CONSTANT_DIGITS[-1]),
                           counterexample=cx)
        case = cases[failed[0]]
        where = f"in case {case.label}: " if case else ""
        tested = (f"no counterexample at {stats.points} evaluated points" if stats.points
                  else "no point of the domain could be evaluated")
        if stats.unsampled:
            tested += f" ({stats.unsampled})"
        return Verdict(Status.UNKNOWN, scope, Method(Kind.OPEN_CASE, subject=case.label) if case else
                       Method(Kind.RESIDUAL_LADDER),
                       reason=f"{tested}, but {where}{pending[failed[0]][0].describe()}")
    as_seen = [_subs(r, dict(case.subs) if case else {}) for case in cases for _, r in entries]
    if _parametric_limits(as_seen) and not stats.points:
        # SymPy's limit with symbolic parameters is the one step of the ladder known to go wrong (its open Gruntz
        # issues): it counts only once the search has confirmed, by evaluation, the limits at some point.
        cx = search(st, FULL_POINTS, stats)
        if cx is not None:
            return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
        if not stats.points:
            return Verdict(Status.UNKNOWN, scope, Method(Kind.RESIDUAL_LADDER), reason="the ladder used SymPy's "
                           "limit with symbolic parameters, and no point confirmed it by evaluation")
    if not st.cases:
        return Verdict(Status.PROVEN, scope, Method(Kind.RESIDUAL_LADDER, _rules_used(used)))
    labels = tuple(c.label for c in st.cases)
    return Verdict(Status.PROVEN, scope, together(Method(Kind.CASE_SPLIT, cases=labels),
                                                  Method(Kind.RESIDUAL_LADDER, _rules_used(used))))


def _certificate(st: Holds, scope: Scope) -> Verdict:
    """gap = certificate by the ladder, and the certificate's sign read off the symbols' assumptions."""
    relation = st.relation
    if not isinstance(relation, (sp.StrictGreaterThan, sp.GreaterThan)):
        return Verdict(Status.UNKNOWN, scope, Method(Kind.CERTIFICATE), reason="a certificate needs a > or >= relation")
    left, rules = _ladder_all([Pending("", relation.lhs - relation.rhs - st.certificate)])
    if left:
        return Verdict(Status.UNKNOWN, scope, Method(Kind.CERTIFICATE),
                       reason=f"certificate not equal to the gap: {left[0].describe()}")
    sign = st.certificate.is_positive if relation.rel_op == ">" else st.certificate.is_nonnegative
    if sign:
        return Verdict(Status.PROVEN, scope, together(Method(Kind.CERTIFICATE, _rules_used(rules)),
                                                      Method(Kind.SIGN_FROM_ASSUMPTIONS)))
    return Verdict(Status.UNKNOWN, scope, Method(Kind.CERTIFICATE), reason="SymPy cannot read the certificate's sign")


def _evaluated(relation: Any) -> Any:
    return relation.doit() if hasattr(relation, "doit") else relation


# Without a certificate, a relation is evaluated, then (after MORE_POINTS more points) compared up to a positive
# factor, then simplified.
RELATION_STAGES: tuple[tuple[Kind, Callable[[Any], Any]], ...] = (
    (Kind.EVALUATION, _evaluated),
    (Kind.SCALED_RELATIONS, lambda r: scaled_relations(_evaluated(r))),
    (Kind.SIMPLIFY, lambda r: sp.simplify(_evaluated(r))),
)


def decide_holds(st: Holds, scope: Scope) -> Verdict:
    """Like an identity: a random point, the cheap symbolic proof, more points, the slow one, the full search."""
    sampled = Method(Kind.RANDOM_POINTS_EXACT)
    st = Holds(exact_floats(st.relation), tuple(exact_floats(w) for w in st.where), exact_floats(st.certificate))
    if shield_derivatives(st.relation) != st.relation:
        return Verdict(Status.UNKNOWN, scope, Method(Kind.RELATION), reason="a derivative at a point where the "
                       "function is not provably differentiable (its formula would rely on a convention such as "
                       "Heaviside(0) = 1/2)")
    cx = relation_counterexample(st.relation, st.where, points=QUICK_POINTS)
    if cx is not None:
        return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
    if st.certificate is not None:
        verdict = _certificate(st, scope)
    else:
        errors: list[str] = []
        for stage, (name, attempt) in enumerate(RELATION_STAGES):
            if stage:
                cx = relation_counterexample(st.relation, st.where, seed=2, points=MORE_POINTS)
                if cx is not None:
                    return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
            try:
                value = attempt(st.relation)
            except Exception as exc:
                errors.append(f"{name.value}: {type(exc).__name__}")
                continue
            if value is sp.true or value is True:
                return Verdict(Status.PROVEN, scope, Method(name))
        verdict = Verdict(Status.UNKNOWN, scope, Method(Kind.RELATION), reason="no method reduced the relation to True"
                          + (f" (SymPy raised {', '.join(errors)})" if errors else ""))
    if verdict.proven:
        return verdict
    stats = SearchStats()
    cx = relation_counterexample(st.relation, st.where, seed=1, points=2 * FULL_POINTS, stats=stats)
    if cx is not None:
        return Verdict(Status.REFUTED, scope, sampled, counterexample=cx)
    if stats.unsampled:
        return Verdict(verdict.status, scope, verdict.method, reason=f"{verdict.reason}; {stats.unsampled}")
    return verdict


def decide_check(st: Check, scope: Scope) -> Verdict:
    result = st.run()
    status = Status.PROVEN if result.ok else Status.REFUTED
    detail = dict(result.detail)
    return Verdict(status, scope, Method(Kind.CHECK, subject=st.how),
                   counterexample=None if result.ok else detail or {"check": "failed"},
                   reason="; ".join(f"{k} = {v}" for k, v in detail.items()) if result.ok and detail else None)


def decide_all(st: AllOf, scope: Scope) -> Verdict:
    parts: list[tuple[str, Verdict]] = []
    for label, part in st.parts:
        parts.append((label, decide(part, scope)))
        if parts[-1][1].refuted:  # one false part settles it; the rest would only cost time
            break
    return combine(scope, tuple(parts))


HANDLERS: dict[type, Callable[[Any, Scope], Verdict]] = {
    Equal: decide_equal,
    Holds: decide_holds,
    Check: decide_check,
    AllOf: decide_all,
}
# Matrix identities over symbolic sizes and steps citing named theorems have their own deciders (matrix.py,
# derivation.py); they only add entries here.
HANDLERS.update(MATRIX_HANDLERS)
HANDLERS.update(RULE_HANDLERS)


def statement_expressions(obj: Any) -> list[Any]:
    """Every SymPy expression a statement holds, through its fields, tuples and mappings (its conjunction's parts)."""
    if isinstance(obj, (sp.Basic, sp.MatrixBase)):
        return [obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        obj = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    elif isinstance(obj, dict):
        obj = [*obj.keys(), *obj.values()]
    elif not isinstance(obj, (tuple, list)):
        return []
    return [e for item in obj for e in statement_expressions(item)]


def decide(statement: Statement, scope: Scope) -> Verdict:
    """Decide a statement in this process. Any exception makes the verdict UNKNOWN, never PROVEN."""
    handler = HANDLERS.get(type(statement))
    if handler is None:
        return Verdict(Status.UNKNOWN, scope, Method(Kind.NO_HANDLER),
                       reason=f"no handler for {type(statement).__name__}")
    start = time.perf_counter()
    if why := next(filter(None, map(index_outside_range, statement_expressions(statement))), None):
        return Verdict(Status.UNKNOWN, scope, Method(Kind.NO_HANDLER), reason=why)
    try:
        verdict = handler(statement, scope)
    except Exception as exc:
        verdict = Verdict(Status.UNKNOWN, scope, Method(Kind.EXCEPTION),
                          reason=f"SymPy raised {type(exc).__name__}: {exc}"[:300])
    return verdict.with_seconds(time.perf_counter() - start)


def outcome_verdict(outcome: Any, scope: Scope, timeout: float) -> Verdict:
    """Turn what a forked child returned (or did not) into a verdict."""
    if isinstance(outcome, Finished):
        return outcome.value.with_seconds(outcome.seconds)
    if isinstance(outcome, Crashed):
        return Verdict(Status.UNKNOWN, scope, Method(Kind.CRASH), outcome.seconds,
                       reason=outcome.error.splitlines()[0][:300])
    return Verdict(Status.UNKNOWN, scope, Method(Kind.TIMEOUT), outcome.seconds, reason=f"timeout after {timeout:g} s")


def prove(statement: Statement, scope: Scope = Scope.GENERAL, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Decide a statement in a child process under a time budget."""
    return outcome_verdict(run_one(lambda: decide(statement, scope), timeout), scope, timeout)
