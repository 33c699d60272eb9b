"""A `@cross_origin` keyword that conflicts with the app's `CORS_*` config: Flask `async def`
views and Quart (the Flask sync twin is tests/sync/test_view_config_conflict.py).

The first request logs one ERROR carrying the `CorsConfigError`; that request and every later
one get no CORS header (every origin refused), and `quart cors routes` shows the conflict.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pytest
from flask import Flask

from flask_cors import CorsConfigError, cross_origin
from flask_cors.cli import cors_command
from tests.helpers import cors_headers
from tests.scenarios import VIEW_CONFLICT_NOTE, VIEW_CONFLICTS, A

if TYPE_CHECKING:
    from quart import Quart

PREFLIGHT = {"Origin": A, "Access-Control-Request-Method": "GET"}
CONFLICTS = pytest.mark.parametrize(
    ("kwargs", "config", "message"), list(VIEW_CONFLICTS.values()), ids=list(VIEW_CONFLICTS)
)
EXPECTED: list[tuple[int, str, list[tuple[str, str]]]] = [
    (200, "body", []),
    (200, "", []),
    (200, "body", []),
]
"""First GET, a preflight, a second GET: the view runs, and no CORS header is sent."""


async def conflicted() -> str:
    """The view whose @cross_origin keywords conflict with the app's config."""
    return "body"


def errors(caplog: pytest.LogCaptureFixture) -> list[tuple[str, bool]]:
    """The ERROR records of the flask_cors logger: message, and whether they carry a
    `CorsConfigError`."""
    return [
        (
            record.getMessage(),
            record.exc_info is not None and isinstance(record.exc_info[1], CorsConfigError),
        )
        for record in caplog.records
        if record.name == "flask_cors" and record.levelno >= logging.ERROR
    ]


def quart_app(kwargs: dict[str, Any], config: dict[str, Any]) -> Quart:
    from quart import Quart

    app = Quart(__name__, static_folder=None)
    app.config.update(config)
    app.add_url_rule("/conflicted", "conflicted", cross_origin(**kwargs)(conflicted))
    return app


@CONFLICTS
def test_flask_async_view_conflicting_with_app_config_logs_one_error_then_refuses_all(
    caplog: pytest.LogCaptureFixture, kwargs: dict[str, Any], config: dict[str, Any], message: str
) -> None:
    app = Flask(__name__, static_folder=None)
    app.config.update(config)
    app.add_url_rule("/conflicted", "conflicted", cross_origin(**kwargs)(conflicted))
    client = app.test_client()
    first = client.get("/conflicted", headers={"Origin": A})
    preflight = client.options("/conflicted", headers=PREFLIGHT)
    again = client.get("/conflicted", headers={"Origin": A})
    assert [
        (first.status_code, first.get_data(as_text=True), cors_headers(first.headers)),
        (preflight.status_code, preflight.get_data(as_text=True), cors_headers(preflight.headers)),
        (again.status_code, again.get_data(as_text=True), cors_headers(again.headers)),
    ] == EXPECTED
    assert errors(caplog) == [(f"CORS: {message}{VIEW_CONFLICT_NOTE}", True)]


@CONFLICTS
async def test_quart_view_conflicting_with_app_config_logs_one_error_then_refuses_all(
    caplog: pytest.LogCaptureFixture, kwargs: dict[str, Any], config: dict[str, Any], message: str
) -> None:
    client = quart_app(kwargs, config).test_client()
    first = await client.get("/conflicted", headers={"Origin": A})
    preflight = await client.options("/conflicted", headers=PREFLIGHT)
    again = await client.get("/conflicted", headers={"Origin": A})
    assert [
        (first.status_code, await first.get_data(as_text=True), cors_headers(first.headers)),
        (
            preflight.status_code,
            await preflight.get_data(as_text=True),
            cors_headers(preflight.headers),
        ),
        (again.status_code, await again.get_data(as_text=True), cors_headers(again.headers)),
    ] == EXPECTED
    assert errors(caplog) == [(f"CORS: {message}{VIEW_CONFLICT_NOTE}", True)]


@CONFLICTS
def test_quart_cors_routes_shows_the_conflict_before_any_request(
    kwargs: dict[str, Any], config: dict[str, Any], message: str
) -> None:
    result = quart_app(kwargs, config).test_cli_runner().invoke(cors_command, ["routes"])
    assert (result.exit_code, result.output.splitlines()[2]) == (
        0,
        (
            "/conflicted  GET      conflicted  origins none; methods DELETE, GET, HEAD, OPTIONS, "
            f"PATCH, POST, PUT; credentials no; max-age none  [{message} (every origin refused "
            "until this is fixed)]"
        ),
    )
