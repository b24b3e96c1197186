"""parse_answer runs in the prover's sandbox: overruns, dead children, stray results are one AnswerParseError each."""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from typing import Any

import pytest

from symproof.answers import AnswerParseError, parse_answer
from symproof.answers import parse as parsing
from symproof.prover import budget
from symproof.prover.budget import Crashed, Finished, Outcome, TimedOut


@pytest.fixture
def outcomes(monkeypatch: pytest.MonkeyPatch) -> list[Outcome[Any]]:
    """The sandbox's outcomes of every parse_answer call of the test (the real run_one, watched)."""
    seen: list[Outcome[Any]] = []

    def watched(task: Callable[[], Any], timeout: float) -> Outcome[Any]:
        outcome = budget.run_one(task, timeout)
        seen.append(outcome)
        return outcome

    monkeypatch.setattr(parsing, "run_one", watched)
    return seen


def _error(text: str, **kwargs: Any) -> AnswerParseError:
    with pytest.raises(AnswerParseError) as info:
        parse_answer(text, **kwargs)
    assert "\n" not in str(info.value)
    return info.value


def _sleep(*args: object, **kwargs: object) -> None:
    time.sleep(60)


def _die(*args: object, **kwargs: object) -> None:
    os._exit(7)  # the child dies without a word, as when the kernel kills it


class _Unloadable:
    """Pickles in the child, raises when the parent loads it."""

    def __reduce__(self) -> tuple[Callable[[], None], tuple[()]]:
        return (_refuse_to_load, ())


def _refuse_to_load() -> None:
    raise TypeError("this answer does not load")


def test_an_overrun_is_the_sandbox_timing_out(monkeypatch: pytest.MonkeyPatch,
                                              outcomes: list[Outcome[Any]]) -> None:
    monkeypatch.setattr(parsing, "parse_in_process", _sleep)  # the forked child inherits the patch
    error = _error("x + 1", timeout=0.3)
    assert str(error) == "parsing 'x + 1' took more than 0.3 s, stopped"
    assert [type(o) for o in outcomes] == [TimedOut]


def test_a_dead_child_is_the_sandbox_crashing(monkeypatch: pytest.MonkeyPatch, outcomes: list[Outcome[Any]]) -> None:
    monkeypatch.setattr(parsing, "parse_in_process", _die)
    error = _error("x + 1")
    assert str(error).startswith("the parser of 'x + 1' failed: ")
    assert [type(o) for o in outcomes] == [Crashed]


def test_an_answer_that_does_not_pickle_is_a_parse_error(monkeypatch: pytest.MonkeyPatch,
                                                         outcomes: list[Outcome[Any]]) -> None:
    monkeypatch.setattr(parsing, "parse_in_process", lambda *a, **k: parsing.Answer("expr", lambda: 0, "x"))
    error = _error("x")
    assert str(error).startswith("cannot parse 'x': ")
    assert [type(o) for o in outcomes] == [Finished]


def test_an_answer_that_does_not_load_is_a_parse_error_with_its_cause(monkeypatch: pytest.MonkeyPatch,
                                                                      outcomes: list[Outcome[Any]]) -> None:
    monkeypatch.setattr(parsing, "parse_in_process", lambda *a, **k: parsing.Answer("expr", _Unloadable(), "x"))
    error = _error("x")
    assert str(error) == "the parser of 'x' failed: TypeError"
    assert isinstance(error.__cause__, TypeError) and "does not load" in str(error.__cause__)
    assert [type(o) for o in outcomes] == [Finished]


@pytest.mark.parametrize("text", ["x +", r"\frac{x}{y", r"\begin{bmatrix}1 & 2 \\ 3\end{bmatrix}", "x^T",
                                  r"\frac{1}{0}"])
def test_a_parse_error_crosses_the_sandbox_with_its_message_and_cause(text: str,
                                                                      outcomes: list[Outcome[Any]]) -> None:
    with pytest.raises(AnswerParseError) as here:
        parse_answer(text, timeout=None)
    there = _error(text)
    assert str(there) == str(here.value)
    assert [type(o) for o in outcomes] == [Finished]
    cause, local = there.__cause__, here.value.__cause__
    # the cause comes back as it was when it pickles, else as a RuntimeError naming its type
    assert (cause is None) == (local is None)
    if local is not None:
        assert type(cause) is type(local) or (isinstance(cause, RuntimeError)
                                                and str(cause).startswith(type(local).__name__))


def test_an_answer_crosses_the_sandbox_unchanged(outcomes: list[Outcome[Any]]) -> None:
    for text in [r"\frac{x}{1+e^{-\beta x}}", r"\begin{bmatrix}1 & w_{0,0}\end{bmatrix}", "12 \\times 12", "oui"]:
        assert parse_answer(text) == parse_answer(text, timeout=None)
    assert [type(o) for o in outcomes] == [Finished] * 4
    assert all(isinstance(pickle.loads(o.value), tuple) for o in outcomes if isinstance(o, Finished))


def test_no_time_at_all_is_an_overrun_never_a_traceback(outcomes: list[Outcome[Any]]) -> None:
    assert str(_error("x", timeout=0)) == "parsing 'x' took more than 0 s, stopped"
    assert outcomes == []  # refused before any child is forked


def test_the_grammar_is_built_in_the_parent(outcomes: list[Outcome[Any]]) -> None:
    parsing._parser.cache_clear()
    parse_answer("x")
    assert parsing._parser.cache_info().currsize == 1  # built here, before the fork, so the child inherits it
