"""Per-claim CPU time of building and deciding each claim, one cold process, claims in homework order.

Run: python bench/claim_cpu.py [selectors] [--top N]. Prints a table (slowest first) and the totals; asserts
nothing. CPU time (time.process_time) is less sensitive than wall time to other work on the two cores. The
claims run one after another in this process, as in one proof worker: a claim pays for what SymPy loads lazily
(SciPy, the assumptions system, ...) only if no claim before it did, and SymPy's cache carries over.
"""

from __future__ import annotations

import argparse
import time

from symproof.homework import select
from symproof.prover.engine import decide


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("selectors", nargs="*", help="claims to time (default: all)")
    ap.add_argument("--top", type=int, default=0, help="print only the N slowest claims (default: all)")
    args = ap.parse_args()
    rows = []
    start = time.process_time()
    for spec in select(args.selectors):
        before = time.process_time()
        claim = spec.built()
        built = time.process_time()
        verdict = decide(claim.as_statement(), claim.scope)
        rows.append((spec.id, built - before, time.process_time() - built, verdict.word))
    total = time.process_time() - start
    rows.sort(key=lambda r: -(r[1] + r[2]))
    print(f"{'claim':<18} {'build':>7} {'decide':>7} {'total':>7}  verdict")
    for claim_id, build, decided, word in rows[:args.top or len(rows)]:
        print(f"{claim_id:<18} {build:7.3f} {decided:7.3f} {build + decided:7.3f}  {word}")
    print(f"{len(rows)} claims: build {sum(r[1] for r in rows):.3f} s, decide {sum(r[2] for r in rows):.3f} s, "
          f"{total:.3f} s CPU in all")


if __name__ == "__main__":
    main()
