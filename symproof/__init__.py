"""symproof: every claim of IFT6135-A2022 homework 2 as a SymPy object, proven, cross-checked and typeset."""

from __future__ import annotations

from .claim import Body, Chain, Claim, Homework, Role, WriteUp, claim
from .equiv import Equivalence, equivalent
from .figure import Figure
from .homework import answer_of, builtin, get, load, select, specs
from .prover import AllOf, Case, Check, CheckResult, Equal, Holds, Scope, Status, Verdict, decide, eq, prove
from .runner import prove_claim, prove_claims


def _register_display() -> None:
    """Claims and verdicts display as LaTeX in Jupyter through the printer, registered here, above both."""
    from .claim import LATEX_DISPLAY as CLAIMS
    from .latex.jupyter import claim_repr_latex, verdict_repr_latex
    from .prover.verdict import LATEX_DISPLAY as VERDICTS

    CLAIMS[:] = [claim_repr_latex]
    VERDICTS[:] = [verdict_repr_latex]


_register_display()

__all__ = ["AllOf", "Body", "Case", "Chain", "Check", "CheckResult", "Claim", "Equal", "Equivalence", "Figure", "Holds",
           "Homework", "Role", "Scope", "Status", "Verdict", "WriteUp", "answer_of", "builtin", "claim", "decide",
           "eq", "equivalent", "get", "load", "prove", "prove_claim", "prove_claims", "select", "specs"]
__version__ = "0.1.0"
