"""@cross_origin and @cors_exempt on Quart views; async origins callables.

The rules: docs/design.md sections 4, 5.8 and 7.
"""

from __future__ import annotations

import logging

import pytest
from quart import Quart

from flask_cors import CORS, cors_exempt, cross_origin
from tests.helpers import cors_headers
from tests.scenarios import EVIL, VARY, A, B, acao

PREFLIGHT = {"Origin": A, "Access-Control-Request-Method": "POST"}
ALL_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


async def test_decorator_and_extension_on_one_view_send_headers_once(app: Quart) -> None:
    CORS(app, origins=[A, B])

    @app.route("/both")
    @cross_origin(origins=A)
    async def both() -> str:
        return "both"

    response = await app.test_client().get("/both", headers={"Origin": A})
    assert cors_headers(response.headers) == [acao(A)]


async def test_decorator_refusal_is_final_under_the_extension(app: Quart) -> None:
    CORS(app)

    @app.route("/strict")
    @cross_origin(origins=B)
    async def strict() -> str:
        return "strict"

    response = await app.test_client().get("/strict", headers={"Origin": A})
    assert cors_headers(response.headers) == []


@pytest.mark.parametrize("sync_view", [False, True], ids=["async-view", "sync-view"])
async def test_automatic_options_answers_without_running_the_view(
    app: Quart, sync_view: bool
) -> None:
    calls: list[str] = []

    async def view_async() -> str:
        calls.append("ran")
        return "body"

    def view_sync() -> str:
        calls.append("ran")
        return "body"

    view = cross_origin()(view_sync) if sync_view else cross_origin()(view_async)
    app.add_url_rule("/view", "view", view, methods=["POST"])
    response = await app.test_client().options("/view", headers=PREFLIGHT)
    assert (response.status_code, calls, cors_headers(response.headers)) == (
        200,
        [],
        [("access-control-allow-methods", ALL_METHODS), acao(A), VARY],
    )


@pytest.mark.parametrize("sync_view", [False, True], ids=["async-view", "sync-view"])
async def test_automatic_options_answer_lists_the_allowed_methods(
    app: Quart, sync_view: bool
) -> None:
    async def view_async() -> str:
        return "body"

    def view_sync() -> str:
        return "body"

    view = cross_origin()(view_sync) if sync_view else cross_origin()(view_async)
    app.add_url_rule("/view", "view", view, methods=["GET", "POST"])
    response = await app.test_client().options("/view", headers=PREFLIGHT)
    assert sorted(response.headers["Allow"].split(", ")) == ["GET", "HEAD", "OPTIONS", "POST"]


async def test_view_listing_options_runs_without_automatic_options(app: Quart) -> None:
    @app.route("/own", methods=["OPTIONS"])
    @cross_origin(origins=A, automatic_options=False)
    async def own() -> str:
        return "my own answer"

    response = await app.test_client().options("/own", headers=PREFLIGHT)
    assert (await response.get_data(as_text=True), cors_headers(response.headers)) == (
        "my own answer",
        [("access-control-allow-methods", ALL_METHODS), acao(A)],
    )


async def test_exempt_view_gets_no_headers_under_the_extension(app: Quart) -> None:
    CORS(app)

    @app.route("/private")
    @cors_exempt
    async def private() -> str:
        return "private"

    response = await app.test_client().get("/private", headers={"Origin": A})
    assert cors_headers(response.headers) == []


async def test_view_that_sets_its_own_allow_origin_is_left_alone(app: Quart) -> None:
    CORS(app)

    @app.route("/own-header")
    async def own_header() -> tuple[str, dict[str, str]]:
        return "own", {"Access-Control-Allow-Origin": B}

    response = await app.test_client().get("/own-header", headers={"Origin": A})
    assert cors_headers(response.headers) == [acao(B)]


async def test_decorator_reads_app_config(app: Quart) -> None:
    app.config["CORS_EXPOSE_HEADERS"] = "X-Total"

    @app.route("/configured")
    @cross_origin(origins=A)
    async def configured() -> str:
        return "configured"

    response = await app.test_client().get("/configured", headers={"Origin": A})
    assert cors_headers(response.headers) == [acao(A), ("access-control-expose-headers", "X-Total")]


async def test_existing_vary_listing_origin_is_not_repeated(app: Quart) -> None:
    CORS(app)

    @app.route("/varies")
    async def varies() -> tuple[str, dict[str, str]]:
        return "varies", {"Vary": "Accept-Encoding, Origin"}

    response = await app.test_client().get("/varies", headers={"Origin": A})
    assert cors_headers(response.headers) == [acao(A), ("vary", "Accept-Encoding, Origin")]


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


@pytest.mark.parametrize("via", ["extension", "decorator"])
@pytest.mark.parametrize(
    ("origin", "expected"),
    [(B, [acao(B), VARY]), (A, [VARY])],
    ids=["allowed", "refused"],
)
async def test_async_origins_callable_is_awaited_on_quart(
    app: Quart, via: str, origin: str, expected: list[tuple[str, str]]
) -> None:
    async def checked() -> str:
        return "checked"

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
