"""Every registered claim is proven in its stated scope, and every wrong variant is refuted with a counterexample.

One test item per claim and per wrong variant, named by the claim's id, so ``pytest -k q1`` runs question 1.
"""

from __future__ import annotations

import re

import pytest

from symproof.homework import get, specs
from symproof.runner import prove_claim, prove_statement

SPECS = specs()
VARIANTS = [(s.id, name) for s in SPECS for name in get(s.id).wrong]


def _variant_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}:{re.sub(r'[^A-Za-z0-9_.+-]+', '_', pair[1])}"


@pytest.mark.parametrize("claim_id", [s.id for s in SPECS])
def test_claim_is_proven(claim_id: str) -> None:
    claim = get(claim_id)
    verdict = prove_claim(claim)
    assert verdict.proven, verdict.summary()
    assert verdict.scope is claim.scope
    assert verdict.counterexample is None


@pytest.mark.parametrize("variant", VARIANTS, ids=[_variant_id(v) for v in VARIANTS])
def test_wrong_variant_is_refuted(variant: tuple[str, str]) -> None:
    claim_id, name = variant
    claim = get(claim_id)
    verdict = prove_statement(claim.wrong[name], claim.scope)
    assert verdict.refuted, verdict.summary()
    assert verdict.counterexample, "a refutation must come with a counterexample"


def test_every_claim_has_a_wrong_variant() -> None:
    assert all(get(s.id).wrong for s in SPECS)


def test_question_one_is_complete() -> None:
    ids = {s.id for s in SPECS}
    assert {"q1.1a", "q1.1b", "q1.2", "q1.3", "q1.4"} <= ids
