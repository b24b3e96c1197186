"""A thin space between digits groups thousands (284\\,682, French typography): one number, not a product."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.answers import AnswerParseError
from symproof.answers.check import check_answer
from symproof.answers.outcome import Outcome
from symproof.answers.parse import parse_answer


def test_a_thin_space_groups_thousands_and_is_spacing_elsewhere() -> None:
    assert parse_answer(r"284\,682").value == sp.Integer(284682)
    assert parse_answer(r"1\,234\,567").value == sp.Integer(1234567)
    # not a group of three: spacing, and two numbers side by side are no product (LaTeX prints `2 3` as 23)
    with pytest.raises(AnswerParseError, match="two numbers side by side"):
        parse_answer(r"2\,84682")
    assert parse_answer(r"x\,y").value == sp.Symbol("x") * sp.Symbol("y")


def test_the_french_parameter_count_is_the_answer_of_3_2() -> None:
    assert check_answer("q3.2", r"284\,682").outcome is Outcome.EQUIVALENT
    assert check_answer("q3.2", r"284\,681").outcome is Outcome.NOT_EQUIVALENT
