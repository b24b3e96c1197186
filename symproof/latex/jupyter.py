"""LaTeX for Jupyter's `_repr_latex_`: what Claim and Verdict delegate to (MathJax renders math mode only)."""

from __future__ import annotations

from typing import Any

from ..prover.verdict import Status, Verdict
from .fragments import printer_settings, statement_rows, tex_escape
from .printer import latex
from .wording import EN

_MARK = {Status.PROVEN: r"\checkmark", Status.REFUTED: r"\times", Status.UNKNOWN: "?"}


def claim_repr_latex(claim: Any) -> str:
    """A claim as one MathJax block: its id and title, then its statement in the assignment's notation."""
    settings = printer_settings(EN, claim)
    rows = statement_rows(claim.statement, EN, lambda e: latex(e, **settings))
    title = rf"\text{{{tex_escape(claim.id)}: {tex_escape(claim.title)}}}"
    return "$$" + title + r"\\ \begin{aligned}" + r" \\ ".join(rows).replace("&&", r"&\quad") + r"\end{aligned}$$"


def verdict_repr_latex(verdict: Verdict) -> str:
    """A verdict in one line: a mark, the status, the scope and the method; seconds are left out on purpose."""
    text = tex_escape(verdict.summary())
    return rf"${_MARK[verdict.status]}\ \text{{{text}}}$"
