"""Shared fixtures: the optional PyTorch oracle, skipped on a user's machine but required in CI."""

from __future__ import annotations

import os
from types import ModuleType

import pytest


@pytest.fixture(scope="session")
def torch() -> ModuleType:
    """PyTorch, the independent oracle. Missing torch skips locally and fails in CI (the CI variable is set)."""
    try:
        import torch as _torch
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("torch not installed: pip install torch==2.13.0 && pip install -e '.[oracle]'")
    return _torch
