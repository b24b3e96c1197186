"""Token-aware normalisation of a student's LaTeX before the grammar sees it: validate, then rewrite."""

from __future__ import annotations

from symproof.answers.errors import AnswerParseError
from symproof.answers.notation import _HANDLERS, _after_r, _r_operator
from symproof.answers.tokens import GRAMMAR_COMMANDS, _Reader, _where, check_brackets, tokenize


def normalise(source: str, *, matrices: bool = False) -> str:
    """The grammar's input for `source`, or AnswerParseError naming the offending token and its column. `matrices`:
    read bold and capital letters as matrix symbols even when the answer's notation does not say so (`check`
    against a claim whose answer is a matrix expression)."""
    tokens = tokenize(source)
    check_brackets(source, tokens)
    r = _Reader(source, tokens)
    r.matrices = r.matrices or matrices
    while r.i < len(tokens):
        tok = tokens[r.i]
        r.i += 1
        if r.opens_arguments(tok):
            r.mark_function()
        if tok.text == "{" and _after_r(r) is not None:
            _r_operator(r, tok)  # R_v{f}, as the hand-in prints it
        elif tok.text in _HANDLERS:
            _HANDLERS[tok.text](r, tok)
        elif tok.text.startswith("\\") and tok.text not in GRAMMAR_COMMANDS:
            raise AnswerParseError(f"unknown command {tok.text} {_where(source, tok)}")
        elif not tok.text.isascii():
            raise AnswerParseError(f"unexpected character {tok.text!r} {_where(source, tok)}")
        else:
            r.emit(tok.text)
    if r.envs:
        env, tok = r.envs[-1]
        raise AnswerParseError(f"\\begin{{{env}}} {_where(source, tok)} is never closed by \\end{{{env}}}")
    return "".join(r.out)
