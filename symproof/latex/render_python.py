"""Python definitions as LaTeX: latexify-py's output, cleaned by a table of rewrite rules."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    """One rewrite of latexify's raw output; `why` says what is wrong with the raw form."""

    pattern: re.Pattern[str]
    replacement: str
    why: str


RULES: tuple[Rule, ...] = (
    Rule(re.compile(r"\\mathopen\{\}|\\mathclose\{\}"), "",
         "latexify brackets every call for spacing; in a displayed formula they are noise"),
    Rule(re.compile(r"\\mathrm\{(?:np|numpy|math|sp|sympy)\}\."), "",
         "a module prefix is Python, not mathematics: np.max is max"),
    Rule(re.compile(r"\\mathrm\{(max|min|exp|log|sum)\}"), r"\\\1",
         "max and min are operators with their own spacing, not words in roman type"),
    Rule(re.compile(r"\\mathrm\{([a-zA-Z])\\_([a-zA-Z]+)\}"), r"\1_{\\mathrm{\2}}",
         "a one-letter name with a suffix (n_in) is a letter with a subscript, not a word with an underscore"),
    Rule(re.compile(r"\\left\( +"), r"\\left(", "spaces left by removing \\mathopen{}"),
    Rule(re.compile(r" +\\right\)"), r"\\right)", "spaces left by removing \\mathclose{}"),
    Rule(re.compile(r"  +"), " ", "double spaces left by the rules above"),
)


def clean(raw: str, rules: tuple[Rule, ...] = RULES) -> str:
    """Apply the rewrite rules in order."""
    for rule in rules:
        raw = rule.pattern.sub(rule.replacement, raw)
    return raw.strip()


def python_latex(fn: Callable[..., Any]) -> str:
    """The LaTeX of a plain Python function, as latexify renders it with Greek names, then cleaned.

    Anything latexify does not support raises its own error with the function's name added.
    """
    import latexify  # ~0.1 s: only needed when a definition is shown

    try:
        raw = latexify.get_latex(fn, use_math_symbols=True)
    except Exception as exc:
        raise type(exc)(f"latexify cannot render {fn.__module__}.{fn.__qualname__}: {exc}") from exc
    return clean(str(raw))


def resolve(path: str) -> Callable[..., Any] | None:
    """'package.module:function' -> the function, or None when the module or the name does not exist yet."""
    module, _, name = path.partition(":")
    try:
        fn = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return fn if callable(fn) else None
