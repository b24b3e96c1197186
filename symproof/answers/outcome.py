"""The verdict on one checked answer (plain data, for JSON and across processes), its exit code, CheckInputError."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from symproof.prover.verdict import Status

MAX_ENTRIES_SHOWN = 12


class Outcome(enum.Enum):
    EQUIVALENT = "equivalent"
    NOT_EQUIVALENT = "not equivalent"
    BAD_INPUT = "bad input"
    UNDECIDED = "undecided"


EXIT_CODES: dict[Outcome, int] = {Outcome.EQUIVALENT: 0, Outcome.NOT_EQUIVALENT: 1, Outcome.BAD_INPUT: 2,
                                  Outcome.UNDECIDED: 3}
# For a batch: a broken entry is worse than an open one, which is worse than a wrong one.
SEVERITY: tuple[Outcome, ...] = (Outcome.EQUIVALENT, Outcome.NOT_EQUIVALENT, Outcome.UNDECIDED, Outcome.BAD_INPUT)
STATUS_OUTCOME: dict[Status, Outcome] = {Status.PROVEN: Outcome.EQUIVALENT, Status.REFUTED: Outcome.NOT_EQUIVALENT,
                                         Status.UNKNOWN: Outcome.UNDECIDED}


@dataclass(frozen=True)
class CheckVerdict:
    """The verdict on one answer: plain data (it crosses process borders and goes to JSON)."""

    claim_id: str
    outcome: Outcome
    method: str
    reason: str = ""
    kind: str = ""
    counterexample: dict[str, str] | None = None
    entries: tuple[str, ...] = ()  # for matrices: the entries that differ, as "(row, column)", 0-based
    unmatched: tuple[str, ...] = ()  # answer symbols with no counterpart in the claim
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def summary(self) -> str:
        """One line: the claim, the verdict, how it was reached, and the evidence against a wrong answer."""
        if self.outcome is Outcome.BAD_INPUT:
            return f"{self.claim_id}: bad input: {self.reason}"
        return f"{self.claim_id}: {self.outcome.value} by {self.detail()}"

    def detail(self) -> str:
        """How the verdict was reached and the evidence, without the claim id and the verdict itself."""
        if self.outcome is Outcome.BAD_INPUT:
            return self.reason
        text = self.method
        if self.entries:
            shown = ", ".join(self.entries[:MAX_ENTRIES_SHOWN])
            more = f" and {len(self.entries) - MAX_ENTRIES_SHOWN} more" if len(self.entries) > MAX_ENTRIES_SHOWN else ""
            text += f"; entries that differ: {shown}{more}"
        if self.counterexample:
            text += "; counterexample: " + _shown_point(self.counterexample)
        if self.reason:
            text += f"; {self.reason}"
        if self.unmatched:
            text += f"; symbols not in the claim: {', '.join(self.unmatched)}"
        return text

    def as_json(self) -> dict[str, Any]:
        return {"id": self.claim_id, "verdict": self.outcome.value, "exit": self.exit_code, "method": self.method,
                "reason": self.reason or None, "kind": self.kind or None, "counterexample": self.counterexample,
                "entries": list(self.entries), "unmatched": list(self.unmatched), "seconds": round(self.seconds, 4)}


def _shown_point(cx: Mapping[str, str]) -> str:
    """A counterexample on one line: the first MAX_ENTRIES_SHOWN coordinates, then the two values (JSON has all)."""
    values = {k: v for k, v in cx.items() if k in {"entry", "answer", "claim"}}
    point = [(k, v) for k, v in cx.items() if k not in values]
    cut = [f"{k} = {v}" for k, v in point[:MAX_ENTRIES_SHOWN]]
    if len(point) > MAX_ENTRIES_SHOWN:
        cut.append(f"... ({len(point) - MAX_ENTRIES_SHOWN} more)")
    return ", ".join(cut + [f"{k} = {v}" for k, v in values.items()])


class CheckInputError(ValueError):
    """The claim or the answer cannot be checked at all (exit 2); one line naming the input."""


def worst(verdicts: Iterable[CheckVerdict]) -> Outcome:
    return max((v.outcome for v in verdicts), key=SEVERITY.index, default=Outcome.EQUIVALENT)
