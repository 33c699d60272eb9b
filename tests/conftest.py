"""Fixtures for every suite."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_flask_cli_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    # Flask's CLI (run by the `flask cors` tests) sets FLASK_RUN_FROM_CLI and never unsets
    # it; left behind, it turns every later app.run() into a no-op, in child processes too.
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
