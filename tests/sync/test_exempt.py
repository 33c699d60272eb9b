"""`@cors_exempt` leaves a view out of an app-wide `CORS(app)` (DESIGN 4 and 7), on
sync and async Flask views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from flask import Blueprint, Flask, abort
from flask.views import MethodView

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


def make_app(view: Callable[..., Any], exempt_first: bool = True) -> Flask:
    """An app with CORS(app) on every path, `view` exempt at /exempt, and /open."""
    app = Flask(__name__)
    CORS(app)
    if exempt_first:
        app.add_url_rule("/exempt", view_func=cors_exempt(view), methods=["GET", "PUT"])
    else:
        app.add_url_rule("/exempt", view_func=view, methods=["GET", "PUT"])
        cors_exempt(view)

    @app.get("/open")
    def open_view() -> str:
        return "open"

    return app


VIEWS = pytest.mark.parametrize("view", [sync_view, async_view], ids=["def", "async-def"])


@VIEWS
def test_exempt_view_gets_no_cors_headers(view: Callable[..., Any]) -> None:
    response = make_app(view).test_client().get("/exempt", headers=ORIGIN)
    assert (response.status_code, cors_headers(response.headers)) == (200, [])


@VIEWS
def test_preflight_to_an_exempt_view_gets_no_cors_headers(view: Callable[..., Any]) -> None:
    response = make_app(view).test_client().options("/exempt", headers=PREFLIGHT)
    assert (response.status_code, cors_headers(response.headers)) == (200, [])


@pytest.mark.parametrize("view", [aborting_view, async_aborting_view], ids=["def", "async-def"])
def test_error_in_an_exempt_view_gets_no_cors_headers(view: Callable[..., Any]) -> None:
    response = make_app(view).test_client().get("/exempt", headers=ORIGIN)
    assert (response.status_code, cors_headers(response.headers)) == (403, [])


@VIEWS
def test_other_views_keep_their_cors_headers(view: Callable[..., Any]) -> None:
    response = make_app(view).test_client().get("/open", headers=ORIGIN)
    assert cors_headers(response.headers) == ALLOWED


def test_exempt_works_when_applied_after_the_route_is_registered() -> None:
    response = make_app(sync_view, exempt_first=False).test_client().get("/exempt", headers=ORIGIN)
    assert cors_headers(response.headers) == []


def test_exempt_returns_the_view_itself() -> None:
    def view() -> str:
        return "view"

    assert cors_exempt(view) is view


def test_exempt_view_in_a_blueprint_with_its_own_cors_gets_no_cors_headers() -> None:
    app = Flask(__name__)
    bp = Blueprint("api", __name__, url_prefix="/api")
    CORS(bp)

    @bp.get("/exempt")
    @cors_exempt
    def exempt() -> str:
        return "exempt"

    @bp.get("/open")
    def open_view() -> str:
        return "open"

    app.register_blueprint(bp)
    client = app.test_client()
    exempt_response = client.get("/api/exempt", headers=ORIGIN)
    open_response = client.get("/api/open", headers=ORIGIN)
    assert (cors_headers(exempt_response.headers), cors_headers(open_response.headers)) == (
        [],
        ALLOWED,
    )


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
def test_exempt_does_not_remove_the_views_own_cross_origin(exempt_outside: bool) -> None:
    app = Flask(__name__)
    CORS(app, origins="https://other.example")

    def view() -> str:
        return "own"

    decorated = (
        cors_exempt(cross_origin(origins="https://app.example")(view))
        if exempt_outside
        else cross_origin(origins="https://app.example")(cors_exempt(view))
    )
    app.add_url_rule("/own", view_func=decorated)
    response = app.test_client().get("/own", headers=ORIGIN)
    assert cors_headers(response.headers) == [
        ("access-control-allow-origin", "https://app.example")
    ]
