"""Time budgets: proofs run in forked worker processes, and a worker whose proof overruns its budget is killed.

A SymPy call cannot be interrupted from a thread, so a thread-based timeout would leave the run stuck behind a
runaway ``simplify``; a process can always be killed. Workers also let two proofs use both cores.

A worker is forked once and then runs task after task, so SymPy's cache and the modules it loads lazily are
paid for once per worker, not once per task. The tasks are known before the fork: the parent sends a task's
number down a pipe and reads back one length-prefixed pickle. A worker that overruns is killed and a fresh one
forked for the next task; one that dies gives that task a crash, never an answer.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K")
T = TypeVar("T")

# The cyclic collector's thresholds in a worker (and in the command line's process): SymPy builds and drops
# objects by the million, and the default first threshold (700 allocations) made collections a few percent of a
# proof run; at 20,000 a cold `symproof prove` measured 0.05-0.08 s faster (of 1.3 s), at the cost of some memory
# held a little longer.
GC_THRESHOLD = (20_000, 20, 20)

_INDEX = struct.Struct("!I")
_LENGTH = struct.Struct("!Q")


@dataclass(frozen=True)
class Finished(Generic[T]):
    value: T
    seconds: float


@dataclass(frozen=True)
class TimedOut:
    seconds: float


@dataclass(frozen=True)
class Crashed:
    """The task raised, or its process died: never a proof."""

    error: str
    seconds: float


Outcome = Finished[T] | TimedOut | Crashed


def _read_exactly(fd: int, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _serve(tasks: list[Callable[[], object]], commands: int, results: int) -> None:
    """The worker's loop: run the task whose number arrives, answer with one framed pickle, until EOF."""
    while (head := _read_exactly(commands, _INDEX.size)) is not None:
        try:
            payload = pickle.dumps(("ok", tasks[_INDEX.unpack(head)[0]]()))
        except BaseException as exc:  # the task's failure (or an unpicklable result) is its outcome, not ours
            payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"))
        _write_all(results, _LENGTH.pack(len(payload)) + payload)


@dataclass
class _Worker:
    pid: int
    commands: int
    results: int
    key: object = None
    start: float = 0.0
    deadline: float = 0.0
    busy: bool = False
    buffer: bytearray = field(default_factory=bytearray)

    def message(self) -> bytes | None:
        """One complete answer, if the buffer holds it."""
        if len(self.buffer) < _LENGTH.size:
            return None
        size = _LENGTH.unpack_from(self.buffer)[0]
        if len(self.buffer) < _LENGTH.size + size:
            return None
        data = bytes(self.buffer[_LENGTH.size:_LENGTH.size + size])
        del self.buffer[:_LENGTH.size + size]
        return data


def _fork_worker(tasks: list[Callable[[], object]], others: list[_Worker]) -> _Worker:
    cmd_read, cmd_write = os.pipe()
    res_read, res_write = os.pipe()
    # Frozen, the parent's objects (SymPy's modules, caches, the claims) are skipped by the worker's collections:
    # they are not traversed at every full collection, nor their pages copied by it. The parent unfreezes at once.
    gc.freeze()
    try:
        pid = os.fork()
    except BaseException:
        gc.unfreeze()
        raise
    if pid == 0:  # the worker: serve, then leave without running the parent's exit handlers
        code = 0
        gc.set_threshold(*GC_THRESHOLD)
        try:
            os.close(cmd_write)
            os.close(res_read)
            for other in others:  # another worker's pipes: holding them would hide its EOF
                os.close(other.commands)
                os.close(other.results)
            _serve(tasks, cmd_read, res_write)
        except BaseException:
            code = 1
        os._exit(code)
    gc.unfreeze()
    os.close(cmd_read)
    os.close(res_write)
    return _Worker(pid, cmd_write, res_read)


def _stop(worker: _Worker, kill: bool) -> None:
    if kill:
        os.kill(worker.pid, signal.SIGKILL)
    os.close(worker.commands)
    os.close(worker.results)
    os.waitpid(worker.pid, 0)


def _decode(data: bytes, seconds: float) -> Outcome[object]:
    try:  # a value that pickles in the worker but cannot be rebuilt here is the task's failure, never ours
        kind, value = pickle.loads(data)
    except Exception as exc:
        return Crashed(f"the result could not be read back: {type(exc).__name__}: {exc}", seconds)
    return Finished(value, seconds) if kind == "ok" else Crashed(str(value), seconds)


def run_all(tasks: Iterable[tuple[K, Callable[[], T]]], timeout: float, jobs: int = 2
            ) -> Iterator[tuple[K, Outcome[T]]]:
    """Run tasks in at most `jobs` forked workers, each under `timeout` seconds, yielding (key, outcome) as each
    finishes."""
    if timeout <= 0:
        raise ValueError(f"timeout must be > 0 seconds, got {timeout}")
    listed = list(tasks)
    functions: list[Callable[[], object]] = [task for _, task in listed]
    pending = deque(range(len(listed)))
    workers: list[_Worker] = []
    try:
        while pending or any(w.busy for w in workers):
            for worker in [w for w in workers if not w.busy] + [None] * (max(1, jobs) - len(workers)):
                if not pending:
                    break
                if worker is None:
                    worker = _fork_worker(functions, workers)
                    workers.append(worker)
                index = pending.popleft()
                worker.key, worker.busy = listed[index][0], True
                worker.start = time.perf_counter()
                worker.deadline = worker.start + timeout
                _write_all(worker.commands, _INDEX.pack(index))
            busy = {w.results: w for w in workers if w.busy}
            wait = max(0.0, min(w.deadline for w in busy.values()) - time.perf_counter())
            ready, _, _ = select.select(list(busy), [], [], wait)
            for fd in ready:
                worker = busy[fd]
                chunk = os.read(fd, 1 << 16)
                seconds = time.perf_counter() - worker.start
                if not chunk:  # the worker died in the middle of the task
                    workers.remove(worker)
                    _stop(worker, kill=False)
                    yield worker.key, Crashed("the proof process died without an answer", seconds)  # type: ignore[misc]
                    continue
                worker.buffer += chunk
                data = worker.message()
                if data is not None:
                    worker.busy = False
                    yield worker.key, _decode(data, seconds)  # type: ignore[misc]
            now = time.perf_counter()
            for worker in [w for w in workers if w.busy and now >= w.deadline]:
                workers.remove(worker)
                _stop(worker, kill=True)
                yield worker.key, TimedOut(now - worker.start)  # type: ignore[misc]
    finally:
        for worker in workers:
            _stop(worker, kill=True)


def run_one(task: Callable[[], T], timeout: float) -> Outcome[T]:
    for _, outcome in run_all([(None, task)], timeout, jobs=1):
        return outcome
    raise AssertionError("run_all yielded nothing")  # pragma: no cover
