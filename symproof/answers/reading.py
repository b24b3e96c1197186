"""Reading `check`'s input: the claim and its answer's kind, the answer from text, a file, stdin or a batch table."""

from __future__ import annotations

import difflib
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import sympy as sp

from symproof.answers.errors import quote
from symproof.answers.outcome import CheckInputError, CheckVerdict, Outcome
from symproof.answers.parse import MAX_CHARS
from symproof.claim import Claim, Homework

# ---------------------------------------------------------------------------------------------- kinds

def _is_size(value: Any) -> bool:
    return isinstance(value, (tuple, sp.Tuple)) and len(value) > 0 and all(
        isinstance(d, (int, sp.Integer)) for d in value)


CLAIM_KINDS: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("size", _is_size),
    ("bool", lambda v: isinstance(v, (bool, sp.logic.boolalg.BooleanAtom))),
    ("order", lambda v: isinstance(v, sp.Order)),
    ("matrix", lambda v: isinstance(v, sp.MatrixBase)),
    ("matexpr", lambda v: isinstance(v, sp.MatrixExpr)),
    ("expr", lambda v: isinstance(v, (int, sp.Expr)) and not isinstance(v, sp.MatrixExpr)),
)
KIND_WORDS = {"order": "a big O", "size": "a size", "bool": "a yes/no", "matrix": "a matrix", "expr": "an expression",
              "matexpr": "a matrix expression", "equation": "an equation", "interval": "an interval"}


def claim_answer_kind(claim: Claim) -> str:
    """The kind of the claim's answer, or CheckInputError if there is none or the parser cannot produce it."""
    if claim.answer is None:
        raise CheckInputError(f"claim {claim.id} has no answer to check against")
    for kind, test in CLAIM_KINDS:
        if test(claim.answer):
            return kind
    raise CheckInputError(f"claim {claim.id}'s answer is a {type(claim.answer).__name__}, which no LaTeX answer "
                          "is parsed into")


def _builtin() -> Homework:
    from ..homework import builtin  # the built-in homework, for callers that pass none

    return builtin()


def find_claim(claim_id: str, homework: Homework | None = None) -> Claim:
    from ..claim import UnknownSelectorError

    homework = homework or _builtin()
    try:  # a sub-question id (q3.2) is checked against that sub-question's answer claim
        claim_id = homework.answer_target(claim_id)
    except UnknownSelectorError as exc:
        raise CheckInputError(str(exc)) from None
    ids = [s.id for s in homework.specs()]
    if claim_id not in ids:
        near = difflib.get_close_matches(claim_id, ids, n=3, cutoff=0.6)
        hint = f" (nearest: {', '.join(near)})" if near else ""
        raise CheckInputError(f"unknown claim {quote(claim_id)}{hint}")
    try:
        return homework.get(claim_id)
    except Exception as exc:  # a claim under construction by someone else: not the user's input
        raise CheckInputError(f"claim {claim_id} cannot be built: {type(exc).__name__}: {exc}"[:200]) from exc


# ---------------------------------------------------------------------------------------------- the answer

# A file or standard input holds one answer: at most MAX_CHARS characters, so at most 4 bytes each.
MAX_BYTES = 4 * MAX_CHARS
MAX_BATCH_BYTES = 1 << 20  # a table of answers for every claim, with room to spare


def _decoded(data: bytes, where: str, cap: int = MAX_BYTES) -> str:
    if len(data) > cap:
        raise CheckInputError(f"{where} holds more than {cap} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CheckInputError(f"{where} is not UTF-8 text (invalid byte at offset {exc.start})") from None


def read_answer(arg: str, stdin: Any = None) -> str:
    """ANSWER as given: LaTeX text, `@path` for a regular file, `-` for standard input (at most MAX_BYTES read).

    Nothing of a file's content goes into an error message (see `hide_source`)."""
    if arg == "-":
        stream = stdin or sys.stdin
        raw = getattr(stream, "buffer", None)
        if raw is None:  # a text stream (tests): already decoded
            return str(stream.read(MAX_CHARS + 1))
        return _decoded(raw.read(MAX_BYTES + 1), "standard input")
    if arg.startswith("@"):
        path = Path(arg[1:])
        shown = quote(str(path))
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise CheckInputError(f"answer file {shown} is not a regular file")
            if info.st_size > MAX_BYTES:
                raise CheckInputError(f"answer file {shown} has {info.st_size} bytes, more than {MAX_BYTES}")
            with path.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise CheckInputError(f"cannot read answer file {shown}: {exc.strerror or type(exc).__name__}") from exc
        return _decoded(data, f"answer file {shown}").strip()
    return arg


_COLUMN = re.compile(r"at column \d+")
# Reasons that quote nothing of the answer's text (its size, its emptiness): said as they are.
_TEXT_FREE = re.compile(r"(answer of \d+ (characters|tokens), more than the \d+ [a-z ]*|empty answer)")


def hide_source(verdict: CheckVerdict, where: str) -> CheckVerdict:
    """A verdict on an answer read from a file, with the file's text kept out of its message: a parse error
    says only where (`@/etc/shadow` must not print a line of it)."""
    if verdict.outcome is not Outcome.BAD_INPUT:
        return verdict
    if (free := _TEXT_FREE.match(verdict.reason)) and free.end() == len(verdict.reason):
        return replace(verdict, reason=f"{where}: {verdict.reason}")
    column = _COLUMN.search(verdict.reason)
    return replace(verdict, reason=f"cannot read the answer in {where}" + (f" ({column[0]})" if column else "")
                   + "; its text is not shown")


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    # An unquoted TOML key q1.1a is the nested table q1 -> 1a: joining the keys gives the claim id back.
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            yield from _flatten(value, full)
        else:
            yield full, value


def read_batch(path: str) -> list[tuple[str, Any]]:
    """The (claim id, answer) pairs of a TOML table, in file order; CheckInputError for an unreadable file."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]  # tomli is 3.11's tomllib
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, /dev/zero would never end
            raise CheckInputError(f"{quote(path)} is not a regular file")
        if info.st_size > MAX_BATCH_BYTES:
            raise CheckInputError(f"{quote(path)} has {info.st_size} bytes, more than {MAX_BATCH_BYTES}")
        with open(path, "rb") as fh:
            data = tomllib.loads(_decoded(fh.read(MAX_BATCH_BYTES + 1), quote(path), MAX_BATCH_BYTES))
    except OSError as exc:
        raise CheckInputError(f"cannot read {quote(path)}: {type(exc).__name__}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CheckInputError(f"{quote(path)} is not TOML: {exc}") from exc
    pairs = list(_flatten(data))
    if not pairs:
        raise CheckInputError(f"{quote(path)} has no answers")
    return pairs
