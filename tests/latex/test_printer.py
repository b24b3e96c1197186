"""The printer: the assignment's notation, through SymPy's LatexPrinter."""

from __future__ import annotations

import sympy as sp

from symproof.latex import latex
from symproof.nn.activations import Sigmoid, relu_pair
from symproof.nn.conv import conv2d_matrix, symbolic_kernel


def test_indexed_entries_print_zero_indexed_with_a_comma() -> None:
    w = sp.IndexedBase("w")
    assert latex(w[0, 1]) == "w_{0,1}"
    assert latex(w[2, 0] * w[0, 0]) == "w_{0,0} w_{2,0}"


def test_conv_matrix_prints_as_bmatrix_of_zero_indexed_weights() -> None:
    a = conv2d_matrix(symbolic_kernel(3), 3, stride=2, padding=1)
    tex = latex(a)
    assert tex.startswith(r"\begin{bmatrix}") and tex.endswith(r"\end{bmatrix}")
    assert tex.count(r"\\") == a.rows - 1
    assert "w_{0,0}" in tex and "w_{2,2}" in tex and "w_{3," not in tex
    assert r"\left[" not in tex  # SymPy's default brackets are replaced by bmatrix


def test_vectors_are_bold_and_matrices_only_when_named() -> None:
    v = sp.MatrixSymbol("v", 5, 1)
    assert latex(v) == r"\boldsymbol{v}"
    assert latex(sp.MatrixSymbol("H", 5, 5) * v) == r"\boldsymbol{H} \boldsymbol{v}"
    assert latex(sp.MatrixSymbol("A", 5, 5)) == "A"
    assert latex(sp.Symbol("w"), vector_symbols={"w"}) == r"\boldsymbol{w}"
    assert latex(sp.Symbol("w")) == "w"


def test_sigmoid_and_relu_use_the_assignment_names() -> None:
    x, b = sp.symbols("x beta", real=True)
    assert latex(x * Sigmoid(b * x)) == r"x \sigma\left(\beta x\right)"
    assert r"\operatorname{ReLU}\left(\beta - x\right)" in latex(relu_pair(x, 1, 1, 0, b))
    assert latex(sp.Max(x, x / 5)).startswith(r"\max")  # only max(0, z) is ReLU
    assert latex(sp.Max(x, 0), relu=False) == r"\max\left(0, x\right)"


def test_infinity_and_french_decimals_keep_sympy_behaviour() -> None:
    b = sp.Symbol("beta")
    assert r"\to \infty" in latex(sp.Limit(1 / b, b, sp.oo))
    assert latex(sp.Float("0.25"), decimal_separator="comma") == "0{,}25"


def test_a_rational_factor_of_a_matrix_product_is_not_parenthesised() -> None:
    import sympy as sp

    from symproof.latex.printer import latex

    n = sp.Symbol("n")
    w, H = sp.MatrixSymbol("w", n, 1), sp.MatrixSymbol("H", n, n)
    assert latex(sp.Rational(1, 2) * H * w) == r"\frac{1}{2} \boldsymbol{H} \boldsymbol{w}"
    assert latex(w - sp.Rational(1, 2) * H * w) == r"\boldsymbol{w} - \frac{1}{2} \boldsymbol{H} \boldsymbol{w}"
    assert latex(sp.MatMul(sp.Rational(1, 2), w + H * w)) == \
        r"\frac{1}{2} \left(\boldsymbol{H} \boldsymbol{w} + \boldsymbol{w}\right)"


def test_sums_read_in_natural_order_and_big_integers_are_grouped() -> None:
    import sympy as sp

    from symproof.latex.printer import latex

    x, alpha, N = sp.symbols("x alpha N")
    assert latex(x - alpha) == r"x - \alpha" and latex(N - 4) == "N - 4" and latex(1 + sp.exp(-x)) == "1 + e^{- x}"
    assert latex(sp.Integer(284682), digit_group=r"\,") == r"284\,682" and latex(sp.Integer(9999)) == "9999"


def test_piecewise_conditions_are_worded_in_the_documents_language() -> None:
    import sympy as sp

    from symproof.latex.printer import latex

    x = sp.Symbol("x")
    tex = latex(sp.Piecewise((1, x > 0), (0, True)), piecewise_words=("si", "sinon"))
    assert r"\text{si}" in tex and r"\text{sinon}" in tex and "for" not in tex and "otherwise" not in tex
