"""A homework of one's own, outside the package: the README's example through every command, and its faults."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## A homework of your own\n", 1)[1].split("\n## ", 1)[0]


def fenced(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", section(), re.S)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "symproof", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    """The README's homework, written into a folder outside the repository."""
    (toml,), (module, _figure) = fenced("toml"), fenced("python")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "homework.toml").write_text(toml, encoding="utf-8")
    (folder / "square.py").write_text(module, encoding="utf-8")
    return folder


def test_the_readme_homework_goes_through_every_command(mine: Path) -> None:
    (commands,) = fenced("bash")
    outputs = []
    for line in commands.strip().splitlines():
        argv = shlex.split(line)
        assert argv[0] == "symproof"
        out = run(mine.parent, *argv[1:])
        assert out.returncode == 0, (line, out.stdout, out.stderr)
        outputs.append(out.stdout)
    listed, proven, built, checked = outputs
    assert listed.split()[:2] == ["q1", "general"]
    assert proven.splitlines()[-1].startswith("1 claims: 1 proven")
    assert "5 written" in built
    main = (mine / "latex_out" / "main.tex").read_text(encoding="utf-8")
    assert r"\textbf{MATH101}" in main and "A. Teacher" in main and "Homework 1" in main and "January 9" in main
    assert "Question 1: Squares" in main and "IFT6135" not in main
    audit = (mine / "latex_out" / "audit.tex").read_text(encoding="utf-8")
    assert "MATH101 --- Homework 1: verification report" in audit
    assert not (mine / "latex_out" / "figures").exists()  # the built-in homework's figures are not drawn here
    assert "equivalent" in checked


def test_a_wrong_answer_to_ones_own_homework_is_refuted(mine: Path) -> None:
    out = run(mine.parent, "--homework", "mine", "check", "q1", "x^2 + 1")
    assert out.returncode == 1, out.stderr


def test_the_built_in_claims_are_not_in_ones_own_homework(mine: Path) -> None:
    out = run(mine.parent, "--homework", "mine", "list", "q1.1a")
    assert out.returncode == 2 and "unknown claim 'q1.1a'" in out.stderr


def test_symproof_toml_names_the_homework(mine: Path) -> None:
    (mine.parent / "symproof.toml").write_text('[submission]\nauthor = "Zoé"\nhomework = "mine"\n', encoding="utf-8")
    out = run(mine.parent, "list")
    assert out.returncode == 0 and out.stdout.split()[0] == "q1", out.stderr


def _fails_in_one_line(mine: Path, *names: str) -> str:
    out = run(mine.parent, "--homework", str(mine), "list")
    assert out.returncode == 2, out.stdout
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    for name in names:
        assert name in out.stderr, out.stderr
    return out.stderr


def test_a_duplicate_id_names_both_functions(mine: Path) -> None:
    text = (mine / "square.py").read_text(encoding="utf-8").replace("def square", "def again")
    (mine / "twice.py").write_text(text, encoding="utf-8")
    _fails_in_one_line(mine, "q1", "defined twice", "square", "again")


def test_a_claim_that_raises_names_its_file_and_id(mine: Path) -> None:
    text = (mine / "square.py").read_text(encoding="utf-8").replace("    return Body(", "    1 / 0\n    return Body(")
    (mine / "square.py").write_text(text, encoding="utf-8")
    _fails_in_one_line(mine, "square.py", "claim q1", "ZeroDivisionError")


def test_a_missing_text_names_the_field_and_the_language(mine: Path) -> None:
    text = (mine / "square.py").read_text(encoding="utf-8").replace('    recall={"en": "Expand $(x + 1)^2$."},\n', "")
    (mine / "square.py").write_text(text, encoding="utf-8")
    _fails_in_one_line(mine, "square.py", "claim q1", "recall", "en")


def test_a_module_that_cannot_be_imported_names_its_line(mine: Path) -> None:
    (mine / "broken.py").write_text("x = 1\ny = (\n", encoding="utf-8")
    _fails_in_one_line(mine, "broken.py", "SyntaxError")


def test_a_malformed_toml_names_the_file(mine: Path) -> None:
    (mine / "homework.toml").write_text("[homework\ncourse = 1\n", encoding="utf-8")
    _fails_in_one_line(mine, "homework.toml", "cannot be read")


def test_a_toml_without_a_title_in_its_language_says_so(mine: Path) -> None:
    text = (mine / "homework.toml").read_text(encoding="utf-8").replace('[homework.title]\nen = "Homework 1"\n', "")
    (mine / "homework.toml").write_text(text, encoding="utf-8")
    _fails_in_one_line(mine, "homework.toml", "[homework.title]")


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    out = run(tmp_path, "--homework", "nowhere", "prove")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "nowhere: no such homework folder" in out.stderr


def test_a_language_the_homework_is_not_written_in_is_refused(mine: Path) -> None:
    out = run(mine.parent, "--homework", "mine", "build", "--lang", "fr", "--no-pdf", "--out", "mine/out")
    assert out.returncode == 2 and "written in en" in out.stderr and not (mine / "out").exists()


def test_a_homework_entry_that_is_not_a_string_is_one_line(mine: Path) -> None:
    (mine.parent / "symproof.toml").write_text("[submission]\nhomework = 3\n", encoding="utf-8")
    out = run(mine.parent, "list")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "homework must be a folder" in out.stderr


def test_a_date_that_is_not_a_calendar_date_is_one_line(mine: Path) -> None:
    text = (mine / "homework.toml").read_text(encoding="utf-8").replace("date = 2024-01-09", 'date = "9 January"')
    (mine / "homework.toml").write_text(text, encoding="utf-8")
    _fails_in_one_line(mine, "homework.toml", "[homework] date", "YYYY-MM-DD")


@pytest.mark.tex
def test_the_pdfs_carry_the_homeworks_own_date(mine: Path, latexmk: str) -> None:
    # the date is the homework's (its homework.toml), not the built-in homework's due date
    out = run(mine.parent, "--homework", "mine", "build", "--out", "mine/out")
    assert out.returncode == 0, out.stderr
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo not installed")
    for name in ("main", "audit"):
        info = subprocess.run([pdfinfo, "-isodates", str(mine / "out" / f"{name}.pdf")], capture_output=True,
                              text=True, check=True).stdout
        assert re.search(r"^CreationDate:\s+2024-01-09T00:00:00", info, re.M), info


def test_a_claim_of_ones_own_owns_its_figure(mine: Path) -> None:
    # the README's figure, given to the README's claim: drawn, shown in its sub-question, and up to date
    module = (mine / "square.py").read_text(encoding="utf-8")
    figure = fenced("python")[1]
    module = module.replace("\n\n@claim(", "\n\n" + figure.split("# and in")[0] + "\n\n@claim(", 1)
    module = module.replace('    handin={"en": "The square of a sum:"}))',
                            '    handin={"en": "The square of a sum:"},\n'
                            '    figure=PARABOLA, caption={"en": "The parabola $(x + 1)^2$."}))')
    assert "figure=PARABOLA" in module and "def draw_parabola" in module
    (mine / "square.py").write_text(module, encoding="utf-8")
    out = run(mine.parent, "--homework", "mine", "build", "--out", "mine/latex_out", "--no-pdf")
    assert out.returncode == 0, out.stderr
    pdf = (mine / "latex_out" / "figures" / "parabola.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"symproof-generated sha256=" in pdf
    main = (mine / "latex_out" / "main.tex").read_text(encoding="utf-8")
    assert "figures/parabola.pdf" in main.split("Question 1")[1] and "The parabola $(x + 1)^2$." in main
    assert "figures/parabola.pdf" in (mine / "latex_out" / "audit-q1.tex").read_text(encoding="utf-8")
    check = run(mine.parent, "--homework", "mine", "build", "--out", "mine/latex_out", "--no-pdf", "--check")
    assert check.returncode == 0, check.stderr


def test_a_check_without_words_in_a_language_is_one_line(mine: Path) -> None:
    # a computation the claim runs is worded by the claim (its write-up's steps under the check's key)
    text = (mine / "square.py").read_text(encoding="utf-8")
    text = text.replace("from symproof import ", "from symproof.prover import Check, CheckResult\n"
                        "from symproof import AllOf, ")
    text = text.replace("    return Body(statement=eq((x + 1) ** 2, x**2 + 2 * x + 1),",
                        '    return Body(statement=AllOf((("expansion", eq((x + 1) ** 2, x**2 + 2 * x + 1)), '
                        '("a run", Check("one run", lambda: CheckResult(True))))),')
    assert 'Check("one run"' in text
    (mine / "square.py").write_text(text, encoding="utf-8")
    _fails_in_one_line(mine, "square.py", "claim q1", "no words in en", "'one run'")
    worded = text.replace('    handin={"en": "The square of a sum:"}))',
                          '    handin={"en": "The square of a sum:"}, steps={"one run": {"en": "a single run"}}))')
    assert worded != text
    (mine / "square.py").write_text(worded, encoding="utf-8")
    out = run(mine.parent, "--homework", "mine", "build", "--out", "mine/out", "--no-pdf")
    assert out.returncode == 0, out.stderr
    assert "a single run" in (mine / "out" / "claims" / "q1.tex").read_text(encoding="utf-8")
