"""`symproof check`: is a student's LaTeX answer equivalent to a claim's proven answer? Tiers like STACK's tests.

The tiers, in order:
  1. input: the claim exists and has an answer; the text parses (bounded size and time) -> else BAD_INPUT;
  2. kind and shape: expression, matrix (same shape), size (same dimensions), yes/no;
  3. symbols: the answer's symbols become the claim's own Symbol objects (so their assumptions apply) by the
     rule of `symproof.answers.symbols`; sums written without bounds get the bounds of the claim's sum over the
     same vector; an inner product `u^T v` becomes the claim's sum over entries (see `resolve_inner_products`);
  4. the prover, in a forked child under the time budget: random exact points at 40/80 digits (evidence, and
     the source of counterexamples), then the residual ladder (algebraic equivalence). The claim statement's
     domain (`where`) and case split, when it has them, are used for the comparison too.

Reading the input is `answers.reading`, tier 3 `answers.aligning`, tiers 2 and 4 `answers.deciding`; this module
checks one answer or a batch and runs the command.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from symproof.answers.deciding import compare
from symproof.answers.errors import AnswerParseError, printable, quote
from symproof.answers.outcome import EXIT_CODES, CheckInputError, CheckVerdict, Outcome, worst
from symproof.answers.parse import parse_answer
from symproof.answers.reading import claim_answer_kind, find_claim, hide_source, read_answer, read_batch
from symproof.claim import Homework
from symproof.prover.engine import DEFAULT_TIMEOUT

PARSE_TIMEOUT = 5.0


def check_answer(claim_id: str, text: str, *, timeout: float = DEFAULT_TIMEOUT,
                 homework: Homework | None = None) -> CheckVerdict:
    """Is `text` (a student's LaTeX) equivalent to the answer of claim `claim_id`? Never raises on bad input."""
    start = time.perf_counter()
    try:
        claim = find_claim(claim_id, homework)
        matrices = claim_answer_kind(claim) == "matexpr"  # H g is then a product of matrices, never of numbers
        answer = parse_answer(text, timeout=PARSE_TIMEOUT, matrices=matrices)  # its own cap: the budget is for deciding
        verdict = compare(claim, answer, timeout=timeout)
    except (CheckInputError, AnswerParseError) as exc:
        verdict = CheckVerdict(claim_id, Outcome.BAD_INPUT, "input", str(exc))
    return replace(verdict, seconds=time.perf_counter() - start)


# ----------------------------------------------------------------------------------------- the command

def check_batch(pairs: Iterable[tuple[str, Any]], *, timeout: float = DEFAULT_TIMEOUT,
                homework: Homework | None = None) -> list[CheckVerdict]:
    out = []
    for claim_id, text in pairs:
        if not isinstance(text, str):
            out.append(CheckVerdict(claim_id, Outcome.BAD_INPUT, "input",
                                    f"the answer to {claim_id} is a TOML {type(text).__name__}, not a string"))
        else:
            out.append(check_answer(claim_id, text, timeout=timeout, homework=homework))
    return out


def _table(verdicts: list[CheckVerdict]) -> str:
    width = max(len(v.claim_id) for v in verdicts)
    lines = []
    for v in verdicts:
        lines.append(f"{v.claim_id:<{width}}  {v.outcome.value:<14}  {v.seconds:6.2f}s  {v.detail()}")
    counts = {o: sum(v.outcome is o for v in verdicts) for o in Outcome}
    lines.append(f"{len(verdicts)} answers: " + ", ".join(f"{counts[o]} {o.value}" for o in Outcome))
    return "\n".join(lines)


def _usage_error(message: str) -> int:
    print(f"symproof check: {message}", file=sys.stderr)
    return EXIT_CODES[Outcome.BAD_INPUT]


def run(args: argparse.Namespace, homework: Homework | None = None) -> int:
    """Run `symproof check`; returns the exit code (0 equivalent, 1 not, 2 bad input, 3 undecided)."""
    if args.batch is not None:
        if args.claim_id is not None or args.answer is not None:
            return _usage_error("give either --all FILE or CLAIM_ID ANSWER, not both")
        try:
            pairs = read_batch(args.batch)
        except CheckInputError as exc:
            return _usage_error(str(exc))
        verdicts = check_batch(pairs, timeout=args.timeout, homework=homework)
        print(json.dumps(_escaped([v.as_json() for v in verdicts]), indent=2, ensure_ascii=False) if args.json
              else "\n".join(printable(line) for line in _table(verdicts).split("\n")))
        return EXIT_CODES[worst(verdicts)]
    if args.claim_id is None or args.answer is None:
        return _usage_error("expected CLAIM_ID ANSWER (ANSWER: LaTeX, @file or -) or --all FILE")
    try:
        text = read_answer(args.answer)
    except CheckInputError as exc:
        verdict = CheckVerdict(args.claim_id, Outcome.BAD_INPUT, "input", str(exc))
    else:
        try:  # the claim's own errors first: they quote the claim id, never the file
            claim_answer_kind(find_claim(args.claim_id, homework))
        except CheckInputError as exc:
            verdict = CheckVerdict(args.claim_id, Outcome.BAD_INPUT, "input", str(exc))
        else:
            verdict = check_answer(args.claim_id, text, timeout=args.timeout, homework=homework)
            if args.answer.startswith("@"):
                verdict = hide_source(verdict, f"file {quote(args.answer[1:])}")
    if args.json:
        print(json.dumps(_escaped(verdict.as_json()), indent=2, ensure_ascii=False))
    elif verdict.outcome is Outcome.BAD_INPUT:
        print(f"symproof check: {printable(verdict.reason)}", file=sys.stderr)
    else:
        print(printable(verdict.summary()))
    return verdict.exit_code


def _escaped(data: Any) -> Any:
    """JSON data with control characters escaped in every string (json.dumps leaves DEL and C1 raw)."""
    if isinstance(data, str):
        return printable(data)
    if isinstance(data, dict):
        return {printable(str(k)): _escaped(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_escaped(v) for v in data]
    return data
