"""The Quart twins of tests/sync/test_design_rules.py."""

from __future__ import annotations

from typing import Any

import pytest
import quart
from quart import Quart, request
from werkzeug.datastructures import Headers

from flask_cors import CORS, CorsOptions, cross_origin
from tests.helpers import cors_headers

A = "https://a.example"
B = "https://b.example"
C = "https://c.example"


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


# --- The Quart hook: repeated header lines, 405s ---------------------------------------------


def _plain() -> str:
    return "plain"


async def test_two_origin_lines_are_one_malformed_origin_on_quart_as_on_flask(app: Quart) -> None:
    @app.route("/r")
    async def r() -> str:
        return "r"

    CORS(app, origins=[A, B])
    send: Any = app.test_client().get
    response = await send("/r", headers=Headers([("Origin", A), ("Origin", B)]))
    assert cors_headers(response.headers) == [("vary", "Origin")]


async def test_repeated_request_headers_lines_are_all_answered_on_quart(app: Quart) -> None:
    @app.route("/r", methods=["PUT"])
    async def r() -> str:
        return "r"

    CORS(app)
    send: Any = app.test_client().options
    headers = Headers(
        [
            ("Origin", A),
            ("Access-Control-Request-Method", "PUT"),
            ("Access-Control-Request-Headers", "X-B"),
            ("Access-Control-Request-Headers", "X-A"),
        ]
    )
    response = await send("/r", headers=headers)
    assert response.headers["Access-Control-Allow-Headers"] == "X-A, X-B"


@pytest.mark.parametrize("async_view", [True, False], ids=["async-view", "sync-view"])
async def test_405_on_a_decorated_path_gets_the_decorators_headers(async_view: bool) -> None:
    app = Quart(__name__)

    async def async_r() -> str:
        return "r"

    view: Any = async_r if async_view else _plain
    app.add_url_rule("/r", "r", cross_origin(origins=[A, B], expose_headers="X-Mine")(view))
    CORS(app, origins=A)  # the app-wide policy, for paths without their own
    client = app.test_client()
    send: Any = client.delete
    response = await send("/r", headers={"Origin": B})
    assert (response.status_code, cors_headers(response.headers)) == (
        405,
        [
            ("access-control-allow-origin", B),
            ("access-control-expose-headers", "X-Mine"),
            ("vary", "Origin"),
        ],
    )


# --- docs/design.md 4 on Quart: per-app resolution, typed decorator options ------------


async def test_one_decorated_view_on_two_quart_apps_follows_each_apps_config() -> None:
    @cross_origin(max_age=5)
    async def shared() -> str:
        return "shared"

    apps = []
    for origin in (A, B):
        app = Quart(__name__)
        app.config["CORS_ORIGINS"] = origin
        app.add_url_rule("/s", "s", shared)
        apps.append(app)
    answers = []
    for _round in range(2):  # the second round from each app's cached policy
        for app in apps:
            for origin in (A, B):
                send: Any = app.test_client().get
                response = await send("/s", headers={"Origin": origin})
                answers.append(response.headers.get("Access-Control-Allow-Origin"))
    assert answers == [A, None, None, B] * 2


async def test_cors_blueprint_registered_on_two_quart_apps_follows_each_apps_config() -> None:
    bp = quart.Blueprint("bp", __name__)
    bp.add_url_rule("/b", "b", _plain)
    CORS(bp)
    answers = []
    for origin in (A, B):
        app = Quart(__name__)
        app.config["CORS_ORIGINS"] = origin
        app.register_blueprint(bp)
        for sent in (A, B):
            send: Any = app.test_client().get
            response = await send("/b", headers={"Origin": sent})
            answers.append(response.headers.get("Access-Control-Allow-Origin"))
    assert answers == [A, None, None, B]


async def test_cross_origin_with_cors_options_on_quart_ignores_config_but_not_keywords() -> None:
    app = Quart(__name__)
    app.config.update(CORS_ORIGINS=B, CORS_SUPPORTS_CREDENTIALS=True)

    async def typed() -> str:
        return "typed"

    options = CorsOptions(origins=[A, C], max_age=1)
    app.add_url_rule("/t", "t", cross_origin(options, max_age=60)(typed), methods=["PUT"])
    send: Any = app.test_client().options
    response = await send("/t", headers={"Origin": A, "Access-Control-Request-Method": "PUT"})
    assert cors_headers(response.headers) == [
        ("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ("access-control-allow-origin", A),
        ("access-control-max-age", "60"),
        ("vary", "Origin"),
    ]


async def test_405_inside_a_cors_blueprint_gets_that_blueprints_headers_on_quart() -> None:
    app, outer, inner = (
        Quart(__name__),
        quart.Blueprint("outer", __name__),
        quart.Blueprint("inner", __name__),
    )
    inner.add_url_rule("/i", "i", _plain)
    CORS(inner, origins=[A, B])
    outer.register_blueprint(inner, url_prefix="/in")
    app.register_blueprint(outer, url_prefix="/out")
    send: Any = app.test_client().delete
    response = await send("/out/in/i", headers={"Origin": A})
    assert (response.status_code, cors_headers(response.headers)) == (
        405,
        [("access-control-allow-origin", A), ("vary", "Origin")],
    )
