"""The claim model: what a claim states, the work it shows, the answer a student writes, and its wrong variants.

A claim is one decorated function in a homework's claim module (``symproof/claims/q<N>_<topic>.py`` for the
built-in one)::

    @claim("q1.1a", "1.1", "beta = 0 gives the linear activation x/2", Scope.GENERAL)
    def beta_zero() -> Body:
        ...
        return Body(statement=eq(h(x, 0), x / 2), answer=x / 2, wrong={"identity": eq(h(x, 0), x)})
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .figure import Figure
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
    """What a claim function returns.

    `notes` holds what the prover does not decide: ``notes["latex"]`` printer options, and ``notes["choice"]``
    ({beta: 0}) the value of a parameter the sub-question asks to choose, which the statement proves is right (an
    answer ``\\beta = 0`` is then checked against that value, not against `answer`).
    """

    statement: Statement
    wrong: Mapping[str, Statement]
    answer: Any = None
    steps: tuple[Chain, ...] = ()
    notes: Mapping[str, Any] = field(default_factory=dict)


# Jupyter's LaTeX display of a claim: one function, registered by symproof/__init__.py (the printer's)
LATEX_DISPLAY: list[Callable[[Claim], str]] = []

LANGUAGES = ("fr", "en")  # fr is the assignment's language


class Role(enum.Enum):
    """An answer claim answers its sub-question in the hand-in (one per sub-question); a supporting one is shown
    in the audit only."""

    ANSWER = "answer"
    SUPPORTING = "supporting"


ANSWER, SUPPORTING = Role.ANSWER, Role.SUPPORTING

@dataclass(frozen=True)
class WriteUp:
    """Everything a claim says, per language ("fr", "en"), declared with the claim.

    `text` is the claim in words (the audit). An answer claim also gives `recall` (its sub-question in one line),
    `handin` (the sentences a student writes before the derivation) and may give `answer` (the answer in the form
    the question asks for, e.g. ``$12 \\times 12$``). `steps` words a chain's `why` keys, `figure` is the
    figure shown with the claim, in its sub-question, above its `caption`, `definition` the Python function
    ('module:function') the hand-in shows as a definition (named `definition_as` there), `notation` the
    assignment's name of a symbol in the hand-in (``{"w_t": "\\boldsymbol{w}^{(t)}"}``), `show` which chains
    (1-based) the hand-in displays (None: every one; a claim without chains: which parts of its statement,
    "part N" introducing part N; a step key "chain N" introduces chain N, "row N" tags its last row, "after..."
    follows them), and `oracles` the tests ('tests/path.py::test_name') that cross-check the claim against an
    independent computation.
    """

    text: Mapping[str, str]
    recall: Mapping[str, str] = field(default_factory=dict)
    handin: Mapping[str, str] = field(default_factory=dict)
    answer: Mapping[str, str] = field(default_factory=dict)
    steps: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    figure: Figure | None = None
    caption: Mapping[str, str] = field(default_factory=dict)
    definition: str = ""
    definition_as: str = ""
    notation: Mapping[str, str] = field(default_factory=dict)
    oracles: tuple[str, ...] = ()
    show: tuple[int, ...] | None = None

    def missing(self, lang: str, role: Role) -> list[str]:
        """The fields an answer (or supporting) claim must give in `lang` and does not."""
        wanted = {"text": self.text}
        if role is Role.ANSWER:
            wanted |= {"recall": self.recall, "handin": self.handin}
        if self.figure is not None:
            wanted["caption"] = self.caption
        return [name for name, table in wanted.items() if not table.get(lang)]


NO_WRITE_UP = WriteUp(text={})


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
    role: Role = Role.SUPPORTING
    write_up: WriteUp = NO_WRITE_UP

    @property
    def subquestion(self) -> str:
        return subquestion_of(self.id)

    def obligations(self) -> tuple[tuple[str, Statement], ...]:
        """Everything that must be proven for the claim to be proven: its statement and every link shown."""
        out: list[tuple[str, Statement]] = [("statement", self.statement)]
        for n, chain in enumerate(self.steps, 1):
            for m, link in enumerate(chain.links(), 1):
                out.append((f"step {n}.{m}", link))
        return tuple(out)

    def as_statement(self) -> AllOf:
        return AllOf(self.obligations())

    def _repr_latex_(self) -> str | None:
        """Jupyter shows a claim as LaTeX through the printer registered from above (symproof/__init__.py), so
        that the claim model imports nothing above it; without one, Jupyter falls back to the plain repr."""
        return LATEX_DISPLAY[0](self) if LATEX_DISPLAY else None


@dataclass(frozen=True)
class ClaimSpec:
    id: str
    question: str
    title: str
    scope: Scope
    build: Callable[[], Body]
    module: str
    role: Role = Role.SUPPORTING
    write_up: WriteUp = NO_WRITE_UP
    file: str = ""  # the file the claim function is defined in, for the errors a user's homework gets
    # the claim once built, kept in this value (forked proof workers inherit it)
    _built: dict[str, Claim] = field(default_factory=dict, compare=False, repr=False)

    @property
    def subquestion(self) -> str:
        return subquestion_of(self.id)

    def built(self) -> Claim:
        """Run the claim function (once) and make the claim of its body."""
        if "claim" not in self._built:
            self._built["claim"] = build_claim(self)
        return self._built["claim"]


def subquestion_of(claim_id: str) -> str:
    """q1.1a -> 1.1a, q3.2.mlp -> 3.2, q2.k3 -> 2: the sub-question of the assignment a claim belongs to."""
    head = claim_id.removeprefix("q").split(".")
    return ".".join(head[:2]) if len(head) > 1 and head[1][:1].isdigit() else head[0]




class DuplicateClaimError(RuntimeError):
    pass


SPEC_ATTRIBUTE = "__symproof_claim__"  # where @claim leaves its spec on the function: no registry anywhere


def claim(claim_id: str, question: str, title: str, scope: Scope, *, role: Role = Role.SUPPORTING,
          write_up: WriteUp = NO_WRITE_UP) -> Callable[[Callable[[], Body]], Callable[[], Body]]:
    """Mark a claim function with its id (following the homework's numbering: q1.1a, q3.2, q1.1b.rate), its role
    and its write-up; the homework that loads its module collects it."""
    if not ID_PATTERN.match(claim_id):
        raise ValueError(f"claim id {claim_id!r} does not follow the assignment's numbering (e.g. q1.1a, q3.2)")

    def mark(fn: Callable[[], Body]) -> Callable[[], Body]:
        code = getattr(fn, "__code__", None)
        spec = ClaimSpec(claim_id, question, title, scope, fn, fn.__module__, role, write_up,
                         code.co_filename if code is not None else "")
        setattr(fn, SPEC_ATTRIBUTE, spec)
        return fn

    return mark


def specs_of(namespace: Mapping[str, Any]) -> list[ClaimSpec]:
    """The claims a module defines (its namespace), in the order it defines them."""
    return [spec for value in namespace.values() if isinstance(spec := getattr(value, SPEC_ATTRIBUTE, None), ClaimSpec)
            and spec.module == namespace.get("__name__", spec.module)]


def _key(claim_id: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"\d+|[a-z_]+", claim_id))


def normalise(selector: str) -> str:
    """Q1, 1.1A, q1.1a: a selector is read without case, and the leading q may be left out."""
    sel = selector.strip().lower()
    return sel if sel.startswith("q") else "q" + sel


def matches(claim_id: str, selector: str) -> bool:
    """`q1` selects question 1, `q1.1` selects q1.1a and q1.1b(.rate), never q1.10."""
    selector = normalise(selector)
    if claim_id == selector:
        return True
    if not claim_id.startswith(selector):
        return False
    nxt = claim_id[len(selector)]
    return not nxt.isdigit()


class UnknownSelectorError(LookupError):
    pass


def _nearest(selector: str, ids: list[str]) -> str:
    """The nearest ids, taken from the selector's own question when it has any there."""
    import difflib

    question = normalise(selector).split(".")[0]
    same = [i for i in ids if i.split(".")[0] == question] or ids
    near = difflib.get_close_matches(normalise(selector), same, n=3, cutoff=0.0)
    return f"; nearest: {', '.join(near)}" if near else ""


@dataclass(frozen=True)
class Meta:
    """What a homework says of itself (its homework.toml): the course header of page 1, the documents' titles and
    the questions' titles per language, and its sub-questions in order (each has exactly one answer claim)."""

    course: str
    number: str
    professor: str
    languages: tuple[str, ...]
    title: Mapping[str, str]  # the hand-in's page-1 line: "Devoir 2 --- partie théorique"
    due: Mapping[str, str]
    audit_title: Mapping[str, str]
    questions: Mapping[str, Mapping[str, str]]  # language -> question number -> title
    subquestions: tuple[str, ...]
    date: str = "1970-01-01"  # ISO 8601: the date the compiled PDFs carry, the same on every machine


def build_claim(spec: ClaimSpec) -> Claim:
    """Run a claim function and make the claim of its body."""
    body = spec.build()
    if not body.wrong:
        raise ValueError(f"claim {spec.id} has no wrong variant")
    return Claim(spec.id, spec.question, spec.title, spec.scope, body.statement, dict(body.wrong), body.answer,
                 tuple(body.steps), dict(body.notes), spec.role, spec.write_up)


@dataclass(frozen=True)
class Homework:
    """A homework as a value: its metadata and its claims (in its order), loaded by the caller and passed down.

    A claim is built on first use and kept by its spec (forked proof workers inherit what was built)."""

    meta: Meta
    claims: tuple[ClaimSpec, ...]
    source: str = ""  # the folder it was loaded from, for messages

    @staticmethod
    def of(meta: Meta, found: Iterable[ClaimSpec], source: str = "") -> Homework:
        """The homework of these claims; an id defined twice raises DuplicateClaimError naming both places."""
        by_id: dict[str, ClaimSpec] = {}
        for spec in found:
            if spec.id in by_id:
                other = by_id[spec.id]
                raise DuplicateClaimError(f"claim id {spec.id!r} defined twice: {other.module}.{other.build.__name__} "
                                          f"and {spec.module}.{spec.build.__name__}")
            by_id[spec.id] = spec
        return Homework(meta, tuple(sorted(by_id.values(), key=lambda s: _key(s.id))), source)

    @property
    def subquestions(self) -> tuple[str, ...]:
        return self.meta.subquestions

    def specs(self) -> list[ClaimSpec]:
        """Every claim, in the homework's order."""
        return list(self.claims)

    def lookup(self, claim_id: str) -> ClaimSpec:
        """The one lookup of a claim id (case-insensitive); an unknown id raises UnknownSelectorError with the
        nearest ids."""
        key = normalise(claim_id)
        for spec in self.claims:
            if spec.id == key:
                return spec
        raise UnknownSelectorError(f"unknown claim {claim_id!r}{_nearest(claim_id, sorted(s.id for s in self.claims))}")

    def get(self, claim_id: str) -> Claim:
        """Build a claim (once) by id."""
        return self.lookup(claim_id).built()

    def answer_of(self, sub: str) -> ClaimSpec | None:
        """The answer claim of a sub-question ('3.2' or 'q3.2'), None when the sub-question has none."""
        sub = normalise(sub).removeprefix("q")
        found = [s for s in self.claims if s.role is Role.ANSWER and s.subquestion == sub]
        return found[0] if found else None

    def answer_target(self, text: str) -> str:
        """The claim a `check` id names: a sub-question id (q3.2, Q1.1A) is answered by its answer claim, any other
        id names that claim (read without case; an unknown one is returned as it is, for the caller to report); a
        question id (q1) or a group (q1.1) raises, listing the sub-questions it holds."""
        key = normalise(text)
        sub = key.removeprefix("q")
        if sub in self.subquestions:
            spec = self.answer_of(sub)
            if spec is not None:
                return spec.id
        inside = [s for s in self.subquestions if f"q{s}" != key and matches(f"q{s}", key)]
        if inside:
            raise UnknownSelectorError(f"{text!r} names a group of sub-questions; name one of: "
                                       f"{', '.join('q' + s for s in inside)}")
        return key

    def select(self, selectors: Iterable[str]) -> list[ClaimSpec]:
        """The claims the selectors name, in order; an unknown selector raises with the nearest ids."""
        everything = self.specs()
        wanted = list(selectors)
        if not wanted:
            return everything
        chosen: list[ClaimSpec] = []
        for sel in wanted:
            hits = [s for s in everything if matches(s.id, sel)]
            if not hits:
                raise UnknownSelectorError(f"unknown claim {sel!r}{_nearest(sel, [s.id for s in everything])}")
            chosen.extend(h for h in hits if h not in chosen)
        return sorted(chosen, key=lambda s: _key(s.id))
