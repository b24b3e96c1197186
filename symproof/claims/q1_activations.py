"""Question 1: x sigma(beta x) between linear and ReLU, the ReLU construction, softmax's shift invariance."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..claim import Body, Chain, claim
from ..nn.activations import log_softmax_naive, log_softmax_stable, relu_pair, swish
from ..prover import AllOf, Case, Check, CheckResult, Holds, Scope, eq

x = sp.Symbol("x", real=True)
beta = sp.Symbol("beta", real=True)
t = sp.Symbol("t", positive=True)
u = sp.Symbol("u", nonnegative=True)
SIGN_CASES = (Case("x > 0", {x: t}), Case("x < 0", {x: -t}), Case("x = 0", {x: 0}))


@claim("q1.1a", "1.1", "beta = 0 turns h(x) = x sigma(beta x) into the linear activation x/2", Scope.GENERAL)
def beta_zero_is_linear() -> Body:
    h0 = swish(x, 0)
    one_plus_e0 = sp.Add(1, sp.exp(0, evaluate=False), evaluate=False)
    return Body(
        statement=eq(h0, x / 2),
        answer=x / 2,
        steps=(Chain((h0, x / one_plus_e0, x / 2)),),
        wrong={"identity": eq(h0, x), "slope one at beta one": eq(swish(x, 1), x / 2)},
    )


def _limit_chain(sign: int, case: Case) -> Chain:
    """lim h for one sign of x: the exponential goes to 0 or to infinity."""
    xv = case.subs[x]
    expo = sp.Limit(sp.exp(-beta * xv), beta, sign * sp.oo)
    return Chain((sp.Limit(xv / (1 + sp.exp(-beta * xv)), beta, sign * sp.oo), xv / (1 + expo),
                  sp.Max(xv, 0) if sign > 0 else sp.Min(xv, 0)), label=f"beta -> {'+' if sign > 0 else '-'}oo, "
                                                                        f"{case.label}")


@claim("q1.1b", "1.1", "beta -> +oo gives ReLU(x) = max(x, 0), beta -> -oo gives min(x, 0)", Scope.GENERAL)
def beta_infinite_is_relu() -> Body:
    h = x / (1 + sp.exp(-beta * x))
    plus = eq(sp.Limit(h, beta, sp.oo), sp.Max(x, 0), cases=SIGN_CASES)
    minus = eq(sp.Limit(h, beta, -sp.oo), sp.Min(x, 0), cases=SIGN_CASES)
    return Body(
        statement=AllOf((("beta -> +oo", plus), ("beta -> -oo", minus))),
        answer=sp.Max(x, 0),
        steps=tuple(_limit_chain(s, c) for s in (1, -1) for c in SIGN_CASES[:2]),
        wrong={
            "identity": eq(sp.Limit(h, beta, sp.oo), x, cases=SIGN_CASES),
            "relu at minus infinity": eq(sp.Limit(h, beta, -sp.oo), sp.Max(x, 0), cases=SIGN_CASES),
        },
    )


@claim("q1.1b.rate", "1.1", "the convergence to ReLU is uniform: sup |h - ReLU| = W(1/e)/beta", Scope.GENERAL)
def uniform_rate() -> Body:
    b = sp.Symbol("beta", positive=True)
    s = sp.Symbol("s", nonnegative=True)
    g = u / (1 + sp.exp(b * u))  # the gap ReLU - h as a function of |x|
    w = sp.LambertW(sp.exp(-1))
    u_star = (1 + w) / b
    k = sp.exp(-s) + 1 - s  # g'(u) has the sign of k(beta u)
    h = x / (1 + sp.exp(-b * x))
    gap = eq(sp.Max(x, 0) - h, g.subs(u, sp.Abs(x)), cases=SIGN_CASES)
    derivative = eq(sp.diff(g, u), sp.exp(b * u) * k.subs(s, b * u) / (1 + sp.exp(b * u)) ** 2)
    return Body(
        statement=AllOf((
            ("ReLU - h = g(|x|) >= 0", gap),
            ("g'(u) = e^(beta u) k(beta u) / (1 + e^(beta u))^2", derivative),
            # unevaluated relations: built with `<`, SymPy would decide them on construction and print "True"
            ("k decreases", Holds(sp.StrictLessThan(sp.Derivative(k, s), 0, evaluate=False))),
            ("k(0) > 0", Holds(sp.StrictGreaterThan(sp.Subs(k, s, 0), 0, evaluate=False))),
            ("k vanishes at 1 + W(1/e)", eq(k.subs(s, 1 + w), 0)),
            ("g(u*) = W(1/e)/beta", eq(g.subs(u, u_star), w / b)),
        )),
        answer=w / b,
        notes={"sup_value": sp.N(w, 6), "g": g, "u_star": u_star, "k": k},
        wrong={"one over e beta": eq(g.subs(u, u_star), sp.exp(-1) / b),
               "maximum at u = 1/beta": eq(sp.diff(g, u).subs(u, 1 / b), 0)},
    )


def _relu_statement(a: Any, b: Any, alpha: Any, bt: Any, order: Any) -> AllOf:
    """The four facts about a ReLU(x - alpha) + b ReLU(beta - x), proven region by region."""
    h = relu_pair(x, a, b, alpha, bt)
    p, q = sp.Symbol("p", positive=True), sp.Symbol("q", nonnegative=True)
    above = Case("x = alpha + u, beta = alpha - p", {x: alpha + u, bt: alpha - p})
    between = Case("x = beta + u, alpha = x + q", {x: bt + u, alpha: bt + u + q})
    below = Case("x = beta - u, alpha = beta + p", {x: bt - u, alpha: bt + p})
    inside = Case("x = beta + p, alpha = x + p'", {x: bt + p, alpha: bt + p + t})
    return AllOf((
        ("h = a (x - alpha) for x >= alpha", eq(h, a * (x - alpha), x >= alpha, order, cases=(above,))),
        ("h = 0 for beta <= x <= alpha", eq(h, 0, bt <= x, x <= alpha, order, cases=(between,))),
        ("h = -b (x - beta) for x <= beta", eq(h, -b * (x - bt), x <= bt, order, cases=(below,))),
        ("h' = a for x > alpha", eq(sp.Derivative(h, x), a, x > alpha, order,
                                    cases=(Case("x = alpha + p, beta = alpha - p'", {x: alpha + p, bt: alpha - t}),))),
        ("h' = 0 for beta < x < alpha", eq(sp.Derivative(h, x), 0, bt < x, x < alpha, order, cases=(inside,))),
        ("h' = -b for x < beta", eq(sp.Derivative(h, x), -b, x < bt, order,
                                    cases=(Case("x = beta - p, alpha = beta + p'", {x: bt - p, alpha: bt + t}),))),
    ))


@claim("q1.2", "1.2", "for beta < alpha, a ReLU(x - alpha) + b ReLU(beta - x) is the continuous piecewise-linear h",
       Scope.GENERAL)
def relu_construction() -> Body:
    a, b, alpha, bt = sp.symbols("a b alpha beta", real=True)
    return Body(
        statement=_relu_statement(a, b, alpha, bt, bt < alpha),
        answer=relu_pair(x, a, b, alpha, bt),
        notes={"continuity": "the three closed pieces agree at x = alpha and x = beta"},
        wrong={"beta > alpha": _relu_statement(a, b, alpha, bt, bt > alpha),
               "b ReLU(x - beta)": AllOf((("h = -b (x - beta) for x <= beta",
                                           eq(a * sp.Max(x - alpha, 0) + b * sp.Max(x - bt, 0), -b * (x - bt),
                                              x <= bt, bt < alpha)),))},
    )


@claim("q1.2.leaky", "1.2", "alpha = beta = 0, a = 1, b = -1/5 gives LeakyReLU(x) = max(x, x/5)", Scope.GENERAL)
def leaky_relu() -> Body:
    h = relu_pair(x, 1, sp.Rational(-1, 5), 0, 0)
    return Body(
        statement=eq(h, sp.Max(x, x / 5), cases=SIGN_CASES),
        answer=sp.Max(x, x / 5),
        wrong={"b = +1/5": eq(relu_pair(x, 1, sp.Rational(1, 5), 0, 0), sp.Max(x, x / 5))},
    )


n = sp.Symbol("n", integer=True, positive=True)
X = sp.IndexedBase("x", real=True)
i, j, k = sp.symbols("i j k", integer=True)
c, m = sp.symbols("c m", real=True)
IN_RANGE = (i >= 0, i <= n - 1)


def softmax(shift: Any, index: Any, dummy: Any, scale: Any = 1) -> Any:
    return sp.exp(scale * X[index] + shift) / sp.Sum(sp.exp(scale * X[dummy] + shift), (dummy, 0, n - 1))


@claim("q1.3", "1.3", "softmax is shift invariant: S(x + c)_i = S(x)_i for every dimension n", Scope.GENERAL)
def softmax_shift() -> Body:
    factored = sp.exp(c) * sp.exp(X[i]) / (sp.exp(c) * sp.Sum(sp.exp(X[j]), (j, 0, n - 1)))
    return Body(
        statement=eq(softmax(c, i, j), softmax(0, i, k), *IN_RANGE),
        answer=softmax(0, i, j),
        # the middle step keeps e^c in both numerator and denominator (a plain `/` would cancel it at once)
        steps=(Chain((softmax(c, i, j), sp.Mul(sp.Mul(sp.exp(c), sp.exp(X[i]), evaluate=False),
                                                sp.Pow(sp.Mul(sp.exp(c), sp.Sum(sp.exp(X[j]), (j, 0, n - 1)),
                                                              evaluate=False), -1, evaluate=False), evaluate=False),
                      softmax(0, i, j)), where=IN_RANGE),),
        notes={"factored": factored},
        wrong={"scale invariance": eq(softmax(0, i, j, scale=c), softmax(0, i, k), *IN_RANGE),
               "shift moves the output": eq(softmax(c, i, j), softmax(0, i, k) + c, *IN_RANGE)},
    )


@claim("q1.3.n3", "1.3", "softmax shift invariance for the vector case n = 3", Scope.INSTANCE)
def softmax_shift_n3() -> Body:
    v = sp.Matrix(sp.symbols("x_0:3", real=True))

    def soft(vec: sp.Matrix) -> sp.Matrix:
        total = sum(sp.exp(e) for e in vec)
        return vec.applyfunc(lambda e: sp.exp(e) / total)

    shifted = v.applyfunc(lambda e: e + c)
    return Body(
        statement=eq(soft(shifted), soft(v)),
        answer=soft(v),
        wrong={"scale invariance": eq(soft(2 * v), soft(v))},
    )


def log_softmax(index: Any, dummy: Any, shift: Any = 0) -> Any:
    return (X[index] - shift) - sp.log(sp.Sum(sp.exp(X[dummy] - shift), (dummy, 0, n - 1)))


@claim("q1.4", "1.4", "log S(x)_i = (x_i - m) - log sum_k exp(x_k - m) for every real m, so for m = max_k x_k",
       Scope.GENERAL)
def stable_log_softmax() -> Body:
    plain = sp.log(softmax(0, i, j))
    return Body(
        statement=eq(plain, log_softmax(i, k, m), *IN_RANGE),
        answer=log_softmax(i, k, m),
        steps=(Chain((plain, sp.log(softmax(-m, i, k)), log_softmax(i, k, m)), where=IN_RANGE),),
        wrong={"no correction in the log": eq(plain, (X[i] - m) - sp.log(sp.Sum(sp.exp(X[k]), (k, 0, n - 1))),
                                                *IN_RANGE)},
    )


def _float64_check(points: tuple[float, ...]) -> CheckResult:
    """At x = (+-1000, ...): the naive formula is not finite, the stable one matches mpmath (50 digits) to 1e-15.

    SciPy's log_softmax is the tests' oracle for the same inputs: importing scipy.special here cost a worker
    0.3 s of a build.
    """
    import mpmath

    xs = np.array(points, dtype=np.float64)
    with np.errstate(all="ignore"):
        naive = log_softmax_naive(xs)
    stable = log_softmax_stable(xs)
    with mpmath.workdps(50):
        total = mpmath.fsum(mpmath.exp(mpmath.mpf(v)) for v in points)
        exact = np.array([float(mpmath.mpf(v) - mpmath.log(total)) for v in points])
    rel_exact = float(np.max(np.abs(stable - exact) / np.abs(exact)))
    ok = (not np.all(np.isfinite(naive))) and rel_exact <= 1e-15
    return CheckResult(ok, {"naive": np.array2string(naive), "stable vs mpmath": f"{rel_exact:.1e}"})


@claim("q1.4.float64", "1.4", "in float64 the naive log-softmax fails at x = +-1000, the stable one does not",
       Scope.INSTANCE)
def stable_log_softmax_float64() -> Body:
    big, small = (1000.0, 999.0, 998.0), (-1000.0, -999.0, -1001.0)
    how = "float64 run vs mpmath (50 digits)"

    def naive_is_fine() -> CheckResult:
        with np.errstate(all="ignore"):
            values = log_softmax_naive(np.array(big))
        return CheckResult(bool(np.all(np.isfinite(values))), {"naive at x = (1000, 999, 998)": str(values)})

    return Body(
        statement=AllOf((
            ("overflow at x = (1000, 999, 998)", Check(how, lambda: _float64_check(big))),
            ("underflow at x = (-1000, -999, -1001)", Check(how, lambda: _float64_check(small))),
        )),
        notes={"inputs": (big, small)},
        wrong={"naive formula is finite": Check("float64 run of the naive formula", naive_is_fine)},
    )
