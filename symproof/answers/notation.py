"""One rewriting per notation a student may write: bold, capitals, gradients, subscripts, R_v, bars, digits."""

from __future__ import annotations

import re
from collections.abc import Callable

from symproof.answers.errors import AnswerParseError
from symproof.answers.tokens import (
    BOLD_COMMANDS,
    ENVIRONMENTS,
    FUNCTION_LETTERS,
    GREEK,
    NAME_COMMANDS,
    OPERATOR_NAMES,
    Token,
    _Reader,
    _where,
)

_ITEM = r"[A-Za-z0-9]+(?:[+-][A-Za-z0-9]+)*"  # `j`, `12`, `l-1`, `k+1`
_SUBSCRIPT = re.compile(rf"{_ITEM}(,{_ITEM})*")
_BOLD_CONTENT = re.compile(r"[A-Za-z0-9]|\\[a-zA-Z]+|(?P<letter>[A-Za-z])_\{?(?P<sub>[A-Za-z0-9]+)\}?")
# The point of a gradient `\nabla f(w^{(t)})`: one letter, subscripted or an iterate (`w^t` too, as the key writes)
_GRADIENT_POINT = re.compile(r"(?P<x>[a-zA-Z])(?:_\{?(?P<sub>[A-Za-z0-9]+)\}?|\^\{?\(?(?P<t>t(?:[+-][0-9])?)\)?\}?)?")
_WRAPPERS = frozenset({r"\boldsymbol", r"\mathbf", r"\bm", r"\vec", r"\left", r"\right"})
_ITERATE = re.compile(r"\((?P<t>t(?:[+-][0-9])?)\)")


def _bold(r: _Reader, tok: Token) -> None:
    content = r.group(tok)
    m = _BOLD_CONTENT.fullmatch(content)
    if not m or (content.startswith("\\") and content not in GREEK):
        raise AnswerParseError(
            f"{tok.text}{{{content}}} {_where(r.source, tok)}: only one letter (or `w_{{t}}`), digit or Greek letter "
            "is bold"
        )
    if m["letter"]:  # \boldsymbol{w_{t}}: the symbol w_{t}, one token for the grammar
        content = f"{m['letter']}_{{{m['sub']}}}"
    if r.matrices and content[0].isalpha():
        r.emit(f" \\mat{{{content}}} ")
        r.last = "}"
    else:
        r.emit(f" {content} ")
        r.last = "}" if m["letter"] else r.last


def _capital(r: _Reader, tok: Token) -> None:
    """A capital letter of an answer in matrix notation is a matrix symbol (`H^{-1} \\nabla f`)."""
    matrix = r.matrices and not (r.last == "^" or (r.last == "{" and len(r.out) >= 2 and r.out[-2].strip() == "^"))
    r.emit(f" \\mat{{{tok.text}}} " if matrix else tok.text)  # A^T: the transpose, not a matrix T
    if matrix:
        r.last = "}"


def _gradient(r: _Reader, tok: Token) -> None:
    r"""`\nabla f(\boldsymbol{w}^{(t)})`: the gradient of f at a point, a column vector, emitted `\grad{f}{w_{t}}`."""
    j = r.i
    sig = [k for k in range(j, len(r.tokens)) if not r.tokens[k].blank]
    if len(sig) < 2 or not (len(r.tokens[sig[0]].text) == 1 and r.tokens[sig[0]].text.isalpha()):
        raise AnswerParseError(f"\\nabla {_where(r.source, tok)}: write the gradient at a point, \\nabla f(w)")
    name, k = r.tokens[sig[0]].text, 1
    if r.tokens[sig[k]].text == r"\left":
        k += 1
    if k >= len(sig) or r.tokens[sig[k]].text != "(":
        raise AnswerParseError(f"\\nabla {_where(r.source, tok)}: write the gradient at a point, \\nabla f(w)")
    depth, parts, end = 0, list[str](), None
    for pos in sig[k:]:
        text = r.tokens[pos].text
        depth += {"(": 1, ")": -1}.get(text, 0)
        if depth == 0:
            end = pos
            break
        if text != "(" or depth > 1:
            parts.append(text)
    point = "".join(p for p in parts if p not in _WRAPPERS and p not in "{}")
    m = _GRADIENT_POINT.fullmatch(point) if end is not None else None
    if m is None:
        raise AnswerParseError(f"\\nabla {name}({point}) {_where(r.source, tok)}: the point of a gradient is one "
                               "letter, as in \\nabla f(w^{(t)})")
    r.i = (end or 0) + 1
    sub = m["sub"] or m["t"]
    r.emit(f" \\grad{{{name}}}{{{m['x']}{f'_{{{sub}}}' if sub else ''}}} ")
    r.last = "}"


def _power(r: _Reader, tok: Token) -> None:
    r"""`w^{(t)}`, `w^{(t+1)}`: the iterate, the symbol w_{t} (a vector in matrix notation); `H^{-T}` the inverse
    transpose (see `_inverse_transpose`); any other `^` a power."""
    if _inverse_transpose(r, tok):
        return
    j = r.i
    while j < len(r.tokens) and r.tokens[j].blank:
        j += 1
    texts, k = [], j + 1
    if j < len(r.tokens) and r.tokens[j].text == "{":
        while k < len(r.tokens) and r.tokens[k].text != "}":
            if not r.tokens[k].blank:
                texts.append(r.tokens[k].text)
            k += 1
    m = _ITERATE.fullmatch("".join(texts))
    prev = r.out[-1].strip() if r.out else ""
    mat = re.fullmatch(r"\\mat\{(?P<x>[A-Za-z])\}", prev)
    if m is None or not (mat or (len(prev) == 1 and prev.isalpha())):
        r.emit(tok.text)
        return
    r.i = k + 1
    name = f"{mat['x'] if mat else prev}_{{{m['t']}}}"
    r.out[-1] = f" \\mat{{{name}}} " if (mat or r.matrices) else name + " "
    r.last = "}"


def _name(r: _Reader, tok: Token) -> None:
    content = r.group(tok)
    if content not in OPERATOR_NAMES:
        raise AnswerParseError(f"unknown operator {tok.text}{{{content}}} {_where(r.source, tok)}")
    r.emit(" " + OPERATOR_NAMES[content] + " ")


def _environment(r: _Reader, tok: Token) -> None:
    env = r.group(tok)
    if env not in ENVIRONMENTS:
        raise AnswerParseError(f"unsupported environment {{{env}}} {_where(r.source, tok)}")
    if tok.text == r"\begin":
        r.envs.append((env, tok))
    elif not r.envs or r.envs[-1][0] != env:
        raise AnswerParseError(f"\\end{{{env}}} {_where(r.source, tok)} closes no \\begin{{{env}}}")
    else:
        r.envs.pop()
    r.emit(f" {tok.text}{{{env}}} ")


def _sigma(r: _Reader, tok: Token) -> None:
    nxt = r.peek()
    if nxt is None or nxt.text not in {"(", r"\left"}:
        raise AnswerParseError(f"\\sigma is the sigmoid: write \\sigma(z) {_where(r.source, tok)}")
    r.emit(tok.text)


def _capital_o(r: _Reader, tok: Token) -> None:
    """`O(` is Landau's big O, as in the assignment's O(r); an O not followed by `(` stays a letter."""
    nxt = r.peek()
    r.emit(r"\bigO" if nxt is not None and nxt.text in {"(", r"\left"} else tok.text)


def _capital_w(r: _Reader, tok: Token) -> None:
    """`W(` is Lambert's W (the homework's sup |h - ReLU| = W(1/e)/beta); a W not followed by `(` is a letter."""
    nxt = r.peek()
    r.emit(r"\lambertw" if nxt is not None and nxt.text in {"(", r"\left"} else tok.text)


_R_CONTENT = re.compile(r"(?P<f>[a-zA-Z])(?:_\{?(?P<entry>[A-Za-z0-9])\}?)?"
                        r"(?:\((?:\\(?:boldsymbol|mathbf|bm|vec))?\{?(?P<at>[a-zA-Z])\}?\))?")
# A bold letter in a subscript is that letter (`\mathcal{R}_{\boldsymbol{v}}`, `x_{\mathbf{k}}`).
_BOLD_IN_SUBSCRIPT = re.compile(r"\\(?:boldsymbol|mathbf|bm)\{(?P<x>[A-Za-z])\}")


def _after_r(r: _Reader) -> str | None:
    r"""The subscript of `R_v` (or `\mathcal{R}_v`) just emitted, or None when the last thing emitted is not R_v."""
    while r.out and r.out[-1].isspace():  # `\mathcal{R}_v \{f\}`: a space before the brace
        r.out.pop()
    if len(r.out) >= 2 and r.out[-2].strip() == "R" and r.out[-1].startswith("_{"):
        return r.out[-1].strip()[2:-1]
    return None


def _r_operator(r: _Reader, tok: Token) -> None:
    r"""`R_v\{f\}`, `R_v{f}`, `\mathcal{R}_{v}\{f(\boldsymbol{w})\}`: the R-operator applied to f (at the point w
    the claims name), emitted as `\roperator{v}{f}`; `\{` means nothing else here."""
    sub = _after_r(r)
    if sub is None:
        raise AnswerParseError(f"\\{{ {_where(r.source, tok)}: braces only after R_v, as in R_v\\{{f\\}}")
    closer, depth = (r"\}", 0) if tok.text == r"\{" else ("}", 1)
    content: list[str] = []
    while True:
        if r.i >= len(r.tokens):
            raise AnswerParseError(f"{tok.text} {_where(r.source, tok)} is never closed by {closer}")
        nxt = r.tokens[r.i]
        r.i += 1
        depth += {"{": 1, "}": -1}.get(nxt.text, 0) if closer == "}" else 0
        if nxt.text == closer and depth == 0:
            break
        if not nxt.blank and nxt.text not in {r"\left", r"\right"}:
            content.append(nxt.text)
    name = "".join(content)
    m = _R_CONTENT.fullmatch(name)
    if m is None or not (len(sub) == 1 and sub.isalpha()):
        raise AnswerParseError(f"R_{sub}\\{{{name}\\}} {_where(r.source, tok)}: the R-operator takes one letter, "
                               "as in R_v\\{f\\} or R_v\\{f(w)\\}")
    if m["entry"]:
        # R_v{g_i(w)}, an entry of a vector function (no claim names it as a symbol): its definition,
        # d/dr g_i(w + r v) at r = 0, the derivative in a direction r that neither v nor w may be
        if not m["at"] or m["f"] not in FUNCTION_LETTERS or "r" in {sub, m["at"]}:
            raise AnswerParseError(f"R_{sub}\\{{{name}\\}} {_where(r.source, tok)}: the R-operator of an entry "
                                   "takes it at a point, as in R_v\\{g_i(w)\\}, with v and w other than r")
        point = f"\\fn{m['f']}_{{{m['entry']}}}({m['at']} + r {sub})"
        r.out[-2:] = [f" \\evalopen \\frac{{\\partial}}{{\\partial r}} {point} \\evalat{{r}}{{0}} "]
        r.last = "}"
        return
    r.out[-2:] = [f" \\roperator{{{sub}}}{{{m['f']}}} "]
    r.last = "}"


_AT = re.compile(r"(?:\\substack\{(?P<a>.*)\}|(?P<b>.*))")
_AT_POINT = re.compile(r"(?P<var>[a-zA-Z])=(?P<value>-?[0-9]+|[a-zA-Z])")


def _left(r: _Reader, tok: Token) -> None:
    r"""`\left.` opens an evaluation bar `\left. F \right|_{r=0}`; any other `\left` is ignored by the grammar."""
    nxt = r.peek()
    if nxt is not None and nxt.text == ".":
        r.i = r.tokens.index(nxt, r.i) + 1
        r.emit(r" \evalopen ")
    else:
        r.emit(tok.text)


def _bar(r: _Reader, tok: Token) -> None:
    r"""`|_{r=0}` (or `\right|_{\substack{ r=0 }}`, `\Big|_{r=0}`): an evaluation bar, emitted `\evalat{r}{0}`; a
    bar without a subscript is an absolute value's."""
    nxt = r.peek()
    if nxt is None or nxt.text != "_":
        r.emit(tok.text)
        return
    r.i = r.tokens.index(nxt, r.i) + 1
    content = r.group(nxt)
    m = _AT.fullmatch(content)
    point = _AT_POINT.fullmatch((m["a"] if m["a"] is not None else m["b"]) if m else "")
    if point is None:
        raise AnswerParseError(f"evaluation bar |_{{{content}}} {_where(r.source, tok)}: write |_{{r=0}}, one letter "
                               "set to a number or a letter")
    r.emit(rf" \evalat{{{point['var']}}}{{{point['value']}}} ")


def _subscript(r: _Reader, tok: Token) -> None:
    """`_` after a letter: `x_j`, `x_{12}`, `w_{ 0, 0 }` made the grammar's one token `x_{12}`."""
    nxt = r.peek()
    base = r.last
    mat = re.fullmatch(r"\\mat\{(?P<x>[A-Za-z])\}", r.out[-1].strip()) if r.out else None
    if mat:  # \boldsymbol{w}_t in matrix notation: the vector w_{t}
        base = mat["x"]
        r.out[-1] = base
    if not (len(base) == 1 and base.isalpha()) and base not in GREEK | {r"\pi"}:  # \pi_k: a mixture weight
        r.emit(tok.text)  # \sum_{j=1}: not a symbol's subscript
        return
    if nxt is not None and nxt.text == "{":
        content = r.group(tok)
    elif nxt is not None and len(nxt.text) == 1 and nxt.text.isalnum():
        content = nxt.text  # LaTeX's `x_12` is x_1 times 2: one character only
        r.i = r.tokens.index(nxt, r.i) + 1
    else:
        content = nxt.text if nxt is not None else ""
    content = _BOLD_IN_SUBSCRIPT.sub(r"\g<x>", content)
    if mat and "," in content:  # W_{2,3}: an entry of W, a number
        mat = None
    if not _SUBSCRIPT.fullmatch(content):
        raise AnswerParseError(
            f"subscript {{{content}}} {_where(r.source, tok)}: only letters, digits and their sums or differences "
            "(l-1), separated by commas"
        )
    r.out[-1] = r.out[-1].rstrip()  # the grammar wants `x_{j}` in one piece
    r.out.append(f"_{{{content}}} ")
    if mat:
        r.out[-2:] = [f" \\mat{{{base}_{{{content}}}}} "]
    r.last = "}"


def _thin_space(r: _Reader, tok: Token) -> None:
    """`284\\,682`: a thin space between a digit and exactly three more is a thousands separator (French
    typography), so the digits are one number; elsewhere `\\,` is spacing, as before."""
    after = [t.text for t in r.tokens[r.i:r.i + 4]]
    joins = (r.out and r.out[-1][-1:].isdigit() and len(after) >= 3 and all(d.isdigit() for d in after[:3])
             and (len(after) == 3 or not after[3].isdigit()))
    if not joins:
        r.emit(tok.text)


def _grouping_comma(r: _Reader, tok: Token) -> None:
    """`284{,}682`: a braced comma between a digit and exactly three more is a thousands separator (English
    typography), as `\\,` is in French; any other `{` is a brace."""
    after = [t.text for t in r.tokens[r.i:r.i + 6]]
    joins = (r.out and r.out[-1][-1:].isdigit() and after[:2] == [",", "}"] and len(after) >= 5
             and all(d.isdigit() for d in after[2:5]) and (len(after) == 5 or not after[5].isdigit()))
    if joins:
        r.i += 2
    else:
        r.emit(tok.text)


def _control_space(r: _Reader, tok: Token) -> None:
    """`\\ ` (a control space, as the hand-in prints between a size's numbers) is a space."""
    r.emit(" ")


def _angle(r: _Reader, tok: Token) -> None:
    r"""An inner product the parser did not read (`\langle u, v \rangle` of two vectors named by letters is read
    before the lexer, as u^T v): say so, instead of an unknown command."""
    raise AnswerParseError(f"{tok.text} {_where(r.source, tok)}: an inner product is read as \\langle u, v \\rangle "
                           "of two vectors named by letters (bold or not), as in \\langle \\boldsymbol{w}_k, "
                           "\\boldsymbol{x} \\rangle")


def _inverse_transpose(r: _Reader, tok: Token) -> bool:
    r"""`\mathbf{H}^{-T}` (or `^{-\top}`, `^{-\mathrm{T}}`): the transpose of the inverse, emitted `(H^{-1})^{\top}`
    when H is a matrix symbol; the same after a plain letter is refused (a power x^{-T}, or an inverse transpose?),
    as x^T is. Returns whether the superscript was `-T`."""
    group = _braced(r, r.i)
    if group is None or [r.tokens[k].text for k in group[0]] not in _MINUS_T:
        return False
    prev = r.out[-1].strip() if r.out else ""
    if re.fullmatch(r"\\mat\{[A-Za-z](?:_\{[^{}]*\})?\}", prev):
        r.i = group[1]
        r.out[-1] = f" \\left( {prev} ^{{-1}} \\right) ^{{\\top}} "
        r.last = "}"
        return True
    if len(prev) == 1 and prev.isalpha() and prev != "e":
        raise AnswerParseError(f"{prev}^{{-T}} {_where(r.source, tok)}: an inverse transpose of a matrix (write it in "
                               f"bold, \\mathbf{{{prev}}}^{{-T}}), or a power? Write the power as {prev}^{{-(T)}}")
    return False


# The superscripts that say "transpose of the inverse", token by token
_MINUS_T = [["-", "T"], ["-", r"\top"], ["-", r"\intercal"],
            *(["-", name, "{", "T", "}"] for name in (r"\mathrm", r"\mathsf", r"\text", r"\textrm"))]


def _braced(r: _Reader, start: int) -> tuple[list[int], int] | None:
    """The indices of the significant tokens of the braced group opening at or after `start`, and the index after
    its closing brace; None when no `{` comes first."""
    j = start
    while j < len(r.tokens) and r.tokens[j].blank:
        j += 1
    if j >= len(r.tokens) or r.tokens[j].text != "{":
        return None
    depth, inside = 1, list[int]()
    for k in range(j + 1, len(r.tokens)):
        depth += {"{": 1, "}": -1}.get(r.tokens[k].text, 0)
        if depth == 0:
            return inside, k + 1
        if not r.tokens[k].blank:
            inside.append(k)
    return None


def _leibniz(r: _Reader, tok: Token) -> None:
    r"""`\frac{d}{dx} F`, `\frac{d F}{d x}`: Leibniz's derivative in x, read as the grammar's `\partial` one (the
    other symbols do not depend on x), never the fraction d / (d x), which made `\frac{d}{dx} x^2` the number x."""
    numerator = _braced(r, r.i)
    denominator = _braced(r, numerator[1]) if numerator else None
    if numerator and denominator and numerator[0] and r.tokens[numerator[0][0]].text == "d":
        below = [r.tokens[k].text for k in denominator[0]]
        first_order = len(below) == 2 and below[0] == "d" and len(below[1]) == 1 and below[1].isalpha()
        above = [r.tokens[k].text for k in numerator[0][1:2]]
        if first_order and above != ["^"]:
            for k in (numerator[0][0], denominator[0][0]):
                r.tokens[k] = Token(r"\partial", r.tokens[k].pos)
        elif len(below) >= 2 and below[0] == "d" and below[1].isalpha():
            raise AnswerParseError(f"{tok.text}{{d...}}{{{''.join(below)}}} {_where(r.source, tok)}: only a first "
                                   "derivative is read in Leibniz's notation, \\frac{d}{dx} F")
    r.emit(tok.text)


_HANDLERS: dict[str, Callable[[_Reader, Token], None]] = {
    r"\,": _thin_space,
    "{": _grouping_comma,
    "\\ ": _control_space,
    **dict.fromkeys(BOLD_COMMANDS, _bold),
    **dict.fromkeys(NAME_COMMANDS, _name),
    r"\begin": _environment,
    r"\end": _environment,
    r"\sigma": _sigma,
    "_": _subscript,
    "O": _capital_o,
    "W": _capital_w,
    r"\{": _r_operator,
    r"\left": _left,
    "|": _bar,
    "^": _power,
    r"\nabla": _gradient,
    r"\langle": _angle,
    **dict.fromkeys((r"\frac", r"\dfrac", r"\tfrac"), _leibniz),
    r"\rangle": _angle,
    **dict.fromkeys("ABCDEFGHIJKLMNPQSTUVXYZ", _capital),  # O, R and W have their own readings
}
