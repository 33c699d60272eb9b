"""pytest plugin: a failed test shows what the browser did for each `flask_cors.testing` fetch.

Registered through the ``pytest11`` entry point, so it loads in every pytest run of a project
that installs flask_cors: it imports nothing more (Quart never, `flask_cors.testing` only if
the tests did), and does nothing for a test that made no fetch. ``-p no:flask_cors`` turns
it off.
"""

from __future__ import annotations

import sys
from collections.abc import Generator
from typing import Any

import pytest

SECTION = "flask_cors.testing: what a browser would do"


def _recent() -> Any:
    # Only if a test imported it: loading the plugin must not import Flask's test machinery.
    testing = sys.modules.get("flask_cors.testing")
    return () if testing is None else testing.RECENT


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Forget the fetches of earlier tests."""
    if recent := _recent():
        recent.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """Add each fetch's report (``flask cors check``'s text) to a failed test's report."""
    report: pytest.TestReport = (yield).get_result()
    results = list(_recent()) if report.when == "call" and report.failed else []
    for number, result in enumerate(results, 1):
        title = SECTION if len(results) == 1 else f"{SECTION} ({number} of {len(results)})"
        report.sections.append((title, result.explanation))
