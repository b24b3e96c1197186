"""Aligning an answer to a claim: symbols, functions, entries (x_0 = x[0]), sums' bounds, the domain and cases."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import sympy as sp

from symproof.answers.functions import InnerProduct
from symproof.answers.outcome import CheckInputError
from symproof.answers.parse import Answer
from symproof.answers.symbols import canonical_name, match_symbols, normalise_name
from symproof.answers.transform import gradient_name, implicit_upper_bound
from symproof.claim import Claim
from symproof.prover.rules import Partial
from symproof.prover.statements import AllOf, Case, Equal, Statement

# -------------------------------------------------------------------------------- domain and case split

_Part = TypeVar("_Part")

def _parts(st: Statement, kind: type[_Part]) -> Iterator[_Part]:
    """The parts of `st` of type `kind`, conjunctions walked through."""
    if isinstance(st, kind):
        yield st
    elif isinstance(st, AllOf):
        for _, part in st.parts:
            yield from _parts(part, kind)


def claim_domain(claim: Claim) -> tuple[tuple[Any, ...], tuple[Case, ...]]:
    """The domain on which the claim's answer is compared: the conditions every Equal part of its statement shares
    (q1.2's beta < alpha, not the x >= alpha of its first part, which is one region only), and the case split of a
    part stated on exactly that domain, when its variables are all symbols of the claim's answer."""
    own = _free_scalars(claim.answer)
    parts = list(_parts(claim.statement, Equal))
    if not parts:
        return (), ()
    shared = [w for w in parts[0].where if all(w in part.where for part in parts[1:])]
    where = tuple(w for w in shared if sp.sympify(w).free_symbols <= own)
    for part in parts:
        if part.cases and set(part.where) == set(where) and set().union(*(set(c.subs) for c in part.cases)) <= own:
            return where, part.cases
    return where, ()


def _free_scalars(expr: Any) -> set[Any]:
    if not isinstance(expr, (sp.Basic, sp.MatrixBase)):
        return set()
    labels = {b.label for b in expr.atoms(sp.IndexedBase)}
    return {s for s in expr.free_symbols if isinstance(s, sp.Symbol) and s not in labels}


def claim_symbols(expr: Any, where: Iterable[Any] = ()) -> list[Any]:
    """What an answer's symbols may be matched to: the claim's free symbols, free entries x[i], vectors x, and
    matrix symbols, in a stable order."""
    pool: set[Any] = set(_free_scalars(expr))
    for w in where:
        pool |= _free_scalars(w)
    if isinstance(expr, (sp.Basic, sp.MatrixBase)):
        bound = {v for s in expr.atoms(sp.Sum, sp.Product) for v in s.variables}
        pool |= {e for e in expr.atoms(sp.Indexed) if not (set(e.indices) & bound)}
        pool |= expr.atoms(sp.IndexedBase) | expr.atoms(sp.MatrixSymbol)
    return sorted(pool, key=sp.default_sort_key)


# ----------------------------------------------------------------------------------- aligning symbols

def _indexed_by(body: Any, var: Any) -> set[str]:
    """Names of the vectors an index runs over in `body`: x in x[j] and w in w[i, j] for j."""
    return {canonical_name(e.base) for e in body.atoms(sp.Indexed) if var in e.indices}


def _claim_sums(expected: Any) -> list[tuple[Any, Any, Any, set[str]]]:
    """(variable, lower, upper, vectors the variable indexes) for every single-variable limit of the claim's sums."""
    if not isinstance(expected, (sp.Basic, sp.MatrixBase)):
        return []
    out = []
    for s in expected.atoms(sp.Sum):
        for var, lo, hi in s.limits:
            out.append((var, lo, hi, _indexed_by(s.function, var)))
    return out


def fill_implicit_bounds(expr: Any, expected: Any) -> Any:
    r"""`\sum_j` without bounds runs over the claim's range: the bounds of the claim's sums over the same vector
    (x in `\sum_j e^{x_j}`), or of all its sums when they share one range. Otherwise left for the report."""
    sums = _claim_sums(expected)

    def fill(s: sp.Sum) -> Any:
        limits = []
        for var, lo, hi in s.limits:
            if hi == implicit_upper_bound(var) and lo == 1:
                names = _indexed_by(s.function, var)
                # the claim's sums whose index runs over the most of the same vectors (pi_k and w_k: the sum
                # over k, not the inner one over i that only w shares)
                best = max((len(names & c_names) for *_, c_names in sums), default=0)
                ranges = {(c_lo, c_hi) for _, c_lo, c_hi, c_names in sums if best and len(names & c_names) == best}
                if len(ranges) != 1:
                    ranges = {(c_lo, c_hi) for _, c_lo, c_hi, _ in sums}
                if len(ranges) == 1:
                    lo, hi = next(iter(ranges))
            limits.append((var, lo, hi))
        return sp.Sum(s.function, *limits)

    return expr.replace(lambda e: isinstance(e, sp.Sum), fill) if isinstance(expr, sp.Basic) else expr


def _vector_and_indices(obj: Any) -> tuple[str, tuple[Any, ...]]:
    """`w[k]` -> ("w", (k,)); Symbol `w_{k}` -> ("w", (Symbol k,)); Symbol `x` -> ("x", ())."""
    if isinstance(obj, sp.Indexed):
        return canonical_name(obj.base), tuple(obj.indices)
    name = canonical_name(obj)
    base, _, sub = name.partition("_")
    if not sub:
        return base, ()
    items = sub.strip("{}").split(",")
    return base, tuple(sp.Integer(it) if it.isdigit() else sp.Symbol(it) for it in items)


def _inner_templates(expected: Any) -> list[tuple[sp.Sum, Any, Any, Any]]:
    """The claim's inner products: sums over one index i of a product of two entries that both use i."""
    out: list[tuple[sp.Sum, Any, Any, Any]] = []
    if not isinstance(expected, (sp.Basic, sp.MatrixBase)):
        return out
    for s in expected.atoms(sp.Sum):
        if len(s.limits) != 1:
            continue
        var = s.limits[0][0]
        factors = [f for f in sp.Mul.make_args(s.function) if isinstance(f, sp.Indexed) and var in f.indices]
        if len(factors) == 2 and sp.Mul(*factors) == s.function:
            out.append((s, var, factors[0], factors[1]))
    return out


def resolve_inner_products(expr: Any, expected: Any) -> Any:
    r"""`u^T v` (InnerProduct) becomes the claim's sum over entries with the same vector names.

    The rule: the claim writes w_k^T x as Sum(w[i, k] x[i], (i, 1, d)); an answer's InnerProduct(w_k, x) matches
    it when the vector names agree (either order) and the answer's indices fill the template's other indices in
    order. Its summation index is a fresh dummy, so it never captures a letter of the answer. Unmatched ones stay
    and are reported.
    """
    templates = _inner_templates(expected)

    def fill(ip: InnerProduct) -> Any:
        sides = [_vector_and_indices(a) for a in ip.args]
        for s, var, a, b in templates:
            for first, second in ((a, b), (b, a)):
                for (name, idx), entry in zip(sides, (first, second), strict=True):
                    others = tuple(i for i in entry.indices if i != var)
                    if name != canonical_name(entry.base) or len(others) != len(idx):
                        break
                else:
                    dummy = sp.Dummy(str(var), integer=True)
                    subs: dict[Any, Any] = {var: dummy}
                    for (_, idx), entry in zip(sides, (first, second), strict=True):
                        subs.update(zip((i for i in entry.indices if i != var), idx, strict=True))
                    return s.xreplace(subs)
        return ip

    return expr.replace(lambda e: isinstance(e, InnerProduct), fill) if isinstance(expr, sp.Basic) else expr


def rename_bound_indices(expr: Any, expected: Any) -> Any:
    """Give a sum's bound index the claim's name when the claim sums over the same range, so that equal sums
    are also identical (SymPy compares Sum(f(j)) and Sum(f(k)) by structure)."""
    ranges = {(lo, hi): var for var, lo, hi, _ in _claim_sums(expected)}

    def rename(s: sp.Sum) -> Any:
        if len(s.limits) != 1:
            return s
        var, lo, hi = s.limits[0]
        target = ranges.get((lo, hi))
        if target is None or target == var or target in s.function.free_symbols:
            return s
        return sp.Sum(s.function.xreplace({var: target}), (target, lo, hi))

    return expr.replace(lambda e: isinstance(e, sp.Sum), rename) if isinstance(expr, sp.Basic) else expr


def foreign_symbols(value: Any, mapping: Mapping[Any, Any]) -> dict[Any, Any]:
    """Answer symbols the claim lacks are taken as real (every quantity of the assignment is), as the prover's
    sampler already draws them; a sum's unresolved implicit bound j_max as a positive integer."""
    bound = {v for s in value.atoms(sp.Sum, sp.Product) for v in s.variables}
    labels = {b.label for b in value.atoms(sp.IndexedBase)}
    out: dict[Any, Any] = {}
    for sym in value.atoms(sp.Symbol) - bound - labels - set(mapping):
        if sym.is_real is None:
            implicit = sym.name.endswith(r"_{\max}")
            out[sym] = sp.Symbol(sym.name, integer=True, positive=True) if implicit else sp.Symbol(sym.name, real=True)
    return out


@dataclass(frozen=True)
class Aligned:
    value: Any
    unmatched: tuple[str, ...]


def resolve_functions(value: Any, expected: Any) -> Any:
    """An applied function of the answer (`f_1(w_1, w_2)`) becomes the claim's function of the same canonical name
    and arity; one the claim lacks is bad input, never a function compared by chance."""
    from sympy.core.function import AppliedUndef

    from symproof.nn.generic import GenericFunction

    if not isinstance(value, (sp.Basic, sp.MatrixBase)) or not value.atoms(AppliedUndef):
        return value
    mine = expected.atoms(sp.Function) if isinstance(expected, (sp.Basic, sp.MatrixBase)) else set()
    functions = {normalise_name(type(f).__name__): type(f) for f in mine
                 if isinstance(f, (AppliedUndef, GenericFunction))}

    partials = {(p.args[0], p.args[1]) for p in expected.atoms(Partial)} if isinstance(expected, sp.Basic) else set()

    def fill(f: Any) -> Any:
        name = normalise_name(str(f.func))
        gradient = GRADIENT_FUNCTIONS.get(name)
        component = [index for fn, index in partials if fn == sp.Symbol(gradient or "") and len(index) == 1]
        if gradient and len(component) == 1 and len(f.args) == 1 and name not in functions:
            # g(x), the gradient of f at x, against a claim about its i-th entry: the entry i of g(x)
            return Partial(sp.Symbol(gradient), component[0], f.args[0])
        entry = _ENTRY_OF.fullmatch(name)
        of = GRADIENT_FUNCTIONS.get(entry["g"]) if entry else None
        if entry and of and len(f.args) == 1 and name not in functions \
                and any(fn == sp.Symbol(of) and len(index) == 1 for fn, index in partials):
            # g_i(x), the entry i of the gradient function g of f, is \partial_i f(x), index written as it is there
            # (g_j against a claim about entry i is then another entry, never entry i)
            sub = entry["i"]
            return Partial(sp.Symbol(of), sp.Tuple(sp.Integer(sub) if sub.isdigit() else sp.Symbol(sub)), f.args[0])
        target = functions.get(name)
        if target is None or len(f.args) not in target.nargs:
            raise CheckInputError(f"the function {name} of {len(f.args)} argument(s) has no counterpart in the "
                                  "claim's answer")
        return target(*f.args)

    return value.replace(lambda e: isinstance(e, AppliedUndef), fill)


def _implicit_sums(value: Any) -> list[Any]:
    if not isinstance(value, sp.Basic):
        return []
    return [s for s in value.atoms(sp.Sum) for var, _, hi in s.limits if hi == implicit_upper_bound(var)]


def _entry_index(item: str, named: Mapping[str, Any]) -> Any:
    """`L-1` in x_{L-1}: the claim's L minus 1 (not one symbol named `L-1`), `12` the number, `j` the claim's j."""
    parts = re.split(r"([+-])", item)
    total, sign = sp.Integer(0), 1
    for part in parts:
        if part in {"+", "-"}:
            sign = 1 if part == "+" else -1
        elif part:
            total += sign * (sp.Integer(part) if part.isdigit() else named.get(part, sp.Symbol(part, integer=True)))
    return total


def index_free_entries(value: Any, expected: Any) -> Any:
    """`x_0`, `x_n` written for an entry of a claim's vector x (an IndexedBase): x[0], x[n]; the subscript's
    letters become the claim's symbols of those names. A claim symbol named `x_{0}` itself keeps precedence."""
    if not isinstance(value, sp.Basic) or not isinstance(expected, (sp.Basic, sp.MatrixBase)):
        return value
    bases = {canonical_name(b): b for b in expected.atoms(sp.IndexedBase)}
    named = {canonical_name(s): s for s in claim_symbols(expected)}
    mapping = {}
    for sym in value.atoms(sp.Symbol):
        name = canonical_name(sym)
        base, _, sub = name.partition("_")
        if not sub or name in named or base not in bases:
            continue
        items = sub.strip("{}").split(",")
        mapping[sym] = bases[base][tuple(_entry_index(it, named) for it in items)]
    return value.xreplace(mapping) if mapping else value


# The claims' names for gradients, as the assignment's: g is the gradient of f at the iterate w_t (question 3.1's
# model, "g(.) the gradient function of f" of 3.3), so the answer's \nabla f(w^{(t)}) is the claim's vector g.
GRADIENT_NAMES = {gradient_name("f", "w_{t}"): "g"}
# "g(.) the gradient function of f" (question 3.3): g(x) is the vector of the partials of f at x
GRADIENT_FUNCTIONS = {"g": "f"}
_ENTRY_OF = re.compile(r"(?P<g>[a-zA-Z])_\{(?P<i>[A-Za-z]|[0-9]+)\}")  # g_{i}: an entry of the function g


def resolve_gradients(value: Any, expected: Any) -> Any:
    r"""`\nabla f(w^{(t)})` made the claim's vector of the name GRADIENT_NAMES gives it, when the claim has it."""
    if not isinstance(value, sp.Basic) or not isinstance(expected, sp.Basic):
        return value
    vectors = {canonical_name(m): m for m in expected.atoms(sp.MatrixSymbol)}
    mapping = {m: vectors[GRADIENT_NAMES[m.name]] for m in value.atoms(sp.MatrixSymbol)
               if GRADIENT_NAMES.get(m.name) in vectors}
    return value.xreplace(mapping)


def _bound_in_own_limits(e: Any) -> bool:
    return isinstance(e, (sp.Sum, sp.Product)) and any(v in lo.free_symbols | hi.free_symbols for v, lo, hi in e.limits)


def non_integer_bound(value: Any) -> str | None:
    r"""Why a sum or product of `value` is not one, or None: each bound must be an integer for every value of its
    symbols (SymPy reads Sum_{k=1}^{5/2} k as 35/8, a polynomial's value, and `\sum_{k=1}^{n/2} k` would be
    proven n(n+2)/8 for every integer n, odd ones included). Indices of enclosing sums are integers; infinity
    bounds a series."""
    if not isinstance(value, (sp.Basic, sp.MatrixBase)):
        return None
    loops = value.atoms(sp.Sum, sp.Product)
    indices = {v: sp.Dummy(str(v), integer=True) for e in loops for v in e.variables if not v.is_integer}
    for e in sorted(loops, key=sp.default_sort_key):
        for var, lo, hi in e.limits:
            for which, bound in (("lower", lo), ("upper", hi)):
                if bound in (sp.oo, -sp.oo) or bound.xreplace(indices).is_integer is True:
                    continue
                symbols = sorted(str(s) for s in bound.free_symbols)
                whose = f" for every integer {', '.join(symbols)}" if symbols else ""
                kind = "sum" if isinstance(e, sp.Sum) else "product"
                return (f"the {which} bound {sp.sstr(bound)} of the {kind} over {var} is not an integer{whose}: a "
                        f"{kind}'s bounds are integers (write \\lfloor {sp.sstr(bound)} \\rfloor if that is meant)")
    return None


def separate_bound_indices(value: Any) -> Any:
    r"""`\sum_{L=1}^{L} f(L)`: the L of the bound is the free L, the index another variable (SymPy keeps both one
    symbol, so the free L was never matched to the claim's L). The index becomes a fresh integer of its name."""
    if not isinstance(value, sp.Basic):
        return value

    def fresh(e: Any) -> Any:
        body, limits = e.function, []
        for var, lo, hi in e.limits:
            if var in lo.free_symbols | hi.free_symbols:
                new = sp.Dummy(str(var), integer=True)
                body, var = body.xreplace({var: new}), new
            limits.append((var, lo, hi))
        return e.func(body, *limits)

    return value.replace(_bound_in_own_limits, fresh)


def align(value: Any, expected: Any, where: tuple[Any, ...] = ()) -> Aligned:
    """The answer rewritten in the claim's own symbols (see `symproof.answers.check`, tier 3)."""
    value = separate_bound_indices(value)
    value = resolve_gradients(value, expected)
    value = resolve_functions(value, expected)
    value = fill_implicit_bounds(value, expected)
    if left := _implicit_sums(value):
        raise CheckInputError(f"the sum over {left[0].limits[0][0]} has no bounds and the claim's answer has no "
                              "single range to give it: write its bounds")
    value = index_free_entries(value, expected)
    value = resolve_inner_products(value, expected)
    stray = sorted({str(ip) for ip in value.atoms(InnerProduct)}) if isinstance(value, sp.Basic) else []
    if stray:
        raise CheckInputError(f"the inner product {stray[0]} has no counterpart in the claim's answer")
    match = match_symbols(value, claim_symbols(expected, where))
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        value = value.xreplace({**foreign_symbols(value, match.mapping), **match.mapping})
    value = rename_bound_indices(value, expected)
    return Aligned(value, match.unmatched)


def _unknown_functions(answer: Answer, expected: Any, where: tuple[Any, ...]) -> None:
    """A letter applied to an argument, f(x), that is no symbol of the claim: an unknown function, bad input
    (read as a product, it would be compared as if f were a number)."""
    names = {canonical_name(s) for s in claim_symbols(expected, where)}
    names |= {canonical_name(s).partition("_")[0] for s in claim_symbols(expected, where)}
    values = answer.value if isinstance(answer.value, tuple) else (answer.value,)
    names |= {canonical_name(v) for value in values if isinstance(value, (sp.Basic, sp.MatrixBase))
              for s in value.atoms(sp.Sum, sp.Product) for v in s.variables}  # k(k + 1) in a sum over k
    for name in answer.applied:
        if normalise_name(name) not in names:
            raise CheckInputError(f"unknown function {name}(...) in the answer: the functions known are W, "
                                  r"\lfloor\rfloor, \sigma, ReLU, O, R_v\{f\}, exp, log, sin, cos, tanh, max, "
                                  rf"min, sqrt, sign (for a product, write {name} \cdot (...))")
