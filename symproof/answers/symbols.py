r"""The rule by which a student's symbols are matched to a claim's: equal canonical names, and nothing else.

canonical_name:
  * bold and arrow wrappers are dropped: `\boldsymbol{x}`, `\mathbf{x}`, `\bm{x}`, `\vec{x}` -> `x`;
  * Greek letters lose their backslash and `var`: `\beta` -> `beta`, `\varphi` -> `phi`;
  * a subscript is written in braces, its items separated by commas without spaces:
    `x_j` -> `x_{j}`, `w_{0, 0}` -> `w_{0,0}`, SymPy's brace-free `w_11` -> `w_{11}`;
    an Indexed `x[i, j]` is named as the symbol `x_{i,j}`.
match_symbols maps each answer symbol to the claim symbol of the same canonical name (an IndexedBase only
to an IndexedBase). Only then, when
no claim symbol has that name, a comma-free fallback is tried: `w_{00}` matches `w_{0,0}` if exactly one
claim symbol loses its commas to `w_{00}` (so `x_{12}` never matches `x_{1,2}` when `x_{12}` also exists).
Anything else is reported unmatched, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sympy
from sympy import Basic

_WRAPPER = re.compile(r"\\(?:boldsymbol|mathbf|bm|vec)\{([^{}]*)\}")
_NAME = re.compile(r"(?P<base>[^_]+?)(?:_(?P<sub>\{[^{}]*\}|[^{}]+))?")
_VAR_GREEK = re.compile(r"var(epsilon|phi|theta|rho|sigma|pi|kappa)")


def canonical_name(obj: Basic) -> str:
    """The name under which `obj` (Symbol, Indexed, IndexedBase, MatrixSymbol) is matched."""
    if isinstance(obj, sympy.Indexed):
        indices = ",".join(canonical_name(i) if isinstance(i, sympy.Symbol) else str(i) for i in obj.indices)
        return f"{canonical_name(obj.base)}_{{{indices}}}"
    if isinstance(obj, sympy.IndexedBase):
        return canonical_name(obj.label)
    return normalise_name(str(obj.name))


def normalise_name(name: str) -> str:
    r"""`name` in canonical form: `\mathbf{w}_{0, 0}` -> `w_{0,0}`, `\varphi` -> `phi`, `x_j` -> `x_{j}`."""
    name = "".join(name.split())
    while (unwrapped := _WRAPPER.sub(r"\1", name)) != name:
        name = unwrapped
    m = _NAME.fullmatch(name)
    if m is None:
        return name
    base = _VAR_GREEK.sub(r"\1", m["base"].removeprefix("\\"))
    if m["sub"] is None:
        return base
    return f"{base}_{{{m['sub'].strip('{}')}}}"


def _comma_free(name: str) -> str:
    base, _, sub = name.partition("_")
    return f"{base}_{sub.replace(',', '')}" if sub else name


@dataclass(frozen=True)
class SymbolMatch:
    """`mapping`: answer symbol -> claim symbol (for `xreplace`); `unmatched`: answer names left over."""

    mapping: dict[Basic, Basic]
    unmatched: tuple[str, ...]


def answer_symbols(expr: Basic) -> set[Basic]:
    """The symbols of `expr` to match: free Symbols, MatrixSymbols and IndexedBases, not the indices bound by a
    sum, nor the labels inside an IndexedBase (the IndexedBase is matched as a whole), nor a matrix symbol's size
    (given with the claim's matrix symbol)."""
    bound = {v for s in expr.atoms(sympy.Sum, sympy.Product) for v in s.variables}
    labels = {b.label for b in expr.atoms(sympy.IndexedBase)}
    sizes = {d for m in expr.atoms(sympy.MatrixSymbol) for d in m.shape if isinstance(d, sympy.Symbol)}
    sizes -= {s for s in expr.free_symbols if not any(s in m.shape for m in expr.atoms(sympy.MatrixSymbol))}
    plain = {s for s in expr.atoms(sympy.Symbol, sympy.MatrixSymbol)
             if s not in bound and s not in labels and s not in sizes}
    return plain | expr.atoms(sympy.IndexedBase)


def match_symbols(answer_expr: Basic, claim_symbols: Iterable[Basic]) -> SymbolMatch:
    """Map the answer's symbols onto `claim_symbols` by canonical name (see the module docstring)."""
    by_name = {canonical_name(c): c for c in claim_symbols}
    by_comma_free: dict[str, list[Basic]] = {}
    for name, c in by_name.items():
        by_comma_free.setdefault(_comma_free(name), []).append(c)
    mapping: dict[Basic, Basic] = {}
    unmatched = []
    bases = {canonical_name(c): c for c in claim_symbols if isinstance(c, sympy.IndexedBase)}
    for sym in answer_symbols(answer_expr):
        name = canonical_name(sym)
        fallback = by_comma_free.get(_comma_free(name), [])
        if isinstance(sym, sympy.IndexedBase):
            # An indexed vector matches only an indexed vector: the claim's x[j], never a plain symbol x.
            if name in bases:
                mapping[sym] = bases[name]
            else:
                unmatched.append(name)
        elif name in by_name:
            mapping[sym] = by_name[name]
        elif len(fallback) == 1:
            mapping[sym] = fallback[0]
        else:
            unmatched.append(name)
    return SymbolMatch(mapping, tuple(sorted(unmatched)))
