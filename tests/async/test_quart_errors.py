"""Error responses on Quart get the CORS headers of their path (docs/design.md 5.7)."""

from __future__ import annotations

import logging
from typing import NoReturn

import pytest
from quart import Quart, abort

from flask_cors import CORS, cross_origin
from tests.helpers import cors_headers, our_frames, quart_send
from tests.scenarios import VARY, A, acao

ORIGIN = {"Origin": A}

ERRORS = [
    ("GET", "/missing", 404),
    ("POST", "/only-get", 405),
    ("GET", "/abort", 403),
    ("GET", "/boom", 500),
    ("GET", "/sync-boom", 500),
    ("GET", "/decorated-abort", 403),
    ("GET", "/decorated-boom", 500),
]
ERROR_IDS = [
    "not-found",
    "method-not-allowed",
    "abort",
    "unhandled-async",
    "unhandled-sync",
    "decorated-abort",
    "decorated-unhandled",
]


class Teapot(Exception):
    """Answered by the app's own error handler."""


@pytest.fixture(name="app")
def _app(app: Quart) -> Quart:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer 500 instead of raising into the test

    @app.route("/abort")
    async def aborts() -> NoReturn:
        abort(403)

    @app.route("/boom")
    async def boom() -> NoReturn:
        raise RuntimeError("boom")

    @app.route("/sync-boom")
    def sync_boom() -> NoReturn:
        raise RuntimeError("boom")

    @app.route("/teapot")
    async def teapot() -> NoReturn:
        raise Teapot

    @app.route("/only-get")
    async def only_get() -> str:
        return "ok"

    @app.errorhandler(Teapot)
    async def handle_teapot(error: Teapot) -> tuple[str, int]:
        return "short and stout", 418

    return app


def add_decorated_failing_routes(app: Quart, intercept_exceptions: bool) -> None:
    @app.route("/decorated-abort")
    @cross_origin(origins=A, intercept_exceptions=intercept_exceptions)
    async def decorated_abort() -> NoReturn:
        abort(403)

    @app.route("/decorated-boom")
    @cross_origin(origins=A, intercept_exceptions=intercept_exceptions)
    async def decorated_boom() -> NoReturn:
        raise RuntimeError("boom")


@pytest.mark.parametrize(("method", "path", "status"), ERRORS, ids=ERROR_IDS)
async def test_error_response_gets_the_cors_headers_of_its_path(
    app: Quart, method: str, path: str, status: int
) -> None:
    CORS(app, origins=[A, "https://b.example"])
    add_decorated_failing_routes(app, intercept_exceptions=True)
    response = await quart_send(app.test_client(), method, path, ORIGIN)
    expected = [acao(A)] if path.startswith("/decorated") else [acao(A), VARY]
    assert (response.status_code, cors_headers(response.headers)) == (status, expected)


@pytest.mark.parametrize(("method", "path", "status"), ERRORS, ids=ERROR_IDS)
async def test_error_response_gets_no_cors_headers_without_intercept_exceptions(
    app: Quart, method: str, path: str, status: int
) -> None:
    CORS(app, origins=[A, "https://b.example"], intercept_exceptions=False)
    add_decorated_failing_routes(app, intercept_exceptions=False)
    response = await quart_send(app.test_client(), method, path, ORIGIN)
    assert (response.status_code, cors_headers(response.headers)) == (status, [])


async def test_app_error_handler_response_gets_cors_headers(app: Quart) -> None:
    CORS(app, origins=A)
    response = await app.test_client().get("/teapot", headers=ORIGIN)
    assert (response.status_code, cors_headers(response.headers)) == (418, [acao(A)])


async def test_app_error_handler_response_gets_none_without_intercept_exceptions(
    app: Quart,
) -> None:
    CORS(app, origins=A, intercept_exceptions=False)
    response = await app.test_client().get("/teapot", headers=ORIGIN)
    assert (response.status_code, cors_headers(response.headers)) == (418, [])


async def test_unhandled_exception_with_500_handler_gets_cors_headers(app: Quart) -> None:
    @app.errorhandler(500)
    async def server_error(error: Exception) -> tuple[str, int]:
        return "sorry", 500

    CORS(app, origins=A)
    response = await app.test_client().get("/boom", headers=ORIGIN)
    assert (
        response.status_code,
        await response.get_data(as_text=True),
        cors_headers(response.headers),
    ) == (
        500,
        "sorry",
        [acao(A)],
    )


async def test_normal_response_keeps_cors_headers_without_intercept_exceptions(
    app: Quart,
) -> None:
    CORS(app, origins=A, intercept_exceptions=False)
    response = await app.test_client().get("/only-get", headers=ORIGIN)
    assert cors_headers(response.headers) == [acao(A)]


async def test_a_views_exception_has_no_frame_of_flask_cors_in_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = Quart(__name__)

    @app.route("/boom")
    async def boom() -> str:
        raise RuntimeError("boom")

    CORS(app, intercept_exceptions=False)
    with caplog.at_level(logging.ERROR):
        response = await app.test_client().get("/boom", headers=ORIGIN)
    logged = [r.exc_info[1] for r in caplog.records if r.exc_info and r.exc_info[1]]
    assert (response.status_code, [str(e) for e in logged]) == (500, ["boom"])
    assert our_frames(logged[0]) == []
