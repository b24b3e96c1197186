"""`symproof equiv`: are two expressions (LaTeX or SymPy) equal under stated assumptions, and if not, where not?"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..prover.budget import Crashed, Finished, run_one
from ..prover.engine import DEFAULT_TIMEOUT
from ..prover.verdict import Scope
from .deciding import DECIDERS, JUDGES
from .reading import KIND_NAMES, as_side, read_assumptions, with_assumptions
from .verdict import STATUS_OUTCOME, Equivalence, EquivInputError

# ----------------------------------------------------------------------------------------------- the API

def equivalent(a: Any, b: Any, assume: Iterable[str | Any] = (), *, timeout: float = DEFAULT_TIMEOUT) -> Equivalence:
    r"""Are `a` and `b` equal for every value of their symbols (real unless `assume` says more)?

    `a`, `b`: LaTeX text (`r'\tanh x'`) or SymPy objects; `assume`: `'x > 0'`, `'n integer'`, ...
    Expressions and matrices are decided by the prover (a counterexample search, then the residual ladder),
    in a child process under `timeout` seconds; equations by their solution sets; sizes and yes/no exactly.
    Never raises on bad input: the verdict says "bad input" and why.
    """
    start = time.perf_counter()
    try:
        verdict = _equivalent(a, b, assume, timeout)
    except EquivInputError as exc:
        verdict = Equivalence("bad input", "input", str(exc))
    return replace(verdict, seconds=time.perf_counter() - start)


def _equivalent(a: Any, b: Any, assume: Iterable[str | Any], timeout: float) -> Equivalence:
    left, right = as_side(a), as_side(b)
    if left.kind == "interval" and right.alternative is not None:
        right = right.alternative
    if right.kind == "interval" and left.alternative is not None:
        left = left.alternative
    if left.kind != right.kind:
        return Equivalence("not equivalent", "kind check", f"the first is {KIND_NAMES[left.kind]}, the second is "
                           f"{KIND_NAMES[right.kind]}", kind=left.kind)
    if left.kind in JUDGES:
        return JUDGES[left.kind](left, right)
    x: Any
    y: Any
    if left.kind == "interval":
        ends, unused = with_assumptions([*left.value[:2], *right.value[:2]], read_assumptions(assume))
        x, y = (*ends[:2], *left.value[2:]), (*ends[2:], *right.value[2:])
    else:
        (x, y), unused = with_assumptions([left.value, right.value], read_assumptions(assume))
    if unused:
        raise EquivInputError(f"the assumption on {', '.join(unused)} names no symbol of either expression")
    from ..answers.aligning import non_integer_bound
    from ..answers.transform import zero_powers

    for side in (x, y):  # once the symbols have their assumptions: n/2 of an integer n, 0^x of a positive x
        if why := non_integer_bound(side) or zero_powers(side):
            raise EquivInputError(why)
    if left.kind == "matrix" and x.shape != y.shape:
        return Equivalence("not equivalent", "shape check", f"the first is {x.rows}×{x.cols}, the second is "
                           f"{y.rows}×{y.cols}", kind="matrix")
    decider = DECIDERS[left.kind]
    outcome = run_one(lambda: decider(x, y, Scope.GENERAL), timeout)
    if isinstance(outcome, Finished):
        verdict, entries = outcome.value
        cx = verdict.counterexample
        if cx is not None:
            cx = {{"lhs": "first", "rhs": "second", "lhs - rhs": "first - second"}.get(k, k): v for k, v in cx.items()}
        return Equivalence(STATUS_OUTCOME[verdict.status], str(verdict.method), verdict.reason or "", left.kind, cx,
                           entries)
    why = outcome.error.splitlines()[0][:200] if isinstance(outcome, Crashed) else f"no decision in {timeout:g} s"
    return Equivalence("undecided", "crash" if isinstance(outcome, Crashed) else "timeout", why, left.kind)


# ------------------------------------------------------------------------------------------- the command

def run(args: Any) -> int:
    """`symproof equiv A B [--assume ...] [--json] [--timeout S]`; exit 0 equivalent, 1 not, 2 bad input, 3 open."""
    from ..answers.outcome import CheckInputError
    from ..answers.reading import read_answer

    try:
        texts = [read_answer(args.first), read_answer(args.second)] if args.first != "-" or args.second != "-" \
            else None
    except CheckInputError as exc:
        texts, error = None, str(exc)
    else:
        error = "" if texts is not None else "only one of A and B can be read from standard input"
    if texts is None:
        verdict = Equivalence("bad input", "input", error)
    else:
        verdict = equivalent(texts[0], texts[1], args.assume or (), timeout=args.timeout)
    if args.json:
        print(json.dumps(verdict.as_json(), indent=2, ensure_ascii=False))
    elif verdict.outcome == "bad input":
        print(f"symproof equiv: {verdict.reason}", file=sys.stderr)
    else:
        print(verdict.summary())
    return verdict.exit_code
