"""The build's pipeline above latex/: prove the claims in the runner's workers, rendering each fragment and drawing
the stale figures there; latex/ only plans, prints and writes what this hands it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .claim import Claim, ClaimSpec
from .latex.document import Entry
from .latex.figures import Figure, draw_all, remember
from .latex.fragments import claim_fragment
from .latex.wording import Wording, wording
from .prover.engine import DEFAULT_TIMEOUT
from .prover.verdict import Verdict
from .runner import prove_claims_then


def prove_all(selected: Sequence[ClaimSpec], timeout: float = DEFAULT_TIMEOUT, jobs: int | None = None,
              on_verdict: Callable[[ClaimSpec, Verdict], None] | None = None, lang: str | None = None,
              draw: Sequence[tuple[Figure, str]] = ()) -> list[Entry]:
    """Prove the selected claims (a homework's, in its order). With `lang`, each worker also renders the fragment
    of the claim it has just built and proven, so that the rendering, too, runs on both cores; the figures in
    `draw` (see latex.build.figures_to_draw) are drawn by the same workers, first, and kept for the write."""
    chosen = list(selected)
    after = None if lang is None else _renderer(wording(lang))
    side = None
    if draw:
        side = (lambda: draw_all(draw), lambda drawn: remember(drawn) if isinstance(drawn, dict) else None)
    entries: dict[str, Entry] = {}
    for spec, verdict, text in prove_claims_then(chosen, after, timeout, jobs, side):
        entries[spec.id] = Entry(spec, verdict, {lang: text} if lang is not None and text is not None else {})
        if on_verdict is not None:
            on_verdict(spec, verdict)
    return [entries[s.id] for s in chosen]


def _renderer(w: Wording) -> Callable[[Claim, Verdict], str]:
    return lambda claim, verdict: claim_fragment(claim, verdict, w)
