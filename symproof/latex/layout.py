"""Widths of typeset math: when a display row is stacked, when an expression is shrunk to the line."""

from __future__ import annotations

import re

# A rough count of the glyphs a math string prints: commands and braces removed, a fraction as wide as its wider
# part, a matrix as wide as its widest row. About 60 of them fill the text width at 11 pt.
LINE_GLYPHS = 60
FIT_GLYPHS = 30  # an expression estimated wider than this is wrapped in \symprooffit (shrunk only if too wide)
INLINE_GLYPHS = 40  # an answer up to this width stays in the text line

FIT_MACRO = (r"\providecommand{\symprooffit}[1]{\setbox0=\hbox{$\displaystyle #1$}"
             r"\ifdim\wd0>\dimexpr\linewidth-4em\relax\resizebox{\dimexpr\linewidth-4em\relax}{!}{\box0}"
             r"\else\box0\fi}")
_FRAC = re.compile(r"\\frac\{((?:[^{}]|\{[^{}]*\})*)\}\{((?:[^{}]|\{[^{}]*\})*)\}")
_SCRIPT = re.compile(r"[_^]\{((?:[^{}]|\{[^{}]*\})*)\}")
_NOISE = re.compile(r"\\(?:left|right|displaystyle|boldsymbol|mathrm|operatorname|substack|quad|qquad)\b")
_MATRIX = re.compile(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", re.S)


def glyphs(tex: str) -> int:
    """Estimated printed width of a math string, in glyphs (see LINE_GLYPHS)."""
    def matrix(m: re.Match[str]) -> str:
        rows = [r.split("&") for r in m.group(1).split(r"\\")]
        cols = max(len(r) for r in rows)
        widths = [max(glyphs(r[c]) if c < len(r) else 0 for r in rows) for c in range(cols)]
        return "x" * (sum(widths) + 3 * cols)  # and the column separation

    tex = _MATRIX.sub(matrix, tex)
    for _ in range(6):  # innermost fractions first
        tex, n = _FRAC.subn(lambda m: max(m.group(1), m.group(2), key=lambda t: glyphs(t)), tex)
        if not n:
            break
    tex = _SCRIPT.sub(lambda m: "x" * ((glyphs(m.group(1)) + 1) * 2 // 3), tex)
    tex = _NOISE.sub("", tex)
    tex = re.sub(r"\\[a-zA-Z]+|\\.", "x", tex)  # before spaces go: "\alpha w" is two glyphs, not "\alphaw"
    return len(re.sub(r"[{}\s]", "", tex))


def fit(tex: str) -> str:
    """An expression that may be wider than the line, shrunk to fit when (and only when) it is."""
    return rf"\symprooffit{{{tex}}}" if glyphs(tex) > FIT_GLYPHS else tex


def _tag(text: str) -> str:
    """A remark at the right margin: amsmath moves it to its own line when the row leaves no room for it."""
    return rf" \tag*{{{text}}}" if text else ""


# One display item: a left side (None for a relation shown whole) and its right sides with their remarks.
Item = tuple[str | None, list[tuple[str, str]]]


def _too_wide(item: Item) -> bool:
    lhs, rights = item
    return lhs is not None and glyphs(lhs) + max(glyphs(r) for r, _ in rights) + 2 > LINE_GLYPHS


def layout(items: list[Item]) -> list[str]:
    """The rows of one align*: lhs &= r1 \\ &= r2 ..., or, when any row would be too wide, every item stacked
    (left side alone, each right side below it, indented), so that no alignment point sits far to the right."""
    rows: list[str] = []
    stacked = any(_too_wide(item) for item in items)
    for lhs, rights in items:
        if lhs is None:
            rows += [f"&{fit(r)}{_tag(t)}" for r, t in rights]
        elif stacked:
            rows.append(f"&{fit(lhs)}")
            rows += [rf"&\qquad = {fit(r)}{_tag(t)}" for r, t in rights]
        else:
            rows += [f"{lhs if n == 0 else ''} &= {r}{_tag(t)}" for n, (r, t) in enumerate(rights)]
    return rows
