"""CORS headers survive what other code does to responses (Flask and Quart).

Other extensions and views replace `response.headers` with a plain dict, stream bodies,
serve files, answer HEAD, turn responses into 304s or 206s, and add to `Vary` through
Werkzeug's `response.vary` after our hook ran (Flask's session does `vary.add("Cookie")`
whenever the session was read). Each response must still carry exactly the CORS headers
its request should get, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask, Response, abort, request, send_file, session, stream_with_context
from flask.typing import ResponseReturnValue

from flask_cors import CORS, cross_origin
from tests.helpers import App, Framework

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from quart import Quart
    from quart import Response as QuartResponse
    from quart.typing import ResponseReturnValue as QuartReturnValue

TRUSTED = "https://trusted.example"
OPTIONS: dict[str, Any] = {
    "origins": [TRUSTED, "https://other.example"],
    "expose_headers": ["ETag", "Content-Range"],
}
ALLOWED = [
    ("access-control-allow-origin", TRUSTED),
    ("access-control-expose-headers", "Content-Range, ETag"),
    ("vary", "Origin"),
]
BODY = b"0123456789" * 100
FLASK_BEFORE_3_1 = tuple(int(part) for part in version("flask").split(".")[:2]) < (3, 1)
REFUSED = {"Origin": "https://evil.example"}
OWN_VARY = {"Vary": "Accept-Encoding"}
"""The Vary line the views below answer with: `Origin` must join it, not follow it."""


def granted(vary: str) -> list[tuple[str, str]]:
    """The CORS headers of an allowed request whose one Vary line is `vary`."""
    return [*ALLOWED[:-1], ("vary", vary)]


@pytest.fixture(name="app")
def _app(framework: Framework, tmp_path: Path) -> App:
    data = tmp_path / "data.bin"
    data.write_bytes(BODY)
    return quart_app(data) if framework.quart else flask_app(framework, data)


def flask_app(framework: Framework, data: Path) -> Flask:
    """The Flask app: views of the framework's kind, hooks as other extensions add them."""
    app = Flask(__name__)
    view = framework.view

    @app.route("/dict-headers")
    @view
    def dict_headers() -> Response:
        return Response("ok")

    @app.route("/stream")
    @view
    def stream() -> Response:
        def chunks() -> Iterator[bytes]:
            for index in range(0, len(BODY), 100):
                yield BODY[index : index + 100]

        body: Iterator[bytes] = chunks()
        if not (framework.async_views and FLASK_BEFORE_3_1):
            # Flask before 3.1 pops the wrong context when the stream_with_context of an
            # `async def` view ends (with or without CORS): there it is a plain generator.
            body = stream_with_context(body)
        return Response(body, mimetype="application/octet-stream")

    @app.route("/file")
    @view
    def file() -> ResponseReturnValue:
        return send_file(data, conditional=True, etag=True)

    @app.route("/etag")
    @view
    def etag() -> ResponseReturnValue:
        response = Response(BODY)
        response.set_etag("v1")
        return response.make_conditional(request)

    app.secret_key = "test"

    @app.route("/session")
    @view
    def read_session() -> Response:
        # Flask-Login reads the session on every request and writes it at login; written,
        # it gets `Vary: Cookie` on every Flask we support (before 2.3 only when not empty).
        session["seen"] = True
        return Response("ok", headers=OWN_VARY)

    @app.route("/session-error")
    @view
    def read_session_then_fail() -> Response:
        session["seen"] = True
        abort(409)

    @app.errorhandler(409)
    def conflict(_error: Exception) -> Response:
        return Response("conflict", 409, headers=OWN_VARY)

    @app.route("/decorated-session")
    @cross_origin(**OPTIONS)
    @view
    def decorated_read_session() -> Response:
        session["seen"] = True
        return Response("ok", headers=OWN_VARY)

    @app.route("/vary-add")
    @view
    def vary_add() -> Response:
        return Response("ok", headers=OWN_VARY)

    @app.after_request
    def add_to_vary(response: Response) -> Response:
        # Another extension: registered before CORS(app), so Flask runs it after our hook.
        if request.path == "/vary-add":
            response.vary.add("Accept-Language")
        return response

    CORS(app, **OPTIONS)

    @app.after_request
    def replace_headers(response: Response) -> Response:
        # As some extensions do: a plain dict (repeated names lost, Headers API gone).
        # Registered after CORS(app), so Flask runs it before CORS's hook.
        if request.path == "/dict-headers":
            plain = dict(response.headers)
            plain["Vary"] = "Accept-Encoding"
            response.headers = plain  # type: ignore[assignment]
        return response

    return app


def quart_app(data: Path) -> Quart:
    """The same app on Quart: async streams, an awaited send_file, a session written."""
    from quart import Quart, Response, abort, request, send_file, session

    app = Quart(__name__)

    @app.route("/dict-headers")
    async def dict_headers() -> QuartResponse:
        return Response("ok")

    @app.route("/stream")
    async def stream() -> QuartReturnValue:
        async def chunks() -> AsyncIterator[bytes]:
            for index in range(0, len(BODY), 100):
                yield BODY[index : index + 100]

        return Response(chunks(), mimetype="application/octet-stream")

    @app.route("/file")
    async def file() -> QuartResponse:
        return await send_file(data, conditional=True)

    @app.route("/etag")
    async def etag() -> QuartResponse:
        response = Response(BODY)
        response.set_etag("v1")
        return await response.make_conditional(request)

    app.secret_key = "test"

    @app.route("/session")
    async def read_session() -> QuartResponse:
        # Quart marks a session used only when it is written (Flask: also when read); then
        # its session interface does `response.vary.add("Cookie")`, after our hook.
        session["seen"] = True
        return Response("ok", headers=OWN_VARY)

    @app.route("/session-error")
    async def read_session_then_fail() -> QuartResponse:
        session["seen"] = True
        abort(409)

    @app.errorhandler(409)
    async def conflict(_error: Exception) -> QuartResponse:
        return Response("conflict", 409, headers=OWN_VARY)

    @app.route("/decorated-session")
    @cross_origin(**OPTIONS)
    async def decorated_read_session() -> QuartResponse:
        session["seen"] = True
        return Response("ok", headers=OWN_VARY)

    @app.route("/vary-add")
    async def vary_add() -> QuartResponse:
        return Response("ok", headers=OWN_VARY)

    @app.after_request
    async def add_to_vary(response: QuartResponse) -> QuartResponse:
        # Another extension: registered before CORS(app), so Quart runs it after our hook.
        if request.path == "/vary-add":
            response.vary.add("Accept-Language")
        return response

    CORS(app, **OPTIONS)

    @app.after_request
    async def replace_headers(response: QuartResponse) -> QuartResponse:
        # As some extensions do: a plain dict (repeated names lost, Headers API gone).
        # Registered after CORS(app), so Quart runs it before CORS's hook.
        if request.path == "/dict-headers":
            plain = dict(response.headers)
            plain["Vary"] = "Accept-Encoding"
            response.headers = plain  # type: ignore[assignment]
        return response

    return app


def extension_cases() -> list[Any]:
    """The cases: (method, path, headers, status, body, expected)."""
    with_dict_vary = granted("Accept-Encoding, Origin")
    session_vary = "Accept-Encoding, Origin, Cookie"
    return [
        pytest.param(
            "GET", "/dict-headers", {}, 200, b"ok", with_dict_vary, id="headers-replaced-by-a-dict"
        ),
        pytest.param("GET", "/stream", {}, 200, BODY, ALLOWED, id="streamed"),
        pytest.param("GET", "/file", {}, 200, BODY, ALLOWED, id="send-file"),
        pytest.param(
            "GET", "/file", {"Range": "bytes=0-9"}, 206, BODY[:10], ALLOWED, id="send-file-range"
        ),
        pytest.param("HEAD", "/file", {}, 200, b"", ALLOWED, id="head-of-send-file"),
        pytest.param("HEAD", "/stream", {}, 200, b"", ALLOWED, id="head-of-stream"),
        pytest.param(
            "HEAD", "/dict-headers", {}, 200, b"", with_dict_vary, id="head-of-dict-headers"
        ),
        pytest.param(
            "GET", "/etag", {"If-None-Match": '"v1"'}, 304, b"", ALLOWED, id="304-make-conditional"
        ),
        pytest.param(
            "GET", "/session", {}, 200, b"ok", granted(session_vary), id="session-used-allowed"
        ),
        pytest.param(
            "GET",
            "/session",
            REFUSED,
            200,
            b"ok",
            [("vary", session_vary)],
            id="session-used-refused",
        ),
        pytest.param(
            "GET",
            "/session-error",
            {},
            409,
            b"conflict",
            granted(session_vary),
            id="session-used-error-response-allowed",
        ),
        pytest.param(
            "GET",
            "/session-error",
            REFUSED,
            409,
            b"conflict",
            [("vary", session_vary)],
            id="session-used-error-response-refused",
        ),
        pytest.param(
            "GET",
            "/decorated-session",
            {},
            200,
            b"ok",
            granted(session_vary),
            id="session-used-decorated-view-allowed",
        ),
        pytest.param(
            "GET",
            "/decorated-session",
            REFUSED,
            200,
            b"ok",
            [("vary", session_vary)],
            id="session-used-decorated-view-refused",
        ),
        pytest.param(
            "GET",
            "/vary-add",
            {},
            200,
            b"ok",
            granted("Accept-Encoding, Origin, Accept-Language"),
            id="vary-add-after-cors-allowed",
        ),
        pytest.param(
            "GET",
            "/vary-add",
            REFUSED,
            200,
            b"ok",
            [("vary", "Accept-Encoding, Origin, Accept-Language")],
            id="vary-add-after-cors-refused",
        ),
    ]


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "body", "expected"), extension_cases()
)
def test_responses_changed_by_other_code_keep_exactly_their_cors_headers(
    framework: Framework,
    app: App,
    method: str,
    path: str,
    headers: dict[str, str],
    status: int,
    body: bytes,
    expected: list[tuple[str, str]],
) -> None:
    reply = framework.send(app, method, path, {"Origin": TRUSTED, **headers})
    # Quart's test client keeps a HEAD body (its ASGI server drops it): not checked there.
    unchecked = framework.quart and method == "HEAD"
    assert (reply.status, None if unchecked else reply.body) == (
        status,
        None if unchecked else body,
    )
    assert reply.cors == sorted(expected)


def test_a_304_from_send_file_keeps_the_cors_headers(framework: Framework, app: App) -> None:
    etag = framework.send(app, "GET", "/file").header("ETag")
    assert etag is not None
    reply = framework.send(app, "GET", "/file", {"Origin": TRUSTED, "If-None-Match": etag})
    assert (reply.status, reply.cors) == (304, ALLOWED)


def test_a_refused_origin_gets_only_vary_on_a_304(framework: Framework, app: App) -> None:
    reply = framework.send(
        app, "GET", "/etag", {"Origin": "https://evil.example", "If-None-Match": '"v1"'}
    )
    assert (reply.status, reply.cors) == (304, [("vary", "Origin")])
