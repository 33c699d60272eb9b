"""The demo's Flask API: one route per scenario, CORS by `CORS(app)` and `@cross_origin`."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import InternalServerError

from flask_cors import CORS, cross_origin
from flask_cors.options import ResourceOptions

from .servers import RequestLog

__all__ = ["PARTNER_ORIGIN", "SECRET_HEADER", "TRACE_HEADER", "api_policy", "create_flask_api"]

PARTNER_ORIGIN = "https://partner.example"
"""The only origin allowed on /partner/*: the page's origin is refused there."""
TRACE_HEADER = "X-Request-Id"
"""Sent and exposed: a page may read it."""
SECRET_HEADER = "X-Internal-Secret"
"""Sent but not exposed: a page cannot read it."""
TOKEN_HEADER = "X-Demo-Token"
"""The one custom request header the API allows."""


def api_policy(page_origins: Sequence[str]) -> dict[str, ResourceOptions]:
    """The `resources` both APIs use (the Quart API passes the same mapping)."""
    api: ResourceOptions = {
        "origins": list(page_origins),
        "allow_headers": ["Content-Type", TOKEN_HEADER],
        "expose_headers": [TRACE_HEADER],
        "supports_credentials": True,
    }
    return {
        # Literal resources come first, so these two win over the /api/ regex.
        "/api/cached": {**api, "max_age": 600},
        "/api/uncached": {**api, "max_age": 0},
        r"/api/.*": api,
        r"/partner/.*": {"origins": [PARTNER_ORIGIN]},
    }


def create_flask_api(
    page_origins: Sequence[str], log: RequestLog, cookie: str = "flask_demo_user"
) -> Flask:
    """The Flask API, allowing `page_origins` (with credentials) on /api/*.

    `log` is the server's record of requests: /api/preflights reads it.
    """
    app = Flask("demo.flask_api")
    CORS(app, resources=api_policy(page_origins))
    request_ids = itertools.count(1)

    @app.get("/api/hello")
    def hello() -> Response:
        return jsonify(message="Hello from Flask", framework="flask")

    @app.post("/api/echo")
    def echo() -> Response:
        return jsonify(you_sent=request.get_json(silent=True))

    @app.post("/api/login")
    def login() -> Response:
        response = jsonify(logged_in="ada")
        response.set_cookie(cookie, "ada", httponly=True, samesite="Lax")
        return response

    @app.get("/api/whoami")
    def whoami() -> Response:
        return jsonify(cookie=request.cookies.get(cookie))

    @app.get("/api/headers")
    def headers() -> Response:
        response = jsonify(sent=[TRACE_HEADER, SECRET_HEADER])
        response.headers[TRACE_HEADER] = f"flask-{next(request_ids)}"
        response.headers[SECRET_HEADER] = "only-the-server-sees-this"
        return response

    @app.get("/partner/data")
    def partner_data() -> Response:
        return jsonify(secret="for partners only")

    @app.get("/api/boom")
    def boom() -> Response:
        raise RuntimeError("the view failed")

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError) -> tuple[Response, int]:
        return jsonify(error="internal server error", detail="the view failed"), 500

    @app.get("/api/async")
    @cross_origin(origins=list(page_origins), expose_headers=[TRACE_HEADER])
    async def async_view() -> Response:
        response = jsonify(message="Hello from an async def view", framework="flask")
        response.headers[TRACE_HEADER] = "async"
        return response

    @app.put("/api/cached")
    @app.put("/api/uncached")
    def put_something() -> Response:
        return jsonify(stored=request.get_json(silent=True))

    @app.get("/api/preflights")
    def preflights() -> Response:
        path = request.args.get("path", "")
        return jsonify(path=path, preflights=log.preflights(path))

    return app
