"""`@cors_exempt` on Quart: sync and async views and websocket routes leave an app-wide
`CORS(app)` (DESIGN 4 and 7)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from quart import Blueprint, Quart, abort, websocket

from flask_cors import CORS, cors_exempt, cross_origin
from tests.helpers import cors_headers

ORIGIN = {"Origin": "https://app.example"}
PREFLIGHT = {"Origin": "https://app.example", "Access-Control-Request-Method": "PUT"}
ALLOWED = [("access-control-allow-origin", "https://app.example"), ("vary", "Origin")]


def sync_view() -> str:
    return "exempt"


async def async_view() -> str:
    return "exempt"


def aborting_view() -> str:
    abort(403)


async def async_aborting_view() -> str:
    abort(403)


def make_app(view: Callable[..., Any]) -> Quart:
    """A Quart app with CORS(app) on every path, `view` exempt at /exempt, and /open."""
    app = Quart(__name__)
    CORS(app)
    app.add_url_rule("/exempt", view_func=cors_exempt(view), methods=["GET", "PUT"])

    @app.get("/open")
    async def open_view() -> str:
        return "open"

    return app


VIEWS = pytest.mark.parametrize("view", [sync_view, async_view], ids=["def", "async-def"])


@VIEWS
async def test_exempt_view_gets_no_cors_headers(view: Callable[..., Any]) -> None:
    response = await make_app(view).test_client().get("/exempt", headers=ORIGIN)
    assert (response.status_code, cors_headers(response.headers)) == (200, [])


@VIEWS
async def test_preflight_to_an_exempt_view_gets_no_cors_headers(view: Callable[..., Any]) -> None:
    response = await make_app(view).test_client().options("/exempt", headers=PREFLIGHT)
    assert (response.status_code, cors_headers(response.headers)) == (200, [])


@pytest.mark.parametrize("view", [aborting_view, async_aborting_view], ids=["def", "async-def"])
async def test_error_in_an_exempt_view_gets_no_cors_headers(view: Callable[..., Any]) -> None:
    response = await make_app(view).test_client().get("/exempt", headers=ORIGIN)
    assert (response.status_code, cors_headers(response.headers)) == (403, [])


@VIEWS
async def test_other_views_keep_their_cors_headers(view: Callable[..., Any]) -> None:
    response = await make_app(view).test_client().get("/open", headers=ORIGIN)
    assert cors_headers(response.headers) == ALLOWED


async def test_exempt_view_in_a_blueprint_with_its_own_cors_gets_no_cors_headers() -> None:
    app = Quart(__name__)
    bp = Blueprint("api", __name__, url_prefix="/api")
    CORS(bp)

    @bp.get("/exempt")
    @cors_exempt
    async def exempt() -> str:
        return "exempt"

    @bp.get("/open")
    async def open_view() -> str:
        return "open"

    app.register_blueprint(bp)
    client = app.test_client()
    exempt_response = await client.get("/api/exempt", headers=ORIGIN)
    open_response = await client.get("/api/open", headers=ORIGIN)
    assert (cors_headers(exempt_response.headers), cors_headers(open_response.headers)) == (
        [],
        ALLOWED,
    )


async def test_exempt_does_not_remove_the_views_own_cross_origin() -> None:
    app = Quart(__name__)
    CORS(app, origins="https://other.example")

    @app.get("/own")
    @cors_exempt
    @cross_origin(origins="https://app.example")
    async def own() -> str:
        return "own"

    response = await app.test_client().get("/own", headers=ORIGIN)
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://app.example")
    ]


def make_websocket_app() -> Quart:
    """Websocket routes under CORS(app) allowing one origin: one exempt, one guarded."""
    app = Quart(__name__)
    CORS(app, origins="https://app.example")

    @app.websocket("/exempt")
    @cors_exempt
    async def exempt() -> None:
        await websocket.accept()
        await websocket.send("exempt")

    @app.websocket("/guarded")
    async def guarded() -> None:
        await websocket.accept()
        await websocket.send("guarded")

    return app


async def test_exempt_websocket_accepts_a_handshake_from_any_origin() -> None:
    client = make_websocket_app().test_client()
    async with client.websocket("/exempt", headers={"Origin": "https://evil.example"}) as ws:
        assert await ws.receive() == "exempt"


async def test_guarded_websocket_still_refuses_a_foreign_origin() -> None:
    from quart.testing import WebsocketResponseError

    client = make_websocket_app().test_client()
    with pytest.raises(WebsocketResponseError) as refused:
        async with client.websocket("/guarded", headers={"Origin": "https://evil.example"}) as ws:
            await ws.receive()
    assert refused.value.response.status_code == 403


async def test_exempt_websocket_handshake_is_explained_in_the_debug_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    client = make_websocket_app().test_client()
    async with client.websocket("/exempt", headers={"Origin": "https://evil.example"}) as ws:
        await ws.receive()
    assert [r.getMessage() for r in caplog.records if r.name == "flask_cors"] == [
        (
            "CORS GET '/exempt' Origin='https://evil.example': websocket handshake let through: "
            "the view is marked @cors_exempt"
        )
    ]
