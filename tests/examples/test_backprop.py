"""The second homework (examples/backprop): every claim proven in its scope, every wrong variant refuted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from symproof.homework import load
from symproof.runner import prove_claim, prove_statement

FOLDER = Path(__file__).resolve().parents[2] / "examples" / "backprop"
HOMEWORK = load(FOLDER)
VARIANTS = [(s.id, name) for s in HOMEWORK.claims for name in s.built().wrong]


def _variant_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}:{re.sub(r'[^A-Za-z0-9_.+-]+', '_', pair[1])}"


@pytest.mark.parametrize("claim_id", [s.id for s in HOMEWORK.claims])
def test_backprop_claim_is_proven(claim_id: str) -> None:
    claim = HOMEWORK.get(claim_id)
    verdict = prove_claim(claim)
    assert verdict.proven, verdict.summary()
    assert verdict.scope is claim.scope


@pytest.mark.parametrize("variant", VARIANTS, ids=[_variant_id(v) for v in VARIANTS])
def test_backprop_wrong_variant_is_refuted(variant: tuple[str, str]) -> None:
    claim_id, name = variant
    claim = HOMEWORK.get(claim_id)
    verdict = prove_statement(claim.wrong[name], claim.scope)
    assert verdict.refuted, verdict.summary()
    assert verdict.counterexample, "a refutation must come with a counterexample"


def test_every_subquestion_has_one_answer_claim() -> None:
    answers = sorted(s.subquestion for s in HOMEWORK.claims if s.role.value == "answer")
    assert answers == list(HOMEWORK.subquestions) == ["1.1", "1.2", "1.3", "1.4"]


def test_the_softmax_gradient_needs_targets_summing_to_one() -> None:
    """The hypothesis sum y = 1 is used: without it the gradient is p (sum y) - y, and the prover says so."""
    for claim_id in ("q1.2", "q1.2.k2", "q1.2.k4"):
        claim = HOMEWORK.get(claim_id)
        assert prove_statement(claim.wrong["targets that do not sum to 1"], claim.scope).refuted


def test_the_committed_output_is_up_to_date() -> None:
    out = subprocess.run([sys.executable, "-m", "symproof", "--homework", str(FOLDER), "build", "--out",
                          str(FOLDER / "latex_out"), "--check", "--no-pdf", "--quiet"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "up to date" in out.stdout
