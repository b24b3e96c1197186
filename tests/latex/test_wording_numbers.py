"""Numbers quoted in the claims' prose are the ones their code computed, not typed-in copies."""

from __future__ import annotations

import re
from typing import Any

import pytest
import sympy as sp

from symproof.claim import get, specs
from symproof.latex.wording import EN, FR

THIN_SPACES = re.compile(r"(?<=\d)(\\,|\{,\}|,)(?=\d{3}\b)")


def quoted_integers(text: str) -> set[int]:
    """Integers of four digits or more, written with LaTeX thin spaces or commas as thousands separators."""
    return {int(m) for m in re.findall(r"\d{4,}", THIN_SPACES.sub("", text))}


def computed_integers(value: Any) -> set[int]:
    if isinstance(value, bool):
        return set()
    if isinstance(value, int):
        return {value}
    if isinstance(value, (sp.Integer, sp.Float)) and value == int(value):
        return {int(value)}
    if isinstance(value, float) and value.is_integer():
        return {int(value)}
    if isinstance(value, (tuple, list, sp.Tuple)):
        return set().union(*(computed_integers(v) for v in value)) if len(value) else set()
    return set()


@pytest.mark.parametrize("claim_id", [s.id for s in specs()])
def test_quoted_numbers_come_from_the_claim(claim_id: str) -> None:
    claim = get(claim_id)
    computed = computed_integers(claim.answer).union(*(computed_integers(v) for v in claim.notes.values()))
    computed = {abs(v) for v in computed}  # the prose's digits carry no sign
    for wording in (FR, EN):
        quoted = quoted_integers(wording.claims.get(claim_id, ""))
        assert quoted <= computed, f"{wording.lang} text of {claim_id} quotes {sorted(quoted - computed)}"


def test_thousands_separators_are_read() -> None:
    assert quoted_integers(r"$N = 123\,456$ and $7{,}654{,}321$, not 99") == {123456, 7654321}
