"""Time budgets: each proof runs in a forked child that is killed when its budget runs out.

A SymPy call cannot be interrupted from a thread, so a thread-based timeout would leave the run stuck behind a
runaway ``simplify``; a child process can always be killed. Children also let two proofs use both cores.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")
T = TypeVar("T")


@dataclass(frozen=True)
class Finished(Generic[T]):
    value: T
    seconds: float


@dataclass(frozen=True)
class TimedOut:
    seconds: float


@dataclass(frozen=True)
class Crashed:
    """The child died or raised: never a proof."""

    error: str
    seconds: float


Outcome = Finished[T] | TimedOut | Crashed


@dataclass
class _Child:
    key: object
    pid: int
    fd: int
    start: float
    deadline: float
    chunks: list[bytes]


def _spawn(key: object, task: Callable[[], object], timeout: float) -> _Child:
    read_fd, write_fd = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: compute, send one pickle, and leave without running the parent's exit handlers
        os.close(read_fd)
        code = 0
        try:
            payload = pickle.dumps(("ok", task()))
        except BaseException as exc:
            payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"))
            code = 1
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
        os._exit(code)
    os.close(write_fd)
    return _Child(key, pid, read_fd, start, start + timeout, [])


def _reap(child: _Child, killed: bool) -> Outcome[object]:
    os.close(child.fd)
    os.waitpid(child.pid, 0)
    seconds = time.perf_counter() - child.start
    if killed:
        return TimedOut(seconds)
    data = b"".join(child.chunks)
    if not data:
        return Crashed("the proof process died without an answer", seconds)
    kind, value = pickle.loads(data)
    return Finished(value, seconds) if kind == "ok" else Crashed(str(value), seconds)


def run_all(tasks: Iterable[tuple[K, Callable[[], T]]], timeout: float, jobs: int = 2
            ) -> Iterator[tuple[K, Outcome[T]]]:
    """Run tasks in forked children, at most `jobs` at once, yielding (key, outcome) as each finishes."""
    if timeout <= 0:
        raise ValueError(f"timeout must be > 0 seconds, got {timeout}")
    pending = list(tasks)
    pending.reverse()
    running: dict[int, _Child] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                key, task = pending.pop()
                child = _spawn(key, task, timeout)
                running[child.fd] = child
            now = time.perf_counter()
            wait = max(0.0, min(c.deadline for c in running.values()) - now)
            ready, _, _ = select.select(list(running), [], [], wait)
            for fd in ready:
                child = running[fd]
                chunk = os.read(fd, 1 << 16)
                if chunk:
                    child.chunks.append(chunk)
                    continue
                del running[fd]
                yield child.key, _reap(child, killed=False)  # type: ignore[misc]
            now = time.perf_counter()
            for fd, child in list(running.items()):
                if now >= child.deadline:
                    os.kill(child.pid, signal.SIGKILL)
                    del running[fd]
                    yield child.key, _reap(child, killed=True)  # type: ignore[misc]
    finally:
        for child in running.values():
            os.kill(child.pid, signal.SIGKILL)
            os.close(child.fd)
            os.waitpid(child.pid, 0)


def run_one(task: Callable[[], T], timeout: float) -> Outcome[T]:
    for _, outcome in run_all([(None, task)], timeout, jobs=1):
        return outcome
    raise AssertionError("run_all yielded nothing")  # pragma: no cover
