"""One module per question of the assignment; each claim is one decorated function. Importing loads them all."""

from __future__ import annotations

import importlib
import pkgutil

_loaded = False


def load_all() -> None:
    """Import every ``q<N>_*.py`` module here, so a new claim file needs no registration elsewhere."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("q"):
            importlib.import_module(f"{__name__}.{info.name}")
