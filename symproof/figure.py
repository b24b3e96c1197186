"""A figure a claim owns: its name, how it is drawn on a matplotlib figure, and what decides its picture."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Figure:
    """A figure, declared in its claim's write-up (``WriteUp(figure=Figure(...), caption={...})``).

    `draw` draws on a matplotlib Figure (matplotlib is imported by the printer, only when a figure is drawn).
    The picture is redrawn when its recipe changes: the module `draw` is defined in, the modules in `sources`
    (others whose code decides the picture), the renderer and the matplotlib and numpy versions.
    """

    name: str  # the file's name, figures/<name>.pdf, and its LaTeX label fig:<name>
    draw: Callable[[Any], None]
    sources: tuple[str, ...] = ()
    size: tuple[float, float] = (5.0, 3.0)  # inches


def rounded(values: Any, digits: int = 4) -> Any:
    """`values` rounded to `digits` significant digits: BLAS and libm differ in the last bits between machines,
    and those bits must not reach the committed PDFs."""
    a = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore"):
        scale = np.where(a == 0, 0.0, np.floor(np.log10(np.abs(np.where(a == 0, 1.0, a)))))
    return np.round(a / 10.0**scale, digits - 1) * 10.0**scale
