"""The document: one file per question that inputs its claims' fragments, and main.tex, one question per page."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..claim import Claim, ClaimSpec, get
from ..prover.verdict import Verdict
from .figures import FIGURES, Figure, available
from .fragments import claim_fragment, claim_text, tex_escape
from .render_python import python_latex, resolve
from .wording import Wording

# The plain Python function each sub-question's derivation uses, rendered by latexify next to its claims.
# A name that does not exist (yet) is left out and reported by the build.
PYTHON_DEFINITIONS: dict[str, str] = {
    "1.1": "symproof.nn.activations:h",
    "1.2": "symproof.nn.activations:h_relu",
    "1.4": "symproof.nn.activations:log_softmax_stable",
    "3.2": "symproof.nn.mlp:layer_params",
    "4.1": "symproof.nn.conv:output_size_formula",
    "5.1": "symproof.nn.conv:output_size_formula",
}

PREAMBLE = r"""\documentclass[11pt,a4paper]{{article}}
\usepackage[T1]{{fontenc}}
\usepackage[utf8]{{inputenc}}
\usepackage{{lmodern}}
\usepackage[{babel}]{{babel}}
\usepackage{{amsmath,amssymb,graphicx}}
\usepackage[margin=2.2cm]{{geometry}}
\allowdisplaybreaks
\title{{{title}}}
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
        """The built claim (built here on first use, then kept by the registry); None if building it raises."""
        try:
            return get(self.spec.id)
        except Exception:
            return None


def _key(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text))


def question_of(sub: str) -> str:
    return sub.split(".")[0]


def fragment_path(claim_id: str) -> str:
    """claims/q1-1b-rate.tex: dots would be read by TeX as an extension."""
    return f"claims/{claim_id.replace('.', '-')}.tex"


def question_path(question: str) -> str:
    return f"q{question}.tex"


def fragment(entry: Entry, w: Wording) -> str:
    if w.lang in entry.rendered:
        return entry.rendered[w.lang]
    claim = entry.claim
    if claim is None:  # the claim function itself raised: only its registered title is known
        text, _ = claim_text(entry.spec.id, entry.spec.title, w)
        box = f"\\fbox{{\\textbf{{{w.phrases['unproven']}}}}}"
        return (f"% claim {entry.spec.id}: {entry.spec.title}\n\\noindent{box}"
                f"\\ {text}\n\n{{\\small\\texttt{{{tex_escape(entry.verdict.reason or '')}}}}}\n\\medskip\n")
    return claim_fragment(claim, entry.verdict, w)


def _figure_block(fig: Figure, w: Wording) -> str:
    graphic = f"\\includegraphics[width=0.75\\linewidth]{{figures/{fig.name}.pdf}}"
    return (f"\\begin{{figure}}[htbp]\n  \\centering\n  {graphic}\n"
            f"  \\caption{{{w.figures[fig.name]}}}\n  \\label{{fig:{fig.name}}}\n\\end{{figure}}\n")


def question_file(question: str, entries: Sequence[Entry], figures: Sequence[Figure], w: Wording) -> str:
    """A question: its title, then each sub-question recalled in one line, its Python definition, figures, claims."""
    subs = {s for s in w.recalls if question_of(s) == question}
    subs |= {e.spec.question for e in entries} | {f.question for f in figures}
    colon = " :" if w.lang == "fr" else ":"
    out = [f"\\section*{{{w.phrases['question']} {question}{colon} {w.questions.get(question, '')}}}", ""]
    for sub in sorted(subs, key=_key):
        out.append(f"\\subsection*{{{sub}}}")
        recall = w.recalls.get(sub, "")
        figs = [f for f in figures if f.question == sub]
        refs = ", ".join(w.phrases["see_figure"].format(label=f"fig:{f.name}") for f in figs)
        out.append(f"\\noindent\\emph{{{recall}}}" + (f" ({refs})" if refs else "") + "\n")
        out.extend(_figure_block(f, w) for f in figs)
        definition = PYTHON_DEFINITIONS.get(sub)
        fn = resolve(definition) if definition else None
        if fn is not None and definition is not None:
            name = tex_escape(definition.replace(":", "."))
            out.append(w.phrases["python"].format(name=name) + f"\n\\[\n{python_latex(fn)}\n\\]\n")
        mine = [e for e in entries if e.spec.question == sub]
        out.extend(f"\\input{{{fragment_path(e.spec.id)}}}" for e in mine)
        if not mine:
            out.append(f"\\noindent{{\\small {w.phrases['no_claim']}}}")
        out.append("")
    return "\n".join(out) + "\n"


def questions_shown(entries: Sequence[Entry], figures: Sequence[Figure]) -> list[str]:
    found = {question_of(e.spec.question) for e in entries} | {question_of(f.question) for f in figures}
    return sorted(found, key=_key)


def main_file(questions: Sequence[str], w: Wording) -> str:
    """The standalone document: a title page, then each question from a new page (Gradescope page matching)."""
    body = [PREAMBLE.format(babel=w.babel, title=w.phrases["title"], author=w.phrases["author"]),
            "\\begin{document}", "\\maketitle", w.phrases["intro"], ""]
    for q in questions:
        body += ["\\clearpage", f"\\input{{{question_path(q)}}}"]
    body.append("\\end{document}")
    return "\n".join(body) + "\n"


def figures_available() -> list[Figure]:
    """The figures whose data functions exist (a figure waiting for another module is left out)."""
    return [f for f in FIGURES if available(f)]
