"""The figures of the submission: a table of vector PDFs drawn by matplotlib from the package's own functions.

matplotlib is imported only inside `render`, so a build whose figures are up to date never pays for it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .render_python import resolve


@dataclass(frozen=True)
class Figure:
    """One figure: where it is shown, the modules its picture depends on, and how to draw it."""

    name: str
    question: str  # the sub-question whose page shows it
    sources: tuple[str, ...]  # modules whose code decides the picture: part of the recipe fingerprint
    draw: Callable[[Any], None]  # draws on a matplotlib Figure
    requires: str | None = None  # 'module:function' that must exist, else the figure is left out


def _round(values: Any, digits: int = 4) -> Any:
    """Round to `digits` significant digits: BLAS and libm differ in the last bits between machines,
    and those bits must not reach the committed PDFs."""
    a = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore"):
        scale = np.where(a == 0, 0.0, np.floor(np.log10(np.abs(np.where(a == 0, 1.0, a)))))
    return np.round(a / 10.0**scale, digits - 1) * 10.0**scale


def _draw_swish(fig: Any) -> None:
    from ..nn.activations import h

    ax = fig.add_subplot()
    x = np.linspace(-4, 4, 401)
    ax.plot(x, x / 2, "k--", lw=1, label=r"$x/2$ ($\beta = 0$)")
    ax.plot(x, np.maximum(x, 0), "k:", lw=1.5, label=r"$\mathrm{ReLU}(x)$")
    for b in (0.5, 1.0, 2.0, 5.0, 20.0):
        ax.plot(x, _round(h(x, b)), lw=1.2, label=rf"$\beta = {b:g}$")  # type: ignore[arg-type]
    ax.set_xlabel(r"$x$")
    ax.set_ylabel(r"$h(x) = x\,\sigma(\beta x)$")
    ax.legend(fontsize=8, frameon=False)
    ax.grid(alpha=0.3)


def _draw_relu_pieces(fig: Any) -> None:
    from ..nn.activations import h_relu

    a, b, alpha, beta = 1.0, 0.5, 1.0, -1.0
    ax = fig.add_subplot()
    x = np.linspace(-4, 4, 401)
    ax.plot(x, [h_relu(v, a, 0.0, alpha, beta) for v in x], "--", lw=1.2,
            label=r"$a\,\mathrm{ReLU}(x - \alpha)$")
    ax.plot(x, [h_relu(v, 0.0, b, alpha, beta) for v in x], "--", lw=1.2,
            label=r"$b\,\mathrm{ReLU}(\beta - x)$")
    ax.plot(x, [h_relu(v, a, b, alpha, beta) for v in x], "k", lw=2, label=r"$h$")
    for v, name in ((alpha, r"$\alpha$"), (beta, r"$\beta$")):
        ax.axvline(v, color="grey", lw=0.6)
        ax.annotate(name, (v, 0), xytext=(3, -12), textcoords="offset points")
    ax.set_xlabel(r"$x$")
    ax.legend(fontsize=8, frameon=False)
    ax.grid(alpha=0.3)


# A measured error is plotted only where round-off cannot reach its printed digits: its round-off share, estimated
# by the model below, is under this fraction of it. Elsewhere the round-off itself is what varies from one CPU (BLAS
# kernel, SIMD tanh) to another, and from one last bit of the inputs to another: the figure draws its model instead.
STABLE_SHARE = 1e-5
FIGURE_DIGITS = 2  # what a log-log plot can show; more would print the machine's last bits


@dataclass(frozen=True)
class FDFigure:
    """The finite-difference figure's data, as printed: nothing in it depends on the machine's last bits.

    Measured errors (forward, central) where truncation dominates; the truncation laws a r and b r^2 read off
    the largest steps; the round-off model eps ||g(w)|| / (c r ||Hv||) with c = 1 (forward) and 2 (central).
    """

    r: tuple[float, ...]
    forward: tuple[tuple[float, float], ...]  # (r, measured error) pairs kept
    central: tuple[tuple[float, float], ...]
    forward_model: tuple[float, ...]  # a r + eps ||g|| / (r ||Hv||), one per r
    central_model: tuple[float, ...]  # b r^2 + eps ||g|| / (2 r ||Hv||)


def finite_difference_data(problem: Any = None) -> FDFigure:
    """The figure's data for `problem` (the default one for None), every value rounded to FIGURE_DIGITS."""
    from ..nn.finite_diff import fd_error_curve, make_problem

    p = make_problem() if problem is None else problem
    curve = fd_error_curve(p)
    g = p.model.grad(p.w, p.X, p.y)
    hv = p.model.hvp(p.w, p.v, p.X, p.y)
    # norms of 284,682 terms vary by far less than a rounding step of two digits
    level = float(_round([np.finfo(float).eps * np.linalg.norm(g) / np.linalg.norm(hv)], FIGURE_DIGITS)[0])
    r = tuple(row.r for row in curve.rows)

    def kept(kind: str, c: float) -> tuple[tuple[float, float], ...]:
        pairs = [(row.r, float(getattr(row, kind))) for row in curve.rows]
        return tuple((x, float(_round([e], FIGURE_DIGITS)[0])) for x, e in pairs if level / (c * x) < STABLE_SHARE * e)

    forward, central = kept("forward", 1.0), kept("central", 2.0)
    a = float(_round([forward[0][1] / forward[0][0]], FIGURE_DIGITS)[0])  # the largest step: truncation only
    b = float(_round([central[0][1] / central[0][0] ** 2], FIGURE_DIGITS)[0])
    return FDFigure(r, forward, central,
                    tuple(float(_round([a * x + level / x], FIGURE_DIGITS)[0]) for x in r),
                    tuple(float(_round([b * x * x + level / (2 * x)], FIGURE_DIGITS)[0]) for x in r))


def _draw_finite_difference(fig: Any) -> None:
    data = finite_difference_data()
    ax = fig.add_subplot()
    ax.loglog(data.r, data.forward_model, "-", color="C0", lw=1, alpha=0.6)
    ax.loglog(data.r, data.central_model, "-", color="C1", lw=1, alpha=0.6)
    ax.loglog(*zip(*data.forward, strict=True), "o", ms=4, color="C0",
              label=r"$(g(\mathbf{w}+r\mathbf{v}) - g(\mathbf{w}))/r$")
    ax.loglog(*zip(*data.central, strict=True), "s", ms=4, color="C1",
              label=r"$(g(\mathbf{w}+r\mathbf{v}) - g(\mathbf{w}-r\mathbf{v}))/2r$")
    ax.set_xlabel(r"$r$")
    ax.set_ylabel(r"$\|\widetilde{\mathbf{Hv}} - \mathbf{Hv}\| \,/\, \|\mathbf{Hv}\|$")
    ax.invert_xaxis()
    ax.legend(fontsize=8, frameon=False)
    ax.grid(alpha=0.3, which="both")


def receptive_mask(size: int = 7, layers: int = 4, out: tuple[int, int] = (0, 0)) -> Any:
    """The input pixels on which output pixel `out` depends, from nn.layers.receptive_field, cross-checked
    against the non-zero columns of the product of the convolution matrices (two derivations must agree)."""
    from ..nn.conv import conv2d_matrix
    from ..nn.layers import Conv, receptive_field

    field = receptive_field([Conv(3, 1, 1)] * layers)
    half = (int(field.size) - 1) // 2
    centre = [int(field.start) + int(field.jump) * o for o in out]
    grid = np.arange(size)
    rows, cols = (np.abs(grid - c) <= half for c in centre)
    mask = rows[:, None] & cols[None, :]
    a = conv2d_matrix(np.ones((3, 3)), size, stride=1, padding=1)
    total = a
    for _ in range(layers - 1):
        total = a @ total
    support = np.asarray(total.getrow(out[0] * size + out[1]).todense()).ravel().reshape(size, size) != 0
    if not np.array_equal(mask, support):
        raise AssertionError(f"receptive_field {field} disagrees with the product of the conv matrices")
    return mask


def _draw_field(fig: Any, size: int, out: tuple[int, int], far: tuple[int, int] | None) -> None:
    """The input grid, the pixels output `out` depends on shaded, `out` itself dark, `far` (a pixel out of reach)
    in red."""
    from matplotlib.patches import Rectangle

    mask = receptive_mask(size, out=out)
    ax = fig.add_subplot()
    for i in range(size):
        for j in range(size):
            ax.add_patch(Rectangle((j, size - 1 - i), 1, 1, facecolor="#9ecae1" if mask[i, j] else "white",
                                   edgecolor="grey", lw=0.8))
    marks = [(out, "#08519c")] + ([(far, "#de2d26")] if far is not None else [])
    for (r, c), colour in marks:
        ax.add_patch(Rectangle((c, size - 1 - r), 1, 1, facecolor=colour, edgecolor="k", lw=1.2))
        ax.text(c + 0.5, size - 0.5 - r, rf"$({r},{c})$", ha="center", va="center", color="white",
                fontsize=8 if size <= 7 else 5)
    ax.set_xlim(0, size)
    ax.set_ylim(0, size)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])


def _draw_receptive_field(fig: Any) -> None:
    _draw_field(fig, 7, (0, 0), (6, 6))


def _draw_receptive_field_centre(fig: Any) -> None:
    _draw_field(fig, 11, (5, 5), None)


FIGURES: tuple[Figure, ...] = (
    Figure("swish", "1.1", ("symproof.nn.activations",), _draw_swish),
    Figure("relu_pieces", "1.2", ("symproof.nn.activations",), _draw_relu_pieces),
    Figure("finite_difference", "3.4", ("symproof.nn.finite_diff", "symproof.nn.mlp"), _draw_finite_difference,
           requires="symproof.nn.finite_diff:fd_error_curve"),
    Figure("receptive_field_centre", "5.3", ("symproof.nn.conv", "symproof.nn.layers"),
           _draw_receptive_field_centre, requires="symproof.nn.layers:receptive_field"),
    Figure("receptive_field", "5.4", ("symproof.nn.conv", "symproof.nn.layers"), _draw_receptive_field,
           requires="symproof.nn.layers:receptive_field"),
)

SIZE = (5.0, 3.0)
RC: dict[str, Any] = {
    "pdf.fonttype": 42,  # embedded TrueType: text stays text in the PDF
    "svg.hashsalt": "symproof",  # only used for SVG, set so that no output of ours is salted at random
    "font.size": 9,
    "axes.prop_cycle": None,  # filled in render (needs matplotlib's cycler)
}


def available(fig: Figure) -> bool:
    return fig.requires is None or resolve(fig.requires) is not None


def _source_bytes(module: str) -> bytes:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return b"missing"
    return Path(spec.origin).read_bytes()


@functools.cache
def recipe(fig: Figure) -> str:
    """A fingerprint of everything that decides the picture, computed without importing matplotlib (once per
    process: a build asks for it when planning, writing and checking)."""
    h = hashlib.sha256(fig.name.encode())
    h.update(Path(__file__).read_bytes())
    for module in fig.sources:
        h.update(_source_bytes(module))
    for dist in ("matplotlib", "numpy"):
        h.update(importlib.metadata.version(dist).encode())
    return h.hexdigest()


_DRAWN: dict[tuple[str, str], bytes] = {}


def remember(drawn: dict[tuple[str, str], bytes]) -> None:
    """Keep figures drawn elsewhere (a build's worker) as render's answers for the same (name, keywords)."""
    _DRAWN.update(drawn)


def draw_all(figures: Sequence[tuple[Figure, str]]) -> dict[tuple[str, str], bytes]:
    """Render each (figure, keywords): one job, so that matplotlib is imported once."""
    return {(fig.name, keywords): render(fig, keywords) for fig, keywords in figures}


def render(fig: Figure, keywords: str) -> bytes:
    """The figure as PDF bytes, reproducibly: no creation date, fixed fonts, `keywords` in the metadata."""
    if (fig.name, keywords) in _DRAWN:
        return _DRAWN[(fig.name, keywords)]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from cycler import cycler

    rc = {**RC, "axes.prop_cycle": cycler(color=["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"])}
    with plt.rc_context(rc):
        figure = plt.figure(figsize=SIZE if fig.name != "receptive_field" else (3.0, 3.0))
        try:
            fig.draw(figure)
            figure.tight_layout()
            buf = io.BytesIO()
            figure.savefig(buf, format="pdf", metadata={"CreationDate": None, "Creator": "symproof",
                                                        "Keywords": keywords})
        finally:
            plt.close(figure)
    return buf.getvalue()
