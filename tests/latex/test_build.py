"""Writing latex_out/: stamps, hand edits kept, stale files removed, --check, and the unproven gate of the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from symproof import Figure, cli, pipeline
from symproof.homework import builtin, select
from symproof.latex import build, document, figures
from symproof.latex.build import Action, PdfStamp, Target, TextStamp, check, plan, write
from symproof.latex.document import Entry
from symproof.prover.verdict import Status

from .conftest import fake_entry


@pytest.fixture()
def no_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Figures need matplotlib (slow to import); these tests are about the text files."""
    monkeypatch.setattr(document, "figures_in", lambda specs: [])


def entries(*ids: str) -> list[Entry]:
    return [fake_entry(i) for i in ids]


def test_text_stamp_tells_intact_from_edited_from_foreign() -> None:
    s = TextStamp("%")
    data = s.stamp(b"hello\n")
    assert data.startswith(b"% symproof-generated sha256=") and s.intact(data) is True
    assert s.intact(data.replace(b"hello", b"hellO")) is False
    assert s.intact(b"% my own file\nhello\n") is None


def test_pdf_stamp_fills_the_hash_without_moving_bytes() -> None:
    s = PdfStamp()
    body = b"%PDF-1.4\n<< /Keywords (" + s.keywords("a" * 64).encode() + b") >>\n%%EOF\n"
    data = s.stamp(body)
    assert len(data) == len(body) and s.intact(data) is True and PdfStamp.recipe_of(data) == "a" * 64
    assert s.intact(data.replace(b"%%EOF", b"%%EOX")) is False


def test_hand_edited_fragment_survives_a_build_and_force_overwrites_it(tmp_path: Path, no_figures: None) -> None:
    targets = plan(entries("q1.1a", "q1.3"), "fr", meta=builtin().meta)
    write(targets, tmp_path)
    frag = tmp_path / "claims" / "q1-3.tex"
    edited = frag.read_text().replace("Affirmation", "Mon affirmation")
    frag.write_text(edited)
    report = write(targets, tmp_path)
    assert report.actions["claims/q1-3.tex"] is Action.KEPT and frag.read_text() == edited
    assert report.actions["claims/q1-1a.tex"] is Action.UNCHANGED
    assert check(targets, tmp_path) == ["claims/q1-3.tex: edited by hand"]
    report = write(targets, tmp_path, force=True)
    assert report.actions["claims/q1-3.tex"] is Action.WRITTEN and "Mon affirmation" not in frag.read_text()
    assert check(targets, tmp_path) == []


def test_a_file_without_stamp_is_not_overwritten(tmp_path: Path, no_figures: None) -> None:
    (tmp_path / "main.tex").write_text("my own document\n")
    report = write(plan(entries("q1.1a"), "fr", meta=builtin().meta), tmp_path)
    assert report.actions["main.tex"] is Action.FOREIGN
    assert (tmp_path / "main.tex").read_text() == "my own document\n"


def test_stale_generated_files_are_removed_and_reported_by_check(tmp_path: Path, no_figures: None) -> None:
    write(plan(entries("q1.1a", "q1.3"), "fr", meta=builtin().meta), tmp_path)
    smaller = plan(entries("q1.1a"), "fr", meta=builtin().meta)
    assert "claims/q1-3.tex: stale (no longer generated)" in check(smaller, tmp_path)
    report = write(smaller, tmp_path)
    assert report.actions["claims/q1-3.tex"] is Action.REMOVED and not (tmp_path / "claims/q1-3.tex").exists()


def test_writes_leave_no_temporary_files(tmp_path: Path, no_figures: None) -> None:
    write(plan(entries("q1.1a"), "en", meta=builtin().meta), tmp_path)
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert all(build.intact(p) for p in tmp_path.rglob("*") if p.is_file())


def test_each_question_starts_a_page_and_recalls_its_sub_questions(tmp_path: Path, no_figures: None) -> None:
    write(plan(entries("q1.1a", "q1.4", "q1.4.float64", "q2"), "fr", meta=builtin().meta), tmp_path)
    audit = (tmp_path / "audit.tex").read_text()
    assert r"\usepackage[french]{babel}" in audit and audit.count(r"\clearpage") == 2
    q1 = (tmp_path / "audit-q1.tex").read_text()
    for sub in ("1.1", "1.4"):
        assert rf"\subsection*{{{sub}}}" in q1
    assert q1.count(r"\input{claims/") == 3 and r"\mathrm{max}" not in q1 and r"\max" in q1
    main = (tmp_path / "main.tex").read_text()  # the hand-in: answer claims only, one page per question
    assert main.count(r"\clearpage") == 1 and main.count(r"\subsection*") == 3 and "1.1 (a)" in main
    assert "float64" not in main and r"\input{claims/" not in main


def run_cli(monkeypatch: pytest.MonkeyPatch, fake: list[Entry], *args: str) -> int:
    monkeypatch.setattr(pipeline, "prove_all", lambda **kwargs: fake)
    monkeypatch.setattr(document, "figures_in", lambda specs: [])
    return cli.main(["build", "--no-pdf", "--quiet", *args])


def test_unproven_claim_makes_build_exit_1_naming_it_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    fake = [fake_entry("q1.1a"), fake_entry("q1.3", Status.UNKNOWN)]
    assert run_cli(monkeypatch, fake, "--out", str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert "not proven: q1.3" in err and "q1.1a" not in err
    assert list(tmp_path.iterdir()) == []


def test_allow_unproven_typesets_it_marked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = [fake_entry("q1.1a"), fake_entry("q1.3", Status.UNKNOWN)]
    assert run_cli(monkeypatch, fake, "--out", str(tmp_path), "--allow-unproven", "--lang", "en") == 0
    tex = (tmp_path / "claims" / "q1-3.tex").read_text()
    assert "NOT PROVEN" in tex and "Answer" not in tex
    assert "NOT PROVEN" not in (tmp_path / "claims" / "q1-1a.tex").read_text()
    handin = (tmp_path / "main.tex").read_text().split(r"\subsection*{1.3}")
    assert "NOT PROVEN" in handin[1] and "Answer" not in handin[1] and "NOT PROVEN" not in handin[0]


def test_an_unproven_supporting_claim_is_flagged_in_its_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = [fake_entry("q1.4"), fake_entry("q1.4.float64", Status.UNKNOWN), fake_entry("q1.3")]
    assert run_cli(monkeypatch, fake, "--out", str(tmp_path), "--allow-unproven", "--lang", "en") == 0
    handin = (tmp_path / "main.tex").read_text().split(r"\subsection*{1.4}")
    assert "A result quoted in this answer is not proven." in handin[1] and "Answer" in handin[1]
    assert "not proven" not in handin[0]


def test_check_fails_on_a_difference_and_passes_after_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    fake = [fake_entry("q1.1a")]
    assert run_cli(monkeypatch, fake, "--out", str(tmp_path), "--check") == 1
    assert "main.tex: missing" in capsys.readouterr().err
    assert run_cli(monkeypatch, fake, "--out", str(tmp_path)) == 0
    assert run_cli(monkeypatch, fake, "--out", str(tmp_path), "--check") == 0
    (tmp_path / "audit-q1.tex").write_text((tmp_path / "audit-q1.tex").read_text() + "% note\n")
    assert run_cli(monkeypatch, fake, "--out", str(tmp_path), "--check") == 1
    assert "audit-q1.tex: edited by hand" in capsys.readouterr().err


def _fake_figure(name: str) -> Figure:
    return Figure(name, lambda fig: fig.add_subplot().plot([0, 1]), ("symproof.nn.activations",))


def test_only_missing_or_stale_figures_are_drawn_and_a_hand_edited_one_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = (_fake_figure(n) for n in ("a", "b", "c"))
    monkeypatch.setattr(document, "figures_in", lambda specs: [a, b, c])
    assert [f.name for f, _ in build.figures_to_draw([], tmp_path)] == ["a", "b", "c"]
    write([Target(f"figures/{f.name}.pdf", figure=f) for f in (a, b, c)], tmp_path)
    assert build.figures_to_draw([], tmp_path) == []
    assert [f.name for f, _ in build.figures_to_draw([], None)] == ["a", "b", "c"]  # --check draws into an empty folder
    (tmp_path / "figures" / "a.pdf").unlink()
    edited = tmp_path / "figures" / "b.pdf"
    edited.write_bytes(edited.read_bytes().replace(b"%%EOF", b"%%EOX"))
    assert [f.name for f, _ in build.figures_to_draw([], tmp_path)] == ["a"]
    assert [f.name for f, _ in build.figures_to_draw([], tmp_path, force=True)] == ["a", "b"]


def test_figures_drawn_by_a_worker_are_the_ones_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures, "_DRAWN", {})
    fig = _fake_figure("swish")  # a real figure's name (its caption), a quick drawing
    monkeypatch.setattr(document, "figures_in", lambda specs: [fig])
    draw = build.figures_to_draw([], tmp_path)
    entries = pipeline.prove_all(select(["q1.1a"]), langs=["fr"], draw=draw)
    assert set(figures._DRAWN) == {("swish", draw[0][1])}  # came back from the worker
    report = write(plan(entries, "fr", meta=builtin().meta), tmp_path)
    assert report.actions["figures/swish.pdf"] is Action.WRITTEN
    monkeypatch.setattr(figures, "_DRAWN", {})  # drawn afresh here: the worker's bytes are the same
    assert (tmp_path / "figures" / "swish.pdf").read_bytes() == Target("figures/swish.pdf", figure=fig).content()
