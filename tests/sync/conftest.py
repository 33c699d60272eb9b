"""Fixtures for the Flask (sync) suite: a fresh app per test."""

from __future__ import annotations

import pytest
from flask import Flask


@pytest.fixture(name="app")
def _app() -> Flask:
    app = Flask(__name__)
    app.config.update(TESTING=True)

    @app.route("/api/items", methods=["GET", "POST"])
    def items() -> str:
        return "items"

    @app.route("/public")
    def public() -> str:
        return "public"

    return app
