"""Every answer the build prints, read back by `check` and compared with its own claim: it must be equivalent.

The committed fragments of the audit, where the build prints each claim's answer: latex_out/claims/ in French
(found after `\\textbf{Réponse :}`) and latex_out/claims-en/ in English (after `\\textbf{Answer:}`). The hand-in
states the same answers in the write-ups' own sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from symproof.answers.check import check_answer
from symproof.answers.outcome import Outcome
from symproof.homework import get, specs

OUT = Path(__file__).parents[2] / "latex_out"
FRAGMENTS = {"fr": OUT / "claims", "en": OUT / "claims-en"}
ANSWER = re.compile(r"\\textbf\{(?:Réponse :|Answer:)\}\s*(?:\$\\displaystyle (?P<inline>.*?)\$\n"
                    r"|\\\[\n  \\symprooffit\{(?P<shown>.*?)\}\n\\\]|(?P<word>\w+)\.)", re.DOTALL)
CLAIM = re.compile(r"^% claim (\S+):", re.MULTILINE)

# What the grammar cannot read back yet, each with the reason; strict, so a fix shows up as a failure here.
NOT_YET: dict[str, str] = {}


def _printed(text: str) -> str | None:
    m = ANSWER.search(text)
    if m is None:
        return None
    return m["inline"] or m["shown"] or m["word"]


def printed(lang: str) -> list[tuple[str, str]]:
    """(claim id, answer) of every fragment the build wrote in `lang`."""
    out = []
    for path in sorted(FRAGMENTS[lang].glob("*.tex")):
        text = path.read_text(encoding="utf-8")
        answer = _printed(text)
        if answer is not None:
            out.append((CLAIM.findall(text)[0], answer))
    return out


def _cases(pairs: list[tuple[str, str]], lang: str) -> list[object]:
    return [pytest.param(cid, tex, id=f"{lang}-{cid}", marks=[pytest.mark.xfail(reason=NOT_YET[cid], strict=True)]
                         if cid in NOT_YET else []) for cid, tex in pairs]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_claim_with_an_answer_has_a_printed_answer(lang: str) -> None:
    found = {cid for cid, _ in printed(lang)}
    with_answer = {s.id for s in specs() if get(s.id).answer is not None}
    assert with_answer <= found, f"no printed answer for {sorted(with_answer - found)}"


@pytest.mark.parametrize(("claim_id", "tex"), _cases(printed("fr"), "fr") + _cases(printed("en"), "en"))
def test_printed_answer_reads_back_as_its_claim(claim_id: str, tex: str) -> None:
    verdict = check_answer(claim_id, tex)
    assert verdict.outcome is Outcome.EQUIVALENT, verdict.summary()
