"""The command line, run as a user would: python -m symproof in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "symproof", *args], capture_output=True, text=True, timeout=300)


def test_prove_json_reports_every_field() -> None:
    out = run("prove", "q1.1a", "q1.4.float64", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["id"] for r in rows] == ["q1.1a", "q1.4.float64"]
    for row in rows:
        assert set(row) >= {"id", "verdict", "scope", "method", "seconds", "counterexample"}
        assert row["verdict"] == "proven" and row["counterexample"] is None
    assert [r["scope"] for r in rows] == ["general", "instance"]
    # the method as text, and as data that needs no parsing
    ladder = rows[0]["method_detail"]
    assert set(ladder) == {"kind", "rules"} and ladder["kind"] == "residual_ladder"
    assert rows[0]["method"] == f"residual ladder ({'+'.join(ladder['rules'])})"
    assert rows[1]["method_detail"] == {"kind": "check", "subject": rows[1]["method"]}


def test_unknown_selector_is_one_line_and_exit_2() -> None:
    out = run("prove", "nosuch")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "nearest:" in out.stderr and "Traceback" not in out.stderr


def test_unproven_claim_exits_1() -> None:
    out = run("prove", "q1.1b", "--timeout", "0.01")
    assert out.returncode == 1
    assert "unknown" in out.stdout and "timeout" in out.stdout


def test_list_shows_id_scope_and_statement() -> None:
    out = run("list", "q1.1")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["q1.1a", "q1.1b", "q1.1b.rate"]
    assert all(line.split()[1] == "general" for line in lines)


def test_prove_prints_a_summary_line() -> None:
    out = run("prove", "q1.2")
    assert out.returncode == 0
    assert out.stdout.splitlines()[-1].startswith("2 claims: 2 proven, 0 refuted, 0 unknown")


def test_a_reader_that_leaves_early_ends_the_run_quietly() -> None:
    """`symproof list | head -1` with more output than a pipe holds: exit 1, no traceback (run skips teardown)."""
    script = ("from symproof import cli\n"
              "cli.main = lambda argv=None: print('x' * 1_000_000) or 0\n"
              "cli.run()\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    assert proc.wait(timeout=60) == 1
    assert b"Traceback" not in proc.stderr.read()


def test_run_keeps_main_exit_codes() -> None:
    assert run("prove", "no-such-claim").returncode == 2 and run("list").returncode == 0


def test_a_sub_question_id_is_checked_against_its_answer_claim() -> None:
    for sub, answer, claim in (("q3.2", "284682", "q3.2.mlp"), ("Q4.1", r"12 \times 12", "q4.1"),
                               ("q5.3", r"9 \times 9", "q5.3")):
        out = run("check", sub, answer)
        assert out.returncode == 0 and out.stdout.startswith(f"{claim}: equivalent"), (sub, out.stdout, out.stderr)
    wrong = run("check", "q3.2", "284681")
    assert wrong.returncode == 1 and "not equivalent" in wrong.stdout


def test_a_question_id_asks_for_a_sub_question_and_lists_them() -> None:
    out = run("check", "q1", "x")
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert "q1.1a, q1.1b, q1.2, q1.3, q1.4" in out.stderr


def test_version_and_case_insensitive_selectors() -> None:
    from symproof import __version__

    assert run("--version").stdout.strip() == f"symproof {__version__}"
    out = run("list", "Q1.1A", "1.2")
    assert [line.split()[0] for line in out.stdout.splitlines()] == ["q1.1a", "q1.2", "q1.2.leaky"]
    near = run("list", "q1.9")
    assert near.returncode == 2 and all(i.startswith("q1.") for i in near.stderr.split("nearest: ")[1].split(", "))


def test_a_check_on_numeric_evidence_only_is_passed_never_proven() -> None:
    out = run("prove", "q2.montecarlo", "q2.k3")
    assert out.returncode == 0, out.stderr
    rows = {line.split()[0]: line.split()[1] for line in out.stdout.splitlines()[:-1]}
    assert rows == {"q2.k3": "proven", "q2.montecarlo": "passed"}
    assert out.stdout.splitlines()[-1].startswith("2 claims: 1 proven, 1 passed on numeric evidence only, 0 refuted")
    rows_json = json.loads(run("prove", "q2.montecarlo", "--json").stdout)
    assert [(r["verdict"], r["scope"]) for r in rows_json] == [("passed", "numeric")]
