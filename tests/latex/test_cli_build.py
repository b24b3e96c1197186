"""symproof build as a user meets it: --out checked before proving, the identity file, --quiet, file modes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from symproof import cli, pipeline
from symproof.homework import specs
from symproof.latex import build, document, identity

from .conftest import fake_entry

pytestmark = pytest.mark.slow  # whole builds through the CLI: CI runs them, the fast lane skips them


@pytest.fixture()
def fake_build(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = [fake_entry(s.id) for s in specs()]
    monkeypatch.setattr(pipeline, "prove_all", lambda **kwargs: fake)
    monkeypatch.setattr(document, "figures_in", lambda specs: [])


def test_out_that_is_a_file_or_cannot_be_made_fails_before_proving(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def never(**kwargs: object) -> None:
        raise AssertionError("proved before checking --out")

    monkeypatch.setattr(pipeline, "prove_all", never)
    afile = tmp_path / "afile"
    afile.write_text("mine\n")
    for out in (afile, afile / "below"):
        assert cli.main(["build", "--no-pdf", "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(out) in err and "Traceback" not in err
    assert afile.read_text() == "mine\n"


def test_a_file_or_a_read_only_folder_where_the_build_writes_fails_before_proving(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def never(**kwargs: object) -> None:
        raise AssertionError("proved before checking --out")

    monkeypatch.setattr(pipeline, "prove_all", never)
    out = tmp_path / "out"
    out.mkdir()
    (out / "claims").write_text("mine\n")
    assert cli.main(["build", "--no-pdf", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "claims is a file" in err and "Traceback" not in err


def test_a_write_that_fails_after_proving_is_one_line_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_build: None, capsys: pytest.CaptureFixture[str]) -> None:
    # a folder made read-only (or a disk that fills) while the claims are proven: no traceback reaches the user
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "out" / "claims" / "q1-1a.tex"))

    monkeypatch.setattr(build, "write", refuse)
    assert cli.main(["build", "--no-pdf", "--quiet", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "q1-1a.tex" in err and "Permission denied" in err and "Traceback" not in err


def test_identity_comes_from_the_users_file_and_editing_it_never_fails_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_build: None, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "latex_out"
    assert cli.main(["build", "--no-pdf", "--quiet", "--out", str(out), "--author", "Zoé Lévesque",
                     "--student-id", "20231234"]) == 0
    config = tmp_path / identity.CONFIG
    assert identity.read(config) == identity.Identity("Zoé Lévesque", "20231234")
    assert r"\newcommand{\studentname}{Zoé Lévesque}" in (out / identity.FILE).read_text()
    main = (out / "main.tex").read_text()
    assert r"\input{identity.tex}" in main and "Lévesque" not in main  # the hand-in itself stays the same
    config.write_text(config.read_text().replace("Lévesque", "Tremblay"))
    assert cli.main(["build", "--no-pdf", "--check", "--out", str(out)]) == 0
    assert cli.main(["build", "--no-pdf", "--quiet", "--out", str(out)]) == 0
    assert "Tremblay" in (out / identity.FILE).read_text() and "Tremblay" in config.read_text()
    assert (out / "main.tex").read_text() == main
    config.write_text("[submission\n")
    capsys.readouterr()
    assert cli.main(["build", "--no-pdf", "--out", str(out)]) == 2
    assert "symproof.toml" in capsys.readouterr().err


def test_quiet_prints_the_summary_only_and_files_get_the_umask_mode(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_build: None, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        assert cli.main(["build", "--no-pdf", "--quiet", "--out", "lo"]) == 0
    finally:
        os.umask(old)
    lines = capsys.readouterr().out.splitlines()
    # the summary, then (on a machine without TeX) the lines that say how to compile
    assert lines[0].startswith("lo: ") and " written, " in lines[0] and " written: " not in "".join(lines)
    assert lines[1:] == ([] if pipeline.latexmk() else ("symproof: " + pipeline.INSTALL_TEX).splitlines())
    modes = {oct(p.stat().st_mode & 0o777) for p in Path("lo").rglob("*") if p.is_file()}
    assert modes == {"0o644"}


def test_a_build_writes_both_languages_and_one_language_on_request(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_build: None) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--no-pdf", "--quiet", "--out", "lo"]) == 0
    fr, en = Path("lo/main.tex").read_text(), Path("lo/main-en.tex").read_text()
    assert r"\usepackage[french]{babel}" in fr and r"\usepackage[english]{babel}" in en
    assert r"\input{audit-en-q1.tex}" in Path("lo/audit-en.tex").read_text()
    assert r"\input{claims-en/q1-1a.tex}" in Path("lo/audit-en-q1.tex").read_text()
    assert cli.main(["build", "--no-pdf", "--quiet", "--out", "one", "--lang", "en"]) == 0
    assert r"\usepackage[english]{babel}" in Path("one/main.tex").read_text() and not Path("one/main-en.tex").exists()
    assert build.documents(["fr", "en"]) == ["main", "audit", "main-en", "audit-en"]


def test_the_no_tex_message_needs_no_sudo_and_names_every_way_to_compile() -> None:
    text = pipeline.INSTALL_TEX
    assert "sudo" not in text and "apt-get update" in text
    assert "Overleaf" in text and "MacTeX" in text and "MiKTeX" in text


def test_a_claim_without_its_text_makes_the_build_exit_1_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from dataclasses import replace

    from symproof.claim import WriteUp

    fake = [fake_entry(s.id) for s in specs()]
    fake = [replace(e, spec=replace(e.spec, write_up=WriteUp(text={"en": "only English"})))
            if e.spec.id == "q5.2" else e for e in fake]
    monkeypatch.setattr(pipeline, "prove_all", lambda **kwargs: fake)
    monkeypatch.setattr(document, "figures_in", lambda specs: [])
    assert cli.main(["build", "--no-pdf", "--quiet", "--out", str(tmp_path / "lo")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["symproof: write-up incomplete (fr): q5.2: text, recall, handin",
                   "symproof: write-up incomplete (en): q5.2: recall, handin"]
    assert not (tmp_path / "lo" / "main.tex").exists()


@pytest.mark.tex
def test_a_name_set_after_the_first_compiled_build_reaches_page_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_build: None, latexmk: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    # the first build has no name: identity.tex must exist all the same, or latexmk never learns that the PDF
    # depends on it and a name set later never reaches page 1
    import shutil
    import subprocess

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "latex_out"
    assert cli.main(["build", "--pdf", "--lang", "fr", "--out", str(out)]) == 0
    assert "placeholder name" in capsys.readouterr().out

    def page_one() -> str:
        return subprocess.run([pdftotext, "-l", "1", str(out / "main.pdf"), "-"], capture_output=True, text=True,
                              check=True).stdout

    assert "Ana Diaz" not in page_one()
    (tmp_path / identity.CONFIG).write_text('[submission]\nauthor = "Ana Diaz"\nstudent_id = "12345678"\n')
    assert cli.main(["build", "--pdf", "--lang", "fr", "--quiet", "--out", str(out)]) == 0
    assert "Ana Diaz" in page_one() and "12345678" in page_one()
    (tmp_path / identity.CONFIG).write_text('[submission]\nauthor = "Ana Tremblay"\nstudent_id = "12345678"\n')
    assert cli.main(["build", "--pdf", "--lang", "fr", "--quiet", "--out", str(out)]) == 0
    assert "Ana Tremblay" in page_one()
