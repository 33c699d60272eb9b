"""The demo's Quart API: the same routes as the Flask API, as `async def` views."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from quart import Quart, Response, jsonify, request
from werkzeug.exceptions import InternalServerError

from flask_cors import CORS, cross_origin

from .flask_api import SECRET_HEADER, TRACE_HEADER, api_policy
from .servers import RequestLog

__all__ = ["create_quart_api"]


def create_quart_api(
    page_origins: Sequence[str], log: RequestLog, cookie: str = "quart_demo_user"
) -> Quart:
    """The Quart API, allowing `page_origins` (with credentials) on /api/*.

    `log` is the server's record of requests: /api/preflights reads it.
    """
    app = Quart("demo.quart_api")
    CORS(app, resources=api_policy(page_origins))
    request_ids = itertools.count(1)

    @app.get("/api/hello")
    async def hello() -> Response:
        return jsonify(message="Hello from Quart", framework="quart")

    @app.post("/api/echo")
    async def echo() -> Response:
        return jsonify(you_sent=await request.get_json(silent=True))

    @app.post("/api/login")
    async def login() -> Response:
        response = jsonify(logged_in="ada")
        response.set_cookie(cookie, "ada", httponly=True, samesite="Lax")
        return response

    @app.get("/api/whoami")
    async def whoami() -> Response:
        return jsonify(cookie=request.cookies.get(cookie))

    @app.get("/api/headers")
    async def headers() -> Response:
        response = jsonify(sent=[TRACE_HEADER, SECRET_HEADER])
        response.headers[TRACE_HEADER] = f"quart-{next(request_ids)}"
        response.headers[SECRET_HEADER] = "only-the-server-sees-this"
        return response

    @app.get("/partner/data")
    async def partner_data() -> Response:
        return jsonify(secret="for partners only")

    @app.get("/api/boom")
    async def boom() -> Response:
        raise RuntimeError("the view failed")

    @app.errorhandler(InternalServerError)
    async def internal_error(error: InternalServerError) -> tuple[Response, int]:
        return jsonify(error="internal server error", detail="the view failed"), 500

    @app.get("/api/async")
    @cross_origin(origins=list(page_origins), expose_headers=[TRACE_HEADER])
    async def async_view() -> Response:
        response = jsonify(message="Hello from an async def view", framework="quart")
        response.headers[TRACE_HEADER] = "async"
        return response

    @app.put("/api/cached")
    @app.put("/api/uncached")
    async def put_something() -> Response:
        return jsonify(stored=await request.get_json(silent=True))

    @app.get("/api/preflights")
    async def preflights() -> Response:
        path = request.args.get("path", "")
        return jsonify(path=path, preflights=log.preflights(path))

    return app
