"""Digit grouping in sizes (284\\,682, 284{,}682), the entry g_i(x) of the gradient function, R_{\\boldsymbol{v}}."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.answers import AnswerParseError
from symproof.answers.check import check_answer
from symproof.answers.outcome import Outcome
from symproof.answers.parse import parse_answer


def _outcome(claim_id: str, tex: str) -> Outcome:
    return check_answer(claim_id, tex, timeout=30).outcome


@pytest.mark.parametrize("tex", [
    r"\left( 284\,682; \  284\,682\right)",
    r"\left( 284{,}682, \  284{,}682\right)",
    r"284\,682 \times 284\,682",
    r"284{,}682 \times 284{,}682",
])
def test_a_grouped_size_is_the_hessians(tex: str) -> None:
    assert _outcome("q3.2.hessian", tex) is Outcome.EQUIVALENT


@pytest.mark.parametrize("tex", [r"284\,683 \times 284\,682", r"\left( 284{,}682, \ 284{,}681\right)"])
def test_a_grouped_size_near_miss(tex: str) -> None:
    assert _outcome("q3.2.hessian", tex) is Outcome.NOT_EQUIVALENT


def test_grouping_is_only_a_digit_and_exactly_three_more() -> None:
    assert parse_answer(r"284{,}682").value == sp.Integer(284682)
    assert parse_answer(r"1{,}234{,}567 + 1").value == sp.Integer(1234568)
    assert parse_answer(r"2 \ x").value == 2 * sp.Symbol("x")  # a control space is a space
    # not a grouping: `\,` stays spacing, never the number 28468; and two numbers side by side are no product
    # (it was 284 * 68 * 2, which the page, "284 68 x 2", does not say)
    with pytest.raises(AnswerParseError, match="two numbers side by side"):
        parse_answer(r"284\,68 \times 2")


@pytest.mark.parametrize("tex", [r"284{,}68 \times 284{,}682", r"1{,}5", r"284{,}6821"])
def test_a_braced_comma_that_is_no_grouping_is_bad_input(tex: str) -> None:
    verdict = check_answer("q3.2.hessian", tex)
    assert verdict.outcome is Outcome.BAD_INPUT and "\n" not in verdict.reason


@pytest.mark.parametrize("tex", [
    r"\frac{g_i(\boldsymbol{w} + r\boldsymbol{v}) - g_i(\boldsymbol{w})}{r}",
    r"\frac{g_{i}(r \boldsymbol{v} + \boldsymbol{w}) - g_{i}(\boldsymbol{w})}{r}",
])
def test_the_entry_of_the_gradient_function_is_the_partial(tex: str) -> None:
    assert _outcome("q3.3.every_n", tex) is Outcome.EQUIVALENT


def test_another_entry_is_not_entry_i() -> None:
    # g_j reads as \partial_j f: another entry, which the prover leaves open, as it does \partial_j f itself
    other = check_answer("q3.3.every_n", r"\frac{g_j(w + r v) - g_j(w)}{r}", timeout=30)
    assert other.outcome is not Outcome.EQUIVALENT
    assert "Partial(f, (j,), r*v + w)" in other.summary()
    assert other.outcome is _outcome("q3.3.every_n", r"\frac{\partial_j f(w + r v) - \partial_j f(w)}{r}")


def test_an_entry_of_a_gradient_the_claim_lacks_is_bad_input() -> None:
    verdict = check_answer("q3.5", r"g_i(w)")
    assert verdict.outcome is Outcome.BAD_INPUT and "\n" not in verdict.reason


@pytest.mark.parametrize("tex", [
    r"\mathcal{R}_{\boldsymbol{v}}\{g_i(\boldsymbol{w})\}",
    r"\mathcal{R}_{\mathbf{v}}\{g_{i}(\mathbf{w})\}",
    r"R_{\bm{v}}\{g_i(w)\}",
])
def test_the_r_operator_of_an_entry_is_its_definition(tex: str) -> None:
    assert _outcome("q3.6.every_n", tex) is Outcome.EQUIVALENT


@pytest.mark.parametrize("tex", [
    r"\mathcal{R}_{\boldsymbol{u}}\{g_i(\boldsymbol{w})\}",
    r"\mathcal{R}_{\boldsymbol{v}}\{g_j(\boldsymbol{w})\}",
])
def test_the_r_operator_of_an_entry_near_miss(tex: str) -> None:
    assert _outcome("q3.6.every_n", tex) is not Outcome.EQUIVALENT


def test_a_bold_subscript_is_its_letter() -> None:
    assert parse_answer(r"x_{\boldsymbol{k}}").value == parse_answer(r"x_{k}").value
    assert _outcome("q3.5", r"\mathcal{R}_{\boldsymbol{v}}\{f\} g + f R_{\mathbf{v}}\{g\}") is Outcome.EQUIVALENT
    assert _outcome("q3.5", r"\mathcal{R}_{\boldsymbol{u}}\{f\} g + f R_{\mathbf{v}}\{g\}") is not Outcome.EQUIVALENT


@pytest.mark.parametrize("tex", [
    r"\mathcal{R}_{\boldsymbol{vv}}\{g_i(\boldsymbol{w})\}",
    r"\mathcal{R}_{\boldsymbol{v}}\{g_i\}",
    r"\mathcal{R}_{\boldsymbol{r}}\{g_i(\boldsymbol{w})\}",
])
def test_a_malformed_r_operator_of_an_entry_is_bad_input(tex: str) -> None:
    verdict = check_answer("q3.6.every_n", tex)
    assert verdict.outcome is Outcome.BAD_INPUT and "\n" not in verdict.reason
