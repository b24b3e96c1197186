"""Activations of Question 1, as SymPy objects (for proofs) and as plain functions (for numbers and latexify)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import sympy as sp


class Sigmoid(sp.Function):
    """sigma(z) = 1 / (1 + exp(-z)), kept unevaluated so that derivations can show it; ``doit`` expands it."""

    nargs = 1

    @classmethod
    def eval(cls, z: Any) -> None:
        return None

    def doit(self, **hints: Any) -> Any:
        z = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return 1 / (1 + sp.exp(-z))

    def fdiff(self, argindex: int = 1) -> Any:
        s = Sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, z: Any, **kwargs: Any) -> Any:
        return 1 / (1 + sp.exp(-z))

    def _eval_evalf(self, prec: int) -> Any:
        return self.doit()._eval_evalf(prec)

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _eval_is_positive(self) -> bool | None:
        return self.args[0].is_real


def relu(z: Any) -> Any:
    return sp.Max(z, 0)


def swish(x: Any, beta: Any) -> Any:
    """h(x) = x sigma(beta x), with the sigmoid left as sigma."""
    return x * Sigmoid(beta * x)


def relu_pair(x: Any, a: Any, b: Any, alpha: Any, beta: Any) -> Any:
    """The construction of Question 1.2: a ReLU(x - alpha) + b ReLU(beta - x)."""
    return a * relu(x - alpha) + b * relu(beta - x)


# Plain functions: what a student writes, rendered by latexify-py and used for numbers.
def h(x: float, beta: float) -> float:
    return x / (1 + np.exp(-beta * x))


def h_relu(x: float, a: float, b: float, alpha: float, beta: float) -> float:
    return a * max(x - alpha, 0) + b * max(beta - x, 0)


def log_softmax_naive(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.log(np.exp(x) / np.sum(np.exp(x)))


def log_softmax_stable(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    m = np.max(x)
    return x - m - np.log(np.sum(np.exp(x - m)))
