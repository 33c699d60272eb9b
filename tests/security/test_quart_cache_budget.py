"""All of flask_cors's caches together keep at most `CACHE_BUDGET` bytes, whatever clients
send (the Quart twin of test_cache_budget.py).

Requests go straight to the ASGI app, as a server sends them, and are measured with
`tracemalloc`: the bytes allocated while answering them that are still alive afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from quart import Quart

from flask_cors import CORS, _cache
from tests.security.budget import (
    TIMES_THE_BUDGET,
    Request,
    asgi_scope,
    hostile_requests,
    registrations,
    retained_bytes_async,
)

from .test_cache_budget import FLOOD


def quart_app() -> Quart:
    """An app with many registrations and one view under them (requests reach it or 404)."""
    app = Quart(__name__)
    for options in registrations():
        CORS(app, **options)

    @app.route("/r<group>/<path:rest>", methods=["GET", "PUT"])
    async def resource(group: str, rest: str) -> str:
        return "ok"

    return app


async def send(app: Quart, requests: Iterable[Request]) -> None:
    """Each request through the ASGI app, as a server sends it."""
    for method, path, headers in requests:
        await send_one(app, asgi_scope(method, path, headers))


async def send_one(app: Quart, scope: dict[str, Any]) -> None:
    """One request: its empty body, then nothing until Quart has answered and cancels."""
    messages: list[dict[str, Any]] = [{"type": "http.request", "body": b""}]

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop()
        await asyncio.Event().wait()  # the client stays connected until the answer
        return {"type": "http.disconnect"}

    async def reply(message: dict[str, Any]) -> None:
        pass

    await app(scope, receive, reply)  # type: ignore[arg-type]


async def test_quart_caches_stay_within_the_byte_budget_under_the_worst_traffic(
    charged: list[int],
) -> None:
    app = quart_app()
    await send(app, hostile_requests(10))  # first requests set up what any app keeps
    held = await retained_bytes_async(lambda: send(app, hostile_requests(FLOOD)))
    assert sum(charged) >= TIMES_THE_BUDGET * _cache.CACHE_BUDGET
    assert held <= _cache.CACHE_BUDGET


async def test_quart_caches_are_charged_at_least_what_they_keep_alive() -> None:
    app = quart_app()
    await send(app, hostile_requests(10))
    _cache.empty_all()
    held = await retained_bytes_async(lambda: send(app, hostile_requests(300)))
    assert 0 < held <= _cache.bytes_in_use() < _cache.CACHE_BUDGET
