"""How a verdict was reached, as data: a method from a closed set, its details, and the methods it combines."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any


class Kind(enum.Enum):
    """Every method the prover names. The value is the method's plain name (the CLI's and the JSON's text); the
    printer words each kind from its language's table (latex/wording.py), which must list every kind not in
    COMBINING (a test says so)."""

    # proofs
    RESIDUAL_LADDER = "residual ladder"
    CASE_SPLIT = "case split"
    CERTIFICATE = "certificate"
    SIGN_FROM_ASSUMPTIONS = "sign from assumptions"
    EVALUATION = "evaluation"
    SIMPLIFY = "simplify"
    SCALED_RELATIONS = "relations equivalent by a positive factor"
    MATRIX_RULES = "matrix rules"
    POSITIVE_DEFINITE = "definition of positive definite"
    CITED_RULES = "cited rules"
    COMPUTED = "computed"
    DERIVATION = "derivation"
    CHECK = "check"  # a Check's own computation, named by its description (`subject`)
    PROPORTIONAL = "proportional residuals"
    SAME_ROOTS = "the same real roots"
    SAME_BRACKETS = "the same brackets"
    # refutations
    SHAPE_CHECK = "shape check"
    RANDOM_POINTS = "random points at 40 and 80 digits"
    RANDOM_POINTS_EXACT = "random points, exact evaluation"
    CERTIFIED_DIGITS = "evaluation with certified digits"
    RANDOM_MATRICES = "random sizes and matrices respecting the facts, exact"
    RANDOM_MATRICES_FIXED = "random matrices respecting the facts, exact"
    STEP_SAMPLED = "a step at a fixed n, generic functions realised at random"
    STEP_RESAMPLED = "a step at a fixed n"
    ROOT_OF_ONE = "a root of one equation only"
    SOLUTION_OF_ONE = "a solution of one equation only"
    EXACT_INTERVALS = "exact intervals at a point"
    # where a proof stopped
    OPEN_CASE = "case split, one case"
    STEP = "step"
    RELATION = "relation"
    EQUATIONS = "equations"
    INTERVALS = "intervals"
    NO_HANDLER = "none"
    EXCEPTION = "exception"
    CRASH = "crash"
    TIMEOUT = "timeout"
    # methods made of methods: the printer words their parts, not them
    WITH = "with"  # the methods one proof used together
    EACH = "each"  # the distinct methods of a conjunction's leaves
    PARTS = "parts"  # a proven conjunction of `count` parts
    PART = "part"  # the part (`subject`, its label) that refuted a conjunction or left it open


COMBINING = frozenset({Kind.WITH, Kind.EACH, Kind.PARTS, Kind.PART})


@dataclass(frozen=True)
class Method:
    """One method and its details, plain data (strings, ints, tuples), so it crosses the worker pipe.

    `rules`: the ladder's rungs or the matrix rules applied, in order, or the theorems cited (CITED_RULES) and the
    steps computed (COMPUTED); `cases`: a case split's case labels, listed once their cover of the domain is
    proven; `subject`: what the method was applied to (a check's description, a matrix, a step's rule, a label);
    `count`: a step's number, a conjunction's number of parts, the digits certified; `parts`: the methods this
    one combines or relies on.
    """

    kind: Kind
    rules: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    subject: str = ""
    count: int = 0
    parts: tuple[Method, ...] = ()

    def __str__(self) -> str:
        return PLAIN[self.kind](self)

    def leaves(self) -> Iterator[Method]:
        """The methods that are not combinations, in order (a leaf relying on parts, such as SAME_BRACKETS, is
        followed by them)."""
        if self.kind not in COMBINING:
            yield self
        for part in self.parts:
            yield from part.leaves()

    def as_dict(self) -> dict[str, Any]:
        """The method as JSON data (the CLI's --json): its kind's key and the details it has, parts nested."""
        out: dict[str, Any] = {"kind": self.kind.name.lower()}
        out |= {name: list(value) for name, value in (("rules", self.rules), ("cases", self.cases)) if value}
        out |= {name: value for name, value in (("subject", self.subject), ("count", self.count)) if value}
        if self.parts:
            out["parts"] = [part.as_dict() for part in self.parts]
        return out

    @property
    def cited(self) -> tuple[str, ...]:
        """The named theorems this method cites (for a verdict of scope CITED), each once."""
        return tuple(dict.fromkeys(r for m in self.leaves() if m.kind is Kind.CITED_RULES for r in m.rules))


def _named(m: Method) -> str:
    return m.kind.value


def _with_rules(m: Method) -> str:
    return m.kind.value + (f" ({'+'.join(m.rules)})" if m.rules else "")


def _with_list(m: Method) -> str:
    return m.kind.value + (f" ({', '.join(m.rules)})" if m.rules else "")


def _with_subject(m: Method) -> str:
    return m.kind.value + (f" ({m.subject})" if m.subject else "")


# The plain text of each kind: what the CLI prints after "by" and the JSON's "method" field.
PLAIN: dict[Kind, Callable[[Method], str]] = {
    Kind.RESIDUAL_LADDER: _with_rules,
    Kind.CASE_SPLIT: lambda m: "case split" + (f" ({', '.join(m.cases)}; cover proven)" if m.cases else ""),
    Kind.CERTIFICATE: _with_rules,
    Kind.SIGN_FROM_ASSUMPTIONS: _named,
    Kind.EVALUATION: _named,
    Kind.SIMPLIFY: _named,
    Kind.SCALED_RELATIONS: _named,
    Kind.MATRIX_RULES: _with_rules,
    Kind.POSITIVE_DEFINITE: lambda m: f"definition of positive definite ({m.subject})" if m.subject
    else "positive definite",
    Kind.CITED_RULES: _with_list,
    Kind.COMPUTED: _with_list,
    Kind.DERIVATION: _named,
    Kind.CHECK: lambda m: m.subject,
    Kind.PROPORTIONAL: lambda m: f"proportional residuals, a - b = {m.subject} (c - d), by {m.parts[0]}",
    Kind.SAME_ROOTS: lambda m: f"the same real roots in {m.subject}, isolated exactly ({', '.join(m.cases) or 'none'})",
    Kind.SAME_BRACKETS: lambda m: "the same brackets; endpoints by " + "; ".join(str(p) for p in m.parts),
    Kind.SHAPE_CHECK: _named,
    Kind.RANDOM_POINTS: _named,
    Kind.RANDOM_POINTS_EXACT: _named,
    Kind.CERTIFIED_DIGITS: lambda m: f"evaluation with certified digits (up to {m.count})",
    Kind.RANDOM_MATRICES: _named,
    Kind.RANDOM_MATRICES_FIXED: _named,
    Kind.STEP_SAMPLED: lambda m: f"step {m.count} ({m.subject}) at a fixed n, generic functions realised at random",
    Kind.STEP_RESAMPLED: lambda m: f"step {m.count} ({m.subject}) at a fixed n",
    Kind.ROOT_OF_ONE: lambda m: f"a root of {m.subject} equation only",
    Kind.SOLUTION_OF_ONE: lambda m: f"a solution of {m.subject} equation only",
    Kind.EXACT_INTERVALS: _named,
    Kind.OPEN_CASE: lambda m: f"case split, case {m.subject}",
    Kind.STEP: lambda m: f"step {m.count}",
    Kind.RELATION: _named,
    Kind.EQUATIONS: _named,
    Kind.INTERVALS: _named,
    Kind.NO_HANDLER: _named,
    Kind.EXCEPTION: _named,
    Kind.CRASH: _named,
    Kind.TIMEOUT: _named,
    Kind.WITH: lambda m: " + ".join(str(p) for p in m.parts),
    Kind.EACH: lambda m: "; ".join(str(p) for p in m.parts),
    Kind.PARTS: lambda m: f"{m.count} parts: " + "; ".join(str(p) for p in m.parts),
    Kind.PART: lambda m: f"{m.subject}: {m.parts[0]}",
}


def together(*parts: Method) -> Method:
    """The methods one proof used together ("case split (...) + residual ladder (...)")."""
    return Method(Kind.WITH, parts=parts)


def each(methods: list[Method] | tuple[Method, ...]) -> Method:
    """The distinct methods of several proofs, in order; one method stands for itself."""
    distinct = tuple(dict.fromkeys(methods))
    return distinct[0] if len(distinct) == 1 else Method(Kind.EACH, parts=distinct)
