"""The audit: one file per question that inputs its claims' fragments, and audit.tex, one question per page."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..claim import Claim, ClaimSpec
from ..figure import Figure
from ..prover.verdict import Verdict
from .fragments import claim_fragment, claim_text, tex_escape
from .render_python import python_latex, resolve
from .wording import Wording

# The class and packages of every document a build writes (the hand-in's and the audit's preambles begin so).
DOCUMENT_HEAD = r"""\documentclass[11pt,a4paper]{{article}}
\usepackage[T1]{{fontenc}}
\usepackage[utf8]{{inputenc}}
\usepackage{{lmodern}}
\usepackage[{babel}]{{babel}}
\usepackage{{amsmath,amssymb,graphicx}}
\usepackage[margin=2.2cm]{{geometry}}
\allowdisplaybreaks
"""

PREAMBLE = DOCUMENT_HEAD + r"""\title{{{title}}}
\author{{{author}}}
\date{{}}
"""


@dataclass(frozen=True)
class Entry:
    """A claim's spec, its verdict, and its fragment as already rendered (language -> text) where it was proven."""

    spec: ClaimSpec
    verdict: Verdict
    rendered: Mapping[str, str] = field(default_factory=dict)

    @property
    def claim(self) -> Claim | None:
        """The built claim (built here on first use, then kept by its spec); None if building it raises."""
        try:
            return self.spec.built()
        except Exception:
            return None


def _key(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text))


def question_of(sub: str) -> str:
    return sub.split(".")[0]


def fragment_path(claim_id: str, suffix: str = "") -> str:
    """claims/q1-1b-rate.tex (claims-en/... for a second language): dots would be read by TeX as an extension."""
    return f"claims{suffix}/{claim_id.replace('.', '-')}.tex"


def question_path(question: str, suffix: str = "") -> str:
    return f"audit{suffix}-q{question}.tex"


def fragment(entry: Entry, w: Wording) -> str:
    if w.lang in entry.rendered:
        return entry.rendered[w.lang]
    claim = entry.claim
    if claim is None:  # the claim function itself raised: only its registered title is known
        text, _ = claim_text(entry.spec, w)
        box = f"\\fbox{{\\textbf{{{w.phrases['unproven']}}}}}"
        return (f"% claim {entry.spec.id}: {entry.spec.title}\n\\noindent{box}"
                f"\\ {text}\n\n{{\\small\\texttt{{{tex_escape(entry.verdict.reason or '')}}}}}\n\\medskip\n")
    return claim_fragment(claim, entry.verdict, w)


def figure_block(fig: Figure, caption: str, placement: str = "htbp") -> str:
    graphic = f"\\includegraphics[width=0.75\\linewidth]{{figures/{fig.name}.pdf}}"
    return (f"\\begin{{figure}}[{placement}]\n  \\centering\n  {graphic}\n"
            f"  \\caption{{{caption}}}\n  \\label{{fig:{fig.name}}}\n\\end{{figure}}\n")


def figures_of(specs: Sequence[ClaimSpec], lang: str) -> list[tuple[Figure, str]]:
    """The figures these claims own (those `figures_in` finds: the documents show the figures a build draws),
    each with its caption in `lang`."""
    drawn = {f.name for f in figures_in(specs)}
    return [(s.write_up.figure, s.write_up.caption.get(lang, "")) for s in specs
            if s.write_up.figure is not None and s.write_up.figure.name in drawn]


def figures_in(specs: Sequence[ClaimSpec]) -> list[Figure]:
    """Every figure the claims own, once each, in the claims' order; two figures of one name are refused."""
    found: dict[str, Figure] = {}
    for spec in specs:
        fig = spec.write_up.figure
        if fig is not None and found.setdefault(fig.name, fig) != fig:
            raise ValueError(f"two figures named {fig.name!r} (figures/{fig.name}.pdf): {spec.id}'s and another's")
    return list(found.values())


def definition_tex(spec: ClaimSpec) -> str | None:
    """The LaTeX of the Python function a claim's write-up names, None when it names none or it does not exist."""
    fn = resolve(spec.write_up.definition) if spec.write_up.definition else None
    return python_latex(fn) if fn is not None else None


def question_file(question: str, entries: Sequence[Entry], w: Wording, suffix: str = "") -> str:
    """A question of the audit: its title, then each sub-question recalled in one line, the Python definitions
    its claims name (and which function each comes from), its figures, its claims."""
    subs = {e.spec.question for e in entries}
    colon = " :" if w.lang == "fr" else ":"
    out = [f"\\section*{{{w.phrases['question']} {question}{colon} {w.questions.get(question, '')}}}", ""]
    for sub in sorted(subs, key=_key):
        out.append(f"\\subsection*{{{sub}}}")
        mine = [e for e in entries if e.spec.question == sub]
        recalls = list(dict.fromkeys(r for e in mine if (r := e.spec.write_up.recall.get(w.lang))))
        figs = figures_of([e.spec for e in mine], w.lang)
        refs = ", ".join(w.phrases["see_figure"].format(label=f"fig:{f.name}") for f, _ in figs)
        out.append("\\noindent\\emph{" + " ".join(recalls) + "}" + (f" ({refs})" if refs else "") + "\n")
        out.extend(figure_block(f, caption) for f, caption in figs)
        for e in mine:
            tex = definition_tex(e.spec)
            if tex is not None:
                name = tex_escape(e.spec.write_up.definition.replace(":", "."))
                out.append(w.phrases["python"].format(name=name) + f"\n\\[\n{tex}\n\\]\n")
        out.extend(f"\\input{{{fragment_path(e.spec.id, suffix)}}}" for e in mine)
        out.append("")
    return "\n".join(out) + "\n"


def questions_shown(entries: Sequence[Entry]) -> list[str]:
    return sorted({question_of(e.spec.question) for e in entries}, key=_key)


def audit_file(questions: Sequence[str], w: Wording, suffix: str = "") -> str:
    """The verification report: a title, then each question from a new page."""
    body = [PREAMBLE.format(babel=w.babel, title=w.phrases["audit_title"], author=w.phrases["audit_author"]),
            "\\begin{document}", "\\maketitle", w.phrases["intro"], ""]
    for q in questions:
        body += ["\\clearpage", f"\\input{{{question_path(q, suffix)}}}"]
    body.append("\\end{document}")
    return "\n".join(body) + "\n"
