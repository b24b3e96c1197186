"""Question 3's notation read by check: R_v{f}, partial derivatives, evaluation bars, matrix symbols."""

from __future__ import annotations

import pytest

from symproof.answers.check import Outcome, check_answer


def _outcome(claim_id: str, tex: str) -> Outcome:
    return check_answer(claim_id, tex, timeout=30).outcome


@pytest.mark.parametrize("tex", [
    r"R_v{f} g + R_v{g} f",
    r"\mathcal{R}_{v}\{f(\boldsymbol{w})\} g + f \mathcal{R}_{v}\{g(\boldsymbol{w})\}",
    r"g R_{v}\{f\} + f R_v{g}",
])
def test_r_operator_equivalent(tex: str) -> None:
    assert _outcome("q3.5", tex) is Outcome.EQUIVALENT


@pytest.mark.parametrize("tex", [r"R_v{f} g + R_v{f} f", r"R_v{f} R_v{g}"])
def test_r_operator_near_miss(tex: str) -> None:
    assert _outcome("q3.5", tex) is Outcome.NOT_EQUIVALENT


@pytest.mark.parametrize("tex", [r"R_v{fg}", r"R_v\{f(2w)\}", r"R_v\{f", r"\{f\}"])
def test_r_operator_malformed(tex: str) -> None:
    verdict = check_answer("q3.5", tex)
    assert verdict.outcome is Outcome.BAD_INPUT and "\n" not in verdict.reason
