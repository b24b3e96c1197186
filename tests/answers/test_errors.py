"""Bad answers fail with one AnswerParseError whose one-line message quotes the input; nothing else escapes."""

from __future__ import annotations

import sys
import time
import types

import pytest
import sympy.parsing.latex
import sympy.parsing.sympy_parser
from hypothesis import given, settings
from hypothesis import strategies as st

from symproof.answers import AnswerParseError, parse_answer


def error_of(text: str, **kwargs: float) -> str:
    with pytest.raises(AnswerParseError) as info:
        parse_answer(text, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message
    return message


def test_matrix_row_of_the_wrong_length_names_row_and_counts() -> None:
    rows = [" & ".join(["1"] * 9)] * 3 + [" & ".join(["1"] * 8)]
    message = error_of(r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}")
    assert message.endswith("matrix row 4 has 8 entries, 9 expected")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("\\frac{x}{y", "unbalanced '{' at column 9 of '\\frac{x}{y': never closed"),
     ("x}", "unbalanced '}' at column 2"), ("(x", "unbalanced '(' at column 1"),
     (r"\foo{x}", r"unknown command \foo at column 1"), (r"\mathrm{softmax}(x)", r"unknown operator \mathrm{softmax}"),
     (r"\begin{vmatrix}1\end{vmatrix}", "unsupported environment {vmatrix}"),
     (r"\begin{bmatrix}1\end{pmatrix}", r"\end{pmatrix} at column 17"), (r"x_{i^2}", "subscript {i^2}"),
     (r"\sigma x", r"write \sigma(z)"), ("x^T", "transpose of x"), (r"\log x y", "without parentheses"),
     (r"\exp x^2", "ambiguous"), ("x +", "unexpected input"), ("é", "unexpected character 'é' at column 1")],
)
def test_bad_input_message_says_what_and_where(text: str, fragment: str) -> None:
    assert fragment in error_of(text)


@pytest.mark.parametrize("text", ["", "   ", "$ $"])
def test_empty_answer_is_refused(text: str) -> None:
    assert error_of(text) == "empty answer"


def test_over_long_answer_is_refused_before_parsing() -> None:
    assert error_of("x" * 20_001) == "answer of 20001 characters, more than the 20000 allowed"
    assert "more than the 10 allowed" in error_of("x+" * 6, max_chars=10)


def test_too_deep_nesting_is_refused() -> None:
    assert "nesting deeper than 40" in error_of("{" * 41 + "x" + "}" * 41)


def test_slow_parse_is_stopped_at_the_time_limit() -> None:
    start = time.monotonic()
    message = error_of("x+" * 299 + "x", timeout=0.1)  # under the token bound, and about 1 s to parse
    assert "took more than 0.1 s, stopped" in message
    assert time.monotonic() - start < 3


def test_internal_errors_are_chained_as_the_cause() -> None:
    with pytest.raises(AnswerParseError) as info:
        parse_answer("x +")
    assert info.value.__cause__ is not None


def test_non_string_input_is_a_parse_error() -> None:
    with pytest.raises(AnswerParseError):
        parse_answer(3)  # type: ignore[arg-type]


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("text reached a code-evaluating parser")


@pytest.mark.parametrize("timeout", [None, 5.0])
def test_neither_sympify_of_text_nor_the_antlr_backend_is_used(
    monkeypatch: pytest.MonkeyPatch, timeout: float | None
) -> None:
    # sympify(str) and S(str) go through parse_expr, imported at call time; parse_latex defaults to antlr
    monkeypatch.setattr(sympy.parsing.sympy_parser, "parse_expr", _refuse)
    monkeypatch.setattr(sympy.parsing.latex, "parse_latex", _refuse)
    antlr = types.ModuleType("sympy.parsing.latex._parse_latex_antlr")
    antlr.parse_latex = _refuse  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sympy.parsing.latex._parse_latex_antlr", antlr)
    assert parse_answer(r"\frac{x}{1+e^{-\beta x}} + \sum_{j} e^{x_j}", timeout=timeout).kind == "expr"
    assert parse_answer(r"\begin{bmatrix}1 & w_{0,0}\end{bmatrix}^T", timeout=timeout).kind == "matrix"
    assert parse_answer("12 \\times 12", timeout=timeout).kind == "size"


_TOKENS = [r"\frac", "{", "}", "^", "_", "x", "1", "+", "-", r"\sum", r"\begin{bmatrix}", r"\end{bmatrix}",
           "&", r"\\", "(", ")", r"\sigma", r"\cdot", "e", "j", "=", r"\log", r"\left(", r"\right)", ",", " "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=25).map("".join))
def test_random_latex_gives_an_answer_or_a_parse_error_within_the_time_cap(text: str) -> None:
    start = time.monotonic()
    try:
        answer = parse_answer(text, timeout=2.0)
    except AnswerParseError as exc:
        assert str(exc)
    else:
        assert answer.source == text
    assert time.monotonic() - start < 4.0
