"""Questions 3.3 to 3.6: Hessian-vector products by finite differences (their error) and by the R-operator."""

from __future__ import annotations

import functools
from typing import Any

import sympy as sp

from ..claim import Body, Chain, claim
from ..nn.generic import generic_function, gradient, hessian
from ..prover import AllOf, Derivation, Holds, Scope, Step, eq
from ..prover.rules import BigO, J, N, at, column_sum

r = sp.Symbol("r", real=True)
c = sp.Symbol("c", real=True)


def point(n: int) -> tuple[tuple[sp.Symbol, ...], tuple[sp.Symbol, ...]]:
    """w = (w_1, ..., w_n) and v = (v_1, ..., v_n)."""
    return sp.symbols(f"w_1:{n + 1}", real=True), sp.symbols(f"v_1:{n + 1}", real=True)


def shift(expr: Any, w: tuple[Any, ...], v: tuple[Any, ...], step: Any) -> Any:
    """expr evaluated at w + step v (all coordinates at once)."""
    return expr.xreplace({wi: wi + step * vi for wi, vi in zip(w, v, strict=True)})


def R(expr: Any, w: tuple[Any, ...], v: tuple[Any, ...]) -> Any:
    """R_v{expr(w)} = d/dr expr(w + r v) at r = 0, left unevaluated (entrywise on a matrix)."""
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(lambda e: R(e, w, v))
    return sp.Subs(sp.Derivative(shift(expr, w, v, r), r), r, 0)


def third_order_term(n: int, w: tuple[Any, ...], v: tuple[Any, ...]) -> sp.Matrix:
    """E_i = 1/2 sum_{j,k} f_{ijk}(w) v_j v_k, the coefficient of r in (g(w + r v) - g(w)) / r - H v."""
    return sp.Matrix([sp.Rational(1, 2) * sum(generic_function("f", n, (i, j, k))(*w) * v[j - 1] * v[k - 1]
                                              for j in range(1, n + 1) for k in range(1, n + 1))
                      for i in range(1, n + 1)])


def fourth_order_term(n: int, w: tuple[Any, ...], v: tuple[Any, ...]) -> sp.Matrix:
    """1/6 sum_{j,k,l} f_{ijkl}(w) v_j v_k v_l, the coefficient of r^2 in the central difference minus H v."""
    rng = range(1, n + 1)
    return sp.Matrix([sp.Rational(1, 6) * sum(generic_function("f", n, (i, j, k, m))(*w) * v[j - 1] * v[k - 1]
                                              * v[m - 1] for j in rng for k in rng for m in rng) for i in rng])


def forward_difference(n: int) -> tuple[sp.Matrix, sp.Matrix, tuple[Any, ...], tuple[Any, ...]]:
    """((g(w + r v) - g(w)) / r, H v) for a generic smooth f of n variables, g = grad f."""
    w, v = point(n)
    g = gradient("f", w)
    Hv = hessian("f", w) * sp.Matrix(v)
    return (shift(g, w, v, r) - g) / r, Hv, w, v


def _limit(m: sp.Matrix, power: int = 0) -> sp.Matrix:
    return m.applyfunc(lambda e: sp.Limit(e / r**power, r, 0, dir="+-"))


def _g(i: int, step: str) -> str:
    return rf"g_{{{i}}}(\boldsymbol{{w}}{step})"


def printed_names(n: int) -> dict[Any, str]:
    """Short printed names for the limits and vectors of Q3.3-3.4 (their text defines them); the prover sees them
    whole. One name per entry, for dimension n."""
    fd, Hv, w, v = forward_difference(n)
    cd = (shift(gradient("f", w), w, v, r) - shift(gradient("f", w), w, v, -r)) / (2 * r)
    plus, minus = r" + r\boldsymbol{v}", r" - r\boldsymbol{v}"
    forward = [rf"\frac{{{_g(i, plus)} - {_g(i, '')}}}{{r}}" for i in range(1, n + 1)]
    central = [rf"\frac{{{_g(i, plus)} - {_g(i, minus)}}}{{2r}}" for i in range(1, n + 1)]
    hv = [rf"(\boldsymbol{{H}}\boldsymbol{{v}})_{{{i}}}" for i in range(1, n + 1)]
    names: dict[Any, str] = {}
    for i in range(n):
        names[_limit(fd)[i]] = rf"\lim_{{r \to 0}} {forward[i]}"
        names[Hv[i]] = hv[i]
        names[_limit(fd - Hv, 1)[i]] = rf"\lim_{{r \to 0}} \frac{{1}}{{r}}\Big({forward[i]} - {hv[i]}\Big)"
        names[_limit(cd - Hv, 1)[i]] = rf"\lim_{{r \to 0}} \frac{{1}}{{r}}\Big({central[i]} - {hv[i]}\Big)"
        names[_limit(cd - Hv, 2)[i]] = rf"\lim_{{r \to 0}} \frac{{1}}{{r^2}}\Big({central[i]} - {hv[i]}\Big)"
        names[third_order_term(n, w, v)[i]] = rf"E_{{{i + 1}}}"
        names[fourth_order_term(n, w, v)[i]] = (rf"\tfrac{{1}}{{6}} \textstyle\sum_{{j,k,l}} f_{{{i + 1}jkl}}"
                                                r"(\boldsymbol{w})\, v_j v_k v_l")
    return names


@functools.cache
def latex_names() -> dict[str, Any]:
    """Printer settings for the fragments, computed when one is rendered: proving never needs them."""
    return {"names": {**printed_names(2), **printed_names(3)}}


@claim("q3.3", "3.3", "H v = lim_{r -> 0} (g(w + r v) - g(w)) / r for a generic smooth f (n = 2 and n = 3)",
       Scope.INSTANCE)
def hv_by_finite_difference() -> Body:
    parts = []
    steps = []
    wrong: dict[str, Any] = {}
    for n in (2, 3):
        fd, Hv, w, v = forward_difference(n)
        g = gradient("f", w)
        parts.append((f"n = {n}", eq(_limit(fd), Hv)))
        steps.append(Chain((_limit(fd), R(g, w, v), Hv), why=("derivative_definition", "chain_rule"),
                           label=f"n = {n}"))
        wrong[f"n = {n}: g(w) + H v"] = eq(_limit(fd), g + Hv)
        wrong[f"n = {n}: without dividing by r"] = eq(_limit(fd * r), Hv)
    fd2 = forward_difference(2)[0]
    return Body(statement=AllOf(tuple(parts)), answer=fd2, steps=tuple(steps), wrong=wrong,
                notes={"estimate": "H v ~ (g(w + r v) - g(w)) / r for small r", "latex": latex_names})


@claim("q3.4", "3.4", "(g(w + r v) - g(w)) / r = H v + r E + o(r) with E_i = 1/2 sum_jk f_ijk v_j v_k, not zero "
       "in general: the error is exactly O(r)", Scope.INSTANCE)
def forward_difference_error() -> Body:
    parts: list[tuple[str, Any]] = []
    wrong: dict[str, Any] = {}
    steps = []
    for n in (2, 3):
        fd, Hv, w, v = forward_difference(n)
        E = third_order_term(n, w, v)
        parts.append((f"n = {n}: lim (FD - H v) / r = E", eq(_limit(fd - Hv, 1), E)))
        second = shift(gradient("f", w), w, v, r).applyfunc(lambda e: sp.Subs(sp.Derivative(e, (r, 2)), r, 0) / 2)
        steps.append(Chain((_limit(fd - Hv, 1), second, E),
                           why=("taylor_second_order", "chain_rule"), label=f"n = {n}"))
        wrong[f"n = {n}: error O(r^2) (E = 0)"] = eq(_limit(fd - Hv, 1), sp.zeros(n, 1))
        wrong[f"n = {n}: E without the 1/2"] = eq(_limit(fd - Hv, 1), 2 * E)
    # E is not identically zero: for f = w_1^3 (n = 2), E = (3 v_1^2, 0), positive for v_1 != 0.
    w, v = point(2)
    v1 = sp.Symbol("v_1", real=True, nonzero=True)
    witness = witness_first_order_term()
    parts.append(("for f = w_1^3, E = (3 v_1^2, 0)", eq(witness, sp.Matrix([3 * v[0] ** 2, 0]))))
    parts.append(("3 v_1^2 > 0 for v_1 != 0", Holds(sp.StrictGreaterThan(3 * v1**2, 0, evaluate=False),
                                                    certificate=3 * v1**2)))
    return Body(statement=AllOf(tuple(parts)), answer=sp.Order(r), steps=tuple(steps), wrong=wrong,
                notes={"witness": "f(w) = w_1^3", "latex": latex_names})


def witness_first_order_term() -> sp.Matrix:
    """lim (FD - H v) / r for the concrete f(w) = w_1^3 (n = 2), computed directly from f."""
    w, v = point(2)
    f = w[0] ** 3
    g = sp.Matrix([sp.diff(f, wi) for wi in w])
    Hv = sp.hessian(f, w) * sp.Matrix(v)
    return ((shift(g, w, v, r) - g) / r - Hv).applyfunc(lambda e: _polynomial_limit_at_0(e / r))


def _polynomial_limit_at_0(e: Any) -> Any:
    """lim_{r -> 0} e for an e that cancels to a polynomial in r: its value at r = 0 (Gruntz took 0.1 s here)."""
    num, den = sp.fraction(sp.cancel(e))
    if den.has(r):
        raise ValueError(f"not a polynomial in r: {e}")
    return (num / den).subs(r, 0)


@claim("q3.4.central", "3.4", "the central difference (g(w + r v) - g(w - r v)) / (2 r) = H v + O(r^2), "
       "with r^2 coefficient 1/6 sum_jkl f_ijkl v_j v_k v_l", Scope.INSTANCE)
def central_difference_error() -> Body:
    parts: list[tuple[str, Any]] = []
    wrong: dict[str, Any] = {}
    for n in (2, 3):
        w, v = point(n)
        g = gradient("f", w)
        Hv = hessian("f", w) * sp.Matrix(v)
        cd = (shift(g, w, v, r) - shift(g, w, v, -r)) / (2 * r)
        parts.append((f"n = {n}: lim (CD - H v) / r = 0", eq(_limit(cd - Hv, 1), sp.zeros(n, 1))))
        parts.append((f"n = {n}: lim (CD - H v) / r^2 = 1/6 f'''' [v, v, v]",
                      eq(_limit(cd - Hv, 2), fourth_order_term(n, w, v))))
        wrong[f"n = {n}: error O(r^3)"] = eq(_limit(cd - Hv, 2), sp.zeros(n, 1))
    return Body(statement=AllOf(tuple(parts)), answer=sp.Order(r**2), wrong=wrong, notes={"latex": latex_names})


@claim("q3.5", "3.5", "R_v{c f(w)} = c R_v{f(w)} and R_v{f(w) g(w)} = R_v{f(w)} g(w) + f(w) R_v{g(w)} (n = 2, 3)",
       Scope.INSTANCE)
def r_operator_rules() -> Body:
    parts: list[tuple[str, Any]] = []
    steps = []
    wrong: dict[str, Any] = {}
    for n in (2, 3):
        w, v = point(n)
        f = generic_function("f", n)(*w)
        g = generic_function("g", n)(*w)
        fs, gs = shift(f, w, v, r), shift(g, w, v, r)
        directional = sum(generic_function("f", n, (j,))(*w) * v[j - 1] for j in range(1, n + 1))
        parts.append((f"n = {n}: linearity", eq(R(c * f, w, v), c * R(f, w, v))))
        parts.append((f"n = {n}: product rule", eq(R(f * g, w, v), R(f, w, v) * g + f * R(g, w, v))))
        parts.append((f"n = {n}: R_v{{f}} = grad f . v", eq(R(f, w, v), directional)))
        steps.append(Chain((R(c * f, w, v), c * sp.Subs(sp.Derivative(fs, r), r, 0), c * R(f, w, v)),
                           why=("constant_factor", "definition_R"), label=f"linearity, n = {n}"))
        steps.append(Chain((R(f * g, w, v),
                            sp.Subs(sp.Derivative(fs, r) * gs + fs * sp.Derivative(gs, r), r, 0),
                            R(f, w, v) * g + f * R(g, w, v)),
                           why=("product_rule_in_r", "evaluate_at_r_0"), label=f"product rule, n = {n}"))
        wrong[f"n = {n}: R(f g) = R(f) R(g)"] = eq(R(f * g, w, v), R(f, w, v) * R(g, w, v))
        wrong[f"n = {n}: R(f g) = R(f) g"] = eq(R(f * g, w, v), R(f, w, v) * g)
        wrong[f"n = {n}: R(c f) = R(f)"] = eq(R(c * f, w, v), R(f, w, v))
    return Body(statement=AllOf(tuple(parts)), steps=tuple(steps), wrong=wrong,
                answer=sp.Symbol("R_v{f}") * sp.Symbol("g") + sp.Symbol("f") * sp.Symbol("R_v{g}"))


@claim("q3.6", "3.6", "R_v{grad f(w)} = H v exactly, for a generic smooth f (n = 2 and n = 3)", Scope.INSTANCE)
def hv_by_r_operator() -> Body:
    parts: list[tuple[str, Any]] = []
    steps = []
    wrong: dict[str, Any] = {}
    for n in (2, 3):
        w, v = point(n)
        g = gradient("f", w)
        H = hessian("f", w)
        Hv = H * sp.Matrix(v)
        chain_rule = sp.Matrix([sum(shift(H[i, j], w, v, r) * v[j] for j in range(n)) for i in range(n)])
        fd, _, _, _ = forward_difference(n)
        parts.append((f"n = {n}", eq(R(g, w, v), Hv)))
        steps.append(Chain((_limit(fd), R(g, w, v), chain_rule.subs(r, 0), Hv),
                           why=("derivative_definition", "chain_rule", "hessian_entries"), label=f"n = {n}"))
        wrong[f"n = {n}: R_v{{g}} = H v / 2"] = eq(R(g, w, v), Hv / 2)
        wrong[f"n = {n}: R_v{{g}} = diag(H) v"] = eq(R(g, w, v), sp.diag(*H.diagonal()) * sp.Matrix(v))
    w, v = point(2)
    return Body(statement=AllOf(tuple(parts)), steps=tuple(steps), wrong=wrong, answer=R(gradient("f", w), w, v))


# --- for every n: derivations whose steps cite named theorems (symproof.prover.rules) --------------------------
# w, v in R^n for a symbolic n; f, g smooth on R^n; entry i of a vector (0 <= i < n); (H v)_i = sum_j f_ij(w) v_j.
WN = sp.MatrixSymbol("w", N, 1)
VN = sp.MatrixSymbol("v", N, 1)
I_ENTRY = sp.Symbol("i", integer=True, nonnegative=True)
SHIFTED = WN + r * VN


def r_operator(h: Any) -> Any:
    """R_v{h(w)} = d/dr h(w + r v) at r = 0, for h built from partials at w + r v."""
    return sp.Subs(sp.Derivative(h, r), r, 0)


def hv_entry(point: Any = WN) -> Any:
    """(H v)_i = sum_j d_i d_j f(w) v_j."""
    return column_sum(at("f", (I_ENTRY, J), point) * VN[J, 0])


def _chain_rule_steps() -> tuple[Step, ...]:
    """R_v{g_i} = [sum_j f_ij(w + r v) v_j]_{r=0} = sum_j f_ij(w) v_j."""
    return (Step(sp.Subs(hv_entry(SHIFTED), r, 0), "chain rule", {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN}),
            Step(hv_entry(), "evaluate at r = 0"))


TAYLOR_AT_W = {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN, "tag": 1}  # g_i(w + r v) about w
EVERY_N_NAMES = {"latex": {"names": {VN[J, 0]: "v_j", VN[I_ENTRY, 0]: "v_i"}}}


def _g_entry(point: Any) -> Any:
    return at("f", (I_ENTRY,), point)


def forward_quotient() -> Any:
    return (_g_entry(SHIFTED) - _g_entry(WN)) / r


@claim("q3.3.every_n", "3.3", "for every n and smooth f: lim_{r -> 0} (g(w + r v) - g(w)) / r = H v, by the "
       "derivative as a limit and the chain rule (and again by Taylor and the limit of a sum)", Scope.CITED)
def hv_by_finite_difference_every_n() -> Body:
    limit = sp.Limit(forward_quotient(), r, 0, dir="+-")
    by_derivative = Derivation(limit, (
        Step(r_operator(_g_entry(SHIFTED)), "derivative as a limit", {"a": _g_entry(SHIFTED)}),
        *_chain_rule_steps()), index=I_ENTRY)
    taylor_bindings = {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN}
    main = hv_entry()
    by_taylor = Derivation(limit, (
        Step(sp.Limit((r * main + BigO(r**2, 1)) / r, r, 0, dir="+-"), "Taylor", taylor_bindings),
        Step(sp.Limit(main + BigO(r, 2), r, 0, dir="+-"), "order arithmetic"),
        Step(sp.Limit(main, r, 0, dir="+-") + sp.Limit(BigO(r, 2), r, 0, dir="+-"), "limit of a sum",
             {"a": main, "b": BigO(r, 2)}),
        Step(main + sp.Limit(BigO(r, 2), r, 0, dir="+-"), "evaluate at r = 0"),
        Step(main, "limit of O(r^k)", {"k": 1, "tag": 2}),
    ), index=I_ENTRY)
    return Body(
        statement=AllOf((("derivative as a limit, chain rule", by_derivative),
                         ("Taylor, limit of a sum", by_taylor))),
        answer=forward_quotient(),
        notes={"entry": "i-th entry, 0 <= i < n, for a symbolic n", **EVERY_N_NAMES},
        wrong={"without dividing by r": Derivation(
                   sp.Limit(forward_quotient() * r, r, 0, dir="+-"),
                   (Step(r_operator(_g_entry(SHIFTED)), "derivative as a limit", {"a": _g_entry(SHIFTED)}),),
                   index=I_ENTRY),
               "chain rule without v_j": Derivation(limit, (
                   Step(r_operator(_g_entry(SHIFTED)), "derivative as a limit", {"a": _g_entry(SHIFTED)}),
                   Step(sp.Subs(column_sum(at("f", (I_ENTRY, J), SHIFTED)), r, 0), "chain rule",
                        {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN})), index=I_ENTRY)},
    )


@claim("q3.4.every_n", "3.4", "for every n and smooth f: (g(w + r v) - g(w)) / r = H v + O(r), by Taylor's theorem "
       "with an O(r^2) remainder", Scope.CITED)
def forward_difference_error_every_n() -> Body:
    main = hv_entry()
    derivation = Derivation(forward_quotient(), (
        Step((r * main + BigO(r**2, 1)) / r, "Taylor", TAYLOR_AT_W),
        Step(main + BigO(r, 2), "order arithmetic"),
    ), index=I_ENTRY)
    # The error is not o(r) in general: one smooth f with a non-zero first-order term settles it for n = 2.
    v1 = sp.Symbol("v_1", real=True, nonzero=True)
    _, v2 = point(2)
    return Body(
        statement=AllOf((
            ("Taylor, order arithmetic", derivation),
            ("not better: for f = w_1^3 (n = 2) the r term is (3 v_1^2, 0)",
             eq(witness_first_order_term(), sp.Matrix([3 * v2[0] ** 2, 0]))),
            ("3 v_1^2 > 0 for v_1 != 0", Holds(sp.StrictGreaterThan(3 * v1**2, 0, evaluate=False),
                                               certificate=3 * v1**2)),
        )),
        answer=sp.Order(r),
        notes={"witness": "f(w) = w_1^3", **EVERY_N_NAMES},
        wrong={"Taylor without the first-order term": Derivation(forward_quotient(), (
                   Step(BigO(r**2, 1) / r, "Taylor", TAYLOR_AT_W),), index=I_ENTRY),
               "Taylor with the wrong sign": Derivation(forward_quotient(), (
                   Step((-r * main + BigO(r**2, 1)) / r, "Taylor", TAYLOR_AT_W),), index=I_ENTRY)},
    )


F_AT, G_AT = at("f", (), SHIFTED), at("g", (), SHIFTED)


@claim("q3.5.every_n", "3.5", "for every n and differentiable f, g on R^n: R_v{c f} = c R_v{f} and R_v{f g} = "
       "R_v{f} g + f R_v{g}, by linearity and the product rule of d/dr", Scope.CITED)
def r_operator_rules_every_n() -> Body:
    rf_, rg_ = r_operator(F_AT), r_operator(G_AT)
    f_w, g_w = at("f", (), WN), at("g", (), WN)
    linearity = Derivation(r_operator(c * F_AT), (
        Step(sp.Subs(c * sp.Derivative(F_AT, r), r, 0), "linearity of d/dr", {"c": c, "a": F_AT}),
        Step(c * rf_, "constant out of an evaluation", {"c": c, "a": sp.Derivative(F_AT, r)}),
    ))
    product = Derivation(r_operator(F_AT * G_AT), (
        Step(sp.Subs(sp.Derivative(F_AT, r) * G_AT + F_AT * sp.Derivative(G_AT, r), r, 0), "product rule",
             {"a": F_AT, "b": G_AT}),
        Step(rf_ * g_w + f_w * rg_, "evaluate at r = 0"),
    ))
    return Body(
        statement=AllOf((("linearity", linearity), ("product rule", product))),
        notes=EVERY_N_NAMES,
        answer=sp.Symbol("R_v{f}") * sp.Symbol("g") + sp.Symbol("f") * sp.Symbol("R_v{g}"),
        wrong={"R(f g) = R(f) R(g)": Derivation(r_operator(F_AT * G_AT), (
                   Step(sp.Subs(sp.Derivative(F_AT, r) * sp.Derivative(G_AT, r), r, 0), "product rule",
                        {"a": F_AT, "b": G_AT}),)),
               "R(f g) = R(f) g (a dropped term)": Derivation(r_operator(F_AT * G_AT), (
                   Step(sp.Subs(sp.Derivative(F_AT, r) * G_AT, r, 0), "product rule", {"a": F_AT, "b": G_AT}),)),
               "R(c f) = R(f)": Derivation(r_operator(c * F_AT), (
                   Step(sp.Subs(sp.Derivative(F_AT, r), r, 0), "linearity of d/dr", {"c": c, "a": F_AT}),))},
    )


@claim("q3.6.every_n", "3.6", "for every n and smooth f: R_v{grad f(w)} = H v, by the chain rule: "
       "d/dr g_i(w + r v) = sum_j f_ij(w + r v) v_j, then r = 0", Scope.CITED)
def hv_by_r_operator_every_n() -> Body:
    start = r_operator(_g_entry(SHIFTED))
    return Body(
        statement=Derivation(start, _chain_rule_steps(), index=I_ENTRY),
        answer=start,
        notes=EVERY_N_NAMES,
        wrong={"R_v{g} = H v / 2": Derivation(start, (
                   _chain_rule_steps()[0], Step(hv_entry() / 2, "evaluate at r = 0")), index=I_ENTRY),
               "chain rule without v_j": Derivation(start, (
                   Step(sp.Subs(column_sum(at("f", (I_ENTRY, J), SHIFTED)), r, 0), "chain rule",
                        {"f": "f", "index": (I_ENTRY,), "x": WN, "v": VN}),), index=I_ENTRY),
               "R_v{g} = diag(H) v": Derivation(start, (
                   _chain_rule_steps()[0],
                   Step(at("f", (I_ENTRY, I_ENTRY), WN) * VN[I_ENTRY, 0], "evaluate at r = 0")), index=I_ENTRY)},
    )
