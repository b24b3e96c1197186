r"""Benchmark: bench/equiv_pairs.toml judged by symproof.equivalent, plain SymPy and math-verify, in one run.

For each tool: right / undecided / wrong against the hand-decided verdicts, and the time per pair (median and
worst). Plain SymPy is what course scripts do: `simplify(a - b) == 0` on the same parsed expressions (symbols real,
the same assumptions), so a nonzero result reads as "not equivalent"; math-verify (pip install '.[bench]') gets
the LaTeX as written and answers true or false (it takes no assumptions, and reads \sigma as a letter, not the
sigmoid). A timeout is "undecided" for plain SymPy; math-verify reports its own timeouts as false. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sympy as sp

from symproof.equiv import equivalent
from symproof.equiv.reading import as_side, read_assumptions, with_assumptions
from symproof.equiv.verdict import EquivInputError
from symproof.prover.budget import Finished, run_one

PAIRS = Path(__file__).with_name("equiv_pairs.toml")
VERDICTS = ("equivalent", "not equivalent")


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    assume: tuple[str, ...]
    expected: str
    reason: str
    source: str


def load(path: Path = PAIRS) -> list[Pair]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return [Pair(p["a"], p["b"], tuple(p.get("assume", ())), p["expected"], p["reason"], p["source"])
            for p in data["pair"]]


def by_symproof(pair: Pair, timeout: float) -> str:
    v = equivalent(pair.a, pair.b, pair.assume, timeout=timeout)
    return v.outcome if v.outcome in VERDICTS else "undecided"


def _plain(pair: Pair) -> str:
    left, right = as_side(pair.a), as_side(pair.b)
    if left.kind != right.kind:
        return "not equivalent"
    if left.kind in {"size", "bool"}:
        return "equivalent" if left.value == right.value else "not equivalent"
    if left.kind == "interval":  # what a script does with sets: compare the Interval objects
        ends, _ = with_assumptions([*left.value[:2], *right.value[:2]], read_assumptions(pair.assume))
        first = sp.Interval(sp.simplify(ends[0]), sp.simplify(ends[1]), *left.value[2:])
        second = sp.Interval(sp.simplify(ends[2]), sp.simplify(ends[3]), *right.value[2:])
        return "equivalent" if first == second else "not equivalent"
    (x, y), _ = with_assumptions([left.value, right.value], read_assumptions(pair.assume))
    if left.kind == "equation":
        x, y = x[0] - x[1], y[0] - y[1]
    if left.kind == "matrix":
        if x.shape != y.shape:
            return "not equivalent"
        return "equivalent" if sp.simplify(x - y) == sp.zeros(*x.shape) else "not equivalent"
    return "equivalent" if sp.simplify(x - y) == 0 else "not equivalent"


def by_sympy(pair: Pair, timeout: float) -> str:
    try:
        outcome = run_one(lambda: _plain(pair), timeout)
    except EquivInputError:
        return "undecided"
    return outcome.value if isinstance(outcome, Finished) else "undecided"


def math_verify() -> Callable[[Pair, float], str] | None:
    try:
        from math_verify import parse, verify
    except ImportError:
        return None

    def judge(pair: Pair, timeout: float) -> str:
        # math-verify answers true/false; a parse failure (an empty list) is its "false" too.
        try:
            gold, answer = parse(f"${pair.b}$"), parse(f"${pair.a}$")
            same = bool(verify(gold, answer, timeout_seconds=int(max(timeout, 1))))
        except Exception:
            same = False
        return "equivalent" if same else "not equivalent"

    return judge


def score(expected: str, got: str) -> str:
    return "undecided" if got == "undecided" else ("right" if got == expected else "wrong")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per pair and tool (default 20)")
    ap.add_argument("--quiet", action="store_true", help="print the summary only")
    args = ap.parse_args()
    pairs = load()
    tools: dict[str, Callable[[Pair, float], str]] = {"symproof equiv": by_symproof, "plain SymPy": by_sympy}
    mv = math_verify()
    if mv is not None:
        tools["math-verify"] = mv
    else:
        print("math-verify not installed (pip install '.[bench]'): its row is left out")
    equivalent("x", "x")  # the parser's grammar is built once, outside the timings
    results: dict[str, list[tuple[str, float]]] = {name: [] for name in tools}
    for n, pair in enumerate(pairs):
        cells = []
        for name, tool in tools.items():
            start = time.perf_counter()
            got = tool(pair, args.timeout)
            seconds = time.perf_counter() - start
            results[name].append((score(pair.expected, got), seconds))
            cells.append(f"{results[name][-1][0]:<9} {seconds:6.2f}s")
        if not args.quiet:
            assume = f" [{', '.join(pair.assume)}]" if pair.assume else ""
            print(f"{n:3d} {pair.expected:<14}  " + "  ".join(cells) + f"  {pair.a}  vs  {pair.b}{assume}")
    sources = ", ".join(f"{s}: {sum(p.source == s for p in pairs)}" for s in ("stack", "homework", "derivation"))
    print(f"\n{len(pairs)} pairs ({sources})")
    for name, rows in results.items():
        counts = {k: sum(r == k for r, _ in rows) for k in ("right", "undecided", "wrong")}
        times = [t for _, t in rows]
        print(f"{name:<15} right {counts['right']:3d}  undecided {counts['undecided']:3d}  wrong {counts['wrong']:3d}"
              f"  median {statistics.median(times):.3f} s  worst {max(times):.3f} s")
        for (r, _), pair in zip(rows, pairs, strict=True):
            if r == "wrong":
                print(f"    wrong: {pair.a}  vs  {pair.b} (expected {pair.expected})")
    big = Pair("(x - a)^{6000}", "(a - x)^{6000}", (), "equivalent", "", "")
    start = time.perf_counter()
    got = by_symproof(big, args.timeout)
    total = time.perf_counter() - start
    x, a = sp.symbols("x a", real=True)
    start = time.perf_counter()
    decided = equivalent((x - a) ** 6000, (a - x) ** 6000, timeout=args.timeout).outcome
    print(f"(x - a)^6000 = (a - x)^6000 (target 0.1 s): {got} in {total:.3f} s from LaTeX (two parses included); "
          f"{decided} in {time.perf_counter() - start:.3f} s from SymPy objects")


if __name__ == "__main__":
    main()
