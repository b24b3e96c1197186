"""The build's pipeline above latex/: prove the claims in the runner's workers, rendering each fragment and drawing
the stale figures there, and compile the documents with latexmk; latex/ only plans, prints and writes."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .claim import Claim, ClaimSpec, Meta
from .figure import Figure
from .latex.build import DOCUMENTS, write_atomic
from .latex.document import Entry
from .latex.figures import draw_all, remember
from .latex.fragments import claim_fragment, refute_variants
from .latex.wording import Wording, wording
from .prover.engine import DEFAULT_TIMEOUT
from .prover.verdict import Verdict
from .runner import prove_claims_then

INSTALL_TEX = "\n".join((
    "no latexmk on PATH: the LaTeX sources are written, the PDFs are not compiled. To compile them:",
    "  Debian/Ubuntu (as root): apt-get update && apt-get install latexmk texlive-latex-recommended "
    "texlive-fonts-recommended texlive-lang-french",
    "  macOS: MacTeX (tug.org/mactex); Windows: MiKTeX (miktex.org); then run symproof build again",
    "  or, without installing anything: upload the folder latex_out/ to Overleaf and compile main.tex there",
))


def tex_env(date: str) -> dict[str, str]:
    """The environment that makes pdfTeX date a PDF `date` (ISO 8601, midnight UTC) instead of now: the same
    sources then give the same PDF on any machine."""
    epoch = datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.timezone.utc).timestamp()
    return {"SOURCE_DATE_EPOCH": str(int(epoch)), "FORCE_SOURCE_DATE": "1"}


def prove_all(selected: Sequence[ClaimSpec], timeout: float = DEFAULT_TIMEOUT, jobs: int | None = None,
              on_verdict: Callable[[ClaimSpec, Verdict], None] | None = None, langs: Sequence[str] = (),
              draw: Sequence[tuple[Figure, str]] = ()) -> list[Entry]:
    """Prove the selected claims (a homework's, in its order). With `langs`, each worker also renders the
    fragment of the claim it has just built and proven in each language, its wrong variants refuted once for
    all of them, so that the rendering, too, runs on both cores; the figures in `draw` (see
    latex.build.figures_to_draw) are drawn by the same workers, first, and kept for the write."""
    chosen = list(selected)
    after = _renderer([wording(lang) for lang in langs]) if langs else None
    side = None
    if draw:
        side = (lambda: draw_all(draw), lambda drawn: remember(drawn) if isinstance(drawn, dict) else None)
    entries: dict[str, Entry] = {}
    for spec, verdict, texts in prove_claims_then(chosen, after, timeout, jobs, side):
        entries[spec.id] = Entry(spec, verdict, texts or {})
        if on_verdict is not None:
            on_verdict(spec, verdict)
    return [entries[s.id] for s in chosen]


def _renderer(ws: Sequence[Wording]) -> Callable[[Claim, Verdict], dict[str, str]]:
    def render(claim: Claim, verdict: Verdict) -> dict[str, str]:
        variants = refute_variants(claim)  # language-free: decided once, worded in each language
        return {w.lang: claim_fragment(claim, verdict, w, variants) for w in ws}

    return render


def latexmk() -> str | None:
    return shutil.which("latexmk")


@dataclass(frozen=True)
class Compiled:
    ok: bool
    pdf: Path | None
    log_tail: str


def compile_pdf(out: Path, names: Sequence[str] = DOCUMENTS, date: str = Meta.date) -> Compiled:
    """latexmk -pdf in out/build for each document, dated `date` (the homework's), then its PDF copied next to
    its source."""
    exe = latexmk()
    if exe is None:
        return Compiled(False, None, INSTALL_TEX)
    for name in names:
        cmd = [exe, "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-outdir=build", f"{name}.tex"]
        proc = subprocess.run(cmd, cwd=out, capture_output=True, text=True, errors="replace",
                              env={**os.environ, **tex_env(date)}, check=False)
        built = out / "build" / f"{name}.pdf"
        if proc.returncode != 0 or not built.exists():
            return Compiled(False, None, "\n".join((proc.stdout + proc.stderr).splitlines()[-25:]))
        write_atomic(out / f"{name}.pdf", built.read_bytes())
    return Compiled(True, out / "main.pdf", "")
