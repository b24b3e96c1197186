"""What the prover returns: a status, the scope it holds in, how it was reached and how long it took."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from .method import Kind, Method

# Jupyter's LaTeX display of a verdict: one function, registered by symproof/__init__.py (the printer's)
LATEX_DISPLAY: list[Callable[[Verdict], str]] = []


class Status(enum.Enum):
    PROVEN = "proven"
    REFUTED = "refuted"
    UNKNOWN = "unknown"


class Scope(enum.Enum):
    """What a verdict covers: every size and value (computed, or with steps citing named theorems), one fixed
    instance, or numeric evidence only."""

    GENERAL = "general"
    # General too, but some steps cite named theorems (chain rule, Taylor) matched against their patterns instead
    # of being computed; the verdict's method lists them.
    CITED = "general, citing rules"
    INSTANCE = "instance"
    NUMERIC = "numeric"


@dataclass(frozen=True)
class Verdict:
    """The outcome of deciding one statement. Plain data (strings, floats, a Method), so it crosses process
    borders."""

    status: Status
    scope: Scope
    method: Method
    seconds: float = 0.0
    counterexample: dict[str, str] | None = None
    reason: str | None = None
    parts: tuple[tuple[str, Verdict], ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.method, Method):  # text would have to be parsed back to be worded: refused
            raise TypeError(f"a verdict's method is a Method, not {type(self.method).__name__}: {self.method!r}")

    @property
    def proven(self) -> bool:
        return self.status is Status.PROVEN

    @property
    def word(self) -> str:
        """The status as a user reads it: a check that holds on numeric evidence only "passed"; it is not "proven"."""
        if self.status is Status.PROVEN and self.scope is Scope.NUMERIC:
            return "passed"
        return self.status.value

    @property
    def refuted(self) -> bool:
        return self.status is Status.REFUTED

    def _repr_latex_(self) -> str | None:
        """Jupyter shows a verdict as LaTeX through the printer registered from above (symproof/__init__.py), so
        that the prover imports nothing above it; without one, Jupyter falls back to the plain repr."""
        return LATEX_DISPLAY[0](self) if LATEX_DISPLAY else None

    def with_seconds(self, seconds: float) -> Verdict:
        return Verdict(self.status, self.scope, self.method, seconds, self.counterexample, self.reason, self.parts)

    def summary(self) -> str:
        """One line: status, scope, method, and the counterexample or the reason when there is one."""
        text = f"{self.word} ({self.scope.value}) by {self.method}"
        if self.counterexample:
            text += "; counterexample: " + ", ".join(f"{k} = {v}" for k, v in self.counterexample.items())
        if self.reason:
            text += f"; {self.reason}"
        return text


def combine(scope: Scope, parts: tuple[tuple[str, Verdict], ...], seconds: float = 0.0) -> Verdict:
    """All parts must be proven; one refuted part refutes the whole; anything else leaves it unknown."""
    if scope is Scope.GENERAL and any(v.scope is Scope.CITED for _, v in parts):
        scope = Scope.CITED  # a part proven by citing a theorem: so is the whole
    for label, v in parts:
        if v.refuted:
            return Verdict(Status.REFUTED, scope, Method(Kind.PART, subject=label, parts=(v.method,)), seconds,
                           v.counterexample, f"{label} is false" + (f" ({v.reason})" if v.reason else ""), parts)
    open_parts = [(label, v) for label, v in parts if not v.proven]
    if open_parts:
        label, v = open_parts[0]
        return Verdict(Status.UNKNOWN, scope, Method(Kind.PART, subject=label, parts=(v.method,)), seconds, None,
                       f"{label} not proven: {v.reason or v.status.value}", parts)
    methods = tuple(dict.fromkeys(v.method for _, v in parts))
    return Verdict(Status.PROVEN, scope, Method(Kind.PARTS, count=len(parts), parts=methods), seconds, None, None,
                   parts)
