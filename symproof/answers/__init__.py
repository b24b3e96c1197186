"""Read a student's LaTeX answer into SymPy safely (grammar only, bounded size and time) for `check`."""

from __future__ import annotations

from symproof.answers.errors import AnswerParseError
from symproof.answers.functions import Sigmoid, rewrite_sigmoid
from symproof.answers.parse import Answer, parse_answer
from symproof.answers.symbols import SymbolMatch, canonical_name, match_symbols
from symproof.answers.transform import implicit_upper_bound

__all__ = [
    "Answer",
    "AnswerParseError",
    "Sigmoid",
    "SymbolMatch",
    "canonical_name",
    "implicit_upper_bound",
    "match_symbols",
    "parse_answer",
    "rewrite_sigmoid",
]
