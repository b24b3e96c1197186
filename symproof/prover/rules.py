"""Named theorems a derivation step may cite (chain rule, Taylor, ...), matched against their patterns, never trusted.

The vocabulary is that of functions on R^n for a symbolic n: ``Partial(f, (i, j), x)`` is d^2 f / dx_i dx_j at
the column x (a MatrixExpr of size n x 1, such as w + r v), indices run over 0..n-1 and ``BigO(r**k)`` is a
remainder bounded by a constant times |r|^k near r = 0. Mixed partials are one object whatever the order of the
indices (Schwarz's theorem: the functions are smooth), so indices are kept sorted.

A ``Derivation`` is a chain e_0 = e_1 = ... = e_m in which each link cites a rule of ``RULES`` with its
bindings. A cited link is accepted only if it is an instance of the rule: the rule's two sides, built from the
bindings, are X and Y, and the link's sides are a = b with b = a[X := Y] (or a[Y := X]), X occurring in a;
side conditions are checked (c free of r; k > 0; the point x and direction v columns of size n free of r; the
functions differentiated or taken to a limit smooth in r; r a real symbol; a remainder's tag a positive integer
new to the whole derivation). Two links are computed rather than cited: ``evaluate at r = 0`` (substitution, a
ring homomorphism, of what is smooth at 0 only) and ``order arithmetic`` (algebra with O(r^k), finite constants
absorbed); they are accepted when the computation gives the next expression exactly. A proof citing a rule has
the scope "general, citing rules", never "general".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

N = sp.Symbol("n", integer=True, positive=True)
R_VAR = sp.Symbol("r", real=True)
J = sp.Symbol("j", integer=True, nonnegative=True)  # the summation index of the chain rule and of Taylor


class Partial(sp.Function):
    """Partial(f, (i_1, ..., i_k), x): the partial derivative of the smooth function f in the variables i_1..i_k,
    at x (a column MatrixExpr). Never evaluated or differentiated here: only the rules below relate them."""

    nargs = 3

    @classmethod
    def eval(cls, name: Any, index: Any, x: Any) -> Any:
        ordered = sp.Tuple(*sorted(index, key=sp.default_sort_key))
        return cls(name, ordered, x) if ordered != index else None

    def fdiff(self, argindex: int = 1) -> Any:
        raise TypeError("Partial is related to its derivatives by the cited rules only")


class BigO(sp.Function):
    """BigO(r**k, t): one remainder bounded by C |r|^k near r = 0, named by its tag t.

    The tag keeps two remainders apart: SymPy would cancel O(r^2) - O(r^2) to 0, which is false of two different
    remainders (g(w + r v) - g(w - r v) is not exactly 2 r H v). A rule that brings in a remainder must bring in a
    tag not yet used in the expression; the matcher checks it."""

    nargs = 2


def at(f: str, index: tuple[Any, ...], x: Any) -> Any:
    return Partial(sp.Symbol(f), sp.Tuple(*index), x)


def column_sum(body: Any) -> Any:
    """sum_{j=0}^{n-1} body."""
    return sp.Sum(body, (J, 0, N - 1))


# --- the rules -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedRule:
    """A theorem as a template: given bindings, the two sides X = Y of its instance, and a side condition."""

    name: str
    sides: Callable[..., tuple[Any, Any]]
    condition: Callable[..., str | None] = lambda **_: None  # a reason when a side condition fails


def _shifted(x: Any, v: Any, r: Any) -> Any:
    return x + r * v


def _chain_rule(f: str, index: tuple[Any, ...], x: Any, v: Any, r: Any = R_VAR) -> tuple[Any, Any]:
    """d/dr F(x + r v) = sum_j d_j F(x + r v) v_j, F = d^index f."""
    y = _shifted(x, v, r)
    return (sp.Derivative(at(f, index, y), r),
            column_sum(at(f, (*index, J), y) * v[J, 0]))


def _linearity(c: Any, a: Any, r: Any = R_VAR) -> tuple[Any, Any]:
    """d/dr (c A) = c dA/dr for c free of r."""
    return sp.Derivative(c * a, r), c * sp.Derivative(a, r)


def _polynomial_point(x: Any, r: Any = R_VAR) -> bool:
    """x = x_0 + r x_1 + r^2 x_2 + ...: each term a matrix free of r times a polynomial in r (w + r v, say)."""
    if x.has(BigO):  # a remainder hides what it depends on (see _hides): never known to be free of r
        return False
    for term in sp.Add.make_args(x) if not isinstance(x, sp.MatAdd) else x.args:
        coeff, mats = term.as_coeff_matrices() if isinstance(term, sp.MatMul) else (sp.S.One, [term])
        if any(m.has(r) for m in mats) or not sp.sympify(coeff).is_polynomial(r):
            return False
    return True


def _smooth(e: Any, r: Any = R_VAR) -> bool:
    """Built from partials of smooth functions at points polynomial in r, their derivatives in r, entries, numbers
    and symbols by sums, products and integer powers: differentiable in r everywhere (what a derivative rule
    needs), and continuous (what a limit needs)."""
    if isinstance(e, Partial):
        return _polynomial_point(e.args[2], r)
    if isinstance(e, sp.matrices.expressions.matexpr.MatrixElement):
        # An entry of a matrix polynomial in r (v, w + r v): an entry of (v / r) or of (A + r B)^{-1} is not.
        return not (e.i.has(r) or e.j.has(r)) and _polynomial_point(e.parent, r)
    if isinstance(e, (sp.Symbol, sp.Number)):
        return bool(e.is_finite is not False)
    if isinstance(e, sp.Pow):
        return bool(e.exp.is_Integer and e.exp >= 0) and _smooth(e.base, r)
    if isinstance(e, (sp.Add, sp.Mul, sp.Derivative)):
        return all(_smooth(a, r) for a in (e.args if not isinstance(e, sp.Derivative) else (e.expr,)))
    if isinstance(e, sp.Sum):
        # A finite sum (over the n entries) of smooth terms: bounds free of r and finite (a sum up to r is a step
        # function of r, an infinite one need not converge), its index not r.
        return all(not (lo.has(r) or hi.has(r) or lo.has(sp.oo, -sp.oo) or hi.has(sp.oo, -sp.oo))
                   and var != r for var, lo, hi in e.limits) and _smooth(e.function, r)
    return False


def _not_smooth(r: Any = R_VAR, **bindings: Any) -> str | None:
    for name in ("a", "b"):
        if name in bindings and not _smooth(sp.sympify(bindings[name]), r):
            return f"{bindings[name]} is not known to be differentiable in r"
    return None


def _hides(e: Any) -> bool:
    """A remainder O(t^k) depends on the symbols of the expansion that brought it in without showing them (F(w + r u
    + t v) - F(w + r u) - t S is O(t^2) and depends on r): what holds one is never known to be free of a variable."""
    return isinstance(e, sp.Basic) and e.has(BigO)


def _free_of_r(c: Any, r: Any = R_VAR, **rest: Any) -> str | None:
    if sp.sympify(c).has(r) or _hides(sp.sympify(c)):
        return f"{c} depends on {r}" + (" (a remainder may)" if _hides(sp.sympify(c)) else "")
    return _not_smooth(r, **rest)


def _product_rule(a: Any, b: Any, r: Any = R_VAR) -> tuple[Any, Any]:
    """d/dr (A B) = dA/dr B + A dB/dr."""
    return sp.Derivative(a * b, r), sp.Derivative(a, r) * b + a * sp.Derivative(b, r)


def _derivative_as_limit(a: Any, r: Any = R_VAR) -> tuple[Any, Any]:
    """A'(0) = lim_{r -> 0} (A(r) - A(0)) / r, for A differentiable at 0."""
    return sp.Subs(sp.Derivative(a, r), r, 0), sp.Limit((a - at_zero(a, r)) / r, r, 0, dir="+-")


def _taylor(f: str, index: tuple[Any, ...], x: Any, v: Any, tag: int = 1, r: Any = R_VAR) -> tuple[Any, Any]:
    """F(x + r v) = F(x) + r sum_j d_j F(x) v_j + O(r^2): Taylor's theorem with an O(|r v|^2) remainder, v fixed;
    F = d^index f is C^2 (f smooth). The remainder is named by `tag`."""
    return (at(f, index, _shifted(x, v, r)),
            at(f, index, x) + r * column_sum(at(f, (*index, J), x) * v[J, 0]) + BigO(r**2, tag))


def _no_capture(f: str = "", index: tuple[Any, ...] = (), x: Any = None, v: Any = None, r: Any = R_VAR,
                **_: Any) -> str | None:
    """The rule's own summation index j must not occur in the bindings (it would be captured by the sum); x and v
    are columns of size n (the sum runs over j < n) and free of r (d/dr F(x + r v) = sum_j d_j F v_j and Taylor's
    F(x) + r sum_j d_j F(x) v_j + O(r^2) hold for a fixed point and direction: not for v = u / r, nor x = w + r u
    in the chain rule); the indices are free of r."""
    if any(sp.sympify(e).has(J) for e in (*index, x, v) if e is not None):
        return f"the bindings use the summation index {J}"
    for name, e in (("x", x), ("v", v)):
        if getattr(e, "shape", None) != (N, 1):
            return f"{name} = {e} is not a column of size {N}"
        if e.has(r) or _hides(e):
            return f"{name} = {e} depends on {r}"
    if any(sp.sympify(k).has(r) for k in index):
        return f"an index depends on {r}"
    return None


def _limit_of_sum(a: Any, b: Any, r: Any = R_VAR) -> tuple[Any, Any]:
    """lim (A + B) = lim A + lim B when both limits exist."""
    return (sp.Limit(a + b, r, 0, dir="+-"),
            sp.Limit(a, r, 0, dir="+-") + sp.Limit(b, r, 0, dir="+-"))


def _limits_exist(a: Any, b: Any, r: Any = R_VAR) -> str | None:
    for term in (a, b):
        if not _has_limit(term, r):
            return f"the limit of {term} at {r} = 0 is not known to exist"
    return None


def _has_limit(e: Any, r: Any) -> bool:
    """Known to converge as r -> 0: free of r, O(r^k) with k >= 1, or a partial of a smooth f at a point of r."""
    if isinstance(e, BigO):  # O(t^k) for t other than r may depend on r (see _hides): not known to converge
        return e.args[0].has(r) and bool(remainder_order(e, r) >= 1)
    if not e.has(r) and not _hides(e):
        return True
    if isinstance(e, (sp.Add, sp.Mul)):
        return all(_has_limit(a, r) for a in e.args)
    return _smooth(e, r)  # continuous in r, so its limit at 0 is its value


def _limit_of_order(k: Any, tag: int = 1, r: Any = R_VAR) -> tuple[Any, Any]:
    """lim_{r -> 0} O(r^k) = 0 for k >= 1."""
    return sp.Limit(BigO(r**k, tag), r, 0, dir="+-"), sp.S.Zero


def _positive_order(k: Any, tag: int = 1, r: Any = R_VAR) -> str | None:
    return None if sp.sympify(k).is_positive else f"O({r}^{k}) need not vanish"


def _constant_out_of_evaluation(c: Any, a: Any, r: Any = R_VAR) -> tuple[Any, Any]:
    """(c A)|_{r=0} = c (A|_{r=0}) for c free of r."""
    return sp.Subs(c * a, r, 0), c * sp.Subs(a, r, 0)


RULES: dict[str, NamedRule] = {rule.name: rule for rule in (
    NamedRule("chain rule", _chain_rule, _no_capture),
    NamedRule("linearity of d/dr", _linearity, _free_of_r),
    NamedRule("product rule", _product_rule, _not_smooth),
    NamedRule("derivative as a limit", _derivative_as_limit, _not_smooth),
    NamedRule("Taylor", _taylor, _no_capture),
    NamedRule("limit of a sum", _limit_of_sum, _limits_exist),
    NamedRule("limit of O(r^k)", _limit_of_order, _positive_order),
    NamedRule("constant out of an evaluation", _constant_out_of_evaluation, _free_of_r),
)}


# --- the two computed links ------------------------------------------------------------------------------------


def _canonical(e: Any) -> Any:
    """MatAdd and MatMul rebuilt with evaluation (w + 0 v = w): xreplace leaves them unevaluated."""
    if not isinstance(e, sp.Basic):
        return e
    return e.replace(lambda x: isinstance(x, (sp.MatAdd, sp.MatMul)), lambda x: x.doit())


def at_zero(e: Any, r: Any = R_VAR) -> Any:
    return _canonical(e.xreplace({r: sp.S.Zero}))


def evaluate_at_zero(e: Any, r: Any = R_VAR) -> Any:
    """Every Subs(E, r, 0) evaluated where it is a theorem: over sums and products termwise (substitution is a
    ring homomorphism), a smooth factor (continuous at 0) by substitution, a derivative of a smooth function or a
    remainder kept as Subs. If any part is not known to be defined at r = 0 (1/r, Heaviside(r), sign(r), a point
    w + v/r), the whole Subs is kept: SymPy's conventions (1/0 = zoo, Heaviside(0) = 1/2) are no theorem, and
    0 times an undefined value is not 0."""
    def ev(x: Any) -> Any:
        """x at r = 0, or None when x is not known to be defined there."""
        if isinstance(x, (sp.Add, sp.Mul)):
            parts = [ev(a) for a in x.args]
            return None if any(p is None for p in parts) else x.func(*parts)
        # A remainder has no value at a point, and r is bound inside a limit or an evaluation: kept.
        if x.has(sp.Derivative, BigO, sp.Limit, sp.Subs):
            defined = (r not in x.free_symbols or _smooth(x, r)
                       or (isinstance(x, BigO) and remainder_order(x, r).is_nonnegative))
            return sp.Subs(x, r, 0) if defined else None
        if r not in x.free_symbols:
            return x
        return at_zero(x, r) if _smooth(x, r) else None

    def evaluate(s: sp.Subs) -> Any:
        done = ev(s.expr)
        return s if done is None else done

    if not isinstance(e, sp.Basic):
        return e
    e = e.replace(lambda x: isinstance(x, sp.Limit) and x.args[1] == r and x.args[2] == 0 and not x.args[0].has(r)
                  and not _hides(x.args[0]), lambda x: x.args[0])  # the limit of a constant
    return e.replace(lambda x: isinstance(x, sp.Subs) and x.variables == (r,) and x.point == (0,), evaluate)


def remainder_order(e: BigO, r: Any) -> Any:
    base = e.args[0]
    if base == r:
        return sp.S.One
    if base.is_Pow and base.base == r:
        return base.exp
    raise ValueError(f"not O({r}^k): {e}")


def order_arithmetic(e: Any, r: Any = R_VAR) -> Any:
    """Expand, then O(r^k) r^m = O(r^(k+m)), c O(r^k) = O(r^k) for a constant c != 0, O(r^a) + O(r^b) =
    O(r^min(a, b)), the result a new remainder with a fresh tag (see BigO)."""
    if isinstance(e, sp.Limit):  # inside a limit in r: the same algebra, the limit kept
        return sp.Limit(order_arithmetic(e.args[0], r), *e.args[1:])
    if not isinstance(e, sp.Basic):
        return e
    expanded = sp.expand(e)
    terms = []
    orders: list[Any] = []
    absorbed: list[Any] = []
    for term in sp.Add.make_args(expanded):
        os_ = [f for f in sp.Mul.make_args(term) if isinstance(f, BigO)]
        if len(os_) != 1:
            terms.append(term)
            continue
        rest = sp.Mul(*(f for f in sp.Mul.make_args(term) if f is not os_[0]))
        power, coeff = sp.S.Zero, []
        for f in sp.Mul.make_args(rest):
            if f == r:
                power += 1
            elif f.is_Pow and f.base == r and f.exp.is_Integer:
                power += f.exp
            else:
                coeff.append(f)
        c = sp.Mul(*coeff)
        if c.has(r) or c.is_zero is not False or c.is_finite is False or c.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
            terms.append(term)  # a factor depending on r (or possibly 0, or infinite) is not absorbed
            continue
        orders.append(term)
        absorbed.append(remainder_order(os_[0], r) + power)
    if len(orders) == 1 and isinstance(orders[0], BigO):
        terms.append(orders[0])  # one remainder, as it was
    elif orders:
        # The sum of the absorbed terms is one new remainder of the lowest order. It gets a tag used nowhere in
        # the expression: a remainder left unabsorbed (A O_1, A depending on w) still means the old O_1.
        tags = [o.args[1] for o in expanded.atoms(BigO)]
        fresh = 1 + max((int(t) for t in tags if t.is_Integer), default=0)
        terms.append(BigO(r ** min(absorbed), fresh))
    return sp.Add(*terms)


COMPUTED: dict[str, Callable[[Any], Any]] = {
    "evaluate at r = 0": evaluate_at_zero,
    "order arithmetic": order_arithmetic,
}


def _bound(e: Any) -> set[Any]:
    """The symbols e binds in its arguments (a Subs, Derivative, Limit, Sum, Integral or Lambda variable)."""
    if isinstance(e, sp.Limit):
        return {e.args[1]}
    if isinstance(e, sp.Derivative):
        return set(e.variables)
    return set(getattr(e, "bound_symbols", ()) or ())


def _bound_over(a: Any, old: Any, watched: set[Any], bound: frozenset[Any] = frozenset()) -> set[Any]:
    """The symbols of `watched` bound by a context of some occurrence of old in a."""
    if a == old:
        return set(bound & watched)
    if not isinstance(a, sp.Basic) or not a.has(old):
        return set()
    inner = bound | _bound(a)
    return set().union(*(_bound_over(arg, old, watched, inner) for arg in a.args))


def match(rule: str, bindings: Mapping[str, Any], a: Any, b: Any) -> str | None:
    """None when a = b is an instance of the rule (in some context of a); otherwise why it is not."""
    if rule in COMPUTED:
        try:
            done = COMPUTED[rule](a)
        except Exception as exc:  # a remainder not of the form O(r^k), say: nothing computed
            return f"{rule} cannot be computed here: {type(exc).__name__}: {exc}"
        return None if done == b else f"{rule} gives {sp.sstr(done)[:120]}, not the next expression"
    if rule not in RULES:
        return f"no rule named {rule!r}"
    named = RULES[rule]
    if "r" in bindings and not (isinstance(bindings["r"], sp.Symbol) and bindings["r"].is_real):
        return f"the variable of {rule} must be a real symbol, not {bindings['r']}"
    if "tag" in bindings and not (isinstance(bindings["tag"], int | sp.Integer) and bindings["tag"] > 0):
        return f"a remainder's tag must be a positive integer, not {bindings['tag']}"
    try:
        x, y = named.sides(**bindings)
        why = named.condition(**bindings)
    except Exception as exc:  # bindings the rule cannot be built from (a limit towards r, say): no instance
        return f"bindings do not fit {rule}: {type(exc).__name__}: {exc}"
    if why:
        return f"side condition of {rule} fails: {why}"
    introduced = y.atoms(BigO) - x.atoms(BigO) if isinstance(y, sp.Basic) else set()
    if isinstance(a, sp.Basic) and any(o.args[1] in {p.args[1] for p in a.atoms(BigO)} for o in introduced):
        return f"{rule} must bring in a remainder with a tag not yet used"
    if introduced and isinstance(a, sp.Basic):
        # The remainder depends on the symbols of the expansion without showing them (see _hides): where one of
        # them is bound (r in lim_{r -> 0} F(w + r u + t v), expanded in t), two occurrences of the same tag would
        # be two functions, and evaluate at r = 0 or a limit of a constant would read it as free of r.
        var = bindings.get("r", R_VAR)
        bound = _bound_over(a, x, set(x.free_symbols) - {var})
        if bound:
            return f"{rule} brings in a remainder where {sorted(map(str, bound))} is bound"
    # Right to left only for rules without remainders: F(x) + r S + O(r^2) -> F(x + r v) would claim that an
    # arbitrary remainder is the Taylor one.
    directions = ((x, y),) if x.has(BigO) or y.has(BigO) else ((x, y), (y, x))
    for old, new in directions:
        if a == old and b == new:
            return None
        # In a context only for a compound side: rewriting every 0 or every r of `a` would be no instance.
        if isinstance(old, sp.Atom) or not (isinstance(a, sp.Basic) and a.has(old)):
            continue
        try:
            if a.xreplace({old: new}) == b:
                return None
        except Exception:  # the rewritten expression cannot be built (a limit towards r, say): no instance
            continue
    return f"not an instance of {rule}"
