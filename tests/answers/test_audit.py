"""The audit of the assignment's answer key: `check --all` on the key, each verdict against an independent decision.

The independent decision does not use the prover: it evaluates the parsed key answer and the claim's answer at
random points with plain `doit` and `N` (expressions), compares matrices entry by entry with `simplify`, and
sizes, yes/no and big O exactly. Only the symbol matching (the stated rule) is shared with `check`.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

from symproof.answers import AnswerParseError, parse_answer
from symproof.answers.aligning import align, claim_domain
from symproof.answers.check import run
from symproof.answers.functions import BigO
from symproof.cli import parser as symproof_parser
from symproof.homework import answer_target, get, specs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

KEY = Path(__file__).parent.parent / "data" / "answer_key_a2022.toml"
EXIT = {"equivalent": 0, "not equivalent": 1, "bad input": 2, "undecided": 3}


def _value(sym: Any, rng: random.Random) -> sp.Expr:
    if sym.is_integer:
        return sp.Integer(rng.randint(1 if sym.is_positive else 0, 4))
    magnitude = sp.Rational(rng.randint(1, 30), 7)
    return magnitude if sym.is_positive or sym.is_nonnegative or rng.random() < 0.5 else -magnitude


def _scalars(expr: Any) -> set[Any]:
    labels = {b.label for b in expr.atoms(sp.IndexedBase)}
    return {s for s in expr.free_symbols if isinstance(s, sp.Symbol) and s not in labels}


def numerically_equal(a: Any, b: Any, where: tuple[Any, ...], points: int = 6) -> bool:
    """a = b at `points` random points of the domain (sizes first, then the entries the sums expand to)."""
    rng = random.Random(2022)
    symbols = sorted(_scalars(a) | _scalars(b), key=sp.default_sort_key)
    found = 0
    for _ in range(400):
        point = {s: _value(s, rng) for s in symbols}
        if not all(sp.sympify(w).xreplace(point) is sp.true for w in where):
            continue
        ea, eb = (sp.sympify(e).xreplace(point).doit() for e in (a, b))
        entries = {e: _value(sp.Symbol("e", real=True), rng) for e in ea.atoms(sp.Indexed) | eb.atoms(sp.Indexed)}
        va, vb = (sp.N(e.xreplace(entries), 30) for e in (ea, eb))
        if abs(va - vb) > sp.Float("1e-20") * max(1, abs(vb)):
            return False
        found += 1
        if found == points:
            return True
    raise AssertionError(f"no point of the domain found for {a} and {b}")


def independent_verdict(claim_id: str, text: str) -> str:
    if claim_id not in {s.id for s in specs()}:
        return "bad input"
    claim = get(claim_id)
    expected = claim.answer
    if expected is None:
        return "bad input"
    try:
        answer = parse_answer(text)
    except AnswerParseError:
        return "bad input"
    if answer.kind == "equation" and isinstance(answer.value[0], sp.Symbol):  # `beta = 0`: a declared choice
        chosen = {str(k): v for k, v in claim.notes.get("choice", {}).items()}
        expected = chosen.get(str(answer.value[0]), expected)
    if isinstance(expected, sp.MatrixExpr) and not isinstance(expected, sp.MatrixBase):
        return matrix_verdict(answer.value, expected)
    if isinstance(expected, sp.Tuple):
        return "equivalent" if answer.kind == "size" and answer.value == tuple(expected) else "not equivalent"
    if isinstance(expected, (bool, sp.logic.boolalg.BooleanAtom)):
        return "equivalent" if answer.kind == "bool" and answer.value == bool(expected) else "not equivalent"
    value = answer.value[1] if answer.kind == "equation" else answer.value
    is_matrix = isinstance(expected, sp.MatrixBase)
    if is_matrix != bool(getattr(value, "is_Matrix", False)) or answer.kind in {"size", "bool"}:
        return "not equivalent"
    where, _ = claim_domain(claim)
    mine = align(value, expected, where).value
    if isinstance(expected, sp.Order):
        # same order at 0: the ratio of the two arguments has a finite nonzero limit (Gruntz, not a series)
        if not isinstance(mine, BigO):
            return "not equivalent"
        ratio = sp.limit(mine.args[0] / expected.expr, expected.variables[0], 0, "+")
        return "equivalent" if ratio.is_finite and ratio != 0 else "not equivalent"
    if is_matrix:
        same = mine.shape == expected.shape and all(
            sp.simplify((mine[r, c] - expected[r, c]).doit()) == 0 for r in range(mine.rows) for c in range(mine.cols))
        return "equivalent" if same else "not equivalent"
    return "equivalent" if numerically_equal(mine, sp.sympify(expected), where) else "not equivalent"


def matrix_verdict(value: Any, expected: Any) -> str:
    """A matrix answer against a matrix claim, decided without the prover: every MatrixSymbol of the same name set
    to a random symmetric, strictly diagonally dominant (so invertible) rational matrix at n = 3, both sides
    multiplied out and compared exactly."""
    if not isinstance(value, sp.MatrixExpr):
        return "not equivalent"
    rng = random.Random(2022)
    n = 3
    values: dict[str, Any] = {}
    for m in sorted(expected.atoms(sp.MatrixSymbol), key=str):
        cols = 1 if m.shape[1] == 1 else n
        b = sp.Matrix(n, cols, lambda i, j: sp.Rational(rng.randint(-9, 9), rng.randint(1, 4)))
        values[str(m)] = (b + b.T + 40 * sp.eye(n)) if cols == n else b
    sizes = {s: n for s in expected.free_symbols | value.free_symbols if isinstance(s, sp.Symbol) and s.is_integer}

    def name(m: Any) -> str:
        # the notation the README's grammar table states: w^{(t)} is w_t and \nabla f(w^{(t)}) is g (3.1's text)
        plain = str(m).replace("{", "").replace("}", "")
        return {r"\nabla f(w_t)": "g"}.get(plain, plain)

    def explicit(e: Any) -> Any:
        table = {m: values.get(name(m)) for m in e.atoms(sp.MatrixSymbol)}
        if any(v is None for v in table.values()):
            raise KeyError(str(e))
        return sp.Matrix(e.subs(sizes).xreplace(table).doit())

    try:
        same = explicit(value) == explicit(expected)
    except (KeyError, ValueError, TypeError, sp.ShapeError):
        return "bad input"
    return "equivalent" if same else "not equivalent"


@pytest.fixture(scope="module")
def audit() -> tuple[int, list[dict[str, Any]]]:
    parser = symproof_parser()
    from contextlib import redirect_stdout
    from io import StringIO

    out = StringIO()
    with redirect_stdout(out):
        code = run(parser.parse_args(["check", "--all", str(KEY), "--json", "--timeout", "60"]))
    return code, json.loads(out.getvalue())


def test_the_key_file_is_audited_answer_by_answer_in_file_order(audit: tuple[int, list[dict[str, Any]]]) -> None:
    with KEY.open("rb") as fh:
        key = tomllib.load(fh)
    # a sub-question id (q3.4) is checked against its answer claim, and the row names that claim (bad input keeps
    # the id as written)
    assert len(audit[1]) == len(key)
    assert [row["id"] for row in audit[1] if row["verdict"] != "bad input"] == [
        answer_target(k) for k, row in zip(key, audit[1], strict=True) if row["verdict"] != "bad input"]


def test_every_verdict_on_the_key_agrees_with_an_independent_decision(
        audit: tuple[int, list[dict[str, Any]]]) -> None:
    with KEY.open("rb") as fh:
        key = tomllib.load(fh)
    disagreements = []
    for row, text in zip(audit[1], key.values(), strict=True):
        expected = independent_verdict(row["id"], text)
        if row["verdict"] != expected:
            disagreements.append(f"{row['id']}: check says {row['verdict']}, independent decision {expected}")
    assert disagreements == []


def test_the_audit_finds_at_least_one_wrong_key_answer_among_existing_claims(
        audit: tuple[int, list[dict[str, Any]]]) -> None:
    existing = {s.id for s in specs()}
    wrong = [row["id"] for row in audit[1] if row["id"] in existing and row["verdict"] == "not equivalent"]
    assert wrong, "the audit should find a key answer that is not equivalent to the proven one"
    # the evidence: a point where the two differ, a matrix of another shape, or (yes/no, sizes) the exact values
    assert all(row["counterexample"] or row["method"] == "shape check" or row["method"].startswith("exact comparison")
               for row in audit[1] if row["id"] in wrong)


def test_the_exit_code_of_the_audit_is_that_of_its_worst_verdict(audit: tuple[int, list[dict[str, Any]]]) -> None:
    severity = ["equivalent", "not equivalent", "undecided", "bad input"]
    worst = max((row["verdict"] for row in audit[1]), key=severity.index)
    assert audit[0] == EXIT[worst]
