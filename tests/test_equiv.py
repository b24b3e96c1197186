"""symproof equiv and symproof.equivalent: verdicts by kind, assumptions, bad input, and the README's examples."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
from pathlib import Path

import pytest
import sympy as sp

import symproof
from symproof.cli import main
from symproof.equiv.reading import read_assumptions
from symproof.equiv.verdict import EquivInputError

README = Path(__file__).parents[1] / "README.md"


def _readme_examples() -> list[tuple[str, str]]:
    """(command, printed line) of every `$ symproof equiv` example in the README."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Comparing any two expressions", 1)[1].split("\n## ", 1)[0]
    examples = []
    for block in re.findall(r"```console\n(.*?)```", section, re.DOTALL):
        lines = block.splitlines()
        for n, line in enumerate(lines):
            if line.startswith("$ symproof equiv "):
                examples.append((line[2:], lines[n + 1]))
    return examples


EXAMPLES = _readme_examples()
EXITS = {"equivalent": 0, "not equivalent": 1, "undecided": 3}


def test_the_readme_has_equiv_examples() -> None:
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize(("command", "printed"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_prints_what_the_readme_says(command: str, printed: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = main(shlex.split(command)[1:])
    out = capsys.readouterr().out.strip()
    assert out == printed
    verdict = next(v for v in sorted(EXITS, key=len, reverse=True) if printed.startswith(v))
    assert code == EXITS[verdict]


def test_api_takes_sympy_objects_and_latex() -> None:
    x = sp.Symbol("x", real=True)
    assert symproof.equivalent(sp.tanh(x), 2 / (1 + sp.exp(-2 * x)) - 1).equivalent
    assert symproof.equivalent(sp.tanh(x), r"2\sigma(2x) - 1").equivalent
    wrong = symproof.equivalent(sp.tanh(x), r"2\sigma(x) - 1")
    assert wrong.outcome == "not equivalent" and wrong.counterexample and "x" in wrong.counterexample
    assert wrong.seconds > 0


def test_one_name_with_two_sets_of_assumptions_is_bad_input() -> None:
    positive, real = sp.Symbol("x", positive=True), sp.Symbol("x", real=True)
    assert symproof.equivalent(sp.sqrt(positive**2), real).outcome == "bad input"
    assert symproof.equivalent(sp.sqrt(real**2), sp.Abs(real)).equivalent


def test_assumptions_decide_the_log_law() -> None:
    assert symproof.equivalent(r"\log(x^2)", r"2\log x", ["x > 0"]).equivalent
    assert symproof.equivalent(r"\log(x^2)", r"2\log x").outcome == "not equivalent"
    assert symproof.equivalent(r"\log(x^3)", r"2\log x", ["x > 0"]).outcome == "not equivalent"


def test_assumptions_are_read_or_refused() -> None:
    assert read_assumptions(["x > 0", r"n \in \mathbb{N}", r"\beta != 0"]) == {
        "x": {"positive": True}, "n": {"integer": True, "nonnegative": True}, "beta": {"nonzero": True}}
    with pytest.raises(EquivInputError):
        read_assumptions(["x < y"])
    assert symproof.equivalent("x", "x", ["z > 0"]).outcome == "bad input"


def test_matrices_report_the_entries_that_differ() -> None:
    a = r"\begin{bmatrix} 1 & x \\ 0 & \cosh x \end{bmatrix}"
    b = r"\begin{bmatrix} 1 & x \\ 1 & \frac{e^x + e^{-x}}{2} \end{bmatrix}"
    v = symproof.equivalent(a, b)
    assert v.outcome == "not equivalent" and v.entries == ("(1, 0)",)
    assert symproof.equivalent(a, a.replace(r"\cosh x", r"\frac{e^x + e^{-x}}{2}")).equivalent
    shape = symproof.equivalent(r"\begin{bmatrix} 1 & 2 \end{bmatrix}", r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}")
    assert shape.outcome == "not equivalent" and shape.method == "shape check"


def test_equations_are_compared_by_their_solution_sets() -> None:
    assert symproof.equivalent("x^2 - 1 = 0", "(x - 1)(x + 1) = 0").equivalent
    wrong = symproof.equivalent("x^2 = 4", "x = 2")
    assert wrong.outcome == "not equivalent" and wrong.counterexample is not None
    assert wrong.counterexample["x"] == "-2"
    assert symproof.equivalent("y = x^2", "y - x^2 = 1").outcome == "not equivalent"
    # For x > 0 both are {2}: the root -2 of the first is outside the domain, so it is no counterexample.
    assert symproof.equivalent("x^2 = 4", "x = 2", ["x > 0"]).equivalent
    assert symproof.equivalent("x^3 = 2x", "x(x^2 - 2) = 0").equivalent
    assert symproof.equivalent("x^2 = 2", "x = \\sqrt{2}").outcome != "equivalent"  # -sqrt 2 solves the first only
    assert symproof.equivalent("x^4 = 4", "x^2 = 2").equivalent  # x^2 = -2 has no real root
    assert symproof.equivalent("x^2 = 4", "x = -2", ["x > 0"]).outcome == "not equivalent"


def test_kinds_sizes_and_yes_no() -> None:
    assert symproof.equivalent(r"12 \times 12", "12x12").equivalent
    assert symproof.equivalent(r"12 \times 12", r"12 \times 13").outcome == "not equivalent"
    assert symproof.equivalent("oui", "yes").equivalent
    assert symproof.equivalent("non", "yes").outcome == "not equivalent"
    kind = symproof.equivalent(r"12 \times 12", "144")
    assert kind.outcome == "not equivalent" and kind.method == "kind check"


def test_a_vector_entry_is_one_quantity_in_and_out_of_a_sum() -> None:
    assert symproof.equivalent(r"\sum_{k=1}^{2} \pi_k \sigma(w_k x)", r"\pi_1 \sigma(w_1 x) + \pi_2 \sigma(w_2 x)"
                               ).equivalent
    assert symproof.equivalent(r"\sum_{k=1}^{2} \pi_k \sigma(w_k x)", r"\pi_1 \sigma(w_1 x) + \pi_2 \sigma(w_1 x)"
                               ).outcome == "not equivalent"


def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["equiv", r"\frac{1}{2", "x"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("symproof equiv: ")
    assert main(["equiv", "x", "x", "--assume", "x < y"]) == 2
    assert main(["equiv", "-", "-"]) == 2
    assert "standard input" in capsys.readouterr().err


def test_floats_are_refused_and_decimals_are_exact() -> None:
    assert symproof.equivalent(sp.Float(0.1), sp.Rational(1, 10)).outcome == "bad input"
    assert symproof.equivalent("0.1", r"\frac{1}{10}").equivalent
    assert symproof.equivalent("0.1000000000000000055511151231257827", r"\frac{1}{10}").outcome == "not equivalent"


def test_a_sum_without_bounds_is_bad_input() -> None:
    v = symproof.equivalent(r"\sum_j x_j", r"\sum_k x_k")
    assert v.outcome == "bad input" and "bounds" in v.reason


def test_file_stdin_and_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.tex").write_text(r"\sin(x)^2 + \cos(x)^2", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("1"))
    assert main(["equiv", f"@{tmp_path / 'a.tex'}", "-", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "equivalent" and out["exit"] == 0 and out["kind"] == "expr"
    assert main(["equiv", f"@{tmp_path / 'missing.tex'}", "x"]) == 2


def test_undecided_is_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    # True on SymPy's principal branch for real x, y != 0, but the power law is only used for a positive base.
    assert main(["equiv", r"x^{\log y}", r"y^{\log x}"]) == 3
    assert capsys.readouterr().out.startswith("undecided")


def test_intervals_by_endpoints_and_brackets() -> None:
    assert symproof.equivalent("[0, x^2]", "[0, |x|^2]").equivalent
    assert symproof.equivalent("]0, 1[", "(0, 1)").equivalent  # (0, 1) read as the interval, not a size
    assert symproof.equivalent(r"(-\infty, x]", r"\left(-\infty, x\right]").equivalent
    half = symproof.equivalent("[0, 1)", "[0, 1]")
    assert half.outcome == "not equivalent" and half.counterexample is not None
    # [a, b] and [a, b + 1] are equal sets where both are empty (b + 1 < a); the point shown must be elsewhere.
    moved = symproof.equivalent("[a, b]", "[a, b + 1]")
    assert moved.outcome == "not equivalent" and moved.counterexample is not None
    assert moved.counterexample["first"] != moved.counterexample["second"]
    assert symproof.equivalent("[0, 1]", "0").method == "kind check"


def test_applied_functions_are_generic() -> None:
    assert symproof.equivalent(r"\frac{f(x + r) - f(x)}{r}", r"\frac{f(r + x) - f(x)}{r}").equivalent
    other = symproof.equivalent("f(x)", "g(x)")
    assert other.outcome == "not equivalent" and other.counterexample is not None
    assert symproof.equivalent("f(x, y)", "f(y, x)").outcome == "not equivalent"


def test_an_expression_starting_with_a_minus_is_an_expression_not_an_option(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["equiv", "-x", "-(x)"]) == 0
    assert capsys.readouterr().out.startswith("equivalent")
    assert main(["equiv", "--assume", "x > 0", r"-\sqrt{x^2}", "-x", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "equivalent"
    assert main(["equiv", "-x", "x"]) == 1


def test_a_sums_bounds_are_integers_so_shifting_in_a_zero_term_keeps_the_verdict() -> None:
    # sum_{k=0}^{n} k and sum_{k=1}^{n} k are one sum (the k = 0 term is 0): they cannot get two verdicts against
    # n(n+1)/2, and no counterexample may draw a bound n = -7/4 (a sum's bounds are integers by its notation)
    one = symproof.equivalent(r"\sum_{k=1}^{n} k", r"\frac{n(n+1)}{2}")
    zero = symproof.equivalent(r"\sum_{k=0}^{n} k", r"\frac{n(n+1)}{2}")
    assert one.outcome == zero.outcome == "equivalent", (one, zero)
    wrong = symproof.equivalent(r"\sum_{k=2}^{n} k", r"\frac{n(n+1)}{2}")
    assert wrong.outcome == "not equivalent"
    assert all(sp.Rational(v).is_integer for k, v in (wrong.counterexample or {}).items() if k == "n")


def test_a_sum_index_named_as_its_own_bound() -> None:
    # sum_{n=1}^{n} n: the n of the bound is the free n, the index another; it was "not equivalent" (n = -7/4)
    assert symproof.equivalent(r"\sum_{n=1}^{n} n", r"\frac{n(n+1)}{2}").outcome == "equivalent"
    assert symproof.equivalent(r"\sum_{n=1}^{n} 1", "1").outcome == "not equivalent"


def test_contradicting_assumptions_are_one_line_of_bad_input() -> None:
    # x > 0 and x < 0 raised SymPy's InconsistentAssumptions: a traceback and exit 1 ("not equivalent")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["equiv", "x", "x", "--assume", "x > 0", "--assume", "x < 0"])
    assert code == 2 and "contradict" in err.getvalue() + out.getvalue()
    assert "Traceback" not in err.getvalue() and len((err.getvalue() + out.getvalue()).strip().splitlines()) == 1


def test_an_infinity_inside_an_expression_is_bad_input() -> None:
    # x sigma(oo x) was "equivalent" to max(x, 0) in check; in equiv a SymPy object with oo in it is refused alike
    from symproof.answers.functions import Sigmoid

    assert symproof.equivalent(r"x\sigma(\infty x)", r"\max(x, 0)").outcome == "bad input"
    x = sp.Symbol("x", real=True)
    assert symproof.equivalent(x * Sigmoid(sp.oo * x), sp.Max(x, 0)).outcome == "bad input"
    k = sp.Symbol("k", integer=True)
    assert symproof.equivalent(sp.Sum(2**-k, (k, 1, sp.oo)), 1).outcome == "equivalent"  # a bound may be oo
    assert symproof.equivalent(r"\sum_{k=1}^{\infty} 2^{-k}", "1").outcome == "equivalent"


@pytest.mark.parametrize(("first", "second"), [
    # SymPy reads sum_{k=1}^{5/2} k as 35/8 and sum_{k=1}^{n/2} k as n(n+2)/8 for odd n too: both were "equivalent"
    (r"\sum_{k=1}^{2.5} k", r"\frac{35}{8}"), (r"\sum_{k=1}^{n/2} k", r"\frac{n(n+2)}{8}"),
    (r"\prod_{k=1}^{\sqrt{n}} 2", "1"), (r"\sum_{k=1}^{\frac{n}{3}} 1", r"\frac{n}{3}"),
])
def test_a_sum_or_product_bound_that_is_not_an_integer_is_bad_input(first: str, second: str) -> None:
    verdict = symproof.equivalent(first, second)
    assert verdict.outcome == "bad input", verdict
    assert "is not an integer" in verdict.reason and "bounds are integers" in verdict.reason


def test_integer_bounds_stay_compared() -> None:
    assert symproof.equivalent(r"\sum_{k=1}^{\lfloor n/2 \rfloor} 1", r"\lfloor n/2 \rfloor").outcome == "equivalent"
    assert symproof.equivalent(r"\sum_{l=1}^{L} \prod_{i=1}^{l-1} 2", r"2^{L} - 1").outcome == "equivalent"


@pytest.mark.parametrize(("first", "second", "outcome"), [
    # H^{-T} was the power H^(-T) of a symbol T: undecided against (H^{-1})^T, which it is
    (r"\mathbf{H}^{-T} \mathbf{g}", r"\left(\mathbf{H}^{-1}\right)^T \mathbf{g}", "equivalent"),
    (r"\mathbf{H}^{-\top} \mathbf{g}", r"\left(\mathbf{H}^{T}\right)^{-1} \mathbf{g}", "equivalent"),
    (r"\mathbf{H}^{-\mathrm{T}} \mathbf{g}", r"\left(\mathbf{H}^{-1}\right)^{\top} \mathbf{g}", "equivalent"),
    (r"\mathbf{H}^{-T} \mathbf{g}", r"\mathbf{H}^{-1} \mathbf{g}", "not equivalent"),  # H is not symmetric here
    # \langle u, v \rangle and \operatorname{sign} were unknown commands
    (r"\langle u, v \rangle", "u^T v", "equivalent"), (r"\langle u, v \rangle^2", r"(v^T u)^2", "equivalent"),
    (r"\left\langle \boldsymbol{u}, \boldsymbol{v} \right\rangle", r"\boldsymbol{v}^T \boldsymbol{u}", "equivalent"),
    (r"\operatorname{sign}(x) \max(x, 0)", r"\max(x, 0)", "equivalent"),
    (r"\mathrm{sgn}(x)", "1", "not equivalent"),
])
def test_inverse_transposes_angle_brackets_and_sign_are_read(first: str, second: str, outcome: str) -> None:
    verdict = symproof.equivalent(first, second)
    assert verdict.outcome == outcome, verdict


@pytest.mark.parametrize(("text", "names"), [
    ("x^{-T}", "inverse transpose"), (r"\langle u, 2v \rangle", r"\langle"),
    (r"\langle \mathbf{H} u, v \rangle", r"\langle"),
])
def test_near_valid_notations_are_one_line_of_bad_input_naming_them(text: str, names: str) -> None:
    verdict = symproof.equivalent(text, "1")
    assert verdict.outcome == "bad input" and names in verdict.reason, verdict


def test_zero_to_a_power_that_may_be_zero_is_bad_input() -> None:
    # 0^{x^2} was "equivalent" to 1 - |sign x| through 0^0 = 1 at x = 0, and 0^x "not equivalent" to 0 by x = 0 alone
    assert symproof.equivalent(r"0^{x^2}", r"1 - |\operatorname{sign}(x)|").outcome == "bad input"
    assert symproof.equivalent(r"0^{x}", "0").outcome == "bad input"
    x = sp.Symbol("x", real=True)
    assert symproof.equivalent(x * sp.Pow(0, sp.Max(-x, 0)), sp.Max(x, 0)).outcome == "bad input"
    assert symproof.equivalent(sp.Pow(0, x**2 + 1), 0).outcome == "equivalent"


@pytest.mark.parametrize(("first", "second", "outcome"), [
    # \frac{d}{dx} was the fraction d / (d x): \frac{d}{dx} x^2 was "equivalent" to x and "not equivalent" to 2x
    (r"\frac{d}{dx} x^2", "2x", "equivalent"), (r"\frac{d}{dx} x^2", "x", "not equivalent"),
    (r"\frac{d \sin x}{d x}", r"\cos x", "equivalent"), (r"\frac{d^2}{dx^2} x^3", "x", "bad input"),
    # read one way by the grammar, printed or meant another: 2 3 was 6 (LaTeX prints 23), 1e3 was 1 e 3,
    # 1/2x was x/2 (or 1/(2x)?), x^2^3 was x^8 (LaTeX refuses a double superscript)
    ("2 3", "6", "bad input"), ("284 682", "284682", "bad input"), ("1e3", "1000", "bad input"),
    ("1/2x", r"\frac{x}{2}", "bad input"), ("x^2^3", "x^8", "bad input"),
    (r"1/2 \cdot x", r"\frac{x}{2}", "equivalent"), ("x^{2^3}", "x^8", "equivalent"),
    ("3 e^2", r"3\exp(2)", "equivalent"),
])
def test_notations_read_one_way_and_printed_another_are_refused_or_read_as_printed(first: str, second: str,
                                                                                  outcome: str) -> None:
    verdict = symproof.equivalent(first, second)
    assert verdict.outcome == outcome, verdict


@pytest.mark.parametrize("text", [r"2 O(r)", r"O(r) + r^2", r"O(r) + O(r^2)"])
def test_a_big_o_inside_an_expression_is_bad_input(text: str) -> None:
    # each is the class O(r), and was "not equivalent" to O(r) by the kind check (an expression, a big O)
    verdict = symproof.equivalent(text, "O(r)")
    assert verdict.outcome == "bad input" and "big O inside an expression" in verdict.reason, verdict
    assert symproof.equivalent("O(2r)", "O(r)").outcome == "equivalent"


def test_zero_to_a_power_is_read_under_the_assumptions() -> None:
    # 0^x is 0 for a positive x: refused only while x may be 0
    assert symproof.equivalent(r"0^{x}", "0", assume=["x > 0"]).outcome == "equivalent"
    assert symproof.equivalent(r"0^{x}", "0", assume=["x >= 0"]).outcome == "bad input"
