"""One claim and its verdict as a LaTeX fragment: the claim, its statement, its checked derivations, its answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import sympy as sp

from ..claim import Chain, Claim, ClaimSpec, WriteUp
from ..prover.derivation import Derivation
from ..prover.matrix import MatrixEqual, PositiveForm
from ..prover.method import Kind, Method
from ..prover.statements import AllOf, Check, Equal, Holds, Statement, checks_in
from ..prover.verdict import Verdict
from .layout import FIT_MACRO, INLINE_GLYPHS, Item, fit, glyphs, layout
from .printer import latex
from .wording import Wording

_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}"}
_TEX_SPECIAL_RE = re.compile("|".join(re.escape(k) for k in _TEX_SPECIAL))


def tex_escape(text: str) -> str:
    """Plain text (a claim's English title, a SymPy error) made safe to typeset."""
    return _TEX_SPECIAL_RE.sub(lambda m: _TEX_SPECIAL[m.group()], text)


def printer_settings(w: Wording, claim: Claim | None = None) -> dict[str, Any]:
    """The printer options for a language, plus what a claim asks for in ``notes["latex"]`` (a mapping, or a
    function that returns one when a costly one is only needed for printing)."""
    settings: dict[str, Any] = {"decimal_separator": "comma" if w.lang == "fr" else "period",
                                "digit_group": "\\," if w.lang == "fr" else "{,}",
                                "piecewise_words": ("si", "sinon") if w.lang == "fr" else ("for", "otherwise")}
    if claim is not None:
        extra = claim.notes.get("latex", {})
        settings.update(dict(extra() if callable(extra) else extra))
    return settings


# --- the prover's method, in words ---------------------------------------------------------------------


def _tt(value: str) -> str:
    """A value (a case label, a rule's name) in typewriter type, allowed to break after each '+'."""
    return r"+\allowbreak ".join(rf"\texttt{{{tex_escape(piece)}}}" for piece in value.split("+"))


def check_words(how: str, w: Wording, write_up: WriteUp | None = None) -> str:
    """The words of a computation a claim runs (Check.how): the claim's own, its write-up's `steps` under that
    key; a check without them is shown as written behind a visible 'missing text' box."""
    words = write_up.steps.get(how, {}).get(w.lang) if write_up is not None else None
    if words:
        return words
    return rf"\fbox{{\small {w.phrases['missing_text']}}}\ \texttt{{{tex_escape(how)}}}"


def _method_words(m: Method, w: Wording, write_up: WriteUp | None) -> str:
    return check_words(m.subject, w, write_up) if m.kind is Kind.CHECK else w.methods[m.kind]


def _method_items(m: Method, w: Wording) -> list[str]:
    """A method's details as printed items: the rules of one proof as one chain, each cited theorem in words,
    each case, the thing it was applied to."""
    if m.kind in (Kind.CITED_RULES, Kind.COMPUTED):
        return [w.why.get(r) or _tt(r) for r in m.rules]
    items = [r"+\allowbreak ".join(rf"\texttt{{{tex_escape(r)}}}" for r in m.rules)] if m.rules else []
    items += [_tt(c) for c in m.cases]
    if m.subject and m.kind is not Kind.CHECK:
        items.append(_tt(m.subject))
    return items


def method_text(method: Method, w: Wording, write_up: WriteUp | None = None) -> str:
    """A verdict's method in words, each method once with the details of every proof that used it.

    Every kind has its words in each language (wording.py; a test checks the tables are complete); a check is
    worded by check_words.
    """
    details: dict[tuple[Kind, str], list[list[str]]] = {}
    for leaf in method.leaves():
        key = (leaf.kind, leaf.subject if leaf.kind is Kind.CHECK else "")
        seen = details.setdefault(key, [])
        items = _method_items(leaf, w)
        if items and items not in seen:
            seen.append(items)
    semicolon = " ; " if w.lang == "fr" else "; "
    parts = []
    for (kind, subject), groups in details.items():
        words = _method_words(Method(kind, subject=subject), w, write_up)
        items = [item for group in groups for item in group]
        if kind is Kind.CASE_SPLIT and groups:
            # each split's cases together, then what was proven of them: that they cover the domain
            cover = w.phrases["cover_proven" if len(groups) == 1 else "covers_proven"]
            shown = semicolon.join([", ".join(group) for group in groups] + [cover])
        else:
            # an item with its own comma (Taylor, remainder O(...)) is kept apart by a semicolon
            shown = semicolon.join(items) if any("," in i for i in items) else ", ".join(items)
        parts.append(words + f" ({shown})" if items else words)
    return ", ".join(parts)


# --- statements as display items -----------------------------------------------------------------------


def _conditions(where: Iterable[Any], w: Wording, p: Callable[[Any], str]) -> str:
    conds = [p(c) for c in where]
    if not conds:
        return ""
    return rf"{w.phrases['for']} ${', '.join(conds)}$"


def _items_equal(st: Equal, w: Wording, p: Callable[[Any], str]) -> list[Item]:
    return [(p(st.lhs), [(p(st.rhs), _conditions(st.where, w, p))])]


def _items_holds(st: Holds, w: Wording, p: Callable[[Any], str]) -> list[Item]:
    return [(None, [(p(st.relation), _conditions(st.where, w, p))])]


def _items_check(st: Check, w: Wording, p: Callable[[Any], str]) -> list[Item]:
    return []  # a computation, not a formula: said in words below the display (check_lines)


def _items_all(st: AllOf, w: Wording, p: Callable[[Any], str]) -> list[Item]:
    return [item for _, part in st.parts for item in statement_items(part, w, p)]


def _items_matrix_equal(st: MatrixEqual, w: Wording, p: Callable[[Any], str]) -> list[Item]:
    return [(p(st.lhs), [(p(st.rhs), "")])]


def _items_positive_form(st: PositiveForm, w: Wording, p: Callable[[Any], str]) -> list[Item]:
    return [(None, [(rf"{p(st.form)} > 0", rf"{w.phrases['for']} ${p(st.u)} \neq \boldsymbol{{0}}$")])]


def _items_derivation(st: Derivation, w: Wording, p: Callable[[Any], str]) -> list[Item]:
    """start = e_1 = e_2 ..., each link beside the theorem it cites (or the computation it is)."""
    return [(p(st.start), [(p(step.expr), w.why.get(step.rule, rf"\texttt{{{tex_escape(step.rule)}}}"))
                           for step in st.steps])]


STATEMENT_ITEMS: dict[type, Callable[[Any, Wording, Callable[[Any], str]], list[Item]]] = {
    Equal: _items_equal,
    Holds: _items_holds,
    Check: _items_check,
    AllOf: _items_all,
    MatrixEqual: _items_matrix_equal,
    PositiveForm: _items_positive_form,
    Derivation: _items_derivation,
}


def statement_items(st: Statement, w: Wording, p: Callable[[Any], str]) -> list[Item]:
    """What displays `st`: one item per equality or relation (checks are said in words, see check_lines)."""
    try:
        items = STATEMENT_ITEMS[type(st)]
    except KeyError:
        raise TypeError(f"no LaTeX form for a statement of type {type(st).__name__}") from None
    return items(st, w, p)


def statement_rows(st: Statement, w: Wording, p: Callable[[Any], str]) -> list[str]:
    """The rows of an align* environment that state `st`."""
    return layout(statement_items(st, w, p))


def check_lines(st: Statement, w: Wording, write_up: WriteUp | None = None) -> list[str]:
    """Each computation the statement relies on, in words, one paragraph each."""
    return [rf"\noindent {w.phrases['checked_by']} {check_words(c.how, w, write_up)}." for c in checks_in(st)]


def _align(rows: list[str]) -> str:
    if not rows:
        return ""
    return "\\begin{align*}\n  " + " \\\\\n  ".join(rows) + "\n\\end{align*}\n"


# --- derivations ---------------------------------------------------------------------------------------


def _assumptions(exprs: Iterable[Any], p: Callable[[Any], str]) -> list[str]:
    """The sign assumptions of the symbols a chain uses (t > 0, u >= 0): they are part of what was proven."""
    symbols: set[Any] = set()
    for e in exprs:
        symbols |= getattr(e, "free_symbols", set())
    out = []
    for s in sorted((s for s in symbols if isinstance(s, sp.Symbol)), key=lambda s: s.name):
        if s.is_integer and s.is_positive:
            out.append(rf"{p(s)} \in \{{1, 2, \dots\}}")
        elif s.is_positive:
            out.append(f"{p(s)} > 0")
        elif s.is_nonnegative:
            out.append(rf"{p(s)} \geq 0")
    return out


def step_words(key: str, write_up: WriteUp, w: Wording) -> str:
    """The words of a step's `why` key: the claim's own, else a phrase every claim shares, else the key itself
    in typewriter type (shown, not hidden)."""
    own = write_up.steps.get(key, {}).get(w.lang)
    return own or w.why.get(key) or rf"\texttt{{{tex_escape(key)}}}"


def chain_block(chain: Chain, number: int, parts: Mapping[str, Verdict], w: Wording, p: Callable[[Any], str],
                write_up: WriteUp | None = None) -> str:
    """An align* chain a = e1 = e2 = ..., each link marked with its own verdict (chain n, link m = "step n.m")."""
    rights: list[tuple[str, str]] = []
    previous = p(chain.exprs[0])
    for m, expr in enumerate(chain.exprs[1:], 1):
        verdict = parts.get(f"step {number}.{m}")
        why = chain.why[m - 1] if chain.why else None
        reason = ""
        if why:
            reason = step_words(why, write_up or WriteUp(text={}), w) + r"\ "
        mark = r"$\checkmark$" if verdict is not None and verdict.proven else f"({w.phrases['unchecked']})"
        shown = p(expr)
        if m > 1 and shown == previous:
            continue  # e = e: the claim's two steps print alike (SymPy evaluated one); the link adds nothing
        previous = shown
        rights.append((shown, reason + mark))
    text = f"% chain {number}{': ' + chain.label if chain.label else ''}\n"
    text += _align(layout([(p(chain.exprs[0]), rights)]))
    side = [p(c) for c in chain.where] + _assumptions(chain.exprs, p)
    if side:
        text += rf"\noindent{{\small {w.phrases['where'].capitalize()} ${'$, $'.join(side)}$.}}" + "\n\n"
    return text


# --- the fragment --------------------------------------------------------------------------------------


def claim_text(claim: Claim | ClaimSpec, w: Wording) -> tuple[str, bool]:
    """The claim in the language of `w`, from its own write-up, and whether the write-up lacked it.

    A build refuses a claim without its text (see build.missing_text); here, for a fragment rendered anyway, the
    English title from the code is shown behind a visible 'missing text' box, never silently.
    """
    text = claim.write_up.text.get(w.lang)
    if text:
        return text, False
    return rf"\fbox{{\small {w.phrases['missing_text']}}}\ \emph{{{tex_escape(claim.title)}}}", True


def claim_label(claim_id: str) -> str:
    return tex_escape(claim_id.removeprefix("q"))


def verification_text(verdict: Verdict, w: Wording, write_up: WriteUp | None = None) -> str:
    scope = w.scopes[verdict.scope]
    # ragged right: the prover's details are unbreakable \texttt pieces that a justified line cannot absorb
    return (rf"\noindent{{\small\raggedright\textit{{{w.phrases['verification']}}} : {scope} ; "
            rf"{w.phrases['method']} : {method_text(verdict.method, w, write_up)}.\par}}" if w.lang == "fr" else
            rf"\noindent{{\small\raggedright\textit{{{w.phrases['verification']}}}: {scope}; "
            rf"{w.phrases['method']}: {method_text(verdict.method, w, write_up)}.\par}}")


def shorten(items: list[str], limit: int) -> str:
    """`items` joined by commas up to about `limit` characters, whole items only: a value is never cut in the middle
    (a cut "w = [[4], [" reads as a malformed counterexample); what is left out is counted."""
    out: list[str] = []
    for item in items:
        if out and len(", ".join([*out, item])) > limit:
            return ", ".join(out) + f", ... ({len(items) - len(out)} more)"
        out.append(item)
    return ", ".join(out)


def counterexample_text(cx: Mapping[str, Any], limit: int) -> str:
    return shorten([f"{k} = {v}" for k, v in sorted(cx.items())], limit)


def _unproven_text(verdict: Verdict, w: Wording) -> str:
    colon = " :" if w.lang == "fr" else ":"
    lines = [rf"\noindent\fbox{{\textbf{{{w.phrases['unproven']}}}}}\ {w.phrases['unproven_note']}"]
    if verdict.reason:
        lines.append(rf"{{\small {w.phrases['reason']}{colon} \texttt{{{tex_escape(verdict.reason[:300])}}}}}")
    if verdict.counterexample:
        cx = counterexample_text(verdict.counterexample, 300)
        lines.append(rf"{{\small {w.phrases['counterexample']}{colon} \texttt{{{tex_escape(cx)}}}}}")
    return "\n\n".join(lines) + "\n"


def answer_text(answer: Any, w: Wording, p: Callable[[Any], str]) -> str:
    """The answer a student writes: yes/no in words, a short formula in the line, a wide one displayed."""
    colon = " :" if w.lang == "fr" else ":"
    head = rf"\noindent\textbf{{{w.phrases['answer']}{colon}}}"
    if answer is sp.true or answer is sp.false:
        return f"{head} {w.phrases['yes' if answer is sp.true else 'no']}.\n"
    tex = p(answer)
    if glyphs(tex) <= INLINE_GLYPHS:
        return f"{head} $\\displaystyle {tex}$\n"
    return f"{head}\n\\[\n  {fit(tex)}\n\\]\n"


def refute_variants(claim: Claim) -> dict[str, Verdict]:
    """Each wrong variant of the claim decided (seeded, so every build finds the same counterexample)."""
    from ..prover import decide

    return {name: decide(st, claim.scope) for name, st in sorted(claim.wrong.items())}


def variants_text(variants: Mapping[str, Verdict], w: Wording) -> str:
    """The wrong variants and what became of each: refuted with its counterexample, or said not to be."""
    colon = " :" if w.lang == "fr" else ":"
    items = []
    for name, v in variants.items():
        if v.status.value == "refuted" and v.counterexample:
            cx = counterexample_text(v.counterexample, 160)
            items.append(rf"\emph{{{tex_escape(name)}}}{colon} \texttt{{{tex_escape(cx)}}}")
        else:
            items.append(rf"\emph{{{tex_escape(name)}}}{colon} \fbox{{{w.phrases['not_refuted']}}}")
    sep = " ; " if w.lang == "fr" else "; "
    return (rf"\noindent{{\small\raggedright\textit{{{w.phrases['refuted_variants']}}}{colon} "
            rf"{sep.join(items)}.\par}}")


def claim_fragment(claim: Claim, verdict: Verdict, w: Wording,
                   variants: Mapping[str, Verdict] | None = None) -> str:
    """The fragment of one claim, \\input-able with amsmath, amssymb and graphicx only; `variants` are its wrong
    variants' verdicts (decided here when not given)."""
    settings = printer_settings(w, claim)

    def p(expr: Any) -> str:
        return latex(expr, **settings)

    text, _ = claim_text(claim, w)
    parts = dict(verdict.parts)
    out = [f"% claim {claim.id}: {claim.title}", FIT_MACRO,
           rf"\noindent\textbf{{{w.phrases['claim']} {claim_label(claim.id)}.}} {text}", ""]
    if not verdict.proven:
        out.append(_unproven_text(verdict, w))
    out.append(_align(statement_rows(claim.statement, w, p)))
    out.extend(line + "\n" for line in check_lines(claim.statement, w, claim.write_up))
    for n, chain in enumerate(claim.steps, 1):
        out.append(chain_block(chain, n, parts, w, p, claim.write_up))
    if verdict.proven:
        if claim.answer is not None:
            out.append(answer_text(claim.answer, w, p))
        out.append(verification_text(verdict, w, claim.write_up) + "\n")
    out.append(variants_text(refute_variants(claim) if variants is None else variants, w) + "\n")
    if claim.write_up.oracles:
        colon = " :" if w.lang == "fr" else ":"
        # a test's name is one long word: allowed to break after each underscore
        names = ", ".join(rf"\texttt{{{tex_escape(t)}}}".replace(r"\_", r"\_\allowbreak{}")
                          for t in claim.write_up.oracles)
        out.append(rf"\noindent{{\small\raggedright\textit{{{w.phrases['oracles']}}}{colon} {names}.\par}}" + "\n")
    out.append(r"\medskip")
    return "\n".join(out) + "\n"
