"""An async `origins` callable (a tenant lookup in a database) is awaited on Quart, by
`CORS(app)` and `@cross_origin`, on `async def` and `def` views: asked only about well-formed
origins, its errors refuse the origin (docs/design.md 7). Flask cannot await one: that is a
start-up error, tested in test_flask_async.py.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from quart import Quart

from flask_cors import CORS, cross_origin
from tests.helpers import cors_headers
from tests.scenarios import EVIL, VARY, A, B, acao

ALL_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


async def allow_b(origin: str) -> bool:
    """An async origins callable, as a tenant database lookup would be."""
    return origin == B


class OriginChecks:
    """An async origins callable that records which origins reached it."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def __call__(self, origin: str) -> bool:
        self.seen.append(origin)
        return origin == B


@pytest.mark.parametrize("sync_view", [False, True], ids=["async-view", "sync-view"])
@pytest.mark.parametrize("via", ["extension", "decorator"])
@pytest.mark.parametrize(
    ("origin", "expected"),
    [(B, [acao(B), VARY]), (A, [VARY])],
    ids=["allowed", "refused"],
)
async def test_async_origins_callable_is_awaited_on_quart(
    app: Quart, sync_view: bool, via: str, origin: str, expected: list[tuple[str, str]]
) -> None:
    async def checked_async() -> str:
        return "checked"

    def checked_sync() -> str:
        return "checked"

    checked: Any = checked_sync if sync_view else checked_async
    if via == "extension":
        CORS(app, origins=allow_b)
        app.add_url_rule("/checked", "checked", checked)
    else:
        app.add_url_rule("/checked", "checked", cross_origin(origins=allow_b)(checked))
    response = await app.test_client().get("/checked", headers={"Origin": origin})
    assert cors_headers(response.headers) == expected


async def test_async_origins_callable_answers_preflight(app: Quart) -> None:
    CORS(app, origins=allow_b)

    @app.route("/checked", methods=["PUT"])
    async def checked() -> str:
        return "checked"

    response = await app.test_client().options(
        "/checked", headers={"Origin": B, "Access-Control-Request-Method": "PUT"}
    )
    assert cors_headers(response.headers) == [
        ("access-control-allow-methods", ALL_METHODS),
        acao(B),
        VARY,
    ]


async def test_async_origins_callable_object_is_awaited(app: Quart) -> None:
    checks = OriginChecks()
    CORS(app, origins=checks)

    @app.route("/checked")
    async def checked() -> str:
        return "checked"

    response = await app.test_client().get("/checked", headers={"Origin": B})
    assert (checks.seen, cors_headers(response.headers)) == ([B], [acao(B), VARY])


@pytest.mark.parametrize(
    "origin",
    [f"{A}, {EVIL}", "https://a.example/pa th", "https://bücher.example", ""],
    ids=["list", "space", "non-ascii", "empty"],
)
async def test_async_origins_callable_never_sees_malformed_origins(app: Quart, origin: str) -> None:
    checks = OriginChecks()
    CORS(app, origins=checks)

    @app.route("/checked")
    async def checked() -> str:
        return "checked"

    await app.test_client().get("/checked", headers={"Origin": origin})
    assert checks.seen == []


async def test_async_origins_callable_is_asked_about_origins_outside_the_d2_list(
    app: Quart,
) -> None:
    checks = OriginChecks()
    CORS(app, origins=checks)

    @app.route("/checked")
    async def checked() -> str:
        return "checked"

    # flask-cors 6 matched such values (test suites send them), so the callable decides.
    for origin in ("https://a.example/path", "b.example"):
        await app.test_client().get("/checked", headers={"Origin": origin})
    assert checks.seen == ["https://a.example/path", "b.example"]


async def test_async_origins_callable_that_raises_refuses_and_logs(
    app: Quart, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(origin: str) -> bool:
        raise LookupError("tenant database down")

    CORS(app, origins=broken)

    @app.route("/checked")
    async def checked() -> str:
        return "checked"

    caplog.set_level(logging.ERROR, logger="flask_cors")
    response = await app.test_client().get("/checked", headers={"Origin": B})
    assert (
        response.status_code,
        cors_headers(response.headers),
        "'https://b.example'" in caplog.text,
    ) == (
        200,
        [VARY],
        True,
    )
