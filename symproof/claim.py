"""The claim model: what a claim states, the work it shows, the answer a student writes, and its wrong variants.

A claim is one decorated function in ``symproof/claims/q<N>_<topic>.py``::

    @claim("q1.1a", "1.1", "beta = 0 gives the linear activation x/2", Scope.GENERAL)
    def beta_zero() -> Body:
        ...
        return Body(statement=eq(h(x, 0), x / 2), answer=x / 2, wrong={"identity": eq(h(x, 0), x)})
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .prover.statements import AllOf, Case, Equal, Statement
from .prover.verdict import Scope

ID_PATTERN = re.compile(r"^q[1-9]\d*(\.\d+[a-z]?)?(\.[a-z][a-z0-9_]*)*$")


@dataclass(frozen=True)
class Chain:
    """A derivation a = e1 = e2 = ... = b; every link is checked by the prover, under `where` and `cases`.

    `why` holds an optional key per link (``"symmetric_H"``) that the LaTeX wording tables turn into text.
    """

    exprs: tuple[Any, ...]
    why: tuple[str | None, ...] = ()
    where: tuple[Any, ...] = ()
    cases: tuple[Case, ...] = ()
    label: str = ""

    def __post_init__(self) -> None:
        if len(self.exprs) < 2:
            raise ValueError(f"a chain needs at least two expressions, got {len(self.exprs)}")
        if self.why and len(self.why) != len(self.exprs) - 1:
            raise ValueError(f"a chain of {len(self.exprs)} expressions has {len(self.exprs) - 1} links, "
                             f"got {len(self.why)} reasons")

    def links(self) -> tuple[Equal, ...]:
        return tuple(Equal(a, b, self.where, self.cases) for a, b in zip(self.exprs[:-1], self.exprs[1:], strict=True))


@dataclass(frozen=True)
class Body:
    """What a claim function returns."""

    statement: Statement
    wrong: Mapping[str, Statement]
    answer: Any = None
    steps: tuple[Chain, ...] = ()
    notes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Claim:
    id: str
    question: str
    title: str
    scope: Scope
    statement: Statement
    wrong: Mapping[str, Statement]
    answer: Any = None
    steps: tuple[Chain, ...] = ()
    notes: Mapping[str, Any] = field(default_factory=dict)

    def obligations(self) -> tuple[tuple[str, Statement], ...]:
        """Everything that must be proven for the claim to be proven: its statement and every link shown."""
        out: list[tuple[str, Statement]] = [("statement", self.statement)]
        for n, chain in enumerate(self.steps, 1):
            for m, link in enumerate(chain.links(), 1):
                out.append((f"step {n}.{m}", link))
        return tuple(out)

    def as_statement(self) -> AllOf:
        return AllOf(self.obligations())

    def _repr_latex_(self) -> str:
        """Jupyter shows a claim as LaTeX; the printing itself lives in symproof.latex (imported only here)."""
        from .latex import claim_repr_latex

        return claim_repr_latex(self)


@dataclass(frozen=True)
class ClaimSpec:
    id: str
    question: str
    title: str
    scope: Scope
    build: Callable[[], Body]
    module: str


class DuplicateClaimError(RuntimeError):
    pass


_REGISTRY: dict[str, ClaimSpec] = {}
_BUILT: dict[str, Claim] = {}


def claim(claim_id: str, question: str, title: str, scope: Scope) -> Callable[[Callable[[], Body]], Callable[[], Body]]:
    """Register a claim function under an id that follows the assignment's numbering (q1.1a, q3.2, q1.1b.rate)."""
    if not ID_PATTERN.match(claim_id):
        raise ValueError(f"claim id {claim_id!r} does not follow the assignment's numbering (e.g. q1.1a, q3.2)")

    def register(fn: Callable[[], Body]) -> Callable[[], Body]:
        if claim_id in _REGISTRY:
            other = _REGISTRY[claim_id]
            raise DuplicateClaimError(f"claim id {claim_id!r} defined twice: {other.module}.{other.build.__name__} "
                                      f"and {fn.__module__}.{fn.__name__}")
        _REGISTRY[claim_id] = ClaimSpec(claim_id, question, title, scope, fn, fn.__module__)
        return fn

    return register


def _load() -> None:
    from . import claims

    claims.load_all()


def _key(claim_id: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"\d+|[a-z_]+", claim_id))


def specs() -> list[ClaimSpec]:
    """Every registered claim, in the assignment's order."""
    _load()
    return sorted(_REGISTRY.values(), key=lambda s: _key(s.id))


def get(claim_id: str) -> Claim:
    """Build a claim (once) by id."""
    _load()
    if claim_id not in _BUILT:
        spec = _REGISTRY[claim_id]
        body = spec.build()
        if not body.wrong:
            raise ValueError(f"claim {claim_id} has no wrong variant")
        _BUILT[claim_id] = Claim(spec.id, spec.question, spec.title, spec.scope, body.statement, dict(body.wrong),
                                 body.answer, tuple(body.steps), dict(body.notes))
    return _BUILT[claim_id]


def matches(claim_id: str, selector: str) -> bool:
    """`q1` selects question 1, `q1.1` selects q1.1a and q1.1b(.rate), never q1.10."""
    if claim_id == selector:
        return True
    if not claim_id.startswith(selector):
        return False
    nxt = claim_id[len(selector)]
    return not nxt.isdigit()


class UnknownSelectorError(LookupError):
    pass


def select(selectors: Iterable[str]) -> list[ClaimSpec]:
    """The claims the selectors name, in order; an unknown selector raises with the nearest ids."""
    import difflib

    everything = specs()
    wanted = list(selectors)
    if not wanted:
        return everything
    chosen: list[ClaimSpec] = []
    for sel in wanted:
        hits = [s for s in everything if matches(s.id, sel)]
        if not hits:
            near = difflib.get_close_matches(sel, [s.id for s in everything], n=3, cutoff=0.0)
            hint = f"; nearest: {', '.join(near)}" if near else ""
            raise UnknownSelectorError(f"unknown claim {sel!r}{hint}")
        chosen.extend(h for h in hits if h not in chosen)
    return sorted(chosen, key=lambda s: _key(s.id))
