"""Derivations: chains of steps each citing a rule of rules.py, checked link by link and refuted at fixed n.

Every link is also instantiated at n = 1, 2, 3 with generic smooth functions (``symproof.nn.generic``) and
searched for a counterexample first, so a wrong step is refuted, not only refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..nn.generic import generic_function
from .method import Kind, Method, together
from .rules import COMPUTED, R_VAR, RULES, BigO, N, Partial, match, order_arithmetic, remainder_order
from .sampling import find_counterexample
from .sums import expand_sum, is_finite_sum
from .verdict import Scope, Status, Verdict

# --- derivations -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """The next expression of a derivation and its justification: a rule of RULES (with bindings) or COMPUTED."""

    expr: Any
    rule: str
    bindings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Derivation:
    """start = steps[0].expr = ... = steps[-1].expr for every n, every entry `index` in 0..n-1 and every smooth
    function named in it."""

    start: Any
    steps: tuple[Step, ...]
    index: Any = None  # the free entry index i of a vector identity, if any

    @property
    def end(self) -> Any:
        return self.steps[-1].expr

    def links(self) -> tuple[tuple[Any, Step], ...]:
        exprs = (self.start, *(s.expr for s in self.steps))
        return tuple(zip(exprs[:-1], self.steps, strict=True))


# --- instances at a fixed n, for refutation and for the tests --------------------------------------------------


def instantiate(e: Any, n: int, entry: int | None = None, index: Any = None) -> Any:
    """e at size n: columns become entries w_1..w_n, sums are written out, partials become generic functions."""
    if not isinstance(e, sp.Basic):
        return e
    values: dict[Any, Any] = {N: sp.Integer(n)}
    if index is not None and entry is not None:
        values[index] = sp.Integer(entry)
    out = e.xreplace(values)
    out = out.replace(is_finite_sum, expand_sum)
    columns = {}
    for m in out.atoms(sp.MatrixSymbol):
        rows, cols = (sp.sympify(d) for d in m.shape)
        if not (rows.is_Integer and cols.is_Integer):  # a size other than n: no instance at this n
            raise ValueError(f"{m} is {m.rows} x {m.cols}, not sized by {N}")
        entries = [[sp.Symbol(f"{m.name}_{i + 1}" if cols == 1 else f"{m.name}_{i + 1}{j + 1}", real=True)
                    for j in range(int(cols))] for i in range(int(rows))]
        columns[m] = sp.ImmutableMatrix(entries)
    out = out.xreplace(columns)
    out = out.replace(lambda x: isinstance(x, sp.MatrixExpr) and not isinstance(x, sp.MatrixBase),
                      lambda x: x.doit())
    out = out.replace(lambda x: isinstance(x, sp.matrices.expressions.matexpr.MatrixElement),
                      lambda x: x.doit())

    def concrete(p: Partial) -> Any:
        name, idx, x = p.args
        point = sp.Matrix(x.doit() if hasattr(x, "doit") else x)
        return generic_function(str(name), n, tuple(int(k) + 1 for k in idx))(*point)

    out = out.replace(lambda x: isinstance(x, Partial), concrete)
    # d/dr of the generic functions, by their own partials (the chain rule computed, not cited): a derivative
    # left unevaluated could not take a value of r at a sample point.
    return out.replace(lambda x: isinstance(x, sp.Derivative), lambda d: d.doit())


def as_limit_statement(a: Any, b: Any, r: Any = R_VAR) -> tuple[Any, Any]:
    """a = b where b (only) carries a remainder O(r^k): lim (a - b_main) / r^(k-1) = 0 says exactly that for
    smooth sides (the Taylor coefficients below r^k vanish)."""
    orders = [o for o in sp.Add.make_args(b) if isinstance(o, BigO)]
    if not orders or a.has(BigO) or len(orders) > 1:
        raise ValueError("only one side may carry the remainder")
    k = remainder_order(orders[0], r)
    main = b - orders[0]
    return sp.Limit((a - main) / r ** (k - 1), r, 0, dir="+-"), sp.S.Zero


def link_counterexample(a: Any, b: Any, index: Any = None, sizes: tuple[int, ...] = (1, 2, 3),
                        seed: int = 0) -> dict[str, str] | None:
    """A fixed n, entry and point where the link a = b fails for generic smooth functions realised at random."""
    for n in sizes:
        for entry in (range(n) if index is not None else (None,)):
            try:
                lhs, rhs = instantiate(a, n, entry, index), instantiate(b, n, entry, index)
            except ValueError:
                continue  # no instance at this n (a vector of another size, an index beyond n): left to the matcher
            # exact algebra first: the O(r^k) terms of a side collected into one
            lhs, rhs = (order_arithmetic(s) if s.has(BigO) else s for s in (lhs, rhs))
            if lhs.has(BigO) or rhs.has(BigO):
                try:
                    lhs, rhs = as_limit_statement(*((lhs, rhs) if rhs.has(BigO) else (rhs, lhs)))
                except ValueError:
                    continue  # a remainder on both sides, or inside a limit: nothing to sample at a point
            cx = find_counterexample(lhs, rhs, seed=seed + n, points=1)
            if cx is not None:
                return {"n": str(n), **({"entry": str(entry)} if entry is not None else {}), **cx.as_dict()}
    return None


def _tags(e: Any) -> set[Any]:
    return {o.args[1] for o in e.atoms(BigO)} if isinstance(e, sp.Basic) else set()


def decide_derivation(st: Derivation, scope: Scope) -> Verdict:
    cited: list[str] = []
    seen = _tags(st.start)  # every remainder's tag met so far in the chain
    for number, (a, step) in enumerate(st.links(), 1):
        # A remainder a step brings in is a new function: its tag must be new to the whole derivation, not only to
        # the step's left side, or the start and the end would give one tag two meanings.
        reused = (_tags(step.expr) - _tags(a)) & seen
        if reused:
            return Verdict(Status.UNKNOWN, scope, Method(Kind.STEP, count=number),
                           reason=f"step {number} brings in a remainder with a tag used earlier ({sorted(reused)})")
        seen |= _tags(step.expr)
        # A link that is an instance of its rule holds (the rule is a theorem): only a refused link is sampled,
        # for a counterexample at n = 2, then 1 and 3.
        why = match(step.rule, step.bindings, a, step.expr)
        if why is not None:
            cx = link_counterexample(a, step.expr, st.index, sizes=(2,), seed=number)
            if cx is not None:
                return Verdict(Status.REFUTED, scope, Method(Kind.STEP_SAMPLED, subject=step.rule, count=number),
                               counterexample=cx)
            cx = link_counterexample(a, step.expr, st.index, sizes=(1, 3), seed=number + 7)
            if cx is not None:
                return Verdict(Status.REFUTED, scope, Method(Kind.STEP_RESAMPLED, subject=step.rule, count=number),
                               counterexample=cx)
            return Verdict(Status.UNKNOWN, scope, Method(Kind.STEP, count=number), reason=why)
        cited.append(step.rule)
    names = list(dict.fromkeys(cited))
    rules = [c for c in names if c in RULES]
    computed = [c for c in names if c in COMPUTED]
    if rules and scope is Scope.GENERAL:
        scope = Scope.CITED  # "general" means computed: a proof citing a theorem says so, whatever was asked
    pieces = ([Method(Kind.CITED_RULES, tuple(rules))] if rules else []) + (
        [Method(Kind.COMPUTED, tuple(computed))] if computed else [])
    return Verdict(Status.PROVEN, scope, pieces[0] if len(pieces) == 1 else
                   together(*pieces) if pieces else Method(Kind.DERIVATION))


HANDLERS: dict[type, Callable[[Any, Scope], Verdict]] = {Derivation: decide_derivation}
