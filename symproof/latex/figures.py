"""Drawing the figures the claims own (symproof.figure.Figure) as reproducible vector PDFs, with matplotlib.

matplotlib is imported only inside `render`, so a build whose figures are up to date never pays for it.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import importlib.util
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..figure import Figure

RC: dict[str, Any] = {
    "pdf.fonttype": 42,  # embedded TrueType: text stays text in the PDF
    "svg.hashsalt": "symproof",  # only used for SVG, set so that no output of ours is salted at random
    "font.size": 9,
    "axes.prop_cycle": None,  # filled in render (needs matplotlib's cycler)
}


def _source_bytes(module: str) -> bytes:
    loaded = sys.modules.get(module)  # a homework of one's own is loaded from its file, not found on the path
    origin = getattr(loaded, "__file__", None) if loaded is not None else None
    if origin is None:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec is not None else None
    return Path(origin).read_bytes() if origin is not None else b"missing"


@functools.cache
def _top_level(module: str) -> dict[str, str]:
    """Each top-level definition or assignment of a module, by name: its source text (read once per process)."""
    source = _source_bytes(module).decode("utf-8")
    top: dict[str, str] = {}
    for node in ast.parse(source).body:
        names = [node.name] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else \
            [t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
        for name in names:
            top[name] = ast.get_source_segment(source, node) or ""
    return top


def drawing_code(draw: Any) -> bytes:
    """The source of `draw` and of every top-level definition or assignment it names, transitively (its helpers,
    its constants, and the functions it imports from its own package): what decides the picture, and nothing
    else, so that editing a claim's words next to its figure does not redraw the figure. What it imports inside
    a function, or from other packages, is the `sources`'."""
    if draw.__name__ not in _top_level(draw.__module__):
        return _source_bytes(draw.__module__)  # not a top-level function (a lambda, a closure): its whole module
    root = draw.__module__.split(".")[0]
    seen: set[tuple[str, str]] = set()
    todo = [(draw.__module__, draw.__name__)]
    parts: list[str] = []
    while todo:
        module, name = todo.pop()
        top = _top_level(module)
        if (module, name) in seen:
            continue
        seen.add((module, name))
        if name in top:
            parts.append(f"# {module}.{name}\n{top[name]}")
            todo += [(module, n.id) for n in ast.walk(ast.parse(top[name])) if isinstance(n, ast.Name)]
            continue
        imported = getattr(sys.modules.get(module), name, None)  # `from .other import helper` at the top
        home = getattr(imported, "__module__", None)
        if callable(imported) and isinstance(home, str) and home.split(".")[0] == root and home != module:
            todo.append((home, getattr(imported, "__name__", name)))
    return "\n".join(sorted(parts)).encode()


@functools.cache
def recipe(fig: Figure) -> str:
    """A fingerprint of everything that decides the picture, computed without importing matplotlib (once per
    process: a build asks for it when planning, writing and checking)."""
    h = hashlib.sha256(fig.name.encode())
    h.update(repr(tuple(float(v) for v in fig.size)).encode())
    h.update(Path(__file__).read_bytes())
    h.update(drawing_code(fig.draw))
    for module in (Figure.__module__, *fig.sources):
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
        figure = plt.figure(figsize=fig.size)
        try:
            fig.draw(figure)
            figure.tight_layout()
            buf = io.BytesIO()
            figure.savefig(buf, format="pdf", metadata={"CreationDate": None, "Creator": "symproof",
                                                        "Keywords": keywords})
        finally:
            plt.close(figure)
    return buf.getvalue()
