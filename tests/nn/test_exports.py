"""symproof.nn exports exactly what its modules define, lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import symproof.nn as nn


@pytest.mark.parametrize("name", nn.__all__)
def test_every_export_resolves(name: str) -> None:
    assert getattr(nn, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nosuch'"):
        _ = nn.nosuch  # type: ignore[attr-defined]


def test_importing_activations_does_not_import_scipy() -> None:
    code = "import sys, symproof.nn.activations; print('scipy.sparse' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
