"""The hand-in (main.tex): each sub-question recalled, the student's sentences, the proven derivation, the answer.

Nothing here names the tool, a method or a claim: the proof log is the audit's (document.py). Every display is a
link the prover proved: an answer claim's chains (those its write-up shows), or its statement when it has none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy as sp

from ..claim import Claim, Role, WriteUp
from ..prover.derivation import Derivation
from ..prover.statements import Statement
from .document import DOCUMENT_HEAD, Entry, definition_tex, figures_of
from .fragments import printer_settings, statement_items, step_words
from .layout import LINE_GLYPHS, glyphs
from .printer import latex
from .wording import Wording

# A row wider than the line is shrunk, but never below 80 %: past that it is printed at 80 % and the log says so
# (a test reads the log), since a smaller row is unreadable and must be split or printed another way.
HANDIN_FIT = (r"\newcommand{\fitrow}[1]{\setbox0=\hbox{$\displaystyle #1$}"
              r"\ifdim\wd0>\dimexpr\linewidth-4em\relax"
              r"\ifdim0.8\wd0>\dimexpr\linewidth-4em\relax\typeout{HANDIN-ROW-TOO-WIDE}\scalebox{0.8}{\box0}"
              r"\else\resizebox{\dimexpr\linewidth-4em\relax}{!}{\box0}\fi\else\box0\fi}")
FIT_FROM = 40  # glyphs: a row estimated narrower than this is never wrapped

PREAMBLE = DOCUMENT_HEAD + r"""\setlength{{\parindent}}{{0pt}}
\setlength{{\parskip}}{{0.4em}}
\setlength{{\emergencystretch}}{{2em}}
{fit}
\IfFileExists{{identity.tex}}{{\input{{identity.tex}}}}{{}}
\providecommand{{\studentname}}{{{name}}}
\providecommand{{\studentid}}{{{sid}}}
"""


def _row(tex: str) -> str:
    return rf"\fitrow{{{tex}}}" if glyphs(tex) > FIT_FROM else tex


def _cases(rights: list[tuple[str, str]], w: Wording) -> str:
    """Several proven values of one left side under their conditions, as one piecewise display."""
    word = w.phrases["if"]
    body = r" \\ ".join(rf"{r} & \text{{{word} }} {c}" for r, c in rights)
    return rf"\begin{{cases}} {body} \end{{cases}}"


def _conditions(where: Sequence[Any], p: Callable[[Any], str]) -> list[str]:
    return [p(c) for c in where]


def _statement_rows(st: Statement, w: Wording, p: Callable[[Any], str]) -> list[tuple[str, str]]:
    """(left, right) pairs of a statement; several values of one left side become one piecewise right side."""
    from ..prover.statements import AllOf, Equal

    parts = [part for _, part in st.parts] if isinstance(st, AllOf) else [st]
    grouped: dict[str, list[tuple[str, list[str]]]] = {}
    for part in parts:
        if isinstance(part, Equal):
            grouped.setdefault(p(part.lhs), []).append((p(part.rhs), _conditions(part.where, p)))
        else:
            for lhs, shown in statement_items(part, w, p):
                grouped.setdefault(lhs or "", []).extend((r, []) for r, _ in shown)
    rows: list[tuple[str, str]] = []
    for lhs, rights in grouped.items():
        if len(rights) > 1 and lhs and all(c for _, c in rights):
            # a hypothesis every piece shares (beta < alpha) belongs to the text, not to each case
            common = set.intersection(*(set(c) for _, c in rights))
            pieces = [(r, ", ".join(x for x in c if x not in common)) for r, c in rights]
            rows.append((lhs, _cases(pieces, w)))
        else:
            rows.extend((lhs, r) for r, _ in rights)
    return rows


def _chain_rows(claim: Claim, w: Wording, p: Callable[[Any], str]) -> list[tuple[str, list[tuple[str, str]], str]]:
    """(intro, [(left, right + words)], ...) per chain the write-up shows: consecutive equal sides are merged."""
    shown = claim.write_up.show
    out = []
    for n, chain in enumerate(claim.steps, 1):
        if shown is not None and n not in shown:
            continue
        previous = p(chain.exprs[0])
        rights: list[tuple[str, str]] = []
        for m, expr in enumerate(chain.exprs[1:], 1):
            tex = p(expr)
            if tex == previous:
                continue  # e = e adds nothing to read
            previous = tex
            why = chain.why[m - 1] if chain.why else None
            rights.append((tex, step_words(why, claim.write_up, w) if why else ""))
        intro = claim.write_up.steps.get(f"chain {n}", {}).get(w.lang, "")
        tag = claim.write_up.steps.get(f"row {n}", {}).get(w.lang, "")
        if rights and tag:
            rights[-1] = (rights[-1][0], tag)
        out.append((intro, [(p(chain.exprs[0]), ""), *rights] if rights else [], ""))
    return out


def notation_names(claim: Claim) -> dict[Any, str]:
    """The symbols (and matrix symbols) of a claim that its write-up renames, as the printer's `names`."""
    found: dict[Any, str] = {}
    exprs = [e for chain in claim.steps for e in chain.exprs] + list(_statement_exprs(claim.statement))
    for expr in exprs:
        for atom in getattr(expr, "atoms", lambda *_: set())(sp.Symbol, sp.MatrixSymbol):
            tex = claim.write_up.notation.get(str(atom.name))
            if tex is not None:
                found[atom] = tex
    return found


def _statement_exprs(st: Any) -> list[Any]:
    """Every expression a statement holds (its sides, a derivation's rows), where a renamed symbol may appear."""
    from ..prover.statements import AllOf

    if isinstance(st, AllOf):
        return [e for _, part in st.parts for e in _statement_exprs(part)]
    if isinstance(st, Derivation):
        return [st.start, *(step.expr for step in st.steps)]
    return [getattr(st, side) for side in ("lhs", "rhs") if hasattr(st, side)]


def derivation(claim: Claim, w: Wording, seen: set[str]) -> str:
    """The displays of an answer claim: its shown chains, or its statement when it has no chain. A display seen
    before in the sub-question (`seen`) is not repeated."""
    settings = printer_settings(w, claim)
    if claim.write_up.notation:
        settings["names"] = {**settings.get("names", {}), **notation_names(claim)}

    def p(expr: Any) -> str:
        return latex(expr, **settings)

    blocks: list[str] = []
    if claim.steps or claim.write_up.show == ():
        pending: list[str] = []  # short chains without an intro share one align*; the others get their own
        for intro, rows, _ in _chain_rows(claim, w, p):
            key = "=".join(r for r, _ in rows)
            if not rows or key in seen:
                continue
            seen.add(key)
            lines = _lines(rows[0][0], rows[1:])
            alone = bool(intro) or lines[0].startswith("&")
            if alone and pending:
                blocks.append(_align(pending))
                pending = []
            if intro:
                blocks.append(intro)
            if alone:
                blocks.append(_align(lines))
            else:
                pending += lines
        if pending:
            blocks.append(_align(pending))
    else:
        equalities: list[tuple[str, str]] = []  # equalities of consecutive parts, a = b then b = c read as a = b = c

        def flush() -> None:
            chained: list[tuple[str, list[tuple[str, str]]]] = []
            for lhs, rhs in equalities:
                if chained and lhs and lhs == chained[-1][1][-1][0]:
                    chained[-1][1].append((rhs, ""))
                else:
                    chained.append((lhs, [(rhs, "")]))
            lines = [line for lhs, rights in chained
                     for line in (_lines(lhs, rights) if lhs else [f"&{_row(r)}" for r, _ in rights])]
            if lines:
                blocks.append(_align(lines))
            equalities.clear()

        for n, part in _grouped_parts(claim, w, p):
            intro = claim.write_up.steps.get(f"part {n}", {}).get(w.lang, "")
            if intro or isinstance(part, Derivation):
                flush()
            if intro:
                blocks.append(intro)
            if isinstance(part, Derivation):
                lines = _derivation_lines(part, w, p, seen)
                if lines:
                    blocks.append(_align(lines))
                continue
            for lhs, rhs in _statement_rows(part, w, p):
                if lhs == rhs or f"{lhs}={rhs}" in seen:
                    continue  # X = X says nothing; a display is shown once
                seen.add(f"{lhs}={rhs}")
                equalities.append((lhs, rhs))
        flush()
    return "\n".join(blocks)


def _grouped_parts(claim: Claim, w: Wording, p: Callable[[Any], str]) -> list[tuple[int, Statement]]:
    """The shown parts, numbered from 1, where consecutive equalities of one left side, each under its own
    conditions (h = a(x - alpha) for x >= alpha, h = 0 for ...), are one part: they print as one piecewise display
    with their regions, never as rows X = A, X = B that read as A = B."""
    from ..prover.statements import AllOf, Equal

    out: list[tuple[int, list[Statement]]] = []
    for n, part in enumerate(_shown_parts(claim), 1):
        prev = out[-1][1] if out else []
        if (isinstance(part, Equal) and part.where and prev and isinstance(prev[-1], Equal) and prev[-1].where
                and p(prev[-1].lhs) == p(part.lhs) and not claim.write_up.steps.get(f"part {n}")):
            prev.append(part)
        else:
            out.append((n, [part]))
    return [(n, group[0] if len(group) == 1 else AllOf(tuple((str(k), g) for k, g in enumerate(group))))
            for n, group in out]


def _shown_parts(claim: Claim) -> list[Statement]:
    """The statement's parts the write-up shows (`show` counts them from 1 when the claim has no chain)."""
    from ..prover.statements import AllOf

    st = claim.statement
    parts: list[Statement] = [part for _, part in st.parts] if isinstance(st, AllOf) else [st]
    shown = claim.write_up.show
    return parts if shown is None or claim.steps else [parts[k - 1] for k in shown]


def _derivation_lines(d: Derivation, w: Wording, p: Callable[[Any], str], seen: set[str]) -> list[str]:
    """start = e_1 = e_2 ..., each link beside the theorem it cites, as a person writes it (equal rows merged)."""
    previous = p(d.start)
    rights: list[tuple[str, str]] = []
    for step in d.steps:
        tex = p(step.expr)
        if tex == previous:
            continue
        previous = tex
        rights.append((tex, w.why.get(step.rule, "")))
    key = "=".join([p(d.start), *(r for r, _ in rights)])
    if not rights or key in seen:
        return []
    seen.add(key)
    return _lines(p(d.start), rights)


def _lines(lhs: str, rights: Sequence[tuple[str, str]]) -> list[str]:
    """lhs &= r1 \\ &= r2 ..., or, when the left side and a right side do not fit on one line together, the left
    side alone and each right side below it, indented (a row is split rather than shrunk)."""
    def tag(t: str) -> str:
        return rf" \tag*{{\small {t}}}" if t else ""

    if glyphs(lhs) + max(glyphs(r) for r, _ in rights) + 2 <= LINE_GLYPHS:
        return [f"{_row(lhs) if n == 0 else ''} &= {_row(r)}{tag(t)}" for n, (r, t) in enumerate(rights)]
    return [f"&{_row(lhs)}"] + [rf"&\qquad = {_row(r)}{tag(t)}" for r, t in rights]


def _align(rows: list[str]) -> str:
    return "\\begin{align*}\n  " + " \\\\\n  ".join(rows) + "\n\\end{align*}"


def answer_line(claim: Claim, w: Wording) -> str:
    """The answer in the form the question asks: the write-up's own words, else yes/no, else the formula."""
    colon = ":"  # babel's French puts the space before a colon itself: a \, there would double it
    head = rf"\textbf{{{w.phrases['answer']}{colon}}}"
    own = claim.write_up.answer.get(w.lang)
    if own:
        return f"{head} {own}"
    if claim.answer is sp.true or claim.answer is sp.false:
        return f"{head} {w.phrases['yes' if claim.answer is sp.true else 'no']}."
    if claim.answer is None:
        return ""
    return f"{head} $\\displaystyle {latex(claim.answer, **printer_settings(w, claim))}$."


def definition_line(write_up: WriteUp, tex: str, w: Wording) -> str:
    """'Soit h(x, β) = …': the function's name replaced by the write-up's mathematical name."""
    lines = tex.removeprefix(r"\begin{array}{l} ").removesuffix(r" \end{array}").split(r" \\ ")
    if write_up.definition_as:
        lines[-1] = write_up.definition_as + lines[-1][lines[-1].index("("):] if "(" in lines[-1] else lines[-1]
    shown = ", ".join(f"$\\displaystyle {line}$" for line in reversed(lines))
    return f"{w.phrases['let']} {shown}."


def _label(sub: str) -> str:
    m = re.fullmatch(r"(\d+\.\d+)([a-z])", sub)
    return f"{m.group(1)} ({m.group(2)})" if m else sub


def subquestion_block(entry: Entry, w: Wording, support_unproven: bool = False) -> str:
    """One sub-question: recall, definition, sentences, derivation, answer, figure. When a supporting claim of the
    sub-question is not proven (--allow-unproven), the sentences may quote it: the block says so."""
    claim = entry.claim
    assert claim is not None
    wu = claim.write_up
    # a sub-question starts on the next page rather than leave its heading and recall alone at a page's foot
    keep = r"\par\vskip 0pt plus 8\baselineskip\penalty-200\vskip 0pt plus -8\baselineskip"
    out = [keep, f"\\subsection*{{{_label(claim.subquestion)}}}", f"\\emph{{{wu.recall[w.lang]}}}", ""]
    tex = definition_tex(entry.spec)
    if tex is not None:
        out += [definition_line(wu, tex, w), ""]
    out += [wu.handin[w.lang], ""]
    if not entry.verdict.proven:  # --allow-unproven: said plainly, never given as an answer
        return "\n".join([*out, rf"\fbox{{\textbf{{{w.phrases['unproven']}}}}}", ""])
    if support_unproven:
        out += [rf"\fbox{{\small {w.phrases['support_unproven']}}}", ""]
    shown = derivation(claim, w, set())
    if shown:
        if not support_unproven and out[-1] == "":
            out.pop()  # the display ends the sentence that leads into it: no paragraph (and no blank) between
        out += [shown, ""]
    for key in sorted(k for k in wu.steps if k.startswith("after")):  # a paragraph after the derivation
        out += [wu.steps[key][w.lang], ""]
    line = answer_line(claim, w)
    if line:
        out += [line, ""]
    for fig, caption in figures_of([entry.spec], w.lang):
        # one unbreakable box: a page break never parts a figure from its caption
        out += ["\\begin{center}", "\\begin{minipage}{\\linewidth}\\centering",
                f"\\includegraphics[width=0.5\\linewidth]{{figures/{fig.name}.pdf}}\\\\[-0.3em]",
                f"{{\\small {caption}}}", "\\end{minipage}", "\\end{center}", ""]
    return "\n".join(out)


def header(w: Wording) -> str:
    """Page 1's course header (the homework's metadata) and the student."""
    lang, hw = w.lang, w.homework
    if hw is None:
        raise ValueError("the hand-in needs the homework's metadata: wording(lang, homework.meta)")
    return "\n".join([
        r"\noindent\begin{minipage}[t]{0.5\linewidth}",
        rf"\textbf{{{hw.course}}}\\ {w.phrases['professor']}\,: {hw.professor}",
        r"\end{minipage}\hfill\begin{minipage}[t]{0.45\linewidth}\raggedleft",
        rf"\textbf{{\studentname}}\\ {w.phrases['student_id']}\,: \studentid" if lang == "fr" else
        rf"\textbf{{\studentname}}\\ {w.phrases['student_id']}: \studentid",
        r"\end{minipage}",
        "",
        r"\begin{center}",
        rf"{{\Large {hw.title[lang]}}}\\[0.3em] {w.phrases['due']}\,: {hw.due[lang]}"
        if lang == "fr" else rf"{{\Large {hw.title[lang]}}}\\[0.3em] {w.phrases['due']}: {hw.due[lang]}",
        r"\end{center}",
        "",
    ])


def handin_file(entries: Sequence[Entry], w: Wording, placeholder: Mapping[str, str] | None = None) -> str:
    """The hand-in: page 1 the course header and the student, then each question from a new page."""
    names = placeholder or {"name": w.phrases["your_name"], "sid": w.phrases["your_id"]}
    answers = {e.spec.subquestion: e for e in entries if e.spec.role is Role.ANSWER and e.claim is not None}
    body = [PREAMBLE.format(babel=w.babel, fit=HANDIN_FIT, name=names["name"], sid=names["sid"]),
            "\\begin{document}", header(w)]
    subquestions = w.homework.subquestions if w.homework is not None else ()
    questions = list(dict.fromkeys(s.split(".")[0] for s in subquestions if s in answers))
    for n, q in enumerate(questions):
        if n:
            body.append("\\clearpage")
        body.append(f"\\section*{{Question {q}: {w.questions[q]}}}")
        for sub in subquestions:
            if sub.split(".")[0] == q and sub in answers:
                weak = any(not e.verdict.proven for e in entries if e.spec.subquestion == sub)
                body.append(subquestion_block(answers[sub], w, weak))
    body.append(f"\\vfill{{\\footnotesize {w.phrases['audit_pointer']}}}")
    body.append("\\end{document}")
    return "\n".join(body) + "\n"
