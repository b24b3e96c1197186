"""Claims and verdicts display as LaTeX in Jupyter through _repr_latex_."""

from __future__ import annotations

from symproof.homework import get
from symproof.prover import Kind, Method, Scope, Status, Verdict


def test_claim_shows_as_latex_with_its_statement() -> None:
    text = get("q1.1a")._repr_latex_()
    assert text.startswith("$$") and text.endswith("$$")  # one MathJax display block
    assert "q1.1a" in text and r"x \sigma\left(0\right) &= \frac{x}{2}" in text


def test_verdict_shows_its_status_and_scope_without_seconds() -> None:
    v = Verdict(Status.PROVEN, Scope.GENERAL, Method(Kind.RESIDUAL_LADDER, ("cancel",)), seconds=1.234)
    text = v._repr_latex_()
    assert "proven" in text and "general" in text and "1.234" not in text
