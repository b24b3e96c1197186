"""Print how many adversarial statements the session decided, and their verdicts, after the test summary."""

from __future__ import annotations

import sys
from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    module = next((m for name, m in sys.modules.items() if name.endswith("adversarial.test_adversarial")), None)
    if module is None or not module.DECIDED:
        return
    terminalreporter.write_line("")
    for line in module.summary():
        terminalreporter.write_line(line)
