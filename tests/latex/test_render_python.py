"""latexify's output, cleaned: the rewrite rules each fix something the raw output gets wrong."""

from __future__ import annotations

import latexify
import numpy as np
import pytest

from symproof.latex.render_python import RULES, clean, python_latex, resolve
from symproof.nn.activations import h, h_relu, log_softmax_stable
from symproof.nn.conv import output_size_formula
from symproof.nn.mlp import layer_params


def test_max_becomes_an_operator_and_brackets_lose_mathopen() -> None:
    raw = str(latexify.get_latex(h_relu, use_math_symbols=True))
    assert r"\mathrm{max}" in raw and r"\mathopen{}" in raw  # what the rules are for
    tex = python_latex(h_relu)
    assert r"\mathrm{max}" not in tex and r"\mathopen" not in tex and r"\mathclose" not in tex
    assert tex.count(r"\max") == 2 and r"\alpha" in tex and r"\beta" in tex


def test_numpy_prefix_is_dropped() -> None:
    tex = python_latex(log_softmax_stable)
    assert r"\mathrm{np}" not in tex and r"m = \max" in tex


def test_activation_renders_as_the_formula() -> None:
    assert python_latex(h) == r"h(x, \beta) = \frac{x}{1 + \exp \left(-\beta x\right)}"


def test_every_rule_changes_some_raw_output() -> None:
    raws = [str(latexify.get_latex(f, use_math_symbols=True)) for f in (h, h_relu, log_softmax_stable)]
    for rule in RULES[:3]:
        assert any(rule.pattern.search(r) for r in raws), rule.why
    assert clean(r"a  \mathopen{}\left( x \mathclose{}\right)") == r"a \left(x\right)"


def test_unsupported_function_fails_loudly_with_its_name() -> None:
    def loop(x: float) -> float:
        for _ in range(2):
            x += 1
        return x

    with pytest.raises(Exception, match="loop"):
        python_latex(loop)


def test_resolve_returns_none_for_a_missing_definition() -> None:
    assert resolve("symproof.nn.activations:h") is h
    assert resolve("symproof.nn.activations:no_such") is None
    assert resolve("symproof.no_such_module:f") is None
    assert np.isclose(h(1.0, 0.0), 0.5)


def test_one_letter_names_with_a_suffix_become_subscripts() -> None:
    raw = str(latexify.get_latex(layer_params, use_math_symbols=True))
    assert r"\mathrm{n\_in}" in raw  # what the rule is for
    tex = python_latex(layer_params)
    assert r"n_{\mathrm{in}}" in tex and r"n_{\mathrm{out}}" in tex and r"\_" in tex.split("=")[0]  # not the name
    assert clean(r"\mathrm{output\_size}") == r"\mathrm{output\_size}"  # a word stays a word


def test_the_size_formula_renders_as_a_floor_without_validation_code() -> None:
    tex = python_latex(output_size_formula)
    assert r"\left\lfloor" in tex and r"\frac{n + 2 p - d" in tex and "check" not in tex
    assert python_latex(layer_params).endswith(r"= \left(n_{\mathrm{in}} + 1\right) n_{\mathrm{out}}")
