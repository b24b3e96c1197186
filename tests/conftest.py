"""Shared fixtures: the optional PyTorch oracle, skipped on a user's machine but required in CI."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture()
def latexmk() -> str:
    """latexmk, or a skip on a machine without TeX; in CI (the CI variable is set) a missing TeX fails."""
    exe = shutil.which("latexmk")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("latexmk is required in CI: apt-get install latexmk texlive-latex-recommended "
                        "texlive-fonts-recommended texlive-lang-french")
        pytest.skip("latexmk not installed")
    return exe
