"""Benchmark: cold `symproof prove` over cold `python -c "import sympy"`, and the time to refute each wrong variant.

Prints ratios measured in this one run (medians of alternated cold runs); asserts nothing. Run it on a quiet
machine: other work on the two cores inflates both sides, though less so their ratio.

Both sides run from byte-compiled modules, as installed: pip compiled SymPy's when it installed it, and Python
writes symproof's cache at its first import. Where PYTHONDONTWRITEBYTECODE is set and symproof is installed
editable (this machine), no cache is ever written and every run would compile symproof's 80-odd modules from
source (about 0.1 s), which `import sympy` never does; so the bench compiles them first (`compileall`, into the
usual __pycache__ folders, which git ignores), and also times, alternated in the same run, `symproof prove` with
that cache removed, the figure such a user sees.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "symproof"


def cold(cmd: list[str], cpu: list[float] | None = None) -> float:
    """Wall time of one cold run; its CPU time (user + system, the proof workers included) appended to `cpu`.

    CPU time is less sensitive than wall time to other work on the two cores, though not immune to it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def compiled() -> None:
    """symproof's modules byte-compiled where Python looks for them (a no-op when the cache is fresh)."""
    if not compileall.compile_dir(PACKAGE, quiet=1):
        raise SystemExit(f"could not byte-compile {PACKAGE}")


def uncompiled() -> None:
    for cache in PACKAGE.rglob("__pycache__"):
        shutil.rmtree(cache)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("selectors", nargs="*", help="claims to prove (default: all)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    prove = [sys.executable, "-m", "symproof", "prove", *args.selectors]
    base = [sys.executable, "-c", "import sympy"]
    check = subprocess.run(prove, capture_output=True, text=True)
    if check.returncode != 0:
        print(f"note: symproof prove exited {check.returncode}: {check.stdout.splitlines()[-1:]}")
    cold(base)  # page cache warm-up, not timed
    times_prove, times_base, times_source, cpu_prove, cpu_base = [], [], [], [], []
    for _ in range(args.runs):  # alternated, so drifting load hits both sides alike
        compiled()
        times_base.append(cold(base, cpu_base))
        times_prove.append(cold(prove, cpu_prove))
        if not sys.dont_write_bytecode:
            continue
        uncompiled()
        times_source.append(cold(prove))
    compiled()
    mp, mb = statistics.median(times_prove), statistics.median(times_base)
    cp, cb = statistics.median(cpu_prove), statistics.median(cpu_base)
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '<unset>')}  cores={os.cpu_count()}  "
          f"runs={args.runs}  PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '<unset>')}")
    print(f"cold `import sympy`            median {mb:6.3f} s wall, {cb:6.3f} s CPU")
    print(f"cold `symproof prove {' '.join(args.selectors) or '(all)'}`  median {mp:6.3f} s wall, {cp:6.3f} s CPU")
    print(f"ratio prove / import sympy      {mp / mb:6.2f}x wall (target <= 5x), {cp / cb:6.2f}x CPU (both workers)")
    if times_source:
        ms = statistics.median(times_source)
        print(f"without symproof's bytecode     median {ms:6.3f} s wall, {ms / mb:6.2f}x (compiled from source "
              f"each run: PYTHONDONTWRITEBYTECODE with an editable install)")

    from sympy.core.cache import clear_cache

    from symproof.homework import get, select
    from symproof.prover.engine import decide
    from symproof.prover.remembered import forget
    from symproof.runner import warm_up

    warm_up()
    print("\ntime to refute each wrong variant (in-process, SymPy's cache and the prover's remembered limits cleared"
          " before each run, the slowest of 3; target <= 0.2 s each):")
    worst = 0.0
    for spec in select(args.selectors):
        claim = get(spec.id)
        for name, statement in claim.wrong.items():
            samples, status = [], ""
            for _ in range(3):
                clear_cache()  # or the repeats would reuse the first run's results
                forget()
                start = time.perf_counter()
                verdict = decide(statement, claim.scope)
                samples.append(time.perf_counter() - start)
                status = verdict.status.value
            median = max(samples)
            worst = max(worst, median)
            flag = "" if median <= 0.2 and status == "refuted" else "   <-- over target" if status == "refuted" \
                else f"   <-- {status}"
            print(f"  {spec.id:<16} {name:<32} {median:6.3f} s  {status}{flag}")
    print(f"slowest refutation: {worst:.3f} s")


if __name__ == "__main__":
    main()
