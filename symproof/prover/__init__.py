"""How a statement is decided: counterexample search, the residual ladder, case splits, time budgets."""

from __future__ import annotations

from .derivation import Derivation, Step
from .engine import DEFAULT_TIMEOUT, decide, prove
from .matrix import MatrixEqual, PositiveForm
from .matrix_rules import MatrixFacts
from .method import Kind, Method
from .statements import AllOf, Case, Check, CheckResult, Equal, Holds, Statement, eq
from .verdict import Scope, Status, Verdict

__all__ = ["DEFAULT_TIMEOUT", "AllOf", "Case", "Check", "CheckResult", "Derivation", "Equal", "Holds", "Kind",
           "MatrixEqual", "MatrixFacts", "Method", "PositiveForm", "Scope", "Statement", "Status", "Step", "Verdict",
           "decide", "eq", "prove"]
