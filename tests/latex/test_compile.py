"""main.tex compiles with latexmk in both languages, with no undefined reference or LaTeX warning."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from symproof.claim import specs
from symproof.latex.build import TEX_ENV, plan, write
from symproof.latex.document import Entry
from symproof.prover.verdict import Status

from .conftest import fake_entry


def compile_main(latexmk: str, folder: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """latexmk -pdf -halt-on-error on folder/main.tex, as a user would; the process and main.log."""
    proc = subprocess.run([latexmk, "-pdf", "-halt-on-error", "-interaction=nonstopmode", "main.tex"],
                          cwd=folder, capture_output=True, text=True, errors="replace", timeout=300,
                          env={**TEX_ENV, "PATH": os.environ["PATH"]})
    return proc, (folder / "main.log").read_text(errors="replace")


@pytest.mark.tex
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_main_tex_compiles_without_warnings(lang: str, q1_entries: list[Entry], latexmk: str, tmp_path: Path) -> None:
    # one claim marked unproven, so that the --allow-unproven form is compiled too
    entries = [e if e.spec.id != "q1.3.n3" else fake_entry("q1.3.n3", Status.UNKNOWN) for e in q1_entries]
    write(plan(entries, lang), tmp_path)
    proc, log = compile_main(latexmk, tmp_path)
    assert proc.returncode == 0, log[-3000:]
    assert "undefined" not in log.lower()
    assert "LaTeX Warning" not in log, [line for line in log.splitlines() if "Warning" in line]
    assert (tmp_path / "main.pdf").stat().st_size > 10_000
    assert r"\ref{fig:" in (tmp_path / "q1.tex").read_text()  # there were references to resolve


@pytest.mark.tex
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_question_fits_the_text_width(lang: str, latexmk: str, tmp_path: Path) -> None:
    # every claim of Q1-Q5 (made-up verdicts: the layout does not depend on the prover's result)
    entries = [fake_entry(s.id) for s in specs()]
    write(plan(entries, lang), tmp_path)
    proc, log = compile_main(latexmk, tmp_path)
    assert proc.returncode == 0, log[-3000:]
    assert [line for line in log.splitlines() if "Overfull" in line] == []
    assert "LaTeX Warning" not in log, [line for line in log.splitlines() if "Warning" in line]
    assert r"\symprooffit" in (tmp_path / "claims" / "q3-1.tex").read_text()  # there were wide rows to fit
