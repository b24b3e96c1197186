"""Proving claims in workers: the work done after a proof comes back with it, and cannot cost the verdict."""

from __future__ import annotations

from symproof.claim import Claim
from symproof.homework import get, select
from symproof.latex import document
from symproof.latex.fragments import claim_fragment
from symproof.latex.wording import wording
from symproof.pipeline import prove_all
from symproof.prover.verdict import Verdict
from symproof.runner import prove_claims_then


def test_the_after_hook_runs_in_the_worker_on_the_claim_and_its_verdict() -> None:
    chosen = select(["q1.1a", "q1.3"])
    got = {spec.id: extra for spec, _, extra in prove_claims_then(chosen, lambda c, v: (c.id, v.status.value))}
    assert got == {s.id: (s.id, "proven") for s in chosen}  # in the order the proofs finish, so compared as a dict


def test_a_failing_after_hook_leaves_the_verdict_alone() -> None:
    def broken(claim: Claim, verdict: Verdict) -> str:
        raise RuntimeError("rendering failed")

    [(_, verdict, extra)] = list(prove_claims_then(select(["q1.1a"]), broken))
    assert verdict.proven and extra is None


def test_fragments_rendered_in_the_workers_are_those_rendered_here() -> None:
    entries = prove_all(select(["q1.1a", "q1.3"]), langs=["en"])
    w = wording("en")
    for e in entries:
        assert set(e.rendered) == {"en"}
        assert e.rendered["en"] == claim_fragment(get(e.spec.id), e.verdict, w)
        assert document.fragment(e, wording("fr")) != e.rendered["en"]  # another language is rendered afresh


def test_a_side_job_runs_in_the_pool_and_hands_over_its_value_or_none() -> None:
    got: list[object] = []
    results = list(prove_claims_then(select(["q1.1a"]), None, side=(lambda: "drawn", got.append)))
    assert got == ["drawn"] and [spec.id for spec, _, _ in results] == ["q1.1a"]

    def broken() -> object:
        raise RuntimeError("no matplotlib")

    got.clear()
    results = list(prove_claims_then(select(["q1.1a"]), None, side=(broken, got.append)))
    assert got == [None] and results[0][1].proven


def test_every_language_of_a_build_is_rendered_in_the_workers_from_one_refutation() -> None:
    entries = prove_all(select(["q1.1a", "q1.2.leaky"]), langs=["fr", "en"])
    for e in entries:
        assert set(e.rendered) == {"fr", "en"}
        for lang in ("fr", "en"):
            assert e.rendered[lang] == claim_fragment(get(e.spec.id), e.verdict, wording(lang))
