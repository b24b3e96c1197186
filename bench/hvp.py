"""Benchmark: the R-operator hvp against our own grad and against PyTorch's Hessian-vector products."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Thread pools are fixed before numpy (OpenBLAS reads its env var once, at load) and torch are imported:
# two pools of 2 threads on a 2-core machine stall each other, so both libraries get the same count.
_parser = argparse.ArgumentParser(description=__doc__)
_parser.add_argument("--threads", type=int, default=1, help="OpenBLAS and torch threads (default 1)")
_parser.add_argument("--repeats", type=int, default=21, help="timed runs per function (median reported)")
_parser.add_argument("--batch", type=int, default=64)
_parser.add_argument("--sizes", type=str, default="32,512,512,10")
ARGS = _parser.parse_args()
if ARGS.repeats < 7:
    _parser.error("--repeats must be >= 7")
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.threads)

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from symproof.nn.mlp import MLP  # noqa: E402

try:
    import torch
except ImportError:  # the oracle extra is optional; the numpy half of the benchmark still runs
    torch = None


def _torch_variants(model: MLP, X: np.ndarray, y: np.ndarray, w: np.ndarray, v: np.ndarray) -> dict[str, Any]:
    """Several honest PyTorch formulations of H v on the same network; the fastest is the reference."""
    assert torch is not None
    F = torch.nn.functional
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    wt, vt = torch.from_numpy(w), torch.from_numpy(v)
    shapes = [(W.shape, b.shape) for W, b in model.unflatten(w)]
    n_layers = len(shapes)

    def loss_layers(params: tuple[Any, ...]) -> Any:
        a = Xt
        for i in range(n_layers):
            a = F.linear(a, params[2 * i], params[2 * i + 1])
            if i < n_layers - 1:
                a = torch.tanh(a)
        return F.cross_entropy(a, yt)

    def split(flat: Any) -> tuple[Any, ...]:
        out, off = [], 0
        for (fo, fi), (nb,) in shapes:
            out.append(flat[off : off + fo * fi].view(fo, fi))
            off += fo * fi
            out.append(flat[off : off + nb])
            off += nb
        return tuple(out)

    def loss_flat(flat: Any) -> Any:
        return loss_layers(split(flat))

    p_tuple, v_tuple = split(wt), split(vt)
    grad_flat = torch.func.grad(loss_flat)
    grad_tuple = torch.func.grad(loss_layers)

    def jvp_grad_flat() -> Any:
        return torch.func.jvp(grad_flat, (wt,), (vt,))[1]

    def jvp_grad_tuple() -> Any:
        return torch.func.jvp(grad_tuple, (p_tuple,), (v_tuple,))[1]

    def jvp_grad_tuple_no_grad() -> Any:
        # torch.func transforms ignore an outer no_grad, but it spares autograd's bookkeeping on the way.
        with torch.no_grad():
            return torch.func.jvp(grad_tuple, (p_tuple,), (v_tuple,))[1]

    def autograd_functional_hvp() -> Any:
        return torch.autograd.functional.hvp(loss_flat, wt, vt)[1]

    def double_backward() -> Any:
        p = tuple(t.detach().requires_grad_() for t in p_tuple)
        g = torch.autograd.grad(loss_layers(p), p, create_graph=True)
        return torch.autograd.grad(g, p, grad_outputs=v_tuple)

    def torch_grad() -> Any:
        return grad_tuple(p_tuple)

    return {
        "torch.func.jvp(grad) flat w": jvp_grad_flat,
        "torch.func.jvp(grad) per-layer params": jvp_grad_tuple,
        "torch.func.jvp(grad) per-layer, no_grad": jvp_grad_tuple_no_grad,
        "torch.autograd.functional.hvp": autograd_functional_hvp,
        "double backward (autograd.grad twice)": double_backward,
        "_torch_grad": torch_grad,
    }


def _time_interleaved(fns: dict[str, Callable[[], Any]], repeats: int, warmup: int = 5) -> dict[str, float]:
    """Median seconds per function; runs are interleaved round by round so drifting load hits all alike."""
    for _ in range(warmup):
        for f in fns.values():
            f()
    samples: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeats):
        for k, f in fns.items():
            t0 = time.perf_counter()
            f()
            samples[k].append(time.perf_counter() - t0)
    return {k: float(np.median(s)) for k, s in samples.items()}


def main() -> None:
    sizes = [int(s) for s in ARGS.sizes.split(",")]
    model = MLP(sizes)
    rng = np.random.default_rng(0)
    w = model.init(0)
    v = rng.standard_normal(w.size)
    v /= np.linalg.norm(v)
    X = rng.standard_normal((ARGS.batch, sizes[0]))
    y = rng.integers(0, sizes[-1], ARGS.batch)

    fns: dict[str, Callable[[], Any]] = {
        "numpy grad": lambda: model.grad(w, X, y),
        "numpy hvp (R-operator)": lambda: model.hvp(w, v, X, y),
    }
    if torch is not None:
        torch.set_num_threads(ARGS.threads)
        torch_fns = _torch_variants(model, X, y, w, v)
        fns.update(torch_fns)

    print(f"network {sizes}, batch {ARGS.batch}, float64, {model.n_params} parameters")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '<unset>')}")
    print(f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}", end="")
    if torch is not None:
        print(f", torch.get_num_threads()={torch.get_num_threads()}, torch {torch.__version__}")
    else:
        print("\ntorch is not installed: the torch comparison is skipped (pip install torch==2.13.0)")
    print(f"numpy {np.__version__}; medians of {ARGS.repeats} interleaved timed runs after warm-up")
    print()

    med = _time_interleaved(fns, ARGS.repeats)
    for k, t in med.items():
        print(f"  {k.lstrip('_'):40s} {t * 1e3:8.3f} ms")
    print()
    t_grad, t_hvp = med["numpy grad"], med["numpy hvp (R-operator)"]
    print(f"hvp / grad             = {t_hvp / t_grad:.3f}   (target <= 2.7; 8 vs 3 large products)")
    if torch is not None:
        torch_hvps = {k: t for k, t in med.items() if not k.startswith("_") and not k.startswith("numpy")}
        best = min(torch_hvps, key=lambda k: torch_hvps[k])
        jvp_best = min((k for k in torch_hvps if k.startswith("torch.func.jvp")), key=lambda k: torch_hvps[k])
        print(f"hvp / torch jvp(grad)  = {t_hvp / torch_hvps[jvp_best]:.3f}   (target <= 0.6; {jvp_best})")
        print(f"hvp / fastest torch    = {t_hvp / torch_hvps[best]:.3f}   ({best})")
        print(f"torch hvp / torch grad = {torch_hvps[best] / med['_torch_grad']:.3f}   (for comparison)")


if __name__ == "__main__":
    main()
