"""The Quart twins of tests/sync/test_design_rules.py, and Flask/Quart parity of whole apps."""

from __future__ import annotations

from typing import Any

import pytest
from quart import Quart, request

from flask_cors import cross_origin
from tests.helpers import cors_headers

A = "https://a.example"


def _options_view_app(config_automatic: object, *, async_view: bool, **decorator: Any) -> Quart:
    app = Quart(__name__)
    app.config["CORS_AUTOMATIC_OPTIONS"] = config_automatic

    if async_view:

        @app.route("/v", methods=["GET", "OPTIONS"])
        @cross_origin(origins=A, **decorator)
        async def v() -> str:
            return f"view body {request.method}"

    else:

        @app.route("/v", methods=["GET", "OPTIONS"])
        @cross_origin(origins=A, **decorator)
        def v_sync() -> str:
            return f"view body {request.method}"

    return app


@pytest.mark.parametrize("async_view", [True, False], ids=["async-view", "sync-view"])
async def test_config_automatic_options_false_lets_a_decorated_view_answer_options(
    async_view: bool,
) -> None:
    app = _options_view_app("off", async_view=async_view)
    response = await app.test_client().options("/v", headers={"Origin": A})
    assert (await response.get_data(as_text=True), cors_headers(response.headers)) == (
        "view body OPTIONS",
        [("access-control-allow-origin", A)],
    )


@pytest.mark.parametrize("async_view", [True, False], ids=["async-view", "sync-view"])
async def test_decorator_automatic_options_keyword_beats_config(async_view: bool) -> None:
    app = _options_view_app(False, async_view=async_view, automatic_options=True)
    response = await app.test_client().options("/v", headers={"Origin": A})
    assert (await response.get_data(as_text=True), cors_headers(response.headers)) == (
        "",
        [("access-control-allow-origin", A)],
    )
