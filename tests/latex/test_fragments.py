"""Claim fragments: the answer only when proven, every printed link checked, honest scope, visible fallbacks."""

from __future__ import annotations

from dataclasses import replace

from symproof.claim import Role, WriteUp
from symproof.homework import select, specs
from symproof.latex.fragments import claim_fragment, claim_text
from symproof.latex.jupyter import claim_repr_latex, verdict_repr_latex
from symproof.latex.wording import EN, FR, WORDING
from symproof.prover.verdict import Scope, Status

from .conftest import fake_entry


def test_proven_claim_shows_answer_scope_and_method() -> None:
    e = fake_entry("q1.3")
    assert e.claim is not None
    tex = claim_fragment(e.claim, e.verdict, FR)
    assert r"\textbf{Réponse :}" in tex
    assert FR.scopes[Scope.GENERAL] in tex and r"(\texttt{cancel})" in tex
    assert r"\begin{align*}" in tex and r"\checkmark" in tex
    assert "12.5" not in tex  # seconds are machine-dependent: never in a generated file


def test_unproven_claim_is_marked_and_never_answered() -> None:
    e = fake_entry("q1.3", Status.UNKNOWN)
    assert e.claim is not None
    for w in WORDING.values():
        tex = claim_fragment(e.claim, e.verdict, w)
        assert w.phrases["unproven"] in tex and r"\fbox" in tex
        assert w.phrases["answer"] not in tex and r"\checkmark" not in tex
        assert w.phrases["unchecked"] in tex and "made up" in tex


def test_each_link_carries_its_own_verdict() -> None:
    e = fake_entry("q1.1a")
    assert e.claim is not None
    parts = tuple((label, v if label != "step 1.2" else replace(v, status=Status.UNKNOWN))
                  for label, v in e.verdict.parts)
    tex = claim_fragment(e.claim, replace(e.verdict, status=Status.UNKNOWN, parts=parts), EN)
    rows = tex.split(r"% chain 1")[1].split(r"\end{align*}")[0].split(r"\\")
    assert r"\checkmark" in rows[0] and "not checked" in rows[1]


def test_claim_without_its_text_is_flagged_visibly() -> None:
    spec = replace(select(["q1.3"])[0], title="a new claim with_underscore", write_up=WriteUp(text={"en": "only en"}))
    text, missing = claim_text(spec, FR)
    assert missing and r"\fbox{\small texte français manquant}" in text and r"with\_underscore" in text
    assert claim_text(spec, EN) == ("only en", False)
    assert claim_text(select(["q1.3"])[0], FR) == (select(["q1.3"])[0].write_up.text["fr"], False)


def test_every_claim_has_its_text_in_both_languages_and_every_answer_its_hand_in() -> None:
    for spec in specs():
        for lang in ("fr", "en"):
            assert spec.write_up.missing(lang, spec.role) == [], (spec.id, lang)


def test_a_write_up_reports_what_it_lacks() -> None:
    bare = WriteUp(text={"fr": "x"}, figure="swish")
    assert bare.missing("fr", Role.ANSWER) == ["recall", "handin", "caption"]
    assert bare.missing("en", Role.SUPPORTING) == ["text", "caption"]


def test_jupyter_reprs_are_math_mode() -> None:
    e = fake_entry("q1.2.leaky")
    tex = claim_repr_latex(e.claim)
    assert tex.startswith("$$") and tex.endswith("$$") and r"\operatorname{ReLU}" in tex and "q1.2.leaky" in tex
    v = verdict_repr_latex(e.verdict)
    assert v.startswith(r"$\checkmark") and "proven (general)" in v and "12.5" not in v


def test_width_estimate_counts_commands_as_glyphs_and_wide_rows_are_stacked() -> None:
    from symproof.latex.layout import LINE_GLYPHS, glyphs, layout

    assert glyphs(r"\alpha w_{0,0} + \beta") > glyphs(r"\alpha + \beta") >= 3
    narrow = layout([("a", [("b", "")])])
    assert narrow == ["a &= b"]
    wide = "x + " * LINE_GLYPHS
    rows = layout([(wide, [("b", "why")]), (None, [("c > 0", "")])])
    assert rows[0].startswith("&") and rows[1].startswith(r"&\qquad = b") and r"\tag*{why}" in rows[1]


def test_the_audit_lists_each_wrong_variant_with_its_counterexample() -> None:
    e = fake_entry("q1.1a")
    assert e.claim is not None
    tex = claim_fragment(e.claim, e.verdict, FR)
    line = next(t for t in tex.splitlines() if "Variantes fausses réfutées" in t)
    for name in e.claim.wrong:
        assert rf"\emph{{{name}}}" in line
    assert "x = " in line and "non réfutée" not in line
    from symproof.prover.method import Kind, Method
    from symproof.prover.verdict import Verdict

    kept = claim_fragment(e.claim, e.verdict, EN,
                          {"identity": Verdict(Status.UNKNOWN, Scope.GENERAL, Method(Kind.TIMEOUT))})
    assert r"\emph{identity}: \fbox{not refuted}" in kept


def test_every_oracle_a_write_up_names_is_a_test_that_exists() -> None:
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    named = [(s.id, t) for s in specs() for t in s.write_up.oracles]
    assert len(named) >= 15
    for claim_id, test in named:
        path, _, name = test.partition("::")
        tree = ast.parse((root / path).read_text())
        assert name in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, (claim_id, test)
    e = fake_entry("q4.3")
    assert e.claim is not None
    tex = claim_fragment(e.claim, e.verdict, EN)
    assert r"\texttt{tests/claims/test\_\allowbreak{}q4.py::test\_\allowbreak{}q43" in tex


def test_the_audit_names_in_words_each_theorem_a_general_claim_cites() -> None:
    from symproof.homework import get
    from symproof.prover.derivation import Derivation
    from symproof.prover.statements import AllOf
    from symproof.runner import prove_claim

    def derivations(st: object) -> list[Derivation]:
        if isinstance(st, AllOf):
            return [d for _, part in st.parts for d in derivations(part)]
        return [st] if isinstance(st, Derivation) else []

    for claim_id in ("q3.5.every_n", "q3.6.every_n"):
        claim = get(claim_id)
        verdict = prove_claim(claim)
        assert verdict.proven and verdict.scope is Scope.CITED
        cited = {step.rule for d in derivations(claim.statement) for step in d.steps}
        for w in (FR, EN):
            text = claim_fragment(claim, verdict, w, variants={})
            check = next(line for line in text.splitlines() if w.phrases["verification"] in line)
            assert w.scopes[Scope.CITED] in check
            assert [rule for rule in sorted(cited) if w.why[rule] not in check] == [], (claim_id, w.lang)
            assert r"\texttt{chain rule}" not in check  # in the document's words, not the prover's


def test_a_long_counterexample_is_shortened_by_whole_values_and_says_how_many_are_left_out() -> None:
    from symproof.latex.fragments import counterexample_text

    cx = {"w_t": "[[4], [-4]]", "H": "[[113/16, 59/8], [59/8, 77/4]]", "g": "[[1/2], [3]]"}
    short = counterexample_text(cx, 40)
    assert short == "H = [[113/16, 59/8], [59/8, 77/4]], ... (2 more)"
    assert counterexample_text(cx, 1000) == "H = [[113/16, 59/8], [59/8, 77/4]], g = [[1/2], [3]], w_t = [[4], [-4]]"
    assert counterexample_text({"x": "1" * 500}, 40) == "x = " + "1" * 500  # one value is never cut
