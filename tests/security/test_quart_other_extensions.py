"""CORS headers survive what other code does to responses (the Quart twin).

The same cases as test_other_extensions.py, on Quart: a plain-dict `headers`, streamed
bodies from async generators, `send_file`, HEAD, 206 and 304 responses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from quart import Quart, Response, request, send_file
from quart.typing import ResponseReturnValue

from flask_cors import CORS
from tests.helpers import cors_headers

from .test_other_extensions import ALLOWED, BODY, OPTIONS, TRUSTED, extension_cases


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
