"""The hand-in (main.tex) reads as a student's answer sheet: the rules of what it may display and say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from symproof.claim import Role
from symproof.homework import builtin, get, specs
from symproof.latex import document
from symproof.latex.build import plan, write
from symproof.latex.document import Entry
from symproof.latex.fragments import printer_settings
from symproof.latex.handin import handin_file, notation_names
from symproof.latex.printer import latex
from symproof.latex.wording import wording
from symproof.prover.statements import Equal

from .conftest import fake_entry


@pytest.fixture(scope="module")
def everything() -> list[Entry]:
    return [fake_entry(s.id) for s in specs()]


def handin(entries: list[Entry], lang: str, folder: Path) -> str:
    write([t for t in plan(entries, lang, meta=builtin().meta) if t.figure is None], folder)
    return (folder / "main.tex").read_text()


def _unwrap(tex: str, command: str) -> str:
    r"""\command{X} -> X, braces matched."""
    while (start := tex.find(command + "{")) >= 0:
        depth, i = 0, start + len(command)
        for i in range(start + len(command), len(tex)):
            depth += {"{": 1, "}": -1}.get(tex[i], 0)
            if depth == 0:
                break
        tex = tex[:start] + tex[start + len(command) + 1:i] + tex[i + 1:]
    return tex


def displayed_links(block: str) -> list[tuple[str, str]]:
    """The (left, right) pairs an align* block shows, chains read as a = e1 = e2 (row 'e1 &= e2' after the first)."""
    body = re.sub(r"\\tag\*\{[^{}]*(\{[^{}]*\}[^{}]*)*\}", "", _unwrap(block, r"\fitrow"))
    links, previous = [], None
    for row in (r.strip() for r in body.split("\\\\\n")):
        row = row.replace(r"\qquad", "").strip()
        if "&=" in row or "& =" in row:
            left, right = (s.strip() for s in re.split(r"&\s*=", row, maxsplit=1))
            left = left or previous
            links.append((left, right))
            previous = right
        elif row.startswith("&"):
            previous = row[1:].strip()  # a left side stacked alone; its right sides follow
    return [(a, b) for a, b in links if a is not None]


def subsections(tex: str) -> dict[str, str]:
    parts = re.split(r"\\subsection\*\{([^}]*)\}", tex)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def blocks(section: str) -> list[str]:
    return re.findall(r"\\begin\{align\*\}\n(.*?)\n\\end\{align\*\}", section, re.S)


def test_each_sub_question_of_the_assignment_has_exactly_one_answer_claim() -> None:
    answers: dict[str, list[str]] = {}
    for s in specs():
        if s.role is Role.ANSWER:
            answers.setdefault(s.subquestion, []).append(s.id)
    assert {sub: ids for sub, ids in answers.items() if len(ids) != 1} == {}
    assert sorted(answers) == sorted(builtin().subquestions)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_display_says_x_equals_x_or_comes_twice_in_a_sub_question(
        lang: str, everything: list[Entry], tmp_path: Path) -> None:
    shown = subsections(handin(everything, lang, tmp_path))
    assert len(shown) == len(builtin().subquestions)
    total = 0
    for sub, text in shown.items():
        links = [link for block in blocks(text) for link in displayed_links(block)]
        total += len(links)
        assert [link for link in links if link[0] == link[1]] == [], sub
        assert len(links) == len(set(links)), (sub, [link for link in links if links.count(link) > 1])
    assert total > 30  # the parser did read the displays


def test_a_statement_is_not_displayed_again_as_the_first_row_of_its_chain(everything: list[Entry],
                                                                          tmp_path: Path) -> None:
    shown = subsections(handin(everything, "fr", tmp_path))
    w = wording("fr", builtin().meta)
    checked = 0
    for e in everything:
        claim = get(e.spec.id)
        if claim.role is not Role.ANSWER or not isinstance(claim.statement, Equal) or not claim.steps:
            continue
        settings = {**printer_settings(w, claim), "names": notation_names(claim)}
        statement = (latex(claim.statement.lhs, **settings), latex(claim.statement.rhs, **settings))
        title = next(t for t in shown if t.replace(" (", "").rstrip(")") == claim.subquestion)
        links = [link for b in blocks(shown[title]) for link in displayed_links(b)]
        assert links.count(statement) <= 1, claim.id  # shown as the statement or as a chain's row, not both
        checked += 1
    assert checked >= 3


def test_the_hand_in_names_no_tool_method_or_claim_and_has_no_english_in_french(
        everything: list[Entry], tmp_path: Path) -> None:
    tex = handin(everything, "fr", tmp_path)
    body = tex.split(r"\begin{document}")[1]
    for word in ("symproof", "Affirmation", "méthode :", "Vérification", "latexify", "Python", "claim", "proven",
                 r"\text{for}", "otherwise", r"\checkmark", "texttt{q"):
        assert word not in body, word
    assert re.findall(r"\bq\d(?:\.\d[a-z]?)+", body) == []  # no claim id
    math = re.findall(r"\$[^$]*\$", body) + blocks(body)
    assert [m for m in math if re.search(r"\d\.\d", m)] == []  # decimal comma in French
    assert r"284\,682" in body and "284682" not in body


def test_the_assignment_notation_is_used(everything: list[Entry], tmp_path: Path) -> None:
    shown = subsections(handin(everything, "fr", tmp_path))
    assert r"\boldsymbol{w}^{(t)}" in shown["3.1"] and "w_{t}" not in shown["3.1"]
    assert r"x - \alpha" in shown["1.2"] and r"- \alpha + x" not in shown["1.2"]
    assert r"\mathbb{R}^d" in shown["1.3"] and "d - 1" in shown["1.3"] and "n - 1" not in shown["1.3"]
    assert r"12 \times 12" in shown["4.1"] and r"9 \times 9" in shown["5.3"]
    assert "N - 8" in shown["4.2"] and "-8 + N" not in shown["4.2"]


def test_figures_sit_in_their_sub_question_and_never_float(everything: list[Entry]) -> None:
    figures = document.figures_in(specs())
    tex = handin_file(everything, wording("fr", builtin().meta))  # figure files are not needed to place them
    assert r"\begin{figure}" not in tex
    shown = subsections(tex)
    placed = {f.name: [t.replace(" (", "").rstrip(")") for t, text in shown.items() if f"figures/{f.name}.pdf" in text]
              for f in figures}
    wanted = {s.write_up.figure.name: [s.subquestion] for s in specs() if s.write_up.figure is not None}
    assert placed == wanted and placed["receptive_field"] == ["5.4"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_values_of_one_side_in_several_regions_are_one_piecewise_display_with_each_region(
        lang: str, everything: list[Entry], tmp_path: Path) -> None:
    # 1.2: rows "X = a(x - alpha)", "X = 0", "X = -b(x - beta)" without their regions would read as a(x - alpha) = 0
    section = next(text for sub, text in subsections(handin(everything, lang, tmp_path)).items() if "1.2" in sub)
    shown = "\n".join(blocks(section))
    assert shown.count(r"\begin{cases}") == 2, shown
    for region in (r"x \geq \alpha", r"x \leq \beta", r"x > \alpha", r"x < \beta"):
        assert region in shown, (region, shown)
    assert r"\beta < \alpha" not in shown  # the hypothesis every region shares is said in the text, once
