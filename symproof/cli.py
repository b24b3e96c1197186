"""The command line: argument parsing and printing only; the work is done by the runner and the prover."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from .claim import UnknownSelectorError, select
from .prover.engine import DEFAULT_TIMEOUT
from .prover.verdict import Status, Verdict
from .runner import default_jobs, prove_claims


class UsageError(Exception):
    """Bad input from the user: one line on stderr, exit 2."""


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {text!r}")
    return value


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return int(text)


def cmd_list(args: argparse.Namespace) -> int:
    selected = select(args.selectors)
    width = max(len(s.id) for s in selected)
    for spec in selected:
        print(f"{spec.id:<{width}}  {spec.scope.value:<8}  {spec.title}")
    return 0


def verdict_json(claim_id: str, v: Verdict) -> dict[str, Any]:
    return {"id": claim_id, "verdict": v.status.value, "scope": v.scope.value, "method": v.method,
            "seconds": round(v.seconds, 4), "counterexample": v.counterexample, "reason": v.reason}


def cmd_prove(args: argparse.Namespace) -> int:
    selected = select(args.selectors)
    width = max(len(s.id) for s in selected)
    start = time.perf_counter()
    results: dict[str, Verdict] = {}
    for spec, verdict in prove_claims(selected, args.timeout, args.jobs):
        results[spec.id] = verdict
        if not args.json:
            line = f"{spec.id:<{width}}  {verdict.status.value:<7}  {verdict.scope.value:<8}  " \
                   f"{verdict.seconds:6.2f}s  {verdict.method}"
            if not verdict.proven:
                line += f"  [{verdict.reason or ''}]"
                if verdict.counterexample:
                    line += " counterexample: " + ", ".join(f"{k} = {v}" for k, v in verdict.counterexample.items())
            print(line, flush=True)
    order = [s.id for s in selected]
    if args.json:
        print(json.dumps([verdict_json(i, results[i]) for i in order], indent=2))
    else:
        counts = {s: sum(v.status is s for v in results.values()) for s in Status}
        print(f"{len(results)} claims: {counts[Status.PROVEN]} proven, {counts[Status.REFUTED]} refuted, "
              f"{counts[Status.UNKNOWN]} unknown in {time.perf_counter() - start:.2f} s")
    return 0 if all(v.proven for v in results.values()) else 1


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"list": cmd_list, "prove": cmd_prove}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="symproof", description="Prove the claims of IFT6135-A2022 homework 2 "
                                "with SymPy and write the LaTeX to hand in.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ls = sub.add_parser("list", help="list the claims: id, scope, statement")
    ls.add_argument("selectors", nargs="*", metavar="SELECTOR", help="q1 selects question 1, q1.2 its claims 1.2")
    pr = sub.add_parser("prove", help="prove the selected claims (all by default)")
    pr.add_argument("selectors", nargs="*", metavar="SELECTOR", help="q1 selects question 1, q1.2 its claims 1.2")
    pr.add_argument("--json", action="store_true", help="print a JSON list of verdicts")
    pr.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT, metavar="S",
                    help=f"time budget per claim in seconds (default {DEFAULT_TIMEOUT:g})")
    pr.add_argument("--jobs", type=_positive_int, default=default_jobs(), metavar="N",
                    help="claims proven at once (default: the number of cores, at most 2)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (UnknownSelectorError, UsageError) as exc:
        print(f"symproof: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
