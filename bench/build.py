"""Cold `symproof build --no-pdf` against cold `import sympy`: medians of alternated runs, and their ratio.

Run: python bench/build.py [--runs 5]. The build writes into a copy of latex_out/ (a fresh clone's case: the
committed figures are up to date, so they are not redrawn) and, separately, into an empty folder (every figure
drawn). A pure-Python loop is timed alongside: this machine's speed drifts (the same loop took from 0.9 s to
1.9 s in one day), and the loop tells which state a run was measured in.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    py = sys.executable
    sympy_cmd = [py, "-c", "import sympy"]
    loop_cmd = [py, "-c", "sum(i * i for i in range(10**7))"]
    times: dict[str, list[float]] = {"import sympy": [], "build, figures up to date": [], "build, empty folder": [],
                                     "reference loop": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):  # alternated, so that a slow spell of the machine hits every command alike
            times["import sympy"].append(timed(sympy_cmd))
            warm = Path(tmp) / "warm"
            shutil.rmtree(warm, ignore_errors=True)
            shutil.copytree(ROOT / "latex_out", warm)
            build = [py, "-m", "symproof", "build", "--no-pdf", "--quiet", "--allow-unproven", "--out"]
            times["build, figures up to date"].append(timed([*build, str(warm)]))
            cold = Path(tmp) / "cold"
            shutil.rmtree(cold, ignore_errors=True)
            times["build, empty folder"].append(timed([*build, str(cold)]))
            times["reference loop"].append(timed(loop_cmd))
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '<unset>')}  cores={os.cpu_count()}  "
          f"runs={args.runs}")
    base = statistics.median(times["import sympy"])
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<28} median {med:6.2f} s  ({med / base:5.1f} x import sympy)  runs: "
              + " ".join(f"{v:.2f}" for v in values))


if __name__ == "__main__":
    main()
