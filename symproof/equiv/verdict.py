"""The verdict of `symproof equiv` on a pair (plain data, for JSON and across processes) and its exit code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..prover.verdict import Status

MAX_SHOWN = 12


class EquivInputError(ValueError):
    """An expression or an assumption cannot be read (exit 2); the one-line message names it."""


@dataclass(frozen=True)
class Equivalence:
    """The verdict on a pair: outcome (the values of check's Outcome), how it was reached, the evidence."""

    outcome: str  # "equivalent", "not equivalent", "bad input", "undecided"
    method: str
    reason: str = ""
    kind: str = ""
    counterexample: dict[str, str] | None = None
    entries: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def equivalent(self) -> bool:
        return self.outcome == "equivalent"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]

    def summary(self) -> str:
        if self.outcome == "bad input":
            return f"bad input: {self.reason}"
        text = f"{self.outcome} by {self.method}"
        if self.entries:
            more = f" and {len(self.entries) - MAX_SHOWN} more" if len(self.entries) > MAX_SHOWN else ""
            text += f"; entries that differ: {', '.join(self.entries[:MAX_SHOWN])}{more}"
        if self.counterexample:
            text += "; counterexample: " + ", ".join(f"{k} = {v}" for k, v in self.counterexample.items())
        if self.reason:
            text += f"; {self.reason}"
        return text

    def as_json(self) -> dict[str, Any]:
        return {"verdict": self.outcome, "exit": self.exit_code, "method": self.method, "reason": self.reason or None,
                "kind": self.kind or None, "counterexample": self.counterexample, "entries": list(self.entries),
                "seconds": round(self.seconds, 4)}


EXIT_CODES = {"equivalent": 0, "not equivalent": 1, "bad input": 2, "undecided": 3}
STATUS_OUTCOME = {Status.PROVEN: "equivalent", Status.REFUTED: "not equivalent", Status.UNKNOWN: "undecided"}
