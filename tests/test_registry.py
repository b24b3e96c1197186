"""The claim registry: ids follow the assignment, duplicates are errors, selectors pick what they name."""

from __future__ import annotations

import pytest

from symproof.claim import Body, DuplicateClaimError, Homework, UnknownSelectorError, claim, matches
from symproof.homework import builtin, select, specs
from symproof.prover import Scope, eq


def test_duplicate_id_is_an_error_when_the_homework_is_made() -> None:
    @claim("q1.1a", "1.1", "again", Scope.GENERAL)
    def again() -> Body:  # pragma: no cover - never built
        return Body(statement=eq(1, 1), wrong={"x": eq(1, 2)})

    with pytest.raises(DuplicateClaimError, match=r"q1\.1a.*defined twice"):
        Homework.of(builtin().meta, [*specs(), again.__symproof_claim__])  # type: ignore[attr-defined]


def test_the_decorator_registers_nothing() -> None:
    @claim("q1.9z", "1.9", "never collected", Scope.GENERAL)
    def stray() -> Body:  # pragma: no cover - never built
        return Body(statement=eq(1, 1), wrong={"x": eq(1, 2)})

    assert "q1.9z" not in [s.id for s in specs()]


@pytest.mark.parametrize("bad", ["Q1", "q1-2", "q0.1", "1.1a", "q1.1b.Rate"])
def test_ids_must_follow_the_numbering(bad: str) -> None:
    with pytest.raises(ValueError, match="numbering"):
        claim(bad, "1", "t", Scope.GENERAL)


@pytest.mark.parametrize(("claim_id", "selector", "expected"), [
    ("q1.1a", "q1", True), ("q1.1a", "q1.1", True), ("q1.1b.rate", "q1.1b", True),
    ("q1.10", "q1.1", False), ("q10.1", "q1", False), ("q1.2", "q1.2", True), ("q1.2", "q1.3", False),
])
def test_selector_semantics(claim_id: str, selector: str, expected: bool) -> None:
    assert matches(claim_id, selector) is expected


def test_unknown_selector_names_the_nearest_ids() -> None:
    with pytest.raises(UnknownSelectorError, match=r"unknown claim 'q1\.9'; nearest: q1\."):
        select(["q1.9"])


def test_claims_are_listed_in_the_assignments_order() -> None:
    ids = [s.id for s in specs()]
    q1 = [i for i in ids if i.startswith("q1.")]
    assert q1.index("q1.1a") < q1.index("q1.1b") < q1.index("q1.1b.rate") < q1.index("q1.2") < q1.index("q1.4")
