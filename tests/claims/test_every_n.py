"""The claims proven for every n (3.1, 3.3-3.6), every K (q2.prob) and every channel count (q5.4): their scope, the
theorems they cite, and that the general vocabulary means what the n = 2 / n = 3 instances compute."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sympy as sp

from symproof.claims import q3_hessian_vector as hv
from symproof.homework import get
from symproof.nn.generic import gradient, hessian
from symproof.prover import Derivation, Scope
from symproof.prover.derivation import instantiate
from symproof.runner import prove_claim

# The claim each sub-question's answer should rest on.
ANSWER_CLAIMS = {"3.1": "q3.1.every_n", "3.3": "q3.3.every_n", "3.4": "q3.4.every_n", "3.5": "q3.5.every_n",
                 "3.6": "q3.6.every_n", "2": "q2.prob.closed", "5.4": "q5.4.every_c"}
CITED = {"q3.3.every_n": {"derivative as a limit", "chain rule", "Taylor", "limit of a sum"},
         "q3.4.every_n": {"Taylor"},
         "q3.5.every_n": {"linearity of d/dr", "product rule"},
         "q3.6.every_n": {"chain rule"}}


@pytest.mark.parametrize("question", list(ANSWER_CLAIMS))
def test_answer_claim_is_proven_in_a_general_scope(question: str) -> None:
    claim = get(ANSWER_CLAIMS[question])
    assert claim.question == question
    verdict = prove_claim(claim)
    assert verdict.proven, verdict.summary()
    assert verdict.scope in (Scope.GENERAL, Scope.CITED)


@pytest.mark.parametrize("claim_id", list(CITED))
def test_cited_claims_name_their_theorems(claim_id: str) -> None:
    claim = get(claim_id)
    assert claim.scope is Scope.CITED
    verdict = prove_claim(claim)
    for rule in CITED[claim_id]:
        assert rule in verdict.method.cited, str(verdict.method)


def test_prove_q3_json_gives_the_every_n_claims_a_general_scope() -> None:
    out = subprocess.run([sys.executable, "-m", "symproof", "prove", "q3", "--json"], capture_output=True, text=True,
                         timeout=300)
    rows = {row["id"]: row for row in json.loads(out.stdout)}
    for question in ("3.1", "3.3", "3.4", "3.5", "3.6"):
        row = rows[ANSWER_CLAIMS[question]]
        assert row["verdict"] == "proven"
        assert row["scope"] in ("general", "general, citing rules")


@pytest.mark.parametrize("n", [2, 3])
def test_the_general_r_operator_is_the_instances_hessian_vector_product(n: int) -> None:
    # The end of 3.6's general derivation, written out at size n, is entry i of H v of the n-instance claims.
    derivation = get("q3.6.every_n").statement
    assert isinstance(derivation, Derivation)
    w, v = hv.point(n)
    hv_n = hessian("f", w) * sp.Matrix(v)
    for entry in range(n):
        end = instantiate(derivation.end, n, entry, derivation.index)
        assert sp.expand(end - hv_n[entry]) == 0


@pytest.mark.parametrize("n", [2, 3])
def test_the_general_forward_quotient_is_the_instances(n: int) -> None:
    fd, _, w, _ = hv.forward_difference(n)
    for entry in range(n):
        general = instantiate(hv.forward_quotient(), n, entry, hv.I_ENTRY)
        assert sp.expand(general - fd[entry]) == 0
    assert gradient("f", w).shape == (n, 1)


def _derivations(statement: object) -> list[Derivation]:
    if isinstance(statement, Derivation):
        return [statement]
    parts = getattr(statement, "parts", ())
    return [d for _, part in parts for d in _derivations(part)]


def test_a_claim_cites_theorems_exactly_when_its_scope_says_so() -> None:
    # "general" must mean computed: a claim whose proof cites a named theorem is declared "general, citing rules".
    from symproof.homework import specs
    from symproof.prover.rules import RULES

    for spec in specs():
        claim = get(spec.id)
        cites = any(step.rule in RULES for d in _derivations(claim.statement) for step in d.steps)
        assert cites == (claim.scope is Scope.CITED), spec.id
