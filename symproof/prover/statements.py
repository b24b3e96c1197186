"""The kinds of statement the prover decides: identities, relations, exact computations, conjunctions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .derivation import Derivation
from .matrix import MatrixEqual, PositiveForm


@dataclass(frozen=True)
class Case:
    """One region of a case split, given as a substitution (e.g. x -> alpha + t with t >= 0).

    The cases of a statement must cover its domain; their labels are printed in the method, so a reader can
    check the cover.
    """

    label: str
    subs: Mapping[Any, Any]


@dataclass(frozen=True)
class Equal:
    """lhs = rhs for every value of the free symbols allowed by their assumptions and by `where`.

    Works entrywise on matrices. `cases`, when given, are proven one by one instead of the whole domain.
    """

    lhs: Any
    rhs: Any
    where: tuple[Any, ...] = ()
    cases: tuple[Case, ...] = ()


@dataclass(frozen=True)
class Holds:
    """A relation or boolean formula (e.g. ``p > 0``, ``Equivalent(n - 8 >= 1, n >= 9)``) true on the domain.

    `certificate`, when given, is an expression equal to the relation's ``lhs - rhs`` whose sign SymPy's
    assumptions can read off (a sum of squares with positive weights, say); the equality is proven too.
    """

    relation: Any
    where: tuple[Any, ...] = ()
    certificate: Any = None


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """An exact or numeric computation that establishes a fact (float64 overflow, a Monte Carlo test...).

    What it proves is only as strong as the claim's scope says. `how` names the computation in plain English
    (the CLI prints it) and is the key of its words in each language in the claim's write-up `steps`.
    """

    how: str
    run: Callable[[], CheckResult]


@dataclass(frozen=True)
class AllOf:
    """Every labelled part holds."""

    parts: tuple[tuple[str, Statement], ...]


Statement = Equal | Holds | Check | AllOf | MatrixEqual | PositiveForm | Derivation


def eq(lhs: Any, rhs: Any, *where: Any, cases: tuple[Case, ...] = ()) -> Equal:
    """Shorthand used by the claims: ``eq(a, b, beta < alpha)``."""
    return Equal(as_sympy(lhs), as_sympy(rhs), tuple(where), cases)


def as_sympy(value: Any) -> Any:
    """Numbers and SymPy objects only: a string is never turned into an expression (that would run code)."""
    if isinstance(value, str):
        raise TypeError(f"a statement takes SymPy objects, not text: {value!r}")
    if isinstance(value, sp.MatrixBase):
        return value
    return sp.sympify(value, strict=True)


def checks_in(st: Statement) -> list[Check]:
    """The computations a statement runs: itself if it is a Check, the Checks among its parts if an AllOf."""
    if isinstance(st, Check):
        return [st]
    if isinstance(st, AllOf):
        return [c for _, part in st.parts for c in checks_in(part)]
    return []
