"""Quart websocket handshakes are checked against the route's policy (docs/design.md 7)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from quart import Quart, websocket
from quart.testing.connections import WebsocketDisconnectError, WebsocketResponseError

from flask_cors import CORS, cors_exempt, cross_origin
from tests.scenarios import EVIL, A, B

Asgi = Callable[[Any, Any, Any], Awaitable[None]]


@pytest.fixture(name="handled")
def _handled() -> list[str]:
    return []


def add_socket(app: Quart, handled: list[str], path: str = "/ws", guard: bool = False) -> None:
    """A websocket route that records that its handler ran, then sends 'hello'."""

    async def socket() -> None:
        handled.append(path)
        await websocket.accept()
        await websocket.send("hello")

    handler = cross_origin(origins=A)(socket) if guard else socket
    app.add_websocket(path, path, handler)


async def handshake(
    app: Quart, origin: str | None, path: str = "/ws", scheme: str = "ws"
) -> int | str:
    """The handshake's outcome: the first message, or the HTTP status of the denial."""
    headers = {"Origin": origin} if origin is not None else {}
    try:
        client = app.test_client()
        async with client.websocket(path, headers=headers, scheme=scheme) as connection:
            # A bound, not a timing check: a crashed handler would leave receive() waiting.
            async with asyncio.timeout(10):
                return await connection.receive()  # type: ignore[return-value]
    except WebsocketResponseError as denial:
        return denial.response.status_code


COVERED = ["extension", "decorator"]


def cover(app: Quart, handled: list[str], via: str) -> None:
    if via == "extension":
        CORS(app, origins=A)
    add_socket(app, handled, guard=via == "decorator")


@pytest.mark.parametrize("via", COVERED)
async def test_handshake_from_refused_origin_gets_403_before_the_handler_runs(
    app: Quart, handled: list[str], via: str
) -> None:
    cover(app, handled, via)
    assert (await handshake(app, EVIL), handled) == (403, [])


@pytest.mark.parametrize("via", COVERED)
async def test_handshake_from_malformed_origin_gets_403(
    app: Quart, handled: list[str], via: str
) -> None:
    cover(app, handled, via)
    assert (await handshake(app, f"{A}, {EVIL}"), handled) == (403, [])


@pytest.mark.parametrize("via", COVERED)
async def test_handshake_from_allowed_origin_reaches_the_handler(
    app: Quart, handled: list[str], via: str
) -> None:
    cover(app, handled, via)
    assert (await handshake(app, A), handled) == ("hello", ["/ws"])


@pytest.mark.parametrize("via", COVERED)
async def test_handshake_without_origin_passes(app: Quart, handled: list[str], via: str) -> None:
    cover(app, handled, via)
    assert (await handshake(app, None), handled) == ("hello", ["/ws"])


@pytest.mark.parametrize("via", COVERED)
async def test_handshake_refusal_closes_before_accept_without_denial_support(
    app: Quart, handled: list[str], via: str
) -> None:
    cover(app, handled, via)

    def without_denial_responses(asgi: Asgi) -> Asgi:
        # An ASGI server without the websocket.http.response extension.
        async def app_without(scope: Any, receive: Any, send: Any) -> None:
            await asgi({**scope, "extensions": {}}, receive, send)

        return app_without

    app.asgi_app = without_denial_responses(app.asgi_app)  # type: ignore[method-assign, assignment]
    async with app.test_client().websocket("/ws", headers={"Origin": EVIL}) as connection:
        with pytest.raises(WebsocketDisconnectError):
            async with asyncio.timeout(10):
                await connection.receive()
        accepted = connection.accepted  # type: ignore[attr-defined]
    assert (accepted, handled) == (False, [])


async def test_resources_decide_which_websockets_are_guarded(
    app: Quart, handled: list[str]
) -> None:
    CORS(app, origins=A, resources=r"/api/.*")
    add_socket(app, handled, "/api/ws")
    add_socket(app, handled, "/other/ws")
    outcomes = (await handshake(app, EVIL, "/api/ws"), await handshake(app, EVIL, "/other/ws"))
    assert (outcomes, handled) == ((403, "hello"), ["/other/ws"])


async def test_exempt_websocket_is_not_guarded(app: Quart, handled: list[str]) -> None:
    CORS(app, origins=A)

    @app.websocket("/open")
    @cors_exempt
    async def open_socket() -> None:
        handled.append("/open")
        await websocket.accept()
        await websocket.send("hello")

    assert (await handshake(app, EVIL, "/open"), handled) == ("hello", ["/open"])


async def test_decorator_guard_wins_over_the_extension(app: Quart, handled: list[str]) -> None:
    CORS(app, origins=B)
    add_socket(app, handled, guard=True)  # allows A only
    outcomes = (await handshake(app, A), await handshake(app, B))
    assert (outcomes, handled) == (("hello", 403), ["/ws"])


async def test_async_origins_callable_guards_handshakes(app: Quart, handled: list[str]) -> None:
    async def allow_a(origin: str) -> bool:
        return origin == A

    CORS(app, origins=allow_a)
    add_socket(app, handled)
    outcomes = (await handshake(app, A), await handshake(app, EVIL))
    assert (outcomes, handled) == (("hello", 403), ["/ws"])


async def test_app_error_handler_still_answers_websocket_errors(app: Quart) -> None:
    CORS(app, origins=A)

    @app.websocket("/broken")
    async def broken() -> None:
        raise LookupError("no such room")

    @app.errorhandler(LookupError)
    async def no_room(error: LookupError) -> tuple[str, int]:
        return "no such room", 404

    assert await handshake(app, A, "/broken") == 404


@pytest.mark.parametrize(
    ("origin", "outcome"),
    [
        pytest.param(EVIL, "refused with 403: origin not allowed", id="refused"),
        pytest.param(A, "let through: origin allowed", id="allowed"),
    ],
)
@pytest.mark.parametrize("scheme", ["ws", "wss"])
async def test_handshake_is_explained_in_the_debug_log(
    app: Quart,
    handled: list[str],
    caplog: pytest.LogCaptureFixture,
    origin: str,
    outcome: str,
    scheme: str,
) -> None:
    cover(app, handled, "extension")
    caplog.set_level(logging.DEBUG, logger="flask_cors")
    await handshake(app, origin, scheme=scheme)
    assert (
        f"CORS GET '/ws' Origin={origin!r}: websocket handshake {outcome} by CORS(app) "
        "resource '/*'"
    ) in caplog.text


async def test_decorated_sync_websocket_handler_is_guarded_too(
    app: Quart, handled: list[str]
) -> None:
    @app.websocket("/sync")
    @cross_origin(origins=A)
    def sync_socket() -> tuple[str, int]:
        handled.append("/sync")
        return "refused by the handler itself", 409  # sent as a denial response

    outcomes = (await handshake(app, EVIL, "/sync"), await handshake(app, A, "/sync"))
    assert (outcomes, handled) == ((403, 409), ["/sync"])


async def test_decorated_sync_websocket_handler_refuses_when_the_origins_callable_is_async(
    app: Quart, handled: list[str]
) -> None:
    async def allow_a(origin: str) -> bool:
        return origin == A

    @app.websocket("/sync")
    @cross_origin(origins=allow_a)
    def sync_socket() -> tuple[str, int]:
        handled.append("/sync")
        return "refused by the handler itself", 409

    # Quart runs a sync handler in a worker thread, where the callable cannot be awaited.
    assert (await handshake(app, A, "/sync"), handled) == (403, [])
