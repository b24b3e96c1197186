"""Deciding a statement: a counterexample search first, then the symbolic ladder, by a table of handlers."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import sympy as sp

from .budget import Crashed, Finished, run_one
from .ladder import LADDER, LadderResult, reduce_to_zero
from .sampling import find_counterexample, relation_counterexample
from .statements import AllOf, Check, Equal, Holds, Statement
from .verdict import Scope, Status, Verdict, combine

DEFAULT_TIMEOUT = 20.0


def _residual_entries(lhs: Any, rhs: Any) -> list[tuple[str, Any]] | str:
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        if getattr(lhs, "shape", None) != getattr(rhs, "shape", None):
            return f"shapes differ: {getattr(lhs, 'shape', '()')} and {getattr(rhs, 'shape', '()')}"
        return [(f"({i}, {j})", lhs[i, j] - rhs[i, j]) for i in range(lhs.rows) for j in range(lhs.cols)]
    return [("", lhs - rhs)]


def _ladder_all(entries: list[tuple[str, Any]]) -> tuple[bool, set[str], str]:
    """Reduce every entry; return (all zero, rules used, the first entry left non-zero with its errors)."""
    rules: set[str] = set()
    for label, residual in entries:
        result: LadderResult = reduce_to_zero(residual)
        if not result.zero:
            where = f"entry {label}: " if label else ""
            errors = f"; SymPy raised {' | '.join(result.errors)}" if result.errors else ""
            return False, rules, f"{where}residual left as {sp.sstr(result.residual)[:160]}{errors}"
        rules.update(result.rules)
    return True, rules, ""


def _rule_text(rules: set[str]) -> str:
    order = ["identical", *(rule.name for rule in LADDER)]
    return "+".join(r for r in order if r in rules) or "identical"


def decide_equal(st: Equal, scope: Scope) -> Verdict:
    shape_error = _residual_entries(st.lhs, st.rhs)
    if isinstance(shape_error, str):
        return Verdict(Status.REFUTED, scope, "shape check", counterexample={"shape": shape_error})
    cx = find_counterexample(st.lhs, st.rhs, st.where)
    if cx is not None:
        return Verdict(Status.REFUTED, scope, "random points at 40 and 80 digits", counterexample=cx.as_dict())
    if not st.cases:
        ok, rules, left = _ladder_all(shape_error)
        if ok:
            return Verdict(Status.PROVEN, scope, f"residual ladder ({_rule_text(rules)})")
        return Verdict(Status.UNKNOWN, scope, "residual ladder",
                       reason=f"no counterexample at random points, but {left}")
    used: set[str] = set()
    for case in st.cases:
        entries = [(label, sp.sympify(r).subs(dict(case.subs)) if not isinstance(r, sp.MatrixBase)
                    else r.subs(dict(case.subs))) for label, r in shape_error]
        ok, rules, left = _ladder_all(entries)
        if not ok:
            return Verdict(Status.UNKNOWN, scope, f"case split, case {case.label}",
                           reason=f"no counterexample at random points, but in case {case.label}: {left}")
        used.update(rules)
    labels = ", ".join(c.label for c in st.cases)
    return Verdict(Status.PROVEN, scope, f"case split ({labels}) + residual ladder ({_rule_text(used)})")


def decide_holds(st: Holds, scope: Scope) -> Verdict:
    relation = st.relation
    cx = relation_counterexample(relation, st.where)
    if cx is not None:
        return Verdict(Status.REFUTED, scope, "random points, exact evaluation", counterexample=cx)
    if st.certificate is not None:
        if not isinstance(relation, (sp.StrictGreaterThan, sp.GreaterThan)):
            return Verdict(Status.UNKNOWN, scope, "certificate", reason="a certificate needs a > or >= relation")
        gap = relation.lhs - relation.rhs
        ok, rules, left = _ladder_all([("", gap - st.certificate)])
        if not ok:
            return Verdict(Status.UNKNOWN, scope, "certificate", reason=f"certificate not equal to the gap: {left}")
        sign = st.certificate.is_positive if relation.rel_op == ">" else st.certificate.is_nonnegative
        if sign:
            return Verdict(Status.PROVEN, scope, f"certificate ({_rule_text(rules)}) + sign from assumptions")
        return Verdict(Status.UNKNOWN, scope, "certificate", reason="SymPy cannot read the certificate's sign")
    attempts: list[tuple[str, Callable[[Any], Any]]] = [
        ("evaluation", lambda r: r.doit() if hasattr(r, "doit") else r),
        ("simplify", lambda r: sp.simplify(r.doit() if hasattr(r, "doit") else r)),
    ]
    errors = []
    for name, fn in attempts:
        try:
            value = fn(relation)
        except Exception as exc:
            errors.append(f"{name}: {type(exc).__name__}")
            continue
        if value is sp.true or value is True:
            return Verdict(Status.PROVEN, scope, name)
    return Verdict(Status.UNKNOWN, scope, "relation", reason="no method reduced the relation to True"
                   + (f" (SymPy raised {', '.join(errors)})" if errors else ""))


def decide_check(st: Check, scope: Scope) -> Verdict:
    result = st.run()
    status = Status.PROVEN if result.ok else Status.REFUTED
    detail = dict(result.detail)
    return Verdict(status, scope, st.how, counterexample=None if result.ok else detail or {"check": "failed"},
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


def decide(statement: Statement, scope: Scope) -> Verdict:
    """Decide a statement in this process. Any exception makes the verdict UNKNOWN, never PROVEN."""
    handler = HANDLERS.get(type(statement))
    if handler is None:
        return Verdict(Status.UNKNOWN, scope, "none", reason=f"no handler for {type(statement).__name__}")
    start = time.perf_counter()
    try:
        verdict = handler(statement, scope)
    except Exception as exc:
        verdict = Verdict(Status.UNKNOWN, scope, "exception", reason=f"SymPy raised {type(exc).__name__}: {exc}"[:300])
    return verdict.with_seconds(time.perf_counter() - start)


def outcome_verdict(outcome: Any, scope: Scope, timeout: float) -> Verdict:
    """Turn what a forked child returned (or did not) into a verdict."""
    if isinstance(outcome, Finished):
        return outcome.value.with_seconds(outcome.seconds)
    if isinstance(outcome, Crashed):
        return Verdict(Status.UNKNOWN, scope, "crash", outcome.seconds, reason=outcome.error.splitlines()[0][:300])
    return Verdict(Status.UNKNOWN, scope, "timeout", outcome.seconds, reason=f"timeout after {timeout:g} s")


def prove(statement: Statement, scope: Scope = Scope.GENERAL, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Decide a statement in a child process under a time budget."""
    return outcome_verdict(run_one(lambda: decide(statement, scope), timeout), scope, timeout)
