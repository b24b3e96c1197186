"""The worker pool behind every proof: answers come back whole and keyed, and a failure costs only its own task."""

from __future__ import annotations

import os
import time

import pytest

from symproof.prover.budget import Crashed, Finished, TimedOut, run_all


def outcomes(tasks: list, timeout: float = 10.0, jobs: int = 2) -> dict:
    return dict(run_all(tasks, timeout, jobs))


def test_every_task_answers_under_its_own_key() -> None:
    got = outcomes([(k, lambda k=k: k * k) for k in range(7)])
    assert {k: o.value for k, o in got.items() if isinstance(o, Finished)} == {k: k * k for k in range(7)}


def test_workers_are_forked_once_and_reused() -> None:
    got = outcomes([(k, os.getpid) for k in range(4)], jobs=1)
    pids = {o.value for o in got.values()}
    assert len(pids) == 1 and os.getpid() not in pids


def test_a_task_that_raises_is_a_crash_and_the_others_still_answer() -> None:
    def boom() -> int:
        raise RuntimeError("boom")

    got = outcomes([("a", lambda: 1), ("boom", boom), ("c", lambda: 3)], jobs=1)
    assert isinstance(got["boom"], Crashed) and "RuntimeError: boom" in got["boom"].error
    assert got["a"] == Finished(1, got["a"].seconds) and got["c"].value == 3


def test_a_worker_that_dies_is_replaced() -> None:
    got = outcomes([("before", os.getpid), ("dies", lambda: os._exit(3)), ("after", os.getpid)], jobs=1)
    assert isinstance(got["dies"], Crashed) and "died" in got["dies"].error
    assert got["before"].value != got["after"].value  # a fresh worker took the next task


def test_an_overrun_is_killed_and_the_run_goes_on() -> None:
    start = time.perf_counter()
    got = outcomes([("slow", lambda: time.sleep(30)), ("quick", lambda: "done")], timeout=0.5, jobs=1)
    assert isinstance(got["slow"], TimedOut) and got["quick"].value == "done"
    assert time.perf_counter() - start < 10


def test_an_answer_larger_than_a_pipe_buffer_arrives_whole() -> None:
    big = bytes(range(256)) * 8192  # 2 MiB
    got = outcomes([("big", lambda: big), ("small", lambda: b"x")])
    assert got["big"].value == big and got["small"].value == b"x"


def test_an_unpicklable_answer_is_a_crash_not_a_hang() -> None:
    got = outcomes([("lambda", lambda: (lambda: 0)), ("next", lambda: 2)], jobs=1)
    assert isinstance(got["lambda"], Crashed) and got["next"].value == 2


def test_nonpositive_timeout_is_rejected() -> None:
    with pytest.raises(ValueError, match="timeout must be > 0"):
        list(run_all([("a", lambda: 1)], 0))


class _Unloadable:
    """Pickles in the worker; cannot be rebuilt in the parent."""

    def __reduce__(self) -> tuple:
        return (_refuse, ())


def _refuse() -> None:
    raise TypeError("not here")


def test_an_answer_that_cannot_be_read_back_is_a_crash_and_the_others_still_answer() -> None:
    got = outcomes([("odd", lambda: _Unloadable()), ("next", lambda: 3)], jobs=1)
    assert isinstance(got["odd"], Crashed) and "could not be read back" in got["odd"].error
    assert got["next"].value == 3
