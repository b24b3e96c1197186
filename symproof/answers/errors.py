"""The one exception of the answer parser: every failure to read a student's answer is an AnswerParseError."""

from __future__ import annotations


class AnswerParseError(ValueError):
    """A student's answer could not be read; the one-line message quotes the input and says where."""


def quote(text: str, limit: int = 60) -> str:
    """`text` quoted for a one-line message, shortened in the middle when long."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit // 2 - 2] + " ... " + flat[-(limit // 2 - 3) :]
    return f"'{flat}'"
