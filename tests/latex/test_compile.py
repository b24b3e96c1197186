"""main.tex (the hand-in) and audit.tex compile with latexmk in both languages, without warnings; the hand-in
fits in 12 pages with no row shrunk below 80 %."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from symproof.homework import builtin, specs
from symproof.latex.build import plan, write
from symproof.latex.document import Entry
from symproof.pipeline import tex_env
from symproof.prover.verdict import Status

from .conftest import fake_entry

pytestmark = pytest.mark.slow  # LaTeX compiled with latexmk: CI runs them, the fast lane skips them


def compile_main(latexmk: str, folder: Path, name: str = "main") -> tuple[subprocess.CompletedProcess[str], str]:
    """latexmk -pdf -halt-on-error on folder/<name>.tex, as a user would; the process and the log."""
    proc = subprocess.run([latexmk, "-pdf", "-halt-on-error", "-interaction=nonstopmode", f"{name}.tex"],
                          cwd=folder, capture_output=True, text=True, errors="replace", timeout=300,
                          env={**tex_env(builtin().meta.date), "PATH": os.environ["PATH"]})
    return proc, (folder / f"{name}.log").read_text(errors="replace")


def pages(pdf: Path) -> int:
    """The page count pdfinfo reads."""
    exe = shutil.which("pdfinfo")
    if exe is None:
        pytest.skip("pdfinfo not installed")
    out = subprocess.run([exe, str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", out, re.M)
    assert found is not None, out
    return int(found.group(1))


@pytest.mark.tex
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_main_tex_compiles_without_warnings(lang: str, q1_entries: list[Entry], latexmk: str, tmp_path: Path) -> None:
    # one claim marked unproven, so that the --allow-unproven form is compiled too
    entries = [e if e.spec.id != "q1.3.n3" else fake_entry("q1.3.n3", Status.UNKNOWN) for e in q1_entries]
    write(plan(entries, lang, meta=builtin().meta), tmp_path)
    for name in ("main", "audit"):
        proc, log = compile_main(latexmk, tmp_path, name)
        assert proc.returncode == 0, log[-3000:]
        assert "undefined" not in log.lower()
        assert "LaTeX Warning" not in log, [line for line in log.splitlines() if "Warning" in line]
        assert (tmp_path / f"{name}.pdf").stat().st_size > 10_000
    assert r"\ref{fig:" in (tmp_path / "audit-q1.tex").read_text()  # there were references to resolve


@pytest.mark.tex
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_question_fits_the_text_width(lang: str, latexmk: str, tmp_path: Path) -> None:
    # every claim of Q1-Q5 (made-up verdicts: the layout does not depend on the prover's result)
    entries = [fake_entry(s.id) for s in specs()]
    write(plan(entries, lang, meta=builtin().meta), tmp_path)
    for name in ("main", "audit"):
        proc, log = compile_main(latexmk, tmp_path, name)
        assert proc.returncode == 0, log[-3000:]
        assert [line for line in log.splitlines() if "Overfull" in line] == [], name
        assert "LaTeX Warning" not in log, [line for line in log.splitlines() if "Warning" in line]
        if name == "main":
            assert "HANDIN-ROW-TOO-WIDE" not in log  # a row would have been shrunk below 80 %
            assert pages(tmp_path / "main.pdf") <= 12
    assert r"\symprooffit" in (tmp_path / "claims" / "q3-1-n2.tex").read_text()  # there were wide rows to fit
    assert r"\fitrow{" in (tmp_path / "main.tex").read_text()  # and in the hand-in too
