"""Numbers quoted in the claims' prose are the ones their code computed, not typed-in copies."""

from __future__ import annotations

import re
from typing import Any

import pytest
import sympy as sp

from symproof.claim import Claim
from symproof.homework import get, specs

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


def _numbers(claim: Claim) -> set[int]:
    found = computed_integers(claim.answer).union(*(computed_integers(v) for v in claim.notes.values()))
    return {abs(v) for v in found}  # the prose's digits carry no sign


def _texts(claim: Claim, lang: str) -> str:
    wu = claim.write_up
    tables = [wu.text, wu.recall, wu.handin, wu.answer, wu.caption, *wu.steps.values()]
    return " ".join(t.get(lang, "") for t in tables)


@pytest.mark.parametrize("claim_id", [s.id for s in specs()])
def test_quoted_numbers_come_from_the_claim(claim_id: str) -> None:
    claim = get(claim_id)
    # an answer's write-up may quote what a claim of its own sub-question computed (the float64 run of 1.4)
    computed = set().union(*(_numbers(get(s.id)) for s in specs() if s.subquestion == claim.subquestion))
    for lang in ("fr", "en"):
        quoted = quoted_integers(_texts(claim, lang))
        assert quoted <= computed, f"{lang} text of {claim_id} quotes {sorted(quoted - computed)}"


def test_thousands_separators_are_read() -> None:
    assert quoted_integers(r"$N = 123\,456$ and $7{,}654{,}321$, not 99") == {123456, 7654321}
