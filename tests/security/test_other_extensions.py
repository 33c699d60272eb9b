"""CORS headers survive what other code does to responses (Flask).

Other extensions and views replace `response.headers` with a plain dict, stream bodies,
serve files, answer HEAD, turn responses into 304s or 206s, and add to `Vary` through
Werkzeug's `response.vary` after our hook ran (Flask's session does `vary.add("Cookie")`
whenever the session was read). Each response must still carry exactly the CORS headers
its request should get, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, Response, abort, request, send_file, session, stream_with_context
from flask.typing import ResponseReturnValue

from flask_cors import CORS, cross_origin
from tests.helpers import cors_headers

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
REFUSED = {"Origin": "https://evil.example"}
OWN_VARY = {"Vary": "Accept-Encoding"}
"""The Vary line the views below answer with: `Origin` must join it, not follow it."""


def granted(vary: str) -> list[tuple[str, str]]:
    """The CORS headers of an allowed request whose one Vary line is `vary`."""
    return [*ALLOWED[:-1], ("vary", vary)]


@pytest.fixture(name="app")
def _app(tmp_path: Path) -> Flask:
    app = Flask(__name__)
    data = tmp_path / "data.bin"
    data.write_bytes(BODY)

    @app.route("/dict-headers")
    def dict_headers() -> Response:
        return Response("ok")

    @app.route("/stream")
    def stream() -> Response:
        def chunks() -> Iterator[bytes]:
            for index in range(0, len(BODY), 100):
                yield BODY[index : index + 100]

        return Response(stream_with_context(chunks()), mimetype="application/octet-stream")

    @app.route("/file")
    def file() -> ResponseReturnValue:
        return send_file(data, conditional=True, etag=True)

    @app.route("/etag")
    def etag() -> ResponseReturnValue:
        response = Response(BODY)
        response.set_etag("v1")
        return response.make_conditional(request)

    app.secret_key = "test"

    @app.route("/session")
    def read_session() -> Response:
        session.get("user")  # as Flask-Login does on every request: Vary gets Cookie
        return Response("ok", headers=OWN_VARY)

    @app.route("/session-error")
    def read_session_then_fail() -> Response:
        session.get("user")
        abort(409)

    @app.errorhandler(409)
    def conflict(_error: Exception) -> Response:
        return Response("conflict", 409, headers=OWN_VARY)

    @app.route("/decorated-session")
    @cross_origin(**OPTIONS)
    def decorated_read_session() -> Response:
        session.get("user")
        return Response("ok", headers=OWN_VARY)

    @app.route("/vary-add")
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


def extension_cases(head_body: bytes | None) -> list[Any]:
    """The cases both frameworks run: (method, path, headers, status, body, expected).

    `head_body` is what a HEAD answer's body must be, or None where the test client keeps
    it (Quart's does; the ASGI server drops it) and it is not checked.
    """
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
        pytest.param("HEAD", "/file", {}, 200, head_body, ALLOWED, id="head-of-send-file"),
        pytest.param("HEAD", "/stream", {}, 200, head_body, ALLOWED, id="head-of-stream"),
        pytest.param(
            "HEAD", "/dict-headers", {}, 200, head_body, with_dict_vary, id="head-of-dict-headers"
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
    ("method", "path", "headers", "status", "body", "expected"), extension_cases(head_body=b"")
)
def test_responses_changed_by_other_code_keep_exactly_their_cors_headers(
    app: Flask,
    method: str,
    path: str,
    headers: dict[str, str],
    status: int,
    body: bytes,
    expected: list[tuple[str, str]],
) -> None:
    client = app.test_client()
    with client.open(path, method=method, headers={"Origin": TRUSTED, **headers}) as response:
        assert (response.status_code, response.data) == (status, body)
        assert cors_headers(response.headers) == sorted(expected)


def test_a_304_from_send_file_keeps_the_cors_headers(app: Flask) -> None:
    client = app.test_client()
    with client.get("/file") as first:
        etag = first.headers["ETag"]
    with client.get("/file", headers={"Origin": TRUSTED, "If-None-Match": etag}) as response:
        assert (response.status_code, cors_headers(response.headers)) == (304, ALLOWED)


def test_a_refused_origin_gets_only_vary_on_a_304(app: Flask) -> None:
    response = app.test_client().get(
        "/etag", headers={"Origin": "https://evil.example", "If-None-Match": '"v1"'}
    )
    assert (response.status_code, cors_headers(response.headers)) == (304, [("vary", "Origin")])
