"""Read a student's LaTeX answer into SymPy safely: lark grammar only, bounded size, bounded time."""

from __future__ import annotations

import functools
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import lark
import sympy
from sympy.parsing.latex.lark import LarkLaTeXParser

from symproof.answers.errors import AnswerParseError, quote
from symproof.answers.functions import BigO, Transposed
from symproof.answers.lexer import normalise
from symproof.answers.transform import AnswerTransformer, Equation
from symproof.prover.budget import Crashed, TimedOut, run_one

GRAMMAR = Path(__file__).with_name("answer.lark")
MAX_CHARS = 20_000
TIMEOUT = 5.0

Kind = Literal["expr", "matrix", "matexpr", "size", "equation", "bool", "interval"]

# Whole answers that are not formulas, recognised before the grammar.
_BOOLEANS = {"oui": True, "yes": True, "vrai": True, "true": True, "non": False, "no": False, "faux": False,
             "false": False}
_BOOLEAN = re.compile(r"\s*(?:\\text\s*\{\s*(\w+)\s*\}|(\w+))\s*\.?\s*")
# `12 \times 12`, `32x32`, `9 × 9 × 3`: a size, not the product 144 (`12 \cdot 12` stays a product).
_SIZE = re.compile(r"\s*\d+(?:\s*(?:\\times|×|x|X)\s*\d+)+\s*")
# `(12; 12)`, `\left( 284682; \  284682\right)`, `(12, 12)`: the tuple notation the hand-in prints for a size
# (with a semicolon in French, a comma in English).
_SIZE_TUPLE = re.compile(r"\s*\(\s*\d+(?:\s*;\s*\d+)+\s*\)\s*|\s*\(\s*\d+(?:\s*,\s*\d+)+\s*\)\s*")
_SPACING = re.compile(r"\\left|\\right|\\[ ,;:!]|\\q?quad")
# `284\,682` (French), `284{,}682` (English): a separator between a digit and exactly three more groups thousands,
# the lexer's rule for formulas; anywhere else it is left as written (spacing, or bad input).
_GROUPING = re.compile(r"(?<=\d)(?:\\,|\{,\})(?=\d{3}(?!\d))")
_DIMENSION = re.compile(r"\d+")
_MATH_DELIMITERS = re.compile(r"\s*(\$\$?|\\\[|\\\()(?P<body>.*?)(\$\$?|\\\]|\\\))\s*", re.DOTALL)

# Grammar rules that apply a function to an argument (`bare_arg` is an argument without parentheses).
_FUNCTION_RULES = frozenset({"exponential", "log", "sin", "cos", "tanh", "tan", "sinh", "cosh", "function_power"})


@dataclass(frozen=True)
class Answer:
    """A parsed answer: `kind` says what `value` is.

    expr: a sympy Expr; matrix: a sympy ImmutableMatrix; size: tuple[int, ...];
    matexpr: a sympy MatrixExpr of matrix symbols (`\\boldsymbol{H}^{-1} \\boldsymbol{g}`), as written;
    equation: (lhs, rhs), both as written; bool: True/False (oui/non, yes/no, vrai/faux, true/false);
    interval: (lower, upper, left_open, right_open), the endpoints as written (`[a, b)`, `]a, b[`).
    """

    kind: Kind
    value: Any
    source: str
    applied: tuple[str, ...] = ()  # letters written as functions, `W(` aside: f(x), g_k(z) (see `applied_names`)


@functools.cache
def _parser() -> LarkLaTeXParser:
    """SymPy's lark LaTeX parser (Earley), loaded with this package's grammar and transformer."""
    return LarkLaTeXParser(grammar_file=str(GRAMMAR), transformer=AnswerTransformer)


def _ends_with_bare_argument(node: Any) -> bool:
    if not isinstance(node, lark.Tree):
        return False
    if node.data == "bare_arg":
        return True
    if node.data == "_ambig":
        return any(_ends_with_bare_argument(child) for child in node.children)
    return _ends_with_bare_argument(node.children[-1])


def _reject_juxtaposed_bare_arguments(tree: lark.Tree) -> None:
    r"""`\log x y` and `\log 2x`: log(x)*y or log(xy)? Readers differ, so the student must add parentheses."""
    for node in tree.iter_subtrees():
        if node.data == "adjacent_expressions" and _ends_with_bare_argument(node.children[0]):
            raise AnswerParseError("a function's argument without parentheses is followed by a factor")


def _is_number(node: Any) -> bool:
    return (isinstance(node, lark.Tree) and node.data == "number") or (
        isinstance(node, lark.Token) and node.type == "DIGIT")


def _reject_ambiguous_layout(tree: lark.Tree) -> None:
    r"""Layouts a reader and the grammar would read differently, refused with the reason: `2 3` (LaTeX prints 23;
    the grammar would multiply), `1/2x` (x/2 or 1/(2x)?), `x^2^3` (LaTeX refuses a double superscript)."""
    for node in tree.iter_subtrees():
        if node.data == "adjacent_expressions":
            left, right = node.children
            if isinstance(left, lark.Tree) and left.data == "div":
                raise AnswerParseError("a division a/b followed by a factor: a/(b c) or (a/b) c? Write \\frac")
            if _is_number(_edge_parent(left, True)) and _is_number(_edge_parent(right, False)):
                raise AnswerParseError("two numbers side by side (LaTeX prints 2 3 as 23): write one number, or "
                                       "their product with \\cdot")
        if node.data == "superscript" and isinstance(node.children[2], lark.Tree) \
                and node.children[2].data == "superscript":
            raise AnswerParseError("a double superscript x^a^b (LaTeX refuses it): write x^{a^b} or {x^a}^b")


def _edge_parent(node: Any, last: bool) -> Any:
    """The innermost tree (or token) at the edge of `node` that is a number, if the edge is one."""
    while isinstance(node, lark.Tree) and not _is_number(node) and node.children:
        node = node.children[0] if node.data == "_ambig" else node.children[-1 if last else 0]
    return node


# `1e3`, `2.5e-4`: scientific notation, which the grammar would read as 1 times e times 3
_SCIENTIFIC = re.compile(r"(?<![A-Za-z\\_^])\d+(?:\.\d*)?[eE][+-]?\d")


# A letter (subscripted or not) directly followed by `(`: a function applied, or a product a(x - alpha)? The
# checker decides by the claim's symbols. `e(` is Euler's number times a group, commands are not letters.
_APPLIED = re.compile(r"(?<![\\A-Za-z])(?P<name>[A-Za-df-z](?:_\{[A-Za-z0-9,]+\})?)\s*\(")


def applied_names(normalised: str) -> tuple[str, ...]:
    """The names written as applied functions in the grammar's input, e.g. `f(x)` -> ("f",)."""
    return tuple(sorted({m["name"] for m in _APPLIED.finditer(normalised)}))


def _undefined(value: Any) -> bool:
    parts = value if isinstance(value, tuple) else (value,)
    return any(isinstance(p, sympy.Basic) and p.has(sympy.zoo, sympy.nan) for p in parts)


def _classify(value: Any, source: str) -> Answer:
    if isinstance(value, Equation):
        return Answer("equation", (_finish(value.lhs), _finish(value.rhs)), source)
    value = _finish(value)
    if isinstance(value, sympy.MatrixExpr) and value.atoms(sympy.MatrixSymbol):
        return Answer("matexpr", value, source)
    if getattr(value, "is_Matrix", False):
        return Answer("matrix", value, source)
    if not isinstance(value, sympy.Expr):
        raise AnswerParseError(f"the answer is a {type(value).__name__}, not a formula")
    return Answer("expr", value, source)


def _finish(value: Any) -> Any:
    """Matrix operations written by the student (`A^T`, `A + B`) carried out; expressions left as written."""
    stray = sorted(value.atoms(Transposed), key=sympy.default_sort_key) if isinstance(value, sympy.Basic) else []
    if stray:
        # x^T with x a symbol: a power x**T or a transpose? Only `u^T v` (an inner product) is unambiguous.
        u = stray[0].args[0]
        raise AnswerParseError(f"transpose of {u} outside an inner product {u}^T v, and {u} is not a matrix "
                               "written out with bmatrix")
    if isinstance(value, sympy.MatrixExpr) and value.atoms(sympy.MatrixSymbol):
        # matrix symbols: kept as written, for the prover's matrix rules; H^{-1} is the inverse (MatPow to -1)
        return value.replace(lambda e: isinstance(e, sympy.MatPow) and e.exp == -1, lambda e: sympy.Inverse(e.base))
    if getattr(value, "is_Matrix", False):
        return sympy.ImmutableMatrix(value.doit())
    orders = value.atoms(BigO) if isinstance(value, sympy.Expr) else set()
    if orders and (not isinstance(value, BigO) or value.args[0].has(BigO)):
        # 2 O(r), O(r) + r^2 are the class O(r), h + O(r^2) is none: compared as an expression, each was "not
        # equivalent" to O(r) by its kind
        raise AnswerParseError(f"a big O inside an expression ({sympy.sstr(value)[:40]}) is not compared: write the "
                               "order alone, as O(r)")
    return value


# An interval's brackets: whether each side is open. `]a, b[` is the French open interval.
_LEFT_OPEN = {"[": False, "(": True, "]": True}
_RIGHT_OPEN = {"]": False, ")": True, "[": True}


def interval_parts(body: str) -> tuple[bool, str, str, bool] | None:
    """(left_open, lower, upper, right_open) when `body` is one bracket pair around exactly one top-level comma
    (`[0, 1)`, `\\left(-\\infty, x\right]`); None otherwise, `(a)(b, c)` included. Such text was never a formula."""
    text = _SPACING.sub(" ", body).strip()
    if len(text) < 5 or text[0] not in _LEFT_OPEN or text[-1] not in _RIGHT_OPEN:
        return None
    inner = text[1:-1]
    depth, commas = 0, []
    for i, ch in enumerate(inner):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(ch, 0)
        if depth < 0:
            return None  # the first bracket closes before the end
        if ch == "," and depth == 0:
            commas.append(i)
    if depth != 0 or len(commas) != 1:
        return None
    return _LEFT_OPEN[text[0]], inner[: commas[0]], inner[commas[0] + 1 :], _RIGHT_OPEN[text[-1]]


def _parse_interval(source: str, parts: tuple[bool, str, str, bool]) -> Answer:
    left_open, lower, upper, right_open = parts
    ends = [_parse_formula(source, text, endpoint=True) for text in (lower, upper)]
    if any(end.kind != "expr" for end in ends):
        raise AnswerParseError(f"cannot parse {quote(source)}: an interval's endpoints are expressions")
    return Answer("interval", (ends[0].value, ends[1].value, left_open, right_open), source)


def _stray_infinity(tree: lark.Tree) -> bool:
    r"""Whether an `\infty` of `tree` sits anywhere but in a sum's or a product's bounds. Read on the tree, before
    SymPy evaluates anything: `x \sigma(\infty x)` would be x for x > 0 and 0 for x < 0 (a limit written as a
    value, and 0 times infinity at x = 0), `e^{-\infty}` 0 and `0 \cdot \infty` nan, none of them a function."""
    def positions(node: lark.Tree) -> set[tuple[int | None, int | None]]:
        return {(t.start_pos, t.end_pos) for t in node.scan_values(lambda v: isinstance(v, lark.Token)
                                                                      and v.type == "CMD_INFTY")}
    allowed = set().union(*(positions(node) for node in tree.iter_subtrees() if node.data == "sum_bounds"))
    return bool(positions(tree) - allowed)


def _parse_formula(source: str, body: str, matrices: bool = False, *, endpoint: bool = False) -> Answer:
    """Grammar parse of `body` (the answer without $...$); any failure is an AnswerParseError. `endpoint`: an
    interval's end, which may be infinite."""
    if m := _SCIENTIFIC.search(body):
        raise AnswerParseError(f"cannot parse {quote(source)}: {m[0]}...: scientific notation is not read; write "
                               "it as a product with a power of 10, 2.5 \\cdot 10^{-4}")
    text = normalise(body, matrices=matrices)
    try:
        tree = _parser().parser.parse(text)
        _reject_juxtaposed_bare_arguments(tree)
        _reject_ambiguous_layout(tree)
        if not endpoint and _stray_infinity(tree):
            raise AnswerParseError(r"\infty is not a number: it may only bound a sum or end an interval (a limit is "
                                   "written by its value)")
        value = _parser().transformer.transform(tree)
        answer = _classify(value, source)
        if _undefined(answer.value) or (answer.kind == "matrix" and any(_undefined(e) for e in answer.value)):
            raise AnswerParseError("the answer is undefined (a division by zero, or 0/0)")
        # an equation answers by its right side: `h(x) = ...` names the function on its left
        compared = text.split("=", 1)[1] if answer.kind == "equation" else text
        return Answer(answer.kind, answer.value, source, applied_names(compared))
    except AnswerParseError as exc:
        raise AnswerParseError(f"cannot parse {quote(source)}: {exc}") from exc
    except lark.exceptions.VisitError as exc:
        reason = exc.orig_exc
        raise AnswerParseError(f"cannot parse {quote(source)}: {reason}") from reason
    except lark.exceptions.UnexpectedInput as exc:
        where = text[max(exc.pos_in_stream - 15, 0) : exc.pos_in_stream + 1]
        raise AnswerParseError(f"cannot parse {quote(source)}: unexpected input at {quote(where)}") from exc
    except Exception as exc:  # SymPy raises many types (TypeError, ValueError, ShapeError...)
        raise AnswerParseError(f"cannot parse {quote(source)}: {type(exc).__name__}: {exc}") from exc


def parse_in_process(source: str, *, max_chars: int = MAX_CHARS, matrices: bool = False) -> Answer:
    """`parse_answer` without its time limit, for debugging: the Earley parser may run long on bad input."""
    if len(source) > max_chars:
        raise AnswerParseError(f"answer of {len(source)} characters, more than the {max_chars} allowed")
    body = source
    if m := _MATH_DELIMITERS.fullmatch(source):
        body = m["body"]
    if not body.strip():
        raise AnswerParseError("empty answer")
    if m := _BOOLEAN.fullmatch(body):
        word = (m[1] or m[2]).lower()
        if word in _BOOLEANS:
            return Answer("bool", _BOOLEANS[word], source)
    ungrouped = _GROUPING.sub("", body)
    if _SIZE.fullmatch(ungrouped) or _SIZE_TUPLE.fullmatch(_SPACING.sub(" ", ungrouped)):
        return Answer("size", tuple(int(d) for d in _DIMENSION.findall(ungrouped)), source)
    if (parts := interval_parts(body)) is not None:
        return _parse_interval(source, parts)
    body = _ANGLE_PRODUCT.sub(r"\\left(\g<u>^T \g<v>\\right)", _DOT_PRODUCT.sub(r"\g<u>^T \g<v>", body))
    return _parse_formula(source, body, matrices)


# `\boldsymbol{w}_k \cdot \boldsymbol{x}`: the inner product w_k^T x of two bold vectors, not a product of numbers
_SUBSCRIPT = r"(?:_\{[A-Za-z0-9,+-]+\}|_[A-Za-z0-9])?"
_BOLD_VECTOR = rf"\\(?:boldsymbol|mathbf|bm|vec)\{{[a-z]\}}{_SUBSCRIPT}"
_DOT_PRODUCT = re.compile(rf"(?P<u>{_BOLD_VECTOR})\s*\\cdot\s*(?P<v>{_BOLD_VECTOR})(?![_^])")
# `\langle u, v \rangle`: the inner product u^T v of two vectors named by letters, bold or not, grouped (its square
# is the square of the product); any other \langle is refused by the lexer with its reason
_VECTOR = rf"(?:{_BOLD_VECTOR}|[a-z]{_SUBSCRIPT})"
_ANGLE_PRODUCT = re.compile(rf"(?:\\left\s*)?\\langle\s*(?P<u>{_VECTOR})\s*,\s*(?P<v>{_VECTOR})\s*"
                            rf"(?:\\right\s*)?\\rangle")


def _portable(cause: BaseException | None) -> BaseException | None:
    """`cause` if it survives pickling (lark's exceptions do not unpickle), else a RuntimeError naming it."""
    try:
        copy: BaseException | None = pickle.loads(pickle.dumps(cause))
        return copy
    except Exception:
        first_line = str(cause).splitlines()[0] if str(cause) else ""
        return RuntimeError(f"{type(cause).__name__}: {first_line}")


def _parse_in_child(source: str, max_chars: int, matrices: bool) -> bytes:
    """Runs in the sandbox's child: the answer, or the error's message and its cause, pickled here, so that an
    answer that does not pickle is a parse error and the parent alone decides what one that does not load is."""
    try:
        return pickle.dumps(("ok", parse_in_process(source, max_chars=max_chars, matrices=matrices)))
    except BaseException as exc:
        cause = _portable(exc.__cause__ if isinstance(exc, AnswerParseError) else exc)
        message = str(exc) if isinstance(exc, AnswerParseError) else f"cannot parse {quote(source)}: {exc!r}"
        return pickle.dumps(("error", message, cause))


def parse_answer(text: str, *, max_chars: int = MAX_CHARS, timeout: float | None = TIMEOUT,
                 matrices: bool = False) -> Answer:
    r"""Parse a student's LaTeX answer in the prover's sandbox (`prover.budget`): a forked child killed after
    `timeout` seconds.

    A thread cannot interrupt lark's Earley parser, hence the process. `timeout=None` parses in this
    process (no limit). `matrices`: bold and capital letters are matrix symbols (see `lexer.normalise`). Every
    failure is an AnswerParseError whose message quotes `text`.
    """
    if not isinstance(text, str):
        raise AnswerParseError(f"an answer is a str, not {type(text).__name__}")
    if len(text) > max_chars:  # checked here too, so an over-long text never reaches a child
        raise AnswerParseError(f"answer of {len(text)} characters, more than the {max_chars} allowed")
    if timeout is None:
        return parse_in_process(text, max_chars=max_chars, matrices=matrices)
    if timeout <= 0:  # no time at all to parse in (the sandbox refuses such a budget)
        raise AnswerParseError(f"parsing {quote(text)} took more than {timeout:g} s, stopped")
    _parser()  # build the grammar once, in the parent, so that the forked child inherits it
    outcome = run_one(lambda: _parse_in_child(text, max_chars, matrices), timeout)
    if isinstance(outcome, TimedOut):
        raise AnswerParseError(f"parsing {quote(text)} took more than {timeout:g} s, stopped")
    if isinstance(outcome, Crashed):  # the child died (killed, out of memory): never an answer
        raise AnswerParseError(f"the parser of {quote(text)} failed: {outcome.error.splitlines()[0]}")
    try:
        result = pickle.loads(outcome.value)
    except Exception as exc:  # an answer that pickles but does not load
        raise AnswerParseError(f"the parser of {quote(text)} failed: {type(exc).__name__}") from exc
    if result[0] == "ok":
        answer: Answer = result[1]
        return answer
    raise AnswerParseError(result[1]) from result[2]
