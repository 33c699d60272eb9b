"""Fixtures for the async suite: a fresh Quart app per test."""

from __future__ import annotations

import pytest
from quart import Quart


@pytest.fixture(name="app")
def _app() -> Quart:
    app = Quart(__name__)
    app.testing = True
    return app
