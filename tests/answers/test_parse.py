"""parse_answer reads the assignment's notation into the exact SymPy objects, and sizes, matrices, booleans."""

from __future__ import annotations

import pytest
import sympy as sp

from symproof.answers import Answer, Sigmoid, implicit_upper_bound, parse_answer, rewrite_sigmoid

x, y, z, a, b, n, K, beta = sp.symbols("x y z a b n K beta")
i, j = sp.symbols("i j")
X = sp.IndexedBase("x")


def value(text: str) -> object:
    return parse_answer(text).value


def same(lhs: sp.Expr, rhs: sp.Expr) -> bool:
    return sp.simplify(rewrite_sigmoid(lhs) - rewrite_sigmoid(rhs)) == 0


@pytest.mark.parametrize(
    ("text", "name"),
    [(r"w_{1,1}", "w_{1,1}"), (r"x_{12}", "x_{12}"), (r"w_{0,0}", "w_{0,0}"), (r"w_{ 0 , 0 }", "w_{0,0}"),
     (r"x_j", "x_{j}"), (r"\beta_1", "beta_{1}"), (r"\boldsymbol{x}", "x"), (r"\mathbf{W}_{2,3}", "W_{2,3}")],
)
def test_subscripted_and_bold_letters_are_one_symbol_each(text: str, name: str) -> None:
    assert value(text) == sp.Symbol(name)


def test_latex_x_12_without_braces_is_x_1_times_2() -> None:
    assert value("x_12") == 2 * sp.Symbol("x_{1}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [(r"e^{x}", sp.exp(x)), (r"\exp(x)", sp.exp(x)), (r"\mathrm{e}^{x}", sp.exp(x)), (r"\log(x)", sp.log(x)),
     (r"\ln x", sp.log(x)), (r"\max(0, x)", sp.Max(0, x)), (r"\min(a,b)", sp.Min(a, b)),
     (r"\mathrm{ReLU}(x)", sp.Max(x, 0)), (r"\operatorname{ReLU}(x)", sp.Max(x, 0)),
     (r"\left(x+1\right)^{2}", (x + 1) ** 2), (r"a\cdot b", a * b), (r"a \times b", a * b),
     (r"\frac{x}{y}", x / y), (r"\dfrac{1}{2}", sp.Rational(1, 2)), (r"\tfrac{x}{2}", x / 2),
     (r"\frac12", sp.Rational(1, 2)), (r"\sqrt{x}", sp.sqrt(x)), (r"x^{2}y", x**2 * y),
     (r"x \cdot y z", x * y * z), (r"\sigma(z)", Sigmoid(z)), (r"\log x + 1", sp.log(x) + 1),
     (r"\log(x)^2", sp.log(x) ** 2), (r"-x^2", -(x**2)), (r"$x^2$", x**2),
     (r"f(x)", sp.Function("f")(x)), (r"a(x)", sp.Symbol("a") * x)],
)
def test_notation_parses_to_the_expected_expression(text: str, expected: sp.Expr) -> None:
    answer = parse_answer(text)
    # f, g, h before an argument list are functions (resolved by the checker against the claim's functions);
    # any other letter before a group is a factor, recorded so that the checker can refuse an unknown function
    assert answer == Answer("expr", expected, text, ("a",) if text == "a(x)" else ())


@pytest.mark.parametrize(("text", "applied"), [
    ("f(x)", ()), (r"a(x - \alpha)", ("a",)), (r"g_{k}(z) + e(x)", ()), (r"k_{j}(z) + e(x)", ("k_{j}",)),
    (r"\exp(x) + \sigma(z)", ()),
    (r"h(x) = a(x + 1)", ("a",)),
])
def test_letters_applied_to_a_group_are_recorded_for_the_checker(text: str, applied: tuple[str, ...]) -> None:
    assert parse_answer(text).applied == applied


@pytest.mark.parametrize(("text", "expected"), [
    (r"W(1/e)", sp.LambertW(sp.exp(-1))), (r"\mathrm{W}(x)", sp.LambertW(x)), (r"\lfloor x/2 \rfloor", sp.floor(x / 2)),
    (r"\lceil x \rceil", sp.ceiling(x)), (r"\operatorname{floor}(x)", sp.floor(x)),
    (r"R_v\{f\} g", sp.Symbol("R_v{f}") * sp.Symbol("g")), (r"W x", sp.Symbol("W") * x),
])
def test_the_homeworks_functions_are_known(text: str, expected: sp.Expr) -> None:
    assert parse_answer(text).value == expected


def test_a_big_o_keeps_its_argument_as_written() -> None:
    assert parse_answer(r"O(\sin(r) - r)").value.args[0] == sp.sin(sp.Symbol("r")) - sp.Symbol("r")


def test_sigmoid_is_a_named_function_that_rewrites_to_the_logistic() -> None:
    assert rewrite_sigmoid(value(r"\sigma(z)")) == 1 / (1 + sp.exp(-z))


def test_swish_written_with_e_and_with_sigma_are_equal_once_sigma_is_rewritten() -> None:
    with_e = value(r"\frac{x}{1+e^{-\beta x}}")
    with_sigma = value(r"x\sigma(\beta x)")
    assert with_sigma == x * Sigmoid(beta * x)
    assert same(with_e, with_sigma)


def test_sigmoid_derivative_product_parses() -> None:
    assert value(r"\sigma(x)(1-\sigma(x))") == Sigmoid(x) * (1 - Sigmoid(x))


def test_log_sum_exp_ties_x_j_to_the_summation_index() -> None:
    expr = value(r"\log\left(\sum_{j} e^{x_j}\right)")
    assert expr == sp.log(sp.Sum(sp.exp(X[j]), (j, 1, implicit_upper_bound(j))))
    (total,) = expr.atoms(sp.Sum)
    (indexed,) = total.atoms(sp.Indexed)
    assert indexed.indices == (total.variables[0],)


def test_sum_without_bounds_runs_from_1_to_the_documented_symbol() -> None:
    assert implicit_upper_bound(j) == sp.Symbol(r"j_{\max}")
    assert value(r"\sum_j x_j") == sp.Sum(X[j], (j, 1, sp.Symbol(r"j_{\max}")))


def test_bounded_sum_keeps_its_bounds() -> None:
    assert value(r"\sum_{j=1}^{n} e^{x_j}") == sp.Sum(sp.exp(X[j]), (j, 1, n))


def test_softmax_keeps_the_free_x_i_a_symbol_and_indexes_the_summed_x_j() -> None:
    expected = sp.exp(sp.Symbol("x_{i}")) / sp.Sum(sp.exp(X[j]), (j, 1, K))
    assert value(r"\frac{e^{x_i}}{\sum_{j=1}^{K} e^{x_j}}") == expected


def test_sum_body_is_the_product_and_stops_at_plus() -> None:
    w = sp.IndexedBase("w")
    assert value(r"\sum_{j=1}^{n} w_j x_j + b") == sp.Sum(w[j] * X[j], (j, 1, n)) + b


def test_comma_free_two_letter_subscript_in_a_sum_is_split_by_the_documented_rule() -> None:
    W = sp.IndexedBase("W")
    assert value(r"\sum_{j=1}^{n} W_{ij} x_j") == sp.Sum(W[i, j] * X[j], (j, 1, n))


def test_nested_sums_index_both_subscripts() -> None:
    w = sp.IndexedBase("w")
    assert value(r"\sum_{i=1}^{2}\sum_{j=1}^{3} w_{i,j}") == sp.Sum(w[i, j], (j, 1, 3), (i, 1, 2))


def test_bmatrix_4_by_9_of_w_and_zeros_is_a_4_by_9_matrix() -> None:
    rows = []
    for r in range(4):
        rows.append([f"w_{{{r},{c - r}}}" if 0 <= c - r < 6 else "0" for c in range(9)])
    text = r"\begin{bmatrix}" + r" \\ ".join(" & ".join(row) for row in rows) + r"\end{bmatrix}"
    answer = parse_answer(text)
    expected = sp.ImmutableMatrix(4, 9, lambda r, c: sp.Symbol(f"w_{{{r},{c - r}}}") if 0 <= c - r < 6 else 0)
    assert answer.kind == "matrix"
    assert answer.value.shape == (4, 9)
    assert answer.value == expected


def test_pmatrix_with_two_rows_and_a_trailing_row_break() -> None:
    answer = parse_answer(r"\begin{pmatrix} a & 1 \\ 0 & b \\ \end{pmatrix}")
    assert answer.kind == "matrix"
    assert answer.value == sp.ImmutableMatrix([[a, 1], [0, b]])


@pytest.mark.parametrize("top", ["^T", "^{T}", r"^\top", r"^{\top}", r"^{\intercal}", r"^{\mathsf{T}}"])
def test_transpose_of_a_written_matrix(top: str) -> None:
    answer = parse_answer(r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}" + top)
    assert answer.value == sp.ImmutableMatrix([[1, 3], [2, 4]])


@pytest.mark.parametrize(
    ("text", "size"),
    [("12 \\times 12", (12, 12)), ("9 \\times 9", (9, 9)), ("32x32", (32, 32)),
     ("284682 \\times 284682", (284682, 284682)), ("9 × 9 × 3", (9, 9, 3)), ("$12\\times 12$", (12, 12))],
)
def test_sizes_are_tuples_not_products(text: str, size: tuple[int, ...]) -> None:
    assert parse_answer(text) == Answer("size", size, text)


def test_a_product_written_with_cdot_stays_a_number() -> None:
    assert parse_answer(r"12 \cdot 12") == Answer("expr", sp.Integer(144), r"12 \cdot 12")


def test_equation_keeps_both_sides_unevaluated() -> None:
    assert parse_answer("x = x").value == (x, x)
    assert parse_answer(r"y = \frac{1}{2}").kind == "equation"


@pytest.mark.parametrize(("text", "truth"), [("oui", True), ("Non", False), ("yes", True), (r"\text{non}", False)])
def test_yes_no_words_are_booleans(text: str, truth: bool) -> None:
    assert parse_answer(text) == Answer("bool", truth, text)


def test_unicode_times_and_sigma_are_read_as_their_latex() -> None:
    assert value("a × b") == a * b
    assert value("σ(z)") == Sigmoid(z)
