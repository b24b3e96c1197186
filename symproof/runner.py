"""Proving claims: each in a forked child under its own time budget, two at a time on two cores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from .claim import Claim, ClaimSpec, get
from .prover.budget import run_all
from .prover.engine import DEFAULT_TIMEOUT, decide, outcome_verdict
from .prover.statements import Statement
from .prover.verdict import Scope, Verdict


def default_jobs() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _prove_in_child(claim_id: str) -> Callable[[], Verdict]:
    # The claim is built inside the child, so an error while building it is reported, not raised here.
    def task() -> Verdict:
        c = get(claim_id)
        return flatten_method(decide(c.as_statement(), c.scope))

    return task


def warm_up() -> None:
    """Import what SymPy loads lazily, once in the parent, so that forked children do not each pay for it."""
    import sympy as sp

    x = sp.Symbol("x", positive=True)
    sp.limit(x / (1 + sp.exp(-x)), x, sp.oo)
    sp.simplify(sp.exp(x) / (1 + sp.exp(x)))
    sp.N(sp.LambertW(sp.exp(-1)), 30)


def prove_claims(selected: Iterable[ClaimSpec], timeout: float = DEFAULT_TIMEOUT, jobs: int | None = None
                 ) -> Iterator[tuple[ClaimSpec, Verdict]]:
    """Yield (spec, verdict) for each claim as its proof finishes."""
    tasks = [(spec, _prove_in_child(spec.id)) for spec in selected]
    if len(tasks) > 1:
        warm_up()
    for spec, outcome in run_all(tasks, timeout, jobs or default_jobs()):
        yield spec, outcome_verdict(outcome, spec.scope, timeout)


def prove_claim(c: Claim, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Prove one built claim (its statement and every link of its derivations) under a time budget."""
    return prove_statement(c.as_statement(), c.scope, timeout)


def prove_statement(statement: Statement, scope: Scope, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    for _, outcome in run_all([(None, lambda: flatten_method(decide(statement, scope)))], timeout, 1):
        return outcome_verdict(outcome, scope, timeout)
    raise AssertionError("no outcome")  # pragma: no cover


def leaf_methods(verdict: Verdict) -> list[str]:
    if not verdict.parts:
        return [verdict.method]
    out: list[str] = []
    for _, part in verdict.parts:
        out.extend(m for m in leaf_methods(part) if m not in out)
    return out


def flatten_method(verdict: Verdict) -> Verdict:
    """A proven conjunction reads as the distinct methods of its leaves, not as nested part counts."""
    if not verdict.proven or not verdict.parts:
        return verdict
    methods = leaf_methods(verdict)
    return Verdict(verdict.status, verdict.scope, "; ".join(methods), verdict.seconds, verdict.counterexample,
                   verdict.reason, verdict.parts)
