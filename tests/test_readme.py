"""The README's examples are run: its console sessions by the command line, its Python ones by doctest."""

from __future__ import annotations

import doctest
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every README command run as written: CI runs them, the fast lane skips them

README = Path(__file__).resolve().parent.parent / "README.md"


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def sessions() -> list[tuple[str, str]]:
    """(command, expected output) for every `$ symproof ...` line of the console blocks."""
    out: list[tuple[str, str]] = []
    for block in blocks("console"):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, expected = part.partition("\n")
            out.append((command, expected))
    return out


def test_readme_console_examples_print_what_it_shows() -> None:
    found = sessions()
    assert len(found) >= 4
    for command, expected in found:
        argv = shlex.split(command)
        assert argv[0] == "symproof", command
        proc = subprocess.run([sys.executable, "-m", "symproof", *argv[1:]], capture_output=True, text=True,
                              timeout=300)
        assert proc.stdout + proc.stderr == expected, command


def test_readme_python_examples_run() -> None:
    (block,) = blocks("pycon")
    test = doctest.DocTestParser().get_doctest(block, {}, "README", str(README), 0)
    assert len(test.examples) >= 6
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0
