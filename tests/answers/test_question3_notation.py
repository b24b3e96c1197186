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


@pytest.mark.parametrize(("claim_id", "tex"), [
    ("q3.3.every_n", r"\frac{\partial_i f(\boldsymbol{w} + r\boldsymbol{v}) - \partial_i f(\boldsymbol{w})}{r}"),
    ("q3.3.every_n", r"\frac{\partial_{i} f\left(r \boldsymbol{v} + \boldsymbol{w}\right) - \partial_{i} f\left("
                     r"\boldsymbol{w}\right)}{r}"),
])
def test_partial_at_a_point_equivalent(claim_id: str, tex: str) -> None:
    assert _outcome(claim_id, tex) is Outcome.EQUIVALENT


def test_partial_at_a_point_near_miss() -> None:
    tex = r"\frac{\partial_i f(\boldsymbol{w} + r\boldsymbol{v}) - \partial_i f(\boldsymbol{w})}{r} + 1"
    assert _outcome("q3.3.every_n", tex) is Outcome.NOT_EQUIVALENT


def test_partial_at_a_point_undecided_when_only_the_point_differs() -> None:
    # Partial is opaque to the prover: a wrong point is not refuted, and never called equivalent.
    tex = r"\frac{\partial_i f(\boldsymbol{w} + r\boldsymbol{v}) - \partial_i f(\boldsymbol{w} - r\boldsymbol{v})}{r}"
    assert _outcome("q3.3.every_n", tex) is not Outcome.EQUIVALENT


@pytest.mark.parametrize("tex", [r"\partial_i f(w, v)", r"\partial_i", r"\partial_{i+} f(w)"])
def test_partial_malformed(tex: str) -> None:
    verdict = check_answer("q3.3.every_n", tex)
    assert verdict.outcome is Outcome.BAD_INPUT and "\n" not in verdict.reason


@pytest.mark.parametrize(("claim_id", "tex"), [
    ("q3.6.every_n", r"\left. \frac{\partial}{\partial r} \partial_{i} f(\mathbf{w} + r\mathbf{v}) \right|_{r=0}"),
    ("q3.6.every_n", r"\frac{\partial}{\partial r} \partial_i f(\mathbf{w} + r\mathbf{v})\Big|_{r=0}"),
    ("q3.6.every_n", r"\frac{\partial}{\partial r} \partial_i f(\mathbf{w} + r\mathbf{v})|_{r=0}"),
    ("q3.6.every_n", r"\left. \frac{\partial \partial_i f(\mathbf{w} + r\mathbf{v})}{\partial r} "
                     r"\right|_{\substack{ r=0 }}"),
    ("q3.6", r"\begin{bmatrix}\left. \frac{\partial}{\partial r} f_{1}(w_1 + r v_1, w_2 + r v_2) \right|_{r=0} \\"
             r" \left. \frac{\partial}{\partial r} f_{2}(w_1 + r v_1, w_2 + r v_2) \right|_{r=0}\end{bmatrix}"),
])
def test_derivative_and_evaluation_bar_equivalent(claim_id: str, tex: str) -> None:
    assert _outcome(claim_id, tex) is Outcome.EQUIVALENT


@pytest.mark.parametrize(("claim_id", "tex"), [
    ("q3.6.every_n", r"\left. \frac{\partial}{\partial r} \partial_{i} f(\mathbf{w} + r\mathbf{v}) \right|_{r=0} + 1"),
    ("q3.6", r"\begin{bmatrix}\left. \frac{\partial}{\partial r} f_{1}(w_1 + r v_1, w_2 + r v_2) \right|_{r=0} \\"
             r" \left. \frac{\partial}{\partial r} f_{2}(w_1 + r v_1, w_2 + r v_1) \right|_{r=0}\end{bmatrix}"),
])
def test_derivative_and_evaluation_bar_near_miss(claim_id: str, tex: str) -> None:
    assert _outcome(claim_id, tex) is Outcome.NOT_EQUIVALENT


@pytest.mark.parametrize("tex", [
    r"\frac{\partial}{\partial r} \partial_i f(\mathbf{w} + r\mathbf{v})|_{r=x+1}",
    r"\frac{\partial}{\partial r} \partial_i f(\mathbf{w} + r\mathbf{v})|_{0}",
    r"\frac{\partial}{\partial 2} \partial_i f(\mathbf{w})",
    r"\left. \partial_i f(\mathbf{w})",
])
def test_derivative_and_evaluation_bar_malformed(tex: str) -> None:
    verdict = check_answer("q3.6.every_n", tex)
    assert verdict.outcome is Outcome.BAD_INPUT and "\n" not in verdict.reason
