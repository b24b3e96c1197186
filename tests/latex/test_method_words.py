"""The printer words a verdict's method from its structure, in each language, and never falls back silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproof.claim import WriteUp
from symproof.homework import builtin, get, load
from symproof.latex.fragments import check_lines, check_words, method_text
from symproof.latex.wording import EN, FR, WORDING, Wording
from symproof.prover.method import COMBINING, Kind, Method, each, together
from symproof.prover.statements import checks_in

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# One method of each kind, with the details the prover gives it.
SAMPLES = {kind: Method(kind) for kind in Kind if kind not in COMBINING}
SAMPLES.update({
    Kind.RESIDUAL_LADDER: Method(Kind.RESIDUAL_LADDER, ("doit", "together")),
    Kind.CASE_SPLIT: Method(Kind.CASE_SPLIT, cases=("x > 0", "x = alpha + u")),
    Kind.CERTIFICATE: Method(Kind.CERTIFICATE, ("identical",)),
    Kind.MATRIX_RULES: Method(Kind.MATRIX_RULES, ("matrix calculus", "expand")),
    Kind.POSITIVE_DEFINITE: Method(Kind.POSITIVE_DEFINITE, subject="H"),
    Kind.CITED_RULES: Method(Kind.CITED_RULES, ("chain rule", "Taylor")),
    Kind.COMPUTED: Method(Kind.COMPUTED, ("evaluate at r = 0",)),
    Kind.CHECK: Method(Kind.CHECK, subject="float64 run vs mpmath (50 digits)"),
    Kind.STEP: Method(Kind.STEP, count=2),
    Kind.OPEN_CASE: Method(Kind.OPEN_CASE, subject="x > 0"),
})


@pytest.mark.parametrize("lang", list(WORDING))
def test_every_method_kind_has_its_words_in_each_language(lang: str) -> None:
    w = WORDING[lang]
    assert set(w.methods) == set(Kind) - COMBINING
    assert all(words.strip() for words in w.methods.values())


@pytest.mark.parametrize("w", [FR, EN], ids=["fr", "en"])
@pytest.mark.parametrize("kind", list(SAMPLES), ids=lambda k: k.name)
def test_the_printer_words_every_method_kind(kind: Kind, w: Wording) -> None:
    own = get("q1.4.float64").write_up  # a check is worded by the claim that runs it
    text = method_text(SAMPLES[kind], w, own)
    words = check_words(SAMPLES[kind].subject, w, own) if kind is Kind.CHECK else w.methods[kind]
    assert text.startswith(words)
    assert rf"\texttt{{{kind.value}}}" not in text and w.phrases["missing_text"] not in text


def test_french_words_are_not_the_english_ones() -> None:
    same = {kind for kind in FR.methods if FR.methods[kind] == EN.methods[kind]}
    assert same <= {Kind.RELATION, Kind.SIMPLIFY}, same  # "relation", "simplification": the word in both languages


def test_a_conjunction_is_worded_once_per_method_with_every_detail() -> None:
    split = together(Method(Kind.CASE_SPLIT, cases=("x > 0", "x < 0")), Method(Kind.RESIDUAL_LADDER, ("doit",)))
    method = each([split, Method(Kind.RESIDUAL_LADDER, ("cancel",)), Method(Kind.EVALUATION)])
    for w in (FR, EN):
        text = method_text(method, w)
        assert text.count(w.methods[Kind.RESIDUAL_LADDER]) == 1 and r"(\texttt{doit}, \texttt{cancel})" in text
        sep = " ; " if w.lang == "fr" else "; "
        cases = rf"(\texttt{{x > 0}}, \texttt{{x < 0}}{sep}{w.phrases['cover_proven']})"
        assert w.methods[Kind.CASE_SPLIT] + " " + cases in text
        assert text.endswith(w.methods[Kind.EVALUATION])


@pytest.mark.parametrize("lang", list(WORDING))
def test_every_theorem_a_step_may_cite_or_compute_has_its_words(lang: str) -> None:
    from symproof.prover.rules import COMPUTED, RULES

    assert set(RULES) | set(COMPUTED) <= set(WORDING[lang].why)


def test_a_cited_theorem_is_worded_and_a_rung_keeps_its_name() -> None:
    text = method_text(together(Method(Kind.CITED_RULES, ("chain rule",)), Method(Kind.COMPUTED, ("new rule",))), FR)
    assert FR.why["chain rule"] in text and r"\texttt{new rule}" in text and "chain rule" not in text


def test_a_check_is_worded_by_its_claim_and_visibly_when_not() -> None:
    own = WriteUp(text={}, steps={"my check": {"fr": "mon calcul", "en": "my computation"}})
    assert check_words("my check", FR, own) == "mon calcul" and check_words("my check", EN, own) == "my computation"
    for write_up in (None, own):
        missing = check_words("an unworded check", FR, write_up)
        assert FR.phrases["missing_text"] in missing and r"\fbox" in missing
        assert r"\texttt{an unworded check}" in missing
    assert method_text(Method(Kind.CHECK, subject="my check"), FR, own) == "mon calcul"


def test_a_check_with_a_plus_in_its_description_is_worded_whole() -> None:
    how = "every placement: receptive_field and I + body sparsity patterns"
    own = get("q5.4").write_up
    assert method_text(each([Method(Kind.CHECK, subject=how), Method(Kind.EVALUATION)]), FR, own) == (
        own.steps[how]["fr"] + ", " + FR.methods[Kind.EVALUATION])


@pytest.mark.parametrize("homework", ["builtin", "backprop"])
def test_every_check_a_claim_runs_has_its_words_in_each_language(homework: str) -> None:
    hw = builtin() if homework == "builtin" else load(EXAMPLES / "backprop")
    for spec in hw.claims:
        claim = spec.built()
        for w in WORDING.values():
            for line in check_lines(claim.statement, w, claim.write_up):
                assert w.phrases["missing_text"] not in line, (spec.id, w.lang, line)
            for check in checks_in(claim.statement):
                assert check_words(check.how, w, claim.write_up) != check.how
