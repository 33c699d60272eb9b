"""`@cors_exempt` leaves a view out of an app-wide `CORS(app)` (docs/design.md 4 and 7):
Flask `def` and `async def` views, Quart `async def` and `def` views, Quart websockets."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import pytest
from flask import Flask
from flask.views import MethodView
from werkzeug.exceptions import Forbidden

from flask_cors import CORS, cors_exempt, cross_origin
from tests.helpers import FRAMEWORKS_AND_QUART_DEF, App, Framework, cors_headers

if TYPE_CHECKING:
    from quart import Quart  # imported in the Quart tests: Flask-only envs collect this file

ORIGIN = {"Origin": "https://app.example"}
PREFLIGHT = {"Origin": "https://app.example", "Access-Control-Request-Method": "PUT"}
ALLOWED = [("access-control-allow-origin", "https://app.example"), ("vary", "Origin")]
EVERY_KIND_OF_VIEW = pytest.mark.parametrize("framework", FRAMEWORKS_AND_QUART_DEF)


def exempt_body() -> str:
    return "exempt"


def aborting_body() -> str:
    raise Forbidden


def make_app(
    framework: Framework, body: Callable[[], str] = exempt_body, exempt_first: bool = True
) -> App:
    """An app with CORS(app) on every path, `body` exempt at /exempt, and /open."""
    app = framework.app()
    CORS(app)
    view = framework.view(body)
    if exempt_first:
        app.add_url_rule("/exempt", view_func=cors_exempt(view), methods=["GET", "PUT"])
    else:
        app.add_url_rule("/exempt", view_func=view, methods=["GET", "PUT"])
        cors_exempt(view)
    app.add_url_rule("/open", "open", framework.view(lambda: "open"))
    return app


@EVERY_KIND_OF_VIEW
def test_exempt_view_gets_no_cors_headers(framework: Framework) -> None:
    reply = framework.send(make_app(framework), "GET", "/exempt", ORIGIN)
    assert (reply.status, reply.cors) == (200, [])


@EVERY_KIND_OF_VIEW
def test_preflight_to_an_exempt_view_gets_no_cors_headers(framework: Framework) -> None:
    reply = framework.send(make_app(framework), "OPTIONS", "/exempt", PREFLIGHT)
    assert (reply.status, reply.cors) == (200, [])


@EVERY_KIND_OF_VIEW
def test_error_in_an_exempt_view_gets_no_cors_headers(framework: Framework) -> None:
    reply = framework.send(make_app(framework, aborting_body), "GET", "/exempt", ORIGIN)
    assert (reply.status, reply.cors) == (403, [])


@EVERY_KIND_OF_VIEW
def test_other_views_keep_their_cors_headers(framework: Framework) -> None:
    reply = framework.send(make_app(framework), "GET", "/open", ORIGIN)
    assert reply.cors == ALLOWED


def test_exempt_works_when_applied_after_the_route_is_registered(framework: Framework) -> None:
    app = make_app(framework, exempt_first=False)
    reply = framework.send(app, "GET", "/exempt", ORIGIN)
    assert (reply.status, reply.cors) == (200, [])


def test_exempt_returns_the_view_itself() -> None:
    def view() -> str:
        return "view"

    assert cors_exempt(view) is view


def test_exempt_view_in_a_blueprint_with_its_own_cors_gets_no_cors_headers(
    framework: Framework,
) -> None:
    app = framework.app()
    bp = framework.blueprint("api", url_prefix="/api")
    CORS(bp)
    bp.add_url_rule("/exempt", view_func=cors_exempt(framework.view(exempt_body)))
    bp.add_url_rule("/open", "open", framework.view(lambda: "open"))
    app.register_blueprint(bp)
    exempt = framework.send(app, "GET", "/api/exempt", ORIGIN)
    other = framework.send(app, "GET", "/api/open", ORIGIN)
    assert (exempt.cors, other.cors) == ([], ALLOWED)


def test_exempt_method_view_gets_no_cors_headers() -> None:
    class Items(MethodView):
        decorators: ClassVar[list[Callable[..., Any]]] = [cors_exempt]

        def get(self) -> str:
            return "items"

    app = Flask(__name__)
    CORS(app)
    app.add_url_rule("/items", view_func=Items.as_view("items"))
    response = app.test_client().get("/items", headers=ORIGIN)
    assert cors_headers(response.headers) == []


@pytest.mark.parametrize("exempt_outside", [True, False], ids=["exempt-outside", "exempt-inside"])
def test_exempt_does_not_remove_the_views_own_cross_origin(
    framework: Framework, exempt_outside: bool
) -> None:
    app = framework.app()
    CORS(app, origins="https://other.example")
    view = framework.view(lambda: "own")
    decorated = (
        cors_exempt(cross_origin(origins="https://app.example")(view))
        if exempt_outside
        else cross_origin(origins="https://app.example")(cors_exempt(view))
    )
    app.add_url_rule("/own", "own", decorated)
    reply = framework.send(app, "GET", "/own", ORIGIN)
    assert reply.cors == [("access-control-allow-origin", "https://app.example")]


# --- Quart websockets: no browser CORS, so the origin check is ours alone ------------------


def make_websocket_app() -> Quart:
    """Websocket routes under CORS(app) allowing one origin: one exempt, one guarded."""
    from quart import Quart, websocket

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


@pytest.mark.quart
async def test_exempt_websocket_accepts_a_handshake_from_any_origin() -> None:
    client = make_websocket_app().test_client()
    async with client.websocket("/exempt", headers={"Origin": "https://evil.example"}) as ws:
        assert await ws.receive() == "exempt"


@pytest.mark.quart
async def test_guarded_websocket_still_refuses_a_foreign_origin() -> None:
    from quart.testing import WebsocketResponseError

    client = make_websocket_app().test_client()
    with pytest.raises(WebsocketResponseError) as refused:
        async with client.websocket("/guarded", headers={"Origin": "https://evil.example"}) as ws:
            await ws.receive()
    assert refused.value.response.status_code == 403


@pytest.mark.quart
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
