"""The submission: SymPy objects printed in the assignment's notation, claim fragments, the document, figures."""

from __future__ import annotations

from .jupyter import claim_repr_latex, verdict_repr_latex
from .printer import SymproofLatexPrinter, latex

__all__ = ["SymproofLatexPrinter", "claim_repr_latex", "latex", "verdict_repr_latex"]
