"""Case splits: the region each case's substitution reaches, and a proof that the cases cover the domain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .statements import Case, Equal

# Strongest first: a case's new symbol gets the first that holds of it (a zero symbol is also nonnegative, and its
# image is the one point, not a half-line).
SIGN_CONDITIONS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("zero", lambda e: sp.Eq(e, 0)), ("positive", lambda e: e > 0), ("negative", lambda e: e < 0),
    ("nonnegative", lambda e: e >= 0), ("nonpositive", lambda e: e <= 0), ("nonzero", lambda e: sp.Ne(e, 0)),
)
# Assumptions a region's inequality expresses (the sign ones), and those any real value has; every other
# assumption of a case's new symbol (integer, even, prime, rational, ...) its inverse must provably have.
SIGN_KEYS = frozenset(name for name, _ in SIGN_CONDITIONS) | {f"extended_{n}" for n, _ in SIGN_CONDITIONS}
REAL_KEYS = frozenset({"real", "complex", "extended_real", "finite", "infinite", "hermitian", "imaginary",
                       "commutative"})


@dataclass(frozen=True)
class Region:
    """The points a case's substitution reaches, in the statement's own symbols, or why it cannot be read off."""

    condition: Any = None
    why: str = ""


def _affine_inverse(case: Case, new: list[Any]) -> tuple[dict[Any, Any] | None, str]:
    """The inverse of a case's substitution, when it is an affine bijection: the keys that move are exactly as
    many as the new symbols, each an affine function of them with rational coefficients, the matrix invertible.
    Only then is the image of the new symbols' domain the region their assumptions, read through the inverse,
    describe (x = exp(t) reaches x > 0 only, which no sign of t says)."""
    moving = [(k, sp.sympify(v)) for k, v in case.subs.items() if sp.sympify(v).free_symbols & set(new)]
    if len(moving) != len(new):
        return None, (f"case {case.label}: {len(moving)} symbols given by {len(new)} new ones is not a change of "
                      "variables")
    rows = []
    for key, value in moving:
        coefficients = [value.diff(s) for s in new]
        if not all(c.is_Rational for c in coefficients) or (value - sum(
                c * s for c, s in zip(coefficients, new, strict=True))).free_symbols & set(new):
            return None, (f"case {case.label}: {key} = {sp.sstr(value)} is not affine in {', '.join(map(str, new))}"
                          " with constant coefficients, so the points it reaches cannot be read off")
        rows.append(coefficients)
    matrix = sp.Matrix(rows)
    if matrix.det() == 0:
        return None, f"case {case.label}: the substitution is not invertible"
    offsets = sp.Matrix([key - (value - sum(c * s for c, s in zip(row, new, strict=True)))
                         for (key, value), row in zip(moving, rows, strict=True)])
    solution = matrix.inv() * offsets
    return {s: sp.expand(solution[i]) for i, s in enumerate(new)}, ""


def case_region(case: Case, own: set[Any]) -> Region:
    """The region a case covers, in the statement's own symbols: where its substitution provably maps onto.

    The substitution must be an affine bijection from its new symbols (see `_affine_inverse`); each new
    symbol's sign assumption becomes an inequality on its inverse, its other assumptions (integer, even, ...)
    must hold of the inverse on the whole domain, and a symbol mapped to own symbols only is an equation.
    """
    subs = {k: sp.sympify(v) for k, v in case.subs.items()}
    keys = set(subs)
    if not all(isinstance(k, sp.Symbol) and k.is_real for k in keys):
        return Region(why=f"case {case.label}: a case may only substitute real symbols")
    if any(v.free_symbols & keys for v in subs.values()):
        return Region(why=f"case {case.label}: a substituted symbol appears in a substitution")
    new = sorted({s for v in subs.values() for s in v.free_symbols} - own, key=sp.default_sort_key)
    inverse, why = _affine_inverse(case, new) if new else ({}, "")
    if inverse is None:
        return Region(why=why)
    conditions = [sp.Eq(k, v) for k, v in subs.items() if not (v.free_symbols & set(new))]
    for sym in new:
        back = inverse[sym]
        if back.is_real is not True:
            return Region(why=f"case {case.label}: {sym} = {sp.sstr(back)} is not provably real")
        for key, want in sorted(sym.assumptions0.items()):
            if key in SIGN_KEYS or key in REAL_KEYS:
                continue
            if getattr(back, f"is_{key}", None) is not want:
                # N = 2m with m an integer: m = N/2 is not an integer for odd N, so odd N is missed
                return Region(why=f"case {case.label}: {sym} = {sp.sstr(back)} is not provably {key}={want}")
        signs = [make(back) for name, make in SIGN_CONDITIONS if getattr(sym, f"is_{name}")]
        conditions.extend(signs[:1])
    return Region(sp.And(*conditions))


def _atom(rel: Any) -> tuple[Any, str] | None:
    """A relation as (e, op) meaning e op 0 with op in {'>', '>=', '=='}: x < a becomes (a - x, '>')."""
    table = {">": (1, ">"), ">=": (1, ">="), "<": (-1, ">"), "<=": (-1, ">="), "==": (1, "==")}
    if not isinstance(rel, sp.Rel) or rel.rel_op not in table or (rel.lhs - rel.rhs).is_real is not True:
        return None  # the order of the reals (a trichotomy, say) says nothing of a complex e
    sign, op = table[rel.rel_op]
    return sp.expand(sign * (rel.lhs - rel.rhs)), op


def _implied(cond: tuple[Any, str], facts: list[tuple[Any, str]]) -> bool:
    e, op = cond
    stronger = {">": {">"}, ">=": {">", ">=", "=="}, "==": {"=="}}[op]
    return any(f == e and fop in stronger for f, fop in facts) or (op == "==" and any(
        f == -e and fop == "==" for f, fop in facts))


def _covered_by_rules(conditions: list[Any], where: tuple[Any, ...]) -> bool:
    """Exact shortcuts before SymPy's logic simplifier: one case implied by `where`, or a trichotomy."""
    facts = [a for a in (_atom(w) for w in where) if a is not None]
    parsed = []
    for cond in conditions:
        atoms = [_atom(c) for c in sp.And.make_args(cond)] if cond is not sp.true else []
        if any(a is None for a in atoms):
            return False
        parsed.append([a for a in atoms if a is not None])
    if any(all(_implied(a, facts) for a in atoms) for atoms in parsed):
        return True
    singles = [atoms[0] for atoms in parsed if len(atoms) == 1]
    for e, op in singles:
        if op == ">" and (-e, ">") in singles and ((e, "==") in singles or (-e, "==") in singles):
            return True  # e > 0, e < 0 and e = 0 leave nothing out
    return False


def cases_cover(st: Equal, quick: bool = False) -> tuple[bool, str]:
    """Prove that the union of the cases contains the statement's domain: where & not(any case) is False.

    With `quick`, only the exact shortcut rules are tried, not SymPy's (slow) logic simplifier.
    """
    own = set().union(*(sp.sympify(e).free_symbols for e in (st.lhs, st.rhs) if not isinstance(e, sp.MatrixBase)))
    for e in (st.lhs, st.rhs):
        if isinstance(e, sp.MatrixBase):
            own |= e.free_symbols
    own |= set().union(*(w.free_symbols for w in st.where)) if st.where else set()
    own |= {k for c in st.cases for k in c.subs}
    conditions = []
    for case in st.cases:
        region = case_region(case, own)
        if region.condition is None:
            return False, region.why
        conditions.append(region.condition)
    if _covered_by_rules(conditions, st.where):
        return True, ""
    if quick:
        return False, "the quick cover rules do not apply"
    if any(s.is_real is not True for c in (*conditions, *st.where) for s in sp.sympify(c).free_symbols):
        return False, "the cover is only decided over real symbols"
    try:
        uncovered = sp.And(*st.where, sp.Not(sp.Or(*conditions))).simplify()
    except Exception as exc:
        return False, f"SymPy raised {type(exc).__name__} while checking the cover"
    if uncovered is sp.false:
        return True, ""
    return False, f"the cases do not provably cover the domain (left: {sp.sstr(uncovered)[:120]})"
