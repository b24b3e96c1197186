"""Values remembered for the process (limits, Taylor coefficients, matrix derivatives); forget() drops them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

_LIMITS: dict[Any, Any] = {}
TAYLOR: dict[Any, Any] = {}
# Every table of values remembered for the process (matrix_rules.py adds its derivatives): what forget() drops.
REMEMBERED: list[dict[Any, Any]] = [_LIMITS, TAYLOR]


def forget() -> None:
    """Drop the remembered values (limits, Taylor coefficients, matrix derivatives): a benchmark timing cold
    proofs in one process needs this."""
    for table in REMEMBERED:
        table.clear()


def remember(rule: Callable[[Any], Any], table: dict[Any, Any]) -> Callable[[Any], Any]:
    """`rule`, remembered in `table` for the process. An exception is not remembered."""
    def apply(e: Any) -> Any:
        if e not in table:
            table[e] = rule(e)
        return table[e]

    return apply


# ``lim.doit()``, remembered: the counterexample search and the ladder meet the same limits (in every case of a
# case split), and Gruntz is the slowest step of both.
limit_value: Callable[[sp.Limit], Any] = remember(lambda lim: lim.doit(), _LIMITS)


def known_limits(expr: Any) -> Any:
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Limit):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Limit), limit_value)
