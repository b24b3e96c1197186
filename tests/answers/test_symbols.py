"""Student symbols match claim symbols by canonical name only, with the one documented comma-free fallback."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.answers import canonical_name, match_symbols, parse_answer


@pytest.mark.parametrize(
    ("obj", "name"),
    [(sp.Symbol(r"\beta"), "beta"), (sp.Symbol(r"\varphi"), "phi"), (sp.Symbol(r"\boldsymbol{x}"), "x"),
     (sp.Symbol(r"\mathbf{w}_{0, 0}"), "w_{0,0}"), (sp.Symbol("x_j"), "x_{j}"), (sp.IndexedBase("x"), "x"),
     (sp.IndexedBase("w")[sp.Symbol("i"), 2], "w_{i,2}"), (sp.Symbol("variance"), "variance")],
)
def test_canonical_name(obj: sp.Basic, name: str) -> None:
    assert canonical_name(obj) == name


def test_bold_greek_and_subscripts_match_the_claim_symbols() -> None:
    answer = parse_answer(r"\boldsymbol{b} + \beta w_{0,0}").value
    b, beta, w00 = sp.Symbol("b", real=True), sp.Symbol("beta", positive=True), sp.Symbol("w_{0,0}")
    match = match_symbols(answer, [b, beta, w00])
    assert match.unmatched == ()
    assert answer.xreplace(match.mapping) == b + beta * w00


def test_comma_free_subscript_matches_only_a_unique_comma_separated_claim_symbol() -> None:
    answer = parse_answer("w_{00}").value
    assert match_symbols(answer, [sp.Symbol("w_{0,0}")]).mapping == {sp.Symbol("w_{00}"): sp.Symbol("w_{0,0}")}
    clash = match_symbols(answer, [sp.Symbol("w_{0,0}"), sp.Symbol("w_{00,}")])
    assert clash.unmatched == ("w_{00}",)


def test_exact_name_wins_over_the_comma_free_fallback() -> None:
    answer = parse_answer("x_{12}").value
    match = match_symbols(answer, [sp.Symbol("x_{1,2}"), sp.Symbol("x_{12}")])
    assert match.mapping == {sp.Symbol("x_{12}"): sp.Symbol("x_{12}")}


def test_free_subscripted_symbol_matches_a_claim_indexed_entry() -> None:
    x = sp.IndexedBase("x")
    i = sp.Symbol("i")
    match = match_symbols(parse_answer("x_i").value, [x[i]])
    assert match.mapping == {sp.Symbol("x_{i}"): x[i]}


def test_unknown_symbols_and_the_implicit_sum_bound_are_reported_not_guessed() -> None:
    answer = parse_answer(r"\sum_j y_j + z").value
    match = match_symbols(answer, [sp.IndexedBase("y")])
    assert match.unmatched == (r"j_{\max}", "z")
    assert sp.Symbol("j") not in match.mapping
