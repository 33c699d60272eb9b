"""Fixtures for the async suite: a fresh Quart app per test."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from quart import Quart  # imported in the fixture: Flask-only envs load this file too


@pytest.fixture(name="app")
def _app() -> Quart:
    from quart import Quart

    app = Quart(__name__)
    app.testing = True
    return app
