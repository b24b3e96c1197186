"""Cold `symproof build --no-pdf` against cold `import sympy`: medians of alternated runs, and their ratio.

Run: python bench/build.py [--runs 5]. The build writes into a copy of latex_out/ (so up-to-date figures are
not redrawn, as in a user's second build) and, separately, into an empty folder (every figure drawn).
"""

from __future__ import annotations

import argparse
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
    times: dict[str, list[float]] = {"import sympy": [], "build, figures up to date": [], "build, empty folder": []}
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
    base = statistics.median(times["import sympy"])
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<28} median {med:6.2f} s  ({med / base:5.1f} x import sympy)  runs: "
              + " ".join(f"{v:.2f}" for v in values))


if __name__ == "__main__":
    main()
