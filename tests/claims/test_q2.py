"""What is specific to Question 2: the Monte Carlo run itself, and the general-K proof against the K = 3 instance."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from symproof.claims import q2_mixture as q2
from symproof.homework import get


def test_monte_carlo_agrees_with_the_formula_within_four_standard_errors() -> None:
    mean, se = q2.monte_carlo()
    exact = sum(p / (1 + math.exp(-float(np.dot(w, q2.MC_X)))) for p, w in zip(q2.MC_PI, q2.MC_W, strict=True))
    assert se > 0
    assert abs(mean - exact) < 4 * se
    assert math.isclose(q2.formula_value(q2.instance_marginal()[0]), exact, rel_tol=1e-12)


def test_monte_carlo_rejects_the_keys_output_formula() -> None:
    mean, se = q2.monte_carlo()
    key = sum(p * (1 + math.exp(-float(np.dot(w, q2.MC_X)))) for p, w in zip(q2.MC_PI, q2.MC_W, strict=True))
    assert key > 1  # pi_k / sigma is not even a probability here
    assert abs(mean - key) > 100 * se


def test_monte_carlo_is_reproducible_and_depends_on_the_seed() -> None:
    assert q2.monte_carlo(draws=1000, seed=1) == q2.monte_carlo(draws=1000, seed=1)
    assert q2.monte_carlo(draws=1000, seed=1) != q2.monte_carlo(draws=1000, seed=2)


def test_general_claim_at_k3_d2_is_the_instance() -> None:
    general = get("q2").statement.rhs
    pi, W1, x = q2.instance_symbols()
    at_instance = general.subs({q2.K: 3, q2.d: 2}).doit()
    names = {q2.PI[k + 1]: pi[k] for k in range(3)}
    names.update({q2.X[i + 1]: x[i] for i in range(2)})
    names.update({q2.W[i + 1, k + 1]: W1[i, k] for i in range(2) for k in range(3)})
    instance = get("q2.k3").statement.rhs[0]
    assert sp.expand((at_instance.xreplace(names) - instance).doit()) == 0


def test_hidden_layer_has_k_units_and_w1_is_d_by_k() -> None:
    W1 = get("q2.k3").notes["W1"]
    assert W1.shape == (2, 3)
    assert get("q2.k3").notes["hidden"].shape == (3, 1)
