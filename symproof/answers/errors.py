"""The one exception of the answer parser: every failure to read a student's answer is an AnswerParseError."""

from __future__ import annotations


class AnswerParseError(ValueError):
    """A student's answer could not be read; the one-line message quotes the input and says where."""


def printable(text: str) -> str:
    """`text` with every control character (ESC, CR, the C1 range, ...) escaped: a message never drives the
    terminal it is printed on."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


def quote(text: str, limit: int = 60) -> str:
    """`text` quoted for a one-line message, shortened in the middle when long, control characters escaped."""
    flat = printable(" ".join(text.split()))
    if len(flat) > limit:
        flat = flat[: limit // 2 - 2] + " ... " + flat[-(limit // 2 - 3) :]
    return f"'{flat}'"
