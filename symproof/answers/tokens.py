"""A student's LaTeX as tokens: the vocabulary, the bounds checked before reading, the cursor over the tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

from symproof.answers.errors import AnswerParseError, quote

MAX_DEPTH = 40  # braces, parentheses and brackets: deeper input is not an answer, and would recurse deeply
# `|` both opens and closes, so n bars can be paired in exponentially many ways and the Earley parser builds every
# reading (35 characters of |x|x|... took the whole parse budget): a bound on the ambiguity, not only on time.
MAX_BARS = 8
# The Earley parser's time grows faster than linearly in the number of tokens (1,600 tokens of x+x+... took 2.6 s):
# the homework's largest answer, a 16 x 4 matrix, has 215; 600 keeps every parse within about a second. A tower
# of powers x^x^... nests as deep as it has carets, so they are bounded like brackets.
MAX_TOKENS = 600

_TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|\s+|.", re.DOTALL)

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GREEK = _words(
    r"\alpha \beta \gamma \delta \epsilon \varepsilon \zeta \eta \theta \vartheta \kappa \lambda \mu \nu"
    r" \xi \rho \varrho \tau \upsilon \phi \varphi \chi \psi \omega \Delta \Theta \Lambda \Phi \Psi \Omega"
)

# Commands the grammar (answer.lark) reads as they are.
GRAMMAR_COMMANDS = GREEK | _words(
    r"\sum \prod \exp \log \ln \min \max \sin \cos \tan \tanh \sinh \cosh \sqrt \sigma \times \cdot \div \frac"
    r" \dfrac \tfrac \lfloor \rfloor \lceil \rceil"
    r" \bigO \infty \pi \top \intercal \left \right \limits \nolimits \displaystyle \quad \qquad \thinspace"
    r" \medspace \thickspace \negthinspace \negmedspace \negthickspace \, \: \; \! \\"
    r" \lambertw \floor \ceil \lfloor \rfloor \lceil \rceil \partial \big \Big \bigg \Bigg"
)

# Letters read as functions when an argument list follows: `f(x)`, `g(w + r v)`, `f_1(w_1, w_2)`, `h(x)`; any other
# letter before a parenthesis is a factor (`x(x + 1)`).
FUNCTION_LETTERS = frozenset("fgh")

# Bold and arrowed vectors are the same symbol as the plain letter (`\boldsymbol{x}` is `x`).
BOLD_COMMANDS = _words(r"\boldsymbol \mathbf \bm \vec")

# Upright names: what `\mathrm{NAME}` / `\operatorname{NAME}` / `\text{NAME}` stand for.
NAME_COMMANDS = _words(r"\mathrm \operatorname \text \textrm \mathsf \mathcal")
OPERATOR_NAMES = {
    "ReLU": r"\relu",
    "relu": r"\relu",
    "RELU": r"\relu",
    "sigmoid": r"\sigma",
    "exp": r"\exp",
    "log": r"\log",
    "ln": r"\ln",
    "max": r"\max",
    "min": r"\min",
    "e": "e",  # upright e is Euler's number, as the italic one
    "T": r"\top",  # \mathrm{T}, \mathsf{T}: the transpose
    "O": r"\bigO",  # \mathcal{O}(r): Landau's big O
    "W": r"\lambertw",  # Lambert's W, as in the answer W(1/e)/beta
    "LambertW": r"\lambertw",
    "R": "R",  # \mathcal{R}_v\{f\}: the R-operator
    "floor": r"\floor",
    "ceil": r"\ceil",
    "sign": r"\sign",  # the sign function: -1, 0 or 1 (SymPy's sign, sign(0) = 0)
    "sgn": r"\sign",
}

ENVIRONMENTS = frozenset({"bmatrix", "pmatrix"})

# Unicode a student may paste, and its LaTeX.
UNICODE = {
    "×": r"\times", "·": r"\cdot", "⋅": r"\cdot", "−": "-", "⊤": r"\top", "σ": r"\sigma", "β": r"\beta",
}

_OPENERS = {"{": "}", "(": ")", "[": "]"}
# An answer in matrix notation: a bold letter's inverse (`\boldsymbol{H}^{-1}`), or a gradient `\nabla`. Its bold and
# capital letters are then matrix symbols, so that H^{-1} g is never read as the scalar product g / H.
_MATRIX_NOTATION = re.compile(r"\\(?:boldsymbol|mathbf|bm)\{[A-Z]\}|\\nabla")


@dataclass(frozen=True)
class Token:
    """One LaTeX token and its 0-based offset in the student's text."""

    text: str
    pos: int

    @property
    def blank(self) -> bool:
        return self.text.isspace()


def tokenize(text: str) -> list[Token]:
    """`text` cut into commands (`\\frac`, `\\\\`, `\\,`), whitespace runs and single characters."""
    tokens = []
    for m in _TOKEN.finditer(text):
        tokens.append(Token(UNICODE.get(m.group(), m.group()), m.start()))
    return tokens


def _where(source: str, tok: Token) -> str:
    return f"at column {tok.pos + 1} of {quote(source)}"


def check_brackets(source: str, tokens: list[Token]) -> None:
    """Raise unless `{}`, `()`, `[]` are balanced and nested at most MAX_DEPTH deep."""
    stack: list[Token] = []
    for tok in tokens:
        if tok.text in _OPENERS:
            stack.append(tok)
            if len(stack) > MAX_DEPTH:
                raise AnswerParseError(f"nesting deeper than {MAX_DEPTH} {_where(source, tok)}")
        elif tok.text in _OPENERS.values():
            if not stack or _OPENERS[stack[-1].text] != tok.text:
                raise AnswerParseError(f"unbalanced {tok.text!r} {_where(source, tok)}: nothing to close")
            stack.pop()
    if stack:
        raise AnswerParseError(f"unbalanced {stack[-1].text!r} {_where(source, stack[-1])}: never closed")
    significant = [tok for tok in tokens if not tok.blank]
    if len(significant) > MAX_TOKENS:
        raise AnswerParseError(f"answer of {len(significant)} tokens, more than the {MAX_TOKENS} a formula may have "
                               f"{_where(source, significant[MAX_TOKENS])}")
    carets = [tok for tok in significant if tok.text == "^"]
    if len(carets) > MAX_DEPTH:
        raise AnswerParseError(f"more than {MAX_DEPTH} powers {_where(source, carets[MAX_DEPTH])}")
    bars = [tok for tok in tokens if tok.text == "|"]
    if len(bars) > MAX_BARS:
        raise AnswerParseError(f"more than {MAX_BARS} | bars {_where(source, bars[MAX_BARS])}: their pairing is "
                               "ambiguous; write at most four absolute values")


class _Reader:
    """A cursor over the tokens, emitting the normalised text."""

    def __init__(self, source: str, tokens: list[Token]) -> None:
        self.source = source
        self.tokens = tokens
        self.i = 0
        self.out: list[str] = []
        self.last = ""  # last significant token emitted, to recognise a subscript's base
        self.envs: list[tuple[str, Token]] = []
        self.name_at: int | None = None  # where a letter that names a function (f, g, h) was emitted, if last
        self.matrices = bool(_MATRIX_NOTATION.search("".join(t.text for t in tokens if not t.blank)))

    def peek(self) -> Token | None:
        j = self.i
        while j < len(self.tokens) and self.tokens[j].blank:
            j += 1
        return self.tokens[j] if j < len(self.tokens) else None

    def group(self, cmd: Token) -> str:
        """The braced argument after `cmd`, whitespace removed (braces are balanced: checked before)."""
        nxt = self.peek()
        if nxt is None or nxt.text != "{":
            raise AnswerParseError(f"{cmd.text} needs a braced argument {_where(self.source, cmd)}")
        self.i = self.tokens.index(nxt, self.i) + 1
        depth, parts = 1, list[str]()
        while True:
            tok = self.tokens[self.i]
            self.i += 1
            depth += {"{": 1, "}": -1}.get(tok.text, 0)
            if depth == 0:
                return "".join(parts)
            if not tok.blank:
                parts.append(tok.text)

    def emit(self, text: str) -> None:
        self.out.append(text)
        if not text.isspace():
            self.last = text.strip()
            self.name_at = len(self.out) - 1 if self.last in FUNCTION_LETTERS else None

    def opens_arguments(self, tok: Token) -> bool:
        """`(`, `\\left(` or `{(` (SymPy's `f{\\left(x\right)}`) right after a function letter or its subscript."""
        if self.name_at is None:
            return False
        nxt = self.peek()
        if tok.text == "(":
            return True
        if tok.text == r"\left":
            return nxt is not None and nxt.text == "("
        return tok.text == "{" and nxt is not None and nxt.text in {"(", r"\left"}

    def mark_function(self) -> None:
        """The pending letter becomes the grammar's function name `\fnf` (a command no student can type)."""
        assert self.name_at is not None
        self.out[self.name_at] = r"\fn" + self.out[self.name_at].strip()
        self.name_at = None
