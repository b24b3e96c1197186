"""Fixtures for the submission tests: Question 1 proven once per session, and fake verdicts for fast tests."""

from __future__ import annotations

import pytest

from symproof.homework import get, select
from symproof.latex.document import Entry
from symproof.pipeline import prove_all
from symproof.prover.method import Kind, Method
from symproof.prover.verdict import Status, Verdict


@pytest.fixture(scope="session")
def q1_entries() -> list[Entry]:
    """Question 1, really proven (about 10 s on two cores)."""
    entries = prove_all(select(["q1"]))
    assert all(e.verdict.proven for e in entries), [e.verdict.summary() for e in entries if not e.verdict.proven]
    return entries


def fake_entry(claim_id: str, status: Status = Status.PROVEN) -> Entry:
    """A real claim with a made-up verdict whose parts cover every obligation: for tests that need no prover."""
    c = get(claim_id)
    part = Verdict(status, c.scope, Method(Kind.RESIDUAL_LADDER, ("cancel",)),
                   reason=None if status is Status.PROVEN else "made up")
    parts = tuple((label, part) for label, _ in c.obligations())
    spec = next(s for s in select([claim_id]) if s.id == claim_id)
    return Entry(spec, Verdict(status, c.scope, Method(Kind.RESIDUAL_LADDER, ("cancel",)), 12.5,
                                  reason=None if status is Status.PROVEN else "made up", parts=parts))
