"""The submission: SymPy objects printed in the assignment's notation, claim fragments, the document, figures."""

from __future__ import annotations

from ..claim import Claim
from ..prover.verdict import Verdict
from .jupyter import claim_repr_latex, verdict_repr_latex
from .printer import SymproofLatexPrinter, latex

__all__ = ["SymproofLatexPrinter", "claim_fragment", "claim_repr_latex", "latex", "verdict_repr_latex"]


def claim_fragment(claim: Claim, verdict: Verdict, lang: str = "fr") -> str:
    """A claim's fragment of the audit in `lang` ("fr" or "en"), as `symproof build` writes it."""
    from .fragments import claim_fragment as render
    from .wording import wording

    return render(claim, verdict, wording(lang))
