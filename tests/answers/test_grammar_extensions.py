"""Grammar additions for equiv and the printed answers: floor and ceiling, sizes (12; 12), expression subscripts."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.answers import AnswerParseError, parse_answer

x, y, n = sp.symbols("x y n")


@pytest.mark.parametrize(("text", "value"), [
    (r"\lfloor x \rfloor", sp.floor(x)),
    (r"\left\lfloor \frac{n-1}{2} \right\rfloor + 1", sp.floor((n - 1) / 2) + 1),
    (r"\lceil x \rceil \lfloor y \rfloor", sp.ceiling(x) * sp.floor(y)),
    (r"|\lceil x \rceil|", sp.Abs(sp.ceiling(x))),
])
def test_floor_and_ceiling(text: str, value: sp.Expr) -> None:
    assert parse_answer(text, timeout=None).value == value


@pytest.mark.parametrize("text", [r"\lfloor x", r"\lfloor x \rceil", r"x \rfloor"])
def test_unclosed_floor_is_bad_input(text: str) -> None:
    with pytest.raises(AnswerParseError):
        parse_answer(text, timeout=None)


@pytest.mark.parametrize(("text", "dims"), [
    ("(12; 12)", (12, 12)),
    (r"\left( 284682; \  284682\right)", (284682, 284682)),
    ("(9;9;3)", (9, 9, 3)),
    (r"\left( 12, \ 12\right)", (12, 12)),
])
def test_sizes_in_tuple_notation(text: str, dims: tuple[int, ...]) -> None:
    answer = parse_answer(text, timeout=None)
    assert answer.kind == "size" and answer.value == dims


def test_a_parenthesised_number_is_not_a_size() -> None:
    assert parse_answer("(12)", timeout=None).kind == "expr"
    for text in ("(12; x)", "(12; 12, 3)"):
        with pytest.raises(AnswerParseError):
            parse_answer(text, timeout=None)


def test_expression_subscripts_index_a_sum() -> None:
    value = parse_answer(r"\sum_{l=1}^{L} (n_{l-1} + 1) n_l", timeout=None).value
    nb, l_, big_l = sp.IndexedBase(sp.Symbol("n")), sp.Symbol("l"), sp.Symbol("L")
    assert value == sp.Sum((nb[l_ - 1] + 1) * nb[l_], (l_, 1, big_l))
    assert parse_answer("x_{k+1}", timeout=None).value == sp.Symbol("x_{k+1}")


@pytest.mark.parametrize("text", ["x_{l--1}", "x_{1-}", "x_{i^2}", "x_{(l-1)}"])
def test_malformed_subscripts_stay_bad_input(text: str) -> None:
    with pytest.raises(AnswerParseError):
        parse_answer(text, timeout=None)


@pytest.mark.parametrize(("text", "value"), [
    ("[0, 1)", (0, 1, False, True)),
    (r"\left(-\infty, x\right]", (-sp.oo, x, True, False)),
    ("]x, y[", (x, y, True, True)),
    (r"[\max(x, y), 1]", (sp.Max(x, y), 1, False, False)),
])
def test_intervals(text: str, value: tuple[object, ...]) -> None:
    answer = parse_answer(text, timeout=None)
    assert answer.kind == "interval" and answer.value == value


@pytest.mark.parametrize("text", ["(x)(y, 1)", "(x, y, 1)", "[x, ]"])
def test_what_is_not_an_interval(text: str) -> None:
    with pytest.raises(AnswerParseError):
        parse_answer(text, timeout=None)


@pytest.mark.parametrize(("text", "value"), [
    ("f(x)", sp.Function("f")(x)),
    (r"g\left(x + y\right)", sp.Function("g")(x + y)),
    ("f_1(x, y)", sp.Function("f_{1}")(x, y)),
    (r"f_{1}{\left(x,y \right)}", sp.Function("f_{1}")(x, y)),  # SymPy's own printing
    ("h(x)^2 + 1", sp.Function("h")(x) ** 2 + 1),
    ("x(x + 1)", x * (x + 1)),  # any other letter is a factor
    ("f{x}", sp.Symbol("f") * x),
])
def test_function_application(text: str, value: sp.Expr) -> None:
    assert parse_answer(text, timeout=None).value == value


def test_the_function_marker_cannot_be_typed() -> None:
    with pytest.raises(AnswerParseError, match="unknown command"):
        parse_answer(r"\fnf(x)", timeout=None)
