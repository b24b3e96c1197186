"""A verdict's method is data: its plain text, its parts through a conjunction, its trip through a worker."""

from __future__ import annotations

import pickle

import pytest
import sympy as sp

from symproof.prover import AllOf, Case, Check, CheckResult, Kind, Method, Scope, Status, Verdict, decide, eq
from symproof.prover.budget import Finished, run_one
from symproof.prover.method import COMBINING, PLAIN, each, together
from symproof.runner import flatten_method

x = sp.Symbol("x", real=True)
t = sp.Symbol("t", positive=True)
SIGN_CASES = (Case("x > 0", {x: t}), Case("x < 0", {x: -t}), Case("x = 0", {x: 0}))


def test_every_kind_has_a_plain_text() -> None:
    assert set(PLAIN) == set(Kind)
    assert COMBINING < set(Kind)


def test_the_plain_text_is_the_line_the_cli_prints() -> None:
    split = together(Method(Kind.CASE_SPLIT, cases=("x > 0", "x < 0")),
                     Method(Kind.RESIDUAL_LADDER, ("doit", "cancel")))
    assert str(split) == "case split (x > 0, x < 0; cover proven) + residual ladder (doit+cancel)"
    assert str(each([split, Method(Kind.EVALUATION), split])) == f"{split}; evaluation"
    cited = together(Method(Kind.CITED_RULES, ("chain rule", "Taylor")), Method(Kind.COMPUTED, ("order arithmetic",)))
    assert str(cited) == "cited rules (chain rule, Taylor) + computed (order arithmetic)"
    assert cited.cited == ("chain rule", "Taylor")
    assert str(Method(Kind.STEP_RESAMPLED, subject="Taylor", count=3)) == "step 3 (Taylor) at a fixed n"
    assert str(Method(Kind.PART, subject="step 1.2", parts=(Method(Kind.TIMEOUT),))) == "step 1.2: timeout"


def test_a_verdict_refuses_a_method_given_as_text() -> None:
    with pytest.raises(TypeError, match="not str"):
        Verdict(Status.PROVEN, Scope.GENERAL, "residual ladder (doit)")  # type: ignore[arg-type]


def test_a_proven_case_split_names_its_cases_and_its_rungs() -> None:
    v = decide(eq(sp.Max(x, 0) + sp.Max(-x, 0), sp.Abs(x), cases=SIGN_CASES), Scope.GENERAL)
    assert v.proven, v.summary()
    assert v.method.kind is Kind.WITH
    split, ladder = v.method.parts
    assert split == Method(Kind.CASE_SPLIT, cases=("x > 0", "x < 0", "x = 0"))
    assert ladder.kind is Kind.RESIDUAL_LADDER and ladder.rules


def test_a_conjunction_keeps_each_part_with_its_own_method() -> None:
    st = AllOf((("sign", eq(sp.Max(x, 0) + sp.Max(-x, 0), sp.Abs(x), cases=SIGN_CASES)),
                ("algebra", eq((x + 1) ** 2, x**2 + 2 * x + 1)),
                ("check", Check("a computation", lambda: CheckResult(True)))))
    v = decide(st, Scope.GENERAL)
    assert v.proven, v.summary()
    methods = {label: part.method for label, part in v.parts}
    assert methods["sign"].kind is Kind.WITH and methods["check"] == Method(Kind.CHECK, subject="a computation")
    assert v.method == Method(Kind.PARTS, count=3, parts=tuple(methods.values()))
    flat = flatten_method(v)
    assert flat.method == Method(Kind.EACH, parts=tuple(methods.values())) and flat.parts == v.parts
    assert list(flat.method.leaves()) == [*methods["sign"].parts, methods["algebra"], methods["check"]]


def test_a_refuted_part_is_named_with_its_method() -> None:
    st = AllOf((("true", eq(x + x, 2 * x)), ("false", eq(x * x, 2 * x))))
    v = decide(st, Scope.GENERAL)
    assert v.refuted
    assert v.method == Method(Kind.PART, subject="false", parts=(dict(v.parts)["false"].method,))
    assert v.method.parts[0].kind is Kind.RANDOM_POINTS


def test_a_method_survives_pickling_and_the_worker_pipe() -> None:
    st = AllOf((("sign", eq(sp.Max(x, 0) + sp.Max(-x, 0), sp.Abs(x), cases=SIGN_CASES)),
                ("algebra", eq((x + 1) ** 2, x**2 + 2 * x + 1))))
    here = flatten_method(decide(st, Scope.GENERAL))
    assert pickle.loads(pickle.dumps(here.method)) == here.method
    outcome = run_one(lambda: flatten_method(decide(st, Scope.GENERAL)), 60)
    assert isinstance(outcome, Finished)
    there = outcome.value
    assert there.method == here.method and there.method.kind is Kind.EACH
    assert [p.method for _, p in there.parts] == [p.method for _, p in here.parts]


def test_a_method_as_json_data_keeps_its_structure() -> None:
    split = together(Method(Kind.CASE_SPLIT, cases=("x > 0",)), Method(Kind.RESIDUAL_LADDER, ("doit",)))
    assert split.as_dict() == {"kind": "with", "parts": [{"kind": "case_split", "cases": ["x > 0"]},
                                                         {"kind": "residual_ladder", "rules": ["doit"]}]}
    assert Method(Kind.STEP, count=2).as_dict() == {"kind": "step", "count": 2}
