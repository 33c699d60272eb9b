"""CORS headers survive what other code does to responses (the Quart twin).

The same cases as test_other_extensions.py, on Quart: a plain-dict `headers`, streamed
bodies from async generators, `send_file`, HEAD, 206 and 304 responses, a session read and
another extension's `response.vary.add` after our hook.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from quart import Quart, Response, abort, request, send_file, session
from quart.typing import ResponseReturnValue

from flask_cors import CORS, cross_origin
from tests.helpers import cors_headers

from .test_other_extensions import ALLOWED, BODY, OPTIONS, OWN_VARY, TRUSTED, extension_cases


@pytest.fixture(name="app")
def _app(tmp_path: Path) -> Quart:
    app = Quart(__name__)
    data = tmp_path / "data.bin"
    data.write_bytes(BODY)

    @app.route("/dict-headers")
    async def dict_headers() -> Response:
        return Response("ok")

    @app.route("/stream")
    async def stream() -> ResponseReturnValue:
        async def chunks() -> AsyncIterator[bytes]:
            for index in range(0, len(BODY), 100):
                yield BODY[index : index + 100]

        return Response(chunks(), mimetype="application/octet-stream")

    @app.route("/file")
    async def file() -> Response:
        return await send_file(data, conditional=True)

    @app.route("/etag")
    async def etag() -> Response:
        response = Response(BODY)
        response.set_etag("v1")
        return await response.make_conditional(request)

    app.secret_key = "test"

    @app.route("/session")
    async def read_session() -> Response:
        # Quart marks a session used only when it is written (Flask: also when read); then
        # its session interface does `response.vary.add("Cookie")`, after our hook.
        session["seen"] = True
        return Response("ok", headers=OWN_VARY)

    @app.route("/session-error")
    async def read_session_then_fail() -> Response:
        session["seen"] = True
        abort(409)

    @app.errorhandler(409)
    async def conflict(_error: Exception) -> Response:
        return Response("conflict", 409, headers=OWN_VARY)

    @app.route("/decorated-session")
    @cross_origin(**OPTIONS)
    async def decorated_read_session() -> Response:
        session["seen"] = True
        return Response("ok", headers=OWN_VARY)

    @app.route("/vary-add")
    async def vary_add() -> Response:
        return Response("ok", headers=OWN_VARY)

    @app.after_request
    async def add_to_vary(response: Response) -> Response:
        # Another extension: registered before CORS(app), so Quart runs it after our hook.
        if request.path == "/vary-add":
            response.vary.add("Accept-Language")
        return response

    CORS(app, **OPTIONS)

    @app.after_request
    async def replace_headers(response: Response) -> Response:
        # As some extensions do: a plain dict (repeated names lost, Headers API gone).
        # Registered after CORS(app), so Quart runs it before CORS's hook.
        if request.path == "/dict-headers":
            plain = dict(response.headers)
            plain["Vary"] = "Accept-Encoding"
            response.headers = plain  # type: ignore[assignment]
        return response

    return app


# Quart's test client keeps a HEAD body (the ASGI server drops it): not checked.
@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "body", "expected"), extension_cases(head_body=None)
)
async def test_quart_responses_changed_by_other_code_keep_exactly_their_cors_headers(
    app: Quart,
    method: str,
    path: str,
    headers: dict[str, str],
    status: int,
    body: bytes | None,
    expected: list[tuple[str, str]],
) -> None:
    client = app.test_client()
    send = {"GET": client.get, "HEAD": client.head}[method]
    response = await send(path, headers={"Origin": TRUSTED, **headers})
    data = await response.get_data()
    assert (response.status_code, data if body is not None else None) == (status, body)
    assert cors_headers(response.headers) == sorted(expected)


async def test_quart_a_304_from_send_file_keeps_the_cors_headers(app: Quart) -> None:
    client = app.test_client()
    etag = (await client.get("/file")).headers["ETag"]
    response = await client.get("/file", headers={"Origin": TRUSTED, "If-None-Match": etag})
    assert (response.status_code, cors_headers(response.headers)) == (304, ALLOWED)


async def test_quart_a_refused_origin_gets_only_vary_on_a_304(app: Quart) -> None:
    response = await app.test_client().get(
        "/etag", headers={"Origin": "https://evil.example", "If-None-Match": '"v1"'}
    )
    assert (response.status_code, cors_headers(response.headers)) == (304, [("vary", "Origin")])
