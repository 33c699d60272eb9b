"""Fixtures for every suite."""

from __future__ import annotations

import pytest

from tests.helpers import FRAMEWORKS, Framework


@pytest.fixture(autouse=True)
def _no_flask_cli_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    # Flask's CLI (run by the `flask cors` tests) sets FLASK_RUN_FROM_CLI and never unsets
    # it; left behind, it turns every later app.run() into a no-op, in child processes too.
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)


# Session scope: a `Framework` holds no state, and hypothesis tests refuse function-scoped
# fixtures.
@pytest.fixture(name="framework", scope="session", params=FRAMEWORKS)
def _framework(request: pytest.FixtureRequest) -> Framework:
    """Flask `def` views, Flask `async def` views, Quart (marked `quart`): one body, three runs."""
    framework: Framework = request.param
    return framework
